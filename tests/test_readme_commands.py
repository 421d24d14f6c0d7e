"""Every management command the README documents works as written, in a fresh database.

Each `make manage ARGS="..."` and `.venv/bin/python manage.py ...` in README.md
is run in the order it appears, against a new SQLite database and a temporary
STATIC_ROOT, so the test never touches the developer's db.sqlite3.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

MAKE_MANAGE = re.compile(r'make manage ARGS="([^"]+)"')
DIRECT = re.compile(r"\.venv/bin/python manage\.py ([a-z_]+(?: --?[a-z-]+)*)")
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-" + "k3y" * 20,
    "ALLOWED_HOSTS": "spotting.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://spotting.example.org",
    "HTTPS": "true",
}
# review_report's documented codes: 0 nothing overdue, 1 overdue (both mean it ran).
RAN = {"review_report": (0, 1)}
# An interactive create_editor reads its password twice from stdin.
PASSWORD = "a-long-enough-password-for-readme-1\n" * 2


def documented_commands():
    text = README.read_text()
    found = [(match.start(), "make", match.group(1)) for match in MAKE_MANAGE.finditer(text)]
    found += [(match.start(), "direct", match.group(1)) for match in DIRECT.finditer(text)]
    seen, commands = set(), []
    for _, kind, args in sorted(found):
        if (kind, args) not in seen:
            seen.add((kind, args))
            commands.append((kind, args))
    return commands


def test_the_readme_documents_the_commands_editors_and_operators_need():
    names = {args.split()[0] for _, args in documented_commands()}
    assert {"review_report", "sync_roles", "create_editor", "publish_scheduled", "migrate"} <= names


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory):
    if not (ROOT / ".venv" / "bin" / "python").exists():
        pytest.skip("no .venv in the project (make install creates it)")
    tmp = tmp_path_factory.mktemp("readme")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "MAKEFLAGS"}
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp / 'readme.sqlite3'}",
            "STATIC_ROOT": str(tmp / "static"),
            "REDIS_URL": "",
        }
    )
    return env


def run(kind, args, env):
    if kind == "make":
        argv = ["make", "-s", "manage", f"ARGS={args}"]
    else:
        argv = [str(ROOT / ".venv" / "bin" / "python"), "manage.py", *args.split()]
        env = {**env, **(PRODUCTION_ENV if "--deploy" in args else {"DEBUG": "true"})}
    return subprocess.run(
        argv,
        cwd=ROOT,
        env=env,
        input=PASSWORD,
        capture_output=True,
        text=True,
        timeout=300,
        start_new_session=True,  # no terminal: getpass reads the password from stdin
    )


def test_review_report_exits_2_before_migrate(fresh_env):
    result = run("direct", "review_report", fresh_env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "could not run" in result.stderr


def test_every_documented_command_runs_in_a_fresh_database(fresh_env):
    # migrate first, as `make run` would have done on a new machine.
    assert run("make", "migrate --noinput", fresh_env).returncode == 0
    for kind, args in documented_commands():
        result = run(kind, args, fresh_env)
        allowed = RAN.get(args.split()[0], (0,))
        assert result.returncode in allowed, (
            f"{kind} {args!r} exited {result.returncode}:\n{result.stdout}{result.stderr}"
        )
