"""History: who changed what and when, a field-by-field diff of any two versions, and safe reverts."""

import pytest

from articles.models import Article, Status
from tests.editorial.conftest import client_for, form_data
from triage import workflow
from triage.models import Rule, RuleSet

pytestmark = pytest.mark.django_db


def admin_url(obj, suffix):
    opts = obj._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/{suffix}"


def edit(client, obj, **changes):
    data = form_data(client.get(admin_url(obj, "change/")))
    return client.post(admin_url(obj, "change/"), {**data, **changes})


def test_each_change_is_recorded_with_who_and_when_and_listed_in_the_admin(
    editor, second_editor, draft_article
):
    edit(client_for(editor), draft_article, body="Second draft.")
    edit(client_for(second_editor), draft_article, title="Renamed article")
    records = list(draft_article.history.order_by("history_id"))
    assert [r.history_user.username if r.history_user else None for r in records] == [None, "eddie", "erin"]
    assert [r.body for r in records] == ["First draft.", "Second draft.", "Second draft."]
    html = client_for(editor).get(admin_url(draft_article, "history/")).content.decode()
    assert "eddie" in html and "erin" in html
    assert 'name="old"' in html and 'name="new"' in html and "Compare the chosen versions" in html


def test_compare_shows_field_by_field_differences_between_any_two_versions(editor, draft_article):
    editor_client = client_for(editor)
    edit(editor_client, draft_article, body="Second draft.")
    edit(editor_client, draft_article, title="Renamed article")
    first, _, last = draft_article.history.order_by("history_id")
    response = editor_client.get(
        admin_url(draft_article, f"history/compare/?old={first.history_id}&new={last.history_id}")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 fields differ between the two versions" in html
    assert '<th scope="row">Body</th><td>First draft.</td><td>Second draft.</td>' in html
    assert '<th scope="row">Title</th><td>New article</td><td>Renamed article</td>' in html


def test_revert_restores_the_content_as_a_new_recorded_change(editor, draft_article):
    editor_client = client_for(editor)
    edit(editor_client, draft_article, body="A mistaken edit.")
    original = draft_article.history.order_by("history_id").first()
    revert_url = admin_url(draft_article, f"history/{original.history_id}/")
    response = editor_client.post(revert_url, form_data(editor_client.get(revert_url)))
    assert response.status_code == 302
    draft_article.refresh_from_db()
    assert draft_article.body == "First draft."
    latest = draft_article.history.first()
    assert latest.history_change_reason == "Reverted to an earlier version" and latest.history_user == editor
    assert draft_article.history.count() == 3


def test_reverting_a_published_article_goes_to_its_draft_revision(editor, live_article):
    editor_client = client_for(editor)
    Article.objects.filter(pk=live_article.pk).update(
        body="x"
    )  # (no history: only to make the revert visible)
    live_article.refresh_from_db()
    live_article.body = "Published again."
    live_article.save()
    original = live_article.history.order_by("history_id").first()
    revert_url = admin_url(live_article, f"history/{original.history_id}/")
    response = editor_client.post(revert_url, form_data(editor_client.get(revert_url)))
    revision = Article.objects.get(draft_of=live_article)
    assert response.status_code == 302 and response["Location"] == admin_url(revision, "change/")
    assert revision.body == "The published body." and revision.status == Status.DRAFT
    live_article.refresh_from_db()
    assert live_article.body == "Published again."


def test_reverting_needs_change_permission(db, draft_article):
    from tests.editorial.conftest import make_user

    loner = make_user("loner")
    original = draft_article.history.first()
    response = client_for(loner).post(admin_url(draft_article, f"history/{original.history_id}/"), {})
    assert response.status_code in (302, 403)
    assert Article.objects.get(pk=draft_article.pk).body == "First draft."


@pytest.fixture
def live_ruleset(db, starter_content):
    return RuleSet.objects.get(status=RuleSet.Status.LIVE)


def test_a_live_ruleset_and_its_rules_cannot_be_reverted(editor, live_ruleset):
    editor_client = client_for(editor)
    record = live_ruleset.history.order_by("history_id").first()
    response = editor_client.post(admin_url(live_ruleset, f"history/{record.history_id}/"), {}, follow=True)
    assert (
        "Only a draft ruleset can be changed, so only a draft can be reverted." in response.content.decode()
    )
    rule = live_ruleset.rules.first()
    rule_record = rule.history.first()
    editor_client.post(admin_url(rule, f"history/{rule_record.history_id}/"), {"name": "Tampered"})
    assert Rule.objects.get(pk=rule.pk).name == rule.name


def test_rule_and_condition_changes_are_recorded_with_the_editor(editor, live_ruleset):
    draft = workflow.copy_to_draft(live_ruleset, editor)
    rule = draft.rules.order_by("order", "pk").first()
    editor_client = client_for(editor)
    condition = rule.conditions.first()
    # Copying to a draft records the copied conditions, with who copied them.
    assert condition.history.get().history_user == editor
    data = form_data(editor_client.get(admin_url(rule, "change/")))
    assert data["conditions-0-id"] == str(condition.pk)
    response = editor_client.post(admin_url(rule, "change/"), {**data, "name": "Renamed rule"})
    assert response.status_code == 302
    assert rule.history.first().name == "Renamed rule" and rule.history.first().history_user == editor
    assert client_for(editor).get(admin_url(condition, "history/")).status_code == 200


def test_reverting_a_scenario_restores_its_answers(editor):
    from triage import contract
    from triage.models import RuleSet, Scenario

    answers = contract.answers_to_json(contract.default_answers())
    draft = RuleSet.objects.create(change_note="Scenarios change only on a draft.")
    scenario = Scenario.objects.create(ruleset=draft, name="Calm case", answers=answers, expected="self_care")
    changed = {**answers, "pain": "severe"}
    Scenario.objects.filter(pk=scenario.pk).update(answers=changed)
    scenario.refresh_from_db()
    scenario.save()  # a recorded change with severe pain
    original = scenario.history.order_by("history_id").first()
    client = client_for(editor)
    revert_url = admin_url(scenario, f"history/{original.history_id}/")
    assert client.post(revert_url, form_data(client.get(revert_url))).status_code == 302
    scenario.refresh_from_db()
    assert scenario.answers == answers
