# Briefbot: every target runs from the project's own virtualenv in .venv.
# Needs only python3 and make; pip uses whatever index and wheel cache the machine configures.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= ../shared/data/cnndm/validation.jsonl
# A stamp is touched after an install, so pip runs again only when pyproject.toml is newer.
STAMP := $(VENV)/.briefbot-install.stamp
DEV_STAMP := $(VENV)/.briefbot-install-dev.stamp

.PHONY: demo test lint bench evaluate constraints clean

demo: $(STAMP)
	$(BIN)/briefbot demo

test: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -q

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(DEV_STAMP)
	$(BIN)/python -m summarizer.bench $(DATA)

evaluate: $(DEV_STAMP)
	$(BIN)/python -m summarizer.evaluate $(DATA)

# The pinned versions the Dockerfile installs: pyproject.toml's ranges resolved in a fresh
# virtualenv, the way the image installs them.
constraints:
	rm -rf build/constraints-venv
	$(PYTHON) -m venv build/constraints-venv
	build/constraints-venv/bin/python -m pip install --no-cache-dir .
	{ grep '^#' config/constraints.txt; \
	  build/constraints-venv/bin/python -m pip freeze --exclude briefbot; } > config/constraints.txt.new
	mv config/constraints.txt.new config/constraints.txt
	rm -rf build/constraints-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e .
	touch $@

# The dev extras include the package itself, so this install satisfies $(STAMP) too.
$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[dev]'
	touch $@ $(STAMP)

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache $(STAMP) $(DEV_STAMP)
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
