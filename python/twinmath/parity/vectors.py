"""Parity checks of the vector operations."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import tolerances as tol
from .._front.vectors import norm_plan
from . import Args, Case, Check, normal, positional, register, sizes, special, wide
from .decomp import stacked_bound, stacks

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


def _elementwise(op: str, a: Any, b: Any) -> Check:
    """The check of add or subtract, with a and b as the worked example."""
    return Check(
        op,
        "bit for bit",
        lambda rng: _pairs(rng, [("worked example", {"a": a, "b": b})]),
        errors=_PAIR_ERRORS,
        python_only=_pair_python_only(),
    )


register(_elementwise("add", A3, B3))
register(_elementwise("subtract", B3, A3))


def _scale_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [("worked example", {"v": A3, "c": 2.0}), ("empty", {"v": [], "c": 3.0})]
    for n in sizes(rng, 8):
        cases.append((f"normal n={n}", {"v": normal(rng, n), "c": float(normal(rng))}))
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
        bound=lambda a, r: tol.vectors.dot_bound(a["a"], a["b"]),
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
    # The spectral norm, the largest singular value.
    cases += [
        ("matrix ord=2, diagonal", {"v": [[3.0, 0.0], [0.0, -4.0]], "ord": 2}),
        ("matrix ord=2, worked example", {"v": [[1.0, 2.0], [3.0, 4.0]], "ord": 2}),
        ("matrix ord=2, empty", {"v": np.zeros((0, 3)), "ord": 2}),
        ("matrix ord=2, nan", {"v": [[1.0, math.nan], [math.inf, 0.0]], "ord": 2}),
        ("matrix ord=2, inf", {"v": [[1.0, -math.inf]], "ord": 2}),
        ("matrix ord=2, huge", {"v": normal(rng, 3, 4) * 1e300, "ord": 2}),
        ("matrix ord=2, tiny", {"v": normal(rng, 4, 3) * 1e-300, "ord": 2}),
    ]
    for m, k in ((5, 5), (7, 3), (2, 9)):
        cases.append((f"matrix {m}x{k} ord=2", {"v": normal(rng, m, k), "ord": 2}))
    # numpy's other orders: any p for a vector, nuc, -1, -2, -inf for a matrix.
    for o in (3.0, -1.0, 0.0, -math.inf):
        cases.append((f"ord {o}", {"v": normal(rng, 6), "ord": o}))
    for mo in MATRIX_ORDERS[1:]:
        cases.append((f"matrix 4x3 ord={mo}", {"v": normal(rng, 4, 3), "ord": mo}))
    return cases


MATRIX_ORDERS: list[float | str] = ["fro", "nuc", 1.0, -1.0, 2.0, -2.0, math.inf, -math.inf]
VECTOR_ORDERS = [0.0, 0.5, 1.0, 2.0, 3.0, math.inf, -math.inf, -1.0, -2.5]


def _vector_norm_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"x": [3.0, -4.0]}),
        ("worked example, ord 0", {"x": [[1.0, 2.0], [0.0, 4.0]], "ord": 0.0}),
        ("worked example, ord -inf", {"x": [3.0, -4.0], "ord": -math.inf}),
        ("a zero entry, ord -1", {"x": [3.0, 0.0, 1.0], "ord": -1.0}),
        ("huge entries, ord 3", {"x": [1e300, 1e300], "ord": 3.0}),
        ("tiny entries, ord -1", {"x": [1e-300, 3e-300], "ord": -1.0}),
        ("an infinite entry, ord -2", {"x": [math.inf, 2.0, -4.0], "ord": -2.0}),
    ]
    for o in VECTOR_ORDERS:
        cases.append((f"empty, ord {o}", {"x": [], "ord": o}))
        for n in (1, 5, 17):
            cases.append((f"normal n={n}, ord {o}", {"x": normal(rng, n), "ord": o}))
        cases.append((f"wide n=9, ord {o}", {"x": wide(rng, 9), "ord": o}))
        cases.append((f"nan/inf, ord {o}", {"x": special(rng, 7), "ord": o}))
        cases.append((f"3x4 as one vector, ord {o}", {"x": normal(rng, 3, 4), "ord": o}))
        # Lanes along one axis (numpy's axis=k): each as the vector alone.
        for axis in (0, -1):
            cases.append(
                (f"(2, 3, 4), axis {axis}, ord {o}", {"x": normal(rng, 2, 3, 4), "ord": o, "axis": axis})
            )
        cases.append(
            (
                f"(3, 4), axis 1, ord {o}, keepdims",
                {"x": normal(rng, 3, 4), "ord": o, "axis": 1, "keepdims": True},
            )
        )
    cases.append(("no lanes, axis 0", {"x": np.zeros((0, 3)), "axis": 0}))
    cases.append(("empty lanes, axis 0, ord -1", {"x": np.zeros((0, 3)), "axis": 0, "ord": -1.0}))
    return cases


def _vector_norm_bound(args: Args, r: Any) -> Any:
    """``norm_bound`` of the whole vector, or of each lane along ``axis``."""
    o = args.get("ord", 2.0)
    if "axis" not in args:
        return tol.vectors.norm_bound(np.ravel(args["x"]), o)
    lanes = np.moveaxis(np.asarray(args["x"], dtype=np.float64), int(args["axis"]), -1)
    rows = lanes.reshape(math.prod(lanes.shape[:-1]), lanes.shape[-1])
    return np.array([tol.vectors.norm_bound(row, o) for row in rows]).reshape(np.shape(r))


register(
    Check(
        "vector_norm",
        "as norm for 1, 2, inf; exact for 0, −inf; else 2·((γₙ + |p|u + 8u)/|p| + 9u)·‖x‖ₚ",
        _vector_norm_cases,
        bound=_vector_norm_bound,
        errors=[("ord nan", {"x": [1.0, 2.0], "ord": math.nan})],
        python_only=[
            ("ord fro", {"x": [1.0, 2.0], "ord": "fro"}),
            ("axis 2 of a 2-D x", {"x": [[1.0, 2.0]], "axis": 2}),
            ("axes repeated", {"x": [[1.0, 2.0]], "axis": (0, -2)}),
            ("axis 1.0", {"x": [[1.0, 2.0]], "axis": 1.0}),
        ],
        call=positional("vector_norm", "x"),
    )
)


def _matrix_norm_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example, ord 1", {"x": [[1.0, 2.0], [3.0, 4.0]], "ord": 1.0}),
        ("worked example, ord nuc", {"x": [[3.0, 0.0], [0.0, -4.0]], "ord": "nuc"}),
        ("default ord: fro", {"x": [[1.0, 2.0], [3.0, 4.0]]}),
    ]
    for o in MATRIX_ORDERS:
        for m, k in ((1, 1), (3, 3), (5, 2), (4, 7)):
            cases.append((f"normal {m}x{k}, ord {o}", {"x": normal(rng, m, k), "ord": o}))
        cases.append((f"empty 0x3, ord {o}", {"x": np.zeros((0, 3)), "ord": o}))
        cases.append((f"nan, ord {o}", {"x": [[1.0, math.nan], [2.0, 0.0]], "ord": o}))
        cases.append((f"inf, ord {o}", {"x": [[1.0, -math.inf], [2.0, 0.0]], "ord": o}))
        cases.append((f"scaled 1e300, ord {o}", {"x": normal(rng, 3, 4) * 1e300, "ord": o}))
        # Stacks: each matrix as the single call, judged with its bound.
        cases += [(f"{label}, ord {o}", {**a, "ord": o}) for label, a in stacks(rng, "x", [(3, 3), (2, 4)])]
    return cases


register(
    Check(
        "matrix_norm",
        "as norm: 2e (svd_error) for ±2, k·2e + 2γₖΣσ for nuc, sums for ±1 and ±inf",
        _matrix_norm_cases,
        bound=stacked_bound(lambda a, r: tol.vectors.norm_bound(a["x"], a.get("ord", "fro")), "x"),
        python_only=[
            ("ord 0", {"x": [[1.0]], "ord": 0.0}),
            ("ord 3", {"x": [[1.0]], "ord": 3.0}),
            ("1-D", {"x": [1.0, 2.0]}),
        ],
        call=positional("matrix_norm", "x"),
    )
)


def _cross_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [("worked example", {"x1": A3, "x2": B3})]
    for k in range(6):
        cases.append((f"normal {k}", {"x1": normal(rng, 3), "x2": normal(rng, 3)}))
        cases.append((f"wide {k}", {"x1": wide(rng, 3), "x2": wide(rng, 3)}))
    cases.append(("nan/inf", {"x1": special(rng, 3), "x2": special(rng, 3)}))
    # Stacks (numpy.linalg.cross): the vectors along axis, the rest broadcast.
    cases += [
        ("stack (4, 3) x (4, 3)", {"x1": normal(rng, 4, 3), "x2": normal(rng, 4, 3)}),
        ("stack (2, 4, 3) x one vector", {"x1": normal(rng, 2, 4, 3), "x2": normal(rng, 3)}),
        ("one vector x stack (5, 3)", {"x1": normal(rng, 3), "x2": wide(rng, 5, 3)}),
        ("broadcast (2, 1, 3) x (5, 3)", {"x1": normal(rng, 2, 1, 3), "x2": normal(rng, 5, 3)}),
        ("axis 0: (3, 4) x (3, 4)", {"x1": normal(rng, 3, 4), "x2": normal(rng, 3, 4), "axis": 0}),
        ("axis 0: one vector x (3, 4)", {"x1": normal(rng, 3), "x2": normal(rng, 3, 4), "axis": 0}),
        ("axis -2: (3, 5) x (2, 3, 5)", {"x1": normal(rng, 3, 5), "x2": normal(rng, 2, 3, 5), "axis": -2}),
        (
            "axis 1: (2, 3, 4) x (2, 3, 4)",
            {"x1": normal(rng, 2, 3, 4), "x2": normal(rng, 2, 3, 4), "axis": 1},
        ),
        (
            "nan/inf stack (4, 3)",
            {"x1": special(rng, 12).reshape(4, 3), "x2": special(rng, 12).reshape(4, 3)},
        ),
        ("empty stack (0, 3) x one vector", {"x1": np.zeros((0, 3)), "x2": B3}),
        ("empty stack (1, 3) x (2, 0, 3)", {"x1": normal(rng, 1, 3), "x2": np.zeros((2, 0, 3))}),
    ]
    return cases


register(
    Check(
        "cross",
        "bit for bit",
        _cross_cases,
        errors=[
            ("x1 of 2 entries", {"x1": [1.0, 2.0], "x2": B3}),
            ("x2 of 4 entries", {"x1": A3, "x2": [1.0, 2.0, 3.0, 4.0]}),
            ("stacked x1 of 2 entries", {"x1": np.zeros((4, 2)), "x2": np.zeros((4, 3))}),
            ("stacked x2 of 2 entries, axis 0", {"x1": np.zeros((3, 2)), "x2": np.zeros((2, 2)), "axis": 0}),
        ],
        python_only=[
            ("axis 1 of a vector", {"x1": A3, "x2": B3, "axis": 1}),
            ("axis -3 of (2, 3)", {"x1": np.zeros((2, 3)), "x2": np.zeros((3, 2, 3)), "axis": -3}),
            ("0-D x1", {"x1": 1.0, "x2": B3}),
            ("stacks that do not broadcast", {"x1": np.zeros((2, 3)), "x2": np.zeros((3, 3))}),
            ("axis 0.0", {"x1": A3, "x2": B3, "axis": 0.0}),
            ("complex x1", {"x1": [1j, 2.0, 3.0], "x2": B3}),
        ],
        call=positional("cross", "x1", "x2"),
    )
)


def _norm_args(args: Args) -> Args:
    """``norm``'s arguments with an ``axis`` pair read back from a vector file (floats) as integers."""
    axis = args.get("axis")
    if isinstance(axis, np.ndarray) and axis.dtype.kind == "f":
        return {**args, "axis": tuple(int(k) for k in axis)}
    return args


