//! Neutral-meson mixing from tree-level Z' exchange (paper 003 Eq. 3.14-3.23 and 4.15-4.23,
//! paper 004 Eq. 18-23): the ΔF = 2 Wilson coefficients of K, B_d, B_s and D mixing in the
//! WCxf flavio basis, and paper 004's B_s-mixing ratio with the scalar (Φ) boxes.
//!
//! # Coefficients (WCxf, basis `flavio` of the EFT `WET`)
//!
//! flavio defines `H_eff = −Σ C_i O_i` (flavio `physics/mesonmixing/amplitude.py`: "H_eff =
//! −C_i O_i"), i.e. `L_eff = Σ C_i O_i`, with (wcxf-bases `wet.flavio.basis.yml`)
//! `O_VLL = (q̄_iL γ^μ q_jL)(q̄_iL γ_μ q_jL)`, `O_VRR` the same with R, and
//! `O_VLR = (q̄_iL γ^μ q_jL)(q̄_iR γ_μ q_jR)`, for (i, j) = (d, s) `sdsd`, (d, b) `bdbd`,
//! (s, b) `bsbs` and (c, u) `ucuc` (the D sector is called `cucu` in WCxf, its coefficients
//! `CVLL_ucuc`, ...: these are the names flavio and wilson read, so zprime uses them).
//!
//! With `L ⊃ −Z'_μ J^μ`, `J^μ ⊃ l (q̄_i γ^μ P_L q_j) + r (q̄_i γ^μ P_R q_j) + h.c.` (l, r the
//! [i][j] entries of the quark coupling matrices) and the exchange at momentum q,
//! `L_eff = ½ J_μ J^μ /(q² − m_Z'²)`; the papers set q² = m_M² (the propagator
//! 1/(m_M² − m_Z'²) of paper 003 Eq. 3.17 and 4.22). Collecting the ΔF = 2 terms:
//!
//! `CVLL = ½ l²/(m_M² − m_Z'²)`, `CVRR = ½ r²/(m_M² − m_Z'²)`, `CVLR = l r/(m_M² − m_Z'²)`,
//!
//! in GeV⁻². For m_Z' ≫ m_M, CVLL = −l²/(2 m_Z'²) (the familiar −J²/(2M²)). The coefficients
//! are at the scale m_Z' (or m_M for a light Z'): no QCD running is applied (the INP bounds
//! below are for the coefficients at Λ ≈ 1 TeV; the running to m_Z' changes the LL bound by
//! tens of per cent, the LR one by a factor of a few, a known simplification of both papers).
//! Within 0.05% of m_Z' = m_M the operator description does not hold (the Z' on shell, its width
//! left out) and the observables are not applicable there ([`physics::RESONANCE_WINDOW`]).
//!
//! # The papers' normalization (errata)
//!
//! - Paper 003 Eq. (3.17) and (4.22) write `ΔL = g²/(m_M² − m_X²) (q̄_L γ q_L)²`, without the
//!   ½ of the symmetric product: twice our CVLL. Its bounds on the couplings (Eq. 3.18-3.21,
//!   4.22-4.23, the 0.14 of Sec. 4.2.1 and the εg_X ≲ 1.55e-2 from D mixing) use that
//!   normalization; the same INP bound on our CVLL allows Re(g²), Im(g²) twice as large and
//!   the couplings √2 larger (tests: `paper_003_numbers`).
//! - Paper 003 Eq. (3.21) prints 1.40e-18 GeV⁻⁴; its own Eq. (3.19) (7.80e-16) with
//!   g_X = 5e-4, v_Φ = 260 GeV gives 1.365e-18 (3.20 reproduces: 3.614e-16). No input the
//!   paper leaves open changes the ratio (3.21)/(3.20) = Im bound/Re bound = 3.4/9.0 of
//!   INP: 1.40/3.61 = 0.388 is 3% above 0.378; a rounding or a misprint.
//! - Paper 003 Eq. (3.22) (1.48e-22 GeV⁻⁴) is paper 004's Eq. (22) divided by v_Φ² =
//!   (260 GeV)² with the bound rounded to 1e-17 GeV⁻² = (3.16e5 TeV)⁻² (the printed
//!   (3.2e5 TeV)⁻² = 9.77e-18 GeV⁻² gives 1.445e-22, 2.4% lower). It keeps 004's heavy-Z'
//!   relation m_Z' = g v_Φ in place of the propagator 1/(m_K² − m_X²) that its own
//!   Eq. (3.17) uses: at m_X = m_π⁰ the coefficient is |l r|/(m_K² − m_X²), while 004's form
//!   gives |l r|/m_X², 12.6 times more (m_K²/m_X² − 1 = 12.6): Eq. (3.22) is conservative.
//! - Paper 003 Eq. (3.23) (2.35e-27) is 2 (3.43e-14)² GeV⁻⁴: |Im(Y_Qs Y*_Qd)| = 2.74e-7 (the
//!   KOTO value, Eq. 3.13) for both doublet and singlet with m_Q = m_D = 2 TeV, i.e. the
//!   largest |Im(Y_Qs Y*_Qd Y_Ds Y*_Dd)| for those moduli (for Y_D = Y_Q it would be 0).
//! - Paper 003 Sec. 4.2.1 writes "εg_X/3 ≲ 1.11 (B), ≲ 0.14 (K)": with its printed g_ds
//!   (Eq. 4.8) the K bound from Im is εg_X ≤ 0.139 (Re: 2.17): it is εg_X that is bounded,
//!   not εg_X/3 (the 1/3 is already inside g_ds). 1.11 is the B_d bound from Im(Λ_db⁻²)
//!   (Eq. 4.16) with g_db = g_sb V*_td/V*_ts from its Eq. (4.7): εg_X ≤ 1.07 (ours from the
//!   printed g_sb; g_db is not printed), while B_s (Eq. 4.17) gives 1.71.
//! - Paper 004 Eq. (18)-(19): C_LL = −8 CVLL, C_RR = −8 CVRR, C_LR = 4 CVLR (for a heavy Z':
//!   C_LL = (Y_Qb Y*_Qs)² v_Φ²/m_Q⁴ is ½ l²/m_Z'² × 8 with l = g Y Y* v_Φ²/(2m_Q²),
//!   m_Z' = g v_Φ) and `N_SM = g₂⁴/(16π² m_W²) (V_tb V*_ts)² S₀` is 8 times the SM
//!   coefficient of O_VLL in H_eff: Eq. (18) is consistent with the ½ (η_B and the running of
//!   the new coefficients are left out, as in the paper). 004 writes (Y_Qb Y*_Qs)² where the
//!   operator (s̄ b)² has (Y_Qs Y*_Qb)²: the complex conjugate, which changes the sign of
//!   the imaginary part only; we use the operator's order.
//! - Paper 004 Eq. (22) applies INP's bound on Im C₄ of (s̄_R d_L)(s̄_L d_R) to
//!   2 Im CVLR (Fierz: O_VLR = −2 × the colour-crossed (s̄_R d_L)(s̄_L d_R), colour structure
//!   ignored): the constraint `K-mixing:ImLR:INP2010` bounds |Im CVLR_sdsd| by half of
//!   (3.2e5 TeV)⁻².
//!
//! # Bounds
//!
//! Isidori-Nir-Perez 2010 (Ann. Rev. Nucl. Part. Sci. 60 (2010) 355, Table 1, as papers 003
//! and 004 quote it): `data/experiments/measurements.toml`, `Delta F=2:*:INP2010`, applied
//! to |Re C| and |Im C| (|C| for B_s), one operator at a time: LL bounds on VLL, and by parity
//! the same on VRR. The UTfit 2008 analysis (JHEP 03 (2008) 049) that INP quote is the
//! newest per-operator set we can document; later UTfit fits (utfit.org, Summer 2024) publish
//! the NP amplitude ratios, their per-operator numbers are not verified, so the default set
//! uses INP as well (see docs/developing.md, "Meson mixing").

