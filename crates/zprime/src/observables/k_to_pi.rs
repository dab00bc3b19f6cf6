//! K → π Z' (paper 000 Eq. 7, paper 002 Eq. 4.6–4.7, paper 003 Eq. 2.2–2.3), the start of the
//! meson-decay observables.
//!
//! For `L ⊃ −g_ds d̄γ^μP_L s Z'_μ + h.c.`, `⟨π|d̄γ^μP_L s|K⟩ = ½ f_+(q²)(p_K + p_π)^μ + …` and a
//! sum over the Z' polarizations (the longitudinal one gives the 1/m_Z'²):
//!
//! `Γ(K → π Z') = |g|² λ(m_K², m_π², m_Z'²)^{3/2} f_+(m_Z'²)² / (64π m_Z'² m_K³)`,
//!
//! with |g|² for K⁺ → π⁺ Z' and (Im g)² for K_L → π⁰ Z' (K_L = (K⁰ − K̄⁰)/√2, CP violation in
//! mixing neglected; the isospin factor 1/√2 of ⟨π⁰|d̄γs|K⁰⟩ and that of K_L cancel the
//! factor 2 of g − g*). A right-handed coupling would enter as g_L + g_R (the vector current).
//! Erratum: paper 003 Eq. (2.2) prints |Im g_dsX|² for K⁺ → π⁺ X; the charged kaon decay needs
//! no CP violation and goes with |g_dsX|², as its own text below Eq. (2.4), paper 000 and
//! paper 002 Eq. (4.6) say. Paper 000 Eq. (7) writes the same rate with m̂ = m/m_K.
//!
//! Form factor (inputs `fplus_Kpi_0`, `Lambda_plus_Kpi`, `H1_Kpi`, `H2_Kpi`): the dispersive
//! parametrization `f_+(q²) = f_+(0) exp[(q²/m_π⁺²)(Λ_+ + H₁x + H₂x²)]`, x = q²/(m_KL − m_π⁺)²
//! (Antonelli et al., EPJC 69 (2010) 399, Eq. 37; Bernard et al., arXiv:0903.1654), the same
//! for K⁺π⁺ and K_Lπ⁰ (isospin-breaking corrections of a few per cent, as in Mescia–Smith,
//! are not included). Paper 003 takes f_+ = 1 (input set `jho2020`).

use super::Context;
use crate::error::Result;
use crate::flavour::down_couplings;
use crate::math::kallen;
use std::f64::consts::PI;

use super::Observable;

/// The observables of this area (the flavour-changing couplings and K -> pi Z').
pub(crate) const OBSERVABLES: &[Observable] = &[
    Observable::simple(
        "Re g_dsZp",
        "Re g_ds, L = -g_ds (d_L-bar gamma^mu s_L) Z'_mu + h.c., at q^2 = m_Z'^2",
        r"\mathrm{Re}\,g_{dsZ'}",
        "1",
        Some(1),
        "flavour mechanisms of the model (papers 000 Eq. 6, 002 Eq. 4.4, 003 Eq. 2.13, 4.5)",
        re_g_ds,
    ),
    Observable::simple(
        "Im g_dsZp",
        "Im g_ds at q^2 = m_Z'^2",
        r"\mathrm{Im}\,g_{dsZ'}",
        "1",
        Some(1),
        "flavour mechanisms of the model (papers 000 Eq. 6, 002 Eq. 4.4, 003 Eq. 2.13, 4.5)",
        im_g_ds,
    ),
    Observable::simple(
        "Re g_sbZp",
        "Re g_sb, L = -g_sb (s_L-bar gamma^mu b_L) Z'_mu + h.c., at q^2 = m_Z'^2",
        r"\mathrm{Re}\,g_{sbZ'}",
        "1",
        Some(1),
        "flavour mechanisms of the model (papers 002 Eq. 5.1, 003 Eq. 4.5)",
        re_g_sb,
    ),
    Observable::simple(
        "Im g_sbZp",
        "Im g_sb at q^2 = m_Z'^2",
        r"\mathrm{Im}\,g_{sbZ'}",
        "1",
        Some(1),
        "flavour mechanisms of the model (papers 002 Eq. 5.1, 003 Eq. 4.5)",
        im_g_sb,
    ),
    Observable::simple(
        "Re g_dbZp",
        "Re g_db, L = -g_db (d_L-bar gamma^mu b_L) Z'_mu + h.c., at q^2 = m_Z'^2",
        r"\mathrm{Re}\,g_{dbZ'}",
        "1",
        Some(1),
        "flavour mechanisms of the model (paper 002 Eq. 5.1)",
        re_g_db,
    ),
    Observable::simple(
        "Im g_dbZp",
        "Im g_db at q^2 = m_Z'^2",
        r"\mathrm{Im}\,g_{dbZ'}",
        "1",
        Some(1),
        "flavour mechanisms of the model (paper 002 Eq. 5.1)",
        im_g_db,
    ),
    Observable::simple(
        "BR(K+->piZp)",
        "BR(K+ -> pi+ Z'), proportional to |g_ds|^2",
        r"\mathrm{BR}(K^+\to\pi^+Z')",
        "1",
        Some(2),
        "paper 002 Eq. 4.6 (= paper 000 Eq. 7; paper 003 Eq. 2.2 with |g|^2, erratum)",
        br_kplus,
    ),
    Observable::simple(
        "BR(KL->piZp)",
        "BR(K_L -> pi0 Z'), proportional to (Im g_ds)^2",
        r"\mathrm{BR}(K_L\to\pi^0Z')",
        "1",
        Some(2),
        "paper 002 Eq. 4.7, paper 003 Eq. 2.3",
        br_klong,
    ),
];

