# Relais — the two commands that matter: `make demo` and `make test`.
SWIFT ?= swift
PREFIX ?= /usr/local
DEMO_DB ?= demo/relais.sqlite
BIN = .build/debug
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
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/relais-admin init --database $(DEMO_DB)
	$(BIN)/relais-admin demo --database $(DEMO_DB) --seed 42
	$(BIN)/relais-admin status --database $(DEMO_DB)
	$(BIN)/relais-admin status --database $(DEMO_DB) --format csv --csv-separator ';' --bom > demo/status.csv
	$(BIN)/relais-schedule generate --size S --tightness 0.9 --seed 1 --out demo/week-instance.json
	$(BIN)/relais-schedule solve --instance demo/week-instance.json --iterations 200000 --seed 1 --out demo/week-plan.json
	$(BIN)/relais-schedule check --instance demo/week-instance.json --plan demo/week-plan.json > demo/week-check.txt
	$(BIN)/relais-admin backup --database $(DEMO_DB) --to demo/relais-backup.sqlite --force
	@echo "Demo outputs are in demo/: relais.sqlite, status.csv, week-instance.json, week-plan.json, week-check.txt, relais-backup.sqlite"

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

bench-schedule:
	bash Benchmarks/schedule/run.sh
	bash Benchmarks/schedule-plan/run.sh

install:
	$(SWIFT) build -c release --static-swift-stdlib
	install -d $(PREFIX)/bin
	for p in $(PROGRAMS); do install -m 755 .build/release/$$p $(PREFIX)/bin/$$p; done

clean:
	rm -rf .build demo bench-out
