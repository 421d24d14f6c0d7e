"""The two-person release (`triage.release`) attacked the same way for both kinds: rulesets and the floor.

Each test runs once per kind. The people are made from the site's roles: a
ruleset is written and approved by clinical approvers, a floor by clinical
safety officers, and each kind's outsider holds the other kind's approving
permission (an officer for rulesets, an approver for the floor), so one
permission is shown never to open the other kind.

The kind-specific checks are tested beside their kind: the ruleset's scenarios,
safety warnings and floor (test_workflow.py, test_release_safety.py, test_admin.py),
the floor's officers and lowerings (test_safety_floor.py).
"""

import threading
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from editorial.roles import APPROVER, EDITOR, OFFICER, sync_roles
from triage import contract, floor_workflow, release, workflow
from triage.models import FloorStatement, Rule, RuleSet, SafetyFloor

Status = RuleSet.Status
TRANSITIONS = ("copy", "submit", "return", "send_back")


def person(username, role):
    user = User.objects.create_user(username, is_staff=True)
    groups = dict(zip((EDITOR, APPROVER, OFFICER), sync_roles(), strict=True))
    user.groups.add(groups[role])
    return User.objects.get(pk=user.pk)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


RULESET_DENIED = "You do not have permission to change triage rulesets."
RULESET_NOT_APPROVER = "You do not have permission to approve triage rulesets."
NOT_OFFICER = "Only a clinical safety officer can change the safety floor."


class Kind:
    """How the tests drive one kind of release. `refusals` says what an outsider's POST to each
    button gets: "403", or (the page it is sent back to, the one message shown there)."""

    def live(self):
        return self.model.objects.get(status=Status.LIVE)

    def url(self, action, row):
        return reverse(f"admin:triage_{self.admin_name}_{action}", args=[row.pk])

    def draft(self, author):
        return self.workflow.copy_to_draft(self.live(), author)

    def submitted(self, author, submitter=None):
        return self.workflow.submit_for_approval(self.draft(author), submitter or author)

    def approve(self, row, user, note="Checked.", acknowledgements=None):
        if acknowledgements is None:
            acknowledgements = self.acknowledgements(row)
        return self.workflow.approve(row, user, note, *acknowledgements)


class RulesetKind(Kind):
    name, model, workflow, error = "ruleset", RuleSet, workflow, workflow.WorkflowError
    admin_name, approver_field = "ruleset", "approver"
    role, outsider_role = APPROVER, OFFICER  # an officer may see rulesets, never change or approve one
    transitions = (*TRANSITIONS, "rollback")
    refusals = {
        **dict.fromkeys(("copy", "submit", "return", "rollback"), ("change", RULESET_DENIED)),
        "approve": ("change", RULESET_NOT_APPROVER),
        "send_back": ("approve", RULESET_NOT_APPROVER),
    }

    def acknowledgements(self, row):
        """Everything the approve page shows now, accepted: as an approver who read it all would."""
        warnings = workflow.safety_warnings(row)
        reasons = {group.key: "Read and accepted." for group in workflow.release_check(row).lowered}
        return (workflow.warnings_fingerprint(warnings) if warnings else None, reasons)

    def change_after_submission(self, row):
        """An edit after submission behind the admin's back: a red flag made self-care."""
        Rule.objects.filter(ruleset=row, name="Severe pain").update(disposition=contract.SELF_CARE)


class FloorKind(Kind):
    name, model, workflow, error = "floor", SafetyFloor, floor_workflow, floor_workflow.FloorError
    admin_name, approver_field = "safetyfloor", "approved_by"
    role, outsider_role = OFFICER, APPROVER  # an approver of rulesets is no safety officer
    transitions = TRANSITIONS
    # Every button is a 403 before the floor is looked up; sending back is refused by the workflow.
    refusals = {**dict.fromkeys(("copy", "submit", "return", "approve"), "403")}
    refusals["send_back"] = ("approve", NOT_OFFICER)

    def acknowledgements(self, row):
        lowered, _ = floor_workflow.lowerings(row)
        return ([lowering.key for lowering in lowered],)

    def change_after_submission(self, row):
        """An edit after submission behind the admin's back: a red flag's statement deleted."""
        FloorStatement.objects.filter(floor=row, name="Fainting or dizziness").delete()


KINDS = {"ruleset": RulesetKind(), "floor": FloorKind()}


@pytest.fixture(params=sorted(KINDS))
def kind(request, default_rules):
    """Each kind, with the default ruleset and the shipped floor live."""
    return KINDS[request.param]


@pytest.fixture
def people(kind):
    """(author, second person, third person, outsider) for the kind."""
    return (
        person("author", kind.role),
        person("second", kind.role),
        person("third", kind.role),
        person("outsider", kind.outsider_role),
    )


