"""Parity checks of the decompositions: lu, qr, cholesky, svd and what stands on it."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import tolerances as tol
from . import (
    Case,
    Check,
    geometric,
    grading,
    hilbert,
    matmul,
    normal,
    positional,
    register,
    with_singular_values,
)

M2 = [[1.0, 2.0], [3.0, 4.0]]


# ---- stacks -------------------------------------------------------------------------
#
# A stacked case ``(..., m, n)`` is judged matrix by matrix with the single
# matrix's bound or ratio: the batched call computes each matrix as the
# single call does, so its bound is the single call's.


def _matrices(args: dict[str, Any], name: str) -> tuple[tuple[int, ...], np.ndarray]:
    a = np.asarray(args[name], dtype=np.float64)
    return a.shape[:-2], a.reshape(math.prod(a.shape[:-2]), *a.shape[-2:])


def _parts(r: Any, lead: tuple[int, ...]) -> list[np.ndarray]:
    """The parts of a result (one array, or a tuple of them), each as ``(count, ...)``."""
    count = math.prod(lead)
    return [
        np.asarray(p).reshape(count, *np.shape(p)[len(lead) :]) for p in (r if isinstance(r, tuple) else [r])
    ]


def _one(r: Any, parts: list[np.ndarray], i: int) -> Any:
    """The result of matrix ``i``, of the type of the stacked result ``r``."""
    if not isinstance(r, tuple):
        return parts[0][i]
    one = (p[i] for p in parts)
    return type(r)(*one) if hasattr(r, "_fields") else tuple(one)  # a named tuple, or numpy's plain one


def stacked_bound(f: Callable[[Any, Any], Any], name: str) -> Callable[[Any, Any], Any]:
    """``f(args, r)``, applied to each matrix of a stacked ``args[name]``, put back in ``r``'s shapes."""

    def bound(args: Any, r: Any) -> Any:
        if np.ndim(args[name]) <= 2:
            return f(args, r)
        lead, mats = _matrices(args, name)
        parts = _parts(r, lead)
        out = [np.zeros(p.shape) for p in parts]
        for i, m in enumerate(mats):
            b = f({**args, name: m}, _one(r, parts, i))
            for o, bj in zip(out, b if isinstance(r, tuple) else [b], strict=True):
                o[i] = np.broadcast_to(np.asarray(bj, dtype=np.float64), o.shape[1:])
        res = [o.reshape(np.shape(p)) for o, p in zip(out, r if isinstance(r, tuple) else [r], strict=True)]
        return tuple(res) if isinstance(r, tuple) else res[0]

    return bound


def stacked_compare(f: Callable[[Any, Any, Any], float], name: str) -> Callable[[Any, Any, Any], float]:
    """The worst ``f(args, ref, go)`` over the matrices of a stacked ``args[name]``."""

    def compare(args: Any, r: Any, g: Any) -> float:
        if np.ndim(args[name]) <= 2:
            return f(args, r, g)
        lead, mats = _matrices(args, name)
        rs, gs = _parts(r, lead), _parts(g, lead)
        if [p.shape for p in rs] != [p.shape for p in gs]:
            return math.inf
        return max(
            (f({**args, name: m}, _one(r, rs, i), _one(g, gs, i)) for i, m in enumerate(mats)), default=0.0
        )

    return compare


# numpy's keyword forms reach the comparators from the fuzzer (the parity
# cases use the plain forms): each is brought back to what the plain
# comparator judges, or judged by the part of the bound that applies.


def _cholesky_compare(args: Any, r: Any, g: Any) -> float:
    """``cholesky``; with ``upper=True`` the results are Lᵀ of A's upper triangle, so Aᵀ's L."""
    compare = stacked_compare(lambda a, x, y: tol.decomp.cholesky_ratio(a["A"], x, y), "A")
    if not bool(args.get("upper", False)):
        return compare(args, r, g)
    t = np.swapaxes  # the same transposition for A and both results
    return compare(
        {**args, "A": t(np.asarray(args["A"], dtype=np.float64), -1, -2)}, t(r, -1, -2), t(g, -1, -2)
    )


