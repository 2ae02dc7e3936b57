import { Network } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { Progress } from "./Progress.js";

/** A stand-in terminal stream that keeps what is written. */
function stream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const fake = {
    isTTY,
    columns: 100,
    write: (chunk: unknown) => {
      chunks.push(String(chunk));
      return true;
    },
    cursorTo: () => true,
    moveCursor: () => true,
    clearLine: () => true,
    clearScreenDown: () => true,
    on: () => fake,
    removeListener: () => fake,
  };
  return { stream: fake as unknown as NodeJS.WriteStream, text: () => chunks.join("") };
}

function constant(): Network {
  const net = new Network();
  net.node({ output: 1 });
  return net;
}

describe("Progress.callback", () => {
  it("renders a simulator's progress reports as a task's start and end lines (no bars)", () => {
    const out = stream(false);
    const progress = new Progress({ stream: out.stream, bars: false });
    new Simulator(constant(), { progress: progress.callback("long run") }).runSteps(2500);
    progress.stop();
    expect(out.text()).toMatch(/^long run: started \(2500 steps\)\nlong run: done in \d+\.\d s\n$/);
  });

  it("draws a bar per task with its unit and note", () => {
    const out = stream(true);
    const progress = new Progress({ stream: out.stream, bars: true });
    const report = progress.callback();
    report({ task: "channel", unit: "minibatches", done: 2, total: 4, note: "loss 0.5" });
    report({ task: "channel", unit: "minibatches", done: 4, total: 4, note: "loss 0.25" });
    progress.stop();
    expect(out.text()).toMatch(/channel .*4\/4 minibatches .*loss 0\.25/);
  });
});
