# The monitor in JVM mode. Build the jars first (./mvnw -B package -DskipTests), then from the
# repository root: docker build -f deploy/docker/monitor.Dockerfile -t optimizarr/monitor:0.1.0 .
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10002 --home-dir /app optimizarr-monitor \
 && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --chown=10002 monitor-service/target/quarkus-app/lib/ lib/
COPY --chown=10002 monitor-service/target/quarkus-app/*.jar ./
COPY --chown=10002 monitor-service/target/quarkus-app/app/ app/
COPY --chown=10002 monitor-service/target/quarkus-app/quarkus/ quarkus/
USER 10002
EXPOSE 8081 9001
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fs http://localhost:9001/q/health/ready || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:TieredStopAtLevel=1", "-jar", "quarkus-run.jar"]
