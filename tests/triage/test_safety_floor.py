"""The safety floor as data, through the real admin views.

Only clinical safety officers change the floor, by no admin path can anyone
else; an officer cannot approve their own change, a second officer can, and
the history keeps who and why. A draft floor that asks for less than the live
one shows each lowering. Ruleset submission and approval use the live floor
from the database, and the floor `migrate` installs is the code default.
"""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command

from editorial.roles import APPROVER, EDITOR, OFFICER, sync_roles
from tests.editorial.conftest import PASSWORD, client_for
from triage import contract, default_floor, floor_workflow, workflow
from triage.models import Condition, FloorStatement, RuleSet, SafetyFloor, Scenario

pytestmark = pytest.mark.django_db

FLOOR = "/admin/triage/safetyfloor/"
STATEMENT = "/admin/triage/floorstatement/"
Status = SafetyFloor.Status


def person(username, *roles):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    groups = dict(zip((EDITOR, APPROVER, OFFICER), sync_roles(), strict=True))
    user.groups.add(*(groups[role] for role in roles))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def officer(db):
    return person("olu", OFFICER)


@pytest.fixture
def second_officer(db):
    return person("oona", OFFICER)


@pytest.fixture
def role_editor(db):
    return person("eddie", EDITOR)


@pytest.fixture
def role_approver(db):
    return person("abby", APPROVER)


@pytest.fixture
def model_permissions_only(db):
    """Someone given Django's own add/change/delete permissions on the floor, but not the officer's."""
    user = User.objects.create_user("mo", password=PASSWORD, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="triage", content_type__model__in=["safetyfloor", "floorstatement"]
        ).exclude(codename="change_safety_floor")
    )
    return User.objects.get(pk=user.pk)


def live_floor():
    return SafetyFloor.objects.get(status=Status.LIVE)


def statement(floor, name):
    return FloorStatement.objects.get(floor=floor, name=name)


def statement_post(item, **changes):
    """What the statement's change form posts, with some answers changed."""
    data = {
        "opened_version": item.lock_version,
        "order": item.order,
        "name": item.name,
        "minimum": item.minimum,
        "source_citation": item.source_citation,
        "source_url": item.source_url,
        "source_passage": item.source_passage,
    }
    for slot, (field, operator, value) in enumerate(item.conditions, start=1):
        data.update(
            {
                f"condition_{slot}_field": field,
                f"condition_{slot}_operator": operator,
                f"condition_{slot}_value": value,
            }
        )
    data.update(changes)
    return data


def draft_floor(officer):
    response = client_for(officer).post(f"{FLOOR}{live_floor().pk}/copy/")
    assert response.status_code == 302
    return SafetyFloor.objects.get(status=Status.DRAFT)


# The shipped floor -----------------------------------------------------------------------


def test_migrate_ships_the_code_default_floor_live():
    floor = live_floor()
    assert floor.to_engine() == default_floor.default_floor()
    assert [s.name for s in floor.statements.order_by("order")] == [s[0] for s in default_floor.STATEMENTS]
    assert "shipped default floor" in floor.history.get().history_change_reason
    assert floor_workflow.live_statements() == default_floor.default_floor()


def test_installing_the_default_floor_is_idempotent_and_never_replaces_a_changed_floor(officer):
    draft_floor(officer)
    call_command("migrate", verbosity=0)
    floor_workflow.install_default_floor()
    assert SafetyFloor.objects.count() == 2
    SafetyFloor.objects.all().delete()
    floor_workflow.install_default_floor()
    assert live_floor().to_engine() == default_floor.default_floor()
    assert live_floor().history.count() == 1


def test_the_code_default_is_used_only_when_no_floor_is_live():
    SafetyFloor.objects.all().delete()
    assert workflow.live_floor() == default_floor.default_floor()


# Nobody but an officer changes the floor ---------------------------------------------------


