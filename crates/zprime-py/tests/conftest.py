"""Shared fixtures: the repository root and, where it has been built, the `zprime` binary
(the bindings' dicts and tables are compared with the CLI's output)."""

from __future__ import annotations

import os
import pathlib
import shutil

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def repo() -> pathlib.Path:
    return REPO


@pytest.fixture(scope="session")
def cli() -> str:
    """The `zprime` binary of this checkout (target/debug or target/release, as `cargo
    test --workspace` or `cargo build` leave it; ZPRIME_BIN overrides); skips without."""
    given = os.environ.get("ZPRIME_BIN")
    candidates = [given] if given else []
    candidates += [str(REPO / "target" / p / "zprime") for p in ("release", "debug")]
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    found = shutil.which("zprime")
    if found:
        return found
    pytest.skip("no zprime binary built (cargo build -p zprime-cli)")
