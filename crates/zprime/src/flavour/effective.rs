//! Mechanism `effective`: the couplings are parameters of the model, `g_ij = g (Re_g_ij +
//! i Im_g_ij)` (the `fcnc` preset: DESIGN.md, the convention of paper 003 Eq. 2.1).

use super::{param, Environment, Mechanism};
use crate::error::Result;
use crate::model::Point;
use num_complex::Complex64 as C64;

/// User-given effective couplings.
pub struct Effective;

impl Mechanism for Effective {
    fn name(&self) -> &'static str {
        "effective"
    }
    fn description(&self) -> &'static str {
        "user-given couplings g_ij = g (Re_g_ij + i Im_g_ij), ij = ds, sb, db"
    }
    fn parameters(&self) -> &'static [&'static str] {
        &[
            "Re_g_ds", "Im_g_ds", "Re_g_sb", "Im_g_sb", "Re_g_db", "Im_g_db",
        ]
    }
    fn couplings(&self, p: &Point, _: &Environment) -> Result<[C64; 3]> {
        let mut out = [C64::new(0.0, 0.0); 3];
        for (k, n) in ["ds", "sb", "db"].iter().enumerate() {
            out[k] = p.g
                * C64::new(
                    param(p, &format!("Re_g_{n}")),
                    param(p, &format!("Im_g_{n}")),
                );
        }
        Ok(out)
    }
}
