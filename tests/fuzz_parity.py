"""A fuzzer that compares twinmath.ref and twinmath.go on inputs nobody picked.

For every operation of ``twinmath.parity.CHECKS`` it starts from the check's
first case and replaces one or two arguments with what hypothesis draws: the
same values in another dtype or layout (every real numpy dtype, bool, object,
complex and text; non-contiguous, Fortran order, negative strides, read-only,
0-D, empty), other magnitudes (subnormals to 1e308, ±0, NaN, ±inf), integers
beyond int64 (±2**63, 2**64, -2**63-1), and callbacks that raise or return a
wrong type, a wrong shape or NaN. Both backends must raise the same class with
the same message, or return results within the operation's parity bound; no
result may share memory with an input, and no input may change.

Each batch of operations runs in a subprocess, so a crash or a hang (a
timeout) is counted, not fatal::

    python tests/fuzz_parity.py --minutes 10          # a long session
    python tests/fuzz_parity.py --child --ops add,dot --examples 50 --seed 1

The child prints one JSON line per operation; the parent sums them.
"""

from __future__ import annotations

import argparse
import copy
import inspect
import json
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

HUGE_INTS = [2**63, 2**64, -(2**63) - 1, -(2**63), 2**63 - 1]
SPECIAL_FLOATS = [
    0.0,
    -0.0,
    math.nan,
    math.inf,
    -math.inf,
    5e-324,
    2.225e-311,
    1e-310,
    2.2250738585072014e-308,
    1e-200,
    1e200,
    1e308,
    -1e308,
    1.7976931348623157e308,
]
REAL_DTYPES = [
    "?",
    "i1",
    "i2",
    "i4",
    "i8",
    "u1",
    "u2",
    "u4",
    "u8",
    "f2",
    "f4",
    "f8",
    "g",
    ">f8",
    ">i4",
    "<f4",
]
BAD_DTYPES = ["c8", "c16", "O", "U8", "S8", "M8[s]", "m8[s]"]
# Parameters bounded only by the time they take: a huge in-range value is a
# legitimate request for (almost) endless work, so those are not drawn for them.
ENDLESS = {"max_iter", "n_samples"}
CALLBACKS = {"f", "grad_f"}
# The same for a data set's size as a whole: n_samples·n_features·max_iter
# multiply-adds and more (4096×4096 for 1000 iterations took minutes on each
# side and timed the batch out). A drawn size the backends would accept with
# more work than this is brought down to 64 features; sizes they refuse
# (beyond twinmath._convert.MAX_BYTES) are kept, as their refusals must agree.
WORK = 10**9
# Parameters the backends take as integers (an integral float, a 0-D array).
INTEGER_PARAMS = {"axis", "k", "ddof", "order", "max_iter", "n_samples", "n_features", "seed", "n"}


class CallbackError(Exception):
    """What a raising callback raises."""


def _raising(*args: Any) -> Any:
    raise CallbackError("the callback failed")


def _constant(value: Any) -> Callable[..., Any]:
    def f(*args: Any) -> Any:
        return value

    f.__qualname__ = f"returns {value!r}"
    return f


def _bad_callbacks() -> list[Callable[..., Any]]:
    return [
        _raising,
        _constant("1.0"),
        _constant(None),
        _constant(math.nan),
        _constant(math.inf),
        _constant(1j),
        _constant(np.ones(7)),
        _constant(np.ones((2, 2))),
        _constant([1.0, math.nan]),
        _constant(np.array(["a"])),
        _constant(2**64),
        _constant(True),
    ]


def _strategies() -> Any:
    """Build the strategies (hypothesis is imported only where it is needed)."""
    from hypothesis import strategies as st

    floats = st.one_of(
        st.sampled_from(SPECIAL_FLOATS),
        st.floats(-10, 10),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-1074, 1023).map(lambda e: math.ldexp(1.0, e)),
    )
    scalars = st.one_of(
        floats,
        st.sampled_from(HUGE_INTS),
        st.integers(-3, 12),
        st.sampled_from(
            [
                True,
                False,
                None,
                "1",
                b"1",
                1j,
                np.int8(3),
                np.uint64(2**64 - 1),
                np.float32(0.5),
                np.float16(math.inf),
                np.array(2),
                np.array([1.0, 2.0]),
                [1],
                (),
                2.5,
                np.complex128(1),
                np.str_("2"),
            ]
        ),
    )
    return st, floats, scalars


