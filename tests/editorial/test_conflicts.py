"""No lost updates: two editors, one object; the second save is refused and nothing is lost.

In sequence with two clients on any database, and concurrently (two threads,
two database connections) so the check inside the save transaction is proven,
not only the form check.
"""

import threading

import pytest
from django.db import connection

from articles.models import Article, Reference
from editorial import locking
from tests.editorial.conftest import client_for, form_data, make_user
from triage.models import RuleSet, Scenario

CONFLICT = "Someone else changed this"


def change_url(obj):
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"


@pytest.mark.django_db
def test_second_save_of_a_draft_is_refused_with_who_what_and_the_editors_text_kept(
    editor, second_editor, draft_article
):
    first, second = client_for(editor), client_for(second_editor)
    first_data = form_data(first.get(change_url(draft_article)))
    second_data = form_data(second.get(change_url(draft_article)))

    assert first.post(change_url(draft_article), {**first_data, "body": "Eddie's body."}).status_code == 302
    response = second.post(change_url(draft_article), {**second_data, "standfirst": "Erin's new intro."})

    assert response.status_code == 409
    html = response.content.decode()
    assert f"{CONFLICT} article while you were editing: eddie at" in html
    assert "<strong>Body</strong>: First draft. → Eddie&#x27;s body." in html
    assert "Your text is still in the form below: copy what you need, reload, and apply it again." in html
    assert "Erin&#x27;s new intro." in html  # the second editor's text is still in the form
    draft_article.refresh_from_db()
    assert draft_article.body == "Eddie's body." and draft_article.standfirst == "Intro."
    # Reloading gives the new version; applying the change again now succeeds.
    fresh = form_data(second.get(change_url(draft_article)))
    assert (
        second.post(change_url(draft_article), {**fresh, "standfirst": "Erin's new intro."}).status_code
        == 302
    )
    draft_article.refresh_from_db()
    assert (draft_article.body, draft_article.standfirst) == ("Eddie's body.", "Erin's new intro.")


@pytest.mark.django_db
def test_two_editors_of_a_published_article_conflict_over_its_revision(editor, second_editor, live_article):
    first, second = client_for(editor), client_for(second_editor)
    first_data = form_data(first.get(change_url(live_article)))
    second_data = form_data(second.get(change_url(live_article)))
    first.post(change_url(live_article), {**first_data, "body": "Eddie's revision."})
    response = second.post(change_url(live_article), {**second_data, "body": "Erin's revision."})
    assert response.status_code == 409
    html = response.content.decode()
    assert "eddie at" in html and "The published body. → Eddie&#x27;s revision." in html
    assert "Erin&#x27;s revision." in html
    assert Article.objects.get(draft_of=live_article).body == "Eddie's revision."


@pytest.fixture
def reference(db):
    return Reference.objects.create(key="rao2020", title="A study of spotting", year=2020)


@pytest.fixture
def scenario(db):
    from triage import contract

    return Scenario.objects.create(
        ruleset=RuleSet.objects.create(change_note="Scenarios change only on a draft."),
        name="Calm case",
        answers=contract.answers_to_json(contract.default_answers()),
        expected="self_care",
    )


@pytest.fixture
def draft_ruleset(db):
    return RuleSet.objects.create(change_note="Tighten the pain thresholds.")


