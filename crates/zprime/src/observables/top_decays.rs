//! Top-quark decays to a Z' and the up-type flavour-changing couplings as observables
//! (issue 12 item 3; DESIGN.md names `BR(t->cZp)`, `BR(t->uZp)`, `Re g_ctZp`, ...).
//!
//! # Width
//!
//! For `L ⊃ −Z'_μ q̄ γ^μ (a P_L + b P_R) t + h.c.` (a = L^(u)_qt, b = R^(u)_qt of
//! [`crate::flavour::QuarkCouplings`], q = c or u), summing the Z' polarizations with
//! −g^μν + q^μq^ν/m_Z'² and averaging the top spin,
//!
//! `Γ(t → q Z') = m_t³/(32π m_Z'²) λ^{1/2}(1, x_q, x) {(|a|² + |b|²) [(1 − x_q)² + x(1 + x_q) − 2x²] − 12 x √x_q Re(a b*)}`,
//!
//! x = m_Z'²/m_t², x_q = m_q²/m_t². It is the t → bW width with a = g₂/√2, b = 0
//! (G_F m_t³/(8√2π) (1 − x)²(1 + 2x) at m_b = 0, a test). The 1/m_Z'² is the longitudinal
//! Z' (equivalently its Goldstone boson, with coupling m_t a/m_Z'): a light Z' is emitted
//! mostly longitudinally. A test checks the formula against an explicit sum over Dirac
//! spinors and the three polarization vectors.
//!
//! `BR(t->cZp)` divides by Γ_t (measured, PDG) plus the two new widths.
//!
//! # Paper 004 Eq. (24)
//!
//! Paper 004 writes `BR(t → Z'c) ≃ 2 (1 − x')²(1 + 2x')/((1 − x)²(1 + 2x)) × (|Y_Qt Y*_Qc|² v² v_Φ²/(4m_Q⁴) + |Y_Ut Y*_Uc|² v² v_Φ²/(4m_U⁴))`
//! (x = m_W²/m_t², x' = m_Z'²/m_t²), normalised to Γ(t → bW). From the width above with
//! paper 004's own couplings (Eq. 8, 13: L^(u)_ct = g' Y_Qc Y*_Qt v_Φ²/(2m_Q²), m_Z' = g' v_Φ)
//! and m_W = g₂ v/2,
//!
//! `Γ(t → cZ')/Γ(t → bW) = 2|a|² m_W²/(g₂² m_Z'²) × (phase space) = |Y_Qt Y*_Qc|² v² v_Φ²/(8 m_Q⁴) × (phase space)`:
//!
//! the printed form is 4 times larger with v = 246 GeV (2 times with v = 174 GeV). The
//! paper's statement, "at most few × 10⁻⁷" for Re(Y_Qt Y*_Qc)/(2m_Q²) = 1/(35 TeV)² and
//! v_Φ = 1.8 TeV, is Eq. (24) with v = 246 GeV (3.0e-7); the width above gives 7.4e-8
//! (test `paper_004_eq_24_is_four_times_the_width`).
//!
//! # Paper 000
//!
//! Paper 000 shows B(t → cZ') as the backdrop of its Fig. 2 and states B(t → cZ') ≲ 10⁻⁷ for
//! |Y_Uc| < 0.2: here from the tree-level right-handed g_ct of its vector-like quark
//! ([`crate::flavour::up_vlq`]), checked in a test at the figure's corner.

use super::{Context, Observable};
use crate::error::Result;
use crate::flavour::{quark_couplings, QuarkCouplings, Transition};
use crate::math::kallen;
use std::f64::consts::PI;

/// Γ(t → q Z') in GeV for the couplings a (left), b (right), masses m_t, m_q, m_Z' (GeV);
/// 0 when the decay is closed (module documentation).
pub fn t_to_q_width(
    a: num_complex::Complex64,
    b: num_complex::Complex64,
    m_t: f64,
    m_q: f64,
    m_zp: f64,
) -> f64 {
    if m_zp <= 0.0 || m_zp + m_q >= m_t {
        return 0.0;
    }
    let x = (m_zp / m_t).powi(2);
    let xq = (m_q / m_t).powi(2);
    let lambda = kallen(1.0, xq, x).max(0.0);
    let bracket = (a.norm_sqr() + b.norm_sqr())
        * ((1.0 - xq).powi(2) + x * (1.0 + xq) - 2.0 * x * x)
        - 12.0 * x * xq.sqrt() * (a * b.conj()).re;
    (m_t.powi(3) / (32.0 * PI * m_zp * m_zp) * lambda.sqrt() * bracket).max(0.0)
}

/// (Γ(t → cZ'), Γ(t → uZ')) in GeV.
fn widths(ctx: &Context, c: &QuarkCouplings) -> Result<(f64, f64)> {
    let m_t = ctx.inputs.value("m_t")?;
    let m = ctx.point.mass;
    let width = |t: Transition, m_q: f64| t_to_q_width(c.left(t), c.right(t), m_t, m_q, m);
    Ok((
        width(Transition::Ct, ctx.sm.m_up[1]),
        width(Transition::Ut, ctx.sm.m_up[0]),
    ))
}

/// `BR(t->cZp)`: Γ(t → cZ') / (Γ_t + Γ(t → cZ') + Γ(t → uZ')).
pub fn br_t_to_c(ctx: &Context) -> Result<f64> {
    let (c, u) = widths(ctx, &quark_couplings(ctx.point, ctx.sm, ctx.inputs)?)?;
    Ok(c / (ctx.inputs.value("Gamma_t")? + c + u))
}

/// `BR(t->uZp)`: Γ(t → uZ') / (Γ_t + Γ(t → cZ') + Γ(t → uZ')).
pub fn br_t_to_u(ctx: &Context) -> Result<f64> {
    let (c, u) = widths(ctx, &quark_couplings(ctx.point, ctx.sm, ctx.inputs)?)?;
    Ok(u / (ctx.inputs.value("Gamma_t")? + c + u))
}

quark_coupling_observable!(re_g_ct, left, Ct, re);
quark_coupling_observable!(im_g_ct, left, Ct, im);
quark_coupling_observable!(re_gr_ct, right, Ct, re);
quark_coupling_observable!(im_gr_ct, right, Ct, im);
quark_coupling_observable!(re_g_ut, left, Ut, re);
quark_coupling_observable!(im_g_ut, left, Ut, im);
quark_coupling_observable!(re_gr_ut, right, Ut, re);
quark_coupling_observable!(im_gr_ut, right, Ut, im);

const REF: &str = "the flavour mechanism of the model (fcnc: given; third-generation: L^(u) = g V diag(Q) V^dagger, paper 003 Eq. 4.19; b-l-23: paper 002 Eq. 3.3-3.4; lmu-ltau-uvlq: tree-level mixing of U with c_R, t_R)";
const TOP_REF: &str = "observables::top_decays: the width from the Lagrangian (paper 004 Eq. 24 is 4 times it, v = 246 GeV); Gamma_t PDG 2024";

/// The observables of this area.
#[rustfmt::skip]
pub(crate) const OBSERVABLES: &[Observable] = &[
    Observable::simple("Re g_ctZp", "Re g^L_ct, L = -g_ct (c_L-bar gamma^mu t_L) Z'_mu + h.c., at q^2 = m_Z'^2", r"\mathrm{Re}\,g_{ctZ'}", "1", Some(1), REF, re_g_ct),
    Observable::simple("Im g_ctZp", "Im g^L_ct", r"\mathrm{Im}\,g_{ctZ'}", "1", Some(1), REF, im_g_ct),
    Observable::simple("Re gR_ctZp", "Re g^R_ct, L = -g^R_ct (c_R-bar gamma^mu t_R) Z'_mu + h.c.", r"\mathrm{Re}\,g^R_{ctZ'}", "1", Some(1), REF, re_gr_ct),
    Observable::simple("Im gR_ctZp", "Im g^R_ct", r"\mathrm{Im}\,g^R_{ctZ'}", "1", Some(1), REF, im_gr_ct),
    Observable::simple("Re g_utZp", "Re g^L_ut, L = -g_ut (u_L-bar gamma^mu t_L) Z'_mu + h.c.", r"\mathrm{Re}\,g_{utZ'}", "1", Some(1), REF, re_g_ut),
    Observable::simple("Im g_utZp", "Im g^L_ut", r"\mathrm{Im}\,g_{utZ'}", "1", Some(1), REF, im_g_ut),
    Observable::simple("Re gR_utZp", "Re g^R_ut, L = -g^R_ut (u_R-bar gamma^mu t_R) Z'_mu + h.c.", r"\mathrm{Re}\,g^R_{utZ'}", "1", Some(1), REF, re_gr_ut),
    Observable::simple("Im gR_utZp", "Im g^R_ut", r"\mathrm{Im}\,g^R_{utZ'}", "1", Some(1), REF, im_gr_ut),
    Observable::simple("BR(t->cZp)", "BR(t -> c Z') = Gamma(t -> c Z') / (Gamma_t + Gamma(t -> c Z') + Gamma(t -> u Z')), through g^L_ct and g^R_ct", r"\mathrm{BR}(t\to cZ')", "1", None, TOP_REF, br_t_to_c),
    Observable::simple("BR(t->uZp)", "BR(t -> u Z') = Gamma(t -> u Z') / (Gamma_t + Gamma(t -> c Z') + Gamma(t -> u Z')), through g^L_ut and g^R_ut", r"\mathrm{BR}(t\to uZ')", "1", None, TOP_REF, br_t_to_u),
];

#[cfg(test)]
mod tests;
