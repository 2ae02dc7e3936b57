// Lists the exports of the packages' public entry points that nothing uses, and the test hooks of
// the library code, with the TypeScript compiler's parser (no type checking, so it is quick).
//
//   npx tsx scripts/deadExports.ts [--all]
//
// An entry point is a subpath of a package.json "exports" map with an "@plexus/source" file
// (packages/*; the examples' entry points count as users only). An export is USED when a file outside its package's sources imports it
// by that specifier (another package, examples/, test/, bench/, scripts/, the packages' tests and
// bin/, or a ```ts block of a README or docs/*.md), and REACHABLE when a used (or allowed) export's
// public declaration names it: an options type of a used class, the base class of a used class, the
// type a used function returns, and so on (resolved through the files' imports, private members and
// function bodies left out). What is neither is UNUSED: internal plumbing exported by accident, a
// leftover, or public API that no example, test or document imports (ALLOWED below is the short
// list of those; test/deadExports.test.ts fails on any other).
//
// A TEST HOOK (or a mutable singleton one could serve as) is an exported module-level `let`/`var`
// in library code (anyone can reassign it), an object an entry point exports that is not frozen
// (an object or array literal, a new Map or Set: anyone can change it for every user), or a public,
// writable field or setter of an exported class that only tests assign (an assignment outside its
// class and outside tests would make it API; inside its class it is state).
//
// It prints the unused exports that are not in ALLOWED and the test hooks (with --all: every export
// and how it is used) and exits 1 if there are any, or if an ALLOWED entry is used or gone.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** One public entry point: `@plexus/core/runtime` and the source file it maps to. */
export interface Entry {
  readonly specifier: string;
  /** The package's folder, relative to the root (`packages/core`). */
  readonly pkg: string;
  readonly file: string;
}

/** One name an entry point exports, and what the analysis found about it. */
export interface ExportInfo {
  readonly specifier: string;
  readonly name: string;
  /** Exported with `export type` (or `type` in the braces): no value at run time. */
  readonly typeOnly: boolean;
  /** The declaration it resolves to: `file#name` (files relative to the root), or undefined (not found). */
  readonly declaration: string | undefined;
  /** The files outside the package that import it (relative to the root). */
  readonly usedBy: readonly string[];
  /** Not used, but named in the public declaration of a used export (or of an allowed one, when not allowed itself). */
  readonly reachable: boolean;
}

/** A test hook: where it is and why it is one. */
export interface TestHook {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly why: string;
}

export interface DeadExportsReport {
  readonly entries: readonly Entry[];
  readonly exports: readonly ExportInfo[];
  /** Exports neither used nor reachable from a used one, allowed ones included (`specifier#name`). */
  readonly unused: readonly string[];
  readonly testHooks: readonly TestHook[];
}

/**
 * Public API that nothing in the repository imports, kept on purpose: each is something a user of
 * the package would import. Keep it short; an entry that becomes used must leave the list (the
 * test fails on a stale one).
 */
export const ALLOWED: readonly string[] = [
  // the report renderer (the page as text, without writing it; writeReport renders and writes)
  "@plexus/cli#renderReport",
  // the transport within one thread, for `run({ transport })` (e.g. serialising windows to test a setup)
  // the window operators (one per file, as RxJS's), for users' own pipelines over windows
  "@plexus/coupler#averageRate",
  "@plexus/coupler#delaySteps",
  "@plexus/coupler#holdRate",
  "@plexus/coupler#holdUpsample",
  // the host side of a new kind of host for `run({ placement, hosts })` (coupler/src/remote/protocol.ts)
  "@plexus/coupler#UnitHost",
  "@plexus/coupler#specEngine",
  "@plexus/coupler#decodeHostMessage",
  "@plexus/coupler#creditLinkName",
  "@plexus/coupler#HOST_PROTOCOL_VERSION",
  // the kernel of a custom neuron kind in a Registry (`neurons["custom:<Name>"]`)
  // stochastic gradient descent, the optimiser beside adam
];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CODE = /\.(ts|tsx|mts|js|mjs)$/;

function isTest(path: string): boolean {
  return /\.test(-d)?\.ts$/.test(path);
}

function walk(path: string, keep: (p: string) => boolean): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return keep(path) ? [path] : [];
  const out: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name.startsWith(".")) continue;
    out.push(...walk(join(path, entry.name), keep));
  }
  return out;
}

