"""zprime's exclusion figure on your matplotlib axes.

``draw(ax, model_or_limits)`` draws what ``zprime plot`` draws (the figure is assembled by
the same Rust code, ``zprime_plot::limits::limits_figure``, with the styles of
``data/plot/styles.toml``): each constraint's excluded region (filled, with its edge line),
projected sensitivities (dashed curves with their expected-limit bands), the preferred
bands of an anomaly (the muon g-2) on top, and the grey columns where K+ -> pi+ X searches
are blind. The crowding rule is the CLI's: a measured constraint far weaker than the
strongest one everywhere is left out (``all_constraints=True`` draws everything); the
caption lines (citations, what is not drawn) come back in the result.

>>> import matplotlib.pyplot as plt, zprime
>>> fig, ax = plt.subplots()
>>> out = zprime.plot.draw(ax, zprime.Model("lmu-ltau"))
>>> ax.legend(fontsize=6); fig.savefig("lmu-ltau.png")

``figure(model_or_limits)`` gives the figure itself (title, axis labels and ranges, caption,
layers as dicts) for drawing it with anything else.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np

from . import LimitsReport, Model

__all__ = ["draw", "figure", "mathtext"]

_LINESTYLES = {"solid": "-", "dashed": "--", "dotted": ":"}
# zprime-plot's widths are pixels of a 1000 px wide figure; a matplotlib figure is ~6.4 in
# (460 pt) wide, so one zprime pixel is ~0.46 pt.
_PX_TO_PT = 0.46


def _report(obj: Any, **grid: Any) -> LimitsReport:
    """A LimitsReport from a Model (computed on the CLI's grid or ``grid``), a
    LimitsReport, or the table ``Model.limits`` returned."""
    if isinstance(obj, LimitsReport):
        return obj
    if isinstance(obj, Model):
        return obj.limits_report(**grid)
    attrs = getattr(obj, "attrs", None)
    if isinstance(attrs, dict) and isinstance(attrs.get("report"), LimitsReport):
        return attrs["report"]
    if isinstance(obj, dict) and isinstance(obj.get("report"), LimitsReport):
        return obj["report"]
    raise ValueError(
        "draw: expected a zprime.Model, a zprime.LimitsReport or the table of "
        f"Model.limits() (got {type(obj).__name__})")


def figure(obj: Any, *, mass_range: tuple[float, float] | None = None,
           g_min: float | None = None, g_max: float = 1.0, all_constraints: bool = False,
           **grid: Any) -> dict:
    """The figure of ``zprime plot`` as a dict.

    Parameters
    ----------
    obj : Model, LimitsReport or the result of ``Model.limits()``
        A Model is evaluated on the CLI's mass grid (or ``masses=``, ``mass_min=``,
        ``mass_max=``, ``points=``, ``constraints=``, ``exclude=`` in ``grid``).
    mass_range : (float, float), optional
        The x range in GeV; default the grid's ends.
    g_min, g_max : float
        The coupling axis; ``g_min`` defaults to the CLI's choice (1e-5, or the decade
        below the smallest excluded or preferred coupling).
    all_constraints : bool
        Draw every constraint (the crowding rule off).

    Returns
    -------
    dict with ``title``, ``x_label``, ``y_label`` (zprime-plot markup, see ``mathtext``),
    ``x_range``, ``y_range``, ``log_x``, ``log_y``, ``caption`` (list of lines) and
    ``layers``: drawn in order, each a dict with ``kind`` (``band``: between ``lower`` and
    ``upper``; ``excluded_above``/``excluded_below``: above/below ``y``; ``curve``;
    ``points``; ``text``), ``label``, ``colour`` (hex), ``opacity``, ``x`` and the
    curves as numpy arrays (NaN: a gap), ``edge``/``style`` (``solid``, ``dashed``,
    ``dotted`` or None) and ``width`` (pixels of a 1000 px wide figure).
    """
    report = _report(obj, **grid)
    fig = json.loads(report.figure_json(
        None if mass_range is None else (float(mass_range[0]), float(mass_range[1])),
        None if g_min is None else float(g_min), float(g_max), bool(all_constraints)))
    for layer in fig["layers"]:
        for key in ("x", "y", "lower", "upper"):
            if key in layer:
                # JSON null (a gap) -> NaN
                layer[key] = np.array(layer[key], dtype=np.float64)
    return fig


_MATH_SPECIAL = re.compile(r"([\\{}#$%&^_~ ])")


def _math_escape(text: str) -> str:
    return _MATH_SPECIAL.sub(lambda m: "\\ " if m.group(1) == " " else "\\" + m.group(1), text)


def mathtext(text: str) -> str:
    """zprime-plot's label markup as matplotlib mathtext: ``_{...}``/``^{...}`` (or one
    character plus primes) become sub-/superscripts, ``\\x`` is a literal ``x``."""
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(_plain(text[i + 1]))
            i += 2
            continue
        if ch in "_^" and i + 1 < len(text):
            if text[i + 1] == "{":
                end = text.find("}", i + 2)
                if end < 0:
                    end = len(text)
                inner = text[i + 2:end]
                i = end + 1
            else:
                j = i + 2
                while j < len(text) and text[j] in "'′":
                    j += 1
                inner = text[i + 1:j]
                i = j
            out.append(f"$\\mathregular{{{ch}{{{_math_escape(inner)}}}}}$")
            continue
        out.append(_plain(ch))
        i += 1
    return "".join(out)


def _plain(ch: str) -> str:
    # a dollar sign outside math would open math mode
    return "\\$" if ch == "$" else ch


def _patch(colour: str, opacity: float, edge: str | None) -> Any:
    """A legend patch: the region's fill with its edge line (none without an edge)."""
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Patch

    return Patch(facecolor=to_rgba(colour, opacity), edgecolor=colour if edge else "none",
                 linestyle=_LINESTYLES[edge] if edge else "-", linewidth=1.0)


