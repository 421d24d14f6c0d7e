"""The public form at /triage/: accessible markup, results, errors, and answers never kept."""

import logging
import re

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from spotting_site.fail_open_cache import cache_is_shared
from tests.triage.form_data import form_data
from triage import contract, services, workflow
from triage.models import DailyDispositionCount, DailyRuleCount, Rule, RuleSet, Scenario

URL = "/triage/"


def post(client, **changes):
    return client.post(URL, form_data(**changes))


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_form_uses_fieldsets_legends_hints_and_radios(client, default_rules):
    response = client.get(URL)
    assert response.status_code == 200
    page = soup(response)
    form = page.find("form", method="post")
    assert form["action"] == URL
    legends = [legend.get_text(strip=True) for legend in form.find_all("legend")]
    assert "Could you be pregnant?" in legends and "How bad is any pain or cramping?" in legends
    assert not form.find("select")
    for name in ("pregnancy", "bleeding_amount", "pain", "frequency"):
        radios = form.find_all("input", attrs={"name": name})
        assert {radio["type"] for radio in radios} == {"radio"}
        assert radios[0].find_parent("fieldset").legend is not None
    for name in ("age", "premenstrual_spotting_days", "weeks_pregnant"):
        field = form.find("input", attrs={"name": name})
        assert field["inputmode"] == "numeric"
        assert page.find("label", attrs={"for": field["id"]})
    for spec in contract.FIELDS:
        if spec.name == contract.MERGED_PAIN:
            # Version 1's merged pain question: still accepted, asked as two questions.
            assert not form.find("input", attrs={"name": spec.name})
            continue
        assert form.find("input", attrs={"name": spec.name}), spec.name
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert page.find("script", src=re.compile(r"triage.*\.js")).has_attr("defer")
    assert not page.find("script", src=False)


def test_a_valid_answer_set_renders_the_result_directly_and_is_not_cached(client, default_rules):
    response = post(client, pain="moderate")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = soup(response)
    marked = page.select("[data-disposition]")
    assert len(marked) == 1 and len(page.select("[data-ruleset-version]")) == 1
    assert marked[0]["data-disposition"] == contract.URGENT
    assert marked[0]["data-ruleset-version"] == "1"
    assert page.h1.get_text(strip=True) == contract.DISPOSITION_LABELS[contract.URGENT]
    assert "Moderate pain" in page.find(class_="triage-reasons").get_text()


def test_the_emergency_result_has_the_call_out_cause_links_and_the_summary_for_the_doctor(
    client, default_rules
):
    response = post(client, pregnancy="possible", one_sided_or_shoulder_pain="on", age="29")
    page = soup(response)
    assert page.select_one("[data-disposition]")["data-disposition"] == contract.EMERGENCY
    assert "Call" in page.find(class_="triage-result__emergency").get_text()
    assert page.find("a", href="/causes/ectopic-pregnancy/")
    summary = page.find("section", class_="doctor-summary")
    text = summary.get_text(" ", strip=True)
    assert "Possibly" in text and "29" in text
    # A version 1 post: the merged pain answer reads as both version 2 pain answers.
    assert "Pain on one side of the lower tummy Yes" in text and "Shoulder-tip pain Yes" in text
    assert "not a diagnosis" in page.get_text()


