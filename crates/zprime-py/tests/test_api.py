"""Every call of the Python API: models, observables, inputs, Model (observable, validity,
point, limits), errors, and agreement with the CLI."""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess

import numpy as np
import pytest

import zprime

LIMITS_COLUMNS = ["mass", "constraint", "kind", "g_low", "g_high", "interval", "cl", "label",
                  "reason"]


@pytest.fixture(scope="module")
def lmu():
    return zprime.Model("lmu-ltau")


def close(a: float, b: float, rel: float = 1e-12) -> bool:
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b))


# -- module functions -------------------------------------------------------------------------

def test_models():
    names = zprime.models()
    assert "lmu-ltau" in names and "dark-photon" in names
    details = zprime.models(details=True)
    assert [d["model"]["name"] for d in details] == names
    lmu = details[names.index("lmu-ltau")]
    assert lmu["model"]["coupling"] == "gauge"
    assert lmu["anomalies"] == []
    assert isinstance(lmu["flavour_mechanism"], str)


def test_observables_list():
    obs = {o["name"]: o for o in zprime.observables()}
    assert obs["Delta a_mu"]["unit"] == "1"
    assert obs["Delta a_mu"]["degree"] == 2
    assert any(o["arguments"] for o in obs.values())


def test_inputs_with_citations():
    assert "default" in zprime.input_sets()
    d = zprime.inputs("default")
    assert set(d) == {"inputs", "constraints", "measurements"}
    m_mu = d["inputs"]["parameters"]["m_mu"]
    assert {"value", "uncertainty", "unit", "description", "source"} <= set(m_mu)
    assert 0.105 < m_mu["value"] < 0.106 and m_mu["source"]
    assert all(m["reference"] for m in d["measurements"])
    assert zprime.inputs("ibe2016")["inputs"]["name"] == "ibe2016"
    with pytest.raises(ValueError, match="unknown input set 'nope'"):
        zprime.inputs("nope")


def test_inputs_equal_cli(cli):
    out = subprocess.run([cli, "data", "--inputs", "altmannshofer2014", "--json"],
                         capture_output=True, text=True, check=True).stdout
    assert zprime.inputs("altmannshofer2014") == json.loads(out)


def test_models_equal_cli(cli):
    out = subprocess.run([cli, "models", "--json"], capture_output=True, text=True,
                         check=True).stdout
    assert zprime.models(details=True) == json.loads(out)


def test_log_masses():
    m = zprime.log_masses(1e-3, 100.0, 300)
    assert len(m) == 300 and m[0] == 1e-3 and m[-1] == 100.0
    with pytest.raises(ValueError, match="mass-min"):
        zprime.log_masses(-1.0, 1.0, 10)


# -- Model ------------------------------------------------------------------------------------

def test_model_properties(lmu):
    assert lmu.name == "lmu-ltau" and lmu.coupling == "g" and lmu.inputs == "default"
    assert "L" in lmu.title
    assert isinstance(lmu.parameters, dict)
    assert "lmu-ltau" in repr(lmu)
    b3 = zprime.Model("lmu-ltau+b3", eps=0.012)
    assert b3.parameters["eps"] == 0.012


def test_model_errors():
    with pytest.raises(ValueError, match="unknown model 'nope'"):
        zprime.Model("nope")
    with pytest.raises(ValueError, match="unknown model parameter 'foo' \\(known: mass, g"):
        zprime.Model("lmu-ltau", foo=1.0)
    with pytest.raises(ValueError, match="unknown input set"):
        zprime.Model("lmu-ltau", inputs="nope")
    with pytest.raises(ValueError, match="allowed range"):
        zprime.Model("lmu-ltau+b3", eps=1e9)


# -- observable -------------------------------------------------------------------------------

def test_vectorized_equals_point(lmu):
    masses = np.array([1e-3, 0.0105, 0.1, 0.2, 1.0, 3.0, 50.0])
    g = 5e-4
    values = lmu.observable("Delta a_mu", mass=masses, g=g)
    assert values.shape == masses.shape and values.dtype == np.float64
    for m, v in zip(masses, values):
        expected = lmu.point(m, g)["observables"]["Delta a_mu"]
        assert close(v, expected), (m, v, expected)


