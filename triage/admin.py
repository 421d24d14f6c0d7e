"""Admin for triage rulesets and scenarios."""
