#!/usr/bin/env bash
# A bounded load test of the HTTP API (not part of `mvn verify`): indexes a real corpus with the real model into a
# throw-away data directory, starts `code-indexer serve` on a free loopback port, runs CLIENTS concurrent searchers
# for SECONDS (default 4 for 20 s) and prints requests/s, p50/p90/p99 latency and errors.
#   app/bench/load.sh [CORPUS_DIR] [CLIENTS] [SECONDS]      (default corpus: this repository's core/src)
# Build the jar first (e.g. `cibuild -pl app -am package -DskipTests`); bin/code-indexer rebuilds it when stale.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../bin/lib/java.sh
. "$root/bin/lib/java.sh"
find_jdk21
corpus="$(cd "${1:-$root/core/src}" && pwd)"
clients="${2:-4}"
seconds="${3:-20}"

CODE_INDEXER_HOME="$(mktemp -d)"
export CODE_INDEXER_HOME
log="$CODE_INDEXER_HOME/serve.log"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$CODE_INDEXER_HOME"
}
trap cleanup EXIT

echo "load: indexing $corpus" >&2
"$root/bin/code-indexer" index "$corpus" | sed 's/^/load:   /' >&2

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$root/bin/code-indexer" serve --port "$port" >"$log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { echo "load: the server did not start; its log:" >&2; cat "$log" >&2; exit 1; }

# One search first, so the model is loaded before the clock starts (it is loaded on the first search).
curl -fsS -H 'Content-Type: application/json' -d "{\"path\": \"$corpus\", \"query\": \"warm up\"}" \
  "http://127.0.0.1:$port/api/search" >/dev/null
echo "load: $clients clients for $seconds s against http://127.0.0.1:$port ($(nproc) cores)" >&2
"$JAVA_HOME/bin/java" "$root/app/bench/LoadClient.java" "http://127.0.0.1:$port" "$corpus" "$clients" "$seconds"
