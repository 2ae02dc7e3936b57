"""Generates resolved_defaults.json: the values behind the entries that defaults.json reports as
'Default' (the learning rules' parameters come from their Parameter defaults, not the signature).

Run with Nengo 4.1's source on the path:
    PYTHONPATH=/path/to/nengo python3 gen_resolved_defaults.py > resolved_defaults.json
"""
import inspect
import json

import nengo
import nengo.learning_rules as lr


def value(v):
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return repr(v)


rules = {}
for name in ["PES", "BCM", "Oja", "Voja", "RLS"]:
    cls = getattr(lr, name)
    obj = cls()
    params = [p for p in inspect.signature(cls.__init__).parameters if p != "self"]
    rules[name] = {p: value(getattr(obj, p)) for p in params}

print(
    json.dumps(
        {
            "description": " ".join(__doc__.strip().split("\n\n")[0].split()),
            "generator": "test/nengoDefaults/reference/gen_resolved_defaults.py",
            "nengo_version": nengo.__version__,
            "learning_rules": rules,
        },
        indent=1,
    )
)
