"""The release-safety comparison between the version 1 and the version 2 default rules.

Plain Python, no Django. `figures()` runs the answer-space comparison
(`triage.answer_space.compare`) twice, with the version 2 floor:

- over every answer set of contract version 2 (`all`), and
- over the answer sets a version 1 post can make (`version_1_posts`): the
  version 2 answers absent, so false / none, and both version 2 pain answers
  read from the merged one.

docs/triage-rules.md records the figures and a reason for every lowered
group; tests/triage/test_default_rules_v2.py checks that the page and this
module agree. Run `python -m triage.default_comparison` to print them.
"""

from triage import answer_space, contract, default_floor, default_rules

# Why each group the version 2 defaults make less urgent is right (key: Group.key).
LOWERED_REASONS = {
    "emergency>urgent|One-sided or shoulder-tip pain when you could be pregnant": (
        "Mild or no tummy pain on one side, with a possible or positive pregnancy and no other red "
        "flag, goes from emergency to urgent: NICE NG126 1.2.5 sends pain with a positive test to an "
        "early pregnancy assessment service, and keeps the emergency department (1.2.1) for "
        "instability or significant concern about pain or bleeding. Version 1 could not tell this "
        "pain from shoulder-tip pain, which stays an emergency; moderate or severe one-sided pain "
        "stays an emergency too."
    ),
}

# Version 1 scenarios (triage/scenarios/default.json) whose result the version 2 defaults change:
# (name, version 1 result, version 2 result), each a reviewed rule change.
CHANGED_VERSION_1_SCENARIOS = [
    # The merged pain answer alone now reads as shoulder-tip pain too (the contract's cautious
    # reading), and shoulder-tip pain is an emergency whatever the answer about pregnancy.
    ("One-sided pain, not pregnant", contract.URGENT, contract.EMERGENCY),
]


def _version_1_post_fields():
    """The contract's fields with each version 2 answer held at what its absence means."""
    fields = []
    for spec in contract.FIELDS:
        if spec.version == 2 and spec.name not in contract.SPLIT_PAIN:
            quiet = contract.default_answers()[spec.name]
            spec = contract.Field(spec.name, contract.CHOICE, spec.label, choices=(quiet,), required=False)
        fields.append(spec)
    return tuple(fields)


def _normalise_version_1_post(answers):
    merged = answers.get(contract.MERGED_PAIN)
    return contract.normalise({**answers, **dict.fromkeys(contract.SPLIT_PAIN, merged)})


def figures():
    """{"all": Comparison, "version_1_posts": Comparison}: version 2 defaults against version 1's."""
    before = default_rules.version_1_ruleset()
    after = default_rules.default_ruleset(2)
    floor = default_floor.default_floor()
    return {
        "all": answer_space.compare(after, before, floor),
        "version_1_posts": answer_space.compare(
            after, before, floor, _version_1_post_fields(), _normalise_version_1_post
        ),
    }


def summary_lines(found):
    """One line per comparison, as docs/triage-rules.md quotes them."""
    names = {"all": "Every version 2 answer set", "version_1_posts": "Posts with only version 1 answers"}
    lines = []
    for key, comparison in found.items():
        lines.append(
            f"{names[key]}: {comparison.total:,} answer sets; "
            f"{comparison.raised_count:,} raised in {len(comparison.raised)} groups; "
            f"{comparison.lowered_count:,} lowered in {len(comparison.lowered)} groups; "
            f"{len(comparison.violations)} floor violations."
        )
    return lines


def main():
    found = figures()
    for line in summary_lines(found):
        print(line)
    for key, comparison in found.items():
        for group in comparison.lowered + comparison.raised:
            print(f"  [{key}] {group.describe()}")


if __name__ == "__main__":
    main()
