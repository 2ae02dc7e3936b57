import { type InPort, Network, type SameSize, Sigmoid } from "@plexus/core";
import { describe, expectTypeOf, it } from "vitest";
import { GradientTrainer } from "./GradientTrainer.js";
import type { TrainedInPort, TrainedOutPort } from "./TrainedPort.js";
import type { TrainedSubnetwork } from "./TrainedSubnetwork.js";
import type { DataArray } from "./TrainingData.js";

const channel = new Network({ label: "channel", inputs: { u: 1 }, outputs: { y: 1 } });
const x = channel.ensemble({ nNeurons: 100, dimensions: 1, neuronType: new Sigmoid() });
const xs: number[][][] = [[[0]]];

describe("port types", () => {
  it("types a network's ports by name and dimensions", () => {
    expectTypeOf(channel.in.u).toEqualTypeOf<InPort<1>>();
    // @ts-expect-error: a wrong port name is a compile error
    channel.in.v;
    // @ts-expect-error: a wrong port name is a compile error
    channel.out.z;
  });

  it("makes a dimension mismatch visible at compile time where both sizes are literal", () => {
    expectTypeOf<SameSize<1, 2>>().toEqualTypeOf<{ readonly "dimension mismatch": [1, 2] }>();
    expectTypeOf<SameSize<1, 1>>().toEqualTypeOf<unknown>();
    expectTypeOf<SameSize<1, number>>().toEqualTypeOf<unknown>();
    // What a coupler does with two port handles: requires SameSize of their dimensions.
    const couple = <A extends number, B extends number>(_from: TrainedOutPort<A>, _to: TrainedInPort<B> & SameSize<A, B>): void => {};
    const out1 = null as unknown as TrainedOutPort<1>;
    couple(out1, null as unknown as TrainedInPort<1>);
    // @ts-expect-error: TrainedOutPort<1> into TrainedInPort<2>
    couple(out1, null as unknown as TrainedInPort<2>);
    couple(out1, null as unknown as TrainedInPort<number>);
  });

  it("keeps port names and dimensions through fit into the TrainedSubnetwork", async () => {
    const trainer = new GradientTrainer();
    const trained = await trainer.fit(channel, { inputs: { u: xs }, targets: { y: xs } }, { epochs: 1 });
    expectTypeOf(trained).toEqualTypeOf<TrainedSubnetwork<{ readonly u: 1 }, { readonly y: 1 }>>();
    expectTypeOf(trained.in.u).toEqualTypeOf<TrainedInPort<1>>();
    expectTypeOf(trained.out.y).toEqualTypeOf<TrainedOutPort<1>>();
    expectTypeOf(trained.in.u.dimensions).toEqualTypeOf<1>();
    expectTypeOf(trained.ports.inputs.u).toEqualTypeOf<1>();
    // @ts-expect-error: no such input port
    trained.in.v;
    // @ts-expect-error: no such output port
    trained.out.u;
    expectTypeOf(trained.predict({ u: xs }).y).toEqualTypeOf<DataArray>();
    // @ts-expect-error: data for an unknown port
    trained.predict({ u: xs, v: xs });
    // @ts-expect-error: the input port's data is missing
    trained.predict({});
    expectTypeOf(trained.latency).parameter(0).toEqualTypeOf<"u" | TrainedInPort>();
    // @ts-expect-error: latency from an unknown port
    trained.latency("v", "y");
  });

  it("checks port names of training data at compile time", async () => {
    const trainer = new GradientTrainer();
    // @ts-expect-error: inputs.v names no input port
    await trainer.fit(channel, { inputs: { v: xs }, targets: { y: xs } });
    // @ts-expect-error: targets.z names no output port
    await trainer.fit(channel, { inputs: { u: xs }, targets: { z: xs } });
    // A TrainedSubnetwork's port handle carries its dimension: a coupler can compare them with SameSize.
    const trained = await trainer.fit(channel, { inputs: { u: xs }, targets: { y: xs } });
    expectTypeOf<SameSize<(typeof trained.out.y)["dimensions"], 2>>().not.toEqualTypeOf<unknown>();
  });
});