def test_every_listed_observable_equals_point(lmu):
    report = lmu.point(0.3, 1e-3)
    for name, expected in report["observables"].items():
        got = lmu.observable(name, mass=[0.3], g=1e-3)[0]
        assert close(got, expected), (name, got, expected)
    for name in report["not_valid"]:
        assert math.isnan(lmu.observable(name, mass=0.3, g=1e-3))


def test_scalar_and_broadcast(lmu):
    scalar = lmu.observable("Delta a_mu", mass=0.1, g=1e-3)
    assert isinstance(scalar, float)
    masses = np.array([[0.01], [0.1], [1.0]])
    gs = np.array([1e-4, 1e-3, 1e-2, 0.1])
    grid = lmu.observable("Delta a_mu", mass=masses, g=gs)
    assert grid.shape == (3, 4)
    for i in range(3):
        for j in range(4):
            assert grid[i, j] == lmu.observable("Delta a_mu", mass=masses[i, 0], g=gs[j])
    # homogeneous of degree 2 in g
    assert np.allclose(grid[:, 1] / grid[:, 0], 100.0, rtol=1e-12)
    assert lmu.observable("Delta a_mu", mass=[], g=1e-3).shape == (0,)


def test_parameter_arrays_broadcast():
    b3 = zprime.Model("lmu-ltau+b3")
    eps = np.array([0.0, 0.006, 0.012])
    values = b3.observable("BR(B+->KZp)", mass=0.5, g=1e-3, eps=eps)
    assert values.shape == (3,)
    for e, v in zip(eps, values):
        expected = b3.point(0.5, 1e-3, eps=e)["observables"]
        assert close(v, expected["BR(B+->KZp)"])
        assert v == zprime.Model("lmu-ltau+b3", eps=e).observable("BR(B+->KZp)", 0.5, 1e-3)


def test_dark_photon_coupling():
    dp = zprime.Model("dark-photon")
    assert dp.coupling == "eps"
    a = dp.observable("Delta a_mu", mass=0.05, eps=1e-3)
    assert a == dp.observable("Delta a_mu", mass=0.05, g=1e-3)
    assert a == zprime.Model("dark-photon", eps=1e-3).observable("Delta a_mu", mass=0.05)
    assert close(a, dp.point(0.05, eps=1e-3)["observables"]["Delta a_mu"])
    with pytest.raises(ValueError, match="missing coupling"):
        dp.observable("Delta a_mu", mass=0.05)
    with pytest.raises(ValueError, match="give the coupling once"):
        dp.observable("Delta a_mu", mass=0.05, g=1e-3, eps=1e-3)


def test_observable_errors(lmu):
    with pytest.raises(ValueError, match="unknown observable 'nope'"):
        lmu.observable("nope", mass=0.1, g=1e-3)
    with pytest.raises(ValueError, match=r"at index 2 .*invalid value 20000 for 'mass'"):
        lmu.observable("Delta a_mu", mass=[0.1, 1.0, 2e4], g=1e-3)
    with pytest.raises(ValueError, match="invalid value -1e-3|invalid value -0.001 for 'g'"):
        lmu.observable("Delta a_mu", mass=0.1, g=-1e-3)
    with pytest.raises(ValueError, match="do not broadcast"):
        lmu.observable("Delta a_mu", mass=[0.1, 0.2], g=[1e-3, 1e-3, 1e-3])
    with pytest.raises(ValueError, match="unknown model parameter 'foo'"):
        lmu.observable("Delta a_mu", mass=0.1, g=1e-3, foo=[1.0, 2.0])
    with pytest.raises(ValueError, match="expected a number"):
        lmu.observable("Delta a_mu", mass="heavy", g=1e-3)


def test_validity_and_nan(lmu):
    assert lmu.validity("Delta a_mu") is None
    v = lmu.validity("R_trident(heavy)")
    assert v["name"] == "R_trident(heavy)" and v["mass"][0] == 10.0 and v["reason"]
    values = lmu.observable("R_trident(heavy)", mass=[1.0, 20.0], g=1e-2)
    assert math.isnan(values[0]) and math.isfinite(values[1])
    with pytest.raises(ValueError, match="valid only for 10 <= m_Z' <= "):
        lmu.observable("R_trident(heavy)", mass=[1.0, 20.0], g=1e-2, strict=True)


