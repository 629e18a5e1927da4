"""Create the rum extension and a RUM index on archive_searchdocument.vector in i11_rum; time it, record sizes.

The backend doing the build is reniced to 10 (the machine is shared)."""

import json
import os
import subprocess
import time
from pathlib import Path

import psycopg2

conn = psycopg2.connect(os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/i11_rum"))
conn.autocommit = True
cur = conn.cursor()
cur.execute("SELECT pg_backend_pid()")
pid = cur.fetchone()[0]
os.setpriority(os.PRIO_PROCESS, pid, 10)
out = {"uptime_before": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()}
cur.execute("CREATE EXTENSION IF NOT EXISTS rum")
start = time.perf_counter()
cur.execute("CREATE INDEX archive_searchdoc_vector_rum ON archive_searchdocument USING rum (vector rum_tsvector_ops)")
out["build_seconds"] = round(time.perf_counter() - start, 1)
out["uptime_after"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
cur.execute("ANALYZE archive_searchdocument")
RUM, GIN = "'archive_searchdoc_vector_rum'", "'archive_searchdoc_vector'"
cur.execute(
    f"SELECT pg_relation_size({RUM}), pg_size_pretty(pg_relation_size({RUM})), "
    f"pg_relation_size({GIN}), pg_size_pretty(pg_relation_size({GIN}))"
)
out["rum_bytes"], out["rum_pretty"], out["gin_bytes"], out["gin_pretty"] = cur.fetchone()
print(json.dumps(out, indent=1))
(Path(__file__).resolve().parents[1] / "out" / "rum-build.json").open("w").write(json.dumps(out, indent=1))
