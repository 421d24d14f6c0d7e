"""Load-test the site against a static file of similar size, in one run: `make bench`.

What it does, in order:

1. prepares a benchmark database (a fresh SQLite file under benchmarks/results/,
   or PostgreSQL when BENCH_DATABASE_URL is set) with the starter content, the
   default triage rules, and BENCH_BULK (default 500) extra causes and
   articles, so search runs at scale;
2. collects static files (hashed, gzip and Brotli) and adds a copy of the
   rendered article page as a static file, so the static baseline has the
   same size as the page;
3. starts gunicorn (2 workers, 127.0.0.1, production settings: DEBUG off, a
   real secret key; plain HTTP because nothing terminates TLS locally);
4. runs `wrk --latency` for BENCH_DURATION seconds (default 5) with
   BENCH_CONNECTIONS (16) connections on BENCH_THREADS (2) threads against:
   the article page, a cause page, a search, the triage form POST and the
   static file; then restarts gunicorn with PAGE_CACHE_ENABLED=false and
   measures the article page, the cause page and the search again;
5. with Redis (BENCH_REDIS_URL), the burst after a publish: 16 readers on a
   mix of pages (home, the article, a cause, the cause list, the references)
   for BENCH_BURST_DURATION seconds (default 15) with nobody publishing, then
   again while another process publishes a change to the article every
   BENCH_PUBLISH_EVERY seconds (default 1), each publish making every stored
   page stale at once (`benchmarks/publisher.py`);
6. prints requests per second, p50 and p99 latency and each page's ratio to
   the static file, checks the targets of docs/performance.md, and writes
   the results to benchmarks/results/latest.json and latest.md.

BENCH_PHASES (default "cached,uncached,burst") runs only some of the phases,
e.g. BENCH_PHASES=burst for the burst after a publish alone.

wrk comes from Debian (`apt-get install wrk`). Without it this prints how to
install it and exits with status 2.
"""

import contextlib
import json
import os
import platform
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
RESULTS = CHECKOUT / "benchmarks" / "results"
PYTHON = sys.executable
if str(CHECKOUT) not in sys.path:  # run as a script: benchmarks/run.py
    sys.path.insert(0, str(CHECKOUT))
from benchmarks.server import DidNotStart, Gunicorn  # noqa: E402

DURATION = int(os.environ.get("BENCH_DURATION", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
BULK = int(os.environ.get("BENCH_BULK", "500"))
BURST_DURATION = int(os.environ.get("BENCH_BURST_DURATION", "15"))
PUBLISH_EVERY = float(os.environ.get("BENCH_PUBLISH_EVERY", "1"))
PHASES = set(os.environ.get("BENCH_PHASES", "cached,uncached,burst").split(","))
WORKERS = 2
# Threads per gunicorn worker (gthread workers); 1: sync workers, one request at a time each.
GUNICORN_THREADS = int(os.environ.get("BENCH_GUNICORN_THREADS", "1"))
PACKAGES = ("Django", "gunicorn", "whitenoise", "psycopg", "redis")

ARTICLE = "/articles/spotting-between-periods/"
CAUSE = "/causes/ectopic-pregnancy/"
SEARCH = "/search/?q=pregnancy+bleeding"
TRIAGE = "/triage/"
STATIC_COPY = "bench/article-page-copy.html"
# What readers read during the burst after a publish: every one of these is stale after each publish.
BURST_PATHS = ["/", ARTICLE, CAUSE, "/causes/", "/references/"]
BURST_P99_MS = 100.0

# (label, minimum ratio to the static file, maximum p99 in ms or None)
TARGETS = {
    "article page (cached)": (0.7, 50.0),
    "cause page (cached)": (0.7, 50.0),
    "article page (page cache off)": (0.1, None),
    "triage POST": (0.3, None),
    "search (cached)": (0.2, None),
}
# Measured and reported, with no target: a rendered search ranks and highlights
# 1,000 documents, more work than the article page whose uncached target is 0.1
# (docs/performance.md, "Targets: met, missed, and why").


def say(message):
    print(message, flush=True)


def require_wrk():
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    say("wrk is not installed. On Debian or Ubuntu: sudo apt-get install wrk")
    say("(https://github.com/wg/wrk; any wrk 4.x works.) Then run `make bench` again.")
    raise SystemExit(2)


def base_environment():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "spotting_site.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no TLS proxy in front, so no HTTPS redirect.
        "HTTPS": "false",
        "STATIC_ROOT": str(RESULTS / "static"),
        "LOG_LEVEL": "WARNING",
        "PAGE_CACHE_ENABLED": "true",
    }
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    else:
        database = RESULTS / "bench.sqlite3"
        for leftover in RESULTS.glob("bench.sqlite3*"):
            leftover.unlink()
        env["DATABASE_URL"] = f"sqlite:///{database}"
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
        env["CACHE_KEY_PREFIX"] = f"bench-{secrets.token_hex(4)}"
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=CHECKOUT, env=env, check=True)


