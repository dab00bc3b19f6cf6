//! Closed-form loop functions of the papers, x = m_q²/m_W².
//!
//! Each is checked in the tests against its defining Feynman-parameter integral or against the
//! Passarino–Veltman library, and for removable singularities at x = 1 (which expose misprinted
//! polynomials). Errata found are recorded at the function.

/// Within this distance of x = 1 the closed forms (with (x − 1)⁻⁴ cancellations) are replaced
/// by Taylor series: closed-form error ≲ 1e-16·30/t⁴ ≈ 6e-12, series remainder ≲ 1e-13.
const SERIES_WINDOW: f64 = 0.15;

/// c₀ + Σ_{n=1}^{13} c_n tⁿ.
fn series(t: f64, c0: f64, c: &[f64; 13]) -> f64 {
    let mut s = 0.0;
    for v in c.iter().rev() {
        s = s * t + v;
    }
    c0 + t * s
}

/// Taylor coefficients (t¹ … t¹³) of D0 about x = 1.
#[allow(clippy::excessive_precision)]
const SER_D0: [f64; 13] = [
    -0.39444444444444443,
    0.21666666666666667,
    -0.14788359788359787,
    0.11170634920634921,
    -0.08955026455026455,
    0.07464726631393298,
    -0.06396103896103895,
    0.055934343434343434,
    -0.04968919968919969,
    0.044694194694194694,
    -0.04060939060939061,
    0.03720746845746846,
    -0.03433078359548948,
];
/// Taylor coefficients (t¹ … t¹³) of P1 about x = 1.
#[allow(clippy::excessive_precision)]
const SER_P1: [f64; 13] = [
    -0.11527777777777778,
    0.059722222222222225,
    -0.039947089947089946,
    0.029861111111111113,
    -0.023776455026455028,
    0.019720017636684302,
    -0.01682900432900433,
    0.014667508417508418,
    -0.012992100492100492,
    0.011656399156399155,
    -0.010567210567210567,
    0.009662444037444037,
    -0.0088991686418157,
];
/// Taylor coefficients (t¹ … t¹³) of P2 about x = 1.
#[allow(clippy::excessive_precision)]
const SER_P2: [f64; 13] = [
    0.39444444444444443,
    -0.21666666666666667,
    0.14788359788359787,
    -0.11170634920634921,
    0.08955026455026455,
    -0.07464726631393298,
    0.06396103896103895,
    -0.055934343434343434,
    0.04968919968919969,
    -0.044694194694194694,
    0.04060939060939061,
    -0.03720746845746846,
    0.03433078359548948,
];
/// Taylor coefficients (t¹ … t¹³) of A about x = 1.
#[allow(clippy::excessive_precision)]
const SER_A: [f64; 13] = [
    0.16666666666666666,
    -0.08333333333333333,
    0.05,
    -0.03333333333333333,
    0.02380952380952381,
    -0.017857142857142856,
    0.01388888888888889,
    -0.011111111111111112,
    0.00909090909090909,
    -0.007575757575757576,
    0.00641025641025641,
    -0.005494505494505494,
    0.0047619047619047615,
];
/// Taylor coefficients (t¹ … t¹³) of B about x = 1.
#[allow(clippy::excessive_precision)]
const SER_B: [f64; 13] = [
    -0.3333333333333333,
    0.125,
    -0.06666666666666667,
    0.041666666666666664,
    -0.02857142857142857,
    0.020833333333333332,
    -0.015873015873015872,
    0.0125,
    -0.0101010101010101,
    0.008333333333333333,
    -0.006993006993006993,
    0.005952380952380952,
    -0.005128205128205128,
];
/// Taylor coefficients (t¹ … t¹³) of BP about x = 1.
#[allow(clippy::excessive_precision)]
const SER_BP: [f64; 13] = [
    -0.16666666666666666,
    0.041666666666666664,
    -0.016666666666666666,
    0.008333333333333333,
    -0.0047619047619047615,
    0.002976190476190476,
    -0.001984126984126984,
    0.001388888888888889,
    -0.00101010101010101,
    0.0007575757575757576,
    -0.0005827505827505828,
    0.0004578754578754579,
    -0.0003663003663003663,
];
/// Taylor coefficients (t¹ … t¹³) of F1 about x = 1.
#[allow(clippy::excessive_precision)]
const SER_F1: [f64; 13] = [
    0.125,
    0.0625,
    -0.029166666666666667,
    0.020833333333333332,
    -0.01607142857142857,
    0.012797619047619047,
    -0.010416666666666668,
    0.008630952380952382,
    -0.00726010101010101,
    0.006186868686868687,
    -0.0053321678321678325,
    0.004641192141192141,
    -0.004075091575091575,
];

