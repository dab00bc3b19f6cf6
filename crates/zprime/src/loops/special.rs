//! Special functions for the loop integrals: the dilogarithm of a real or complex argument and
//! accurate complex logarithms.
//!
//! Our own implementation (MIT OR Apache-2.0, like the crate): the Bernoulli-number series of
//! Li₂ in `u = −ln(1 − z)` (converges for |u| < 2π), directly where |u| ≤ 1.8 and otherwise
//! after mapping the argument into the region |z| ≤ 1, Re z ≤ ½ with the inversion and
//! reflection identities. Branch cut: the principal
//! branch, cut along (1, ∞). Arguments on the cut must carry their side as the sign of the
//! imaginary part: the loop functions give every real root an explicit tiny imaginary part
//! (the +i0 or −i0 of the propagators), never a signed zero, so that `Li2(x + i0)` and
//! `Li2(x − i0)` are told apart (Im = ±π ln x for x > 1).

use num_complex::Complex64 as C64;
use std::f64::consts::PI;

/// π²/6 = ζ(2).
pub const ZETA2: f64 = PI * PI / 6.0;

/// B_{2k}/(2k+1)! for k = 1..=14 (B_2 = 1/6, B_4 = −1/30, …, B_28 = −23749461029/870).
const BERNOULLI: [f64; 14] = [
    (1.0 / 6.0) / 6.0,
    (-1.0 / 30.0) / 120.0,
    (1.0 / 42.0) / 5040.0,
    (-1.0 / 30.0) / 362_880.0,
    (5.0 / 66.0) / 39_916_800.0,
    (-691.0 / 2730.0) / 6_227_020_800.0,
    (7.0 / 6.0) / 1_307_674_368_000.0,
    (-3617.0 / 510.0) / 355_687_428_096_000.0,
    (43867.0 / 798.0) / 121_645_100_408_832_000.0,
    (-174_611.0 / 330.0) / 51_090_942_171_709_440_000.0,
    (854_513.0 / 138.0) / 25_852_016_738_884_976_640_000.0,
    (-236_364_091.0 / 2730.0) / 15_511_210_043_330_985_984_000_000.0,
    (8_553_103.0 / 6.0) / 10_888_869_450_418_352_160_768_000_000.0,
    (-23_749_461_029.0 / 870.0) / 8_841_761_993_739_701_954_543_616_000_000.0,
];

/// The largest |u| = |ln(1 − z)| for which the series alone is used. With the terms up to
/// B_28 the first omitted one, B_30 u³¹/31!, is below 6e-18 there (and |Li₂| ≳ 0.8 for
/// |u| ≥ 1), so no mapping is needed in the whole disk |u| ≤ 1.8: one logarithm instead of
/// the two of the reflection or inversion.
const U_MAX: f64 = 1.8;

/// Up to this |u| the terms up to B_18 suffice: the first omitted one, B_20 u²¹/21!, is below
/// 3e-17 for |u| ≤ π/3 (under half an ulp of |Li₂| ≈ 1 there). The mapped regions
/// (|z| ≤ 1, Re z ≤ ½, and the real x ≤ ½) lie inside.
const U_SHORT: f64 = PI / 3.0;

/// The series Σ B_n u^{n+1}/(n+1)! = u − u²/4 + u³ Σ_k B_{2k} u^{2k−2}/(2k+1)! = Li₂(1 − e^{−u})
/// (it converges for |u| < 2π), truncated after B_18 (`LONG = false`, for |u| ≤ [`U_SHORT`])
/// or after B_28 (`LONG = true`, for |u| ≤ [`U_MAX`]).
/// The polynomial in v = u² is evaluated with Estrin's scheme (pairs combined with v², v⁴,
/// v⁸) rather than Horner's: four dependent multiplications instead of eight or thirteen, so
/// the processor overlaps the rest. Generic over f64 and C64 (the same code for both paths).
#[allow(clippy::inline_always)] // measured: the Li2 series is the hot path of C0 (developing.md)
#[inline(always)]
fn series<T, const LONG: bool>(u: T) -> T
where
    T: Copy
        + std::ops::Add<Output = T>
        + std::ops::Sub<Output = T>
        + std::ops::Mul<Output = T>
        + std::ops::Mul<f64, Output = T>
        + std::ops::Add<f64, Output = T>,
{
    let b = &BERNOULLI;
    let v = u * u;
    let v2 = v * v;
    let v4 = v2 * v2;
    let v8 = v4 * v4;
    let pair = |k: usize| v * b[k + 1] + b[k];
    let q0 = pair(0) + v2 * pair(2);
    let q1 = pair(4) + v2 * pair(6);
    let s = if LONG {
        let q2 = pair(8) + v2 * pair(10);
        let q3 = pair(12);
        (q0 + v4 * q1) + v8 * (q2 + v4 * q3)
    } else {
        (q0 + v4 * q1) + v8 * b[8]
    };
    u - v * 0.25 + u * v * s
}

