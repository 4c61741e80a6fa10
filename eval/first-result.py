#!/usr/bin/env python3
"""Time to first result: how soon after `index` starts does `search` find a known definition?

For each project (NAME=DIR), with a fresh data dir (no index, no embedding cache; the real default model):
1. `index DIR --dry-run --json` counts the chunks (not timed);
2. N definitions are picked at random (fixed seed) from the project's source files: a Java class by its file name,
   else the first `def`/`func`/`function`/`class` name in the file;
3. `index DIR` starts, and `search --path DIR --json --queries Q` (every name at once, one process per poll, the
   default hybrid mode, as a user would type it) runs back to back until each name has come back with its file in
   the top 10. A name's time is when the answer that first held its file returned, counted from the start of
   `index`; the index run's own end is reported beside it.

Usage:
  eval/fetch-corpora.sh /tmp/corpora
  flock /tmp/build.lock eval/first-result.py requests=/tmp/corpora/requests commons-lang3=/tmp/corpora/commons-lang3
  eval/first-result.py [--names 3] [--seed 42] [--timeout 1800] [--wait] [--report F] NAME=DIR...
The index run is stopped (SIGTERM, as Ctrl-C) once every name is found, unless --wait.
"""
import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import cpu_model

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMAND = [os.path.join(ROOT, "bin", "code-indexer")]
SOURCE = {".java", ".py", ".go", ".js", ".ts", ".mjs"}
DEFINITION = re.compile(r"^\s*(?:export\s+)?(?:async\s+)?(?:def|func|function|class)\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w{3,})",
                        re.M)
SKIP_DIRS = {".git", "node_modules", "vendor", "build", "dist", "target", "test", "tests", "__tests__", "testdata"}


def pick_names(directory, count, seed):
    """(name, relative path) of definitions in source files, chosen at random."""
    candidates = []
    for d, dirs, names in os.walk(directory):
        dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS and not x.startswith("."))
        for n in sorted(names):
            if os.path.splitext(n)[1] in SOURCE and not re.search(r"(Test|_test|\.test|\.spec)\.", n):
                candidates.append(os.path.relpath(os.path.join(d, n), directory))
    rnd = random.Random(seed)
    rnd.shuffle(candidates)
    picked, seen = [], set()
    for rel in candidates:
        if rel.endswith(".java"):
            name = os.path.basename(rel)[:-5]
        else:
            with open(os.path.join(directory, rel), errors="replace") as f:
                m = DEFINITION.search(f.read())
            if not m:
                continue
            name = m.group(1)
        if name in seen or name == "package-info":
            continue
        seen.add(name)
        picked.append((name, rel))
        if len(picked) == count:
            break
    return picked


def measure(name, directory, args):
    home = tempfile.mkdtemp(prefix="code-indexer-first-")
    env = dict(os.environ, CODE_INDEXER_HOME=home)
    env.pop("CODE_INDEXER_CONFIG", None)
    try:
        dry = subprocess.run([*COMMAND, "index", directory, "--dry-run", "--json"], capture_output=True, text=True,
                             env=env)
        if dry.returncode != 0:
            sys.exit(f"dry run of {directory} failed: {dry.stderr.strip()}")
        chunks = json.loads(dry.stdout)["chunks"]
        targets = pick_names(directory, args.names, args.seed)
        queries = os.path.join(home, "queries.txt")
        with open(queries, "w") as f:
            f.write("\n".join(n for n, _ in targets) + "\n")
        found = {}
        polls = 0
        start = time.monotonic()
        index = subprocess.Popen([*COMMAND, "index", directory], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env=env)
        index_done = None
        while len(found) < len(targets) and time.monotonic() - start < args.timeout:
            if index_done is None and index.poll() is not None:
                index_done = time.monotonic() - start
            r = subprocess.run([*COMMAND, "search", "--path", directory, "--json", "--queries", queries],
                               capture_output=True, text=True, env=env)
            answered = time.monotonic() - start
            polls += 1
            if r.returncode != 0:
                continue  # not indexed yet: the index run has not created its collection
            for line, (ident, rel) in zip(r.stdout.splitlines(), targets):
                files = [h["file_path"] for h in json.loads(line)["results"]]
                if ident not in found and rel in files:
                    found[ident] = round(answered, 1)
        if index_done is None and not args.wait:
            index.terminate()  # as Ctrl-C: the next run would complete it; embedding the rest is not measured here
        index.wait()
        if index_done is None and args.wait:
            index_done = time.monotonic() - start
        times = [found.get(n) for n, _ in targets]
        return {"project": name, "chunks": chunks, "names": [{"name": n, "file": rel, "seconds": found.get(n)}
                                                             for n, rel in targets],
                "first_result_s": min((t for t in times if t is not None), default=None),
                "all_found_s": None if None in times else max(times),
                "median_s": statistics.median(t for t in times if t is not None) if any(times) else None,
                "index_done_s": None if index_done is None else round(index_done, 1), "polls": polls}
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("projects", nargs="+", metavar="NAME=DIR")
    parser.add_argument("--names", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--wait", action="store_true",
                        help="let the index run finish and report its time (else it is stopped once all are found)")
    parser.add_argument("--report")
    args = parser.parse_args()
    rows = []
    for spec in args.projects:
        name, _, directory = spec.partition("=")
        rows.append(measure(name, os.path.abspath(directory), args))
        r = rows[-1]
        print(f"{r['project']}: {r['chunks']} chunks; names found after "
              + ", ".join(f"{x['name']} {x['seconds']} s" for x in r["names"])
              + f"; index finished after {r['index_done_s']} s ({r['polls']} searches)", flush=True)
    report = {"cpu": cpu_model(), "cores": os.cpu_count(), "projects": rows}
    print(f"\n{'project':16} {'chunks':>7} {'first s':>8} {'all s':>7} {'index s':>8}   on {report['cpu']}")
    for r in rows:
        print(f"{r['project']:16} {r['chunks']:>7} {str(r['first_result_s']):>8} {str(r['all_found_s']):>7} "
              f"{str(r['index_done_s']):>8}")
    if args.report:
        with open(args.report, "w") as f:
            json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