def prepare(env):
    say("Preparing the benchmark database and static files...")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_starter_content")
    manage(env, "load_default_triage_rules")
    if BULK:
        manage(env, "shell", "-c", f"from benchmarks.bulk_content import create; create({BULK})")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def forget_cached_pages(env):
    """Remove this run's keys from Redis (each run has its own key prefix)."""
    if not env.get("REDIS_URL"):
        return
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    for key in client.scan_iter(match=f"{env['CACHE_KEY_PREFIX']}:*"):
        client.delete(key)
    client.close()


def start_gunicorn(env):
    """gunicorn with the benchmark's workers (and threads), answering before this returns."""
    extra = ["--worker-class", "gthread", "--threads", str(GUNICORN_THREADS)] if GUNICORN_THREADS > 1 else []
    if os.environ.get("BENCH_ACCESS_LOG"):
        # For finding slow requests: worker, path, status and time taken (microseconds).
        extra += ["--access-logfile", os.environ["BENCH_ACCESS_LOG"]]
        extra += ["--access-logformat", "%(p)s %(U)s %(s)s %(D)s"]
    server = Gunicorn(env, workers=WORKERS, extra_args=extra)
    try:
        server.wait_until_up()
    except DidNotStart as problem:
        server.stop()
        raise SystemExit(str(problem)) from None
    return server


