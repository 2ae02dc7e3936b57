import type { Command } from "commander";

interface InspectOptions {
  readonly json?: boolean;
}

/** `plexus inspect <bundle>`: ports, named parameters, training report and checksum of a bundle. */
export function addInspectCommand(program: Command): void {
  program
    .command("inspect")
    .description("describe a saved bundle: ports with dimensions, named parameters (shapes, norms), training report, checksum status")
    .argument("<bundle>", "a bundle file written by save() (the demo writes them under plexus-report/bundles/)")
    .option("--json", "print the description as JSON")
    .option("--verbose", "on error, print the stack and every cause")
    .action(async function (this: Command, path: string) {
      const options = this.opts<InspectOptions>();
      // Loaded on use: @plexus/trainer takes a while to import, and --help should not wait for it.
      const [{ inspectBundle }, { printBundleInfo }, { toJsonText }] = await Promise.all([
        import("../bundles/inspectBundle.js"),
        import("../bundles/printBundleInfo.js"),
        import("../internal/toJsonText.js"),
      ]);
      const info = await inspectBundle(path);
      process.stdout.write(options.json === true ? toJsonText(info) : printBundleInfo(info));
    });
}