def test_nothing_worrying_gives_self_care_with_a_plain_explanation(client, default_rules):
    page = soup(post(client))
    assert page.select_one("[data-disposition]")["data-disposition"] == contract.SELF_CARE
    assert "Nothing in your answers" in page.get_text()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pregnancy", "perhaps"),
        ("pregnancy", None),
        ("weeks_pregnant", "50"),
        ("fertility_treatment", "maybe"),
        ("bleeding_amount", "torrential"),
        ("pain", None),
        ("one_sided_or_shoulder_pain", "2"),
        ("fever", "hot"),
        ("dizzy_or_faint", "sometimes"),
        ("premenstrual_spotting_days", "15"),
        ("frequency", "daily"),
        ("after_intercourse", "x"),
        ("recent_procedure", "yesterday"),
        ("postmenopausal", "unsure"),
        ("age", "abc"),
        ("age", None),
        ("one_sided_pain", "left"),
        ("shoulder_tip_pain", "2"),
        ("previous_ectopic", "once"),
        ("coil_in_place", "copper"),
        ("ohss_signs", "some"),
        ("unusual_discharge", "green"),
        ("hormone_medicine", "pill"),
    ],
)
def test_each_invalid_field_gives_400_naming_it_and_keeps_the_answers(client, default_rules, field, value):
    changes = {field: value, "age": "41"} if field != "age" else {field: value}
    if field == "weeks_pregnant":
        changes["pregnancy"] = "positive_test"
    response = post(client, **changes)
    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]
    page = soup(response)
    summary = page.find(class_="error-summary")
    links = summary.find_all("a")
    assert len(links) == 1
    target = links[0]["href"].lstrip("#")
    element = page.find(id=target)
    # The version 1 pain field is not on the form: its error goes to the first version 2 pain question.
    shown = contract.SPLIT_PAIN[0] if field == contract.MERGED_PAIN else field
    assert element is not None and element["name"] == shown
    assert links[0].get_text() == contract.FIELDS_BY_NAME[field].error
    # The message also sits beside the field, and the field points at it.
    beside = page.find(id=f"{shown}-error")
    assert beside is not None and contract.FIELDS_BY_NAME[field].error in beside.get_text()
    described_by = element.get("aria-describedby") or element.find_parent("fieldset").get("aria-describedby")
    assert f"{shown}-error" in described_by
    assert page.title.get_text().startswith("Error:")
    assert not page.select("[data-disposition]")
    if field != "age":
        assert page.find("input", attrs={"name": "age"})["value"] == "41"
    other, chosen = ("pain", "none") if field == "frequency" else ("frequency", "first_time")
    assert page.find("input", attrs={"name": other, "value": chosen}).has_attr("checked")


def test_several_errors_are_listed_in_the_order_of_the_questions(client, default_rules):
    response = post(client, pregnancy=None, age="7", pain="agony")
    hrefs = [a["href"] for a in soup(response).find(class_="error-summary").find_all("a")]
    # Danger signs (pain) come first, then pregnancy, then the rest.
    assert hrefs == ["#pain", "#pregnancy", "#age"]


def test_the_danger_signs_come_first_with_a_button_that_sends_them_alone(client, default_rules):
    page = soup(client.get(URL))
    form = page.find("form", method="post")
    sections = form.find_all("section", class_="triage-section")
    assert [section.h2.get_text(strip=True) for section in sections] == [
        "Danger signs",
        "Pregnancy",
        "More about your bleeding and you",
    ]
    first = {tag["name"] for tag in sections[0].find_all("input")}
    assert first == {"pain", "bleeding_amount", "dizzy_or_faint", "shoulder_tip_pain"}
    assert sections[0].find("button", type="submit").get_text(strip=True) == "Get advice now"
    second = {tag["name"] for tag in sections[1].find_all("input")}
    assert {"pregnancy", "weeks_pregnant", "previous_ectopic", "coil_in_place", "ohss_signs"} <= second
    assert "hormone_medicine" in {tag["name"] for tag in sections[2].find_all("input")}


@pytest.mark.parametrize(
    ("danger", "expected"),
    [
        ({"shoulder_tip_pain": "true"}, contract.EMERGENCY),
        ({"pain": "severe"}, contract.EMERGENCY),
        ({"dizzy_or_faint": "true"}, contract.EMERGENCY),
        ({"bleeding_amount": "heavy"}, contract.URGENT),
    ],
)
def test_a_reader_who_sends_only_a_danger_sign_is_told_what_to_do(client, default_rules, danger, expected):
    response = client.post(URL, danger)
    assert response.status_code == 400
    page = soup(response)
    (advice,) = page.select("[data-minimum-disposition]")
    assert advice["data-minimum-disposition"] == expected
    assert advice.sourceline < page.find(class_="error-summary").sourceline


