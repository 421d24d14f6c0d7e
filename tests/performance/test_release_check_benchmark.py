"""Submit and approve checks for the default ruleset, measured with pytest-benchmark.

Not a timed test: the timing is reported (docs/performance.md records it;
the target is under 2 s for both checks together). One round is what submit
and approval run: the scenarios, the monotonicity search, the safety floor
and the comparison with the live ruleset over the whole answer space, twice.
"""

from triage import answer_space, contract, default_floor, default_rules, safety, workflow
from triage.starter_rules import SCENARIO_FILE, read_scenario_file


def _scenarios():
    items = []
    for item in read_scenario_file(SCENARIO_FILE):
        answers, errors = contract.parse_answers(item["answers"])
        assert not errors
        items.append((item["name"], answers, item["expected"]))
    return items


def test_submit_and_approve_checks_for_the_default_ruleset(benchmark):
    rules = default_rules.default_ruleset()
    floor = default_floor.default_floor()
    scenarios = _scenarios()

    def both_checks():
        results = []
        for _ in ("submit", "approve"):
            outcomes = workflow.run_scenarios(rules, scenarios)
            warnings = safety.check_monotonicity(rules)
            comparison = answer_space.compare(rules, rules, floor)
            results.append((outcomes, warnings, comparison))
        return results

    results = benchmark(both_checks)
    for outcomes, _warnings, comparison in results:
        assert all(outcome.passed for outcome in outcomes)
        assert comparison.violations == [] and comparison.lowered == []
