"""The README's permissions table is the truth: every group holds exactly what it lists."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from editorial.roles import APPROVER, EDITOR, OFFICER

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"
# Action words in the table -> the permission codename they stand for.
ACTION_CODENAME = {
    "view": "view_{model}",
    "add": "add_{model}",
    "change": "change_{model}",
    "delete": "delete_{model}",
    "publish": "publish_{model}",
    "approve": "approve_{model}",
    # The safety floor's own permission, one for the whole floor (triage.change_safety_floor).
    "change the floor": "change_safety_floor",
}
GROUPS = (EDITOR, APPROVER, OFFICER)


def readme_table():
    """{group name: {"app.codename", ...}} from the README's per-content table."""
    text = README.read_text()
    header = "| content | " + " | ".join(f"`{group}`" for group in GROUPS) + " |"
    assert header in text, "the README's permissions table is missing"
    rows = text[text.index(header) :].splitlines()[2:]
    expected = {group: set() for group in GROUPS}
    for row in rows:
        if not row.startswith("|"):
            break
        content, *cells = (cell.strip() for cell in row.strip("|").split("|"))
        models = re.findall(r"`(\w+)\.(\w+)`", content)
        assert models, f"no model named in the README row {row!r}"
        for group, cell in zip(GROUPS, cells, strict=True):
            for action in (word.strip() for word in cell.split(",") if word.strip() not in ("", "—")):
                for app, model in models:
                    expected[group].add(f"{app}.{ACTION_CODENAME[action].format(model=model)}")
    return expected


def held(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }


@pytest.mark.parametrize("group_name", GROUPS)
def test_each_group_holds_exactly_what_the_readme_table_says(group_name):
    assert held(group_name) == readme_table()[group_name]


def test_no_editor_or_approver_may_delete_content_itself():
    for group_name in GROUPS:
        deletes = {name for name in held(group_name) if ".delete_" in name}
        assert deletes <= {
            "articles.delete_articlecause",
            "articles.delete_articlereference",
            "articles.delete_causereference",
            "articles.delete_searchsynonym",
            "editorial.delete_glossaryterm",
            "taggit.delete_taggeditem",
            "triage.delete_rule",
            "triage.delete_condition",
        }


def test_editor_cannot_delete_a_scenario_in_the_admin(client):
    from triage.models import RuleSet, Scenario

    editor = User.objects.create_user("eddie", password="a-long-enough-password-1", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    assert not editor.has_perm("triage.delete_scenario")
    scenario = (
        Scenario.objects.first()
        or Scenario.objects.bulk_create(
            [Scenario(ruleset=RuleSet.objects.create(), name="kept", answers={}, expected="routine")]
        )[0]
    )
    client.force_login(editor)
    response = client.get(f"/admin/triage/scenario/{scenario.pk}/delete/")
    assert response.status_code == 403
