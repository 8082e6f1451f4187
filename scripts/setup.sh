#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, using only the Debian and npm registries:
# Chromium (the UI tests' browser), the build tools code-server's native modules compile with, and
# code-server (a real VS Code 1.100 server) in its own folder, outside the extension's dependencies.
# Idempotent: a second run only checks and returns in seconds. See ../shared/docs/TESTING-IN-REAL-VSCODE.md.
set -euo pipefail

readonly CODE_SERVER_VERSION=4.100.3
# The ripgrep build code-server 4.100.3's @vscode/ripgrep downloads from GitHub (unreachable here).
readonly RIPGREP_CACHE_DIR=vscode-ripgrep-cache-1.15.11
readonly RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
# python3-torch, python3-onnx, python3-numpy: the unit tests generate small model fixtures of every family
# (test/fixtures/make-fixtures.py); libopenblas0-pthread keeps torch from the 20x slower reference BLAS.
readonly APT_PACKAGES=(chromium ripgrep libkrb5-dev python3 make g++ pkg-config python3-torch python3-onnx python3-numpy libopenblas0-pthread)

# Keep in sync with test/harness/code-server-location.ts.
code_server_home="${PROBE_LENS_CODE_SERVER_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/probe-lens/code-server-$CODE_SERVER_VERSION}"
readonly code_server_home
readonly stamp="$code_server_home/.installed"

log() { printf '[setup] %s\n' "$*"; }

as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

install_apt_packages() {
  local missing=()
  local pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      missing+=("$pkg")
    fi
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "Debian packages present: ${APT_PACKAGES[*]}"
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

code_server_installed() {
  [[ -f "$stamp" && "$(cat "$stamp")" == "$CODE_SERVER_VERSION" ]]
}

# @vscode/ripgrep's postinstall looks in $TMPDIR for a cached archive before downloading one.
seed_ripgrep_cache() {
  local tmp_dir=$1
  local cache="$tmp_dir/$RIPGREP_CACHE_DIR"
  mkdir -p "$cache" "$tmp_dir/rg-staging"
  cp "$(command -v rg)" "$tmp_dir/rg-staging/rg"
  tar -czf "$cache/$RIPGREP_ARCHIVE" -C "$tmp_dir/rg-staging" rg
}

install_code_server() {
  if code_server_installed; then
    log "code-server $CODE_SERVER_VERSION present in $code_server_home"
    return
  fi
  log "installing code-server $CODE_SERVER_VERSION into $code_server_home (about a minute)"
  rm -rf "$code_server_home"
  mkdir -p "$code_server_home"
  local tmp_dir="$code_server_home/.tmp"
  seed_ripgrep_cache "$tmp_dir"
  # Its own package.json makes this folder the npm project, so the extension's .npmrc and lockfile stay
  # out of it. allowScripts: this npm skips dependency install scripts unless a package is listed.
  cat >"$code_server_home/package.json" <<JSON
{
  "name": "probe-lens-code-server",
  "private": true,
  "description": "code-server for Probe Lens's tests, installed by scripts/setup.sh",
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
  # unsafe_perm: code-server's postinstall refuses root otherwise. yes: node-pty runs `npx node-gyp` and
  # the machine's npmrc says yes=false. nodedir: node-gyp uses the local headers instead of downloading.
  # The nested installs code-server's postinstall runs have no allowScripts of their own, so they inherit
  # the permission through the environment; it is scoped to this folder's install only.
  (
    cd "$code_server_home"
    TMPDIR="$tmp_dir" \
      npm_config_unsafe_perm=true \
      npm_config_yes=true \
      npm_config_nodedir=/usr \
      npm_config_dangerously_allow_all_scripts=true \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  )
  local version
  # Even --version writes a default config and a log under XDG_*: keep them in the temp folder.
  version=$(XDG_CONFIG_HOME="$tmp_dir/config" XDG_DATA_HOME="$tmp_dir/data" \
    "$code_server_home/node_modules/.bin/code-server" --version | tail -n 1)
  rm -rf "$tmp_dir"
  [[ $version == "$CODE_SERVER_VERSION "* ]] || { log "unexpected code-server version: $version"; exit 1; }
  log "code-server reports: $version"
  printf '%s' "$CODE_SERVER_VERSION" >"$stamp"
}

main() {
  local started=$SECONDS
  install_apt_packages
  mkdir -p "$(dirname "$code_server_home")"
  # Two setups at once (two clones, two CI jobs) must not install into the same folder together.
  exec 9>"$code_server_home.lock"
  flock 9
  install_code_server
  log "done in $((SECONDS - started)) s"
}

main "$@"
