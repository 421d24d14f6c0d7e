"""The top of every article and cause page: the strongest advice, tap-to-call, the triage link."""

import pytest

from articles.models import Article, Cause
from articles.rendering import first_list_item_text
from tests.articles.factories import make_cause
from tests.performance.test_http_caching import triage_form_data

pytestmark = pytest.mark.usefixtures("starter_content")


def first_card(html):
    start = html.index('class="care-card care-card--')
    start = html.rindex("<section", 0, start)
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("model", [Article, Cause])
def test_every_page_opens_with_the_strongest_advice_a_tel_link_and_the_triage_form(client, model):
    for page in model.objects.published():
        html = client.get(page.get_absolute_url()).content.decode()
        card = first_card(html)
        assert "first-care" in card, page
        assert html.index("first-care") < html.index('<div class="prose">'), page
        assert 'href="tel:999"' in card and 'href="/triage/"' in card, page
        care = page.first_screen_care
        if care:
            assert f"<strong>{care['action']}</strong>" in card, page
            assert f"care-card--{care['disposition']}" in card, page


def test_the_strongest_sign_is_said_in_one_sentence(client):
    html = client.get("/causes/ectopic-pregnancy/").content.decode()
    card = first_card(html)
    assert "<strong>Go to the emergency department now</strong> if you are or might be pregnant" in card
    assert 'href="#care-emergency"' in card


def test_an_urgent_page_gives_the_out_of_hours_line_with_a_tel_link(client):
    cause = make_cause(urgent_advice="- you have any bleeding after a positive pregnancy test")
    assert cause.first_screen_care["disposition"] == "urgent"
    card = first_card(client.get(cause.get_absolute_url()).content.decode())
    assert (
        "<strong>Call your doctor today</strong> if you have any bleeding after a positive pregnancy test"
        in card
    )
    assert 'Call NHS 111: <a class="call-link call-link--urgent" href="tel:111">111</a>' in card


def test_the_numbers_come_from_the_settings(client, settings):
    settings.EMERGENCY_NUMBER = "112"
    settings.URGENT_ADVICE = {
        "name": "Urgent line",
        "number": "+44 20 7946 0000",
        "url": "https://urgent.example/",
    }
    cause = make_cause(urgent_advice="- you have any bleeding after a positive pregnancy test")
    card = first_card(client.get(cause.get_absolute_url()).content.decode())
    assert '<a class="call-link" href="tel:112">Call 112</a>' in card
    assert 'href="tel:+442079460000"' in card and "Call Urgent line" in card


def test_an_urgent_triage_result_names_the_urgent_advice_line_with_tel_links(client):
    data = {**triage_form_data(), "pain": "moderate"}
    html = client.post("/triage/", data).content.decode()
    assert 'data-disposition="urgent"' in html
    assert 'href="tel:111"' in html and 'href="https://111.nhs.uk/"' in html and 'href="tel:999"' in html


def test_an_emergency_triage_result_has_a_tel_link(client):
    html = client.post("/triage/", {**triage_form_data(), "pain": "severe"}).content.decode()
    assert 'data-disposition="emergency"' in html
    assert '<a class="call-link" href="tel:999">Call 999</a> now' in html


def test_the_first_sign_is_plain_text_without_citation_numbers():
    citation = '<sup class="citation"><a href="#ref-a">[1]</a></sup>'
    html = f"<ul>\n<li>you bleed &amp; hurt{citation};</li><li>b</li></ul>"
    assert first_list_item_text(html) == "you bleed & hurt"
    assert first_list_item_text("<p>No list</p>") == ""
