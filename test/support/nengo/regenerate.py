#!/usr/bin/env python3
"""Reruns the Nengo reference generators (gen_*.py kept beside the tests) with Nengo 4.1.

    python3 test/support/nengo/regenerate.py                 # every gen_*.py in the repository
    python3 test/support/nengo/regenerate.py path/gen_x.py   # just these
    python3 test/support/nengo/regenerate.py --check [...]   # regenerate to a temp file, compare with the committed JSON
    python3 test/support/nengo/regenerate.py --list          # list the generators
    python3 test/support/nengo/regenerate.py --nengo-path    # where Nengo 4.1 is ("" if installed); bench/ uses it

Each generator prints its JSON to stdout; it is written beside the generator as X.json for
gen_X.py (only when the generator exits 0). Nengo 4.1 comes from, in order: $NENGO_SRC (a folder
holding the `nengo` package), an importable nengo 4.1.0, or Nengo's git repository
($NENGO_MIRROR, default /work/.mirror/nengo+nengo/repo, or a clone) extracted once with
`git archive v4.1.0` into $PLEXUS_CACHE (default ~/.cache/plexus)/nengo-4.1.0. Nothing in Nengo
is patched: Nengo 4.1 runs as released on numpy 2.x / scipy 1.17 (see the README beside the
generators in packages/simulator/test/nengoParity/reference/).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
VERSION = "4.1.0"
SKIP_DIRS = {"node_modules", ".git", "dist", ".turbo"}


def importable_version(path):
    """The version of nengo importable with `path` prepended to PYTHONPATH (or None)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in [path, os.environ.get("PYTHONPATH", "")] if p))
    r = subprocess.run(
        [sys.executable, "-c", "import nengo; print(nengo.__version__)"],
        env=env, capture_output=True, text=True, cwd=tempfile.gettempdir(),
    )
    return r.stdout.strip() if r.returncode == 0 else None


def extract(mirror, dest):
    """Extracts tag v4.1.0 of Nengo's git repository into dest (atomically)."""
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="nengo-", dir=os.path.dirname(dest))
    archive = subprocess.Popen(["git", "-C", mirror, "archive", f"v{VERSION}"], stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", tmp], stdin=archive.stdout, check=True)
    if archive.wait() != 0:
        raise SystemExit(f"git archive v{VERSION} failed in {mirror}")
    try:
        os.rename(tmp, dest)
    except OSError:  # another run extracted it meanwhile
        subprocess.run(["rm", "-rf", tmp], check=False)


def find_nengo():
    """A folder to put on PYTHONPATH so that `import nengo` gives 4.1.0 ("" if already importable)."""
    src = os.environ.get("NENGO_SRC")
    if src:
        if importable_version(src) != VERSION:
            raise SystemExit(f"NENGO_SRC={src} does not give nengo {VERSION}")
        return src
    if importable_version("") == VERSION:
        return ""
    cache = os.path.join(os.environ.get("PLEXUS_CACHE", os.path.expanduser("~/.cache/plexus")), f"nengo-{VERSION}")
    if not os.path.isdir(os.path.join(cache, "nengo")):
        mirror = os.environ.get("NENGO_MIRROR", "/work/.mirror/nengo+nengo/repo")
        if not os.path.isdir(mirror):
            raise SystemExit(
                f"no Nengo {VERSION}: set NENGO_SRC to a source tree (git clone -b v{VERSION} "
                "https://github.com/nengo/nengo) or NENGO_MIRROR to a clone of Nengo's repository"
            )
        extract(mirror, cache)
    return cache


def generators(paths):
    if paths:
        return [os.path.abspath(p) for p in paths]
    found = []
    for top in ("packages", "test", "bench"):
        for d, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS)
            found += [os.path.join(d, f) for f in sorted(files) if f.startswith("gen_") and f.endswith(".py")]
    return found


def output_of(gen):
    name = os.path.basename(gen)[len("gen_"):-len(".py")]
    return os.path.join(os.path.dirname(gen), name + ".json")


METADATA = {"nengo_version", "numpy_version", "scipy_version", "generator"}


def differences(a, b, where, out):
    """Collects structural differences of two parsed JSON values; returns the max |a - b| of numbers."""
    num = (int, float)
    if isinstance(a, num) and isinstance(b, num) and not isinstance(a, bool) and not isinstance(b, bool):
        return abs(a - b)
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            out.append(f"{where}: keys {sorted(set(a) ^ set(b))[:5]} not in both")
        return max([differences(a[k], b[k], f"{where}.{k}", out) for k in a if k in b], default=0.0)
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{where}: length {len(a)} vs {len(b)}")
            return 0.0
        return max([differences(x, y, f"{where}[{i}]", out) for i, (x, y) in enumerate(zip(a, b))], default=0.0)
    if a != b:
        out.append(f"{where}: {str(a)[:60]!r} vs {str(b)[:60]!r}")
    return 0.0


def compare(target, text):
    """'same', or what differs between the committed JSON and a fresh run (metadata aside)."""
    if not os.path.exists(target):
        return "MISSING"
    old, new = json.load(open(target)), json.loads(text)
    notes = [f"{k} {old.get(k)} -> {new.get(k)}" for k in sorted(METADATA) if old.get(k) != new.get(k)]
    for k in METADATA:
        old.pop(k, None), new.pop(k, None)
    problems = []
    err = differences(old, new, "$", problems)
    verdict = "same" if not problems and err == 0 else f"DIFFERS (max |diff| {err:.3g}; {'; '.join(problems[:3])})"
    return verdict + (f" [{'; '.join(notes)}]" if notes else "")


def run(gen, nengo_path):
    env = dict(os.environ, PLEXUS_REPO_ROOT=ROOT, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in [nengo_path, HERE, os.environ.get("PYTHONPATH", "")] if p)
    r = subprocess.run([sys.executable, gen], cwd=os.path.dirname(gen), env=env, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        return None
    return r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("generators", nargs="*")
    ap.add_argument("--check", action="store_true", help="compare with the committed JSON instead of writing")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--nengo-path", action="store_true", help="print the folder to put on PYTHONPATH for Nengo 4.1 (extracting it if need be)")
    args = ap.parse_args()
    gens = generators(args.generators)
    if args.list:
        print("\n".join(os.path.relpath(g, ROOT) for g in gens))
        return 0
    nengo_path = find_nengo()
    if args.nengo_path:
        print(nengo_path)
        return 0
    print(f"nengo {VERSION} from {nengo_path or 'the installed package'}", file=sys.stderr)
    failed = 0
    for gen in gens:
        rel = os.path.relpath(gen, ROOT)
        out = run(gen, nengo_path)
        if out is None:
            print(f"FAILED  {rel}", file=sys.stderr)
            failed += 1
            continue
        target = output_of(gen)
        if args.check:
            verdict = compare(target, out)
            print(f"{verdict}  {os.path.relpath(target, ROOT)}", file=sys.stderr)
            failed += not verdict.startswith("same")
            continue
        with open(target + ".tmp", "w") as f:
            f.write(out)
        os.replace(target + ".tmp", target)
        print(f"wrote   {os.path.relpath(target, ROOT)} ({len(out)} bytes)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