pub mod physics;
#[cfg(test)]
mod tests;

pub use physics::{DeltaF2, Meson};

use super::{Args, Compute, Context, Evaluator, InCoupling, Observable};
use crate::error::{Error, Result};
use crate::flavour::QuarkCouplings;
use crate::inputs::{InputSet, StandardModel};
use crate::model::Point;
use num_complex::Complex64 as C64;
use physics::Paper004;
use std::sync::Arc;

/// The quark coupling matrices at the context's point (shared per mass in a scan).
fn quark_couplings(ctx: &Context) -> Result<QuarkCouplings> {
    if ctx.shared.is_some() {
        let flavour = super::shared::flavour_at(ctx)?;
        super::shared::quark_couplings(ctx, &flavour)
    } else {
        crate::flavour::quark_couplings(ctx.point, ctx.sm, ctx.inputs)
    }
}

/// The ΔF = 2 coefficients of `meson` at the context's point (GeV⁻²).
pub fn delta_f2(ctx: &Context, meson: Meson) -> Result<DeltaF2> {
    let m_meson = ctx.inputs.value(meson.mass_parameter())?;
    let p = physics::propagator(m_meson, ctx.point.mass).ok_or_else(|| Error::NotApplicable {
        observable: format!("Delta F=2 coefficients ({})", meson.wcxf_suffix()),
        reason: format!(
            "m_Z' within {:.1}% of the meson mass {m_meson} GeV: the Z' is on shell, the operator with 1/(m_M^2 - m_Z'^2) does not describe it",
            100.0 * physics::RESONANCE_WINDOW / 2.0
        ),
    })?;
    let q = quark_couplings(ctx)?;
    Ok(if meson.up_type() {
        physics::meson_coefficients(meson, &q.up_left, &q.up_right, p)
    } else {
        physics::meson_coefficients(meson, &q.down_left, &q.down_right, p)
    })
}

