//! Three-point functions by direct Feynman-parameter integration: the inner parameter
//! analytically, the outer one by adaptive Gauss–Kronrod quadrature. Used where the
//! Passarino–Veltman reduction loses precision (small Gram determinant, e.g. paper 002's
//! kinematics (0, q², 0; m_W², m_t², m_t²) with q² ≪ m²) and as the independent second method
//! in the tests.
//!
//! Parametrization: x₁ = 1 − x, x₂ = x(1 − u), x₃ = x u (x, u ∈ [0, 1], measure x dx du) and
//! `Δ = x₁m₁² + x₂m₂² + x₃m₃² − x₁x₂p₁² − x₁x₃p₃² − x₂x₃p₂² − i0`. For fixed x, Δ is a real
//! quadratic in u, so ∫du uᵏ/Δ and ∫du ln Δ are elementary (`quadratic::quad_moments`).
//! The outer interval is split where the inner quadratic has a double root or a root at an
//! end point (the normal and anomalous thresholds of the triangle), so that each piece has its
//! singularities only at its ends.

use super::quadratic::quad_moments_disc;
use crate::error::{Error, Result};
use num_complex::Complex64 as C64;

/// Indices of the outputs: C0, C1, C2, C11, C12, C22, and ∫∫ ln Δ (for C00).
pub(crate) const N: usize = 7;

// Kronrod nodes and weights (QUADPACK qk15): the same rule as `math::quad`, applied here to
// the vector of complex integrands of the tensor coefficients.
use crate::math::quad::{WG, WGK, XGK};

type Vals = [C64; N];

#[derive(Clone, Copy)]
struct Piece {
    a: f64,
    b: f64,
    value: Vals,
    error: [f64; N],
}

fn gk15<F: Fn(f64) -> Vals>(f: &F, a: f64, b: f64) -> Piece {
    let c = 0.5 * (a + b);
    let h = 0.5 * (b - a);
    let fc = f(c);
    let mut k = fc.map(|v| v * WGK[7]);
    let mut g = fc.map(|v| v * WG[3]);
    for j in 0..7 {
        let dx = h * XGK[j];
        let f1 = f(c - dx);
        let f2 = f(c + dx);
        for i in 0..N {
            let s = f1[i] + f2[i];
            k[i] += s * WGK[j];
            if j % 2 == 1 {
                g[i] += s * WG[j / 2];
            }
        }
    }
    let mut error = [0.0; N];
    let mut value = [C64::new(0.0, 0.0); N];
    for i in 0..N {
        value[i] = k[i] * h;
        error[i] = ((k[i] - g[i]) * h).norm();
    }
    Piece { a, b, value, error }
}

