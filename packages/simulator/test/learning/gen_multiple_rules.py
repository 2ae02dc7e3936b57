"""Generates multiple_rules.json: Nengo 4.1 with several learning rules on one connection.

    python3 test/support/nengo/regenerate.py packages/simulator/test/learning/gen_multiple_rules.py

The network of gen_pes_neurons.py (stim into a and b, 2-D, every parameter fixed); the learned
connection carries a list or a dict of rules (Nengo's learning_rule_type=[...] / {...}), each with
its own delta, built in order:
  pes_bcm:   Connection(a.neurons, b.neurons, transform=W0, learning_rule_type=[PES(5e-4), BCM(1e-8)])
  oja_bcm:   Connection(a.neurons, b.neurons, transform=W0, learning_rule_type={"oja": Oja(1e-5), "bcm": BCM(1e-8)})
  pes_voja:  Connection(a, b, solver=NoSolver(D0), learning_rule_type=[PES(5e-4), Voja(1e-2)])
  pes_pes:   Connection(a.neurons, b.neurons, transform=W0, learning_rule_type=[PES(5e-4), PES(2e-4, pre_synapse=None)])
The PES error (post_state: b's 2 dimensions) is b's output through fixed decoders DB minus stim,
into conn.learning_rule[key] for each PES rule (the second PES gets it negated by half). Probes
(sample_every=0.05): the weights, b.neurons, and every rule's probeable signals as "<key>.<attr>";
pes_voja also b's scaled encoders.
"""
import json

import nengo
import numpy as np
from gen_pes_neurons import D0, DB, DT, STEPS, W0, two_ensembles

CASES = {
    "pes_bcm": lambda: [nengo.PES(learning_rate=5e-4), nengo.BCM(learning_rate=1e-8)],
    "oja_bcm": lambda: {"oja": nengo.Oja(learning_rate=1e-5), "bcm": nengo.BCM(learning_rate=1e-8)},
    "pes_voja": lambda: [nengo.PES(learning_rate=5e-4), nengo.Voja(learning_rate=1e-2)],
    "pes_pes": lambda: [nengo.PES(learning_rate=5e-4), nengo.PES(learning_rate=2e-4, pre_synapse=None)],
}


def run(name, spiking):
    rules = CASES[name]()
    with nengo.Network(seed=0) as net:
        stim, a, b = two_ensembles(spiking)
        if name == "pes_voja":
            conn = nengo.Connection(a, b, solver=nengo.solvers.NoSolver(np.array(D0)), learning_rule_type=rules)
        else:
            conn = nengo.Connection(a.neurons, b.neurons, transform=np.array(W0), learning_rule_type=rules)
        error = nengo.Node(size_in=2)
        nengo.Connection(b.neurons, error, transform=np.array(DB))
        nengo.Connection(stim, error, transform=-1)
        keys = list(rules) if isinstance(rules, dict) else list(range(len(rules)))
        probes = {"weights": nengo.Probe(conn, "weights", sample_every=0.05), "b": nengo.Probe(b.neurons, sample_every=0.05)}
        for n, key in enumerate(keys):
            rule = conn.learning_rule[key]
            if isinstance(rule.learning_rule_type, nengo.PES):
                nengo.Connection(error, rule, transform=1.0 if n == 0 else -0.5)
            for attr in rule.learning_rule_type.probeable:
                probes[f"{key}.{attr}"] = nengo.Probe(rule, attr, sample_every=0.05)
        if name == "pes_voja":
            probes["encoders"] = nengo.Probe(b, "scaled_encoders", sample_every=0.05)
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        sim.run_steps(STEPS)
    return {k: np.asarray(sim.data[p]).reshape(len(sim.data[p]), -1).tolist() for k, p in probes.items()}


def main():
    cases = {name: run(name, False) for name in CASES}
    cases["pes_bcm_lif"] = run("pes_bcm", True)
    print(json.dumps({
        "description": "Nengo 4.1, several learning rules on one connection (a list or a dict): see the generator's docstring. The network's parameters are gen_pes_neurons.py's (pes_neurons.json). Every probe sample_every=0.05 (rows at steps 50, 100, ...), flattened row-major; '<key>.<attr>' is rule <key>'s probe.",
        "nengo_version": nengo.__version__,
        "numpy_version": np.__version__,
        "generator": "packages/simulator/test/learning/gen_multiple_rules.py",
        "cases": cases,
    }))


if __name__ == "__main__":
    main()
