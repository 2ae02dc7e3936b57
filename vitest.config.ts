import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@plexus/source"] },
  ssr: { resolve: { conditions: ["@plexus/source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    server: { deps: { external: [/\/node_modules\/@tensorflow\//] } },
    typecheck: { enabled: true, tsconfig: "./tsconfig.vitest.json", include: ["packages/*/src/**/*.test-d.ts", "test/**/*.test-d.ts"] },
  },
});
