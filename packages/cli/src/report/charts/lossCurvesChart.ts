import type { TopLevelSpec } from "vega-lite";
import type { SeedRescalingResults } from "../../results/DemoResults.js";
import { palette } from "../chartConfig.js";
import { lengthLabel } from "../format.js";

const TRAIN = "training loss (epoch average)";
const DEPLOYED = "deployed loss (final subnetwork)";

/**
 * The trainer's loss per epoch, one panel per data length (log scale), with the deployed loss of
 * the final subnetwork as a dashed rule: the two numbers the table compares, over training.
 */
export function lossCurvesChart(results: SeedRescalingResults): TopLevelSpec {
  const values = results.runs.flatMap((run, order) => [
    ...run.lossPerEpoch
      .map((loss, i) => ({ length: `${lengthLabel(run.simT)} of data`, order, epoch: i + 1, loss, kind: TRAIN }))
      .filter((d) => Number.isFinite(d.loss) && d.loss > 0),
    ...(Number.isFinite(run.deployedLoss) && run.deployedLoss > 0
      ? [{ length: `${lengthLabel(run.simT)} of data`, order, epoch: NaN, loss: run.deployedLoss, kind: DEPLOYED }]
      : []),
  ]);
  const color = {
    field: "kind",
    type: "nominal",
    scale: { domain: [TRAIN, DEPLOYED], range: ["#7c3aed", palette.port] },
    legend: { title: null, orient: "top", direction: "horizontal", symbolType: "stroke", labelLimit: 0 },
  } as const;
  const y = { field: "loss", type: "quantitative", scale: { type: "log" }, title: "loss (MSE, log)", axis: { tickCount: 4 } } as const;
  return {
    data: { values },
    facet: { field: "length", type: "nominal", sort: { field: "order", op: "min" }, header: { title: null, labelFontSize: 12, labelPadding: 6 } },
    columns: 3,
    spacing: { row: 20, column: 16 },
    spec: {
      width: 280,
      height: 130,
      layer: [
        {
          transform: [{ filter: { field: "kind", equal: TRAIN } }],
          mark: { type: "line", strokeWidth: 1.4, point: false },
          encoding: { x: { field: "epoch", type: "quantitative", title: "epoch", axis: { tickMinStep: 1 } }, y, color },
        },
        {
          transform: [{ filter: { field: "kind", equal: DEPLOYED } }],
          mark: { type: "rule", strokeDash: [5, 3], strokeWidth: 2 },
          encoding: { y, color },
        },
      ],
    },
    resolve: { scale: { y: "shared" } },
  };
}
