//! Logarithms of real quadratics with the Feynman −i0, factorized over their roots, and the
//! elementary integrals of the Feynman-parameter representation built on them.
//!
//! For real t, `ln(Q(t) − i0) = Log(A) + 2πik + Σ_r Log(t − z_r)` with principal logarithms.
//! A real root z_r of Q is displaced to `z_r + i s δ`, s = sign Q'(z_r), δ ≈ 1e-30 (1 + |z_r|):
//! the finite, explicit form of the −i0 (Q − i0 has its root at z_r + i0/Q'(z_r)). Each
//! `Log(t − z_r)` is then continuous along the real axis, so k is one integer, fixed once.
//! The displacement changes results by O(δ ln δ) ≈ 1e-28, far below double precision.

use super::special::{clog, ln1p};
use num_complex::Complex64 as C64;
use std::f64::consts::PI;

/// Size of the explicit i0 given to real roots (relative).
pub(crate) const I0: f64 = 1e-30;

/// The roots of a real quadratic `a t² + b t + c` with their i0 (see the module
/// documentation): the part of [`LogQuad`] that needs no logarithm, all that C0 uses.
#[derive(Debug, Clone, Copy)]
#[allow(clippy::struct_field_names)] // `roots.roots` reads as the roots of the factorization
pub(crate) struct Roots {
    /// Leading coefficient of the factorization (a, b or c).
    pub coef: f64,
    /// The roots (with their i0), `n` of them.
    pub roots: [C64; 2],
    /// z₁ − z₂ without the i0 displacements, computed from √disc (two roots only).
    pub diff: C64,
    /// Number of roots: 2 (quadratic), 1 (linear) or 0 (constant).
    pub n: usize,
    /// True when the two roots are a complex-conjugate pair (finite imaginary parts).
    pub conjugate_pair: bool,
}

impl Roots {
    /// The roots of `a t² + b t + c`, with the discriminant b² − 4ac supplied by the caller.
    #[inline]
    pub fn new(a: f64, b: f64, c: f64, disc: f64) -> Roots {
        let shift = |z: f64, slope: f64| C64::new(z, I0 * (1.0 + z.abs()) * slope.signum());
        let (coef, roots, n, pair, diff) = if a != 0.0 {
            if disc < 0.0 {
                let re = -b / (2.0 * a);
                let im = (-disc).sqrt() / (2.0 * a.abs());
                (
                    a,
                    [C64::new(re, im), C64::new(re, -im)],
                    2,
                    true,
                    C64::new(0.0, 2.0 * im),
                )
            } else {
                let sq = disc.sqrt();
                let sb = if b >= 0.0 { 1.0 } else { -1.0 };
                let q = -0.5 * (b + sb * sq);
                // z₁ − z₂ = −sign(b) √disc / a, accurate even for nearly equal roots
                let diff = C64::new(-sb * sq / a, 0.0);
                if q == 0.0 {
                    // b = 0 and c = 0: double root at 0
                    (
                        a,
                        [C64::new(0.0, I0), C64::new(0.0, -I0)],
                        2,
                        false,
                        C64::new(0.0, 2.0 * I0),
                    )
                } else {
                    let (z1, z2) = (q / a, c / q);
                    if diff.re == 0.0 {
                        let d = I0 * (1.0 + z1.abs());
                        (
                            a,
                            [C64::new(z1, d), C64::new(z1, -d)],
                            2,
                            false,
                            C64::new(0.0, 2.0 * d),
                        )
                    } else {
                        let r1 = shift(z1, a * diff.re);
                        let r2 = shift(z2, -a * diff.re);
                        (a, [r1, r2], 2, false, diff)
                    }
                }
            }
        } else if b != 0.0 {
            let z = -c / b;
            (
                b,
                [shift(z, b), C64::new(0.0, 0.0)],
                1,
                false,
                C64::new(0.0, 0.0),
            )
        } else {
            (c, [C64::new(0.0, 0.0); 2], 0, false, C64::new(0.0, 0.0))
        };
        Roots {
            coef,
            roots,
            diff,
            n,
            conjugate_pair: pair,
        }
    }
}

