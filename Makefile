# touchline — make demo: start the local staging stack and open the console; make test: the whole suite;
# make check: the fast tiers only (Core, UI, App, Probes units), in seconds after a build.
SWIFT ?= swift
BIN_DEBUG := .build/debug/touchline
BIN_RELEASE := .build/release/touchline

.PHONY: demo demo-note test check build release deps stack-up stack-down bench soak clean

deps:
	@scripts/deps

build: deps
	$(SWIFT) build

# The release build links Swift's standard library, Dispatch and FoundationEssentials statically (one image
# instead of seven shared libraries: 3 MB less resident memory for the dashboard) with lld and packed
# relative relocations (RELR: the loader reads 9 kB instead of 1.1 MB of relocations); docs/LEAN.md.
RELEASE_FLAGS := -c release --product touchline --static-swift-stdlib \
	-Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

stack-up: deps
	@scripts/stack up

stack-down:
	@scripts/stack down

# The dashboard on staging, against the local stack (q quits; the stack keeps running: make stack-down).
# demo-note first: make builds prerequisites left to right, so the line shows before the silent release build.
demo: demo-note release stack-up
	@eval "$$(scripts/stack env)"; TOUCHLINE_STACK_STOP="make stack-down" $(BIN_RELEASE) --env staging

demo-note:
	@test -x $(BIN_RELEASE) || echo "make demo: building touchline in release mode; the first build takes a few minutes"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The pure and in-process tiers: no stack, no tmux (the real-stack and tmux targets run under make test).
FAST_TIERS := TouchlineCoreTests|TouchlineUITests|TouchlineAppTests|TouchlineProbesTests
check: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter '$(FAST_TIERS)'

# Benchmarks against their peers in the same run; each writes bench/results/NAME.md (not part of make test).
# backup.sh creates a ~1 GB database (bench_backup) in the stack the first time: a few minutes.
bench: release stack-up
	@bench/check-vs-curl.sh
	@bench/dashboard.sh
	@bench/floor.sh
	@bench/probe-truth.sh
	@bench/detection.sh
	@bench/rollback.sh
	@bench/load.sh
	@bench/backup.sh
	@bench/scale.sh
	@bench/prometheus.sh
	@bench/logs.sh
	@bench/alerts.sh

# The long fault case of issue #6 (never part of make test): SOAK_MINUTES (default 30) at 1 s against a
# private stack with a fault cycled every minute; results in bench/results/soak.md.
soak: release
	@bench/soak.sh

clean:
	rm -rf .build