/// The series for a real u, |u| ≤ [`U_MAX`].
#[inline]
fn series_real(u: f64) -> f64 {
    if u.abs() <= U_SHORT {
        series::<f64, false>(u)
    } else {
        series::<f64, true>(u)
    }
}

/// The same series for a complex u, |u| ≤ [`U_MAX`].
#[inline]
fn series_complex(u: C64) -> C64 {
    if u.norm_sqr() <= U_SHORT * U_SHORT {
        series::<C64, false>(u)
    } else {
        series::<C64, true>(u)
    }
}

/// Real dilogarithm Li₂(x) = −∫₀ˣ ln(1−t)/t dt for x ≤ 1 (the real part for x > 1).
pub fn li2_real(x: f64) -> f64 {
    if x == 1.0 {
        return ZETA2;
    }
    if x == 0.0 {
        return 0.0;
    }
    li2_real_and_log(x).0
}

/// (Re Li₂(x), L) for x ∉ {0, 1}, with L = ln(1 − x) below 1 and L = ln x above: the logarithm
/// the complex dilogarithm needs for its imaginary part near the real axis, returned so that
/// it is not computed twice (it is one of the logarithms of the mapping).
#[inline]
fn li2_real_and_log(x: f64) -> (f64, f64) {
    // the series alone where |u| = |ln(1 − x)| ≤ ln 6 < U_MAX (x ≥ −5); above ½ the reflection
    // (two logarithms, but the short series) measured faster for real arguments
    if (-5.0..=0.5).contains(&x) {
        // ln_1p (twice the cost of ln) only where 1 − x would lose digits of ln(1 − x); for
        // |x| ≥ ½, 1 − x is exact (x ≥ ½) or |ln(1 − x)| > 0.4 (x ≤ −½)
        let l1 = if x.abs() < 0.5 {
            (-x).ln_1p()
        } else {
            (1.0 - x).ln()
        };
        return (series_real(-l1), l1);
    }
    if x < -5.0 {
        // Li2(x) = −ζ2 − ½ ln²(−x) − Li2(1/x),
        // with ln(1 − x) = ln(−x) + ln(1 − 1/x), the second log being the one of the series
        let l = (-x).ln();
        let l1 = (-1.0 / x).ln_1p();
        return (-ZETA2 - 0.5 * l * l - series_real(-l1), l + l1);
    }
    let lx = x.ln();
    if x < 1.0 {
        // Li2(x) = ζ2 − ln x ln(1−x) − Li2(1−x), 1 − x < ½
        let l1 = (1.0 - x).ln();
        return (ZETA2 - lx * l1 - series_real(-lx), l1);
    }
    if x <= 2.0 {
        // Re Li2(x) = ζ2 − ln x ln(x−1) − Li2(1−x), 1 − x ∈ [−1, 0)
        return (ZETA2 - lx * (x - 1.0).ln() - series_real(-lx), lx);
    }
    // Re Li2(x) = 2ζ2 − ½ ln² x − Li2(1/x), 1/x < ½
    (
        2.0 * ZETA2 - 0.5 * lx * lx - series_real(-(-1.0 / x).ln_1p()),
        lx,
    )
}

