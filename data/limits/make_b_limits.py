#!/usr/bin/env python3
"""Regenerate the B-decay limit files data/limits/b_*.csv (issue 10) from the public tables
kept in shared/data/limits (ALPaca, MIT licence, github.com/alp-aca/alp-aca) and the numbers
of CURRENT_INPUTS.md section 5. Run: python3 make_b_limits.py SHARED_LIMITS_DIR [LHCB_OUTPUT_DIR] (writes here; every
CSV under data/limits/ is a constraint by itself, with the `id` and `label` of its header).

Column meanings were checked against ALPaca's loaders (alpaca/experimental_data/classes.py,
measurements_exp.py): MeasurementInterpolated reads (m_X, central, lower edge, upper edge);
Babar_BtoK_bestfit.txt and BelleII_BtoKinv.txt follow that order, while BKinv_combined.txt and
Babar_BKstarinv.txt store (m_X, central, upper, lower), as their headers say (ALPaca has the
combined file commented out; its K* file is read with the edges swapped). ALPaca uses the edges
as asymmetric 1-sigma errors in its chi-square (statistics/chisquared.py); the source tables do
not state a CL, so the upper edges are shipped as limits with cl 0.68 and a note.
The displaced-vertex grids (B+ -> K+ X, X -> mu mu) are upper limits on BR x BR(X -> mu mu)
vs m_X and the proper lifetime tau_X (ALPaca MeasurementDisplacedVertexBound, 95% CL), made for
a spin-0 X; c tau = c * tau."""
import math, os, sys

src = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
C_M_PER_PS = 2.99792458e8 * 1e-12
M_BP, M_B0 = 5.27941, 5.27972
M = {"K+": 0.493677, "K0": 0.497611, "K*+": 0.89167, "K*0": 0.89555, "pi+": 0.13957039,
     "pi0": 0.1349768, "rho+": 0.77511, "rho0": 0.77526}

IDS = {'b_kplus_nunu_babar2010.csv': ('B->Knunu:BaBar2010', 'B+ -> K+ nu nu BaBar 2010'), 'b_kplus_nunu_belle2017.csv': ('B->Knunu:Belle2017', 'B+ -> K+ nu nu Belle 2017'), 'b_kzero_nunu_belle2017.csv': ('B0->K0nunu:Belle2017', 'B0 -> K0 nu nu Belle 2017'), 'b_kstarplus_nunu_belle2017.csv': ('B->K*nunu:Belle2017', 'B+ -> K*+ nu nu Belle 2017'), 'b_kstarzero_nunu_belle2017.csv': ('B0->K*0nunu:Belle2017', 'B0 -> K*0 nu nu Belle 2017'), 'b_piplus_nunu_belle2017.csv': ('B->pinunu:Belle2017', 'B+ -> pi+ nu nu Belle 2017'), 'b_pizero_nunu_belle2017.csv': ('B0->pi0nunu:Belle2017', 'B0 -> pi0 nu nu Belle 2017'), 'b_rhoplus_nunu_belle2017.csv': ('B->rhonunu:Belle2017', 'B+ -> rho+ nu nu Belle 2017'), 'b_rhozero_nunu_belle2017.csv': ('B0->rho0nunu:Belle2017', 'B0 -> rho0 nu nu Belle 2017'), 'b_kplus_inv_babar_reinterpreted.csv': ('B->Kinv:BaBar-reinterpreted', 'B+ -> K+ X BaBar (reinterpreted)'), 'b_kstarzero_inv_babar_reinterpreted.csv': ('B0->K*inv:BaBar-reinterpreted', 'B0 -> K*0 X BaBar (reinterpreted)'), 'b_kplus_inv_belle2_2023.csv': ('B->Kinv:BelleII2023', 'B+ -> K+ X Belle II 2023'), 'b_kplus_mumu_belle2_2023.csv': ('B->Kmumu:BelleII2023', 'B+ -> K+ X(-> mu mu) Belle II 2023'), 'b_kplus_mumu_lhcb2016.csv': ('B->Kmumu:LHCb2016', 'B+ -> K+ X(-> mu mu) LHCb 2016')}

def write(name, header, columns, rows, folder=here):
    cid, label = IDS[name]
    header = [("id", cid), ("label", label)] + header
    with open(os.path.join(folder, name), "w") as f:
        for k, v in header:
            f.write(f"# {k}: {v}\n")
        f.write(",".join(columns) + "\n")
        for r in rows:
            f.write(",".join(x if isinstance(x, str) else repr(float(x)) for x in r) + "\n")

