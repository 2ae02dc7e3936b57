#!/usr/bin/env bash
# What a stranger gets from npm: builds and packs every package, lints the tarballs (publint,
# @arethetypeswrong/cli, and our own checks of what dist holds), installs them into a fresh
# project outside the repository (third-party packages from the local npm cache where it has
# them) and runs the plexus command there: the quick demo, an example, inspect and report.
# Run by .ci/run after npm test; `npm run check:packages` runs it alone (a few minutes).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
work="$(mktemp -d "${TMPDIR:-/tmp}/plexus-pack-XXXXXX")"
trap 'rm -rf "$work"' EXIT
step() { echo; echo "== $*"; }
fail() { echo "check-packages: $*" >&2; exit 1; }

step "build (from empty dist folders: tsc -b never removes a file it no longer writes)"
rm -rf packages/*/dist examples/dist packages/*/*.tsbuildinfo examples/*.tsbuildinfo
npx turbo run build --output-logs=errors-only

step "pack"
mkdir -p "$work/tarballs"
mapfile -t dirs < <(node -e '
  const { readFileSync, existsSync, readdirSync } = require("node:fs");
  const globs = JSON.parse(readFileSync("package.json", "utf8")).workspaces;
  for (const g of globs) {
    const dirs = g.endsWith("/*") ? readdirSync(g.slice(0, -2)).map((d) => `${g.slice(0, -2)}/${d}`) : [g];
    for (const d of dirs) if (existsSync(`${d}/package.json`) && !JSON.parse(readFileSync(`${d}/package.json`, "utf8")).private) console.log(d);
  }')
for dir in "${dirs[@]}"; do
  (cd "$dir" && npm pack --silent --pack-destination "$work/tarballs" >/dev/null)
done
ls "$work/tarballs"

step "installed size of each package's tree (scripts/install-sizes.sh)"
bash "$root/scripts/install-sizes.sh" "$work/tarballs" | tee "$work/sizes.txt"
# TensorFlow.js: the trainer and its dependents get @tensorflow/tfjs-core only (the backends are
# optional peers); the packages below the trainer get none of it.
grep -q ' @tensorflow/tfjs ' <(sed 's/$/ /' "$work/sizes.txt") && fail "a package's tree holds the full @tensorflow/tfjs bundle"
grep -E '^@plexus/(core|kernels|simulator|coupler) ' "$work/sizes.txt" | grep -v ' none$' && fail "a package that does not train installs TensorFlow.js"

step "lint the tarballs"
for tarball in "$work"/tarballs/*.tgz; do
  name="$(basename "$tarball")"
  npx publint run "$tarball" --strict --pack false || fail "publint found problems in $name"
  npx attw "$tarball" --profile esm-only --format table-flipped --no-emoji || fail "attw found problems in $name"
  node "$root/scripts/check-tarball.mjs" "$tarball" || fail "$name ships what it should not"
done

step "install into a fresh project"
project="$work/project"
mkdir -p "$project"
cd "$project"
printf '{ "name": "stranger", "private": true, "type": "module" }\n' > package.json
npm install --prefer-offline --no-audit --no-fund --loglevel=error "$work"/tarballs/*.tgz
for dir in node_modules/@plexus/*; do
  [ -L "$dir" ] && fail "$dir is a link, not an installed package"
done

step "run plexus there"
run() { echo "\$ $*"; "$@"; }
run npx plexus --version
list="$(npx plexus run --list)"
echo "$list"
for example in coupled-loop custom-trainer seed-rescaling walkthrough; do
  grep -q "^$example " <<<"$list" || fail "plexus run --list does not list $example"
done
run npx plexus demo --quick --no-progress --out report >/dev/null
run npx plexus run walkthrough
bundle="$(ls report/bundles/*.plexus | head -n 1)"
run npx plexus inspect "$bundle"
run npx plexus report report/results.json --out rerendered
[ -s rerendered/index.html ] || fail "plexus report wrote no page"
leftovers="$(find "${TMPDIR:-/tmp}" -maxdepth 1 -newer "$project/package.json" -name 'plexus-*' ! -path "$work" 2>/dev/null || true)"
[ -z "$leftovers" ] || echo "note: plexus-* folders appeared in the temp folder meanwhile (other processes may have made them): $leftovers"
echo
echo "check-packages: every package packs, lints, installs and runs outside the repository."
