"""Triage rulesets, rules, conditions and scenarios."""
