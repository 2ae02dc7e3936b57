// What a package's tarball must not ship: type tests, test files or helpers, declaration maps
// (they point at sources that are not shipped), or source maps without their sources.
// Usage: node scripts/check-tarball.mjs <package.tgz>
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const tarball = process.argv[2];
if (tarball === undefined) throw new Error("usage: node scripts/check-tarball.mjs <package.tgz>");
const dir = mkdtempSync(join(tmpdir(), "plexus-tarball-"));
try {
  execFileSync("tar", ["-xzf", tarball, "-C", dir]);
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
  const problems = [];
  for (const file of files) {
    if (/\.test(-d)?\.(js|d\.ts)$|\/test\/|testMatrices|fixtures?\//.test(file)) problems.push(`${file}: a test file or helper`);
    if (file.endsWith(".d.ts.map")) problems.push(`${file}: a declaration map whose sources are not shipped`);
    if (file.endsWith(".js.map")) {
      const map = JSON.parse(readFileSync(join(dir, file), "utf8"));
      const complete =
        Array.isArray(map.sourcesContent) && map.sourcesContent.length === map.sources.length && map.sourcesContent.every((s) => typeof s === "string");
      if (!complete) problems.push(`${file}: a source map without its sources`);
    }
  }
  for (const required of ["package/README.md", "package/LICENSE", "package/CHANGELOG.md"]) {
    if (!files.includes(required)) problems.push(`${required.slice("package/".length)} is missing`);
  }
  const pkg = JSON.parse(readFileSync(join(dir, "package/package.json"), "utf8"));
  for (const field of ["license", "repository", "engines", "sideEffects", "exports"]) {
    if (pkg[field] === undefined) problems.push(`package.json has no "${field}"`);
  }
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    if (dep.startsWith("@types/")) problems.push(`package.json: ${dep} is a runtime dependency`);
  }
  if (problems.length > 0) {
    console.error(`${tarball}:\n  ${problems.join("\n  ")}`);
    process.exitCode = 1;
  } else {
    console.log(`${pkg.name}: ${files.length} files, nothing that should not ship`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
