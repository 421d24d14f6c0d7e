"""The management commands: running scenario files, and loading the defaults."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from triage import contract, workflow
from triage.models import RuleSet
from triage.starter_rules import SCENARIO_FILE


def run(*args):
    from io import StringIO

    out = StringIO()
    try:
        call_command("triage_scenarios", *args, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def write(tmp_path, scenarios):
    path = tmp_path / "scenarios.json"
    path.write_text(json.dumps(scenarios))
    return str(path)


def test_the_default_scenario_file_passes_against_the_live_ruleset(default_rules):
    code, output = run(str(SCENARIO_FILE))
    assert code == 0
    assert "Ruleset version 1 (live)" in output
    assert "Severe pain, not pregnant" in output and "FAIL" not in output
    assert output.strip().endswith("passed, 0 failed.")


def test_a_mismatch_is_shown_in_the_table_and_exits_non_zero(default_rules, tmp_path):
    wrong = {
        "name": "Fever alone is not an emergency",
        "answers": {**contract.default_answers(), "fever": True},
        "expected": contract.EMERGENCY,
    }
    code, output = run(write(tmp_path, [wrong]))
    assert code == 1
    line = next(line for line in output.splitlines() if line.startswith("Fever alone"))
    assert line.split()[-3:] == ["emergency", "urgent", "FAIL"]


def test_a_named_ruleset_version_can_be_tested(default_rules, editor, tmp_path):
    draft = workflow.copy_to_draft(default_rules, editor)
    draft.rules.filter(name="Fever").update(disposition=contract.EMERGENCY)
    fever = {
        "name": "Fever",
        "answers": {**contract.default_answers(), "fever": True},
        "expected": "emergency",
    }
    assert run(write(tmp_path, [fever]), "--ruleset", str(draft.version))[0] == 0
    assert run(write(tmp_path, [fever]))[0] == 1


def test_invalid_scenario_files_and_unknown_versions_are_reported(default_rules, tmp_path):
    bad = {"name": "Bad", "answers": {**contract.default_answers(), "pain": "agony"}, "expected": "soon"}
    with pytest.raises(CommandError, match=r"Bad: pain: .*expected"):
        run(write(tmp_path, [bad]))
    with pytest.raises(CommandError, match="No ruleset version 99"):
        run(str(SCENARIO_FILE), "--ruleset", "99")
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "missing.json"))


def test_loading_the_default_rules_twice_is_safe(causes):
    from io import StringIO

    out = StringIO()
    call_command("load_default_triage_rules", stdout=out)
    call_command("load_default_triage_rules", stdout=out)
    assert "created nothing" in out.getvalue().splitlines()[-1]
    assert RuleSet.objects.count() == 1


def test_a_version_1_scenario_file_and_a_version_2_one_both_run(default_rules, tmp_path):
    version_1_answers = {name: contract.default_answers()[name] for name in contract.VERSION_1_FIELD_NAMES}
    version_1 = {
        "name": "Version 1: merged pain, not pregnant",
        "answers": {**version_1_answers, contract.MERGED_PAIN: True},
        # Read as shoulder-tip pain too: an emergency with the version 2 defaults.
        "expected": contract.EMERGENCY,
    }
    version_2 = {
        "name": "Version 2: tamoxifen after the menopause",
        "answers": {**contract.default_answers(), "hormone_medicine": "tamoxifen", "postmenopausal": True},
        "expected": contract.URGENT,
    }
    code, output = run(write(tmp_path, [version_1, version_2]))
    assert code == 0, output
    assert output.strip().endswith("2 passed, 0 failed.")


def test_a_scenario_with_a_version_2_value_outside_the_contract_is_refused_naming_it(default_rules, tmp_path):
    bad = {
        "name": "Bad medicine",
        "answers": {**contract.default_answers(), "hormone_medicine": "pill", "coil_in_place": "yes please"},
        "expected": "urgent",
    }
    with pytest.raises(CommandError, match=r"Bad medicine: coil_in_place: .*hormone_medicine: "):
        run(write(tmp_path, [bad]))
