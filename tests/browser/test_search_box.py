"""The search box is as tall as one line of text at every width (it once rendered about 190 px tall)."""

import pytest

pytestmark = pytest.mark.browser

WIDTHS = (320, 375, 768, 1280)
# One line of text, its padding and border: well under this at the site's font size.
MAX_HEIGHT = 64


def test_the_search_box_is_one_line_tall_at_every_width(new_context):
    heights = {}
    for width in WIDTHS:
        page = new_context(viewport={"width": width, "height": 800}).new_page()
        page.goto("/search/?q=pain")
        box = page.locator("#search-q").bounding_box()
        heights[width] = round(box["height"])
        # The box still takes the row's width beside its button, and stays inside the page.
        assert box["width"] >= min(width * 0.5, 240), (width, box)
    assert all(height <= MAX_HEIGHT for height in heights.values()), heights
