# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench bench-push eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/notesbot run

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/notesbot eval ../shared/eval/dev_seed.jsonl

bench: $(STAMP)
	$(BIN)/notesbot bench --corpus ../shared/corpora/docker_practice

bench-push: $(STAMP)
	$(BIN)/python -m tests.telegram.bench_push

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .benchmarks
