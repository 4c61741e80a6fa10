#!/usr/bin/env bash
# Throughput of the in-process models on real code chunks: the Java pipeline (OnnxEmbeddingModel.embedDocuments,
# built from the config as indexing builds it) against the same .onnx file and tokenizer.json run by the onnxruntime
# Python package with HuggingFace `tokenizers`, on the same inputs, with the same grouping, batch size and thread
# count, in one run: the two sides alternate group by group (see ort_bench.py), and the run is repeated. Also checks
# that both sides' vectors agree (cosine).
#   embed/bench/bench.sh
# Env: MODELS (default "bge-small-en-v1.5-q all-minilm-l6-v2-q"), N chunks (1000), RUNS (2), WARMUP chunks (128),
#      GROUP (256, the indexer's flush size on Lucene), CORPUS (eval/corpora/commons-lang3), OUT (/tmp/embed-bench),
#      INPUTS (a ready JSONL file of {"text": ...}; default: made from CORPUS), SKIP_BUILD=1, PROFILE=1 (then also
#      prints the Java side's time split: tokenizer, input tensors, session.run, output copy).
# Python: uses python3 when it has onnxruntime (the version the pom pins), tokenizers and numpy; otherwise makes
# embed/bench/.venv (git-ignored) and installs them there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/embed/bench"
# shellcheck source=../../bin/lib/java.sh
. "$root/bin/lib/java.sh"
find_jdk21
models="${MODELS:-bge-small-en-v1.5-q all-minilm-l6-v2-q}"
n="${N:-1000}"
runs="${RUNS:-2}"
warmup="${WARMUP:-128}"
group="${GROUP:-256}"
corpus="${CORPUS:-$root/eval/corpora/commons-lang3}"
out="${OUT:-/tmp/embed-bench}"
threads="$(nproc)"
batch=32 # EmbeddingConfig's default onnx batch_size
mkdir -p "$out"

build() { # maven args: through the shared build lock where this machine has one
  if command -v cibuild >/dev/null; then cibuild "$@"; else (cd "$root" && ./mvnw -q -B "$@"); fi
}

# --- Python with the same ONNX Runtime version as the Java side --------------------------------------------------
ort_version=$(sed -n 's:.*<onnxruntime.version>\(.*\)</onnxruntime.version>.*:\1:p' "$root/pom.xml")
py=python3
if ! $py -c "import onnxruntime, tokenizers, numpy, sys; sys.exit(onnxruntime.__version__ != '$ort_version')" 2>/dev/null; then
  if [ ! -x "$here/.venv/bin/python" ]; then
    python3 -m venv "$here/.venv"
  fi
  py="$here/.venv/bin/python"
  $py -c "import onnxruntime, tokenizers, numpy, sys; sys.exit(onnxruntime.__version__ != '$ort_version')" 2>/dev/null \
    || $py -m pip install --quiet --disable-pip-version-check "onnxruntime==$ort_version" tokenizers numpy
fi

# --- Java: embed's classes, test classes (EmbedBench) and dependencies -------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$out/classpath.txt" ]; then
  build -pl embed -am install -DskipTests -o >&2
  build -pl embed dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt" -o >&2
fi
# Private copies of the class folders, so that someone else's rebuild cannot change them mid-run.
rm -rf "$out/classes" "$out/test-classes"
cp -r "$root/embed/target/classes" "$out/classes"
cp -r "$root/embed/target/test-classes" "$out/test-classes"
cp="$out/test-classes:$out/classes:$(cat "$out/classpath.txt")"
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$cp" dev.codeindexer.embed.bench.EmbedBench)

# --- Inputs: real chunks, the text the indexer embeds -------------------------------------------------------------
inputs="${INPUTS:-$out/inputs.jsonl}"
if [ ! -s "$inputs" ]; then
  [ -d "$corpus" ] || { echo "bench: no corpus at $corpus; run eval/fetch-corpora.sh first" >&2; exit 1; }
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    build -pl app -am package -DskipTests -o >&2
  fi
  cp "$root/app/target/code-indexer.jar" "$out/code-indexer.jar"
  CODE_INDEXER_HOME="$(mktemp -d)" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    --add-modules jdk.incubator.vector -jar "$out/code-indexer.jar" chunks "$corpus" --json 2>/dev/null \
    | $py "$here/make_inputs.py" "$n" 42 >"$inputs"
fi

for model in $models; do
  "${java[@]}" extract "$model" "$out/models/$model"
done

# --- Interleaved runs: one JVM and one Python process per run and model, alternating group by group ------------
results="$out/results.jsonl"
: >"$results"
echo "bench: $n chunks from $inputs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at start" >&2
for run in $(seq 1 "$runs"); do
  for model in $models; do
    $py "$here/ort_bench.py" "$out/models/$model" "$inputs" "$n" "$group" "$batch" "$threads" "$warmup" \
      -- "${java[@]}" serve "$model" "$inputs" | sed "s/^{/{\"run\": $run, /" | tee -a "$results"
  done
done
echo "bench: load $(cut -d' ' -f1-3 /proc/loadavg) at end" >&2
if [ "${PROFILE:-0}" = 1 ]; then # where the Java side's time goes: tokenizer, tensors, session.run, output copy
  for model in $models; do
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$cp" dev.codeindexer.embed.onnx.RunProbe \
      "$model" "$inputs" "$n" "$group" >&2 2>/dev/null
  done
fi

$py - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print("| run | model | Java chunks/s | Python ORT chunks/s | Java / Python | cosine min | load (1 min) |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    if r["side"] != "python-ort":
        continue
    j = next(x for x in rows if x["side"] == "java" and x["run"] == r["run"] and r["model"] in x["model"])
    print(f"| {r['run']} | {r['model']} | {j['chunks_per_s']:.1f} | {r['chunks_per_s']:.1f} "
          f"| {j['chunks_per_s'] / r['chunks_per_s']:.2f} | {r.get('cosine_min', float('nan')):.4f} "
          f"| {r['loadavg_1m']:.1f} |")
PY
