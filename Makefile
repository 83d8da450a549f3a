# The two commands of the README.  Both work on a fresh machine: they create .venv and install.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.docgen-installed

.PHONY: run test bench

run: $(STAMP)
	$(BIN)/docgen init-db
	$(BIN)/docgen ingest --quiet corpus/docs
	$(BIN)/docgen show
	$(BIN)/docgen serve --host 127.0.0.1 --port 5000

test: $(STAMP)
	bash scripts/setup-postgres.sh
	bash scripts/setup-browser.sh
	$(BIN)/python -m pytest -q -ra

# Speed, scaling, memory and white-paper figures (bench/README.md); e.g. BENCH_ARGS="--n 200 --json /tmp/bench.json".
bench: $(STAMP)
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)
