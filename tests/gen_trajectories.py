"""Write go/testdata/vectors/trajectories/*.json from twinmath.ref: the optimisers' vectors.

Run with ``make vectors``. The optimisers have state, so their vectors are
whole runs rather than single calls (tests/gen_vectors.py writes those):

- ``<Optimizer>.json``, one per optimiser: the cases of
  ``twinmath.parity.optim.trajectories`` — the options (every one, defaults
  filled in), the initial parameter arrays, the gradients of every step, and
  either the reference's parameters after every step (bit for bit: the Go
  package must give the same bits) or the error that the constructor
  (``"step": -1``) or a step raises.
- ``xor.json``: the 2-3-1 network trained on XOR with each optimiser: the
  reference's loss at every tenth step with its bound from
  ``twinmath.tolerances.optim.training_bound``, and the final outputs.

Arrays are written flat, in row-major order, beside their shapes; floats as in
tests/gen_vectors.py (shortest repr; "nan", "inf", "-inf").
"""

from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import twinmath
from gen_vectors import encode, write_files
from twinmath import tolerances as tol
from twinmath.parity import optim as po

DIR = Path(__file__).resolve().parent.parent / "go" / "testdata" / "vectors" / "trajectories"
SEED = 0
XOR_EVERY = 10


def full_options(optimizer: str, options: dict[str, Any]) -> dict[str, Any]:
    """The options with every default filled in (Go's constructors take them all)."""
    sig = inspect.signature(getattr(twinmath.ref, optimizer))
    return {k: options.get(k, p.default) for k, p in sig.parameters.items()}


def run(case: po.Trajectory) -> dict[str, Any]:
    """Run one trajectory through the reference; return its vector case."""
    out: dict[str, Any] = {
        "comment": case.label,
        "options": encode(full_options(case.optimizer, case.options)),
        "params": [encode(p.ravel()) for p in case.params],
        "shapes": [list(p.shape) for p in case.params],
        "grads": [[encode(np.ravel(g)) for g in step] for step in case.grads],
        "grad_shapes": [[list(np.shape(g)) for g in step] for step in case.grads],
    }
    params = [p.copy() for p in case.params]
    expected = []
    try:
        opt = getattr(twinmath.ref, case.optimizer)(**case.options)
    except Exception as e:  # the error is the expected outcome
        out["error"] = {"step": -1, "type": type(e).__name__, "message": str(e)}
        return out
    for t, grads in enumerate(case.grads):
        try:
            with np.errstate(all="ignore"):
                opt.step(params, grads)
        except Exception as e:
            out["error"] = {"step": t, "type": type(e).__name__, "message": str(e)}
            break
        expected.append([encode(p.ravel()) for p in params])
    if (case.fails_at is None) != ("error" not in out):
        raise SystemExit(f"{case.label}: expected failure at {case.fails_at}, got {out.get('error')}")
    out["expected"] = expected
    return out


def optimizer_documents() -> dict[str, dict[str, Any]]:
    """The vector file of each optimiser."""
    docs: dict[str, dict[str, Any]] = {}
    for case in po.trajectories(np.random.default_rng(SEED)):
        doc = docs.setdefault(
            case.optimizer,
            {
                "optimizer": case.optimizer,
                "generated_by": "tests/gen_trajectories.py from twinmath.ref; regenerate with `make vectors`",
                "seed": SEED,
                "bound": "bit for bit: the same IEEE operations in the same order on both sides",
                "cases": [],
            },
        )
        doc["cases"].append({"id": len(doc["cases"]) + 1, **run(case)})
    return docs


def xor_document() -> dict[str, Any]:
    """The XOR training runs of the reference, with the bounds of their loss curves."""
    runs = []
    for name, options in po.XOR_OPTIMIZERS.items():
        r = po.train_xor(twinmath.ref, name)
        steps, bound = tol.optim.training_bound(
            po.XOR_X, po.XOR_Y, po.xor_params(), name, options, po.XOR_STEPS, XOR_EVERY
        )
        runs.append(
            {
                "optimizer": name,
                "options": encode(full_options(name, options)),
                "checkpoints": encode(steps),
                "losses": encode(r.losses[steps]),
                "bounds": encode(bound),
                "predictions": encode(r.predictions),
            }
        )
    params = po.xor_params()
    return {
        "generated_by": "tests/gen_trajectories.py from twinmath.ref; regenerate with `make vectors`",
        "bound": "tolerances.optim.training_bound: the rounding differences carried along the run",
        "steps": po.XOR_STEPS,
        "X": encode(po.XOR_X),
        "y": encode(po.XOR_Y),
        "params": [encode(p.ravel()) for p in params],
        "shapes": [list(p.shape) for p in params],
        "runs": runs,
    }


def render(doc: dict[str, Any], key: str) -> str:
    """The text of a vector file: one entry of ``doc[key]`` per line."""
    head = {k: v for k, v in doc.items() if k != key}
    lines = [json.dumps(c, ensure_ascii=False, allow_nan=False) for c in doc[key]]
    text = json.dumps(head, ensure_ascii=False, indent=2)[:-2]
    body = ",\n    ".join(lines)
    return f'{text},\n  "{key}": [\n    {body}\n  ]\n}}\n'


def main() -> int:
    """Write every file; remove files of optimisers that left."""
    texts = {name: render(doc, "cases") for name, doc in optimizer_documents().items()}
    texts["xor"] = render(xor_document(), "runs")
    return write_files(DIR, texts, "trajectory")


if __name__ == "__main__":
    sys.exit(main())
