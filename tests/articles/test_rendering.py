"""The Markdown → citations → nh3 pipeline in articles.rendering."""

from articles import rendering


def test_markdown_headings_lists_emphasis_and_tables_survive():
    html = rendering.render_markdown(
        "## Heading\n\nSome *soft* and **strong** words.\n\n- one\n- two\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n"
    )
    for fragment in (
        "<h2>Heading</h2>",
        "<em>soft</em>",
        "<strong>strong</strong>",
        "<li>one</li>",
        "<table>",
    ):
        assert fragment in html
    assert '<td align="right">2</td>' in html
    assert "style=" not in html


def test_citations_are_numbered_by_first_use_and_repeat_the_same_number():
    result = rendering.render_fields(
        [("body", "First [@b]. Then [@a]. Again [@b]."), ("advice", "- see [@c] and [@a]")],
        known_keys={"a", "b", "c"},
    )
    assert result.citation_keys == ["b", "a", "c"]
    body = result.html["body"]
    assert '<a href="#ref-b" id="cite-b-1" rel="noopener noreferrer">[1]</a>' in body
    assert '<a href="#ref-a" id="cite-a-1" rel="noopener noreferrer">[2]</a>' in body
    assert '<a href="#ref-b" id="cite-b-2" rel="noopener noreferrer">[1]</a>' in body
    assert '<sup class="citation">' in body
    # Numbers run on into the call-outs, which come after the body.
    assert '<a href="#ref-c" id="cite-c-1" rel="noopener noreferrer">[3]</a>' in result.html["advice"]
    assert '<a href="#ref-a" id="cite-a-2" rel="noopener noreferrer">[2]</a>' in result.html["advice"]


def test_unknown_citation_keys_are_reported_and_left_as_text():
    result = rendering.render_fields([("body", "See [@missing] and [@known].")], known_keys={"known"})
    assert result.unknown_keys == ["missing"]
    assert result.citation_keys == ["known"]
    assert "[@missing]" in result.html["body"]


def test_raw_html_scripts_and_event_handlers_are_removed():
    html = rendering.render_markdown(
        'Hi <script>alert(1)</script><img src="x" onerror="alert(2)"> '
        '<iframe src="https://evil.example"></iframe><style>p{}</style>'
        '<p onclick="steal()" style="color:red">text</p>'
    )
    for forbidden in ("<script", "alert(1)", "<img", "onerror", "<iframe", "<style", "onclick", "style="):
        assert forbidden not in html
    assert "text" in html


def test_only_http_https_mailto_and_relative_links_are_kept():
    html = rendering.render_markdown(
        "[a](javascript:alert(1)) [b](https://example.org/) [c](mailto:x@example.org) "
        "[d](/causes/ohss/) [e](data:text/html;base64,xx) [f](//evil.example/x)"
    )
    assert "javascript:" not in html
    assert "data:" not in html
    assert "//evil.example" not in html
    assert 'href="https://example.org/"' in html
    assert 'href="mailto:x@example.org"' in html
    assert 'href="/causes/ohss/"' in html


def test_outbound_links_get_noopener_noreferrer():
    html = rendering.render_markdown("[NHS](https://www.nhs.uk/)")
    assert '<a href="https://www.nhs.uk/" rel="noopener noreferrer">NHS</a>' in html


def test_editors_cannot_add_ids_classes_or_unlisted_tags():
    html = rendering.sanitize_html(
        '<a id="main-content" href="/">x</a><sup class="evil citation">1</sup><div><h1>Big</h1></div>'
    )
    assert 'id="main-content"' not in html
    assert "evil" not in html
    assert "<div" not in html and "<h1" not in html
    assert "Big" in html


def test_sanitize_html_is_public_and_keeps_the_allow_list():
    assert rendering.sanitize_html("<abbr title='Ovarian'>OHSS</abbr><blockquote>q</blockquote>") == (
        '<abbr title="Ovarian">OHSS</abbr><blockquote>q</blockquote>'
    )


def test_citation_markers_inside_a_link_title_do_not_break_the_markup():
    html = rendering.render_markdown('[NHS](https://www.nhs.uk/ "see [@a]") and [@a]', known_keys={"a"})
    assert 'title="see [@a]"' in html
    assert html.count('<sup class="citation">') == 1
