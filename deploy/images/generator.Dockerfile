# The load generator of a generator Job: the CLI's jar and its dependencies (cli/target), entry point
# the generator main; the operator passes its arguments (see GeneratorArguments).
# Build from the repository root:  docker build -f deploy/images/generator.Dockerfile -t performance-observatory/generator:0.1.0 .
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY cli/target/lib/ lib/
COPY cli/target/observatory-cli.jar ./
USER 185
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/observatory-cli.jar:/app/lib/*", "lab.performance.observatory.generator.GeneratorMain"]
