"""The demo's pictures, drawn with Pillow when first needed (nothing is downloaded): portraits
as coloured cards with initials, posters and illustrations as simple shapes. Each is a Wagtail
image found again by its title."""

import io
import math
from dataclasses import dataclass

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image

TITLE_PREFIX = "Parlance demo: "
INK = (250, 248, 240)


@dataclass(frozen=True)
class Drawing:
    title: str
    size: tuple
    background: tuple
    draw: object  # draw(ImageDraw, size) adds the shapes
    file_name: str


def _centred_text(canvas, box, text, font_size, fill=INK):
    """`text` centred in `box` (left, top, right, bottom)."""
    font = ImageFont.load_default(size=font_size)
    left, top, right, bottom = canvas.textbbox((0, 0), text, font=font)
    box_left, box_top, box_right, box_bottom = box
    position = (
        box_left + (box_right - box_left - (right - left)) / 2 - left,
        box_top + (box_bottom - box_top - (bottom - top)) / 2 - top,
    )
    canvas.text(position, text, font=font, fill=fill)


def initials(full_name):
    return "".join(part[0] for part in full_name.split()[:2]).upper()


def portrait(slug, full_name, colour):
    def draw(canvas, size):
        width, height = size
        canvas.ellipse(
            (width * 0.12, height * 0.12, width * 0.88, height * 0.88), outline=INK, width=6
        )
        _centred_text(canvas, (0, 0, width, height), initials(full_name), font_size=width // 3)

    return Drawing(
        f"{TITLE_PREFIX}{full_name} (portrait card)", (320, 320), colour, draw, f"{slug}.png"
    )


def _waves(canvas, size, colours):
    width, height = size
    for band, colour in enumerate(colours):
        base = height * (0.35 + 0.12 * band)
        points = [
            (x, base + math.sin(x / width * math.tau * 2 + band) * height * 0.04)
            for x in range(0, width + 8, 8)
        ]
        canvas.polygon([*points, (width, height), (0, height)], fill=colour)


def river(title, file_name):
    """A river (blue bands) running under a city (grey blocks)."""

    def draw(canvas, size):
        width, height = size
        _waves(canvas, size, [(70, 130, 170), (45, 100, 150), (30, 75, 120)])
        for index in range(7):
            left = width * (0.05 + index * 0.13)
            top = height * (0.12 + (index % 3) * 0.05)
            canvas.rectangle((left, top, left + width * 0.09, height * 0.42), fill=(90, 90, 95))
        canvas.rectangle(
            (width * 0.55, height * 0.5, width * 0.95, height * 0.75), fill=(120, 120, 125)
        )

    return Drawing(f"{TITLE_PREFIX}{title}", (1200, 675), (200, 220, 215), draw, file_name)


def letter_tiles(title, file_name, words):
    """Words spelled in letter tiles, one word a row (ASCII only: Pillow's built-in font has
    no accented letters, and no system font is assumed)."""

    def draw(canvas, size):
        width, _height = size
        tile = width // 9
        for row, word in enumerate(words):
            for column, letter in enumerate(word):
                left, top = column * tile + tile * 0.1, row * tile + tile * 0.3
                shade = (120 + 12 * ((row + column) % 5), 60 + 9 * (column % 7), 50)
                box = (left, top, left + tile * 0.8, top + tile * 0.8)
                canvas.rounded_rectangle(box, 12, fill=shade)
                _centred_text(canvas, box, letter, font_size=int(tile * 0.45))

    return Drawing(f"{TITLE_PREFIX}{title}", (1200, 675), (235, 225, 205), draw, file_name)


def poster(title, number, colour, file_name):
    """A video poster: the part's number on the article's colour."""

    def draw(canvas, size):
        width, height = size
        canvas.rectangle((0, height * 0.8, width, height), fill=(30, 30, 35))
        _centred_text(canvas, (0, 0, width, height * 0.8), str(number), font_size=height // 2)

    return Drawing(f"{TITLE_PREFIX}{title}", (1280, 720), colour, draw, file_name)


DEMO_IMAGES = {
    "portrait-elena-marchetti": portrait("elena-marchetti", "Elena Marchetti", (140, 70, 60)),
    "portrait-samir-haddad": portrait("samir-haddad", "Samir Haddad", (50, 90, 110)),
    "portrait-ngozi-adeyemi": portrait("ngozi-adeyemi", "Ngozi Adeyemi", (60, 110, 80)),
    "hero-translation": letter_tiles(
        "letter tiles spelling “translate” in four languages (illustration)",
        "translation-hero.png",
        ["TRANSLATE", "TRADURRE", "TRADUIRE", "TRADUCIR"],
    ),
    "desk-translation": letter_tiles(
        "letter tiles spelling “word” in four languages (illustration)",
        "translation-desk.png",
        ["WORD", "PAROLA", "MOT", "PALABRA"],
    ),
    "hero-rivers": river("a river under the city (illustration)", "rivers-hero.png"),
    "culvert-rivers": river("a buried river (diagram)", "rivers-culvert.png"),
    **{
        f"poster-translation-{number}": poster(
            f"translation interview, part {number} (poster)",
            number,
            (120, 60, 45),
            f"translation-poster-{number}.png",
        )
        for number in (1, 2, 3)
    },
    **{
        f"poster-rivers-{number}": poster(
            f"rivers interview, part {number} (poster)",
            number,
            (35, 85, 120),
            f"rivers-poster-{number}.png",
        )
        for number in (1, 2, 3)
    },
}


def render(drawing):
    picture = PILImage.new("RGB", drawing.size, drawing.background)
    drawing.draw(ImageDraw.Draw(picture), drawing.size)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def ensure_images():
    """({key: Image} for every demo picture, [titles of those drawn now])."""
    existing = {
        image.title: image for image in Image.objects.filter(title__startswith=TITLE_PREFIX)
    }
    images, created = {}, []
    for key, drawing in DEMO_IMAGES.items():
        image = existing.get(drawing.title)
        if image is None:
            image = Image.objects.create(
                title=drawing.title,
                file=ImageFile(io.BytesIO(render(drawing)), name=drawing.file_name),
            )
            created.append(drawing.title)
        images[key] = image
    return images, created
