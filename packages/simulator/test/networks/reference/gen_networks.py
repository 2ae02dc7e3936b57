"""Generates networks.json: Nengo 4.1's library networks (nengo.networks) as built, and their
outputs in Direct mode over a short run.

Rerun with: python3 test/support/nengo/regenerate.py packages/simulator/test/networks/reference/gen_networks.py

For each network: its ensembles (n_neurons, dimensions, radius), its connections (pre and post
sizes, transform as a dense matrix, synapse tau or None), the transforms that matter by name,
and the probed outputs (synapse None) of the network built with Direct neurons, driven by
constant inputs.
"""
import numpy as np
from nengo_reference import emit, require_nengo

nengo = require_nengo()
DT, STEPS = 0.001, 50


def structure(net):
    ens = [[e.n_neurons, e.dimensions, float(e.radius)] for e in net.all_ensembles]
    conns = []
    for c in net.all_connections:
        t = np.asarray(getattr(c.transform, "init", 1.0), dtype=float)
        conns.append({
            "pre": int(c.pre.size_out), "post": int(c.post.size_in),
            "transform": t, "synapse": None if c.synapse is None else float(c.synapse.tau),
            "function": c.function is not None,
        })
    return {"ensembles": ens, "connections": conns, "n_nodes": len(net.all_nodes)}


def run_direct(make, inputs, probes):
    """Builds `make()` in a Direct-mode parent, feeds inputs {attr: vector}, probes attrs."""
    with nengo.Network(seed=0) as model:
        model.config[nengo.Ensemble].neuron_type = nengo.Direct()
        sub = make()
        for attr, value in inputs.items():
            node = nengo.Node(value)
            nengo.Connection(node, getattr(sub, attr), synapse=None)
        ps = {name: nengo.Probe(getattr(sub, name), synapse=None) for name in probes}
    # optimize=False: the op merger orders sums by object ids, which moves the last bit from run to run
    with nengo.Simulator(model, dt=DT, progress_bar=False, optimize=False) as sim:
        sim.run_steps(STEPS)
    return {name: sim.data[p] for name, p in ps.items()}


def circconv_cases():
    from nengo.networks.circularconvolution import transform_in, transform_out
    out = []
    rs = np.random.RandomState(3)
    for dims, inv_a, inv_b in [(4, False, False), (5, True, False), (6, False, True), (7, True, True)]:
        a = rs.uniform(-0.5, 0.5, dims)
        b = rs.uniform(-0.5, 0.5, dims)
        with nengo.Network(seed=1) as parent:
            net = nengo.networks.CircularConvolution(30, dims, invert_a=inv_a, invert_b=inv_b)
        make = lambda: nengo.networks.CircularConvolution(30, dims, invert_a=inv_a, invert_b=inv_b)
        outs = run_direct(make, {"input_a": a, "input_b": b}, ["output"])
        out.append({
            "n_neurons": 30, "dimensions": dims, "invert_a": inv_a, "invert_b": inv_b,
            "transform_a": transform_in(dims, "A", inv_a), "transform_b": transform_in(dims, "B", inv_b),
            "transform_out": transform_out(dims),
            "structure": structure(net),
            "a": a, "b": b,
            "circconv": nengo.networks.circularconvolution.circconv(a, b, invert_a=inv_a, invert_b=inv_b),
            "output": outs["output"],
        })
    return out


def input_gated_memory_cases():
    out = []
    for n, dims, kw in [(20, 2, {}), (10, 3, {"feedback": 0.9, "difference_gain": 5.0, "recurrent_synapse": 0.05}),
                        (10, 1, {"difference_synapse": 0.02})]:
        with nengo.Network(seed=1):
            net = nengo.networks.InputGatedMemory(n, dims, **kw)
        out.append({"n_neurons": n, "dimensions": dims, "kwargs": kw, "structure": structure(net)})
    return out


