"""Staff photo uploads: checked by content, re-encoded without metadata, resized.

Checks run as a field validator, so a rejected upload is a form error and nothing is
written to storage. Accepted photos are decoded once more, turned upright
(EXIF orientation), stripped of every metadata block (EXIF, GPS, XMP, comments) by
re-encoding the pixels alone, and saved as a JPEG plus WebP and JPEG renditions, written
only after the photo's row is committed.
Only `default_storage`-compatible FileField APIs are used, so any storage backend works.
"""

import io
import logging
import posixpath
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = ("JPEG", "PNG", "WEBP")
# Widths of the resized copies; the largest copy is never wider than MAX_WIDTH.
WIDTHS = (480, 960)
MAX_WIDTH = 1600
QUALITY = 82
logger = logging.getLogger(__name__)
NOT_AN_IMAGE = _(
    "This file is not a JPEG, PNG or WebP image. Choose a photo in one of these formats."
)


def upload_to(instance, filename):
    return f"photos/{uuid.uuid4().hex}.jpg"


def _open(file):
    """Decode the header only, from the start of the file, limited to FORMATS."""
    file.seek(0)
    with warnings.catch_warnings():
        # Pillow warns (and later refuses) when an image is big enough to be a bomb.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(file, formats=FORMATS)


def validate_photo(file):
    if getattr(file, "_committed", False):
        return  # Already stored: it was checked when it was uploaded.
    if file.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB). The limit is %(limit)s MB."),
            code="too_large",
            params={
                "size": round(file.size / 1024 / 1024, 1),
                "limit": settings.PHOTO_MAX_BYTES // 1024 // 1024,
            },
        )
    too_many_pixels = ValidationError(
        _("The image is too large in pixels. Use a photo of at most %(limit)s megapixels."),
        code="too_many_pixels",
        params={"limit": settings.PHOTO_MAX_PIXELS // 1_000_000},
    )
    too_long = ValidationError(
        _(
            "The photo is too long or too narrow (%(width)s × %(height)s px). Use a photo at "
            "most %(side)s px on each side and at most %(ratio)s times longer than it is wide."
        ),
        code="bad_shape",
    )
    try:
        with _open(file) as image:
            # From the header alone, before any pixel is decoded: WebP cannot encode more
            # than 16,383 px on a side, and a 1 × 40,000,000 strip costs seconds to read.
            width, height = image.size
            if image.width * image.height > settings.PHOTO_MAX_PIXELS:
                raise too_many_pixels
            if max(width, height) > settings.PHOTO_MAX_SIDE or max(
                width, height
            ) > settings.PHOTO_MAX_ASPECT_RATIO * max(min(width, height), 1):
                too_long.params = {
                    "width": width,
                    "height": height,
                    "side": settings.PHOTO_MAX_SIDE,
                    "ratio": settings.PHOTO_MAX_ASPECT_RATIO,
                }
                raise too_long
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_many_pixels from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    finally:
        file.seek(0)


def _encode(image, fmt):
    buffer = io.BytesIO()
    # No exif=, icc/xmp or comment arguments: the new file carries the pixels only.
    image.save(buffer, fmt, quality=QUALITY, **({"optimize": True} if fmt == "JPEG" else {}))
    return buffer.getvalue()


def _upright_rgb(file):
    with _open(file) as source:
        source.load()
        image = ImageOps.exif_transpose(source)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    if image.width > MAX_WIDTH:
        image = image.resize((MAX_WIDTH, round(image.height * MAX_WIDTH / image.width)))
    return image


def prepare(photo):
    """Clean and resize the upload in memory; return {storage name: bytes} to write.

    The photo gets its final file name, size and renditions here, so its row can be saved
    before any file exists; `write_files` writes them once that row is committed.
    """
    image = _upright_rgb(photo.image)
    photo.width, photo.height = image.size
    name = photo.image.field.generate_filename(photo, "photo.jpg")
    files = {name: _encode(image, "JPEG")}
    stem = posixpath.splitext(name)[0]
    renditions = []
    for width in [w for w in WIDTHS if w < image.width] + [image.width]:
        copy = (
            image
            if width == image.width
            else image.resize((width, round(image.height * width / image.width)))
        )
        names = {}
        for fmt, ext in (("webp", "webp"), ("jpeg", "jpg")):
            names[fmt] = f"{stem}-{width}.{ext}"
            files[names[fmt]] = _encode_rendition(copy, fmt.upper())
        renditions.append({"width": width, **names})
    photo.image = name  # a stored name, so saving the row writes no file
    photo.renditions = renditions
    return files


def _encode_rendition(image, fmt):
    return _encode(image, fmt)


def write_files(model, pk, storage, files):
    """Write a committed photo's files; if one cannot be written, drop the photo whole.

    Runs after the commit (transaction.on_commit): a rollback anywhere around the save,
    such as a later inline of the same admin form failing, leaves no file behind.
    """
    written = []
    try:
        for name, content in files.items():
            saved = storage.save(name, ContentFile(content))
            written.append(saved)
            if saved != name:
                raise OSError(f"storage renamed {name} to {saved}")
    except Exception:
        logger.exception("Could not write the files of %s %s; the photo is removed", model, pk)
        for name in written:
            storage.delete(name)
        model.objects.filter(pk=pk).delete()


def sources(photo):
    storage = photo.image.storage
    return [
        {
            "width": rendition["width"],
            "webp": storage.url(rendition["webp"]),
            "jpeg": storage.url(rendition["jpeg"]),
        }
        for rendition in photo.renditions
    ]