def _norm_call(module: Any, args: Args) -> Any:
    return module.norm(**_norm_args(args))


def _norm_bound(args: Args, r: Any) -> Any:
    """``norm_bound`` for each norm taken: one, or one per lane along an axis."""
    if "axis" not in args:
        return tol.vectors.norm_bound(args["v"], args["ord"])
    a = _norm_args(args)
    p = norm_plan(a["v"], a["ord"], a["axis"], a.get("keepdims", False))
    if p.kind == "stack":
        return np.array([tol.vectors.norm_bound(m, p.ord) for m in p.x]).reshape(np.shape(r))
    if p.kind != "axis":
        b = tol.vectors.norm_bound(p.x, p.ord)
        return b if np.ndim(r) == 0 else np.full(np.shape(r), b)
    lanes = np.moveaxis(p.x, p.axis, -1)
    rows = lanes.reshape(math.prod(lanes.shape[:-1]), lanes.shape[-1])
    return np.array([tol.vectors.norm_bound(row, p.ord) for row in rows]).reshape(np.shape(r))


def _norm_axis_cases(rng: np.random.Generator) -> list[Case]:
    x = normal(rng, 3, 4, 5)
    m = normal(rng, 4, 6)
    cases: list[Case] = [
        ("columns of a matrix, axis 0", {"v": [[3.0, 0.0], [4.0, -1.0]], "ord": 2, "axis": 0}),
        ("rows, ord 1, keepdims", {"v": [[3.0, 0.0], [4.0, -1.0]], "ord": 1, "axis": 1, "keepdims": True}),
        ("a vector, axis 0: one norm", {"v": [3.0, 4.0], "ord": 2, "axis": 0}),
        ("a vector, axis -1, keepdims", {"v": [3.0, 4.0], "ord": 2, "axis": -1, "keepdims": True}),
        ("empty lanes", {"v": np.zeros((2, 0)), "ord": 2, "axis": 1}),
        ("no lanes", {"v": np.zeros((2, 0)), "ord": 2, "axis": 0}),
        ("lanes with nan and inf", {"v": special(rng, 12).reshape(3, 4), "ord": 2, "axis": 1}),
    ]
    for o in (2, 1, math.inf, -math.inf, 0, -1, 3, 0.5, -2):
        for axis in (0, 1, 2, -1):
            cases.append((f"(3, 4, 5), axis {axis}, ord {o}", {"v": x, "ord": o, "axis": axis}))
        cases.append(
            (f"(3, 4, 5), axis 1, ord {o}, keepdims", {"v": x, "ord": o, "axis": 1, "keepdims": True})
        )
        cases.append((f"wide (4, 6), axis 1, ord {o}", {"v": wide(rng, 4, 6), "ord": o, "axis": 1}))
    t = normal(rng, 2, 3, 4)
    for mo in ("fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf):
        # numpy's stacked matrices: each matrix of the pair's axes, as matrix_norm.
        for axes in ((1, 2), (2, 0), (-1, -3)):
            cases.append((f"(2, 3, 4), axis {axes}, ord {mo}", {"v": t, "ord": mo, "axis": np.array(axes)}))
        cases.append(
            (
                f"(2, 3, 4), axis (0, 1), ord {mo}, keepdims",
                {"v": t, "ord": mo, "axis": np.array((0, 1)), "keepdims": True},
            )
        )
        for axes in ((0, 1), (1, 0), (-1, -2)):
            cases.append((f"4x6, axis {axes}, ord {mo}", {"v": m, "ord": mo, "axis": np.array(axes)}))
        cases.append(
            (
                f"4x6, axis (1, 0), ord {mo}, keepdims",
                {"v": m, "ord": mo, "axis": np.array((1, 0)), "keepdims": True},
            )
        )
    return cases


register(
    Check(
        "norm",
        "(γₙ + 8u)·‖v‖ for 2/fro; 2·γₙ·Σ|vᵢ| for 1; exact for ±inf, 0; 2e for ±2; else as vector_norm",
        lambda rng: _norm_cases(rng) + _norm_axis_cases(rng),
        bound=_norm_bound,
        call=_norm_call,
        errors=[
            ("ord 0 for a matrix", {"v": [[1.0]], "ord": 0}),
            ("ord 3 for a matrix", {"v": [[1.0]], "ord": 3}),
            ("axis out of bounds", {"v": np.zeros((2, 3)), "ord": 2, "axis": 2}),
            ("ord nan along an axis", {"v": np.zeros((2, 3)), "ord": math.nan, "axis": 0}),
        ],
        python_only=[
            ("ord fro along an axis", {"v": np.zeros((2, 3)), "ord": "fro", "axis": 0}),
            ("duplicate axes", {"v": np.zeros((2, 3)), "ord": 2, "axis": np.array((1, -1))}),
            ("three axes", {"v": np.zeros((2, 3, 4)), "ord": 2, "axis": np.array((0, 1, 2))}),
            ("ord 3 for a pair of axes", {"v": np.zeros((2, 3)), "ord": 3, "axis": np.array((0, 1))}),
            ("axis 1.0", {"v": np.zeros((2, 3)), "ord": 2, "axis": 1.0}),
            ("keepdims 1", {"v": np.zeros((2, 3)), "ord": 2, "axis": 0, "keepdims": 1}),
            ("ord nan for a vector", {"v": [1.0], "ord": math.nan}),
            ("ord fro for a vector", {"v": [1.0, 2.0], "ord": "fro"}),
            ("unknown ord", {"v": [[1.0]], "ord": "euclid"}),
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
        bound=lambda a, r: tol.vectors.cosine_bound(a["a"]),
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
        bound=lambda a, r: tol.vectors.project_bound(a["a"], a["onto"]),
        errors=[("lengths differ", {"a": [1.0, 2.0, 3.0], "onto": [1.0, 2.0]})],
        python_only=_pair_python_only("onto"),
    )
)
