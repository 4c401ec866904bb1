# Cocreatie: `make run` serves the app, `make test` runs every test.
# Both set up everything they need on a fresh machine (venv, packages, Chromium, Pango).

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Django 6 needs Python 3.12+: the first interpreter that really runs, on the PATH or under pyenv.
PYTHON_BOOT := $(shell for p in python3.13 python3.12 python3 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1 && { command -v $$p || echo $$p; } && break; \
	done)
STAMP := $(VENV)/.installed
SYSTEM_STAMP := var/.system-packages

# Translations: locale/<lang>/LC_MESSAGES/django.po is the source (edit it, e.g. in Poedit);
# `make messages` adds new strings from the code to the English catalogue and compiles.
# locale/nl only overrides a few of Django's own Dutch texts: never run makemessages for nl.
messages: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=deploy
	$(MAKE) compilemessages

# The *.mo files are not in git: compiled from the .po files (skipped when up to date).
# compilemessages needs GNU gettext's msgfmt.
compilemessages: $(STAMP)
	@command -v msgfmt >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get install -y -qq gettext >/dev/null || { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq gettext >/dev/null; }; }
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=var -v 0

.PHONY: messages compilemessages run test test-fast lint bench stack stack-down clean help

help:
	@echo "make run    start the app on http://127.0.0.1:$(PORT) with demo data"
	@echo "make test   run all tests (unit, browser, lint)"
	@echo "make stack  the production shape on loopback: PostgreSQL, Redis, 2 gunicorn processes, nginx"
	@echo "make stack-down  stop it and drop its database"

$(PY):
	@if [ -z "$(PYTHON_BOOT)" ]; then \
	  echo "Python 3.12 of nieuwer is nodig (Django 6). Installeer het, bijvoorbeeld 'pyenv install 3.13', en probeer opnieuw." >&2; exit 1; fi
	$(PYTHON_BOOT) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[test]'
	touch $(STAMP)

# Debian packages: WeasyPrint's Pango, Chromium for browser tests, poppler for PDF checks,
# gettext for compilemessages.
$(SYSTEM_STAMP):
	@mkdir -p var
	@missing=""; \
	for pkg in libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core chromium poppler-utils nginx fonts-noto-color-emoji gettext; do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	touch $(SYSTEM_STAMP)

install: $(STAMP) $(SYSTEM_STAMP)
	$(MAKE) compilemessages

run: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py inhoud_laden
	DJANGO_DEBUG=1 $(PY) manage.py demo
	@echo ""
	@echo "Cocreatie draait op http://127.0.0.1:$(PORT)/  (stoppen: Ctrl+C)"
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run -v 0
	$(VENV)/bin/pytest -p no:cacheprovider $(PYTEST_ARGS)

test-fast: compilemessages
	$(VENV)/bin/pytest -m "not e2e and not stack" -q $(PYTEST_ARGS)

bench: install
	@command -v wrk >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get install -y -qq wrk >/dev/null || { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; }; }
	$(PY) -m bench

clean:
	rm -rf $(VENV) var/.system-packages

# The production shape on this machine, loopback only (deploy/stack.py, deploy/README.md):
# a fresh PostgreSQL database (STACK_POSTGRES, default postgres://postgres@127.0.0.1:5432),
# Redis when it runs, two gunicorn processes, nginx in front on a free port from 8180.
stack: install
	$(PY) deploy/stack.py up --demo

stack-down:
	@if [ -x $(PY) ]; then $(PY) deploy/stack.py down; fi
