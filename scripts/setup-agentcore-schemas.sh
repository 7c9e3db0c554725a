#!/usr/bin/env bash
# Fetches the AgentCore CLI's own zod schemas of its project files (@aws/agentcore's dist/schema), pinned,
# into a cache directory, so a unit test can check that our test project files are what the CLI writes
# and that our reader accepts them. `npm install @aws/agentcore` fails on machines without its full
# dependency tree; the tarball from `npm pack` is enough (dist/schema needs only zod, ours is linked in).
#
#   bash scripts/setup-agentcore-schemas.sh     # prints the schema directory on its last line
#
# Env: AGENTCORE_MCP_VSCODE_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/agentcore-mcp-client), AGENTCORE_CLI_VERSION.
set -euo pipefail
VERSION=${AGENTCORE_CLI_VERSION:-0.30.0}
BASE=${AGENTCORE_MCP_VSCODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agentcore-mcp-client}
ROOT="$BASE/agentcore-cli-$VERSION"
PROJECT="$(cd "$(dirname "$0")/.." && pwd)"
say() { echo "[setup-agentcore-schemas $(date +%T)] $*" >&2; }
if [ ! -f "$ROOT/.ready" ]; then
  rm -rf "$ROOT"; mkdir -p "$ROOT"
  # shellcheck source=scripts/inner-npm-env.sh
  . "$(dirname "${BASH_SOURCE[0]}")/inner-npm-env.sh"
  inner_npm_env
  say "npm pack @aws/agentcore@$VERSION"
  (cd "$ROOT" && npm pack "@aws/agentcore@$VERSION" --silent >/dev/null && tar xzf ./*.tgz && rm -f ./*.tgz)
  [ -f "$ROOT/package/dist/schema/index.js" ] || { say "no dist/schema in @aws/agentcore@$VERSION"; exit 1; }
  mkdir -p "$ROOT/package/node_modules"
  ln -s "$PROJECT/node_modules/zod" "$ROOT/package/node_modules/zod"
  touch "$ROOT/.ready"
fi
echo "$ROOT/package/dist/schema"