@pytest.mark.parametrize(
    ("fixture", "field", "first", "second"),
    [
        ("draft_ruleset", "change_note", "Note by Eddie", "Note by Erin"),
        ("reference", "title", "Title by Eddie", "Title by Erin"),
        ("scenario", "name", "Name by Eddie", "Name by Erin"),
    ],
)
@pytest.mark.django_db
def test_references_scenarios_and_draft_rulesets_are_locked_too(
    request, editor, second_editor, fixture, field, first, second
):
    obj = request.getfixturevalue(fixture)
    one, two = client_for(editor), client_for(second_editor)
    one_data, two_data = form_data(one.get(change_url(obj))), form_data(two.get(change_url(obj)))
    assert one.post(change_url(obj), {**one_data, field: first}).status_code == 302
    response = two.post(change_url(obj), {**two_data, field: second})
    assert response.status_code == 409 and CONFLICT in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) == first


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_one_wins_one_is_refused(monkeypatch):
    """Two requests, each on its own connection, both pass the form check before either saves.

    A barrier holds both requests after the form check, so the row lock taken
    inside the save transaction (SELECT ... FOR UPDATE) is what refuses the
    second: it waits for the first to commit, then sees the new version.
    """
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "The SQLite test database is in memory with a shared cache, where a second writer fails at "
            "once ('database table is locked') instead of waiting. A file database, as the site uses, "
            "begins every transaction with the write lock (IMMEDIATE), so writers are serialized; the "
            "sequential two-client tests above cover SQLite."
        )
    editor, second_editor = make_user("eddie", "Clinical editor"), make_user("erin", "Clinical editor")
    article = Article.objects.create(title="Racy", slug="racy", standfirst="s", body="Original.")
    clients = [client_for(editor), client_for(second_editor)]
    forms = [form_data(client.get(change_url(article))) for client in clients]
    barrier = threading.Barrier(2, timeout=20)
    seen = threading.local()
    original_clean = locking.LockedModelForm.clean

    def clean_then_wait(form):
        cleaned = original_clean(form)
        if not getattr(seen, "waited", False):
            seen.waited = True
            barrier.wait()  # both have passed the form check with the same version
        return cleaned

    monkeypatch.setattr(locking.LockedModelForm, "clean", clean_then_wait)
    results = {}
    start = threading.Barrier(2, timeout=20)

    def save(index, body):
        try:
            start.wait()
            results[index] = clients[index].post(change_url(article), {**forms[index], "body": body})
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(i, f"Body {i}")) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = sorted(response.status_code for response in results.values())
    assert statuses == [302, 409]
    winner = next(i for i, response in results.items() if response.status_code == 302)
    loser = 1 - winner
    article.refresh_from_db()
    assert article.body == f"Body {winner}"  # the winner's edit is saved whole
    assert f"Body {loser}" in results[loser].content.decode()  # the loser's text is in their form
    assert CONFLICT in results[loser].content.decode()
    assert article.history.filter(body=f"Body {loser}").count() == 0


@pytest.mark.django_db
def test_every_edited_model_carries_the_opened_version_in_its_admin_form(starter_content, editor):
    from articles.models import Cause
    from triage import workflow

    draft = workflow.copy_to_draft(RuleSet.objects.get(status=RuleSet.Status.LIVE), editor)
    objects = [
        Article.objects.first(),
        Cause.objects.first(),
        Reference.objects.first(),
        draft,
        draft.rules.first(),
        Scenario.objects.first(),
    ]
    client = client_for(editor)
    for obj in objects:
        data = form_data(client.get(change_url(obj)))  # asserts the hidden field is there
        assert data["opened_version"] == str(type(obj).objects.get(pk=obj.pk).lock_version), obj


@pytest.mark.django_db
def test_rules_with_their_conditions_are_locked(starter_content, editor, second_editor):
    from triage import workflow

    draft = workflow.copy_to_draft(RuleSet.objects.get(status=RuleSet.Status.LIVE), editor)
    rule = draft.rules.order_by("order", "pk").first()
    one, two = client_for(editor), client_for(second_editor)
    one_data, two_data = form_data(one.get(change_url(rule))), form_data(two.get(change_url(rule)))
    assert one.post(change_url(rule), {**one_data, "name": "Eddie's name"}).status_code == 302
    response = two.post(change_url(rule), {**two_data, "message": "Erin's message."})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this rule while you were editing: eddie" in html
    assert "Erin&#x27;s message." in html
    rule.refresh_from_db()
    assert rule.name == "Eddie's name" and rule.message != "Erin's message."


@pytest.mark.django_db
def test_a_save_that_does_not_say_which_version_it_edits_is_refused(editor, draft_article):
    client = client_for(editor)
    data = form_data(client.get(change_url(draft_article)))
    del data["opened_version"]
    response = client.post(change_url(draft_article), {**data, "body": "Blind overwrite."})
    assert response.status_code == 409
    assert "does not say which version of the page you opened" in response.content.decode()
    assert Article.objects.get(pk=draft_article.pk).body == "First draft."


