# newsdesk: `make run` installs and runs the pipeline on data/raw; `make test` runs the suite.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock

# Prefect's environment (a project-local PREFECT_HOME, no telemetry) is set by newsdesk itself,
# the tests and the benchmark, from newsdesk/settings.py.

.PHONY: install lock run test check-wheel bench bench-real clean
install: $(STAMP)

# The exact versions CI tests (with hashes), then newsdesk itself.
$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# pip 23 (Python 3.11's own) mishandles extras in a hashed lock ('lxml[html-clean]'), so the venv
# gets one pinned pip first; the wheel check still installs the wheel with the stock pip.
PIP_VERSION := 26.3
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet 'pip==$(PIP_VERSION)'

# After changing dependencies in pyproject.toml: pin the newest versions its ranges allow.
# `make lock LOCK_ARGS=--upgrade` moves every pin; without it, pins already in the lock stay.
lock: | $(BIN)/python
	$(BIN)/pip install --quiet 'pip-tools~=7.7'
	$(BIN)/pip-compile --quiet --generate-hashes --no-emit-index-url --no-emit-find-links \
		--extra dev --extra dask --output-file $(LOCK) $(LOCK_ARGS) pyproject.toml

run: install
	$(BIN)/newsdesk run --raw-dir data/raw --out-dir data/curated

test: install
	$(BIN)/pytest

# The wheel, installed by the interpreter's own pip in a fresh venv, runs the quickstart (CI runs it in `make test`).
check-wheel: install
	NEWSDESK_CHECK_WHEEL=1 $(BIN)/pytest tests/packaging

# make bench BENCH_ARGS="--n 4000" for a quick run; the default is N = 20k and 100k (see BENCHMARKS.md).
bench: install
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf data/curated/* .prefect .pytest_cache

# Real pages (../shared/corpus/articles and pages): per-stage CPU, pages/s end to end, trafilatura alone as the peer.
# make bench-real BENCH_REAL_ARGS="--no-run" for the per-stage CPU only.
bench-real: install
	$(BIN)/python scripts/bench_real.py $(BENCH_REAL_ARGS)
