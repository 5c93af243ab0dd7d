# Sourced by the scripts: puts the project-local tools (npm's wasm-opt) first on PATH.
# shellcheck shell=bash
DOCKSIDE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$DOCKSIDE_ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
