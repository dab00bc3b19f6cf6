//! K⁺ → μ⁺ ν_μ Z′: the three-body decay, its muon-momentum spectrum and the branching ratio
//! inside a momentum window (paper 001, Section III and Appendix A).
//!
//! # Amplitude (paper 001 Eq. 10)
//!
//! With the K → μν amplitude `M₀ = C ū(k) ℓ̸ P_L v(p)` (ℓ = p + k + q the kaon, p the μ⁺, k the
//! ν_μ, q the Z′; `C = √2 G_F V_us f_K` up to a phase) and the couplings
//! `L ⊃ −Z′_α f̄ γ^α (g_L P_L + g_R P_R) f` of the crate, emission off the two lepton lines gives
//!
//! `M = C ε*_α ū(k) Γ^α v(p)`,
//! `Γ^α = g_ν γ^α (k̸+q̸) ℓ̸ P_L / m₁₂² + ℓ̸ [m_μ g_R γ^α P_R − g_L (p̸+q̸) γ^α P_L] / (m₂₃² − m_μ²)`,
//!
//! with m₁₂² = (k+q)², m₂₃² = (p+q)² (Eq. 12). For a vector coupling this is Eq. 10 of the paper
//! (up to an overall sign): `(m − p̸ − q̸)γ^α v(p) = −(2p^α + q̸γ^α) v(p)` and
//! `ū(k) γ^α (k̸+q̸) = ū(k)(2k^α + γ^α q̸)`.
//!
//! # |M|², Eq. 11 and its erratum
//!
//! The spin sum uses the Proca polarization sum `−g^{αβ} + q^α q^β / m_Z′²`. Contracting
//! Γ^α with q gives `(g_ν − g_L) ℓ̸ P_L + (g_L − g_R) m_μ ℓ̸ P_L q̸ / (m₂₃² − m_μ²)` (up to sign
//! conventions): the q q / m_Z′² part drops out exactly when g_ν = g_L = g_R, as in
//! L_μ − L_τ (gauge invariance; test `ward_identity_*`), and is kept otherwise (a Z′ coupled to
//! the muon but not to ν_μ, or with an axial muon coupling: the longitudinal Z′ then grows as
//! 1/m_Z′²). The traces were done with `docs/derivations/k_munu_zp.py` (sympy) in the basis
//! `g_L`, `δ_ν = g_ν − g_L`, `δ_R = g_R − g_L`, in which the 1/m_Z′² terms multiply only δ's, so
//! that no cancellation happens at small m_Z′. As a function of u = m₂₃² − m_μ² every
//! coefficient is `c₀ + c₁ u + d₁/u + d₂/u²` ([`coefficients`]), which makes the m₂₃² integral
//! closed-form. The result is checked against explicit 4×4 Dirac matrices, spinors and the
//! three polarization vectors at random phase-space points (test `dirac_trace_check`).
//!
//! **Erratum (paper 001 Eq. 11 as extracted):** for g_ν = g_L = g_R = g our result is
//!
//! `Σ|M|² = |C|² g² · 2m_μ² / (m₁₂⁴ (m₂₃² − m_μ²)²) · { m_Z′² [ M_K²(−m₁₂⁴ − m₂₃⁴)
//!   + m_μ²((m₁₂² + m₂₃²)² + 2 m₂₃² M_K²) − m_μ⁴(2(m₁₂² + m₂₃²) + M_K²) + m_μ⁶ ]
//!   + m₁₂² [ m₂₃²(2M_K⁴ − 2M_K²(m₁₂² + m₂₃²) + (m₁₂² + m₂₃²)²) − m_μ²((m₁₂² + m₂₃²)² + 2M_K⁴)
//!   + m_μ⁴(2m₁₂² + m₂₃² + 2M_K²) − m_μ⁶ ] }`,
//!
//! with |C|² = 4 f_K²|V_us|²G_F² (Eq. 13). The printed Eq. 11 reads "M_{K'}^2(−m₁₂⁴ − m₂₃⁴) + …"
//! where the original has "m_{Z'}^2 ( M_K^2(−m₁₂⁴ − m₂₃⁴) + … + m_μ⁶ )": the factor m_Z′² in
//! front of the first group, and the bracket that closes after m_μ⁶, were lost (the printed
//! form is dimensionally inconsistent: its first group has mass dimension 6, the second 8).
//! With m_Z′² restored it agrees with our trace identically (the derivation script checks it
//! symbolically; test `eq11_with_mz2_restored`). Read literally, the printed form is not a
//! squared amplitude (the test shows it differs from it by more than 10%). The qualitative statements of Sec. III (Fig. 2 shapes, the E949 limit flat in
//! m_Z′) follow from the corrected form (tests/papers/p001_kaon.rs). Eq. 16–19 and App. A are
//! correct as printed (Eq. 17's Jacobian is `dm₁₂² = 2M_K p_μ/E_μ dp_μ`).
//!
//! # Normalization (Eq. 13–15)
//!
//! `Σ|M₀|² = |C|² m_μ² (M_K² − m_μ²)` gives Γ(K → μν) = |C|² m_μ² (M_K² − m_μ²)² / (16π M_K³),
//! so that with `|M̂|² = Σ|M|²/|C|²`
//!
//! `BR(K⁺ → μ⁺νZ′) = BR(K⁺ → μ⁺ν) / (16π² m_μ² (M_K² − m_μ²)²) ∫dm₁₂² ∫dm₂₃² |M̂|²`:
//! f_K, V_us, G_F and Γ_K all drop out; only BR(K⁺ → μ⁺ν), M_K and m_μ are inputs
//! (`BR_Kp_munu`, `m_Kp`, `m_mu`). This is Γ(K⁺ → μ⁺νZ′) over the Standard-Model width Γ_K;
//! the observables `BR(K+->munuZp)` (and the single-muon signal) divide it by the total width
//! with the new decays, Γ_K (1 + Γ(K⁺ → π⁺Z′)/Γ_K + Γ(K⁺ → μ⁺νZ′)/Γ_K), so that they never
//! exceed 1 (the same normalization as `BR(K+->piZp)`, see [`super::k_to_pi`]); the partial
//! width is the observable `Gamma(K+->munuZp)` (GeV, times `Gamma_Kp`). The spectrum
//! [`spectrum`] and [`br_k_munu_zp`] stay over the
//! Standard-Model width (per g² at g = 1).
//!
//! # Integration
//!
//! The m₂₃² integral at fixed m₁₂² is closed-form (`c₀Δ + c₁Δ(u₋+u₊)/2 + d₁ ln(u₊/u₋) +
//! d₂Δ/(u₋u₊)`, Δ = u₊ − u₋ = 4 p₂* p₃*, with u₋ written without cancellation). The m₁₂² integral
//! is adaptive Gauss–Kronrod, split at m₁₂² − m_Z′² = m_Z′² (linear below, logarithmic variable
//! above, where the soft–collinear logarithms live) and at half the range, above which p_μ is
//! the variable (the spectrum vanishes as p_μ² at p_μ → 0).
//!
//! # Small m_Z′
//!
//! Soft and collinear emission off the massless neutrino gives, for L_μ − L_τ,
//! `BR/(g² BR(K→μν)) = ln²(m_Z′)/(4π²) + O(ln m_Z′)`: the eikonal factor 2k·p/((k·q)(p·q)) in
//! the collinear region integrates to (1/(4π²)) ∫dE/E ln(4E²/m_Z′²) = ln²(E_max/m_Z′)/(4π²)
//! (the massive muon gives single logarithms only). Test `small_mass_double_log`.
//!
//! # What is not included
//!
//! Emission off the kaon (and the K W Z′ contact term): it is needed when the K⁺ carries a
//! tree-level U(1)′ charge (Q′_V(u) ≠ Q′_V(s), or a tree-level kinetic mixing ε₀ ≠ 0, as for the
//! dark photon); the observable then reports "not applicable" rather than a wrong number. The
//! loop-induced εe coupling of the K⁺ in L_μ − L_τ (an O(εe/g) ≈ 0.4% amplitude) forms a
//! gauge-invariant set only together with the εe coupling of the muon, which the crate's
//! coupling convention leaves out for tree-charged fermions; both are O(α/π) corrections,
//! like the radiative corrections, and are not included. Structure-dependent (hadronic)
//! emission is absent for a Z′ that does not couple to quarks.