/// Complex dilogarithm on the principal branch (cut along (1, ∞); the side of the cut is the
/// sign of Im z). Arguments with |Im z| below 1e-15 |z| take the real path with the imaginary
/// part ±π ln x added above x = 1.
///
/// Elsewhere ln(1 − z) comes first: where |ln(1 − z)| ≤ `U_MAX` (most arguments) the series
/// gives Li₂ directly; otherwise the reflection (|z| ≤ 1) or the inversion (|z| > 1) maps the
/// argument into |z| ≤ 1, Re z ≤ ½ and reuses that logarithm, so that at most two complex
/// logarithms are taken (each one a log and an atan2, the bulk of the cost).
pub fn li2(z: C64) -> C64 {
    let (x, y) = (z.re, z.im);
    if y.abs() <= 1e-15 * x.abs() && (x - 1.0).abs() > 1e-8 {
        if x == 0.0 {
            return C64::new(0.0, y);
        }
        let (re, l) = li2_real_and_log(x);
        let im = if x > 1.0 {
            PI * l * y.signum()
        } else {
            // first-order correction: d Li2/dx = −ln(1−x)/x
            -y * l / x
        };
        return C64::new(re, im);
    }
    let l1 = ln1p(-z); // ln(1 − z)
    if l1.norm_sqr() <= U_MAX * U_MAX {
        return series_complex(-l1);
    }
    let r2 = x * x + y * y;
    if r2 <= 1.0 {
        // |z| ≤ 1 with |u| > π/3: Re z > ½
        return li2_reflected(z, clog(z), l1);
    }
    // Li2(z) = −Li2(1/z) − ζ2 − ½ ln²(−z)
    let l = clog(-z);
    // 1/z = z̄/|z|² with the |z|² at hand: one real division instead of num_complex's two
    let s = 1.0 / r2;
    let zi = C64::new(x * s, -y * s);
    // ln(1 − 1/z) = ln(1 − z) − ln(−z) + 2πik: 1 − 1/z has Re > 0 for |z| > 1, so its
    // principal log has |Im| < π/2 and k follows from wrapping Im into (−π, π]. Where the
    // difference cancels (|z| ≫ 1) its absolute error stays ε ln|z|, small against ½ ln²(−z).
    let mut d = l1 - l;
    if d.im > PI {
        d.im -= 2.0 * PI;
    } else if d.im <= -PI {
        d.im += 2.0 * PI;
    }
    let inner = if zi.re <= 0.5 {
        series_complex(-d)
    } else {
        // ln(1/z) = −ln z = −(ln(−z) ± iπ) from the logarithm at hand; the sign puts arg z in
        // (−π, π]. Re z > 0 here, so z is off the negative axis and −ln z is the principal
        // ln(1/z).
        let lz = if l.im <= 0.0 {
            C64::new(l.re, l.im + PI)
        } else {
            C64::new(l.re, l.im - PI)
        };
        li2_reflected(zi, -lz, d)
    };
    -inner - ZETA2 - 0.5 * l * l
}

/// Li₂(z) for |z| ≤ 1, Re z > ½ by the reflection Li₂(z) = −Li₂(1−z) + ζ2 − ln z ln(1−z),
/// given lz = ln z and l1 = ln(1 − z).
#[inline]
fn li2_reflected(z: C64, lz: C64, l1: C64) -> C64 {
    if z.re == 1.0 && z.im == 0.0 {
        return C64::new(ZETA2, 0.0);
    }
    -series_complex(-lz) + ZETA2 - lz * l1
}

/// 1/z as z̄ · (1/|z|²): one real division (num_complex's `inv` divides both parts).
#[inline]
pub fn recip(z: C64) -> C64 {
    let s = 1.0 / (z.re * z.re + z.im * z.im);
    C64::new(z.re * s, -z.im * s)
}

/// Principal complex logarithm without the overflow-safe (and slow) `hypot`: ½ ln(x² + y²)
/// + i atan2(y, x), falling back to the library version outside 1e-150 < |z| < 1e150.
#[inline]
pub fn clog(z: C64) -> C64 {
    let r2 = z.re * z.re + z.im * z.im;
    if r2 > 1e-300 && r2 < 1e300 {
        C64::new(0.5 * r2.ln(), z.im.atan2(z.re))
    } else {
        z.ln()
    }
}

