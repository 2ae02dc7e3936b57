import type { TopLevelSpec } from "vega-lite";
import type { SeedRescalingResults } from "../../results/DemoResults.js";
import { lengthLabel } from "../format.js";

/** Training loss after each epoch, one line per data length (log scale). */
export function lossCurvesChart(results: SeedRescalingResults): TopLevelSpec {
  const values = results.runs.flatMap((run, order) =>
    run.lossPerEpoch
      .map((loss, i) => ({ length: lengthLabel(run.simT), order, epoch: i + 1, loss }))
      .filter((d) => Number.isFinite(d.loss) && d.loss > 0),
  );
  return {
    data: { values },
    width: 400,
    height: 240,
    mark: { type: "line", point: values.length <= 60 },
    encoding: {
      x: { field: "epoch", type: "quantitative", title: "epoch", axis: { tickMinStep: 1 } },
      y: { field: "loss", type: "quantitative", scale: { type: "log" }, title: "training loss (MSE, log)" },
      color: {
        field: "length",
        type: "ordinal",
        sort: { field: "order", op: "min" },
        scale: { scheme: "viridis" },
        legend: { title: "data", orient: "top", direction: "horizontal" },
      },
    },
  };
}
