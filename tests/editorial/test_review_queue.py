"""The review queue on the admin home: what waits for each role, with author, age and a link."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles import publishing, review_workflow
from editorial.queue import WAITING_FOR_YOU, YOURS, QueueItem, queue_for
from editorial.roles import OFFICER, sync_roles
from tests.editorial.conftest import PASSWORD, client_for, form_data
from triage.floor_models import SafetyFloor
from triage.models import RuleSet

pytestmark = pytest.mark.django_db


def officer(username):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(dict(zip(("e", "a", OFFICER), sync_roles(), strict=True))[OFFICER])
    return user


def edit_live(client, article, **changes):
    url = f"/admin/articles/article/{article.pk}/change/"
    data = {**form_data(client.get(url)), **changes}
    assert client.post(url, data).status_code == 302


def submitted_ruleset(author, days_ago=3):
    return RuleSet.objects.create(
        status=RuleSet.Status.AWAITING_APPROVAL,
        author=author,
        submitted_by=author,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def titles(items, relation):
    return [(item.kind, item.title) for item in items if item.relation == relation]


def test_approver_sees_drafts_revisions_and_rulesets_waiting_with_author(
    editor, approver, draft_article, live_article
):
    edit_live(client_for(editor), live_article, body="The changed body.")
    draft_article._history_user = editor
    draft_article.save()
    review_workflow.submit_for_review(draft_article, editor)
    review_workflow.submit_for_review(live_article.draft_revisions.get(), editor)
    ruleset = submitted_ruleset(editor)

    waiting = titles(queue_for(approver), WAITING_FOR_YOU)

    assert ("Article", "New article") in waiting
    assert ("Draft revision of article", "Spotting explained") in waiting
    assert ("Triage ruleset", f"Triage ruleset version {ruleset.version}") in waiting
    by_title = {item.title: item for item in queue_for(approver)}
    assert by_title["Spotting explained"].author == "eddie"
    assert by_title[f"Triage ruleset version {ruleset.version}"].age == "3 days"
    assert by_title[f"Triage ruleset version {ruleset.version}"].admin_url.endswith(f"/{ruleset.pk}/approve/")


def test_editor_sees_only_their_own_items_and_their_state(editor, second_editor, live_article):
    edit_live(client_for(editor), live_article, body="The changed body.")
    mine = submitted_ruleset(editor)
    submitted_ruleset(second_editor)

    items = queue_for(editor)

    assert titles(items, WAITING_FOR_YOU) == []
    assert set(titles(items, YOURS)) == {
        ("Triage ruleset", f"Triage ruleset version {mine.version}"),
        ("Draft revision of article", "Spotting explained"),
    }
    states = {item.title: item.state for item in items}
    assert states[f"Triage ruleset version {mine.version}"] == "Awaiting approval"
    assert states["Spotting explained"] == review_workflow.NOT_SUBMITTED
    assert queue_for(second_editor) and all(item.relation == YOURS for item in queue_for(second_editor))


def test_a_draft_nobody_submitted_waits_for_no_approver_but_shows_to_its_writer(
    editor, approver, draft_article
):
    draft_article._history_user = editor
    draft_article.save()

    assert titles(queue_for(approver), WAITING_FOR_YOU) == []
    assert titles(queue_for(editor), YOURS) == [("Article", "New article")]


def test_an_approver_never_sees_their_own_submission_as_waiting_for_them(approver):
    own = submitted_ruleset(approver)
    items = queue_for(approver)
    assert titles(items, WAITING_FOR_YOU) == []
    assert titles(items, YOURS) == [("Triage ruleset", f"Triage ruleset version {own.version}")]


def test_a_scheduled_revision_waits_for_nobody_but_shows_to_its_writer(editor, approver, live_article):
    edit_live(client_for(editor), live_article, body="The changed body.")
    revision = live_article.draft_revisions.get()
    later = timezone.now() + datetime.timedelta(days=2)
    publishing.publish(revision, approver, "Ready.", when=later)

    assert titles(queue_for(approver), WAITING_FOR_YOU) == []
    (item,) = queue_for(editor)
    assert item.state.startswith("Scheduled for ")


def test_floor_awaiting_approval_waits_for_another_officer_only(approver):
    first, second = officer("olu"), officer("oona")
    floor = SafetyFloor.objects.create(
        status=SafetyFloor.Status.AWAITING_APPROVAL,
        author=first,
        submitted_by=first,
        submitted_at=timezone.now(),
    )
    title = ("Safety floor", f"Safety floor version {floor.version}")

    assert title in titles(queue_for(second), WAITING_FOR_YOU)
    assert title in titles(queue_for(first), YOURS)
    assert title not in titles(queue_for(approver), WAITING_FOR_YOU)


def test_admin_home_shows_the_queue_with_a_link(editor, approver, draft_article):
    draft_article._history_user = editor
    draft_article.save()
    review_workflow.submit_for_review(draft_article, editor)
    html = client_for(approver).get("/admin/").content.decode()
    assert "Waiting for your approval" in html
    assert f'href="/admin/articles/article/{draft_article.pk}/change/"' in html
    assert "eddie" in html


def test_queue_item_age_reads_in_words():
    item = QueueItem("Article", "T", "", "Waiting", timezone.now() - datetime.timedelta(hours=50), "/")
    assert item.age == "2 days"