use super::k_to_pi::{flavour_at, KplusRates};
use super::{Args, Argument, ArgumentKind, Compute, Context, Evaluator, InCoupling, Observable};
use crate::couplings::{chiral, Fermion};
use crate::error::{Error, Result};
use crate::flavour::FlavourAtMass;
use crate::inputs::{InputSet, StandardModel};
use crate::math::{kallen, quad::integrate};
use num_complex::Complex64;
use std::f64::consts::PI;
use std::sync::Arc;

/// Relative tolerance of every quadrature here (the target precision is 1e-6).
const REL_TOL: f64 = 1e-9;

/// Masses of the decay (GeV): kaon, muon, Z′.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kinematics {
    /// K⁺ mass.
    pub mk: f64,
    /// Muon mass.
    pub m: f64,
    /// Z′ mass.
    pub mz: f64,
}

impl Kinematics {
    /// Largest muon momentum, Eq. 19 (0 when the decay is closed).
    pub fn p_max(&self) -> f64 {
        if self.mz >= self.mk - self.m {
            return 0.0;
        }
        self.p_of_t(0.0)
    }

    /// M_K − m_μ − m_Z′, the distance to the threshold: exact next to it (the difference of
    /// two nearby doubles), where the rate vanishes as its 7/2 power (phase space of a
    /// non-relativistic μ and Z′ and a soft ν).
    pub fn gap(&self) -> f64 {
        (self.mk - self.m) - self.mz
    }

