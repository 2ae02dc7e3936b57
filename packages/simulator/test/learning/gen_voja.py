"""Generates voja.json: Nengo 4.1's Voja rule on a small deterministic network.

    python3 test/support/nengo/regenerate.py packages/simulator/test/learning/gen_voja.py

stim = Node([0.9 cos(2 pi t), 0.9 sin(2 pi t)]); post = Ensemble(6, 2, radius=1.5) with fixed
encoders, gains, biases (and LIF initial voltages); conn = Connection(stim, post,
learning_rule_type=Voja(...)); in the *_signal cases Connection(Node(-0.5 if t > 0.5 else 0.3),
conn.learning_rule) too (Nengo's learning signal is 1 plus what comes in).
"""
import json

import nengo
import numpy as np

N = 6
DT = 0.001
STEPS = 1000
ENC = [[np.cos(1.1 * i), np.sin(1.1 * i)] for i in range(N)]
GAIN = [1.5 + 0.4 * i for i in range(N)]
BIAS = [0.8 + 0.15 * i for i in range(N)]
VOLT = [(0.41 * i) % 1.0 for i in range(N)]
RADIUS = 1.5


def run(learning_rate, post_synapse, signal, spiking):
    with nengo.Network(seed=0) as net:
        stim = nengo.Node(lambda t: [0.9 * np.cos(2 * np.pi * t), 0.9 * np.sin(2 * np.pi * t)])
        neuron = nengo.LIF(initial_state={"voltage": np.array(VOLT)}) if spiking else nengo.LIFRate()
        post = nengo.Ensemble(N, 2, radius=RADIUS, neuron_type=neuron, encoders=np.array(ENC), gain=np.array(GAIN), bias=np.array(BIAS))
        conn = nengo.Connection(stim, post, learning_rule_type=nengo.Voja(learning_rate=learning_rate, post_synapse=post_synapse))
        if signal:
            nengo.Connection(nengo.Node(lambda t: -0.5 if t > 0.5 else 0.3), conn.learning_rule)
        probes = {attr: nengo.Probe(conn.learning_rule, attr, sample_every=0.05) for attr in ("scaled_encoders", "delta", "post_filtered")}
        probes["post"] = nengo.Probe(post.neurons, sample_every=0.05)
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        sim.run_steps(STEPS)
    return {k: np.asarray(sim.data[p]).reshape(len(sim.data[p]), -1).tolist() for k, p in probes.items()}


def main():
    cases = {
        "voja": {"learning_rate": 1e-2, "post_synapse": 0.005, "signal": False, "spiking": False},
        "voja_nofilter_signal": {"learning_rate": 5e-3, "post_synapse": None, "signal": True, "spiking": False},
        "voja_lif_signal": {"learning_rate": 1e-2, "post_synapse": 0.005, "signal": True, "spiking": True},
    }
    for c in cases.values():
        c.update(run(c["learning_rate"], c["post_synapse"], c["signal"], c["spiking"]))
    print(json.dumps({
        "description": "Nengo 4.1 Voja: see the generator's docstring. Probes of conn.learning_rule (scaled_encoders, delta, post_filtered) and post.neurons, sample_every=0.05 (rows at steps 50, 100, ...), flattened row-major.",
        "nengo_version": nengo.__version__,
        "numpy_version": np.__version__,
        "generator": "packages/simulator/test/learning/gen_voja.py",
        "dt": DT, "steps": STEPS, "radius": RADIUS,
        "encoders": ENC, "gain": GAIN, "bias": BIAS, "voltage": VOLT,
        "cases": cases,
    }))


if __name__ == "__main__":
    main()
