# The README's two commands. Both bring their own Node.js 24 when the machine's is older than 22,
# install the dependencies the lockfile names, and build.
SHELL := /bin/bash
NODE_BIN := $(shell scripts/ensure-node.sh)
export PATH := $(NODE_BIN):$(PATH)
DURATION ?= 60s

.PHONY: demo test install

# `make demo` runs the simulated market for DURATION (60s) and prints the scorecard;
# `make demo DURATION=` runs it until Ctrl-C.
demo: install
	node bin/leadpact demo $(if $(DURATION),--duration $(DURATION),)

# npm test builds first (pretest), so the tests always run what the sources say.
test: node_modules/.package-lock.json
	npm test

install: node_modules/.package-lock.json dist/src/main.js

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

dist/src/main.js: node_modules/.package-lock.json $(shell find src connectors jobs bench -name '*.ts' 2>/dev/null)
	npm run build
