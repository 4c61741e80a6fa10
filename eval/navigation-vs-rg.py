#!/usr/bin/env python3
"""Checks grep, refs and callers against ripgrep on real projects, and times grep beside rg in the same run.

For each project (NAME=DIR): index it with code-indexer (a null embedding endpoint answers the model calls, since
nothing here searches by meaning: the symbol table and the file list are what is measured), start `serve`, and:

- grep -w / refs: for N identifiers (names the project defines, chosen at random with a fixed seed), the file:line
  set of `POST /api/grep {"word": true}` and of `GET /api/refs` must equal `rg -n -w IDENT` over the same indexed
  files. Reports the identifiers that differ, with the lines.
- latency: p50 and p90 of each grep over HTTP (the warm server an agent or the page talks to) and of each `rg`
  process over the same files, measured one after the other in this run; the ratio is what the README quotes.
- grep --regex: the same functions' `NAME\\s*\\(` patterns must give rg's lines too.
- callers: for M functions and methods with calls, every line `rg -n 'NAME\\s*\\('` finds that is neither the
  definition itself nor a mention inside a comment or a string (by the grammar, via `refs --code-only`) must be a
  call site `callers NAME` lists. Misses are printed with their text for checking by hand.

Usage:
  eval/fetch-corpora.sh /tmp/corpora
  flock /tmp/build.lock eval/navigation-vs-rg.py commons-lang3=/tmp/corpora/commons-lang3 requests=/tmp/corpora/requests
  eval/navigation-vs-rg.py [--code-indexer 'java -jar X.jar'] [--identifiers 100] [--functions 20] [--report F] NAME=DIR...
Needs ripgrep (`apt-get install ripgrep`). Exits 1 when a grep or refs answer differs from rg or a call site is missed.
"""
import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from benchlib import cpu_model, null_embeddings_config, start_null_embeddings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMAND = [os.path.join(ROOT, "bin", "code-indexer")]
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{2,}$")