function packageDirs(root: string): string[] {
  const dirs = readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, "packages", d.name, "package.json")))
    .map((d) => `packages/${d.name}`);
  return existsSync(join(root, "examples", "package.json")) ? [...dirs.sort(), "examples"] : dirs.sort();
}

/** The entry points of every package: the subpaths of its "exports" with an "@plexus/source" file. */
export function entryPoints(root: string = ROOT): Entry[] {
  const out: Entry[] = [];
  for (const pkg of packageDirs(root)) {
    const json = JSON.parse(readFileSync(join(root, pkg, "package.json"), "utf8")) as { name: string; exports?: Record<string, unknown> };
    for (const [sub, target] of Object.entries(json.exports ?? {})) {
      if (target === null || typeof target !== "object") continue;
      const source = (target as Record<string, unknown>)["@plexus/source"];
      if (typeof source !== "string") continue;
      out.push({ specifier: sub === "." ? json.name : `${json.name}${sub.slice(1)}`, pkg, file: join(pkg, source) });
    }
  }
  return out;
}

/** A parsed file (code, or the TypeScript blocks of a Markdown file). */
class Sources {
  private readonly cache = new Map<string, ts.SourceFile>();
  constructor(readonly root: string) {}

  get(file: string): ts.SourceFile {
    let sf = this.cache.get(file);
    if (sf === undefined) {
      const text = readFileSync(join(this.root, file), "utf8");
      const code = file.endsWith(".md") ? markdownCode(text) : text;
      sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      this.cache.set(file, sf);
    }
    return sf;
  }

  /** A relative specifier from `from`, as the file it names (`./x.js` is `x.ts`), or undefined. */
  resolveRelative(from: string, spec: string): string | undefined {
    if (!spec.startsWith(".")) return undefined;
    const base = join(dirname(from), spec);
    const stem = base.replace(/\.(js|mjs|ts)$/, "");
    for (const candidate of [`${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, base, `${stem}/index.ts`]) {
      if (existsSync(join(this.root, candidate)) && statSync(join(this.root, candidate)).isFile()) return candidate;
    }
    return undefined;
  }
}

/** The ```ts/```js blocks of a Markdown text, one after another (the lines between kept blank so lines match). */
function markdownCode(text: string): string {
  const out: string[] = [];
  let inCode = false;
  for (const line of text.split("\n")) {
    const fence = /^\s*```\s*(\w*)/.exec(line);
    if (fence !== null) {
      inCode = !inCode && /^(ts|typescript|js|javascript|mjs|tsx)$/.test(fence[1] ?? "");
      out.push("");
    } else out.push(inCode ? line : "");
  }
  return out.join("\n");
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** The names a top-level statement declares. */
function declaredNames(st: ts.Statement): string[] {
  if (ts.isVariableStatement(st)) return st.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  if (
    (ts.isFunctionDeclaration(st) ||
      ts.isClassDeclaration(st) ||
      ts.isInterfaceDeclaration(st) ||
      ts.isTypeAliasDeclaration(st) ||
      ts.isEnumDeclaration(st) ||
      ts.isModuleDeclaration(st)) &&
    st.name !== undefined &&
    ts.isIdentifier(st.name)
  ) {
    return [st.name.text];
  }
  return [];
}

/** Declarations and imports of files, resolved through re-exports to `file#name`. */
class Resolver {
  constructor(
    private readonly src: Sources,
    private readonly entryFiles: ReadonlyMap<string, string>,
  ) {}

  /** The declaration `name` is exported as from `file`, following re-exports. */
  exported(file: string, name: string, seen = new Set<string>()): string | undefined {
    const key = `${file}#${name}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const sf = this.src.get(file);
    for (const st of sf.statements) {
      if (hasModifier(st, ts.SyntaxKind.ExportKeyword) && declaredNames(st).includes(name)) return key;
      if (!ts.isExportDeclaration(st)) continue;
      const from = st.moduleSpecifier !== undefined && ts.isStringLiteral(st.moduleSpecifier) ? this.moduleFile(file, st.moduleSpecifier.text) : undefined;
      const clause = st.exportClause;
      if (clause === undefined) {
        const found = from !== undefined ? this.exported(from, name, seen) : undefined;
        if (found !== undefined) return found;
      } else if (ts.isNamespaceExport(clause)) {
        if (clause.name.text === name && from !== undefined) return `${from}#*`;
      } else {
        for (const el of clause.elements) {
          if (el.name.text !== name) continue;
          const orig = (el.propertyName ?? el.name).text;
          if (st.moduleSpecifier === undefined) return this.local(file, orig, seen);
          return from !== undefined ? this.exported(from, orig, seen) : undefined;
        }
      }
    }
    return undefined;
  }

  /** What a name used in `file` refers to: its own declaration, or the one it imports. */
  local(file: string, name: string, seen = new Set<string>()): string | undefined {
    const sf = this.src.get(file);
    for (const st of sf.statements) {
      if (declaredNames(st).includes(name)) return `${file}#${name}`;
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.importClause === undefined) continue;
      const bindings = st.importClause.namedBindings;
      if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
      for (const el of bindings.elements) {
        if (el.name.text !== name) continue;
        const from = this.moduleFile(file, st.moduleSpecifier.text);
        return from !== undefined ? this.exported(from, (el.propertyName ?? el.name).text, seen) : undefined;
      }
    }
    return undefined;
  }

