"""E-mails on submit, approve, publish and send back: the right people, a title and a link, nothing else."""

import json

import pytest
from django.core import mail
from django.test import override_settings

from articles import publishing
from articles.models import Article
from editorial.roles import OFFICER, sync_roles
from tests.editorial.conftest import client_for, make_user
from tests.editorial.test_review_queue import edit_live
from triage import floor_workflow, workflow
from triage.floor_models import SafetyFloor
from triage.models import RuleSet, Scenario

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_addresses")]


@pytest.fixture
def _addresses(settings):
    settings.SITE_URL = "https://editors.example.org"


def with_address(user):
    user.email = f"{user.username}@example.org"
    user.save()
    return user


@pytest.fixture
def people(editor, approver, second_approver):
    return with_address(editor), with_address(approver), with_address(second_approver)


def officer(username):
    user = make_user(username)
    user.groups.add(dict(zip(("e", "a", OFFICER), sync_roles(), strict=True))[OFFICER])
    return with_address(user)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def clinical_text(ruleset):
    """Everything in a ruleset that must never leave the admin: rule contents, messages, answers."""
    texts = set()
    for rule in ruleset.rules.prefetch_related("conditions"):
        texts |= {rule.name, rule.message, *(condition.value for condition in rule.conditions.all())}
    texts |= {json.dumps(scenario.answers) for scenario in Scenario.objects.filter(ruleset=ruleset)}
    return {text for text in texts if text and len(text) > 3}


def assert_nothing_clinical(ruleset):
    forbidden = clinical_text(ruleset)
    for message in mail.outbox:
        for text in forbidden:
            assert text not in message.body and text not in message.subject
        # The whole message is what happened, the title and the link.
        assert len(message.body.strip().splitlines()) == 4


@pytest.fixture
def submitted(starter_content, people, django_capture_on_commit_callbacks):
    editor = people[0]
    live = RuleSet.objects.get(status=RuleSet.Status.LIVE)
    draft = workflow.copy_to_draft(live, editor, "Same rules, new version.")
    with django_capture_on_commit_callbacks(execute=True):
        return workflow.submit_for_approval(draft, editor)


def test_submitting_a_ruleset_emails_every_approver_but_not_the_author(submitted):
    assert recipients() == ["abby@example.org", "amir@example.org"]
    message = mail.outbox[0]
    assert f"Triage ruleset version {submitted.version}" in message.subject
    assert f"https://editors.example.org/admin/triage/ruleset/{submitted.pk}/approve/" in message.body
    assert_nothing_clinical(submitted)