BELLE17 = ("Belle Collaboration (J. Grygier et al.), Phys. Rev. D 96, 091101 (2017), "
           "arXiv:1702.03224 (semileptonic tag)")
FLAT_NOTE = ("the 90% CL limit on the three-body B -> M nu nu applied as a flat limit on the "
             "two-body B -> M Z' (Z' invisible), as papers 002 and 003 do; the search's "
             "efficiency for a monochromatic meson is not flat in m_Z', so this is approximate "
             "(CURRENT_INPUTS.md section 5)")
# Distance within which a visible Z' decay would spoil an invisible search (ALPaca's rmax:
# 50 cm for BaBar, 100 cm for Belle II; Belle, of the same size as Belle II, taken as 1 m).
# Boost: the Z' of a two-body B decay has beta gamma = p*/m_Z', p* its momentum in the B frame,
# (m_B^2 - m_M^2)/(2 m_B) for a light Z' (2.56-2.64 GeV by mode; smaller for a heavy Z': the
# typical value overestimates the boost, and the escape probability, near threshold); the B's
# own lab boost (beta gamma 0.28 at Belle II, 0.56 at BaBar) is neglected.
def p_star(mb, d):
    return round((mb * mb - M[d] ** 2) / (2 * mb), 3)

L_BABAR, L_BELLE = "0.5", "1.0"
flat = [
    ("b_kplus_nunu_babar2010.csv", "BR(B+->KZp)", 1.3e-5, M_BP, "K+",
     "BaBar Collaboration (P. del Amo Sanchez et al.), Phys. Rev. D 82, 112002 (2010), "
     "arXiv:1009.1529 (semileptonic tag; INSPIRE delAmoSanchez:2010bk, as in flavio)"),
    ("b_kplus_nunu_belle2017.csv", "BR(B+->KZp)", 1.9e-5, M_BP, "K+", BELLE17),
    ("b_kzero_nunu_belle2017.csv", "BR(B0->KZp)", 2.6e-5, M_B0, "K0", BELLE17),
    ("b_kstarplus_nunu_belle2017.csv", "BR(B+->K*Zp)", 6.1e-5, M_BP, "K*+", BELLE17),
    ("b_kstarzero_nunu_belle2017.csv", "BR(B0->K*Zp)", 1.8e-5, M_B0, "K*0", BELLE17),
    ("b_piplus_nunu_belle2017.csv", "BR(B+->piZp)", 1.4e-5, M_BP, "pi+", BELLE17),
    ("b_pizero_nunu_belle2017.csv", "BR(B0->piZp)", 0.9e-5, M_B0, "pi0", BELLE17),
    ("b_rhoplus_nunu_belle2017.csv", "BR(B+->rhoZp)", 3.0e-5, M_BP, "rho+", BELLE17),
    ("b_rhozero_nunu_belle2017.csv", "BR(B0->rhoZp)", 4.0e-5, M_B0, "rho0", BELLE17),
]
for name, obs, lim, mb, d, ref in flat:
    length = L_BABAR if "babar" in name else L_BELLE
    write(name, [("reference", ref), ("observable", obs), ("final_state", "invisible"),
                 ("decay_length_m", length), ("boost_momentum_gev", str(p_star(mb, d))),
                 ("cl", "0.90"), ("mass_unit", "GeV"), ("unit", "1"), ("interpolation", "linear"),
                 ("note", FLAT_NOTE)],
          ["mass", "limit"], [(1e-9, lim), (round(mb - M[d], 6), lim)])

def table(path):
    rows = []
    for l in open(path):
        if l.startswith("#") or not l.strip():
            continue
        rows.append([float(x) for x in l.split()])
    return rows

EDGE_NOTE = ("upper edge of the interval the source table gives for BR(B -> M X), X invisible, "
             "two-body; ALPaca uses the edges as 1-sigma errors, the CL is not stated: an "
             "approximate exclusion (data/limits/make_b_limits.py)")
