#!/usr/bin/env python3
"""Soaks one index with every kind of reader and writer at once, from several processes, on loopback only.

Two copies of real code (this repository's own sources, copied to a temporary directory) are indexed with the
embedded defaults (Lucene, the in-process model), a `serve` is started on 127.0.0.1, and until the time or the
operation budget runs out:

- a CLI writer edits, adds and removes files of codebase A and runs `index --wait` (every fourth run `--full`);
- an HTTP rebuilder asks the server for a full rebuild of A every few seconds (refused with 409 or a job failing
  with `index_locked` while the CLI writer holds the lock: counted as refusals, not failures);
- two HTTP searchers and one CLI searcher (a process per search) search A for identifiers of files nobody edits:
  every answer must be a success holding the expected file in the top 10;
- a status poller asks the server and the CLI for A's status: every answer must be a success;
- a cycler indexes codebase B, searches it, deletes it (`delete --all`) and checks that it then reads "not indexed".

Then the writers stop, A is brought up to date once more, and its files and chunks are compared with a fresh index
of the same tree built in another index directory: equal counts mean no row lost and none twice. One generation
must be left (`collections`). Exits 1 on any failed search, status or count.

Usage:
  flock /tmp/build.lock eval/soak.py [--minutes 10] [--max-ops 500000] [--report FILE]
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
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from benchlib import cpu_model

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMAND = [os.path.join(ROOT, "bin", "code-indexer")]


class Tally:
    """Counts, failures and latencies per operation, shared by the workers."""

    def __init__(self, max_ops):
        self.lock = threading.Lock()
        self.counts = {}
        self.failures = []
        self.latencies = {}
        self.max_ops = max_ops
        self.total = 0

    def record(self, op, seconds, outcome="ok", detail=None):
        with self.lock:
            self.counts.setdefault(op, {}).setdefault(outcome, 0)
            self.counts[op][outcome] += 1
            self.latencies.setdefault(op, []).append(seconds)
            self.total += 1
            if outcome == "failed":
                self.failures.append(f"{op}: {detail}")

    def exhausted(self):
        with self.lock:
            return self.total >= self.max_ops


class Soak:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.a = os.path.join(work, "repo-a")
        self.b = os.path.join(work, "repo-b")
        self.home = os.path.join(work, "home")
        self.config = os.path.join(work, "config.yaml")
        self.env = dict(os.environ, CODE_INDEXER_HOME=self.home)
        self.env.pop("CODE_INDEXER_CONFIG", None)
        self.tally = Tally(args.max_ops)
        self.deadline = None
        self.stopping = threading.Event()
        self.server = None
        self.base = None
        self.targets = []
        self.churn = 0

    # --- processes and requests -------------------------------------------------------------------------------

    def cli(self, *args, timeout=600):
        start = time.perf_counter()
        r = subprocess.run([*COMMAND, *args, "--config", self.config], capture_output=True, text=True,
                           env=self.env, timeout=timeout)
        return r, time.perf_counter() - start

    def http(self, method, endpoint, body=None, **params):
        url = self.base + endpoint + ("?" + urllib.parse.urlencode(params) if params else "")
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"Content-Type": "application/json"} if data else {})
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=300) as r:
                return r.status, json.loads(r.read() or b"null"), time.perf_counter() - start
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null"), time.perf_counter() - start

    def running(self):
        return not self.stopping.is_set() and time.monotonic() < self.deadline and not self.tally.exhausted()

    # --- set-up -----------------------------------------------------------------------------------------------

    def prepare(self):
        shutil.copytree(os.path.join(ROOT, "engine", "src", "main", "java"), self.a)
        shutil.copytree(os.path.join(ROOT, "core", "src", "main", "java"), self.b)
        os.makedirs(os.path.join(self.a, "churn"))
        with open(self.config, "w") as f:
            f.write(f"server:\n  roots: [{json.dumps(self.work)}]\n")
        sources = sorted(os.path.relpath(os.path.join(d, n), self.a) for d, _, names in os.walk(self.a)
                         for n in names if n.endswith(".java") and n != "package-info.java")
        for rel in random.Random(7).sample(sources, 6):
            self.targets.append((os.path.basename(rel)[:-5], rel))
        for path in (self.a, self.b):
            r, _ = self.cli("index", path)
            if r.returncode != 0:
                sys.exit(f"indexing {path} failed: {r.stderr.strip()}")
        self.server = subprocess.Popen([*COMMAND, "serve", "--port", "0", "--config", self.config], env=self.env,
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        for line in self.server.stdout:
            m = re.search(r"serving on (http://\S+) ", line)
            if m:
                self.base = m.group(1).replace("0.0.0.0", "127.0.0.1")
                break
        else:
            sys.exit("serve did not start")
        threading.Thread(target=lambda: [None for _ in self.server.stdout], daemon=True).start()

    # --- workers ----------------------------------------------------------------------------------------------

    def mutate(self):
        """Adds a file, edits one, or removes the oldest: the writer's changes, all under churn/."""
        self.churn += 1
        files = sorted(os.listdir(os.path.join(self.a, "churn")))
        step = self.churn % 3
        if step == 0 and files:
            os.remove(os.path.join(self.a, "churn", files[0]))
            return
        name = files[-1] if step == 2 and files else f"Churn{self.churn:05d}.java"
        cls = name[:-5]
        with open(os.path.join(self.a, "churn", name), "w") as f:
            f.write(f"package churn;\n\n/** Churned by the soak, round {self.churn}. */\npublic class {cls} {{\n"
                    f"    /** Round {self.churn}: adds {self.churn} to a value. */\n"
                    f"    public int shift{self.churn}(int value) {{\n        return value + {self.churn};\n    }}\n}}\n")

    def cli_writer(self):
        runs = 0
        while self.running():
            self.mutate()
            runs += 1
            full = runs % 4 == 0
            r, t = self.cli("index", self.a, "--wait", *(["--full"] if full else []))
            self.tally.record("cli index --full" if full else "cli index", t,
                              "ok" if r.returncode == 0 else "failed", r.stderr.strip()[-300:])

    def http_rebuilder(self):
        while self.running():
            status, body, t = self.http("POST", "/api/index", {"path": self.a, "full": True})
            if status == 409:
                self.tally.record("http rebuild", t, "refused")
            elif status != 202:
                self.tally.record("http rebuild", t, "failed", f"{status} {body}")
            else:
                job = body
                while job["state"] in ("QUEUED", "RUNNING"):
                    time.sleep(0.2)
                    _, job, _ = self.http("GET", f"/api/jobs/{job['id']}")
                error = json.dumps(job)
                if job["state"] == "SUCCEEDED":
                    self.tally.record("http rebuild", t, "ok")
                elif "index_locked" in error or "is being written by" in error:
                    self.tally.record("http rebuild", t, "refused")
                else:
                    self.tally.record("http rebuild", t, "failed", error[:300])
            self.sleep(5)

    def http_searcher(self, seed):
        rnd = random.Random(seed)
        while self.running():
            ident, rel = rnd.choice(self.targets)
            status, body, t = self.http("POST", "/api/search", {"path": self.a, "query": ident, "top_k": 10})
            if status != 200:
                self.tally.record("http search", t, "failed", f"{status} {body}")
                continue
            files = [h["file_path"] for h in body["queries"][0]["results"]]
            self.tally.record("http search", t, "ok" if rel in files else "failed", f"{ident}: {rel} not in {files}")

    def cli_searcher(self):
        rnd = random.Random(3)
        while self.running():
            ident, rel = rnd.choice(self.targets)
            r, t = self.cli("search", "--path", self.a, "--json", ident)
            if r.returncode != 0:
                self.tally.record("cli search", t, "failed", r.stderr.strip()[-300:])
                continue
            files = [h["file_path"] for h in json.loads(r.stdout)["results"]]
            self.tally.record("cli search", t, "ok" if rel in files else "failed", f"{ident}: {rel} not in {files}")

    def status_poller(self):
        polls = 0
        while self.running():
            polls += 1
            status, body, t = self.http("GET", "/api/status", path=self.a)
            self.tally.record("http status", t, "ok" if status == 200 else "failed", f"{status} {body}")
            if polls % 10 == 0:
                r, t = self.cli("status", "--path", self.a, "--json")
                self.tally.record("cli status", t, "ok" if r.returncode == 0 else "failed", r.stderr.strip())
            self.sleep(0.2)

    def cycler(self):
        while self.running():
            r, t = self.cli("index", self.b, "--wait")
            self.tally.record("cli index B", t, "ok" if r.returncode == 0 else "failed", r.stderr.strip()[-300:])
            r, t = self.cli("search", "--path", self.b, "--json", "VectorStore")
            ok = r.returncode == 0 and any(h["file_path"].endswith("VectorStore.java")
                                           for h in json.loads(r.stdout)["results"])
            self.tally.record("cli search B", t, "ok" if ok else "failed", (r.stderr or r.stdout).strip()[-300:])
            r, t = self.cli("delete", "--path", self.b, "--all")
            self.tally.record("cli delete B", t, "ok" if r.returncode == 0 else "failed", r.stderr.strip()[-300:])
            r, t = self.cli("status", "--path", self.b)
            self.tally.record("cli status B deleted", t, "ok" if r.returncode == 2 else "failed",
                              f"exit {r.returncode}: {r.stdout.strip()} {r.stderr.strip()}")

    def sleep(self, seconds):
        self.stopping.wait(min(seconds, max(0.0, self.deadline - time.monotonic())))

    # --- the end ----------------------------------------------------------------------------------------------

    def wait_for_jobs(self):
        while True:
            _, jobs, _ = self.http("GET", "/api/jobs")
            if not any(j["state"] in ("QUEUED", "RUNNING") for j in jobs.get("jobs", jobs) if isinstance(j, dict)):
                return
            time.sleep(0.5)

    def status(self, *extra):
        r, _ = self.cli("status", "--path", self.a, "--json", *extra)
        if r.returncode != 0:
            raise SystemExit(f"status failed: {r.stderr.strip()}")
        return json.loads(r.stdout)

    def verify(self):
        checks = {}
        self.wait_for_jobs()
        r, _ = self.cli("index", self.a, "--wait")
        checks["final index"] = r.returncode == 0
        soaked = self.status()
        fresh_dir = os.path.join(self.work, "fresh-index")
        r, _ = self.cli("index", self.a, "--index-dir", fresh_dir)
        checks["fresh index"] = r.returncode == 0
        fresh = self.status("--index-dir", fresh_dir)
        checks["files equal a fresh index"] = soaked["files"] == fresh["files"]
        checks["chunks equal a fresh index"] = soaked["chunks"] == fresh["chunks"]
        r, _ = self.cli("collections", "--path", self.a)
        collections = [c for c in r.stdout.split() if c.startswith(soaked["collection"].split("_g")[0])]
        checks["one generation left"] = collections == [soaked["collection"]]
        return checks, soaked, fresh

    def run(self):
        self.prepare()
        workers = [self.cli_writer, self.http_rebuilder, lambda: self.http_searcher(1), lambda: self.http_searcher(2),
                   self.cli_searcher, self.status_poller, self.cycler]
        threads = [threading.Thread(target=w) for w in workers]
        start = time.monotonic()
        self.deadline = start + self.args.minutes * 60
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
        try:
            checks, soaked, fresh = self.verify()
        finally:
            self.server.terminate()
            self.server.wait()
        return elapsed, checks, soaked, fresh


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--max-ops", type=int, default=500000, help="stop after this many operations in all")
    parser.add_argument("--report", help="write the figures as JSON here too")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="code-indexer-soak-")
    try:
        soak = Soak(args, work)
        elapsed, checks, soaked, fresh = soak.run()
        tally = soak.tally
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = []
    for op in sorted(tally.counts):
        lat = sorted(tally.latencies[op])
        rows.append({"op": op, **tally.counts[op], "p50_ms": round(statistics.median(lat) * 1000),
                     "max_ms": round(lat[-1] * 1000)})
    report = {"cpu": cpu_model(), "cores": os.cpu_count(), "seconds": round(elapsed), "operations": tally.total,
              "ops": rows, "failures": tally.failures[:50], "failed": len(tally.failures), "checks": checks,
              "final": {"files": soaked["files"], "chunks": soaked["chunks"], "collection": soaked["collection"],
                        "fresh_files": fresh["files"], "fresh_chunks": fresh["chunks"]}}
    print(f"soak: {report['seconds']} s, {tally.total} operations on {report['cpu']} ({report['cores']} cores)")
    print(f"{'operation':24} {'ok':>7} {'refused':>8} {'failed':>7} {'p50 ms':>8} {'max ms':>8}")
    for row in rows:
        print(f"{row['op']:24} {row.get('ok', 0):>7} {row.get('refused', 0):>8} {row.get('failed', 0):>7} "
              f"{row['p50_ms']:>8} {row['max_ms']:>8}")
    for name, ok in checks.items():
        print(f"{'ok ' if ok else 'FAILED'} {name}")
    print(f"final: {soaked['files']} files, {soaked['chunks']} chunks in {soaked['collection']}; "
          f"fresh index: {fresh['files']} files, {fresh['chunks']} chunks")
    for failure in tally.failures[:20]:
        print("failure:", failure)
    if args.report:
        with open(args.report, "w") as f:
            json.dump(report, f, indent=2)
    sys.exit(0 if not tally.failures and all(checks.values()) else 1)


if __name__ == "__main__":
    main()
