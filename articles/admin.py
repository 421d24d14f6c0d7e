"""Admin for clinical content."""
