import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from rdflib import RDF, Graph, Namespace, URIRef

from tests.opendata.hsds import get_json

# Plain namespaces: rdflib's closed DCAT namespace warns when pytest inspects it.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")


@pytest.mark.parametrize(
    ("language", "heading"), [("pl", "Otwarte dane"), ("uk", "Відкриті дані"), ("en", "Open data")]
)
def test_it_explains_the_open_data_in_each_language(client, db, language, heading):
    with translation.override(language):
        url = reverse("opendata:page")
    page = client.get(url).content.decode()
    assert f"<h1>{heading}</h1>" in page


def test_it_is_linked_from_the_footer(client, db):
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("opendata:page")}"' in home


def test_it_shows_the_licence_as_proposed_until_mops_confirms_it(client, db, settings):
    settings.OPEN_DATA_LICENCE_CONFIRMED = False
    page = client.get(reverse("opendata:page")).content.decode()
    assert "Proponowana licencja: CC BY 4.0" in page


def test_it_shows_the_licence_as_granted_once_confirmed(client, db, settings):
    settings.OPEN_DATA_LICENCE_CONFIRMED = True
    page = client.get(reverse("opendata:page")).content.decode()
    assert "Proponowana" not in page
    assert "na licencji CC BY 4.0" in page


def test_its_curl_examples_answer(client, directory):
    root = get_json(client, reverse("hsds:root"))
    assert root["profile"].endswith(reverse("opendata:page") + "#hsds")
    page = client.get(reverse("opendata:page")).content.decode()
    assert f'curl "http://testserver{reverse("hsds:services")}?search=siatkówka"' in page


def catalogue(client):
    response = client.get(reverse("hsds:dcat"))
    assert response["Content-Type"] == "application/rdf+xml; charset=utf-8"
    return Graph().parse(data=response.content, format="xml")


def test_the_catalogue_describes_the_dataset_and_its_distributions(client, directory):
    graph = catalogue(client)
    [dataset] = graph.subjects(RDF.type, DCAT.Dataset)
    downloads = {str(url) for url in graph.objects(None, DCAT.downloadURL)}
    assert f"http://testserver{reverse('hsds:datapackage')}" in downloads
    assert len(list(graph.objects(dataset, DCAT.distribution))) == 4
    assert list(graph.subjects(DCAT.dataset, dataset))


def test_the_catalogue_claims_a_licence_only_once_confirmed(client, directory, settings):
    settings.OPEN_DATA_LICENCE_CONFIRMED = False
    assert list(catalogue(client).objects(None, DCTERMS.license)) == []
    settings.OPEN_DATA_LICENCE_CONFIRMED = True
    cache.clear()  # a settings change comes with a restart, which empties the page cache
    licences = set(catalogue(client).objects(None, DCTERMS.license))
    assert licences == {URIRef("https://creativecommons.org/licenses/by/4.0/")}
