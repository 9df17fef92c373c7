# newsdesk: `make run` installs and runs the pipeline on data/raw; `make test` runs the suite.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Prefect writes to ~/.prefect and phones home unless told otherwise (STACK_NOTES).
export PREFECT_HOME ?= $(CURDIR)/.prefect
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 90

.PHONY: install run test bench eval clean
install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask,build]'
	touch $(STAMP)

run: install
	$(BIN)/newsdesk run --raw-dir data/raw --out-dir data/curated

test: install
	PREFECT_LOGGING_LEVEL=WARNING $(BIN)/pytest

# make bench BENCH_ARGS="--n 4000" for a quick run; the default is N = 20k and 100k (see BENCHMARKS.md).
bench: install
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf data/curated/* .prefect .pytest_cache
