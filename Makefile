# Two commands a reader needs: `make serve` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
# What a target needs is installed side by side (pip, npm, apt-get): a fresh `make test` waits
# for the slowest of them, not for their sum. Only when one target is asked for: `make clean test`
# must remove the venv before it is made again, not while.
ifeq ($(words $(MAKECMDGOALS)),1)
MAKEFLAGS += --jobs=3
endif

.PHONY: serve test test-code build outputs weights browser clean

# The Python environment: torch pinned exactly (requirements.txt), the package in editable mode.
# pip byte-compiles every package (20 s of the 43): where the environment sets
# PYTHONDONTWRITEBYTECODE, a module without bytecode is compiled again by every process that
# imports it, and the cold build took 43 s instead of 31 s with only the modules of an import of
# torch, mkdocs, Jupyter and pytest compiled ahead.
$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# KaTeX, served by the site itself.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: $(VENV)/.installed node_modules/.installed
	@echo "Serving all four languages at http://$(HOST)/ (es), /ja/, /af/, /ko/"
	PYTHONDONTWRITEBYTECODE=1 $(BIN)/mkdocs serve --dev-addr $(HOST)

# Debian's chromium-headless-shell and fonts-noto-cjk for the browser tests (apt-get when run as root).
browser:
	@tools/install_browser.sh

# Test workers (pytest-xdist, one per core; tests/conftest.py schedules the costly files whole on
# one worker); the slowest tests are listed at the end.
test: $(VENV)/.installed node_modules/.installed browser
	$(BIN)/python -m pytest -n auto

# The package and snippet tests alone (no site, no browser), every snippet under every CPU
# configuration this processor has: what CI also runs on ARM Linux and macOS.
test-code: $(VENV)/.installed
	$(BIN)/python -m pytest -n auto tests/package tests/snippets tests/test_random_state.py

build: $(VENV)/.installed node_modules/.installed
	$(BIN)/mkdocs build --strict

# Rewrite every snippets/*/*.out from a fresh interpreter per example.
outputs: $(VENV)/.installed
	$(BIN)/python -m tools.snippets --write

# What a first visit of each page transfers, and its load time; exits 1 over budget.
weights: $(VENV)/.installed node_modules/.installed browser
	$(BIN)/python -m tools.page_weight

clean:
	rm -rf site $(VENV) node_modules
