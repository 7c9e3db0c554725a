# Sourced by the setup scripts before they run npm on a Node of their own (Node 24 for code-server).
#
# Started through `npm run …`, the outer npm (on the machine's Node) exports variables that describe
# itself, and an inner npm would inherit them and pass them on to the install scripts it runs:
#   npm_config_user_agent   "npm/11 node/v20 …": code-server's postinstall reads the Node version from
#                           it and refuses to install on "v20" although it runs on Node 24
#   npm_config_node_gyp     the outer npm's node-gyp, used by every native build
#   npm_config_npm_version, npm_config_prefix, npm_config_global_prefix, npm_config_local_prefix,
#   npm_config_init_module, npm_execpath, npm_node_execpath, npm_command, npm_lifecycle_*,
#   npm_package_* (the project's package.json), NODE, INIT_CWD, COLOR, EDITOR
#   PATH                    the outer Node's directory, every node_modules/.bin up from the project,
#                           and the outer npm's node-gyp-bin, all put first
# The user's own settings (registry, cafile, proxy, …) are exported too (npm_config_<name>); they stay,
# and so does npm_config_globalconfig: the inner npm reads the same config files as the user's npm.
# Run by hand, none of this is set and the function changes nothing but globalconfig (set to the
# machine npm's, which an npm under another prefix would not find by itself).
#
#   inner_npm_env        # call before putting the other Node first on PATH
inner_npm_env() {
  local v under_npm=
  if [ -n "${npm_lifecycle_event:-}" ]; then under_npm=1; fi
  if [ -z "${npm_config_globalconfig:-}" ] && command -v npm >/dev/null 2>&1; then
    npm_config_globalconfig=$(npm config get globalconfig 2>/dev/null || true)
    if [ -n "$npm_config_globalconfig" ]; then export npm_config_globalconfig; fi
  fi
  for v in $(compgen -e); do
    case "$v" in
      npm_config_user_agent | npm_config_node_gyp | npm_config_npm_version | npm_config_prefix | \
        npm_config_global_prefix | npm_config_local_prefix | npm_config_init_module | npm_config_nodedir | \
        npm_execpath | npm_node_execpath | npm_command | npm_lifecycle_* | npm_package_*)
        unset "$v" ;;
    esac
  done
  # Only when an npm run set them: COLOR and EDITOR may be the user's own otherwise.
  if [ -n "$under_npm" ]; then unset COLOR EDITOR; fi
  unset NODE INIT_CWD
  local kept=() entry
  local IFS=:
  for entry in $PATH; do
    case "$entry" in
      */node_modules/.bin | */@npmcli/run-script/lib/node-gyp-bin) ;;
      *) kept+=("$entry") ;;
    esac
  done
  PATH="${kept[*]}"
  export PATH
}
