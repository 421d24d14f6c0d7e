# Two commands on a fresh machine: `make run` and `make test`.
# Both create and reuse the project-local virtualenv in .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
REQS := requirements.txt requirements-dev.txt
STAMP := $(VENV)/.installed-$(shell cat $(REQS) | sha1sum | cut -c1-12)
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run test serve lint format editor manage bench audit clean

help:
	@echo "make run     set up .venv, migrate, load starter content, serve on http://$(HOST):$(PORT)"
	@echo "make test    run the whole test suite"
	@echo "make serve   gunicorn with production settings (2 workers, $(HOST):$(PORT))"
	@echo "make editor  create an admin login for a clinical editor"
	@echo "make manage ARGS=\"review_report\"  any manage.py command, local settings (DEBUG on, SQLite)"
	@echo "make lint    ruff check and format check"
	@echo "make bench   load-test the pages against a static file (see docs/performance.md)"
	@echo "make audit   Lighthouse (mobile) on five pages, every score must be 100 (see docs/testing.md)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python $(REQS)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# Local development: DEBUG on, SQLite in db.sqlite3 (git-ignored).
run: export DEBUG ?= true
# runserver starts a thread per request: kept connections would pile up (one per
# thread) on PostgreSQL, so each request closes its own.
run: export DATABASE_CONN_MAX_AGE ?= 0
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_starter_content
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Production settings. With no TLS proxy in front locally, the HTTPS redirect is
# off unless you set SECURE_SSL_REDIRECT=true; a local secret key is kept in
# .secret_key (git-ignored) unless SECRET_KEY is set.
serve: export SECURE_SSL_REDIRECT ?= false
serve: install .secret_key
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" $(MANAGE) migrate --noinput
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" $(MANAGE) load_starter_content
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" $(MANAGE) collectstatic --noinput --verbosity 0
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" $(BIN)/gunicorn spotting_site.wsgi \
		--workers 2 --bind $(HOST):$(PORT) --access-logfile - --forwarded-allow-ips 127.0.0.1 \
		--limit-request-fields 50 --timeout 30 --no-control-socket

.secret_key:
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

# An admin login for a clinical editor or approver; it asks for a name, the
# role and a password (no default passwords exist).
editor: export DEBUG ?= true
editor: install
	$(MANAGE) migrate --noinput
	$(MANAGE) create_editor

# Any manage.py command with the local development settings (DEBUG on, so no
# SECRET_KEY is needed; SQLite in db.sqlite3 unless DATABASE_URL is set), e.g.
# make manage ARGS="review_report". The command's exit code is kept.
manage: export DEBUG ?= true
manage: install
	$(MANAGE) $(ARGS)

# Load test (docs/performance.md): gunicorn with production settings against wrk,
# each page beside a static file of the same size. Needs Debian's `wrk`.
bench: install
	$(BIN)/python benchmarks/run.py

# Lighthouse (docs/testing.md): gunicorn with production settings, Debian's Chromium,
# lighthouse and puppeteer-core from benchmarks/lighthouse/package-lock.json (npm ci).
# Exit code: 0 every score 100, 1 a score below 100, 2 could not run.
audit: install
	$(BIN)/python benchmarks/lighthouse/audit.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache test-artifacts
