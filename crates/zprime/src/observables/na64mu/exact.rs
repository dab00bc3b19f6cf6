//! The exact tree-level 2 → 3 cross section of μ N → μ N Z' (the check of the WW
//! approximation): the nucleus a heavy scalar of mass M with the same form factor G₂(t) as the
//! WW flux, coupling e Z F(t) (P + P')^ν to the photon; the Z' a massive vector with a unit
//! vector coupling to the muon. Numerical throughout: helicity amplitudes from explicit Dirac
//! spinors (Dirac representation), the phase space integrated in (x, θ, t, φ*).
//!
//! # Amplitude
//!
//! `M = (e² g G₂^{1/2}/t) ū(p′) [ε̸* (p̸′ + k̸ + m) J̸ / D₁ + J̸ (p̸ − k̸ + m) ε̸* / D₂] u(p)`,
//! J = P + P′, D₁ = (p′ + k)² − m², D₂ = (p − k)² − m² = ũ. The sum over Z' polarizations
//! takes the two transverse ones and the longitudinal one through current conservation,
//! ε_L·A = −(m_Z'/E_k) k̂·A⃗, which avoids the cancellation between A⁰ and k̂·A⃗. A spin sum by
//! traces would lose everything: the heavy-nucleus current makes the two diagrams cancel to
//! a part √t/(2M) ≈ 10⁻⁷ of each, harmless in an amplitude (10⁻⁹ left of 10⁻¹⁶) but not in
//! its square.
//!
//! # Phase space
//!
//! `dΦ₃ = |k| E dx dcosθ / (8π²) × dt dφ* / (32π² M |Q⃗|)` with Q = p + P − k: the Z' momentum
//! in the lab (azimuth integrated), then the two-body μN system in the rest frame of Q, whose
//! polar angle θ* (relative to the incoming nucleus there) is traded for t (linear in cosθ*).
//! With the flux 1/(4M|p|) and the spin average 1/2:
//!
//! `dσ/(dx dcosθ) = α² g² |k| E / (128 π² M² |p| |Q⃗|) ∫dt dφ* G₂(t)/t² Σ|ū′ Γ u|²`.
//!
//! Every small quantity (t_min, the momentum transfer, D₁ = −ũ − 2k·Δ) is computed without
//! subtracting large numbers (M ≈ 193 GeV against t ~ 10⁻⁹ GeV²).

use super::ww::Nucleus;
use crate::math::quad::integrate;
use num_complex::Complex64;
use std::f64::consts::PI;

type Vec4 = [f64; 4];
type Spinor = [Complex64; 4];

fn dot(a: &Vec4, b: &Vec4) -> f64 {
    a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3]
}

fn c(x: f64) -> Complex64 {
    Complex64::new(x, 0.0)
}

/// (σ·a⃗)(u, v) for a two-component spinor.
fn sigma_dot(a: &[f64; 3], s: [Complex64; 2]) -> [Complex64; 2] {
    let plus = Complex64::new(a[0], a[1]);
    let minus = Complex64::new(a[0], -a[1]);
    [c(a[2]) * s[0] + minus * s[1], plus * s[0] - c(a[2]) * s[1]]
}

/// a̸ v = [[a⁰, −σ·a⃗], [σ·a⃗, −a⁰]] v (Dirac representation).
fn slash(a: &Vec4, v: &Spinor) -> Spinor {
    let av = [a[1], a[2], a[3]];
    let top = [v[0], v[1]];
    let bot = [v[2], v[3]];
    let sb = sigma_dot(&av, bot);
    let st = sigma_dot(&av, top);
    [
        c(a[0]) * v[0] - sb[0],
        c(a[0]) * v[1] - sb[1],
        st[0] - c(a[0]) * v[2],
        st[1] - c(a[0]) * v[3],
    ]
}

/// (a̸ + m) v.
fn slash_plus(a: &Vec4, m: f64, v: &Spinor) -> Spinor {
    let s = slash(a, v);
    [
        s[0] + c(m) * v[0],
        s[1] + c(m) * v[1],
        s[2] + c(m) * v[2],
        s[3] + c(m) * v[3],
    ]
}

/// The two spinors u_s(p) = (√(E+m) χ_s, σ·p⃗ χ_s/√(E+m)), normalized ūu = 2m.
fn spinors(p: &Vec4, m: f64) -> [Spinor; 2] {
    let n = (p[0] + m).sqrt();
    let pv = [p[1], p[2], p[3]];
    let make = |chi: [Complex64; 2]| {
        let low = sigma_dot(&pv, chi);
        [c(n) * chi[0], c(n) * chi[1], low[0] / n, low[1] / n]
    };
    [make([c(1.0), c(0.0)]), make([c(0.0), c(1.0)])]
}

/// ū′ w = u′† γ⁰ w.
fn bar_dot(u: &Spinor, w: &Spinor) -> Complex64 {
    u[0].conj() * w[0] + u[1].conj() * w[1] - u[2].conj() * w[2] - u[3].conj() * w[3]
}

