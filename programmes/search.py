"""Search that understands Polish, Ukrainian and English inflection.

Texts and queries go through the same steps. Polish and English words are cut
to their stems by the Snowball stemmers (PyStemmer) and folded to lower case
without diacritics; Ukrainian words are reduced to their dictionary forms by
pymorphy3 (PyStemmer has no Ukrainian algorithm) and lower-cased, Cyrillic
letters kept. A query stem matches the start of a stored stem, so "angielski"
finds "języka angielskiego", "zeslawice" finds "Zesławicach" and "англійська"
finds "англійської мови".

Each programme and activity stores one search form holding the forms of its
Polish, Ukrainian and English texts, and one row per form in its word index
(StemIndex in programmes/models.py), both built by refresh_search_index(). A
query word is analysed once per request (Query) in Polish and in the visitor's
language, and matches when any of its forms starts a stored form; the index is
searched by ranges of plain strings, so SQLite and PostgreSQL give the same results.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer
from django.utils.translation import get_language

# Letters that Unicode decomposition does not reduce to a base letter.
_SPECIAL_LETTERS = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss"})
# Ukrainian words keep their apostrophe (м'яч, комп'ютер), written in any of its forms.
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})
_WORD = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MAX_QUERY_LENGTH = 100
MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 40
LANGUAGES = ("pl", "uk", "en")
_snowball = {"pl": Stemmer.Stemmer("polish"), "en": Stemmer.Stemmer("english")}


def fold(text):
    """Lower-case text; Latin letters lose their diacritics ("Łęg" -> "leg"), Cyrillic stays."""
    text = text.translate(_SPECIAL_LETTERS).translate(_APOSTROPHES).casefold()
    folded = []
    for char in text:
        if _CYRILLIC.match(char):
            folded.append(char)
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            folded.extend(part for part in decomposed if not unicodedata.combining(part))
    return "".join(folded)


@lru_cache(maxsize=1)
def _ukrainian():
    """pymorphy3's Ukrainian dictionary: about 30 MB, loaded on first use."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


@lru_cache(maxsize=20_000)
def forms(word, language="pl"):
    """The search forms of one word in a language: stems, or every possible lemma."""
    word = word[:MAX_WORD_LENGTH].translate(_APOSTROPHES).casefold()
    if _CYRILLIC.search(word):
        # Cyrillic is analysed as Ukrainian whatever the page language.
        lemmas = {parse.normal_form for parse in _ukrainian().parse(word)}
        return tuple(sorted(fold(lemma) for lemma in lemmas | {word}))
    stemmer = _snowball.get(language, _snowball["pl"])
    return (fold(stemmer.stemWord(word)),)


def stem(word, language="pl"):
    """The one stored form of a word: its stem, or its most likely lemma."""
    return forms(word, language)[0]


def words(text):
    return _WORD.findall(text or "")


def document(pl=(), uk=(), en=()):
    """The stored search form of texts in each language: unique forms between spaces."""
    texts = {"pl": pl, "uk": uk, "en": en}
    unique = dict.fromkeys(
        form
        for language, parts in texts.items()
        for part in parts
        for word in words(part)
        for form in forms(word, language)
    )
    return " " + " ".join(unique) + " "


def translations(instance, *fields):
    """Texts of `fields` for document(), read from each language's column."""
    return {
        language: [getattr(instance, f"{field}_{language}", "") or "" for field in fields]
        for language in LANGUAGES
    }


def reads_changed(update_fields, fields):
    """Did a save with `update_fields` (None: every field) write one of `fields`?

    Translated fields count in each language: `title` covers `title_uk`.
    """
    if update_fields is None:
        return True
    return any(
        name == field or name.startswith(f"{field}_") for name in update_fields for field in fields
    )


def in_batches(queryset, size=500):
    """Lists of at most `size` rows of `queryset`.

    The ids are read first, so the caller may write to the rows between batches.
    """
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        yield list(queryset.filter(pk__in=ids[start : start + size]))


