"""Draw the pictures of docs/pipeline.md from twinmath's own output.

Runs the pipeline of the page (1000 samples, 2 features, seed 42) through
both backends and writes

- docs/img/pipeline-boundary.png: the standardised test points, coloured by class, and the
  decision boundary w·x + b = 0 of each backend's model;
- docs/img/pipeline-loss.png: the training loss per iteration, both backends.

Run with ``make docs`` (which installs matplotlib).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from figures import IMG, save
from twinmath import go, ref
from twinmath.parity.logistic import PIPELINE, pipeline_stages


def main() -> None:
    runs = {"twinmath.ref": pipeline_stages(ref, PIPELINE), "twinmath.go": pipeline_stages(go, PIPELINE)}
    s = runs["twinmath.ref"]
    X, y = s["X_test"], s["y_test"]

    fig, ax = plt.subplots(figsize=(6, 5))
    for label, colour in ((0.0, "tab:blue"), (1.0, "tab:orange")):
        pts = X[y == label]
        ax.scatter(pts[:, 0], pts[:, 1], s=12, c=colour, alpha=0.7, label=f"class {int(label)} (test)")
    xs = np.linspace(X[:, 0].min(), X[:, 0].max(), 2)
    for (name, run), style in zip(runs.items(), ("-", "--"), strict=True):
        w, b = run["w"], run["b"]
        ax.plot(xs, -(w[0] * xs + b) / w[1], "k" + style, lw=1.5, label=f"w·x + b = 0 ({name})")
    acc = s["accuracy"]
    ax.set_title(f"Decision boundary, test accuracy {acc:.3f} (both backends)")
    ax.set_xlabel("feature 1 (z-score)")
    ax.set_ylabel("feature 2 (z-score)")
    ax.set_ylim(X[:, 1].min() - 0.5, X[:, 1].max() + 0.5)
    ax.legend(loc="best", fontsize=8)
    save(fig, "pipeline-boundary.png", dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 3.5))
    for (name, run), style in zip(runs.items(), ("-", "--"), strict=True):
        ax.plot(run["losses"], "k" + style if name == "twinmath.go" else style, lw=1.5, label=name)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cross-entropy loss")
    ax.set_title("Gradient descent, learning rate 0.01")
    ax.legend()
    save(fig, "pipeline-loss.png", dpi=110)
    plt.close(fig)
    print(f"wrote {IMG / 'pipeline-boundary.png'} and {IMG / 'pipeline-loss.png'}")


if __name__ == "__main__":
    main()