/// Paper 003 Eq. (2.11): the photon-penguin function (Inami–Lim; Buchalla, Buras, Lautenbacher,
/// RMP 68 (1996) 1125, Eq. XII.6)
/// `D₀(x) = −(4/9) ln x + (−19x³ + 25x²)/(36(x−1)³) + x²(5x² − 2x − 6) ln x/(18(x−1)⁴)`.
/// Regular at x = 1 (D₀(1) = 11/216, a series is used within 1e-3 of it); no erratum.
pub fn d0(x: f64) -> f64 {
    let t = x - 1.0;
    if t.abs() < SERIES_WINDOW {
        return series(t, 11.0 / 216.0, &SER_D0);
    }
    let l = x.ln();
    -4.0 / 9.0 * l
        + (-19.0 * x.powi(3) + 25.0 * x * x) / (36.0 * t.powi(3))
        + x * x * (5.0 * x * x - 2.0 * x - 6.0) * l / (18.0 * t.powi(4))
}

/// Paper 003 Eq. (2.12): the Z-penguin function of the Z'–Z mixing ε_ZX,
/// `D̃₀(x) = −1/(s_W c_W) [P₁(x) + c_W² P₂(x)]` with
/// `P₁ = (34x³ − 141x² + 147x − 58)/(216(x−1)³) + (−3x⁴ + 18x³ − 27x² + 19x − 4) ln x/(36(x−1)⁴)`,
/// `P₂ = (−47x³ + 237x² − 312x + 104)/(108(x−1)³) + (3x⁴ − 30x³ + 54x² − 32x + 8) ln x/(18(x−1)⁴)`.
/// Both brackets are regular at x = 1 (P₁ → 35/144, P₂ → −73/72), as they must be: the
/// printed polynomials pass this check.
pub fn d0_tilde(x: f64, sin2w: f64) -> f64 {
    let (p1, p2) = d0_tilde_parts(x);
    let (sw, cw) = (sin2w.sqrt(), (1.0 - sin2w).sqrt());
    -(p1 + cw * cw * p2) / (sw * cw)
}

fn d0_tilde_parts(x: f64) -> (f64, f64) {
    let t = x - 1.0;
    if t.abs() < SERIES_WINDOW {
        return (
            series(t, 35.0 / 144.0, &SER_P1),
            series(t, -73.0 / 72.0, &SER_P2),
        );
    }
    let l = x.ln();
    let (x2, x3, x4) = (x * x, x.powi(3), x.powi(4));
    let p1 = (34.0 * x3 - 141.0 * x2 + 147.0 * x - 58.0) / (216.0 * t.powi(3))
        + (-3.0 * x4 + 18.0 * x3 - 27.0 * x2 + 19.0 * x - 4.0) * l / (36.0 * t.powi(4));
    let p2 = (-47.0 * x3 + 237.0 * x2 - 312.0 * x + 104.0) / (108.0 * t.powi(3))
        + (3.0 * x4 - 30.0 * x3 + 54.0 * x2 - 32.0 * x + 8.0) * l / (18.0 * t.powi(4));
    (p1, p2)
}

