"""The triage counts are written when the process exits: the `atexit` registration itself is tested."""

import os
import subprocess
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]

PROGRAM = """
import django
django.setup()
from triage import counts
counts.pending_counts.flush = lambda: print("flushed at exit")
"""


def test_a_normal_exit_flushes_the_pending_counts():
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        cwd=CHECKOUT,
        env={**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "spotting_site.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "flushed at exit", "no flush ran at exit: atexit registration missing"