/// Adaptive vector-valued Gauss–Kronrod over the pieces `breaks`; `floor[i]` is the absolute
/// error accepted for component i on top of the relative tolerance.
fn integrate<F: Fn(f64) -> Vals>(f: F, breaks: &[f64], rel: f64, floor: &[f64; N]) -> Result<Vals> {
    let mut pieces: Vec<Piece> = breaks.windows(2).map(|w| gk15(&f, w[0], w[1])).collect();
    for _ in 0..4000 {
        let mut total = [C64::new(0.0, 0.0); N];
        let mut err = [0.0; N];
        for p in &pieces {
            for i in 0..N {
                total[i] += p.value[i];
                err[i] += p.error[i];
            }
        }
        let done = (0..N).all(|i| err[i] <= rel * total[i].norm() + floor[i]);
        if done {
            return Ok(total);
        }
        // bisect the piece with the largest weighted error
        let weight = |p: &Piece| {
            (0..N)
                .map(|i| p.error[i] / (rel * total[i].norm() + floor[i]))
                .fold(0.0, f64::max)
        };
        let (idx, _) = pieces
            .iter()
            .enumerate()
            .map(|(i, p)| (i, weight(p)))
            .fold((0, -1.0), |acc, x| if x.1 > acc.1 { x } else { acc });
        let p = pieces[idx];
        let mid = 0.5 * (p.a + p.b);
        if p.b - p.a < 1e-13 {
            // The worst piece cannot be refined further (rounding noise near a threshold):
            // accept a looser, still documented, precision or give up.
            let ok = (0..N).all(|i| err[i] <= 1e-7 * total[i].norm() + floor[i] * 1e3);
            if ok {
                return Ok(total);
            }
            break;
        }
        pieces.swap_remove(idx);
        pieces.push(gk15(&f, p.a, mid));
        pieces.push(gk15(&f, mid, p.b));
    }
    // The budget is spent with the error spread over thousands of pieces: rounding noise of
    // the integrand, not an unresolved singularity. Just below a normal threshold
    // (√p² = m + m' − 1e-8 relative, the W loop at m_Z' = m_t + m_u) the invariants enter
    // the discriminant at x = 1 as λ(p², m², m'²), a cancelling difference of squares, and
    // the estimate stalls at ~4e-12 relative. Accept a stalled estimate below 1e-9 relative:
    // the value is then good to ~1e-8 (against the analytic C0 and the √(threshold distance)
    // law, 1e-12 below the threshold; tests::direct_integration_just_below_a_normal_threshold).
    let mut total = [C64::new(0.0, 0.0); N];
    let mut err = [0.0; N];
    for p in &pieces {
        for i in 0..N {
            total[i] += p.value[i];
            err[i] += p.error[i];
        }
    }
    if (0..N).all(|i| err[i] <= 1e-9 * total[i].norm() + floor[i] * 1e3) {
        return Ok(total);
    }
    Err(Error::Numerical {
        context: "three-point function (Feynman-parameter integration)".into(),
        message: "no convergence (a Landau singularity or threshold of the triangle?)".into(),
    })
}

/// A real polynomial of degree ≤ 2 kept as leading coefficient times (x − r₁)(x − r₂).
struct Factorized {
    lead: f64,
    roots: [C64; 2],
    n: usize,
    constant: f64,
    /// K(1), K'(1), K''(1)/2 from the physical invariants, for x near 1 (w = 1 − x small).
    at_one: [f64; 3],
}

impl Factorized {
    fn new(k2: f64, k1: f64, k0: f64) -> Self {
        if k2 != 0.0 {
            let disc = k1 * k1 - 4.0 * k2 * k0;
            let roots = if disc >= 0.0 {
                let q = -0.5 * (k1 + k1.signum() * disc.sqrt());
                if q == 0.0 {
                    [C64::new(0.0, 0.0); 2]
                } else {
                    [C64::new(q / k2, 0.0), C64::new(k0 / q, 0.0)]
                }
            } else {
                let re = -k1 / (2.0 * k2);
                let im = (-disc).sqrt() / (2.0 * k2);
                [C64::new(re, im), C64::new(re, -im)]
            };
            Factorized {
                lead: k2,
                roots,
                n: 2,
                constant: 0.0,
                at_one: [0.0; 3],
            }
        } else if k1 != 0.0 {
            Factorized {
                lead: k1,
                roots: [C64::new(-k0 / k1, 0.0), C64::new(0.0, 0.0)],
                n: 1,
                constant: 0.0,
                at_one: [0.0; 3],
            }
        } else {
            Factorized {
                lead: 0.0,
                roots: [C64::new(0.0, 0.0); 2],
                n: 0,
                constant: k0,
                at_one: [0.0; 3],
            }
        }
    }

    /// Value at x = lo + dlo = hi − dhi: a root equal to lo or hi uses the exact offset, so
    /// that the value stays accurate (and non-zero) next to a zero that is a break point.
    #[allow(clippy::too_many_arguments)]
    fn eval(&self, x: f64, w: f64, lo: f64, dlo: f64, hi: f64, dhi: f64) -> f64 {
        let is_break = |r: C64| r.im == 0.0 && (r.re == lo || r.re == hi);
        if w < 0.25 && !self.roots.iter().take(self.n).any(|r| is_break(*r)) {
            let [k, kp, k2] = self.at_one;
            return k - kp * w + k2 * w * w;
        }
        let dist = |r: C64| {
            if r.im == 0.0 && r.re == lo {
                C64::new(dlo, 0.0)
            } else if r.im == 0.0 && r.re == hi {
                C64::new(-dhi, 0.0)
            } else {
                C64::new(x, 0.0) - r
            }
        };
        match self.n {
            0 => self.constant,
            1 => self.lead * dist(self.roots[0]).re,
            _ => (self.lead * dist(self.roots[0]) * dist(self.roots[1])).re,
        }
    }
}

