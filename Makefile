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

$(PY):
	$(PYTHON) -m venv $(VENV)

# Runtime install for the lab; the stamp is newer than pyproject.toml until it changes.
$(VENV)/.installed-lab: pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
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
	rm -rf $(VENV) artifacts .pytest_cache