@pytest.mark.django_db
def test_browser_line_endings_are_not_reported_as_someone_elses_change(editor, second_editor, live_article):
    Article.objects.filter(pk=live_article.pk).update(body="Line one.\nLine two.")
    live_article.refresh_from_db()
    live_article.save()  # recorded with Unix line endings, as the site stores them
    first, second = client_for(editor), client_for(second_editor)
    first_data = form_data(first.get(change_url(live_article)))
    second_data = form_data(second.get(change_url(live_article)))
    as_browser = {
        name: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for name, value in first_data.items()
    }
    first.post(change_url(live_article), {**as_browser, "standfirst": "A new standfirst."})
    assert Article.objects.get(draft_of=live_article).body == "Line one.\nLine two."
    html = second.post(change_url(live_article), {**second_data, "body": "Mine."}).content.decode()
    assert "<strong>Standfirst</strong>" in html and "<strong>Body</strong>" not in html


def open_a_revision_that_is_then_published(editor_client, approver, live_article):
    """The editor saves a revision of the live article and opens it; an approver publishes it meanwhile.

    Returns the revision (now deleted) and the form data the editor's browser holds.
    """
    live_data = form_data(editor_client.get(change_url(live_article)))
    editor_client.post(change_url(live_article), {**live_data, "body": "First revision text."})
    revision = Article.objects.get(draft_of=live_article)
    revision_data = form_data(editor_client.get(change_url(revision)))
    published = client_for(approver).post(
        f"/admin/articles/article/{revision.pk}/publish/", {"change_note": "Good to go."}
    )
    assert published.status_code == 302
    return revision, revision_data


@pytest.mark.django_db
def test_editing_a_revision_that_was_published_meanwhile_keeps_the_editors_text(
    editor, approver, live_article
):
    editor_client = client_for(editor)
    revision, revision_data = open_a_revision_that_is_then_published(editor_client, approver, live_article)
    response = editor_client.post(change_url(revision), {**revision_data, "body": "More edits, not lost."})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else published or discarded the draft revision you were editing: abby at" in html
    assert "More edits, not lost." in html
    live_article.refresh_from_db()
    assert live_article.body == "First revision text."
    assert not Article.objects.filter(draft_of=live_article).exists()


@pytest.mark.django_db
def test_a_removed_revisions_form_is_refused_on_the_live_row_even_with_the_live_rows_version(
    editor, approver, live_article
):
    """The version alone cannot tell the rows apart: the form says which row it was opened on."""
    editor_client = client_for(editor)
    revision, revision_data = open_a_revision_that_is_then_published(editor_client, approver, live_article)
    assert revision_data["opened_row"] == str(revision.pk)
    live_version = locking.stored_version(Article, live_article.pk)
    forged = {**revision_data, "opened_version": str(live_version), "body": "Would overwrite."}

    response = editor_client.post(change_url(revision), forged)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else published or discarded the draft revision you were editing" in html
    assert Article.objects.get(pk=live_article.pk).body == "First revision text."
    assert not Article.objects.filter(draft_of=live_article).exists()


@pytest.mark.django_db
def test_a_form_naming_another_row_is_refused(editor, live_article, draft_article):
    editor_client = client_for(editor)
    data = form_data(editor_client.get(change_url(draft_article)))

    response = editor_client.post(
        change_url(draft_article), {**data, "opened_row": str(live_article.pk), "body": "Not saved."}
    )

    assert response.status_code == 409
    assert "This form was opened on another version of this page" in response.content.decode()
    assert Article.objects.get(pk=draft_article.pk).body != "Not saved."


@pytest.mark.django_db
def test_a_form_opened_before_forms_named_their_row_still_saves(editor, draft_article):
    """Forms open in a browser across the deploy carry no opened_row: their version is checked as before."""
    editor_client = client_for(editor)
    data = form_data(editor_client.get(change_url(draft_article)))
    del data["opened_row"]

    assert editor_client.post(change_url(draft_article), {**data, "body": "Saved."}).status_code == 302
    assert Article.objects.get(pk=draft_article.pk).body == "Saved."
