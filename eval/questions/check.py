#!/usr/bin/env python3
"""Checks the hand-written question sets in this folder against the fetched corpora.

Usage: eval/questions/check.py CORPORA_DIR [FILE.jsonl ...]
  CORPORA_DIR is the folder eval/fetch-corpora.sh fetched into (one sub-folder per corpus).
  With no files, every *.jsonl next to this script is checked; a file's name (minus .jsonl) is its corpus.

For every entry: the keys are exactly query, file, line, entity (in that order); query and entity are
non-empty strings and line a positive integer; the file exists under CORPORA_DIR/<corpus>; the line
exists and contains the entity's last name segment (Class.method -> method; a constructor is written
Class.Class); no query appears twice (across all files, compared case- and whitespace-insensitively);
no (file, line) answer appears twice within a corpus. Exits 1 if anything fails.
"""
import glob
import json
import os
import re
import sys

KEYS = ["query", "file", "line", "entity"]


def norm(q):
    return re.sub(r"\s+", " ", q.strip().lower())


def check_file(corpora, path, seen_queries):
    corpus = os.path.basename(path)[: -len(".jsonl")]
    root = os.path.join(corpora, corpus)
    errors = []
    count = 0
    answers = {}
    if not os.path.isdir(root):
        return 0, [f"{path}: corpus folder {root} is missing"]
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            where = f"{os.path.basename(path)}:{n}"
            if not raw.strip():
                errors.append(f"{where}: blank line")
                continue
            try:
                entry = json.loads(raw)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: bad JSON ({e})")
                continue
            count += 1
            if list(entry) != KEYS:
                errors.append(f"{where}: keys are {list(entry)}, expected {KEYS}")
                continue
            query, file, line, entity = (entry[k] for k in KEYS)
            if not isinstance(query, str) or not query.strip():
                errors.append(f"{where}: empty query")
                continue
            if not isinstance(entity, str) or not entity.strip():
                errors.append(f"{where}: empty entity")
                continue
            if not isinstance(line, int) or isinstance(line, bool) or line < 1:
                errors.append(f"{where}: line {line!r} is not a positive integer")
                continue
            key = norm(query)
            if key in seen_queries:
                errors.append(f"{where}: duplicate query (also at {seen_queries[key]}): {query!r}")
            else:
                seen_queries[key] = where
            full = os.path.join(root, file)
            if os.path.isabs(file) or not os.path.isfile(full):
                errors.append(f"{where}: file {file} not found under {root}")
                continue
            with open(full, encoding="utf-8", errors="replace") as src:
                lines = src.read().split("\n")
            if line > len(lines):
                errors.append(f"{where}: {file} has {len(lines)} lines, entry says line {line}")
                continue
            name = entity.split(".")[-1]
            text = lines[line - 1]
            if not re.search(r"(?<![A-Za-z0-9_$])" + re.escape(name) + r"(?![A-Za-z0-9_$])", text):
                errors.append(f"{where}: {file}:{line} does not contain {name!r}: {text.strip()!r}")
            if (file, line) in answers:
                errors.append(f"{where}: same answer {file}:{line} as {answers[(file, line)]}")
            else:
                answers[(file, line)] = where
    return count, errors


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    corpora = argv[1]
    files = argv[2:] or sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "*.jsonl")))
    if not files:
        print("no question files found", file=sys.stderr)
        return 2
    seen = {}
    all_errors = []
    for path in files:
        count, errors = check_file(corpora, path, seen)
        all_errors += errors
        print(f"{os.path.basename(path)}: {count} entries, {len(errors)} problems")
    for e in all_errors:
        print("  " + e)
    print("OK" if not all_errors else f"FAILED: {len(all_errors)} problems")
    return 1 if all_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