    /// t = m₁₂² − m_Z′² at muon momentum p, written without the cancellations of
    /// m₁₂²(p) − m_Z′² next to the threshold: (gap − p²/(E + m))(M_K − E + m_Z′) − p².
    pub fn t_of_p(&self, p: f64) -> f64 {
        let e = self.m.hypot(p);
        (self.gap() - p * p / (e + self.m)) * (self.mk - e + self.mz) - p * p
    }

    /// √λ(M_K², m_Z′² + t, m_μ²) = 2 M_K p, as the product of its four factors with
    /// M_K − √s − m = gap − t/(√s + m_Z′), so that it is accurate next to the threshold.
    fn kallen_sqrt_of_t(&self, t: f64) -> f64 {
        let rs = (self.mz * self.mz + t).sqrt();
        let near = (self.gap() - t / (rs + self.mz)).max(0.0);
        let (mk, m) = (self.mk, self.m);
        (near * (mk + rs + m) * (mk - rs + m) * (mk + rs - m))
            .max(0.0)
            .sqrt()
    }

    /// Muon momentum at t = m₁₂² − m_Z′² (inverse of [`Kinematics::t_of_p`]).
    pub fn p_of_t(&self, t: f64) -> f64 {
        self.kallen_sqrt_of_t(t) / (2.0 * self.mk)
    }

    /// m₁₂² at muon momentum p (Eq. 18).
    pub fn s12_of_p(&self, p: f64) -> f64 {
        let e = (self.m * self.m + p * p).sqrt();
        // M_K² + m² − 2 M_K E, written as (M_K − E)² − p² to avoid cancellation.
        (self.mk - e) * (self.mk - e) - p * p
    }

    /// Muon momentum at m₁₂² (inverse of Eq. 18).
    pub fn p_of_s12(&self, s12: f64) -> f64 {
        let l = kallen(self.mk * self.mk, self.m * self.m, s12);
        l.max(0.0).sqrt() / (2.0 * self.mk)
    }

    /// Open decay?
    pub fn open(&self) -> bool {
        self.mz > 0.0 && self.mz < self.mk - self.m
    }
}

/// The Z′ couplings that enter, in the basis adapted to gauge invariance:
/// g_L (left-handed muon), δ_ν = g_ν − g_L, δ_R = g_R − g_L.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Couplings {
    /// Left-handed muon coupling g_L.
    pub l: Complex64,
    /// δ_ν = g_ν − g_L (g_ν the left-handed ν_μ coupling).
    pub n: Complex64,
    /// δ_R = g_R − g_L (g_R the right-handed muon coupling).
    pub r: Complex64,
}

impl Couplings {
    /// From the chiral couplings of the muon (g_L, g_R) and of ν_μ (g_ν).
    pub fn new(g_l: Complex64, g_r: Complex64, g_nu: Complex64) -> Self {
        Couplings {
            l: g_l,
            n: g_nu - g_l,
            r: g_r - g_l,
        }
    }

    /// The same real coupling g for all three (L_μ − L_τ with coupling g).
    pub fn universal(g: f64) -> Self {
        Couplings::new(g.into(), g.into(), g.into())
    }

    fn is_zero(&self) -> bool {
        self.l.norm_sqr() + self.n.norm_sqr() + self.r.norm_sqr() == 0.0
    }
}

/// c₀ + c₁ u + d₁/u + d₂/u² in u = m₂₃² − m_μ².
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Coeffs {
    /// u⁰ coefficient.
    pub c0: f64,
    /// u¹ coefficient.
    pub c1: f64,
    /// u⁻¹ coefficient.
    pub d1: f64,
    /// u⁻² coefficient.
    pub d2: f64,
}

impl Coeffs {
    fn add(&mut self, w: f64, c: Coeffs) {
        self.c0 += w * c.c0;
        self.c1 += w * c.c1;
        self.d1 += w * c.d1;
        self.d2 += w * c.d2;
    }

    /// Value at u.
    pub fn at(&self, u: f64) -> f64 {
        self.c0 + self.c1 * u + (self.d1 + self.d2 / u) / u
    }

