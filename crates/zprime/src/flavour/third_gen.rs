//! Mechanism (c): a Z' coupled to the third (B₃) or second (B₂) generation of quarks with
//! strength ε g/3 (paper 003 model II, (L_μ − L_τ) + ε(B₃ − L_τ), Sec. 4.1 and App. B).
//!
//! Paper 003 Eq. (4.5): `L_eff ⊃ (1/3)(g² ε g_X V_ts V*_td/16π²) F₁(x_t) [d̄_Lγ^μs_L] X_μ
//! + (same with V_tb V*_ts) [s̄_Lγ^μb_L] X_μ + h.c.`, with F₁ of Eq. (4.6)/(B.12)
//! ([`crate::loops::functions::f1`]), x_t = m_t²/m_W²; for B₂ the same with the charm quark
//! (text above Eq. 4.13). Our derivation of the two diagrams (W and charged Goldstone, Feynman
//! gauge, Z' on the top line, q² → 0; [`super::w_loop`]) gives the same structure,
//! `−(1 + x/2)(A + B) + constants`, with the sign of Eq. (4.5) relative to the Lagrangian: in
//! the convention of DESIGN.md (`L ⊃ −g_ds d̄_Lγs_L Z'`)
//!
//! `g_ds = −(g₂² g Q₃/16π²) V*_td V_ts F₁(x_t) − (g₂² g Q₂/16π²) V*_cd V_cs F₁(x_c)`,
//!
//! Q₃ = ε/3 (Q₂) the charge of the third (second) quark generation. Paper 003's Eq. (4.5)
//! writes `+g^eff` in L, opposite to its own Eq. (2.1): its Eq. (4.7), (4.8), (4.13), (4.14)
//! numbers are −g in the convention of Eq. (2.1) and of zprime.
//!
//! Approximations of the paper, kept here: only the top (charm) line (the tree-level up-type
//! FCNC couplings of the third generation, Fig. 4 right, are not fed into the loop), external
//! masses and q² neglected, UV pole and constants dropped (F₁ is the MS-bar-like value at
//! μ = m_W: the tt piece alone is UV divergent, with pole coefficient ∝ (1 + x_t/2); the
//! result is scheme dependent), external-leg diagrams absent (d and s are uncharged for B₃;
//! for B₂ the s quark is charged and they would contribute). Erratum: the closed form printed
//! for B(x) in Eq. (B.9) does not equal its defining integral (see `loops::functions::b_fn`);
//! F₁ is used as printed in Eq. (4.6), which is what the paper's numbers use.

use crate::ckm::Matrix3;
use crate::loops::functions::f1;
use num_complex::Complex64 as C64;
use std::f64::consts::PI;

/// The induced coupling g_ij (d_j → d_i) for generation charges `q3`, `q2` (third, second
/// generation quarks, in units of g) and gauge coupling `g`.
#[allow(clippy::too_many_arguments)]
pub fn induced(
    v: &Matrix3,
    i: usize,
    j: usize,
    g: f64,
    q3: f64,
    q2: f64,
    m_up: [f64; 3],
    mw: f64,
    g2sq: f64,
) -> C64 {
    let k = -g2sq * g / (16.0 * PI * PI);
    let mut out = C64::new(0.0, 0.0);
    if q3 != 0.0 {
        out += k * q3 * v[2][i].conj() * v[2][j] * f1((m_up[2] / mw).powi(2));
    }
    if q2 != 0.0 {
        out += k * q2 * v[1][i].conj() * v[1][j] * f1((m_up[1] / mw).powi(2));
    }
    out
}

/// Mechanism `third-generation`: the couplings above with the point's charges of the second
/// and third quark doublets (Q₂ = `q_L[1]`, Q₃ = `q_L[2]`; paper 003 model II has Q₃ = ε/3).
pub struct ThirdGeneration;

impl super::Mechanism for ThirdGeneration {
    fn name(&self) -> &'static str {
        "third-generation"
    }
    fn description(&self) -> &'static str {
        "top (charm) loop of a second- or third-generation quark charge, F_1 of paper 003 Eq. 4.5-4.6"
    }
    fn parameters(&self) -> &'static [&'static str] {
        &[]
    }
    /// The loop above on the left-handed down-type couplings, and at tree level (paper 003
    /// Eq. 4.19, "due to SU(2)_L gauge invariance"), with the down-type left-handed quarks in
    /// the flavour basis (D_L = 1, U_L = V_CKM, as the paper assumes), the doublet charges Q_k
    /// rotated into the up-type mass basis, `L^(u) = g V diag(Q) V†`: g^L_uc = g Σ_k V_uk Q_k V*_ck
    /// (the universal part cancels by unitarity), g Q₃ V_ub V*_cb for B₃, ≈ (1.6 − 4.5i)e-5 εg.
    fn couplings(
        &self,
        p: &crate::model::Point,
        env: &super::Environment,
    ) -> crate::error::Result<super::QuarkCouplings> {
        let (q3, q2c) = (p.charges.q_l[2], p.charges.q_l[1]);
        let sm = env.sm;
        let mut out = super::QuarkCouplings::from_charges(p);
        for (t, &(i, j)) in super::DOWN_TRANSITIONS.iter().zip(super::PAIRS.iter()) {
            let g = induced(env.ckm, i, j, p.g, q3, q2c, sm.m_up, sm.m_w, env.g2sq);
            out.set_left(*t, g);
        }
        out.up_left = super::rotate_diagonal(env.ckm, p.charges.q_l.map(|q| p.g * q));
        Ok(out)
    }
}