fn add(a: &Spinor, b: &Spinor, fa: f64, fb: f64) -> Spinor {
    [
        a[0] * fa + b[0] * fb,
        a[1] * fa + b[1] * fb,
        a[2] * fa + b[2] * fb,
        a[3] * fa + b[3] * fb,
    ]
}

/// The exact calculation for one beam energy, muon mass, Z' mass and nucleus (mass M).
pub struct Exact {
    /// Beam energy.
    pub energy: f64,
    /// Muon mass.
    pub m_mu: f64,
    /// Z' mass.
    pub m_z: f64,
    /// Nucleus mass.
    pub m_nucleus: f64,
    /// Form factor (the same as the WW flux's).
    pub nucleus: Nucleus,
}

/// What is fixed at (x, θ): the lab momenta, the Q frame and the t range.
struct AtAngle {
    p: Vec4,
    k: Vec4,
    /// ũ = (p − k)² − m².
    u: f64,
    /// |Q⃗| in the lab.
    q_abs: f64,
    a: f64,
    b: f64,
    /// Δ⁰* = E_P′* − E_P*.
    delta0: f64,
    t_min: f64,
    /// Unit vectors: n_P (the nucleus direction in the Q frame), e1, e2 ⊥ n_P.
    n_p: [f64; 3],
    e1: [f64; 3],
    e2: [f64; 3],
    /// Boost Q rest → lab: |β|, γ.
    beta: f64,
    gamma: f64,
}

impl Exact {
    fn at_angle(&self, x: f64, theta: f64) -> Option<AtAngle> {
        let (e, m, mz, mn) = (self.energy, self.m_mu, self.m_z, self.m_nucleus);
        let pz = ((e - m) * (e + m)).sqrt();
        let ek = x * e;
        let kabs = ((ek - mz) * (ek + mz)).max(0.0).sqrt();
        if kabs <= 0.0 {
            return None;
        }
        let p = [e, 0.0, 0.0, pz];
        let k = [ek, kabs * theta.sin(), 0.0, kabs * theta.cos()];
        // p·k without cancellation: (E E_k − |p||k|) + |p||k| (1 − cos θ).
        let collinear =
            (e * e * mz * mz + ek * ek * m * m - m * m * mz * mz) / (e * ek + pz * kabs);
        let s = (0.5 * theta).sin();
        let pk = collinear + pz * kabs * 2.0 * s * s;
        let u = mz * mz - 2.0 * pk;
        let v0 = e - ek;
        let qv = [-k[1], 0.0, pz - k[3]];
        let q_abs = (qv[0] * qv[0] + qv[2] * qv[2]).sqrt();
        let s2 = m * m + u + 2.0 * mn * v0 + mn * mn;
        if s2 <= (m + mn) * (m + mn) {
            return None;
        }
        let sq = s2.sqrt();
        let a = mn * q_abs / sq;
        let a2_b2 = -u * (mn * mn + mn * v0 + 0.25 * u) / s2;
        let b = (a * a - a2_b2).max(0.0).sqrt();
        let (ea, eb) = ((mn * mn + a * a).sqrt(), (mn * mn + b * b).sqrt());
        let delta0 = -a2_b2 / (ea + eb);
        let a_minus_b = a2_b2 / (a + b);
        // (E_a + E_b)² − (a + b)² = (E_a − a + E_b − b)(E_a + a + E_b + b), E − p = M²/(E + p).
        let tail = (mn * mn / (ea + a) + mn * mn / (eb + b)) * (ea + a + eb + b);
        let t_min = a_minus_b * a_minus_b * tail / ((ea + eb) * (ea + eb));
        let n_p = [-qv[0] / q_abs, 0.0, -qv[2] / q_abs];
        let e1 = [n_p[2], 0.0, -n_p[0]];
        let e2 = [0.0, 1.0, 0.0];
        let q0 = v0 + mn;
        Some(AtAngle {
            p,
            k,
            u,
            q_abs,
            a,
            b,
            delta0,
            t_min,
            n_p,
            e1,
            e2,
            beta: q_abs / q0,
            gamma: q0 / sq,
        })
    }

