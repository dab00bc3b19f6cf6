//! D⁺ → π⁺ Z' through the up-type coupling g_uc (paper 003 Sec. 4.2.2, Eq. 4.24), and the
//! observables of the right-handed and up-type flavour-changing couplings (next to `Re g_dsZp`
//! of `k_to_pi` in `zprime point`).
//!
//! For `L ⊃ −Z'_μ [g^L_uc ūγ^μP_L c + g^R_uc ūγ^μP_R c] + h.c.` the same calculation as
//! K → π Z' (`k_to_pi`) gives
//!
//! `Γ(D⁺ → π⁺ Z') = |g^L_uc + g^R_uc|² λ(m_D², m_π², m_Z'²)^{3/2} f₊(m_Z'²)² / (64π m_Z'² m_D³)`,
//!
//! with a single-pole form factor f₊(q²) = `fplus_Dpi_0`/(1 − q²/m_D*⁰²) (the D*⁰ = cū vector
//! pole). Today's f₊(0) = 0.6300(51) (Fermilab/MILC 2023); paper 003 uses the heavy-meson
//! chiral form `(f_D/f_π) g_D*Dπ/(1 − q²/m_D*²)` with f_D = 200 MeV, f_π = 130 MeV,
//! g_D*Dπ = 0.59, i.e. f₊(0) = 0.908 (input set `jho2020`).
//!
//! Normalization (checked in the tests): paper 003 Eq. (4.24) prints
//! `Γ = m_D³ |F₊|² |g_uc|² / (144π m_Z'²)`, which is 64/144 = 4/9 of the m_π, m_Z' → 0 limit of
//! the formula above, itself the paper's own Eq. (2.2) for K → π X with K → D: Eq. (4.24) has
//! no phase-space factor λ^{3/2}/m_D⁶ and a 1/(144π) where the same Lagrangian gives 1/(64π).
//! (1/144π = (1/3)²/(16π): it looks like the charge 1/3 of g_uc = V_ub V*_cb εg/3 (Eq. 4.19)
//! counted a second time and the ½ of P_L dropped.) The paper's bound εg ≲ 1.31e-2 at m_X = m_π⁰
//! follows from its Eq. (4.24) with Γ(D⁺ → π⁺X) < Γ_D⁺ − Γ(D⁺ → K⁰/K̄⁰ X) (61% of D⁺ decays)
//! and its printed g_uc (we get 1.29e-2: m_D*, Γ_D⁺ are not printed);
//! with the formula above the same requirement gives εg ≲ 0.83e-2 (`zprime reproduce
//! 003-dplus-eps-g`).
//!
//! `BR(D+->piZp)` divides by the D⁺ total width with the new decay, Γ_D⁺ + Γ(D⁺ → π⁺ Z').

use super::{Args, Compute, Context, Evaluator, InCoupling, Observable};
use crate::error::Result;
use crate::flavour::{quark_couplings, QuarkCouplings, Transition};
use crate::inputs::{InputSet, StandardModel};
use std::sync::Arc;

/// Γ(D⁺ → π⁺ Z') / Γ_D⁺(SM) for the couplings `c`.
fn rate(ctx: &Context, c: &QuarkCouplings) -> Result<f64> {
    let i = ctx.inputs;
    let (md, mpi, gam) = (i.value("m_Dp")?, i.value("m_pip")?, i.value("Gamma_Dp")?);
    let m = ctx.point.mass;
    if m >= md - mpi {
        return Ok(0.0);
    }
    let f = i.value("fplus_Dpi_0")? / (1.0 - m * m / i.value("m_Dstar0")?.powi(2));
    let g2 = c.vector(Transition::Uc).norm_sqr();
    Ok(super::k_to_pi::width(g2, md, mpi, m, f) / gam)
}

/// The prepared branching fraction.
struct DplusEvaluator;

impl Evaluator for DplusEvaluator {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        let r = rate(ctx, &quark_couplings(ctx.point, ctx.sm, ctx.inputs)?)?;
        Ok(r / (1.0 + r))
    }
    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        let flavour = super::shared::flavour_at(ctx)?;
        super::registry::branching_in_coupling(ctx, move |c| {
            let r = rate(c, &super::shared::quark_couplings(c, &flavour)?)?;
            Ok((r, 1.0 + r))
        })
    }
}

// The signature is the registry's `PrepareFn`.
#[allow(clippy::unnecessary_wraps)]
fn prepare_dplus(
    _: &Observable,
    _: &Args,
    _: &StandardModel,
    _: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    Ok(Arc::new(DplusEvaluator))
}

/// `Gamma(D+->piZp)`: Γ(D⁺ → π⁺ Z') in GeV.
pub fn gamma_dplus(ctx: &Context) -> Result<f64> {
    let r = rate(ctx, &quark_couplings(ctx.point, ctx.sm, ctx.inputs)?)?;
    Ok(r * ctx.inputs.value("Gamma_Dp")?)
}

