# The two commands a new user needs: `make serve` (the workbench) and `make test` (everything).
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= cifal_workbench.settings

# Python 3.12: on PATH, or (as on the project's machines) only under pyenv. pyenv's shim is on PATH even when
# 3.12 is not its selected version and then fails, so every candidate must actually run.
PYTHON312 := $(shell for candidate in python3.12 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.12*/bin/python3.12 \
	2>/dev/null | sort -rV); do $$candidate -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null \
	&& { command -v $$candidate; break; }; done)

.PHONY: help venv install serve migrate test test-unit test-integration test-browser quality bench course load \
	requirements compile_translations extract_translations clean

help:  ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-22s %s\n", $$1, $$2}'

$(PY):
	@test -n "$(PYTHON312)" || { echo "Python 3.12 not found (on PATH or under pyenv): install it first." >&2; exit 1; }
	$(PYTHON312) -m venv $(VENV)

$(VENV)/.installed: $(PY) requirements/dev.txt setup.py
	$(PIP) install -q -r requirements/dev.txt
	$(PIP) install -q --no-deps -e .
	touch $@

venv: $(VENV)/.installed  ## create .venv with Python 3.12 and install the suite and its tools

install: venv  ## alias of venv

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: axe-core cannot be installed; the browser tests will say so (and fail in CI)."; fi

migrate: venv  ## create or update the workbench's SQLite database under var/
	mkdir -p var
	$(PY) -m django migrate --noinput -v 0

serve: migrate  ## run the workbench with the suite's scenarios on 127.0.0.1:$(PORT)
	@echo "Workbench: http://127.0.0.1:$(PORT)/  (add ?student=staff_1 for a staff user, ?lang=fr or ?lang=es)"
	$(PY) -m django runserver 127.0.0.1:$(PORT)

test: venv node_modules/.installed  ## run every test: unit, workbench integration, browser; the store on MariaDB too
	$(PY) -m pytest
	CIFAL_DATABASE=mysql $(PY) -m pytest tests/results

test-unit: venv  ## the functional core only (fast)
	$(PY) -m pytest tests/unit

quality: venv  ## lint: ruff and pycodestyle (120 columns, as Open edX)
	$(VENV)/bin/ruff check xblocks tests benchmarks scripts setup.py tutor-contrib-cifal
	$(VENV)/bin/pycodestyle xblocks tests benchmarks scripts setup.py tutor-contrib-cifal

course: venv  ## assemble the shipped course from its modules and build its Studio archive (var/cifal-course.tar.gz)
	$(VENV)/bin/cifal-course assemble course_content/courses/local-actors/course.toml -o course_content/course --force
	mkdir -p var
	$(VENV)/bin/cifal-course build course_content/course -o var/cifal-course.tar.gz

load: venv  ## load and faults: gunicorn over its own MariaDB database, 50 learners, a worker killed, MariaDB restarted (var/load/summary.json)
	$(PY) scripts/load/run.py

bench: venv  ## print the benchmarks' figures
	$(PY) -m benchmarks

requirements: venv  ## recompile requirements/*.txt from requirements/*.in
	cd requirements && for f in base test quality dev; do \
		../$(VENV)/bin/pip-compile -q --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
		--output-file=$$f.txt $$f.in; done

extract_translations: venv  ## refresh the English source catalogs from the code
	$(PY) scripts/i18n.py extract

compile_translations: venv  ## compile .po catalogs into .mo files and JS catalogs
	$(PY) scripts/i18n.py compile

clean:  ## remove the virtualenv, the workbench database and caches
	rm -rf $(VENV) var node_modules .pytest_cache .hypothesis build *.egg-info xblocks/*.egg-info
