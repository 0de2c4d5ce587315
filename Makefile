# Relais — the two commands that matter: `make demo` and `make test`.
SWIFT ?= swift
PREFIX ?= /usr/local
DEMO_DB ?= demo/relais.sqlite
# The demo year ends on a fixed day so that the guides' commands (week 2026-W49 …) work as written.
DEMO_TODAY ?= 2026-11-29
DEMO_WEEK ?= 2026-W49
BIN = .build/debug
SCHEDULE = $(BIN)/relais-schedule
INTAKE = $(BIN)/relais-intake
DB = --database $(DEMO_DB)
PROGRAMS = relais-admin relais-intake relais-schedule

.PHONY: all build sql demo test test-postgres-warning bench bench-schedule install clean

all: build

build:
	$(SWIFT) build

# Regenerates the migrations embedded in the binaries from sql/ (a test fails if you forget).
sql:
	sh sql/embed.sh

# Builds, creates demo/relais.sqlite with a year of realistic data, runs the main jobs and
# writes their outputs into demo/.
demo: build
	@mkdir -p demo
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm demo/*.ics demo/*.html
	$(BIN)/relais-admin init --database $(DEMO_DB)
	$(BIN)/relais-admin demo --database $(DEMO_DB) --seed 42 --today $(DEMO_TODAY)
	$(BIN)/relais-admin status --database $(DEMO_DB)
	$(BIN)/relais-admin status --database $(DEMO_DB) --format csv --csv-separator ';' --bom > demo/status.csv
	@echo "== The desk =="
	$(INTAKE) import requests docs/samples/requests-good.csv --agent a-sylvie $(DB)
	n=$$($(INTAKE) request open --agent a-sylvie --site mdh-surieux --field usage_assistance \
	    --themes aide_aux_demarches_administratives --sub-themes social_sante \
	    --summary "Déclaration trimestrielle CAF" --urgency high $(DB) | awk '{print $$2}'); \
	  $(INTAKE) assign $$n --auto --agent a-sylvie $(DB) && \
	  $(INTAKE) request show $$n $(DB) && \
	  $(INTAKE) receipt $$n $(DB) > demo/receipt.txt
	$(INTAKE) queue --site mdh-surieux --limit 10 $(DB)
	$(INTAKE) queue --format csv --csv-separator ';' --bom $(DB) > demo/queue.csv
	@echo "== The coordinator's week ($(DEMO_WEEK)) =="
	$(SCHEDULE) demand permanence --site mdh-surieux --day tue --time 09:00-12:00 --skill aide_aux_demarches_administratives $(DB)
	$(SCHEDULE) demand permanence --site mdh-essarts --day thu --time 13:30-17:00 $(DB)
	$(SCHEDULE) demand permanence --site mdh-village-sud --day mon --time 14:00-17:00 $(DB)
	$(SCHEDULE) demand permanence --site mdh-ouest --day fri --time 09:00-12:00 $(DB)
	$(SCHEDULE) demand appointment --week $(DEMO_WEEK) --site mdh-ouest --skill aide_aux_demarches_administratives --minutes 60 --count 3 $(DB)
	$(SCHEDULE) plan --week $(DEMO_WEEK) --time-limit 5 $(DB) | tee demo/plan-$(DEMO_WEEK).txt
	$(SCHEDULE) publish --week $(DEMO_WEEK) $(DB)
	$(SCHEDULE) show --week $(DEMO_WEEK) --format csv --csv-separator ';' --bom $(DB) > demo/week-$(DEMO_WEEK).csv
	$(SCHEDULE) show --week $(DEMO_WEEK) --site mdh-surieux --format html --out demo/mdh-surieux-$(DEMO_WEEK).html $(DB)
	$(SCHEDULE) export ics --conseiller c-amina --out demo/c-amina.ics $(DB)
	$(SCHEDULE) export ics --site mdh-surieux --out demo/mdh-surieux.ics $(DB)
	@echo "== The solver on a generated week =="
	$(BIN)/relais-schedule generate --size S --tightness 0.9 --seed 1 --out demo/week-instance.json
	$(BIN)/relais-schedule solve --instance demo/week-instance.json --iterations 200000 --seed 1 --out demo/week-plan.json
	$(BIN)/relais-schedule check --instance demo/week-instance.json --plan demo/week-plan.json > demo/week-check.txt
	$(BIN)/relais-admin backup --database $(DEMO_DB) --to demo/relais-backup.sqlite --force
	@echo "Demo outputs are in demo/: relais.sqlite, status.csv, receipt.txt, queue.csv, plan-$(DEMO_WEEK).txt, week-$(DEMO_WEEK).csv,"
	@echo "mdh-surieux-$(DEMO_WEEK).html, c-amina.ics, mdh-surieux.ics, week-instance.json, week-plan.json, week-check.txt, relais-backup.sqlite"

# Every test on SQLite, and on PostgreSQL when RELAIS_TEST_POSTGRES names a server (.ci/run sets it).
test: test-postgres-warning
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

test-postgres-warning:
	@if [ -z "$$RELAIS_TEST_POSTGRES" ]; then \
	  echo "*** RELAIS_TEST_POSTGRES is not set: PostgreSQL tests will be SKIPPED (bash .ci/run sets it). ***"; fi

# Store benchmarks: bulk insert vs sqlite3 .import and psql \copy (see Benchmarks/store/run.sh).
bench:
	bash Benchmarks/store/run.sh
	bash Benchmarks/intake/run.sh

bench-schedule:
	bash Benchmarks/schedule/run.sh
	bash Benchmarks/schedule-plan/run.sh

install:
	$(SWIFT) build -c release --static-swift-stdlib
	install -d $(PREFIX)/bin
	for p in $(PROGRAMS); do install -m 755 .build/release/$$p $(PREFIX)/bin/$$p; done

clean:
	rm -rf .build demo bench-out
