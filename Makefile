# Two commands for everyone: `make lab` opens the course (your own copy, in my-course/), `make test` runs every test.
# Each creates .venv when it is missing and reinstalls only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
RUFF   := $(VENV)/bin/ruff
PORT   ?= 8888
APP_PORT ?= 8866
HUB_PORT ?= $(if $(COURSE_HUB_PORT),$(COURSE_HUB_PORT),8000)
HUB_DIR  ?= $(shell bash deploy/hub/hub-dir.sh)
PYTEST_ARGS ?=
# make test runs the tests on three workers (pytest-xdist): on two cores the browser and server tests spend
# much of their time waiting, so a third worker finishes sooner (measured: 8 min 20 s of tests on two workers,
# 7 min 38 s on three, 1,829 tests). Tests that share a slow server stay on one worker (the root conftest.py
# says which). TEST_WORKERS=0 runs them in one process.
TEST_WORKERS ?= 3
XDIST := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS))
# nbval on the notebooks in the environment installed here. A kernel gets three minutes to start, not nbval's
# one: on two busy cores (a hub, JupyterLab and Chromium running beside it) one has been seen to need more.
NBVAL := --nbval-lax --nbval-current-env --nbval-kernel-startup-timeout=180

.PHONY: help lab lab-instructor test hub-early lint format unit notebooks browser validate chromium node bench screenshots app site html lite hub hub-service clean

help:
	@echo "make lab          open your own copy of the course in JupyterLab (http://127.0.0.1:$(PORT)), in my-course/"
	@echo "make lab-instructor  the whole course folder in JupyterLab: full notebooks with instructor notes, data/, docs/"
	@echo "make test         ruff, unit tests, nbval on every notebook, and the real-browser tests"
	@echo "make hub-early    make test's first step: as root, start installing the seminar hub in the background"
	@echo "make lint         ruff check and ruff format --check (the first step of make test)"
	@echo "make format       fix what ruff can fix, and format the code"
	@echo "make unit         unit tests only (no browser)"
	@echo "make notebooks    nbval on every notebook"
	@echo "make browser      the real-browser tests only"
	@echo "make screenshots  screenshots of every notebook and exercise type, light and dark, in artifacts/screenshots/"
	@echo "make validate     check the content in data/ (for instructors editing YAML)"
	@echo "make app          the course as a self-study web app (Voila at http://127.0.0.1:$(APP_PORT), no code shown)"
	@echo "make site         the course as a static website in build/site/ and build/course-site.zip (works offline)"
	@echo "make html         the same as make site: the site's pages are the printable handouts"
	@echo "make lite         a JupyterLite site in build/lite/ (built offline; learners need a connection)"
	@echo "make hub          a JupyterHub for a seminar on this machine (http://127.0.0.1:$(HUB_PORT)); prints how to log in"
	@echo "make hub-service  the same hub as a systemd service that starts at boot (as root; settings in /etc/jane-susan-course-hub.env)"
	@echo "make bench        speed against the platform's own floors, measured in one run"
	@echo "make chromium     install Debian's chromium for the browser tests (as root), or say why not"
	@echo "make node         install node for the site's scoring tests (as root), or say why not"
	@echo "make clean        remove .venv, build/, artifacts/ and the pytest cache"

$(PY):
	$(PYTHON) -m venv $(VENV)

LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d
# What the `test` extra installs too, so its stamp also stands for these.
COVERED_BY_TEST := lab app site lite

# One rule for every install stamp: .venv/.installed-<extra> installs the course with that extra from
# pyproject.toml (`lab` is the plain runtime install); the stamp is newer than pyproject.toml until it
# changes. pip's output goes to $(INSTALL_LOG), shown only when the install fails (its warnings worry
# people who do not program). The course's JupyterLab defaults go where JupyterLab reads them (an
# editable install skips data files).
INSTALL_LOG := $(VENV)/install.log
$(VENV)/.installed-%: pyproject.toml jupyter-config/lab-settings/jane-susan-course.json | $(PY)
	@echo "Installing the course's Python packages into $(VENV) ($*; the first time takes a few minutes)..."
	@{ $(PIP) install --quiet --upgrade pip && $(PIP) install --quiet -e '.$(if $(filter lab,$*),,[$*])'; } \
		>$(INSTALL_LOG) 2>&1 || { cat $(INSTALL_LOG) >&2; echo "make: installing the course failed (above; also in $(INSTALL_LOG))." >&2; exit 1; }
	@mkdir -p $(LAB_OVERRIDES) && cp jupyter-config/lab-settings/jane-susan-course.json $(LAB_OVERRIDES)/
	@touch $@ $(if $(filter test,$*),$(foreach extra,$(COVERED_BY_TEST),$(VENV)/.installed-$(extra)))

