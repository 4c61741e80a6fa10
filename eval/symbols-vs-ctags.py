#!/usr/bin/env python3
"""Measures how many of universal-ctags' definitions the symbol table holds at the same file and line.

For each project: index it with code-indexer (the real `index`, embeddings included; unless --symbols gives a
ready dump), list the symbol table with `code-indexer symbols --all --json`, run universal-ctags (JSON output with
line numbers) over the same source files, and report per project the share of ctags' functions, methods, classes,
interfaces, types and enums (the kinds in KINDS below) that the table has at the same path and line, with the
misses by kind and a sample of them. Exits 1 when a project is under 98%.

Usage:
  eval/fetch-corpora.sh /tmp/corpora
  flock /tmp/build.lock eval/symbols-vs-ctags.py --store lucene --corpora /tmp/corpora
  eval/symbols-vs-ctags.py [--store lucene] [--full] [--max-files N] [--report FILE] NAME=DIR [NAME=DIR ...]
  eval/symbols-vs-ctags.py --symbols DUMP.json NAME=DIR     (compare a dump, index nothing)
"""
import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile
import shutil
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ctags kinds that are definitions of functions, methods, classes, interfaces, types and enums, per ctags language.
KINDS = {
    "Java": {"class", "interface", "enum", "method", "annotation"},
    "Python": {"class", "function", "member"},
    "JavaScript": {"function", "class", "method", "generator", "getter", "setter"},
    "TypeScript": {"function", "class", "interface", "enum", "method", "alias", "generator"},
    "Go": {"func", "type", "struct", "interface", "talias", "methodSpec"},
}
# The languages ctags is asked to read, and the file extensions code-indexer gives the same language.
CTAGS_LANGUAGES = "Java,Python,JavaScript,TypeScript,Go"


def not_a_definition(tag, directory):
    """Why a ctags tag of a counted kind names no definition a symbol table could hold, or None.

    ctags invents names for anonymous functions (AnonymousFunction1a2b...), and its JavaScript parser reports object
    literals and prototype assignments as classes (var htmlEscapes = {...}; lodash.prototype = ...). Both are
    counted apart, and the report says how many there were.
    """
    if tag["name"].startswith("AnonymousFunction"):
        return "anonymous function (name made up by ctags)"
    if tag["language"] == "JavaScript" and tag["kind"] == "class":
        text = source_line(directory, tag["path"], tag["line"])
        if "class " not in text and "function" not in text:
            return "JavaScript object literal or prototype assignment tagged 'class'"
    return None


_LINES = {}


def source_line(directory, path, line):
    if path not in _LINES:
        with open(os.path.join(directory, path), encoding="utf-8", errors="replace") as f:
            _LINES[path] = f.read().split("\n")
    lines = _LINES[path]
    return lines[line - 1] if 0 < line <= len(lines) else ""