# -- point ------------------------------------------------------------------------------------

def test_point_keys(lmu):
    p = lmu.point(0.1, 5e-4)
    assert list(p) == ["model", "parameters", "inputs", "observables", "not_valid",
                       "constraints", "not_applied", "notes", "verdict", "not_included"]
    assert p["parameters"]["mass"] == 0.1 and p["parameters"]["g"] == 5e-4
    assert p["verdict"]["status"] in ("excluded", "preferred", "allowed")
    with pytest.raises(ValueError, match="invalid value 0 for 'mass'"):
        lmu.point(0.0, 1e-3)


@pytest.mark.parametrize("args", [
    ("lmu-ltau", 0.1, 5e-4, {}),
    ("lmu-ltau+b3", 0.14, 7e-4, {"eps": 0.012}),
    ("dark-photon", 0.05, None, {"eps": 1e-4}),
])
def test_point_equals_cli(cli, args):
    name, mass, g, params = args
    cmd = [cli, "point", "--model", name, "--mass", str(mass), "--json"]
    if g is not None:
        cmd += ["--g", str(g)]
    for k, v in params.items():
        cmd += ["--param", f"{k}={v}"]
    expected = json.loads(subprocess.run(cmd, capture_output=True, text=True,
                                         check=True).stdout)
    model = zprime.Model(name)
    assert model.point(mass, g, **params) == expected


# -- limits -----------------------------------------------------------------------------------

def test_limits_frame(lmu):
    pd = pytest.importorskip("pandas")
    df = lmu.limits(mass_min=0.01, mass_max=1.0, points=12)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == LIMITS_COLUMNS
    assert set(df["kind"]) <= {"excluded", "preferred_1sigma", "preferred_2sigma",
                               "expected_1sigma", "expected_2sigma", "not_valid"}
    assert "excluded" in set(df["kind"])
    nv = df[df["kind"] == "not_valid"]
    assert nv["g_low"].isna().all() and nv["reason"].notna().all()
    ok = df[df["kind"] != "not_valid"]
    assert (ok["g_low"] < ok["g_high"]).all() and ok["reason"].isna().all()
    report = df.attrs["report"]
    assert isinstance(report, zprime.LimitsReport)
    assert len(report.masses) == 12 and report.model == "lmu-ltau"
    assert json.loads(report.json())["masses"] == report.masses
    assert df.copy().attrs["report"] is report


def test_limits_dict_and_selection(lmu):
    cols = lmu.limits(masses=[0.05, 0.5], frame=False, constraints=["g-2:*", "NA64mu*"],
                      exclude=["g-2:WA2025-WP20*"])
    assert list(cols)[:9] == LIMITS_COLUMNS and isinstance(cols["report"], zprime.LimitsReport)
    ids = set(cols["constraint"])
    assert ids and all(i.startswith(("g-2:", "NA64mu")) for i in ids)
    assert not any(i.startswith("g-2:WA2025-WP20") for i in ids)
    with pytest.raises(ValueError, match="unknown constraint id in constraints 'nope'"):
        lmu.limits(masses=[0.1], constraints=["nope"])
    with pytest.raises(ValueError, match="invalid value 20000 for 'mass'"):
        lmu.limits(masses=[0.1, 2e4])


def test_limits_equal_cli_csv(cli, lmu):
    out = subprocess.run([cli, "limits", "--model", "lmu-ltau", "--mass-min", "0.002",
                          "--mass-max", "20", "--points", "15", "--csv"],
                         capture_output=True, text=True, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    cols = lmu.limits(mass_min=0.002, mass_max=20, points=15, frame=False)
    assert len(rows) == len(cols["mass"])
    for i, row in enumerate(rows):
        assert float(row["mass"]) == cols["mass"][i]
        for key in ("constraint", "kind", "label"):
            assert row[key] == cols[key][i]
        for key in ("g_low", "g_high"):
            if row[key] == "":
                assert cols[key][i] is None
            else:
                assert close(float(row[key]), cols[key][i])
        assert (row["reason"] or None) == cols["reason"][i]
