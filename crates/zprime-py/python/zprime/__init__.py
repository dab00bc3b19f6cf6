"""zprime: light Z' gauge bosons coupled to muons and quarks, from Python.

The numbers are computed by the zprime Rust library (the same code as the ``zprime``
command-line tool); this package gives them a flavio-like interface:

>>> import numpy as np, zprime
>>> zprime.models()[:3]                                   # preset names
>>> m = zprime.Model("lmu-ltau")                           # a model with the default inputs
>>> m.observable("Delta a_mu", mass=np.logspace(-3, 1, 5), g=5e-4)   # numpy, vectorized
>>> m.point(0.1, 5e-4)["verdict"]                          # as `zprime point --json`
>>> df = m.limits()                                        # as `zprime limits --csv`
>>> zprime.inputs("default")["inputs"]["parameters"]["m_mu"]          # value, source, ...

Units: GeV for masses and widths, seconds, metres. The coupling is ``g`` (the gauge
coupling) or, for a dark photon, ``eps`` (the kinetic mixing): every method takes either
``g=`` or the coupling's own name.

Errors: a bad name or value raises ``ValueError`` with the library's message (what the
CLI prints after the flag's name); a numerical failure raises ``RuntimeError``.

``zprime.scan`` evaluates one shard of a sampled parameter scan (for Dask and batch
systems, as ``zprime scan --shard K/N``); ``zprime.plot`` draws zprime's excluded regions and
preferred bands on your matplotlib axes.
"""

from __future__ import annotations

import json
import warnings
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from . import _zprime
from ._zprime import LimitsReport, __version__

__all__ = [
    "Model",
    "LimitsReport",
    "models",
    "observables",
    "input_sets",
    "inputs",
    "log_masses",
    "scan",
    "__version__",
]


def models(details: bool = False) -> list:
    """The preset models.

    Parameters
    ----------
    details : bool
        ``False`` (default): the preset names, e.g. ``["lmu-ltau", "lmu-ltau+b3", ...]``.
        ``True``: one dict per preset as ``zprime models --json`` prints it:
        ``{"model": {name, title, description, reference, coupling, charges,
        parameters: [{name, description, default, min, max}], flavour, ...},
        "anomalies": [...], "flavour_mechanism": "..."}``.

    Any name of the list (or the path of a model file, TOML) can be passed to ``Model``.
    """
    if details:
        return json.loads(_zprime.models_json())
    return list(_zprime.model_names())


def observables() -> list[dict]:
    """Every observable zprime computes, one dict each: ``name`` (pass it to
    ``Model.observable``; arguments as ``NAME(value)`` or ``NAME(key=value,...)``, e.g.
    ``"R_trident(CCFR)"``), ``description``, ``latex``, ``unit`` (``"1"``:
    dimensionless), ``degree`` (homogeneity in the couplings), ``reference``,
    ``arguments`` and ``listed`` (the argument lists ``Model.point`` evaluates)."""
    return json.loads(_zprime.observables_json())


def input_sets() -> list[str]:
    """The names of the shipped input sets (``"default"``, ``"ibe2016"``, ...)."""
    return list(_zprime.input_sets())


def inputs(set: str = "default") -> dict:  # noqa: A002 (the CLI's word)
    """An input set with every value, uncertainty and citation, as ``zprime data --inputs
    SET --json`` prints it.

    Parameters
    ----------
    set : str
        A shipped set name (see ``input_sets()``) or the path of an input file (TOML).

    Returns
    -------
    dict
        ``{"inputs": {"name", "description", "reference", "parameters": {KEY: {"value",
        "uncertainty", "unit", "description", "source"}}, "overridden", "constraints",
        ...}, "constraints": [the constraints the set applies], "measurements": [every
        measurement with its reference]}``. As a table:
        ``pandas.DataFrame.from_dict(d["inputs"]["parameters"], orient="index")``.
    """
    return json.loads(_zprime.inputs_json(set))


