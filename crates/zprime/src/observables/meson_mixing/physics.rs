//! The physics of meson mixing on plain numbers (no context, no model): the ΔF = 2 Wilson
//! coefficients of tree-level Z' exchange in the WCxf flavio basis, and paper 004's B_s-mixing
//! ratio with the scalar (Φ) boxes (Eq. 18-19). The module documentation of
//! [`super`] derives the normalization and lists the papers' conventions.

use num_complex::Complex64 as C64;
use std::f64::consts::PI;

/// A 3 × 3 complex coupling matrix in the quark mass basis, rows and columns (d, s, b) or
/// (u, c, t): entry [i][j] is the coefficient of q̄_i γ^μ P_{L,R} q_j in −L/Z'_μ.
pub use crate::flavour::QuarkMatrix as Matrix;

/// A neutral meson that mixes with its antimeson.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meson {
    /// K⁰ (d̄ s): operators (d̄ γ s)², WCxf sector `sdsd`.
    K,
    /// B⁰ (b̄ d): operators (d̄ γ b)², sector `dbdb`.
    Bd,
    /// B_s (b̄ s): operators (s̄ γ b)², sector `sbsb`.
    Bs,
    /// D⁰ (c ū): operators (c̄ γ u)², sector `cucu`.
    D,
}

impl Meson {
    /// All four, in the order the observables are listed.
    pub const ALL: [Meson; 4] = [Meson::K, Meson::Bd, Meson::Bs, Meson::D];

    /// The suffix of the WCxf flavio-basis coefficient names (`CVLL_sdsd`, ...).
    pub fn wcxf_suffix(self) -> &'static str {
        match self {
            Meson::K => "sdsd",
            Meson::Bd => "bdbd",
            Meson::Bs => "bsbs",
            Meson::D => "ucuc",
        }
    }

    /// (i, j) of the operator (q̄_i γ^μ P q_j)(q̄_i γ_μ P q_j) of the flavio basis, indices
    /// into the down-type (K, B_d, B_s) or up-type (D) coupling matrices.
    pub fn indices(self) -> (usize, usize) {
        match self {
            Meson::K => (0, 1),
            Meson::Bd => (0, 2),
            Meson::Bs => (1, 2),
            Meson::D => (1, 0),
        }
    }

    /// True for the up-type meson (its couplings are `up_left`, `up_right`).
    pub fn up_type(self) -> bool {
        self == Meson::D
    }

    /// The input-set parameter holding the meson's mass.
    pub fn mass_parameter(self) -> &'static str {
        match self {
            Meson::K => "m_KL",
            Meson::Bd => "m_B0",
            Meson::Bs => "m_Bs",
            Meson::D => "m_D0",
        }
    }
}

/// The three ΔF = 2 coefficients tree-level vector exchange gives (GeV⁻²), in the flavio
/// basis `L_eff = Σ C_i O_i` (flavio: `H_eff = −Σ C_i O_i`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeltaF2 {
    /// `CVLL`: (q̄_iL γ^μ q_jL)(q̄_iL γ_μ q_jL).
    pub vll: C64,
    /// `CVRR`: (q̄_iR γ^μ q_jR)(q̄_iR γ_μ q_jR).
    pub vrr: C64,
    /// `CVLR`: (q̄_iL γ^μ q_jL)(q̄_iR γ_μ q_jR).
    pub vlr: C64,
}

/// Below this relative distance |m_M² − m_Z'²|/m_M² the propagator 1/(m_M² − m_Z'²) is not
/// used (the Z' would be on shell in the meson; the tree-level operator does not describe
/// it, and the width the papers leave out would regulate it).
pub const RESONANCE_WINDOW: f64 = 1e-3;

/// The propagator 1/(m_M² − m_Z'²) of papers 003 (Eq. 3.17, 4.22) in GeV⁻², `None` inside
/// [`RESONANCE_WINDOW`].
pub fn propagator(m_meson: f64, m_zp: f64) -> Option<f64> {
    let d = m_meson * m_meson - m_zp * m_zp;
    (d.abs() > RESONANCE_WINDOW * m_meson * m_meson).then(|| 1.0 / d)
}

/// The coefficients for couplings `l_ij`, `r_ij` (the [i][j] entries of the left- and
/// right-handed matrices for the meson's operator) and the propagator `p` (GeV⁻²):
/// `CVLL = ½ l² p`, `CVRR = ½ r² p`, `CVLR = l r p` (derived in [`super`]).
pub fn coefficients(l_ij: C64, r_ij: C64, p: f64) -> DeltaF2 {
    DeltaF2 {
        vll: 0.5 * l_ij * l_ij * p,
        vrr: 0.5 * r_ij * r_ij * p,
        vlr: l_ij * r_ij * p,
    }
}

/// The coefficients of `meson` from the coupling matrices of its sector (down-type for K,
/// B_d, B_s; up-type for D) and the propagator.
pub fn meson_coefficients(meson: Meson, left: &Matrix, right: &Matrix, p: f64) -> DeltaF2 {
    let (i, j) = meson.indices();
    coefficients(left[i][j], right[i][j], p)
}

/// The Inami-Lim function S₀(x) of the Standard-Model top box (x = m_t²/m_W²).
pub fn s0(x: f64) -> f64 {
    let d = 1.0 - x;
    (4.0 * x - 11.0 * x * x + x.powi(3)) / (4.0 * d * d)
        - 3.0 * x.powi(3) * x.ln() / (2.0 * d.powi(3))
}