  /** A specifier as a file of ours: relative, or a package entry point. */
  moduleFile(from: string, spec: string): string | undefined {
    return this.entryFiles.get(spec) ?? this.src.resolveRelative(from, spec);
  }

  /** The top-level statements of `file#name` (several for overloads and declaration merging). */
  statements(decl: string): ts.Statement[] {
    const [file, name] = decl.split("#") as [string, string];
    return this.src.get(file).statements.filter((st) => declaredNames(st).includes(name));
  }
}

function isPrivate(node: ts.Node): boolean {
  if (hasModifier(node, ts.SyntaxKind.PrivateKeyword) || hasModifier(node, ts.SyntaxKind.ProtectedKeyword)) return true;
  const name = (node as { name?: ts.Node }).name;
  return name !== undefined && ts.isPrivateIdentifier(name);
}

/** The names a declaration's public face mentions as types or base classes (not bodies, not private members). */
function publicReferences(st: ts.Statement): { names: string[]; qualified: [string, string][] } {
  const names: string[] = [];
  const qualified: [string, string][] = [];
  const entity = (n: ts.EntityName | ts.Expression): void => {
    if (ts.isIdentifier(n)) names.push(n.text);
    else if (ts.isQualifiedName(n) && ts.isIdentifier(n.left)) qualified.push([n.left.text, n.right.text]);
    else if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) qualified.push([n.expression.text, n.name.text]);
  };
  const visit = (node: ts.Node): void => {
    if (isPrivate(node)) return;
    if (ts.isTypeReferenceNode(node)) entity(node.typeName);
    else if (ts.isExpressionWithTypeArguments(node)) entity(node.expression);
    else if (ts.isTypeQueryNode(node)) entity(node.exprName);
    if (ts.isFunctionLike(node)) {
      // the signature, not the body
      for (const child of [...(node.typeParameters ?? []), ...node.parameters]) visit(child);
      if (node.type !== undefined) visit(node.type);
      return;
    }
    if (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) {
      if (node.type !== undefined) visit(node.type);
      else if (node.initializer !== undefined && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) visit(node.initializer);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(st);
  return { names, qualified };
}

/** Where each entry point's exports are imported, in one file: `specifier#name` (or `specifier#*`: all of them). */
function importsOf(sf: ts.SourceFile, specOf: (spec: string) => string | undefined): string[] {
  const out: string[] = [];
  const namespaces = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = specOf(node.moduleSpecifier.text);
      if (spec !== undefined) {
        if (ts.isImportDeclaration(node)) {
          const bindings = node.importClause?.namedBindings;
          if (bindings !== undefined && ts.isNamedImports(bindings))
            for (const el of bindings.elements) out.push(`${spec}#${(el.propertyName ?? el.name).text}`);
          else if (bindings !== undefined) namespaces.set(bindings.name.text, spec);
        } else if (node.exportClause !== undefined && ts.isNamedExports(node.exportClause)) {
          for (const el of node.exportClause.elements) out.push(`${spec}#${(el.propertyName ?? el.name).text}`);
        } else out.push(`${spec}#*`);
      }
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      const spec = arg !== undefined && ts.isStringLiteral(arg) ? specOf(arg.text) : undefined;
      if (spec !== undefined) out.push(...dynamicImportNames(node, spec));
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      const spec = specOf(node.argument.literal.text);
      if (spec !== undefined) out.push(`${spec}#${node.qualifier !== undefined && ts.isIdentifier(node.qualifier) ? node.qualifier.text : "*"}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (namespaces.size > 0) {
    // `import * as ns`: the names read off it (`ns.X`, `ns.X<...>` in types)
    const uses = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
        const spec = namespaces.get(node.expression.text);
        if (spec !== undefined) out.push(`${spec}#${node.name.text}`);
      } else if (ts.isQualifiedName(node) && ts.isIdentifier(node.left)) {
        const spec = namespaces.get(node.left.text);
        if (spec !== undefined) out.push(`${spec}#${node.right.text}`);
      }
      ts.forEachChild(node, uses);
    };
    uses(sf);
  }
  return out;
}

