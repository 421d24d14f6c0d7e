"""How the safety floor changes: its own versions, its own permission, two people.

    draft --submit--> awaiting approval --approve--> live --(another goes live)--> retired
      ^                     |
      +---return to draft---+

Every ruleset is checked against the live floor (`live_statements`). After
every `migrate`, a database with no floor version gets the shipped floor
(`triage/default_floor.py`) as live version 1 (`install_default_floor`); the
code default is used directly only while no floor version is live. Only users with
`triage.change_safety_floor` (clinical safety officers) copy, edit, submit
or approve a floor, and the approver must be a second officer: not the
author, not whoever submitted it (NHS DCB0129: a clinical safety change is
reviewed by someone other than its author). Before a floor goes live the
officers see which rulesets it would break and every way it asks for less
than the live floor; a floor the live ruleset breaks cannot go live.
The other officers are e-mailed when a floor is submitted, and its author and
submitter when it goes live or a second officer sends it back with a comment
(`send_back`, kept in the history); see `editorial.notifications`.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from triage import answer_space, default_floor, engine, release
from triage.floor_models import FLOOR_PERMISSION_CODENAME, FloorStatement, SafetyFloor, condition_problems
from triage.models import RuleSet

FLOOR_PERMISSION = f"triage.{FLOOR_PERMISSION_CODENAME}"
OFFICER_REQUIRED = "Only a clinical safety officer can change the safety floor."
Status = SafetyFloor.Status


@dataclass(frozen=True)
class RulesetImpact:
    """How one current ruleset fares against a floor."""

    ruleset: RuleSet
    violations: list

    @property
    def breaks(self):
        return bool(self.violations)


@dataclass(frozen=True)
class Lowering:
    """Answer sets for which a floor asks for less than the live floor."""

    group: answer_space.Group

    @property
    def key(self):
        return self.group.key

    def describe(self):
        group = self.group

        def statements(names):
            named = ", ".join(repr(name) for name in names if name != answer_space.NO_RULE)
            return named or "no statement"

        return (
            f"{answer_space.describe_answers(group.example)}: at least {group.before} → at least "
            f"{group.after}. {group.count} answer set(s); live floor: {statements([group.before_rule])}; "
            f"this floor: {statements(group.after_rules)}."
        )


# The shipped floor -----------------------------------------------------------------

DEFAULT_FLOOR_REASON = "The shipped default floor (triage/default_floor.py), installed after migrate."


def install_default_floor(sender=None, apps=None, using="default", **kwargs):
    """After `migrate` (and `flush`), make the shipped floor live if the database has no floor at all.

    A post_migrate receiver, so it also runs when tests flush the database.
    It uses the migrated state's models (`apps`), as a data migration would, and
    does nothing before the floor's tables exist or once any floor version
    exists, so it never replaces a floor the officers have changed. Each row
    gets a history record saying where it came from.
    """
    if sender is not None and sender.label != "triage":
        return
    apps = apps or global_apps  # `flush` sends no migration state: the tables are the models'
    try:
        floor_model = apps.get_model("triage", "SafetyFloor")
        statement_model = apps.get_model("triage", "FloorStatement")
    except LookupError:
        return  # migrated back to before the floor existed
    if floor_model.objects.using(using).exists():
        return
    # The real models record their own history (simple-history's signals); migration-state ones do not.
    signals_record = apps is global_apps
    now = timezone.now()
    with transaction.atomic(using=using):
        floor = _saved(
            floor_model(
                version=1,
                status=Status.LIVE,
                note="The default floor shipped with the site: red flags from the content brief and "
                "published guidance (triage/default_floor.py).",
                approved_at=now,
            ),
            using,
        )
        if not signals_record:
            _record(apps.get_model("triage", "HistoricalSafetyFloor"), floor, now, using)
        for data in default_floor.default_floor_data():
            statement = _saved(statement_model(floor=floor, **data), using)
            if not signals_record:
                _record(apps.get_model("triage", "HistoricalFloorStatement"), statement, now, using)


def _saved(row, using):
    row.lock_version = max(row.lock_version, 1)
    row._change_reason = DEFAULT_FLOOR_REASON
    row.save(using=using)
    return row


def _record(historical_model, row, now, using):
    values = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
    historical_model.objects.using(using).create(
        **values, history_date=now, history_type="+", history_change_reason=DEFAULT_FLOOR_REASON
    )


# Reading the floor -----------------------------------------------------------------


def live_floor():
    """The live floor version, or None before the floor migration has run."""
    return SafetyFloor.objects.filter(status=Status.LIVE).prefetch_related("statements").first()


def live_statements():
    """The statements every ruleset is checked against: the live floor's, else the shipped default."""
    floor = live_floor()
    if floor is None:
        return default_floor.default_floor()
    return floor.to_engine()


def load_statements(floor):
    return SafetyFloor.objects.prefetch_related("statements").get(pk=floor.pk).to_engine()


def statement_problems(floor):
    """Statements whose conditions no longer fit the contract, in words."""
    return [
        f"{statement.name}: {problem}"
        for statement in floor.statements.all()
        for problem in condition_problems(statement.conditions)
    ]


def _as_ruleset(statements, version):
    """A floor as engine rules, so the answer-space comparison can set two floors side by side."""
    return engine.RuleSet(
        version=version,
        rules=tuple(
            engine.Rule(id=index, name=s.name, disposition=s.minimum, conditions=s.conditions)
            for index, s in enumerate(statements)
        ),
    )


def lowerings(floor):
    """(lowered, raised): where this floor asks for less, or more, than the live floor."""
    live = live_floor()
    if live is None or live.pk == floor.pk:
        return [], []
    comparison = answer_space.compare(
        _as_ruleset(load_statements(floor), floor.version), _as_ruleset(live.to_engine(), live.version)
    )
    return [Lowering(group) for group in comparison.lowered], [Lowering(g) for g in comparison.raised]


