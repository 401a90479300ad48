package lab.performance.observatory.generator;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import lab.performance.observatory.core.report.RunNaming;

/**
 * The generator's command line. A local run passes the run id, the broker and the database; a
 * generator Job on Kubernetes also names the benchmark's topic prefix and how many instances share
 * the run, and each pod's instance number comes from the Job's completion index.
 *
 * With {@code --metrics-port} it serves Prometheus metrics on that port ({@code /metrics}; 0: any
 * free port) on {@code --metrics-host} (every interface unless told: a pod is scraped from outside;
 * a local run binds loopback).
 *
 * <p>No password on the command line, which every local user can read (docs/reliability.md):
 * JDBC_URL is either a URL without one, the password then coming from the password file named by
 * {@code PGPASSFILE}, or {@code env:NAME}, the URL read from environment variable NAME (a pod's
 * Secret).
 *
 * <pre>[--topic-prefix PREFIX] [--instance I] [--instances N] [--metrics-host H] [--metrics-port P] RUN_ID BOOTSTRAP_SERVERS JDBC_URL [REGISTRY_URL]</pre>
 */
record GeneratorArguments(String runId, String bootstrapServers, String jdbcUrl, Optional<URI> registryUrl, Optional<String> topicPrefix,
                          int instance, int instances, String metricsHost, OptionalInt metricsPort) {

    static final String USAGE = "usage: GeneratorMain [--topic-prefix PREFIX] [--instance I] [--instances N] [--metrics-host H] [--metrics-port P] "
            + "RUN_ID BOOTSTRAP_SERVERS JDBC_URL|env:NAME [REGISTRY_URL]";
    static final String FROM_ENVIRONMENT = "env:";
    /** Set by Kubernetes in every pod of an Indexed Job. */
    static final String COMPLETION_INDEX = "JOB_COMPLETION_INDEX";

    /** Bad input: one line saying what to fix. */
    static final class BadArguments extends Exception {
        BadArguments(String message) {
            super(message);
        }
    }

    static GeneratorArguments parse(List<String> args, Map<String, String> environment) throws BadArguments {
        String prefix = null;
        String instance = environment.get(COMPLETION_INDEX);
        String instances = "1";
        String metricsPort = null;
        String metricsHost = "0.0.0.0";
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--topic-prefix") || arg.equals("--instance") || arg.equals("--instances") || arg.equals("--metrics-port")
                    || arg.equals("--metrics-host")) {
                if (i + 1 == args.size()) {
                    throw new BadArguments(arg + " needs a value; " + USAGE);
                }
                String value = args.get(++i);
                switch (arg) {
                    case "--topic-prefix" -> prefix = value;
                    case "--instance" -> instance = value;
                    case "--metrics-port" -> metricsPort = value;
                    case "--metrics-host" -> metricsHost = value;
                    default -> instances = value;
                }
            } else if (arg.startsWith("--")) {
                throw new BadArguments("unknown option " + arg + "; " + USAGE);
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() != 3 && positional.size() != 4) {
            throw new BadArguments("expected 3 or 4 arguments, got " + positional.size() + "; " + USAGE);
        }
        int count = number("--instances", instances);
        int index = instance == null ? 0 : number("--instance", instance);
        if (count < 1) {
            throw new BadArguments("--instances must be at least 1, not " + count);
        }
        if (index < 0 || index >= count) {
            throw new BadArguments("--instance must be in [0, " + count + "), not " + index);
        }
        if (prefix != null && prefix.isBlank()) {
            throw new BadArguments("--topic-prefix must not be blank");
        }
        OptionalInt port = OptionalInt.empty();
        if (metricsPort != null) {
            int p = number("--metrics-port", metricsPort);
            if (p < 0 || p > 65535) {
                throw new BadArguments("--metrics-port must be a port number 0..65535, not " + p);
            }
            port = OptionalInt.of(p);
        }
        Optional<URI> registry = positional.size() == 4 ? Optional.of(URI.create(positional.get(3))) : Optional.empty();
        String jdbcUrl = positional.get(2);
        if (jdbcUrl.startsWith(FROM_ENVIRONMENT)) {
            String variable = jdbcUrl.substring(FROM_ENVIRONMENT.length());
            jdbcUrl = environment.get(variable);
            if (jdbcUrl == null || jdbcUrl.isBlank()) {
                throw new BadArguments("JDBC_URL is " + positional.get(2) + " but the environment variable " + variable + " is not set");
            }
        }
        return new GeneratorArguments(positional.get(0), positional.get(1), jdbcUrl, registry, Optional.ofNullable(prefix),
                index, count, metricsHost, port);
    }

    private static int number(String option, String value) throws BadArguments {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadArguments(option + " must be a whole number, not '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return "GeneratorArguments[run " + runId + ", instance " + instance + " of " + instances + "]"; // never the JDBC URL
    }

    RunNaming naming() {
        return topicPrefix.map(p -> new RunNaming(runId, p)).orElseGet(() -> new RunNaming(runId));
    }
}
