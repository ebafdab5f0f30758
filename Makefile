# Klantreis Kennisbank: `make site` builds the site and the offline zip, `make test` runs all tests.
# Both create .venv from the locked dependencies when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve check bundle lint bench bench-search lighthouse lock clean browser vendor-cms

# setuptools comes from the lock (pip-compile --all-build-deps), so the package installs without
# a build environment, the first time. Errors still show; pip's warnings (an index location
# from a machine's pip.conf, setuptools' note on editable installs) do not.
PIP_QUIET := --quiet --quiet
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_QUIET) --upgrade "pip>=24"
	$(BIN)/python -m pip install $(PIP_QUIET) --require-hashes -r requirements.lock
	$(BIN)/python -m pip install $(PIP_QUIET) --no-deps --no-build-isolation -e .
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/klantreis schema
	$(BIN)/klantreis build --bundel

serve: $(STAMP)
	$(BIN)/klantreis serve

check: $(STAMP)
	$(BIN)/klantreis check

bundle: $(STAMP)
	$(BIN)/klantreis bundle

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@test -x /usr/bin/chromium || { \
	  echo "Chromium installeren (apt-get) ..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check klantreis macros.py tests benchmarks
	$(BIN)/mypy

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: $(STAMP) browser lint node_modules/.installed
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/scale.py

# Search quality and speed in Chromium: writes benchmarks/search-results.md (about 15 minutes).
bench-search: $(STAMP) browser
	$(BIN)/python benchmarks/search_bench.py

lighthouse: $(STAMP) browser node_modules/.installed
	$(BIN)/python benchmarks/lighthouse.py

# The browser editor (Decap CMS) is vendored from npm into the package: the site and the editor
# never need Node or a CDN. Re-run after changing DECAP_VERSION; commit the folder.
DECAP_VERSION := 3.16.3
DECAP_INTEGRITY := sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==
DECAP_DIR := klantreis/assets/vendor/decap-cms
vendor-cms:
	rm -rf .vendor-cms && mkdir .vendor-cms
	cd .vendor-cms && npm pack --silent decap-cms@$(DECAP_VERSION) >/dev/null
	test "$$(cd .vendor-cms && npm view decap-cms@$(DECAP_VERSION) dist.integrity)" = "$(DECAP_INTEGRITY)"
	tar xzf .vendor-cms/decap-cms-$(DECAP_VERSION).tgz -C .vendor-cms
	rm -f $(DECAP_DIR)/*.js $(DECAP_DIR)/*.wasm
	mkdir -p $(DECAP_DIR)
	cp .vendor-cms/package/dist/decap-cms.js .vendor-cms/package/dist/*.decap-cms.js \
	  .vendor-cms/package/dist/*.wasm .vendor-cms/package/dist/decap-cms.js.LICENSE.txt $(DECAP_DIR)/
	printf 'decap-cms %s (npm), MIT licence (LICENSE), bundled third-party notices in decap-cms.js.LICENSE.txt\nnpm integrity %s\nfiles: dist/decap-cms.js, dist/*.decap-cms.js (chunks it loads on demand), dist/*.wasm\n' \
	  $(DECAP_VERSION) $(DECAP_INTEGRITY) > $(DECAP_DIR)/VERSION
	rm -rf .vendor-cms

lock:
	$(PYTHON) -m venv /tmp/klantreis-lock && /tmp/klantreis-lock/bin/pip install --quiet pip-tools
	/tmp/klantreis-lock/bin/pip-compile --quiet --extra test --all-build-deps --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links --generate-hashes --strip-extras \
	  -o requirements.lock pyproject.toml

clean:
	rm -rf site dist .site-* test-artifacts
