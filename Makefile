# Everything a newcomer needs: `make demo` and `make test`. Both set up .venv from nothing.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test setup clean

$(STAMP): pyproject.toml webdeps/package.json
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	@# the explorer's map libraries and basemap, from npm packages (webdeps/vendor.py)
	(cd webdeps && npm ci --no-audit --no-fund --silent) && $(PY) webdeps/vendor.py \
	  || echo "warning: no npm; the explorer's map page will say its assets are missing"
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/whimbrel analyze examples/ --format pretty
	$(VENV)/bin/whimbrel ingest examples/ --db demo.db
	@echo ""
	@echo "Stored in demo.db. Explore it:  $(VENV)/bin/whimbrel serve --db demo.db   then open http://localhost:8000/"

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
