"""Generates transforms.json: Nengo 4.1's Sparse, Convolution and ConvolutionTranspose transforms.

Rerun with: python3 test/support/nengo/regenerate.py packages/simulator/test/nengoParity/reference/gen_transforms.py

Every case is a Node whose output is the deterministic signal x_i(t) = sin(0.37 i + 31 t) + 0.05 i
(i = 0..size_in-1), connected with synapse=None to Node(size_in=size_out) through the transform,
probed every step (and the transform's built weights). The kernels and sparse values are fixed
arrays (drawn here once with numpy, stored in the JSON), so a simulator with Nengo's semantics
must give the outputs to rounding. The "lif" cases run the transforms between LIF ensembles'
neurons with fixed gains, biases and initial voltages (spiking inputs: the event-driven path).
"""
import numpy as np
import scipy.sparse
from nengo_reference import emit, require_nengo

nengo = require_nengo()
from nengo.transforms import Convolution, ConvolutionTranspose, Sparse  # noqa: E402

STEPS = 6
rs = np.random.RandomState(1234)


def signal(n):
    return lambda t: np.sin(0.37 * np.arange(n) + 31 * t) + 0.05 * np.arange(n)


def run_node_case(make, size_in):
    with nengo.Network(seed=0) as net:
        u = nengo.Node(signal(size_in))
        t = make()
        v = nengo.Node(size_in=t.size_out)
        conn = nengo.Connection(u, v, transform=t, synapse=None)
        p = nengo.Probe(v)
    with nengo.Simulator(net, progress_bar=False) as sim:
        sim.run_steps(STEPS)
    return sim.data[p], sim.data[conn].weights, t


