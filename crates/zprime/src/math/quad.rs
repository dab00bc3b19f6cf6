//! One-dimensional adaptive quadrature: globally adaptive Gauss–Kronrod (7-point Gauss,
//! 15-point Kronrod; the QUADPACK QAG strategy of always bisecting the piece with the largest
//! error estimate).
//!
//! Why not a crate: `quad-rs` 0.5 (the pick of shared/CRATES.md) returned `PieceTooSmall`,
//! `PossibleSingularity` or exhausted its evaluation budget on integrands this project needs
//! (a smooth rational function on [0, 1e-10], integrable endpoint logarithms), and its error
//! type gives the caller no partial result. This routine is the textbook algorithm with the
//! QUADPACK `qk15` nodes; it is tested on closed forms here and in every observable's tests.
//!
//! Split the interval at resonances and thresholds and change variables for strong endpoint
//! singularities before calling it.

/// Why an integral could not be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("quadrature failed on [{a}, {b}]: {message}")]
pub struct QuadError {
    /// Lower limit.
    pub a: f64,
    /// Upper limit.
    pub b: f64,
    /// The reason.
    pub message: String,
}

/// Kronrod abscissae (positive half, QUADPACK qk15).
#[allow(clippy::excessive_precision)] // the published QUADPACK digits
pub(crate) const XGK: [f64; 8] = [
    0.991_455_371_120_812_639_206_854_697_526_329,
    0.949_107_912_342_758_524_526_189_684_047_851,
    0.864_864_423_359_769_072_789_712_788_640_926,
    0.741_531_185_599_394_439_863_864_773_280_788,
    0.586_087_235_467_691_130_294_144_845_693_013,
    0.405_845_151_377_397_166_906_606_412_076_961,
    0.207_784_955_007_898_467_600_689_403_773_245,
    0.0,
];
/// Kronrod weights.
#[allow(clippy::excessive_precision)] // the published QUADPACK digits
pub(crate) const WGK: [f64; 8] = [
    0.022_935_322_010_529_224_963_732_008_058_970,
    0.063_092_092_629_978_553_290_700_663_189_204,
    0.104_790_010_322_250_183_839_876_322_541_518,
    0.140_653_259_715_525_918_745_189_590_510_238,
    0.169_004_726_639_267_902_826_583_426_598_550,
    0.190_350_578_064_785_409_913_256_402_421_014,
    0.204_432_940_075_298_892_414_161_999_234_649,
    0.209_482_141_084_727_828_012_999_174_891_714,
];
/// Gauss weights of the 7-point rule (abscissae XGK[1], XGK[3], XGK[5], XGK[7]).
#[allow(clippy::excessive_precision)] // the published QUADPACK digits
pub(crate) const WG: [f64; 4] = [
    0.129_484_966_168_869_693_270_611_432_679_082,
    0.279_705_391_489_276_667_901_467_771_423_780,
    0.381_830_050_505_118_944_950_369_775_488_975,
    0.417_959_183_673_469_387_755_102_040_816_327,
];

/// Most pieces the adaptive loop creates before giving up.
const MAX_PIECES: usize = 5000;

#[derive(Clone, Copy)]
struct Piece {
    a: f64,
    b: f64,
    value: f64,
    error: f64,
    /// ∫|f| by the Kronrod rule: sets the rounding floor of the error.
    abs: f64,
}

fn gauss_kronrod<F: Fn(f64) -> f64>(f: &F, a: f64, b: f64) -> Piece {
    let centre = 0.5 * (a + b);
    let half = 0.5 * (b - a);
    let fc = f(centre);
    let mut kronrod = WGK[7] * fc;
    let mut gauss = WG[3] * fc;
    let mut abs = WGK[7] * fc.abs();
    for j in 0..7 {
        let dx = half * XGK[j];
        let (f1, f2) = (f(centre - dx), f(centre + dx));
        kronrod += WGK[j] * (f1 + f2);
        abs += WGK[j] * (f1.abs() + f2.abs());
        if j % 2 == 1 {
            gauss += WG[j / 2] * (f1 + f2);
        }
    }
    let value = kronrod * half;
    let error = ((kronrod - gauss) * half).abs();
    Piece {
        a,
        b,
        value,
        error,
        abs: abs * half.abs(),
    }
}

