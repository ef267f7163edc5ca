"""The Go package as a Go user takes it: a fresh module that requires
github.com/twinmath/twinmath/go, builds and runs (with a replace, only
because the repository is not published yet)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from test_serve import go_tool

# It builds a module against go/ of the checkout.
pytestmark = pytest.mark.source_tree

ROOT = Path(__file__).resolve().parent.parent
MODULE = "github.com/twinmath/twinmath/go"

GO_MOD = f"""module example.com/consumer

go 1.22

require {MODULE} v0.0.0

replace {MODULE} => {ROOT / "go"}
"""

MAIN = """package main

import (
\t"bytes"
\t"fmt"

\t"MODULE"
)

func main() {
\td, _ := twinmath.Dot([]float64{1, 2, 3}, []float64{4, 5, 6})
\tvar file bytes.Buffer
\tm := &twinmath.LogisticModel{W: []float64{2, -1}, B: 0.5}
\tm.Mean, m.Std = []float64{10, 0}, []float64{5, 1}
\tif err := twinmath.SaveModel(&file, m); err != nil {
\t\tpanic(err)
\t}
\tloaded, err := twinmath.LoadModel(&file)
\tfmt.Println(d, loaded.NFeatures(), err)
}
""".replace("MODULE", MODULE)


def test_a_fresh_module_uses_the_package(tmp_path):
    (tmp_path / "go.mod").write_text(GO_MOD)
    (tmp_path / "main.go").write_text(MAIN)
    # GOPROXY=off: the package needs nothing from the network, and no go.sum:
    # it has no dependencies.
    env = {**os.environ, "GOTOOLCHAIN": "local", "GOFLAGS": "-buildvcs=false", "GOPROXY": "off"}
    run = subprocess.run([go_tool(), "run", "."], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "32 2 <nil>\n"
