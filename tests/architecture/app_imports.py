"""The import arrows between the project's apps, read from the source with `ast`.

    python tests/architecture/app_imports.py

prints one line per arrow, "from-app -> to-app (count)", counting every import
statement in an app's modules (migrations included, tests excluded), at module
level or inside functions.
"""

import ast
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("spotting_site", "articles", "triage", "editorial")


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def app_arrows(root=ROOT):
    """Counter of (from_app, to_app) over every import statement between two different apps."""
    arrows = Counter()
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            for module in imported_modules(path):
                target = module.split(".")[0]
                if target in APPS and target != app:
                    arrows[(app, target)] += 1
    return arrows


if __name__ == "__main__":
    for (source, target), count in sorted(app_arrows().items()):
        sys.stdout.write(f"{source} -> {target} ({count})\n")