def _pinv_compare(args: Any, r: Any, g: Any) -> float:
    """``pinv`` with numpy's cutoffs (``rcond``, ``rtol``, one per matrix) and ``hermitian``."""
    from .._front.decomp import UNSET
    from .._front.decomp_numpy import lower_symmetric, pinv_cutoff

    a = np.asarray(args["A"], dtype=np.float64)
    lead, (m, n) = a.shape[:-2], a.shape[-2:]
    mats = a.reshape(-1, m, n)
    if bool(args.get("hermitian", False)):
        mats = lower_symmetric(mats, "pinv")
    cuts = np.reshape(pinv_cutoff(args.get("rcond"), args.get("rtol", UNSET), m, n, lead), -1)
    rs, gs = np.asarray(r, dtype=np.float64), np.asarray(g, dtype=np.float64)
    if rs.shape != gs.shape:
        return math.inf
    rs, gs = rs.reshape(-1, n, m), gs.reshape(-1, n, m)
    return max(
        (tol.decomp.pinv_ratio(x, float(cuts[i % cuts.size]), rs[i], gs[i]) for i, x in enumerate(mats)),
        default=0.0,
    )


def _lstsq_compare(args: Any, r: Any, g: Any) -> float:
    """``lstsq``; with ``full=True`` (numpy's four results) see ``tolerances.decomp.lstsq_full_ratio``."""
    if isinstance(r, tuple) or isinstance(g, tuple):
        if not (isinstance(r, tuple) and isinstance(g, tuple) and len(r) == len(g) == 4):
            return math.inf
        return tol.decomp.lstsq_full_ratio(args["A"], args["b"], args.get("rcond"), r, g)
    return tol.decomp.lstsq_ratio(args["A"], args["b"], args.get("rcond"), r, g)


def _qr_one(args: Any, r: Any, g: Any) -> float:
    """``qr`` of one matrix; ``mode="r"`` gives R alone, judged by ``qr_bounds``'s R part;
    'complete' and 'raw' by ``qr_complete_ratio`` and ``qr_raw_ratio``."""
    mode = args.get("mode")
    if mode == "r" or not isinstance(r, tuple):
        with np.errstate(all="ignore"):
            return tol.ratio(r, g, tol.decomp.qr_bounds(args["A"])[1])
    a = np.asarray(args["A"], dtype=np.float64)
    if mode == "raw":
        return tol.decomp.qr_raw_ratio(a, r, g)
    if mode == "complete" and a.shape[0] > a.shape[1]:
        return tol.decomp.qr_complete_ratio(a, r, g)
    return tol.decomp.qr_ratio(a, r, g)


def _svd_one(args: Any, r: Any, g: Any) -> float:
    """``svd`` of one matrix; ``compute_uv=False`` gives the singular values alone (as ``svdvals``),
    and ``hermitian=True`` reads A's lower triangle."""
    from .._front.decomp_numpy import lower_symmetric

    a = np.asarray(args["A"], dtype=np.float64)
    if bool(args.get("hermitian", False)):
        a = lower_symmetric(a, "svd")
    if not isinstance(r, tuple):
        return tol.ratio(r, g, tol.decomp.svdvals_bound(a))
    if bool(args.get("full_matrices", False)) and a.shape[0] != a.shape[1]:
        return tol.decomp.svd_full_ratio(a, r, g)
    return tol.decomp.svd_ratio(a, r, g)


def stacks(
    rng: np.random.Generator, name: str, shapes: list[tuple[int, int]], make: Any = None
) -> list[Case]:
    """Stacked cases: a stack of matrices of each shape (``make(rng, m, n)``, normal by default) with a
    drawn leading shape, and stacks of none and of empty matrices."""
    cases: list[Case] = []
    for m, n in shapes:
        k = int(rng.integers(1, 3))
        lead = tuple(int(d) for d in rng.integers(1, 4, size=k))
        mats = [make(rng, m, n) if make else normal(rng, m, n) for _ in range(math.prod(lead))]
        cases.append((f"stack {lead} of {m}x{n}", {name: np.reshape(mats, (*lead, m, n))}))
    m, n = shapes[0]
    cases.append((f"stack (0,) of {m}x{n}", {name: np.zeros((0, m, n))}))
    cases.append((f"stack (2, 0) of {m}x{n}", {name: np.zeros((2, 0, m, n))}))
    return cases