/// `BR(D+->piZp)`.
pub fn br_dplus(ctx: &Context) -> Result<f64> {
    DplusEvaluator.predict(ctx)
}

quark_coupling_observable!(re_gr_ds, right, Ds, re);
quark_coupling_observable!(im_gr_ds, right, Ds, im);
quark_coupling_observable!(re_gr_sb, right, Sb, re);
quark_coupling_observable!(im_gr_sb, right, Sb, im);
quark_coupling_observable!(re_gr_db, right, Db, re);
quark_coupling_observable!(im_gr_db, right, Db, im);
quark_coupling_observable!(re_g_uc, left, Uc, re);
quark_coupling_observable!(im_g_uc, left, Uc, im);
quark_coupling_observable!(re_gr_uc, right, Uc, re);
quark_coupling_observable!(im_gr_uc, right, Uc, im);

const R_REF: &str = "the flavour mechanism of the model (only the effective one, preset fcnc, gives right-handed couplings)";
const UC_REF: &str = "the flavour mechanism of the model (fcnc: given; third-generation: tree level, paper 003 Eq. 4.19)";

/// The observables of this area.
pub(crate) const OBSERVABLES: &[Observable] = &[
    Observable::simple("Re gR_dsZp", "Re g^R_ds, L = -g^R_ds (d_R-bar gamma^mu s_R) Z'_mu + h.c., at q^2 = m_Z'^2", r"\mathrm{Re}\,g^R_{dsZ'}", "1", Some(1), R_REF, re_gr_ds),
    Observable::simple("Im gR_dsZp", "Im g^R_ds at q^2 = m_Z'^2", r"\mathrm{Im}\,g^R_{dsZ'}", "1", Some(1), R_REF, im_gr_ds),
    Observable::simple("Re gR_sbZp", "Re g^R_sb, L = -g^R_sb (s_R-bar gamma^mu b_R) Z'_mu + h.c.", r"\mathrm{Re}\,g^R_{sbZ'}", "1", Some(1), R_REF, re_gr_sb),
    Observable::simple("Im gR_sbZp", "Im g^R_sb", r"\mathrm{Im}\,g^R_{sbZ'}", "1", Some(1), R_REF, im_gr_sb),
    Observable::simple("Re gR_dbZp", "Re g^R_db, L = -g^R_db (d_R-bar gamma^mu b_R) Z'_mu + h.c.", r"\mathrm{Re}\,g^R_{dbZ'}", "1", Some(1), R_REF, re_gr_db),
    Observable::simple("Im gR_dbZp", "Im g^R_db", r"\mathrm{Im}\,g^R_{dbZ'}", "1", Some(1), R_REF, im_gr_db),
    Observable::simple("Re g_ucZp", "Re g^L_uc, L = -g_uc (u_L-bar gamma^mu c_L) Z'_mu + h.c.", r"\mathrm{Re}\,g_{ucZ'}", "1", Some(1), UC_REF, re_g_uc),
    Observable::simple("Im g_ucZp", "Im g^L_uc", r"\mathrm{Im}\,g_{ucZ'}", "1", Some(1), UC_REF, im_g_uc),
    Observable::simple("Re gR_ucZp", "Re g^R_uc, L = -g^R_uc (u_R-bar gamma^mu c_R) Z'_mu + h.c.", r"\mathrm{Re}\,g^R_{ucZ'}", "1", Some(1), UC_REF, re_gr_uc),
    Observable::simple("Im gR_ucZp", "Im g^R_uc", r"\mathrm{Im}\,g^R_{ucZ'}", "1", Some(1), UC_REF, im_gr_uc),
    Observable {
        name: "BR(D+->piZp)",
        description: "BR(D+ -> pi+ Z') = Gamma(D+ -> pi+ Z') / (Gamma_D+ of the Standard Model + Gamma(D+ -> pi+ Z')), c -> u through g^L_uc + g^R_uc",
        latex: r"\mathrm{BR}(D^+\to\pi^+Z')",
        unit: "1",
        degree: None,
        reference: "the K -> pi Z' formula with D -> pi (paper 003 Eq. 4.24 is 4/9 of it without phase space: observables::d_decays)",
        arguments: &[],
        listed: Some(&[]),
        validity: super::everywhere,
        compute: Compute::Prepared(prepare_dplus),
    },
    Observable {
        name: "Gamma(D+->piZp)",
        description: "partial width Gamma(D+ -> pi+ Z'), proportional to |g^L_uc + g^R_uc|^2",
        latex: r"\Gamma(D^+\to\pi^+Z')",
        unit: "GeV",
        degree: Some(2),
        reference: "observables::d_decays (paper 003 Eq. 4.24 normalization corrected)",
        arguments: &[],
        listed: None,
        validity: super::everywhere,
        compute: Compute::Point(gamma_dplus),
    },
];
