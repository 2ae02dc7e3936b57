"""Generates probes_slices.json: Nengo 4.1's probes of slices (with sample_every) and a connection
function given as target points.

Rerun with: python3 test/support/nengo/regenerate.py packages/simulator/test/nengoParity/reference/gen_probes_slices.py

One LIF ensemble (N neurons, 2-D) with fixed encoders, gains, biases, initial voltages and eval
points (so the decoder solves are Nengo's exactly), driven by the first two dimensions of a 3-D
node. Probes of slices of the ensemble (decoded, input), of its neurons (spikes, voltage) and of
the node, with and without sample_every and synapses; a connection whose function is an array of
target points at given eval points.
"""
import numpy as np
from nengo_reference import emit, require_nengo

nengo = require_nengo()

N, STEPS, DT = 20, 200, 0.001
rs = np.random.RandomState(7)
angles = rs.uniform(0, 2 * np.pi, N)
ENCODERS = np.stack([np.cos(angles), np.sin(angles)], axis=1)
GAIN = rs.uniform(1, 4, N)
BIAS = rs.uniform(-1, 2, N)
VOLTAGE = rs.uniform(0, 1, N)
EVAL_POINTS = rs.uniform(-1, 1, (60, 2))
FN_POINTS = rs.uniform(-1, 1, (40, 2))
FN_TARGETS = np.stack([FN_POINTS[:, 0] * FN_POINTS[:, 1], FN_POINTS[:, 0] ** 2], axis=1)


def main():
    with nengo.Network(seed=0) as net:
        stim = nengo.Node(lambda t: [0.6 * np.sin(8 * t), 0.5 * np.cos(5 * t), 0.3])
        ens = nengo.Ensemble(N, 2, encoders=ENCODERS, gain=GAIN, bias=BIAS, eval_points=EVAL_POINTS,
                             neuron_type=nengo.LIF(initial_state={"voltage": VOLTAGE}))
        nengo.Connection(stim[:2], ens)
        out = nengo.Node(size_in=2)
        conn = nengo.Connection(ens, out, function=FN_TARGETS, eval_points=FN_POINTS, synapse=0.01)
        probes = {
            "ens_1_decoded_syn": nengo.Probe(ens[1], synapse=0.01),
            "ens_10_decoded_every3": nengo.Probe(ens[[1, 0]], sample_every=0.003),
            "ens_0_input_every2": nengo.Probe(ens[0], "input", sample_every=0.002),
            "neurons_0_10_spikes_every5": nengo.Probe(ens.neurons[0:10], sample_every=0.005),
            "neurons_2_8_3_voltage_every2": nengo.Probe(ens.neurons[2:8:3], "voltage", sample_every=0.002),
            "neurons_5_spikes_syn": nengo.Probe(ens.neurons[5:7], synapse=0.005),
            "node_1_every3_syn": nengo.Probe(stim[1:], sample_every=0.003, synapse=0.005),
            "node_2": nengo.Probe(stim[2]),
            "function_points_out": nengo.Probe(out),
        }
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        sim.run_steps(STEPS)
    emit(
        {
            "dt": DT, "steps": STEPS, "n_neurons": N, "encoders": ENCODERS, "gain": GAIN, "bias": BIAS,
            "voltage": VOLTAGE, "eval_points": EVAL_POINTS, "fn_points": FN_POINTS, "fn_targets": FN_TARGETS,
            "probes": {k: sim.data[p] for k, p in probes.items()},
            "function_points_weights": sim.data[conn].weights,
        },
        description=(
            "stim = Node([0.6 sin 8t, 0.5 cos 5t, 0.3]); ens = Ensemble(N, 2, encoders, gain, bias, eval_points, "
            "LIF(initial voltage)); Connection(stim[:2], ens); out = Node(size_in=2); Connection(ens, out, "
            "function=fn_targets (40x2: x0*x1, x0^2 at fn_points), eval_points=fn_points, synapse=0.01). Probes by key: "
            "ens[1] synapse 0.01; ens[[1, 0]] sample_every 0.003; ens[0] 'input' sample_every 0.002; "
            "ens.neurons[0:10] sample_every 0.005; ens.neurons[2:8:3] 'voltage' sample_every 0.002; "
            "ens.neurons[5:7] synapse 0.005; stim[1:] sample_every 0.003 synapse 0.005; stim[2]; out. "
            "function_points_weights = sim.data[conn].weights (2 x N)."
        ),
    )


if __name__ == "__main__":
    main()
