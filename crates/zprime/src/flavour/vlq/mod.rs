//! Mechanism `vlq`: the Z' couplings of the quarks from vector-like quarks (VLQs) that mix
//! with the SM quarks, exactly (paper 003 model I, Sec. 3; paper 004 Sec. II), preset
//! `lmu-ltau-vlq`.
//!
//! Fields (paper 003 Eq. 3.4, paper 004 Eq. 9): the doublets Q_L = (U_L, D_L), Q̃_R = (Ũ_R, D̃_R)
//! (hypercharge 1/6, U(1)' charge +1, mass m_Q), the singlets D̃_L, D_R (−1/3, charge −1, m_D)
//! and Ũ_L, U_R (2/3, charge −1, m_U); a scalar Φ of charge +1, ⟨Φ⟩ = v_φ/√2 (m_Z' = g v_φ
//! when Φ alone gives the Z' mass: `v_phi = 0` means m_Z'/g). The Yukawas Y_Q (Q̃_R with d_L,
//! s_L, b_L and, by SU(2), with u_L, c_L, t_L), Y_D (D̃_L with d_R, s_R, b_R) and Y_U (Ũ_L with
//! u_R, c_R, t_R) fill the 5 × 5 mass matrices ([`spectrum`]); their exact bi-unitary
//! diagonalization gives the mass-basis couplings of the light quarks to the Z' (the ±1
//! charges of the VLQs rotated into them), to the W (the 3 × 5 CKM matrix, paper 003
//! Eq. 3.11) and to the Z.
//!
//! ## The two papers' matrices
//!
//! Paper 003 Eq. 3.7 writes `M_d` with rows (d_L, s_L, b_L, D̃_L, D_L) and columns
//! (d_R, s_R, b_R, D_R, D̃_R) — the order used here. Paper 004 Eq. 12 writes the transpose with
//! both orders reversed: rows (D̃_R, D_R, b_R, s_R, d_R), columns (D_L, D̃_L, b_L, s_L, d_L), i.e.
//! `M_004 = J M_003ᵀ J` with J the reversal permutation (the Y_Q then stand in the first row,
//! m_Q at the top left). Same for `M_u`. The singular values, and hence everything physical, are
//! the same.
//!
//! ## Yukawa phase convention (and the papers' inconsistency)
//!
//! The printed equations do not follow from one reading of the Yukawas. Taking the Lagrangian
//! literally (003 Eq. 3.5, 004 Eq. 11, `Φ D̃̄_R Y_Q d_L + Φ† D̃̄_L Y_D d_R + h.c.` with
//! `−L ⊃ ψ̄_L M ψ_R`), the mass matrix holds Y*_Q in the doublet column and Y_D in the singlet
//! row, SU(2) gives (Y_Qu, Y_Qc, Y_Qt) = V*(Y_Qd, Y_Qs, Y_Qb) as printed (003 Eq. 3.6, 004
//! after Eq. 11), and the couplings come out as L^(d)_ij = Y*_Qi Y_Qj v²/2m_Q²,
//! R^(d)_ij = −Y*_Di Y_Dj v²/2m_D²: the complex conjugates of the printed 003 Eq. 3.10 and
//! 004 Eq. 13. Reading the printed matrix 003 Eq. 3.7 as `ψ̄_L M ψ_R` instead reproduces 3.10
//! for L^(d) but not for R^(d), and needs V instead of V* for L^(u) = V L^(d) V† (Eq. 3.24).
//! We define the Yukawas by the leading-order formulas as printed (003 Eq. 3.10, 3.12, 3.22,
//! 3.24; 004 Eq. 8, 13): our Y are the complex conjugates of the Lagrangian's, the mass
//! matrix holds `Y_Qi v/√2` in the doublet column (as printed in 003 Eq. 3.7) and
//! `Y*_Di v/√2`, `Y*_Ui v/√2` in the singlet rows, and the up-type doublet Yukawas are
//! `V (Y_Qd, Y_Qs, Y_Qb)`. Only the sign of imaginary parts relative to the CKM phase
//! depends on this choice; every modulus and the paper numbers (Eq. 3.13) do not. This is
//! the convention of the former `vlq-doublet` mechanism, whose numbers are kept.
//!
//! ## Exact versus leading order
//!
//! With the SM quark masses neglected the doublet couplings are exactly
//! `L^(d) = θθ†/(1 + |θ|²)` with θ_i = Y_Qi v_φ/(√2 m_Q): the leading order (paper 003
//! Eq. 3.10) is high by the fraction Σ|θ_i|² (likewise Σ|θ^D_i|² for R^(d), Σ|θ^U_i|² for
//! R^(u)). The quark masses add relative corrections of order m_q²/m_Q²; for the up-type
//! couplings of the top quark this is m_t²/m_Q² (0.74% at m_Q = 2 TeV, 12% at 500 GeV)
//! whatever the Yukawas, because the top's mixing angle with U_L is Y_Qt v_φ m_Q/√2(m_Q² − m_t²)
//! and its right-handed partner mixes with Ũ_R (so R^(u)_tt ≠ 0, which the leading order
//! omits). The tests in `tests.rs` state the measured agreement.
//!
//! The leading order fails (off by more than 10%) where Σ|θ|² > 0.1, i.e.
//! |Y| v_φ/(√2 m) > 0.3 — reached for v_φ = m_Z'/g at small g (e.g. m_Z' = 0.1 GeV,
//! g = 1e-5: v_φ = 10 TeV) — and for the top's couplings where m_Q < 3 m_t. Where the light mass
//! eigenstates stop being mostly their own SM quarks the model is refused (not applicable).
//!
//! ## Not included
//!
//! The Z' couplings from the W loop on top of the tree level (relative size g₂²/16π²);
//! the O(mixing²) change of the light quark masses (the SM quark masses of the input set are
//! used as the gauge-basis ones: the physical light masses are smaller by O(θ²) relative);
//! the O(θ²) change of the kinetic-mixing loop from the mixing (the heavy-quark loop itself is
//! [`crate::couplings::vlq_kinetic_mixing`], paper 004 Eq. 15).

