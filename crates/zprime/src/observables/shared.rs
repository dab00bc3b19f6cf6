//! Quantities that several observables and constraints need at one point, computed once for
//! all of them.
//!
//! A scan row evaluates some hundred observables and a hundred constraints at one point, and
//! many of them need the same expensive work: the flavour mechanism prepared at the mass (a
//! loop), the Z' widths (every search's fraction seen, BR(Z' -> invisible)), the K⁺ → μ⁺νZ′
//! Dalitz integral (`BR(K+->munuZp)`, `Gamma(K+->munuZp)`, the total K⁺ width of every K⁺
//! branching fraction), the V → μμZ′ phase-space integral (`sigma(ee->mumuZp)` and its
//! products, `Gamma(Z->mumuZp)`, `BR(Z->mumuZp)`, `N_nu(Z)`), a CEvNS experiment's recoil
//! integral (`N(CEvNS)`, `R(CEvNS)` and the constraint on it), and the prediction of an
//! observable a constraint evaluates again after the row did.
//!
//! [`AtMassShared`] is the caller's store for one mass: `Scan::row` builds one per point,
//! `scan::limits_with` one per mass, and hands it to every observable and constraint through
//! [`Context::shared`]. It is one memo: [`memo`] looks a value up by a [`Key`] (what it is,
//! and the numbers it is computed from) and computes it the first time. The store is owned by
//! the caller and dropped with the point (no global state). It answers only the point it was
//! made for (the same mass and the same parameters, compared by identity of the shared
//! parameter map) and the input set of its caller (one session); what else a value depends on
//! (the couplings, a momentum window, an experiment) is in its key, compared bit for bit, so
//! that a wrong answer cannot come out of it: the same code computes the value, only fewer
//! times. Without a store (`shared: None`, the default) every quantity is computed where it
//! is asked for.

use super::registry::Context;
use crate::error::Result;
use crate::flavour::{FlavourAtMass, QuarkCouplings};
use crate::model::{CouplingKind, Point};
use std::any::{Any, TypeId};
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

/// The most numbers a [`Key`] holds (a longer key is not memoized: computed every time).
const MAX_NUMBERS: usize = 12;

/// The most values kept per tag (e.g. one quantity at this many couplings): a limit scan's
/// root search asks for a quantity at many couplings, and only the first ones (the point's,
/// zero, one) are asked for again.
const PER_TAG: usize = 8;

/// What a shared value is: a tag naming the quantity (`"Z' widths"`, an observable's
/// canonical name, `"CEvNS rate(COHERENT-CsI)"`) and the numbers it is computed from besides
/// the point's mass and parameters, compared bit for bit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key<'a> {
    tag: &'a str,
    numbers: [u64; MAX_NUMBERS],
    /// How many numbers were given (more than [`MAX_NUMBERS`]: not memoized).
    len: usize,
    /// The couplings (g, ε₀) of a value at the point's couplings ([`Key::couplings`]), and
    /// whether it is kept at the store's point's couplings only ([`Key::point_only`]).
    couplings: Option<(u64, u64)>,
    point_only: bool,
}

impl<'a> Key<'a> {
    /// The quantity named `tag`, with no numbers yet.
    pub fn new(tag: &'a str) -> Self {
        Key {
            tag,
            numbers: [0; MAX_NUMBERS],
            len: 0,
            couplings: None,
            point_only: false,
        }
    }

    /// The key with one more number.
    #[must_use]
    pub fn number(mut self, x: f64) -> Self {
        if let Some(slot) = self.numbers.get_mut(self.len) {
            *slot = x.to_bits();
        }
        self.len += 1;
        self
    }

    /// The key with more numbers.
    #[must_use]
    pub fn numbers(self, xs: &[f64]) -> Self {
        xs.iter().fold(self, |k, &x| k.number(x))
    }

