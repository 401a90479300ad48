# Performance Observatory. The two commands that matter: `make run` and `make test`.
MVNW := ./mvnw -B -ntp
SPEC ?= load-profiles/baseline.yaml

.PHONY: run test build bench bench-instrumentation clean help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

run: ## run a benchmark on the embedded stack (SPEC=load-profiles/baseline.yaml, about a minute; REGISTRY=apicurio adds a schema registry)
	./bin/observatory run $(SPEC) $(if $(REGISTRY),--registry $(REGISTRY)) $(ARGS)

test: ## build and run every test: unit, topology, browser (installs Debian's chromium if missing), real broker + PostgreSQL
	./tools/ensure-test-tools
	$(MVNW) verify

build: ## build everything without running tests
	$(MVNW) -DskipTests package

bench: ## JMH: the decode strategies on every event type (about 10 minutes; results in bench/target/)
	$(MVNW) -q -DskipTests package -pl bench -am
	java -jar bench/target/benchmarks.jar $(ARGS)

bench-instrumentation: ## JMH: what recording one latency costs in the topology and the generator (about 1 minute)
	$(MVNW) -q -DskipTests package -pl bench -am
	java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main LatencyRecordingBenchmark -prof gc $(ARGS)

clean: ## remove build output and the embedded stack's data (runs, reports)
	$(MVNW) -q clean
	rm -rf .observatory
