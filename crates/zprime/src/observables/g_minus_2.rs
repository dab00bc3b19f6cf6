//! The Z' contribution to the muon anomalous magnetic moment at one loop.
//!
//! For couplings `μ̄ γ^α (g_V − g_A γ5) μ Z'_α` and λ² = m_μ²/m_Z'² (J. P. Leveille, Nucl. Phys.
//! B 137, 285 (1978); F. Jegerlehner, A. Nyffeler, Phys. Rept. 477, 1 (2009), Eq. 257):
//!
//! `Δa_μ = m_μ²/(4π² m_Z'²) [ g_V² F_V(λ²) + g_A² F_A(λ²) ]`,
//! `F_V(a) = ∫₀¹ dx x²(1−x) / (1 − x + a x²)`,
//! `F_A(a) = ∫₀¹ dx [−x(1−x)(4−x) − 2a x³] / (1 − x + a x²)`.
//!
//! The vector part is paper 001 Eq. (5): `g²/(8π²) ∫ 2m²x²(1−x)/(x²m² + (1−x)M²)`. Limits:
//! `g²/(8π²)` for m_Z' ≪ m_μ and `g² m_μ²/(12π² m_Z'²)` for m_Z' ≫ m_μ (paper 004 Eq. 26 with
//! v_Φ = m_Z'/g); axial: `−5 g_A² m_μ²/(12π² m_Z'²)` for a heavy Z', and the longitudinal
//! enhancement `−g_A² m_μ²/(4π² m_Z'²)` for a light one. No erratum found in paper 001 Eq. 5.

use super::Context;
use crate::couplings::{vector_axial, Fermion};
use crate::error::{Error, Result};
use crate::math::quad::integrate;
use std::f64::consts::PI;

/// The observables of this area.
pub(crate) const OBSERVABLES: &[super::Observable] = &[super::Observable::simple(
    "Delta a_mu",
    "Z' contribution to the muon anomalous magnetic moment (g-2)/2",
    r"\Delta a_\mu",
    "1",
    Some(2),
    "exact one loop, vector (paper 001 Eq. 5) and axial couplings",
    delta_a_mu,
)];

/// Relative precision of the Feynman-parameter integrals.
const REL_TOL: f64 = 1e-10;

/// ∫₀¹ f, split at the given interior points so that the adaptive rule sees smooth pieces.
fn integrate_split(cuts: &[f64], f: impl Fn(f64) -> f64) -> Result<f64> {
    let mut pts = vec![0.0];
    // A cut within 1e-9 of the end 1 (a = m_mu²/m_Z'² within 1e-9 of 1, where the integrand
    // is smooth) would leave a piece a few thousand doubles wide, whose quadrature nodes are
    // too coarse for any error estimate (m_Z' = m_mu (1 + 1e-12) failed: issue 9's 10^6 run).
    pts.extend(cuts.iter().copied().filter(|&c| c > 0.0 && c < 1.0 - 1e-9));
    pts.push(1.0);
    pts.sort_by(f64::total_cmp);
    let mut sum = 0.0;
    for w in pts.windows(2) {
        sum += integrate(&f, w[0], w[1], REL_TOL).map_err(|e| Error::Numerical {
            context: "Delta a_mu".into(),
            message: e.to_string(),
        })?;
    }
    Ok(sum)
}

/// D(x) = 1 − x + a x², the Feynman-parameter denominator.
#[inline]
fn denominator(a: f64, x: f64) -> f64 {
    1.0 - x + a * x * x
}

// Two exact forms are used. For a light Z' (a >= 1) the integrands as written, split at the
// scales 1/a and 1/√a where D changes from 1 to a x². For a heavy Z' (a < 1) the subtracted
// identities F_V = 1/3 − a ∫ x⁴/D and F_A = −5/3 + a ∫ x³(2 − x)/D, whose remainders are
// integrated in u = 1 − x with cuts at u = a and √a (D ≈ u + a near x = 1): this keeps full
// relative precision as a → 0, where the direct integrand varies on a scale a near x = 1.

/// The vector loop function F_V(a), a = m_μ²/m_Z'².
pub fn loop_vector(a: f64) -> Result<f64> {
    if a >= 1.0 {
        integrate_split(&[1.0 / a, 1.0 / a.sqrt()], |x| {
            x * x * (1.0 - x) / denominator(a, x)
        })
    } else {
        // D written in u directly: 1 - (1 - u) would lose the digits of a small u.
        let rest = integrate_split(&[a, a.sqrt()], |u| {
            (1.0 - u).powi(4) / (u + a * (1.0 - u) * (1.0 - u))
        })?;
        Ok(1.0 / 3.0 - a * rest)
    }
}

