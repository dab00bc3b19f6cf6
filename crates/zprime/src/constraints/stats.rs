//! Gaussian statistics helpers.

/// Two-sided Gaussian quantile: the z with P(|x| < z) = cl (1.959964 for 0.95), i.e.
/// erfc(z/√2) = 1 − cl. Solved by Brent's method; `cl` must lie in (0, 1).
pub fn two_sided_z(cl: f64) -> f64 {
    let target = 1.0 - cl;
    crate::math::roots::brent(
        |z| libm::erfc(z / std::f64::consts::SQRT_2) - target,
        0.0,
        40.0,
        1e-14,
    )
    .unwrap_or(f64::NAN)
}

/// The two-sided confidence level of a z-sigma interval.
pub fn cl_of_z(z: f64) -> f64 {
    1.0 - libm::erfc(z / std::f64::consts::SQRT_2)
}

/// Lower and upper regularized incomplete gamma functions (P(a, x), Q(a, x)), each computed
/// where it is accurate (series below a + 1, continued fraction above) so that a tail
/// probability of 1e-300 keeps its digits.
fn regularized_gamma(a: f64, x: f64) -> (f64, f64) {
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    let log_prefactor = a * x.ln() - x - libm::lgamma(a);
    if x < a + 1.0 {
        // P(a, x) = e^{-x} x^a / Γ(a + 1) Σ x^n / ((a + 1) ... (a + n))
        let (mut term, mut sum, mut ap) = (1.0 / a, 1.0 / a, a);
        for _ in 0..1000 {
            ap += 1.0;
            term *= x / ap;
            sum += term;
            if term.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        let p = (sum.ln() + log_prefactor).exp().min(1.0);
        (p, 1.0 - p)
    } else {
        // Q(a, x) by Lentz's continued fraction.
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..1000 {
            let an = -f64::from(i) * (f64::from(i) - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < 1e-16 {
                break;
            }
        }
        let q = (h.ln() + log_prefactor).exp().min(1.0);
        (1.0 - q, q)
    }
}

/// P(χ² ≤ x) for `dof` degrees of freedom.
pub fn chi2_cdf(dof: u32, x: f64) -> f64 {
    regularized_gamma(0.5 * f64::from(dof.max(1)), 0.5 * x).0
}

/// P(χ² > x) for `dof` degrees of freedom (accurate far in the tail).
pub fn chi2_tail(dof: u32, x: f64) -> f64 {
    regularized_gamma(0.5 * f64::from(dof.max(1)), 0.5 * x).1
}

/// The x with P(χ² ≤ x) = `p` for `dof` degrees of freedom (2.2958 for 2 dof at the 1σ
/// probability 0.6827, 6.1801 at 2σ); `p` in (0, 1).
pub fn chi2_quantile(dof: u32, p: f64) -> f64 {
    if !(p > 0.0 && p < 1.0) {
        return f64::NAN;
    }
    let hi = 10.0 * f64::from(dof.max(1)) + 2000.0;
    crate::math::roots::brent(|x| chi2_cdf(dof, x) - p, 0.0, hi, 1e-13).unwrap_or(f64::NAN)
}

/// The Δχ² of a z-sigma region for `dof` fitted parameters: the χ² quantile at the
/// two-sided Gaussian probability of z sigma (1 and 4 for one parameter, 2.30 and 6.18 for
/// two).
pub fn delta_chi2_of_sigma(dof: u32, z: f64) -> f64 {
    chi2_quantile(dof, cl_of_z(z))
}

/// The Gaussian significance (two-sided z) of a Δχ² with `dof` degrees of freedom: the z
/// whose two-sided tail equals the χ² tail (√Δχ² for one degree of freedom); 0 for Δχ² ≤ 0.
pub fn significance(dof: u32, delta_chi2: f64) -> f64 {
    if delta_chi2.is_nan() || delta_chi2 <= 0.0 {
        return 0.0;
    }
    if dof <= 1 {
        return delta_chi2.sqrt();
    }
    let tail = chi2_tail(dof, delta_chi2);
    if tail <= 0.0 {
        return f64::INFINITY;
    }
    // erfc(z/√2) = tail, solved in ln so that a tail of 1e-200 still has its digits.
    let target = tail.ln();
    crate::math::roots::brent(
        |z| libm::erfc(z / std::f64::consts::SQRT_2).max(1e-320).ln() - target,
        0.0,
        38.0,
        1e-13,
    )
    .unwrap_or(f64::INFINITY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles() {
        assert!((two_sided_z(0.95) - 1.959963984540054).abs() < 1e-12);
        assert!((two_sided_z(0.9) - 1.6448536269514722).abs() < 1e-12);
        assert!((cl_of_z(1.0) - 0.6826894921370859).abs() < 1e-14);
        // chi^2(1 dof) 95% quantile 3.841459 = z^2.
        assert!((two_sided_z(0.95).powi(2) - 3.841458820694124).abs() < 1e-10);
    }

    #[test]
    fn chi2_quantiles_and_significance() {
        // Tables (e.g. PDG Statistics review, Table 40.2): 1σ and 2σ regions.
        let cases = [
            (1, 1.0, 1.0),
            (1, 2.0, 4.0),
            (2, 1.0, 2.2957),
            (2, 2.0, 6.1801),
            (3, 1.0, 3.5267),
            (3, 2.0, 8.0249),
        ];
        for (dof, z, expected) in cases {
            let x = delta_chi2_of_sigma(dof, z);
            assert!((x - expected).abs() < 1e-4, "{dof} {z}: {x}");
        }
        // 2 dof: the CDF in closed form 1 - exp(-x/2).
        for x in [0.1, 2.3, 30.0, 600.0] {
            assert!(
                (chi2_tail(2, x) / (-0.5 * x).exp() - 1.0).abs() < 1e-12,
                "{x}"
            );
        }
        assert!((chi2_quantile(1, 0.95) - 3.841458820694124).abs() < 1e-9);
        assert!((significance(1, 9.0) - 3.0).abs() < 1e-12);
        assert!((significance(2, 2.2957) - 1.0).abs() < 1e-4);
        assert!((significance(2, 6.1801) - 2.0).abs() < 1e-4);
        assert!((significance(2, 400.0) - 19.8).abs() < 0.1);
        assert_eq!(significance(2, -1.0), 0.0);
    }
}
