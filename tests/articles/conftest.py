"""Fixtures for the articles tests."""

from pathlib import Path

import pytest

LEGACY_FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "legacy-article.html.txt"


@pytest.fixture
def legacy_page_path():
    """The real dirty legacy page, as committed in this repository."""
    return LEGACY_FIXTURE


@pytest.fixture
def legacy_page_with_img_onerror(tmp_path):
    """The legacy page with an <img onerror> added to its body, as attackers also try."""
    path = tmp_path / "legacy-with-img.html.txt"
    text = LEGACY_FIXTURE.read_text(encoding="utf-8")
    path.write_text(text + '<img src="x" onerror="alert(document.cookie)">\n', encoding="utf-8")
    return path