def fetch(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers


def triage_post(base):
    """The body and cookie for a valid triage POST (default answers: nothing worrying)."""
    sys.path.insert(0, str(CHECKOUT))
    from triage import contract

    page, headers = fetch(base + TRIAGE)
    cookie = SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        cookie.load(header)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    fields = {"csrfmiddlewaretoken": token}
    for name, value in contract.default_answers().items():
        if value is None or value is False:
            continue
        fields[name] = "on" if value is True else str(value)
    body = urllib.parse.urlencode(fields)
    cookie_header = "; ".join(f"{name}={morsel.value}" for name, morsel in cookie.items())
    result, _ = fetch(base + TRIAGE, data=body.encode(), headers={"Cookie": cookie_header})
    assert b"data-disposition" in result, "the triage POST did not give a result page"
    return body, cookie_header


RAW_OUTPUT = []


def wait_until_idle(url, timeout=120):
    """Wait until the server answers its health check within 100 ms."""
    health = urllib.parse.urljoin(url, "/healthz")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            fetch(health)
        if time.monotonic() - started < 0.1:
            return
        time.sleep(0.5)


def parse_latency(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(wrk, url, label, script=None, extra_env=None, duration=None):
    """One wrk run; its requests per second, p50 and p99 (ms), and any errors."""
    command = [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration or DURATION}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    say(f"  {label}: wrk {' '.join(command[1:])}")
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, env={**os.environ, **(extra_env or {})}
    ).stdout
    RAW_OUTPUT.append(f"$ wrk {' '.join(command[1:])}\n{output}")
    # Requests wrk gave up on are still queued in gunicorn: let them drain before the next run.
    wait_until_idle(url)
    percentiles = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+(\S+)\s*$", output, re.M))
    if set(percentiles) != {"50", "99"}:
        raise SystemExit(f"Could not read wrk's latency distribution:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.M)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    say(f"    {rps:.0f} requests/s")
    return {
        "label": label,
        "path": urllib.parse.urlsplit(url)._replace(scheme="", netloc="").geturl(),
        "rps": rps,
        "p50_ms": parse_latency(percentiles["50"]),
        "p99_ms": parse_latency(percentiles["99"]),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def machine():
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{memory_kb / 1024 / 1024:.1f} GiB"
    except OSError:
        memory = "unknown"
    from importlib.metadata import version

    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "load_average_at_start": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": {name: version(name) for name in PACKAGES},
        "wrk": wrk_version.strip(),
    }


def check_targets(results):
    verdicts = []
    by_label = {result["label"]: result for result in results}
    for label, (ratio, p99) in TARGETS.items():
        result = by_label.get(label)
        if not result:
            continue
        ok = result["ratio"] >= ratio and (p99 is None or result["p99_ms"] < p99)
        wanted = f"ratio >= {ratio}" + (f", p99 < {p99:.0f} ms" if p99 else "")
        verdicts.append((label, wanted, "met" if ok else "MISSED"))
    return verdicts


def table(results):
    lines = [
        "| what | requests/s | p50 (ms) | p99 (ms) | ratio to static | requests/s per round |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for result in results:
        lines.append(
            f"| {result['label']} | {result['rps']:.0f} | {result['p50_ms']:.2f} | {result['p99_ms']:.2f} "
            f"| {result['ratio']:.2f} | {', '.join(map(str, result['rounds_rps']))} |"
        )
    return "\n".join(lines)


def measure(wrk, base, targets):
    """Run every target ROUNDS times, interleaved, and keep each target's median round.

    Interleaving spreads any burst of other activity on the machine over all
    targets, so the ratios within one phase stay fair.
    """
    rounds = {label: [] for label, _, _ in targets}
    for _ in range(ROUNDS):
        for label, path, extra in targets:
            rounds[label].append(run_wrk(wrk, base + path, label, **extra))
    results = []
    for runs in rounds.values():
        runs.sort(key=lambda result: result["rps"])
        median = dict(runs[len(runs) // 2])
        median["rounds_rps"] = [round(result["rps"]) for result in runs]
        median["non_2xx"] = sum(result["non_2xx"] for result in runs)
        median["socket_errors"] = "; ".join(
            result["socket_errors"] for result in runs if result["socket_errors"]
        )
        results.append(median)
    return results


def burst_after_publish(wrk, env):
    """Readers on the pages, first with nobody publishing, then while a change is published every second.

    Returns the two wrk results and what the publisher did. Needs the shared
    cache (Redis): publishing from another process must reach gunicorn's workers.
    """
    pages = {
        "script": CHECKOUT / "benchmarks" / "pages.lua",
        "extra_env": {"BENCH_PATHS": " ".join(BURST_PATHS)},
        "duration": BURST_DURATION,
    }
    server = start_gunicorn(env)
    try:
        for path in BURST_PATHS:
            fetch(server.base + path)
        quiet = run_wrk(wrk, server.base + "/", "pages, nobody publishing", **pages)
        slug = ARTICLE.strip("/").rsplit("/", 1)[-1]
        publisher = subprocess.Popen(
            [
                PYTHON,
                "manage.py",
                "shell",
                "--no-imports",
                "-c",
                "from benchmarks.publisher import publish_repeatedly; "
                f"publish_repeatedly({slug!r}, {PUBLISH_EVERY}, {BURST_DURATION})",
            ],
            cwd=CHECKOUT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        if publisher.stdout.readline().strip() != "ready":
            publisher.kill()
            raise SystemExit("the publisher did not start (benchmarks/publisher.py)")
        busy = run_wrk(
            wrk, server.base + "/", f"pages, a change published every {PUBLISH_EVERY:g} s", **pages
        )
        output, _ = publisher.communicate(timeout=60)
        if publisher.returncode:
            raise SystemExit(f"the publisher failed with status {publisher.returncode}")
        done = json.loads(output.strip().splitlines()[-1])
        page, _ = fetch(server.base + ARTICLE)
        last_change = done["standfirst"].rsplit("(", 1)[-1]
        done["readers_see_the_last"] = last_change.encode() in page
    finally:
        server.stop()
    return [quiet, busy], done


def burst_report(results, done):
    busy = results[-1]
    errors = busy["non_2xx"] + (1 if busy["socket_errors"] else 0)
    ok = errors == 0 and busy["p99_ms"] < BURST_P99_MS and done["readers_see_the_last"]
    lines = [
        f"Burst after a publish: {CONNECTIONS} readers, {BURST_DURATION} s per run, "
        f"pages {', '.join(BURST_PATHS)}",
        "",
        "| what | requests | requests/s | p50 (ms) | p99 (ms) | non-2xx | socket errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for result in results:
        lines.append(
            f"| {result['label']} | {result['requests']} | {result['rps']:.0f} | {result['p50_ms']:.2f} "
            f"| {result['p99_ms']:.2f} | {result['non_2xx']} | {result['socket_errors'] or 'none'} |"
        )
    lines += [
        "",
        f"Changes published during the run: {done['published']}; the article page shows the last one: "
        f"{'yes' if done['readers_see_the_last'] else 'NO'}.",
    ]
    verdict = ("burst after a publish", f"no errors, p99 < {BURST_P99_MS:.0f} ms", "met" if ok else "MISSED")
    return "\n".join(lines), verdict


def main():
    wrk = require_wrk()
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = base_environment()
    info = machine()
    prepare(env)

    server = start_gunicorn(env)
    try:
        article, _ = fetch(server.base + ARTICLE)
        copy = RESULTS / "static" / STATIC_COPY
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(article)
    finally:
        server.stop()
    static = ("static file", "/static/" + STATIC_COPY, {})

    cached, uncached, burst, done = [], [], [], None
    if "cached" in PHASES:
        cached = measure_cached(wrk, env, static, article)
    if "uncached" in PHASES:
        uncached = measure_uncached(wrk, env, static)
    if "burst" in PHASES:
        if env.get("REDIS_URL"):
            say("Phase 3: burst after a publish (gunicorn, page cache on)")
            burst, done = burst_after_publish(wrk, env)
        else:
            say("Phase 3 (burst after a publish) skipped: it needs Redis (BENCH_REDIS_URL).")
    return report(env, info, cached, uncached, burst, done)


def measure_cached(wrk, env, static, article):
    say(f"Phase 1: gunicorn, {WORKERS} workers, page cache on (static copy: {len(article)} bytes)")
    server = start_gunicorn(env)
    try:
        for path in (ARTICLE, CAUSE, SEARCH, static[1]):
            fetch(server.base + path)  # store the pages and load each worker's code
        body, cookie = triage_post(server.base)
        post = {"script": CHECKOUT / "benchmarks" / "triage_post.lua"}
        post["extra_env"] = {"TRIAGE_BODY": body, "TRIAGE_COOKIE": cookie}
        cached = measure(
            wrk,
            server.base,
            [
                ("article page (cached)", ARTICLE, {}),
                ("cause page (cached)", CAUSE, {}),
                ("search (cached)", SEARCH, {}),
                ("triage POST", TRIAGE, post),
                static,
            ],
        )
    finally:
        server.stop()
    return cached


def measure_uncached(wrk, env, static):
    say("Phase 2: gunicorn, page cache off (PAGE_CACHE_ENABLED=false)")
    server = start_gunicorn({**env, "PAGE_CACHE_ENABLED": "false"})
    try:
        for path in (ARTICLE, CAUSE, SEARCH):
            fetch(server.base + path)
        uncached = measure(
            wrk,
            server.base,
            [
                ("article page (page cache off)", ARTICLE, {}),
                ("cause page (page cache off)", CAUSE, {}),
                ("search (page cache off)", SEARCH, {}),
                ("static file (phase 2)", static[1], {}),
            ],
        )
    finally:
        server.stop()
    return uncached


def report(env, info, cached, uncached, burst, done):
    # Each phase's pages are compared with the static file measured in the same phase.
    for phase in (cached, uncached):
        static_rps = next((result["rps"] for result in phase if result["label"].startswith("static file")), 0)
        for result in phase:
            result["ratio"] = result["rps"] / static_rps if static_rps else 0.0
    results = cached + uncached
    verdicts = check_targets(results)
    failures = [result for result in results + burst if result["non_2xx"] or result["socket_errors"]]
    burst_text = ""
    if burst:
        # Its errors are in its own verdict and table; `failures` above warns about them too.
        burst_text, verdict = burst_report(burst, done)
        verdicts.append(verdict)
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cache = "Redis" if env.get("REDIS_URL") else "local memory (per process)"
    header = (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {info['cpu']}, {info['cores']} cores, {info['memory']}; "
        f"load average at start {info['load_average_at_start']}; {database}, cache {cache}; "
        f"{BULK} extra causes and articles; wrk {THREADS} threads, {CONNECTIONS} connections, "
        f"{ROUNDS} interleaved rounds of {DURATION} s per target (median round shown)"
    )
    text = "\n".join(
        [header, "", table(results) if results else "", "", burst_text, "", "| target | wanted | result |"]
        + ["| --- | --- | --- |"]
        + [f"| {label} | {wanted} | {verdict} |" for label, wanted, verdict in verdicts]
    )
    say("")
    say(text)
    for result in failures:
        say(
            f"WARNING: {result['label']}: {result['non_2xx']} non-2xx answers; "
            f"socket errors: {result['socket_errors']}"
        )
    (RESULTS / "latest.md").write_text(text + "\n")
    (RESULTS / "latest.json").write_text(
        json.dumps(
            {
                "machine": info,
                "database": database,
                "cache": cache,
                "results": results,
                "burst_after_publish": {"results": burst, "publisher": done},
            },
            indent=2,
        )
        + "\n"
    )
    (RESULTS / "latest-wrk-output.txt").write_text("\n".join(RAW_OUTPUT))
    forget_cached_pages(env)
    say(f"\nWritten to {RESULTS / 'latest.md'}, latest.json and latest-wrk-output.txt.")
    # Errors fail the run; so does a missed burst target (errors or p99 there are the point).
    burst_missed = bool(burst) and verdicts[-1][2] == "MISSED"
    return 1 if failures or burst_missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