/// ln(1 + w), accurate for small |w| (principal branch).
#[inline]
pub fn ln1p(w: C64) -> C64 {
    if w.norm_sqr() < 0.25 {
        let re = 0.5 * (2.0 * w.re + w.norm_sqr()).ln_1p();
        let im = w.im.atan2(1.0 + w.re);
        C64::new(re, im)
    } else {
        clog(w + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Li2 by direct quadrature of −∫₀¹ ln(1 − z t)/t dt (for z off the cut).
    fn li2_quad(z: C64) -> C64 {
        let f = |t: f64, part: usize| {
            let v = -(C64::new(1.0, 0.0) - z * t).ln() / t;
            if part == 0 {
                v.re
            } else {
                v.im
            }
        };
        let re = crate::math::quad::integrate(|t| f(t, 0), 0.0, 1.0, 1e-10).unwrap();
        let im = crate::math::quad::integrate(|t| f(t, 1), 0.0, 1.0, 1e-10).unwrap();
        C64::new(re, im)
    }

    #[test]
    fn special_values() {
        assert!((li2_real(1.0) - ZETA2).abs() < 1e-15);
        assert!((li2_real(-1.0) + ZETA2 / 2.0).abs() < 1e-15);
        let l2 = 2f64.ln();
        assert!((li2_real(0.5) - (ZETA2 / 2.0 - 0.5 * l2 * l2)).abs() < 1e-15);
        // Li2(2 ± i0) = π²/4 ± iπ ln 2
        let up = li2(C64::new(2.0, 1e-300));
        let dn = li2(C64::new(2.0, -1e-300));
        assert!((up.re - PI * PI / 4.0).abs() < 1e-14 && (up.im - PI * l2).abs() < 1e-14);
        assert!((dn.im + PI * l2).abs() < 1e-14);
        // Li2(i) = −π²/48 + i G (Catalan's constant)
        let g = 0.915_965_594_177_219_f64;
        let v = li2(C64::new(0.0, 1.0));
        assert!((v.re + PI * PI / 48.0).abs() < 1e-15 && (v.im - g).abs() < 1e-15);
    }

    #[test]
    fn real_path_matches_quadrature() {
        for &x in &[
            -50.0, -3.0, -1.0, -0.7, -0.2, 1e-6, 0.3, 0.5, 0.51, 0.9, 0.999,
        ] {
            let q = li2_quad(C64::new(x, 0.0)).re;
            assert!((li2_real(x) - q).abs() < 1e-10 * q.abs().max(1e-3), "{x}");
        }
        // above 1: Re Li2(x) = ζ2 − ln x ln(x−1) − Li2(1−x) checked against the inversion form
        for &x in &[1.001_f64, 1.5, 2.0, 2.5, 10.0, 1e5] {
            let inv = 2.0 * ZETA2 - 0.5 * x.ln() * x.ln() - li2_real(1.0 / x);
            assert!((li2_real(x) - inv).abs() < 1e-13 * inv.abs(), "{x}");
        }
    }

    #[test]
    fn complex_matches_quadrature_and_reflection() {
        let pts = [
            (0.3, 0.4),
            (-0.8, 0.5),
            (0.7, -0.6),
            (0.45, 0.89),
            (1.2, 0.3),
            (3.0, -2.0),
            (-5.0, 0.1),
            (0.99, 0.01),
            (2.0, 1e-3),
            (-0.3, -1.7),
        ];
        for &(x, y) in &pts {
            let z = C64::new(x, y);
            let v = li2(z);
            if !(x > 1.0 && y.abs() < 0.5) {
                let q = li2_quad(z);
                assert!(
                    (v - q).norm() < 1e-10 * q.norm().max(1e-2),
                    "{z}: {v} vs {q}"
                );
            }
            // Li2(z) + Li2(1−z) = ζ2 − ln z ln(1−z) (off the cuts)
            let w = C64::new(1.0, 0.0) - z;
            let lhs = v + li2(w);
            let rhs = ZETA2 - z.ln() * w.ln();
            assert!((lhs - rhs).norm() < 1e-13 * rhs.norm().max(1.0), "{z}");
            // conjugation symmetry
            assert!((li2(z.conj()) - v.conj()).norm() < 1e-14 * v.norm().max(1.0));
        }
    }

    /// On the unit circle Re Li2(e^{iθ}) = ζ2 − θ(2π − θ)/4 (0 ≤ θ ≤ 2π) exactly; θ = ±π/3
    /// is where the short series reaches its largest |u| (π/3), the test of its truncation.
    /// Points just inside and outside the circle take the two mappings (|z| ≤ 1 and 1/z).
    #[test]
    fn unit_circle_real_part_is_exact() {
        for i in 1..200 {
            let th = 2.0 * PI * f64::from(i) / 200.0 + 1e-3;
            let exact = ZETA2 - th * (2.0 * PI - th) / 4.0;
            for r in [1.0 - 1e-15, 1.0, 1.0 + 1e-15] {
                let z = C64::from_polar(r, th);
                let v = li2(z);
                // off the circle by δr = 1e-15 the value moves by δr |ln(1 − z)|
                let tol = 3e-15 + 1e-15 * (C64::new(1.0, 0.0) - z).norm().ln().abs();
                assert!(
                    (v.re - exact).abs() < tol,
                    "θ = {th}, r = {r}: {v} vs {exact}"
                );
            }
        }
        for th in [PI / 3.0, -PI / 3.0] {
            let exact = ZETA2 - th.abs() * (2.0 * PI - th.abs()) / 4.0;
            let v = li2(C64::from_polar(1.0, th));
            assert!((v.re - exact).abs() < 2e-15, "θ = {th}: {v} vs {exact}");
        }
    }

    /// The long series at the edge of its disk (|u| = 1.79, z = 1 − e^{−u}) against the
    /// inversion and reflection identities, whose other sides take other paths.
    #[test]
    fn long_series_edge_matches_identities() {
        for i in 0..96 {
            let u = C64::from_polar(1.79, 2.0 * PI * (f64::from(i) + 0.5) / 96.0);
            let z = C64::new(1.0, 0.0) - (-u).exp();
            let v = li2(z);
            let l = (-z).ln();
            let inv = -li2(z.inv()) - ZETA2 - 0.5 * l * l;
            assert!(
                (v - inv).norm() < 2e-15 * v.norm().max(1.0),
                "{z}: {v} vs {inv}"
            );
            let w = C64::new(1.0, 0.0) - z;
            let refl = -li2(w) + ZETA2 - z.ln() * w.ln();
            assert!(
                (v - refl).norm() < 2e-15 * v.norm().max(1.0),
                "{z}: {v} vs {refl}"
            );
        }
    }

    /// The real path with its logarithm shared against the plain real dilogarithm, including
    /// the imaginary part from the side of the cut and the first-order one below x = 1.
    #[test]
    fn real_path_values_and_imaginary_parts() {
        for &x in &[
            -80.0_f64, -1.5, -1.0, -0.3, 0.2, 0.5, 0.7, 1.3, 2.0, 2.5, 40.0,
        ] {
            let y = 1e-20 * x.abs();
            let v = li2(C64::new(x, y));
            let q = li2_real(x);
            assert!((v.re - q).abs() < 1e-15 * q.abs().max(1.0), "{x}");
            let im = if x > 1.0 {
                PI * x.ln()
            } else {
                -y * (1.0 - x).ln() / x
            };
            assert!(
                (v.im - im).abs() < 1e-14 * im.abs(),
                "{x}: {} vs {im}",
                v.im
            );
        }
        // Li2(x) + Li2(1/x) = −ζ2 − ½ ln²(−x) for x < 0
        for &x in &[-80.0_f64, -1.5, -1.0 - 1e-9] {
            let l = (-x).ln();
            let lhs = li2_real(x) + li2_real(1.0 / x);
            assert!(
                (lhs + ZETA2 + 0.5 * l * l).abs() < 1e-14 * (1.0 + l * l),
                "{x}"
            );
        }
    }

    #[test]
    fn tiny_imaginary_parts_pick_the_side() {
        for &x in &[1.0001, 1.7, 3.0, 1e3] {
            let up = li2(C64::new(x, 1e-25));
            let full = li2(C64::new(x, 1e-8));
            assert!((up.re - full.re).abs() < 1e-6 && (up.im - PI * x.ln()).abs() < 1e-12);
            assert!((up.im - full.im).abs() < 1e-6);
        }
    }
}
