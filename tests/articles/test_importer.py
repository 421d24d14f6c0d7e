"""The legacy importer: round trip, sanitizing, idempotency and failure modes."""

import re

import pytest
from django.core.management import CommandError, call_command

from articles.legacy_import import html_to_markdown, parse_legacy_page
from articles.models import Article, Status

pytestmark = pytest.mark.django_db

LEGACY_SLUG = "10-reasons-you-might-experience-vaginal-spotting-between-periods"


def run_import(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_legacy_article", *[str(arg) for arg in args], stdout=out)
    return out.getvalue()


def test_legacy_page_imports_as_a_draft_with_title_headings_lists_and_emphasis(legacy_page_path):
    output = run_import(legacy_page_path)
    article = Article.objects.get(slug=LEGACY_SLUG)
    assert article.status == Status.DRAFT
    assert article.title == "10 Reasons You Might Experience Vaginal Spotting Between Periods"
    assert "### Implantation Spotting: A Possible Early Pregnancy Sign" in article.body
    assert "- Fibroids of polyps" in article.body
    assert "*However*" in article.body
    assert "<h3>Implantation Spotting: A Possible Early Pregnancy Sign</h3>" in article.body_html
    assert "<li>Fibroids of polyps</li>" in article.body_html
    assert "<em>However</em>" in article.body_html
    assert "<strong>" in article.body_html
    assert article.standfirst.startswith("Spotting must")
    assert "Removed: <script> (//arpecop.herokuapp.com/hugohealth.js)" in output
    assert "Imported" in output and "draft" in output


def test_script_and_img_onerror_never_reach_the_database_or_a_page(client, legacy_page_with_img_onerror):
    output = run_import(legacy_page_with_img_onerror, "--publish")
    assert "Removed: event handler onerror on <img>" in output
    assert "Removed: <img> (x)" in output
    article = Article.objects.get(slug=LEGACY_SLUG)
    stored = [article.body, article.body_html, article.standfirst, article.title]
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    # The page's one script element is its JSON-LD data block (never run); its text is still checked.
    html = re.sub(r'<script type="application/ld\+json">([^<]*)</script>', r"\1", page.content.decode())
    for text in [*stored, html]:
        for forbidden in ("<script", "hugohealth", "onerror", "<img", "document.cookie"):
            assert forbidden not in text


def test_import_is_idempotent_by_slug_and_never_overwrites(legacy_page_path):
    run_import(legacy_page_path)
    Article.objects.filter(slug=LEGACY_SLUG).update(title="Edited by an editor")
    output = run_import(legacy_page_path)
    assert Article.objects.filter(slug=LEGACY_SLUG).count() == 1
    assert Article.objects.get(slug=LEGACY_SLUG).title == "Edited by an editor"
    assert "Unchanged" in output


def test_publish_flag_publishes(client, legacy_page_path):
    run_import(legacy_page_path, "--publish")
    assert Article.objects.published().filter(slug=LEGACY_SLUG).exists()


def test_imported_draft_is_not_public(client, legacy_page_path):
    run_import(legacy_page_path)
    assert client.get(f"/articles/{LEGACY_SLUG}/").status_code == 404


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<h1>No front matter</h1>", "no front matter"),
        ("---\ntitle: Open\nslug: open\n", "front matter is not closed"),
        ("---\njust words\n---\n<p>body</p>", "front matter line 2 is not 'key: value'"),
        ("---\ndescription: x\n---\n<p>body</p>", "front matter has no title"),
        ("---\ntitle: Fine\n---\n<script>only()</script>", "the body is empty"),
        ("---\ntitle: " + "x" * 201 + "\n---\n<p>b</p>", "title is longer than 200"),
        ("---\ntitle: ???\n---\n<p>b</p>", "cannot make a URL slug"),
    ],
)
def test_malformed_files_fail_with_one_line_and_write_nothing(tmp_path, content, reason):
    path = tmp_path / "bad.html.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run_import(path)
    message = str(error.value)
    assert reason in message
    assert "\n" not in message
    assert not Article.objects.exists()


def test_missing_and_binary_files_fail_cleanly(tmp_path):
    binary = tmp_path / "binary.bin"
    binary.write_bytes(b"\xff\xfe\x00\x81---")
    for path, reason in ((tmp_path / "nope.txt", "no such file"), (binary, "not UTF-8")):
        with pytest.raises(CommandError, match=reason):
            run_import(path)
    assert not Article.objects.exists()


def test_command_exits_non_zero_from_the_shell(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "bad.txt"
    path.write_text("no front matter", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "manage.py", "import_legacy_article", str(path)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "CommandError: Not imported: no front matter: the file must start with a line containing only ---."
    ]


def test_converter_keeps_safe_links_and_drops_unsafe_ones():
    markdown, removed = html_to_markdown(
        '<p><a href="https://example.org/">good</a> <a href="javascript:alert(1)">bad</a> '
        '<a href="/causes/ohss/" onclick="x()">local</a></p><iframe src="https://x.example"></iframe>'
        "<style>p { color: red }</style><ol><li>one</li><li>two</li></ol>"
    )
    assert "[good](https://example.org/)" in markdown
    assert "[local](/causes/ohss/)" in markdown
    assert "javascript" not in markdown and "bad" in markdown
    assert "color" not in markdown
    assert "1. one\n2. two" in markdown
    assert "unsafe link (javascript:alert(1))" in removed
    assert "event handler onclick on <a>" in removed
    assert "<iframe> (https://x.example)" in removed
    assert "<style>" in removed


def test_converter_escapes_text_that_looks_like_markdown_or_html():
    markdown, _ = html_to_markdown("<p>5 * 3 [@heitmann2014] &lt;script&gt;alert(1)&lt;/script&gt;</p>")
    assert "\\*" in markdown and "\\[@heitmann2014\\]" in markdown
    assert "<script>" not in markdown


def test_front_matter_title_prefers_display_title_over_legacy_id():
    page = parse_legacy_page(
        '---\ntitle: 060a1afa5521fb15763dbbc366c30fdd\nmitle: "Real title"\n---\n<p>Body</p>'
    )
    assert page.title == "Real title"
    assert page.slug == "real-title"
    assert page.standfirst == "Body"