    /// The key with the point's couplings (g and the tree-level kinetic mixing ε₀): for a
    /// quantity at the point's couplings (a prediction, a width). Such a value is kept only
    /// at the couplings of the store's point and with the coupling parameter 0 or 1 (the
    /// Standard-Model value a constraint compares with, per-mass coefficients): a root
    /// search's other couplings are computed in place.
    #[must_use]
    pub fn couplings(mut self, p: &Point) -> Self {
        self.couplings = Some((p.g.to_bits(), p.kinetic_mixing_tree.to_bits()));
        self.number(p.g).number(p.kinetic_mixing_tree)
    }

    /// A key of [`Key::couplings`] kept only at the store's point's own couplings: a
    /// prediction, which the scan row makes there and a constraint asks for again (in a
    /// limit scan, at coupling 0 and 1, each constraint's observable is its own).
    #[must_use]
    pub fn point_only(mut self) -> Self {
        self.point_only = true;
        self
    }

    /// The key with what the point's couplings hold besides the coupling parameter (ε₀ for
    /// a gauge coupling, g for a dark photon): for a function of the coupling at the mass
    /// (the polynomial of a CEvNS rate), the same at every coupling.
    #[must_use]
    pub fn but_coupling(self, p: &Point) -> Self {
        match p.coupling_kind {
            CouplingKind::Gauge => self.number(p.kinetic_mixing_tree),
            CouplingKind::KineticMixing => self.number(p.g),
        }
    }

    /// The numbers, or `None` if there were too many to keep.
    fn numbers_given(&self) -> Option<&[u64]> {
        self.numbers.get(..self.len)
    }

    /// The hash of the tag alone and of the whole key with the value's type.
    fn hashes<T: 'static>(&self, numbers: &[u64]) -> (u64, u64) {
        let mut h = Fx::default();
        self.tag.hash(&mut h);
        let tag = h.finish();
        TypeId::of::<T>().hash(&mut h);
        numbers.hash(&mut h);
        (tag, h.finish())
    }
}

/// A fast hash of short keys (the multiply-rotate hash of rustc's `FxHasher`): a memo lookup
/// costs a few nanoseconds, and the keys are no adversary's.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The hash maps of the memo: keys are hashes already.
type ByHash<V> = HashMap<u64, V, std::hash::BuildHasherDefault<Fx>>;

/// One memoized value.
struct Entry {
    tag: Box<str>,
    numbers: [u64; MAX_NUMBERS],
    len: usize,
    /// A `Result<T>` for the `T` of the key's hash.
    value: Box<dyn Any + Send + Sync>,
}

/// The values of a store: by hash of the key (entries with equal hashes side by side), and
/// how many values each tag holds.
#[derive(Default)]
struct Memo {
    /// By hash of the whole key (two keys with one hash: the second is not kept).
    entries: ByHash<Entry>,
    per_tag: ByHash<usize>,
}

/// The per-point store (see the module documentation).
pub struct AtMassShared {
    mass: f64,
    parameters: Arc<BTreeMap<String, f64>>,
    /// The point's coupling parameter and its kind: which couplings values are kept at.
    coupling: (CouplingKind, u64, u64),
    memo: Mutex<Memo>,
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
    /// coupling), for one input set.
    pub fn new(point: &Point) -> Self {
        AtMassShared {
            mass: point.mass,
            parameters: point.parameters.clone(),
            coupling: (
                point.coupling_kind,
                point.g.to_bits(),
                point.kinetic_mixing_tree.to_bits(),
            ),
            memo: Mutex::new(Memo::default()),
        }
    }

    /// Whether values at couplings (g, ε₀) (bits) are kept: the store's point's, or its
    /// coupling parameter set to 0 or 1 (see [`Key::couplings`]).
    fn keeps(&self, (g, eps): (u64, u64), point_only: bool) -> bool {
        let (kind, g0, eps0) = self.coupling;
        let special = |c: u64| !point_only && (c == 0f64.to_bits() || c == 1f64.to_bits());
        match kind {
            CouplingKind::Gauge => eps == eps0 && (g == g0 || special(g)),
            CouplingKind::KineticMixing => g == g0 && (eps == eps0 || special(eps)),
        }
    }

    /// True if `p` is a point this store answers for (its mass and parameters).
    fn serves(&self, p: &Point) -> bool {
        p.mass.to_bits() == self.mass.to_bits() && Arc::ptr_eq(&p.parameters, &self.parameters)
    }