    /// ∫ from u₋ to u₊ = u₋ + Δ, written without cancellation.
    pub fn integral(&self, um: f64, delta: f64) -> f64 {
        let up = um + delta;
        self.c0 * delta
            + self.c1 * delta * 0.5 * (um + up)
            + self.d1 * (delta / um).ln_1p()
            + self.d2 * delta / (um * up)
    }
}

/// |M̂|² = Σ|M|²/|C|² at fixed m₁₂² as coefficients in u = m₂₃² − m_μ²
/// (generated by docs/derivations/k_munu_zp.py; K = M_K², s = m₁₂², M2 = m_Z′²).
pub fn coefficients(kin: &Kinematics, s: f64, c: &Couplings) -> Coeffs {
    let k = kin.mk * kin.mk;
    let m2 = kin.m * kin.m;
    let m4 = m2 * m2;
    let mz2 = kin.mz * kin.mz;
    let mut out = Coeffs::default();
    // Gauge-invariant part |g_L|^2 (all of L_mu - L_tau).
    let ll = c.l.norm_sqr();
    if ll != 0.0 {
        out.add(
            ll,
            Coeffs {
                d2: 2.0 * m2 * (mz2 + 2.0 * m2) * (m2 - k),
                d1: 2.0
                    * m2
                    * (2.0 * mz2 * m2 + 2.0 * (k - m2) * (k - m2) - 2.0 * s * (k - m2) + s * s)
                    / s,
                c0: 2.0 * m2 * (-mz2 * (k - m2) - 2.0 * s * (k - m2) + 2.0 * s * s) / (s * s),
                c1: 2.0 * m2 / s,
            },
        );
    }
    let ln = (c.l * c.n.conj()).re;
    if ln != 0.0 {
        out.add(
            ln,
            Coeffs {
                d2: 0.0,
                d1: 4.0 * m2 * (mz2 * m2 - mz2 * s + (k - m2) * (k - m2) - m2 * s + s * s) / s,
                c0: 4.0 * m2 * (-mz2 * (k - m2) - mz2 * s - k * s + m2 * s + s * s) / (s * s),
                c1: 4.0 * m2 / s,
            },
        );
    }
    let lr = (c.l * c.r.conj()).re;
    if lr != 0.0 {
        out.add(
            lr,
            Coeffs {
                d2: 4.0 * m2 * (-mz2 * k - k * m2 + m4 + m2 * s),
                d1: 4.0 * m2 * ((k - m2) * (k - m2) - k * s + 2.0 * m2 * s + s * s) / s,
                c0: 4.0 * m2 * (s - k + m2) / s,
                c1: 0.0,
            },
        );
    }
    let nn = c.n.norm_sqr();
    if nn != 0.0 {
        out.add(
            nn,
            Coeffs {
                d2: 0.0,
                d1: 0.0,
                c0: -2.0
                    * (mz2 * (k * m2 - m4 + 2.0 * m2 * s - s * s) - k * s * s - m2 * s * s
                        + s * s * s)
                    / (s * s),
                c1: -2.0 * (s - m2) / s,
            },
        );
        // q q / m_Z'^2 part.
        out.add(
            nn / mz2,
            Coeffs {
                d2: 0.0,
                d1: 0.0,
                c0: -mz2 * k + k * m2 - m4 + m2 * s,
                c1: s - m2,
            },
        );
    }
    let nr = (c.n * c.r.conj()).re;
    if nr != 0.0 {
        out.add(
            nr,
            Coeffs {
                d2: 0.0,
                d1: 4.0 * m2 * (k - m2) * (k - m2 + s) / s,
                c0: -4.0 * m2 * (k - m2 + s) / s,
                c1: 0.0,
            },
        );
        out.add(
            nr / mz2,
            Coeffs {
                d2: 0.0,
                d1: 2.0 * m2 * (-mz2 * k + m2 * s),
                c0: 2.0 * m2 * (s - k + m2),
                c1: 2.0 * m2,
            },
        );
    }
    let rr = c.r.norm_sqr();
    if rr != 0.0 {
        out.add(
            rr,
            Coeffs {
                d2: 2.0 * m2 * (-mz2 * k + k * m2 - m4 + m2 * s),
                d1: 2.0 * m2 * (s - m2),
                c0: 0.0,
                c1: 0.0,
            },
        );
        out.add(
            rr / mz2,
            Coeffs {
                d2: mz2 * m4 * (m2 - k),
                d1: -m4 * (s - 2.0 * mz2),
                c0: m2 * (mz2 + k - m2 - s),
                c1: -m2,
            },
        );
    }
    out
}

/// |M̂|² = Σ_spins,pol |M|² / |C|² at a point (m₁₂², m₂₃²) of the Dalitz plot.
pub fn amplitude_squared(kin: &Kinematics, s12: f64, s23: f64, c: &Couplings) -> f64 {
    coefficients(kin, s12, c).at(s23 - kin.m * kin.m)
}