/// Real roots in (0, 1) of α x² + β x + γ.
fn roots_in_unit(al: f64, be: f64, ga: f64, out: &mut Vec<f64>) {
    let mut push = |x: f64| {
        if x > 0.0 && x < 1.0 && x.is_finite() {
            out.push(x);
        }
    };
    if al == 0.0 {
        if be != 0.0 {
            push(-ga / be);
        }
        return;
    }
    let disc = be * be - 4.0 * al * ga;
    if disc < 0.0 {
        return;
    }
    let q = -0.5 * (be + be.signum() * disc.sqrt());
    if q == 0.0 {
        push(0.0);
    } else {
        push(q / al);
        push(ga / q);
    }
}

/// `[C0, C1, C2, C11, C12, C22, ∫∫ ln Δ]` (LoopTools conventions, masses and momenta squared;
/// the last entry is ∫₀¹dx x ∫₀¹du ln(Δ − i0), from which C00 follows).
///
/// The parametrization below is accurate when m₂² ≤ m₃²; otherwise the integral is taken in the
/// mirrored kinematics, exchanging propagators 2 and 3 (k₁ ↔ k₂):
/// `C(p₁², p₂², p₃²; m₁², m₂², m₃²)` has C0, C12, C00 of `C(p₃², p₂², p₁²; m₁², m₃², m₂²)` and
/// its C1, C11 are the mirror's C2, C22. Why: for m₂² ≫ m₃² and p₂² ≪ m₂² the inner quadratic
/// has one root within m₃²/m₂² of u = 1 and one near m₂²/p₂², and the integrand carries
/// rounding noise of relative size ~1e-12 that the adaptive rule cannot integrate away (the
/// paper-000 W loop with a 5e4 GeV vector-like quark at q² = 1e-18 GeV² did not converge); in
/// the mirrored order the near root sits at u = 0 with an exact offset.
pub(crate) fn c_direct(
    p1s: f64,
    p2s: f64,
    p3s: f64,
    m1s: f64,
    m2s: f64,
    m3s: f64,
    rel: f64,
) -> Result<Vals> {
    if m2s <= m3s {
        return c_direct_ordered(p1s, p2s, p3s, m1s, m2s, m3s, rel);
    }
    let v = c_direct_ordered(p3s, p2s, p1s, m1s, m3s, m2s, rel)?;
    Ok([v[0], v[2], v[1], v[5], v[4], v[3], v[6]])
}

