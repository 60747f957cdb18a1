"""Illustrations for the demo content, drawn with Pillow at load time (no files from outside)."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1500, 1000

SKY = [((120, 186, 232), (222, 240, 250)), ((246, 190, 120), (253, 236, 200))]


def _rng(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 - varies drawings, nothing secret


def _gradient(top, bottom) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), top)
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        mix = y / HEIGHT
        colour = tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=colour)
    return image


def _person(draw, x, y, scale, shirt, rng):
    skin = rng.choice([(233, 190, 150), (214, 168, 125), (198, 150, 110)])
    draw.ellipse([x - 22 * scale, y - 95 * scale, x + 22 * scale, y - 50 * scale], fill=skin)
    draw.rounded_rectangle(
        [x - 36 * scale, y - 48 * scale, x + 36 * scale, y + 40 * scale],
        radius=18 * scale,
        fill=shirt,
    )


def garden(seed: int) -> Image.Image:
    rng = _rng(seed)
    image = _gradient(*SKY[seed % 2])
    draw = ImageDraw.Draw(image)
    draw.ellipse([1150, 90, 1320, 260], fill=(255, 214, 90))
    draw.rectangle([0, 560, WIDTH, HEIGHT], fill=(121, 85, 58))
    for row in range(4):
        y = 600 + row * 100
        draw.rectangle([0, y + 50, WIDTH, y + 62], fill=(96, 66, 44))
        for column in range(14):
            x = 60 + column * 105 + rng.randint(-10, 10)
            green = (40 + rng.randint(0, 40), 130 + rng.randint(0, 60), 50)
            size = 28 + row * 6
            draw.ellipse([x - size, y - size, x + size, y + size // 2], fill=green)
    _person(draw, 300, 560, 1.6, (11, 93, 59), rng)
    return image


def hens(seed: int) -> Image.Image:
    rng = _rng(seed)
    image = _gradient((170, 214, 240), (240, 248, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 620, WIDTH, HEIGHT], fill=(140, 190, 90))
    draw.polygon([(150, 620), (450, 380), (750, 620)], fill=(160, 60, 40))
    draw.rectangle([200, 620, 700, 820], fill=(230, 200, 150))
    for _ in range(9):
        x, y = rng.randint(800, 1400), rng.randint(680, 930)
        draw.ellipse([x - 55, y - 40, x + 55, y + 40], fill=(150, 90, 40))
        draw.ellipse([x + 30, y - 75, x + 75, y - 30], fill=(160, 100, 45))
        draw.polygon([(x + 75, y - 55), (x + 95, y - 50), (x + 75, y - 45)], fill=(240, 170, 40))
        draw.ellipse([x + 40, y - 95, x + 60, y - 72], fill=(210, 40, 40))
    for _ in range(6):
        x, y = rng.randint(260, 640), rng.randint(760, 800)
        draw.ellipse([x - 18, y - 24, x + 18, y + 24], fill=(250, 240, 220))
    return image


def drying(seed: int) -> Image.Image:
    rng = _rng(seed)
    image = _gradient((250, 220, 150), (255, 245, 225))
    draw = ImageDraw.Draw(image)
    draw.ellipse([80, 60, 300, 280], fill=(255, 200, 60))
    draw.polygon([(200, 500), (1300, 500), (1200, 820), (300, 820)], fill=(90, 110, 130))
    draw.polygon([(230, 510), (1270, 510), (1180, 800), (320, 800)], fill=(170, 200, 220))
    for row in range(4):
        for column in range(12):
            x = 380 + column * 70 + row * 8 + rng.randint(-4, 4)
            y = 560 + row * 60
            draw.rounded_rectangle([x, y, x + 48, y + 24], radius=12, fill=(190, 130, 50))
    return image


def books(seed: int) -> Image.Image:
    rng = _rng(seed)
    image = _gradient((236, 232, 222), (214, 206, 190))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 700, WIDTH, HEIGHT], fill=(130, 90, 60))
    x = 180
    for _ in range(11):
        width = rng.randint(50, 90)
        height = rng.randint(300, 460)
        colour = rng.choice([(28, 79, 138), (11, 93, 59), (123, 46, 99), (190, 120, 30)])
        draw.rectangle([x, 700 - height, x + width, 700], fill=colour)
        draw.rectangle(
            [x + 10, 700 - height + 40, x + width - 10, 700 - height + 60], fill=(240, 230, 200)
        )
        x += width + 6
    draw.polygon([(1050, 690), (1350, 650), (1400, 700), (1090, 745)], fill=(250, 250, 245))
    for line in range(5):
        draw.line([(1100, 690 + line * 9), (1340, 660 + line * 9)], fill=(150, 150, 160), width=3)
    return image


def classroom(seed: int) -> Image.Image:
    rng = _rng(seed)
    image = _gradient((246, 240, 226), (232, 222, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle([250, 110, 1250, 480], fill=(34, 78, 60))
    draw.rectangle([240, 100, 1260, 490], outline=(150, 110, 70), width=14)
    for line in range(4):
        y = 170 + line * 70
        draw.line([(320, y), (320 + rng.randint(400, 820), y)], fill=(235, 235, 220), width=6)
    for row in range(2):
        for column in range(5):
            x = 200 + column * 260
            y = 720 + row * 150
            _person(draw, x + 60, y, 0.9, rng.choice([(255, 255, 255), (230, 230, 240)]), rng)
            draw.rectangle([x - 10, y + 10, x + 140, y + 40], fill=(170, 120, 70))
    _person(draw, 1350, 700, 1.5, (28, 79, 138), rng)
    return image


def meeting(seed: int) -> Image.Image:
    rng = _rng(seed)
    image = _gradient((226, 236, 231), (200, 220, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle([300, 90, 1200, 330], fill=(11, 93, 59))
    draw.rectangle([360, 150, 1140, 180], fill=(255, 210, 74))
    draw.rectangle([420, 220, 1080, 240], fill=(230, 240, 235))
    for row in range(3):
        for column in range(8):
            x = 150 + column * 170 + (row % 2) * 60
            y = 560 + row * 150
            _person(
                draw, x, y, 1.0, rng.choice([(255, 255, 255), (240, 200, 80), (90, 140, 200)]), rng
            )
    return image


def savings(seed: int) -> Image.Image:
    rng = _rng(seed)
    image = _gradient((220, 238, 228), (250, 250, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 760, WIDTH, HEIGHT], fill=(190, 170, 140))
    for stack in range(6):
        x = 220 + stack * 190
        height = 4 + stack * 3 + rng.randint(0, 3)
        for coin in range(height):
            y = 760 - coin * 26
            draw.ellipse(
                [x - 70, y - 22, x + 70, y + 22],
                fill=(214, 170, 40),
                outline=(160, 120, 20),
                width=3,
            )
    draw.ellipse([1200, 420, 1420, 620], fill=(240, 150, 170))
    draw.rectangle([1290, 430, 1330, 440], fill=(120, 60, 70))
    return image


SCENES = {
    "garden": garden,
    "hens": hens,
    "drying": drying,
    "books": books,
    "classroom": classroom,
    "meeting": meeting,
    "savings": savings,
}


def picture(scene: str, seed: int) -> bytes:
    """A JPEG of the scene; the seed varies the details so two pictures are never the same."""
    image = SCENES[scene](seed).filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()
