//! Passarino–Veltman one-loop functions A0, B0, B1, B00, B11, C0, C1, C2, C00, C11, C12, C22
//! for real masses and real external momenta squared, in LoopTools conventions.
//!
//! Normalization (LoopTools, Denner Fortsch. Phys. 41 (1993) 307):
//! `T = (2πμ)^{4−D}/(iπ²) ∫ dᴰq N(q)/(D₀D₁…)` with `D₀ = q² − m₁²`, `D₁ = (q + k₁)² − m₂²`,
//! `D₂ = (q + k₂)² − m₃²`, k₁ = p₁, k₂ = p₁ + p₂. Arguments are squares, in LoopTools order:
//! `B0(p², m₁², m₂²)`, `C0(p₁², p₂², (p₁+p₂)², m₁², m₂², m₃²)`; `B^μ = k^μ B1`,
//! `B^{μν} = g^{μν} B00 + k^μk^ν B11`, `C^μ = k₁^μ C1 + k₂^μ C2`,
//! `C^{μν} = g^{μν} C00 + k₁k₁ C11 + (k₁k₂ + k₂k₁) C12 + k₂k₂ C22`.
//!
//! Ultraviolet: every function is `finite + pole·Δ` with `Δ = 2/(4−D) − γ_E + ln 4π`; the
//! finite part is the MS-bar value at the renormalization scale μ (argument `mu2` = μ², GeV²),
//! and [`Uv::pole`] is the coefficient of Δ (A0: m², B0: 1, B1: −½, B11: ⅓,
//! B00: (m₁² + m₂²)/4 − p²/12, C00: ¼; the rest are finite). LoopTools' defaults
//! (Δ = 0, μ = 1 GeV) are `mu2 = 1`. The propagators carry −i0: above thresholds the results
//! are complex, with the imaginary part of the physical sheet.
//!
//! Methods. Two-point functions: exact Feynman-parameter integrals of the logarithm,
//! factorized over the roots (with series where a root is large, i.e. p² ≪ m²), no 1/p².
//! C0: the 't Hooft–Veltman decomposition (Nucl. Phys. B153 (1979) 365): after the shift
//! y → y + αx (α a root of p₂²α² + (p₃² − p₁² − p₂²)α + p₁² = 0, complex where the Källén
//! function λ(p₁², p₂², p₃²) is negative) the triangle integral becomes three edge integrals
//! `∫₀¹ ln(Q_e(t) − i0)/(t − t₀) dt`, evaluated with dilogarithms (`special::li2`) over the
//! roots of the edge quadratics (6 dilogarithms for complex-conjugate roots, up to 12 real
//! ones). It is used for λ > 0 (real α). Where |t₀| is large (λ small compared with the
//! masses: the small-Gram-determinant region) it loses digits, and for λ < 0 the straight-edge
//! formula misses residue and branch-cut terms of the complex contour; there C0 comes from the
//! direct Feynman-parameter integration (`direct`, ~0.1 ms instead of ~0.2 µs). C1…C22: Passarino–Veltman reduction where the
//! Gram determinant is large enough (the loss of precision estimated as
//! scale·max|G|/|det G| < 100), direct Feynman-parameter integration otherwise.

use super::direct::c_direct;
use super::quadratic::{LogQuad, Roots};
use super::special::{li2, recip};
use crate::error::{Error, Result};
use num_complex::Complex64 as C64;

/// A UV-divergent function: `finite + pole · Δ` (MS-bar: Δ = 0 at the scale μ of the call).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uv {
    /// The MS-bar finite part at scale μ.
    pub finite: C64,
    /// Coefficient of Δ = 2/(4−D) − γ_E + ln 4π.
    pub pole: f64,
}

impl Uv {
    /// The value with a given Δ (Δ = 0 is MS-bar).
    pub fn with_delta(&self, delta: f64) -> C64 {
        self.finite + self.pole * delta
    }
}

