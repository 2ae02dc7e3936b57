// A NATS worker process for the tests of the worker machinery (claims, channels, processes): its
// host answers pings and echoes the windows of the link "in" on the link "out", each value doubled.
import { Window } from "../../src/Window.js";
import { serveNatsWorker } from "../../src/transports/nats/NatsWorker.js";

export type EchoCommand = { readonly type: "ping"; readonly n: number } | { readonly type: "echo" } | { readonly type: "close" };
export type EchoEvent = { readonly type: "pong"; readonly n: number; readonly pid: number; readonly worker: string } | { readonly type: "echoed"; readonly windows: number } | { readonly type: "closed" };

const args = process.argv.slice(2);
const url = args[args.indexOf("--nats") + 1]!;
const name = args[args.indexOf("--name") + 1]!;

const worker = await serveNatsWorker<EchoCommand, EchoEvent>({
  servers: url,
  name,
  host: (transport, emit, ended) => {
    let count = 0;
    return {
      handle(command) {
        if (command.type === "ping") emit({ type: "pong", n: command.n, pid: process.pid, worker: name });
        else if (command.type === "echo") {
          const out = transport.open("out");
          transport.open("in").windows.subscribe({
            next: (w) => {
              count++;
              out.send(new Window(w.start, w.steps, w.dims, w.data.map((v) => 2 * v)));
            },
            complete: () => {
              out.close();
              emit({ type: "echoed", windows: count });
            },
          });
        } else {
          emit({ type: "closed" });
          ended();
        }
      },
      close() {},
    };
  },
});
process.on("SIGTERM", () => void worker.close().then(() => process.exit(0)));
