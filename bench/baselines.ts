// Reads the peers' figures from ../shared/reference/baselines.md at run time (never copied by hand).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const baselinesPath = process.env["PLEXUS_BASELINES"] ?? resolve(here, "../../shared/reference/baselines.md");

export interface MarkdownTable {
  readonly heading: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Every pipe table in the file, with the nearest heading above it. */
export function readTables(path = baselinesPath): MarkdownTable[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const tables: MarkdownTable[] = [];
  let heading = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.startsWith("#")) heading = line.replace(/^#+\s*/, "");
    if (line.startsWith("|") && lines[i + 1]?.match(/^\|\s*-/)) {
      const cells = (l: string): string[] =>
        l
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim());
      const header = cells(line);
      const rows: string[][] = [];
      i += 2;
      for (let row = lines[i]; row?.startsWith("|"); row = lines[++i]) rows.push(cells(row));
      tables.push({ heading, header, rows });
    }
  }
  return tables;
}

/** Parses "20,533" or "893 (682–1,009)" or "~250" into its first number. */
export function num(cell: string | undefined): number | undefined {
  if (cell === undefined) return undefined;
  const m = cell.replace(/,/g, "").match(/-?\d+(\.\d+)?(e-?\d+)?/);
  return m ? Number(m[0]) : undefined;
}

export interface SimulatorBaseline {
  readonly nengo: { buildS: number; stepsPerS: number; peakRssMiB: number };
  /** The C loop's no-fast-math figure, the better of dense and sparse. */
  readonly cNoFastMath: number;
}

/** Nengo's and the C loop's figures per case a–f. */
export function simulatorBaselines(path = baselinesPath): Record<string, SimulatorBaseline> {
  const tables = readTables(path);
  const nengo = tables.find((t) => t.heading.startsWith("Simulator"));
  const c = tables.find((t) => t.heading.startsWith("Limit"));
  if (!nengo || !c) throw new Error(`baselines.md: simulator tables not found in ${path}`);
  const out: Record<string, SimulatorBaseline> = {};
  for (const row of nengo.rows) {
    const id = row[0] ?? "";
    const cRows = c.rows.filter((r) => r[0] === id || r[0]?.startsWith(`${id} `));
    const cBest = Math.max(...cRows.map((r) => num(r[1]) ?? 0));
    const figure = (k: number, what: string): number => {
      const v = num(row[k]);
      if (v === undefined) throw new Error(`baselines.md: the simulator table's row '${id}' has no ${what} (column ${k + 1})`);
      return v;
    };
    out[id] = { nengo: { buildS: figure(2, "build time"), stepsPerS: figure(3, "steps/s"), peakRssMiB: figure(4, "peak RSS") }, cNoFastMath: cBest };
  }
  return out;
}

/** Adam steps/s of each implementation in a training table ("seed task" or "BPTT task"). */
export function trainingBaselines(task: "seed" | "BPTT", path = baselinesPath): Record<string, number> {
  const t = readTables(path).find((x) => x.heading.includes(`"${task} task"`));
  if (!t) throw new Error(`baselines.md: training table for the ${task} task not found`);
  const out: Record<string, number> = {};
  for (const [name = "", cell] of t.rows) {
    const v = num(cell);
    if (v === undefined) throw new Error(`baselines.md: the ${task} task table's row '${name}' has no steps/s`);
    out[name] = v;
  }
  return out;
}