def query_languages():
    current = (get_language() or "pl").split("-")[0]
    return list(dict.fromkeys(["pl", current if current in LANGUAGES else "pl"]))


def query_terms(query):
    """Per query word, the forms it may take (in Polish and in the visitor's language).

    Bounded so junk cannot make a huge query.
    """
    languages = query_languages()
    terms = []
    for word in words(query):
        alternatives = tuple(
            dict.fromkeys(form for language in languages for form in forms(word, language))
        )
        if alternatives not in terms:
            terms.append(alternatives)
    return terms[:MAX_QUERY_WORDS]


class Query:
    """A visitor's search text, analysed once: each word's forms, for finding and marking.

    Built by the listing's FilterSet; the same object filters the rows and
    highlights the words on every card of the page.
    """

    def __init__(self, text=""):
        self.text = text or ""
        self.languages = query_languages()
        self.terms = query_terms(self.text)
        self.forms = [form for alternatives in self.terms for form in alternatives]

    @classmethod
    def of(cls, query):
        return query if isinstance(query, cls) else cls(query)

    def __str__(self):
        return self.text

    def __repr__(self):
        # Also what a cached card's key holds (programmes/fragments.py): the marks follow it.
        return f"Query({self.text!r}, languages={self.languages!r})"

    def __bool__(self):
        return bool(self.terms)

    def highlight_spans(self, text):
        """(start, end) of each word in `text` whose form starts with a query form."""
        if not self.terms:
            return []
        return [
            match.span()
            for match in _WORD.finditer(text)
            if any(
                form.startswith(term)
                for language in self.languages
                for form in forms(match.group(), language)
                for term in self.forms
            )
        ]


# A token with a digit, "@", "://" or a dot inside a word could be a phone, PESEL or
# e-mail address or a link: the search statistics never keep it, not even as a stem.
_PERSONAL_TOKEN = re.compile(r"\d|@|://|\w\.\w")
MAX_COUNTED_LENGTH = 200


def counted_query(query, language="pl"):
    """A search (text or a Query) as the statistics keep it: the stems of its words, in
    the order typed, each once, without any token that could be personal data (see
    _PERSONAL_TOKEN).

    "Angielski dla seniorów" becomes "angielsk dla senior", which the finder also
    accepts as a search; "tel. 600 100 200" becomes "tel". Empty when nothing is left.
    """
    tokens = [token for token in str(query or "").split() if not _PERSONAL_TOKEN.search(token)]
    stems = dict.fromkeys(stem(word, language) for token in tokens for word in words(token))
    return " ".join(list(stems)[:MAX_QUERY_WORDS])[:MAX_COUNTED_LENGTH]


def highlight_spans(text, query):
    """(start, end) of each word in `text` whose form starts with a form of `query`."""
    return Query.of(query).highlight_spans(text)


# Polish alphabetical order, the same on every database: each character becomes two
# digits, and strings of digits compare alike under any collation (SQLite's binary
# one, or PostgreSQL's libc or ICU locale). "Łęg" sorts after "Lipa" and before "Mak".
POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuvwxyzźż"
SORT_SEPARATOR = "00"
_SORT_CODES = {" ": "01"}
_SORT_CODES.update({str(digit): f"{digit + 2:02d}" for digit in range(10)})
_SORT_CODES.update({letter: f"{i + 12:02d}" for i, letter in enumerate(POLISH_ALPHABET)})


def sort_key(text):
    """A key that orders texts as a Polish dictionary does; punctuation is ignored."""
    codes = []
    for char in " ".join((text or "").split()).casefold():
        code = _SORT_CODES.get(char)
        if code is None:
            # Other Latin letters (é, ü…) sort with their base letter.
            code = _SORT_CODES.get(fold(char)[:1]) if char.isalnum() else None
        if code is not None:
            codes.append(code)
    return "".join(codes)