pub mod leading_order;
pub mod spectrum;

#[cfg(test)]
mod tests;

pub use spectrum::{LightCouplings, Spectrum, VlqParameters};

use super::{param, Environment, Mechanism, QuarkCouplings};
use crate::ckm::Matrix3;
use crate::error::{Error, Result};
use crate::inputs::StandardModel;
use crate::model::Point;
use num_complex::Complex64 as C64;

/// The mechanism's name in model files (also read by the kinetic-mixing loop,
/// [`crate::couplings::vlq_kinetic_mixing`]).
pub const NAME: &str = crate::couplings::VLQ_MECHANISM;

/// The model parameters the mechanism reads: the Yukawas' real and imaginary parts, the three
/// VLQ masses (GeV) and v_φ (GeV; 0 means m_Z'/g).
pub const PARAMETERS: &[&str] = &[
    "Y_Qd_re", "Y_Qd_im", "Y_Qs_re", "Y_Qs_im", "Y_Qb_re", "Y_Qb_im", "Y_Uu_re", "Y_Uu_im",
    "Y_Uc_re", "Y_Uc_im", "Y_Ut_re", "Y_Ut_im", "Y_Dd_re", "Y_Dd_im", "Y_Ds_re", "Y_Ds_im",
    "Y_Db_re", "Y_Db_im", "m_Q", "m_U", "m_D", "v_phi",
];