def _as_array(v: Any) -> np.ndarray | None:
    """Return the float64 array ``v`` stands for, or None if it is no numeric array."""
    if isinstance(v, (str, bytes)) or callable(v) or v is None:
        return None
    if isinstance(v, (list, tuple, np.ndarray)):
        try:
            a = np.asarray(v, dtype=np.float64)
        except (TypeError, ValueError):
            return None
        return a
    return None


def _layouts(a: np.ndarray) -> list[Callable[[np.ndarray], Any]]:
    def strided(x: np.ndarray) -> np.ndarray:
        big = np.repeat(x, 2, axis=-1) if x.ndim else x
        return big[..., ::2] if x.ndim else big

    def reversed_strides(x: np.ndarray) -> np.ndarray:
        if x.ndim == 0:
            return x
        return np.flip(np.flip(x).copy())

    def read_only(x: np.ndarray) -> np.ndarray:
        y = x.copy()
        y.flags.writeable = False
        return y

    return [
        lambda x: x.tolist(),
        lambda x: np.asfortranarray(x),
        strided,
        reversed_strides,
        read_only,
        lambda x: np.asarray(x.ravel()[0]) if x.size else np.asarray(0.0),
        lambda x: np.empty((0,) * max(x.ndim, 1)),
        lambda x: np.empty((0, x.shape[-1])) if x.ndim == 2 else np.empty((0, 3)),
        lambda x: x[None],
        lambda x: x.T.copy() if x.ndim == 2 else x.reshape(-1, 1),
    ]


def mutate_array(data: Any, st: Any, floats: Any, scalars: Any, a: np.ndarray) -> Any:
    """Draw a variant of the float64 array ``a``."""
    kind = data.draw(st.sampled_from(["layout", "dtype", "bad dtype", "values", "special", "scalar"]))
    if kind == "layout":
        f = data.draw(st.sampled_from(_layouts(a)))
        return f(a)
    if kind == "dtype":
        dt = data.draw(st.sampled_from(REAL_DTYPES))
        with np.errstate(all="ignore"):
            return a.astype(dt)
    if kind == "bad dtype":
        dt = data.draw(st.sampled_from(BAD_DTYPES))
        try:
            with np.errstate(all="ignore"):
                return a.astype(dt)
        except (TypeError, ValueError):
            return np.zeros(a.shape, dtype=dt)
    if kind == "values":
        flat = data.draw(st.lists(floats, min_size=a.size, max_size=a.size))
        return np.array(flat, dtype=np.float64).reshape(a.shape)
    if kind == "special":
        # Scale the whole array to the edge of the range, as 1e308·A or 1e-310·A.
        c = data.draw(st.sampled_from([1e308, 1e-310, 2.225e-311, 1e300, 1e-300, -1e308, 0.0]))
        with np.errstate(all="ignore"):
            return a * c
    return data.draw(scalars)


def mutate_scalar(data: Any, st: Any, floats: Any, scalars: Any, name: str) -> Any:
    """Draw a value for the scalar parameter ``name``."""
    v = data.draw(scalars)
    if name in ENDLESS and isinstance(v, (int, float, np.number)) and not isinstance(v, complex):
        if 10_000 < v < 2**63:
            return 10_000
    return v


def bounded_work(args: dict[str, Any]) -> dict[str, Any]:
    """Return ``args`` with an accepted data set of more than ``WORK`` multiply-adds cut to 64 features."""
    from twinmath._convert import MAX_BYTES

    try:
        n, d = int(args["n_samples"]), int(args["n_features"])
        it = max(int(args.get("max_iter", 1)), 1)
        if float(args["n_features"]) != d:
            return args  # not an integer: refused alike, no work
    except (KeyError, TypeError, ValueError, OverflowError):
        return args
    if n > 0 and d > 64 and n * d * 8 <= MAX_BYTES and n * d * it > WORK:
        return {**args, "n_features": 64}
    return args


def arguments(check: Any) -> tuple[dict[str, Any], set[str]]:
    """Return the first case of ``check`` with every default parameter added, and the array keys."""
    _, args = check.cases(np.random.default_rng(0))[0]
    args = dict(args)
    if check.call is None:
        import twinmath.ref as ref

        for p in inspect.signature(getattr(ref, check.op)).parameters.values():
            if p.name not in args and p.default is not inspect.Parameter.empty:
                args[p.name] = p.default
    arrays = {k for k, v in args.items() if _as_array(v) is not None and np.asarray(v).ndim > 0}
    return args, arrays


def _arrays_of(x: Any) -> list[np.ndarray]:
    if isinstance(x, np.ndarray):
        return [x]
    if isinstance(x, (tuple, list)):
        return [a for part in x for a in _arrays_of(part)]
    return []


