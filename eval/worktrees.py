#!/usr/bin/env python3
"""A second worktree of an indexed repository: what it embeds, writes and waits for, measured on a real package.

Two released versions of a PyPI package (sdists, `pip download`) are committed as two commits of one git repository;
the main checkout stays at the old one and `git worktree add` checks the new one out beside it (with --clone, a
`git clone` of the repository does). With a fresh data dir
(empty embedding cache, the real default model):
1. the old checkout is indexed;
2. the new worktree is indexed, and lexical `search`es poll from the start of that run, first for an identifier of a
   file both versions have as it is (answered from the old one's rows), then for an identifier only the new version
   has: their first hits are the times to answer; the texts the model embedded (the summary's "embedded",
   cache misses) are printed against the chunks whose text the old version does not have (from `chunks --json`), and
   the disk the new worktree adds against the old one's index: its own index directory (manifest, symbol table) plus
   what the shared store grew by;
3. scoping: the old checkout is searched for that identifier, which must not come back;
4. the new worktree is switched back to the old commit and indexed again: what the model embeds then.

Usage:
  flock /tmp/build.lock eval/worktrees.py [--package werkzeug] [--old 3.0.3] [--new 3.0.4] [--clone] [--report F]
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

from benchlib import cpu_model

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMAND = [os.path.join(ROOT, "bin", "code-indexer")]
WORD = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]{7,}\b")


def sh(args, cwd=None):
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def ci(args, home):
    return sh(COMMAND + args) if home is None else subprocess.run(
        COMMAND + args, env=dict(os.environ, CODE_INDEXER_HOME=home), capture_output=True, text=True)


def unpack(sdist, dest):
    with tarfile.open(sdist) as t:
        t.extractall(dest, filter="data")
    [top] = os.listdir(dest)
    return os.path.join(dest, top)


def commit(repo, tree, message):
    for entry in os.listdir(repo):
        if entry != ".git":
            path = os.path.join(repo, entry)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    for entry in os.listdir(tree):
        src = os.path.join(tree, entry)
        (shutil.copytree if os.path.isdir(src) else shutil.copy2)(src, os.path.join(repo, entry))
    git = ["git", "-c", "user.name=eval", "-c", "user.email=eval@example.com", "-c", "commit.gpgsign=false"]
    sh(git + ["add", "-A"], repo)
    sh(git + ["commit", "-q", "-m", message], repo)
    sh(["git", "tag", message], repo)


def words(tree):
    """The identifiers (8+ characters) in the tree's Python files."""
    found = set()
    for path in glob.glob(os.path.join(tree, "**", "*.py"), recursive=True):
        with open(path, errors="replace") as f:
            found.update(WORD.findall(f.read()))
    return found


def chunk_ids(tree, home):
    done = ci(["chunks", tree, "--root", tree, "--json"], home)
    ids = set()
    for line in done.stdout.splitlines():
        row = json.loads(line)
        for chunk in row.get("chunks", [row]):
            if "chunk_id" in chunk:
                ids.add(chunk["chunk_id"])
    return ids