@pytest.mark.parametrize("who", ["role_editor", "role_approver", "model_permissions_only"])
def test_without_the_officer_permission_no_admin_path_changes_the_floor(who, request, officer):
    user = request.getfixturevalue(who)
    draft = draft_floor(officer)
    before = sorted(FloorStatement.objects.values_list("pk", "lock_version", "minimum"))
    client = client_for(user)
    live_item = statement(live_floor(), "Fainting or dizziness")
    draft_item = statement(draft, "Fainting or dizziness")

    assert client.get(f"{FLOOR}{live_floor().pk}/change/").status_code == 200  # they may see it
    shown = client.get(f"{STATEMENT}{live_item.pk}/change/")
    assert shown.status_code == 200 and "dizzy_or_faint is_true" in shown.content.decode()
    assert client.get(f"{STATEMENT}add/").status_code == 403
    assert client.post(f"{STATEMENT}add/", statement_post(draft_item, floor=draft.pk)).status_code == 403
    for item in (live_item, draft_item):
        changed = statement_post(item, minimum=contract.SELF_CARE)
        assert client.post(f"{STATEMENT}{item.pk}/change/", changed).status_code == 403
        assert client.get(f"{STATEMENT}{item.pk}/delete/").status_code == 403
        assert client.post(f"{STATEMENT}{item.pk}/delete/", {"post": "yes"}).status_code == 403
        record = item.history.earliest()
        reverted = client.post(f"{STATEMENT}{item.pk}/history/{record.history_id}/", changed)
        assert reverted.status_code == 302
    bulk = client.post(
        f"{STATEMENT}",
        {"action": "delete_selected", "_selected_action": [live_item.pk, draft_item.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302, 403)
    assert (
        client.post(
            f"{FLOOR}{draft.pk}/change/", {"note": "Lowered.", "opened_version": draft.lock_version}
        ).status_code
        == 403
    )
    for action in ("copy", "submit", "approve"):
        assert client.post(f"{FLOOR}{draft.pk}/{action}/").status_code == 403
    client.post(FLOOR, {"action": "copy_to_new_draft", "_selected_action": [live_floor().pk]})
    floor_record = draft.history.earliest()
    note = {"note": "Reverted.", "opened_version": draft.lock_version}
    assert client.post(f"{FLOOR}{draft.pk}/history/{floor_record.history_id}/", note).status_code == 302
    assert client.get(f"{FLOOR}{draft.pk}/delete/").status_code == 403

    assert sorted(FloorStatement.objects.values_list("pk", "lock_version", "minimum")) == before
    assert SafetyFloor.objects.filter(status=Status.DRAFT).count() == 1
    draft.refresh_from_db()
    assert draft.note == "Copied from floor version 1."


def test_an_officer_edits_a_draft_statement_and_a_live_one_stays_read_only(officer):
    draft = draft_floor(officer)
    client = client_for(officer)
    assert client.get(f"{STATEMENT}add/?floor={draft.pk}").status_code == 200
    item = statement(draft, "Heavy bleeding")
    assert client.get(f"{STATEMENT}{item.pk}/change/").status_code == 200
    assert client.get(f"{STATEMENT}{item.pk}/history/").status_code == 200
    response = client.post(
        f"{STATEMENT}{item.pk}/change/", statement_post(item, condition_1_value="spotting")
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.conditions == [["bleeding_amount", "equals", "spotting"]]
    assert item.history.first().history_user == officer

    live_item = statement(live_floor(), "Heavy bleeding")
    refused = client.post(
        f"{STATEMENT}{live_item.pk}/change/", statement_post(live_item, minimum="self_care")
    )
    assert refused.status_code == 403


def test_an_officer_copies_the_live_floor_with_the_list_action(officer):
    response = client_for(officer).post(
        FLOOR, {"action": "copy_to_new_draft", "_selected_action": [live_floor().pk]}
    )
    assert response.status_code == 302
    draft = SafetyFloor.objects.get(status=Status.DRAFT)
    assert draft.to_engine() == live_floor().to_engine()
    assert draft.author == officer
    assert statement(draft, "Fever").history.get().history_user == officer


def test_an_officer_reverts_a_draft_statement_from_its_history(officer):
    draft = draft_floor(officer)
    client = client_for(officer)
    item = statement(draft, "Fever")
    first = item.history.earliest()
    client.post(f"{STATEMENT}{item.pk}/change/", statement_post(item, minimum=contract.APPOINTMENT))
    item.refresh_from_db()
    client.post(
        f"{STATEMENT}{item.pk}/change/",
        statement_post(item, condition_1_field="dizzy_or_faint", minimum=contract.APPOINTMENT),
    )
    item.refresh_from_db()
    assert item.conditions == [["dizzy_or_faint", "is_true", ""]]
    form = client.get(f"{STATEMENT}{item.pk}/history/{first.history_id}/")
    assert form.status_code == 200
    data = statement_post(first.instance, opened_version=item.lock_version)
    assert client.post(f"{STATEMENT}{item.pk}/history/{first.history_id}/", data).status_code == 302
    item.refresh_from_db()
    assert (item.conditions, item.minimum) == ([["fever", "is_true", ""]], contract.URGENT)
    assert item.history.first().history_change_reason == "Reverted to an earlier version"


def test_a_statement_cannot_be_added_to_the_live_floor(officer):
    client = client_for(officer)
    live = live_floor()
    page = client.post(
        f"{STATEMENT}add/",
        statement_post(statement(live, "Fever"), floor=live.pk, name="Extra", opened_version=""),
    )
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()
    assert not FloorStatement.objects.filter(name="Extra").exists()


def test_a_statement_off_the_contract_is_refused_with_a_clear_message(officer):
    draft = draft_floor(officer)
    client = client_for(officer)
    item = statement(draft, "Heavy bleeding")
    page = client.post(f"{STATEMENT}{item.pk}/change/", statement_post(item, condition_1_value="torrential"))
    assert page.status_code == 200
    assert "torrential" in page.content.decode()
    no_operator = client.post(
        f"{STATEMENT}{item.pk}/change/", statement_post(item, condition_1_operator="")
    ).content.decode()
    assert "Choose both a field and an operator." in no_operator
    nothing = statement_post(item, condition_1_field="", condition_1_operator="", condition_1_value="")
    assert "at least one condition" in client.post(f"{STATEMENT}{item.pk}/change/", nothing).content.decode()
    item.refresh_from_db()
    assert item.conditions == [["bleeding_amount", "equals", "heavy"]]


# Two officers ------------------------------------------------------------------------------


def test_an_officer_cannot_approve_their_own_floor_change(officer):
    draft = draft_floor(officer)
    client = client_for(officer)
    client.post(f"{FLOOR}{draft.pk}/submit/")
    draft.refresh_from_db()
    assert draft.status == Status.AWAITING_APPROVAL
    page = client.get(f"{FLOOR}{draft.pk}/approve/", follow=True).content.decode()
    assert "A second clinical safety officer must approve" in page
    client.post(f"{FLOOR}{draft.pk}/approve/", {"approval_note": "Mine, and fine."})
    draft.refresh_from_db()
    assert draft.status == Status.AWAITING_APPROVAL
    with pytest.raises(floor_workflow.FloorError, match="second clinical safety officer"):
        floor_workflow.approve(draft, officer, "Mine.")


def test_a_lowered_floor_is_shown_and_goes_live_only_when_a_second_officer_accepts_it(
    officer, second_officer
):
    draft = draft_floor(officer)
    client = client_for(officer)
    item = statement(draft, "Fainting or dizziness")
    client.post(f"{STATEMENT}{item.pk}/change/", statement_post(item, minimum=contract.URGENT))

    page = client.get(f"{FLOOR}{draft.pk}/change/").content.decode()
    assert "Lowers the floor:" in page
    assert "at least emergency → at least urgent" in page
    assert "Changed Fainting or dizziness" in page
    client.post(f"{FLOOR}{draft.pk}/submit/")

    approver = client_for(second_officer)
    approve_page = approver.get(f"{FLOOR}{draft.pk}/approve/")
    form = approve_page.context["form"]
    assert len(form.lowered) == 1
    key = form.fields["accept_0_key"].initial
    refused = approver.post(f"{FLOOR}{draft.pk}/approve/", {"approval_note": "Checked.", "accept_0_key": key})
    assert "tick the box to accept it" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.AWAITING_APPROVAL

    old = live_floor()
    approver.post(
        f"{FLOOR}{draft.pk}/approve/",
        {"approval_note": "Agreed with the clinical lead.", "accept_0": "on", "accept_0_key": key},
    )
    draft.refresh_from_db()
    old.refresh_from_db()
    assert draft.status == Status.LIVE and old.status == Status.RETIRED
    assert (draft.author, draft.submitted_by, draft.approved_by) == (officer, officer, second_officer)
    record = draft.history.first()
    assert record.history_user == second_officer
    assert record.history_change_reason == "Approved and made live: Agreed with the clinical lead."
    assert "at least emergency → at least urgent" in record.acknowledged_lowerings[0]
    assert statement(draft, "Fainting or dizziness").history.first().history_user == officer
    history_page = approver.get(f"{FLOOR}{draft.pk}/history/").content.decode()
    assert "oona" in history_page and "Agreed with the clinical lead." in history_page


def test_deleting_a_statement_in_a_draft_shows_as_a_lowering(officer):
    draft = draft_floor(officer)
    client = client_for(officer)
    item = statement(draft, "Bleeding after the menopause")
    assert client.post(f"{STATEMENT}{item.pk}/delete/", {"post": "yes"}).status_code == 302
    page = client.get(f"{FLOOR}{draft.pk}/change/").content.decode()
    assert "Removed: Whenever postmenopausal is_true, at least appointment" in page
    assert "at least appointment → at least self_care" in page


def test_a_floor_the_live_ruleset_breaks_cannot_go_live(default_rules, officer):
    draft = draft_floor(officer)
    client = client_for(officer)
    item = statement(draft, "Bleeding after the menopause")
    client.post(f"{STATEMENT}{item.pk}/change/", statement_post(item, minimum=contract.EMERGENCY))
    page = client.get(f"{FLOOR}{draft.pk}/change/").content.decode()
    assert "The live ruleset breaks this floor" in page
    refused = client.post(f"{FLOOR}{draft.pk}/submit/", follow=True).content.decode()
    assert "The live ruleset (version 1) breaks this floor, so it cannot go live" in refused
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


# Rulesets are checked against the live floor in the database ---------------------------------


def test_ruleset_submission_and_approval_use_the_live_floor_from_the_database(
    default_rules, officer, second_officer, editor, approver
):
    # The officers raise the floor: spotting before periods for 2 or more days is at least an appointment.
    draft = draft_floor(officer)
    floor_client = client_for(officer)
    add = floor_client.post(
        f"{STATEMENT}add/",
        {
            "floor": draft.pk,
            "order": 200,
            "name": "Spotting before periods for two days or more",
            "minimum": contract.APPOINTMENT,
            "condition_1_field": "premenstrual_spotting_days",
            "condition_1_operator": ">=",
            "condition_1_value": "2",
            "source_citation": "Test source",
            "source_url": "https://example.org/guidance",
        },
    )
    assert add.status_code == 302, add.content.decode()
    floor_client.post(f"{FLOOR}{draft.pk}/submit/")
    client_for(second_officer).post(f"{FLOOR}{draft.pk}/approve/", {"approval_note": "Raised."})
    draft.refresh_from_db()
    assert draft.status == Status.LIVE

    # An editor raises the ruleset's threshold to 3 days: the code default floor allows it, the live one not.
    ruleset = workflow.copy_to_draft(default_rules, editor, "Three days.")
    Condition.objects.filter(rule__ruleset=ruleset, field="premenstrual_spotting_days").update(value="3")
    for outcome in workflow.scenario_outcomes(ruleset):
        Scenario.objects.filter(name=outcome.name).update(expected=outcome.actual)
    page = (
        client_for(editor).post(f"/admin/triage/ruleset/{ruleset.pk}/submit/", follow=True).content.decode()
    )
    ruleset.refresh_from_db()
    assert ruleset.status == RuleSet.Status.DRAFT
    assert "Whenever premenstrual_spotting_days &gt;= 2, at least appointment" in page

    # Submitted before the floor changed, it is checked against the live floor again on the approve page.
    RuleSet.objects.filter(pk=ruleset.pk).update(status=RuleSet.Status.AWAITING_APPROVAL, submitted_by=editor)
    approving = client_for(approver)
    page = approving.get(f"/admin/triage/ruleset/{ruleset.pk}/approve/")
    form = page.context["form"]
    data = {"approval_note": "Looks fine.", "fingerprint": form.fields["fingerprint"].initial}
    if "acknowledge" in form.fields:
        data["acknowledge"] = "on"
    for index in range(len(form.lowered)):
        data[f"lowers_{index}_key"] = form.fields[f"lowers_{index}_key"].initial
        data[f"lowers_{index}"] = "Accepted."
    refused = approving.post(f"/admin/triage/ruleset/{ruleset.pk}/approve/", data).content.decode()
    assert "breaks the safety floor" in refused
    ruleset.refresh_from_db()
    assert ruleset.status == RuleSet.Status.AWAITING_APPROVAL


def test_the_triage_test_editors_hold_no_floor_permission(editor, approver):
    for user in (editor, approver):
        assert not user.has_perm(floor_workflow.FLOOR_PERMISSION)
        item = statement(live_floor(), "Fever")
        assert client_for(user).post(f"{STATEMENT}{item.pk}/delete/", {"post": "yes"}).status_code == 403
