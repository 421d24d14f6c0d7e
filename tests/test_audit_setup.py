"""The Lighthouse audit (`make audit`) is set up as documented, without running Lighthouse.

- benchmarks/lighthouse/package.json pins lighthouse and puppeteer-core to exact
  versions, and its lockfile records no download URL: no `resolved` field and
  no "http" anywhere (after `npm install`, take the `funding` entries out of
  package-lock.json, as docs/testing.md says);
- audit.mjs audits the five pages and fills in the triage form's real fields;
- the Makefile, README and docs/testing.md name `make audit`;
- audit.py reports each page's median score and the audits below 1, and exits 2
  when Chromium is missing.
"""

import importlib.util
import json
import re
from pathlib import Path

from triage import contract

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse"
EXACT = re.compile(r"^\d+\.\d+\.\d+$")


def package():
    return json.loads((LIGHTHOUSE / "package.json").read_text())


def test_package_json_pins_exact_versions():
    dependencies = {**package().get("dependencies", {}), **package()["devDependencies"]}
    assert dependencies == {"lighthouse": "12.8.2", "puppeteer-core": "24.43.1"}
    for name, version in package().get("overrides", {}).get("@paulirish/trace_engine", {}).items():
        assert EXACT.match(version), f"override of {name} is not an exact version: {version}"


def test_lockfile_matches_and_records_no_download_url():
    text = (LIGHTHOUSE / "package-lock.json").read_text()
    lock = json.loads(text)
    assert lock["packages"][""]["devDependencies"] == package()["devDependencies"]
    assert lock["packages"]["node_modules/lighthouse"]["version"] == "12.8.2"
    assert lock["packages"]["node_modules/puppeteer-core"]["version"] == "24.43.1"
    assert '"resolved"' not in text
    # Package names may contain "http" (http-proxy-agent); no value may be a URL.
    assert "://" not in text
    assert not re.search(r'"https?:', text)
    assert all("integrity" in entry for path, entry in lock["packages"].items() if path)


def test_npmrc_keeps_registry_urls_out_of_the_lockfile():
    assert "omit-lockfile-registry-resolved=true" in (LIGHTHOUSE / ".npmrc").read_text().splitlines()


def test_node_modules_and_reports_are_not_committed():
    ignored = (LIGHTHOUSE / ".gitignore").read_text().split()
    assert {"node_modules/", "reports/"} <= set(ignored)


def test_audit_mjs_names_the_five_pages():
    script = (LIGHTHOUSE / "audit.mjs").read_text()
    for step in ("'Home'", "'Article'", "'Cause'", "'Triage form'", "'Triage result'"):
        assert f"name: {step}" in script
    paths = ("'/'", "'/articles/spotting-between-periods/'", "'/causes/ectopic-pregnancy/'", "'/triage/'")
    for path in paths:
        assert path in script
    assert "disableStorageReset: true" in script
    assert "/usr/bin/chromium" in script and "--no-sandbox" in script
    assert ":not(.button--secondary)" in script


def test_audit_mjs_answers_are_real_triage_fields():
    script = (LIGHTHOUSE / "audit.mjs").read_text()
    answers = dict(re.findall(r"^\s+(\w+): '([^']*)',$", script.split("export const ANSWERS")[1], re.M)[:6])
    fields = {field.name: field for field in contract.FIELDS}
    assert set(answers) == {
        "pregnancy",
        "bleeding_amount",
        "pain",
        "frequency",
        "age",
        "premenstrual_spotting_days",
    }
    for name, value in answers.items():
        field = fields[name]
        assert field.accepts(int(value) if field.kind == contract.INTEGER else value), (name, value)
    required = {field.name for field in contract.FIELDS if field.required and field.kind != contract.BOOLEAN}
    assert required <= set(answers)


def test_makefile_has_the_audit_target():
    makefile = (ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M).group(1).split()
    assert "audit" in phony
    assert re.search(r"^audit: install\n\t\$\(BIN\)/python benchmarks/lighthouse/audit\.py$", makefile, re.M)
    assert "make audit " in makefile  # in `make help`


def test_docs_describe_the_audit():
    readme = (ROOT / "README.md").read_text()
    testing = (ROOT / "docs" / "testing.md").read_text()
    assert "`make audit`" in readme
    assert "## Lighthouse (`make audit`)" in testing
    for words in ("flow.html", "AUDIT_RUNS", "12.8.2", "24.43.1", "### Measured"):
        assert words in testing


def load_audit():
    spec = importlib.util.spec_from_file_location("lighthouse_audit", LIGHTHOUSE / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def step(name, performance, failing=None):
    return {
        "name": name,
        "url": "/",
        "performance": performance,
        "accessibility": 100,
        "best-practices": 100,
        "seo": 100,
        "failing": failing or {},
    }


def test_audit_reports_each_pages_median_and_what_kept_it_below_100():
    audit = load_audit()
    slow = {"performance": [{"id": "total-blocking-time", "score": 0.9, "value": "250 ms"}]}
    runs = [
        [step("Home", 100), step("Triage result", 95, slow)],
        [step("Home", 97), step("Triage result", 95, slow)],
        [step("Home", 100), step("Triage result", 100)],
    ]
    home, result = audit.medians(runs)
    assert (home["performance"], home["failing"]) == (100, {})
    assert home["runs"]["performance"] == [100, 97, 100]
    assert result["performance"] == 95
    assert audit.below_100([home, result]) == ["Triage result performance 95: total-blocking-time (250 ms)"]
    assert "| Triage result | 95 | 100 | 100 | 100 | 95, 95, 100 |" in audit.table([home, result])


def test_audit_exits_2_without_chromium(monkeypatch, capsys):
    audit = load_audit()
    monkeypatch.setattr(audit, "CHROMIUM", "/nonexistent/chromium")
    assert audit.main() == 2
    assert "could not run: Chromium not found" in capsys.readouterr().out
