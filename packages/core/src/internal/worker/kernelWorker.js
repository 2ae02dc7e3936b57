// The one worker file of Plexus's helper threads (core's linear-algebra sessions and the
// simulator's step helper). Plain JavaScript so that Node runs it as it is, from the sources
// (vitest, tsx) and from the built dist alike; it imports nothing of ours. Each message
// instantiates a kernels' WebAssembly module on a shared memory and serves one protocol (its
// control-word layout given in the message by workerRuntime.ts, the one definition) until told to
// stop. Protocols:
// - "tasks": WasmSession.parallel's task table (lists of kernel calls, taken from one counter).
// - "chunks": the simulator's shared dense products (chunks of rows claimed from one counter).
import { parentPort } from "node:worker_threads";

if (parentPort !== null) {
  const port = parentPort;
  port.on("message", (msg) => {
    if (msg.protocol === "tasks") serveTasks(msg);
    else if (msg.protocol === "chunks") serveChunks(msg);
  });
}

/** Serves one WasmSession: call lists until the session's COMMAND turns negative. */
function serveTasks(msg) {
  const L = msg.layout;
  const c = new Int32Array(msg.ctl);
  const table = new Int32Array(msg.table);
  const q = new Float64Array(msg.queue);
  let fns;
  try {
    const inst = new WebAssembly.Instance(msg.module, { env: { memory: msg.memory } });
    fns = msg.names.map((n) => inst.exports[n]);
    Atomics.store(c, L.STATUS, 0);
  } catch {
    Atomics.store(c, L.STATUS, 2);
  }
  let seq = Atomics.load(c, L.SEQ);
  Atomics.store(c, L.READY, msg.session);
  Atomics.notify(c, L.READY);
  if (fns === undefined) return;
  for (;;) {
    Atomics.wait(c, L.SEQ, seq);
    seq = Atomics.load(c, L.SEQ);
    if (Atomics.load(c, L.COMMAND) < 0) break;
    let status = 0;
    try {
      const count = Atomics.load(table, L.COUNT);
      for (;;) {
        const t = Atomics.add(table, L.NEXT, 1);
        if (t >= count) break;
        let o = table[2 + 2 * t];
        const calls = table[3 + 2 * t];
        for (let k = 0; k < calls; k++) {
          const na = q[o + 1];
          fns[q[o]](...q.subarray(o + 2, o + 2 + na));
          o += 2 + na;
        }
      }
    } catch {
      status = 1;
    }
    Atomics.store(c, L.STATUS, status);
    Atomics.store(c, L.DONE, seq);
    Atomics.notify(c, L.DONE);
  }
  fns = undefined;
  Atomics.store(c, L.DONE, seq);
  Atomics.notify(c, L.DONE);
}

/** Serves one simulator's shared products until QUIT: spins a little for the next, then sleeps. */
function serveChunks(msg) {
  const L = msg.layout;
  const inst = new WebAssembly.Instance(msg.module, { env: { memory: msg.memory } });
  const dense = inst.exports[msg.kernel];
  const I = new Int32Array(msg.memory.buffer);
  const c = new Int32Array(msg.ctl);
  let seen = Atomics.load(c, L.SEQ);
  Atomics.store(c, L.READY, 1);
  for (;;) {
    let spins = 0;
    let since = 0;
    for (;;) {
      const s = Atomics.load(c, L.SEQ);
      if (s !== seen) {
        seen = s;
        break;
      }
      if (Atomics.load(c, L.QUIT) !== 0) return;
      if (++spins % 256 === 0) {
        const now = performance.now();
        if (since === 0) since = now;
        else if (now - since > L.IDLE_SPIN_MS) {
          Atomics.store(c, L.SLEEPING, 1);
          if (Atomics.load(c, L.SEQ) === seen && Atomics.load(c, L.QUIT) === 0) Atomics.wait(c, L.SEQ, seen);
          Atomics.store(c, L.SLEEPING, 0);
          since = 0;
        }
      }
    }
    if (Atomics.load(c, L.QUIT) !== 0) return;
    for (;;) {
      const job = Atomics.load(c, L.JOB) >> 2;
      const claim = Atomics.add(I, job + L.NEXT, 1);
      const chunk = claim & 0xffff;
      if (chunk >= I[job + L.COUNT]) break;
      dense(I[job + L.PARAMS] + chunk * L.PARAMS_BYTES);
      Atomics.store(I, job + L.DONE + chunk, claim >>> 16);
    }
  }
}
