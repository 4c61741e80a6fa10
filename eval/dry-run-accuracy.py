#!/usr/bin/env python3
"""How close `index --dry-run` comes to the run that follows it, with the real model.

For each tree: a fresh data dir (so no embedding cache helps), `index --dry-run --json` for its estimate, then
`index` timed from start to exit. Prints the estimate, the real time and their ratio, with the CPU model. The
issue's target is every ratio within 0.7-1.3.

Usage:
  flock /tmp/build.lock eval/dry-run-accuracy.py NAME=DIR... [--report F]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from benchlib import cpu_model

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMAND = [os.path.join(ROOT, "bin", "code-indexer")]


def run(args, home):
    env = dict(os.environ, CODE_INDEXER_HOME=home)
    env.pop("CODE_INDEXER_CONFIG", None)
    start = time.monotonic()
    r = subprocess.run([*COMMAND, *args], capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({r.returncode}): {r.stderr.strip()[-500:]}")
    return r.stdout, time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs="+", metavar="NAME=DIR")
    parser.add_argument("--code-indexer", help="the command to run (default: bin/code-indexer)")
    parser.add_argument("--report")
    args = parser.parse_args()
    if args.code_indexer:
        COMMAND[:] = args.code_indexer.split()
    rows = []
    for spec in args.trees:
        name, _, directory = spec.partition("=")
        home = tempfile.mkdtemp(prefix="code-indexer-dryrun-")
        try:
            out, dry_seconds = run(["index", directory, "--dry-run", "--json"], home)
            estimate = json.loads(out)
            _, seconds = run(["index", directory], home)
        finally:
            shutil.rmtree(home, ignore_errors=True)
        row = {"tree": name, "chunks": estimate["chunks"], "tokens": estimate["tokens"],
               "dry_run_seconds": round(dry_seconds, 1), "estimated_seconds": estimate["estimated_seconds"],
               "estimated_embedding_seconds": estimate["estimated_embedding_seconds"],
               "index_seconds": round(seconds, 1), "ratio": round(estimate["estimated_seconds"] / seconds, 2)}
        rows.append(row)
        print(f"{name}: {row['chunks']} chunks, estimated {row['estimated_seconds']} s "
              f"(embedding {row['estimated_embedding_seconds']} s), indexed in {row['index_seconds']} s: "
              f"ratio {row['ratio']} (dry run took {row['dry_run_seconds']} s)", flush=True)
    report = {"cpu": cpu_model(), "cores": os.cpu_count(), "runs": rows}
    print(f"\non {report['cpu']} ({report['cores']} cores)")
    print(f"{'tree':16} {'chunks':>7} {'estimate s':>10} {'index s':>8} {'ratio':>6}")
    for r in rows:
        print(f"{r['tree']:16} {r['chunks']:>7} {r['estimated_seconds']:>10} {r['index_seconds']:>8} {r['ratio']:>6}")
    if args.report:
        with open(args.report, "w") as f:
            json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
