# Klantreis Kennisbank: `make site` builds the site and the offline zip, `make test` runs all tests.
# Both create .venv from the locked dependencies when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve check bundle lint bench bench-search lighthouse lock clean browser vendor-cms vendor-werkblad

# Bytecode for our own package, as pip writes it for the packages it installs (an editable install
# gets none, and where PYTHONDONTWRITEBYTECODE is set Python never writes it): every command
# would compile the package again, 0.07 s of each build.
COMPILE := $(BIN)/python -m compileall -q klantreis macros.py

# setuptools comes from the lock (pip-compile --all-build-deps), so the package installs without
# a build environment, the first time. Errors still show; pip's warnings (an index location
# from a machine's pip.conf, setuptools' note on editable installs) do not.
PIP_QUIET := --quiet --quiet
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_QUIET) --upgrade "pip>=24"
	$(BIN)/python -m pip install $(PIP_QUIET) --require-hashes -r requirements.lock
	$(BIN)/python -m pip install $(PIP_QUIET) --no-deps --no-build-isolation -e .
	$(COMPILE)
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
	$(COMPILE)
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

# The worksheet editor reads YAML with js-yaml and validates with Ajv (its browser bundle,
# ajv-dist, holds Ajv and three small dependencies): vendored from npm like Decap, each file
# checked against its npm integrity hash; the licences of everything in the bundles beside them.
WERKBLAD_DIR := klantreis/assets/vendor
WERKBLAD_PACKAGES := \
  js-yaml@5.5.0=sha512-paNr4LFIFPjeeSmwNYdrb8FafLLG/Cr2Af3GjbsHJ5CxIjH4r0c2emlmRdAtpPAieP1gRVzk6buBbVP5gBMGAg== \
  ajv-dist@8.17.1=sha512-KzJwANMzTTR/RERGnkx+bHzmxIfMTPMMv7+cH1d6Lx9UQ7BZyhiieq4hnO5lRuBWOtYTUL8hyWs7RJYI/45Rtg== \
  ajv@8.17.1=sha512-B/gBuNg5SiMTrPkC+A2+cW0RszwxYmn6VYxB/inlBStS5nx6xHIt/ehKRhIMhqusl7a8LjQoZnjCs5vhwxOQ1g== \
  fast-deep-equal@3.1.3=sha512-f3qQ9oQy9j2AhBe/H9VC91wLmKBCCU/gDOnKNAYG5hswO7BLKj09Hc5HYNz9cGI++xlpDCIgDaitVs03ATR84Q== \
  fast-uri@3.0.1=sha512-MWipKbbYiYI0UC7cl8m/i/IWTqfC8YXsqjzybjddLsFjStroQzsHXkc73JutMvBiXmOvapk+axIl79ig5t55Bw== \
  json-schema-traverse@1.0.0=sha512-NM8/P9n3XjXhIZn1lLhkFaACTOURQXjWhV4BA/RnOv8xvgqtqpAX9IO4mRQxSx1Rlo4tqzeqb0sOlruaOy3dug==
vendor-werkblad:
	rm -rf .vendor-werkblad && mkdir .vendor-werkblad
	cd .vendor-werkblad && for entry in $(WERKBLAD_PACKAGES); do \
	  package=$${entry%%=*}; integrity=$${entry#*=}; name=$${package%@*}; \
	  file=$$(npm pack --silent $$package) && \
	  test "$$(npm view $$package dist.integrity)" = "$$integrity" && \
	  mkdir -p $$name && tar xzf $$file -C $$name || exit 1; \
	done
	rm -rf $(WERKBLAD_DIR)/js-yaml $(WERKBLAD_DIR)/ajv && mkdir -p $(WERKBLAD_DIR)/js-yaml $(WERKBLAD_DIR)/ajv
	cp .vendor-werkblad/js-yaml/package/dist/browser/js-yaml.umd.min.js .vendor-werkblad/js-yaml/package/LICENSE \
	  $(WERKBLAD_DIR)/js-yaml/
	printf 'js-yaml 5.5.0 (npm), MIT licence (LICENSE)\nfile: dist/browser/js-yaml.umd.min.js (window.jsyaml)\n' > $(WERKBLAD_DIR)/js-yaml/VERSION
	cp .vendor-werkblad/ajv-dist/package/dist/ajv2020.min.js $(WERKBLAD_DIR)/ajv/
	cp .vendor-werkblad/ajv/package/LICENSE $(WERKBLAD_DIR)/ajv/LICENSE
	cp .vendor-werkblad/fast-deep-equal/package/LICENSE $(WERKBLAD_DIR)/ajv/LICENSE.fast-deep-equal
	cp .vendor-werkblad/fast-uri/package/LICENSE $(WERKBLAD_DIR)/ajv/LICENSE.fast-uri
	cp .vendor-werkblad/json-schema-traverse/package/LICENSE $(WERKBLAD_DIR)/ajv/LICENSE.json-schema-traverse
	printf 'ajv-dist 8.17.1 (npm): the browser bundle of Ajv 8.17.1, file dist/ajv2020.min.js (window.ajv2020)\nIt bundles fast-deep-equal (MIT), fast-uri (BSD-3-Clause) and json-schema-traverse (MIT);\nLICENSE is Ajv'"'"'s (MIT), LICENSE.<name> those of the bundled packages.\n' > $(WERKBLAD_DIR)/ajv/VERSION
	rm -rf .vendor-werkblad

lock:
	$(PYTHON) -m venv /tmp/klantreis-lock && /tmp/klantreis-lock/bin/pip install --quiet pip-tools
	/tmp/klantreis-lock/bin/pip-compile --quiet --extra test --all-build-deps --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links --generate-hashes --strip-extras \
	  -o requirements.lock pyproject.toml

clean:
	rm -rf site dist .site-* test-artifacts
