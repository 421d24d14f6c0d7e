"""Run scenarios against the live (or a named) ruleset and print a table.

    python manage.py triage_scenarios [FILE.json] [--ruleset VERSION]

Without a file, the ruleset's own scenarios are run (each version has its own).
Exits 0 when every scenario gives its expected disposition, 1 on any
mismatch, and 2 when the file or the ruleset cannot be used.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from triage import contract, workflow
from triage.models import RuleSet
from triage.starter_rules import read_scenario_file


class Command(BaseCommand):
    help = (
        "Run a scenario file (or the ruleset's own scenarios) against the live ruleset "
        "(or --ruleset VERSION); non-zero exit on any mismatch."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            help="A JSON scenario file in the triage contract's format (default: the ruleset's own).",
        )
        parser.add_argument("--ruleset", type=int, metavar="VERSION", help="Ruleset version (default: live).")

    def handle(self, *args, **options):
        ruleset = self._ruleset(options["ruleset"])
        scenarios = self._scenarios(options["file"]) if options["file"] else None
        outcomes = workflow.scenario_outcomes(ruleset, scenarios)
        self._print_table(ruleset, outcomes)
        failed = sum(not outcome.passed for outcome in outcomes)
        self.stdout.write(f"{len(outcomes) - failed} passed, {failed} failed.")
        if failed:
            sys.exit(1)

    def _ruleset(self, version):
        queryset = RuleSet.objects.all()
        ruleset = queryset.filter(version=version).first() if version else queryset.live().first()
        if ruleset is None:
            raise CommandError(
                f"No ruleset version {version}." if version else "No ruleset is live.", returncode=2
            )
        return ruleset

    def _scenarios(self, path):
        try:
            items = read_scenario_file(path)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}", returncode=2) from error
        scenarios, problems = [], []
        for index, item in enumerate(items, start=1):
            if not isinstance(item, dict) or not isinstance(item.get("answers"), dict):
                problems.append(f"#{index}: needs name, answers (an object) and expected")
                continue
            name = str(item.get("name") or f"#{index}")
            answers, errors = contract.parse_answers(item["answers"])
            if item.get("expected") not in contract.DISPOSITIONS:
                errors["expected"] = f"must be one of {', '.join(contract.DISPOSITIONS)}"
            if errors:
                problems.append(
                    f"{name}: " + "; ".join(f"{field}: {message}" for field, message in errors.items())
                )
                continue
            scenarios.append((name, answers, item["expected"]))
        if problems:
            raise CommandError("Invalid scenarios:\n  " + "\n  ".join(problems), returncode=2)
        return scenarios

    def _print_table(self, ruleset, outcomes):
        width = max([len("scenario"), *(len(outcome.name) for outcome in outcomes)])
        self.stdout.write(f"Ruleset version {ruleset.version} ({ruleset.status})")
        self.stdout.write(f"{'scenario':<{width}}  {'expected':<12} {'actual':<12} result")
        for outcome in outcomes:
            mark = "pass" if outcome.passed else "FAIL"
            self.stdout.write(f"{outcome.name:<{width}}  {outcome.expected:<12} {outcome.actual:<12} {mark}")