def stack_errors(name: str, bad: list[list[list[float]]], square: bool = True) -> list[Case]:
    """Error cases of a stack: a shape error (no index), and a bad matrix named by its index."""
    good = np.eye(2)
    cases: list[Case] = [
        (
            "stack, inf in matrix 2, NaN in 3",
            {name: [good, good, [[1.0, 0.0], [math.inf, 1.0]], [[math.nan, 0], [0, 1]]]},
        ),
        ("stack (2, 2), bad matrix 3", {name: [[good, good], [good, bad[0]]]}),
    ]
    if square:
        cases.append(("stack, not square", {name: np.zeros((2, 2, 3))}))
    return cases


def _stacked_spd(rng: np.random.Generator, m: int, n: int) -> np.ndarray:
    b = normal(rng, n, n)
    return matmul(b, b.T) + n * np.eye(n)


def graded(rng: np.random.Generator, n: int) -> np.ndarray:
    """D·Z·D with D = diag(2^−249 … 2^249): entries graded from about 1e-150 to 1e150."""
    d = grading(n, 249)
    return np.asarray(d[:, None] * normal(rng, n, n) * d[None, :])


def families(rng: np.random.Generator, big: bool = True) -> list[Case]:
    """The matrix families of the decompositions, random and structured."""
    cases: list[Case] = [
        ("worked example", {"A": M2}),
        ("1x1", {"A": [[-3.0]]}),
        ("2x2", {"A": normal(rng, 2, 2)}),
    ]
    for m, n in ((3, 3), (5, 5), (8, 3), (3, 8), (12, 7), (7, 12), (1, 5), (5, 1), (20, 20)):
        cases.append((f"normal {m}x{n}", {"A": normal(rng, m, n)}))
    cases += [
        ("identity", {"A": np.eye(4)}),
        ("zero", {"A": np.zeros((3, 4))}),
        ("diagonal", {"A": np.diag([3.0, -1.0, 4.0, 1.5, -5.0])}),
        ("diagonal, repeated entries", {"A": np.diag([2.0, 2.0, 2.0, 1.0, 1.0])}),
        ("rank 2, 6x5", {"A": matmul(normal(rng, 6, 2), normal(rng, 2, 5))}),
        ("rank 1, 4x4 of ones", {"A": np.ones((4, 4))}),
        ("graded 6x6, 1e-150 to 1e150", {"A": graded(rng, 6)}),
        ("nearly singular, κ = 2⁴⁰ ≈ 1.1e12", {"A": with_singular_values(rng, 6, 6, geometric(6, 8))}),
        ("hilbert 8", {"A": hilbert(8)}),
        ("scaled 1e300", {"A": normal(rng, 4, 3) * 1e300}),
        ("scaled 1e-300", {"A": normal(rng, 3, 4) * 1e-300}),
        (
            "clustered singular values",
            {"A": with_singular_values(rng, 5, 4, np.array([3.0, 1.0, 1.0 + 1e-13, 0.5]))},
        ),
    ]
    if big:
        cases.append(("normal 100x100", {"A": normal(rng, 100, 100)}))
        cases.append(("normal 300x300", {"A": normal(rng, 300, 300)}))
        cases.append(("normal 300x40", {"A": normal(rng, 300, 40)}))
    return cases


_COMMON_ERRORS: list[Case] = [
    ("empty", {"A": np.zeros((0, 3))}),
    ("NaN entry", {"A": [[1.0, math.nan], [0.0, 1.0]]}),
    ("inf entry", {"A": [[1.0, 0.0], [-math.inf, 1.0]]}),
]
# The decompositions numpy defines on empty matrices take them (twinmath._front):
# only lu keeps "empty" among its error cases.
_NONFINITE: list[Case] = _COMMON_ERRORS[1:]
_PYTHON_ONLY: list[Case] = [
    ("1-D", {"A": [1.0, 2.0]}),
    ("3-D", {"A": np.zeros((2, 2, 2))}),
    ("complex", {"A": [[1j]]}),
]
# Those of the operations that take stacks, where 3-D is a stack.
_PYTHON_ONLY_STACKED: list[Case] = [c for c in _PYTHON_ONLY if c[0] != "3-D"]
_NAN = [[1.0, 0.0], [0.0, math.nan]]

