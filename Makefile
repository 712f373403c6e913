# The two commands of the README:  make serve  (the city in data/, or the demo while it has
#                                               none, at http://127.0.0.1:8000)
#                                  make test   (the whole suite)
# Each installs what it needs: a virtualenv from requirements.lock, Debian's CJK fonts
# (the plaques embed their glyphs), and for the tests Debian's chromium and poppler's
# pdftoppm (the browser tests never download a browser).
#
# Every Debian package the tests measure with is named here and installed when missing,
# whatever else the machine has: a suite that passes on a fresh machine. Without
# recommends, Chromium comes without fonts-liberation, so no font stands in for the
# Helvetica and Arial of Material's font stack, and Chromium draws our pages (lang zh)
# entirely in Noto Sans CJK SC, digits and Latin letters included: that is the font the
# chart tests measure with. fonts-dejavu-core, which fontconfig would pull in anyway, is
# named for the TrueType outlines the plaque tests convert (Noto CJK's are CFF).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

FONT_PACKAGES    := fonts-noto-cjk fonts-dejavu-core fontconfig  # fc-match finds them
BROWSER_PACKAGES := chromium poppler-utils  # pdftoppm, pdftotext, pdffonts, pdfinfo
VENV_PACKAGES    := python3-venv  # `python3 -m venv` on Debian

# apt-get install those of the packages $(1) that dpkg does not list as installed
define apt_install
missing=$$(for package in $(1); do \
		dpkg-query -W -f='$${db:Status-Status}' $$package 2>/dev/null | grep -qx installed \
			|| echo $$package; done); \
	if [ -n "$$missing" ]; then \
		echo "installing $$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
			$$missing; \
	fi
endef

.PHONY: serve build check test fonts browser bench lighthouse clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || { $(call apt_install,$(VENV_PACKAGES)); }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

serve: $(STAMP) fonts
	$(BIN)/showcase serve

build: $(STAMP) fonts
	$(BIN)/showcase build

check: $(STAMP) fonts
	$(BIN)/showcase check

fonts:
	@$(call apt_install,$(FONT_PACKAGES))

browser: fonts
	@$(call apt_install,$(BROWSER_PACKAGES))

test: $(STAMP) browser
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/build_benchmark.py

# Lighthouse's mobile figures for the home, a point and the map page, at the demo and at
# 1,000 points: printed, never asserted (benchmarks/lighthouse_benchmark.py). Lighthouse
# is pinned in benchmarks/package-lock.json and runs Debian's Chromium (CHROME_PATH).
LIGHTHOUSE := benchmarks/node_modules/.bin/lighthouse
$(LIGHTHOUSE): benchmarks/package.json benchmarks/package-lock.json
	@command -v npm >/dev/null || { $(call apt_install,nodejs npm); }
	cd benchmarks && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

lighthouse: $(STAMP) browser $(LIGHTHOUSE)
	$(BIN)/python benchmarks/lighthouse_benchmark.py

clean:
	rm -rf site .site.staging .site.old benchmarks/out .cache
