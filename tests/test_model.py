"""Model files: both backends write the same bytes for the same model, read
each other's files, and reject the same bad files with the same message."""

from __future__ import annotations

import hashlib
import json
import struct

import numpy as np
import pytest
import twinmath
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from twinmath import LogisticModel, MLPModel

LOGISTIC = LogisticModel(
    np.array([0.5, -1.25, 2.0]), 0.125, np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.5, 4.0])
)
MLP = MLPModel(
    np.array([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]),
    np.array([0.0, 0.1, -0.1]),
    np.array([[1.0], [-1.0], [0.5]]),
    np.array([0.25]),
    np.array([0.5, -0.5]),
    np.array([2.0, 3.0]),
)


def write(tm, model, tmp_path, name="m.tm") -> bytes:
    path = tmp_path / name
    tm.save_model(path, model)
    return path.read_bytes()


def same(a, b) -> None:
    assert type(a) is type(b)
    for x, y in zip(a, b, strict=True):
        if isinstance(x, str):
            assert x == y
        else:
            assert np.array_equal(x, y) and np.asarray(x).dtype == np.asarray(y).dtype


@pytest.mark.parametrize("model", [LOGISTIC, MLP], ids=["logistic", "mlp"])
def test_same_bytes_and_read_each_other(ref, go, model, tmp_path):
    r, g = write(ref, model, tmp_path, "r.tm"), write(go, model, tmp_path, "g.tm")
    assert r == g
    assert len(r) % 8 == 0 and r[:8] == b"TWINMATH"
    for reader in (ref, go):
        for path in (tmp_path / "r.tm", tmp_path / "g.tm"):
            same(reader.load_model(path), model)


def test_the_format_as_documented(ref, tmp_path):
    data = write(ref, LOGISTIC, tmp_path)
    (hlen,) = struct.unpack_from("<I", data, 8)
    header = json.loads(data[12 : 12 + hlen])
    body = data[12 + hlen :]
    assert header == {
        "version": 1,
        "kind": "logistic_regression",
        "activation": "sigmoid",
        "arrays": [
            {"name": "w", "shape": [3]},
            {"name": "b", "shape": []},
            {"name": "mean", "shape": [3]},
            {"name": "std", "shape": [3]},
        ],
        "checksum": "sha256:" + hashlib.sha256(body).hexdigest(),
    }
    values = np.frombuffer(body, "<f8")
    assert values.tolist() == [*LOGISTIC.w, LOGISTIC.b, *LOGISTIC.mean, *LOGISTIC.std]


def edit_header(data: bytes, edit) -> bytes:
    (hlen,) = struct.unpack_from("<I", data, 8)
    text = edit(data[12 : 12 + hlen].decode().rstrip(" ")).encode()
    text += b" " * (-(12 + len(text)) % 8)
    return data[:8] + struct.pack("<I", len(text)) + text + data[12 + hlen :]


def edit_data(data: bytes, edit) -> bytes:
    """The file with its data edited and the checksum of the new data."""
    (hlen,) = struct.unpack_from("<I", data, 8)
    old = data[12 + hlen :]
    new = bytearray(old)
    edit(new)
    out = edit_header(
        data, lambda h: h.replace(hashlib.sha256(old).hexdigest(), hashlib.sha256(new).hexdigest())
    )
    return out[: len(out) - len(old)] + bytes(new)


def header_replace(old: str, new: str, count: int = -1):
    """An edit of a model file's bytes that replaces old by new in its header."""
    return lambda g, m: edit_header(g, lambda h: h.replace(old, new, count))


def put(i: int, value: float):
    def edit(d: bytearray) -> None:
        d[8 * i : 8 * i + 8] = struct.pack("<d", value)

    return edit


