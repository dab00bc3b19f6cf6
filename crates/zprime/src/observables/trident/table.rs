//! The experiments' cross sections, tabulated once per experiment (and muon mass) as
//! functions of the neutrino momentum transfer Q², so that σ for any Z' mass and coupling is
//! a short sum.
//!
//! Combining the νγ cross section (`structure`) with the photon flux (`nucleus`) and
//! exchanging the order of integration (s innermost, then the photon virtuality t):
//!
//! `σ = α²/(16π²) Σ_X ∫₀^∞ dQ² |c_X(Q²)|² K_X(Q²)`,
//! `K_X(Q²) = ∫_{4m²} dW² [Q² A₁^X T(u)/u² + A₂^X D(u)]`,  u = W² + Q²,
//! `T(u) = Σ_E w_E Σ_N n_N Z_N² ∫_{u²/4E²} dt/t F_N²(t) (1 − ξ²)`,
//! `D(u) = Σ_E w_E Σ_N n_N Z_N² ∫_{u²/4E²} dt/t F_N²(t) (ξ − 1 − ln ξ)`,  ξ = u/(2E√t),
//!
//! (the s integrals ∫_u^{2E√t} ds [2Q²A₁ s⁻³ + A₂(s⁻¹ − u s⁻²)] done in closed form). The
//! couplings c_X(Q²) = a_X + b_X/(m_Z'² + Q²) are a constant (Standard Model, contact limit)
//! plus the Z' propagator, so that with I_n^X(m) = ∫dQ² K_X/(m² + Q²)ⁿ
//!
//! `σ ∝ Σ_X [a_X² I₀^X + 2 Re(a_X b_X) I₁^X(m) + |b_X|² I₂^X(m)]`  (exact).
//!
//! Numerics: T and D on a grid of ln u (natural cubic spline), K on composite Gauss–Legendre
//! nodes in ln Q² from 10⁻¹² GeV² up (K linear below, integrated in closed form, so that any
//! m_Z' down to 10⁻⁶ GeV is exact), each node's W² integral by composite Gauss–Legendre in
//! v = [ln(W²/4m²)]^½. The tests check every step against adaptive quadrature (relative
//! agreement better than 1e-6 on σ_SM and on I₁, I₂).

use super::nucleus::Experiment;
use super::structure::structure_functions;
use crate::math::gauss::composite;
use crate::math::interp::UniformSpline;
use num_complex::Complex64;

/// Accuracy settings of a table (the defaults are what the observables use).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Grid step of ln u for T and D.
    pub u_step: f64,
    /// Panel width in ln t of the flux integrals.
    pub t_panel: f64,
    /// Panel width in ln Q² of the K nodes.
    pub q_panel: f64,
    /// Gauss–Legendre order of the panels in ln t and ln Q².
    pub order: usize,
    /// Panels and order of each W² integral.
    pub w_panels: usize,
    /// Order of the W² panels.
    pub w_order: usize,
    /// Lowest Q² node (GeV²); below it K is linear.
    pub q_lo: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            u_step: 0.025,
            t_panel: 0.5,
            q_panel: 1.0,
            order: 8,
            w_panels: 10,
            w_order: 12,
            q_lo: 1e-12,
        }
    }
}

/// T(u) and D(u) by composite Gauss–Legendre in ln t (see the module documentation).
pub fn flux_pair(exp: &Experiment, u: f64, s: &Settings) -> (f64, f64) {
    let t_end = exp.t_end();
    let (mut t_sum, mut d_sum) = (0.0, 0.0);
    for &(energy, weight) in &exp.beam {
        let x = u * u / (4.0 * energy * energy);
        if x >= t_end {
            continue;
        }
        let (lo, hi) = (x.ln(), t_end.ln());
        let panels = ((hi - lo) / s.t_panel).ceil().max(1.0) as usize;
        let (nodes, weights) = composite(lo, hi, panels, s.order);
        for (l, w) in nodes.into_iter().zip(weights) {
            let t = l.exp();
            let xi = u / (2.0 * energy * t.sqrt());
            let f2: f64 = exp
                .targets
                .iter()
                .map(|n| n.count * n.z * n.z * n.form_factor.squared(t))
                .sum();
            t_sum += weight * w * f2 * (1.0 - xi * xi);
            d_sum += weight * w * f2 * xi_minus_one_minus_ln(xi);
        }
    }
    (t_sum, d_sum)
}

