"""The icon array: 100 figures in a 10 x 10 grid, exactly `affected` of them coloured, counted by pixel."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from clinical.icon_array import (
    AFFECTED,
    GRID_BOX,
    HEIGHT,
    UNAFFECTED,
    WIDTH,
    affected_of_100,
    figure_boxes,
    render_icon_array,
)


def pixels(affected: int) -> np.ndarray:
    png = render_icon_array(affected, title="100 women like you", affected_label="a", unaffected_label="b")
    assert png.startswith(b"\x89PNG")
    image = Image.open(io.BytesIO(png))
    assert image.size == (WIDTH, HEIGHT)
    return np.asarray(image.convert("RGB"))


def figures_of(array: np.ndarray, colour: tuple[int, int, int]) -> int:
    """Connected shapes of exactly `colour` inside the grid (each figure is one shape)."""
    left, top, right, bottom = GRID_BOX
    grid = array[top : bottom + 1, left : right + 1]
    _, count = ndimage.label(np.all(grid == colour, axis=-1))
    return int(count)


@pytest.mark.parametrize("affected", [0, 1, 2, 25, 99, 100])
def test_exactly_the_affected_figures_are_coloured(affected: int) -> None:
    array = pixels(affected)
    assert figures_of(array, AFFECTED) == affected
    assert figures_of(array, UNAFFECTED) == 100 - affected


def test_figures_fill_row_by_row_from_the_top_left() -> None:
    array = pixels(12)
    coloured = []
    for left, top, right, bottom in figure_boxes():
        cell = array[top : bottom + 1, left : right + 1]
        coloured.append(bool(np.all(cell == AFFECTED, axis=-1).any()))
        assert np.all(cell == AFFECTED, axis=-1).any() or np.all(cell == UNAFFECTED, axis=-1).any()
    assert coloured == [True] * 12 + [False] * 88


def test_the_legend_shows_both_colours_below_the_grid() -> None:
    array = pixels(3)
    legend = array[GRID_BOX[3] + 1 :]
    for colour in (AFFECTED, UNAFFECTED):
        _, shapes = ndimage.label(np.all(legend == colour, axis=-1))
        assert shapes == 1, colour
    assert (legend.sum(axis=-1) < 200).any()  # dark legend text


def test_a_count_outside_0_to_100_is_refused() -> None:
    for affected in (-1, 101):
        with pytest.raises(ValueError, match="between 0 and 100"):
            render_icon_array(affected, title="t", affected_label="a", unaffected_label="b")


@pytest.mark.parametrize(
    ("percent", "figures"), [(0.0, 0), (0.49, 0), (0.5, 1), (1.898, 2), (2.5, 3), (24.7, 25), (100.0, 100)]
)
def test_the_risk_is_rounded_half_up_to_whole_figures(percent: float, figures: int) -> None:
    assert affected_of_100(percent) == figures
