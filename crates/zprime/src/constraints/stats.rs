//! Gaussian statistics helpers.

/// Two-sided Gaussian quantile: the z with P(|x| < z) = cl (1.959964 for 0.95), i.e.
/// erfc(z/√2) = 1 − cl; `cl` must lie in (0, 1) (NaN otherwise). The upper-tail quantile of
/// the tail probability (1 − cl)/2 by [`normal_upper_quantile`]: a closed form, because the
/// test statistic of every limit evaluates it (until issue 14 a root search, ~2 µs a call,
/// was most of `plot --chi2`).
pub fn two_sided_z(cl: f64) -> f64 {
    if !(cl > 0.0 && cl < 1.0) {
        return f64::NAN;
    }
    normal_upper_quantile(0.5 * (1.0 - cl))
}

/// The z with P(x > z) = `tail` for a standard normal x, 0 < tail < 1 (NaN otherwise).
/// M. J. Wichura, "Algorithm AS 241: the percentage points of the normal distribution",
/// Appl. Statist. 37 (1988) 477 (PPND16, relative error about 1e-16), followed by one Halley
/// step on erfc(z/√2)/2 = tail, which makes the result agree with libm's erfc to rounding.
pub fn normal_upper_quantile(tail: f64) -> f64 {
    if !(tail > 0.0 && tail < 1.0) {
        return f64::NAN;
    }
    let z = -wichura_ppnd16(tail);
    // Halley: f(z) = erfc(z/√2)/2 − tail, f' = −φ(z), f'' = z φ(z).
    let e = 0.5 * libm::erfc(z / std::f64::consts::SQRT_2) - tail;
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * (0.5 * z * z).exp();
    z + u / (1.0 + 0.5 * z * u)
}

/// The lower quantile x_p of the standard normal distribution (Wichura's PPND16).
fn wichura_ppnd16(p: f64) -> f64 {
    const A: [f64; 8] = [
        3.387_132_872_796_366_5,
        1.331_416_678_917_843_8e2,
        1.971_590_950_306_551_3e3,
        1.373_169_376_550_946e4,
        4.592_195_393_154_987e4,
        6.726_577_092_700_87e4,
        3.343_057_558_358_813e4,
        2.509_080_928_730_122_7e3,
    ];
    const B: [f64; 8] = [
        1.0,
        4.231_333_070_160_091e1,
        6.871_870_074_920_579e2,
        5.394_196_021_424_751e3,
        2.121_379_430_158_659_7e4,
        3.930_789_580_009_271e4,
        2.872_908_573_572_194_3e4,
        5.226_495_278_852_854e3,
    ];
    const C: [f64; 8] = [
        1.423_437_110_749_683_5,
        4.630_337_846_156_546,
        5.769_497_221_460_691,
        3.647_848_324_763_204_5,
        1.270_458_252_452_368_4,
        2.417_807_251_774_506e-1,
        2.272_384_498_926_918_4e-2,
        7.745_450_142_783_414e-4,
    ];
    const D: [f64; 8] = [
        1.0,
        2.053_191_626_637_759,
        1.676_384_830_183_803_8,
        6.897_673_349_851e-1,
        1.481_039_764_274_800_8e-1,
        1.519_866_656_361_645_7e-2,
        5.475_938_084_995_345e-4,
        1.050_750_071_644_416_9e-9,
    ];
    const E: [f64; 8] = [
        6.657_904_643_501_103,
        5.463_784_911_164_114,
        1.784_826_539_917_291_3,
        2.965_605_718_285_048_7e-1,
        2.653_218_952_657_612_4e-2,
        1.242_660_947_388_078_4e-3,
        2.711_555_568_743_487_6e-5,
        2.010_334_399_292_288_1e-7,
    ];
    const F: [f64; 8] = [
        1.0,
        5.998_322_065_558_88e-1,
        1.369_298_809_227_358e-1,
        1.487_536_129_085_061_5e-2,
        7.868_691_311_456_133e-4,
        1.846_318_317_510_054_8e-5,
        1.421_511_758_316_446e-7,
        2.044_263_103_389_939_8e-15,
    ];
    let ratio = |num: &[f64; 8], den: &[f64; 8], x: f64| {
        let poly = |c: &[f64; 8]| c.iter().rev().fold(0.0, |acc, &k| acc * x + k);
        poly(num) / poly(den)
    };
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        return q * ratio(&A, &B, 0.180_625 - q * q);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = (-r.ln()).sqrt();
    let x = if r <= 5.0 {
        ratio(&C, &D, r - 1.6)
    } else {
        ratio(&E, &F, r - 5.0)
    };
    if q < 0.0 {
        -x
    } else {
        x
    }
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
    fn normal_quantile_against_the_root_of_erfc() {
        // The closed form against the definition solved by bisection (Brent's method was used
        // before issue 14), over 60 orders of magnitude of the tail, and the two regions of
        // PPND16 (|p - 1/2| <= 0.425, r <= 5, r > 5).
        let by_root = |tail: f64| {
            // bisection to the last bit: erfc is decreasing
            let (mut lo, mut hi) = (-40.0_f64, 40.0_f64);
            for _ in 0..200 {
                let mid = 0.5 * (lo + hi);
                if 0.5 * libm::erfc(mid / std::f64::consts::SQRT_2) > tail {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            0.5 * (lo + hi)
        };
        let mut tail = 0.999;
        while tail > 1e-60 {
            let z = normal_upper_quantile(tail);
            let r = by_root(tail);
            assert!(
                (z - r).abs() <= 1e-13 * r.abs().max(1.0),
                "{tail}: {z} vs {r}"
            );
            // and Wichura's rational form alone is already good to ~1e-15
            let w = -wichura_ppnd16(tail);
            assert!(
                (w - z).abs() <= 1e-14 * z.abs().max(1.0),
                "{tail}: {w} vs {z}"
            );
            tail *= 0.37;
        }
        assert!(normal_upper_quantile(0.5).abs() < 1e-16);
        for bad in [0.0, 1.0, -0.1, f64::NAN] {
            assert!(normal_upper_quantile(bad).is_nan() && two_sided_z(bad).is_nan());
        }
    }

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