def canonical(args: dict[str, Any]) -> dict[str, Any]:
    """Return ``args`` as the comparators expect them: arrays as float64, integral numbers as int.

    Called only after both backends accepted ``args``, so the conversions succeed.
    """
    out: dict[str, Any] = {}
    for k, v in args.items():
        if k == "size":
            pass
        elif k in INTEGER_PARAMS and isinstance(v, np.ndarray) and v.ndim == 0:
            v = int(v)
        elif isinstance(v, (list, tuple, np.ndarray)):
            try:
                v = np.array(v, dtype=np.float64)
            except (TypeError, ValueError):
                pass
        elif k in INTEGER_PARAMS and isinstance(v, (int, float, np.number, np.ndarray)):
            v = int(v)
        out[k] = v
    return out


def compare(op: str, args: dict[str, Any]) -> tuple[str, str] | None:
    """Run ``op`` on ``args`` through both backends; return (kind, detail) of a disagreement."""
    import twinmath.go as go
    import twinmath.ref as ref
    from twinmath.parity import CHECKS, decided_within_rounding, outcome, same_error

    sys.path.insert(0, str(ROOT / "tests"))
    from helpers import unchanged

    check = CHECKS[op]
    before = copy.deepcopy(args)
    r, rerr = outcome(ref, op, args)
    if not unchanged(before, args):
        return "mutated", f"twinmath.ref.{op} modified its input"
    g, gerr = outcome(go, op, args)
    if not unchanged(before, args):
        return "mutated", f"twinmath.go.{op} modified its input"
    if rerr is not None or gerr is not None:
        if not same_error(rerr, gerr) and not decided_within_rounding(op, args, rerr, gerr, r, g):
            return "error", f"ref raised {rerr!r}, go raised {gerr!r}"
        return None
    inputs = [a for v in args.values() for a in _arrays_of(v)]
    for name, res in (("ref", r), ("go", g)):
        for out in _arrays_of(res):
            if any(np.shares_memory(out, a) for a in inputs):
                return "shared", f"a result of {name} shares memory with an input"
    try:
        with np.errstate(all="ignore"):
            q = check.ratio(canonical(args), r, g)
    except Exception as e:  # the bound could not judge these results: a disagreement to look at
        return "result", f"the comparison raised {e!r}; ref {r!r}, go {g!r}"
    if not q <= 1.0:
        return "result", f"|ref - go| is {q:.3g} x the bound; ref {r!r}, go {g!r}"
    return None


