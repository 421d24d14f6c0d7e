"""The starter content: the fixed cause slugs, citations where the brief names a source, idempotency."""

import pytest
from django.core.management import call_command

from articles.models import Article, Cause, Reference
from articles.starter_content import load_starter_content
from triage import contract

pytestmark = pytest.mark.django_db

FIXED_CAUSE_SLUGS = [
    "implantation-spotting",
    "early-pregnancy-bleeding",
    "hormonal-imbalance",
    "fibroids-and-polyps",
    "fertility-drug-side-effects",
    "progesterone-suppositories",
    "gynaecological-procedures",
    "iui-and-ivf-procedures",
    "transvaginal-ultrasound",
    "sexual-intercourse",
    "endometriosis",
    "infection-and-pid",
    "ectopic-pregnancy",
    "ohss",
    "cervical-and-uterine-cancer",
]


def test_loads_the_flagship_fifteen_causes_in_order_four_references_and_tags(starter_content):
    assert list(Cause.objects.published().values_list("slug", flat=True)) == FIXED_CAUSE_SLUGS
    # The brief's four, and the guidance behind the triage questions of contract version 2.
    assert Reference.objects.count() == 10
    flagship = Article.objects.published().get(is_flagship=True)
    assert flagship.slug == "spotting-between-periods"
    assert (
        list(flagship.causes.order_by("articlecause__order").values_list("slug", flat=True))
        == FIXED_CAUSE_SLUGS
    )
    assert set(flagship.references.values_list("key", flat=True)) == {
        "heitmann2014",
        "jabara2009",
        "snell2009",
        "medlineplus-bleeding",
    }
    assert flagship.citation_keys == ["jabara2009", "snell2009", "medlineplus-bleeding", "heitmann2014"]


def test_cause_pages_say_what_the_version_2_triage_rules_say_with_citations(starter_content):
    ectopic = Cause.objects.get(slug="ectopic-pregnancy")
    assert {"nice-ng126", "nhs-ectopic-causes"} <= set(ectopic.citation_keys)
    assert "coil" in ectopic.body and "tubes" in ectopic.body and "shoulder" in ectopic.emergency_advice
    assert "rcog-gtg5" in Cause.objects.get(slug="ohss").citation_keys
    infection = Cause.objects.get(slug="infection-and-pid")
    assert "nhs-pid" in infection.citation_keys and "fever" in infection.urgent_advice
    cancer = Cause.objects.get(slug="cervical-and-uterine-cancer")
    assert {"nice-ng12", "nhs-tamoxifen"} <= set(cancer.citation_keys)
    assert "Tamoxifen" in cancer.body and "HRT" in cancer.body


def test_facts_the_brief_attributes_cite_their_source(starter_content):
    flagship = Article.objects.get(slug="spotting-between-periods")
    body = " ".join(flagship.body.split())
    assert "29 to 36" in body and "29 to 36 out of every 100 IVF cycles [@jabara2009]" in body
    assert "go on with their pregnancy [@snell2009] [@medlineplus-bleeding]" in body
    assert "[endometriosis](/causes/endometriosis/) [@heitmann2014]" in body
    assert "heitmann2014" in Cause.objects.get(slug="endometriosis").citation_keys
    assert "jabara2009" in Cause.objects.get(slug="progesterone-suppositories").citation_keys
    assert Cause.objects.get(slug="early-pregnancy-bleeding").citation_keys == [
        "jabara2009",
        "snell2009",
        "medlineplus-bleeding",
    ]


def test_urgency_hints_match_how_serious_each_cause_is(starter_content):
    hints = dict(Cause.objects.values_list("slug", "urgency_hint"))
    assert hints["ectopic-pregnancy"] == hints["ohss"] == contract.EMERGENCY
    assert hints["early-pregnancy-bleeding"] == contract.URGENT
    assert hints["endometriosis"] == hints["cervical-and-uterine-cancer"] == contract.APPOINTMENT
    assert hints["implantation-spotting"] == contract.SELF_CARE
    assert set(hints.values()) <= set(contract.DISPOSITIONS)


def test_every_cause_ships_unreviewed_with_a_review_due_date_summary_body_and_tags(starter_content):
    for cause in Cause.objects.prefetch_related("tags"):
        assert not cause.reviewer_name and not cause.last_reviewed and not cause.is_clinically_reviewed
        assert cause.next_review_due
        assert cause.summary and cause.body_html.count("<p>") >= 2
        assert cause.tags.exists()


def test_running_twice_creates_nothing_new_and_keeps_edits(db):
    first = load_starter_content()
    assert first == {"references": 10, "tags": 7, "causes": 15, "articles": 1}
    Cause.objects.filter(slug="ohss").update(summary="Edited summary")
    assert load_starter_content() == {}
    call_command("load_starter_content", verbosity=0)
    assert Cause.objects.count() == 15 and Article.objects.count() == 1
    assert Cause.objects.get(slug="ohss").summary == "Edited summary"


def test_an_existing_install_gets_the_corrections_only_on_pages_editors_never_changed(
    db, capsys, monkeypatch
):
    """Pages still holding an earlier release's text are updated; an editor's version is kept."""
    from articles import starter_content

    load_starter_content()
    # Put back the first release's text on two pages (what an existing install holds), then edit one.
    old = {"summary": "Old shipped summary."}
    for slug in ("progesterone-suppositories", "implantation-spotting"):
        data = next(cause for cause in starter_content.CAUSES if cause["slug"] == slug)
        Cause.objects.filter(slug=slug).update(**old)
        monkeypatch.setitem(
            starter_content.SHIPPED_VERSIONS,
            ("cause", slug),
            (starter_content.fingerprint({**data, **old}, starter_content.CAUSE_TEXT_FIELDS),),
        )
    Cause.objects.filter(slug="implantation-spotting").update(summary="An editor's own summary.")
    call_command("load_starter_content")
    assert "1 pages updated to the corrected starter text" in capsys.readouterr().out
    progesterone = Cause.objects.get(slug="progesterone-suppositories")
    assert progesterone.summary.startswith("Progesterone put into the vagina")
    assert progesterone.history.first().history_change_reason.startswith("Starter content corrected")
    assert Cause.objects.get(slug="implantation-spotting").summary == "An editor's own summary."
    assert load_starter_content() == {}


def test_the_first_release_fingerprints_are_kept_for_every_page():
    from articles.starter_content import CAUSES, FLAGSHIP, SHIPPED_VERSIONS

    shipped = {slug for _, slug in SHIPPED_VERSIONS}
    assert shipped == {cause["slug"] for cause in CAUSES} | {FLAGSHIP["slug"]}