/// The axial loop function F_A(a), a = m_μ²/m_Z'².
pub fn loop_axial(a: f64) -> Result<f64> {
    if a >= 1.0 {
        integrate_split(&[1.0 / a, 1.0 / a.sqrt()], |x| {
            (-x * (1.0 - x) * (4.0 - x) - 2.0 * a * x * x * x) / denominator(a, x)
        })
    } else {
        let rest = integrate_split(&[a, a.sqrt()], |u| {
            let x = 1.0 - u;
            x * x * x * (1.0 + u) / (u + a * x * x)
        })?;
        Ok(-5.0 / 3.0 + a * rest)
    }
}

/// `Delta a_mu` for the model point.
pub fn delta_a_mu(ctx: &Context) -> Result<f64> {
    let p = ctx.point;
    let m_mu = ctx.sm.m_lepton[1];
    let (v, ax) = vector_axial(Fermion::ChargedLepton(1), p, ctx.sm, 0.0);
    let a = (m_mu / p.mass).powi(2);
    let mut sum = 0.0;
    if v.norm_sqr() > 0.0 {
        sum += v.norm_sqr() * loop_vector(a)?;
    }
    if ax.norm_sqr() > 0.0 {
        sum += ax.norm_sqr() * loop_axial(a)?;
    }
    Ok(a / (4.0 * PI * PI) * sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// F_V in closed form (polynomial division and partial fractions), for a not too small.
    fn loop_vector_closed_form(a: f64) -> f64 {
        let c0 = (a - 1.0) / (a * a);
        let r1 = (2.0 * a - 1.0) / (a * a);
        let r0 = -(a - 1.0) / (a * a);
        let poly = -1.0 / (2.0 * a) + c0;
        let log_part = r1 / (2.0 * a) * a.ln();
        let k = r0 + r1 / (2.0 * a);
        let inv_quad = if a > 0.25 {
            let s = (4.0 * a - 1.0).sqrt();
            2.0 / s * (((2.0 * a - 1.0) / s).atan() + (1.0 / s).atan())
        } else {
            let s = (1.0 - 4.0 * a).sqrt();
            let g = |x: f64| {
                ((2.0 * a * x - 1.0 - s) / (2.0 * a * x - 1.0 + s))
                    .abs()
                    .ln()
            };
            (g(1.0) - g(0.0)) / s
        };
        poly + log_part + k * inv_quad
    }

    #[test]
    fn vector_function_matches_closed_form() {
        for a in [0.05, 0.2, 0.3, 0.999, 1.0, 4.0, 30.0, 1e3] {
            let num = loop_vector(a).unwrap();
            let cf = loop_vector_closed_form(a);
            assert!((num / cf - 1.0).abs() < 1e-9, "a={a}: {num} vs {cf}");
        }
    }

    /// At m_Z' = m_mu (1 ± 1e-12) and exactly m_mu the loop functions are continuous.
    #[test]
    fn at_the_muon_mass() {
        let at_one = (loop_vector(1.0).unwrap(), loop_axial(1.0).unwrap());
        for r in [1e-12, -1e-12, 1e-10, -1e-10] {
            let a = (1.0 + r) * (1.0 + r);
            let (v, ax) = (loop_vector(a).unwrap(), loop_axial(a).unwrap());
            assert!((v / at_one.0 - 1.0).abs() < 1e-9 && (ax / at_one.1 - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn limits() {
        // Heavy Z' (a -> 0): F_V = 1/3 - a (ln(1/a) - 25/12) + ..., F_A = -5/3 + a (ln(1/a) - 5/6)...:
        // check the leading terms and that the O(a ln a) correction has the right size.
        for a in [1e-6_f64, 1e-10, 1e-14] {
            let dv = (1.0 / 3.0 - loop_vector(a).unwrap()) / a;
            let da = (loop_axial(a).unwrap() + 5.0 / 3.0) / a;
            assert!((dv - (1.0 / a).ln()).abs() < 3.0, "a={a}: {dv}");
            assert!((da - (1.0 / a).ln()).abs() < 3.0, "a={a}: {da}");
        }
        // Light Z' (a -> inf): a F_V -> 1/2, F_A -> -1.
        let a = 1e12;
        assert!((a * loop_vector(a).unwrap() - 0.5).abs() < 1e-5);
        assert!((loop_axial(a).unwrap() + 1.0).abs() < 1e-5);
    }

    #[test]
    fn axial_function_second_method() {
        // Composite Simpson with many points as an independent evaluation.
        for a in [0.01, 0.5, 2.0, 50.0] {
            let n = 200_000;
            let h = 1.0 / f64::from(n);
            let f =
                |x: f64| (-x * (1.0 - x) * (4.0 - x) - 2.0 * a * x * x * x) / (1.0 - x + a * x * x);
            let mut s = f(0.0) + f(1.0);
            for i in 1..n {
                s += if i % 2 == 1 { 4.0 } else { 2.0 } * f(f64::from(i) * h);
            }
            let simpson = s * h / 3.0;
            assert!(
                (loop_axial(a).unwrap() / simpson - 1.0).abs() < 1e-9,
                "a={a}"
            );
        }
    }
}
