#!/usr/bin/env bash
# Packs the NVML probe for a GPU host that has no Java: a jlinked runtime, the JNA jar and the
# probe's classes, under bench/gpu/build (about 50 MB).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q package -DskipTests -pl shared-model,monitor-service -am
build=bench/gpu/build
rm -rf "$build" && mkdir -p "$build/lib"
cp monitor-service/target/quarkus-app/lib/main/net.java.dev.jna.jna-5*.jar "$build/lib/"
cp shared-model/target/shared-model-*.jar "$build/lib/"
cp -r monitor-service/target/classes "$build/classes"
jlink --add-modules java.base,java.logging --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$build/runtime"
echo "Ready: $build ($(du -sh "$build" | cut -f1))"
