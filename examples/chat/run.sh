#!/usr/bin/env bash
# Starts the chat: Redis, three wslua runners sharing it, and nginx balancing them, all on
# loopback; Ctrl-C stops everything. Needs redis-server and nginx (Debian: apt-get install
# redis-server nginx) and a built runner (cargo build --release).
#   examples/chat/run.sh [BASE_PORT]   nginx on BASE_PORT (default 8080), runners on the next
#                                      three, Redis on BASE_PORT + 4
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:-8080}
wslua=${WSLUA:-target/release/wslua}
dir=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait; rm -rf "$dir"' EXIT INT TERM

redis-server --bind 127.0.0.1 --port $((base + 4)) --save "" --appendonly no --dir "$dir" >"$dir/redis.log" &
printf '[websocket]\nbroker = redis://127.0.0.1:%d\n' $((base + 4)) >"$dir/game.project"
for i in 1 2 3; do
  "$wslua" --config "$dir/game.project" examples/chat/server.lua -- $((base + i)) "runner-$i" &
done
sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$base|" -e "s|@A@|$((base + 1))|" -e "s|@B@|$((base + 2))|" \
  -e "s|@C@|$((base + 3))|" tests/cluster/nginx.conf >"$dir/nginx.conf"
nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/nginx-error.log" &
echo "chat on ws://127.0.0.1:$base/ (open examples/chat/index.html in a browser); Ctrl-C stops it"
wait
