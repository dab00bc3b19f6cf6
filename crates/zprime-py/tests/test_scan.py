"""zprime.scan: shards of a sampled scan tile the design, rows equal point reports; the
Dask example runs a scan on a LocalCluster (skipped where dask is not installed; .ci/run
installs it)."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

import zprime

PARAMS = {"mass": "1e-3:1", "g": "1e-5:1e-2"}


@pytest.fixture(scope="module")
def lmu():
    return zprime.Model("lmu-ltau")


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def test_shards_tile_the_scan(lmu):
    whole = zprime.scan(lmu, PARAMS, n=40, seed=3, observables=["Delta a_mu"], frame=False)
    assert list(whole)[:4] == ["index", "mass", "g", "Delta a_mu"]
    assert whole["index"] == list(range(40))
    assert any(c.startswith("status:") for c in whole) and list(whole)[-1] == "error"
    parts = [zprime.scan(lmu, PARAMS, n=40, seed=3, shard=(k, 3), observables=["Delta a_mu"],
                         frame=False) for k in (1, 2, 3)]
    for column in whole:
        joined = [v for p in parts for v in p[column]]
        assert all(same(a, b) for a, b in zip(joined, whole[column])), column
        assert len(joined) == 40


def test_rows_equal_points(lmu):
    df = zprime.scan(lmu, PARAMS, n=8, seed=0, observables=["Delta a_mu"],
                     constraints=False)
    assert list(df.columns) == ["index", "mass", "g", "Delta a_mu", "error"]
    for _, row in df.iterrows():
        expected = lmu.point(row["mass"], row["g"])["observables"]["Delta a_mu"]
        assert abs(row["Delta a_mu"] / expected - 1) < 1e-12


def test_fixed_coupling_and_grid():
    model = zprime.Model("lmu-ltau", g=1e-3)
    df = zprime.scan(model, {"mass": "0.01:1"}, method="grid", n=5, observables=["Delta a_mu"])
    assert len(df) == 5 and df["mass"].iloc[0] == 0.01 and df["mass"].iloc[-1] == 1.0


def test_scan_errors(lmu):
    with pytest.raises(ValueError, match="--shard"):
        zprime.scan(lmu, PARAMS, n=10, shard=(4, 3))
    with pytest.raises(ValueError, match="unknown scan method 'halton'"):
        zprime.scan(lmu, PARAMS, method="halton", n=10)
    with pytest.raises(ValueError, match="--param"):
        zprime.scan(lmu, {"mass": "1:0.1:cubic", "g": "1e-3"}, n=10)
    with pytest.raises(ValueError, match="unknown observable"):
        zprime.scan(lmu, PARAMS, n=10, observables=["nope"])


def test_dask_example(repo):
    pytest.importorskip("dask.distributed")
    run = subprocess.run([sys.executable, str(repo / "examples" / "python" / "dask_scan.py"),
                          "--shards", "4", "--n", "64", "--workers", "2"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "64 points from 4 shards" in run.stdout
