#!/usr/bin/env bash
# Milvus Lite vs the embedded Lucene store on the same rows (dimension 384): insert rows/s, search p50/p95 and
# recall@10 against brute force, measured in one run. Usage: store-milvus/bench.sh [ROWS...] (default 10000 100000).
# Uses CODE_INDEXER_MILVUS_URI when set, else starts Milvus Lite (pip install milvus-lite) for the run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/lib/java.sh"
. "$root/bin/lib/milvus-lite.sh"
find_jdk21
cd "$root"
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -ntp -q -pl store-milvus -am install -DskipTests
  ./mvnw -B -ntp -q -pl store-milvus dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
fi
if [ -z "${CODE_INDEXER_MILVUS_URI:-}" ]; then
  start_milvus_lite
fi
[ $# -gt 0 ] || set -- 10000 100000
"$JAVA_HOME/bin/java" -Xmx4g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "store-milvus/target/test-classes:store-milvus/target/classes:$(cat store-milvus/target/bench.cp)" \
  dev.codeindexer.store.milvus.bench.StoreBench "$@" 2> >(grep -v "WARNING\|^\s*at \|DEBUG\|INFO" >&2)
