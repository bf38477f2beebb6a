#!/usr/bin/env bash
# Builds the loadable module for a stock interpreter and writes OUTDIR/websocket.so.
#   scripts/build-module.sh lua5.1|lua5.2|lua5.3|lua5.4|luajit OUTDIR
# Then, in Lua: package.cpath = OUTDIR .. "/?.so;" .. package.cpath; local websocket = require "websocket"
set -euo pipefail
flavour=${1:?usage: $0 lua5.1|lua5.2|lua5.3|lua5.4|luajit OUTDIR}
outdir=${2:?usage: $0 lua5.1|lua5.2|lua5.3|lua5.4|luajit OUTDIR}
case "$flavour" in
  lua5.1 | lua5.2 | lua5.3 | lua5.4) feature=lua5${flavour#lua5.} ;;
  luajit) feature=luajit ;;
  *) echo "$0: unknown flavour '$flavour' (lua5.1, lua5.2, lua5.3, lua5.4 or luajit)" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
target="$root/target/module-$flavour"
cargo build --release --manifest-path "$root/module/Cargo.toml" --features "$feature" --target-dir "$target"
mkdir -p "$outdir"
cp "$target/release/libwebsocket.so" "$outdir/websocket.so"
