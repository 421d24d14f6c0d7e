"""Triage: the rule engine, editable rules, and the public "should I call my doctor?" form."""
