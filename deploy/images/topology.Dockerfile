# The topology under test: the Quarkus fast-jar built by ./mvnw package (topology/target/quarkus-app).
# Build from the repository root:  docker build -f deploy/images/topology.Dockerfile -t performance-observatory/topology:0.1.0 .
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY topology/target/quarkus-app/lib/ lib/
COPY topology/target/quarkus-app/*.jar ./
COPY topology/target/quarkus-app/app/ app/
COPY topology/target/quarkus-app/quarkus/ quarkus/
EXPOSE 8080
USER 185
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/quarkus-run.jar"]
