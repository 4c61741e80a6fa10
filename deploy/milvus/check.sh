#!/usr/bin/env bash
# Validates deploy/milvus/docker-compose.yml: with Docker Compose where it exists (the authoritative check), else
# structurally with Python (YAML parses; every service has an image, a health check and only declared volumes).
set -euo pipefail
file="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/docker-compose.yml"
if docker compose version >/dev/null 2>&1; then
  docker compose -f "$file" config -q && echo "deploy/milvus: compose file valid (docker compose config)"
  exit 0
fi
if command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f "$file" config -q && echo "deploy/milvus: compose file valid (docker-compose config)"
  exit 0
fi
python3 - "$file" <<'PY'
import sys
try:
    import yaml
except ImportError:
    sys.exit("deploy/milvus: no docker compose and no PyYAML (pip install pyyaml) to check " + sys.argv[1])
doc = yaml.safe_load(open(sys.argv[1]))
problems = []
declared = set((doc.get("volumes") or {}).keys())
services = doc.get("services") or {}
if "standalone" not in services:
    problems.append("no 'standalone' (Milvus) service")
for name, svc in services.items():
    if not svc.get("image"):
        problems.append(f"service {name} has no image")
    if not (svc.get("healthcheck") or {}).get("test"):
        problems.append(f"service {name} has no health check")
    for v in svc.get("volumes", []):
        src = v.split(":")[0]
        if not src.startswith((".", "/", "$")) and src not in declared:
            problems.append(f"service {name} uses undeclared volume {src}")
    for dep in (svc.get("depends_on") or {}):
        if dep not in services:
            problems.append(f"service {name} depends on unknown service {dep}")
if problems:
    sys.exit("deploy/milvus: " + "; ".join(problems))
print("deploy/milvus: compose file valid (structural check; no docker compose here)")
PY