def ruleset_impact(floor):
    """Each live, awaiting-approval and draft ruleset checked against this floor."""
    statements = load_statements(floor)
    current = RuleSet.with_rules().filter(
        status__in=[RuleSet.Status.LIVE, RuleSet.Status.AWAITING_APPROVAL, RuleSet.Status.DRAFT]
    )
    return [
        RulesetImpact(ruleset, answer_space.check_floor(ruleset.to_engine(), statements))
        for ruleset in current
    ]


def statement_changes(floor):
    """Statements added, removed or changed against the live floor, by name."""
    live = live_floor()
    if live is None or live.pk == floor.pk:
        return {"added": [], "removed": [], "changed": []}

    def by_name(statements):
        return {s.name: s for s in statements}

    mine, theirs = by_name(load_statements(floor)), by_name(live.to_engine())
    return {
        "added": [mine[name] for name in mine if name not in theirs],
        "removed": [theirs[name] for name in theirs if name not in mine],
        "changed": [
            (theirs[name], mine[name])
            for name in mine
            if name in theirs
            and (mine[name].conditions, mine[name].minimum, mine[name].source, mine[name].source_url)
            != (theirs[name].conditions, theirs[name].minimum, theirs[name].source, theirs[name].source_url)
        ],
    }


# Checks -------------------------------------------------------------------------------


class FloorError(release.ReleaseError):
    """A floor transition that is not allowed; the message says why, for the admin."""


def _require_officer(user):
    """Copying, submitting and withdrawing a floor, like approving it, is for officers only."""
    if not user.has_perm(FLOOR_PERMISSION):
        raise FloorError(OFFICER_REQUIRED)


def _require_ready(floor):
    problems = statement_problems(floor)
    if problems:
        raise FloorError("Fix these statements first: " + " ".join(problems))
    if not floor.statements.exists():
        raise FloorError("A floor needs at least one statement.")
    broken = [impact for impact in ruleset_impact(floor) if impact.breaks]
    live = [impact for impact in broken if impact.ruleset.status == RuleSet.Status.LIVE]
    if live:
        raise FloorError(
            f"The live ruleset (version {live[0].ruleset.version}) breaks this floor, so it cannot go "
            "live: readers would be given less than the floor asks for. Change the ruleset first. "
            + " ".join(violation.describe() for violation in live[0].violations)
        )


def check_can_approve(floor, user):
    """Refuse approval by the wrong person or of the wrong thing. Raises FloorError."""
    release.check_can_approve(FLOOR_RELEASE, floor, user)


# Transitions ----------------------------------------------------------------------------


STATEMENT_COPIED_FIELDS = (
    "order",
    "name",
    "conditions",
    "minimum",
    "source_citation",
    "source_url",
    "source_passage",
)


@transaction.atomic
def copy_to_draft(floor, user, note=""):
    """A new draft floor with the same statements; the original is untouched."""
    _require_officer(user)
    source = SafetyFloor.objects.prefetch_related("statements").get(pk=floor.pk)
    draft = SafetyFloor.objects.create(
        author=user, copied_from=source, note=note or f"Copied from floor version {source.version}."
    )
    bulk_create_with_history(
        [
            FloorStatement(floor=draft, lock_version=1, **release.copied_fields(s, STATEMENT_COPIED_FIELDS))
            for s in sorted(source.statements.all(), key=lambda s: (s.order, s.pk))
        ],
        FloorStatement,
        default_user=user,
        default_change_reason=f"Copied from floor version {source.version}.",
    )
    return draft


@transaction.atomic
def submit_for_approval(floor, user):
    _require_officer(user)
    return release.submit(FLOOR_RELEASE, floor, user)


def send_back(floor, user, comment):
    """A second officer returns a submitted floor to draft, with a comment kept in the history."""
    return release.send_back(FLOOR_RELEASE, floor, user, comment)


@transaction.atomic
def return_to_draft(floor, user):
    _require_officer(user)
    return release.return_to_draft(FLOOR_RELEASE, floor)


def approve(floor, user, approval_note, accepted_lowerings=()):
    """Make `floor` live and retire the live floor, in one transaction.

    `accepted_lowerings` are the keys of the lowerings the approver saw and
    accepted; every lowering against the live floor must be among them.
    """

    def acknowledgements(floor):
        """The floor's check at approval: every way it asks for less than the live floor, accepted."""
        lowered, _ = lowerings(floor)
        unseen = [lowering for lowering in lowered if lowering.key not in set(accepted_lowerings)]
        if unseen:
            raise FloorError(
                f"This floor asks for less than the live floor in {len(unseen)} way(s); read and accept "
                "each before approving: " + " ".join(lowering.describe() for lowering in unseen)
            )
        return [lowering.describe() for lowering in lowered]

    return release.approve(FLOOR_RELEASE, floor, user, approval_note, acknowledgements)


FLOOR_RELEASE = release.ReleaseKind(
    model=SafetyFloor,
    error=FloorError,
    approve_permission=FLOOR_PERMISSION,
    submit_refused="Only a draft floor can be submitted; version {version} is {status}.",
    no_approve_permission=OFFICER_REQUIRED,
    second_person_required="A second clinical safety officer must approve: you wrote or submitted this "
    "floor version.",
    approval_note_required="Write an approval note: what you checked and why this floor can go live.",
    require_ready=lambda floor: _require_ready(floor),
    # A floor has no rollback: a withdrawn or sent-back floor is always a draft again.
    status_after_withdrawal=lambda floor: Status.DRAFT,
)
