"""Turns `code-indexer chunks DIR --json` output (stdin) into the benchmark's inputs: N chunks sampled with a fixed
seed and kept in walk order, each as {"text": ...} with the text the indexer embeds (ChunkRows.embeddingText: the
path, the entity id when it differs, a newline, the chunk's code).

    code-indexer chunks eval/corpora/commons-lang3 --json | python make_inputs.py N SEED > inputs.jsonl
"""
import json
import random
import sys

n, seed = int(sys.argv[1]), int(sys.argv[2])
chunks = [json.loads(line) for line in sys.stdin if line.startswith("{")]
keep = sorted(random.Random(seed).sample(range(len(chunks)), min(n, len(chunks))))
for i in keep:
    c = chunks[i]
    where = c["file_path"] if c["entity_id"] == c["file_path"] else c["file_path"] + " " + c["entity_id"]
    print(json.dumps({"text": where + "\n" + c["content"]}))
print(f"make_inputs: {len(keep)} of {len(chunks)} chunks", file=sys.stderr)
