//! Observables, one module per physics area; each area declares its observables next to their
//! functions and [`registry()`] concatenates the areas (DESIGN.md). Everything downstream (CLI,
//! JSON, constraints, plots) reads the registry; names, arguments and preparation are
//! documented in [`mod@registry`].

/// `pub fn $name(ctx) -> Result<f64>`: one part (`re`, `im`) of one chirality (`left`,
/// `right`) of a flavour-changing quark coupling ([`crate::flavour::QuarkCouplings`]) at
/// q² = m_Z'², for the coupling observables of `k_to_pi`, `d_decays` and `top_decays`.
macro_rules! quark_coupling_observable {
    ($name:ident, $chirality:ident, $t:ident, $part:ident) => {
        #[doc = concat!("The ", stringify!($part), " part of the ", stringify!($chirality), "-handed ", stringify!($t), " coupling at q² = m_Z'².")]
        pub fn $name(ctx: &Context) -> Result<f64> {
            Ok(crate::flavour::quark_couplings(ctx.point, ctx.sm, ctx.inputs)?
                .$chirality(crate::flavour::Transition::$t)
                .$part)
        }
    };
}

pub mod b_decays;
pub mod b_to_s_mumu;
pub mod cevns;
pub mod ckm_unitarity;
pub mod cosmology;
pub mod d_decays;
pub mod ee_mumu_zp;
pub mod g_minus_2;
pub mod k_munu;
pub mod k_to_pi;
pub mod kinetic_mixing;
pub mod meson_mixing;
pub mod na64mu;
pub mod nu_e;
pub mod rare_leptonic;
pub mod registry;
pub mod shared;
pub mod tau;
pub mod top_decays;
pub mod trident;
pub mod z_couplings;
pub mod zp_decays;
pub mod zp_hadrons;

pub use registry::{
    everywhere, find, listed, predict, registry, Args, Argument, ArgumentKind, AtMass, Compute,
    Context, Evaluator, InCoupling, Observable, Preparations, Prepared, Query, Validity,
};
pub use shared::AtMassShared;

/// Helpers for the observables' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::Context;
    use crate::inputs::{InputSet, StandardModel};
    use crate::model::preset;
    use std::collections::BTreeMap;

    /// Call `f` with the context of a preset model at (mass, coupling), default inputs.
    pub fn with_point<T>(model: &str, mass: f64, coupling: f64, f: impl Fn(&Context) -> T) -> T {
        let inputs = InputSet::default_set();
        let sm = StandardModel::from_inputs(&inputs).unwrap();
        let p = preset(model)
            .unwrap()
            .point(mass, coupling, &BTreeMap::new())
            .unwrap();
        f(&Context {
            sm: &sm,
            inputs: &inputs,
            point: &p,
            shared: None,
        })
    }
}