/// `ln(Q(t) − i0)` for Q(t) = a t² + b t + c, as `lead + Σ_r Log(t − roots[r])`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LogQuad {
    /// Leading coefficient of the factorization (a, b or c).
    pub coef: f64,
    /// Log(coef) + 2πik.
    pub lead: C64,
    /// The roots (with their i0), `n` of them.
    pub roots: [C64; 2],
    /// 1 − z for each root (accurate near 1).
    pub one_minus: [C64; 2],
    /// z₁ − z₂ without the i0 displacements, computed from √disc (two roots only).
    pub diff: C64,
    /// Number of roots: 2 (quadratic), 1 (linear) or 0 (constant).
    pub n: usize,
    /// True when the two roots are a complex-conjugate pair (finite imaginary parts).
    pub conjugate_pair: bool,
}

/// Principal log of a real number minus i0.
#[inline]
pub(crate) fn log_minus_i0(x: f64) -> C64 {
    if x < 0.0 {
        C64::new((-x).ln(), -PI)
    } else {
        C64::new(x.ln(), 0.0)
    }
}

/// Principal log of a real number (Im = π for negative numbers).
#[inline]
fn log_real(x: f64) -> C64 {
    if x < 0.0 {
        C64::new((-x).ln(), PI)
    } else {
        C64::new(x.ln(), 0.0)
    }
}

impl LogQuad {
    /// Factorize `ln(a t² + b t + c − i0)`.
    #[cfg(test)]
    pub fn new(a: f64, b: f64, c: f64) -> LogQuad {
        Self::with_disc(a, b, c, b * b - 4.0 * a * c, a + b + c)
    }

    /// The same with the discriminant b² − 4ac and the value Q(1) = a + b + c supplied by the
    /// caller, who may know them more accurately than the cancelling sums (in factorized form
    /// near a double root; from the physical invariants for Q(1)). Q(0) = c must be accurate.
    pub fn with_disc(a: f64, b: f64, c: f64, disc: f64, q1: f64) -> LogQuad {
        let Roots {
            coef,
            roots,
            diff,
            n,
            conjugate_pair: pair,
        } = Roots::new(a, b, c, disc);
        if n == 0 {
            return LogQuad {
                coef: c,
                lead: log_minus_i0(c),
                roots: [C64::new(0.0, 0.0); 2],
                one_minus: [C64::new(1.0, 0.0); 2],
                diff: C64::new(0.0, 0.0),
                n: 0,
                conjugate_pair: false,
            };
        }
        // 1 − z for each root, from Q(1) when the root is close to 1 (no cancellation).
        let mut one_minus = [C64::new(1.0, 0.0) - roots[0], C64::new(1.0, 0.0) - roots[1]];
        for r in 0..n {
            if (roots[r].re - 1.0).abs() < 0.5 && roots[r].im.abs() < 0.5 {
                let other = if n == 2 { one_minus[1 - r].re } else { 1.0 };
                if n == 1 || (other.abs() > 0.25 && roots[1 - r].im.abs() < 1e-3) {
                    let re = q1 / (coef * other);
                    one_minus[r] = C64::new(re, -roots[r].im);
                }
            }
        }
        // Fix k at a reference point where Q does not vanish.
        let q = |t: f64| (a * t + b) * t + c;
        let t_ref = [0.5, 0.25, 0.75, 0.1]
            .into_iter()
            .find(|&t| q(t) != 0.0)
            .unwrap_or(0.5);
        // Im of each side without logarithms: arg(t − z) + arg(t − z̄) = 0 for a conjugate
        // pair; arg(t − z) = 0 or −π sign(Im z) for a real root with its i0.
        let lhs = if q(t_ref) < 0.0 { -PI } else { 0.0 };
        let mut rhs = if coef < 0.0 { PI } else { 0.0 };
        if !pair {
            for r in roots.iter().take(n) {
                if t_ref < r.re {
                    rhs -= PI * r.im.signum();
                }
            }
        }
        let k = ((lhs - rhs) / (2.0 * PI)).round();
        LogQuad {
            coef,
            lead: log_real(coef) + C64::new(0.0, 2.0 * PI * k),
            roots,
            one_minus,
            diff,
            n,
            conjugate_pair: pair,
        }
    }