/// The m₂₃² range at fixed m₁₂² (App. A, Eq. A3–A5) as (u₋, Δ) with u = m₂₃² − m_μ²:
/// u± = m_Z′² + 2(E₂E₃ ± p₂p₃), E₂E₃ − p₂p₃ written without cancellation.
pub fn u_range(kin: &Kinematics, s12: f64) -> (f64, f64) {
    let (mz2, m2, k) = (kin.mz * kin.mz, kin.m * kin.m, kin.mk * kin.mk);
    u_range_of(kin, s12, s12 - mz2, kallen(k, s12, m2).max(0.0).sqrt())
}

/// [`u_range`] at m₁₂² = `s12` = m_Z′² + `t` with √λ(M_K², m₁₂², m_μ²) = `lam_sqrt` supplied
/// by a caller who knows t and √λ more accurately than the differences (next to the threshold).
fn u_range_of(kin: &Kinematics, s12: f64, t: f64, lam_sqrt: f64) -> (f64, f64) {
    let (mz2, m2, k) = (kin.mz * kin.mz, kin.m * kin.m, kin.mk * kin.mk);
    let rs = s12.sqrt();
    let e2 = (s12 + mz2) / (2.0 * rs);
    let p2 = (t / (2.0 * rs)).max(0.0);
    let e3 = (k - s12 - m2) / (2.0 * rs);
    let p3 = lam_sqrt / (2.0 * rs);
    let ee_minus_pp = (mz2 * e3 * e3 + m2 * e2 * e2 - mz2 * m2) / (e2 * e3 + p2 * p3);
    (mz2 + 2.0 * ee_minus_pp, 4.0 * p2 * p3)
}

/// ∫ dm₂₃² |M̂|² at fixed m₁₂² (closed form).
pub fn inner_integral(kin: &Kinematics, s12: f64, c: &Couplings) -> f64 {
    let (um, delta) = u_range(kin, s12);
    if delta <= 0.0 || um <= 0.0 {
        return 0.0;
    }
    coefficients(kin, s12, c).integral(um, delta)
}

/// [`inner_integral`] at m₁₂² = m_Z′² + t with √λ supplied (see [`u_range_of`]).
fn inner_integral_of(kin: &Kinematics, t: f64, lam_sqrt: f64, c: &Couplings) -> f64 {
    let s12 = kin.mz * kin.mz + t;
    let (um, delta) = u_range_of(kin, s12, t, lam_sqrt);
    if delta <= 0.0 || um <= 0.0 {
        return 0.0;
    }
    coefficients(kin, s12, c).integral(um, delta)
}

/// The normalization N with BR = N ∫∫ |M̂|² dm₁₂² dm₂₃² (Eq. 13–16).
pub fn normalization(kin: &Kinematics, br_munu: f64) -> f64 {
    let d = kin.mk * kin.mk - kin.m * kin.m;
    br_munu / (16.0 * PI * PI * kin.m * kin.m * d * d)
}

/// dBR/dp_μ (GeV⁻¹) at muon momentum p (Eq. 17 divided by Γ_K); 0 outside (0, p_max).
pub fn spectrum_at(kin: &Kinematics, br_munu: f64, c: &Couplings, p: f64) -> f64 {
    if !(kin.open() && p > 0.0 && p < kin.p_max()) || c.is_zero() {
        return 0.0;
    }
    let e = (kin.m * kin.m + p * p).sqrt();
    let lam_sqrt = 2.0 * kin.mk * p;
    normalization(kin, br_munu) * lam_sqrt / e * inner_integral_of(kin, kin.t_of_p(p), lam_sqrt, c)
}

/// Below this relative distance to the threshold, gap/(M_K − m_μ), the window is not
/// integrated but taken from the threshold expansion (see [`br_window`]).
pub const THRESHOLD_EXPANSION: f64 = 1e-5;

