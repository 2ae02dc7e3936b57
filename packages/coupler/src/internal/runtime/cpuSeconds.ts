/** User + system CPU time of this process (s), or NaN where there is no `process.cpuUsage` (a browser). */
export function processCpuSeconds(): number {
  const p = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  if (p?.cpuUsage === undefined) return NaN;
  const u = p.cpuUsage();
  return (u.user + u.system) / 1e6;
}