/// Paper 003 Eq. (2.10): H₀ = ε_γX D₀(x) + ε_ZX D̃₀(x).
pub fn h0(x: f64, eps_gamma: f64, eps_z: f64, sin2w: f64) -> f64 {
    let z = if eps_z == 0.0 {
        0.0
    } else {
        eps_z * d0_tilde(x, sin2w)
    };
    eps_gamma * d0(x) + z
}

/// Paper 003 Eq. (B.8): `A(x) = x ∫₀¹ dy y/(y(x − 1) + 1) = [x(x − 1) − x ln x]/(x − 1)²`
/// (closed form confirmed).
pub fn a_fn(x: f64) -> f64 {
    let t = x - 1.0;
    if t.abs() < SERIES_WINDOW {
        return series(t, 0.5, &SER_A);
    }
    (x * t - x * x.ln()) / (t * t)
}

/// The integral that paper 003 Eq. (B.9) defines: `B(x) = −∫₀¹ dy y ln[y(x − 1) + 1]`
/// (μ = m_W) `= [x(2 − x) ln x + (x − 1)(x − 3)/2] / (2(x − 1)²)`.
///
/// Erratum: the printed closed form of Eq. (B.9), `[x(x − 1) − x² ln x]/(2(x − 1)²)`, is not
/// this integral; it equals `−∫₀¹ dy (1 − y) ln[y(x − 1) + 1] − ¼` ([`b_fn_printed`]). At
/// x_t = 4.62 the two differ by 2% (−0.6082 printed vs −0.5949); F₁ changes from 0.730 to 0.686.
pub fn b_fn(x: f64) -> f64 {
    let t = x - 1.0;
    if t.abs() < SERIES_WINDOW {
        return series(t, 0.0, &SER_B);
    }
    (x * (2.0 - x) * x.ln() + 0.5 * t * (x - 3.0)) / (2.0 * t * t)
}

/// Paper 003 Eq. (B.9) as printed: `[x(x − 1) − x² ln x]/(2(x − 1)²)` (see [`b_fn`]).
pub fn b_fn_printed(x: f64) -> f64 {
    let t = x - 1.0;
    if t.abs() < SERIES_WINDOW {
        return series(t, -0.25, &SER_BP);
    }
    (x * t - x * x * x.ln()) / (2.0 * t * t)
}

/// Paper 003 Eq. (4.6) = (B.12): `F₁(x) = [7x − 5x² − 2x³ + x(x + 2)² ln x]/(4(x − 1)²)`,
/// which equals `−(1 + x/2)(A + B) + x/4` with the printed B of Eq. (B.9) (identity checked in
/// the tests). Used as printed, as paper 003 does; F₁(1) = −1/8.
pub fn f1(x: f64) -> f64 {
    let t = x - 1.0;
    if t.abs() < SERIES_WINDOW {
        return series(t, -0.125, &SER_F1);
    }
    (7.0 * x - 5.0 * x * x - 2.0 * x.powi(3) + x * (x + 2.0).powi(2) * x.ln()) / (4.0 * t * t)
}
/// F₁ with the defining integral of B (Eq. B.9 corrected): `−(1 + x/2)(A + B) + x/4`.
pub fn f1_from_integrals(x: f64) -> f64 {
    -(1.0 + x / 2.0) * (a_fn(x) + b_fn(x)) + x / 4.0
}

/// Paper 000 Eq. (6), large-m_U functions (arguments m_U², m_t², m_W² in GeV²):
/// `f_ct = 1 + ln(m_U²/m_t²) + 3m_W²/(m_t² − m_W²) ln(m_t²/m_W²)`. No erratum: the exact
/// one-loop result of `flavour::up_vlq` tends to Eq. (6) with these functions (0.4% at
/// m_U = 2 TeV, 1e-4 at 20 TeV).
pub fn f_ct(mu2: f64, mt2: f64, mw2: f64) -> f64 {
    1.0 + (mu2 / mt2).ln() + 3.0 * mw2 / (mt2 - mw2) * (mt2 / mw2).ln()
}

