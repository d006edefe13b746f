"""Link-preview images (Open Graph, 1200×630): a page's name, where it is, and the site.

Drawn with Pillow and the DejaVu Sans font shipped in static/fonts/ (it has every Polish
and Ukrainian letter). Each image is stored once under MEDIA_ROOT/share/, named by a hash
of the text on it, so a renamed programme or activity gets a new image and a new URL.
"""

import hashlib
import io
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse
from django.utils.translation import gettext
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
# The site's colours (static/css/site.css): --brand, --accent, --paper.
BRAND = "#0a5c63"
ACCENT = "#f4c542"
PAPER = "#ffffff"
FONT = Path(settings.BASE_DIR) / "static" / "fonts" / "DejaVuSans-Bold.ttf"
# Bump when the drawing changes, so cached images are redrawn.
VERSION = "1"
TITLE_SIZES = (76, 68, 60, 52, 46, 40)
TITLE_MAX_LINES = 4
TITLE_TOP, TITLE_BOTTOM = 160, 480
ONE_YEAR = 365 * 24 * 3600


def site_lines():
    return "PAL Kraków", gettext("Local Activity Programmes")


def site_title():
    """The title of the site-wide image, for pages without one of their own."""
    return gettext("Free activities close to home in Kraków")


def key(title, where):
    """Changes whenever anything drawn on the image changes."""
    text = "\n".join([VERSION, title, where, *site_lines()])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def path_for(title, where):
    """The stored image, drawn on first use."""
    path = Path(settings.MEDIA_ROOT) / "share" / f"{key(title, where)}.png"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed, so a parallel request never reads half a file.
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as part:
            part.write(draw(title, where))
        os.replace(part.name, path)
    return path


def response(request, title, where):
    """The image; cached for a year when asked for by its current version (`?v=`)."""
    current = key(title, where)
    result = FileResponse(path_for(title, where).open("rb"), content_type="image/png")
    if request.GET.get("v") == current:
        result["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    else:
        result["Cache-Control"] = "public, max-age=3600"
    return result


def draw(title, where):
    image = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    canvas = ImageDraw.Draw(image)
    canvas.rectangle([0, 0, WIDTH, 18], fill=ACCENT)
    width = WIDTH - 2 * MARGIN

    site_name, tagline = site_lines()
    small = ImageFont.truetype(FONT, 34)
    canvas.text((MARGIN, 70), site_name, font=small, fill=ACCENT)
    canvas.text(
        (MARGIN + canvas.textlength(site_name + "  ", font=small), 70),
        tagline,
        font=ImageFont.truetype(FONT, 30),
        fill=PAPER,
        anchor="la",
    )

    size, lines = fit(canvas, title, width)
    font = ImageFont.truetype(FONT, size)
    for number, line in enumerate(lines):
        top = TITLE_TOP + number * line_height(size)
        canvas.text((MARGIN, top), line, font=font, fill=PAPER)

    if where:
        where_font = ImageFont.truetype(FONT, 36)
        where_lines = wrap(canvas, where, where_font, width)[:1]
        canvas.rectangle([MARGIN, HEIGHT - 118, MARGIN + 10, HEIGHT - 70], fill=ACCENT)
        canvas.text((MARGIN + 30, HEIGHT - 116), where_lines[0], font=where_font, fill=PAPER)
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def line_height(size):
    return int(size * 1.22)


def fit(canvas, text, width):
    """The largest title size whose lines fit; the last line is shortened if need be."""
    for size in TITLE_SIZES:
        lines = wrap(canvas, text, ImageFont.truetype(FONT, size), width)
        fits_height = len(lines) * line_height(size) <= TITLE_BOTTOM - TITLE_TOP
        if len(lines) <= TITLE_MAX_LINES and fits_height:
            return size, lines
    font = ImageFont.truetype(FONT, TITLE_SIZES[-1])
    lines = wrap(canvas, text, font, width)[:TITLE_MAX_LINES]
    last = lines[-1]
    while last and canvas.textlength(last + "…", font=font) > width:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    return TITLE_SIZES[-1], lines


def wrap(canvas, text, font, width):
    """Greedy word wrap; a word longer than the line is cut."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if canvas.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while canvas.textlength(word, font=font) > width:
            cut = len(word)
            while cut > 1 and canvas.textlength(word[:cut], font=font) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines or [""]


def where(programme, location=None):
    """Where, in words, as on the page: the place's district, the whole city, or the
    districts the programme serves (uses prefetched relations)."""
    if location is not None and location.district is not None:
        return gettext("district %(district)s") % {"district": location.district}
    if programme.citywide:
        return gettext("the whole of Kraków")
    names = ", ".join(str(district) for district in programme.districts.all())
    return gettext("district %(district)s") % {"district": names} if names else ""
