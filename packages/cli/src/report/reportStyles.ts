import { palette } from "./chartConfig.js";

/** The report's stylesheet, inlined in the page (no network access needed). */
export const reportStyles = `
:root {
  --ink: ${palette.ink};
  --muted: ${palette.muted};
  --line: #e5e7eb;
  --paper: #ffffff;
  --bg: #f5f6f8;
  --port: ${palette.port};
  --bypass: ${palette.bypass};
  --ok: #047857;
  --warn: #b45309;
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body {
  margin: 0; color: var(--ink); background: var(--bg);
  font: 15px/1.55 Inter, "Segoe UI", system-ui, -apple-system, Helvetica, Arial, "DejaVu Sans", sans-serif;
  -webkit-font-smoothing: antialiased;
}
main { max-width: 1120px; margin: 0 auto; padding: 0 24px 48px; }
header.hero { padding: 40px 0 8px; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; font-weight: 700; color: var(--port); }
h1 { font-size: 34px; line-height: 1.15; margin: 8px 0 12px; letter-spacing: -.015em; max-width: 22em; }
.lede { font-size: 17px; color: #374151; max-width: 46em; margin: 0 0 22px; }
.badge { display: inline-block; font-size: 12px; font-weight: 600; padding: 2px 8px; border-radius: 999px; background: #fef3c7; color: var(--warn); margin-left: 8px; vertical-align: middle; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 14px; margin: 6px 0 8px; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px; }
.card .value { font-size: 26px; font-weight: 700; letter-spacing: -.01em; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: 13px; }
.card.port .value { color: var(--port); }
.card.bypass .value { color: var(--bypass); }
section { overflow-x: auto; background: var(--paper); border: 1px solid var(--line); border-radius: 14px; padding: 22px 26px 24px; margin: 22px 0; }
h2 { font-size: 21px; margin: 0 0 4px; letter-spacing: -.01em; }
h2 .step { color: var(--muted); font-weight: 500; margin-right: 6px; }
h3 { font-size: 15px; margin: 22px 0 6px; }
p { margin: 6px 0 12px; max-width: 52em; }
.setup { color: var(--muted); font-size: 14px; }
table { border-collapse: collapse; margin: 14px 0 8px; font-size: 14px; width: 100%; }
th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-size: 12.5px; color: #374151; font-weight: 600; border-bottom: 2px solid var(--line); line-height: 1.3; }
th .sub { display: block; font-weight: 400; color: var(--muted); font-size: 12px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.num { font-family: "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13.5px; }
th.port, td.port { background: #eff6ff; }
th.bypass, td.bypass { background: #fef2f2; }
td.bypass { color: var(--bypass); font-weight: 600; }
th .dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 5px; vertical-align: 0; }
tbody tr:hover td { background: #f9fafb; }
tbody tr:hover td.port { background: #dbeafe; }
tbody tr:hover td.bypass { background: #fee2e2; }
.note { font-size: 13px; color: var(--muted); }
figure { margin: 18px 0 6px; }
figcaption { font-size: 14px; color: #374151; margin-bottom: 8px; max-width: 52em; }
figcaption strong { color: var(--ink); }
.chart svg { max-width: 100%; height: auto; display: block; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; align-items: start; }
@media (max-width: 980px) { .grid2 { grid-template-columns: 1fr; } }
.missing { border: 1px dashed #d1d5db; border-radius: 10px; padding: 12px 16px; color: var(--muted); background: #fafafa; }
.missing strong { color: var(--ink); }
code, pre { font-family: "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
pre { background: #0f172a; color: #e2e8f0; padding: 12px 14px; border-radius: 10px; overflow-x: auto; margin: 8px 0; }
code.inline { background: #f3f4f6; padding: 1px 5px; border-radius: 4px; }
.verdict { display: inline-block; font-weight: 600; }
.verdict.ok { color: var(--ok); }
.verdict.warn { color: var(--warn); }
ul.notes { margin: 4px 0 10px; padding: 10px 14px 10px 30px; background: #fffbeb; border: 1px solid #fde68a; border-radius: 10px; font-size: 13px; color: #78350f; }
ul.notes li { margin: 3px 0; }
td .sub { display: block; color: var(--muted); font-size: 12.5px; }
tr.main td { font-weight: 600; }
ul.checks { list-style: none; padding: 0; margin: 6px 0; font-size: 14px; }
ul.checks li { margin: 4px 0; }
details.warnings { font-size: 13px; color: var(--muted); margin: 4px 0 10px; }
details.warnings summary { cursor: pointer; }
details.warnings ul { margin: 6px 0; padding-left: 22px; }
footer { color: var(--muted); font-size: 13px; padding: 8px 2px 0; }
`;
