"""Lighthouse scores for five pages of the site with production settings: `make audit`.

What it does, in order:

1. checks that Node.js (`node`, `npm`) and Debian's Chromium (/usr/bin/chromium,
   or CHROMIUM) are there, and runs `npm ci` in benchmarks/lighthouse when its
   node_modules is missing (lighthouse and puppeteer-core, pinned by
   package-lock.json; puppeteer-core never downloads a browser);
2. prepares a temporary SQLite database with the starter content and collects
   the static files (hashed, gzip and Brotli), as `make serve` does;
3. starts gunicorn (2 workers, 127.0.0.1, a free port) with production settings:
   DEBUG off, a random secret key, plain HTTP because nothing terminates TLS
   locally;
4. runs audit.mjs against it AUDIT_RUNS times (default 3): one Lighthouse user
   flow, mobile, over the home page, the article, a cause, the triage form and a
   triage result;
5. prints a table of each page's median score in each of the four categories
   (Lighthouse's advice for scores that vary from run to run, which Total
   Blocking Time does on a busy machine), with the audits that kept a median
   below 100, and stops gunicorn whatever happened.

Reports: benchmarks/lighthouse/reports/<run>/ (git-ignored; AUDIT_REPORTS moves
them), and the medians in reports/scores.json.

Exit status: 0 when every score is 100, 1 when any is below, 2 when the audit
could not run (no Node.js, no Chromium, npm ci, the server or Lighthouse failed).
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent.parent
PYTHON = sys.executable
if str(CHECKOUT) not in sys.path:  # run as a script: benchmarks/lighthouse/audit.py
    sys.path.insert(0, str(CHECKOUT))
from benchmarks.server import DidNotStart, Gunicorn  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
REPORTS = Path(os.environ.get("AUDIT_REPORTS", HERE / "reports"))
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
WORKERS = 2
RUNS = int(os.environ.get("AUDIT_RUNS", "3"))


def say(message):
    print(message, flush=True)


class CouldNotRun(Exception):
    """The audit could not run (exit status 2); the message says why."""


def require_tools():
    """Node.js, npm and Chromium, or CouldNotRun naming what is missing."""
    for tool in ("node", "npm"):
        if not shutil.which(tool):
            raise CouldNotRun(f"{tool} is not installed. On Debian or Ubuntu: apt-get install nodejs npm")
    if not os.access(CHROMIUM, os.X_OK):
        raise CouldNotRun(f"Chromium not found at {CHROMIUM}. On Debian or Ubuntu: apt-get install chromium")


def install_lighthouse():
    """`npm ci` from the lockfile when node_modules is missing."""
    if all((HERE / "node_modules" / name).is_dir() for name in ("lighthouse", "puppeteer-core")):
        return
    say("Installing lighthouse and puppeteer-core (npm ci, from package-lock.json)...")
    result = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE)
    if result.returncode != 0:
        raise CouldNotRun("npm ci failed in benchmarks/lighthouse (see its output above)")


def environment(workdir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "spotting_site.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no TLS proxy in front, so no HTTPS redirect.
        "HTTPS": "false",
        "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
        "REDIS_URL": "",
        "LOG_LEVEL": "WARNING",
    }


def prepare(env):
    say("Preparing a temporary database (starter content) and the static files...")
    for args in (
        ("migrate", "--noinput", "--verbosity", "0"),
        ("load_starter_content",),
        ("collectstatic", "--noinput", "--verbosity", "0"),
    ):
        result = subprocess.run([PYTHON, "manage.py", *args], cwd=CHECKOUT, env=env)
        if result.returncode != 0:
            raise CouldNotRun(f"manage.py {args[0]} failed (see its output above)")


def run_lighthouse(base, run):
    reports = REPORTS / str(run)
    say(f"Lighthouse run {run} of {RUNS} (mobile) against {base}; reports in {reports}")
    reports.mkdir(parents=True, exist_ok=True)
    scores_file = reports / "scores.json"
    scores_file.unlink(missing_ok=True)
    result = subprocess.run(
        ["node", "audit.mjs", base, str(reports)],
        cwd=HERE,
        env={**os.environ, "CHROMIUM": CHROMIUM},
        stdout=subprocess.DEVNULL,
    )
    if result.returncode != 0 or not scores_file.exists():
        raise CouldNotRun(f"audit.mjs exited {result.returncode} (see its output above)")
    return json.loads(scores_file.read_text())["steps"]


def medians(runs):
    """Per page, the median of each category over the runs, and the audits below 1 in the
    runs that gave that median (the first of them)."""
    steps = []
    for position, first in enumerate(runs[0]):
        step = {"name": first["name"], "url": first["url"], "failing": {}, "runs": {}}
        for name in CATEGORIES:
            values = [run[position][name] for run in runs]
            known = sorted(value for value in values if value is not None)
            step[name] = known[(len(known) - 1) // 2] if known else None
            step["runs"][name] = values
            typical = next(run[position] for run in runs if run[position][name] == step[name])
            if name in typical["failing"]:
                step["failing"][name] = typical["failing"][name]
        steps.append(step)
    return steps


def table(steps):
    """A Markdown table: one row per page, one column per category."""
    lines = [
        "| page | " + " | ".join(CATEGORIES) + " | performance in each run |",
        "| --- | " + " | ".join("---:" for _ in CATEGORIES) + " | --- |",
    ]
    for step in steps:
        cells = ["n/a" if step[name] is None else str(step[name]) for name in CATEGORIES]
        each = ", ".join(str(value) for value in step["runs"]["performance"])
        lines.append(f"| {step['name']} | " + " | ".join(cells) + f" | {each} |")
    return "\n".join(lines)


def below_100(steps):
    """One line per category below 100, naming the audits that kept it there."""
    lines = []
    for step in steps:
        for name in CATEGORIES:
            if step[name] == 100:
                continue
            failing = step["failing"].get(name, [])
            audits = ", ".join(f"{audit['id']} ({audit['value'] or audit['score']})" for audit in failing)
            lines.append(f"{step['name']} {name} {step[name]}: {audits or 'no scored audit named'}")
    return lines


def main():
    started = time.monotonic()
    try:
        require_tools()
        install_lighthouse()
        with tempfile.TemporaryDirectory(prefix="lighthouse-audit-") as workdir:
            env = environment(Path(workdir))
            prepare(env)
            server = Gunicorn(env, workers=WORKERS)
            try:
                server.wait_until_up()
                runs = [run_lighthouse(server.base, run) for run in range(1, RUNS + 1)]
            finally:
                server.stop()
    except (CouldNotRun, DidNotStart) as problem:
        say(f"Lighthouse audit could not run: {problem}")
        return 2
    steps = medians(runs)
    REPORTS.joinpath("scores.json").write_text(json.dumps({"runs": RUNS, "steps": steps}, indent=2) + "\n")
    say(f"\nMedian of {RUNS} run(s):")
    say(table(steps))
    problems = below_100(steps)
    for line in problems:
        say(f"  below 100: {line}")
    elapsed = time.monotonic() - started
    say(f"\n{len(steps)} pages, {RUNS} run(s) in {elapsed:.0f} s; reports: {REPORTS}/<run>/flow.html")
    if problems:
        say("Some median scores are below 100.")
        return 1
    say("Every score is 100.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
