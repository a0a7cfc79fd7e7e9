# coprod: `make run` opens the app on a demo network; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test fuzz bench snapshots clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]' --config-settings editable_mode=compat
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/coprod demo --if-missing
	$(BIN)/coprod

# Two workers to a core (at most 8): a screen test spends half its time waiting for the app to settle.
# Each worker starts its own PostgreSQL server if it needs one.
WORKERS ?= $(shell $(PYTHON) -c "import os; print(min(8, 2 * (os.cpu_count() or 1)))")
test: $(STAMP)
	$(BIN)/python -m pytest -q -n $(WORKERS)

# Many new random examples of the sync convergence test, on both kinds of store.
fuzz: $(STAMP)
	COPROD_CONVERGE_EXAMPLES=500 $(BIN)/python -m pytest -q -n 2 tests/store/test_sync_converge.py \
		--hypothesis-profile=fuzz --hypothesis-show-statistics

snapshots: $(STAMP)
	$(BIN)/python -m pytest -q tests/tui --snapshot-update

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache
