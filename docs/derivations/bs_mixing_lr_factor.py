#!/usr/bin/env python3
"""The weight of C_LR relative to C_LL in B_s mixing (paper 004 Eq. 18: "9.7"), at leading order.

Paper 004 writes M12/M12_SM = 1 + (C_LL + C_RR + 9.7 C_LR)/N_SM with its C_LL = -8 CVLL and
C_LR = 4 CVLR (WCxf flavio basis, observables::meson_mixing). With flavio's matrix elements
(M12 = -sum_i C_i <O_i>, <O_i> = <B_s|O_i|B_s-bar>/2M; physics/mesonmixing/amplitude.py)

    <VLL> = m f^2 B1/3,  <VLR> = -m f^2 B5 r/6,  <SLR> = m f^2 B4 r/4,  r = (m_Bs/(m_b + m_s))^2,

the weight is f = -2 <VLR>_eff/<VLL>_eff, where _eff includes the LO QCD running of the
coefficients from the new-physics scale mu_H down to mu_b. The LR sector (O1 = VLR,
O2 = SLR) has the LO anomalous-dimension matrix (Buras, Misiak, Urban, Nucl. Phys. B 586
(2000) 397) gamma = [[6/N, 12], [0, -6N + 6/N]] (dC/dln mu = alpha_s/4pi gamma^T C), VLL has
6 - 6/N. Solution for C1(mu_H) = 1, C2(mu_H) = 0 with x = alpha_s(mu_b)/alpha_s(mu_H):
C1 = x^(-g11/2b0), C2 = g12/(g11 - g22) (x^(-g11/2b0) - x^(-g22/2b0)), piecewise in n_f.

Inputs (flavio parameters_uncorrelated/correlated.yml, as in /work/shared/data): alpha_s(m_Z)
= 0.1184, B1 = 0.826, B4 = 1.149, B5 = 1.873 (GSSS 2023 combination, arXiv:2212.10497, in
flavio's normalization), m_b(m_b) = 4.18 GeV, m_s(2 GeV) = 0.0935 GeV, m_t(m_t) = 162.5 GeV,
mu_b = 4.2 GeV (flavio's B_s-mixing scale).

Result (printed below): f = 8.6 for mu_H = 1 TeV, 9.2 at 1.8 TeV, 9.6 at 2.7 TeV (9.7 at about 3 TeV),
10.3 at 5 TeV, 12.1 at 25 TeV. Paper 004's 9.7 (from the UTfit matrix elements of its
Ref. [24]) corresponds to mu_H of a few TeV, the vector-like-quark scale of its Fig. 2
(right): reproduced at LO; the value shipped (input Bs_mixing_LR_factor) is 004's.
Run: python3 docs/derivations/bs_mixing_lr_factor.py
"""
import math

ALPHA_S_MZ, M_Z, M_T, M_B = 0.1184, 91.1876, 162.5, 4.18
B1, B4, B5, M_BS = 0.826, 1.149, 1.873, 5.36693
MS_2GEV, MU_B = 0.0935, 4.2


def beta0(nf):
    return 11.0 - 2.0 * nf / 3.0


def run(a0, m0, m1, nf):
    return a0 / (1.0 + beta0(nf) * a0 / (2.0 * math.pi) * math.log(m1 / m0))


def alpha_s(mu):
    if mu > M_T:
        return run(run(ALPHA_S_MZ, M_Z, M_T, 5), M_T, mu, 6)
    if mu > M_B:
        return run(ALPHA_S_MZ, M_Z, mu, 5)
    return run(run(ALPHA_S_MZ, M_Z, M_B, 5), M_B, mu, 4)


def evolve(c, a_high, a_low, nf):
    """(C_VLR, C_SLR, C_VLL) from a_high down to a_low with nf flavours, LO."""
    g11, g12, g22, gll = 2.0, 12.0, -16.0, 4.0
    b, x = beta0(nf), a_low / a_high
    e1, e2 = x ** (-g11 / (2 * b)), x ** (-g22 / (2 * b))
    c1, c2, cll = c
    return (c1 * e1, c2 * e2 + c1 * g12 / (g11 - g22) * (e1 - e2), cll * x ** (-gll / (2 * b)))


def lr_factor(mu_h):
    c = (1.0, 0.0, 1.0)
    top = mu_h
    if mu_h > M_T:
        c, top = evolve(c, alpha_s(mu_h), alpha_s(M_T), 6), M_T
    c = evolve(c, alpha_s(top), alpha_s(MU_B), 5)
    # quark masses at mu_b (LO: m ~ alpha_s^(12/(33 - 2 nf)))
    m_b = M_B * (alpha_s(MU_B) / alpha_s(M_B)) ** (12.0 / 23.0)
    m_s = MS_2GEV * (alpha_s(MU_B) / alpha_s(2.0)) ** (12.0 / 25.0)
    r = (M_BS / (m_b + m_s)) ** 2
    vll = c[2] * B1 / 3.0
    vlr = c[0] * (-B5 * r / 6.0) + c[1] * (B4 * r / 4.0)
    return -2.0 * vlr / vll


if __name__ == "__main__":
    for mu in (1000.0, 1800.0, 2700.0, 5000.0, 25000.0):
        print(f"mu_H = {mu:7.0f} GeV: f = {lr_factor(mu):.2f}")
