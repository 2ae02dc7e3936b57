import { CouplingError } from "@plexus/core";
import { kindOf } from "@plexus/core/runtime";
import type { HostCommand, HostEvent } from "./protocol.js";

const F64 = "$f64";
const U8 = "$u8";

/**
 * A command or event as bytes, for transports that carry bytes (NATS): JSON, with every
 * Float64Array and Uint8Array as base64 of its bytes (little-endian float64, so -0 and NaN
 * payloads cross unchanged), read back by {@link decodeHostMessage}.
 */
export function encodeHostMessage(message: HostCommand | HostEvent): Uint8Array {
  if (typeof message !== "object" || message === null || typeof (message as { type?: unknown }).type !== "string") {
    throw new CouplingError(
      `encodeHostMessage: not a host message: expected a HostCommand or HostEvent, an object with a string type (got ${kindOf(message)})`,
    );
  }
  let text: string;
  try {
    text = JSON.stringify(message, (_key, value: unknown) => {
      if (value instanceof Float64Array) return { [F64]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
      if (value instanceof Uint8Array) return { [U8]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
      return value;
    });
  } catch (cause) {
    // JSON.stringify throws a TypeError for a cycle and for a bigint
    throw new CouplingError(
      `encodeHostMessage: the ${String((message as { type: string }).type)} message cannot be written as JSON (${cause instanceof Error ? cause.message.split("\n")[0] : String(cause)}); give it plain, acyclic fields without bigints`,
      { cause },
    );
  }
  return new TextEncoder().encode(text);
}

/** A command or event from {@link encodeHostMessage}'s bytes. @throws CouplingError when the bytes are no such message */
export function decodeHostMessage<T extends HostCommand | HostEvent>(bytes: Uint8Array): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes), (_key, value: unknown) => {
      if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        const o = value as Record<string, unknown>;
        if (typeof o[F64] === "string") {
          const b = Buffer.from(o[F64], "base64");
          const out = new Float64Array(b.byteLength / 8);
          new Uint8Array(out.buffer).set(b);
          return out;
        }
        if (typeof o[U8] === "string") return new Uint8Array(Buffer.from(o[U8], "base64"));
      }
      return value;
    });
  } catch (cause) {
    throw new CouplingError(`decodeHostMessage: not a host message (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
  if (typeof parsed !== "object" || parsed === null || typeof (parsed as { type?: unknown }).type !== "string") {
    throw new CouplingError("decodeHostMessage: not a host message (no type)");
  }
  return parsed as T;
}
