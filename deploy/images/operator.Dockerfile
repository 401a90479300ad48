# The PipelineBenchmark operator: the Quarkus fast-jar built by ./mvnw package (operator/target/quarkus-app).
# Build from the repository root:  docker build -f deploy/images/operator.Dockerfile -t performance-observatory/operator:0.1.0 .
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY operator/target/quarkus-app/lib/ lib/
COPY operator/target/quarkus-app/*.jar ./
COPY operator/target/quarkus-app/app/ app/
COPY operator/target/quarkus-app/quarkus/ quarkus/
EXPOSE 8080
USER 185
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/quarkus-run.jar"]