def snapshot(kind):
    return list(
        kind.model.objects.order_by("pk").values_list(
            "pk", "status", "version", "submitted_by", "submitted_at", "lock_version"
        )
    )


def live_count(kind):
    return kind.model.objects.filter(status=Status.LIVE).count()


def assert_not_approved(kind, row, status, live):
    """`row` is still `status` and approved by nobody, and `live` is still the live row."""
    row.refresh_from_db()
    assert row.status == status and getattr(row, kind.approver_field) is None
    assert kind.live() == live


# Two people ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["the author's own submission", "a draft never submitted"])
def test_approval_is_refused_and_nothing_goes_live(kind, people, case):
    author, second, *_ = people
    live = kind.live()
    if case == "the author's own submission":
        row, who, status, message = kind.submitted(author), author, Status.AWAITING_APPROVAL, "A second"
    else:
        row, who, status, message = kind.draft(author), second, Status.DRAFT, "(it is draft)"
    with pytest.raises(kind.error, match="second" if who == author else "not awaiting approval"):
        kind.approve(row, who)
    page = client_for(who).post(kind.url("approve", row), {"approval_note": "Fine."}, follow=True)
    assert page.redirect_chain[0] == (kind.url("change", row), 302)
    assert message in page.content.decode()
    assert_not_approved(kind, row, status, live)


@pytest.mark.django_db
def test_neither_the_author_nor_whoever_submitted_it_can_approve(kind, people):
    author, second, third, _ = people
    row = kind.submitted(author, submitter=second)
    for who in (author, second):
        with pytest.raises(kind.error, match="second"):
            kind.approve(row, who)
        with pytest.raises(kind.error, match="second"):
            kind.workflow.send_back(row, who, "Not mine to judge.")
    row.refresh_from_db()
    assert row.status == Status.AWAITING_APPROVAL
    kind.approve(row, third)
    assert kind.live() == row
    row.refresh_from_db()
    assert getattr(row, kind.approver_field) == third


def withdrawn(kind, row, author):
    kind.workflow.return_to_draft(row, author)
    return Status.DRAFT


def changed(kind, row, author):
    kind.change_after_submission(row)
    return Status.AWAITING_APPROVAL


@pytest.mark.django_db
@pytest.mark.parametrize("meanwhile", [withdrawn, changed], ids=lambda meanwhile: meanwhile.__name__)
def test_a_submission_that_went_stale_after_it_was_shown_is_not_approved(kind, people, meanwhile):
    """The approver's page (and copy of the row) is from before the submission was withdrawn, or changed
    behind the admin's back: approval checks the version as it is when approved, and refuses."""
    author, second, *_ = people
    live = kind.live()
    row = kind.submitted(author)
    shown = kind.model.objects.get(pk=row.pk)
    acknowledgements = kind.acknowledgements(shown)
    status = meanwhile(kind, row, author)
    with pytest.raises(kind.error):
        kind.approve(shown, second, acknowledgements=acknowledgements)
    if meanwhile is withdrawn:
        with pytest.raises(kind.error, match="not awaiting approval"):
            kind.workflow.send_back(shown, second, "Too late.")
    assert_not_approved(kind, row, status, live)


# One live row ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_two_approvals_of_one_submission_make_it_live_once(kind, people):
    author, second, third, _ = people
    row = kind.submitted(author)
    first_copy, second_copy = kind.model.objects.get(pk=row.pk), kind.model.objects.get(pk=row.pk)
    acknowledgements = kind.acknowledgements(row)
    kind.approve(first_copy, second, acknowledgements=acknowledgements)
    with pytest.raises(kind.error, match="is not awaiting approval \\(it is live\\)"):
        kind.approve(second_copy, third, acknowledgements=acknowledgements)
    row.refresh_from_db()
    assert getattr(row, kind.approver_field) == second
    assert live_count(kind) == 1


@pytest.mark.django_db
def test_approving_two_submissions_from_stale_pages_leaves_one_live_row(kind, people):
    """Both pages were opened while the old version was live: the later approval retires the earlier."""
    author, second, *_ = people
    old_live = kind.live()
    one, two = kind.submitted(author), kind.submitted(author)
    acknowledged = {one.pk: kind.acknowledgements(one), two.pk: kind.acknowledgements(two)}
    kind.approve(one, second, acknowledgements=acknowledged[one.pk])
    kind.approve(two, second, acknowledgements=acknowledged[two.pk])
    assert live_count(kind) == 1 and kind.live() == two
    for row in (old_live, one):
        row.refresh_from_db()
        assert row.status == Status.RETIRED and row.retired_at is not None