register(
    Check(
        "lu",
        "bit for bit (the same eliminations, unfused)",
        families,
        errors=list(_COMMON_ERRORS),
        python_only=list(_PYTHON_ONLY),
    )
)

register(
    Check(
        "qr",
        "residuals ≤ T; ‖ΔQ‖_F ≤ 2(√2κ₁ε₁/(1 − κ₁ε₁) + √k·δ) (Sun)",
        lambda rng: families(rng) + stacks(rng, "A", [(3, 3), (4, 2), (2, 5), (1, 1)]),
        bound=stacked_bound(lambda a, r: tol.decomp.qr_bounds(a["A"]), "A"),
        compare=stacked_compare(_qr_one, "A"),
        errors=_NONFINITE + stack_errors("A", [_NAN], square=False),
        python_only=list(_PYTHON_ONLY_STACKED),
    )
)


def _spd_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"A": [[4.0, 2.0], [2.0, 5.0]]}),
        ("1x1", {"A": [[9.0]]}),
        ("identity", {"A": np.eye(3)}),
        ("diagonal", {"A": np.diag([4.0, 1.0, 9.0, 0.25])}),
        ("upper triangle ignored", {"A": [[4.0, 99.0], [2.0, 5.0]]}),
        ("hilbert 6", {"A": hilbert(6)}),
    ]
    for n in (2, 3, 5, 8, 15, 30):
        b = normal(rng, n, n)
        cases.append((f"BBᵀ + nI, n={n}", {"A": matmul(b, b.T) + n * np.eye(n)}))
    b = normal(rng, 6, 6)
    cases.append(("BBᵀ, κ ≈ 1e3", {"A": matmul(b, b.T) + 1e-2 * np.eye(6)}))
    cases.append(("scaled 1e250", {"A": 1e250 * (matmul(b, b.T) + 6 * np.eye(6))}))
    cases.append(("scaled 1e-250", {"A": 1e-250 * (matmul(b, b.T) + 6 * np.eye(6))}))
    b = normal(rng, 300, 300)
    cases.append(("BBᵀ + nI, n=300", {"A": matmul(b, b.T) + 300 * np.eye(300)}))
    return cases


register(
    Check(
        "cholesky",
        "residual ≤ T; ‖ΔL‖_F ≤ 2·2^(−1/2)·κ·√n·δ/(1 − κδ)·√‖A‖ (Sun)",
        lambda rng: _spd_cases(rng) + stacks(rng, "A", [(3, 3), (1, 1), (5, 5)], _stacked_spd),
        bound=stacked_bound(lambda a, r: tol.decomp.cholesky_bound(a["A"]), "A"),
        compare=_cholesky_compare,
        errors=[
            ("not square", {"A": [[1.0, 2.0, 3.0]]}),
            ("NaN in the upper triangle", {"A": [[1.0, math.nan], [0.0, 1.0]]}),
            ("indefinite", {"A": [[1.0, 2.0], [2.0, 1.0]]}),
            ("negative diagonal", {"A": [[-1.0]]}),
            ("zero", {"A": np.zeros((2, 2))}),
            ("semidefinite", {"A": [[1.0, 1.0], [1.0, 1.0]]}),
            *stack_errors("A", [[[1.0, 2.0], [2.0, 1.0]]]),
        ],
        python_only=list(_PYTHON_ONLY_STACKED),
    )
)

register(
    Check(
        "svd",
        "residuals ≤ T; |Δσ| ≤ 2e (Weyl); vectors 4e/(gap − 3e), subspaces (Wedin)",
        lambda rng: families(rng) + stacks(rng, "A", [(3, 3), (4, 2), (2, 5), (1, 1)]),
        bound=stacked_bound(lambda a, r: tol.decomp.svd_bounds(a["A"], r[0], r[1]), "A"),
        compare=stacked_compare(_svd_one, "A"),
        errors=_NONFINITE + stack_errors("A", [_NAN], square=False),
        python_only=list(_PYTHON_ONLY_STACKED),
    )
)