/// BR with the muon momentum in [p_lo, p_hi] (GeV; clipped to the physical range).
///
/// Next to the threshold m_Z′ → M_K − m_μ (relative gap ε = gap/(M_K − m_μ) below
/// [`THRESHOLD_EXPANSION`]) |M̂|² vanishes as ε and is the small difference of terms of
/// order 1 (its rounding noise, ~1e-16/ε relative, kept the quadrature from converging at
/// ε ~ 1e-8 … 1e-13), while the rate follows the phase space: BR = ε^{7/2}(a + b ε + O(ε²))
/// at fixed fractions p/p_max of the window. a and b are fitted from the integrals at
/// ε₁ = [`THRESHOLD_EXPANSION`] and 2ε₁, where the integration is accurate; the neglected
/// O(ε²) is below 1e-9 relative (tests: against the integral at ε = 1e-6 and across the switch).
pub fn br_window(
    kin: &Kinematics,
    br_munu: f64,
    c: &Couplings,
    p_lo: f64,
    p_hi: f64,
) -> Result<f64> {
    if !kin.open() || c.is_zero() {
        return Ok(0.0);
    }
    let pmax = kin.p_max();
    let (lo, hi) = (p_lo.max(0.0), p_hi.min(pmax));
    if hi <= lo {
        return Ok(0.0);
    }
    let top = kin.mk - kin.m;
    let eps = kin.gap() / top;
    if eps >= THRESHOLD_EXPANSION {
        return br_window_integrated(kin, br_munu, c, lo, hi);
    }
    let (x_lo, x_hi) = (lo / pmax, hi / pmax);
    // ε^{-7/2} BR at a reference gap, the window at the same fractions of p_max
    let reduced = |e: f64| -> Result<(f64, f64)> {
        let k = Kinematics {
            mz: top * (1.0 - e),
            ..*kin
        };
        let e = k.gap() / top;
        let pm = k.p_max();
        let v = br_window_integrated(&k, br_munu, c, x_lo * pm, x_hi * pm)?;
        Ok((e, v / e.powf(3.5)))
    };
    let (e1, r1) = reduced(THRESHOLD_EXPANSION)?;
    let (e2, r2) = reduced(2.0 * THRESHOLD_EXPANSION)?;
    let slope = (r2 - r1) / (e2 - e1);
    Ok((eps.powf(3.5) * (r1 + slope * (eps - e1))).max(0.0))
}

/// [`br_window`] by integration over the Dalitz plot, [lo, hi] inside [0, p_max].
fn br_window_integrated(
    kin: &Kinematics,
    br_munu: f64,
    c: &Couplings,
    lo: f64,
    hi: f64,
) -> Result<f64> {
    // In t = m12^2 - m_Z'^2: p_hi <-> smaller t. Every t and p from the gap to the threshold
    // (Kinematics::t_of_p, p_of_t), not as differences of squares: next to it (gap/m_K ~ 1e-12)
    // those lose all digits and the integrand became rounding noise.
    let mz2 = kin.mz * kin.mz;
    let (t_lo, t_hi) = (kin.t_of_p(hi).max(0.0), kin.t_of_p(lo).max(0.0));
    let t_top = kin.gap() * (kin.mk - kin.m + kin.mz);
    // Pieces: t in [0, t1] linear, [t1, t2] in ln t, [t2, t_top] in p.
    let t2 = 0.5 * t_top;
    let t1 = mz2.min(t2);
    let f_t = |t: f64| inner_integral_of(kin, t, kin.kallen_sqrt_of_t(t), c);
    let num = |e: crate::math::quad::QuadError| Error::Numerical {
        context: "BR(K+->munuZp)".into(),
        message: e.to_string(),
    };
    let mut sum = 0.0;
    let (a, b) = (t_lo.max(0.0), t_hi.min(t1));
    if b > a {
        sum += integrate(f_t, a, b, REL_TOL).map_err(num)?;
    }
    let (a, b) = (t_lo.max(t1), t_hi.min(t2));
    if b > a {
        sum += integrate(
            |x: f64| {
                let t = x.exp();
                t * f_t(t)
            },
            a.ln(),
            b.ln(),
            REL_TOL,
        )
        .map_err(num)?;
    }
    let (a, b) = (t_lo.max(t2), t_hi.min(t_top));
    if b > a {
        // s12 = mz2 + t  <->  p; ds12 = 2 M_K p / E dp.
        let (pa, pb) = (kin.p_of_t(b), kin.p_of_t(a));
        let g = |p: f64| {
            let e = (kin.m * kin.m + p * p).sqrt();
            let lam_sqrt = 2.0 * kin.mk * p;
            lam_sqrt / e * inner_integral_of(kin, kin.t_of_p(p), lam_sqrt, c)
        };
        sum += integrate(g, pa, pb, REL_TOL).map_err(num)?;
    }
    Ok(normalization(kin, br_munu) * sum)
}

/// Total BR(K⁺ → μ⁺ν_μZ′) (Eq. 16 divided by Γ_K): exactly 0 for m_Z′ ≥ M_K − m_μ.
pub fn br_total(kin: &Kinematics, br_munu: f64, c: &Couplings) -> Result<f64> {
    br_window(kin, br_munu, c, 0.0, f64::INFINITY)
}