/// The three-point coefficients at one kinematic point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CSet {
    /// C0 (finite).
    pub c0: C64,
    /// C1.
    pub c1: C64,
    /// C2.
    pub c2: C64,
    /// C00 (UV divergent: pole ¼).
    pub c00: Uv,
    /// C11.
    pub c11: C64,
    /// C12.
    pub c12: C64,
    /// C22.
    pub c22: C64,
}

/// Relative precision asked of the direct Feynman-parameter integration.
const DIRECT_TOL: f64 = 1e-12;

fn check_finite(name: &str, v: f64) -> Result<()> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(Error::invalid(name, v, "a finite number"))
    }
}

fn check_mass(name: &str, v: f64) -> Result<()> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(Error::invalid(name, v, "a finite mass squared >= 0 GeV^2"))
    }
}

fn check_mu(mu2: f64) -> Result<()> {
    if mu2.is_finite() && mu2 > 0.0 {
        Ok(())
    } else {
        Err(Error::invalid(
            "mu2",
            mu2,
            "a renormalization scale squared > 0 GeV^2",
        ))
    }
}

/// A0(m²) = m² (Δ + 1 − ln(m²/μ²)).
pub fn a0(m2: f64, mu2: f64) -> Result<Uv> {
    check_mass("m2", m2)?;
    check_mu(mu2)?;
    if m2 == 0.0 {
        return Ok(Uv {
            finite: C64::new(0.0, 0.0),
            pole: 0.0,
        });
    }
    Ok(Uv {
        finite: C64::new(m2 * (1.0 - (m2 / mu2).ln()), 0.0),
        pole: m2,
    })
}

/// `J_n = ∫₀¹ xⁿ ln(Q(x) − i0) dx`, Q = p²x² + (m₂² − m₁² − p²)x + m₁², n = 0, 1, 2.
fn b_moments(p2: f64, m1s: f64, m2s: f64) -> Result<[C64; 3]> {
    if p2 == 0.0 && m1s == 0.0 && m2s == 0.0 {
        return Err(Error::Numerical {
            context: "two-point function".into(),
            message: "B(0; 0, 0) is scaleless (its UV and IR poles cancel): not supported".into(),
        });
    }
    Ok(b_quad(p2, m1s, m2s).log_moments())
}

/// All two-point functions at once: (B0, B1, B00, B11).
pub fn b_all(p2: f64, m1s: f64, m2s: f64, mu2: f64) -> Result<[Uv; 4]> {
    check_finite("p2", p2)?;
    check_mass("m1s", m1s)?;
    check_mass("m2s", m2s)?;
    check_mu(mu2)?;
    Ok(b_from_moments(b_moments(p2, m1s, m2s)?, p2, m1s, m2s, mu2))
}

/// (B0, B1, B00, B11) from the moments `J_n = ∫₀¹ xⁿ ln(Q(x) − i0) dx`.
fn b_from_moments(j: [C64; 3], p2: f64, m1s: f64, m2s: f64, mu2: f64) -> [Uv; 4] {
    let lm = mu2.ln();
    let b0 = Uv {
        finite: lm - j[0],
        pole: 1.0,
    };
    let b1 = Uv {
        finite: -0.5 * lm + j[1],
        pole: -0.5,
    };
    let b11 = Uv {
        finite: lm / 3.0 - j[2],
        pole: 1.0 / 3.0,
    };
    // B00 = ½ ∫ Q (Δ + 1 − ln(Q/μ²))
    let intq = 0.5 * (m1s + m2s) - p2 / 6.0;
    let q_lnq = p2 * j[2] + (m2s - m1s - p2) * j[1] + m1s * j[0];
    let b00 = Uv {
        finite: 0.5 * (intq * (1.0 + lm) - q_lnq),
        pole: 0.5 * intq,
    };
    [b0, b1, b00, b11]
}

/// The B0 quadratic Q(x) = p²x² + (m₂² − m₁² − p²)x + m₁² (Q(1) = m₂² exactly).
fn b_quad(p2: f64, m1s: f64, m2s: f64) -> LogQuad {
    let b = m2s - m1s - p2;
    LogQuad::with_disc(p2, b, m1s, b * b - 4.0 * p2 * m1s, m2s)
}