@pytest.mark.django_db
def test_a_version_that_went_live_meanwhile_refuses_the_approval_with_a_reason(kind, people):
    """Another approval commits between this one's lock of the live row and its save (another
    process): the one-live-row constraint refuses this one, and the approver gets a reason, not a
    server error. This version's checks were made against the version live before, so it must not
    go live on them; nothing changes."""
    author, second, third, _ = people
    old_live = kind.live()
    other, this = kind.submitted(author), kind.submitted(author)
    acknowledged = kind.acknowledgements(this)
    real_check = release.check_can_approve

    def another_goes_live_meanwhile(release_kind, row, user):
        real_check(release_kind, row, user)
        if row.pk == this.pk:
            kind.model.objects.filter(pk=old_live.pk).update(status=Status.RETIRED)
            kind.model.objects.filter(pk=other.pk).update(status=Status.LIVE)

    with (
        mock.patch.object(release, "check_can_approve", side_effect=another_goes_live_meanwhile),
        pytest.raises(kind.error, match="went live while you were approving version"),
    ):
        kind.approve(this, third, acknowledgements=acknowledged)
    assert_not_approved(kind, this, Status.AWAITING_APPROVAL, old_live)
    assert live_count(kind) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("same_row", [True, False], ids=["same submission", "two submissions"])
def test_concurrent_approvals_leave_exactly_one_live_row(kind, people, same_row):
    """Two approvals at once, each on its own connection: the row locks let one row be live."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "The SQLite test database is in memory with a shared cache, where a second writer fails at "
            "once instead of waiting; the sequential tests above cover SQLite."
        )
    author, second, third, _ = people
    rows = [kind.submitted(author)]
    rows.append(rows[0] if same_row else kind.submitted(author))
    acknowledged = [kind.acknowledgements(row) for row in rows]
    start = threading.Barrier(2, timeout=20)
    outcomes = {}

    def approve(index, user):
        try:
            start.wait()
            kind.approve(rows[index], user, acknowledgements=acknowledged[index])
            outcomes[index] = "live"
        except Exception as error:  # anything but a refusal with a reason fails the test below
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(i, user)) for i, user in enumerate((second, third))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(outcomes) == 2 and "live" in outcomes.values()
    assert live_count(kind) == 1
    # Whichever way the two interleave, a refusal comes with a reason (never a database error).
    assert all(outcome == "live" or isinstance(outcome, kind.error) for outcome in outcomes.values())
    if same_row:
        # The second waits for the first's row lock, then reads it live: refused, with a reason.
        assert list(outcomes.values()).count("live") == 1
        assert isinstance(next(o for o in outcomes.values() if o != "live"), kind.error)


# Sending back -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_send_back_returns_it_to_draft_with_the_comment_in_the_history(kind, people):
    author, second, *_ = people
    row = kind.submitted(author)
    with pytest.raises(kind.error, match="Write a comment"):
        kind.workflow.send_back(row, second, "   ")
    row.refresh_from_db()
    assert row.status == Status.AWAITING_APPROVAL
    response = client_for(second).post(kind.url("send_back", row), {"comment": "Cite the guidance."})
    assert response.status_code == 302 and response.url == kind.url("change", row)
    row.refresh_from_db()
    assert (row.status, row.submitted_by, row.submitted_at) == (Status.DRAFT, None, None)
    record = row.history.first()
    assert record.history_change_reason == "Sent back to the author: Cite the guidance."
    assert record.history_user == second
    assert row.is_editable


# Permissions and methods ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["copy", "submit", "return", "rollback", "approve", "send_back"])
def test_without_the_kinds_permission_no_button_changes_anything(kind, people, action):
    if action not in kind.refusals:
        pytest.skip(f"a {kind.name} has no {action} button")
    author, *_, outsider = people
    row = kind.submitted(author)
    before = snapshot(kind)
    data = {"approval_note": "Looks fine.", "comment": "Change it.", "fingerprint": "x"}
    response = client_for(outsider).post(kind.url(action, row), data)
    expected = kind.refusals[action]
    if expected == "403":
        assert response.status_code == 403
    else:
        page, message = expected
        assert (response.status_code, response.url) == (302, kind.url(page, row))
        assert [str(m) for m in get_messages(response.wsgi_request)] == [message]
    assert snapshot(kind) == before


@pytest.mark.django_db
def test_a_get_on_any_button_is_refused_and_changes_nothing(kind, people):
    author, second, *_, outsider = people
    row = kind.submitted(author)
    before = snapshot(kind)
    for user in (author, second, outsider):
        client = client_for(user)
        for action in kind.transitions:
            response = client.get(kind.url(action, row))
            assert response.status_code == 405, (user, action)
            assert response["Allow"] == "POST"
    assert snapshot(kind) == before
