# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench bench-scale bench-push eval fit clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/notesbot run

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile

# dev_practice is asked over the default notes and the Docker book side by side
PRACTICE := data/eval/practice
SETS := corpus=../shared/eval/dev_seed.jsonl \
	corpus=tests/search/questions/default_notes.jsonl \
	$(PRACTICE)=../shared/eval/dev_practice.jsonl \
	../shared/corpora/kubernetes_handbook=../shared/eval/dev_k8s.jsonl \
	tests/search/notes/backend=tests/search/questions/backend_notes.jsonl \
	tests/search/notes/course=tests/search/questions/course_notes.jsonl

$(PRACTICE):
	mkdir -p $(PRACTICE)
	ln -sfn ../../../corpus/docker-notes.md $(PRACTICE)/docker-notes.md
	ln -sfn ../../../../shared/corpora/docker_practice $(PRACTICE)/docker_practice

eval: $(STAMP) $(PRACTICE)
	$(BIN)/notesbot eval ../shared/eval/dev_seed.jsonl
	$(BIN)/notesbot eval --corpus $(PRACTICE) ../shared/eval/dev_practice.jsonl
	$(BIN)/notesbot eval --corpus ../shared/corpora/kubernetes_handbook ../shared/eval/dev_k8s.jsonl

fit: $(STAMP) $(PRACTICE)
	$(BIN)/notesbot fit $(SETS)

bench: $(STAMP)
	$(BIN)/notesbot bench --corpus ../shared/corpora/docker_practice --anchor bm25s

# the same at 1x and 8x the Docker book (copies under other folder names, in a temporary folder)
bench-scale: $(STAMP)
	$(BIN)/notesbot bench --corpus ../shared/corpora/docker_practice --anchor bm25s --scale 1,8

bench-push: $(STAMP)
	$(BIN)/python -m tests.telegram.bench_push

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .benchmarks
