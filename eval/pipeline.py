#!/usr/bin/env python3
"""Everything but the model: indexing speed and memory with a null embedding endpoint, on the JDK's own sources.

The java.base sources (lib/src.zip of a JDK 21+) are unpacked; a small part (the first files in path order, about a
tenth) and the whole are indexed with a fresh data dir and a null OpenAI-compatible endpoint that answers every
embedding call at once, so what is measured is walking, reading, chunking, token counting, storing and the
indexer's own bookkeeping. For each: wall time, the time until every file was searchable by words (the end of the
lexical pass), chunks, chunks/s, and the peak RSS of the `index` process (VmHWM, and its anonymous part).
Each is run with lexical-first indexing (the default: store, then embed) and without (one pass), in the same run.

Usage:
  flock /tmp/build.lock eval/pipeline.py [--jdk DIR] [--report F]
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

from benchlib import cpu_model, null_embeddings_config, start_null_embeddings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMAND = [os.path.join(ROOT, "bin", "code-indexer")]


def find_src_zip(jdk):
    candidates = [os.path.join(jdk, "lib", "src.zip")] if jdk else sorted(glob.glob("/usr/lib/jvm/*/lib/src.zip"))
    for c in candidates:
        if os.path.isfile(c):
            return c
    sys.exit("no lib/src.zip in a JDK under /usr/lib/jvm; give one with --jdk")


def unpack(src_zip, dest, fraction):
    with zipfile.ZipFile(src_zip) as z:
        names = sorted(n for n in z.namelist() if n.startswith("java.base/") and n.endswith(".java"))
        names = names[:max(1, int(len(names) * fraction))]
        for n in names:
            z.extract(n, dest)
    return os.path.join(dest, "java.base"), len(names)


def run_index(directory, config, home):
    """Runs `index` and samples its peak RSS; returns (seconds, seconds until every file was stored, or None for a
    one-pass run, peak RSS MiB, peak anonymous RSS MiB, summary). The anonymous part leaves out the pages of files
    the process maps (Lucene's index files), which grow with the index and which the kernel can drop at will."""
    env = dict(os.environ, CODE_INDEXER_HOME=home)
    env.pop("CODE_INDEXER_CONFIG", None)
    start = time.monotonic()
    p = subprocess.Popen([*COMMAND, "index", directory, "--config", config], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env)
    stored = []
    errors = []

    def watch_progress():
        # Progress lines go to stderr; the one that starts embedding marks the end of the lexical pass.
        for line in p.stderr:
            errors.append(line)
            if not stored and line.startswith("index: ") and " embedding " in line:
                stored.append(time.monotonic() - start)

    reader = threading.Thread(target=watch_progress, daemon=True)
    reader.start()
    peak = 0
    peak_anon = 0
    while p.poll() is None:
        try:
            with open(f"/proc/{p.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
                    elif line.startswith("RssAnon:"):
                        peak_anon = max(peak_anon, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.1)
    seconds = time.monotonic() - start
    out = p.stdout.read()
    reader.join()
    if p.returncode != 0:
        sys.exit(f"index failed ({p.returncode}): {''.join(errors).strip()[-500:]}")
    return seconds, stored[0] if stored else None, peak / 1024, peak_anon / 1024, out


def chunks_of(directory, config, home):
    env = dict(os.environ, CODE_INDEXER_HOME=home)
    r = subprocess.run([*COMMAND, "status", "--path", directory, "--json", "--config", config], capture_output=True,
                       text=True, env=env)
    return json.loads(r.stdout)["chunks"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jdk", help="a JDK 21+ whose lib/src.zip to index (default: the first under /usr/lib/jvm)")
    parser.add_argument("--code-indexer", help="the command to run (default: bin/code-indexer)")
    parser.add_argument("--fractions", default="0.1,1.0", help="parts of java.base to index (default: 0.1,1.0)")
    parser.add_argument("--report")
    args = parser.parse_args()
    if args.code_indexer:
        COMMAND[:] = args.code_indexer.split()
    src_zip = find_src_zip(args.jdk)
    server = start_null_embeddings()
    work = tempfile.mkdtemp(prefix="code-indexer-pipeline-")
    rows = []
    try:
        for fraction in (float(f) for f in args.fractions.split(",")):
            label = "java.base" if fraction >= 1 else f"java.base, first {fraction:g}"
            tree = os.path.join(work, f"src-{fraction}")
            directory, files = unpack(src_zip, tree, fraction)
            for lexical_first in (True, False):
                home = os.path.join(work, f"home-{fraction}-{lexical_first}")
                os.makedirs(home)
                config = null_embeddings_config(home, server,
                                                f"index:\n  lexical_first: {str(lexical_first).lower()}\n")
                seconds, stored, peak, peak_anon, _ = run_index(directory, config, home)
                chunks = chunks_of(directory, config, home)
                rows.append({"tree": label, "files": files, "lexical_first": lexical_first, "chunks": chunks,
                             "seconds": round(seconds, 1), "chunks_per_second": round(chunks / seconds),
                             "searchable_seconds": round(stored if stored else seconds, 1),
                             "peak_rss_mib": round(peak), "peak_anon_rss_mib": round(peak_anon)})
                print(f"{label}: {files} files, {chunks} chunks, lexical_first={lexical_first}: {seconds:.1f} s "
                      f"(all searchable by words after {rows[-1]['searchable_seconds']} s), "
                      f"{chunks / seconds:.0f} chunks/s, peak RSS {peak:.0f} MiB ({peak_anon:.0f} anonymous)", flush=True)
                shutil.rmtree(home, ignore_errors=True)
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    report = {"cpu": cpu_model(), "cores": os.cpu_count(), "src_zip": src_zip, "runs": rows}
    print(f"\non {report['cpu']} ({report['cores']} cores), {src_zip}")
    print(f"{'tree':24} {'lexical first':>13} {'chunks':>7} {'s':>6} {'searchable s':>12} {'chunks/s':>9} "
          f"{'peak RSS MiB':>13} {'anon MiB':>9}")
    for r in rows:
        print(f"{r['tree']:24} {str(r['lexical_first']):>13} {r['chunks']:>7} {r['seconds']:>6} "
              f"{r['searchable_seconds']:>12} {r['chunks_per_second']:>9} {r['peak_rss_mib']:>13} "
              f"{r['peak_anon_rss_mib']:>9}")
    if args.report:
        with open(args.report, "w") as f:
            json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
