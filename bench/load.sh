#!/usr/bin/env bash
# Load run (issue 9): gunicorn as in the README's production section, wrk from the same machine.
#  1. saturation ramp on a commentary page (sync workers, a new connection per request);
#  2. 60 s at twice the saturating concurrency on that page, then on search pages that all miss the
#     cache (dummy cache; common words, page numbers 1–50), then a normal request right after each;
#  3. content-page throughput with persistent connections (gthread workers keep connections alive).
# Needs a corpus: see bench/README.md ("Load"). Usage: DATABASE_URL=... bench/load.sh [saturating-c]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8109}
BASE="http://127.0.0.1:$PORT"
export DJANGO_SETTINGS_MODULE=bench.settings
OUT=bench/out/load-$(date -u +%Y%m%dT%H%M)
mkdir -p "$OUT"
PID=""
stop() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; fi; }
trap stop EXIT
serve() {  # serve <gunicorn args...>
    stop
    .venv/bin/gunicorn relations_site.wsgi --bind "127.0.0.1:$PORT" --log-level warning "$@" &
    PID=$!
    for _ in $(seq 1 60); do curl -fs -o /dev/null "$BASE/" && return; sleep 0.5; done
    echo "server did not start" >&2; exit 1
}
after() {  # the server answers normally straight after a run
    curl -s -o /dev/null -w "after: %{http_code} in %{time_total}s\n" "$BASE$1" | tee -a "$OUT/summary.txt"
}
SLUG=$(.venv/bin/python -c "import django; django.setup(); from archive.models import Commentary; \
print(Commentary.objects.filter(status='published').order_by('pk').values_list('slug', flat=True).first())")
PAGE="/commentary/$SLUG/"
WORDS=$(.venv/bin/python -c "import json; d = json.load(open('bench/out/terms-postgresql.json')); n = d['docs']; \
print(' '.join(sorted(k for k, v in d['doc_freq'].items() if 0.2 * n < v < 0.5 * n)[:8]))")
cat >"$OUT/search.lua" <<LUA
local words = {}
for w in string.gmatch("$WORDS", "%S+") do table.insert(words, w) end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/search/?q=" .. words[(n % #words) + 1] .. "&page=" .. ((n * 7) % 50 + 1))
end
LUA
echo "commentary page $PAGE; search words: $WORDS" | tee "$OUT/summary.txt"

# 1. Ramp (sync workers: Connection: close on every response).
serve --workers 3
for c in 1 2 4 8; do
    wrk -t1 -c$c -d10s --timeout 30s "$BASE$PAGE" >"$OUT/ramp-c$c.txt"
    echo "ramp c=$c: $(grep Requests/sec "$OUT/ramp-c$c.txt")" | tee -a "$OUT/summary.txt"
done
SAT=${1:-2}
C=$((SAT * 2))

# 2. Twice the saturating concurrency for 60 s: commentary page, then cache-missing search pages.
wrk -t2 -c$C -d60s --timeout 30s --latency "$BASE$PAGE" >"$OUT/commentary-c$C.txt"
after "$PAGE"
BENCH_CACHE=dummy serve --workers 3
wrk -t2 -c$C -d60s --timeout 30s --latency -s "$OUT/search.lua" "$BASE" >"$OUT/search-c$C.txt"
after "/search/?q=$(echo "$WORDS" | cut -d' ' -f1)&page=3"

# 3. Persistent connections: gthread workers keep the connection open between requests.
serve --workers 3 --worker-class gthread --threads 4 --keep-alive 5
for url in "$PAGE" "/" "/events/"; do
    wrk -t2 -c16 -d20s --timeout 30s "$BASE$url" >"$OUT/keepalive$(echo "$url" | tr / _).txt"
done
after "$PAGE"
stop
for f in "$OUT"/commentary-*.txt "$OUT"/search-*.txt "$OUT"/keepalive*.txt; do
    echo "== $(basename "$f")" >>"$OUT/summary.txt"
    grep -E "Requests/sec|requests in|Non-2xx|Socket errors|Latency  |99%" "$f" >>"$OUT/summary.txt" || true
done
cat "$OUT/summary.txt"
