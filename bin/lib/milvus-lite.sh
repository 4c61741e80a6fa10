# Sourced by bin/test: starts a Milvus Lite server (a real Milvus-protocol gRPC server) on a free loopback port and
# exports CODE_INDEXER_MILVUS_URI (and the command as CODE_INDEXER_MILVUS_LITE, its Python as
# CODE_INDEXER_MILVUS_PYTHON) for the Milvus tests. Installs milvus-lite with pip when it is missing.
# Stops the server when the calling shell exits.

milvus_python() {
  command -v python3 || command -v python
}

ensure_milvus_lite() {
  local py
  py=$(milvus_python) || { echo "bin/test: python3 is needed to run Milvus Lite" >&2; return 1; }
  if ! "$py" -c "import milvus_lite, pymilvus" 2>/dev/null; then
    echo "bin/test: installing Milvus Lite (pip install milvus-lite pymilvus)..." >&2
    "$py" -m pip install --quiet --disable-pip-version-check milvus-lite pymilvus >&2 || return 1
  fi
}

free_port() {
  "$(milvus_python)" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_milvus_lite() {
  local port data log py waited=0
  ensure_milvus_lite || return 1
  py=$(milvus_python)
  port=$(free_port)
  data=$(mktemp -d "${TMPDIR:-/tmp}/milvus-lite.XXXXXX")
  log="$data.log"
  MILVUS_LITE_BIN=$(dirname "$(command -v "$py")")/milvus-lite
  [ -x "$MILVUS_LITE_BIN" ] || MILVUS_LITE_BIN=milvus-lite
  "$MILVUS_LITE_BIN" server --data-dir "$data" --host 127.0.0.1 --port "$port" >"$log" 2>&1 &
  MILVUS_LITE_PID=$!
  MILVUS_LITE_DATA=$data
  trap stop_milvus_lite EXIT
  until "$py" -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('127.0.0.1', $port)))" 2>/dev/null; do
    if ! kill -0 "$MILVUS_LITE_PID" 2>/dev/null; then
      echo "bin/test: Milvus Lite exited at start; its log ($log):" >&2
      tail -20 "$log" >&2
      return 1
    fi
    waited=$((waited + 1))
    if [ "$waited" -gt 120 ]; then
      echo "bin/test: Milvus Lite did not answer on 127.0.0.1:$port within 60 s; see $log" >&2
      return 1
    fi
    sleep 0.5
  done
  export CODE_INDEXER_MILVUS_URI="http://127.0.0.1:$port"
  # The restart test starts (and kills) a server of its own with the same command.
  CODE_INDEXER_MILVUS_LITE=$(command -v "$MILVUS_LITE_BIN")
  export CODE_INDEXER_MILVUS_LITE
  # The message-limit test runs Milvus Lite from this Python with a lower gRPC limit.
  export CODE_INDEXER_MILVUS_PYTHON="$py"
  echo "bin/test: Milvus Lite is serving at $CODE_INDEXER_MILVUS_URI (pid $MILVUS_LITE_PID, log $log)" >&2
}

stop_milvus_lite() {
  if [ -n "${MILVUS_LITE_PID:-}" ]; then
    kill "$MILVUS_LITE_PID" 2>/dev/null || true
    wait "$MILVUS_LITE_PID" 2>/dev/null || true
    rm -rf "${MILVUS_LITE_DATA:?}"
    MILVUS_LITE_PID=
  fi
}
