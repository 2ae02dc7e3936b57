#!/usr/bin/env bash
# Installed size of each package's tree: for each tarball in DIR, a fresh project gets that
# package (with the tarballs of the @plexus packages it depends on, third-party packages from the
# local npm cache where it has them), and `du -sk node_modules` is its size (printed in MiB, with
# the number of packages in the tree and the TensorFlow.js packages among them).
# Usage: scripts/install-sizes.sh DIR   (DIR holds the packed plexus-*.tgz, e.g. from check-packages)
set -euo pipefail
dir="$(cd "${1:?usage: install-sizes.sh DIR-OF-TARBALLS}" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/plexus-sizes-XXXXXX")"
trap 'rm -rf "$work"' EXIT
printf '%-20s %9s %9s  %s\n' package "tree MiB" packages "TensorFlow.js in the tree"
for tarball in "$dir"/*.tgz; do
  name="$(tar -xOzf "$tarball" package/package.json | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).name')"
  # The @plexus packages it needs, transitively, as tarballs.
  mapfile -t needed < <(node -e '
    const { execFileSync } = require("node:child_process");
    const [dir, first] = process.argv.slice(1);
    const fs = require("node:fs");
    const manifests = new Map(fs.readdirSync(dir).filter((f) => f.endsWith(".tgz")).map((f) => {
      const pkg = JSON.parse(execFileSync("tar", ["-xOzf", `${dir}/${f}`, "package/package.json"], { encoding: "utf8" }));
      return [pkg.name, { file: `${dir}/${f}`, pkg }];
    }));
    const seen = new Set([first]);
    const queue = [first];
    while (queue.length > 0) {
      const m = manifests.get(queue.shift());
      for (const dep of Object.keys(m.pkg.dependencies ?? {})) if (manifests.has(dep) && !seen.has(dep)) { seen.add(dep); queue.push(dep); }
    }
    for (const n of seen) console.log(manifests.get(n).file);' "$dir" "$name")
  project="$work/${name//\//-}"
  mkdir -p "$project"
  (cd "$project" && printf '{ "name": "sizes", "private": true }\n' > package.json && npm install --prefer-offline --no-audit --no-fund --loglevel=error "${needed[@]}" >/dev/null)
  kib="$(du -sk "$project/node_modules" | cut -f1)"
  count="$(cd "$project" && { npm ls --all --parseable 2>/dev/null || true; } | tail -n +2 | sort -u | wc -l)"
  tf="$(cd "$project/node_modules" && { ls -d @tensorflow/* 2>/dev/null || true; } | tr '\n' ' ')"
  printf '%-20s %9s %9s  %s\n' "$name" "$(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }')" "$count" "${tf:-none}"
done
