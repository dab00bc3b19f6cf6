//! Mechanism `vlq-doublet`: tree-level flavour-changing couplings from a vector-like quark
//! doublet that mixes with the left-handed down quarks (paper 003 model I, Sec. 3; paper 004
//! Sec. II), preset `lmu-ltau-vlq`.
//!
//! Fields (paper 003 Eq. 3.4, paper 004 Eq. 9): Q_L = (U_L, D_L) and Q̃_R = (Ũ_R, D̃_R),
//! SU(2) doublets of hypercharge 1/6 and U(1)' charge +1, with the mass m_Q Q̄_L Q̃_R; a scalar
//! Φ of charge +1, ⟨Φ⟩ = v_φ/√2. The Yukawas `Φ D̃̄_R (Y_Qd d_L + Y_Qs s_L + Y_Qb b_L)` mix D_L
//! (charge +1) into the light left-handed down quarks by angles θ_i ≈ Y_Qi v_φ/(√2 m_Q); the
//! Z' current of D_L then contains the light quarks:
//!
//! `g_ij = g Y_Qi Y*_Qj v_φ² / (2 m_Q²)`  (i, j = d, s, b; `L ⊃ −g_ij d̄_iγ^μP_L d_j Z'_μ`),
//!
//! paper 003 Eq. (3.10) `𝕃^(d)_ij = Y_Qi Y*_Qj v_φ²/(2m_Q²)` with its current `−g_X X_μ J^μ`
//! (Eq. 3.2), paper 004 Eq. (8b), (13c). Leading order in v_φ²/m_Q², as in both papers; the
//! test checks it against the exact diagonalization of the 4 × 4 down-type mass matrix.
//! Conventions: the printed formula is used as the definition of the Y_Qi. (With the Yukawa
//! written as `Φ D̃̄_R Y d_L + h.c.` and the mass term `−ψ̄_L M ψ_R`, our derivation gives
//! Y*_Qi Y_Qj, i.e. the printed form with Y → Y*; only the sign of Im g_ij relative to other
//! mechanisms, e.g. the kinetic-mixing penguin, depends on this.) Paper 003 Eq. (3.12) writes
//! the same couplings with `+g_X` in L, opposite to its Eq. (3.2): the same sign slip as its
//! Eq. (4.5) ([`super::third_gen`]).
//!
//! Not included (stated in the preset's `not_included`): the singlets D̃_L, D_R and Ũ_L, U_R
//! (charge −1) and their Yukawas Y_D, Y_U, which give right-handed couplings
//! `−Y_Di Y*_Dj v_φ²/(2m_D²)` (paper 003 keeps only Q̃_R); the up-type couplings
//! V 𝕃^(d) V† (Eq. 3.24); the W loop on top of the tree level (relative size g₂²/16π²); the
//! kinetic mixing of the heavy quarks, zero for m_D = m_U = m_Q (paper 004 Eq. 15), assumed.
//! Validity: the mixing must be small; beyond Σ|θ_i|² = 0.1 the couplings are not applicable.

use super::{param, Environment, Mechanism, QuarkCouplings};
use crate::error::{Error, Result};
use crate::model::Point;
use num_complex::Complex64 as C64;

/// Largest total mixing Σ|θ_i|² = Σ|Y_Qi|² v_φ²/(2 m_Q²) for which the leading order is used.
pub const MAX_MIXING: f64 = 0.1;

/// The tree-level couplings [g_ds, g_sb, g_db] for Yukawas `y` = (Y_Qd, Y_Qs, Y_Qb), gauge
/// coupling `g`, vacuum value `v_phi` and doublet mass `m_q` (GeV).
pub fn couplings(y: [C64; 3], g: f64, v_phi: f64, m_q: f64) -> [C64; 3] {
    let k = g * v_phi * v_phi / (2.0 * m_q * m_q);
    let pair = |i: usize, j: usize| k * y[i] * y[j].conj();
    [pair(0, 1), pair(1, 2), pair(0, 2)]
}

/// The vector-like doublet mechanism.
pub struct VlqDoublet;

