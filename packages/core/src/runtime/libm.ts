// Plexus's own libm: the transcendental functions every kernel and reference computation uses
// instead of Math.*. Engines may implement Math.exp, Math.sin, ... as they like (V8 11 ports
// fdlibm, newer V8 and other engines use other algorithms, and the last bits differ); these are
// plain float64 arithmetic (+, -, *, /, sqrt and bit access, all exact or correctly rounded in
// IEEE 754), so every conforming engine computes the same bits. Each is written to return exactly
// what Node 20's Math.* returns (fdlibm's algorithms as V8 11 writes them; libm.test.ts checks).
export { exp } from "./libm/exp.js";
export { expm1, expm1Near0 } from "./libm/expm1.js";
export { cosh, sinh, tanh } from "./libm/hyperbolic.js";
export { hypot } from "./libm/hypot.js";
export { asin, atanh } from "./libm/inverse.js";
export { log } from "./libm/log.js";
export { log1p, log1pNear0 } from "./libm/log1p.js";
export { log2 } from "./libm/log2.js";
export { pow } from "./libm/pow.js";
export { cos, sin } from "./libm/trig.js";
