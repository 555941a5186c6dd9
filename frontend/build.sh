#!/bin/sh
# Builds the SPA into frontend/dist: wasm32 release build, wasm-bindgen, optional wasm-opt, and
# the static files. Run from anywhere; uses its own target dir so it never blocks server builds.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target/wasm}
cd "$root"
CARGO_TARGET_DIR="$target" cargo build -p frontend --release --target wasm32-unknown-unknown
mkdir -p frontend/dist
wasm-bindgen --target web --no-typescript --out-dir frontend/dist \
  "$target/wasm32-unknown-unknown/release/frontend.wasm"
# wasm-opt is opt-in: binaryen 108 (Debian 12) corrupts the externref table that wasm-bindgen
# 0.2.130 emits ("WebAssembly.Table.set(): Argument 1 is invalid" at start-up).
if [ "${WASM_OPT:-0}" = 1 ] && command -v wasm-opt >/dev/null 2>&1; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-reference-types \
    frontend/dist/frontend_bg.wasm -o frontend/dist/frontend_bg.wasm
fi
cp frontend/index.html frontend/loader.js frontend/style.css frontend/favicon.svg frontend/dist/