/// ξ − 1 − ln ξ ≥ 0 without cancellation near ξ = 1.
fn xi_minus_one_minus_ln(xi: f64) -> f64 {
    let y = xi - 1.0;
    if y.abs() < 0.1 {
        // y − ln(1 + y) = y²/2 − y³/3 + y⁴/4 − ...
        let mut term = y * y;
        let mut sum = 0.0;
        for k in 2..40 {
            sum += term / f64::from(k) * if k % 2 == 0 { 1.0 } else { -1.0 };
            term *= y;
            if term.abs() < 1e-18 * sum.abs() {
                break;
            }
        }
        sum
    } else {
        y - xi.ln()
    }
}

/// The tabulated flux functions T(u), D(u).
#[derive(Debug, Clone)]
pub struct Flux {
    ln_u_min: f64,
    ln_u_max: f64,
    t: UniformSpline,
    d: UniformSpline,
}

impl Flux {
    /// Tabulate from u_min (4m_μ²) to the experiment's largest s (starting 8 steps below
    /// u_min, so that the spline's natural end condition acts outside the range used).
    pub fn new(exp: &Experiment, u_min: f64, s: &Settings) -> Flux {
        let lo = u_min.ln() - 8.0 * s.u_step;
        let hi = exp.s_end().ln().max(lo + 16.0 * s.u_step);
        let n = ((hi - lo) / s.u_step).ceil() as usize + 1;
        let h = (hi - lo) / (n - 1) as f64;
        let (tv, dv): (Vec<f64>, Vec<f64>) = (0..n)
            .map(|i| flux_pair(exp, (lo + h * i as f64).exp(), s))
            .unzip();
        Flux {
            ln_u_min: lo,
            ln_u_max: hi,
            t: UniformSpline::new(lo, h, tv),
            d: UniformSpline::new(lo, h, dv),
        }
    }

    /// (T(u), D(u)); zero above the table (no photon can supply that much).
    pub fn at(&self, u: f64) -> (f64, f64) {
        let l = u.ln();
        if l >= self.ln_u_max {
            return (0.0, 0.0);
        }
        let l = l.max(self.ln_u_min);
        (self.t.eval(l).max(0.0), self.d.eval(l).max(0.0))
    }

    /// The largest u tabulated.
    pub fn u_max(&self) -> f64 {
        self.ln_u_max.exp()
    }
}

/// K_V(Q²), K_A(Q²) by composite Gauss–Legendre in v, W² = 4m² e^{v²}.
pub fn k_at(flux: &Flux, qsq: f64, m2: f64, s: &Settings) -> [f64; 2] {
    let w2_min = 4.0 * m2;
    let top = flux.u_max() - qsq;
    if top <= w2_min {
        return [0.0; 2];
    }
    let v_max = (top / w2_min).ln().sqrt();
    let (nodes, weights) = composite(0.0, v_max, s.w_panels, s.w_order);
    let mut k = [0.0; 2];
    for (v, w) in nodes.into_iter().zip(weights) {
        let w2 = w2_min * (v * v).exp();
        let u = w2 + qsq;
        let (t, d) = flux.at(u);
        let jac = w * w2 * 2.0 * v;
        for (kx, (a1, a2)) in k.iter_mut().zip(structure_functions(qsq, w2, m2)) {
            *kx += jac * (qsq * a1 * t / (u * u) + a2 * d);
        }
    }
    k
}

