#!/usr/bin/env bash
# Run the app on http://localhost:8501: install, create or migrate the database, seed the
# demo into the embedded default database (or when DEMO=1) if it is empty — or again, from
# scratch, if an earlier seed was interrupted (seed-demo --if-empty does that) — start Streamlit.
# A database with users or sellers that is not the demo is never seeded: seed-demo exits 2.
# Extra arguments go to `streamlit run`, e.g. `scripts/run.sh --server.port 8600`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
.venv/bin/python -m app init-db
if [ -z "${DATABASE_URL:-}" ] || [ "${DEMO:-}" = 1 ]; then
  .venv/bin/python -m app seed-demo --if-empty
fi
exec .venv/bin/streamlit run streamlit_app.py --server.port 8501 --browser.gatherUsageStats false "$@"