def fuzz_op(op: str, examples: int, seed: int) -> dict[str, Any]:
    """Fuzz one operation; return its counts and the inputs that disagreed."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hseed
    from twinmath.parity import CHECKS

    st, floats, scalars = _strategies()
    check = CHECKS[op]
    base, arrays = arguments(check)
    keys = sorted(base)
    found: list[dict[str, str]] = []
    count = [0]

    @hseed(seed)
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=False,
    )
    @given(st.data())
    def run(data: Any) -> None:
        args = dict(base)
        for key in data.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=2, unique=True)):
            v = base[key]
            if key in CALLBACKS or callable(v):
                args[key] = data.draw(st.sampled_from(_bad_callbacks()))
            elif key in arrays:
                args[key] = mutate_array(data, st, floats, scalars, np.asarray(v, dtype=np.float64))
            elif isinstance(v, str) and check.call is None:
                args[key] = data.draw(st.one_of(st.text(max_size=12), st.sampled_from(["x", "", "x**", "é"])))
            elif isinstance(v, str):  # a size spec of the random checks: replace it by a size
                args[key] = data.draw(st.one_of(scalars, st.tuples(scalars, scalars)))
            else:
                args[key] = mutate_scalar(data, st, floats, scalars, key)
        args = bounded_work(args)
        count[0] += 1
        if os.environ.get("FUZZ_TRACE"):
            print(repr(args)[:300], file=sys.stderr, flush=True)
        bad = compare(op, args)
        if bad is not None:
            found.append({"kind": bad[0], "detail": bad[1][:600], "args": repr(args)[:1200]})

    run()
    return {"op": op, "inputs": count[0], "found": found}


# The optimisers have state, so they are fuzzed by whole runs, not single calls:
# options, parameter arrays and a few steps of gradients are drawn; both
# backends must fail at the same point with the same error, or leave the
# parameters bit for bit the same after every step (the updates are the same
# IEEE operations in the same order on both sides).
OPTIMIZERS: dict[str, dict[str, float]] = {
    "SGD": {"learning_rate": 0.1},
    "Momentum": {"learning_rate": 0.05, "momentum": 0.9},
    "Adam": {"learning_rate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
}
OPT_PARAMS = [np.arange(6.0).reshape(2, 3) / 7 - 0.25, np.array([0.5, -1.5, 2.0]), np.array(0.75)]


def _param_forms() -> list[Callable[[np.ndarray], Any]]:
    """Ways to pass a parameter array: the right one, and wrong ones that must be refused alike."""

    def read_only(x: np.ndarray) -> np.ndarray:
        x.flags.writeable = False
        return x

    return [
        lambda x: x,
        lambda x: x.astype(np.float32),
        lambda x: x.astype(np.int64),
        lambda x: x.tolist(),
        lambda x: np.asfortranarray(x) if x.ndim == 2 else x,
        lambda x: np.repeat(x, 2)[::2] if x.ndim else x,
        read_only,
        lambda x: x.astype(">f8"),
        lambda x: float(x.ravel()[0]) if x.size else 0.0,
    ]


def run_optimizer(module: Any, name: str, run: dict[str, Any]) -> tuple[Any, BaseException | None, list[Any]]:
    """Run one drawn optimiser run; return (where it failed, the error, the parameters after each step)."""
    params = run["params"]()
    steps = run["steps"]
    after: list[Any] = []
    try:
        with np.errstate(all="ignore"):
            opt = getattr(module, name)(**run["options"])
    except Exception as e:  # the outcome itself is what is compared
        return "init", e, after
    with opt:
        for t, grads in enumerate(steps):
            try:
                with np.errstate(all="ignore"):
                    opt.step(params, grads)
            except Exception as e:  # the outcome itself is what is compared
                return t, e, after
            after.append([np.array(p, copy=True) for p in params if isinstance(p, np.ndarray)])
    return None, None, after


def compare_optimizer(name: str, run: dict[str, Any]) -> tuple[str, str] | None:
    """Run ``name`` through both backends on ``run``; return (kind, detail) of a disagreement."""
    import twinmath.go as go
    import twinmath.ref as ref
    from twinmath import tolerances as tol
    from twinmath.parity import same_error

    sys.path.insert(0, str(ROOT / "tests"))
    from helpers import unchanged

    before = {"steps": copy.deepcopy(run["steps"])}
    rt, rerr, rp = run_optimizer(ref, name, run)
    if not unchanged(before, {"steps": run["steps"]}):
        return "mutated", f"twinmath.ref.{name}.step modified a gradient"
    gt, gerr, gp = run_optimizer(go, name, run)
    if not unchanged(before, {"steps": run["steps"]}):
        return "mutated", f"twinmath.go.{name}.step modified a gradient"
    if rt != gt or (rerr is not None and not same_error(rerr, gerr)):
        return "error", f"ref failed at {rt} with {rerr!r}, go at {gt} with {gerr!r}"
    for t, (a, b) in enumerate(zip(rp, gp, strict=True)):
        if len(a) != len(b) or not all(
            x.shape == y.shape and tol.alike(x, y) for x, y in zip(a, b, strict=True)
        ):
            return "result", f"the parameters differ after step {t}: ref {a!r}, go {b!r}"
    return None


def fuzz_optimizer(name: str, examples: int, seed: int) -> dict[str, Any]:
    """Fuzz the optimiser ``name`` by drawn runs; return its counts and the runs that disagreed."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hseed

    st, floats, scalars = _strategies()
    forms = _param_forms()
    found: list[dict[str, str]] = []
    count = [0]

    @hseed(seed)
    @settings(max_examples=examples, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def run(data: Any) -> None:
        options: dict[str, Any] = dict(OPTIMIZERS[name])
        for key in data.draw(st.lists(st.sampled_from(sorted(options)), max_size=2, unique=True)):
            options[key] = mutate_scalar(data, st, floats, scalars, key)
        n = data.draw(st.integers(0, len(OPT_PARAMS)))
        form = [
            data.draw(st.sampled_from(range(len(forms)))) if data.draw(st.booleans()) else 0 for _ in range(n)
        ]

        def params() -> list[Any]:
            return [forms[f](OPT_PARAMS[i].copy()) for i, f in enumerate(form)]

        steps = []
        for _ in range(data.draw(st.integers(1, 3))):
            grads: list[Any] = [
                np.sin(np.arange(1.0, OPT_PARAMS[i].size + 1)).reshape(OPT_PARAMS[i].shape) for i in range(n)
            ]
            if n and data.draw(st.booleans()):
                i = data.draw(st.integers(0, n - 1))
                grads[i] = mutate_array(data, st, floats, scalars, np.asarray(grads[i], dtype=np.float64))
            if n and data.draw(st.integers(0, 9)) == 0:
                grads = grads[:-1]
            steps.append(grads)
        drawn = {"options": options, "params": params, "steps": steps}
        count[0] += 1
        bad = compare_optimizer(name, drawn)
        if bad is not None:
            shown = {"options": options, "forms": form, "steps": steps}
            found.append({"kind": bad[0], "detail": bad[1][:600], "args": repr(shown)[:1200]})

    run()
    return {"op": name, "inputs": count[0], "found": found}


def child(ops: list[str], examples: int, seed: int) -> None:
    """Fuzz ``ops`` one after the other, printing one JSON line per operation."""
    import warnings

    warnings.simplefilter("ignore")
    for op in ops:
        print(json.dumps({"start": op}), flush=True)
        fuzz = fuzz_optimizer if op in OPTIMIZERS else fuzz_op
        print(json.dumps(fuzz(op, examples, seed)), flush=True)


def run_batch(ops: list[str], examples: int, seed: int, timeout: float) -> dict[str, Any]:
    """Fuzz ``ops`` in a subprocess; a crash or a timeout is counted against the running operation."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--ops", ",".join(ops)]
    cmd += ["--examples", str(examples), "--seed", str(seed)]
    env = dict(os.environ, PYTHONHASHSEED="0")
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
        out, status, hung = p.stdout, p.returncode, False
        err = p.stderr
    except subprocess.TimeoutExpired as e:
        raw = e.stdout or b""
        out = raw.decode() if isinstance(raw, bytes) else raw
        status, hung, err = None, True, ""
    total: dict[str, Any] = {"inputs": 0, "crashes": [], "hangs": [], "found": []}
    running = None
    for line in out.splitlines():
        row = json.loads(line)
        if "start" in row:
            running = row["start"]
            continue
        running = None
        total["inputs"] += row["inputs"]
        total["found"] += [dict(f, op=row["op"]) for f in row["found"]]
    if hung:
        total["hangs"].append({"op": running or ",".join(ops), "seed": seed})
    elif status != 0:
        where = running or ",".join(ops)
        total["crashes"].append({"op": where, "seed": seed, "status": status, "stderr": err[-2000:]})
    return total


def session(
    ops: list[str], examples: int, seed: int, batches: int, timeout: float, minutes: float = 0.0
) -> dict[str, Any]:
    """Fuzz ``ops`` in ``batches`` subprocesses (over and over with new seeds for ``minutes``)."""
    total: dict[str, Any] = {"inputs": 0, "crashes": [], "hangs": [], "found": [], "rounds": 0}
    deadline = time.monotonic() + minutes * 60
    while True:
        for i in range(batches):
            part = run_batch(ops[i::batches], examples, seed, timeout)
            for k in ("crashes", "hangs", "found"):
                total[k] += part[k]
            total["inputs"] += part["inputs"]
        total["rounds"] += 1
        seed += 1
        if time.monotonic() >= deadline:
            return total


def summary(total: dict[str, Any]) -> str:
    kinds: dict[str, int] = {}
    for f in total["found"]:
        kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
    return (
        f"{total['inputs']} inputs, {len(total['crashes'])} crashes, {len(total['hangs'])} hangs, "
        f"{kinds.get('error', 0)} differing errors, {kinds.get('result', 0)} differing results, "
        f"{kinds.get('mutated', 0)} modified inputs, {kinds.get('shared', 0)} shared results"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--child", action="store_true", help="fuzz in this process (one batch)")
    ap.add_argument("--ops", default="", help="comma-separated operations (default: all)")
    ap.add_argument("--examples", type=int, default=200, help="inputs per operation and round")
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--batches", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds a batch may take")
    ap.add_argument("--minutes", type=float, default=0.0, help="keep fuzzing with new seeds this long")
    a = ap.parse_args()
    from twinmath.parity import CHECKS

    ops = a.ops.split(",") if a.ops else sorted(CHECKS) + sorted(OPTIMIZERS)
    if a.child:
        child(ops, a.examples, a.seed)
        return
    print(f"fuzzing {len(ops)} operations, seed {a.seed}", flush=True)
    total = session(ops, a.examples, a.seed, a.batches, a.timeout, a.minutes)
    for f in total["found"]:
        print(f"{f['op']} [{f['kind']}] {f['detail']}\n    args: {f['args']}")
    for c in total["crashes"]:
        print(f"CRASH {c}")
    for h in total["hangs"]:
        print(f"HANG {h}")
    print(f"{total['rounds']} rounds: {summary(total)}")
    sys.exit(1 if total["found"] or total["crashes"] or total["hangs"] else 0)


if __name__ == "__main__":
    main()
