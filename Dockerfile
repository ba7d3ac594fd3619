# syntax=docker/dockerfile:1

# ---- build: compile and package the Spring Boot jar with the Maven wrapper ----
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build

COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN chmod +x mvnw

COPY src src
COPY bpmn bpmn
COPY templates templates

# The cache mount keeps ~/.m2 (Maven itself and the dependencies) between builds.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -DskipTests package

# ---- runtime: the jar on a JRE, as a non-root user ----
FROM eclipse-temurin:17-jre

RUN groupadd --system --gid 10001 dsr \
 && useradd --system --uid 10001 --gid dsr --home-dir /app --shell /usr/sbin/nologin dsr

WORKDIR /app
# ./data (relative to the working directory) holds the signing keystore and other state; it is a volume.
RUN mkdir -p /app/data && chown -R dsr:dsr /app

COPY --from=build --chown=dsr:dsr /build/target/*.jar /app/app.jar

USER dsr
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# glibc gives each thread that allocates its own 64 MB malloc arena (up to 8 per core): two keep the JVM's native
# memory from growing with its thread count (README "Performance")
ENV MALLOC_ARENA_MAX=2
EXPOSE 8080
VOLUME ["/app/data"]
# -XX:+ExitOnOutOfMemoryError: a JVM that ran out of memory is in an unknown state (a half-done request, a job
# executor thread gone); it exits at once and the container restarts, instead of limping on.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]