    /// The memo (a panic elsewhere while it was locked leaves it consistent: every change
    /// is one insertion).
    fn lock(&self) -> std::sync::MutexGuard<'_, Memo> {
        self.memo.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn get<T: Clone + 'static>(&self, hash: u64, key: &Key) -> Option<Result<T>> {
        let memo = self.lock();
        memo.entries
            .get(&hash)
            .filter(|e| &*e.tag == key.tag && e.len == key.len && e.numbers == key.numbers)
            .and_then(|e| e.value.downcast_ref::<Result<T>>())
            .cloned()
    }

    fn insert<T: Send + Sync + 'static>(
        &self,
        (tag, hash): (u64, u64),
        key: &Key,
        value: Result<T>,
    ) {
        let mut memo = self.lock();
        let count = memo.per_tag.entry(tag).or_insert(0);
        if *count >= PER_TAG {
            return;
        }
        *count += 1;
        memo.entries.entry(hash).or_insert_with(|| Entry {
            tag: key.tag.into(),
            numbers: key.numbers,
            len: key.len,
            value: Box::new(value),
        });
    }
}

/// The value of `key` at the context's point: computed by `compute` the first time and kept
/// in the context's store; computed afresh without a store, for a point the store does not
/// serve, or for a key with too many numbers. `compute` may itself ask the store (nothing is
/// locked while it runs).
pub(crate) fn memo<T: Clone + Send + Sync + 'static>(
    ctx: &Context,
    key: Key,
    compute: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let Some(store) = ctx.shared.filter(|s| s.serves(ctx.point)) else {
        return compute();
    };
    let Some(numbers) = key.numbers_given() else {
        return compute();
    };
    if key
        .couplings
        .is_some_and(|c| !store.keeps(c, key.point_only))
    {
        return compute();
    }
    let hashes = key.hashes::<T>(numbers);
    if let Some(value) = store.get(hashes.1, &key) {
        return value;
    }
    let value = compute();
    store.insert(hashes, &key, value.clone());
    value
}

/// The flavour mechanism of the context's point prepared at its mass (its loop done once).
pub(crate) fn flavour_at(ctx: &Context) -> Result<Arc<FlavourAtMass>> {
    memo(ctx, Key::new("flavour mechanism at the mass"), || {
        FlavourAtMass::new(ctx.point, ctx.sm, ctx.inputs).map(Arc::new)
    })
}

/// The quark couplings at the context's point from `flavour` (prepared at its mass).
pub(crate) fn quark_couplings(ctx: &Context, flavour: &FlavourAtMass) -> Result<QuarkCouplings> {
    memo(
        ctx,
        Key::new("quark couplings").couplings(ctx.point),
        || flavour.quark_couplings(ctx.point, ctx.sm),
    )
}

/// The Z' widths at the context's point ([`super::zp_decays::widths`]).
pub(crate) fn widths(
    ctx: &Context,
    compute: impl FnOnce() -> Result<super::zp_decays::Widths>,
) -> Result<super::zp_decays::Widths> {
    memo(ctx, Key::new("Z' widths").couplings(ctx.point), compute)
}

