//! Mechanism `effective`: the couplings are parameters of the model (the `fcnc` preset:
//! DESIGN.md, the convention of paper 003 Eq. 2.1, extended to both chiralities and to u–c),
//!
//! `L ⊃ −g Z'_μ Σ_ij [(Re_gL_ij + i Im_gL_ij) q̄_iγ^μP_L q_j + (Re_gR_ij + i Im_gR_ij) q̄_iγ^μP_R q_j] + h.c.`,
//!
//! ij = ds, sb, db (down-type) and uc, ct, ut (up-type), on top of the diagonal couplings of
//! the model's charges. The older names `Re_g_ij`, `Im_g_ij`
//! (ij = ds, sb, db) are the left-handed couplings and keep working; a point giving both a
//! left-handed coupling's old and new name is refused. Only the six old names are required
//! of a model file naming this mechanism; the others are read when declared.

use super::{param, Environment, Mechanism, QuarkCouplings, Transition, DOWN_TRANSITIONS};
use crate::error::{Error, Result};
use crate::model::Point;
use num_complex::Complex64 as C64;

/// User-given effective couplings.
pub struct Effective;

/// The down-type pairs, in the order of [`super::PAIRS`].
const DOWN: [&str; 3] = ["ds", "sb", "db"];

/// The up-type pairs and their transitions.
const UP: [(&str, Transition); 3] = [
    ("uc", Transition::Uc),
    ("ct", Transition::Ct),
    ("ut", Transition::Ut),
];

/// Every parameter the mechanism reads (the `fcnc` preset declares them all).
pub const ALL_PARAMETERS: &[&str] = &[
    "Re_gL_ds", "Im_gL_ds", "Re_gR_ds", "Im_gR_ds", "Re_gL_sb", "Im_gL_sb", "Re_gR_sb", "Im_gR_sb",
    "Re_gL_db", "Im_gL_db", "Re_gR_db", "Im_gR_db", "Re_gL_uc", "Im_gL_uc", "Re_gR_uc", "Im_gR_uc",
    "Re_gL_ct", "Im_gL_ct", "Re_gR_ct", "Im_gR_ct", "Re_gL_ut", "Im_gL_ut", "Re_gR_ut", "Im_gR_ut",
    "Re_g_ds", "Im_g_ds", "Re_g_sb", "Im_g_sb", "Re_g_db", "Im_g_db",
];

/// One part (`Re`/`Im`) of a left-handed down-type coupling: the new name, or the old one;
/// both non-zero is an error.
fn left_part(p: &Point, part: &str, pair: &str) -> Result<f64> {
    let (new, old) = (format!("{part}_gL_{pair}"), format!("{part}_g_{pair}"));
    let (a, b) = (param(p, &new), param(p, &old));
    if a != 0.0 && b != 0.0 {
        return Err(Error::invalid(
            &old,
            b,
            &format!("0 when {new} is given ({old} is the older name of the same coupling)"),
        ));
    }
    Ok(a + b)
}

fn coupling(p: &Point, chirality: &str, pair: &str) -> C64 {
    p.g * C64::new(
        param(p, &format!("Re_g{chirality}_{pair}")),
        param(p, &format!("Im_g{chirality}_{pair}")),
    )
}

impl Mechanism for Effective {
    fn name(&self) -> &'static str {
        "effective"
    }
    fn description(&self) -> &'static str {
        "user-given couplings g^L_ij = g (Re_gL_ij + i Im_gL_ij), g^R_ij likewise, ij = ds, sb, db, uc, ct, ut (Re_g_ij = Re_gL_ij)"
    }
    fn parameters(&self) -> &'static [&'static str] {
        &[
            "Re_g_ds", "Im_g_ds", "Re_g_sb", "Im_g_sb", "Re_g_db", "Im_g_db",
        ]
    }
    fn couplings(&self, p: &Point, _: &Environment) -> Result<QuarkCouplings> {
        let mut out = QuarkCouplings::from_charges(p);
        for (t, n) in DOWN_TRANSITIONS.iter().zip(DOWN) {
            let left = p.g * C64::new(left_part(p, "Re", n)?, left_part(p, "Im", n)?);
            out.set_left(*t, left);
            out.set_right(*t, coupling(p, "R", n));
        }
        for (n, t) in UP {
            out.set_left(t, coupling(p, "L", n));
            out.set_right(t, coupling(p, "R", n));
        }
        Ok(out)
    }
}