def log_masses(mass_min: float = 1e-3, mass_max: float = 100.0, points: int = 300) -> np.ndarray:
    """``points`` logarithmically spaced masses in GeV from ``mass_min`` to ``mass_max``
    (both exact): the grid of ``zprime limits``/``zprime plot`` (defaults as there)."""
    return np.asarray(_zprime.log_masses(float(mass_min), float(mass_max), int(points)))


def _float_array(name: str, value: Any) -> np.ndarray:
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise ValueError(f"{name}: expected a number or an array of numbers ({e})") from None


class Model:
    """A Z' model with an input set: evaluates observables, points, limits and figures.

    Parameters
    ----------
    name_or_path : str
        A preset (``zprime.models()``: ``"lmu-ltau"``, ``"dark-photon"``, ...) or the path
        of a model file (TOML, format in the README, "zprime models").
    inputs : str
        The input set: a shipped name (``zprime.input_sets()``) or the path of an input file.
    strict : bool
        Raise ``ValueError`` for an anomalous model instead of warning (``--strict``).
    **params : float
        Model parameters held fixed (names and ranges as ``zprime models NAME`` lists, e.g.
        ``eps=0.012`` for ``lmu-ltau+b3``); the others take their defaults. The coupling
        may be given here too (``g=``, or ``eps=`` for the dark photon): it is then the
        default of every method. Unknown names or values out of range raise
        ``ValueError`` naming the allowed ones.

    Examples
    --------
    >>> m = zprime.Model("lmu-ltau+b3", eps=0.012)
    >>> m.observable("Delta a_mu", mass=[0.01, 0.1, 1.0], g=7e-4)
    >>> zprime.Model("dark-photon", eps=1e-4).point(0.05)["verdict"]["status"]
    """

    def __init__(self, name_or_path: str, inputs: str = "default", *, strict: bool = False,
                 **params: float) -> None:
        params = dict(params)
        probe = _zprime.Engine(name_or_path, inputs, {})
        cname = probe.coupling
        self._default_coupling: float | None = None
        for key in ("g", cname):
            if key in params:
                if self._default_coupling is not None:
                    raise ValueError(f"give the coupling once: g= or {cname}=")
                self._default_coupling = float(params.pop(key))
        self._engine = _zprime.Engine(name_or_path, inputs,
                                      {k: float(v) for k, v in params.items()})
        anomalies = self._engine.anomalies()
        if anomalies and strict:
            raise ValueError(
                f"model '{self.name}' is anomalous: {', '.join(anomalies)} do not cancel")
        for w in self._engine.warnings():
            warnings.warn(f"zprime: {w}", stacklevel=2)

    # -- what the model is ------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The model's name (``"lmu-ltau"``)."""
        return self._engine.name

    @property
    def title(self) -> str:
        """The model's title for figures (``"L_μ − L_τ"``)."""
        return self._engine.title

    @property
    def coupling(self) -> str:
        """The coupling's name: ``"g"``, or ``"eps"`` for a dark photon."""
        return self._engine.coupling

    @property
    def inputs(self) -> str:
        """The input set's name."""
        return self._engine.inputs

    @property
    def parameters(self) -> dict[str, float]:
        """Every model parameter (besides mass and coupling) with its value here."""
        return dict(self._engine.parameters)

    def __repr__(self) -> str:
        extra = "".join(f", {k}={v!r}" for k, v in self.parameters.items())
        return f"zprime.Model({self.name!r}, inputs={self.inputs!r}{extra})"

    # -- helpers ------------------------------------------------------------------------------

    def _coupling(self, g: Any, params: dict) -> Any:
        """The coupling from ``g=`` or the coupling's own name in ``params`` (removed)."""
        cname = self.coupling
        named = params.pop(cname, None) if cname != "g" else None
        if g is not None and named is not None:
            raise ValueError(f"give the coupling once: g= or {cname}=")
        value = g if g is not None else named
        if value is None:
            value = self._default_coupling
        if value is None:
            hint = "g=G" if cname == "g" else f"g=EPS or {cname}=EPS"
            raise ValueError(f"missing coupling: give {hint} (or to Model(...))")
        return value

    # -- observables --------------------------------------------------------------------------

    def observable(self, name: str, mass: Any, g: Any = None, *, strict: bool = False,
                   **params: Any) -> np.ndarray | float:
        """The prediction of observable ``name`` at every (mass, coupling, params) point.

        Computed in Rust, in parallel, without a Python loop; ``mass``, ``g`` and any
        model parameter may be numbers or arrays, broadcast together as numpy does.

        Parameters
        ----------
        name : str
            An observable of ``zprime.observables()``, with arguments where it has them:
            ``"Delta a_mu"``, ``"R_trident(CCFR)"``, ``"BR(K+->piZp)"``.
        mass : float or array_like
            Z' mass in GeV (1e-9 ... 1e4).
        g : float or array_like
            The coupling (``g``, or ``eps`` for a dark photon; ``eps=`` works too); default
            the one given to ``Model``.
        strict : bool
            ``False`` (default): NaN where the observable is not defined: outside the mass
            range of its calculation (``validity(name)`` says where and why), not applicable
            to the model, or not computed there (what ``point()`` lists under ``not_valid``
            and ``notes``). ``True``: raise instead (``ValueError``; ``RuntimeError`` for a
            numerical failure).
        **params : float or array_like
            Model parameters on top of the model's (arrays broadcast with mass and g).

        Returns
        -------
        numpy.ndarray of float64 with the broadcast shape (a float for scalar inputs).
        The values equal ``point(mass, g)["observables"][canonical name]`` exactly.

        Raises
        ------
        ValueError
            An unknown observable or parameter, a mass, coupling or parameter out of range
            (the message names the element's index), arrays that do not broadcast.
        """
        params = dict(params)
        coupling = self._coupling(g, params)
        arrays = {"mass": _float_array("mass", mass), "g": _float_array("g", coupling)}
        for k, v in params.items():
            arrays[k] = _float_array(k, v)
        try:
            shape = np.broadcast_shapes(*(a.shape for a in arrays.values()))
        except ValueError as e:
            raise ValueError(f"mass, g and parameters do not broadcast together: {e}") from None
        size = int(np.prod(shape, dtype=np.int64))
        if size == 0:
            self._engine.canonical(name)
            return np.zeros(shape)

        def flat(a: np.ndarray) -> np.ndarray:
            # one element stays one element (the same for every point): no copy of a scalar
            if a.size == 1:
                return np.ascontiguousarray(a.reshape(1))
            return np.ascontiguousarray(np.broadcast_to(a, shape).reshape(-1))

        values = self._engine.observable(
            name,
            flat(arrays.pop("mass")),
            flat(arrays.pop("g")),
            {k: flat(v) for k, v in arrays.items()},
            bool(strict),
        )
        if shape == ():
            return float(values[0])
        return values.reshape(shape)

    def validity(self, name: str) -> dict | None:
        """Where the calculation of observable ``name`` holds with this input set:
        ``None`` at every mass, else ``{"name": canonical name, "mass": (lowest, highest)
        GeV, "reason": why}``. Outside it ``observable`` gives NaN."""
        v = self._engine.validity(name)
        if v is None:
            return None
        lo, hi, reason = v
        return {"name": self._engine.canonical(name), "mass": (lo, hi), "reason": reason}

    # -- one point ----------------------------------------------------------------------------

    def point(self, mass: float, g: float | None = None, **params: float) -> dict:
        """Every observable and constraint at one point, as ``zprime point --json``.

        Parameters
        ----------
        mass : float
            Z' mass in GeV.
        g : float
            The coupling (or ``eps=`` for a dark photon); default the one given to ``Model``.
        **params : float
            Model parameters on top of the model's.

        Returns
        -------
        dict with the keys of ``zprime point --json``: ``model``, ``parameters``,
        ``inputs``, ``observables`` (canonical name -> value), ``not_valid`` (name ->
        why), ``constraints`` (each with ``status``, ``value``, ``bound``, ``cl``, ...),
        ``not_applied``, ``notes``, ``verdict`` (``status`` excluded / preferred /
        allowed, ``excluded_by`` with the coupling limits, ``preferred_by``),
        ``not_included``.
        """
        params = dict(params)
        coupling = float(self._coupling(g, params))
        return json.loads(self._engine.point_json(
            float(mass), coupling, {k: float(v) for k, v in params.items()}))

    # -- limits -------------------------------------------------------------------------------

    def limits_report(self, masses: Iterable[float] | None = None, *, mass_min: float = 1e-3,
                      mass_max: float = 100.0, points: int = 300,
                      constraints: Sequence[str] | None = None,
                      exclude: Sequence[str] | None = None) -> LimitsReport:
        """The coupling limits of every constraint over a mass grid, as a
        ``zprime.LimitsReport`` (``.json()`` is ``zprime limits --json``; ``.columns()``
        the table; ``zprime.plot.draw`` draws it). Arguments as for ``limits``."""
        if masses is None:
            grid = list(_zprime.log_masses(float(mass_min), float(mass_max), int(points)))
        else:
            grid = [float(m) for m in np.atleast_1d(np.asarray(masses, dtype=np.float64))]
        return self._engine.limits(
            grid,
            None if constraints is None else [str(c) for c in constraints],
            None if exclude is None else [str(c) for c in exclude],
        )

    def limits(self, masses: Iterable[float] | None = None, *, mass_min: float = 1e-3,
               mass_max: float = 100.0, points: int = 300,
               constraints: Sequence[str] | None = None,
               exclude: Sequence[str] | None = None, frame: bool | None = None) -> Any:
        """The coupling limits of every constraint over a mass grid: the table of
        ``zprime limits --csv``.

        Parameters
        ----------
        masses : array_like, optional
            Masses in GeV; default ``points`` log-spaced masses from ``mass_min`` to
            ``mass_max`` (the CLI's grid: 300 masses from 1e-3 to 100 GeV).
        constraints : list of str, optional
            Only these constraint ids (or ``"prefix*"``), in this order (``--constraints``).
        exclude : list of str, optional
            Constraint ids (or ``"prefix*"``) not to compute (``--exclude``).
        frame : bool, optional
            ``True``: a pandas DataFrame; ``False``: a dict of lists (column -> values);
            default: a DataFrame if pandas is installed.

        Returns
        -------
        One row per interval, long format, columns ``mass, constraint, kind, g_low,
        g_high, interval, cl, label, reason`` with ``kind`` = ``excluded``,
        ``preferred_1sigma``, ``preferred_2sigma``, ``expected_1sigma``,
        ``expected_2sigma`` or ``not_valid`` (the constraint does not apply at that mass:
        g_low, g_high, interval missing (NaN/None), the reason in ``reason``).
        ``g_high = 4 pi`` means everything above ``g_low`` is excluded. The
        ``LimitsReport`` is in ``df.attrs["report"]`` (dict: key ``"report"``), for
        ``zprime.plot.draw``.
        """
        report = self.limits_report(masses, mass_min=mass_min, mass_max=mass_max,
                                    points=points, constraints=constraints, exclude=exclude)
        return limits_table(report, frame=frame)