/// B0(p², m₁², m₂²).
pub fn b0(p2: f64, m1s: f64, m2s: f64, mu2: f64) -> Result<Uv> {
    Ok(b_all(p2, m1s, m2s, mu2)?[0])
}
/// B1(p², m₁², m₂²).
pub fn b1(p2: f64, m1s: f64, m2s: f64, mu2: f64) -> Result<Uv> {
    Ok(b_all(p2, m1s, m2s, mu2)?[1])
}
/// B00(p², m₁², m₂²).
pub fn b00(p2: f64, m1s: f64, m2s: f64, mu2: f64) -> Result<Uv> {
    Ok(b_all(p2, m1s, m2s, mu2)?[2])
}
/// B11(p², m₁², m₂²).
pub fn b11(p2: f64, m1s: f64, m2s: f64, mu2: f64) -> Result<Uv> {
    Ok(b_all(p2, m1s, m2s, mu2)?[3])
}

/// Soft and collinear divergences of the triangle (massless internal lines between on-shell
/// or light-like legs) are not supported.
fn check_triangle(p: [f64; 3], m: [f64; 3]) -> Result<()> {
    for (i, v) in p.iter().enumerate() {
        check_finite(["p1s", "p2s", "p3s"][i], *v)?;
    }
    for (i, v) in m.iter().enumerate() {
        check_mass(["m1s", "m2s", "m3s"][i], *v)?;
    }
    // leg between propagators (i, j): p1 (0,1), p2 (1,2), p3 (0,2)
    let leg = |i: usize, j: usize| match (i.min(j), i.max(j)) {
        (0, 1) => p[0],
        (1, 2) => p[1],
        _ => p[2],
    };
    let same = |x: f64, y: f64| (x - y).abs() <= 1e-14 * x.abs().max(y.abs());
    for i in 0..3 {
        let (j, k) = ((i + 1) % 3, (i + 2) % 3);
        if m[i] == 0.0 && same(leg(i, j), m[j]) && same(leg(i, k), m[k]) {
            return Err(Error::Numerical {
                context: "three-point function".into(),
                message: "soft (IR) divergent configuration: a massless propagator between two on-shell legs".into(),
            });
        }
        if m[i] == 0.0 && m[j] == 0.0 && leg(i, j) == 0.0 {
            return Err(Error::Numerical {
                context: "three-point function".into(),
                message: "collinear divergent configuration: two massless propagators at a light-like leg".into(),
            });
        }
    }
    Ok(())
}

/// `R(t₀, z) = ∫₀¹ [Log(t − z) − Log(t₀ − z)]/(t − t₀) dt` for real t₀, Im z ≠ 0.
#[inline]
fn r_fun(t0: f64, z: C64) -> C64 {
    let w = recip(C64::new(t0, 0.0) - z);
    li2(t0 * w) - li2((t0 - 1.0) * w)
}

/// Sum of R over the roots of an edge quadratic (real t₀).
fn r_edge(t0: f64, lq: &Roots) -> C64 {
    match lq.n {
        0 => C64::new(0.0, 0.0),
        1 => r_fun(t0, lq.roots[0]),
        _ if lq.conjugate_pair => 2.0 * r_fun(t0, lq.roots[0]).re * C64::new(1.0, 0.0),
        _ => r_fun(t0, lq.roots[0]) + r_fun(t0, lq.roots[1]),
    }
}

/// The three edge quadratics of the triangle (they are the B0 quadratics of the three legs):
/// A (x₁ = 0): B(p₂²; m₂, m₃); B (x₂ = 0): B(p₃²; m₁, m₃); C (x₃ = 0): B(p₁²; m₁, m₂).
fn edges(p: [f64; 3], m: [f64; 3]) -> [LogQuad; 3] {
    [
        b_quad(p[1], m[1], m[2]),
        b_quad(p[2], m[0], m[2]),
        b_quad(p[0], m[0], m[1]),
    ]
}