lab: $(VENV)/.installed-lab
	$(PY) -m course lab --port $(PORT)

lab-instructor: $(VENV)/.installed-lab
	$(PY) -m course lab --instructor --port $(PORT)

validate: $(VENV)/.installed-lab
	$(PY) -m course validate

chromium:
	@bash tools/ensure-chromium.sh

node:
	@bash tools/ensure-node.sh

lint: $(VENV)/.installed-test
	@$(RUFF) check . || { echo "make lint: ruff check found the problems above. '$(RUFF) check --fix .' (or make format) fixes most." >&2; exit 1; }
	@$(RUFF) format --check . || { echo "make lint: the files above are not formatted. Run '$(RUFF) format .' (or make format)." >&2; exit 1; }

format: $(VENV)/.installed-test
	$(RUFF) check --fix .
	$(RUFF) format .

# make test's first step, as root: the seminar hub's install (what `make hub` runs first) starts in the
# background, so it runs beside the course's own install and the first tests instead of before the hub tests.
# deploy/hub/install.sh takes a lock: the hub tests wait for it to finish, then run it again (quick), so a
# failed install is reported there. Its output goes to $(HUB_DIR)/install-early.log.
hub-early:
	@if [ "$$(id -u)" = 0 ] && [ -x /usr/bin/python3 ] && command -v npm >/dev/null; then \
		mkdir -p "$(HUB_DIR)" && HUB_DIR="$(HUB_DIR)" setsid bash deploy/hub/install.sh \
			>"$(HUB_DIR)/install-early.log" 2>&1 </dev/null & \
	fi

test: hub-early lint chromium node
	$(PY) -m pytest $(XDIST) tests notebooks $(NBVAL) $(PYTEST_ARGS)

unit: $(VENV)/.installed-test node
	$(PY) -m pytest $(XDIST) tests -m "not browser" $(PYTEST_ARGS)

notebooks: $(VENV)/.installed-test
	$(PY) -m pytest $(XDIST) notebooks $(NBVAL) $(PYTEST_ARGS)

browser: $(VENV)/.installed-test chromium
	$(PY) -m pytest $(XDIST) tests -m browser $(PYTEST_ARGS)

# Screenshots only: every notebook run (artifacts/screenshots/<notebook>.png), every exercise type
# answered (artifacts/screenshots/exercises/<type>.png), notebook 03's timeline in both themes
# (artifacts/screenshots/03_timeline.png, dark/03_timeline.png) and every exercise type in the dark
# theme (artifacts/screenshots/dark/exercises/<type>.png), from the tests marked `screenshots`.
# The tests save them only when COURSE_SCREENSHOTS=1 (make test runs the same checks without them).
screenshots: $(VENV)/.installed-test chromium
	COURSE_SCREENSHOTS=1 $(PY) -m pytest tests/browser -m screenshots $(PYTEST_ARGS)

# Performance figures against floors measured in the same run; writes bench/results.json.
bench: $(VENV)/.installed-test chromium
	$(PY) bench/run.py

# ---------------------------------------------------------------- beyond the local lab
app: $(VENV)/.installed-app
	$(PY) -m course app --port $(APP_PORT)

site: $(VENV)/.installed-site
	$(PY) -m course site

html: site

lite: $(VENV)/.installed-lite
	$(PY) -m course lite

# The seminar hub: JupyterHub (PyPI) and configurable-http-proxy (npm) installed into $(HUB_DIR), in a venv
# made from Debian's /usr/bin/python3; then the exchange is set up, the address and how to log in are printed,
# and the hub starts on 127.0.0.1. As root it uses system accounts; COURSE_HUB_MODE=demo needs none.
# Every setting is a COURSE_HUB_* variable, documented at the top of deploy/hub/jupyterhub_config.py.
hub:
	@HUB_DIR=$(HUB_DIR) bash deploy/hub/install.sh
	COURSE_HUB_DIR=$(HUB_DIR) COURSE_HUB_PORT=$(HUB_PORT) $(HUB_DIR)/venv/bin/python -m course.delivery.hub

# The same hub as the systemd service jane-susan-course-hub (deploy/hub/jane-susan-course-hub.service).
hub-service:
	@HUB_DIR=$(HUB_DIR) bash deploy/hub/install-service.sh

clean:
	rm -rf $(VENV) artifacts build .pytest_cache