impl Mechanism for VlqDoublet {
    fn name(&self) -> &'static str {
        "vlq-doublet"
    }
    fn description(&self) -> &'static str {
        "tree-level g_ij = g Y_Qi Y_Qj* v_phi^2/(2 m_Q^2) from a vector-like doublet mixing with d_L, s_L, b_L, paper 003 Eq. 3.10, paper 004 Eq. 13c"
    }
    fn parameters(&self) -> &'static [&'static str] {
        &[
            "Re_Y_Qd", "Im_Y_Qd", "Re_Y_Qs", "Im_Y_Qs", "Re_Y_Qb", "Im_Y_Qb", "m_Q", "v_phi",
        ]
    }
    /// The leading-order L^(d)_ij = g Y_Qi Y*_Qj v_φ²/(2m_Q²) on top of the charges (the
    /// diagonal included); the up-type quarks keep the couplings of their charges.
    fn couplings(&self, p: &Point, _: &Environment) -> Result<QuarkCouplings> {
        let mut out = QuarkCouplings::from_charges(p);
        let y = ["d", "s", "b"].map(|q| {
            C64::new(
                param(p, &format!("Re_Y_Q{q}")),
                param(p, &format!("Im_Y_Q{q}")),
            )
        });
        if p.g == 0.0 || y.iter().all(|x| x.norm_sqr() == 0.0) {
            return Ok(out);
        }
        let mut v_phi = param(p, "v_phi");
        if v_phi == 0.0 {
            v_phi = p.mass / p.g;
        }
        let m_q = param(p, "m_Q");
        let mixing = y.iter().map(num_complex::Complex::norm_sqr).sum::<f64>() * v_phi * v_phi
            / (2.0 * m_q * m_q);
        if mixing.is_nan() || mixing > MAX_MIXING {
            return Err(Error::NotApplicable {
                observable: "flavour mechanism vlq-doublet".into(),
                reason: format!(
                    "the quark mixing sum |Y_Qi|^2 v_phi^2/(2 m_Q^2) = {mixing:.3e} exceeds {MAX_MIXING}: the leading order in v_phi^2/m_Q^2 does not hold (v_phi = {v_phi:.4e} GeV{})",
                    if param(p, "v_phi") == 0.0 { " = m_Z'/g" } else { "" }
                ),
            });
        }
        let k = p.g * v_phi * v_phi / (2.0 * m_q * m_q);
        for (i, row) in out.down_left.iter_mut().enumerate() {
            for (j, x) in row.iter_mut().enumerate() {
                *x += k * y[i] * y[j].conj();
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flavour::up_vlq::svd4;

    /// The leading-order formula against the exact left-handed mixing of the 4 × 4 down-type
    /// mass matrix (rows d_L, s_L, b_L, D_L; columns d_R, s_R, b_R, D̃_R; real Yukawas):
    /// g_ab = g (U_L)_4a (U_L)_4b for the light states, agreeing to O(v_φ²Y²/m_Q²).
    #[test]
    fn leading_order_matches_exact_diagonalization() {
        let (md, ms, mb) = (4.7e-3, 0.093, 4.18);
        let (v_phi, m_q, g) = (260.0, 2000.0, 5e-4);
        let y = [0.01, 0.02, 0.015];
        let r = v_phi / std::f64::consts::SQRT_2;
        let m = [
            [md, 0.0, 0.0, y[0] * r],
            [0.0, ms, 0.0, y[1] * r],
            [0.0, 0.0, mb, y[2] * r],
            [0.0, 0.0, 0.0, m_q],
        ];
        let (sigma, mut u, _) = svd4(m);
        assert!(sigma[3] > m_q && sigma[0] < 1e-2);
        // fix the arbitrary sign of each light eigenvector: positive overlap with its flavour
        for a in 0..3 {
            if u[a][a] < 0.0 {
                for row in &mut u {
                    row[a] = -row[a];
                }
            }
        }
        let exact = |a: usize, b: usize| g * u[3][a] * u[3][b];
        let lo = couplings(y.map(|x| C64::new(x, 0.0)), g, v_phi, m_q);
        for (k, (a, b)) in [(0, 1), (1, 2), (0, 2)].into_iter().enumerate() {
            let rel = (lo[k].re / exact(a, b) - 1.0).abs();
            assert!(
                rel < 2e-3,
                "{a}{b}: {} vs {} ({rel})",
                lo[k].re,
                exact(a, b)
            );
            assert_eq!(lo[k].im, 0.0);
        }
    }

    /// Paper 003 Eq. (3.13): Im(Y_Qs Y*_Qd)/(2 m_Q²) = 3.43e-14 GeV⁻² with g = 5e-4,
    /// v_φ = 260 GeV gives |Im g_ds| = g v_φ² × 3.43e-14 = 1.16e-12 (their Eq. 2.5 target).
    #[test]
    fn paper_003_koto_benchmark() {
        let m_q = 2000.0;
        let target = 3.43e-14 * 2.0 * m_q * m_q; // Im(Y_Qs Y_Qd*)
        let y = [
            C64::new(1.0, 0.0),
            C64::new(0.0, target),
            C64::new(0.0, 0.0),
        ];
        let c = couplings(y, 5e-4, 260.0, m_q);
        assert!((c[0].im.abs() / (5e-4 * 260.0 * 260.0 * 3.43e-14) - 1.0).abs() < 1e-12);
        assert!((c[0].im.abs() - 1.16e-12).abs() < 0.01e-12, "{}", c[0].im);
    }
}
