# The README's two commands are `make run` and `make test`; everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
VENDOR := static/vendor

.PHONY: run test static messages install lint format bench clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

install: $(BIN)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(VENDOR)/.built: node_modules/.installed Makefile
	mkdir -p $(VENDOR)/bootstrap
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map $(VENDOR)/bootstrap/
	cp node_modules/bootstrap/dist/css/bootstrap.rtl.min.css node_modules/bootstrap/dist/css/bootstrap.rtl.min.css.map $(VENDOR)/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map $(VENDOR)/bootstrap/
	mkdir -p $(VENDOR)/chart.js
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map $(VENDOR)/chart.js/
	@touch $@

# The translations (locale/*/LC_MESSAGES/django.po), compiled for Django; needs GNU gettext's msgfmt.
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

%.mo: %.po
	@command -v msgfmt >/dev/null || { echo "Install GNU gettext (Debian: apt install gettext) to compile the translations."; exit 1; }
	msgfmt --check-format -o $@ $<

messages: $(MESSAGES)

static: $(VENDOR)/.built $(MESSAGES)

# The links in its emails point at the address it is served on, unless SITE_URL says otherwise.
RUN_ENV = DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)}

run: install static
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	@echo
	@echo "The conduct portal is at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it). Mail is written to var/mail/."
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install static
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The portal under production's stack at 100,000 reports (BENCH_QUICK=1: 1,000); see README, Benchmark.
bench: install static
	$(BIN)/python -m bench.run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