def ctags_definitions(directory, files, excluded):
    """(path, line) -> (kind, name) of every ctags definition of a counted kind in the given files.

    Tags that name no definition are left out and counted in excluded by reason.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as lst:
        lst.write("\n".join(files) + "\n")
    try:
        out = subprocess.run(["ctags", "--output-format=json", "--fields=+nl-P", "--languages=" + CTAGS_LANGUAGES,
                              "-L", lst.name, "-f", "-"], cwd=directory, capture_output=True, text=True, check=True)
    finally:
        os.unlink(lst.name)
    found = {}
    for line in out.stdout.splitlines():
        try:
            tag = json.loads(line)
        except json.JSONDecodeError:
            continue  # ctags writes a name with a stray byte as invalid JSON; such a name is never ours either
        if tag.get("_type") != "tag":
            continue
        language = tag.get("language")
        if tag.get("kind") in KINDS.get(language, ()):
            tag["path"] = tag["path"].removeprefix("./")
            reason = not_a_definition(tag, directory)
            if reason:
                excluded[reason] += 1
                continue
            found[(tag["path"], tag["line"])] = (language + " " + tag["kind"], tag["name"])
    return found


# The corpora eval/fetch-corpora.sh fetches, one per language.
CORPORA = {"commons-lang3": "java", "requests": "python", "lodash-es": "javascript", "cobra": "go", "rxjs": "typescript"}
COMMAND = [os.path.join(ROOT, "bin", "code-indexer")]


def code_indexer(*args, env=None):
    result = subprocess.run([*COMMAND, *args], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"code-indexer {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def our_symbols(directory, args, env):
    """The symbol table of the indexed directory, as `symbols --all --json` lists it."""
    if args.symbols:
        with open(args.symbols) as f:
            return json.load(f)
    out = code_indexer("symbols", "--all", "--json", "--path", directory, *store_args(args), env=env)
    return json.loads(out)["symbols"]


def store_args(args):
    return ["--store", args.store] if args.store else []


def sample_tree(directory, max_files, seed=13):
    """A copy of at most max_files source files of the tree (chosen at random, fixed seed), for a partial run."""
    sources = [f for f in source_files(directory)]
    random.Random(seed).shuffle(sources)
    target = tempfile.mkdtemp(prefix="symbols-sample-")
    for rel in sorted(sources[:max_files]):
        os.makedirs(os.path.dirname(os.path.join(target, rel)), exist_ok=True)
        shutil.copy2(os.path.join(directory, rel), os.path.join(target, rel))
    return target, len(sources)


EXTENSIONS = (".java", ".py", ".js", ".mjs", ".cjs", ".ts", ".go")


def source_files(directory):
    for base, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("node_modules",)]
        for name in files:
            if name.endswith(EXTENSIONS) and not name.endswith(".d.ts"):
                yield os.path.relpath(os.path.join(base, name), directory)


def measure(name, directory, args, env, report):
    total_files = None
    work = directory
    if args.max_files:
        work, total_files = sample_tree(directory, args.max_files)
    seconds = None
    if not args.symbols:
        print(f"{name}: indexing {work} ...", file=sys.stderr, flush=True)
        started = time.monotonic()
        code_indexer("index", work, *store_args(args), *(["--full"] if args.full else []), env=env)
        seconds = time.monotonic() - started
    symbols = our_symbols(work, args, env)
    ours = {(s["file"], s["line"]) for s in symbols}
    indexed_files = sorted({s["file"] for s in symbols} | set(source_files(work)))
    excluded = collections.Counter()
    theirs = ctags_definitions(work, [f for f in indexed_files if f.endswith(EXTENSIONS)], excluded)
    missed = {k: v for k, v in theirs.items() if k not in ours}
    share = 100.0 * (len(theirs) - len(missed)) / len(theirs) if theirs else 100.0
    by_kind = collections.Counter(v[0] for v in missed.values())
    kinds = collections.Counter(v[0] for v in theirs.values())
    scope = f"{args.max_files} of {total_files} files" if total_files else "all files"
    took = f", indexed in {seconds:.0f} s" if seconds is not None else ""
    report.append(f"{name} ({scope}): {len(theirs) - len(missed)}/{len(theirs)} ctags definitions found = {share:.2f}%"
                  f"; our table has {len(symbols)} symbols in {len({s['file'] for s in symbols})} files{took}")
    for kind, n in kinds.most_common():
        report.append(f"    {kind}: {n - by_kind.get(kind, 0)}/{n}")
    for reason, n in excluded.most_common():
        report.append(f"    not counted: {n} x {reason}")
    for (path, line), (kind, tag) in sorted(missed.items())[: args.show]:
        report.append(f"    missed {kind} {tag} at {path}:{line}")
    if work != directory:
        shutil.rmtree(work, ignore_errors=True)
    return share


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("projects", nargs="*", metavar="NAME=DIR")
    parser.add_argument("--corpora", help="measure the five corpora eval/fetch-corpora.sh put in this directory")
    parser.add_argument("--full", action="store_true", help="index from scratch (index --full)")
    parser.add_argument("--code-indexer", help="the command to run (default: bin/code-indexer), e.g. 'java -jar X.jar'")
    parser.add_argument("--store", help="store to index into (lucene keeps it on this machine)")
    parser.add_argument("--max-files", type=int, help="index a random sample of this many source files")
    parser.add_argument("--symbols", help="compare this dump of symbols instead of indexing (one project)")
    parser.add_argument("--show", type=int, default=10, help="misses to list per project (default 10)")
    parser.add_argument("--report", help="also write the report to this file")
    args = parser.parse_args()
    if args.code_indexer:
        COMMAND[:] = args.code_indexer.split()
    if args.corpora:
        args.projects += [f"{name}={os.path.join(args.corpora, name)}" for name in CORPORA]
    if not args.projects:
        parser.error("name projects as NAME=DIR, or give --corpora DIR")
    env = dict(os.environ)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    ctags = subprocess.run(["ctags", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    report = [f"{ctags}; {os.cpu_count()} cores of {cpu}; store {args.store or 'default'}"]
    shares = []
    for project in args.projects:
        name, _, directory = project.partition("=")
        shares.append(measure(name, os.path.abspath(directory), args, env, report))
    text = "\n".join(report)
    print(text)
    if args.report:
        with open(args.report, "w") as f:
            f.write(text + "\n")
    return 0 if shares and min(shares) >= 98.0 else 1


if __name__ == "__main__":
    sys.exit(main())
