# Two commands do all the set-up on a fresh machine (Python >= 3.11 required):
#   make demo   - install into .venv, replay generated sources, crawl, link, evaluate, report
#   make test   - install into .venv (with test extras) and run the whole test suite
PYTHON ?= python3
VENV   := .venv
STAMP  := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: demo test install clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("lexwatch needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --upgrade pip
	$(VENV)/bin/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/lexwatch demo

test: $(STAMP) chromium
	$(VENV)/bin/python -m pytest -n auto --durations=25

# The browser tests (tests/test_review_browser.py) drive Debian's Chromium through Playwright,
# never a browser Playwright downloads; the PDF report is printed by the same Chromium and its
# test turns the pages into images and text with poppler-utils (pdftoppm, pdftotext). Installed
# here when missing and apt-get can (as root); otherwise, or if the install fails, those tests
# skip with the reason (LEXWATCH_CHROMIUM points them at another Chromium).
chromium:
	@if { [ ! -x $(CHROMIUM) ] && [ -z "$$LEXWATCH_CHROMIUM" ] || ! command -v pdftoppm >/dev/null 2>&1; } && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's chromium and poppler-utils for the browser and PDF tests" >&2; \
	  log=$$(mktemp); \
	  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium poppler-utils; } >"$$log" 2>&1; then \
	    tail -n 5 "$$log" >&2; echo "warning: chromium or poppler-utils not installed; the browser and PDF tests will be skipped" >&2; \
	  fi; \
	  rm -f "$$log"; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache httpcache
