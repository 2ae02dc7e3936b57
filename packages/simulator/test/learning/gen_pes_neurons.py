"""Generates pes_neurons.json: Nengo 4.1's PES on connections into neurons and solved for full weights.

    python3 test/support/nengo/regenerate.py packages/simulator/test/learning/gen_pes_neurons.py

stim = Node([0.8 sin(2 pi t), 0.6 cos(2 pi t)]) into a (NA neurons, 2-D) and b (NB neurons, 2-D),
with fixed encoders, gains, biases (and LIF initial voltages). The learned connection `conn` goes
from a (or a.neurons) to b (or b.neurons); Nengo's PES then learns through b's scaled encoders
(local_error = encoders . error, `conn._to_neurons`). The error is Node(size_in=post_state):
the target (stim through TARGET) subtracted from b's output read through fixed decoders DB
(Connection(b.neurons, error, transform=DB): no decoder solve anywhere, so every number is fixed).
Cases:
  weight_solver:       Connection(a, b, solver=NoSolver(D0, weights=True), transform=SWAP)
  weight_solver_slice: Connection(a, b[1], solver=NoSolver(D0, weights=True), transform=[[1, 0]])
  ens_neurons:         Connection(a, b.neurons, solver=NoSolver(D0), transform=EN)
  neuron_neuron:       Connection(a.neurons, b.neurons, transform=W0)
  neuron_neuron_slice: Connection(a.neurons[2:NA], b.neurons[1:NB-1], transform=W0[1:NB-1, 2:])
with LIFRate neurons, and *_lif with LIF neurons.
"""
import json

import nengo
import numpy as np

NA, NB = 8, 6
DT = 0.001
STEPS = 1000
ENC_A = [[np.cos(0.7 * i), np.sin(0.7 * i)] for i in range(NA)]
GAIN_A = [1.0 + 0.3 * i for i in range(NA)]
BIAS_A = [1.2 + 0.1 * i for i in range(NA)]
ENC_B = [[np.cos(1.1 * i + 0.3), np.sin(1.1 * i + 0.3)] for i in range(NB)]
GAIN_B = [2.0 + 0.5 * i for i in range(NB)]
BIAS_B = [1.5 + 0.2 * i for i in range(NB)]
VOLT_A = [(0.37 * i) % 1.0 for i in range(NA)]
VOLT_B = [(0.53 * i) % 1.0 for i in range(NB)]
D0 = [[0.01 * (((2 * i + 3 * k) % 5) - 2) for k in range(2)] for i in range(NA)]
DB = [[0.004 * (((i + 2 * k) % 5) - 2) for i in range(NB)] for k in range(2)]
W0 = [[0.02 * (((3 * i + 5 * j) % 7) - 3) for j in range(NA)] for i in range(NB)]
EN = [[0.5 * (((i + k) % 3) - 1) for k in range(2)] for i in range(NB)]
TARGET = [[0.0, 1.0], [1.0, 0.0]]
RATE = 5e-4


def learned(name, a, b):
    """The learned connection of case `name`, and the size of its error (post_state)."""
    pes = nengo.PES(learning_rate=RATE)
    if name == "weight_solver":
        return nengo.Connection(a, b, solver=nengo.solvers.NoSolver(np.array(D0), weights=True), transform=TARGET, learning_rule_type=pes), [0, 1]
    if name == "weight_solver_slice":
        return nengo.Connection(a, b[1], solver=nengo.solvers.NoSolver(np.array(D0), weights=True), transform=[[1.0, 0.0]], learning_rule_type=pes), [1]
    if name == "ens_neurons":
        return nengo.Connection(a, b.neurons, solver=nengo.solvers.NoSolver(np.array(D0)), transform=np.array(EN), learning_rule_type=pes), [0, 1]
    if name == "neuron_neuron":
        return nengo.Connection(a.neurons, b.neurons, transform=np.array(W0), learning_rule_type=pes), [0, 1]
    if name == "neuron_neuron_slice":
        w = np.array(W0)[1 : NB - 1, 2:]
        return nengo.Connection(a.neurons[2:NA], b.neurons[1 : NB - 1], transform=w, learning_rule_type=pes), [0, 1]
    raise ValueError(name)


def two_ensembles(spiking):
    """The network before the learned connection (inside a `with nengo.Network(seed=0)`): stim, a, b."""

    def neuron(v):
        return nengo.LIF(initial_state={"voltage": np.array(v)}) if spiking else nengo.LIFRate()

    stim = nengo.Node(lambda t: [np.sin(2 * np.pi * t) * 0.8, np.cos(2 * np.pi * t) * 0.6])
    a = nengo.Ensemble(NA, 2, neuron_type=neuron(VOLT_A), encoders=np.array(ENC_A), gain=np.array(GAIN_A), bias=np.array(BIAS_A))
    b = nengo.Ensemble(NB, 2, neuron_type=neuron(VOLT_B), encoders=np.array(ENC_B), gain=np.array(GAIN_B), bias=np.array(BIAS_B))
    nengo.Connection(stim, a)
    nengo.Connection(stim, b, transform=0.5)
    return stim, a, b


def run(name, spiking):
    with nengo.Network(seed=0) as net:
        stim, a, b = two_ensembles(spiking)
        conn, dims = learned(name, a, b)
        error = nengo.Node(size_in=len(dims))
        nengo.Connection(b.neurons, error, transform=np.array(DB)[dims])
        nengo.Connection(stim, error, transform=-np.array(TARGET)[dims])
        nengo.Connection(error, conn.learning_rule)
        probes = {
            "weights": nengo.Probe(conn, "weights", sample_every=0.05),
            "b": nengo.Probe(b.neurons, sample_every=0.05),
            "error": nengo.Probe(conn.learning_rule, "error", sample_every=0.05),
            "activities": nengo.Probe(conn.learning_rule, "activities", sample_every=0.05),
            "delta": nengo.Probe(conn.learning_rule, "delta", sample_every=0.05),
        }
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        encode = [op for op in sim.model.operators if op.tag == "PES:encode"]
        assert len(encode) == 1, name
        sim.run_steps(STEPS)
    return {k: np.asarray(sim.data[p]).reshape(len(sim.data[p]), -1).tolist() for k, p in probes.items()}


def main():
    names = ("weight_solver", "weight_solver_slice", "ens_neurons", "neuron_neuron", "neuron_neuron_slice")
    cases = {name: run(name, False) for name in names}
    for name in ("weight_solver", "neuron_neuron_slice"):
        cases[name + "_lif"] = run(name, True)
    print(json.dumps({
        "description": "Nengo 4.1 PES into neurons and on full weights (conn._to_neurons: the error goes through the post's scaled encoders): see the generator's docstring. Every probe sample_every=0.05 (rows at steps 50, 100, ...), flattened row-major; b is b.neurons' output; error, activities and delta are the rule's probes.",
        "nengo_version": nengo.__version__,
        "numpy_version": np.__version__,
        "generator": "packages/simulator/test/learning/gen_pes_neurons.py",
        "dt": DT, "steps": STEPS, "rate": RATE,
        "encA": ENC_A, "gainA": GAIN_A, "biasA": BIAS_A, "voltA": VOLT_A,
        "encB": ENC_B, "gainB": GAIN_B, "biasB": BIAS_B, "voltB": VOLT_B,
        "d0": D0, "db": DB, "w0": W0, "en": EN, "target": TARGET,
        "cases": cases,
    }))


if __name__ == "__main__":
    main()
