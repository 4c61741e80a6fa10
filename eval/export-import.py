#!/usr/bin/env python3
"""An index moved from the embedded store to Milvus by export and import: the same answers, nothing embedded.

1. `index DIR` with the embedded store in a data dir of its own (`--cache DIR` seeds its embedding cache, so a
   corpus indexed before need not be embedded again; the answers do not depend on it);
2. `export` to a zip (its size and time printed);
3. `import` into Milvus (`--milvus-uri`, else a Milvus Lite started here) from a second, empty data dir, which has no
   embedding cache: after the import that data dir must still hold no cached embedding, the proof that the import
   called no model;
4. 50 queries (the project's hand-written questions, then the names of their answers as code queries) searched on
   both with `search --json --queries`, top 10, in each mode; a list counts as the same when the ids are equal in
   order, or differ only inside runs of equal scores (ties, whose order neither store defines); with --direct, the
   corpus is also indexed straight into Milvus, and the imported index compared with that one too (what the import
   changed, apart from what Milvus scores differently from Lucene: BM25).

Usage:
  flock /tmp/build.lock eval/export-import.py /tmp/corpora/commons-lang3 --queries eval/questions/commons-lang3.jsonl \
      [--cache ~/.local/share/code-indexer/embedding-cache] [--milvus-uri http://127.0.0.1:19530] [--report F]
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from benchlib import cpu_model

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMAND = [os.path.join(ROOT, "bin", "code-indexer")]


def run(args, home, check=True):
    env = dict(os.environ, CODE_INDEXER_HOME=home)
    started = time.monotonic()
    done = subprocess.run(COMMAND + args, env=env, capture_output=True, text=True)
    if check and done.returncode != 0:
        sys.exit(f"{' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout, time.monotonic() - started


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_milvus_lite(data_dir):
    port = free_port()
    server = subprocess.Popen(["milvus-lite", "server", "--data-dir", data_dir, "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.3)
    server.kill()
    sys.exit("Milvus Lite did not start within 60 s")


def queries(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    out = [r["query"] for r in rows]
    out += [r["entity"] for r in rows]
    return out[:50]


def top10(stdout):
    answers = []
    for line in stdout.splitlines():
        hits = json.loads(line)["results"]
        answers.append([(h["chunk_id"], round(h["score"], 5)) for h in hits])
    return answers


def same_but_ties(a, b):
    """Equal ids in order, or the same ids where each differing position lies in a run of equal scores."""
    if [i for i, _ in a] == [i for i, _ in b]:
        return "same"
    if len(a) != len(b) or sorted(i for i, _ in a) != sorted(i for i, _ in b):
        return "different"
    for (ia, sa), (ib, sb) in zip(a, b):
        if ia != ib and not any(s == sa for _, s in a if _ != ia):
            return "different"
    return "ties"


def compare(left, right):
    """Per query: the same list (ties aside) or not; and how much of the top 10 and the first hit they share."""
    verdicts = [same_but_ties(x, y) for x, y in zip(left, right)]
    shared = [len({i for i, _ in x} & {i for i, _ in y}) / max(1, len(x)) for x, y in zip(left, right)]
    first = [bool(x) and bool(y) and x[0][0] == y[0][0] for x, y in zip(left, right)]
    out = {v: verdicts.count(v) for v in ("same", "ties", "different")}
    out["top10_overlap"] = round(sum(shared) / len(shared), 3)
    out["same_first_hit"] = sum(first)
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("--queries", required=True)
    p.add_argument("--cache")
    p.add_argument("--milvus-uri")
    p.add_argument("--report")
    p.add_argument("--direct", action="store_true", help="also index the corpus straight into Milvus and compare")
    a = p.parse_args()
    corpus = os.path.abspath(a.corpus)
    work = tempfile.mkdtemp(prefix="export-import-")
    source_home, target_home = os.path.join(work, "source"), os.path.join(work, "target")
    os.makedirs(source_home)
    os.makedirs(target_home)
    if a.cache:
        shutil.copytree(os.path.expanduser(a.cache), os.path.join(source_home, "embedding-cache"))
    server = None
    try:
        uri = a.milvus_uri
        if not uri:
            server, uri = start_milvus_lite(os.path.join(work, "milvus"))
        config = os.path.join(work, "milvus.yaml")
        with open(config, "w") as f:
            f.write(f"vector_store:\n  milvus:\n    uri: {uri}\n    consistency_level: STRONG\n")

        _, index_s = run(["index", corpus], source_home)
        archive = os.path.join(work, "index.zip")
        out, export_s = run(["export", "--path", corpus, "--out", archive], source_home)
        print(out.strip())
        out, import_s = run(["import", archive, "--store", "milvus", "--config", config], target_home)
        print(out.strip())
        # Opening the model opens its cache file; an embedding would add a record to it.
        cache = os.path.join(target_home, "embedding-cache")
        cached = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(cache) for f in fs
                     if f.endswith(".vec"))

        qfile = os.path.join(work, "queries.txt")
        qs = queries(a.queries)
        with open(qfile, "w") as f:
            f.write("\n".join(qs) + "\n")
        report = {"cpu": cpu_model(), "corpus": corpus, "queries": len(qs), "index_seconds": round(index_s, 1),
                  "export_seconds": round(export_s, 1), "import_seconds": round(import_s, 1),
                  "archive_bytes": os.path.getsize(archive), "target_embedding_cache_bytes": cached, "modes": {}}
        direct_home = None
        if a.direct:
            # The same corpus indexed straight into Milvus (another collection), to tell what the import changed
            # from what the store does differently.
            direct_home = os.path.join(work, "direct")
            shutil.copytree(os.path.join(source_home, "embedding-cache"), os.path.join(direct_home, "embedding-cache"))
            run(["index", corpus, "--store", "milvus", "--config", config, "--collection", "direct_index"],
                direct_home)
        for mode in ("dense", "lexical", "hybrid"):
            base = ["search", "--path", corpus, "--json", "-k", "10", "--mode", mode, "--queries", qfile]
            lucene = top10(run(base, source_home)[0])
            milvus = top10(run(base + ["--store", "milvus", "--config", config], target_home)[0])
            report["modes"][mode] = {"imported_vs_embedded_store": compare(lucene, milvus)}
            if direct_home:
                direct = top10(run(base + ["--store", "milvus", "--config", config], direct_home)[0])
                report["modes"][mode]["imported_vs_indexed_on_milvus"] = compare(direct, milvus)
        run(["delete", "--path", corpus, "--all", "--store", "milvus", "--config", config], target_home)
        if direct_home:
            run(["delete", "--path", corpus, "--all", "--store", "milvus", "--config", config], direct_home)
        print(json.dumps(report, indent=2))
        if a.report:
            with open(a.report, "w") as f:
                json.dump(report, f, indent=2)
    finally:
        if server:
            server.terminate()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
