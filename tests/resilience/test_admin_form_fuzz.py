"""Every admin form, and the login form, takes any text an editor can type without a 500.

The forms are not listed by hand: every model registered with the admin
(`admin.site.is_registered` / `get_model_admin` over `apps.get_models()`) is
visited as a superuser, its add form, and its change form for an existing
object, as far as the admin grants those permissions. In each form, every
text field (`forms.CharField` and its kinds: slugs, e-mail, URLs, tags, and
the text fields of its inlines) is filled with text from Hypothesis (accents,
other scripts, punctuation only, very long, NUL) and posted through the real
admin. Each post either saves with the text stored exactly as the form
cleaned it (so it fitted its column: on PostgreSQL an overflow is an error,
which the test client re-raises), or comes back with a field error on the
form. A deterministic sweep first posts every text field one character over
its column, and a long text to each unbounded one.

Run it on PostgreSQL (as `.ci/run` does): SQLite does not enforce column
lengths, so there only the "saved or explained" half is meaningful.

Examples are bounded (`max_examples`, no deadline) so the file stays quick.
"""

import datetime
import itertools
import unicodedata
import uuid

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from taggit.forms import TagField
from taggit.models import Tag
from taggit.utils import parse_tags

from articles import search
from articles.models import Article, Cause, Reference, SearchSynonym
from tests.security.test_bad_input import form_fields
from triage import contract, floor_workflow
from triage.models import Condition, FloorStatement, Rule, RuleSet, Scenario
from triage.starter_rules import load_default_ruleset

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text an editor can type or paste. Surrogates cannot be sent in a request at all;
# NUL can, and must be refused with a message.
typed = st.characters(exclude_categories=("Cs",))
editor_text = st.one_of(
    st.text(typed, min_size=1, max_size=40),
    st.text(typed, min_size=100, max_size=400),
    st.text(st.sampled_from("!?<>&\"'#%.,;:()[]{}/\\|*+=~^`@$-_…«»“”"), min_size=1, max_size=120),
    st.text(st.sampled_from("éèàüßøÅçñ月経間出血кровотечениеנקודה"), min_size=1, max_size=300),
    st.sampled_from(["Grossesse précoce", "  padded  ", "a\x00b", "x" * 101, "é" * 256, "\u200b", "ǅ"]),
)
slug_text = st.from_regex(r"[a-z0-9][a-z0-9-]{0,299}", fullmatch=True)


def superuser_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def registered_models():
    """Every model the admin has a page for, by its label."""
    return sorted(model._meta.label for model in apps.get_models() if admin.site.is_registered(model))


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("fuzz-admin", "fuzz@example.org", "unused-password-1")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def content(starter_content, superuser):
    """One of each thing the admin edits, so every change form has an object to open."""
    load_default_ruleset()
    floor_workflow.copy_to_draft(floor_workflow.live_floor(), superuser, note="Fuzzing")
    draft = RuleSet.objects.create(change_note="Fuzzing")
    rule = Rule.objects.create(
        ruleset=draft,
        name="Fuzz rule",
        disposition=contract.URGENT,
        message="See a doctor.",
        source_citation="X",
    )
    # A condition of a default rule, so the draft rule is valid as it stands.
    sample = Condition.objects.exclude(rule__ruleset=draft).order_by("pk").first()
    Condition.objects.create(rule=rule, field=sample.field, operator=sample.operator, value=sample.value)
    Scenario.objects.create(
        ruleset=draft,
        name="Fuzz scenario",
        answers=contract.answers_to_json(contract.default_answers()),
        expected=contract.SELF_CARE,
    )
    Article.objects.create(title="Fuzz draft", slug="fuzz-draft", standfirst="Fuzz.")
    Cause.objects.create(name="Fuzz draft", slug="fuzz-draft", summary="Fuzz.")
    Reference.objects.create(key="fuzz", title="Fuzz")
    Tag.objects.get_or_create(name="fuzz tag", slug="fuzz-tag")
    Group.objects.get_or_create(name="Fuzz group")


def is_text(field):
    """A field an editor types text into (not a password, not hidden, not read-only)."""
    return (
        isinstance(field, forms.CharField)
        and not field.disabled
        and not isinstance(field.widget, (forms.PasswordInput, forms.HiddenInput))
    )


