"""Times the two training tasks of ../shared/reference/baselines.md in PyTorch (float32, 1 thread),
as baselines.md's PyTorch rows were measured: an untimed warm-up training, then a timed one, from
the reference files' initial parameters and data (../shared/reference/training/*.json). Checks the
first minibatch's loss against the reference (float32 tolerance) before timing. Prints one JSON line.

    /usr/bin/python3 bench/peers/torch_training.py seed|bptt REFERENCE_DIR
"""
import json
import math
import sys
import time

import torch

torch.set_num_threads(1)
DT = torch.float32


def t(x):
    return torch.tensor(x, dtype=DT)


def seed_task(ref):
    gain, bias, tau_ref = t(ref["gain"]), t(ref["bias"]), ref["tau_ref"]
    x = torch.sin(2 * math.pi * 5 * torch.arange(1000, dtype=torch.float64) * 0.001).to(DT)
    perms = [torch.tensor(p) for p in ref["perms"]]
    mb = ref["minibatch"]

    def params():
        return [t([ref["initial"]["w_in"]]).requires_grad_(), t(ref["initial"]["enc"]).requires_grad_(), t(ref["initial"]["dec"]).requires_grad_()]

    def loss_of(p, idx):
        w_in, enc, dec = p
        u = w_in * x[idx]
        j = gain * (enc * u[:, None]) + bias
        r = (1.0 / tau_ref) / (1 + torch.exp(-j))
        return torch.mean((r @ dec - x[idx]) ** 2)

    def train():
        p = params()
        opt = torch.optim.Adam(p, lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
        steps = 0
        for e in range(ref["epochs"]):
            for s in range(len(perms[e]) // mb):
                opt.zero_grad()
                loss_of(p, perms[e][s * mb:(s + 1) * mb]).backward()
                opt.step()
                steps += 1
        return steps

    first = loss_of(params(), torch.tensor(ref["first_minibatch"]["minibatch_indices"])).item()
    return train, first, ref["first_minibatch"]["loss"]


def bptt_task(ref):
    n, d, steps_t, batch = ref["N"], ref["D_in"], ref["T"], ref["batch"]
    X = t(ref["X"]).reshape(ref["pool"], steps_t, d)
    Y = t(ref["Yf"]).reshape(ref["pool"], steps_t)
    gain = t(ref["gain"])
    a_in, a_out = math.exp(-ref["dt"] / ref["tau_in"]), math.exp(-ref["dt"] / ref["tau_out"])
    sigma, tau_rc, tau_ref = ref["sigma"], ref["tau_rc"], ref["tau_ref"]

    def params():
        return [t(ref["E"]).reshape(n, d).requires_grad_(), t(ref["bias"]).requires_grad_(), t(ref["D"]).requires_grad_()]

    def rates(j):
        js = (j - 1) / sigma
        valid = js > -20
        z = sigma * torch.nn.functional.softplus(torch.where(valid, js, torch.zeros_like(js)))
        q = torch.where(valid, torch.log1p(1 / z), -js - math.log(sigma))
        return 1 / (tau_ref + tau_rc * q)

    def loss_of(p, k0):
        E, bias, D = p
        x, y = X[k0:k0 + batch], Y[k0:k0 + batch]
        xf = torch.zeros(x.shape[0], d, dtype=DT)
        o = torch.zeros(x.shape[0], dtype=DT)
        total = 0
        for k in range(steps_t):
            r = rates(gain * (xf @ E.T) + bias)
            total = total + torch.sum((o - y[:, k]) ** 2)
            yhat = r @ D
            xf = a_in * xf + (1 - a_in) * x[:, k]
            o = a_out * o + (1 - a_out) * yhat
        return total / (x.shape[0] * steps_t)

    def train():
        p = params()
        opt = torch.optim.Adam(p, lr=ref["lr"], betas=(ref["beta1"], ref["beta2"]), eps=ref["eps"])
        steps = 0
        for _ in range(ref["epochs"]):
            for k0 in range(0, ref["pool"], batch):
                opt.zero_grad()
                loss_of(p, k0).backward()
                opt.step()
                steps += 1
        return steps

    return train, loss_of(params(), 0).item(), ref["first_minibatch"]["loss"]


def main():
    task, ref_dir = sys.argv[1], sys.argv[2]
    ref = json.load(open(f"{ref_dir}/{'seed_task' if task == 'seed' else 'bptt_task'}.json"))
    train, first, expected = (seed_task if task == "seed" else bptt_task)(ref)
    if abs(first - expected) > 1e-4 * abs(expected) + 1e-9:
        raise SystemExit(f"the first minibatch's loss {first} is not the reference's {expected}: the task differs")
    train()
    start = time.perf_counter()
    steps = train()
    print(json.dumps({"stepsPerS": steps / (time.perf_counter() - start), "firstLoss": first, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
