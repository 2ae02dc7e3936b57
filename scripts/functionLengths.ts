// Lists the functions of TypeScript sources by length in lines, longest first, with the TypeScript
// compiler's parser (no type checking, so it is quick). A function's length runs from the line of
// its first token (its name, `function` or its parameters) to the line of its closing brace, nested
// functions included: a long function made of nested closures is one long function.
//
//   npx tsx scripts/functionLengths.ts [--max 120] [--all] DIR_OR_FILE...
//
// Without --all it prints only the functions over --max lines (default 120) and exits 1 if there
// are any; with --all it prints every function; without a folder it looks at those held to the
// limit. Tests (*.test.ts, *.test-d.ts) are skipped. The folders held to the limit are `LIMITED`:
// every package's src (a new package is held too), examples and bench (test/functionLength.test.ts
// checks them).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** The longest a function in library code may be, in lines (the style guide's "~120"). */
export const MAX_FUNCTION_LINES = 120;

/** The repository root (this script's folder's parent). */
const ROOT = resolve(import.meta.dirname, "..");

/** Folders (relative to the repository root) where no function may exceed `MAX_FUNCTION_LINES`: every package's src, examples and bench. */
export const LIMITED: readonly string[] = [
  ...readdirSync(join(ROOT, "packages"), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(ROOT, "packages", e.name, "src")))
    .map((e) => `packages/${e.name}/src`)
    .sort(),
  "examples",
  "bench",
];

/** One function: where it is, what it is called and how many lines it spans. */
export interface FunctionLength {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly lines: number;
}

function isTest(path: string): boolean {
  return /\.test(-d)?\.ts$/.test(path);
}

/** The .ts files under `path` (or `path` itself), without tests, declarations, dist and node_modules. */
export function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return path.endsWith(".ts") && !isTest(path) && !path.endsWith(".d.ts") ? [path] : [];
  const out: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    out.push(...sourceFiles(join(path, entry.name)));
  }
  return out;
}

function propertyName(name: ts.PropertyName | ts.BindingName | undefined, sf: ts.SourceFile): string | undefined {
  if (name === undefined) return undefined;
  return ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : name.getText(sf);
}

/** A readable name: the declared one, the variable or property it is assigned to, or `<anonymous>`. */
function functionName(node: ts.FunctionLikeDeclaration, sf: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const own = propertyName(node.name, sf);
  const parent = node.parent;
  const owner = ts.isClassLike(parent) && parent.name !== undefined ? `${parent.name.text}.` : "";
  if (own !== undefined) return owner + own;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return propertyName(parent.name, sf) ?? "<anonymous>";
  }
  if (ts.isCallExpression(parent)) return `<callback of ${parent.expression.getText(sf).slice(0, 40)}>`;
  return "<anonymous>";
}

/** Every function-like node of one source text with its length in lines. */
export function functionLengths(file: string, text: string): FunctionLength[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: FunctionLength[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const fn = node as ts.FunctionLikeDeclaration;
      const start = sf.getLineAndCharacterOfPosition(fn.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(fn.getEnd()).line;
      out.push({ file, line: start + 1, name: functionName(fn, sf), lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The functions over `max` lines in the given folders or files, longest first. */
export function longFunctions(paths: readonly string[], max: number = MAX_FUNCTION_LINES, all = false): FunctionLength[] {
  const found = paths.flatMap((p) => sourceFiles(p).flatMap((f) => functionLengths(f, readFileSync(f, "utf8"))));
  return found.filter((f) => all || f.lines > max).sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line);
}

function main(argv: readonly string[]): number {
  let max = MAX_FUNCTION_LINES;
  let all = false;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--max") max = Number(argv[++i]);
    else if (arg === "--all") all = true;
    else if (arg !== undefined) paths.push(arg);
  }
  if (!Number.isInteger(max) || max < 1) {
    console.error("--max takes a positive whole number of lines");
    return 2;
  }
  const list = longFunctions(paths.length > 0 ? paths : LIMITED.map((d) => join(ROOT, d)), max, all);
  for (const f of list) console.log(`${String(f.lines).padStart(5)}  ${relative(process.cwd(), resolve(f.file))}:${f.line}  ${f.name}`);
  if (!all && list.length > 0) console.error(`${list.length} function(s) over ${max} lines`);
  return !all && list.length > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
