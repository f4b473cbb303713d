#!/usr/bin/env bash
# schemathesis's own CLI against a live `minutebook serve` (gunicorn, 3 workers) over a store:
# every operation in /api/v1/openapi.json, valid and invalid requests, all checks (no server
# errors, responses keep to the schema). tests/web/test_schema_fuzz.py runs the same checks
# in-process on both stores in the test suite; this is the same against the real server.
# One check is left out here: positive_data_acceptance, because `since` after `until` is a 400
# (each date is valid alone; OpenAPI cannot state a rule across two parameters). The pytest test
# keeps that check and expects exactly that 400 for exactly those requests.
#
#   benchmarks/schemathesis_run.sh [--data DIR | --store postgresql://…] [max examples, default 50]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
STORE_ARGS=(--data "${MINUTEBOOK_DATA:-.minutebook}")
if [[ "${1:-}" == --data || "${1:-}" == --store ]]; then STORE_ARGS=("$1" "$2"); shift 2; fi
EXAMPLES="${1:-50}"
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
setsid $PY -m minutebook.cli serve "${STORE_ARGS[@]}" --workers 3 --port "$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill -TERM -- -$SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/v1/documents?limit=1" && break
  sleep 1
done
.venv/bin/schemathesis run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --url "http://127.0.0.1:$PORT/api/v1" --checks all --exclude-checks positive_data_acceptance --max-examples "$EXAMPLES" --seed 1 \
  --phases examples,coverage,fuzzing
