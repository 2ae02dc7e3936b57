"""Generates custom_rules.json: Nengo 4.1 running user-defined learning rule types.

    python3 test/support/nengo/regenerate.py packages/simulator/test/learning/gen_custom_rules.py

custom_type: the network of Nengo's test_custom_type (nengo/tests/test_learning_rules.py), as
written there: TestRule (modifies "decoders", learning_rate 1, size_in 3) whose builder resets a
signal of conn.size_in values, takes the rule's input into its first 3 entries and copies it into
the delta (a set op: the change applies in the same step); a = Ensemble(10, 1) -> b =
Ensemble(10, 1) from a.neurons with transform zeros((1, 10)); Node([1, 2, 3]) into the rule with
synapse=None; the connection's weights probed for 5 steps (5 x 1 x 10, flattened row-major).

size_in: Nengo's test_learning_rule_size_in_strings: conn.learning_rule.size_in for each of the
strings, on Connection(Ensemble(10, 5), Ensemble(10, 2), function=x[:3], transform=ones((2, 3))).
"""
import json

import nengo
import numpy as np
from nengo.builder import Builder, Signal
from nengo.builder.operator import Copy, Reset
from nengo.learning_rules import LearningRuleType


class TestRule(LearningRuleType):
    modifies = "decoders"

    def __init__(self):
        super().__init__(1.0, size_in=3)


@Builder.register(TestRule)
def build_test_rule(model, _, rule):
    error = Signal(np.zeros(rule.connection.size_in))
    model.add_op(Reset(error))
    model.sig[rule]["in"] = error[: rule.size_in]
    model.add_op(Copy(error, model.sig[rule]["delta"]))


def custom_type():
    with nengo.Network() as net:
        a = nengo.Ensemble(10, 1)
        b = nengo.Ensemble(10, 1)
        conn = nengo.Connection(a.neurons, b, transform=np.zeros((1, 10)), learning_rule_type=TestRule())
        err = nengo.Node([1, 2, 3])
        nengo.Connection(err, conn.learning_rule, synapse=None)
        p = nengo.Probe(conn, "weights")
    with nengo.Simulator(net, progress_bar=False) as sim:
        sim.run(sim.dt * 5)
    return {"dt": sim.dt, "weights": sim.data[p].reshape(len(sim.trange()), -1).tolist()}


class CustomLR(LearningRuleType):
    modifies = "decoders"


def size_in():
    out = {}
    with nengo.Network():
        a = nengo.Ensemble(10, 5)
        b = nengo.Ensemble(10, 2)
        for name in ("pre", "mid", "post", "pre_state", "post_state"):
            conn = nengo.Connection(a, b, function=lambda x: x[:3], transform=np.ones((2, 3)), learning_rule_type=CustomLR(size_in=name))
            out[name] = conn.learning_rule.size_in
    return out


def main():
    print(json.dumps({
        "description": "Nengo 4.1 with user-defined learning rule types: see the generator's docstring. custom_type.weights: the probed weights of Nengo's test_custom_type, one row per step; size_in: conn.learning_rule.size_in by string, from test_learning_rule_size_in_strings.",
        "nengo_version": nengo.__version__,
        "numpy_version": np.__version__,
        "generator": "packages/simulator/test/learning/gen_custom_rules.py",
        "custom_type": custom_type(),
        "size_in": size_in(),
    }, indent=1))


if __name__ == "__main__":
    main()
