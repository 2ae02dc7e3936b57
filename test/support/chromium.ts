// Debian's chromium as the browser tests drive it (playwright-core, headless, no network chatter).
import { chromium } from "playwright-core";

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

/** The message every browser test fails with (never a skip) when chromium is missing. */
export const missingChromium = `The browser test needs Debian's chromium at ${CHROMIUM}, which is missing: run \`apt-get install -y chromium\` (as root; npm test's pretest installs it).`;

/**
 * Starts headless chromium with a fresh profile in `profileDir`: no sandbox (root), no GPU, and no
 * background connections (this machine's network is closed, and refused connections slow it down).
 */
export function launchChromium(profileDir: string, viewport?: { width: number; height: number }) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    ...(viewport !== undefined ? { viewport } : {}),
  });
}
