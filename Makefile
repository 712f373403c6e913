# The two commands of the README:  make serve  (demo site at http://127.0.0.1:8000)
#                                  make test   (the whole suite)
# Each installs what it needs: a virtualenv from requirements.lock, Debian's CJK fonts
# (the plaques embed their glyphs), and for the tests Debian's chromium and poppler's
# pdftoppm (the browser tests never download a browser).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build check test fonts browser bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

serve: $(STAMP) fonts
	$(BIN)/showcase serve

build: $(STAMP) fonts
	$(BIN)/showcase build

check: $(STAMP)
	$(BIN)/showcase check

fonts:
	@if ! command -v fc-match >/dev/null || ! fc-list :lang=zh | grep -q "Noto Sans CJK"; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
			fonts-noto-cjk fontconfig; \
	fi

browser: fonts
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftoppm >/dev/null; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
			chromium poppler-utils; \
	fi

test: $(STAMP) browser
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/build_benchmark.py

clean:
	rm -rf site .site.staging .site.old benchmarks/out .cache
