# Parlance — every task a person or CI runs. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
MANAGE := $(BIN)/python manage.py
LANGUAGES := it fr es ar
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/parlance
STAMP := $(VENV)/.installed
# The uv that installs uv.lock is the one the lock pins.
UV_VERSION = $(shell sed -n '/^name = "uv"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' uv.lock)
# What a task needs from the machine, checked before any work (tools/prerequisites.py):
# installed when you are root, else the command that installs it is printed.
NEEDS := python
# pytest-xdist workers: one more than the cores, since a worker often waits (on Chromium, a
# live server, a gunicorn host, PostgreSQL); WORKERS=0 runs the tests in pytest's own process.
WORKERS ?= $(shell $(PYTHON) -c 'import os; print(len(os.sched_getaffinity(0)) + 1)')
PYTEST := $(BIN)/pytest -n $(WORKERS)
TOPOLOGY_PORT ?= 8080
TOPOLOGY_APP_PORT ?= 8000
TOPOLOGY_REDIS_URL ?= redis://127.0.0.1:6379/0

.DEFAULT_GOAL := help
.PHONY: help prerequisites install lock upgrade browser run dev topology test test-fast test-postgres lint format messages compile-messages migrate collectstatic clean bench bench-editor bench-page-editor worker soak backup restore

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

prerequisites:
	@$(PYTHON) tools/prerequisites.py --install $(NEEDS)

$(UV): | prerequisites
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --extra dev
	@touch $@

install: $(STAMP) ## Create .venv with exactly the versions in uv.lock (when it or pyproject.toml changed)

lock: $(UV) ## Update uv.lock after editing the dependencies in pyproject.toml (others stay put), and install it
	$(UV) lock
	$(MAKE) install

upgrade: $(UV) ## Move uv.lock to the newest versions pyproject.toml allows, install them, run the suite
	$(UV) lock --upgrade
	$(MAKE) test

migrate: install ## Apply migrations (also creates locales, the site and its home pages)
	$(MANAGE) migrate --noinput

compile-messages: install ## Compile the UI catalogues in locale/ (pure Python, no GNU gettext)
	$(MANAGE) compile_catalogues

collectstatic: install ## Collect, fingerprint and compress static files into var/static
	$(MANAGE) collectstatic --noinput --verbosity 0

run: export DJANGO_SETTINGS_MODULE = site_core.settings.dev
run: export DEBUG = false
run: migrate compile-messages collectstatic ## Run the site with demo content on http://127.0.0.1:8000 (gunicorn, SQLite)
	$(MANAGE) load_demo_content
	@echo "Parlance is serving on http://127.0.0.1:8000/ (admin: /admin/). Stop with Ctrl+C."
	$(MANAGE) run_scheduler & trap 'kill $$!' EXIT; $(BIN)/gunicorn --config gunicorn.conf.py

dev: export DJANGO_SETTINGS_MODULE = site_core.settings.dev
dev: export DEBUG = true
dev: migrate compile-messages ## Run Django's development server with DEBUG on (and the scheduler)
	$(MANAGE) run_scheduler & trap 'kill $$!' EXIT; $(MANAGE) runserver 127.0.0.1:8000


# The production topology on this machine: production settings, PostgreSQL (POSTGRES_URL or
# DATABASE_URL; the database is created if missing), Redis (TOPOLOGY_REDIS_URL or REDIS_URL),
# a fresh secret key on each start unless SECRET_KEY is set, and plain HTTP on 127.0.0.1 (no
# TLS here, so no HTTPS redirect). nginx on TOPOLOGY_PORT, gunicorn on TOPOLOGY_APP_PORT.
topology: export DJANGO_SETTINGS_MODULE = site_core.settings.production
topology: export DATABASE_URL ?= $(POSTGRES_URL)
topology: export REDIS_URL ?= $(TOPOLOGY_REDIS_URL)
topology: export SECRET_KEY ?= $(shell $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))")
topology: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
topology: export SITE_BASE_URL ?= http://127.0.0.1:$(TOPOLOGY_PORT)
topology: export SECURE_SSL_REDIRECT ?= false
topology: NEEDS := python nginx
topology: prerequisites install compile-messages ## Run nginx, gunicorn, the worker and the scheduler on http://127.0.0.1:8080 (PostgreSQL, Redis)
	$(BIN)/python -m site_core.topology.database
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) run_topology --port $(TOPOLOGY_PORT) --app-port $(TOPOLOGY_APP_PORT)

worker: export TASKS_BACKEND = database
worker: migrate ## Run the background task worker (translation syncs, search indexing, renditions)
	$(MANAGE) db_worker --no-reload

browser: NEEDS := browser
browser: prerequisites ## Find Chromium or Chrome for the browser tests (CHROMIUM=… chooses), or install it

test: NEEDS := python browser
test: prerequisites install compile-messages ## Run the whole suite, every tier, in parallel (SQLite unless DATABASE_URL is set)
	$(PYTEST) $(PYTEST_ARGS)

test-fast: install compile-messages ## The inner loop: unit and database tests, no browser or gunicorn (PYTEST_ARGS=…)
	$(PYTEST) -m "unit or db" $(PYTEST_ARGS)

bench: NEEDS := python wrk browser
bench: prerequisites install compile-messages ## Measure speed and memory with wrk against gunicorn, and the page editor in Chromium; writes docs/benchmarks.md
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.page_editor

bench-page-editor: NEEDS := python browser
bench-page-editor: prerequisites install compile-messages ## Time the page editor (open, save draft) for 1 and 1,200 transcript turns in Chromium
	$(BIN)/python -m benchmarks.page_editor

bench-editor: NEEDS := python browser
bench-editor: prerequisites install compile-messages ## Time the translation editor and review mode for 60 and 400 turns in Chromium
	$(BIN)/python -m benchmarks.translation_editor

soak: NEEDS := python wrk
soak: prerequisites install compile-messages ## 60 s of wrk at 64 connections on the article, production settings; fails on any error
	$(BIN)/python -m benchmarks.soak

backup: install ## Back up the database and media into var/backups/<UTC time> (or DIR=…), and off the machine if configured
	$(MANAGE) backup_site $(or $(DIR),var/backups/$(shell date -u +%Y%m%d-%H%M%S))

restore: install ## Restore DIR=<backup> (or STORED=<name|latest> from the backup storage) into an empty database (FORCE=1 replaces)
	@test -n "$(DIR)$(STORED)" || { echo "Usage: make restore DIR=<backup directory>|STORED=<name|latest> [FORCE=1]"; exit 2; }
	$(MANAGE) restore_site $(if $(STORED),--from-storage $(STORED),$(DIR)) $(if $(FORCE),--force)

test-postgres: ## Run the whole test suite on PostgreSQL (POSTGRES_URL)
	DATABASE_URL=$(POSTGRES_URL) $(MAKE) test

lint: install ## Check code style (ruff) and the import boundaries between apps (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install ## Format code and fix what ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Refresh locale/*/django.po from the code (needs GNU gettext's xgettext)
	@command -v xgettext >/dev/null || { echo "make messages needs GNU gettext (apt-get install gettext)"; exit 1; }
	$(MANAGE) makemessages --no-obsolete --no-wrap --ignore=.venv --ignore=var --ignore=tests --ignore=benchmarks $(addprefix --locale=,$(LANGUAGES))
	$(MANAGE) compile_catalogues

clean: ## Remove the virtualenv, the local database, collected static files and compiled catalogues
	rm -rf $(VENV) var
	find locale -name '*.mo' -delete