/** The names taken from `await import(spec)`: destructured, or read as `(await import(spec)).X`; all of them otherwise. */
function dynamicImportNames(call: ts.CallExpression, spec: string): string[] {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isObjectBindingPattern(parent.name)) {
    return parent.name.elements.map(
      (el) => `${spec}#${(el.propertyName !== undefined && ts.isIdentifier(el.propertyName) ? el.propertyName : el.name).getText()}`,
    );
  }
  if (ts.isPropertyAccessExpression(parent)) return [`${spec}#${parent.name.text}`];
  return [`${spec}#*`];
}

/** The files whose imports count as uses, relative to the root. */
function userFiles(root: string): string[] {
  const code = (p: string): boolean => CODE.test(p) && !p.endsWith(".d.ts");
  const dirs = ["examples", "test", "bench", "scripts", "packages"];
  const files = dirs.flatMap((d) => walk(join(root, d), code));
  const docs = [
    join(root, "README.md"),
    ...walk(join(root, "docs"), (p) => p.endsWith(".md")),
    ...["packages", "examples"].flatMap((d) => walk(join(root, d), (p) => p.endsWith("README.md"))),
  ];
  return [...files, ...docs.filter((p) => existsSync(p))].map((p) => relative(root, p));
}

/** An object or array literal, or a new Map/Set/Array (through `as const`, `satisfies` and parentheses): not `Object.freeze(...)`. */
function isMutableValue(init: ts.Expression): boolean {
  let e = init;
  while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e)) return true;
  return ts.isNewExpression(e) && ts.isIdentifier(e.expression) && ["Map", "Set", "Array", "WeakMap"].includes(e.expression.text);
}