/// ∫ₐᵇ f(x) dx to the relative tolerance `rel_tol` (and an absolute floor of 1e-300).
///
/// Fails only if the integrand is not finite somewhere it is sampled, or if the tolerance is
/// not reached within 5000 pieces (a sign of a singularity that needs a change of variables).
pub fn integrate<F: Fn(f64) -> f64>(f: F, a: f64, b: f64, rel_tol: f64) -> Result<f64, QuadError> {
    if a == b {
        return Ok(0.0);
    }
    let fail = |m: &str| QuadError {
        a,
        b,
        message: m.to_string(),
    };
    let mut pieces = vec![gauss_kronrod(&f, a, b)];
    loop {
        let total: f64 = pieces.iter().map(|p| p.value).sum();
        let error: f64 = pieces.iter().map(|p| p.error).sum();
        if !total.is_finite() || !error.is_finite() {
            return Err(fail("the integrand is not finite"));
        }
        // Rounding floor (as QUADPACK): no estimate below 50 ε ∫|f| is meaningful.
        let floor = 50.0 * f64::EPSILON * pieces.iter().map(|p| p.abs).sum::<f64>();
        if error <= (rel_tol * total.abs()).max(floor).max(1e-300) {
            return Ok(total);
        }
        if pieces.len() >= MAX_PIECES {
            return Err(fail(&format!(
                "tolerance {rel_tol:e} not reached (estimated error {error:e} of {total:e})"
            )));
        }
        // Bisect the piece with the largest error, unless it is at the resolution of f64,
        // in which case its error is as small as it can be made: accept and look no further.
        let (i, worst) = pieces
            .iter()
            .enumerate()
            .max_by(|x, y| x.1.error.total_cmp(&y.1.error))
            .map(|(i, p)| (i, *p))
            .expect("at least one piece");
        let mid = 0.5 * (worst.a + worst.b);
        if mid <= worst.a || mid >= worst.b || (worst.b - worst.a) < 4.0 * f64::EPSILON * mid.abs()
        {
            if error - worst.error <= (rel_tol * total.abs()).max(1e-300)
                || worst.error <= 1e-15 * total.abs()
            {
                return Ok(total);
            }
            return Err(fail(
                "integrand too singular to resolve in double precision",
            ));
        }
        pieces[i] = gauss_kronrod(&f, worst.a, mid);
        pieces.push(gauss_kronrod(&f, mid, worst.b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polynomials_are_exact() {
        // G7K15 integrates polynomials of degree 22 exactly.
        let v = integrate(|x| x.powi(22), 0.0, 1.0, 1e-14).unwrap();
        assert!((v - 1.0 / 23.0).abs() < 1e-15);
        let v = integrate(|x| x * x, 2.0, -1.0, 1e-14).unwrap();
        assert!((v + 3.0).abs() < 1e-14);
    }

    #[test]
    fn narrow_breit_wigner() {
        let g = 1e-4_f64;
        let exact = 2.0 * (5.0 / g).atan();
        let v = integrate(|x| g / ((x - 5.0) * (x - 5.0) + g * g), 0.0, 10.0, 1e-10).unwrap();
        assert!((v - exact).abs() / exact < 1e-9, "{v} vs {exact}");
    }

    #[test]
    fn endpoint_singularities() {
        // ∫₀¹ ln x /√x = -4 and ∫₀¹ ln x = -1 (the case quad-rs refused).
        let v = integrate(|x| x.ln() / x.sqrt(), 0.0, 1.0, 1e-9).unwrap();
        assert!((v + 4.0).abs() < 1e-7, "{v}");
        let v = integrate(f64::ln, 0.0, 1.0, 1e-12).unwrap();
        assert!((v + 1.0).abs() < 1e-11, "{v}");
        // A tiny interval is no different from a large one.
        let v = integrate(|u| 1.0 / (u + 1e-10), 0.0, 1e-10, 1e-12).unwrap();
        assert!((v - 2f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn non_finite_integrand_is_an_error() {
        // A non-integrable pole is reported, not returned as a number.
        assert!(integrate(|x| 1.0 / (x * x), -1.0, 1.0, 1e-10).is_err());
        assert!(integrate(|_| f64::NAN, 0.0, 1.0, 1e-10).is_err());
    }
}
