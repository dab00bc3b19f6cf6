//! Mechanism `none`: no flavour-changing coupling beyond the kinetic-mixing penguin (which
//! [`super::down_couplings`] adds for every model).

use super::{Environment, Mechanism};
use crate::error::Result;
use crate::model::Point;
use num_complex::Complex64 as C64;

/// No mechanism.
pub struct NoMechanism;

impl Mechanism for NoMechanism {
    fn name(&self) -> &'static str {
        "none"
    }
    fn description(&self) -> &'static str {
        "none beyond the photon penguin of the kinetic mixing"
    }
    fn parameters(&self) -> &'static [&'static str] {
        &[]
    }
    fn couplings(&self, _: &Point, _: &Environment) -> Result<[C64; 3]> {
        Ok([C64::new(0.0, 0.0); 3])
    }
}