def conv_case(n_filters, input_shape, kernel_size, strides, padding, channels_last, groups=1):
    n_ch = input_shape[-1] if channels_last else input_shape[0]
    kernel = rs.uniform(-1, 1, size=tuple(kernel_size) + (n_ch // groups, n_filters))
    make = lambda: Convolution(n_filters, input_shape, kernel_size=kernel_size, strides=strides, padding=padding,
                               channels_last=channels_last, init=kernel, groups=groups)
    out, weights, t = run_node_case(make, int(np.prod(input_shape)))
    return {
        "kind": "Convolution", "n_filters": n_filters, "input_shape": list(input_shape), "kernel_size": list(kernel_size),
        "strides": list(strides), "padding": padding, "channels_last": channels_last, "groups": groups,
        "kernel": kernel, "output_shape": list(t.output_shape.shape), "size_in": t.size_in, "size_out": t.size_out,
        "built_weights": weights, "output": out,
    }


def conv_t_case(n_filters, input_shape, kernel_size, strides, padding, channels_last, output_shape=None):
    n_ch = input_shape[-1] if channels_last else input_shape[0]
    kernel = rs.uniform(-1, 1, size=tuple(kernel_size) + (n_ch, n_filters))
    make = lambda: ConvolutionTranspose(n_filters, input_shape, output_shape=output_shape, kernel_size=kernel_size,
                                        strides=strides, padding=padding, channels_last=channels_last, init=kernel)
    out, weights, t = run_node_case(make, int(np.prod(input_shape)))
    return {
        "kind": "ConvolutionTranspose", "n_filters": n_filters, "input_shape": list(input_shape),
        "given_output_shape": None if output_shape is None else list(output_shape), "kernel_size": list(kernel_size),
        "strides": list(strides), "padding": padding, "channels_last": channels_last, "kernel": kernel,
        "output_shape": list(t.output_shape.shape), "size_in": t.size_in, "size_out": t.size_out,
        "built_weights": weights, "output": out,
    }


def sparse_indices_case():
    shape = (5, 7)
    indices = np.array([[0, 0], [0, 3], [1, 6], [2, 2], [4, 1], [4, 5], [3, 3], [2, 2]])  # (2, 2) twice: added
    data = rs.uniform(-1, 1, size=len(indices))
    out, weights, _ = run_node_case(lambda: Sparse(shape, indices=indices, init=data), shape[1])
    return {"kind": "Sparse", "shape": list(shape), "indices": indices, "init": data, "output": out,
            "built_data": weights.data, "built_dense": weights.allocate().toarray()}  # the CSR matrix SparseDotInc applies (duplicates added)


def sparse_matrix_case():
    shape = (6, 4)
    dense = np.where(rs.uniform(size=shape) < 0.4, rs.uniform(-2, 2, size=shape), 0.0)
    out, weights, _ = run_node_case(lambda: Sparse(shape, init=scipy.sparse.csr_matrix(dense)), shape[1])
    coo = weights.tocoo()
    return {"kind": "Sparse", "shape": list(shape), "dense_init": dense, "output": out,
            "built_rows": coo.row, "built_cols": coo.col, "built_data": coo.data, "built_dense": weights.toarray()}


def lif_case(kind):
    """a (n_a LIF neurons) -> b (n_b LIF neurons) through a transform on the neurons."""
    if kind == "Convolution":
        n_a, t_kwargs = 36, dict(n_filters=2, input_shape=(6, 6, 1), kernel_size=(3, 3), strides=(1, 1))
        kernel = rs.uniform(-1, 1, size=(3, 3, 1, 2)) * 0.05
        make = lambda: Convolution(init=kernel, **t_kwargs)
        params = {"kernel": kernel, **{k: list(v) if isinstance(v, tuple) else v for k, v in t_kwargs.items()}}
    else:
        n_a = 30
        indices = np.array([[i % 20, (3 * i) % n_a] for i in range(40)])
        data = rs.uniform(-1, 1, size=len(indices)) * 0.05
        make = lambda: Sparse((20, n_a), indices=indices, init=data)
        params = {"shape": [20, n_a], "indices": indices, "init": data}
    t = make()
    n_b = t.size_out
    ga, ba = rs.uniform(1, 3, n_a), rs.uniform(-0.5, 1.5, n_a)
    gb, bb = rs.uniform(1, 3, n_b), rs.uniform(0.2, 1.2, n_b)
    va, vb = rs.uniform(0, 1, n_a), rs.uniform(0, 1, n_b)
    with nengo.Network(seed=0) as net:
        u = nengo.Node(lambda t: [np.sin(7 * t)])
        a = nengo.Ensemble(n_a, 1, encoders=np.ones((n_a, 1)), gain=ga, bias=ba,
                           neuron_type=nengo.LIF(initial_state={"voltage": va}))
        b = nengo.Ensemble(n_b, 1, encoders=np.ones((n_b, 1)), gain=gb, bias=bb,
                           neuron_type=nengo.LIF(initial_state={"voltage": vb}))
        nengo.Connection(u, a, synapse=None)
        nengo.Connection(a.neurons, b.neurons, transform=make(), synapse=0.005)
        p_in = nengo.Probe(b.neurons, "input")
        p_sp = nengo.Probe(b.neurons, "output")
    with nengo.Simulator(net, progress_bar=False) as sim:
        sim.run_steps(300)
    return {"kind": kind, **params, "n_a": n_a, "n_b": n_b, "gain_a": ga, "bias_a": ba, "gain_b": gb, "bias_b": bb,
            "voltage_a": va, "voltage_b": vb, "steps": 300, "b_input": sim.data[p_in], "b_spike_counts": (sim.data[p_sp] > 0).sum(axis=0)}


def main():
    cases = {
        "sparse_indices": sparse_indices_case(),
        "sparse_matrix": sparse_matrix_case(),
        "conv2d_valid_last": conv_case(3, (5, 6, 2), (3, 3), (1, 1), "valid", True),
        "conv2d_valid_first": conv_case(3, (2, 5, 6), (3, 3), (1, 1), "valid", False),
        "conv2d_same_first_stride2": conv_case(4, (2, 7, 6), (3, 2), (2, 2), "same", False),
        "conv2d_same_last_stride21": conv_case(2, (6, 5, 3), (2, 3), (2, 1), "same", True),
        "conv2d_valid_last_stride2": conv_case(2, (7, 7, 1), (3, 3), (2, 2), "valid", True),
        "conv2d_groups": conv_case(4, (5, 5, 4), (3, 3), (1, 1), "same", True, groups=2),
        "conv1d_valid_last": conv_case(3, (9, 2), (3,), (1,), "valid", True),
        "conv1d_same_first_stride2": conv_case(2, (3, 10), (4,), (2,), "same", False),
        "convT2d_valid_last": conv_t_case(3, (3, 4, 2), (3, 3), (1, 1), "valid", True),
        "convT2d_valid_first_stride2": conv_t_case(2, (2, 3, 3), (3, 3), (2, 2), "valid", False),
        "convT2d_same_last_stride2": conv_t_case(2, (3, 3, 2), (3, 3), (2, 2), "same", True),
        "convT2d_same_last_stride2_output7": conv_t_case(2, (3, 3, 2), (3, 3), (2, 2), "same", True, output_shape=(6, 5, 2)),
        "convT2d_same_first": conv_t_case(3, (2, 4, 5), (2, 3), (1, 1), "same", False),
        "convT1d_valid_last_stride2": conv_t_case(2, (4, 3), (3,), (2,), "valid", True),
        "lif_sparse": lif_case("Sparse"),
        "lif_convolution": lif_case("Convolution"),
    }
    emit(
        {"dt": 0.001, "steps": STEPS, "cases": cases},
        description=(
            "Nengo 4.1 transforms: u = Node(x_i(t) = sin(0.37 i + 31 t) + 0.05 i); v = Node(size_in=size_out); "
            "Connection(u, v, transform=T, synapse=None); Probe(v) every step (STEPS steps; 'output' rows). "
            "T is Sparse(shape, indices, init) / Sparse(shape, init=scipy csr of dense_init) / Convolution / "
            "ConvolutionTranspose with the stored kernel (shape kernel_size + (in_channels/groups, n_filters)). "
            "built_* are sim.data[conn].weights. lif_*: u = Node(sin 7t) -> a (LIF, encoders 1, gain_a, bias_a, "
            "initial voltage_a; synapse None); Connection(a.neurons, b.neurons, transform=T, synapse=0.005); "
            "b_input = Probe(b.neurons, 'input') (300 steps), b_spike_counts = spikes per neuron."
        ),
    )


if __name__ == "__main__":
    main()
