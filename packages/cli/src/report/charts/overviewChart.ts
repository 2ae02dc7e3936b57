import type { TopLevelSpec } from "vega-lite";
import type { SeedRescalingResults } from "../../results/DemoResults.js";
import { palette } from "../chartConfig.js";
import { seedTracesChart } from "./seedTracesChart.js";

/**
 * The picture for the README and the terminal: the output-vs-target panels under a title and a
 * subtitle made of the run's numbers.
 */
export function overviewChart(results: SeedRescalingResults, subtitle: readonly string[]): TopLevelSpec {
  return {
    ...seedTracesChart(results),
    title: {
      text: "Plexus: the loss you see is the loss you deploy",
      subtitle: [...subtitle],
      anchor: "start",
      fontSize: 17,
      subtitleFontSize: 12.5,
      subtitleColor: palette.muted,
      subtitlePadding: 6,
      offset: 14,
    },
  } as TopLevelSpec;
}
