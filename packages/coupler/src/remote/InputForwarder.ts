import { CouplingError } from "@plexus/core";
import { Subscription } from "rxjs";
import { portName } from "../internal/model.js";
import type { UnitPlan } from "../internal/runtime/planUnits.js";
import { type StreamState, subscribeStream } from "../internal/runtime/streamInput.js";
import { Window } from "../Window.js";
import type { HostSnapshot } from "./protocol.js";

/** One observable input as the coordinator forwards it. */
interface Forwarded {
  readonly state: StreamState;
  readonly unit: number;
  readonly slot: number;
  /** Windows sent (the unit's steps) that a host restarted from the last snapshot needs again. */
  readonly kept: Window[];
}

/**
 * The observable inputs of a run with placement: subscribed in the coordinator (whatever host
 * runs their unit), checked and held to the unit's rate there, their windows forwarded to the
 * unit's host; those after the last snapshot are kept, to be sent again to hosts restarted from it.
 * How far each unit consumed them (its `consumed` events) bounds how far they may run ahead.
 */
export class InputForwarder {
  private readonly streams: Forwarded[] = [];
  /** Base steps each unit consumed, as far as its host told. */
  private readonly progress: number[];
  private readonly subscriptions = new Subscription();

  constructor(
    plans: readonly UnitPlan[],
    from: HostSnapshot | undefined,
    /** Sends windows (bytes) to the host of `unit`, for its slot `slot`. */
    private readonly send: (unit: number, slot: number, windows: readonly Uint8Array[]) => void,
    /** Whether hosts may be restarted (else nothing is kept to send again). */
    keep: boolean,
  ) {
    const start = from?.step ?? 0;
    this.progress = plans.map(() => start);
    for (const plan of plans) {
      plan.streamInputs.forEach((input, k) => {
        const f: Forwarded = {
          unit: plan.index,
          slot: plan.inEdges.length + k,
          kept: [],
          state: {
            input,
            unitName: plan.name,
            multiple: plan.multiple,
            consumed: () => this.progress[plan.index] ?? 0,
            push: (w) => {
              if (keep) f.kept.push(w);
              this.send(f.unit, f.slot, [w.toBytes()]);
            },
            received: start,
            complete: false,
          },
        };
        this.streams.push(f);
      });
    }
  }

  /** Subscribes every input; `failed` gets a bad value, an input too far ahead, or one that completed before the run's `steps`. */
  start(steps: number, inputBufferSteps: number, failed: (error: unknown) => void): void {
    for (const f of this.streams) {
      const st = f.state;
      const need = Math.floor(steps / st.multiple) * st.multiple;
      const completed = (): void => {
        if (st.received >= need) return;
        const label = portName(st.input.to);
        failed(
          new CouplingError(
            `input ${label}: the observable completed after ${st.received} base steps, but the run needs ${need}; give it at least as many steps as the run`,
            { label },
          ),
        );
      };
      const sub = subscribeStream(st, inputBufferSteps, { delivered: () => undefined, failed, completed });
      if (sub !== undefined) this.subscriptions.add(sub);
    }
  }

  /** A unit's host told how far it consumed its inputs. */
  consumed(unit: number, step: number): void {
    if (step > (this.progress[unit] ?? 0)) this.progress[unit] = step;
  }

  /** A snapshot was taken at base step `step`: windows before it are no longer needed. */
  snapshotTaken(step: number): void {
    for (const f of this.streams) {
      const done = step / f.state.multiple;
      let drop = 0;
      while (drop < f.kept.length && (f.kept[drop]?.end ?? Infinity) <= done) drop++;
      f.kept.splice(0, drop);
    }
  }

  /** Hosts restarted from base step `step`: sends them again the windows after it. */
  resend(step: number): void {
    for (const f of this.streams) {
      const done = step / f.state.multiple;
      this.progress[f.unit] = step;
      const again = f.kept
        .filter((w) => w.end > done)
        .map((w) => (w.start > done ? w : new Window(done + 1, w.end - done, w.dims, w.data.slice((done + 1 - w.start) * w.dims))));
      if (again.length > 0)
        this.send(
          f.unit,
          f.slot,
          again.map((w) => w.toBytes()),
        );
    }
  }

  stop(): void {
    this.subscriptions.unsubscribe();
  }
}