/// Paper 004's normalization of the B_s-mixing coefficients (Eq. 18-19): `C_LL`, `C_RR`,
/// `C_LR` such that `M12/M12_SM = 1 + (C_LL + C_RR + f C_LR)/N_SM`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paper004 {
    /// C_LL (GeV⁻²).
    pub ll: C64,
    /// C_RR (GeV⁻²).
    pub rr: C64,
    /// C_LR (GeV⁻²).
    pub lr: C64,
}

impl Paper004 {
    /// The tree-level Z' part from the flavio-basis coefficients: C_LL = −8 CVLL,
    /// C_RR = −8 CVRR, C_LR = 4 CVLR (for a heavy Z' these are the v_Φ² terms of Eq. 19).
    pub fn from_wcxf(c: &DeltaF2) -> Self {
        Paper004 {
            ll: -8.0 * c.vll,
            rr: -8.0 * c.vrr,
            lr: 4.0 * c.vlr,
        }
    }

    /// The sum of two contributions.
    #[must_use]
    pub fn plus(&self, o: &Paper004) -> Self {
        Paper004 {
            ll: self.ll + o.ll,
            rr: self.rr + o.rr,
            lr: self.lr + o.lr,
        }
    }

    /// C_LL + C_RR + `lr_factor` C_LR.
    pub fn combined(&self, lr_factor: f64) -> C64 {
        self.ll + self.rr + lr_factor * self.lr
    }
}

/// The scalar (Φ) box terms of paper 004 Eq. (19) for the transition (i, j) = (s, b):
/// `xq = Y_Qs Y*_Qb`, `xd = Y_Ds Y*_Db` (the Yukawa products with the flavour order of the
/// operator (s̄ b)²), heavy masses `m_q`, `m_d` (GeV):
/// `C_LL = xq²/(16π² m_Q²)`, `C_RR = xd²/(16π² m_D²)`,
/// `C_LR = −xq xd ln(m_Q²/m_D²)/(16π² (m_Q² − m_D²))` (→ −xq xd/(16π² m_Q²) for m_D → m_Q).
pub fn phi_boxes(xq: C64, xd: C64, m_q: f64, m_d: f64) -> Paper004 {
    let k = 1.0 / (16.0 * PI * PI);
    let (q2, d2) = (m_q * m_q, m_d * m_d);
    // ln(a)/(a − 1)/m_D² with a = m_Q²/m_D², by ln_1p near a = 1 (the limit is 1/m_Q²)
    let a = q2 / d2;
    let log_ratio = if (a - 1.0).abs() < 1e-6 {
        (1.0 - 0.5 * (a - 1.0)) / d2
    } else {
        (a - 1.0).ln_1p() / (a - 1.0) / d2
    };
    Paper004 {
        ll: k * xq * xq / q2,
        rr: k * xd * xd / d2,
        lr: -k * xq * xd * log_ratio,
    }
}

/// Paper 004's Standard-Model normalization of Eq. (18),
/// `N_SM = g₂⁴/(16π²) (1/m_W²) (V_tb V*_ts)² S₀(x_t)` (GeV⁻²), with g₂² = 8 G_F m_W²/√2 and
/// `lambda_t` = V_tb V*_ts (the CKM factor of the operator (s̄ b)²; 004 writes (V*_ts V_tb)²).
pub fn sm_normalization(g_fermi: f64, m_w: f64, lambda_t: C64, s0_xt: f64) -> C64 {
    let g2_sq = 8.0 * g_fermi * m_w * m_w / 2f64.sqrt();
    g2_sq * g2_sq / (16.0 * PI * PI) / (m_w * m_w) * lambda_t * lambda_t * s0_xt
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heavy_limit_is_minus_j_squared_over_two_m_squared() {
        // L_eff = −J²/(2 m²) for L = −Z·J + ½m²Z², J ⊃ l (q̄_i γ P_L q_j) + h.c.: the
        // (q̄_i γ P_L q_j)² term has −l²/(2m²).
        let l = C64::new(1e-3, 2e-3);
        let c = coefficients(l, C64::new(0.0, 0.0), propagator(0.5, 1e4).unwrap());
        let expected = -l * l / (2.0 * 1e8);
        assert!((c.vll - expected).norm() < 1e-6 * expected.norm());
    }

    #[test]
    fn propagator_refuses_the_resonance() {
        assert!(propagator(0.5, 0.5).is_none());
        assert!(propagator(0.5, 0.5 * (1.0 + 1e-5)).is_none());
        assert!(propagator(0.5, 0.49).is_some());
    }

    #[test]
    fn inami_lim_at_the_papers_top_mass() {
        // S₀(x_t) ≈ 2.3 (paper 004 below Eq. 18) for m_t(m_t) ≈ 163 GeV.
        let x = (163.0_f64 / 80.4).powi(2);
        assert!((s0(x) - 2.3).abs() < 0.05, "{}", s0(x));
    }

    #[test]
    fn boxes_are_continuous_at_equal_masses() {
        let y = C64::new(1.0, 0.0);
        let a = phi_boxes(y, y, 1000.0, 1000.0);
        let b = phi_boxes(y, y, 1000.0, 1000.0 * (1.0 + 1e-5));
        assert!((a.lr - b.lr).norm() < 1e-4 * a.lr.norm());
        assert!((a.lr.re + 1.0 / (16.0 * PI * PI * 1e6)).abs() < 1e-12);
    }
}
