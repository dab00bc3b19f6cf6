//! τ → μ ν ν̄ from Z' box diagrams.
//!
//! Paper 004 Eq. (28): `Δ = 3g²/(4π²) ln(m_W²/m_Z'²)/(1 − m_Z'²/m_W²)` for L_mu − L_tau, where
//! `Δ = BR/BR_SM − 1` (at fixed, measured τ lifetime it is the ratio of partial widths).
//!
//! General charges: the boxes exchange the Z' between the (ν_τ, τ) and (μ, ν_μ) lines of the
//! four-fermion operator (ν̄_τ γ^α P_L τ)(μ̄ γ_α P_L ν_μ); the leading logarithm is proportional
//! to the product of the two lepton-doublet couplings, `Δ = −3 g_{l2} g_{l3}/(4π²) × (...)`,
//! which reproduces 004's sign statement (the sign follows the relative sign of the muon and
//! tau charges). Exchanges within one current vanish with the wave-function terms for these
//! conserved currents (the same bookkeeping gives the finite QED correction to muon decay).
//! Valid for m_τ ≪ m_Z' (the box is evaluated with massless external leptons).

use super::{Args, Compute, Context, Observable, Validity};
use crate::couplings::{chiral, Fermion};
use crate::error::Result;
use crate::inputs::StandardModel;
use std::f64::consts::PI;

/// The observables of this area.
pub(crate) const OBSERVABLES: &[Observable] = &[Observable {
    name: "Delta(tau->mununu)",
    description: "BR(tau -> mu nu nu)/BR_SM - 1 from Z' box diagrams (valid for m_Z' > m_tau)",
    latex: r"\Delta(\tau\to\mu\nu\bar\nu)",
    unit: "1",
    degree: Some(2),
    reference: "paper 004 Eq. (28), generalized to any lepton-doublet charges",
    arguments: &[],
    listed: Some(&[]),
    validity,
    compute: Compute::Point(delta_tau_mununu),
}];

/// The box diagrams are evaluated with massless external leptons: valid for m_Z' above the
/// input set's m_τ (up to the largest mass zprime accepts).
#[allow(clippy::unnecessary_wraps)] // the signature of Observable::validity
fn validity(_: &Args, sm: &StandardModel) -> Option<Validity> {
    Some(Validity {
        mass: [sm.m_lepton[2], crate::model::MASS_MAX],
        reason: "box diagrams with massless external leptons: m_Z' must be above m_tau".into(),
    })
}

/// `ln(m_W²/m²)/(1 − m²/m_W²)`, continuous through m = m_W (where it is 1).
pub fn box_log(m: f64, m_w: f64) -> f64 {
    let y = (m / m_w).powi(2);
    let d = y - 1.0;
    if d.abs() < 1e-6 {
        // -ln(y)/(1-y) = 1 - d/2 + d^2/3 - ...
        return 1.0 - d / 2.0 + d * d / 3.0;
    }
    // ln_1p(y - 1) keeps the digits near y = 1; far from it (where y - 1 may round to -1
    // for a light Z') ln(y) is exact.
    let ln_y = if d.abs() < 0.5 {
        d.ln_1p()
    } else {
        (m / m_w).ln() * 2.0
    };
    -ln_y / (1.0 - y)
}

/// `Delta(tau->mununu)`.
pub fn delta_tau_mununu(ctx: &Context) -> Result<f64> {
    let p = ctx.point;
    let (g2, _) = chiral(Fermion::Neutrino(1), p, ctx.sm, 0.0);
    let (g3, _) = chiral(Fermion::Neutrino(2), p, ctx.sm, 0.0);
    Ok(-3.0 * (g2 * g3).re / (4.0 * PI * PI) * box_log(p.mass, ctx.sm.m_w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_log_is_continuous_and_has_its_limits() {
        let mw = 80.369;
        assert!((box_log(mw, mw) - 1.0).abs() < 1e-15);
        for eps in [1e-9, 1e-7, 1e-5, 1e-3] {
            let a = box_log(mw * (1.0 + eps), mw);
            let b = box_log(mw * (1.0 - eps), mw);
            assert!(
                (a - 1.0).abs() < 2.0 * eps && (b - 1.0).abs() < 2.0 * eps,
                "{eps}: {a} {b}"
            );
        }
        // A very light Z' (y - 1 rounds to -1): finite, ln(mW^2/m^2).
        for m in [1e-9_f64, 1e-12] {
            let v = box_log(m, mw);
            assert!((v - (mw * mw / (m * m)).ln()).abs() < 1e-12, "{m}: {v}");
        }
        // Light Z': ln(mW^2/m^2).
        assert!((box_log(1.0, mw) - (mw * mw).ln() / (1.0 - 1.0 / (mw * mw))).abs() < 1e-12);
        // Heavy Z' (m >> mW): ln(m^2/mW^2) mW^2/m^2 -> 0+.
        let m: f64 = 1e4;
        assert!(
            (box_log(m, mw) - (m * m / (mw * mw)).ln() * mw * mw / (m * m - mw * mw)).abs() < 1e-14
        );
    }
}
