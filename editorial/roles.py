"""The editorial roles, as Django groups with exact permissions.

`Clinical editor` edits articles, causes, references, tags, draft rulesets and
scenarios. `Clinical approver` can do all of that, and also publish articles
and causes and approve rulesets. `Clinical safety officer` changes the triage
safety floor (and approves another officer's change to it), and sees the
rulesets it guards; editors and approvers only see the floor. A person may be
in more than one group. A staff user in no group can change nothing.
`sync_roles()` is idempotent: it makes each group's permissions exactly what
is declared, adding and removing as needed.

This module knows no content model: each app declares what the roles may do
with its own models in its `AppConfig.role_permissions()`.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission

EDITOR = "Clinical editor"
APPROVER = "Clinical approver"
OFFICER = "Clinical safety officer"

ROLES = (EDITOR, APPROVER, OFFICER)


def grants(app_label, model, *actions):
    """The permission names ("app_label.action_model", as `user.has_perm` takes them) for some actions."""
    return tuple(f"{app_label}.{action}_{model}" for action in actions)


def role_permissions():
    """Role -> the set of "app_label.codename" it holds.

    Each installed app says what the roles may do with its models: its
    `AppConfig.role_permissions()` returns role -> permission names (the
    approver's entry lists only what approvers hold beyond editors). Approvers
    hold everything editors hold.
    """
    granted = {role: set() for role in ROLES}
    for config in apps.get_app_configs():
        declare = getattr(config, "role_permissions", None)
        if callable(declare):
            for role, names in declare().items():
                granted[role].update(names)
    granted[APPROVER] |= granted[EDITOR]
    return granted


def _permissions(names):
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted},
        codename__in={codename for _, codename in wanted},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def sync_roles():
    """Create or update the groups. Returns them: editor, approver, safety officer."""
    granted = role_permissions()
    groups = []
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(_permissions(granted[role]))
        groups.append(group)
    return tuple(groups)


def sync_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    """Keep the groups in step after every migrate (once, after the last app)."""
    # post_migrate fires once per app with models; by the last one every
    # app's permissions exist.
    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]
    if app_config is None or app_config.label != last_app.label:
        return
    sync_roles()
