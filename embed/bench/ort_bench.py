"""The Python side of embed/bench/bench.sh, and its driver.

Runs the same model file and tokenizer.json that the Java pipeline uses with the onnxruntime Python package and
HuggingFace `tokenizers`, on the same inputs and with the same work as OnnxEmbeddingModel.embedDocuments: chunks in
groups of GROUP (the indexer's flush size), each group sorted by token length and run in batches of BATCH padded to
the batch's longest row, ORT intra-op threads = THREADS, then the model's pooling and L2 normalisation.

With a Java command after `--` (EmbedBench serve ...), both sides run in one process pair and alternate group by
group (Java first on even groups, Python first on odd ones), so that load from other processes on a shared machine
hits both sides alike; each side's time covers only its own embedding calls (tokenization included).

    python ort_bench.py MODEL_DIR INPUTS.jsonl N GROUP BATCH THREADS WARMUP [-- JAVA_SERVE_COMMAND...]

MODEL_DIR holds model.onnx, tokenizer.json and spec.json (written by `EmbedBench extract`). Prints one JSON line per
side, with the cosine between the two sides' vectors on the Python line.
"""
import json
import os
import subprocess
import sys
import time

import numpy as np
import onnxruntime as ort
import tokenizers


class PythonSide:
    def __init__(self, model_dir, batch, threads):
        self.spec = json.load(open(f"{model_dir}/spec.json"))
        t0 = time.perf_counter()
        self.tok = tokenizers.Tokenizer.from_file(f"{model_dir}/tokenizer.json")
        self.tok.no_padding()
        self.tok.enable_truncation(max_length=self.spec["max_len"])
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(f"{model_dir}/model.onnx", opts, providers=["CPUExecutionProvider"])
        self.load_s = time.perf_counter() - t0
        self.input_names = {i.name for i in self.session.get_inputs()}
        self.batch = batch
        self.tokenize_s = 0.0
        self.run_s = 0.0

    def run(self, rows):
        length = max(len(r) for r in rows)
        ids = np.zeros((len(rows), length), dtype=np.int64)
        mask = np.zeros((len(rows), length), dtype=np.int64)
        for i, r in enumerate(rows):
            ids[i, :len(r)] = r
            mask[i, :len(r)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.input_names:
            feed["token_type_ids"] = np.zeros_like(ids)
        t = time.perf_counter()
        hidden = self.session.run(None, feed)[0]
        self.run_s += time.perf_counter() - t
        if self.spec["pooling"] == "cls":
            v = hidden[:, 0, :]
        else:
            m = mask[:, :, None].astype(np.float32)
            v = (hidden * m).sum(axis=1) / m.sum(axis=1)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    def embed(self, texts):
        t = time.perf_counter()
        encoded = [e.ids for e in self.tok.encode_batch([self.spec["document_prefix"] + x for x in texts])]
        self.tokenize_s += time.perf_counter() - t
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
        out = [None] * len(encoded)
        for b in range(0, len(order), self.batch):
            idx = order[b:b + self.batch]
            for i, v in zip(idx, self.run([encoded[i] for i in idx])):
                out[i] = v
        return out


class JavaSide:
    def __init__(self, command):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.hello = json.loads(self.proc.stdout.readline())

    def ask(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise RuntimeError(f"the Java side ended (exit {self.proc.wait()}) after '{line}'")
        return json.loads(answer)

    def embed(self, start, end):
        return self.ask(f"embed {start} {end}")["seconds"]

    def close(self):
        self.proc.stdin.write("quit\n")
        self.proc.stdin.close()
        self.proc.wait()


def main():
    args = sys.argv[1:]
    java_cmd = args[args.index("--") + 1:] if "--" in args else None
    args = args[:args.index("--")] if "--" in args else args
    model_dir, inputs, n, group, batch, threads, warmup = args
    n, group, batch, threads, warmup = int(n), int(group), int(batch), int(threads), int(warmup)
    texts = []
    with open(inputs) as f:
        for line in f:
            if line.strip() and len(texts) < n:
                texts.append(json.loads(line)["text"])
    n = len(texts)
    groups = [(s, min(n, s + group)) for s in range(0, n, group)]

    py = PythonSide(model_dir, batch, threads)
    java = JavaSide(java_cmd) if java_cmd else None
    try:
        # Warm-up off the clock: JIT, ORT's first runs; then the warm-up's results are overwritten below.
        for s in range(0, min(warmup, n), group):
            e = min(warmup, n, s + group)
            py.embed(texts[s:e])
            if java:
                java.embed(s, e)
        py.tokenize_s = py.run_s = 0.0
        vectors = [None] * n
        py_s = java_s = 0.0
        for k, (s, e) in enumerate(groups):
            order = ("java", "python") if k % 2 == 0 else ("python", "java")
            for side in order:
                if side == "java" and java:
                    java_s += java.embed(s, e)
                elif side == "python":
                    t = time.perf_counter()
                    vectors[s:e] = py.embed(texts[s:e])
                    py_s += time.perf_counter() - t
        load = os.getloadavg()[0]
        result = {"side": "python-ort", "model": py.spec["name"], "ort": ort.__version__, "n": n, "group": group,
                  "batch": batch, "threads": threads, "load_s": round(py.load_s, 3),
                  "tokenize_s": round(py.tokenize_s, 3), "session_run_s": round(py.run_s, 3),
                  "seconds": round(py_s, 3), "chunks_per_s": round(n / py_s, 3), "loadavg_1m": load}
        if java:
            path = f"{model_dir}/java-vectors.f32"
            java.ask(f"vectors {path}")
            pv = np.stack(vectors).astype(np.float32)
            jv = np.fromfile(path, dtype="<f4").reshape(pv.shape)
            cos = (pv * jv).sum(axis=1) / (np.linalg.norm(pv, axis=1) * np.linalg.norm(jv, axis=1))
            result.update({"cosine_min": round(float(cos.min()), 5), "cosine_mean": round(float(cos.mean()), 5),
                           "cosine_below_0.99": int((cos < 0.99).sum())})
            print(json.dumps({"side": "java", "model": java.hello["model"], "java": java.hello["java"], "n": n,
                              "group": group, "batch": java.hello["batch"], "threads": java.hello["threads"],
                              "seconds": round(java_s, 3), "chunks_per_s": round(n / java_s, 3),
                              "loadavg_1m": load}), flush=True)
        print(json.dumps(result), flush=True)
    finally:
        if java:
            java.close()


if __name__ == "__main__":
    main()
