# The HTTP API and dashboard: the Quarkus fast-jar built by ./mvnw package (api/target/quarkus-app).
# Build from the repository root:  docker build -f deploy/images/api.Dockerfile -t performance-observatory/api:0.1.0 .
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY api/target/quarkus-app/lib/ lib/
COPY api/target/quarkus-app/*.jar ./
COPY api/target/quarkus-app/app/ app/
COPY api/target/quarkus-app/quarkus/ quarkus/
EXPOSE 8080
USER 185
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/quarkus-run.jar"]
