"""Photo uploads: checked by content, limited in size and pixels, cleaned and resized."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms import modelform_factory
from django.urls import reverse
from PIL import Image

from activities.models import ActivityPhoto
from programmes.models import ProgrammePhoto
from programmes.photos import validate_photo
from tests.admin_forms import post_data
from tests.factories import ActivityFactory, ProgrammeFactory, coordinator

pytestmark = pytest.mark.django_db

PhotoForm = modelform_factory(
    ProgrammePhoto,
    fields=["programme", "image", "alt_text", "shows_people", "people_consent", "published"],
)
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def image_bytes(fmt="JPEG", size=(1200, 800), exif=None, mode="RGB"):
    buffer = io.BytesIO()
    extra = {"exif": exif} if exif is not None else {}
    Image.new(mode, size, "orange").save(buffer, fmt, **extra)
    return buffer.getvalue()


def upload(data, name="photo.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def gps_exif(orientation=1):
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "Telefon Testowy"  # camera maker
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (50.0, 4.0, 30.0)
    gps[3] = "E"
    gps[4] = (20.0, 0.0, 15.0)
    return exif


def png_header(width, height):
    """A PNG that claims huge dimensions: the start of a decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    idat_data = zlib.compress(b"\0" * 1024)
    idat = struct.pack(">I", len(idat_data)) + b"IDAT" + idat_data
    idat += struct.pack(">I", zlib.crc32(b"IDAT" + idat_data))
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat


def submit(data, name="photo.jpg", **fields):
    programme = ProgrammeFactory()
    form = PhotoForm(
        {"programme": programme.pk, "alt_text": "Dzieci przy stole", "published": "on", **fields},
        {"image": upload(data, name)},
    )
    return form


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def test_it_rejects_a_file_that_is_not_an_image(media_root):
    form = submit(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n", name="zdjecie.jpg")
    assert not form.is_valid()
    assert form.errors["image"] == [
        "Ten plik nie jest obrazem JPEG, PNG ani WebP. Wybierz zdjęcie w jednym z tych formatów."
    ]
    assert stored_files(media_root) == []


def test_it_rejects_an_image_in_another_format(media_root):
    form = submit(image_bytes("GIF", mode="P"), name="animacja.jpg")
    assert not form.is_valid()
    assert "image" in form.errors
    assert stored_files(media_root) == []


def test_it_rejects_a_decompression_bomb(media_root):
    form = submit(png_header(30_000, 30_000), name="bomba.png")
    assert not form.is_valid()
    assert form.errors["image"][0].startswith("Obraz ma za dużo pikseli.")
    assert stored_files(media_root) == []


def test_it_rejects_an_image_over_the_pixel_limit(media_root, settings):
    settings.PHOTO_MAX_PIXELS = 1_000_000
    form = submit(image_bytes("PNG", size=(1500, 1000), mode="1"), name="duze.png")
    assert not form.is_valid()
    assert form.errors["image"][0].startswith("Obraz ma za dużo pikseli.")
    assert stored_files(media_root) == []


def test_it_rejects_a_file_that_is_too_large(media_root):
    data = image_bytes()
    data += b"\0" * (10 * 1024 * 1024 + 1 - len(data))
    form = submit(data)
    assert not form.is_valid()
    assert form.errors["image"] == ["Plik jest za duży (10.0 MB). Limit to 10 MB."]
    assert stored_files(media_root) == []


def test_it_removes_gps_and_all_exif_data(media_root, django_capture_on_commit_callbacks):
    form = submit(image_bytes(exif=gps_exif()))
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        photo = form.save()
    for path in stored_files(media_root):
        with Image.open(path) as saved:
            assert dict(saved.getexif()) == {}, path.name
            assert "exif" not in saved.info, path.name
    assert len(stored_files(media_root)) == 1 + 2 * len(photo.renditions)


def test_it_turns_the_photo_upright_by_its_orientation(
    media_root, django_capture_on_commit_callbacks
):
    # Orientation 6: the camera was turned; the picture must be shown rotated by 90°.
    with django_capture_on_commit_callbacks(execute=True):
        photo = submit(image_bytes(size=(1200, 800), exif=gps_exif(orientation=6))).save()
    assert (photo.width, photo.height) == (800, 1200)
    with photo.image.open() as stored, Image.open(stored) as image:
        assert image.size == (800, 1200)


def test_it_makes_webp_and_jpeg_renditions(media_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = submit(image_bytes(size=(2400, 1600))).save()
    assert [rendition["width"] for rendition in photo.renditions] == [480, 960, 1600]
    with Image.open(media_root / photo.renditions[0]["webp"]) as small:
        assert (small.format, small.size) == ("WEBP", (480, 320))
    with Image.open(media_root / photo.renditions[0]["jpeg"]) as small:
        assert small.format == "JPEG"


def test_it_requires_alt_text():
    form = submit(image_bytes(), alt_text="")
    assert "alt_text" in form.errors


def test_it_requires_consent_before_publishing_a_photo_of_people(media_root):
    form = submit(image_bytes(), shows_people="on")
    assert not form.is_valid()
    assert form.non_field_errors()[0].startswith("Zdjęcie z ludźmi można opublikować dopiero")
    assert stored_files(media_root) == []


def test_it_keeps_an_unpublished_photo_of_people_without_consent():
    form = submit(image_bytes(), shows_people="on", published="")
    assert form.is_valid(), form.errors


def test_it_shows_photos_with_srcset_lazy_loading_and_dimensions(client):
    activity = ActivityFactory()
    ActivityPhoto.objects.create(
        activity=activity, image=upload(image_bytes()), alt_text="Turniej siatkówki"
    )
    text = client.get(activity.get_absolute_url()).text
    assert '<source type="image/webp"' in text
    assert 'alt="Turniej siatkówki"' in text
    assert 'loading="lazy"' in text
    assert 'width="1200" height="800"' in text
    assert "-480.webp 480w" in text


def test_it_hides_a_photo_of_people_without_consent(client):
    activity = ActivityFactory()
    ActivityPhoto.objects.create(
        activity=activity,
        image=upload(image_bytes()),
        alt_text="Uczestnicy warsztatów",
        shows_people=True,
        published=False,
    )
    assert "Uczestnicy warsztatów" not in client.get(activity.get_absolute_url()).text


def test_it_rejects_a_bad_upload_in_admin_with_a_form_error(client, media_root):
    activity = ActivityFactory()
    client.force_login(coordinator(activity.programme))
    url = reverse("admin:activities_activity_change", args=[activity.pk])
    data = post_data(client.get(url))
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": upload(b"not an image at all", "zdjecie.jpg"),
            "photos-0-alt_text": "Coś",
            "photos-0-published": "on",
            "photos-0-order": "0",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Ten plik nie jest obrazem" in response.content.decode()
    assert stored_files(media_root) == []
    assert not ActivityPhoto.objects.exists()


def test_it_accepts_png_and_webp_but_not_gif():
    for fmt in ("PNG", "WEBP"):
        validate_photo(upload(image_bytes(fmt), f"photo.{fmt.lower()}"))
    with pytest.raises(ValidationError):
        validate_photo(upload(b"GIF89a....", "photo.gif"))


def test_it_stores_a_photo_uploaded_in_admin_without_its_gps(
    client, media_root, django_capture_on_commit_callbacks
):
    activity = ActivityFactory()
    client.force_login(coordinator(activity.programme))
    url = reverse("admin:activities_activity_change", args=[activity.pk])
    data = post_data(client.get(url))
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": upload(image_bytes(exif=gps_exif())),
            "photos-0-alt_text": "Sala z krzesłami",
            "photos-0-published": "on",
            "photos-0-order": "0",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    photo = ActivityPhoto.objects.get(activity=activity)
    with photo.image.open() as stored, Image.open(stored) as image:
        assert GPS_IFD not in image.getexif()
        assert image.format == "JPEG"


def blank_png(width, height):
    """A real, valid black-and-white PNG of any size; tiny on disk because it is all zeros."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\0" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    rows_per_chunk = max(1, 1_000_000 // len(row))
    data = b"".join(
        compressor.compress(row * min(rows_per_chunk, height - start))
        for start in range(0, height, rows_per_chunk)
    )
    data += compressor.flush()

    def chunk(kind, body):
        checksum = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + checksum

    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def post_photo_in_admin(client, data, name):
    activity = ActivityFactory()
    client.force_login(coordinator(activity.programme))
    url = reverse("admin:activities_activity_change", args=[activity.pk])
    form = post_data(client.get(url))
    form.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": SimpleUploadedFile(name, data, content_type="image/png"),
            "photos-0-alt_text": "Długi pasek",
            "photos-0-published": "on",
            "photos-0-order": "0",
        }
    )
    return client.post(url, form)


@pytest.mark.parametrize(
    "width, height, name",
    [(1000, 20_000, "wysoki.png"), (1, 40_000_000, "nitka.png")],
)
def test_it_refuses_a_photo_too_long_on_one_side_with_a_form_error(
    client, media_root, width, height, name
):
    data = blank_png(width, height)
    assert len(data) < 200_000
    response = post_photo_in_admin(client, data, name)
    assert response.status_code == 200
    assert "Zdjęcie jest za długie lub za wąskie" in response.text
    assert stored_files(media_root) == []
    assert not ActivityPhoto.objects.exists()


def test_it_leaves_no_file_behind_when_saving_a_photo_fails(media_root, monkeypatch):
    form = submit(image_bytes())
    assert form.is_valid(), form.errors

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("programmes.photos._encode_rendition", fail)
    with pytest.raises(OSError):
        form.save()
    assert stored_files(media_root) == []
    assert not ProgrammePhoto.objects.exists()


def test_it_writes_no_file_when_the_surrounding_save_is_rolled_back(
    media_root, django_capture_on_commit_callbacks
):
    # As in admin: the photo saves, then a later inline of the same form fails.
    form = submit(image_bytes())
    assert form.is_valid(), form.errors
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        form.save()
        raise RuntimeError("a later inline failed")
    assert stored_files(media_root) == []
    assert not ProgrammePhoto.objects.exists()


def test_it_drops_the_photo_when_its_files_cannot_be_written_after_commit(
    media_root, django_capture_on_commit_callbacks, monkeypatch
):
    form = submit(image_bytes(size=(1200, 800)))
    assert form.is_valid(), form.errors
    storage = ProgrammePhoto._meta.get_field("image").storage
    real_save = storage.save
    calls = []

    def fail_on_third_file(name, content, **kwargs):
        calls.append(name)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_save(name, content, **kwargs)

    monkeypatch.setattr(storage, "save", fail_on_third_file)
    with django_capture_on_commit_callbacks(execute=True):
        form.save()
    assert len(calls) == 3
    assert stored_files(media_root) == []
    assert not ProgrammePhoto.objects.exists()
