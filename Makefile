# The two commands of the README.  Both work on a fresh machine: they create .venv and install.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.docgen-installed

.PHONY: run test

run: $(STAMP)
	$(BIN)/docgen init-db
	$(BIN)/docgen ingest --quiet corpus/docs
	$(BIN)/docgen show

test: $(STAMP)
	bash scripts/setup-postgres.sh
	$(BIN)/python -m pytest -q -ra

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)
