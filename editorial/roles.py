"""The editorial roles, as Django groups with exact permissions.

`Clinical editor` edits articles, causes, references, tags, draft rulesets and
scenarios. `Clinical approver` can do all of that, and also publish articles
and causes and approve rulesets. `Clinical safety officer` changes the triage
safety floor (and approves another officer's change to it), and sees the
rulesets it guards; editors and approvers only see the floor. A person may be
in more than one group. A staff user in no group can change nothing.
`sync_roles()` is idempotent: it makes each group's permissions exactly what
is listed here, adding and removing as needed.
"""

from django.contrib.auth.models import Group, Permission

EDITOR = "Clinical editor"
APPROVER = "Clinical approver"
OFFICER = "Clinical safety officer"

# app_label -> model -> actions editors may take.
EDITOR_PERMISSIONS = {
    "articles": {
        "article": ("add", "change", "view"),
        "cause": ("add", "change", "view"),
        "reference": ("add", "change", "view"),
        "articlecause": ("add", "change", "delete", "view"),
        "articlereference": ("add", "change", "delete", "view"),
        "causereference": ("add", "change", "delete", "view"),
        # Search synonyms only shape what searches find (no page shows them): editors may remove one.
        "searchsynonym": ("add", "change", "delete", "view"),
        # Old addresses of renamed pages: editors correct them; only a superuser removes one.
        "redirect": ("add", "change", "view"),
    },
    "editorial": {
        # The plain-language glossary only shapes advice to editors: they keep it.
        "glossaryterm": ("add", "change", "delete", "view"),
    },
    "taggit": {
        "tag": ("add", "change", "view"),
        "taggeditem": ("add", "change", "delete", "view"),
    },
    "triage": {
        "ruleset": ("add", "change", "view"),
        "rule": ("add", "change", "delete", "view"),
        "condition": ("add", "change", "delete", "view"),
        # Scenarios are the safety suite: editors add and fix them, never delete one.
        "scenario": ("add", "change", "view"),
        "dailydispositioncount": ("view",),
        "dailyrulecount": ("view",),
        # The safety floor is shown to everyone; only officers change it (below).
        "safetyfloor": ("view",),
        "floorstatement": ("view",),
    },
}

# Extra permissions only approvers hold: (app_label, codename).
APPROVER_ONLY_PERMISSIONS = (
    ("articles", "publish_article"),
    ("articles", "publish_cause"),
    ("triage", "approve_ruleset"),
)

# Clinical safety officers: the floor's own permission, and a view of what it guards.
OFFICER_PERMISSIONS = (
    ("triage", "change_safety_floor"),
    ("triage", "view_safetyfloor"),
    ("triage", "view_floorstatement"),
    ("triage", "view_ruleset"),
    ("triage", "view_rule"),
    ("triage", "view_condition"),
    ("triage", "view_scenario"),
)


def _codenames():
    for app_label, models in EDITOR_PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                yield app_label, f"{action}_{model}"


def _permissions(pairs):
    wanted = set(pairs)
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted},
        codename__in={codename for _, codename in wanted},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def sync_roles():
    """Create or update the groups. Returns them: editor, approver, safety officer."""
    editor_permissions = _permissions(_codenames())
    approver_permissions = editor_permissions + _permissions(APPROVER_ONLY_PERMISSIONS)
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    approver, _ = Group.objects.get_or_create(name=APPROVER)
    officer, _ = Group.objects.get_or_create(name=OFFICER)
    editor.permissions.set(editor_permissions)
    approver.permissions.set(approver_permissions)
    officer.permissions.set(_permissions(OFFICER_PERMISSIONS))
    return editor, approver, officer


def sync_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    """Keep the groups in step after every migrate (once, after the last app)."""
    from django.apps import apps

    # post_migrate fires once per app with models; by the last one every
    # app's permissions exist.
    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]
    if app_config is None or app_config.label != last_app.label:
        return
    sync_roles()
