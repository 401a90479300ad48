# Performance Observatory. The two commands that matter: `make run` and `make test`.
MVNW := ./mvnw -B -ntp
SPEC ?= load-profiles/baseline.yaml
IMAGE_TOOL ?= docker

TEST_KAFKA ?= embedded

.PHONY: run test test-unit fuzz chaos soak compare build bench bench-instrumentation images k3s-up deploy suite clean help

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

run: ## run a benchmark on the embedded stack (SPEC=load-profiles/baseline.yaml, about a minute; REGISTRY=apicurio adds a schema registry)
	./bin/observatory run $(SPEC) $(if $(REGISTRY),--registry $(REGISTRY)) $(ARGS)

test: ## every test: *Test (pure) and *IT (real broker, PostgreSQL, Apicurio, Chromium, Prometheus; installs Debian's chromium and prometheus if missing). TEST_KAFKA=testcontainers: Kafka in a container
	./tools/ensure-test-tools
	$(MVNW) verify $(if $(filter testcontainers,$(TEST_KAFKA)),-Ptestcontainers)

test-unit: ## only the pure, fast tests (*Test): no broker, database, mock server or process
	$(MVNW) test

fuzz: ## Jazzer, coverage-guided, on the decode path of every strategy for 5 minutes (findings land in schemas/src/test/resources/.../DecodeFuzzTestInputs; make test replays them)
	$(MVNW) -q -DskipTests install -pl schemas -am
	JAZZER_FUZZ=1 $(MVNW) test -pl schemas -Dtest=DecodeFuzzTest -Dsurefire.failIfNoSpecifiedTests=false

chaos: ## the fault suite: one run of load-profiles/faults.yaml per fault (broker, PostgreSQL and registry outages, topology kill, broker stall, refused dead letters; about 8 minutes), then the fault table
	./bin/observatory chaos load-profiles/faults.yaml --fault all $(ARGS)

soak: ## the soak: the max sustainable rate of load-profiles/soak.yaml (one-minute steps), then 10 minutes at 80 % of it; fails if anonymous memory, live heap, threads or open files of a component grow (about 22 minutes; MAX_RATE=N skips the search)
	./bin/observatory soak load-profiles/soak.yaml $(if $(MAX_RATE),--max-rate $(MAX_RATE)) $(ARGS)

compare: ## A/B on one stack: SPEC (load-profiles/baseline.yaml) decoded zero-copy, then copying, twice (A B A B), compared metric by metric with a verdict each (about 6 minutes; STRATEGIES=zero-copy,copying,generic ROUNDS=3)
	./bin/observatory ab $(SPEC) --strategies $(or $(STRATEGIES),zero-copy,copying) --rounds $(or $(ROUNDS),2) $(ARGS)

build: ## build everything without running tests
	$(MVNW) -DskipTests package

bench: ## JMH: the decode strategies on every event type (about 10 minutes; results in bench/target/)
	$(MVNW) -q -DskipTests package -pl bench -am
	java -jar bench/target/benchmarks.jar $(ARGS)

bench-instrumentation: ## JMH: what recording one latency costs in the topology and the generator (about 1 minute)
	$(MVNW) -q -DskipTests package -pl bench -am
	java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main LatencyRecordingBenchmark -prof gc $(ARGS)

images: ## container images for k3s: topology, generator, operator, api, runner (needs docker or podman, which cannot run here; IMAGE_TOOL=podman)
	@command -v $(IMAGE_TOOL) >/dev/null || { echo "make images: $(IMAGE_TOOL) not found: install docker or podman, or set IMAGE_TOOL" >&2; exit 2; }
	$(MVNW) -q -DskipTests package
	for c in topology generator operator api runner; do $(IMAGE_TOOL) build -f deploy/images/$$c.Dockerfile -t performance-observatory/$$c:0.1.0 . || exit 1; done

k3s-up: ## a one-node k3s without traefik, Strimzi's operator and kube-prometheus-stack (needs sudo, helm and internet)
	./deploy/scripts/k3s-up.sh

OVERLAY ?= dev
deploy: ## apply deploy/k3s/$(OVERLAY) (dev or perf) to the namespace bench and wait until it is up
	./deploy/scripts/deploy.sh $(OVERLAY)

suite: ## apply the shipped benchmarks on k3s, wait for Completed, print results and verdicts (SUITE="baseline ..." picks some)
	./deploy/scripts/suite.sh

clean: ## remove build output and the embedded stack's data (runs, reports)
	$(MVNW) -q clean
	rm -rf .observatory