def draw(ax: Any, obj: Any, *, mass_range: tuple[float, float] | None = None,
         g_min: float | None = None, g_max: float = 1.0, all_constraints: bool = False,
         labels: bool = True, title: bool = False, legend: bool = False,
         **grid: Any) -> dict:
    """Draw zprime's excluded regions and preferred bands on ``ax`` (log axes).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Your axes; set to log-log with the figure's ranges (and axis labels if ``labels``).
    obj : Model, LimitsReport or the result of ``Model.limits()``
        What to draw (a Model is evaluated first, on the CLI's grid or ``grid``).
    mass_range, g_min, g_max, all_constraints, **grid
        As for ``figure``.
    labels : bool
        Set the axis labels (m_Z' [GeV], g' or eps).
    title : bool
        Set the title ("L_μ − L_τ Z' (default inputs)").
    legend : bool
        Add a legend (one entry per label); else call ``ax.legend()`` yourself: every
        region carries its label.

    Returns
    -------
    dict: the ``figure`` dict, plus ``artists`` (per layer, the artists drawn for it: one
    PolyCollection per filled layer, Line2D for its edges and for curves) and ``legend``
    (handles, labels): the legend entries as zprime draws them (a filled region's patch
    with its edge), for ``ax.legend(*out["legend"], ...)``.
    """
    fig = figure(obj, mass_range=mass_range, g_min=g_min, g_max=g_max,
                 all_constraints=all_constraints, **grid)
    (x0, x1), (y0, y1) = fig["x_range"], fig["y_range"]
    ax.set_xscale("log" if fig["log_x"] else "linear")
    ax.set_yscale("log" if fig["log_y"] else "linear")
    artists = []
    seen: set[tuple[str, str]] = set()
    handles: list = []
    names: list[str] = []

    def label_once(label: str, colour: str) -> str:
        # layers with the same label and colour share one legend entry, as in zprime-plot
        if not label or (label, colour) in seen:
            return "_nolegend_"
        seen.add((label, colour))
        return mathtext(label)

    def entry(label: str, handle: Any) -> None:
        # the legend as zprime-plot draws it: a filled region's patch with its edge line
        if label != "_nolegend_":
            handles.append(handle)
            names.append(label)

    for layer in fig["layers"]:
        kind, colour = layer["kind"], layer["colour"]
        drawn = []
        if kind in ("band", "excluded_above", "excluded_below"):
            x = layer["x"]
            if kind == "band":
                lower, upper = layer["lower"], layer["upper"]
            elif kind == "excluded_above":
                lower, upper = layer["y"], np.full_like(layer["y"], y1)
            else:
                lower, upper = np.full_like(layer["y"], y0), layer["y"]
            ok = np.isfinite(lower) & np.isfinite(upper) & (lower < upper)
            label = label_once(layer["label"], colour)
            edge = layer.get("edge")
            drawn.append(ax.fill_between(
                x, np.where(ok, lower, np.nan), np.where(ok, upper, np.nan), where=ok,
                color=colour, alpha=layer["opacity"], linewidth=0, label=label))
            entry(label, _patch(colour, layer["opacity"], edge))
            if edge:
                edges = {"band": (lower, upper), "excluded_above": (lower,),
                         "excluded_below": (upper,)}[kind]
                for y in edges:
                    (line,) = ax.plot(x, np.where(ok, y, np.nan), color=colour,
                                      linestyle=_LINESTYLES[edge], linewidth=1.0,
                                      label="_nolegend_")
                    drawn.append(line)
        elif kind == "curve":
            label = label_once(layer["label"], colour)
            (line,) = ax.plot(layer["x"], layer["y"], color=colour,
                              linestyle=_LINESTYLES[layer["style"]],
                              linewidth=max(0.5, layer["width"] * _PX_TO_PT), label=label)
            drawn.append(line)
            entry(label, line)
        elif kind == "points":
            label = label_once(layer["label"], colour)
            drawn.append(ax.scatter(layer["x"], layer["y"], color=colour,
                                    marker=layer["marker"], s=(layer["size"] * _PX_TO_PT) ** 2,
                                    label=label, zorder=3))
            entry(label, drawn[-1])
        elif kind == "text":
            drawn.append(ax.text(layer["x"], layer["y"], mathtext(layer["text"]),
                                 color=colour, fontsize=layer["size"] * _PX_TO_PT,
                                 va="center"))
        artists.append(drawn)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    if labels:
        ax.set_xlabel(mathtext(fig["x_label"]))
        ax.set_ylabel(mathtext(fig["y_label"]))
    if title:
        ax.set_title(mathtext(fig["title"]))
    if legend:
        ax.legend(handles, names, fontsize="x-small")
    fig["artists"] = artists
    fig["legend"] = (handles, names)
    return fig
