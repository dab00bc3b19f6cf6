#!/usr/bin/env python3
"""Regenerate data/formfactors/b_meson.toml from the flavio (MIT) form-factor files kept in
shared/data/formfactors (run: python3 make_b_meson.py SHARED_FORMFACTOR_DIR > b_meson.toml).

Only what zprime's B -> P Z' and B -> V Z' rates use is kept: f_+ for B -> K and B -> pi,
A0 (its a0 fixes A12(0)), A1, A12, V for B -> K* and B -> rho, with the covariance of exactly
these parameters (the marginal of the published multivariate Gaussian). Masses and resonance
masses are those flavio uses with each fit (flavio/physics/bdecays/formfactors/*/*_parameters.py,
flavio/data/parameters_uncorrelated.yml), read, not copied, from flavio's code."""
import json, sys, yaml

src = sys.argv[1]

def fmt(x):
    return repr(float(x))

def matrix(rows):
    return "[\n" + "".join("  [" + ", ".join(fmt(v) for v in r) + "],\n" for r in rows) + "]"

def bsz_json(path, keep):
    d = json.load(open(path))
    means = [d["central"][f][a] for f, a in keep]
    cov = [[d["uncertainty"][f1][a1] * d["uncertainty"][f2][a2] * d["correlation"][f1 + f2][a1 + a2]
            for f2, a2 in keep] for f1, a1 in keep]
    return means, cov

out = []
def fit(id_, transition, default, param, reference, source, m_parent, m_daughter, names, means, cov, ffs):
    out.append(f"""
[[fit]]
id = "{id_}"
transition = "{transition}"
default = {str(default).lower()}
parametrization = "{param}"
reference = "{reference}"
source = "{source}"
m_parent = {m_parent}
m_daughter = {m_daughter}
parameters = [{", ".join('"%s"' % n for n in names)}]
means = [{", ".join(fmt(m) for m in means)}]
covariance = {matrix(cov)}
""")
    for name, pole, coeffs in ffs:
        out.append(f"""[[fit.form_factor]]
name = "{name}"
pole_mass = {pole}
coefficients = [{", ".join('"%s"' % c for c in coeffs)}]
""")

# B -> K: Gubernari, Reboud, van Dyk, Virto 2023 (flavio's default), f+ only
y = yaml.safe_load(open(f"{src}/arXiv-2305-06301v1_BSZ-parameters-N2.yaml"))
e = y["B->K::FormFactors[parametric,BSZ]@GRvDV:2023A"]
idx = [0, 1, 2]
fit("B->K:GRvDV2023", "B->K", True, "BSZ",
    "N. Gubernari, M. Reboud, D. van Dyk, J. Virto, JHEP 12 (2023) 153, arXiv:2305.06301 (BSZ, N = 2, LCSR + lattice)",
    "flavio (MIT) data/arXiv-2305-06301v1/BSZ-parameters-N2.yaml; B->K BCL m+ = 5.415 (m_Bs*), z with m_B0, m_K0",
    5.27972, 0.497611, ["a0_f+", "a1_f+", "a2_f+"],
    [e["means"][i] for i in idx], [[e["covariance"][i][j] for j in idx] for i in idx],
    [("f+", 5.415, ["a0_f+", "a1_f+", "a2_f+"])])

# B -> K and B -> pi: Gubernari, Kokulu, van Dyk 2018 (BSZ), alternatives
for tr, fname, mres, md, mp in [("B->K", "BK", 5.415, 0.497611, 5.27972), ("B->pi", "Bpi", 5.325, 0.1349768, 5.27941)]:
    keep = [("f+", "a0"), ("f+", "a1"), ("f+", "a2")]
    means, cov = bsz_json(f"{src}/arXiv-1811-00983v1_{fname}_LCSR-Lattice.json", keep)
    fit(f"{tr}:GKvD2018", tr, False, "BSZ",
        "N. Gubernari, A. Kokulu, D. van Dyk, JHEP 02 (2019) 150, arXiv:1811.00983 (BSZ, LCSR + lattice)",
        f"flavio (MIT) data/arXiv-1811-00983v1/{fname}_LCSR-Lattice.json; resonance mass m+ = {mres} as in arXiv:1811.00983",
        mp, md, ["a0_f+", "a1_f+", "a2_f+"], means, cov, [("f+", mres, ["a0_f+", "a1_f+", "a2_f+"])])

