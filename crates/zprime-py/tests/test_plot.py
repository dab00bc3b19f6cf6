"""The matplotlib helper draws the CLI's figure: one filled collection per filled layer,
the layers of limits_figure, log axes; and the main-plot example runs."""

from __future__ import annotations

import io
import subprocess
import sys

import numpy as np
import pytest

import zprime

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

import zprime.plot  # noqa: E402

FILLED = ("band", "excluded_above", "excluded_below")


@pytest.fixture(scope="module")
def limits():
    return zprime.Model("lmu-ltau").limits(points=60)


def test_figure_dict(limits):
    fig = zprime.plot.figure(limits)
    assert fig["log_x"] and fig["log_y"]
    assert fig["x_range"] == [1e-3, 100.0] and fig["y_range"][1] == 1.0
    assert fig["layers"] and fig["caption"]
    for layer in fig["layers"]:
        assert layer["colour"].startswith("#") and layer["kind"]
        assert isinstance(layer["x"], np.ndarray)
    # every constraint drawn with all_constraints
    assert len(zprime.plot.figure(limits, all_constraints=True)["layers"]) > len(fig["layers"])


def test_draw_counts_collections(limits):
    fig, ax = plt.subplots()
    out = zprime.plot.draw(ax, limits, title=True, legend=True)
    filled = [layer for layer in out["layers"] if layer["kind"] in FILLED]
    polys = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(polys) == len(filled) > 0
    assert len(out["artists"]) == len(out["layers"])
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert ax.get_xlim() == (1e-3, 100.0)
    labels = ax.get_legend_handles_labels()[1]
    assert any("NA64" in label for label in labels)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")  # renders every label (mathtext) without error
    assert buf.tell() > 10_000
    plt.close(fig)


def test_draw_model_and_report():
    model = zprime.Model("dark-photon")
    fig, ax = plt.subplots()
    out = zprime.plot.draw(ax, model, points=30, mass_range=(1e-2, 10.0), g_min=1e-6, g_max=1e-1)
    assert ax.get_ylim() == (1e-6, 1e-1) and ax.get_xlim() == (1e-2, 10.0)
    assert "ε" in ax.get_ylabel()
    report = model.limits_report(points=30)
    fig2, ax2 = plt.subplots()
    out2 = zprime.plot.draw(ax2, report, mass_range=(1e-2, 10.0), g_min=1e-6, g_max=1e-1)
    assert len(out2["layers"]) == len(out["layers"])
    plt.close("all")
    with pytest.raises(ValueError, match="expected a zprime.Model"):
        zprime.plot.draw(ax, 3)
    with pytest.raises(ValueError, match="g_min"):
        zprime.plot.figure(report, g_min=1.0, g_max=0.5)


def test_mathtext():
    assert zprime.plot.mathtext("m_Z′ [GeV]") == "m$\\mathregular{_{Z′}}$ [GeV]"
    assert zprime.plot.mathtext("N_{eff} x") == "N$\\mathregular{_{eff}}$ x"
    assert zprime.plot.mathtext("a\\_b $") == "a_b \\$"


def test_main_plot_example(repo, tmp_path):
    out = tmp_path / "lmu-ltau.png"
    run = subprocess.run([sys.executable, str(repo / "examples" / "python" / "main_plot.py"),
                          "-o", str(out)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert out.stat().st_size > 50_000