# (file, source, column of the upper edge, observable, reference, parent, daughter)
edges = [
    ("b_kplus_inv_babar_reinterpreted.csv", "Babar_BtoK_bestfit.txt", 3, "BR(B+->KZp)",
     "BaBar, Phys. Rev. D 87, 112005 (2013), arXiv:1303.7465, reinterpreted for a light "
     "invisible X by W. Altmannshofer, A. Crivellin, H. Haigh, G. Inguglia, J. Martin Camalich, "
     "arXiv:2311.14629 (INSPIRE Altmannshofer:2023hkn); table via ALPaca (MIT)", M_BP, "K+"),
    ("b_kstarzero_inv_babar_reinterpreted.csv", "Babar_BKstarinv.txt", 2, "BR(B0->K*Zp)",
     "BaBar, Phys. Rev. D 87, 112005 (2013), arXiv:1303.7465, reinterpreted for a light "
     "invisible X by Altmannshofer et al., arXiv:2311.14629; table via ALPaca (MIT)", M_B0, "K*0"),
    ("b_kplus_inv_belle2_2023.csv", "BelleII_BtoKinv.txt", 3, "BR(B+->KZp)",
     "Belle II, Phys. Rev. D 109, 112006 (2024), arXiv:2311.14647 (the 2023 B+ -> K+ nu nu "
     "evidence), light-mediator reading cited by ALPaca as INSPIRE Abumusabh:2025zsr; table via "
     "ALPaca (MIT)", M_BP, "K+"),
]
for name, srcname, col, obs, ref, mb, d in edges:
    top = mb - M[d]
    rows = [(r[0], r[col]) for r in table(os.path.join(src, srcname)) if 0 < r[0] < top and 0 < r[col] < 1]
    extra = []
    if srcname == "BelleII_BtoKinv.txt":
        extra = [("band", "the same table's central value and lower edge (columns 2, 3) are "
                  "non-zero between m_X = 1.66 and 2.44 GeV: the excess, best fit "
                  "BR = 7.0e-6 [4.2e-6, 9.8e-6] at 2.05 GeV (Gaertner et al., arXiv:2602.09666: "
                  "m_X = 2.1 GeV, BR x P_inv = 9.2 +1.8 -3.4 e-6); not drawn as a band yet")]
    length = L_BABAR if "babar" in name else L_BELLE
    write(name, [("reference", ref), ("observable", obs), ("final_state", "invisible"),
                 ("decay_length_m", length), ("boost_momentum_gev", str(p_star(mb, d))), ("cl", "0.68"), ("mass_unit", "GeV"), ("unit", "1"), ("interpolation", "linear"),
                 ("note", EDGE_NOTE)] + extra, ["mass", "limit"], rows)

def grid(srcname, name, ref, cl, mass_step, tau_step, folder=here):
    lines = open(os.path.join(src, srcname)).read().splitlines()
    taus = [float(x) for x in [l for l in lines if l.startswith("# log10_tau_ps")][0].split()[2:]]
    rows = table(os.path.join(src, srcname))
    order = sorted(range(len(taus)), key=lambda j: taus[j])
    order = [j for j in order if math.isfinite(taus[j])][::tau_step]
    out = []
    for r in rows[::mass_step]:
        for j in order:
            v = r[1 + j]
            out.append((r[0], 10 ** taus[j] * C_M_PER_PS, "nan" if math.isnan(v) else 10 ** v))
    write(name, [("reference", ref), ("observable", "BR(B+->KZp)"), ("final_state", "mumu"),
                 ("lifetime", "ctau(Zp)"), ("cl", cl), ("mass_unit", "GeV"), ("ctau_unit", "m"),
                 ("unit", "1"),
                 ("note", "upper limit on BR(B+ -> K+ X) x BR(X -> mu mu) vs m_X and the proper "
                  "c tau of X (the grid folds in the experiment's boost and acceptance); made "
                  "for a spin-0 X, acceptance nearly spin independent; every "
                  f"{mass_step}th mass and every {tau_step}th lifetime of the ALPaca table (1: all)"),
                 ("source", f"ALPaca (MIT) alpaca/experimental_data/visible/{srcname}")],
          ["mass", "ctau", "limit"], out, folder)

grid("belleII_bkmumu_displ.txt", "b_kplus_mumu_belle2_2023.csv",
     "Belle II, Phys. Rev. D 108, L111104 (2023), arXiv:2306.02830 (INSPIRE Belle-II:2023ueh)",
     "0.95", 8, 1)
# LHCb: nan entries (vetoed masses, no limit there); written when a second argument names the
# output folder (data/limits/ for the shipped file).
if len(sys.argv) > 2:
    grid("lhcb_bkmumu_displ.txt", "b_kplus_mumu_lhcb2016.csv",
         "LHCb, Phys. Rev. D 95, 071101 (2017), arXiv:1612.07818 (INSPIRE LHCb:2016awg)",
         "0.95", 2, 10, sys.argv[2])