/// The roots of the three edge quadratics alone, in the order of [`edges`]: C0 by itself
/// needs no logarithms of the quadratics (the B0 moments), so it skips their cost.
fn edge_roots(p: [f64; 3], m: [f64; 3]) -> [Roots; 3] {
    let roots = |p2: f64, m1s: f64, m2s: f64| {
        let b = m2s - m1s - p2;
        Roots::new(p2, b, m1s, b * b - 4.0 * p2 * m1s)
    };
    [
        roots(p[1], m[1], m[2]),
        roots(p[2], m[0], m[2]),
        roots(p[0], m[0], m[1]),
    ]
}

/// C0 by the 't Hooft–Veltman edge decomposition; `None` where it would lose precision.
fn c0_analytic(p: [f64; 3], m: [f64; 3], e3: &[Roots; 3]) -> Option<C64> {
    const MAX_T0: f64 = 1e4;
    let (a, b) = (p[0], p[1]);
    let c = p[2] - p[0] - p[1];
    let d = m[1] - m[0] - p[0];
    let e = m[2] - m[1] + p[0] - p[2];
    let lam = c * c - 4.0 * a * b;
    let scale = p.iter().map(|x| x.abs()).chain(m).fold(0.0, f64::max);
    if lam.abs() <= 1e-10 * scale * scale {
        return None;
    }
    let [qa, qb, qc] = e3;
    if lam > 0.0 {
        let sq = lam.sqrt();
        let alpha = if a == 0.0 {
            0.0
        } else {
            let q = -0.5 * (c + if c >= 0.0 { sq } else { -sq });
            let r1 = a / q;
            if b != 0.0 && (q / b).abs() < r1.abs() {
                q / b
            } else {
                r1
            }
        };
        let kap = 2.0 * b * alpha + c;
        let de = d + e * alpha;
        let mut sum = C64::new(0.0, 0.0);
        let t0a = alpha - de / kap;
        if t0a.abs() > MAX_T0 {
            return None;
        }
        sum += r_edge(t0a, qa);
        if alpha != 1.0 {
            let t0b = -de / (kap * (1.0 - alpha));
            if t0b.abs() > MAX_T0 {
                return None;
            }
            sum -= r_edge(t0b, qb);
        }
        if alpha != 0.0 {
            let t0c = de / (alpha * kap);
            if t0c.abs() > MAX_T0 {
                return None;
            }
            sum += r_edge(t0c, qc);
        }
        Some(-sum / kap)
    } else {
        // λ < 0: α is complex and the straight-edge formula needs residue and branch-cut terms
        // (the triangle in the complex y' plane encloses the pole or roots); the direct
        // Feynman-parameter integration is used instead.
        None
    }
}

/// C0(p₁², p₂², (p₁+p₂)², m₁², m₂², m₃²) (UV finite; no μ dependence).
pub fn c0(p1s: f64, p2s: f64, p3s: f64, m1s: f64, m2s: f64, m3s: f64) -> Result<C64> {
    let p = [p1s, p2s, p3s];
    let m = [m1s, m2s, m3s];
    check_triangle(p, m)?;
    if let Some(v) = c0_analytic(p, m, &edge_roots(p, m)) {
        if v.re.is_finite() && v.im.is_finite() {
            return Ok(v);
        }
    }
    Ok(c_direct(p1s, p2s, p3s, m1s, m2s, m3s, DIRECT_TOL)?[0])
}

/// The full set C0, C1, C2, C00, C11, C12, C22 at (p₁², p₂², (p₁+p₂)²; m₁², m₂², m₃²), μ² = `mu2`.
pub fn cset(p1s: f64, p2s: f64, p3s: f64, m1s: f64, m2s: f64, m3s: f64, mu2: f64) -> Result<CSet> {
    let p = [p1s, p2s, p3s];
    let m = [m1s, m2s, m3s];
    check_triangle(p, m)?;
    check_mu(mu2)?;
    // Gram matrix of k₁ = p₁, k₂ = p₁ + p₂
    let g11 = p1s;
    let g22 = p3s;
    let g12 = 0.5 * (p1s + p3s - p2s);
    let det = g11 * g22 - g12 * g12;
    let scale = p.iter().map(|x| x.abs()).chain(m).fold(0.0, f64::max);
    let gmax = g11.abs().max(g22.abs()).max(g12.abs());
    let loss = if det == 0.0 {
        f64::INFINITY
    } else {
        scale * gmax / det.abs()
    };
    if loss < 100.0 {
        let e3 = edges(p, m);
        if let Some(c0v) = c0_analytic(p, m, &e3.map(|lq| lq.as_roots())) {
            return Ok(reduce(p, m, mu2, c0v, [g11, g12, g22], det, &e3));
        }
    }
    direct_set(p, m, mu2)
}

