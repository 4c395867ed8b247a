#!/usr/bin/env bash
# The whole check, as CI runs it: install (with the test tools and Debian packages), lint,
# every test on SQLite, then the `db` tests again on a throwaway PostgreSQL cluster, then the
# 32-process concurrency tests alone on each database.
# Exits non-zero if any step fails. Extra arguments go to both pytest passes.
#
#   TEST_WORKERS=N   pytest-xdist workers per pass (default 2; 0 runs in one process)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

workers=${TEST_WORKERS:-2}
# worksteal: an idle worker takes queued tests from a busy one. With the default (`load`) the
# queues are fixed early, and one worker sat idle for minutes while the other worked through the
# slow tail (the SQLite pass: 920 s with `load`, 738 s with `worksteal`, same machine, issue 15 §4).
dist="--dist worksteal"
[ "$workers" = 0 ] && dist=""
started=$SECONDS
results=()
failed=0

# step NAME COMMAND...: run it and remember "NAME: outcome, its last output line (seconds)".
step() {
  local name=$1 t=$SECONDS rc log
  shift
  printf '\n=== %s\n' "$name"
  log=$(mktemp)
  "$@" </dev/null 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  local last
  last=$(grep -v '^[[:space:]]*$' "$log" | tail -n 1)
  rm -f "$log"
  if [ "$rc" -eq 0 ]; then
    results+=("$name ok: $last ($((SECONDS - t)) s)")
  else
    results+=("$name FAILED (exit $rc): $last ($((SECONDS - t)) s)")
    failed=1
  fi
  return "$rc"
}

# pytest exits 5 when it collects nothing: for the PostgreSQL pass that is only fine while
# no test asks for a database, or when the caller's arguments selected none.
postgres_pass() {
  HYPOTHESIS_PROFILE=postgres .venv/bin/pytest -q -n "$workers" $dist --durations=15 -m "db and not processes" \
    --db=postgres "$@"
  local rc=$?
  if [ $rc -eq 5 ] && { [ $# -gt 0 ] \
    || ! grep -rqE 'mark\.db\b|\bdb_url\b|\bdatabase_template\b' tests --include='test_*.py'; }; then
    echo "(no db tests selected)"
    return 0
  fi
  return $rc
}

# The 32-process tests, without xdist; none selected by the caller's arguments is fine.
processes_pass() {
  .venv/bin/pytest -q -p no:xdist -m processes "$@"
  local rc=$?
  [ $rc -eq 5 ] && { echo "(no process tests selected)"; return 0; }
  return $rc
}

summary() {
  local outcome=PASSED
  [ $failed -eq 0 ] || outcome=FAILED
  printf '\n=== test.sh %s in %d s\n' "$outcome" $((SECONDS - started))
  printf '  %s\n' "${results[@]}"
}

if ! step setup bash scripts/setup.sh --dev; then
  summary
  exit 1
fi
step ruff .venv/bin/ruff check .
# --durations: the slowest tests, where the next speed-up is (issue 15 §4).
step "pytest (SQLite)" .venv/bin/pytest -q -n "$workers" $dist --durations=15 -m "not processes" "$@"
step "pytest -m db (PostgreSQL)" postgres_pass "$@"
# The 32-process concurrency tests, alone in a fresh pytest process on each database.
step "pytest -m processes (SQLite)" processes_pass "$@"
step "pytest -m processes (PostgreSQL)" processes_pass --db=postgres "$@"
summary
exit $failed
