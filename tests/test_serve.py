"""End to end: train in Python, save the model, serve it with twinmath-serve
(Go), and check that the service answers what Python computes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pytest
from test_model import edit_data, edit_header, put
from twinmath import LogisticModel
from twinmath.tolerances import logistic as tol

# It builds and runs the Go service from go/.
pytestmark = pytest.mark.source_tree

ROOT = Path(__file__).resolve().parent.parent


def go_tool() -> str:
    """The Go toolchain `make setup` chose, else the one on PATH."""
    chosen = ROOT / ".venv" / "go-path"
    if chosen.exists():
        return chosen.read_text().strip()
    found = shutil.which("go")
    if found is None:
        pytest.fail("no Go toolchain: run `make setup`")
    return found


@pytest.fixture(scope="module")
def serve_binary(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bin") / "twinmath-serve"
    env = {**os.environ, "GOTOOLCHAIN": "local", "GOFLAGS": "-buildvcs=false"}
    subprocess.run(
        [go_tool(), "build", "-o", str(out), "./cmd/twinmath-serve"], cwd=ROOT / "go", env=env, check=True
    )
    return out


class Service:
    """twinmath-serve on a free loopback port, stopped with SIGTERM."""

    def __init__(self, binary: Path, model: Path) -> None:
        self.proc = subprocess.Popen(
            [str(binary), "-model", str(model), "-addr", "127.0.0.1:0", "-timeout", "5s"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("listening on "):
            self.proc.kill()
            _, err = self.proc.communicate(timeout=10)
            raise AssertionError(f"twinmath-serve did not start: {line!r} {err}")
        self.url = line.split()[-1]

    def call(self, path: str, body: object | None = None) -> tuple[int, dict]:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method="GET" if data is None else "POST")
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return resp.status, json.load(resp)
        except urllib.error.HTTPError as e:
            return e.code, json.load(e)

    def stop(self) -> tuple[int, str]:
        self.proc.terminate()
        _, err = self.proc.communicate(timeout=15)
        return self.proc.returncode, err


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """The pipeline of docs/pipeline.md, saved: (model file, model, test rows, test labels)."""
    import twinmath

    tm = twinmath.backend("go")
    X, y = tm.make_classification(1000, 6, seed=7)
    X_train, X_test, y_train, y_test = tm.train_test_split(X, y, test_size=0.25, seed=7)
    Xn, mean, std = tm.zscore(X_train)
    w, b, _ = tm.logistic_regression(Xn, y_train, learning_rate=0.1, max_iter=300, seed=7)
    model = LogisticModel(w, b, mean, std)
    path = tmp_path_factory.mktemp("model") / "model.tm"
    tm.save_model(path, model)
    return path, model, X_test, y_test


def test_service_answers_as_python(ref, go, serve_binary, trained):
    path, model, X_test, y_test = trained
    svc = Service(serve_binary, path)
    try:
        status, health = svc.call("/healthz")
        assert status == 200 and health["status"] == "ok" and health["n_features"] == 6
        # The raw test rows: json.dumps writes each float64 as the shortest
        # text that reads back to it, so Go receives the same numbers.
        status, out = svc.call("/predict", {"rows": X_test.tolist()})
        assert status == 200, out
        served = np.array(out["probabilities"])
        labels = np.array(out["labels"], dtype=np.float64)
        z = (X_test - model.mean) / model.std
        # The same arithmetic as the Go backend: (x − mean)/std, the same
        # dot product, the same σ; bit for bit.
        assert np.array_equal(served, go.predict_proba(z, model.w, model.b))
        assert np.array_equal(labels, go.predict(z, model.w, model.b))
        # The reference sums the logits in numpy's order: within the bound.
        expected = ref.predict_proba(z, model.w, model.b)
        assert np.all(np.abs(served - expected) <= tol.proba_bound(z, model.w, model.b))
        assert np.mean(labels == y_test) > 0.85  # Φ(1.5) ≈ 0.933 is the best possible

        status, out = svc.call("/predict", {"rows": [[1.0, 2.0]]})
        assert status == 400 and out["error"] == "row 0 has 2 values, the model takes 6"
        status, out = svc.call("/predict", {"rows": [[float("nan")] * 6]})
        assert status == 400 and out["error"].startswith("malformed JSON")
    finally:
        code, err = svc.stop()
    assert code == 0, err
    assert "stopped" in err


def reshape(h: str) -> str:
    """w of 5 values and mean of 7: the same amount of data, shapes that do not fit."""
    return h.replace('"shape":[6]', '"shape":[5]', 1).replace('"shape":[6]', '"shape":[7]', 1)


BAD = {
    "truncated": (lambda g: g[:-8], "file is truncated"),
    "wrong version": (
        lambda g: edit_header(g, lambda h: h.replace('"version":1', '"version":7')),
        "format version 7 is not supported",
    ),
    "wrong checksum": (lambda g: g[:-1] + bytes([g[-1] ^ 0x40]), "checksum mismatch"),
    "shape mismatch": (lambda g: edit_header(g, reshape), "w has 5 values but mean and std have 7 and 6"),
    "NaN weights": (lambda g: edit_data(g, put(2, float("nan"))), "w contains NaN or Inf"),
}


@pytest.mark.parametrize("case", BAD)
def test_service_refuses_bad_model_files(ref, serve_binary, trained, tmp_path, case):
    good = trained[0].read_bytes()
    bad = tmp_path / "bad.tm"
    edit, reason = BAD[case]
    bad.write_bytes(edit(good))
    with pytest.raises(ValueError, match=reason) as e:
        ref.load_model(bad)
    proc = subprocess.run(
        [str(serve_binary), "-model", str(bad), "-addr", "127.0.0.1:0"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 1 and proc.stdout == ""
    # The service gives the reason Python gives.
    assert str(e.value) in proc.stderr