def test_a_version_2_post_gets_the_version_2_result(client, default_rules):
    page = soup(post(client, pregnancy="possible", previous_ectopic="true"))
    assert page.select_one("[data-disposition]")["data-disposition"] == contract.URGENT
    assert "ectopic" in page.find(class_="triage-reasons").get_text()
    page = soup(post(client, hormone_medicine="tamoxifen", postmenopausal="true", age="50"))
    assert page.select_one("[data-disposition]")["data-disposition"] == contract.URGENT


def test_a_get_with_answers_in_the_query_string_never_computes_a_result(client, default_rules):
    response = client.get(URL, form_data(dizzy_or_faint="true"))
    assert response.status_code == 200
    assert not soup(response).select("[data-disposition]")
    assert not DailyDispositionCount.objects.exists()


def test_results_are_counted_per_day_by_disposition_and_rule_only(client, default_rules):
    post(client, pain="moderate")
    post(client, pain="moderate")
    post(client)
    today = timezone.localdate()
    counts = {
        (c.disposition, c.count)
        for c in DailyDispositionCount.objects.filter(day=today, ruleset=default_rules)
    }
    assert counts == {(contract.URGENT, 2), (contract.SELF_CARE, 1)}
    rule_counts = {(c.rule.name, c.count) for c in DailyRuleCount.objects.select_related("rule")}
    assert rule_counts == {("Moderate pain", 2)}
    field_names = {f.name for f in DailyDispositionCount._meta.get_fields()} | {
        f.name for f in DailyRuleCount._meta.get_fields()
    }
    assert field_names <= {"id", "ruleset", "rule", "day", "disposition", "count"}


def test_one_result_matching_several_rules_counts_each_rule_once(client, default_rules):
    # Heavy bleeding and moderate pain: two rules, in one statement per count table.
    post(client, bleeding_amount="heavy", pain="moderate")
    post(client, bleeding_amount="heavy", pain="moderate")
    rule_counts = dict(DailyRuleCount.objects.values_list("rule__name", "count"))
    assert len(rule_counts) >= 2
    assert set(rule_counts.values()) == {2}
    assert DailyRuleCount.objects.filter(ruleset=default_rules).count() == len(rule_counts)
    assert DailyDispositionCount.objects.get().count == 2


def snapshot_database():
    """Every row of every table, as sets of value tuples per model."""
    return {
        model: {
            tuple(
                sorted(
                    (column, repr(value) if isinstance(value, list | dict) else value)
                    for column, value in row.items()
                )
            )
            for row in model.objects.all().values()
        }
        for model in apps.get_models(include_auto_created=True)
    }


def test_no_answer_value_is_kept_in_the_database_logs_or_response_headers(client, default_rules, caplog):
    # An age of 87 with 41 weeks of pregnancy and 13 days of premenstrual spotting is a distinctive
    # answer set: any copy of it kept anywhere would show up as these numbers and words.
    distinctive = {"age": "87", "weeks_pregnant": "41", "premenstrual_spotting_days": "13"}
    caplog.set_level(logging.DEBUG)
    before = snapshot_database()
    with CaptureQueriesContext(connection) as queries:
        response = post(client, pregnancy="positive_test", fever="on", frequency="most_cycles", **distinctive)
    assert response.status_code == 200
    assert soup(response).select_one("[data-disposition]")["data-disposition"] == contract.EMERGENCY
    after = snapshot_database()

    # The database: only the anonymous counts changed, and they hold no answer.
    changed = {model: after[model] - before[model] for model in after if after[model] != before[model]}
    assert set(changed) == {DailyDispositionCount, DailyRuleCount}
    for rows in changed.values():
        for row in rows:
            values = {column: value for column, value in row if column not in ("id", "ruleset_id", "rule_id")}
            assert set(values) <= {"day", "disposition", "count"}
            assert (
                values["count"] == 1 and values.get("disposition", contract.EMERGENCY) == contract.EMERGENCY
            )
    # No statement sent to the database carries an answer (ids and dates are the only numbers in them).
    statements = " ".join(query["sql"] for query in queries.captured_queries)
    assert "positive_test" not in statements and "most_cycles" not in statements

    # The logs, at DEBUG, including SQL logging and the arguments of every record.
    logs = "\n".join(f"{record.getMessage()} {record.args!r}" for record in caplog.records)
    for word in ("positive_test", "most_cycles", "weeks_pregnant", "age=87", " 87", "'87'"):
        assert word not in logs

    # The headers (and cookies). Expires and Date carry the clock, which can read 41 or 13.
    headers = " ".join(
        f"{name}: {value}" for name, value in response.items() if name not in ("Expires", "Date")
    )
    headers += " " + " ".join(morsel.OutputString() for morsel in response.cookies.values())
    for value in distinctive.values():
        assert not re.search(rf"\b{value}\b", headers), headers
    for word in ("positive_test", "most_cycles", "weeks", "pregnan"):
        assert word not in headers
    assert not re.search(r"\b87\b", response["Expires"])