def limits_table(report: LimitsReport, frame: bool | None = None) -> Any:
    """The long table of a ``LimitsReport`` (see ``Model.limits``): a pandas DataFrame
    (``frame=True``, or by default when pandas is installed) with the report in
    ``attrs["report"]``, else a dict of lists with the report under ``"report"``."""
    columns = report.columns()
    if frame is None or frame:
        try:
            import pandas as pd
        except ImportError:
            if frame:
                raise
        else:
            df = pd.DataFrame(columns)
            df["interval"] = df["interval"].astype("Int64")
            df.attrs["report"] = report
            return df
    columns["report"] = report
    return columns


def scan(model: Model | str, params: Mapping[str, Any], *, method: str = "sobol",
         n: int = 1024, seed: int = 0, shard: tuple[int, int] = (1, 1),
         observables: Sequence[str] | None = None, constraints: bool = True,
         test_statistics: bool = False, frame: bool | None = None) -> Any:
    """One shard of a sampled scan over model parameters, as ``zprime scan`` evaluates it.

    The design (points, order, values) depends only on ``params``, ``method``, ``n`` and
    ``seed``: shard ``(k, N)`` is the k-th of N contiguous index ranges, so N workers (Dask,
    a Slurm array) that each call ``scan(..., shard=(k, N))`` produce the N parts of the
    same table; concatenated in k order they are the whole scan (``index`` 0 ... len-1).

    Parameters
    ----------
    model : Model or str
        The model (its input set and fixed parameters are used), or a preset name.
    params : dict
        NAME -> range: ``"LO:HI"``, ``"LO:HI:log"``, ``"LO:HI:lin"`` (``mass`` and ``g``
        are logarithmic by default, others linear), or a number (held fixed). NAME is
        ``mass`` (GeV), ``g`` (the coupling; ``eps`` for a dark photon) or a model parameter.
        Mass and coupling not in ``params`` come from the Model (``Model(..., g=...)``).
    method : str
        ``"sobol"`` (scrambled Sobol points), ``"random"`` or ``"grid"``.
    n : int
        Points (values per varying axis for a grid).
    seed : int
        Seed of the random and Sobol designs.
    shard : (int, int)
        (k, N), 1 <= k <= N.
    observables : list of str, optional
        Observable columns (canonical names); default every observable ``point`` lists.
    constraints : bool
        A ``status:ID`` column per constraint (allowed, excluded, preferred, not_applied).
    test_statistics : bool
        Also a ``test_statistic:ID`` column per constraint (-2 ln L/L_best).
    frame : bool, optional
        A pandas DataFrame (default when pandas is installed) or a dict of lists.

    Returns
    -------
    The shard's rows: ``index``, the scanned parameters, the observables (NaN/None where
    not valid at that mass), the statuses, ``error`` (None, or why values are missing).
    """
    if isinstance(model, str):
        model = Model(model)
    if not isinstance(model, Model):
        raise ValueError(f"scan: expected a zprime.Model or a model name (got {type(model).__name__})")
    texts = []
    for name, value in params.items():
        if isinstance(value, str):
            texts.append(f"{name}={value}")
        else:
            texts.append(f"{name}={float(value)!r}")
    base: dict[str, float] = {}
    cname = model.coupling
    if model._default_coupling is not None and not any(k in params for k in ("g", cname)):
        base[cname] = model._default_coupling
    # `g` names the coupling of every model (`eps` of a dark photon too)
    texts = [t.replace("g=", f"{cname}=", 1) if t.startswith("g=") else t for t in texts]
    k, total = shard
    columns = model._engine.scan_columns(
        texts, str(method), int(n), int(seed), (int(k), int(total)), base,
        None if observables is None else [str(o) for o in observables],
        bool(constraints), bool(test_statistics))
    if frame is None or frame:
        try:
            import pandas as pd
        except ImportError:
            if frame:
                raise
        else:
            df = pd.DataFrame(columns)
            if "index" in df:
                df["index"] = df["index"].astype("uint64")
            return df
    return columns


def __getattr__(name: str) -> Any:
    # `zprime.plot` on first use (matplotlib is optional)
    if name == "plot":
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'zprime' has no attribute {name!r}")
