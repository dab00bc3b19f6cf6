//! Mechanism `none`: no flavour-changing coupling beyond the kinetic-mixing penguin (which
//! [`super::quark_couplings`] adds for every model): the couplings of the charges alone.

use super::{Environment, Mechanism, QuarkCouplings};
use crate::error::Result;
use crate::model::Point;

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
    fn couplings(&self, p: &Point, _: &Environment) -> Result<QuarkCouplings> {
        Ok(QuarkCouplings::from_charges(p))
    }
}
