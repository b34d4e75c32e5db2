# The encoder in JVM mode, with ffmpeg. Build the jars first (./mvnw -B package -DskipTests), then
# from the repository root: docker build -f deploy/docker/encoder.Dockerfile -t optimizarr/encoder:0.1.0 .
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app optimizarr \
 && apt-get update && apt-get install -y --no-install-recommends ffmpeg curl util-linux \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --chown=10001 encoder-service/target/quarkus-app/lib/ lib/
COPY --chown=10001 encoder-service/target/quarkus-app/*.jar ./
COPY --chown=10001 encoder-service/target/quarkus-app/app/ app/
COPY --chown=10001 encoder-service/target/quarkus-app/quarkus/ quarkus/
USER 10001
EXPOSE 8080 9000
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fs http://localhost:9000/q/health/ready || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:TieredStopAtLevel=1", "-jar", "quarkus-run.jar"]
