import { expectTypeOf, test } from "vitest";
import type { InPort } from "./InPort.js";
import { f64At } from "./internal/checked.js";
import { Network } from "./Network.js";
import type { OutPort } from "./OutPort.js";

test("ports carry their names and dimensions in the type", () => {
  const channel = new Network({ label: "channel", inputs: { u: 1, ref: 2 }, outputs: { y: 1 } });
  expectTypeOf(channel.in.u).toEqualTypeOf<InPort<1>>();
  expectTypeOf(channel.in.ref).toEqualTypeOf<InPort<2>>();
  expectTypeOf(channel.out.y).toEqualTypeOf<OutPort<1>>();
  // @ts-expect-error: there is no input port 'v'
  void channel.in.v;
  // @ts-expect-error: there is no output port 'u'
  void channel.out.u;
});

test("a connection between literal sizes that differ is a compile error unless something changes the size", () => {
  const net = new Network({ inputs: { u: 2 }, outputs: { y: 1 } });
  const a = net.ensemble({ nNeurons: 10, dimensions: 2 });
  const b = net.ensemble({ nNeurons: 10, dimensions: 3 });
  net.connect(net.in.u, a);
  // @ts-expect-error: in.u has 2 dimensions, the output port 1
  net.connect(net.in.u, net.out.y);
  // @ts-expect-error: 2 dimensions into 3 with no transform
  net.connect(a, b);
  net.connect(a, b, {
    transform: [
      [1, 0],
      [0, 1],
      [1, 1],
    ],
  });
  net.connect(a, net.out.y, { function: (x) => f64At(x, 0) * f64At(x, 1) });
  net.connect(net.in.u, net.out.y, { preSlice: [0] });
});