def _truncated_cases(rng: np.random.Generator) -> list[Case]:
    a = np.array([[3.0, 1.0, 1.0], [-1.0, 3.0, 1.0]])
    cases: list[Case] = [
        ("worked example, k=1", {"A": a, "k": 1}),
        ("worked example, k=2", {"A": a, "k": 2}),
    ]
    for i, (label, args) in enumerate(families(rng, big=False)):
        K = min(np.shape(args["A"]))
        k = (1, (K + 1) // 2, K)[i % 3]  # every k from 1 to K is a case somewhere
        cases.append((f"{label}, k={k}", {"A": args["A"], "k": k}))
    cases.append(("normal 300x300, k=10", {"A": normal(rng, 300, 300), "k": 10}))
    return cases


register(
    Check(
        "truncated_svd",
        "as svd for the k triplets; A_k: 2(e + σ₁√2e/(gapₖ − 3e) + rounding)",
        _truncated_cases,
        bound=lambda a, r: tol.decomp.truncated_bounds(a["A"], r[0], r[1], a["k"]),
        compare=lambda a, r, g: tol.decomp.truncated_ratio(a["A"], a["k"], r, g),
        errors=[
            ("k = 0", {"A": M2, "k": 0}),
            ("k too large", {"A": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "k": 3}),
            ("empty", {"A": np.zeros((2, 0)), "k": 1}),
            ("NaN entry", {"A": [[math.nan, 1.0]], "k": 1}),
        ],
        python_only=[
            ("k not an integer", {"A": M2, "k": 1.5}),
            ("k is text", {"A": M2, "k": "1"}),
            ("1-D", {"A": [1.0, 2.0], "k": 1}),
        ],
    )
)


# A finite matrix whose pseudo-inverse lies beyond the float range.
_BEYOND = [[0.0, 2.225e-311], [2.225e-311, 2.225e-311]]


def _pinv_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = []
    for label, args in families(rng):
        if np.size(args["A"]) <= 10_000:
            cases.append((label, {"A": args["A"], "rcond": 1e-15}))
    # A cutoff far above the rounding noise makes the rank of the
    # rank-deficient matrices decidable, so their pseudo-inverses are judged.
    cases.append(("rank 2, rcond 1e-8", {"A": matmul(normal(rng, 6, 2), normal(rng, 2, 5)), "rcond": 1e-8}))
    cases.append(("ones, rcond 1e-8", {"A": np.ones((3, 4)), "rcond": 1e-8}))
    cases.append(("cut at 0.5", {"A": np.diag([4.0, 1.0, 0.25]), "rcond": 0.1}))
    cases += [(label, {**args, "rcond": 1e-15}) for label, args in stacks(rng, "A", [(3, 3), (4, 2), (2, 5)])]
    return cases


register(
    Check(
        "pinv",
        "‖ΔA⁺‖₂ ≤ 2(√2(3e + 2σᵣ₊₁)/((σᵣ − e)σᵣ) + rounding) when the rank is decidable",
        _pinv_cases,
        bound=stacked_bound(lambda a, r: tol.decomp.pinv_bound(a["A"], a.get("rcond", 1e-15)), "A"),
        compare=_pinv_compare,
        errors=[
            *[
                (label, {**args, "rcond": 1e-15})
                for label, args in _NONFINITE + stack_errors("A", [_NAN], False)
            ],
            ("negative rcond", {"A": M2, "rcond": -1.0}),
            ("NaN rcond", {"A": M2, "rcond": math.nan}),
            ("infinite rcond", {"A": M2, "rcond": math.inf}),
            # (1/c)·[[-1, 1], [1, 0]] with 1/c ≈ 4.5e310: beyond the float range
            ("the pseudo-inverse overflows", {"A": _BEYOND, "rcond": 1e-15}),
        ],
        python_only=[("1-D", {"A": [1.0], "rcond": 1e-15}), ("rcond text", {"A": M2, "rcond": "x"})],
    )
)


def _lstsq_cases(rng: np.random.Generator) -> list[Case]:
    # rcond -1 selects the default, as None does (the vector files cannot hold None).
    cases: list[Case] = [
        ("line fit", {"A": [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], "b": [1.0, 2.0, 2.0], "rcond": -1.0}),
        ("rank deficient, least norm", {"A": [[1.0, 1.0], [1.0, 1.0]], "b": [2.0, 2.0], "rcond": -1.0}),
        ("square", {"A": M2, "b": [5.0, 6.0], "rcond": -1.0}),
        ("several right-hand sides", {"A": normal(rng, 6, 3), "b": normal(rng, 6, 2), "rcond": -1.0}),
        ("underdetermined", {"A": normal(rng, 3, 6), "b": normal(rng, 3), "rcond": -1.0}),
        (
            "rank 2, rcond 1e-8",
            {"A": matmul(normal(rng, 7, 2), normal(rng, 2, 4)), "b": normal(rng, 7), "rcond": 1e-8},
        ),
    ]
    for label, args in families(rng, big=False):
        m = np.shape(args["A"])[0]
        cases.append((label, {"A": args["A"], "b": normal(rng, m), "rcond": -1.0}))
    cases.append(("normal 300x40", {"A": normal(rng, 300, 40), "b": normal(rng, 300), "rcond": -1.0}))
    return cases


register(
    Check(
        "lstsq",
        "pinv's bound × ‖b‖₂ + rounding, when the rank is decidable",
        _lstsq_cases,
        bound=lambda a, r: tol.decomp.lstsq_bound(a["A"], a["b"], a.get("rcond")),
        compare=_lstsq_compare,
        errors=[
            ("b rows differ", {"A": M2, "b": [1.0, 2.0, 3.0], "rcond": -1.0}),
            ("NaN in A", {"A": [[math.nan, 0.0], [0.0, 1.0]], "b": [1.0, 1.0], "rcond": -1.0}),
            ("inf in b", {"A": M2, "b": [1.0, math.inf], "rcond": -1.0}),
            ("NaN rcond", {"A": M2, "b": [1.0, 1.0], "rcond": math.nan}),
            ("the solution overflows", {"A": _BEYOND, "b": [1.0, 1.0], "rcond": -1.0}),
        ],
        python_only=[
            ("3-D b", {"A": M2, "b": np.zeros((2, 1, 1)), "rcond": -1.0}),
            ("1-D A", {"A": [1.0, 2.0], "b": [1.0], "rcond": -1.0}),
        ],
    )
)


def _rank_bounds(args: Any) -> np.ndarray:
    """``matrix_rank_bound`` of each matrix (shape: the stack's leading shape), with the cutoff
    in force for the call: ``tol`` or ``rtol`` (one per matrix when an array), ``hermitian``."""
    from .._front.decomp_numpy import lower_symmetric

    a = np.asarray(args["A"], dtype=np.float64)
    lead, (m, n) = a.shape[:-2], a.shape[-2:]
    mats = a.reshape(-1, m, n)
    if bool(args.get("hermitian", False)):
        mats = lower_symmetric(mats, "matrix_rank")

    def per_matrix(x: Any) -> np.ndarray | None:
        return None if x is None else np.broadcast_to(np.asarray(x, dtype=np.float64), lead).reshape(-1)

    tols, rtols = per_matrix(args.get("tol")), per_matrix(args.get("rtol"))
    return np.array(
        [
            tol.decomp.matrix_rank_bound(
                x, None if tols is None else float(tols[i]), None if rtols is None else float(rtols[i])
            )
            for i, x in enumerate(mats)
        ]
    ).reshape(lead)


def _rank_compare(args: Any, r: Any, g: Any) -> float:
    """``matrix_rank``: the ranks must be equal wherever the rank is decidable (``_rank_bounds``)."""
    rs, gs = np.asarray(r), np.asarray(g)
    if rs.shape != gs.shape:
        return math.inf
    differ = rs != gs
    if not np.any(differ):
        return 0.0
    return 0.0 if np.all(np.isinf(_rank_bounds(args).reshape(rs.shape)[differ])) else math.inf


def _rank_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [("singular 2x2", {"A": [[1.0, 2.0], [2.0, 4.0]]})]
    cases += families(rng)
    for r in (1, 3, 5):
        cases.append((f"rank {r}, 8x6", {"A": matmul(normal(rng, 8, r), normal(rng, r, 6))}))
    cases += stacks(rng, "A", [(3, 3), (4, 2), (2, 5)])
    return cases


register(
    Check(
        "matrix_rank",
        "equal, where the rank is decidable (no σ within 2e(1 + |rel|) of the cutoff in force: tol, rtol·σ₁ "
        "or the default)",
        _rank_cases,
        bound=lambda a, r: _rank_bounds(a).reshape(np.shape(r)),
        compare=_rank_compare,
        errors=_NONFINITE + stack_errors("A", [_NAN], square=False),
        python_only=list(_PYTHON_ONLY_STACKED),
    )
)


def _pca_cases(rng: np.random.Generator) -> list[Case]:
    line = [[0.0, 0.0], [1.0, 2.0], [2.0, 4.0], [5.0, 10.0]]
    cases: list[Case] = [("points on a line", {"X": line, "k": 1})]
    for N, d, k in ((10, 3, 2), (50, 4, 2), (5, 8, 3), (30, 6, 6), (2, 3, 1), (200, 10, 3)):
        # Features of different spreads, so that the components are distinct.
        x = normal(rng, N, d) * np.linspace(3.0, 0.5, d) + rng.uniform(-5, 5, d)
        cases.append((f"normal {N}x{d}, k={k}", {"X": x, "k": k}))
    cases.append(("offset 1e6", {"X": normal(rng, 20, 3) * [3.0, 2.0, 1.0] + 1e6, "k": 2}))
    cases.append(
        ("constant feature", {"X": np.column_stack([normal(rng, 8, 2) * [2.0, 1.0], np.ones(8)]), "k": 2})
    )
    cases.append(("300x300", {"X": normal(rng, 300, 300), "k": 2}))
    return cases


register(
    Check(
        "pca",
        "components as right singular vectors of Xc (e + centring); variances, projections from them",
        _pca_cases,
        bound=lambda a, r: tol.decomp.pca_bounds(a["X"], a["k"], r),
        compare=lambda a, r, g: tol.decomp.pca_ratio(a["X"], a["k"], r, g),
        errors=[
            ("one sample", {"X": [[1.0, 2.0]], "k": 1}),
            ("empty", {"X": np.zeros((0, 2)), "k": 1}),
            ("NaN", {"X": [[1.0, math.nan], [0.0, 1.0]], "k": 1}),
            ("k too large", {"X": [[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]], "k": 3}),
            ("k = 0", {"X": [[1.0, 2.0], [3.0, 4.0]], "k": 0}),
        ],
        python_only=[
            ("k not an integer", {"X": [[1.0], [2.0]], "k": 0.5}),
            ("1-D", {"X": [1.0, 2.0], "k": 1}),
        ],
    )
)


# ---- svdvals: the singular values alone -------------------------------------------------


def _svdvals_cases(rng: np.random.Generator) -> list[Case]:
    cases = [(label, {"x": args["A"]}) for label, args in families(rng, big=False)]
    cases += [("empty 0x3: none", {"x": np.zeros((0, 3))}), ("empty 4x0: none", {"x": np.zeros((4, 0))})]
    cases += stacks(rng, "x", [(3, 3), (4, 2), (2, 5), (1, 1)])
    cases.append(("stack (2,) of 0x3", {"x": np.zeros((2, 0, 3))}))
    return cases


register(
    Check(
        "svdvals",
        "|Δσ| ≤ 2e (Weyl, e = svd_error)",
        _svdvals_cases,
        bound=stacked_bound(lambda a, r: tol.decomp.svdvals_bound(a["x"]), "x"),
        errors=[
            ("NaN entry", {"x": [[1.0, math.nan], [0.0, 1.0]]}),
            ("inf entry", {"x": [[1.0, 0.0], [-math.inf, 1.0]]}),
            *stack_errors("x", [_NAN], square=False),
        ],
        python_only=[("1-D", {"x": [1.0, 2.0]})],
        call=positional("svdvals", "x"),
    )
)
