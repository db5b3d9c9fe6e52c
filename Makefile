# The README's two set-up commands: `make demo` and `make test`.
# Both create .venv when it is missing and install what they need into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  := kg-store
OUT    := out

.PHONY: demo test lint typecheck pytest bench screenshot clean notebook

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps so that `make` reinstalls only when pyproject.toml changes.
$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.runtime

demo: $(VENV)/.runtime
	@mkdir -p $(OUT)
	$(BIN)/kg build examples --store $(STORE) --out $(OUT)/graph.trig
	$(BIN)/kg rank --store $(STORE) --all --top 10
	$(BIN)/kg viz --store $(STORE) --out $(OUT)/graph.html

# The walkthrough in JupyterLab (installed into .venv the first time).
$(VENV)/.notebook: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[notebook]'
	@touch $@

notebook: $(VENV)/.notebook
	$(BIN)/jupyter lab notebooks/walkthrough.ipynb

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev
	$(BIN)/mypy

pytest: $(VENV)/.dev
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

bench: $(VENV)/.dev
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/queries.py
	$(BIN)/python benchmarks/analytics.py
	$(BIN)/python benchmarks/viz.py
	$(BIN)/python benchmarks/big_input.py

# the README's pictures: the browser tests photograph the real corpus's graph (the
# BBC politics articles of ../shared/data) and the examples' graph
screenshot: $(VENV)/.dev
	$(BIN)/pytest -q tests/test_viz.py -k "photographed or real_corpus"
	mkdir -p docs && cp $(OUT)/screenshots/examples.png docs/graph.png
	cp $(OUT)/screenshots/politics.png docs/politics.png

clean:
	rm -rf $(STORE) $(OUT) .pytest_cache .mypy_cache .ruff_cache