    /// The roots alone (what C0 needs from the same factorization).
    pub fn as_roots(&self) -> Roots {
        Roots {
            coef: self.coef,
            roots: self.roots,
            diff: self.diff,
            n: self.n,
            conjugate_pair: self.conjugate_pair,
        }
    }

    /// `∫₀¹ tⁿ ln(Q(t) − i0) dt` for n = 0, 1, 2.
    pub fn log_moments(&self) -> [C64; 3] {
        let mut out = [self.lead, self.lead / 2.0, self.lead / 3.0];
        for r in 0..self.n {
            let i = log_moments_root(self.roots[r], self.one_minus[r]);
            for k in 0..3 {
                out[k] += i[k];
            }
        }
        out
    }
}

/// `∫₀¹ tⁿ Log(t − z) dt`, n = 0, 1, 2 (z off the segment [0, 1]).
pub(crate) fn log_moments_root(z: C64, omz: C64) -> [C64; 3] {
    let lz = clog(-z);
    if z.norm_sqr() > 64.0 {
        // Log(t − z) = Log(−z) + Log(1 − t/z): −Σ_k z^{−k}/(k (n + k + 1))
        let w = z.inv();
        let mut out = [lz, lz / 2.0, lz / 3.0];
        let mut wk = w;
        for k in 1..40 {
            let kf = f64::from(k);
            let t0 = wk / (kf * (kf + 1.0));
            out[0] -= t0;
            out[1] -= wk / (kf * (kf + 2.0));
            out[2] -= wk / (kf * (kf + 3.0));
            if t0.norm() < 1e-18 * out[0].norm().max(1e-300) {
                break;
            }
            wk *= w;
        }
        return out;
    }
    let l1 = clog(omz);
    let z2 = z * z;
    let one = C64::new(1.0, 0.0);
    // 1 − z² = (1 − z)(1 + z), 1 − z³ = (1 − z)(1 + z + z²)
    [
        omz * l1 + z * lz - 1.0,
        0.5 * omz * (one + z) * l1 + 0.5 * z2 * lz - 0.25 - 0.5 * z,
        omz * (one + z + z2) * l1 / 3.0 + z2 * z * lz / 3.0 - (1.0 / 3.0 + 0.5 * z + z2) / 3.0,
    ]
}

/// `P_k(z) = ∫₀¹ u^k/(u − z) du` for k = 0, 1, 2 and their first and third derivatives
/// (the derivatives serve the divided difference of nearly equal roots).
pub(crate) fn pole_moments(z: C64, omz: C64) -> [C64; 3] {
    if z.norm_sqr() > 64.0 {
        // −Σ_n z^{−n−1}/(n + k + 1)
        let w = z.inv();
        let mut out = [C64::new(0.0, 0.0); 3];
        let mut wn = w;
        for n in 0..40 {
            let nf = f64::from(n);
            out[0] -= wn / (nf + 1.0);
            out[1] -= wn / (nf + 2.0);
            out[2] -= wn / (nf + 3.0);
            if wn.norm() < 1e-18 * out[0].norm() {
                break;
            }
            wn *= w;
        }
        return out;
    }
    let p0 = clog(omz) - clog(-z);
    [p0, 1.0 + z * p0, 0.5 + z + z * z * p0]
}

/// Divided differences `[P_k(z₁) − P_k(z₂)]/(z₁ − z₂)`, k = 0, 1, 2, accurate also for nearly
/// equal roots (the logarithms of the ratios through ln1p; the 2πi between branches exact).
fn pole_moment_differences(z1: C64, z2: C64, omz: [C64; 2], diff: C64) -> [C64; 3] {
    let big = 64.0;
    if z1.norm_sqr() > big && z2.norm_sqr() > big {
        // P_k = −Σ_n z^{−n−1}/(n+k+1); [z₁^{−m} − z₂^{−m}]/(z₁ − z₂) = −Σ_{j<m} z₁^{−j−1} z₂^{−(m−j)}
        let (w1, w2) = (z1.inv(), z2.inv());
        let mut out = [C64::new(0.0, 0.0); 3];
        // d_m = [z₁^{−m} − z₂^{−m}]/(z₁ − z₂) by d_{m+1} = w₁ d_m − w₂^{m+1} ... built iteratively:
        // d_m = −w₁w₂ Σ_{j=0}^{m−1} w₁^j w₂^{m−1−j} =: −w₁w₂ h_{m−1}, h_k = w₁ h_{k−1} + w₂^k
        let mut h = C64::new(1.0, 0.0); // h_0
        let mut w2k = C64::new(1.0, 0.0);
        for n in 0..60 {
            let d = -w1 * w2 * h; // m = n + 1
            let nf = f64::from(n);
            for (k, o) in out.iter_mut().enumerate() {
                *o -= d / (nf + k as f64 + 1.0);
            }
            if d.norm() < 1e-18 * out[0].norm() {
                break;
            }
            w2k *= w2;
            h = w1 * h + w2k;
        }
        return out;
    }
    let scale = z1.norm().max(z2.norm()).max(1.0);
    if diff.norm() > 0.25 * scale {
        let p1 = pole_moments(z1, omz[0]);
        let p2 = pole_moments(z2, omz[1]);
        let s = (z1 - z2).inv();
        return [
            (p1[0] - p2[0]) * s,
            (p1[1] - p2[1]) * s,
            (p1[2] - p2[2]) * s,
        ];
    }
    let p0_1 = clog(omz[0]) - clog(-z1);
    let p0_2 = clog(omz[1]) - clog(-z2);
    let naive = p0_1 - p0_2;
    let small = ln1p(-diff / omz[1]) - ln1p(diff / z2);
    let n = ((naive - small).im / (2.0 * PI)).round();
    let dd0 = (small + C64::new(0.0, 2.0 * PI * n)) / diff;
    [dd0, z1 * dd0 + p0_2, z1 * z1 * dd0 + (z1 + z2) * p0_2 + 1.0]
}

/// `K_k = ∫₀¹ u^k/(Q(u) − i0) du` (k = 0, 1, 2) and `Λ = ∫₀¹ ln(Q(u) − i0) du`.
#[cfg(test)]
pub(crate) fn quad_moments(a: f64, b: f64, c: f64) -> ([C64; 3], C64) {
    quad_moments_disc(a, b, c, b * b - 4.0 * a * c, a + b + c)
}

