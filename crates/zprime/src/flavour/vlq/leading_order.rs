//! The leading-order couplings in v_φ²/m² (paper 003 Eq. 3.10, 3.12, 3.24; paper 004 Eq. 8,
//! 13): the reference the exact diagonalization ([`super::spectrum`]) is tested against, and
//! the formulas of the former mechanism `vlq-doublet`.
//!
//! `L^(d)_ij = Y_Qi Y*_Qj v_φ²/(2m_Q²)`, `R^(d)_ij = −Y_Di Y*_Dj v_φ²/(2m_D²)`,
//! `L^(u) = V L^(d) V†`, `R^(u)_ij = −Y_Ui Y*_Uj v_φ²/(2m_U²)`, each times g.

#![allow(clippy::needless_range_loop)] // index loops mirror the matrix formulas

use super::spectrum::{LightCouplings, VlqParameters};
use crate::ckm::{self, Matrix3};
use num_complex::Complex64 as C64;

/// `sign × g v_φ²/(2m²) × y y†`.
fn outer(y: &[C64; 3], k: f64) -> Matrix3 {
    let mut out = [[C64::new(0.0, 0.0); 3]; 3];
    for i in 0..3 {
        for j in 0..3 {
            out[i][j] = k * y[i] * y[j].conj();
        }
    }
    out
}

/// The four coupling matrices at leading order for gauge coupling `g` and the gauge-basis CKM
/// matrix `v`.
pub fn couplings(p: &VlqParameters, g: f64, v: &Matrix3) -> LightCouplings {
    let v2 = p.v_phi * p.v_phi / 2.0;
    let down_left = outer(&p.y_q, g * v2 / (p.m_q * p.m_q));
    LightCouplings {
        down_left,
        down_right: outer(&p.y_d, -g * v2 / (p.m_d * p.m_d)),
        up_left: ckm::mul(&ckm::mul(v, &down_left), &ckm::dagger(v)),
        up_right: outer(&p.y_u, -g * v2 / (p.m_u * p.m_u)),
    }
}

/// The left-handed down-type flavour-changing couplings [g_ds, g_sb, g_db] of the doublet alone
/// (the formula of the former `vlq-doublet` mechanism; paper 003 Eq. 3.12).
pub fn doublet_down_fcnc(y: [C64; 3], g: f64, v_phi: f64, m_q: f64) -> [C64; 3] {
    let k = g * v_phi * v_phi / (2.0 * m_q * m_q);
    let pair = |i: usize, j: usize| k * y[i] * y[j].conj();
    [pair(0, 1), pair(1, 2), pair(0, 2)]
}
