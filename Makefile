# congdoan: `make run` serves the portal with demo data, `make test` runs every check.
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
export UV_PYTHON_DOWNLOADS := never
export PYTHONDONTWRITEBYTECODE := 1
UV := .tools/bin/uv
PY := .venv/bin/python
MANAGE := $(PY) manage.py

.PHONY: run dev test test-suite lint format check migrate demo translations messages bench clean

.tools/bin/uv:
	PYTHON=$(PYTHON) sh scripts/bootstrap-uv.sh

.venv/.synced: .tools/bin/uv pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

translations: .venv/.synced
	$(MANAGE) compile_translations

migrate: translations
	$(MANAGE) migrate --noinput

run: migrate
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) demo --if-empty
	$(MANAGE) reindex --if-empty
	$(MANAGE) ensure_admin
	@echo "Cổng thông tin: http://$(HOST):$(PORT)/   Trang quản trị: http://$(HOST):$(PORT)/admin/"
	CONGDOAN_BASE_URL=http://$(HOST):$(PORT) .venv/bin/gunicorn congdoan.wsgi:application \
		--pythonpath src --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

dev: migrate
	$(MANAGE) demo --if-empty
	$(MANAGE) reindex --if-empty
	$(MANAGE) ensure_admin
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

lint: .venv/.synced
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: .venv/.synced
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

check: translations
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

test: lint check
	sh scripts/ensure-chromium.sh
	sh scripts/ensure-libreoffice.sh
	sh scripts/ensure-pdf-tools.sh
	$(MAKE) test-suite

test-suite: translations
	.venv/bin/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

messages: .venv/.synced
	cd src/congdoan && ../../$(PY) ../../manage.py makemessages -l en --no-obsolete --no-location

bench: .venv/.synced
	$(PY) bench/tree_figures.py

clean:
	rm -rf .venv .tools var/static

.PHONY: bench-portal
bench-portal: .venv/.synced
	sh scripts/ensure-wrk.sh
	$(PY) bench/portal_pages.py

.PHONY: bench-search
bench-search: .venv/.synced
	sh scripts/ensure-rum.sh
	$(PY) bench/search.py
