//! Mechanism (d): kinetic mixing of the Z' with the photon (and the Z). The Z' couples to the
//! electromagnetic current with strength ε e and inherits the Standard-Model photon (and Z)
//! penguins (paper 003 Sec. 2.2, Eq. 2.9–2.13):
//!
//! `L_eff ⊃ Σ_i V_is V*_id (G_F/√2)(e/8π²) H₀(x_i) [d̄(q²γ^μ − q^μ q̸)(1 − γ₅)s] X_μ`,
//! `H₀ = ε_γX D₀(x) + ε_ZX D̃₀(x)` ([`crate::loops::functions`]).
//!
//! For an on-shell Z' (ε·q = 0) and (1 − γ₅) = 2P_L this is, in the convention
//! `L ⊃ −g_ds d̄γ^μP_L s Z'_μ`, `g_ds = −2 m_Z'² (G_F/√2)(e/8π²) Σ_{i=c,t} V_is V*_id H₀(x_i)`.
//!
//! Erratum/normalization: paper 003 Eq. (2.13) defines `g^eff = m_X² Σ V V* (G_F/√2)(e/8π²)H₀`,
//! without the factor 2 of (1 − γ₅) = 2P_L, although its rates (2.2, 2.3) are for the coupling
//! to d̄_Lγ s_L. Its numbers include the factor: Eq. (2.15) ε < 1.3e-2 from |g| < 1.256e-11 and
//! Eq. (2.16) ε ≈ 1.5 from |Im g| = 1.16e-12 are reproduced with it (and are off by 2 without).
//! Paper 003 keeps i = c, t (Eq. 2.13): the up-quark term, ∝ ln(m_u²/m_W²), is the long-distance
//! part, which for q² ~ m_π² is not given by quark loops (paper 002 App. A quotes the chiral
//! perturbation theory result of Pospelov, PRD 80, 095002); we follow 003. The overall sign is
//! taken from Eq. (2.9) with its L-sign convention (not re-derived); it matters only for
//! interference with another mechanism.
//! Valid for q² ≪ m_W² (the leading term of the penguin in q²).
//!
//! Paper 002 App. A compares its W-loop vertex with universal couplings (g_L^u)_ii = (g_R^u)_ii
//! = g' to Pospelov's dark photon (PRD 80, 095002). We reproduce its (A4), 6.8e-7 |g'|, but the
//! comparison does not test the loop: for a generation-universal vector coupling the current
//! is conserved and the s → d vertex must vanish as q² → 0, which the vertex diagram alone
//! does not (6.8e-7 |g'| also at q² = 0; the external-leg diagrams cancel it). The gauge-
//! invariant quantity is this photon penguin, ∝ q²: |g_ds| = 9.3e-10 ε at m_Z' = m_π0 against
//! Pospelov's chiral amplitude, (A3), 5.3e-10 ε — the same order (test
//! `p002_kang2020::app_a_dark_photon_check`).

use crate::ckm::Matrix3;
use crate::loops::functions::h0;
use num_complex::Complex64 as C64;
use std::f64::consts::{PI, SQRT_2};

/// The induced left-handed coupling g_ij (i, j = 0, 1, 2 for d, s, b: transition d_j → d_i)
/// for photon mixing `eps_gamma` and Z mixing `eps_z` at q² (GeV²).
///
/// `eps_z` is ε_ZX of paper 003 Eq. 2.10 read as the Z′'s coupling to the Z current,
/// `ε_ZX (e/s_W c_W) J_Z` ([`crate::model::Point::z_mixing`], from the Z–X mass and
/// hypercharge kinetic mixing of a gauge-basis model, [`crate::model::gauge_mixing`]): the
/// `e/(s_W c_W)` of that coupling is the prefactor's `e` times the `−1/(s_W c_W)` of D̃₀
/// (Eq. 2.12). Its sign relative to ε_γX is paper 003's (not re-derived). Like D₀, D̃₀ is the
/// q² term of the penguin; the Z current is not conserved, and a q²-independent Z-penguin
/// term (Inami–Lim C₀) that a Z-like coupling could also induce is not in paper 003's H₀ and
/// not included.
#[allow(clippy::too_many_arguments)]
pub fn induced(
    v: &Matrix3,
    i: usize,
    j: usize,
    q2: f64,
    eps_gamma: C64,
    eps_z: f64,
    m_up: [f64; 3],
    mw: f64,
    g_fermi: f64,
    e: f64,
    sin2w: f64,
) -> C64 {
    let pref = -2.0 * q2 * g_fermi / SQRT_2 * e / (8.0 * PI * PI);
    let mut sum = C64::new(0.0, 0.0);
    for a in 1..3 {
        let x = (m_up[a] / mw).powi(2);
        let lam = v[a][j] * v[a][i].conj();
        // H0 is linear in the mixings: the complex ε multiplies D0
        let hg = h0(x, 1.0, 0.0, sin2w);
        let hz = h0(x, 0.0, eps_z, sin2w);
        sum += lam * (eps_gamma * hg + hz);
    }
    pref * sum
}
