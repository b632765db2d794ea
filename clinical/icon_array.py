"""An icon array: 100 figures in a 10 x 10 grid, the first `affected` of them coloured, under a title and
above a legend, as PNG bytes (Pillow). People read "2 coloured figures out of 100" faster than "2%". The bot
sends it with a risk estimate; the admin console shows it with a stored one.

Figures are filled row by row from the top left. Shapes are drawn without anti-aliasing, so every pixel of a
figure has exactly its colour (the tests count coloured figures by pixel); each figure (head and body) is
one connected shape.
"""

from __future__ import annotations

import io
import math
from typing import Final

from PIL import Image, ImageDraw, ImageFont

Colour = tuple[int, int, int]
Box = tuple[int, int, int, int]  # left, top, right, bottom (inclusive)

COLUMNS: Final = 10
ROWS: Final = 10
CELL: Final = 48  # pixels per figure, square
MARGIN: Final = 24
TITLE_HEIGHT: Final = 48
LEGEND_HEIGHT: Final = 92
WIDTH: Final = 2 * MARGIN + COLUMNS * CELL
HEIGHT: Final = 2 * MARGIN + TITLE_HEIGHT + ROWS * CELL + LEGEND_HEIGHT
GRID_BOX: Final[Box] = (MARGIN, MARGIN + TITLE_HEIGHT, MARGIN + COLUMNS * CELL - 1,
                        MARGIN + TITLE_HEIGHT + ROWS * CELL - 1)  # fmt: skip

BACKGROUND: Final[Colour] = (255, 255, 255)
AFFECTED: Final[Colour] = (204, 37, 84)  # a strong pink-red
UNAFFECTED: Final[Colour] = (184, 194, 206)  # a light blue-grey
TEXT: Final[Colour] = (33, 33, 33)
TITLE_SIZE: Final = 24
LEGEND_SIZE: Final = 17


def affected_of_100(percent: float) -> int:
    """How many of 100 figures to colour for a risk in percent: rounded half up (1.5 -> 2), 0 below 0.5."""
    return min(COLUMNS * ROWS, max(0, math.floor(percent + 0.5)))


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _figure(draw: ImageDraw.ImageDraw, left: int, top: int, size: int, colour: Colour) -> None:
    """A person: a round head resting on a rounded body, in a `size` x `size` square."""
    head = round(size * 0.34)
    head_left = left + (size - head) // 2
    head_top = top + round(size * 0.06)
    draw.ellipse((head_left, head_top, head_left + head, head_top + head), fill=colour)
    body_top = head_top + head - 1  # overlaps the head: one connected shape
    body_left, body_right = left + round(size * 0.2), left + size - 1 - round(size * 0.2)
    body_bottom = top + size - 1 - round(size * 0.06)
    draw.rounded_rectangle((body_left, body_top, body_right, body_bottom), radius=size // 6, fill=colour)


def figure_boxes() -> list[Box]:
    """The square of each of the 100 figures, row by row from the top left (the colouring order)."""
    boxes = []
    for row in range(ROWS):
        for column in range(COLUMNS):
            left, top = GRID_BOX[0] + column * CELL, GRID_BOX[1] + row * CELL
            boxes.append((left, top, left + CELL - 1, top + CELL - 1))
    return boxes


def render_icon_array(affected: int, *, title: str, affected_label: str, unaffected_label: str) -> bytes:
    """The icon array as PNG: `affected` (0-100) coloured figures, a title and a two-line legend."""
    if not 0 <= affected <= COLUMNS * ROWS:
        raise ValueError(f"affected must be between 0 and {COLUMNS * ROWS}; got {affected}")
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, MARGIN), title, fill=TEXT, font=_font(TITLE_SIZE))
    padding = CELL // 12
    for number, (left, top, _, _) in enumerate(figure_boxes()):
        colour = AFFECTED if number < affected else UNAFFECTED
        _figure(draw, left + padding, top + padding, CELL - 2 * padding, colour)
    legend_top = GRID_BOX[3] + 1 + CELL // 3
    swatch = CELL // 2
    for line, (colour, label) in enumerate(((AFFECTED, affected_label), (UNAFFECTED, unaffected_label))):
        top = legend_top + line * (swatch + 8)
        _figure(draw, MARGIN, top, swatch, colour)
        draw.text((MARGIN + swatch + 10, top + swatch // 2), label, fill=TEXT, font=_font(LEGEND_SIZE),
                  anchor="lm")  # fmt: skip
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
