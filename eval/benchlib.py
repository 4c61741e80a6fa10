"""What the benchmark scripts share: the machine's CPU, and a null embedding endpoint with its config."""
import http.server
import json
import os
import platform
import threading

DIMENSION = 384


def cpu_model():
    """The CPU's model name, as /proc/cpuinfo gives it: every figure is reported with it."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


class NullEmbeddings(http.server.BaseHTTPRequestHandler):
    """An OpenAI-compatible /embeddings endpoint that answers at once with a fixed unit vector per input."""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        vector = [1.0] + [0.0] * (DIMENSION - 1)
        answer = json.dumps({"object": "list", "model": body.get("model", "null"),
                             "data": [{"object": "embedding", "index": i, "embedding": vector}
                                      for i in range(len(inputs))],
                             "usage": {"prompt_tokens": 0, "total_tokens": 0}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


def start_null_embeddings():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NullEmbeddings)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def null_embeddings_config(directory, server, extra=""):
    """A config file in {@code directory} that sends every model call to the null endpoint {@code server}."""
    config = os.path.join(directory, "config.yaml")
    with open(config, "w") as f:
        f.write("embedding:\n  provider: openai\n  model: null-embeddings\n"
                f"  base_url: http://127.0.0.1:{server.server_address[1]}/v1\n  api_key: none\n"
                f"  dimensions: {DIMENSION}\nvector_store:\n  embedding_dimension: {DIMENSION}\n" + extra)
    return config
