"""Draw docs/img/normal.png: the standard normal density and CDF, from twinmath.go."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from figures import save
from twinmath import go as tm


def main() -> None:
    x = np.linspace(-4, 4, 401)
    low, high = -1.959963984540054, 1.959963984540054
    fig, (a, b) = plt.subplots(1, 2, figsize=(9, 3.2))
    pdf = tm.normal_pdf(x)
    a.plot(x, pdf, color="C0")
    band = (x >= low) & (x <= high)
    a.fill_between(x[band], pdf[band], alpha=0.25, color="C0", label="95% of the mass")
    a.set_title("normal_pdf(x)")
    a.legend(loc="upper right", fontsize=8)
    b.plot(x, tm.normal_cdf(x), color="C1")
    for v in tm.normal_cdf([low, high]):
        b.axhline(v, color="grey", lw=0.6, ls="--")
    b.set_title("normal_cdf(x): 0.025 and 0.975 at ∓1.96")
    for ax in (a, b):
        ax.set_xlabel("x")
        ax.grid(alpha=0.3)
    save(fig, "normal.png", dpi=110)


if __name__ == "__main__":
    main()
