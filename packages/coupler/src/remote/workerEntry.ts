import { createRequire } from "node:module";

/**
 * The URL to start a worker host from: the compiled `workerHost.js` beside this file; from the
 * TypeScript sources (vitest, tsx), a bootstrap that registers tsx in the worker and imports
 * `workerHost.ts` (the worker file itself, not generated code).
 */
export function workerEntry(): URL {
  const fromSources = import.meta.url.endsWith(".ts");
  const file = new URL(`./workerHost.${fromSources ? "ts" : "js"}`, import.meta.url);
  if (!fromSources) return file;
  // resolve workspace packages to their sources (as vitest and `tsx --conditions=@plexus/source` do), then load TypeScript through tsx
  const conditions = 'export async function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, "@plexus/source"] }); }';
  const bootstrap = [
    `const { register: hook } = await import("node:module");`,
    `hook(${JSON.stringify(`data:text/javascript,${encodeURIComponent(conditions)}`)});`,
    `const { register } = await import(${JSON.stringify(tsxApi())});`,
    `register();`,
    `await import(${JSON.stringify(file.href)});`,
  ].join("\n");
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}

function tsxApi(): string {
  try {
    return import.meta.resolve("tsx/esm/api");
  } catch {
    return new URL(`file://${createRequire(import.meta.url).resolve("tsx/esm/api")}`).href;
  }
}
