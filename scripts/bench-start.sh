#!/usr/bin/env bash
# Benchmark: seconds from `npm start` to the first 200 from the home page.
# Usage: bash scripts/bench-start.sh [--fresh]   (--fresh removes web/build and ./data first: a first start)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${1:-}" = "--fresh" ] && rm -rf web/build data
port=${PORT:-3199}
start=$(date +%s.%N)
PORT=$port npm start > /tmp/lca-bench-start.log 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://localhost:$port/"; do
  kill -0 $pid 2>/dev/null || { cat /tmp/lca-bench-start.log; exit 1; }
  sleep 0.1
done
echo "first 200 after $(echo "$(date +%s.%N) - $start" | bc) s"
pkill -P $pid 2>/dev/null || true; kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
