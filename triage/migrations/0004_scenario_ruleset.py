"""Scenarios belong to a ruleset version; rules keep a lineage across copies.

Data: every existing ruleset gets its own copy of the scenarios that were
shared until now (the live ruleset, or else the newest, keeps the original
rows and their history). With no ruleset at all the shared scenarios have
nothing to belong to and are removed; loading the defaults creates them
again with the first ruleset. Rules copied from an earlier version take the
lineage of the same-named rule there, so existing copies compare rule by rule.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models

SCENARIO_FIELDS = ("name", "answers", "expected")


def attach_scenarios(apps, schema_editor):
    RuleSet = apps.get_model("triage", "RuleSet")
    Scenario = apps.get_model("triage", "Scenario")
    shared = list(Scenario.objects.filter(ruleset__isnull=True))
    rulesets = list(RuleSet.objects.order_by("-version"))
    if not rulesets:
        Scenario.objects.filter(ruleset__isnull=True).delete()
        return
    owner = next((ruleset for ruleset in rulesets if ruleset.status == "live"), rulesets[0])
    Scenario.objects.filter(pk__in=[scenario.pk for scenario in shared]).update(ruleset=owner)
    Scenario.objects.bulk_create(
        Scenario(
            ruleset=ruleset, lock_version=1, **{name: getattr(scenario, name) for name in SCENARIO_FIELDS}
        )
        for ruleset in rulesets
        if ruleset.pk != owner.pk
        for scenario in shared
    )


def fill_lineage(apps, schema_editor):
    RuleSet = apps.get_model("triage", "RuleSet")
    Rule = apps.get_model("triage", "Rule")
    lineage = {}  # rule pk -> lineage, filled oldest version first
    for ruleset in RuleSet.objects.order_by("version"):
        source = {}
        if ruleset.copied_from_id:
            source = {
                rule.name: lineage.get(rule.pk)
                for rule in Rule.objects.filter(ruleset_id=ruleset.copied_from_id).order_by("-pk")
            }
        taken = set()
        for rule in Rule.objects.filter(ruleset=ruleset).order_by("order", "pk"):
            inherited = source.get(rule.name)
            rule.lineage = inherited if inherited and inherited not in taken else uuid.uuid4()
            taken.add(rule.lineage)
            lineage[rule.pk] = rule.lineage
            rule.save(update_fields=["lineage"])
    for rule in Rule.objects.filter(lineage__isnull=True):
        rule.lineage = uuid.uuid4()
        rule.save(update_fields=["lineage"])


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0003_history_change_reason_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="scenario",
            name="ruleset",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="scenarios",
                to="triage.ruleset",
            ),
        ),
        migrations.AddField(
            model_name="historicalscenario",
            name="ruleset",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="triage.ruleset",
            ),
        ),
        migrations.AlterField(
            model_name="scenario",
            name="name",
            field=models.CharField(max_length=200),
        ),
        migrations.AlterField(
            model_name="historicalscenario",
            name="name",
            field=models.CharField(max_length=200),
        ),
        migrations.AlterModelOptions(
            name="scenario",
            options={"ordering": ["ruleset", "name"]},
        ),
        migrations.AddField(
            model_name="rule",
            name="lineage",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalrule",
            name="lineage",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.RunPython(attach_scenarios, migrations.RunPython.noop),
        migrations.RunPython(fill_lineage, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="scenario",
            name="ruleset",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="scenarios", to="triage.ruleset"
            ),
        ),
        migrations.AlterField(
            model_name="rule",
            name="lineage",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AddConstraint(
            model_name="scenario",
            constraint=models.UniqueConstraint(
                fields=("ruleset", "name"), name="triage_scenario_name_once_per_ruleset"
            ),
        ),
        migrations.AddConstraint(
            model_name="rule",
            constraint=models.UniqueConstraint(
                fields=("ruleset", "lineage"), name="triage_rule_lineage_once_per_ruleset"
            ),
        ),
    ]