def code_indexer(*args, env):
    result = subprocess.run([*COMMAND, *args], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"code-indexer {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def indexed_files(index_dir, collection):
    """The manifest's files, replaying its journal (put, remove, clear)."""
    files = {}
    with open(os.path.join(index_dir, f"manifest-{collection}.jsonl"), encoding="utf-8") as f:
        for line in f:
            if not line.endswith("\n"):
                break
            op = json.loads(line)
            if op["op"] == "put":
                files[op["file"]["path"]] = True
            elif op["op"] == "remove":
                files.pop(op["path"], None)
            elif op["op"] == "clear":
                files.clear()
    return sorted(files)


class Server:
    def __init__(self, config, env):
        self.process = subprocess.Popen([*COMMAND, "serve", "--port", "0", "--config", config], env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        for line in self.process.stdout:
            m = re.search(r"serving on (http://\S+) ", line)
            if m:
                self.base = m.group(1).replace("0.0.0.0", "127.0.0.1")
                break
        else:
            sys.exit("serve did not start")

    def get(self, endpoint, **params):
        url = self.base + endpoint + "?" + urllib.parse.urlencode(params)
        with urllib.request.urlopen(url, timeout=300) as r:
            return json.loads(r.read())

    def post(self, endpoint, body):
        request = urllib.request.Request(self.base + endpoint, data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=300) as r:
            return json.loads(r.read())

    def close(self):
        self.process.terminate()
        self.process.wait()


def rg(directory, files, *args):
    """file:line pairs rg finds, and the seconds the rg process took."""
    start = time.perf_counter()
    out = subprocess.run(["rg", "--no-config", "-n", "--no-heading", "--with-filename", *args, "--", *files],
                         cwd=directory, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if out.returncode not in (0, 1):
        sys.exit(f"rg {' '.join(args)} failed: {out.stderr}")
    found = {}
    for line in out.stdout.splitlines():
        path, number, text = line.split(":", 2)
        found[(path, int(number))] = text
    return found, seconds


def quantile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def measure(name, directory, args, env, config, report):
    start = time.perf_counter()
    code_indexer("index", directory, "--config", config, env=env)
    indexed_in = time.perf_counter() - start
    status = json.loads(code_indexer("status", "--path", directory, "--json", "--config", config, env=env))
    files = indexed_files(status["index_dir"], status["collection"])
    symbols = json.loads(code_indexer("symbols", "--all", "--json", "--path", directory, "--config", config,
                                      env=env))["symbols"]
    lines = 0
    for f in files:
        with open(os.path.join(directory, f), "rb") as fh:
            lines += fh.read().count(b"\n")
    rnd = random.Random(7)
    names = sorted({s["name"] for s in symbols if IDENTIFIER.match(s["name"])})
    sample = rnd.sample(names, min(args.identifiers, len(names)))
    server = Server(config, env)
    failures = 0
    try:
        grep_times, rg_times, refs_times = [], [], []
        grep_diff, refs_diff = [], []
        for ident in sample:
            theirs, seconds = rg(directory, files, "-w", "-F", ident)
            rg_times.append(seconds)
            t = time.perf_counter()
            g = server.post("/api/grep", {"path": directory, "pattern": ident, "word": True, "max": 100000})
            grep_times.append(time.perf_counter() - t)
            ours = {(m["file_path"], m["line"]) for m in g["matches"]}
            if ours != set(theirs):
                grep_diff.append((ident, sorted(ours - set(theirs))[:5], sorted(set(theirs) - ours)[:5]))
            t = time.perf_counter()
            r = server.get("/api/refs", path=directory, name=ident, max=100000)
            refs_times.append(time.perf_counter() - t)
            ours = {(l["file"], l["line"]) for g_ in r["groups"] for l in g_["lines"]}
            if ours != set(theirs):
                refs_diff.append((ident, sorted(ours - set(theirs))[:5], sorted(set(theirs) - ours)[:5]))
        failures += len(grep_diff) + len(refs_diff)

        # callers: functions and methods whose name rg finds followed by "(" somewhere but on their definition line.
        definitions = {}
        for s in symbols:
            if s["kind"] in ("function", "method", "constructor"):
                definitions.setdefault(s["name"], set()).add((s["file"], s["line"]))
        candidates = sorted(n for n in definitions if IDENTIFIER.match(n) and len(n) >= 4)
        rnd.shuffle(candidates)
        checked, sites_total, sites_missed, misses, regex_diff = [], 0, 0, [], []
        for fn in candidates:
            if len(checked) == args.functions:
                break
            theirs, _ = rg(directory, files, "-e", r"\b" + fn + r"\s*\(")
            calls = {k: v for k, v in theirs.items() if k not in definitions[fn]}
            if not calls:
                continue
            g = server.post("/api/grep", {"path": directory, "pattern": r"\b" + fn + r"\s*\(", "regex": True,
                                          "max": 100000})
            if {(m["file_path"], m["line"]) for m in g["matches"]} != set(theirs):
                regex_diff.append(fn)
            code = server.get("/api/refs", path=directory, name=fn, code_only="true", max=100000)
            in_code = {(l["file"], l["line"]) for g_ in code["groups"] for l in g_["lines"]}
            callers = server.get("/api/callers", path=directory, name=fn)
            ours = {(s_["file"], s_["line"]) for g_ in callers["callers"] for s_ in g_["sites"]}
            expected = {k: v for k, v in calls.items() if k in in_code}
            missed = {k: v for k, v in expected.items() if k not in ours}
            checked.append((fn, len(expected), len(missed), len(calls) - len(expected)))
            sites_total += len(expected)
            sites_missed += len(missed)
            misses.extend((fn, k, v.strip()[:120]) for k, v in sorted(missed.items()))
        failures += sites_missed + len(regex_diff)
    finally:
        server.close()

    cpu = cpu_model()
    p50_grep, p50_rg = statistics.median(grep_times), statistics.median(rg_times)
    out = [f"## {name}: {len(files)} files, {lines} lines, {len(symbols)} symbols (indexed in {indexed_in:.0f} s, "
           f"null embeddings; {cpu})",
           f"- grep -w vs rg -n -w, {len(sample)} identifiers: {len(sample) - len(grep_diff)} identical"
           + ("" if not grep_diff else f"; differ: {grep_diff[:5]}"),
           f"- refs vs rg -n -w: {len(sample) - len(refs_diff)} identical"
           + ("" if not refs_diff else f"; differ: {refs_diff[:5]}"),
           f"- latency p50 / p90: grep over HTTP {p50_grep * 1000:.1f} / {quantile(grep_times, 0.9) * 1000:.1f} ms,"
           f" refs {statistics.median(refs_times) * 1000:.1f} / {quantile(refs_times, 0.9) * 1000:.1f} ms,"
           f" rg process {p50_rg * 1000:.1f} / {quantile(rg_times, 0.9) * 1000:.1f} ms;"
           f" grep / rg p50 = {p50_grep / p50_rg:.2f}",
           f"- grep --regex '\\bNAME\\s*\\(' vs rg -n -e, {len(checked)} patterns: {len(checked) - len(regex_diff)}"
           f" identical" + ("" if not regex_diff else f"; differ: {regex_diff}"),
           f"- callers of {len(checked)} functions: {sites_total - sites_missed} of {sites_total} call sites rg finds"
           f" in code (recall {(sites_total - sites_missed) / max(1, sites_total):.3f}); rg lines left out as"
           f" comments or strings: {sum(c[3] for c in checked)}",
           f"  functions: {', '.join(f'{c[0]} ({c[1]})' for c in checked)}"]
    out.extend(f"  missed: {fn} {path}:{line}: {text}" for fn, (path, line), text in misses[:20])
    print("\n".join(out), flush=True)
    report.write("\n".join(out) + "\n\n")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("projects", nargs="+", help="NAME=DIR")
    parser.add_argument("--code-indexer", help="the command to run (default: bin/code-indexer), e.g. 'java -jar X.jar'")
    parser.add_argument("--identifiers", type=int, default=100)
    parser.add_argument("--functions", type=int, default=20)
    parser.add_argument("--report", default="navigation-vs-rg.md")
    args = parser.parse_args()
    if args.code_indexer:
        COMMAND[:] = args.code_indexer.split()
    embeddings = start_null_embeddings()
    home = tempfile.mkdtemp(prefix="nav-eval-")
    config = null_embeddings_config(home, embeddings)
    env = dict(os.environ, CODE_INDEXER_HOME=home)
    rg_version = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    failures = 0
    with open(args.report, "w") as report:
        report.write(f"# grep, refs and callers against {rg_version}\n\n")
        for project in args.projects:
            name, directory = project.split("=", 1)
            failures += measure(name, os.path.abspath(directory), args, env, config, report)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
