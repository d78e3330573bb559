# Two commands for everyone: `make lab` opens the course, `make test` runs every test.
# Each creates .venv when it is missing and reinstalls only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
PORT   ?= 8888
PYTEST_ARGS ?=

.PHONY: lab test unit notebooks browser validate chromium bench screenshots clean help

help:
	@echo "make lab       open the course in JupyterLab (http://127.0.0.1:$(PORT))"
	@echo "make test      unit tests, nbval on every notebook, and the real-browser tests"
	@echo "make validate  check the content in data/ (for instructors editing YAML)"
	@echo "make app       the course as a self-study web app (Voila, no code shown)"
	@echo "make html      executed HTML handouts in build/html/"
	@echo "make lite      a JupyterLite site in build/lite/ (learners need a connection)"
	@echo "make bench     speed against the platform's own floors, measured in one run"

$(PY):
	$(PYTHON) -m venv $(VENV)

LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d

# Runtime install for the lab; the stamp is newer than pyproject.toml until it changes.
# The course's JupyterLab defaults go where JupyterLab reads them (an editable install skips data files).
$(VENV)/.installed-lab: pyproject.toml jupyter-config/lab-settings/jane-susan-course.json | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	mkdir -p $(LAB_OVERRIDES) && cp jupyter-config/lab-settings/jane-susan-course.json $(LAB_OVERRIDES)/
	@touch $@

$(VENV)/.installed-test: pyproject.toml jupyter-config/lab-settings/jane-susan-course.json | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	mkdir -p $(LAB_OVERRIDES) && cp jupyter-config/lab-settings/jane-susan-course.json $(LAB_OVERRIDES)/
	@touch $@ $(VENV)/.installed-lab

lab: $(VENV)/.installed-lab
	$(PY) -m course lab --port $(PORT)

validate: $(VENV)/.installed-lab
	$(PY) -m course validate

chromium:
	@bash tools/ensure-chromium.sh

test: $(VENV)/.installed-test chromium
	$(PY) -m pytest tests notebooks --nbval-lax --nbval-current-env $(PYTEST_ARGS)

unit: $(VENV)/.installed-test
	$(PY) -m pytest tests -m "not browser" $(PYTEST_ARGS)

notebooks: $(VENV)/.installed-test
	$(PY) -m pytest notebooks --nbval-lax --nbval-current-env $(PYTEST_ARGS)

browser: $(VENV)/.installed-test chromium
	$(PY) -m pytest tests -m browser $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) artifacts build .pytest_cache

# Performance figures against floors measured in the same run; writes bench/results.json.
bench: $(VENV)/.installed-test chromium
	$(PY) bench/run.py

# ---------------------------------------------------------------- beyond the local lab
# make app    the course as a self-study web app (Voila at http://127.0.0.1:$(APP_PORT), no code shown)
# make html   executed, self-contained HTML handouts in build/html/
# make lite   a JupyterLite site in build/lite/ (built offline; learners need a connection)
APP_PORT ?= 8866

.PHONY: app html lite

$(VENV)/.installed-app: pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[app]'
	@touch $@

$(VENV)/.installed-html: pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[html]'
	@touch $@

$(VENV)/.installed-lite: pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[lite]'
	@touch $@

app: $(VENV)/.installed-app
	$(PY) -m course app --port $(APP_PORT)

html: $(VENV)/.installed-html
	$(PY) -m course html

lite: $(VENV)/.installed-lite
	$(PY) -m course lite

# Screenshots only: every notebook run (artifacts/screenshots/<notebook>.png) and every exercise
# type answered (artifacts/screenshots/exercises/<type>.png), from the tests marked `screenshots`.
screenshots: $(VENV)/.installed-test chromium
	$(PY) -m pytest tests/browser -m screenshots $(PYTEST_ARGS)