/** Exported module-level `let`/`var`, exported objects not frozen, and public writable fields and setters of exported classes that only tests assign. */
function testHooks(root: string, src: Sources, res: Resolver, exported: readonly ExportInfo[], users: readonly string[]): TestHook[] {
  const hooks: TestHook[] = [];
  const libFiles = walk(join(root, "packages"), (p) => /\/src\//.test(p) && p.endsWith(".ts") && !isTest(p) && !p.endsWith(".d.ts")).map((p) =>
    relative(root, p),
  );
  for (const file of libFiles) {
    const sf = src.get(file);
    for (const st of sf.statements) {
      if (!ts.isVariableStatement(st) || !hasModifier(st, ts.SyntaxKind.ExportKeyword) || (st.declarationList.flags & ts.NodeFlags.Const) !== 0) continue;
      for (const name of declaredNames(st)) {
        hooks.push({
          file,
          line: sf.getLineAndCharacterOfPosition(st.getStart(sf)).line + 1,
          name,
          why: "an exported module-level `let`: anyone can reassign it",
        });
      }
    }
  }
  // who assigns `.name = ...` (not through `this`), tests and other code apart
  const assigned = new Map<string, { tests: boolean; code: boolean }>();
  for (const file of users) {
    if (file.endsWith(".md")) continue;
    const sf = src.get(file);
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        const target = node.left;
        if (ts.isPropertyAccessExpression(target) && target.expression.kind !== ts.SyntaxKind.ThisKeyword) {
          const seen = assigned.get(target.name.text) ?? { tests: false, code: false };
          if (isTest(file) || file.startsWith("test/") || /\/test\//.test(file)) seen.tests = true;
          else seen.code = true;
          assigned.set(target.name.text, seen);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  const values = new Set(exported.filter((e) => !e.typeOnly && e.declaration !== undefined).map((e) => e.declaration as string));
  for (const decl of values) {
    for (const st of res.statements(decl)) {
      if (ts.isVariableStatement(st)) {
        const sf = st.getSourceFile();
        for (const d of st.declarationList.declarations) {
          if (!ts.isIdentifier(d.name) || d.name.text !== decl.split("#")[1] || d.initializer === undefined || !isMutableValue(d.initializer)) continue;
          const line = sf.getLineAndCharacterOfPosition(d.getStart(sf)).line + 1;
          hooks.push({ file: sf.fileName, line, name: d.name.text, why: "an exported object that is not frozen: anyone can change it for every user" });
        }
      }
      if (!ts.isClassDeclaration(st)) continue;
      const sf = st.getSourceFile();
      for (const m of st.members) {
        const writable = (ts.isPropertyDeclaration(m) && !hasModifier(m, ts.SyntaxKind.ReadonlyKeyword)) || ts.isSetAccessorDeclaration(m);
        if (!writable || isPrivate(m) || m.name === undefined || !ts.isIdentifier(m.name)) continue;
        const seen = assigned.get(m.name.text);
        if (seen?.tests === true && !seen.code) {
          const line = sf.getLineAndCharacterOfPosition(m.getStart(sf)).line + 1;
          hooks.push({ file: sf.fileName, line, name: `${decl.split("#")[1]}.${m.name.text}`, why: "a public writable member that only tests assign" });
        }
      }
    }
  }
  return hooks;
}

/** The whole analysis. `allowed` (`specifier#name`) counts as used: its declaration's types are reachable. */
export function deadExports(allowed: readonly string[] = [], root: string = ROOT): DeadExportsReport {
  const entries = entryPoints(root);
  const src = new Sources(root);
  const entryFiles = new Map(entries.map((e) => [e.specifier, e.file]));
  const res = new Resolver(src, entryFiles);
  const users = userFiles(root);
  const usedBy = new Map<string, Set<string>>();
  for (const file of users) {
    const own = (e: Entry): boolean => !isTest(file) && (file.startsWith(`${e.pkg}/src/`) || (e.pkg === "examples" && file.startsWith("examples/")));
    const pkg = entries.find(own);
    const specOf = (spec: string): string | undefined => {
      const target = entryFiles.has(spec) ? spec : entries.find((e) => e.file === src.resolveRelative(file, spec))?.specifier;
      // a package's own sources using its entry do not make the export needed
      if (target === undefined || (pkg !== undefined && entries.find((e) => e.specifier === target)?.pkg === pkg.pkg)) return undefined;
      return target;
    };
    for (const key of importsOf(src.get(file), specOf)) {
      const set = usedBy.get(key) ?? new Set<string>();
      set.add(file);
      usedBy.set(key, set);
    }
  }
  const list: { specifier: string; name: string; typeOnly: boolean; declaration: string | undefined; usedBy: string[] }[] = [];
  // the examples' entry points are programs that the cli runs: their imports count, their exports are not judged
  for (const entry of entries.filter((e) => e.pkg.startsWith("packages/"))) {
    for (const st of src.get(entry.file).statements) {
      const names: { name: string; typeOnly: boolean }[] = [];
      if (ts.isExportDeclaration(st) && st.exportClause !== undefined) {
        if (ts.isNamespaceExport(st.exportClause)) names.push({ name: st.exportClause.name.text, typeOnly: st.isTypeOnly });
        else for (const el of st.exportClause.elements) names.push({ name: el.name.text, typeOnly: st.isTypeOnly || el.isTypeOnly });
      } else if (hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
        for (const name of declaredNames(st)) names.push({ name, typeOnly: ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) });
      }
      for (const { name, typeOnly } of names) {
        const by = [...(usedBy.get(`${entry.specifier}#${name}`) ?? []), ...(usedBy.get(`${entry.specifier}#*`) ?? [])];
        list.push({ specifier: entry.specifier, name, typeOnly, declaration: res.exported(entry.file, name), usedBy: [...new Set(by)].sort() });
      }
    }
  }
  // reachable: declarations named by the public face of used exports (then of allowed ones too), and so on
  const allowedSet = new Set(allowed);
  const isUsed = (e: (typeof list)[number]): boolean => e.usedBy.length > 0;
  const isAllowed = (e: (typeof list)[number]): boolean => allowedSet.has(`${e.specifier}#${e.name}`);
  const byUse = closure(
    res,
    src,
    list.filter(isUsed).map((e) => e.declaration),
  );
  const byAllowed = closure(res, src, [...byUse, ...list.filter(isAllowed).map((e) => e.declaration)]);
  const reachedBy = (e: (typeof list)[number]): boolean =>
    e.declaration !== undefined && (byUse.has(e.declaration) || (!isAllowed(e) && byAllowed.has(e.declaration)));
  const exportsInfo: ExportInfo[] = list.map((e) => ({ ...e, reachable: !isUsed(e) && reachedBy(e) }));
  // an allowed export stays listed while nothing else uses or reaches it (the test keeps the list to those)
  const unused = exportsInfo.filter((e) => e.usedBy.length === 0 && !e.reachable).map((e) => `${e.specifier}#${e.name}`);
  return { entries, exports: exportsInfo, unused, testHooks: testHooks(root, src, res, exportsInfo, users) };
}

/** The declarations `seeds` name in their public faces, and those name, and so on (the seeds included). */
function closure(res: Resolver, src: Sources, seeds: readonly (string | undefined)[]): Set<string> {
  const reached = new Set<string>();
  const queue: string[] = [];
  const reach = (decl: string | undefined): void => {
    if (decl === undefined || reached.has(decl)) return;
    reached.add(decl);
    queue.push(decl);
  };
  for (const decl of seeds) reach(decl);
  for (let decl = queue.pop(); decl !== undefined; decl = queue.pop()) {
    const file = decl.split("#")[0] as string;
    for (const st of res.statements(decl)) {
      const { names, qualified } = publicReferences(st);
      for (const n of names) reach(res.local(file, n));
      for (const [ns, n] of qualified) {
        const from = namespaceFile(src.get(file), ns, (spec) => res.moduleFile(file, spec));
        if (from !== undefined) reach(res.exported(from, n));
      }
    }
  }
  return reached;
}

/** The file an `import * as ns` of `sf` names. */
function namespaceFile(sf: ts.SourceFile, ns: string, fileOf: (spec: string) => string | undefined): string | undefined {
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const b = st.importClause?.namedBindings;
    if (b !== undefined && ts.isNamespaceImport(b) && b.name.text === ns) return fileOf(st.moduleSpecifier.text);
  }
  return undefined;
}

function main(argv: readonly string[]): number {
  const report = deadExports(ALLOWED);
  if (argv.includes("--all")) {
    for (const e of report.exports) {
      const how =
        e.usedBy.length > 0 ? `used by ${e.usedBy.length} (${e.usedBy[0]}${e.usedBy.length > 1 ? ", ..." : ""})` : e.reachable ? "reachable" : "UNUSED";
      console.log(`${e.specifier}#${e.name}${e.typeOnly ? " (type)" : ""}  ${how}`);
    }
  }
  const dead = report.unused.filter((key) => !ALLOWED.includes(key));
  const stale = ALLOWED.filter((key) => !report.unused.includes(key));
  const byEntry = new Map<string, string[]>();
  for (const key of dead) {
    const [spec, name] = key.split("#") as [string, string];
    byEntry.set(spec, [...(byEntry.get(spec) ?? []), name]);
  }
  console.log(
    `${report.exports.length} exports from ${report.entries.length} entry points; ${report.unused.length} unused, ${report.unused.length - dead.length} of them allowed (ALLOWED); not allowed:`,
  );
  for (const [spec, names] of byEntry) console.log(`  ${spec}: ${names.join(", ")}`);
  if (stale.length > 0) console.log(`allowed but used, or no longer exported (remove from ALLOWED): ${stale.join(", ")}`);
  console.log(`${report.testHooks.length} test hook(s):`);
  for (const h of report.testHooks) console.log(`  ${h.file}:${h.line}  ${h.name}: ${h.why}`);
  return dead.length > 0 || stale.length > 0 || report.testHooks.length > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