/// `quad_moments` with the discriminant and Q(1) supplied (see [`LogQuad::with_disc`]).
pub(crate) fn quad_moments_disc(a: f64, b: f64, c: f64, disc: f64, q1: f64) -> ([C64; 3], C64) {
    let lq = LogQuad::with_disc(a, b, c, disc, q1);
    let mut lambda = lq.lead;
    for r in 0..lq.n {
        lambda += log_moments_root(lq.roots[r], lq.one_minus[r])[0];
    }
    let k = match lq.n {
        0 => {
            let inv = C64::new(c, -I0 * c.abs().max(1e-300)).inv();
            [inv, inv / 2.0, inv / 3.0]
        }
        1 => {
            let p = pole_moments(lq.roots[0], lq.one_minus[0]);
            let s = 1.0 / lq.coef;
            [p[0] * s, p[1] * s, p[2] * s]
        }
        _ => {
            let dd = pole_moment_differences(lq.roots[0], lq.roots[1], lq.one_minus, lq.diff);
            let s = 1.0 / a;
            [dd[0] * s, dd[1] * s, dd[2] * s]
        }
    };
    (k, lambda)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::quad::integrate;

    fn quad_c(f: impl Fn(f64) -> C64, a: f64, b: f64) -> C64 {
        let re = integrate(|t| f(t).re, a, b, 1e-13).unwrap();
        let im = integrate(|t| f(t).im, a, b, 1e-13).unwrap();
        C64::new(re, im)
    }

    #[test]
    fn factorization_reproduces_the_log_with_minus_i0() {
        for &(a, b, c) in &[
            (1.0, -3.0, 2.0),
            (-2.0, 1.0, 0.3),
            (0.5, 0.1, 2.0),
            (-0.5, 0.1, -2.0),
            (0.0, -2.0, 0.5),
            (0.0, 0.0, -1.0),
            (1e-12, 1.0, 3.0),
            (4.0, -4.0, 1.0),
        ] {
            let lq = LogQuad::new(a, b, c);
            for &t in &[0.0, 0.13, 0.5, 0.77, 1.0] {
                let q = (a * t + b) * t + c;
                if q.abs() < 1e-9 {
                    continue;
                }
                let mut v = lq.lead;
                for r in lq.roots.iter().take(lq.n) {
                    v += (C64::new(t, 0.0) - r).ln();
                }
                let exact = log_minus_i0(q);
                assert!(
                    (v - exact).norm() < 1e-12,
                    "({a},{b},{c}) t={t}: {v} vs {exact}"
                );
            }
        }
    }

    #[test]
    fn moments_match_quadrature_below_threshold() {
        for &(a, b, c) in &[
            (1.0, 0.2, 2.0),
            (-0.3, 1.0, 0.9),
            (1e-9, 0.5, 1.5),
            (0.0, 1.0, 1.0),
        ] {
            let (k, l) = quad_moments(a, b, c);
            for p in 0..3 {
                let q = quad_c(
                    |u| C64::new(u.powi(p as i32) / ((a * u + b) * u + c), 0.0),
                    0.0,
                    1.0,
                );
                assert!((k[p] - q).norm() < 1e-12 * q.norm(), "K{p} ({a},{b},{c})");
            }
            let q = quad_c(|u| C64::new(((a * u + b) * u + c).ln(), 0.0), 0.0, 1.0);
            assert!((l - q).norm() < 1e-12 * q.norm().max(1.0));
        }
        // nearly degenerate roots, away from the end points: real pair, complex pair
        for &(a, b, c) in &[
            (1.0, -5.0, 6.25 - 1e-12),
            (1.0, -5.0, 6.25 + 1e-12),
            (2.0, 3.0, 1.125 - 1e-13),
        ] {
            let (k, _) = quad_moments(a, b, c);
            for p in 0..3 {
                let q = quad_c(
                    |u| C64::new(u.powi(p as i32) / ((a * u + b) * u + c), 0.0),
                    0.0,
                    1.0,
                );
                assert!(
                    (k[p] - q).norm() < 1e-11 * q.norm(),
                    "K{p} ({a},{b},{c}): {} vs {q}",
                    k[p]
                );
            }
        }
    }

    #[test]
    fn log_moments_large_and_small_roots_agree() {
        for &z in &[
            C64::new(7.9, 0.3),
            C64::new(8.1, 0.3),
            C64::new(-30.0, 1e-20),
            C64::new(0.4, 1e-25),
        ] {
            let m = log_moments_root(z, C64::new(1.0, 0.0) - z);
            for (n, mv) in m.iter().enumerate() {
                let q = quad_c(|t| t.powi(n as i32) * (C64::new(t, 0.0) - z).ln(), 0.0, 1.0);
                assert!(
                    (mv - q).norm() < 1e-11 * q.norm().max(1.0),
                    "{z} n={n}: {mv} vs {q}"
                );
            }
        }
    }
}