BAD_FILES = {
    "empty": (lambda g, m: b"", "file is truncated: 0 bytes, a model file has at least 12"),
    "magic": (
        lambda g, m: b"twinmath" + g[8:],
        "not a twinmath model file (it does not start with TWINMATH)",
    ),
    "header cut": (lambda g, m: g[:40], "file is truncated: 40 bytes, the header alone needs "),
    "truncated": (lambda g, m: g[:-8], "file is truncated: 72 bytes of data, the header describes more"),
    "trailing": (
        lambda g, m: g + bytes(8),
        "file has trailing data: 88 bytes of data, the header describes 80",
    ),
    "not json": (lambda g, m: edit_header(g, lambda h: h[1:]), "the header is not a JSON object"),
    "nan in header": (header_replace('"version":1', '"version":NaN'), "the header is not a JSON object"),
    "wrong version": (
        header_replace('"version":1', '"version":2'),
        "format version 2 is not supported (this library reads version 1)",
    ),
    "version 1.0": (header_replace('"version":1', '"version":1.0'), "the header has no integer version"),
    "kind": (header_replace("logistic_regression", "svm"), "kind must be logistic_regression or mlp"),
    "activation": (header_replace("sigmoid", "relu"), "activation must be sigmoid"),
    "arrays": (
        header_replace('"shape":[3]', '"shape":[0]', 1),
        "arrays must be w (rank 1), b (rank 0), mean (rank 1), std (rank 1), "
        "in that order, with positive sizes",
    ),
    "wrong checksum": (
        lambda g, m: g[:-1] + bytes([g[-1] ^ 1]),
        "checksum mismatch: the data is not what was written",
    ),
    "checksum form": (
        header_replace("sha256:", "SHA256:"),
        "checksum must be sha256: and 64 lowercase hex digits",
    ),
    "shape mismatch": (
        lambda g, m: edit_data(
            edit_header(
                m,
                lambda h: h.replace('"shape":[3]', '"shape":[2]', 1).replace(
                    '"shape":[3,1]', '"shape":[4,1]'
                ),
            ),
            lambda d: None,
        ),
        "W1 has 3 columns but b1 has 2 values",
    ),
    "nan weights": (lambda g, m: edit_data(g, put(1, float("nan"))), "w contains NaN or Inf"),
    "inf bias": (lambda g, m: edit_data(g, put(3, float("-inf"))), "b contains NaN or Inf"),
    "zero std": (lambda g, m: edit_data(g, put(7, 0.0)), "std must be positive, got 0.0"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_same_error(ref, go, case, tmp_path):
    make, message = BAD_FILES[case]
    bad = make(write(ref, LOGISTIC, tmp_path, "l.tm"), write(ref, MLP, tmp_path, "n.tm"))
    path = tmp_path / "bad.tm"
    path.write_bytes(bad)
    errors = []
    for tm in (ref, go):
        with pytest.raises(ValueError) as e:
            tm.load_model(path)
        assert type(e.value) is ValueError
        errors.append(str(e.value))
    assert errors[0] == errors[1]
    assert errors[0].startswith("load_model: invalid input: " + message)


BAD_MODELS = {
    "short std": (
        LOGISTIC._replace(std=LOGISTIC.std[:2]),
        twinmath.ShapeError,
        "w has 3 values but mean and std have 3 and 2",
    ),
    "b1": (MLP._replace(b1=np.zeros(2)), twinmath.ShapeError, "W1 has 3 columns but b1 has 2 values"),
    "W2": (MLP._replace(W2=np.zeros((2, 1))), twinmath.ShapeError, "W1 has 3 columns but W2 has 2 rows"),
    "b2": (MLP._replace(b2=np.zeros(2)), twinmath.ShapeError, "W2 has 1 columns but b2 has 2 values"),
    "empty": (LogisticModel(np.zeros(0), 0.0, np.zeros(0), np.zeros(0)), ValueError, "w is empty"),
    "nan": (MLP._replace(W2=np.array([[1.0], [np.nan], [0.0]])), ValueError, "W2 contains NaN or Inf"),
    "std": (LOGISTIC._replace(std=np.array([1.0, -2.0, 0.0])), ValueError, "std must be positive, got -2.0"),
    "activation": (MLP._replace(activation="tanh"), ValueError, "activation must be sigmoid"),
    "w 2-D": (LOGISTIC._replace(w=np.zeros((3, 1))), twinmath.ShapeError, "w must be 1-D, got shape (3, 1)"),
}


@pytest.mark.parametrize("case", BAD_MODELS)
def test_bad_models_same_error(ref, go, case, tmp_path):
    model, cls, message = BAD_MODELS[case]
    errors = []
    for tm in (ref, go):
        with pytest.raises(cls) as e:
            tm.save_model(tmp_path / "m.tm", model)
        assert type(e.value) is cls
        errors.append(str(e.value))
    assert not (tmp_path / "m.tm").exists()
    assert errors[0] == errors[1] and errors[0].endswith(message)


@pytest.mark.parametrize("backend", ["ref", "go"])
def test_not_a_model(backend, tmp_path):
    with pytest.raises(TypeError, match="model must be a LogisticModel or an MLPModel, got tuple"):
        twinmath.backend(backend).save_model(tmp_path / "m.tm", (1.0, 2.0))


def test_trained_model_round_trip(ref, go, tmp_path):
    # The pipeline's own numbers: z-scores of the training split, then the fit.
    X, y = ref.make_classification(200, 4, seed=3)
    X_train, X_test, y_train, _ = ref.train_test_split(X, y, seed=3)
    Xn, mean, std = ref.zscore(X_train)
    w, b, _ = go.logistic_regression(Xn, y_train, learning_rate=0.1, max_iter=200)
    model = LogisticModel(w, b, mean, std)
    assert write(ref, model, tmp_path, "r.tm") == write(go, model, tmp_path, "g.tm")
    loaded = go.load_model(tmp_path / "r.tm")
    z = (X_test - loaded.mean) / loaded.std
    assert np.array_equal(
        go.predict_proba(z, loaded.w, loaded.b), go.predict_proba((X_test - mean) / std, w, b)
    )


# Every finite float64, subnormals and -0.0 included: the file holds the bits.
finite = st.floats(allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=5e-324, allow_infinity=False)


@st.composite
def models(draw: st.DrawFn) -> LogisticModel | MLPModel:
    d = draw(st.integers(1, 5))
    mean, std = (
        draw(hnp.arrays(np.float64, d, elements=finite)),
        draw(hnp.arrays(np.float64, d, elements=positive)),
    )
    if draw(st.booleans()):
        return LogisticModel(draw(hnp.arrays(np.float64, d, elements=finite)), draw(finite), mean, std)
    h, k = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    W1, b1, W2, b2 = (draw(hnp.arrays(np.float64, s, elements=finite)) for s in ((d, h), h, (h, k), k))
    return MLPModel(W1, b1, W2, b2, mean, std)


@settings(max_examples=40, deadline=None)
@given(model=models())
def test_any_model_same_bytes_and_bits(ref, go, model, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("m")
    r, g = write(ref, model, tmp, "r.tm"), write(go, model, tmp, "g.tm")
    assert r == g
    for tm in (ref, go):
        loaded = tm.load_model(tmp / "r.tm")
        for x, y in zip(loaded, model, strict=True):
            if not isinstance(x, str):
                assert np.asarray(x).tobytes() == np.asarray(y, dtype=np.float64).tobytes()


def test_c_contract(go, tmp_path):
    # The C layer's own checks, which the Python wrapper never triggers.
    from twinmath.go import _native as n

    s = n.scratch()
    kind, dims = n.ffi.new("int *"), n.ffi.new("int64_t[3]")
    assert n.lib.tm_load_model_dims(n.ffi.NULL, 5, kind, dims, s.err, n.ERRLEN) == 5
    assert b"NULL pointer" in n.ffi.string(s.err)
    assert n.lib.tm_load_model_dims(b"TWINMATH", -1, kind, dims, s.err, n.ERRLEN) == 5
    data = write(go, LOGISTIC, tmp_path)
    assert n.lib.tm_load_model_dims(data, len(data), kind, dims, s.err, n.ERRLEN) == 0
    assert (kind[0], list(dims)) == (1, [3, 1, 1])
    w, one = np.ascontiguousarray(LOGISTIC.w), np.array([LOGISTIC.b])
    dst, length = n.ffi.new("uint8_t[]", 16), n.ffi.new("int64_t *")
    args = (n.ffi.from_buffer("double[]", w), 3, 1, n.ffi.from_buffer("double[]", one), 1)
    rest = (n.ffi.NULL, 0, 0, n.ffi.NULL, 0, args[0], 3, args[0], 3, b"sigmoid")
    assert n.lib.tm_save_model(7, *args, *rest, dst, 16, length, s.err, n.ERRLEN) == 5
    assert n.ffi.string(s.err) == b"save_model: invalid input: unknown model kind 7"
    # mean = std = w here: a std of -1.25 is refused before the size matters.
    assert n.lib.tm_save_model(1, *args, *rest, dst, 16, length, s.err, n.ERRLEN) == 5
    pos = n.ffi.from_buffer("double[]", np.array([1.0, 2.0, 3.0]))
    rest = (*rest[:5], pos, 3, pos, 3, b"sigmoid")
    assert n.lib.tm_save_model(1, *args, *rest, dst, 16, length, s.err, n.ERRLEN) == 1
    assert b"dst only 16" in n.ffi.string(s.err)
