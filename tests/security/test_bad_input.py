"""Arbitrary input never causes a 500: the triage form, search and the admin's editing forms.

Hypothesis posts arbitrary strings, numbers, missing and repeated fields,
very long values and unicode (NUL and other control characters included).
The triage form answers 200 with a result or 400 with its error summary;
search answers 200 or 400 with a message; an admin form saves (302) or shows
its errors (200). The test client re-raises any exception a view lets
escape, so a would-be 500 fails the test with its traceback.

Each property is bounded (`max_examples`, no deadline) to keep the suite
fast; the explicit `@example`s are the inputs that once broke something or
sit on a boundary.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.models import Article, Cause, Reference
from tests.triage.form_data import VALID_FORM
from triage import contract
from triage.models import Rule, RuleSet, Scenario
from triage.starter_rules import load_default_ruleset

ADMIN_EXAMPLES = 6
FUZZ = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as a browser or a script could send it. Surrogates cannot be encoded in a request at all.
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
digits = st.integers(min_value=-(10**6), max_value=10**6).map(str)
huge_number = st.integers(min_value=1, max_value=6000).map(lambda length: "9" * length)
# Long, but all fields at once stay under the 1 MiB body limit (a bigger body is a plain 400).
long_text = st.integers(min_value=1_000, max_value=5_000).map(lambda length: "é" * length)
field_value = st.one_of(any_text, digits, huge_number, long_text, st.sampled_from(["true", "on", "", " "]))
# A list is the field sent several times (`?a=1&a=2`), as a tampered form can.
sent_value = st.one_of(field_value, st.lists(field_value, min_size=2, max_size=3))


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


# Triage form ----------------------------------------------------------------------------


def valid_choice(spec):
    if spec.kind == contract.CHOICE:
        return st.sampled_from(spec.choices)
    if spec.kind == contract.BOOLEAN:
        return st.sampled_from(["true", "false", "on"])
    return st.integers(spec.minimum, spec.maximum).map(str)


# Mostly valid answers with some fields broken, missing or repeated, plus names the contract lacks.
triage_posts = st.fixed_dictionaries(
    {},
    optional={
        **{spec.name: st.one_of(valid_choice(spec), sent_value) for spec in contract.FIELDS},
        "csrfmiddlewaretoken": any_text,
        "unknown_field": sent_value,
    },
)


@pytest.fixture
def live_triage(db):
    load_default_ruleset()


def assert_triage_answered_or_refused(response):
    page = soup(response)
    if response.status_code == 200:
        assert len(page.select("[data-disposition]")) == 1
    else:
        assert response.status_code == 400
        summary = page.select_one("[data-error-summary]")
        assert summary is not None and summary.select("a[href^='#']")
        assert not page.select("[data-disposition]")


@FUZZ
@given(data=triage_posts)
@example(data={**VALID_FORM, "age": "9" * 5000})
@example(data={**VALID_FORM, "weeks_pregnant": "4" * 4301, "pregnancy": "positive_test"})
@example(data={"age": "٣٠", "weeks_pregnant": "+3", "premenstrual_spotting_days": "1e1"})
@example(data={"pregnancy": ["no", "positive_test"], "age": ["30", "abc"], "fever": ["on", "off"]})
@example(data={"pregnancy": "no\x00", "pain": "none\u202e", "age": "3\x000"})
@example(data={})
def test_any_triage_post_gets_a_result_or_a_400_with_the_error_summary(client, live_triage, data):
    assert_triage_answered_or_refused(client.post("/triage/", data))


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", b"age=%FF%FE&pregnancy=\xff\xfe&pain=%00"),
        ("application/x-www-form-urlencoded", b"age=30&&&=&==&%%%"),
        ("multipart/form-data", b"not multipart at all"),
        ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="age"\r\n\r\n3'),
        ("application/json", b'{"age": 30, "pregnancy": "no"}'),
        ("text/plain", b"\x00\x01\x02"),
    ],
    ids=["invalid utf-8", "broken pairs", "no boundary", "truncated multipart", "json", "binary"],
)
def test_malformed_triage_bodies_are_refused_with_400(client, live_triage, content_type, body):
    response = client.post("/triage/", data=body, content_type=content_type)
    assert response.status_code == 400


# Search ---------------------------------------------------------------------------------


@FUZZ
@given(query=st.one_of(any_text, long_text, st.lists(any_text, min_size=2, max_size=3)))
@example(query="a" * 201)
@example(query="\x00\x01\x1f")
@example(query="!:* & | <-> ( ) ' \" \\ %")
@example(query="<script>alert(1)</script>")
@example(query="the and of")
@example(query="\u202e\u200b\ufeff")
def test_any_search_gets_results_or_a_friendly_message(client, db, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code in (200, 400)
    page = soup(response)
    if response.status_code == 400:
        assert page.select_one(".search-message").get_text(strip=True)
    # The query is shown back escaped in the search box, never as markup.
    assert not page.select("main script")


def test_search_with_an_undecodable_query_string_gets_a_page(client, db):
    assert client.get("/search/?q=%FF%FE%00&q=%E2%82").status_code in (200, 400)


# Admin forms ----------------------------------------------------------------------------


def form_fields(page, form_id):
    """The POST data the admin form would submit as rendered: {name: value or [values]}."""
    form = page.find("form", id=form_id)
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name:
            continue
        kind = field.get("type", "text").lower() if field.name == "input" else field.name
        if kind in ("submit", "button", "image", "file", "reset"):
            continue
        if kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif kind == "select":
            selected = [option.get("value", "") for option in field.find_all("option", selected=True)]
            data[name] = selected if field.has_attr("multiple") else (selected or [""])[0]
        elif kind == "textarea":
            data[name] = field.get_text()
        else:
            data[name] = field.get("value", "")
    return data


def is_management_field(name):
    """Formset bookkeeping (TOTAL_FORMS...) is tested once, below, not fuzzed: huge counts only slow it."""
    return name.endswith(("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"))


@pytest.fixture
def superuser_client(client, db):
    user = get_user_model().objects.create_superuser("fuzz-admin", "fuzz@example.org", "unused-password-1")
    client.force_login(user)
    return client


@pytest.fixture
def editable_objects(db):
    """One of each edited thing, so change forms can be fuzzed too, and a draft ruleset to add rules to."""
    draft = RuleSet.objects.create(change_note="Fuzzing")
    Rule.objects.create(
        ruleset=draft,
        name="Fuzz rule",
        disposition=contract.URGENT,
        message="See a doctor.",
        source_citation="X",
    )
    return {
        "article": Article.objects.create(title="Fuzz", slug="fuzz", standfirst="Fuzz."),
        "cause": Cause.objects.create(name="Fuzz", slug="fuzz", summary="Fuzz."),
        "reference": Reference.objects.create(key="fuzz", title="Fuzz"),
        "scenario": Scenario.objects.create(
            ruleset=draft,
            name="Fuzz scenario",
            answers=contract.answers_to_json(contract.default_answers()),
            expected=contract.SELF_CARE,
        ),
        "rule": Rule.objects.get(ruleset=draft),
    }


ADMIN_FORMS = [
    ("articles", "article"),
    ("articles", "cause"),
    ("articles", "reference"),
    ("triage", "scenario"),
    ("triage", "rule"),
]


def admin_url(app, model, obj=None):
    if obj is None:
        return reverse(f"admin:{app}_{model}_add")
    return reverse(f"admin:{app}_{model}_change", args=[obj.pk])


def assert_saved_or_shown_with_errors(response):
    # 409 is the change form again, explaining an edit conflict (a missing or stale opened_version).
    assert response.status_code in (200, 302, 409), response.status_code
    if response.status_code != 302:
        page = soup(response)
        assert page.select(".errornote, .errorlist"), "a refused form must say what is wrong"


# Field names not fuzzed, each with the test that pins why.
NOT_FUZZED = {
    # Pinned separately by test_a_huge_cause_id_on_a_rule_is_refused_not_crashed.
    ("rule", "causes"),
}


@pytest.mark.parametrize(("app", "model"), ADMIN_FORMS, ids=[model for _, model in ADMIN_FORMS])
@pytest.mark.parametrize("form", ["add", "change"])
def test_admin_forms_save_or_explain_any_input(superuser_client, editable_objects, app, model, form):
    url = admin_url(app, model, editable_objects[model] if form == "change" else None)
    rendered = form_fields(soup(superuser_client.get(url)), f"{model}_form")
    names = sorted(
        name for name in rendered if not is_management_field(name) and (model, name) not in NOT_FUZZED
    )

    @settings(FUZZ, max_examples=ADMIN_EXAMPLES)
    @given(changes=st.dictionaries(st.sampled_from(names), st.one_of(sent_value, st.none()), max_size=4))
    def post_anything(changes):
        # Re-read the form each time: a save by an earlier example moves the lock version on.
        data = (
            form_fields(soup(superuser_client.get(url)), f"{model}_form")
            if form == "change"
            else {**rendered}
        )
        for name, value in changes.items():
            if value is None:
                data.pop(name, None)  # a missing field
            else:
                data[name] = value
        assert_saved_or_shown_with_errors(superuser_client.post(url, data))

    post_anything()


def test_a_huge_cause_id_on_a_rule_is_refused_not_crashed(superuser_client, editable_objects):
    url = admin_url("triage", "rule", editable_objects["rule"])
    data = form_fields(soup(superuser_client.get(url)), "rule_form")
    assert_saved_or_shown_with_errors(superuser_client.post(url, {**data, "causes": ["9" * 30]}))


WITH_INLINES = [("articles", "article"), ("articles", "cause"), ("triage", "rule")]


@pytest.mark.parametrize(("app", "model"), WITH_INLINES, ids=[model for _, model in WITH_INLINES])
def test_admin_forms_with_tampered_formset_counts_are_refused_not_crashed(
    superuser_client, editable_objects, app, model
):
    url = admin_url(app, model)
    rendered = form_fields(soup(superuser_client.get(url)), f"{model}_form")
    counts = [name for name in rendered if name.endswith(("TOTAL_FORMS", "INITIAL_FORMS"))]
    assert counts
    for name in counts:
        for value in ("abc", ""):
            response = superuser_client.post(url, {**rendered, name: value})
            assert response.status_code == 200, (name, value)
            assert soup(response).select(".errornote, .errorlist"), (name, value)