    /// Σ over spins and Z' polarizations of |ū′Γu|² at (t, φ*) (the nucleus current included).
    fn squared(&self, at: &AtAngle, t: f64, phi: f64) -> f64 {
        let (m, mz, mn) = (self.m_mu, self.m_z, self.m_nucleus);
        let (a, b) = (at.a, at.b);
        let one_minus_cos = ((t - at.t_min) / (2.0 * a * b)).clamp(0.0, 2.0);
        let sin = (one_minus_cos * (2.0 - one_minus_cos)).sqrt();
        let along = (b - a) - b * one_minus_cos;
        let (cp, sp) = (phi.cos(), phi.sin());
        let d: [f64; 3] =
            std::array::from_fn(|i| along * at.n_p[i] + b * sin * (cp * at.e1[i] + sp * at.e2[i]));
        // Boost the momentum transfer Δ* to the lab (β̂ = −n_P).
        let bhat = [-at.n_p[0], -at.n_p[1], -at.n_p[2]];
        let par = bhat[0] * d[0] + bhat[1] * d[1] + bhat[2] * d[2];
        let shift = (at.gamma - 1.0) * par + at.gamma * at.beta * at.delta0;
        let dv = [
            d[0] + shift * bhat[0],
            d[1] + shift * bhat[1],
            d[2] + shift * bhat[2],
        ];
        let dv2 = dv[0] * dv[0] + dv[1] * dv[1] + dv[2] * dv[2];
        let d0 = dv2 / (mn + (mn * mn + dv2).sqrt());
        let delta = [d0, dv[0], dv[1], dv[2]];
        let (p, k) = (&at.p, &at.k);
        let pp = [
            p[0] - k[0] - delta[0],
            p[1] - k[1] - delta[1],
            p[2] - k[2] - delta[2],
            p[3] - k[3] - delta[3],
        ];
        let j = [2.0 * mn + d0, dv[0], dv[1], dv[2]];
        let d2 = at.u;
        let d1 = -at.u - 2.0 * dot(k, &delta);
        let s1 = [pp[0] + k[0], pp[1] + k[1], pp[2] + k[2], pp[3] + k[3]];
        let s2 = [p[0] - k[0], p[1] - k[1], p[2] - k[2], p[3] - k[3]];
        // Polarization-like vectors: two transverse, and k̂ for the longitudinal part.
        let kabs = (k[1] * k[1] + k[3] * k[3]).sqrt();
        let khat = [k[1] / kabs, 0.0, k[3] / kabs];
        let t1 = [k[3] / kabs, 0.0, -k[1] / kabs];
        let pols: [(Vec4, f64); 3] = [
            ([0.0, t1[0], t1[1], t1[2]], 1.0),
            ([0.0, 0.0, 1.0, 0.0], 1.0),
            ([0.0, khat[0], khat[1], khat[2]], (mz / k[0]).powi(2)),
        ];
        let u_in = spinors(p, m);
        let u_out = spinors(&pp, m);
        let mut total = 0.0;
        for u in &u_in {
            let ju = slash(&j, u);
            let s1ju = slash_plus(&s1, m, &ju);
            for (n, weight) in &pols {
                let first = slash(n, &s1ju);
                let nu = slash(n, u);
                let second = slash(&j, &slash_plus(&s2, m, &nu));
                let w = add(&first, &second, 1.0 / d1, 1.0 / d2);
                for uo in &u_out {
                    total += weight * bar_dot(uo, &w).norm_sqr();
                }
            }
        }
        total
    }

    /// dσ/(dx dcosθ) in GeV⁻² for a unit coupling (fine-structure constant `alpha`).
    pub fn dcos(&self, alpha: f64, x: f64, theta: f64) -> f64 {
        let Some(at) = self.at_angle(x, theta) else {
            return 0.0;
        };
        let t_hi = at.t_min + (4.0 * at.a * at.b).min(300.0 * self.nucleus.d);
        let inner = |s: f64| {
            let t = s.exp();
            let phi = integrate(|phi| self.squared(&at, t, phi), 0.0, PI, 1e-6).unwrap_or(f64::NAN);
            t * 2.0 * phi * self.nucleus.g2(t) / (t * t)
        };
        let lo = at.t_min.ln();
        let hi = t_hi.ln();
        // The integrand vanishes at t_min like (t − t_min): split near it.
        let mid = (2.0 * at.t_min).ln().min(hi);
        let integral = integrate(inner, lo, mid, 1e-6).unwrap_or(f64::NAN)
            + integrate(inner, mid, hi, 1e-6).unwrap_or(f64::NAN);
        let (e, m) = (self.energy, self.m_mu);
        let pabs = ((e - m) * (e + m)).sqrt();
        let kabs = (at.k[1] * at.k[1] + at.k[3] * at.k[3]).sqrt();
        alpha * alpha * kabs * e / (128.0 * PI * PI * self.m_nucleus.powi(2) * pabs * at.q_abs)
            * integral
    }

    /// The kinematic t_min at (x, θ) (GeV²).
    pub fn t_min(&self, x: f64, theta: f64) -> Option<f64> {
        self.at_angle(x, theta).map(|a| a.t_min)
    }

    /// dσ/dx in GeV⁻² for Z' angles up to `theta_max` (the angle integral in ln(θ² + θ₀²)).
    pub fn dx(&self, alpha: f64, x: f64, theta_max: f64) -> f64 {
        let e = self.energy;
        let u0 = self.m_z * self.m_z * (1.0 - x) / x + self.m_mu * self.m_mu * x;
        let theta0_sq = u0 / (x * e * e);
        let f = |s: f64| {
            let th2 = (s.exp() - theta0_sq).max(0.0);
            let th = th2.sqrt();
            // dcosθ = sinθ dθ = (sinθ/(2θ)) dθ², dθ² = e^s ds.
            let jac = if th > 0.0 { th.sin() / (2.0 * th) } else { 0.5 };
            s.exp() * jac * self.dcos(alpha, x, th)
        };
        integrate(
            f,
            theta0_sq.ln(),
            (theta0_sq + theta_max * theta_max).ln(),
            1e-4,
        )
        .unwrap_or(f64::NAN)
    }
}