def test_approving_emails_the_author(submitted, people, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    editor, approver, _ = people
    warnings = workflow.safety_warnings(submitted)
    reasons = {group.key: "Accepted." for group in workflow.release_check(submitted).lowered}
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(
            submitted,
            approver,
            "Checked.",
            workflow.warnings_fingerprint(warnings) if warnings else None,
            reasons,
        )
    assert recipients() == ["eddie@example.org"]
    assert mail.outbox[0].subject.endswith(f"Approved and live: Triage ruleset version {submitted.version}")
    assert_nothing_clinical(submitted)


def test_send_back_keeps_the_comment_in_the_history_and_emails_the_author_without_it(
    submitted, people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    editor, approver, _ = people
    comment = "Rule 3 must also ask about fainting."
    with django_capture_on_commit_callbacks(execute=True):
        returned = workflow.send_back(submitted, approver, comment)
    assert returned.status == RuleSet.Status.DRAFT and returned.submitted_by is None
    record = returned.history.first()
    assert record.history_change_reason == f"Sent back to the author: {comment}"
    assert record.history_user == approver
    assert recipients() == ["eddie@example.org"]
    assert "Sent back to you with a comment" in mail.outbox[0].subject
    assert comment not in mail.outbox[0].body and "fainting" not in mail.outbox[0].body
    assert_nothing_clinical(submitted)


def test_send_back_needs_a_comment_and_a_second_person(submitted, people):
    editor, approver, _ = people
    with pytest.raises(workflow.WorkflowError, match="Write a comment"):
        workflow.send_back(submitted, approver, "  ")
    with pytest.raises(workflow.WorkflowError):
        workflow.send_back(submitted, editor, "I changed my mind.")
    assert RuleSet.objects.get(pk=submitted.pk).status == RuleSet.Status.AWAITING_APPROVAL


def test_send_back_button_on_the_approve_page(submitted, people, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    client = client_for(people[1])
    page = client.get(f"/admin/triage/ruleset/{submitted.pk}/approve/").content.decode()
    assert f'action="/admin/triage/ruleset/{submitted.pk}/send-back/"' in page
    with django_capture_on_commit_callbacks(execute=True):
        empty = client.post(f"/admin/triage/ruleset/{submitted.pk}/send-back/", {"comment": ""})
    assert empty.status_code == 302 and RuleSet.objects.get(pk=submitted.pk).status == "awaiting_approval"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/triage/ruleset/{submitted.pk}/send-back/", {"comment": "Add a scenario."}
        )
    assert response.status_code == 302
    assert RuleSet.objects.get(pk=submitted.pk).status == RuleSet.Status.DRAFT
    assert recipients() == ["eddie@example.org"]


def test_a_rolled_back_transition_tells_nobody(starter_content, people):
    # Without a commit (the test's transaction never commits), nothing is sent.
    editor = people[0]
    draft = workflow.copy_to_draft(RuleSet.objects.get(status=RuleSet.Status.LIVE), editor)
    workflow.submit_for_approval(draft, editor)
    assert mail.outbox == []


def test_floor_submit_emails_the_other_officers_and_send_back_the_author(django_capture_on_commit_callbacks):
    first, second, _third = officer("olu"), officer("oona"), officer("otto")
    draft = floor_workflow.copy_to_draft(SafetyFloor.objects.get(status=SafetyFloor.Status.LIVE), first)
    with django_capture_on_commit_callbacks(execute=True):
        floor_workflow.submit_for_approval(draft, first)
    assert recipients() == ["oona@example.org", "otto@example.org"]
    assert f"/admin/triage/safetyfloor/{draft.pk}/approve/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        returned = floor_workflow.send_back(draft, second, "Cite the passage for statement 2.")
    assert returned.status == SafetyFloor.Status.DRAFT
    assert returned.history.first().history_change_reason == (
        "Sent back to the author: Cite the passage for statement 2."
    )
    assert recipients() == ["olu@example.org"] and "passage" not in mail.outbox[0].body
    statements = {s.name for s in draft.statements.all()}
    assert not any(name in message.body for message in mail.outbox for name in statements)


def test_publishing_a_revision_emails_its_writer_and_keeps_who_wrote_and_approved_it(
    live_article, people, django_capture_on_commit_callbacks
):
    editor, approver, _ = people
    edit_live(client_for(editor), live_article, body="The changed body.")
    revision = live_article.draft_revisions.get()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(revision, approver, "Clearer wording.")
    assert recipients() == ["eddie@example.org"]
    assert mail.outbox[0].subject.endswith("Published: Spotting explained")
    assert "The changed body." not in mail.outbox[0].body
    live = Article.objects.get(pk=live_article.pk)
    assert live.written_by == "eddie" and live.published_by == approver
    record = live.history.first()
    assert record.history_user == approver and record.written_by == "eddie"


def test_publishing_a_draft_later_tells_the_writer_when(
    draft_article, people, django_capture_on_commit_callbacks
):
    editor, approver, _ = people
    draft_article._history_user = editor
    draft_article.save()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(draft_article, approver, "Ready.")
    assert recipients() == ["eddie@example.org"]
    assert Article.objects.get(pk=draft_article.pk).written_by == "eddie"


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_no_one_is_emailed_when_the_approver_wrote_it_themselves(
    draft_article, people, django_capture_on_commit_callbacks
):
    _, approver, _ = people
    draft_article._history_user = approver
    draft_article.save()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(draft_article, approver, "Ready.", when=None)
    assert mail.outbox == []