/// Paper 000 Eq. (6):
/// `f_tt = 3m_W²/(m_t² − m_W²) [1 − m_W²/(m_t² − m_W²) ln(m_t²/m_W²)] + ln(m_U²/m_t²)`;
/// f_cc is the same function of m_c, as the paper says ("obtainable from f_tt in the
/// m_t² ≪ m_W² limit"); the exact loop confirms it (`flavour` tests).
pub fn f_tt(mu2: f64, mt2: f64, mw2: f64) -> f64 {
    let d = mt2 - mw2;
    3.0 * mw2 / d * (1.0 - mw2 / d * (mt2 / mw2).ln()) + (mu2 / mt2).ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::quad::integrate;

    #[test]
    fn d0_near_one() {
        // the series matches the closed form at the edges of its window
        for f in [d0, a_fn, b_fn, b_fn_printed, f1, |x| d0_tilde(x, 0.23)] {
            for edge in [1.0 - SERIES_WINDOW, 1.0 + SERIES_WINDOW] {
                let (a, b) = (f(edge - 1e-13), f(edge + 1e-13));
                assert!((a - b).abs() < 1e-11 * a.abs().max(1e-2), "{edge}: {a} {b}");
            }
        }
        assert!((d0(1.0) - 11.0 / 216.0).abs() < 1e-15);
        // known value: D0(x_t ≈ 4.6) ≈ −0.5 (Buchalla et al.)
        assert!((d0(4.62) + 0.508).abs() < 0.01, "{}", d0(4.62));
    }

    #[test]
    fn d0_tilde_is_regular_at_one() {
        let (p1, p2) = d0_tilde_parts(1.0 + 2e-3);
        assert!((p1 - 35.0 / 144.0).abs() < 1e-3 && (p2 + 73.0 / 72.0).abs() < 1e-3);
        let near = d0_tilde(1.0 + 1e-5, 0.23);
        let away = d0_tilde(1.0 + 2e-3, 0.23);
        assert!((near - away).abs() < 1e-2 * away.abs());
    }

    #[test]
    fn a_and_b_against_their_integrals() {
        for &x in &[4.62_f64, 0.3, 2.5e-4, 1.00005, 30.0] {
            let ai = integrate(|y| x * y / (y * (x - 1.0) + 1.0), 0.0, 1.0, 1e-13).unwrap();
            let bi = -integrate(|y| y * (y * (x - 1.0) + 1.0).ln(), 0.0, 1.0, 1e-13).unwrap();
            assert!((a_fn(x) - ai).abs() < 1e-10 * ai.abs().max(1e-3), "A({x})");
            assert!((b_fn(x) - bi).abs() < 1e-10 * bi.abs().max(1e-3), "B({x})");
            // the printed (B.9) is −∫(1 − y) ln(…) − ¼
            let bp = -integrate(|y| (1.0 - y) * (y * (x - 1.0) + 1.0).ln(), 0.0, 1.0, 1e-13)
                .unwrap()
                - 0.25;
            assert!((b_fn_printed(x) - bp).abs() < 1e-10, "printed B({x})");
        }
        assert!((b_fn_printed(4.62) - b_fn(4.62)).abs() > 0.01);
    }

    #[test]
    fn f1_identities() {
        for &x in &[4.62_f64, 0.3, 2.5e-4, 7.0] {
            let comb = -(1.0 + x / 2.0) * (a_fn(x) + b_fn_printed(x)) + x / 4.0;
            assert!((f1(x) - comb).abs() < 1e-12 * comb.abs().max(1e-3), "{x}");
        }
        assert!((f1(1.0 + 2e-4) + 0.125).abs() < 1e-4);
        assert!((f1(4.62) - 0.72977).abs() < 1e-5);
        assert!(
            (f1_from_integrals(4.62) - 0.6859).abs() < 1e-3,
            "{}",
            f1_from_integrals(4.62)
        );
    }
}