def action_selection_cases():
    out = []
    nets = [
        ("BasalGanglia", {"dimensions": 3}, [0.8, 0.5, 0.2]),
        ("BasalGanglia", {"dimensions": 4, "n_neurons_per_ensemble": 20, "output_weight": -2.0, "input_bias": -0.3}, [0.9, 0.1, 0.4, 0.6]),
        ("Thalamus", {"dimensions": 3}, [-0.5, 0.0, -0.6]),
        ("Thalamus", {"dimensions": 4, "n_neurons_per_ensemble": 20, "mutual_inhib": 0.5, "threshold": 0.2}, [-0.9, 0.0, -0.1, -0.4]),
    ]
    for cls, kw, x in nets:
        make = lambda: getattr(nengo.networks, cls)(**kw)
        with nengo.Network(seed=1):
            net = make()
        outs = run_direct(make, {"input": np.array(x)}, ["output"])
        out.append({"network": cls, "kwargs": kw, "input": x, "structure": structure(net), "output": outs["output"]})
    return out


def assoc_mem_cases():
    from nengo.networks import AssociativeMemory
    rs = np.random.RandomState(5)
    vocab = rs.normal(size=(3, 4))
    vocab /= np.linalg.norm(vocab, axis=1, keepdims=True)
    out_vectors = rs.uniform(-1, 1, size=(3, 2))
    test_vectors = rs.uniform(-1, 1, size=(3, 3))
    in2_vectors = rs.uniform(-1, 1, size=(3, 2))
    cases = [
        ("basic", {"input_vectors": vocab, "output_vectors": out_vectors}, [], 0.8 * vocab[0] + 0.1 * vocab[1]),
        ("complex", {"input_vectors": vocab, "threshold": [0.2, 0.3, 0.4], "input_scales": [1.0, 0.9, 1.2],
                     "inhibitable": True, "n_neurons": 20},
         ["wta", "default", "threshold", "mappings"], 0.7 * vocab[0] + 0.5 * vocab[2]),
        ("default_only", {"input_vectors": vocab, "threshold": 0.9}, ["default"], 0.5 * vocab[1]),
    ]
    out = []
    for name, kw, extras, x in cases:
        default_vector = rs.uniform(-1, 1, size=4)

        def make():
            am = AssociativeMemory(**kw)
            if "wta" in extras:
                am.add_wta_network(inhibit_scale=1.2)
            if "default" in extras:
                am.add_default_output_vector(default_vector, n_neurons=30, min_activation_value=0.4)
            if "threshold" in extras:
                am.add_threshold_to_outputs(n_neurons=25)
            if "mappings" in extras:
                am.add_output_mapping("test", test_vectors)
                am.add_input_mapping("in2", in2_vectors, input_scales=[0.5, 1.0, 1.5])
            return am

        with nengo.Network(seed=1):
            net = make()
        probes = ["output", "utilities"] + (["test", "thresholded_utilities"] if "mappings" in extras else [])
        inputs = {"input": x}
        if "mappings" in extras:
            inputs["in2"] = np.array([0.3, -0.2])
            inputs["inhibit"] = np.array([0.1])
        outs = run_direct(make, inputs, probes)
        out.append({"name": name, "kwargs": kw, "extras": extras, "default_vector": default_vector,
                    "test_vectors": test_vectors, "in2_vectors": in2_vectors, "input": x,
                    "in2": [0.3, -0.2], "inhibit": 0.1,
                    "structure": structure(net), **{f"out_{k}": v for k, v in outs.items()}})
    return out


def am_complex_vocab():
    """The vocabulary of test_am_complex drawn as Nengo's test draws it (make_vocab, numpy seed 1):
    the test's thresholds on the second item hold in Nengo for vocabularies whose first two vectors
    are not anti-correlated, so the port uses one Nengo passes with."""
    from nengo.networks.tests.test_assoc_mem import make_vocab

    return make_vocab(6, 64, np.random.RandomState(1))


def main():
    emit({"am_complex_vocab": am_complex_vocab(), "associative_memory": assoc_mem_cases(), "dt": DT, "steps": STEPS, "circular_convolution": circconv_cases(),
          "input_gated_memory": input_gated_memory_cases(), "action_selection": action_selection_cases()},
         description="nengo.networks built by Nengo 4.1: structure and Direct-mode outputs")


if __name__ == "__main__":
    main()
