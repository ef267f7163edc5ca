"""Fixtures and hypothesis profiles of the parity suite.

Profiles: "ci" (chosen when CI=true) runs a fixed, derandomized set of
examples so that a CI run is repeatable; "dev" (the default) draws new
examples each run and remembers failing ones in .hypothesis/. Pick another
with HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import twinmath
from hypothesis import HealthCheck, settings
from twinmath.go import _native

sys.path.insert(0, str(Path(__file__).resolve().parent))

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") == "true" else "dev"))


# The suite also runs against an installed twinmath, from a copy of tests/
# alone (tests/test_wheel.py); the tests marked source_tree read the checkout
# (go/, bindings/, docs/, .venv) and are skipped there.
SOURCE_TREE = (Path(__file__).resolve().parent.parent / "go" / "go.mod").is_file()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "source_tree: reads the checkout (go/, bindings/, docs/); skipped for an installed twinmath",
    )
    if not _native.available():
        raise pytest.UsageError("the native library is not built: run `make test`, which builds it")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SOURCE_TREE:
        return
    why = "needs the source tree (go/, bindings/, docs/): this run tests an installed twinmath"
    skip = pytest.mark.skip(reason=why)
    for item in items:
        if item.get_closest_marker("source_tree"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def ref() -> ModuleType:
    return twinmath.backend("ref")


@pytest.fixture(scope="session")
def go() -> ModuleType:
    return twinmath.backend("go")


@pytest.fixture(autouse=True)
def _quiet_numpy():
    # Overflow and NaN are results the tests compare, not events to warn of.
    with np.errstate(all="ignore"):
        yield