/// One experiment's table: the K_X(Q²) nodes.
#[derive(Debug, Clone)]
pub struct Table {
    q: Vec<f64>,
    /// weight × K_X at each node, X = V, A.
    wk: [Vec<f64>; 2],
    q_lo: f64,
    k0: [f64; 2],
    k_lo: [f64; 2],
    i0: [f64; 2],
}

/// ∫dQ² K_X/(m² + Q²)ⁿ for n = 0, 1, 2 and X = V, A.
pub type Moments = [[f64; 3]; 2];

impl Table {
    /// Build the table of experiment `exp` for muon mass² `m2`.
    pub fn new(exp: &Experiment, m2: f64, s: &Settings) -> Table {
        let flux = Flux::new(exp, 4.0 * m2, s);
        let q_hi = flux.u_max() - 4.0 * m2;
        let (lo, hi) = (s.q_lo.ln(), q_hi.ln());
        let panels = ((hi - lo) / s.q_panel).ceil().max(1.0) as usize;
        let (nodes, weights) = composite(lo, hi, panels, s.order);
        let mut q = Vec::with_capacity(nodes.len());
        let mut wk = [
            Vec::with_capacity(nodes.len()),
            Vec::with_capacity(nodes.len()),
        ];
        for (l, w) in nodes.into_iter().zip(weights) {
            let qsq = l.exp();
            let k = k_at(&flux, qsq, m2, s);
            q.push(qsq);
            for x in 0..2 {
                wk[x].push(w * qsq * k[x]);
            }
        }
        let k0 = k_at(&flux, 0.0, m2, s);
        let k_lo = k_at(&flux, s.q_lo, m2, s);
        let i0 = [0, 1].map(|x| wk[x].iter().sum::<f64>() + 0.5 * (k0[x] + k_lo[x]) * s.q_lo);
        Table {
            q,
            wk,
            q_lo: s.q_lo,
            k0,
            k_lo,
            i0,
        }
    }

    /// The moments I₀, I₁(m), I₂(m) at Z' mass² `mz2` > 0.
    pub fn moments(&self, mz2: f64) -> Moments {
        [0, 1].map(|x| {
            let (mut i1, mut i2) = (0.0, 0.0);
            for (q, wk) in self.q.iter().zip(&self.wk[x]) {
                let p = 1.0 / (mz2 + q);
                i1 += wk * p;
                i2 += wk * p * p;
            }
            // [0, q_lo]: K = k0 + k1 Q² exactly integrated against the propagator powers.
            let (k0, ql) = (self.k0[x], self.q_lo);
            let k1 = (self.k_lo[x] - k0) / ql;
            let lg = (ql / mz2).ln_1p();
            i1 += k0 * lg + k1 * (ql - mz2 * lg);
            i2 += k0 * ql / (mz2 * (mz2 + ql)) + k1 * (lg - ql / (mz2 + ql));
            [self.i0[x], i1, i2]
        })
    }

    /// ∫dQ² K_X for X = V, A (the Standard-Model weights).
    pub fn i0(&self) -> [f64; 2] {
        self.i0
    }

    /// Number of Q² nodes.
    pub fn len(&self) -> usize {
        self.q.len()
    }

    /// Whether the table is empty (never, for a valid experiment).
    pub fn is_empty(&self) -> bool {
        self.q.is_empty()
    }
}

/// Σ_X [a_X² I₀ + 2 Re(a_X b_X) I₁ + |b_X|² I₂]: σ up to the factor α²/(16π²), for the
/// Standard-Model couplings `a` (real, GeV⁻²) and the Z' numerators `b` = g_ν g_X.
pub fn sigma_from_moments(mom: &Moments, a: [f64; 2], b: [Complex64; 2]) -> f64 {
    (0..2)
        .map(|x| {
            let [i0, i1, i2] = mom[x];
            a[x] * a[x] * i0 + 2.0 * a[x] * b[x].re * i1 + b[x].norm_sqr() * i2
        })
        .sum()
}