/// Which coefficient ([`DeltaF2`] field) an observable reads.
const VLL: usize = 0;
const VRR: usize = 1;
const VLR: usize = 2;
/// Which part: real, imaginary, |real|, |imaginary|, modulus.
const RE: usize = 0;
const IM: usize = 1;
const ABS_RE: usize = 2;
const ABS_IM: usize = 3;
const ABS: usize = 4;

/// One part of one coefficient of one meson (the registry's function pointers).
fn coefficient<const MESON: usize, const OP: usize, const PART: usize>(
    ctx: &Context,
) -> Result<f64> {
    let c = delta_f2(ctx, Meson::ALL[MESON])?;
    let z = match OP {
        VLL => c.vll,
        VRR => c.vrr,
        _ => c.vlr,
    };
    Ok(match PART {
        RE => z.re,
        IM => z.im,
        ABS_RE => z.re.abs(),
        ABS_IM => z.im.abs(),
        _ => z.norm(),
    })
}

/// The Yukawa `Y_<field>` (e.g. `Qs`) of the vector-like-quark preset: `Y_Qs_re`, `Y_Qs_im`
/// (or the older `Re_Y_Qs`, `Im_Y_Qs`); zero if the model has none.
fn yukawa(p: &Point, field: &str) -> C64 {
    let get = |names: [String; 2]| {
        names
            .iter()
            .find_map(|n| p.parameters.get(n.as_str()).copied())
            .unwrap_or(0.0)
    };
    C64::new(
        get([format!("Y_{field}_re"), format!("Re_Y_{field}")]),
        get([format!("Y_{field}_im"), format!("Im_Y_{field}")]),
    )
}

/// Paper 004's scalar (Φ) boxes (Eq. 19, the 1/16π² terms) for B_s mixing, from the point's
/// vector-like-quark parameters (`m_Q`, `m_D`, the Yukawas); zero for a model without them
/// (`m_D` absent: the preset assumes m_D = m_Q).
pub fn phi_boxes_bs(p: &Point) -> Paper004 {
    let zero = Paper004 {
        ll: C64::new(0.0, 0.0),
        rr: C64::new(0.0, 0.0),
        lr: C64::new(0.0, 0.0),
    };
    let Some(&m_q) = p.parameters.get("m_Q") else {
        return zero;
    };
    let m_d = p.parameters.get("m_D").copied().unwrap_or(m_q);
    if m_q <= 0.0 || m_d <= 0.0 {
        return zero;
    }
    let xq = yukawa(p, "Qs") * yukawa(p, "Qb").conj();
    let xd = yukawa(p, "Ds") * yukawa(p, "Db").conj();
    physics::phi_boxes(xq, xd, m_q, m_d)
}

/// `|M12(Bs)/M12_SM-1|` prepared with the input set's N_SM and LR weight.
struct M12Ratio {
    /// N_SM of paper 004 Eq. (18), GeV⁻².
    n_sm: C64,
    /// The weight of C_LR (`Bs_mixing_LR_factor`).
    lr_factor: f64,
}

impl M12Ratio {
    /// The Z' part of C_LL + C_RR + f C_LR at the context's point.
    fn z_prime(&self, ctx: &Context) -> Result<C64> {
        Ok(Paper004::from_wcxf(&delta_f2(ctx, Meson::Bs)?).combined(self.lr_factor))
    }
}

impl Evaluator for M12Ratio {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        let boxes = phi_boxes_bs(ctx.point).combined(self.lr_factor);
        Ok(((self.z_prime(ctx)? + boxes) / self.n_sm).norm())
    }
    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        if !ctx.point.single_coupling() {
            let ctx = *ctx;
            return Ok(InCoupling::Function(Box::new(move |c| {
                let p = ctx.point.with_coupling(c);
                self.predict(&Context { point: &p, ..ctx })
            })));
        }
        // the Z' part is c² times its value at c = 1, the boxes do not depend on c
        let unit = ctx.point.with_coupling(1.0);
        let z1 = self.z_prime(&Context {
            point: &unit,
            shared: None,
            ..*ctx
        })?;
        let boxes = phi_boxes_bs(ctx.point).combined(self.lr_factor);
        let n = self.n_sm;
        Ok(InCoupling::Function(Box::new(move |c| {
            Ok(((c * c * z1 + boxes) / n).norm())
        })))
    }
}