# B -> pi: Leljak, Melic, van Dyk 2021 (BCL, K = 4; flavio's default), f+ only
y = yaml.safe_load(open(f"{src}/arXiv-2102.07233v2_LCSR-LQCD_mod_BCL_params_K=4.yaml"))
e = y["B->pi::BCL(K=4)_LQCD+LCSR@LvDM2021"]
idx = [0, 1, 2, 3]
fit("B->pi:LMvD2021", "B->pi", True, "BCL",
    "D. Leljak, B. Melic, D. van Dyk, JHEP 07 (2021) 036, arXiv:2102.07233 (BCL, K = 4, LCSR + lattice)",
    "flavio (MIT) data/arXiv-2102.07233v2/LCSR-LQCD_mod_BCL_params_K=4.yaml; m+ = 5.325, z with m_B = 5.279, m_pi = 0.135 as in arXiv:2102.07233",
    5.279, 0.135, ["f+(0)", "b1_f+", "b2_f+", "b3_f+"],
    [e["medians"][i] for i in idx], [[e["covariance"][i][j] for j in idx] for i in idx],
    [("f+", 5.325, ["f+(0)", "b1_f+", "b2_f+", "b3_f+"])])

# B -> K*, B -> rho: Bharucha, Straub, Zwicky 2015 (BSZ, 3 parameters; flavio's default)
for tr, fname, fitname, md, res in [
        ("B->K*", "BKstar", "LCSR-Lattice", 0.89555, (5.367, 5.415, 5.830)),
        ("B->rho", "Brho", "LCSR", 0.77526, (5.279, 5.324, 5.716))]:
    keep = [("A0", "a0"), ("A1", "a0"), ("A1", "a1"), ("A1", "a2"), ("A12", "a1"), ("A12", "a2"),
            ("V", "a0"), ("V", "a1"), ("V", "a2")]
    means, cov = bsz_json(f"{src}/arXiv-1503-05534v2_{fname}_{fitname}.json", keep)
    names = [f"{a}_{f}" for f, a in keep]
    m0, m1m, m1p = res
    fit(f"{tr}:BSZ2015", tr, True, "BSZ",
        f"A. Bharucha, D. M. Straub, R. Zwicky, JHEP 08 (2016) 098, arXiv:1503.05534 (BSZ, {fitname})",
        f"flavio (MIT) data/arXiv-1503-05534v2/{fname}_{fitname}.json; resonance masses (0-, 1-, 1+) = {res} of arXiv:1503.05534; a0 of A12 fixed by A12(0) = (m_B^2 - m_V^2) A0(0)/(8 m_B m_V)",
        5.27972, md, names, means, cov,
        [("A0", m0, ["a0_A0"]), ("A1", m1p, ["a0_A1", "a1_A1", "a2_A1"]),
         ("A12", m1p, ["a0_A0", "a1_A12", "a2_A12"]), ("V", m1m, ["a0_V", "a1_V", "a2_V"])])

print("""# B -> P and B -> V form factors for B -> K Z', B -> pi Z', B -> K* Z', B -> rho Z'
# (crates/zprime/src/observables/b_decays.rs). Generated by make_b_meson.py (this folder) from
# the flavio (MIT licence, github.com/flav-io/flavio) form-factor files, which carry the
# published fits: every [[fit]] names its paper (reference) and flavio file (source).
#
# Fields of a [[fit]]:
#   id, transition ("B->K", "B->pi", "B->K*", "B->rho"), default (the fit the observables use;
#   one per transition), parametrization:
#     "BSZ": F(q2) = sum_k a_k [z(q2) - z(0)]^k / (1 - q2/pole_mass^2)
#            (Bharucha, Straub, Zwicky, arXiv:1503.05534, Eq. 10),
#     "BCL": f(q2) = f(0) [1 + sum_{k=1}^{K-1} b_k (z^k - z0^k - (-1)^(k-K) (k/K) (z^K - z0^K))]
#            / (1 - q2/pole_mass^2), K = number of parameters (the form of arXiv:2102.07233
#            as flavio evaluates it: the b_k multiply f(0));
#   z(q2) = (sqrt(t+ - q2) - sqrt(t+ - t0))/(sqrt(t+ - q2) + sqrt(t+ - t0)),
#   t+ = (m_parent + m_daughter)^2, t0 = t+ (1 - sqrt(1 - t-/t+)), t- = (m_parent - m_daughter)^2;
#   parameters (names), means, covariance (of these parameters: the marginal of the fit's
#   multivariate Gaussian); [[fit.form_factor]]: name, pole_mass (GeV), coefficients (the
#   parameter multiplying each power; "a0_A0" in A12 means a0 of A12 fixed by
#   A12(0) = (m_B^2 - m_V^2) A0(0)/(8 m_B m_V), arXiv:1503.05534 Eq. 16).""")
print("".join(out))