def du(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def index_dir(home, tree):
    status = json.loads(ci(["status", "--path", tree, "--json"], home).stdout)
    return status["index_dir"], status["chunks"]


def embedded(summary):
    m = re.search(r"(\d+) embedded", summary)
    return int(m.group(1)) if m else None


def shared_identifier(old, new):
    """An identifier (8+ characters) of a Python file with the same content in both trees, and in no other file."""
    counts, same = {}, []
    for path in sorted(glob.glob(os.path.join(new, "**", "*.py"), recursive=True)):
        with open(path, errors="replace") as f:
            text = f.read()
        found = set(WORD.findall(text))
        for w in found:
            counts[w] = counts.get(w, 0) + 1
        other = os.path.join(old, os.path.relpath(path, new))
        if os.path.isfile(other) and open(other, errors="replace").read() == text:
            same.append(found)
    for found in same:
        unique = sorted(w for w in found if counts[w] == 1)
        if unique:
            return unique[0]
    sys.exit("no file is the same in both versions; pick other versions")


def poll(tree, word, home, started, run):
    """Seconds from `started` until a lexical search of `tree` has `word` in a hit, or None once the run ended
    without it."""
    while time.monotonic() - started < 600:
        s = ci(["search", "--path", tree, "--json", "--mode", "lexical", "-k", "5", word], home)
        if s.returncode == 0 and any(word in h["content"] for h in json.loads(s.stdout)["results"]):
            return time.monotonic() - started
        if run.poll() is not None and s.returncode == 0:
            return None
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--package", default="werkzeug")
    p.add_argument("--old", default="3.0.3")
    p.add_argument("--new", default="3.0.4")
    p.add_argument("--report")
    p.add_argument("--clone", action="store_true", help="a clone of the repository instead of a second worktree")
    p.add_argument("--keep", action="store_true", help="keep the repository, worktree and data dir to look into")
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="worktrees-")
    try:
        sh([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
            f"{a.package}=={a.old}", "-d", os.path.join(work, "dl")])
        sh([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
            f"{a.package}=={a.new}", "-d", os.path.join(work, "dl")])
        sdists = sorted(glob.glob(os.path.join(work, "dl", "*")))
        old_tree = unpack(next(s for s in sdists if a.old in os.path.basename(s)), os.path.join(work, "old"))
        new_tree = unpack(next(s for s in sdists if a.new in os.path.basename(s)), os.path.join(work, "new"))
        repo = os.path.join(work, "repo")
        os.makedirs(repo)
        sh(["git", "init", "-q"], repo)
        commit(repo, old_tree, "old")
        commit(repo, new_tree, "new")
        sh(["git", "checkout", "-q", "old"], repo)
        worktree = os.path.join(work, "worktree")
        if a.clone:
            sh(["git", "clone", "-q", repo, worktree])
            sh(["git", "checkout", "-q", "--detach", "new"], worktree)
        else:
            sh(["git", "worktree", "add", "-q", "--detach", worktree, "new"], repo)
        added = sorted(words(worktree) - words(repo))
        if not added:
            sys.exit("the new version has no identifier the old one lacks; pick other versions")
        probe = added[0]
        # An identifier of a file both versions have as it is: what the new worktree can answer from the old's rows.
        shared_probe = shared_identifier(repo, worktree)
        home = os.path.join(work, "home")
        os.makedirs(home)

        started = time.monotonic()
        first = ci(["index", repo], home)
        first_seconds = time.monotonic() - started
        first_dir, first_chunks = index_dir(home, repo)

        old_ids, new_ids = chunk_ids(repo, home), chunk_ids(worktree, home)
        changed = len(new_ids - old_ids)

        first_disk_before = du(first_dir)
        started = time.monotonic()
        run = subprocess.Popen(COMMAND + ["index", worktree], env=dict(os.environ, CODE_INDEXER_HOME=home),
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        answered_shared = poll(worktree, shared_probe, home, started, run)
        answered = poll(worktree, probe, home, started, run)
        second_summary = run.communicate()[0]
        second_seconds = time.monotonic() - started
        second_dir, second_chunks = index_dir(home, worktree)
        added_disk = du(second_dir) + (du(first_dir) - first_disk_before if second_dir != first_dir else 0)

        leaked = json.loads(ci(["search", "--path", repo, "--json", "--mode", "lexical", "-k", "20", probe],
                               home).stdout)["results"]
        sh(["git", "checkout", "-q", "--detach", "old"], worktree)
        back = ci(["index", worktree], home).stdout

        report = {
            "cpu": cpu_model(), "package": f"{a.package} {a.old} -> {a.new}", "probe": probe,
            "second_checkout": "clone" if a.clone else "worktree",
            "first": {"chunks": first_chunks, "seconds": round(first_seconds, 1), "embedded": embedded(first.stdout),
                      "disk_bytes": first_disk_before},
            "second_worktree": {"chunks": second_chunks, "chunks_whose_text_is_new": changed,
                                "embedded": embedded(second_summary), "seconds": round(second_seconds, 1),
                                "first_answer_seconds": None if answered is None else round(answered, 1),
                                "shared_probe": shared_probe,
                                "first_answer_from_shared_rows_seconds":
                                    None if answered_shared is None else round(answered_shared, 1),
                                "shares_store": second_dir != first_dir and not os.path.isdir(os.path.join(second_dir, "lucene")),
                                "disk_added_bytes": added_disk,
                                "disk_added_vs_first": round(added_disk / max(1, first_disk_before), 3)},
            "other_worktree_hits_for_probe": sum(probe in h["content"] for h in leaked),
            "switch_back_embedded": embedded(back),
        }
        print(json.dumps(report, indent=2))
        if a.report:
            with open(a.report, "w") as f:
                json.dump(report, f, indent=2)
    finally:
        if a.keep:
            print(f"kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