/// [`c_direct`] in the given order of the propagators.
fn c_direct_ordered(
    p1s: f64,
    p2s: f64,
    p3s: f64,
    m1s: f64,
    m2s: f64,
    m3s: f64,
    rel: f64,
) -> Result<Vals> {
    // Δ(x, y) = a x² + b y² + c x y + d x + e y + f with y = x u.
    let a = p1s;
    let b = p2s;
    let c = p3s - p1s - p2s;
    let d = m2s - m1s - p1s;
    let e = m3s - m2s + p1s - p3s;
    let f = m1s;
    // Discriminant of the inner quadratic, x² K(x), K(x) = λ x² + (2ce − 4bd) x + e² − 4bf, in
    // factorized form so that it is accurate near its zeros (the thresholds).
    let (k2, k1, k0) = (
        c * c - 4.0 * a * b,
        2.0 * c * e - 4.0 * b * d,
        e * e - 4.0 * b * f,
    );
    let mut kfac = Factorized::new(k2, k1, k0);
    // K(1) = λ(p₂², m₂², m₃²) written as B² − 4AC of the x₁ = 0 edge, K'(1) = 2c(c + e) − 4b(2a + d)
    let ce = m3s - m2s - p2s;
    kfac.at_one = [
        ce * ce - 4.0 * p2s * m2s,
        2.0 * c * ce - 4.0 * b * (p1s + m2s - m1s),
        k2,
    ];
    // The inner quadratic Q(u) = A u² + B u + C in terms of the physical invariants, with
    // w = x₁ = 1 − x passed exactly (no cancellation between m₁² terms near x = 1):
    // A = x² p₂², B = x (m₃² − m₂²) + w x (p₁² − p₃²) − x² p₂², C = w m₁² + x m₂² − w x p₁².
    let integrand = |x: f64, w: f64, lo: f64, dlo: f64, hi: f64, dhi: f64| -> Vals {
        let disc = x * x * kfac.eval(x, w, lo, dlo, hi, dhi);
        let x2 = x * x;
        let qa = x2 * p2s;
        let qb = x * (m3s - m2s) + w * x * (p1s - p3s) - x2 * p2s;
        let qc = w * m1s + x * m2s - w * x * p1s;
        let q1 = w * m1s + x * m3s - w * x * p3s;
        let (k, lam) = quad_moments_disc(qa, qb, qc, disc, q1);
        let x3 = x2 * x;
        [
            -x * k[0],
            x2 * (k[0] - k[1]),
            x2 * k[1],
            -x3 * (k[0] - 2.0 * k[1] + k[2]),
            -x3 * (k[1] - k[2]),
            -x3 * k[2],
            x * lam,
        ]
    };
    let mut breaks = vec![0.0, 1.0];
    // double roots of the inner quadratic: (c x + e)² − 4 b (a x² + d x + f) = 0 (the same
    // numbers as in `kfac`, so that `eval` recognizes them)
    for r in kfac.roots.iter().take(kfac.n) {
        if r.im == 0.0 && r.re > 0.0 && r.re < 1.0 {
            breaks.push(r.re);
        }
    }
    // roots at u = 0 and u = 1
    roots_in_unit(a, d, f, &mut breaks);
    roots_in_unit(a + b + c, d + e, f, &mut breaks);
    breaks.sort_by(f64::total_cmp);
    breaks.dedup_by(|x, y| (*x - *y).abs() < 1e-15);
    let scale = [m1s, m2s, m3s, p1s.abs(), p2s.abs(), p3s.abs()]
        .into_iter()
        .fold(0.0, f64::max)
        .max(1e-300);
    let small = 1e-4 * rel;
    let floor = [
        small / scale,
        small / scale,
        small / scale,
        small / scale,
        small / scale,
        small / scale,
        small * (1.0 + scale.ln().abs()),
    ];
    // On each piece [lo, hi] the end points can carry 1/sqrt and log singularities (thresholds):
    // x = lo + (hi − lo) φ(t), φ(t) = t²(3 − 2t), φ'(t) = 6t(1 − t), smooths them. Piece k is
    // mapped to t ∈ [k, k + 1] so that one adaptive loop controls the total error.
    let npieces = breaks.len() - 1;
    let g = |tt: f64| {
        let k = (tt.floor() as usize).min(npieces - 1);
        let t = tt - k as f64;
        let (lo, hi) = (breaks[k], breaks[k + 1]);
        let s = 1.0 - t;
        let dlo = (hi - lo) * t * t * (3.0 - 2.0 * t);
        let dhi = (hi - lo) * s * s * (3.0 - 2.0 * s);
        let x = if t < 0.5 { lo + dlo } else { hi - dhi };
        // w = 1 − x from the exact offsets (1 − lo and 1 − hi are exact for lo, hi ≥ ½)
        let w = if t < 0.5 {
            (1.0 - lo) - dlo
        } else {
            (1.0 - hi) + dhi
        };
        let jac = (hi - lo) * 6.0 * t * s;
        integrand(x, w, lo, dlo, hi, dhi).map(|v| v * jac)
    };
    let tb: Vec<f64> = (0..=npieces).map(|k| k as f64).collect();
    integrate(g, &tb, rel, &floor)
}
