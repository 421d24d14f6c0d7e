"""The starter content as corrected in issue 18: Jabara, ectopic warnings, one rule, one "heavy", NG12."""

import pytest

from articles.models import Cause
from triage import contract

pytestmark = pytest.mark.usefixtures("starter_content")

PREGNANCY_PAGES = [
    "/causes/implantation-spotting/",
    "/causes/early-pregnancy-bleeding/",
    "/causes/progesterone-suppositories/",
    "/causes/iui-and-ivf-procedures/",
    "/causes/transvaginal-ultrasound/",
]


def page(client, url):
    """The page's HTML with every run of white space as one space (prose wraps across lines)."""
    return " ".join(client.get(url).content.decode().split())


@pytest.mark.parametrize(
    "url", ["/articles/spotting-between-periods/", "/causes/progesterone-suppositories/"]
)
def test_the_jabara_study_is_no_longer_called_neither_good_nor_bad(client, url):
    html = page(client, url)
    assert "neither a good nor a bad sign" not in html and "neither good nor bad" not in html
    assert "less likely to be pregnant" in html and 'href="#ref-jabara2009"' in html


@pytest.mark.parametrize("url", PREGNANCY_PAGES)
def test_every_page_a_pregnant_reader_lands_on_warns_of_ectopic_pregnancy_with_an_emergency_call_out(
    client, url
):
    html = page(client, url)
    assert 'href="/causes/ectopic-pregnancy/"' in html
    assert "tip of your shoulder" in html and "one side of your lower tummy" in html
    assert 'class="care-card care-card--emergency"' in html


@pytest.mark.parametrize("url", [*PREGNANCY_PAGES[:3], "/articles/spotting-between-periods/"])
def test_one_rule_call_about_any_bleeding_after_a_positive_test(client, url):
    html = page(client, url)
    assert (
        "any bleeding after a positive pregnancy test" in html or "any bleeding after a positive test" in html
    )
    assert "becomes more than spotting" not in html


def test_progesterone_status_line_no_longer_says_self_care():
    assert Cause.objects.get(slug="progesterone-suppositories").urgency_hint == contract.URGENT


def test_pid_has_a_call_today_step(client):
    html = page(client, "/causes/infection-and-pid/")
    assert "Call your doctor today if..." in html and "sexual health clinic today" in html


def test_heavy_means_what_the_triage_contract_says_everywhere(client):
    heavy = contract.FIELDS_BY_NAME["bleeding_amount"].choice_label("heavy")
    assert heavy.startswith("Heavy: soaking a pad or more an hour")
    for url in ("/", "/articles/spotting-between-periods/", "/causes/early-pregnancy-bleeding/"):
        assert "soaking a pad or more an hour" in page(client, url), url
        assert "soaking a pad or more in an hour" not in page(client, url), url


def test_nice_ng12_is_a_cited_reference_on_the_cancer_page(client):
    html = page(client, "/causes/cervical-and-uterine-cancer/")
    assert 'href="#ref-nice-ng12"' in html and 'href="https://www.nice.org.uk/guidance/ng12' in html
