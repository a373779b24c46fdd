# touchline — make demo: start the local staging stack and open the console; make test: the whole suite.
SWIFT ?= swift
BIN_DEBUG := .build/debug/touchline
BIN_RELEASE := .build/release/touchline

.PHONY: demo test build release deps stack-up stack-down bench clean

deps:
	@scripts/deps

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

stack-up: deps
	@scripts/stack up

stack-down:
	@scripts/stack down

# Until the dashboard lands, the demo shows `touchline check` on staging every second.
demo: release stack-up
	@eval "$$(scripts/stack env)"; \
	while true; do clear; $(BIN_RELEASE) check --env staging; sleep 1; done

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: release stack-up
	@bench/check-vs-curl.sh

clean:
	rm -rf .build
