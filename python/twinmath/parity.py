"""The parity checks: for every operation, cases, a bound, and bad inputs.

One table, ``CHECKS``, read by three users:

- ``python -m twinmath parity`` runs every case through both backends and
  prints the worst observed error per operation, relative to its bound;
- ``tests/gen_vectors.py`` writes the cases, the reference results, their
  bounds and the expected errors to ``tests/vectors/<op>.json``, which the Go
  tests check without Python;
- the pytest suite checks the error cases and reuses the comparisons.

The bounds come from ``twinmath.tolerances``. Random cases come from a numpy
``Generator`` seeded by the caller, so a run can be repeated exactly.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np

from . import tolerances as tol

Args = dict[str, Any]
Case = tuple[str, Args]


@dataclass(frozen=True)
class Check:
    """How one operation is compared between the backends.

    ``cases(rng)`` returns labelled argument sets; ``bound(args, result)``
    returns the entrywise bound on |ref − go| for the reference result (0:
    bit for bit); ``compare`` may replace the entrywise rule with another
    ratio (≤ 1 passes). ``errors`` are bad inputs: both backends must raise
    the same class with the same message. ``python_only`` error cases cannot
    be written in Go's types (a 2-D array for a vector, text for a number),
    so the Go tests leave them out.
    """

    op: str
    rule: str
    cases: Callable[[np.random.Generator], list[Case]]
    bound: Callable[[Args, Any], Any] | None = None
    compare: Callable[[Args, Any, Any], float] | None = None
    errors: list[Case] = field(default_factory=list)
    python_only: list[Case] = field(default_factory=list)

    def ratio(self, args: Args, ref: Any, go: Any) -> float:
        """Return the observed |ref − go| relative to the bound (≤ 1 passes).

        A result of several parts (a tuple) is judged part by part, and the
        worst part counts.
        """
        if isinstance(ref, tuple) and self.compare is None:
            if not isinstance(go, tuple) or len(go) != len(ref):
                return math.inf
            return max((self.ratio(args, x, y) for x, y in zip(ref, go, strict=True)), default=0.0)
        if self.compare is not None:
            return self.compare(args, ref, go)
        if self.bound is None:
            return 0.0 if tol.alike(ref, go) else math.inf
        return tol.ratio(ref, go, self.bound(args, ref))

    def entry_bound(self, args: Args, ref: Any) -> Any:
        """Return the entrywise bound the shared vectors carry to Go."""
        return 0.0 if self.bound is None else self.bound(args, ref)


CHECKS: dict[str, Check] = {}


def register(check: Check) -> Check:
    """Add ``check`` to the table."""
    CHECKS[check.op] = check
    return check


# ---- random inputs -------------------------------------------------------------


def normal(rng: np.random.Generator, *shape: int) -> np.ndarray:
    """Standard normal entries."""
    return rng.standard_normal(shape)


def wide(rng: np.random.Generator, *shape: int) -> np.ndarray:
    """Entries of random sign with magnitudes from 1e-300 to 1e300, some ±0."""
    x = rng.choice([-1.0, 1.0], size=shape) * 10.0 ** rng.uniform(-300, 300, size=shape)
    x[rng.random(shape) < 0.05] = 0.0
    x[rng.random(shape) < 0.03] = -0.0
    return x


def special(rng: np.random.Generator, n: int) -> np.ndarray:
    """Moderate entries with some NaN, +inf and -inf among them."""
    x = rng.standard_normal(n)
    for value in (np.nan, np.inf, -np.inf):
        x[rng.random(n) < 0.1] = value
    return x


def sizes(rng: np.random.Generator, k: int, high: int = 40) -> Iterable[int]:
    """k sizes from 0 to high, the small ones more often."""
    return (int(s) for s in np.minimum(rng.geometric(0.15, size=k) - 1, high))


# ---- vectors -------------------------------------------------------------------

A3, B3 = [1.0, 2.0, 3.0], [4.0, 5.0, 6.0]


def _pairs(rng: np.random.Generator, worked: list[Case], b: str = "b") -> list[Case]:
    """The worked examples, then random pairs of vectors named a and ``b``."""
    cases = [*worked, ("empty", {"a": [], b: []})]
    for n in sizes(rng, 12):
        cases.append((f"normal n={n}", {"a": normal(rng, n), b: normal(rng, n)}))
    for n in sizes(rng, 6):
        cases.append((f"wide n={n}", {"a": wide(rng, n), b: wide(rng, n)}))
    for n in (1, 5, 9):
        cases.append((f"nan/inf n={n}", {"a": special(rng, n), b: special(rng, n)}))
    return cases


_PAIR_ERRORS: list[Case] = [("lengths differ", {"a": [1.0, 2.0, 3.0], "b": [1.0, 2.0]})]


def _pair_python_only(name: str = "b") -> list[Case]:
    return [
        ("2-D a", {"a": [[1.0, 2.0]], name: [1.0, 2.0]}),
        ("0-D a", {"a": 1.0, name: [1.0]}),
        ("complex a", {"a": [1j, 2.0], name: [1.0, 2.0]}),
        ("text a", {"a": ["1", "2"], name: [1.0, 2.0]}),
        ("ragged a", {"a": [[1.0], [1.0, 2.0]], name: [1.0, 2.0]}),
    ]


register(
    Check(
        "add",
        "bit for bit",
        lambda rng: _pairs(rng, [("worked example", {"a": A3, "b": B3})]),
        errors=_PAIR_ERRORS,
        python_only=_pair_python_only(),
    )
)
register(
    Check(
        "subtract",
        "bit for bit",
        lambda rng: _pairs(rng, [("worked example", {"a": B3, "b": A3})]),
        errors=_PAIR_ERRORS,
        python_only=_pair_python_only(),
    )
)


def _scale_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [("worked example", {"v": A3, "c": 2.0}), ("empty", {"v": [], "c": 3.0})]
    for n in sizes(rng, 8):
        cases.append((f"normal n={n}", {"v": normal(rng, n), "c": float(rng.standard_normal())}))
    for n in sizes(rng, 4):
        cases.append((f"wide n={n}", {"v": wide(rng, n), "c": float(wide(rng, 1)[0])}))
    cases.append(("nan/inf", {"v": special(rng, 6), "c": -1.5}))
    cases.append(("c = inf", {"v": [1.0, 0.0, -2.0], "c": math.inf}))
    return cases


register(
    Check(
        "scale",
        "bit for bit",
        _scale_cases,
        python_only=[
            ("2-D v", {"v": [[1.0]], "c": 2.0}),
            ("complex c", {"v": [1.0], "c": 1j}),
            ("text c", {"v": [1.0], "c": "2"}),
        ],
    )
)
register(
    Check(
        "dot",
        "2·γₙ·Σ|aᵢbᵢ| + 2nη",
        lambda rng: _pairs(rng, [("worked example", {"a": A3, "b": B3})]),
        bound=lambda a, r: tol.dot_bound(a["a"], a["b"]),
        errors=_PAIR_ERRORS,
        python_only=_pair_python_only(),
    )
)


def _norm_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"v": A3, "ord": 2}),
        ("3-4-5", {"v": [3.0, 4.0], "ord": 2}),
        ("matrix fro", {"v": [[1.0, 2.0], [3.0, 4.0]], "ord": "fro"}),
        ("huge entries", {"v": [1e200, 1e200], "ord": 2}),
        ("tiny entries", {"v": [3e-200, 4e-200], "ord": 2}),
        ("empty", {"v": [], "ord": 2}),
        ("empty matrix", {"v": np.zeros((0, 3)), "ord": 1}),
    ]
    for n in sizes(rng, 6):
        for o in (1, 2, math.inf):
            cases.append((f"normal n={n} ord={o}", {"v": normal(rng, n), "ord": o}))
            cases.append((f"wide n={n} ord={o}", {"v": wide(rng, n), "ord": o}))
    for o in (1, 2, math.inf):
        cases.append((f"nan/inf ord={o}", {"v": special(rng, 7), "ord": o}))
        m, k = next(iter(sizes(rng, 1, 12))) + 1, next(iter(sizes(rng, 1, 12))) + 1
        cases.append((f"matrix {m}x{k} ord={o}", {"v": normal(rng, m, k), "ord": "fro" if o == 2 else o}))
    return cases


register(
    Check(
        "norm",
        "(γₙ + 8u)·‖v‖ for 2/fro; 2·γₙ·Σ|vᵢ| for 1; bit for bit for inf",
        _norm_cases,
        bound=lambda a, r: tol.norm_bound(a["v"], a["ord"]),
        errors=[
            ("ord 3", {"v": [1.0, 2.0], "ord": 3}),
            ("ord 0 for a matrix", {"v": [[1.0]], "ord": 0}),
            ("ord -1", {"v": [1.0], "ord": -1}),
        ],
        python_only=[
            ("ord fro for a vector", {"v": [1.0, 2.0], "ord": "fro"}),
            ("unknown ord", {"v": [[1.0]], "ord": "nuc"}),
            ("3-D", {"v": np.zeros((2, 2, 2)), "ord": 2}),
        ],
    )
)
register(
    Check(
        "cosine_similarity",
        "4·γₙ + 16u (absolute)",
        lambda rng: _pairs(
            rng,
            [
                ("worked example", {"a": A3, "b": B3}),
                ("zero vector", {"a": [0.0, 0.0], "b": [1.0, 2.0]}),
                ("opposite", {"a": [1.0, 2.0], "b": [-2.0, -4.0]}),
                ("huge", {"a": [1e300, 2e300], "b": [3e300, -1e300]}),
            ],
        ),
        bound=lambda a, r: tol.cosine_bound(a["a"]),
        errors=_PAIR_ERRORS,
        python_only=_pair_python_only(),
    )
)


def _outer_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [("worked example", {"a": [1.0, 2.0], "b": [3.0, 4.0, 5.0]})]
    cases.append(("empty", {"a": [], "b": [1.0]}))
    for m, n in zip(sizes(rng, 6, 20), sizes(rng, 6, 20), strict=True):
        cases.append((f"normal {m}x{n}", {"a": normal(rng, m), "b": normal(rng, n)}))
    cases.append(("wide", {"a": wide(rng, 5), "b": wide(rng, 4)}))
    cases.append(("nan/inf", {"a": special(rng, 4), "b": special(rng, 3)}))
    return cases


register(Check("outer", "bit for bit", _outer_cases, python_only=_pair_python_only()))
register(
    Check(
        "project",
        "2·|ûⱼ|·((γₙ·Σ|aᵢûᵢ| + nη)/(û·û) + |c|·(γₙ + 2u)), per entry",
        lambda rng: _pairs(
            rng,
            [
                ("worked example", {"a": [2.0, 3.0], "onto": [1.0, 0.0]}),
                ("onto zero", {"a": [2.0, 3.0], "onto": [0.0, 0.0]}),
                ("huge onto", {"a": [1.0, 1.0], "onto": [1e300, 1e300]}),
            ],
            b="onto",
        ),
        bound=lambda a, r: tol.project_bound(a["a"], a["onto"]),
        errors=[("lengths differ", {"a": [1.0, 2.0, 3.0], "onto": [1.0, 2.0]})],
        python_only=_pair_python_only("onto"),
    )
)


# ---- matrices ----------------------------------------------------------------

M2A, M2B = [[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]


def _dims(rng: np.random.Generator, k: int, high: int = 24) -> list[tuple[int, int, int]]:
    return [tuple(int(s) for s in sizes(rng, 3, high)) for _ in range(k)]  # type: ignore[misc]


def _matmul_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"A": M2A, "B": M2B}),
        ("matrix @ vector", {"A": M2A, "B": [1.0, 1.0]}),
        ("empty inner", {"A": np.zeros((2, 0)), "B": np.zeros((0, 3))}),
    ]
    for m, n, p in _dims(rng, 10):
        cases.append((f"normal {m}x{n} @ {n}x{p}", {"A": normal(rng, m, n), "B": normal(rng, n, p)}))
    for m, n, _ in _dims(rng, 4):
        cases.append((f"normal {m}x{n} @ ({n},)", {"A": normal(rng, m, n), "B": normal(rng, n)}))
    cases.append(("wide 5x6 @ 6x4", {"A": wide(rng, 5, 6), "B": wide(rng, 6, 4)}))
    cases.append(("larger 70x130 @ 130x90", {"A": normal(rng, 70, 130), "B": normal(rng, 130, 90)}))
    return cases


def _matmul_bound(a: Args, r: Any) -> Any:
    b = np.asarray(a["B"], dtype=np.float64)
    return tol.matmul_bound(a["A"], b if b.ndim == 2 else b[:, None]).reshape(np.shape(r))


register(
    Check(
        "matmul",
        "2·γₙ·(|A|·|B|)ᵢⱼ + 2nη, per entry",
        _matmul_cases,
        bound=_matmul_bound,
        errors=[
            ("inner dimensions differ", {"A": [[1.0, 2.0]], "B": [[1.0, 2.0]]}),
            ("matrix @ wrong vector", {"A": M2A, "B": [1.0, 2.0, 3.0]}),
        ],
        python_only=[
            ("1-D A", {"A": [1.0, 2.0], "B": M2B}),
            ("3-D B", {"A": M2A, "B": np.zeros((2, 2, 2))}),
        ],
    )
)


def _square_cases(rng: np.random.Generator, worked: list[Case], finite_only: bool = True) -> list[Case]:
    cases = list(worked)
    for n in (1, 2, 3, 4, 7, 12, 30):
        cases.append((f"normal {n}x{n}", {"A": normal(rng, n, n)}))
    cases.append(("diagonal", {"A": np.diag([2.0, -3.0, 0.5])}))
    cases.append(("needs pivoting", {"A": [[0.0, 1.0], [1.0, 0.0]]}))
    cases.append(("scaled 1e150", {"A": normal(rng, 4, 4) * 1e150}))
    cases.append(("scaled 1e-150", {"A": normal(rng, 4, 4) * 1e-150}))
    return cases


def _transpose_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [("worked example", {"A": M2A}), ("empty rows", {"A": np.zeros((0, 3))})]
    for m, n, _ in _dims(rng, 8, 70):
        cases.append((f"normal {m}x{n}", {"A": normal(rng, m, n)}))
    cases.append(("wide", {"A": wide(rng, 3, 5)}))
    return cases


register(
    Check(
        "transpose",
        "bit for bit",
        _transpose_cases,
        python_only=[("1-D", {"A": [1.0, 2.0]})],
    )
)
register(
    Check(
        "trace",
        "2·γₙ·Σ|Aᵢᵢ| + 2nη",
        lambda rng: [("empty", {"A": np.zeros((0, 0))}), *_square_cases(rng, [("worked", {"A": M2A})])],
        bound=lambda a, r: tol.trace_bound(a["A"]),
        errors=[("not square", {"A": [[1.0, 2.0, 3.0]]})],
        python_only=[("1-D", {"A": [1.0, 2.0]})],
    )
)

_LU_ERRORS: list[Case] = [
    ("not square", {"A": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}),
    ("empty", {"A": np.zeros((0, 0))}),
    ("NaN entry", {"A": [[1.0, math.nan], [0.0, 1.0]]}),
    ("inf entry", {"A": [[math.inf, 0.0], [0.0, 1.0]]}),
]


register(
    Check(
        "det",
        "2·(n·ρ·γₙ·σ₁·σ₁⋯σₙ₋₁ + (γₙ + nε)·|det|)",
        lambda rng: _square_cases(
            rng,
            [
                ("worked example", {"A": M2A}),
                ("singular", {"A": [[1.0, 2.0], [2.0, 4.0]]}),
                ("identity", {"A": np.eye(3)}),
                ("zero", {"A": np.zeros((3, 3))}),
            ],
        ),
        bound=lambda a, r: tol.det_bound(a["A"]),
        errors=list(_LU_ERRORS),
        python_only=[("1-D", {"A": [1.0, 2.0]})],
    )
)


def _solve_ratio(args: Args, ref: Any, go: Any) -> float:
    b = tol.solve_bound(args["A"], ref)
    d = np.asarray(ref, dtype=np.float64) - np.asarray(go, dtype=np.float64)
    diff = float(np.linalg.norm(d.reshape(d.shape[0], -1), 2)) if d.size else 0.0
    if diff == 0:
        return 0.0
    return diff / b if b > 0 else math.inf


register(
    Check(
        "inv",
        "‖Δ‖₂ ≤ 2·κ·(nργₙ + γₙ)·‖A⁻¹‖₂",
        lambda rng: _square_cases(rng, [("worked example", {"A": M2A}), ("identity", {"A": np.eye(3)})]),
        bound=lambda a, r: tol.solve_bound(a["A"], r),
        compare=_solve_ratio,
        errors=[
            *_LU_ERRORS,
            ("singular", {"A": [[1.0, 2.0], [2.0, 4.0]]}),
            ("zero", {"A": np.zeros((2, 2))}),
        ],
        python_only=[("1-D", {"A": [1.0, 2.0]})],
    )
)


def _solve_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"A": [[3.0, 1.0], [1.0, 2.0]], "b": [9.0, 8.0]}),
        ("several right-hand sides", {"A": M2A, "b": np.eye(2)}),
    ]
    for label, a in _square_cases(rng, []):
        n = np.shape(a["A"])[0]
        cases.append((label, {"A": a["A"], "b": normal(rng, n)}))
        cases.append((label + ", k=3", {"A": a["A"], "b": normal(rng, n, 3)}))
    return cases


register(
    Check(
        "solve",
        "‖Δ‖₂ ≤ 2·κ·(nργₙ + γₙ)·‖x‖₂",
        _solve_cases,
        bound=lambda a, r: tol.solve_bound(a["A"], r),
        compare=_solve_ratio,
        errors=[
            ("A not square", {"A": [[1.0, 2.0]], "b": [1.0]}),
            ("b rows differ", {"A": M2A, "b": [1.0, 2.0, 3.0]}),
            ("empty", {"A": np.zeros((0, 0)), "b": np.zeros(0)}),
            ("NaN in A", {"A": [[math.nan, 0.0], [0.0, 1.0]], "b": [1.0, 1.0]}),
            ("inf in b", {"A": M2A, "b": [1.0, math.inf]}),
            ("singular", {"A": [[1.0, 2.0], [2.0, 4.0]], "b": [1.0, 1.0]}),
        ],
        python_only=[("3-D b", {"A": M2A, "b": np.zeros((2, 1, 1))})],
    )
)


# ---- running --------------------------------------------------------------------


@dataclass
class Row:
    """One line of the parity report."""

    op: str
    cases: int
    errors: int
    worst: float
    worst_case: str
    rule: str
    failures: list[str]

    @property
    def ok(self) -> bool:
        return not self.failures


def outcome(module: ModuleType, op: str, args: Args) -> tuple[Any, BaseException | None]:
    """Call ``module.op(**args)``; return its result or the exception it raised."""
    try:
        # Overflow and NaN are results here, not events: numpy's warnings are muted.
        with np.errstate(all="ignore"):
            return getattr(module, op)(**args), None
    except Exception as e:  # the outcome itself is what is compared
        return None, e


def same_error(a: BaseException | None, b: BaseException | None) -> bool:
    """Return whether two outcomes failed with the same class and message."""
    return a is not None and b is not None and type(a) is type(b) and str(a) == str(b)


def run_check(check: Check, ref: ModuleType, go: ModuleType, rng: np.random.Generator) -> Row:
    """Run one check's cases and error cases through both backends."""
    row = Row(check.op, 0, 0, 0.0, "", check.rule, [])
    for label, args in check.cases(rng):
        r, re = outcome(ref, check.op, args)
        g, ge = outcome(go, check.op, args)
        row.cases += 1
        if re is not None or ge is not None:
            if not same_error(re, ge):
                row.failures.append(f"{label}: ref {re!r} / go {ge!r}")
            continue
        q = check.ratio(args, r, g)
        if q > row.worst or not row.worst_case:
            row.worst, row.worst_case = q, label
        if not q <= 1.0:
            row.failures.append(f"{label}: |ref - go| is {q:.3g} x the bound")
    for label, args in check.errors + check.python_only:
        _, re = outcome(ref, check.op, args)
        _, ge = outcome(go, check.op, args)
        row.errors += 1
        if not same_error(re, ge):
            row.failures.append(f"{label}: ref raised {re!r}, go raised {ge!r}")
    return row


def run(ref: ModuleType, go: ModuleType, seed: int = 0, ops: Iterable[str] | None = None) -> list[Row]:
    """Run every check (or those named in ``ops``) with random cases from ``seed``."""
    names = list(ops) if ops else sorted(CHECKS)
    return [run_check(CHECKS[op], ref, go, rng_for(op, seed)) for op in names]


def rng_for(op: str, seed: int) -> np.random.Generator:
    """Return the generator of ``op``'s random cases: fixed by the seed and the name."""
    return np.random.default_rng([seed, zlib.crc32(op.encode())])
