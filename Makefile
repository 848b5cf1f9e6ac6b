# Kainuun liiton kansainvälisen toiminnan chatbot. `make run` runs the bot, `make test` tests it.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.8-3.10: the first working python3.10 (PATH, then pyenv), or PYTHON=...
PYTHON ?= $(shell for p in python3.10 $$(pyenv root 2>/dev/null)/versions/3.10*/bin/python3.10 \
	$${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo "$$p"; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5005
# The action server's port: the one the endpoints file's action_endpoint names.
ACTIONS_PORT ?= 5055
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
# endpoints.yml: one server, conversations in rasa.db, locks in memory, as Rasa's own commands
# use it with no flags. Production: ENDPOINTS=deploy/endpoints.yml, values from the environment.
ENDPOINTS ?= endpoints.yml
# Rasa's HTTP API (model upload, trackers) stays off unless RASA_ENABLE_API=true, which needs
# RASA_API_TOKEN (checked by staff/preflight.py).
RASA_ENABLE_API ?= false
API_ARGS := $(if $(filter true,$(RASA_ENABLE_API)),--enable-api --auth-token "$$RASA_API_TOKEN")
# Rasa 3.6's dependencies print pages of deprecation warnings that say nothing to users.
export PYTHONWARNINGS := ignore::DeprecationWarning

RASA ?= $(BIN)/rasa
RETENTION_DAYS ?= 30
KEEP_MODELS ?= 3
MODEL_STAMP := models/.trained
MODEL_INPUTS := models/.inputs

.PHONY: FORCE help install train run test test-fast test-scaleout check rollback report import check-page forget-old shell eval bench bench-ranking clean

help:
	@echo "make run    - asenna, kouluta tarvittaessa ja käynnistä botti (Ctrl-C pysäyttää)"
	@echo "make test   - koko testisarja"
	@echo "make test-fast - nopeat testit (ei koulutusta, palvelimia eikä selainta), alle minuutti"
	@echo "make train  - kouluta malli, jos data on muuttunut; käyttöön vain keskustelutestit läpäissyt"
	@echo "make rollback - palaa edelliseen malliin (tallessa on $(KEEP_MODELS) uusinta)"
	@echo "make check  - tarkista tietopankki ja koulutusdata"
	@echo "make report - kysymykset, joihin botti ei osannut vastata (reports/epaonnistuneet.*)"
	@echo "make import CSV=tiedosto.csv - merkityt kysymykset tietopankin esimerkeiksi tai koulutusdataksi"
	@echo "make check-page - onko sivu muuttunut viime tarkistuksen jälkeen (PAGE=osoite, ACCEPT=1 merkitsee tarkistetuksi)"
	@echo "make forget-old - poista keskustelut, joissa ei viestejä $(RETENTION_DAYS) päivään"
	@echo "make shell  - keskustele botin kanssa päätteessä"
	@echo "make eval   - NLU-arvio (erillinen testijoukko, ristiinvalidointi) ja vastaustarkistus"
	@echo "make test-scaleout - kaksi rinnakkaista palvelinta PostgreSQL:n, Redisin ja nginxin kanssa"
	@echo "make bench  - kuormitustesti: tämä botti ja Rasan aloitusbotti rinnakkain (noin 20 min)"
	@echo "make bench-ranking - vastauksen valinnan hinta viestiä kohden (reports/ranking.md)"

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.10 puuttuu: asenna se tai anna polku, esim. make run PYTHON=/polku/python3.10" >&2; exit 1; }
	"$(PYTHON)" -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	@# `rasa test` with no flags reads test stories from the whole tree, .venv included: drop the
	@# starter project's stories that Rasa ships, so only ours are run.
	rm -f $(VENV)/lib/python3.10/site-packages/rasa/cli/initial_project/tests/test_stories.yml
	touch $@

install: $(VENV)/.installed

# The fingerprint of what a model is made of (bot/nlu/fingerprint.py), rewritten only when it changes:
# the configuration, domain, training data, test stories and the knowledge base's names. A text
# edit in the knowledge base leaves it as it is, and the running bot takes that edit live.
$(MODEL_INPUTS): FORCE $(VENV)/.installed
	@$(BIN)/python -m bot.nlu.fingerprint $@

# Retrain only when the fingerprint changed. The new model goes live (to models/, where the server
# takes the newest) only if it passes the conversation tests; the newest KEEP_MODELS stay, for
# `make rollback` (staff/models.py).
$(MODEL_STAMP): $(MODEL_INPUTS)
	$(BIN)/python -m staff.models train --rasa $(RASA) --keep $(KEEP_MODELS)
	touch $@

train: $(MODEL_STAMP)

# Back to the previous model: the newest is deleted and the server takes the next newest when it
# is restarted.
rollback:
	@$(BIN)/python -m staff.models rollback

check: install
	$(BIN)/python -m staff.check
	$(RASA) data validate --fail-on-warnings
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

report: install
	$(BIN)/python -m staff.report --endpoints $(ENDPOINTS) --retention-days $(RETENTION_DAYS)

import: install
	@test -n "$(CSV)" || { echo "Anna tiedosto: make import CSV=reports/epaonnistuneet.csv" >&2; exit 1; }
	$(BIN)/python -m staff.import_csv "$(CSV)"

check-page: install
	$(BIN)/python -m staff.check_page $(if $(PAGE),--page "$(PAGE)") $(if $(ACCEPT),--accept)

forget-old: install
	$(BIN)/python -m staff.forget --older-than $(RETENTION_DAYS) --endpoints $(ENDPOINTS)

run: $(MODEL_STAMP)
	@RASA_ENABLE_API=$(RASA_ENABLE_API) $(BIN)/python -m staff.preflight --endpoints $(ENDPOINTS)
	@echo "Botti käynnistyy (noin minuutti). Esittelysivu: http://$(HOST):$(PORT)/webhooks/widget/demo.html"
	@echo "REST-rajapinta: http://$(HOST):$(PORT)/webhooks/rest/webhook"
	@trap 'kill 0' INT TERM; \
	SANIC_HOST=127.0.0.1 $(RASA) run actions --actions actions --port $(ACTIONS_PORT) & \
	$(RASA) run --interface $(HOST) --port $(PORT) --endpoints $(ENDPOINTS) $(API_ARGS) & \
	wait

# Chat in the terminal; the action server runs in the background until the shell ends.
shell: $(MODEL_STAMP)
	@trap 'kill 0' EXIT; \
	SANIC_HOST=127.0.0.1 $(RASA) run actions --actions actions --port $(ACTIONS_PORT) >/dev/null 2>&1 & \
	$(RASA) shell --endpoints $(ENDPOINTS)

test: check $(MODEL_STAMP)
	$(BIN)/python -m pytest

# The unit tier while working: no training, no servers, no browser (well under a minute).
test-fast: install
	$(BIN)/python -m pytest -m unit -q

# Two replicas behind nginx on PostgreSQL and Redis (deploy/), started and stopped by the test;
# needs Debian's postgresql, redis-server and nginx (.ci/run installs them).
test-scaleout: $(MODEL_STAMP)
	$(BIN)/python -m pytest -m scaleout tests/test_scaleout.py -s

# Reports in reports/ (generated, not committed): held-out NLU test, 5-fold cross-validation,
# the end-to-end answer check and the visitor questions written apart from the training data
# (both through the REST channel), and evaluation.md summing them up.
eval: $(MODEL_STAMP)
	mkdir -p reports
	$(RASA) test nlu --nlu tests/nlu_heldout.yml --out reports/heldout
	$(RASA) test nlu --nlu data/nlu --cross-validation --folds 5 --out reports/cv
	-$(BIN)/python -m pytest tests/test_rest.py tests/test_visitor_questions.py -q -p no:warnings \
		--junitxml=reports/e2e.xml
	$(BIN)/python -m tests.harness.eval_report reports

# Load benchmark against our bot and Rasa's starter bot in one run: reports/bench.md (not a test).
bench: install
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# What choosing an answer from passages costs per message, beside the composed answer alone.
bench-ranking: install
	$(BIN)/python -m bench.ranking

clean:
	rm -rf models/*.tar.gz $(MODEL_STAMP) results reports .rasa
