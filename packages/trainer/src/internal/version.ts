/**
 * The version of @plexus/trainer written into each bundle's manifest: its package.json `version`
 * (a constant, so that no file is read: browsers have none; version.test.ts keeps the two equal).
 */
export const TRAINER_VERSION = "0.1.0";

/** The version of @plexus/trainer. */
export function plexusVersion(): string {
  return TRAINER_VERSION;
}
