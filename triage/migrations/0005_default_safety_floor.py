"""The shipped safety floor (triage/default_floor.py) as the first live floor version.

Idempotent: it does nothing when any floor version exists, so it never
replaces a floor the clinical safety officers have changed. Each row gets a
history record saying where it came from.
"""

from django.db import migrations
from django.utils import timezone

from triage.default_floor import default_floor_data

REASON = "The shipped default floor (triage/default_floor.py), created by migration."


def _record(historical_model, row, now):
    values = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
    historical_model.objects.create(
        **values, history_date=now, history_type="+", history_change_reason=REASON
    )


def create_default_floor(apps, schema_editor):
    SafetyFloor = apps.get_model("triage", "SafetyFloor")
    FloorStatement = apps.get_model("triage", "FloorStatement")
    if SafetyFloor.objects.exists():
        return
    now = timezone.now()
    floor = SafetyFloor.objects.create(
        version=1,
        status="live",
        note="The default floor shipped with the site: red flags from the content brief and published guidance.",
        approved_at=now,
        lock_version=1,
    )
    _record(apps.get_model("triage", "HistoricalSafetyFloor"), floor, now)
    historical_statement = apps.get_model("triage", "HistoricalFloorStatement")
    for data in default_floor_data():
        statement = FloorStatement.objects.create(floor=floor, lock_version=1, **data)
        _record(historical_statement, statement, now)


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0004_safety_floor"),
    ]

    operations = [
        migrations.RunPython(create_default_floor, migrations.RunPython.noop),
    ]
