"""Generates pes_reference.json: Nengo 4.1's PES rule on a deterministic network.

Run with Nengo's source on the path (no install needed beyond numpy):
    PYTHONPATH=/path/to/nengo python3 gen_pes_reference.py > pes_reference.json

The classic PES example (Nengo's docs, "Learning a communication channel"): decoders start at
zero (NoSolver), error = b - stimulus, connected into the learning rule. Every parameter is
fixed (encoders, gains, biases, initial voltages), so a simulator with Nengo's semantics must
reproduce the probed trajectories to rounding.
"""
import json

import nengo
import numpy as np

N = 12
DT = 0.001
STEPS = 1500
ENCODERS = [[1.0 if i % 2 == 0 else -1.0] for i in range(N)]
GAIN = [1.0 + 0.25 * i for i in range(N)]
BIAS = [1.5 - 0.2 * i if i % 3 else 0.8 + 0.1 * i for i in range(N)]
VOLTAGE = [(0.37 * i) % 1.0 for i in range(N)]


def run(neuron_type, learning_rate, pre_synapse):
    with nengo.Network(seed=0) as net:
        stim = nengo.Node(lambda t: np.sin(2 * np.pi * t) * 0.8)
        a = nengo.Ensemble(
            N,
            1,
            neuron_type=neuron_type,
            encoders=np.array(ENCODERS),
            gain=np.array(GAIN),
            bias=np.array(BIAS),
        )
        nengo.Connection(stim, a)
        b = nengo.Node(size_in=1)
        conn = nengo.Connection(
            a,
            b,
            solver=nengo.solvers.NoSolver(),
            learning_rule_type=nengo.PES(learning_rate=learning_rate, pre_synapse=pre_synapse),
        )
        error = nengo.Node(size_in=1)
        nengo.Connection(b, error)
        nengo.Connection(stim, error, transform=-1)
        nengo.Connection(error, conn.learning_rule)
        p_b = nengo.Probe(b)
        p_err = nengo.Probe(error)
        p_w = nengo.Probe(conn, "weights", sample_every=0.1)
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        sim.run_steps(STEPS)
    return {
        "b": sim.data[p_b][:, 0].tolist(),
        "error": sim.data[p_err][:, 0].tolist(),
        "weights": sim.data[p_w][:, 0, :].tolist(),
    }


def main():
    cases = {
        "lifrate": run(nengo.LIFRate(), 1e-3, nengo.Lowpass(0.005)),
        "lifrate_nofilter": run(nengo.LIFRate(), 5e-4, None),
        "lif": run(nengo.LIF(initial_state={"voltage": np.array(VOLTAGE)}), 1e-3, nengo.Lowpass(0.005)),
    }
    print(
        json.dumps(
            {
                "description": "Nengo 4.1 PES: stim = Node(0.8 sin(2 pi t)); a = Ensemble(N, 1) with the fixed encoders, gain, bias (and LIF initial voltages) below; Connection(stim, a) (Lowpass 0.005); b = Node(size_in=1); conn = Connection(a, b, solver=NoSolver(), learning_rule_type=PES(learning_rate, pre_synapse)); error = Node(size_in=1); Connection(b, error); Connection(stim, error, transform=-1); Connection(error, conn.learning_rule) (all default synapses, Lowpass 0.005). Probes: b and error (synapse None, every step), conn weights (sample_every=0.1: rows at steps 100, 200, ...).",
                "nengo_version": nengo.__version__,
                "numpy_version": np.__version__,
                "generator": "packages/trainer/test/nongradient/reference/gen_pes_reference.py",
                "dt": DT,
                "steps": STEPS,
                "n_neurons": N,
                "encoders": ENCODERS,
                "gain": GAIN,
                "bias": BIAS,
                "lif_initial_voltage": VOLTAGE,
                "cases": {
                    "lifrate": {"neuron_type": "LIFRate", "learning_rate": 1e-3, "pre_synapse": 0.005, **cases["lifrate"]},
                    "lifrate_nofilter": {"neuron_type": "LIFRate", "learning_rate": 5e-4, "pre_synapse": None, **cases["lifrate_nofilter"]},
                    "lif": {"neuron_type": "LIF", "learning_rate": 1e-3, "pre_synapse": 0.005, **cases["lif"]},
                },
            }
        )
    )


if __name__ == "__main__":
    main()