/// The VLQ parameters of a point, or `None` when nothing mixes (every Yukawa zero, or g = 0
/// with v_φ = m_Z'/g: no Z', no Φ vacuum value). Errors name the offending parameter.
pub fn parameters(p: &Point) -> Result<Option<VlqParameters>> {
    let yukawas = |family: &str, flavours: [&str; 3]| {
        flavours.map(|q| {
            C64::new(
                param(p, &format!("Y_{family}{q}_re")),
                param(p, &format!("Y_{family}{q}_im")),
            )
        })
    };
    let y_q = yukawas("Q", ["d", "s", "b"]);
    let y_u = yukawas("U", ["u", "c", "t"]);
    let y_d = yukawas("D", ["d", "s", "b"]);
    let given_v = param(p, "v_phi");
    let no_yukawa = [y_q, y_u, y_d]
        .iter()
        .flatten()
        .all(|z| z.re == 0.0 && z.im == 0.0);
    if no_yukawa || (given_v == 0.0 && p.g == 0.0) {
        return Ok(None);
    }
    let v_phi = if given_v == 0.0 {
        let derived = p.mass / p.g.abs();
        if !derived.is_finite() {
            return Err(Error::invalid(
                "v_phi",
                derived,
                "a finite v_phi: give v_phi > 0, or m_Z' and g > 0 for v_phi = m_Z'/g",
            ));
        }
        derived
    } else {
        given_v
    };
    let out = VlqParameters {
        y_q,
        y_u,
        y_d,
        m_q: param(p, "m_Q"),
        m_u: param(p, "m_U"),
        m_d: param(p, "m_D"),
        v_phi,
    };
    out.validate()?;
    Ok(Some(out))
}

/// The first-row CKM unitarity deficit `1 − |V_ud|² − |V_us|² − |V_ub|²` of a point
/// ([`Spectrum::ckm_row1_deficit`]): 0 for a model of another mechanism or without mixing.
/// `ckm` is the input set's (gauge-basis) CKM matrix.
pub fn ckm_row1_deficit(p: &Point, sm: &StandardModel, ckm: &Matrix3) -> Result<f64> {
    if &*p.flavour != NAME {
        return Ok(0.0);
    }
    match parameters(p)? {
        None => Ok(0.0),
        Some(v) => Ok(Spectrum::new(&v, sm.m_down, sm.m_up, ckm)?.ckm_row1_deficit()),
    }
}

/// Whether [`ckm_row1_deficit`] is the same at every coupling g of this point's model and
/// mass: yes unless v_φ = m_Z'/g (the mixing then depends on g).
pub fn deficit_is_constant_in_coupling(p: &Point) -> bool {
    &*p.flavour != NAME || param(p, "v_phi") != 0.0
}

/// The exact Z' couplings of the light quarks at a point of this mechanism (zero matrices when
/// nothing mixes).
pub fn light_couplings(p: &Point, sm: &StandardModel, ckm: &Matrix3) -> Result<LightCouplings> {
    match parameters(p)? {
        None => Ok(LightCouplings::zero()),
        Some(v) => Ok(Spectrum::new(&v, sm.m_down, sm.m_up, ckm)?.zprime_couplings(p.g)),
    }
}

/// The vector-like-quark mechanism ([`NAME`]).
pub struct VectorLikeQuarks;

impl Mechanism for VectorLikeQuarks {
    fn name(&self) -> &'static str {
        NAME
    }
    fn description(&self) -> &'static str {
        "exact Z' couplings from vector-like quarks Q (doublet), U, D (singlets) mixing with the SM quarks: 5x5 mass matrices diagonalized (paper 003 Eq. 3.4-3.11, paper 004 Eq. 9-13; leading order g Y_Qi Y_Qj* v_phi^2/(2 m_Q^2))"
    }
    fn parameters(&self) -> &'static [&'static str] {
        PARAMETERS
    }
    /// The charges' couplings ([`QuarkCouplings::from_charges`]: zero for the SM quarks of
    /// the preset, whose Yukawas with Φ require it) plus the VLQ charges rotated into the light
    /// quarks by the exact diagonalization.
    fn couplings(&self, p: &Point, env: &Environment) -> Result<QuarkCouplings> {
        let mut out = QuarkCouplings::from_charges(p);
        let c = light_couplings(p, env.sm, env.ckm)?;
        for (total, add) in [
            (&mut out.down_left, &c.down_left),
            (&mut out.down_right, &c.down_right),
            (&mut out.up_left, &c.up_left),
            (&mut out.up_right, &c.up_right),
        ] {
            for (row, add_row) in total.iter_mut().zip(add) {
                for (x, y) in row.iter_mut().zip(add_row) {
                    *x += y;
                }
            }
        }
        Ok(out)
    }
}
