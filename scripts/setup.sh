#!/usr/bin/env bash
# Install what the app needs (or, with --dev, what the tests need too). Idempotent:
# a second run only checks, in a few seconds.
#
#   scripts/setup.sh         .venv with requirements.txt
#   scripts/setup.sh --dev   .venv with requirements-dev.txt, plus the Debian packages the
#                            tests use (chromium, postgresql, CJK and emoji fonts)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

dev=0
case "${1:-}" in
  "") ;;
  --dev) dev=1 ;;
  *) echo "usage: scripts/setup.sh [--dev]" >&2; exit 2 ;;
esac

say() { printf 'setup: %s\n' "$*"; }

# --- Debian packages (tests only) -----------------------------------------------------
DEB_PACKAGES=(chromium postgresql fonts-wqy-microhei fonts-noto-color-emoji)

apt_get() {
  local as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get -q "$@" </dev/null
}

deb_installed() { dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'; }

install_debian_packages() {
  local missing=() pkg
  for pkg in "${DEB_PACKAGES[@]}"; do
    deb_installed "$pkg" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    say "WARNING: no apt-get; install these yourself: ${missing[*]}" >&2
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    say "not root and no sudo: cannot install ${missing[*]}" >&2
    return 1
  fi
  say "installing Debian packages: ${missing[*]}"
  local log
  log=$(mktemp)
  # One retry of the update: a mirror can be briefly unreachable.
  if { apt_get update || { sleep 5; apt_get update; }; } >"$log" 2>&1 \
    && apt_get install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
    rm -f "$log"
  else
    tail -n 40 "$log" >&2
    rm -f "$log"
    say "apt-get failed" >&2
    return 1
  fi
}

# --- Python -----------------------------------------------------------------------------
uv_cmd() {
  if command -v uv >/dev/null 2>&1; then
    uv "$@"
  else
    python3 -m uv "$@"
  fi
}

ensure_uv() {
  command -v uv >/dev/null 2>&1 && return 0
  python3 -m uv --version >/dev/null 2>&1 && return 0
  say "installing uv"
  python3 -m pip install -q uv </dev/null
}

ensure_venv() {
  .venv/bin/python -c '' 2>/dev/null && return 0
  local python
  python=$(command -v python3.11 || command -v python3)
  say "creating .venv with $python"
  uv_cmd venv --clear --python "$python" .venv </dev/null
}

requirements=requirements.txt
if [ $dev -eq 1 ]; then
  install_debian_packages
  requirements=requirements-dev.txt
fi

ensure_uv
ensure_venv
# Compiled bytecode: this environment sets PYTHONDONTWRITEBYTECODE=1, and imports without
# .pyc files take ~5 s (set-up notes).
UV_COMPILE_BYTECODE=1 uv_cmd pip install -q -p .venv -r "$requirements" </dev/null
say "ready ($requirements)"