/// The set by direct Feynman-parameter integration (any kinematics; slower).
pub fn cset_direct(
    p1s: f64,
    p2s: f64,
    p3s: f64,
    m1s: f64,
    m2s: f64,
    m3s: f64,
    mu2: f64,
) -> Result<CSet> {
    let p = [p1s, p2s, p3s];
    let m = [m1s, m2s, m3s];
    check_triangle(p, m)?;
    check_mu(mu2)?;
    direct_set(p, m, mu2)
}

fn direct_set(p: [f64; 3], m: [f64; 3], mu2: f64) -> Result<CSet> {
    let v = c_direct(p[0], p[1], p[2], m[0], m[1], m[2], DIRECT_TOL)?;
    // C00 = ¼Δ − ½ ∫∫ ln(Δ/μ²), ∫∫ 1 = ½
    let c00 = Uv {
        finite: 0.25 * mu2.ln() - 0.5 * v[6],
        pole: 0.25,
    };
    Ok(CSet {
        c0: v[0],
        c1: v[1],
        c2: v[2],
        c00,
        c11: v[3],
        c12: v[4],
        c22: v[5],
    })
}

/// Passarino–Veltman reduction (derivation in the module documentation of the tests: the
/// contractions 2q·k_i = D_i − D₀ − f_i and the trace g_μν C^{μν} = B0(1,2) + m₁² C0).
#[allow(clippy::too_many_arguments)]
fn reduce(
    p: [f64; 3],
    m: [f64; 3],
    mu2: f64,
    c0v: C64,
    g: [f64; 3],
    det: f64,
    e3: &[LogQuad; 3],
) -> CSet {
    let [g11, g12, g22] = g;
    let f1 = p[0] - m[1] + m[0];
    let f2 = p[2] - m[2] + m[0];
    let b01 = b_from_moments(e3[2].log_moments(), p[0], m[0], m[1], mu2); // B(k₁²; m₁, m₂)
    let b02 = b_from_moments(e3[1].log_moments(), p[2], m[0], m[2], mu2); // B(k₂²; m₁, m₃)
    let b12 = b_from_moments(e3[0].log_moments(), p[1], m[1], m[2], mu2); // B(p₂²; m₂, m₃)
    let (b0_01, b0_02, b0_12) = (b01[0].finite, b02[0].finite, b12[0].finite);
    let (b1_01, b1_02, b1_12) = (b01[1].finite, b02[1].finite, b12[1].finite);
    let solve = |r1: C64, r2: C64| ((g22 * r1 - g12 * r2) / det, (g11 * r2 - g12 * r1) / det);
    let r1 = 0.5 * (b0_02 - b0_12 - f1 * c0v);
    let r2 = 0.5 * (b0_01 - b0_12 - f2 * c0v);
    let (c1, c2) = solve(r1, r2);
    let c00f = 0.25 * (b0_12 + 2.0 * m[0] * c0v + f1 * c1 + f2 * c2 + 1.0);
    let (c11, c12) = solve(
        0.5 * (b1_12 + b0_12 - f1 * c1) - c00f,
        0.5 * (b1_01 + b1_12 + b0_12 - f2 * c1),
    );
    let (_, c22) = solve(
        0.5 * (b1_02 - b1_12 - f1 * c2),
        0.5 * (-b1_12 - f2 * c2) - c00f,
    );
    CSet {
        c0: c0v,
        c1,
        c2,
        c00: Uv {
            finite: c00f,
            pole: 0.25,
        },
        c11,
        c12,
        c22,
    }
}