/// The new K⁺ decay rates at the context's point ([`super::k_to_pi::KplusRates::at`]).
pub(crate) fn kplus_rates(
    ctx: &Context,
    compute: impl FnOnce() -> Result<super::k_to_pi::KplusRates>,
) -> Result<super::k_to_pi::KplusRates> {
    memo(
        ctx,
        Key::new("new K+ decay rates").couplings(ctx.point),
        compute,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::inputs::{InputSet, StandardModel};
    use std::cell::Cell;

    #[test]
    fn a_value_is_computed_once_per_key_and_only_for_its_point() {
        let inputs = InputSet::default_set();
        let sm = StandardModel::from_inputs(&inputs).unwrap();
        let model = crate::model::preset("lmu-ltau").unwrap();
        let p = model.point(0.1, 1e-3, &BTreeMap::new()).unwrap();
        let store = AtMassShared::new(&p);
        let ctx = Context {
            sm: &sm,
            inputs: &inputs,
            point: &p,
            shared: Some(&store),
        };
        let calls = Cell::new(0);
        let count = |v: f64| {
            calls.set(calls.get() + 1);
            Ok(v)
        };
        let key = Key::new("x").number(2.0).couplings(&p);
        assert_eq!(memo(&ctx, key, || count(1.0)).unwrap(), 1.0);
        assert_eq!(memo(&ctx, key, || count(5.0)).unwrap(), 1.0);
        assert_eq!(calls.get(), 1);
        // another number, another coupling, another type: computed
        assert_eq!(
            memo(&ctx, Key::new("x").number(3.0), || count(2.0)).unwrap(),
            2.0
        );
        let q = p.with_coupling(0.0);
        let at_q = Context { point: &q, ..ctx };
        let key_q = Key::new("x").number(2.0).couplings(&q);
        assert_eq!(memo(&at_q, key_q, || count(3.0)).unwrap(), 3.0);
        assert_eq!(memo(&at_q, key_q, || count(3.0)).unwrap(), 3.0);
        assert_eq!(memo(&ctx, key, || Ok(1u32)).unwrap(), 1u32);
        assert_eq!(calls.get(), 3);
        // a prediction's key is kept at the point's own couplings only
        assert_eq!(memo(&at_q, key_q.point_only(), || count(3.0)).unwrap(), 3.0);
        assert_eq!(memo(&at_q, key_q.point_only(), || count(3.0)).unwrap(), 3.0);
        let at_p = Key::new("y").couplings(&p).point_only();
        assert_eq!(memo(&ctx, at_p, || count(1.0)).unwrap(), 1.0);
        assert_eq!(memo(&ctx, at_p, || count(1.0)).unwrap(), 1.0);
        assert_eq!(calls.get(), 6);
        calls.set(3);
        // a coupling other than the point's, 0 or 1 (a root search's): computed in place
        let r = p.with_coupling(2e-3);
        let at_r = Context { point: &r, ..ctx };
        let key_r = Key::new("x").number(2.0).couplings(&r);
        assert_eq!(memo(&at_r, key_r, || count(7.0)).unwrap(), 7.0);
        assert_eq!(memo(&at_r, key_r, || count(7.0)).unwrap(), 7.0);
        assert_eq!(calls.get(), 5);
        // errors are kept like values
        let e = || Err::<f64, _>(Error::invalid("x", 1.0, "none"));
        assert!(memo(&ctx, Key::new("e"), e).is_err());
        assert!(memo(&ctx, Key::new("e"), || count(0.0)).is_err());
        // another mass (a point the store does not serve): always computed
        let other = p.with_mass(0.2);
        let at_other = Context {
            point: &other,
            ..ctx
        };
        assert_eq!(memo(&at_other, key, || count(4.0)).unwrap(), 4.0);
        assert_eq!(memo(&at_other, key, || count(4.0)).unwrap(), 4.0);
        // no store: always computed
        let bare = Context {
            shared: None,
            ..ctx
        };
        assert_eq!(memo(&bare, key, || count(6.0)).unwrap(), 6.0);
        assert_eq!(calls.get(), 8);
        // a key with too many numbers is not kept; a tag keeps PER_TAG values
        let long = Key::new("long").numbers(&[0.0; MAX_NUMBERS + 1]);
        memo(&ctx, long, || count(0.0)).unwrap();
        memo(&ctx, long, || count(0.0)).unwrap();
        assert_eq!(calls.get(), 10);
        for i in 0..=PER_TAG {
            memo(&ctx, Key::new("many").number(i as f64), || count(0.0)).unwrap();
        }
        assert_eq!(calls.get(), 10 + PER_TAG + 1);
        memo(&ctx, Key::new("many").number(0.0), || count(0.0)).unwrap();
        memo(&ctx, Key::new("many").number(PER_TAG as f64), || count(0.0)).unwrap();
        assert_eq!(calls.get(), 10 + PER_TAG + 2);
    }
}
