# The benchmark runner of the regression CronJob (deploy/k3s/base/regression-cronjob.yaml): the
# whole observatory as bin/observatory runs it on a laptop (the CLI with the embedded broker, the
# topology's and API's Quarkus apps, the shipped load profiles), built by ./mvnw package.
# Build from the repository root:  docker build -f deploy/images/runner.Dockerfile -t performance-observatory/runner:0.1.0 .
FROM eclipse-temurin:17-jdk
WORKDIR /opt/observatory
COPY bin/ bin/
COPY load-profiles/ load-profiles/
COPY cli/target/lib/ cli/target/lib/
COPY cli/target/observatory-cli.jar cli/target/
COPY topology/target/quarkus-app/ topology/target/quarkus-app/
COPY api/target/quarkus-app/ api/target/quarkus-app/
# never build inside the container: what runs is what the image was built from
ENV OBSERVATORY_NO_BUILD=1
USER 185
ENTRYPOINT ["/opt/observatory/bin/observatory"]
