# yusuan — two commands do everything: `make report` and `make test`.  `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# matplotlib's font cache lives in the project so the first notebook run prints nothing to stderr.
export MPLCONFIGDIR := $(CURDIR)/.cache/matplotlib
export PYTHONDONTWRITEBYTECODE := 1
# The notebooks' kernel "python3" is the venv's own (installed below), even if the user has another one.
export JUPYTER_PREFER_ENV_PATH := 1

RAW := $(sort $(wildcard data/raw/*.pdf))

.PHONY: help setup report test test-fast extract audit benchmark quality notebooks lock env-yml clean distclean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-11s %s\n", $$1, $$2}'

# The venv is rebuilt when the pins or the package metadata change (stale against the pins).
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "yusuan needs Python 3.11, found " + sys.version.split()[0] + " at $(PYTHON)")'
	@if [ -d $(VENV) ] && [ ! -x $(BIN)/python ]; then rm -rf $(VENV); fi
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name 'Python 3 (yusuan)' >/dev/null
	@mkdir -p $(MPLCONFIGDIR) && $(BIN)/python -c 'import yusuan.present.style as s; s.use()'
	@touch $(STAMP)

setup: $(STAMP) ## create/refresh .venv from requirements.lock (done by report/test anyway)

report: $(STAMP) ## set up, then extract, fact-check and chart every bundled disclosure in data/raw/
	$(BIN)/yusuan report $(RAW)

test: $(STAMP) ## set up, then run every test: unit tests, real-document tests and nbval on notebooks/
	$(BIN)/python -m pytest tests
	$(BIN)/python -m pytest --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

test-fast: $(STAMP) ## unit tests only (skips the slow real-document extraction tests)
	$(BIN)/python -m pytest tests -m "not slow"

extract: $(STAMP) ## only extract the bundled disclosures' tables into data/processed/
	$(BIN)/yusuan extract $(RAW)

audit: $(STAMP) ## only fact-check the bundled disclosures (claims.csv, findings.csv)
	$(BIN)/yusuan audit $(RAW)

notebooks: $(STAMP) ## re-execute notebooks/ on the sample and commit-ready outputs (after changing lib/)
	$(BIN)/python -m yusuan.runner --refresh-notebooks

benchmark: $(STAMP) ## time extraction against camelot's defaults (prints ratios)
	$(BIN)/python benchmarks/extract.py

CORPUS ?= data/raw
QUALITY_JSON ?= reports/quality/$(notdir $(abspath $(CORPUS))).json
quality: $(STAMP) ## quality benchmark on unseen PDFs, no labels needed (CORPUS=DIR, default data/raw; JSON in reports/quality/)
	$(BIN)/python benchmarks/quality.py $(CORPUS) --json $(QUALITY_JSON)

lock: ## re-resolve the newest versions and rewrite requirements.lock (needs network)
	rm -rf /tmp/yusuan-lock && $(PYTHON) -m venv /tmp/yusuan-lock
	/tmp/yusuan-lock/bin/pip install --quiet --upgrade pip setuptools wheel
	/tmp/yusuan-lock/bin/pip install --quiet -e '.[test]'
	{ sed -n '1,2p' requirements.lock; /tmp/yusuan-lock/bin/pip freeze --all --exclude-editable; } > requirements.lock.new && mv requirements.lock.new requirements.lock
	$(MAKE) env-yml

env-yml: $(STAMP) ## regenerate environment.yml from requirements.lock
	$(BIN)/python -m yusuan.envfile requirements.lock > environment.yml

clean: ## remove generated outputs (data/processed, figures, reports); raw data is kept
	find data/processed reports figures -mindepth 1 -maxdepth 1 ! -name .gitkeep ! -name readme -exec rm -rf {} +

distclean: clean ## also remove the virtual environment and caches
	rm -rf $(VENV) .cache .pytest_cache