/// Kinematics, BR(K → μν) and the couplings of a model point, or `NotApplicable` if the K⁺
/// carries a tree-level Z′ charge (emission off the kaon is not included).
pub fn setup(ctx: &Context) -> Result<(Kinematics, f64, Couplings)> {
    let p = ctx.point;
    let kin = Kinematics {
        mk: ctx.inputs.value("m_Kp")?,
        m: ctx.sm.m_lepton[1],
        mz: p.mass,
    };
    let br_munu = ctx.inputs.value("BR_Kp_munu")?;
    if !(kin.mk > kin.m && br_munu > 0.0 && br_munu <= 1.0) {
        return Err(Error::invalid(
            "m_Kp / BR_Kp_munu",
            kin.mk,
            "m_Kp > m_mu and 0 < BR_Kp_munu <= 1",
        ));
    }
    let q2 = p.mass * p.mass;
    // Tree-level vector charge of K+ = u sbar.
    let qv = |l: f64, r: f64| 0.5 * (l + r);
    let ch = &p.charges;
    let kaon = p.g * (qv(ch.q_l[0], ch.u_r[0]) - qv(ch.q_l[1], ch.d_r[1]))
        + p.kinetic_mixing_tree * ctx.sm.e();
    if kaon != 0.0 {
        return Err(Error::NotApplicable {
            observable: "BR(K+->munuZp)".into(),
            reason: format!(
                "the K+ carries a tree-level Z' coupling (g (Q_u - Q_s) + eps e = {kaon:.3e}): emission off the kaon is not included"
            ),
        });
    }
    let (gl, gr) = chiral(Fermion::ChargedLepton(1), p, ctx.sm, q2);
    let (gn, _) = chiral(Fermion::Neutrino(1), p, ctx.sm, q2);
    Ok((kin, br_munu, Couplings::new(gl, gr, gn)))
}

/// The muon-momentum window arguments (kaon rest frame, GeV; open if not given).
const WINDOW: &[Argument] = &[
    Argument {
        name: "p_min",
        description: "smallest muon momentum in the kaon frame, GeV (default 0)",
        kind: ArgumentKind::Number,
        default: None,
        required: false,
    },
    Argument {
        name: "p_max",
        description: "largest muon momentum in the kaon frame, GeV (default: the end point)",
        kind: ArgumentKind::Number,
        default: None,
        required: false,
    },
];

/// The observables of this area.
pub(crate) const OBSERVABLES: &[Observable] = &[
    Observable {
        name: "BR(K+->munuZp)",
        description: "branching ratio of K+ -> mu+ nu_mu Z' (Z' not decayed; lepton-line emission, exact three-body phase space), optionally with the muon momentum in [p_min, p_max]",
        latex: r"\mathrm{BR}(K^+\to\mu^+\nu_\mu Z')",
        unit: "1",
        degree: None,
        reference: "paper 001 Eq. (10)-(19), App. A; |M|^2 re-derived (Eq. 11 erratum: missing m_Z'^2 factor), normalized to BR(K+ -> mu+ nu); total K+ width with the new decays (module documentation)",
        arguments: WINDOW,
        listed: Some(&[]),
        validity: super::everywhere,
        compute: Compute::Prepared(prepare_window),
    },
    Observable {
        name: "BR(K+->munuZp)*BR(Zp->invisible)",
        description: "the single-muon signal K+ -> mu+ + invisible through K+ -> mu+ nu_mu Z', Z' -> nu nubar, with the muon momentum in [p_min, p_max]",
        latex: r"\mathrm{BR}(K^+\to\mu^+\nu_\mu Z')\,\mathrm{BR}(Z'\to\mathrm{inv})",
        unit: "1",
        degree: None,
        reference: "paper 001 Eq. (21) integrated over the momentum window; total K+ width with the new decays (module documentation)",
        arguments: WINDOW,
        listed: None,
        validity: super::everywhere,
        compute: Compute::Prepared(prepare_window_invisible),
    },
    Observable {
        name: "Gamma(K+->munuZp)",
        description: "partial width Gamma(K+ -> mu+ nu_mu Z') (Z' not decayed), optionally with the muon momentum in [p_min, p_max]",
        latex: r"\Gamma(K^+\to\mu^+\nu_\mu Z')",
        unit: "GeV",
        degree: Some(2),
        reference: "paper 001 Eq. (10)-(19), App. A, times the Standard-Model width Gamma_Kp",
        arguments: WINDOW,
        listed: Some(&[]),
        validity: super::everywhere,
        compute: Compute::WithArgs(gamma_in_window),
    },
];

fn window(o: &Observable, args: &Args) -> Result<(f64, f64)> {
    let lo = args.optional_number(o, "p_min")?.unwrap_or(0.0);
    let hi = args.optional_number(o, "p_max")?.unwrap_or(f64::INFINITY);
    if lo < 0.0 || hi <= lo {
        return Err(Error::invalid(
            &format!("{}(p_min={lo},p_max=...)", o.name),
            hi,
            "0 <= p_min < p_max (GeV)",
        ));
    }
    Ok((lo, hi))
}

