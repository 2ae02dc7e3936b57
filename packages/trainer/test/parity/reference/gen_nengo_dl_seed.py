"""Generates nengo_dl_seed.json: the seed task trained in nengo_dl's parametrisation.

    python3 gen_nengo_dl_seed.py > nengo_dl_seed.json

nengo_dl trains what Nengo's builder puts in its signals (nengo_dl/tensor_graph.py, mark_signals):
an ensemble's *scaled* encoders (nengo/builder/ensemble.py: scaled_encoders = encoders *
(gain / radius)[:, None]), its neurons' biases, and every connection's weights, all trainable by
default. So the neuron current is J = scaled_enc * u + bias, with u = w_in * x, and one Adam step
moves scaled_enc (not a unit encoder under a fixed gain). This is that model, written
independently in numpy float64, on the seed task (../../../../../../shared/reference/training/
seed_task.json: gains, biases, initial encoders, w_in and decoders, data, minibatch permutations):
x = y = sin(2 pi 5 t), t = k * 0.001, k = 0..999, one step per example, MSE, Adam as PyTorch
(lr 1e-3, beta 0.9 / 0.999, eps 1e-8, bias-corrected), minibatches of 100 in the order perms[e].
"""
import json
import os

import numpy as np

EPOCHS = 10

here = os.path.dirname(os.path.abspath(__file__))
ref = json.load(open(os.path.join(here, "..", "..", "..", "..", "..", "..", "shared", "reference", "training", "seed_task.json")))

gain = np.array(ref["gain"], dtype=np.float64)
bias = np.array(ref["bias"], dtype=np.float64)
enc = np.array(ref["initial"]["enc"], dtype=np.float64)
max_rate = 1.0 / ref["tau_ref"]
params = {
    "scaled_enc": enc * gain,  # radius 1
    "bias": bias.copy(),
    "w_in": np.array([ref["initial"]["w_in"]], dtype=np.float64),
    "dec": np.array(ref["initial"]["dec"], dtype=np.float64),
}
x_all = np.sin(2 * np.pi * 5 * (np.arange(len(ref["perms"][0])) * 0.001))


def forward(p, x):
    u = p["w_in"][0] * x  # [B]
    J = np.outer(u, p["scaled_enc"]) + p["bias"]  # [B, n]
    e = np.exp(-J)
    r = max_rate / (1 + e)
    y = r @ p["dec"]
    return u, J, e, r, y


def loss_and_grads(p, x, t):
    u, J, e, r, y = forward(p, x)
    B = len(x)
    err = y - t
    loss = np.mean(err * err)
    gy = 2 * err / B
    g = {"dec": r.T @ gy}
    gr = np.outer(gy, p["dec"])
    dr = r * e / (1 + e)  # d r / d J
    gJ = gr * dr
    g["bias"] = gJ.sum(axis=0)
    g["scaled_enc"] = gJ.T @ u
    g["w_in"] = np.array([np.sum((gJ @ p["scaled_enc"]) * x)])
    return loss, g


opt = ref["optimizer"]
m = {k: np.zeros_like(v) for k, v in params.items()}
v = {k: np.zeros_like(v) for k, v in params.items()}
step = 0
mse_after_epoch = []
first = None
mb = ref["minibatch"]
for epoch in range(EPOCHS):
    perm = np.array(ref["perms"][epoch])
    for s in range(len(perm) // mb):
        idx = perm[s * mb:(s + 1) * mb]
        loss, g = loss_and_grads(params, x_all[idx], x_all[idx])
        if first is None:
            first = {"loss": float(loss), **{f"grad_{k}": g[k].tolist() for k in g}}
        step += 1
        bc1 = 1 - opt["beta1"] ** step
        bc2 = 1 - opt["beta2"] ** step
        for k in params:
            m[k] = opt["beta1"] * m[k] + (1 - opt["beta1"]) * g[k]
            v[k] = opt["beta2"] * v[k] + (1 - opt["beta2"]) * g[k] * g[k]
            params[k] = params[k] - opt["lr"] * (m[k] / bc1) / (np.sqrt(v[k]) / np.sqrt(bc2) + opt["eps"])
    mse_after_epoch.append(float(np.mean((forward(params, x_all)[4] - x_all) ** 2)))

json.dump(
    {
        "description": __doc__.strip().splitlines()[0],
        "epochs": EPOCHS,
        "first_minibatch": first,
        "mse_after_epoch": mse_after_epoch,
        "final": {
            "scaled_enc": params["scaled_enc"].tolist(),
            "enc": (params["scaled_enc"] / gain).tolist(),
            "bias": params["bias"].tolist(),
            "w_in": float(params["w_in"][0]),
            "dec": params["dec"].tolist(),
        },
    },
    __import__("sys").stdout,
)
