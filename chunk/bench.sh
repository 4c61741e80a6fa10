#!/usr/bin/env bash
# Runs ChunkBenchmark on the commons-lang3 3.17.0 sources: fetches the sources jar through Maven, compiles the
# chunk module's tests and runs the benchmark, all under the shared build lock (do not wrap this in flock).
# Usage: chunk/bench.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" != "--locked" ]]; then
  exec flock /tmp/code-indexer-build.lock "$0" --locked "$@"
fi
shift
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q dependency:get -Dartifact=org.apache.commons:commons-lang3:3.17.0:jar:sources
./mvnw -q -pl chunk test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
jar="$HOME/.m2/repository/org/apache/commons/commons-lang3/3.17.0/commons-lang3-3.17.0-sources.jar"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g \
  -cp "chunk/target/classes:chunk/target/test-classes:$(cat chunk/target/bench.cp)" \
  dev.codeindexer.chunk.ChunkBenchmark "$jar" "${1:-5}"