class AdminForm:
    """One admin add or change page: its URL, the data it renders, and its text fields."""

    def __init__(self, client, user, model, obj):
        self.client, self.model, self.obj = client, model, obj
        model_admin = admin.site.get_model_admin(model)
        request = superuser_request(user)
        name = "add" if obj is None else "change"
        self.url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}", args=[obj.pk] if obj else []
        )
        # field name in the POST -> (form field, model it is stored on)
        self.fields = {
            name: (field, model)
            for name, field in model_admin.get_form(request, obj).base_fields.items()
            if is_text(field)
        }
        for inline in model_admin.get_inline_instances(request, obj):
            formset = inline.get_formset(request, obj)
            prefix = formset.get_default_prefix()
            for name, field in formset.form.base_fields.items():
                if is_text(field):
                    for index in range(20):
                        self.fields[f"{prefix}-{index}-{name}"] = (field, formset.model)
        self.form_id = f"{model._meta.model_name}_form"
        rendered = self.render()
        # Only the fields the page really offers (fieldsets and read-only fields decide).
        self.fields = {name: spec for name, spec in self.fields.items() if name in rendered}

    def render(self):
        """The data the page would submit as rendered (re-read: each save moves the lock version on).

        Required selects the page leaves empty (a rule's ruleset, say) get their first choice.
        """
        response = self.client.get(self.url, follow=True)
        assert response.status_code == 200, (self.url, response.status_code)
        # Opening published content may lead to its draft revision: post where the page is.
        self.post_url = response.request["PATH_INFO"]
        page = BeautifulSoup(response.content, "html.parser")
        form = page.find("form", id=self.form_id)
        assert form, f"{self.url} has no {self.form_id}"
        data = form_fields(page, self.form_id)
        for select in form.find_all("select", required=True):
            values = [option.get("value") for option in select.find_all("option") if option.get("value")]
            if values and not data.get(select["name"]):
                data[select["name"]] = values[0]
        return data

    def baseline(self, serial):
        """The rendered form, with a valid, unique value in every required text field it leaves empty."""
        data = self.render()
        for name, value in BASELINE_ADDITIONS.get((self.model._meta.label, self.obj is None), dict)().items():
            if not str(data.get(name, "")).strip():
                data[name] = value
        for name, (field, _) in self.fields.items():
            # Inline forms left empty stay empty (filling one would add a row).
            if str(data.get(name, "")).strip() or not field.required or "-" in name:
                continue
            if isinstance(field, forms.EmailField):
                data[name] = f"fuzz{serial}@example.org"
            elif isinstance(field, forms.URLField):
                data[name] = f"https://example.org/{serial}"
            else:
                data[name] = f"fuzz{serial}"
        return data

    def post(self, data):
        response = self.client.post(self.post_url, {**data, "_continue": "1"})
        assert response.status_code in (200, 302, 409), (self.post_url, response.status_code)
        return response

    def check(self, data, changes):
        """Post `changes` over `data`: saved with the text as cleaned, or a field error."""
        response = self.post({**data, **changes})
        if response.status_code == 302:
            for name, value in changes.items():
                field, model = self.fields[name]
                assert stored(field, model, name, value), f"{self.url}: {name!r} saved, but not as {value!r}"
            return "saved"
        page = BeautifulSoup(response.content, "html.parser")
        messages = page.select(".errorlist, .errornote")
        assert messages, f"{self.url}: refused {list(changes)} with no message"
        self.last_errors = " / ".join(
            f"{' '.join(message.parent.get('class', []))}: {message.get_text(' ', strip=True)}"
            for message in messages
        )
        return "refused"


def a_valid_condition():
    sample = Condition.objects.order_by("pk").first()
    return {
        "conditions-0-field": sample.field,
        "conditions-0-operator": sample.operator,
        "conditions-0-value": sample.value,
    }


def a_valid_floor_statement():
    field, operator, value = FloorStatement.objects.order_by("pk").first().conditions[0]
    return {"condition_1_field": field, "condition_1_operator": operator, "condition_1_value": str(value)}


def a_valid_redirect():
    return {"old_path": f"/causes/fuzz-old-{uuid.uuid4().hex[:8]}/", "new_path": "/causes/fuzz-draft/"}


# What an editor must add to an empty add form before it can save, beyond text: (model, is add) -> data.
BASELINE_ADDITIONS = {
    ("triage.Rule", True): a_valid_condition,
    ("articles.Redirect", True): a_valid_redirect,
    ("triage.FloorStatement", True): a_valid_floor_statement,
    ("auth.User", True): lambda: {"password1": "Fuzz-password-8317!", "password2": "Fuzz-password-8317!"},
}

# Values the model itself normalises on save (Django's own `AbstractUser.clean`, search terms).
User = get_user_model()
MODEL_NORMALISES = {
    # Stored as the search compares it (case, accents and spacing folded).
    (SearchSynonym, "term"): search.normalise,
    (User, "username"): lambda value: unicodedata.normalize("NFKC", value),
    (User, "email"): User.objects.normalize_email,
}

# Values the model rewrites in its own form (a condition's value as the engine reads it, "1,2" -> "1, 2"):
# for these only "saved or refused" is checked.
MODEL_REWRITES = {(Condition, "value")}


def stored(field, model, name, value):
    """Whether some row of `model` holds `value` as the form field would have cleaned it."""
    column = name.rsplit("-", 1)[-1]
    cleaned = field.clean(value)
    if isinstance(field, TagField):
        return all(Tag.objects.filter(name=tag).exists() for tag in parse_tags(value))
    if (model, column) in MODEL_REWRITES:
        return True
    cleaned = MODEL_NORMALISES.get((model, column), lambda text: text)(cleaned)
    return model._default_manager.filter(**{column: cleaned}).exists()


