#!/usr/bin/env bash
# Builds the `wslua` runner on a VM other than the default LuaJIT and writes OUTDIR/wslua.
#   scripts/build-runner.sh lua54 OUTDIR
# Its own target directory: its mlua features differ from the default build's.
set -euo pipefail
vm=${1:?usage: $0 lua54 OUTDIR}
outdir=${2:?usage: $0 lua54 OUTDIR}
case "$vm" in
  lua54) ;;
  *) echo "$0: unknown VM '$vm' (lua54; the default build is LuaJIT)" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
target="$root/target/runner-$vm"
cargo build --manifest-path "$root/Cargo.toml" --bin wslua --no-default-features --features "runner-$vm" --target-dir "$target"
mkdir -p "$outdir"
cp "$target/debug/wslua" "$outdir/wslua"