/// Γ(K⁺ → μ⁺νZ′) / Γ_K⁺(SM) with the muon momentum in the window, once per point, window
/// and couplings for all its users (the window observables, `Gamma(K+->munuZp)`, the total
/// K⁺ width of every K⁺ branching fraction) through the context's store.
fn rate_in_window(ctx: &Context, lo: f64, hi: f64) -> Result<f64> {
    let key = super::shared::Key::new("Gamma(K+->munuZp)/Gamma_K(SM)")
        .numbers(&[lo, hi])
        .couplings(ctx.point);
    super::shared::memo(ctx, key, || {
        let (kin, br, c) = setup(ctx)?;
        br_window(&kin, br, &c, lo, hi)
    })
}

/// `Gamma(K+->munuZp)(p_min=...,p_max=...)`: the partial width in GeV.
fn gamma_in_window(ctx: &Context, o: &Observable, args: &Args) -> Result<f64> {
    let (lo, hi) = window(o, args)?;
    Ok(rate_in_window(ctx, lo, hi)? * ctx.inputs.value("Gamma_Kp")?)
}

/// `BR(K+->munuZp)(p_min=...,p_max=...)` and its product with BR(Z′ → invisible): the
/// partial width in the window over the total K⁺ width including the new decays
/// ([`super::k_to_pi`] documents the normalization). Prepared so that at one mass the
/// flavour loop (for Γ(K⁺ → π⁺ Z′) in the total) is done once.
struct WindowEvaluator {
    lo: f64,
    hi: f64,
    invisible: bool,
}

impl WindowEvaluator {
    /// (partial, total) widths over Γ_K⁺(SM) at the point.
    fn rates(&self, ctx: &Context, flavour: &FlavourAtMass) -> Result<(f64, f64)> {
        let mut partial = rate_in_window(ctx, self.lo, self.hi)?;
        if self.invisible && partial != 0.0 {
            // BR(Z' -> invisible) is computed only when the window holds signal.
            partial *= super::zp_decays::br_invisible(ctx)?;
        }
        let total = KplusRates::at(ctx, flavour)?.total();
        Ok((partial, total))
    }
}

impl Evaluator for WindowEvaluator {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        // not applicable to the model: say so before preparing the flavour loop
        setup(ctx)?;
        let (partial, total) = self.rates(ctx, &*flavour_at(ctx)?)?;
        Ok(partial / total)
    }

    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        setup(ctx)?;
        let flavour = flavour_at(ctx)?;
        // One coupling: BR(Z' -> invisible) does not depend on c, so BR = c² a / (1 + c² b).
        crate::observables::registry::branching_in_coupling(ctx, move |c| self.rates(c, &flavour))
    }
}

/// The window evaluator for the arguments; `invisible` multiplies by BR(Z' -> invisible).
fn window_evaluator(o: &Observable, args: &Args, invisible: bool) -> Result<Arc<dyn Evaluator>> {
    let (lo, hi) = window(o, args)?;
    Ok(Arc::new(WindowEvaluator { lo, hi, invisible }))
}

fn prepare_window(
    o: &Observable,
    args: &Args,
    _: &StandardModel,
    _: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    window_evaluator(o, args, false)
}

fn prepare_window_invisible(
    o: &Observable,
    args: &Args,
    _: &StandardModel,
    _: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    window_evaluator(o, args, true)
}

/// Γ(K⁺ → μ⁺ ν_μ Z′) / Γ_K⁺ of the Standard Model (paper 001 Eq. 16 / Γ_K; the Z′ is not
/// decayed): BR(K⁺ → μ⁺ ν_μ Z′) while BR ≪ 1, e.g. BR/g² when evaluated at g = 1. The
/// observable `BR(K+->munuZp)` divides the same width by the total K⁺ width with the new
/// decays.
pub fn br_k_munu_zp(ctx: &Context) -> Result<f64> {
    // br_total's window, shared with the observables of the whole spectrum
    rate_in_window(ctx, 0.0, f64::INFINITY)
}

/// dΓ(K⁺ → μ⁺νZ′)/dp_μ / Γ_K⁺(SM) at the momenta `p` (GeV), in GeV⁻¹ (paper 001 Eq. 17–19):
/// dBR/dp_μ while BR ≪ 1 (over the Standard-Model width, like [`br_k_munu_zp`]).
pub fn spectrum(ctx: &Context, p: &[f64]) -> Result<Vec<f64>> {
    let (kin, br, c) = setup(ctx)?;
    Ok(p.iter().map(|&x| spectrum_at(&kin, br, &c, x)).collect())
}

#[cfg(test)]
mod tests;