/// f_+(q²) from the input set.
pub fn form_factor(ctx: &Context, q2: f64) -> Result<f64> {
    let i = ctx.inputs;
    let (f0, lp, h1, h2) = (
        i.value("fplus_Kpi_0")?,
        i.value("Lambda_plus_Kpi")?,
        i.value("H1_Kpi")?,
        i.value("H2_Kpi")?,
    );
    let mpi = i.value("m_pip")?;
    let t0 = (i.value("m_KL")? - mpi).powi(2);
    let x = q2 / t0;
    Ok(f0 * ((q2 / (mpi * mpi)) * (lp + h1 * x + h2 * x * x)).exp())
}

/// Γ(K → π Z') for a coupling of modulus² `g2` (GeV); 0 when the decay is closed.
pub fn width(g2: f64, mk: f64, mpi: f64, m: f64, fplus: f64) -> f64 {
    if m >= mk - mpi {
        return 0.0;
    }
    let lam = kallen(mk * mk, mpi * mpi, m * m).max(0.0);
    g2 * lam.powf(1.5) * fplus * fplus / (64.0 * PI * m * m * mk.powi(3))
}

/// `BR(K+->piZp)`: BR(K⁺ → π⁺ Z') ∝ |g_ds|².
pub fn br_kplus(ctx: &Context) -> Result<f64> {
    let i = ctx.inputs;
    let (mk, mpi, gam) = (i.value("m_Kp")?, i.value("m_pip")?, i.value("Gamma_Kp")?);
    let m = ctx.point.mass;
    if m >= mk - mpi {
        return Ok(0.0);
    }
    let g = down_couplings(ctx.point, ctx.sm, ctx.inputs)?.ds;
    Ok(width(g.norm_sqr(), mk, mpi, m, form_factor(ctx, m * m)?) / gam)
}

/// `BR(KL->piZp)`: BR(K_L → π⁰ Z') ∝ (Im g_ds)².
pub fn br_klong(ctx: &Context) -> Result<f64> {
    let i = ctx.inputs;
    let (mk, mpi, gam) = (i.value("m_KL")?, i.value("m_pi0")?, i.value("Gamma_KL")?);
    let m = ctx.point.mass;
    if m >= mk - mpi {
        return Ok(0.0);
    }
    let g = down_couplings(ctx.point, ctx.sm, ctx.inputs)?.ds;
    Ok(width(g.im * g.im, mk, mpi, m, form_factor(ctx, m * m)?) / gam)
}

/// `Re g_dsZp` … `Im g_dbZp`: the effective couplings at q² = m_Z'².
macro_rules! coupling_observable {
    ($name:ident, $field:ident, $part:ident) => {
        #[doc = concat!("The ", stringify!($part), " part of g_", stringify!($field), " at q² = m_Z'².")]
        pub fn $name(ctx: &Context) -> Result<f64> {
            Ok(down_couplings(ctx.point, ctx.sm, ctx.inputs)?.$field.$part)
        }
    };
}
coupling_observable!(re_g_ds, ds, re);
coupling_observable!(im_g_ds, ds, im);
coupling_observable!(re_g_sb, sb, re);
coupling_observable!(im_g_sb, sb, im);
coupling_observable!(re_g_db, db, re);
coupling_observable!(im_g_db, db, im);

#[cfg(test)]
mod tests {
    use super::*;

    /// The width from the squared amplitude Σ|M|² = |g|² f₊² λ/(4m²) and two-body phase space.
    #[test]
    fn width_from_amplitude() {
        let (mk, mpi, m, g, f) = (0.497611_f64, 0.1349768_f64, 0.1, 1e-11_f64, 0.98);
        // Σ|M|² = (g f/2)² [−(p_K + p_π)² + ((p_K + p_π)·q)²/m²]
        let pk_ppi2 = 2.0 * mk * mk + 2.0 * mpi * mpi - m * m;
        let dot = mk * mk - mpi * mpi;
        let m2 = (g * f / 2.0).powi(2) * (-pk_ppi2 + dot * dot / (m * m));
        let p = kallen(mk * mk, mpi * mpi, m * m).sqrt() / (2.0 * mk);
        let gamma = p / (8.0 * PI * mk * mk) * m2;
        assert!((width(g * g, mk, mpi, m, f) / gamma - 1.0).abs() < 1e-12);
        assert_eq!(width(1.0, mk, mpi, mk - mpi, 1.0), 0.0);
    }
}