def valid_text(field, length):
    """Text of `length` characters that the field's format validators accept."""
    if isinstance(field, forms.URLField):
        return ("https://example.org/" + "a" * length)[:length]
    if isinstance(field, forms.EmailField):
        domain = ".".join(["a" * 60] * (length // 61 + 1))
        return ("a@" + domain)[: length - 4] + ".org"
    return "a" * length


def column_limit(field, model, name):
    if isinstance(field, TagField):
        return Tag._meta.get_field("name").max_length
    try:
        return model._meta.get_field(name.rsplit("-", 1)[-1]).max_length
    except Exception:  # a form-only field (a change note): bounded by its form field, if at all
        return field.max_length


def admin_forms(client, user, label):
    model = apps.get_model(label)
    model_admin = admin.site.get_model_admin(model)
    request = superuser_request(user)
    found = []
    if model_admin.has_add_permission(request):
        found.append(AdminForm(client, user, model, None))
    # The newest object the admin lets us change (the fixture's draft, where there is one).
    for obj in model_admin.get_queryset(request).order_by("-pk")[:5]:
        if model_admin.has_change_permission(request, obj):
            found.append(AdminForm(client, user, model, obj))
            break
    return found


@pytest.mark.parametrize("label", registered_models())
def test_every_admin_form_saves_text_intact_or_explains(admin_client, superuser, content, label):
    serial = itertools.count()
    for form in admin_forms(admin_client, superuser, label):
        if not form.fields:
            continue
        data = form.baseline(next(serial))
        outcome = form.check(data, {})
        assert outcome == "saved", f"{form.url}: the untouched form does not save: {form.last_errors}"

        # One over each column (in a shape its validators accept, so only the length is wrong),
        # and a long text where there is no column limit.
        for name, (field, model) in form.fields.items():
            limit = column_limit(field, model, name)
            outcome = form.check(
                form.baseline(next(serial)), {name: valid_text(field, limit + 1 if limit else 5000)}
            )
            if limit:
                assert outcome == "refused", f"{form.url}: {name!r} took {limit + 1} characters"
                assert "characters" in form.last_errors, f"{form.url}: {name!r}: {form.last_errors}"

        fuzz(form, serial)


def fuzz(form, serial):
    """Hypothesis: one or two text fields at a time, the rest as the baseline left them."""

    @FUZZ
    @given(
        changes=st.dictionaries(st.sampled_from(sorted(form.fields)), editor_text, min_size=1, max_size=2),
        slug=slug_text,
    )
    def post_any_text(changes, slug):
        data = form.baseline(next(serial))
        for name in changes:
            if isinstance(form.fields[name][0], forms.SlugField) and len(changes) == 1:
                changes[name] = slug  # slug-shaped too, so a slug can reach its column limit
        form.check(data, changes)

    post_any_text()


def test_every_registered_admin_is_visited(admin_client, superuser, content):
    """Read-only admins (counts, sign-in logs) have no form to fuzz; every other one has one here."""
    visited = {label for label in registered_models() if admin_forms(admin_client, superuser, label)}
    read_only = set(registered_models()) - visited
    # A new admin with no form here: give it text fields to fuzz, or name it below if it is read-only.
    assert read_only == {
        "axes.AccessAttempt",
        "axes.AccessFailureLog",
        "triage.Condition",
        "triage.DailyDispositionCount",
        "triage.DailyRuleCount",
    }


@FUZZ
@given(
    username=st.one_of(editor_text, st.text(typed, min_size=150, max_size=2000)),
    password=st.text(typed, max_size=200),
)
def test_the_login_form_never_fails_on_odd_input(client, username, password):
    response = client.post("/admin/login/", {"username": username, "password": password})
    # 200: the form again with its message; 403/429: locked out after repeated failures.
    assert response.status_code in (200, 403, 429), response.status_code
    if response.status_code == 200:
        assert BeautifulSoup(response.content, "html.parser").select(".errornote, .errorlist")


@FUZZ
@given(note=st.one_of(editor_text, st.text(typed, min_size=1_000, max_size=5_000)))
def test_the_publish_pages_change_note_is_kept_whole_or_refused(admin_client, content, note):
    """The publish page is a form of its own (not a model form): its note goes into the history."""
    today = timezone.localdate()
    draft = Cause.objects.create(
        name=f"Fuzz publish {Cause.objects.count()}",
        slug=f"fuzz-publish-{Cause.objects.count()}",
        summary="Fuzz.",
        last_reviewed=today,
        next_review_due=today + datetime.timedelta(days=365),
    )
    response = admin_client.post(
        reverse("admin:articles_cause_publish", args=[draft.pk]), {"change_note": note}
    )
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        reason = Cause.objects.get(pk=draft.pk).history.first().history_change_reason
        assert reason.endswith(note.strip()), "the change note was cut"
    else:
        assert BeautifulSoup(response.content, "html.parser").select(".errorlist, .errornote")
