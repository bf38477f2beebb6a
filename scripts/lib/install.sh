# Idempotent installers shared by scripts/test and scripts/bench; source it from the repository root.
# Each prints what it installs, and nothing when everything is already there.

# apt-installs the Debian packages whose check fails: pairs of CHECK:PACKAGE, where CHECK is a
# command to look for, a file when it starts with "/", or, when it starts with "lua:", a Lua
# module LuaJIT must find.
install_debian() {
  local missing=() pair check
  for pair in "$@"; do
    check=${pair%%:*}
    case "$check" in
      lua) check=${pair#lua:}; check=${check%%:*}; luajit -e "require '$check'" 2>/dev/null || missing+=("${pair##*:}") ;;
      /*) [ -e "$check" ] || missing+=("${pair#*:}") ;;
      *) command -v "$check" >/dev/null || missing+=("${pair#*:}") ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "scripts/${0##*/}: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# python `websockets` and kosoku, the Autobahn TestSuite's runner (tests/peers/requirements.txt),
# in .venv.
install_python_peers() {
  if ! .venv/bin/python -c 'import websockets' 2>/dev/null || [ ! -x .venv/bin/kosoku ]; then
    echo "scripts/${0##*/}: installing python websockets and kosoku into .venv"
    [ -x .venv/bin/python ] || python3 -m venv .venv || { apt-get install -y -qq python3-venv >/dev/null && python3 -m venv .venv; }
    .venv/bin/pip install -q -r tests/peers/requirements.txt
  fi
}

# node `ws`, playwright-core, and Socket.IO with its Redis adapter (tests/peers/package-lock.json)
# in tests/peers/node_modules.
install_node_peers() {
  local module missing=
  for module in ws playwright-core socket.io @socket.io/redis-adapter redis; do
    [ -d "tests/peers/node_modules/$module" ] || missing=1
  done
  if [ -n "$missing" ]; then
    echo "scripts/${0##*/}: installing node ws, playwright-core and socket.io into tests/peers/node_modules"
    (cd tests/peers && npm ci --silent --no-audit --no-fund)
  fi
}
