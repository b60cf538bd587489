# pipdash: `make demo` serves the demo; `make test` runs the tests (add DATABASE_URL for PostgreSQL).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)

.PHONY: install system-packages demo test lint fixtures assets

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP) system-packages

# Debian packages the project needs: chromium for the browser tests. Installed when missing and we may.
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation
system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing Debian packages:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; fi; \
	fi

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "pipdash is at http://127.0.0.1:$(PORT)/ (sign in as lincs-scrutiny, password pipdash-demo)"
	# The task runner (large imports, PDFs, reminders) beside the web server, stopped with it.
	$(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(PY) -m ruff check .
	# The layers in README's "Where the code lives", as import-linter contracts (pyproject.toml).
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run
	# Live-server threads would keep PostgreSQL connections open past the test run and block its teardown.
	DB_CONN_MAX_AGE=0 $(PY) -m pytest -n 2 --dist loadfile

lint: install
	$(PY) -m ruff check .

# Rebuild fixtures/ from ../shared/data (councils, Ofsted history, official workforce figures, neighbours).
fixtures: install
	$(PY) manage.py build_fixtures --shared ../shared
	$(PY) manage.py build_official_fixtures --shared ../shared

# Rebuild static/css/pipdash.css from static/src (needs npm; the built file is committed).
assets:
	bash static/src/build.sh