fn prepare_m12(
    _: &Observable,
    _: &Args,
    _: &StandardModel,
    inputs: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    let v = crate::ckm::from_inputs(inputs)?;
    let m_w = inputs.value("m_W")?;
    let x_t = (inputs.value("m_t_MSbar")? / m_w).powi(2);
    let n_sm = physics::sm_normalization(
        inputs.value("G_F")?,
        m_w,
        v[2][2] * v[2][1].conj(),
        physics::s0(x_t),
    );
    Ok(Arc::new(M12Ratio {
        n_sm,
        lr_factor: inputs.value("Bs_mixing_LR_factor")?,
    }))
}

const REFERENCE: &str = "tree-level Z' exchange with 1/(m_M^2 - m_Z'^2), paper 003 Eq. 3.17, 4.22; paper 004 Eq. 19 (v_Phi^2 terms); WCxf flavio basis (observables::meson_mixing)";

/// The observables of this area: every coefficient's real and imaginary part (listed by
/// `zprime point`), and the moduli the bounds are on (not listed).
pub(crate) const OBSERVABLES: &[Observable] = &[
    Observable::simple("Re CVLL_sdsd", "Re CVLL_sdsd (WCxf flavio basis, L_eff = C O, O = (d_L-bar gamma^mu s_L)(d_L-bar gamma_mu s_L)), K mixing, GeV^-2", r"\mathrm{Re}\,C^{\mathrm{VLL}}_{sdsd}", "GeV^-2", Some(2), REFERENCE, coefficient::<0, VLL, RE>),
    Observable::simple("Im CVLL_sdsd", "Im CVLL_sdsd (WCxf flavio basis, L_eff = C O, O = (d_L-bar gamma^mu s_L)(d_L-bar gamma_mu s_L)), K mixing, GeV^-2", r"\mathrm{Im}\,C^{\mathrm{VLL}}_{sdsd}", "GeV^-2", Some(2), REFERENCE, coefficient::<0, VLL, IM>),
    Observable::simple("Re CVRR_sdsd", "Re CVRR_sdsd (WCxf flavio basis, L_eff = C O, O = (d_R-bar gamma^mu s_R)(d_R-bar gamma_mu s_R)), K mixing, GeV^-2", r"\mathrm{Re}\,C^{\mathrm{VRR}}_{sdsd}", "GeV^-2", Some(2), REFERENCE, coefficient::<0, VRR, RE>),
    Observable::simple("Im CVRR_sdsd", "Im CVRR_sdsd (WCxf flavio basis, L_eff = C O, O = (d_R-bar gamma^mu s_R)(d_R-bar gamma_mu s_R)), K mixing, GeV^-2", r"\mathrm{Im}\,C^{\mathrm{VRR}}_{sdsd}", "GeV^-2", Some(2), REFERENCE, coefficient::<0, VRR, IM>),
    Observable::simple("Re CVLR_sdsd", "Re CVLR_sdsd (WCxf flavio basis, L_eff = C O, O = (d_L-bar gamma^mu s_L)(d_R-bar gamma_mu s_R)), K mixing, GeV^-2", r"\mathrm{Re}\,C^{\mathrm{VLR}}_{sdsd}", "GeV^-2", Some(2), REFERENCE, coefficient::<0, VLR, RE>),
    Observable::simple("Im CVLR_sdsd", "Im CVLR_sdsd (WCxf flavio basis, L_eff = C O, O = (d_L-bar gamma^mu s_L)(d_R-bar gamma_mu s_R)), K mixing, GeV^-2", r"\mathrm{Im}\,C^{\mathrm{VLR}}_{sdsd}", "GeV^-2", Some(2), REFERENCE, coefficient::<0, VLR, IM>),
    Observable::simple("Re CVLL_bdbd", "Re CVLL_bdbd (WCxf flavio basis, L_eff = C O, O = (d_L-bar gamma^mu b_L)(d_L-bar gamma_mu b_L)), B_d mixing, GeV^-2", r"\mathrm{Re}\,C^{\mathrm{VLL}}_{bdbd}", "GeV^-2", Some(2), REFERENCE, coefficient::<1, VLL, RE>),
    Observable::simple("Im CVLL_bdbd", "Im CVLL_bdbd (WCxf flavio basis, L_eff = C O, O = (d_L-bar gamma^mu b_L)(d_L-bar gamma_mu b_L)), B_d mixing, GeV^-2", r"\mathrm{Im}\,C^{\mathrm{VLL}}_{bdbd}", "GeV^-2", Some(2), REFERENCE, coefficient::<1, VLL, IM>),
    Observable::simple("Re CVRR_bdbd", "Re CVRR_bdbd (WCxf flavio basis, L_eff = C O, O = (d_R-bar gamma^mu b_R)(d_R-bar gamma_mu b_R)), B_d mixing, GeV^-2", r"\mathrm{Re}\,C^{\mathrm{VRR}}_{bdbd}", "GeV^-2", Some(2), REFERENCE, coefficient::<1, VRR, RE>),
    Observable::simple("Im CVRR_bdbd", "Im CVRR_bdbd (WCxf flavio basis, L_eff = C O, O = (d_R-bar gamma^mu b_R)(d_R-bar gamma_mu b_R)), B_d mixing, GeV^-2", r"\mathrm{Im}\,C^{\mathrm{VRR}}_{bdbd}", "GeV^-2", Some(2), REFERENCE, coefficient::<1, VRR, IM>),
    Observable::simple("Re CVLR_bdbd", "Re CVLR_bdbd (WCxf flavio basis, L_eff = C O, O = (d_L-bar gamma^mu b_L)(d_R-bar gamma_mu b_R)), B_d mixing, GeV^-2", r"\mathrm{Re}\,C^{\mathrm{VLR}}_{bdbd}", "GeV^-2", Some(2), REFERENCE, coefficient::<1, VLR, RE>),
    Observable::simple("Im CVLR_bdbd", "Im CVLR_bdbd (WCxf flavio basis, L_eff = C O, O = (d_L-bar gamma^mu b_L)(d_R-bar gamma_mu b_R)), B_d mixing, GeV^-2", r"\mathrm{Im}\,C^{\mathrm{VLR}}_{bdbd}", "GeV^-2", Some(2), REFERENCE, coefficient::<1, VLR, IM>),
    Observable::simple("Re CVLL_bsbs", "Re CVLL_bsbs (WCxf flavio basis, L_eff = C O, O = (s_L-bar gamma^mu b_L)(s_L-bar gamma_mu b_L)), B_s mixing, GeV^-2", r"\mathrm{Re}\,C^{\mathrm{VLL}}_{bsbs}", "GeV^-2", Some(2), REFERENCE, coefficient::<2, VLL, RE>),
    Observable::simple("Im CVLL_bsbs", "Im CVLL_bsbs (WCxf flavio basis, L_eff = C O, O = (s_L-bar gamma^mu b_L)(s_L-bar gamma_mu b_L)), B_s mixing, GeV^-2", r"\mathrm{Im}\,C^{\mathrm{VLL}}_{bsbs}", "GeV^-2", Some(2), REFERENCE, coefficient::<2, VLL, IM>),
    Observable::simple("Re CVRR_bsbs", "Re CVRR_bsbs (WCxf flavio basis, L_eff = C O, O = (s_R-bar gamma^mu b_R)(s_R-bar gamma_mu b_R)), B_s mixing, GeV^-2", r"\mathrm{Re}\,C^{\mathrm{VRR}}_{bsbs}", "GeV^-2", Some(2), REFERENCE, coefficient::<2, VRR, RE>),
    Observable::simple("Im CVRR_bsbs", "Im CVRR_bsbs (WCxf flavio basis, L_eff = C O, O = (s_R-bar gamma^mu b_R)(s_R-bar gamma_mu b_R)), B_s mixing, GeV^-2", r"\mathrm{Im}\,C^{\mathrm{VRR}}_{bsbs}", "GeV^-2", Some(2), REFERENCE, coefficient::<2, VRR, IM>),
    Observable::simple("Re CVLR_bsbs", "Re CVLR_bsbs (WCxf flavio basis, L_eff = C O, O = (s_L-bar gamma^mu b_L)(s_R-bar gamma_mu b_R)), B_s mixing, GeV^-2", r"\mathrm{Re}\,C^{\mathrm{VLR}}_{bsbs}", "GeV^-2", Some(2), REFERENCE, coefficient::<2, VLR, RE>),
    Observable::simple("Im CVLR_bsbs", "Im CVLR_bsbs (WCxf flavio basis, L_eff = C O, O = (s_L-bar gamma^mu b_L)(s_R-bar gamma_mu b_R)), B_s mixing, GeV^-2", r"\mathrm{Im}\,C^{\mathrm{VLR}}_{bsbs}", "GeV^-2", Some(2), REFERENCE, coefficient::<2, VLR, IM>),
    Observable::simple("Re CVLL_ucuc", "Re CVLL_ucuc (WCxf flavio basis, L_eff = C O, O = (c_L-bar gamma^mu u_L)(c_L-bar gamma_mu u_L)), D mixing, GeV^-2", r"\mathrm{Re}\,C^{\mathrm{VLL}}_{ucuc}", "GeV^-2", Some(2), REFERENCE, coefficient::<3, VLL, RE>),
    Observable::simple("Im CVLL_ucuc", "Im CVLL_ucuc (WCxf flavio basis, L_eff = C O, O = (c_L-bar gamma^mu u_L)(c_L-bar gamma_mu u_L)), D mixing, GeV^-2", r"\mathrm{Im}\,C^{\mathrm{VLL}}_{ucuc}", "GeV^-2", Some(2), REFERENCE, coefficient::<3, VLL, IM>),
    Observable::simple("Re CVRR_ucuc", "Re CVRR_ucuc (WCxf flavio basis, L_eff = C O, O = (c_R-bar gamma^mu u_R)(c_R-bar gamma_mu u_R)), D mixing, GeV^-2", r"\mathrm{Re}\,C^{\mathrm{VRR}}_{ucuc}", "GeV^-2", Some(2), REFERENCE, coefficient::<3, VRR, RE>),
    Observable::simple("Im CVRR_ucuc", "Im CVRR_ucuc (WCxf flavio basis, L_eff = C O, O = (c_R-bar gamma^mu u_R)(c_R-bar gamma_mu u_R)), D mixing, GeV^-2", r"\mathrm{Im}\,C^{\mathrm{VRR}}_{ucuc}", "GeV^-2", Some(2), REFERENCE, coefficient::<3, VRR, IM>),
    Observable::simple("Re CVLR_ucuc", "Re CVLR_ucuc (WCxf flavio basis, L_eff = C O, O = (c_L-bar gamma^mu u_L)(c_R-bar gamma_mu u_R)), D mixing, GeV^-2", r"\mathrm{Re}\,C^{\mathrm{VLR}}_{ucuc}", "GeV^-2", Some(2), REFERENCE, coefficient::<3, VLR, RE>),
    Observable::simple("Im CVLR_ucuc", "Im CVLR_ucuc (WCxf flavio basis, L_eff = C O, O = (c_L-bar gamma^mu u_L)(c_R-bar gamma_mu u_R)), D mixing, GeV^-2", r"\mathrm{Im}\,C^{\mathrm{VLR}}_{ucuc}", "GeV^-2", Some(2), REFERENCE, coefficient::<3, VLR, IM>),
    Observable { name: "|Re CVLL_sdsd|", description: "|Re CVLL_sdsd|: the modulus a Delta F=2 bound is on (K mixing), GeV^-2", latex: r"|\mathrm{Re}\,C^{\mathrm{VLL}}_{sdsd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<0, VLL, ABS_RE>) },
    Observable { name: "|Im CVLL_sdsd|", description: "|Im CVLL_sdsd|: the modulus a Delta F=2 bound is on (K mixing), GeV^-2", latex: r"|\mathrm{Im}\,C^{\mathrm{VLL}}_{sdsd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<0, VLL, ABS_IM>) },
    Observable { name: "|CVLL_sdsd|", description: "|CVLL_sdsd|: the modulus a Delta F=2 bound is on (K mixing), GeV^-2", latex: r"|C^{\mathrm{VLL}}_{sdsd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<0, VLL, ABS>) },
    Observable { name: "|Re CVRR_sdsd|", description: "|Re CVRR_sdsd|: the modulus a Delta F=2 bound is on (K mixing), GeV^-2", latex: r"|\mathrm{Re}\,C^{\mathrm{VRR}}_{sdsd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<0, VRR, ABS_RE>) },
    Observable { name: "|Im CVRR_sdsd|", description: "|Im CVRR_sdsd|: the modulus a Delta F=2 bound is on (K mixing), GeV^-2", latex: r"|\mathrm{Im}\,C^{\mathrm{VRR}}_{sdsd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<0, VRR, ABS_IM>) },
    Observable { name: "|CVRR_sdsd|", description: "|CVRR_sdsd|: the modulus a Delta F=2 bound is on (K mixing), GeV^-2", latex: r"|C^{\mathrm{VRR}}_{sdsd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<0, VRR, ABS>) },
    Observable { name: "|Re CVLR_sdsd|", description: "|Re CVLR_sdsd|: the modulus a Delta F=2 bound is on (K mixing), GeV^-2", latex: r"|\mathrm{Re}\,C^{\mathrm{VLR}}_{sdsd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<0, VLR, ABS_RE>) },
    Observable { name: "|Im CVLR_sdsd|", description: "|Im CVLR_sdsd|: the modulus a Delta F=2 bound is on (K mixing), GeV^-2", latex: r"|\mathrm{Im}\,C^{\mathrm{VLR}}_{sdsd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<0, VLR, ABS_IM>) },
    Observable { name: "|CVLR_sdsd|", description: "|CVLR_sdsd|: the modulus a Delta F=2 bound is on (K mixing), GeV^-2", latex: r"|C^{\mathrm{VLR}}_{sdsd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<0, VLR, ABS>) },
    Observable { name: "|Re CVLL_bdbd|", description: "|Re CVLL_bdbd|: the modulus a Delta F=2 bound is on (B_d mixing), GeV^-2", latex: r"|\mathrm{Re}\,C^{\mathrm{VLL}}_{bdbd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<1, VLL, ABS_RE>) },
    Observable { name: "|Im CVLL_bdbd|", description: "|Im CVLL_bdbd|: the modulus a Delta F=2 bound is on (B_d mixing), GeV^-2", latex: r"|\mathrm{Im}\,C^{\mathrm{VLL}}_{bdbd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<1, VLL, ABS_IM>) },
    Observable { name: "|CVLL_bdbd|", description: "|CVLL_bdbd|: the modulus a Delta F=2 bound is on (B_d mixing), GeV^-2", latex: r"|C^{\mathrm{VLL}}_{bdbd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<1, VLL, ABS>) },
    Observable { name: "|Re CVRR_bdbd|", description: "|Re CVRR_bdbd|: the modulus a Delta F=2 bound is on (B_d mixing), GeV^-2", latex: r"|\mathrm{Re}\,C^{\mathrm{VRR}}_{bdbd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<1, VRR, ABS_RE>) },
    Observable { name: "|Im CVRR_bdbd|", description: "|Im CVRR_bdbd|: the modulus a Delta F=2 bound is on (B_d mixing), GeV^-2", latex: r"|\mathrm{Im}\,C^{\mathrm{VRR}}_{bdbd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<1, VRR, ABS_IM>) },
    Observable { name: "|CVRR_bdbd|", description: "|CVRR_bdbd|: the modulus a Delta F=2 bound is on (B_d mixing), GeV^-2", latex: r"|C^{\mathrm{VRR}}_{bdbd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<1, VRR, ABS>) },
    Observable { name: "|Re CVLR_bdbd|", description: "|Re CVLR_bdbd|: the modulus a Delta F=2 bound is on (B_d mixing), GeV^-2", latex: r"|\mathrm{Re}\,C^{\mathrm{VLR}}_{bdbd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<1, VLR, ABS_RE>) },
    Observable { name: "|Im CVLR_bdbd|", description: "|Im CVLR_bdbd|: the modulus a Delta F=2 bound is on (B_d mixing), GeV^-2", latex: r"|\mathrm{Im}\,C^{\mathrm{VLR}}_{bdbd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<1, VLR, ABS_IM>) },
    Observable { name: "|CVLR_bdbd|", description: "|CVLR_bdbd|: the modulus a Delta F=2 bound is on (B_d mixing), GeV^-2", latex: r"|C^{\mathrm{VLR}}_{bdbd}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<1, VLR, ABS>) },
    Observable { name: "|Re CVLL_bsbs|", description: "|Re CVLL_bsbs|: the modulus a Delta F=2 bound is on (B_s mixing), GeV^-2", latex: r"|\mathrm{Re}\,C^{\mathrm{VLL}}_{bsbs}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<2, VLL, ABS_RE>) },
    Observable { name: "|Im CVLL_bsbs|", description: "|Im CVLL_bsbs|: the modulus a Delta F=2 bound is on (B_s mixing), GeV^-2", latex: r"|\mathrm{Im}\,C^{\mathrm{VLL}}_{bsbs}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<2, VLL, ABS_IM>) },
    Observable { name: "|CVLL_bsbs|", description: "|CVLL_bsbs|: the modulus a Delta F=2 bound is on (B_s mixing), GeV^-2", latex: r"|C^{\mathrm{VLL}}_{bsbs}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<2, VLL, ABS>) },
    Observable { name: "|Re CVRR_bsbs|", description: "|Re CVRR_bsbs|: the modulus a Delta F=2 bound is on (B_s mixing), GeV^-2", latex: r"|\mathrm{Re}\,C^{\mathrm{VRR}}_{bsbs}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<2, VRR, ABS_RE>) },
    Observable { name: "|Im CVRR_bsbs|", description: "|Im CVRR_bsbs|: the modulus a Delta F=2 bound is on (B_s mixing), GeV^-2", latex: r"|\mathrm{Im}\,C^{\mathrm{VRR}}_{bsbs}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<2, VRR, ABS_IM>) },
    Observable { name: "|CVRR_bsbs|", description: "|CVRR_bsbs|: the modulus a Delta F=2 bound is on (B_s mixing), GeV^-2", latex: r"|C^{\mathrm{VRR}}_{bsbs}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<2, VRR, ABS>) },
    Observable { name: "|Re CVLR_bsbs|", description: "|Re CVLR_bsbs|: the modulus a Delta F=2 bound is on (B_s mixing), GeV^-2", latex: r"|\mathrm{Re}\,C^{\mathrm{VLR}}_{bsbs}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<2, VLR, ABS_RE>) },
    Observable { name: "|Im CVLR_bsbs|", description: "|Im CVLR_bsbs|: the modulus a Delta F=2 bound is on (B_s mixing), GeV^-2", latex: r"|\mathrm{Im}\,C^{\mathrm{VLR}}_{bsbs}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<2, VLR, ABS_IM>) },
    Observable { name: "|CVLR_bsbs|", description: "|CVLR_bsbs|: the modulus a Delta F=2 bound is on (B_s mixing), GeV^-2", latex: r"|C^{\mathrm{VLR}}_{bsbs}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<2, VLR, ABS>) },
    Observable { name: "|Re CVLL_ucuc|", description: "|Re CVLL_ucuc|: the modulus a Delta F=2 bound is on (D mixing), GeV^-2", latex: r"|\mathrm{Re}\,C^{\mathrm{VLL}}_{ucuc}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<3, VLL, ABS_RE>) },
    Observable { name: "|Im CVLL_ucuc|", description: "|Im CVLL_ucuc|: the modulus a Delta F=2 bound is on (D mixing), GeV^-2", latex: r"|\mathrm{Im}\,C^{\mathrm{VLL}}_{ucuc}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<3, VLL, ABS_IM>) },
    Observable { name: "|CVLL_ucuc|", description: "|CVLL_ucuc|: the modulus a Delta F=2 bound is on (D mixing), GeV^-2", latex: r"|C^{\mathrm{VLL}}_{ucuc}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<3, VLL, ABS>) },
    Observable { name: "|Re CVRR_ucuc|", description: "|Re CVRR_ucuc|: the modulus a Delta F=2 bound is on (D mixing), GeV^-2", latex: r"|\mathrm{Re}\,C^{\mathrm{VRR}}_{ucuc}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<3, VRR, ABS_RE>) },
    Observable { name: "|Im CVRR_ucuc|", description: "|Im CVRR_ucuc|: the modulus a Delta F=2 bound is on (D mixing), GeV^-2", latex: r"|\mathrm{Im}\,C^{\mathrm{VRR}}_{ucuc}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<3, VRR, ABS_IM>) },
    Observable { name: "|CVRR_ucuc|", description: "|CVRR_ucuc|: the modulus a Delta F=2 bound is on (D mixing), GeV^-2", latex: r"|C^{\mathrm{VRR}}_{ucuc}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<3, VRR, ABS>) },
    Observable { name: "|Re CVLR_ucuc|", description: "|Re CVLR_ucuc|: the modulus a Delta F=2 bound is on (D mixing), GeV^-2", latex: r"|\mathrm{Re}\,C^{\mathrm{VLR}}_{ucuc}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<3, VLR, ABS_RE>) },
    Observable { name: "|Im CVLR_ucuc|", description: "|Im CVLR_ucuc|: the modulus a Delta F=2 bound is on (D mixing), GeV^-2", latex: r"|\mathrm{Im}\,C^{\mathrm{VLR}}_{ucuc}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<3, VLR, ABS_IM>) },
    Observable { name: "|CVLR_ucuc|", description: "|CVLR_ucuc|: the modulus a Delta F=2 bound is on (D mixing), GeV^-2", latex: r"|C^{\mathrm{VLR}}_{ucuc}|", unit: "GeV^-2", degree: Some(2), reference: REFERENCE, arguments: &[], listed: None, validity: super::everywhere, compute: Compute::Point(coefficient::<3, VLR, ABS>) },
    Observable {
        name: "|M12(Bs)/M12_SM-1|",
        description: "|M12/M12_SM - 1| in B_s mixing: (C_LL + C_RR + f C_LR)/N_SM of paper 004 Eq. 18, the Z' at tree level plus the scalar (Phi) boxes of the vector-like quarks (Eq. 19), f = Bs_mixing_LR_factor",
        latex: r"|M_{12}/M_{12}^{\mathrm{SM}}-1|_{B_s}",
        unit: "1",
        degree: None,
        reference: "paper 004 Eq. 18-19 (observables::meson_mixing)",
        arguments: &[],
        listed: Some(&[]),
        validity: super::everywhere,
        compute: Compute::Prepared(prepare_m12),
    },
];
