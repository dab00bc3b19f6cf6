//! Quantities that several observables need at one Z' mass, computed once for all of them.
//!
//! A scan evaluates some thirty constraints at each mass. Many of them need the same
//! coupling-independent work: the flavour mechanism prepared at the mass (a loop), the
//! flavour-changing couplings at unit coupling, the Z' widths at unit coupling (every search's
//! fraction seen, BR(Z' -> invisible)), the new K⁺ decays (the K⁺ → μ⁺νZ′ rate is a Dalitz
//! integral) that divide every K⁺ branching fraction. Each constraint used to redo them.
//!
//! [`AtMassShared`] is the caller's store for one mass: `scan::limits_with` builds one per
//! mass and hands it to every constraint through [`Context::shared`]; the first observable
//! that needs a quantity computes it, the others read it. It is owned by the caller and
//! dropped with the scan (no global state). An entry answers only the point it was made for
//! (the same mass and the same parameters, compared by identity of the shared parameter map)
//! and only at the couplings it was computed at (the coupling kept beside the value); any
//! other request computes afresh, so a wrong answer cannot come out of it. Without a store
//! (`shared: None`, the default) every quantity is computed where it is asked for.

use super::registry::Context;
use crate::error::Result;
use crate::flavour::{FlavourAtMass, QuarkCouplings};
use crate::model::Point;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// The couplings a value was computed at: (g, tree-level kinetic mixing), as bits.
type CouplingKey = (u64, u64);

fn coupling_key(p: &Point) -> CouplingKey {
    (p.g.to_bits(), p.kinetic_mixing_tree.to_bits())
}

/// One value and the couplings it belongs to.
type AtCoupling<T> = OnceLock<(CouplingKey, Result<T>)>;

/// The per-mass store (see the module documentation).
pub struct AtMassShared {
    mass: f64,
    parameters: Arc<BTreeMap<String, f64>>,
    flavour: OnceLock<Result<Arc<FlavourAtMass>>>,
    quark_couplings: AtCoupling<QuarkCouplings>,
    widths: AtCoupling<super::zp_decays::Widths>,
    kplus: AtCoupling<super::k_to_pi::KplusRates>,
}

impl std::fmt::Debug for AtMassShared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AtMassShared")
            .field("mass", &self.mass)
            .finish_non_exhaustive()
    }
}

impl AtMassShared {
    /// An empty store for the points of `point`'s model and parameters at its mass (any
    /// coupling).
    pub fn new(point: &Point) -> Self {
        AtMassShared {
            mass: point.mass,
            parameters: point.parameters.clone(),
            flavour: OnceLock::new(),
            quark_couplings: OnceLock::new(),
            widths: OnceLock::new(),
            kplus: OnceLock::new(),
        }
    }

    /// True if `p` is a point this store answers for (its mass and parameters).
    fn serves(&self, p: &Point) -> bool {
        p.mass.to_bits() == self.mass.to_bits() && Arc::ptr_eq(&p.parameters, &self.parameters)
    }
}

/// The value of `cell` for the context's point, computing it with `compute` the first time;
/// computed afresh for a point or a coupling the store does not hold.
fn at_coupling<T: Clone>(
    ctx: &Context,
    cell: impl Fn(&AtMassShared) -> &AtCoupling<T>,
    compute: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let Some(shared) = ctx.shared.filter(|s| s.serves(ctx.point)) else {
        return compute();
    };
    let key = coupling_key(ctx.point);
    let mut compute = Some(compute);
    let (k, value) = cell(shared).get_or_init(|| (key, (compute.take().expect("unused"))()));
    match compute {
        Some(compute) if *k != key => compute(),
        _ => value.clone(),
    }
}

/// The flavour mechanism of the context's point prepared at its mass (its loop done once).
pub(crate) fn flavour_at(ctx: &Context) -> Result<Arc<FlavourAtMass>> {
    let compute = || FlavourAtMass::new(ctx.point, ctx.sm, ctx.inputs).map(Arc::new);
    match ctx.shared.filter(|s| s.serves(ctx.point)) {
        Some(shared) => shared.flavour.get_or_init(compute).clone(),
        None => compute(),
    }
}

/// The quark couplings at the context's point from `flavour` (prepared at its mass).
pub(crate) fn quark_couplings(ctx: &Context, flavour: &FlavourAtMass) -> Result<QuarkCouplings> {
    at_coupling(
        ctx,
        |s| &s.quark_couplings,
        || flavour.quark_couplings(ctx.point, ctx.sm),
    )
}

/// The Z' widths at the context's point ([`super::zp_decays::widths`]).
pub(crate) fn widths(
    ctx: &Context,
    compute: impl FnOnce() -> Result<super::zp_decays::Widths>,
) -> Result<super::zp_decays::Widths> {
    at_coupling(ctx, |s| &s.widths, compute)
}

/// The new K⁺ decay rates at the context's point ([`super::k_to_pi::KplusRates::at`]).
pub(crate) fn kplus_rates(
    ctx: &Context,
    compute: impl FnOnce() -> Result<super::k_to_pi::KplusRates>,
) -> Result<super::k_to_pi::KplusRates> {
    at_coupling(ctx, |s| &s.kplus, compute)
}
