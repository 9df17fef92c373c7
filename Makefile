# newsdesk: `make run` installs and runs the pipeline on data/raw; `make test` runs the suite.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Prefect's environment (a project-local PREFECT_HOME, no telemetry) is set by newsdesk itself,
# the tests and the benchmark, from newsdesk/settings.py.

.PHONY: install run test bench bench-real eval clean
install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask,build]'
	touch $(STAMP)

run: install
	$(BIN)/newsdesk run --raw-dir data/raw --out-dir data/curated

test: install
	$(BIN)/pytest

# make bench BENCH_ARGS="--n 4000" for a quick run; the default is N = 20k and 100k (see BENCHMARKS.md).
bench: install
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf data/curated/* .prefect .pytest_cache

# Real pages (../shared/corpus/articles and pages): per-stage CPU, pages/s end to end, trafilatura alone as the peer.
# make bench-real BENCH_REAL_ARGS="--no-run" for the per-stage CPU only.
bench-real: install
	$(BIN)/python scripts/bench_real.py $(BENCH_REAL_ARGS)