def test_the_live_ruleset_is_read_in_a_fixed_number_of_queries_and_then_cached(default_rules):
    with CaptureQueriesContext(connection) as cold:
        services.live_ruleset()
    with CaptureQueriesContext(connection) as warm:
        live = services.live_ruleset()
    # One query asks which ruleset is live, unless a shared cache (Redis) keeps that on its own key.
    assert len(warm) == (0 if cache_is_shared() else 1) < len(cold) <= 7
    assert live.version == 1 and len(live.rules.rules) == len(default_rules.rules.all())


def test_without_a_live_ruleset_the_form_says_it_is_unavailable(client, db):
    assert not RuleSet.objects.exists()
    response = client.get(URL)
    assert response.status_code == 503
    assert "not available" in response.content.decode()


def test_the_form_switches_to_a_newly_approved_ruleset_at_the_next_request(
    client, default_rules, editor, approver
):
    assert (
        soup(post(client, fever="on")).select_one("[data-disposition]")["data-disposition"] == contract.URGENT
    )
    draft = workflow.copy_to_draft(default_rules, editor)
    Rule.objects.filter(ruleset=draft, name="Fever").update(disposition=contract.EMERGENCY)
    Scenario.objects.filter(
        ruleset=draft, name__in=["Fever without pain", "v2: Unusual discharge with a fever"]
    ).update(expected=contract.EMERGENCY)
    workflow.approve(workflow.submit_for_approval(draft, editor), approver, "Fever is now an emergency")
    result = soup(post(client, fever="on")).select_one("[data-disposition]")
    assert (result["data-disposition"], result["data-ruleset-version"]) == (contract.EMERGENCY, "2")


def test_only_feeling_faint_ticked_shows_emergency_advice_above_the_errors(client, default_rules):
    response = client.post(URL, {"dizzy_or_faint": "true"})
    assert response.status_code == 400
    page = soup(response)
    marked = page.select("[data-minimum-disposition]")
    assert len(marked) == 1 and marked[0]["data-minimum-disposition"] == contract.EMERGENCY
    summary = page.find(class_="error-summary")
    assert summary is not None and marked[0].sourceline < summary.sourceline
    assert not page.select("[data-disposition]")
    assert page.find("input", attrs={"name": "dizzy_or_faint"}).has_attr("checked")


def test_severe_pain_alone_is_answered_and_a_harmless_partial_answer_shows_no_advice(client, default_rules):
    page = soup(client.post(URL, {"pain": "severe"}))
    assert page.select_one("[data-minimum-disposition]")["data-minimum-disposition"] == contract.EMERGENCY
    page = soup(client.post(URL, {"pain": "none", "pregnancy": "no"}))
    assert not page.select("[data-minimum-disposition]")
    assert page.find(class_="error-summary") is not None


def test_a_partial_answer_that_only_decides_urgent_says_urgent(client, default_rules):
    response = post(client, bleeding_amount="heavy", pregnancy=None)
    assert response.status_code == 400
    assert soup(response).select_one("[data-minimum-disposition]")["data-minimum-disposition"] == (
        contract.URGENT
    )


def test_a_moved_threshold_moves_the_number_in_the_result(client, default_rules):
    Rule.objects.filter(ruleset=default_rules, name__startswith="Spotting for").update(
        message_html="<p>Spotting for {premenstrual_spotting_days} or more days.</p>"
    )
    page = soup(post(client, premenstrual_spotting_days="5"))
    assert "Spotting for 2 or more days." in page.get_text()
