//! The observable registry: every physics area declares its observables next to their
//! functions (a `pub(crate) const OBSERVABLES: &[Observable]` in its own module, the way flavio
//! pairs each function with its `Observable`); this file only concatenates the areas and
//! provides the one entry point [`predict`].
//!
//! # Names and arguments
//!
//! An observable may take arguments (an experiment, a momentum window, ...). A name is
//!
//! * `NAME` — the observable with its defaults, e.g. `Delta a_mu`, `BR(K+->munuZp)`;
//! * `NAME(value)` — the first argument given positionally, e.g. `R_trident(CCFR)`;
//! * `NAME(key=value,key=value)` — arguments by name, e.g.
//!   `BR(K+->munuZp)*BR(Zp->invisible)(p_min=0.14,p_max=0.2)`.
//!
//! A name may itself contain parentheses (`BR(K+->munuZp)`): the whole text is first looked up
//! as a name, and only otherwise split at the parenthesis that closes the text. The canonical
//! form ([`Query::name`]) writes a single-argument observable positionally and every other one
//! by key, in the declared order, numbers as Rust prints them (`0.2`, not `0.200`).
//!
//! # Preparation and evaluation per mass
//!
//! Expensive data that do not depend on the coupling (the trident tables, say) are built by
//! [`Query::prepare`] into a [`Prepared`] observable that the caller owns (a resolved
//! constraint, a `scan::Session`): there are no hidden caches. At a fixed mass,
//! [`Prepared::at_mass`] hands out a cheap function of the coupling ([`InCoupling`]): closed
//! form for homogeneous observables, a polynomial, or a closure holding per-mass data, so that
//! root finding in the coupling does not recompute loops and tables.

use crate::error::{Error, Result};
use crate::inputs::{InputSet, StandardModel};
use crate::model::Point;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// What an observable needs: the Standard-Model inputs and the model point.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Typed Standard-Model constants.
    pub sm: &'a StandardModel,
    /// The full input set (for observable-specific inputs).
    pub inputs: &'a InputSet,
    /// The model point.
    pub point: &'a Point,
    /// The caller's store of quantities shared by the observables at this mass
    /// ([`super::shared::AtMassShared`]: a scan builds one per mass); `None` computes
    /// everything where it is asked for.
    pub shared: Option<&'a super::shared::AtMassShared>,
}

/// The values an argument accepts.
#[derive(Debug, Clone, Copy)]
pub enum ArgumentKind {
    /// A finite number (in the unit of the description).
    Number,
    /// One of these words.
    Choice(&'static [&'static str]),
}

/// One declared argument of an observable.
#[derive(Debug, Clone, Copy)]
pub struct Argument {
    /// Key, e.g. `experiment`, `p_min`.
    pub name: &'static str,
    /// What it means (with its unit).
    pub description: &'static str,
    /// Accepted values.
    pub kind: ArgumentKind,
    /// Value when not given (`None`: no default; see `required`).
    pub default: Option<&'static str>,
    /// Whether a use must give it (an optional argument without a default lets the
    /// calculation decide, e.g. an open momentum window).
    pub required: bool,
}

/// Argument values of one use of an observable, by key (validated against the declaration
/// by [`Query::new`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Args(BTreeMap<String, String>);

impl Args {
    /// No arguments (every argument at its default).
    pub fn none() -> Args {
        Args::default()
    }

    /// Arguments from (key, value) pairs.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Args {
        Args(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }

    /// The value given for `key`, if any.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// Set `key` to `value` (replacing a previous value).
    pub fn set(&mut self, key: &str, value: &str) {
        self.0.insert(key.to_string(), value.to_string());
    }

    /// A number argument if given (or defaulted), `None` otherwise.
    pub fn optional_number(&self, observable: &Observable, key: &str) -> Result<Option<f64>> {
        match self
            .get(key)
            .or_else(|| observable.argument(key).and_then(|a| a.default))
        {
            Some(text) => parse_number(observable, key, text).map(Some),
            None => Ok(None),
        }
    }

    /// A word argument or its declared default.
    pub fn word<'a>(&'a self, observable: &Observable, key: &str) -> Result<&'a str> {
        match self.get(key) {
            Some(v) => Ok(v),
            None => observable
                .argument(key)
                .and_then(|a| a.default)
                .ok_or_else(|| missing(observable, key)),
        }
    }

    /// A number argument or its declared default.
    pub fn number(&self, observable: &Observable, key: &str) -> Result<f64> {
        let text = self.word(observable, key)?;
        parse_number(observable, key, text)
    }
}

fn missing(observable: &Observable, key: &str) -> Error {
    let known = match observable.argument(key).map(|a| a.kind) {
        Some(ArgumentKind::Choice(values)) => values.join(", "),
        _ => "a number".into(),
    };
    Error::Unknown {
        kind: "value of the required observable argument",
        name: format!("{}({key}=?)", observable.name),
        known,
    }
}

fn parse_number(observable: &Observable, key: &str, text: &str) -> Result<f64> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(Error::Unknown {
            kind: "number for an observable argument",
            name: format!("{}({key}={text})", observable.name),
            known: "a finite number, e.g. 0.14".into(),
        }),
    }
}

/// Where an observable's calculation holds, computed from the input set (m_τ of the set,
/// say), with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Validity {
    /// [min, max] Z' mass in GeV.
    pub mass: [f64; 2],
    /// Why (one sentence).
    pub reason: String,
}

impl Validity {
    /// Whether `mass` lies inside.
    pub fn contains(&self, mass: f64) -> bool {
        mass >= self.mass[0] && mass <= self.mass[1]
    }
}

/// The validity of an observable valid at every mass.
pub fn everywhere(_: &Args, _: &StandardModel) -> Option<Validity> {
    None
}

/// The prediction as a function of the coupling parameter c at a fixed mass (every other
/// parameter of the point fixed).
pub enum InCoupling<'a> {
    /// O(c) = `unit` c^`degree` (inverted in closed form).
    Homogeneous {
        /// O at c = 1.
        unit: f64,
        /// The power of c.
        degree: i32,
    },
    /// O(c) = Σ_k a_k c^k (coefficients in increasing powers).
    Polynomial(Vec<f64>),
    /// O(c) = c² `partial` / (1 + c² `new`): a branching fraction whose new widths all scale
    /// as c² (the partial width and the new decays' part of the parent's total width at c = 1,
    /// in units of its Standard-Model width; [`branching_in_coupling`]). Inverted in closed
    /// form: O = L at c² = L / (partial − L new).
    Saturating {
        /// The partial width at c = 1 over the parent's Standard-Model width.
        partial: f64,
        /// The new decays' width at c = 1 over the parent's Standard-Model width.
        new: f64,
    },
    /// Any cheap function of c (holding the per-mass data it needs).
    Function(Box<dyn Fn(f64) -> Result<f64> + 'a>),
}

impl InCoupling<'_> {
    /// O at coupling `c`.
    pub fn at(&self, c: f64) -> Result<f64> {
        match self {
            InCoupling::Homogeneous { unit, degree } => Ok(unit * c.powi(*degree)),
            InCoupling::Polynomial(a) => Ok(a.iter().rev().fold(0.0, |acc, x| acc * c + x)),
            InCoupling::Saturating { partial, new } => {
                let c2 = c * c;
                Ok(c2 * partial / (1.0 + c2 * new))
            }
            InCoupling::Function(f) => f(c),
        }
    }
}

/// The prepared form of an observable whose coupling-independent data (tables) are built once
/// by [`Query::prepare`].
pub trait Evaluator: Send + Sync {
    /// The prediction at a point.
    fn predict(&self, ctx: &Context) -> Result<f64>;

    /// An evaluator specialised to the point's model (everything but mass and coupling
    /// fixed) holding data that depend on the model but on neither mass nor coupling (the
    /// ν–e recoil-node couplings), for a grid of masses; `None` if there are none. It must
    /// stay correct for any point (falling back to the general calculation).
    fn for_model(&self, _ctx: &Context) -> Option<Arc<dyn Evaluator>> {
        None
    }

    /// The prediction as a cheap function of the coupling at the point's mass. The default
    /// re-evaluates [`Evaluator::predict`] at each coupling.
    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        let ctx = *ctx;
        Ok(InCoupling::Function(Box::new(move |c| {
            let p = ctx.point.with_coupling(c);
            self.predict(&Context { point: &p, ..ctx })
        })))
    }
}

/// A function that prepares an observable from its arguments and the input set.
pub type PrepareFn =
    fn(&Observable, &Args, &StandardModel, &InputSet) -> Result<Arc<dyn Evaluator>>;

/// How an observable is computed.
#[derive(Clone, Copy)]
pub enum Compute {
    /// A function of the point (no arguments, nothing to prepare).
    Point(fn(&Context) -> Result<f64>),
    /// A function of the point and the arguments (nothing to prepare).
    WithArgs(fn(&Context, &Observable, &Args) -> Result<f64>),
    /// Tables built once per (arguments, input set), then a cheap evaluator.
    Prepared(PrepareFn),
}

/// One registered observable.
#[derive(Clone, Copy)]
pub struct Observable {
    /// Canonical name, e.g. `Delta a_mu` or `R_trident` (used as `R_trident(CCFR)`).
    pub name: &'static str,
    /// One-line description.
    pub description: &'static str,
    /// LaTeX label for plots and papers.
    pub latex: &'static str,
    /// Unit ("1" if dimensionless).
    pub unit: &'static str,
    /// Degree k of homogeneity in the Z' couplings: O(λ couplings) = λ^k O. `None` if the
    /// observable is not homogeneous (it interferes with the Standard Model, say). The
    /// constraint engine inverts homogeneous observables in closed form.
    pub degree: Option<i32>,
    /// The equation it implements.
    pub reference: &'static str,
    /// Declared arguments (empty for most observables).
    pub arguments: &'static [Argument],
    /// The argument lists `zprime point` evaluates (each one text as inside `NAME(...)`); an
    /// empty list means the observable is evaluated once with its defaults, `None` that
    /// `point` does not list it (it needs arguments, such as a momentum window).
    pub listed: Option<&'static [&'static str]>,
    /// Where the calculation is valid, from the arguments and the inputs (`None`: every
    /// mass; [`everywhere`] for observables valid at every mass).
    pub validity: fn(&Args, &StandardModel) -> Option<Validity>,
    /// The calculation.
    pub compute: Compute,
}

impl std::fmt::Debug for Observable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Observable")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Observable {
    /// A plain observable: no arguments, every mass, a function of the point.
    pub const fn simple(
        name: &'static str,
        description: &'static str,
        latex: &'static str,
        unit: &'static str,
        degree: Option<i32>,
        reference: &'static str,
        predict: fn(&Context) -> Result<f64>,
    ) -> Observable {
        Observable {
            name,
            description,
            latex,
            unit,
            degree,
            reference,
            arguments: &[],
            listed: Some(&[]),
            validity: everywhere,
            compute: Compute::Point(predict),
        }
    }

    /// A listed observable without arguments whose evaluator is prepared once per input set
    /// (tables, form factors), valid at every mass.
    pub const fn prepared(
        name: &'static str,
        description: &'static str,
        latex: &'static str,
        unit: &'static str,
        reference: &'static str,
        prepare: PrepareFn,
    ) -> Observable {
        Observable {
            name,
            description,
            latex,
            unit,
            degree: None,
            reference,
            arguments: &[],
            listed: Some(&[]),
            validity: everywhere,
            compute: Compute::Prepared(prepare),
        }
    }

    /// The declared argument `key`.
    pub fn argument(&self, key: &str) -> Option<&'static Argument> {
        self.arguments.iter().find(|a| a.name == key)
    }
}

/// The areas, in the order `zprime point` prints them. Adding an observable to an area
/// touches that area's file only; a new area adds one line here.
fn areas() -> &'static [&'static [Observable]] {
    use super::{
        b_decays, cevns, cosmology, d_decays, ee_mumu_zp, g_minus_2, k_munu, k_to_pi,
        kinetic_mixing, meson_mixing, na64mu, nu_e, tau, top_decays, trident, z_couplings,
        zp_decays, zp_hadrons,
    };
    &[
        zp_decays::OBSERVABLES,
        zp_hadrons::OBSERVABLES,
        g_minus_2::OBSERVABLES,
        kinetic_mixing::OBSERVABLES,
        trident::OBSERVABLES,
        nu_e::OBSERVABLES,
        tau::OBSERVABLES,
        k_munu::OBSERVABLES,
        k_to_pi::OBSERVABLES,
        d_decays::OBSERVABLES,
        top_decays::OBSERVABLES,
        b_decays::OBSERVABLES,
        ee_mumu_zp::OBSERVABLES,
        cosmology::OBSERVABLES,
        na64mu::OBSERVABLES,
        cevns::OBSERVABLES,
        cevns::solar::OBSERVABLES,
        meson_mixing::OBSERVABLES,
        super::rare_leptonic::OBSERVABLES,
        super::b_to_s_mumu::OBSERVABLES,
        z_couplings::OBSERVABLES,
        super::ckm_unitarity::OBSERVABLES,
    ]
}

/// Every observable, in the order `zprime point` prints them.
pub fn registry() -> &'static [Observable] {
    // The concatenation of constant slices (built once; nothing in it ever changes).
    static REGISTRY: OnceLock<Vec<Observable>> = OnceLock::new();
    REGISTRY.get_or_init(|| areas().concat())
}

/// An observable with its arguments: what a name such as `R_trident(CCFR)` denotes. Two
/// queries are equal when they name the same observable with the same (canonical) arguments.
#[derive(Debug, Clone)]
pub struct Query {
    /// The registered observable.
    pub observable: &'static Observable,
    /// Its arguments (validated).
    pub args: Args,
}

impl PartialEq for Query {
    fn eq(&self, other: &Query) -> bool {
        self.observable.name == other.observable.name && self.args == other.args
    }
}

impl Query {
    /// An observable by registered name (without arguments) with `args`, validated: every key
    /// declared, every value allowed, every required argument given.
    pub fn new(name: &str, mut args: Args) -> Result<Query> {
        let observable = crate::error::lookup(registry(), name, "observable", |o| o.name)?;
        for (k, v) in &mut args.0 {
            let a = observable.argument(k).ok_or_else(|| Error::Unknown {
                kind: "observable argument",
                name: format!("{}({k}=...)", observable.name),
                known: declared(observable),
            })?;
            match a.kind {
                ArgumentKind::Number => {
                    // Stored canonically, so that `0.140` and `0.14` are the same query.
                    *v = parse_number(observable, k, v)?.to_string();
                }
                ArgumentKind::Choice(values) => {
                    if !values.contains(&v.as_str()) {
                        return Err(Error::Unknown {
                            kind: "observable argument value",
                            name: format!("{}({k}={v})", observable.name),
                            known: values.join(", "),
                        });
                    }
                }
            }
        }
        for a in observable.arguments {
            if a.required && args.get(a.name).is_none() {
                return Err(missing(observable, a.name));
            }
        }
        Ok(Query { observable, args })
    }

    /// Parse `NAME`, `NAME(value)` or `NAME(key=value,...)` (see the module documentation).
    pub fn parse(text: &str) -> Result<Query> {
        let (name, args) = split(text)?;
        Query::new(name, args)
    }

    /// The same observable with `key` set to `value` (validated).
    pub fn with(&self, key: &str, value: &str) -> Result<Query> {
        let mut args = self.args.clone();
        args.set(key, value);
        Query::new(self.observable.name, args)
    }

    /// The canonical name: `NAME`, `NAME(value)` for a single-argument observable, else
    /// `NAME(key=value,...)` in the declared order.
    pub fn name(&self) -> String {
        let o = self.observable;
        let given: Vec<(&str, String)> = o
            .arguments
            .iter()
            .filter_map(|a| {
                self.args.get(a.name).map(|v| {
                    let v = match a.kind {
                        ArgumentKind::Number => v
                            .trim()
                            .parse::<f64>()
                            .map_or_else(|_| v.to_string(), |x| x.to_string()),
                        ArgumentKind::Choice(_) => v.to_string(),
                    };
                    (a.name, v)
                })
            })
            .collect();
        match (o.arguments.len(), given.as_slice()) {
            (_, []) => o.name.to_string(),
            (1, [(_, v)]) => format!("{}({v})", o.name),
            _ => format!(
                "{}({})",
                o.name,
                given
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        }
    }

    /// Where the calculation is valid with these arguments and inputs (`None`: every mass).
    pub fn validity(&self, sm: &StandardModel) -> Option<Validity> {
        (self.observable.validity)(&self.args, sm)
    }

    /// Build the coupling-independent data (tables) for this input set.
    pub fn prepare(&self, sm: &StandardModel, inputs: &InputSet) -> Result<Prepared> {
        let evaluator = match self.observable.compute {
            Compute::Prepared(f) => Some(f(self.observable, &self.args, sm, inputs)?),
            _ => None,
        };
        Ok(Prepared {
            query: self.clone(),
            name: self.name(),
            validity: self.validity(sm),
            evaluator,
        })
    }

    /// The prediction at a point (prepares what it needs first: for many points, use
    /// [`Query::prepare`] once).
    pub fn predict(&self, ctx: &Context) -> Result<f64> {
        self.prepare(ctx.sm, ctx.inputs)?.predict(ctx)
    }
}

/// The registered name and the (not yet validated) arguments of `NAME(...)`.
fn split(text: &str) -> Result<(&'static str, Args)> {
    let text = text.trim();
    if let Some(o) = registry().iter().find(|o| o.name == text) {
        return Ok((o.name, Args::none()));
    }
    let Some((name, inside)) = split_arguments(text) else {
        let o = crate::error::lookup(registry(), text, "observable", |o| o.name)?;
        return Ok((o.name, Args::none()));
    };
    let observable = crate::error::lookup(registry(), name, "observable", |o| o.name)?;
    let mut args = Args::none();
    for (i, part) in inside.split(',').map(str::trim).enumerate() {
        if part.is_empty() {
            continue;
        }
        if let Some((k, v)) = part.split_once('=') {
            args.set(k.trim(), v.trim());
        } else {
            let a = observable.arguments.get(i).ok_or_else(|| Error::Unknown {
                kind: "positional observable argument",
                name: format!("{}({inside})", observable.name),
                known: declared(observable),
            })?;
            args.set(a.name, part);
        }
    }
    Ok((observable.name, args))
}

fn declared(o: &Observable) -> String {
    if o.arguments.is_empty() {
        return "(no arguments)".into();
    }
    o.arguments
        .iter()
        .map(|a| a.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Split `NAME(inside)` at the parenthesis matching the final one.
fn split_arguments(text: &str) -> Option<(&str, &str)> {
    let body = text.strip_suffix(')')?;
    let mut depth = 0usize;
    for (i, ch) in body.char_indices().rev() {
        match ch {
            ')' => depth += 1,
            '(' if depth == 0 => return Some((&text[..i], &body[i + 1..])),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// A branching fraction at the context's mass as a function of the coupling, from `rates`
/// giving (partial, total) in units of the parent's Standard-Model width (total = 1 + the new
/// decays). With one coupling every new partial width is c² times its value at c = 1, so
/// BR(c) = c² a / (1 + c² b) from one evaluation; otherwise `rates` runs at each c.
pub(crate) fn branching_in_coupling<'a>(
    ctx: &Context<'a>,
    rates: impl Fn(&Context) -> Result<(f64, f64)> + 'a,
) -> Result<InCoupling<'a>> {
    let ctx = *ctx;
    if ctx.point.single_coupling() {
        let unit = ctx.point.with_coupling(1.0);
        let (partial, total) = rates(&Context {
            point: &unit,
            ..ctx
        })?;
        return Ok(InCoupling::Saturating {
            partial,
            new: total - 1.0,
        });
    }
    Ok(InCoupling::Function(Box::new(move |c| {
        let p = ctx.point.with_coupling(c);
        let (partial, total) = rates(&Context { point: &p, ..ctx })?;
        Ok(partial / total)
    })))
}

/// The observables prepared for one input set, each built once however many users ask for
/// it: the constraints of a set and the observables `zprime point` lists share their tables
/// (a trident table takes milliseconds). The caller owns it while it resolves a set of
/// constraints and observables; nothing is cached behind anyone's back.
pub struct Preparations<'a> {
    /// The Standard-Model constants of the input set.
    pub sm: &'a StandardModel,
    /// The input set.
    pub inputs: &'a InputSet,
    done: std::cell::RefCell<Vec<Prepared>>,
}

impl<'a> Preparations<'a> {
    /// An empty store for one input set.
    pub fn new(sm: &'a StandardModel, inputs: &'a InputSet) -> Self {
        Preparations {
            sm,
            inputs,
            done: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The observable of `query` prepared: built on the first request, shared afterwards
    /// (a [`Prepared`] is a handle: cloning it shares the tables).
    pub fn prepare(&self, query: &Query) -> Result<Prepared> {
        let name = query.name();
        if let Some(p) = self.done.borrow().iter().find(|p| p.name == name) {
            return Ok(p.clone());
        }
        let p = query.prepare(self.sm, self.inputs)?;
        self.done.borrow_mut().push(p.clone());
        Ok(p)
    }
}

/// An observable ready to evaluate: its tables built for one input set.
#[derive(Clone)]
pub struct Prepared {
    /// The observable and its arguments.
    pub query: Query,
    /// Canonical name (with arguments).
    pub name: String,
    /// Where the calculation is valid (`None`: every mass).
    pub validity: Option<Validity>,
    evaluator: Option<Arc<dyn Evaluator>>,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Prepared {
    /// The registered observable.
    pub fn observable(&self) -> &'static Observable {
        self.query.observable
    }

    /// The prediction at a point; an error if it is not finite. With a store of what a
    /// point shares ([`Context::shared`]) the prediction at the store's point is made once:
    /// a constraint predicting an observable the scan row has predicted reads it.
    pub fn predict(&self, ctx: &Context) -> Result<f64> {
        let key = super::shared::Key::new(&self.name)
            .couplings(ctx.point)
            .point_only();
        super::shared::memo(ctx, key, || {
            let v = self.unchecked(ctx)?;
            self.finite(v, ctx.point)
        })
    }

    /// The calculation's own value, finite or not (the registry tests check that it is).
    fn unchecked(&self, ctx: &Context) -> Result<f64> {
        match (&self.evaluator, self.query.observable.compute) {
            (Some(e), _) => e.predict(ctx),
            (None, Compute::Point(f)) => f(ctx),
            (None, Compute::WithArgs(f)) => f(ctx, self.query.observable, &self.query.args),
            (None, Compute::Prepared(_)) => unprepared(&self.name),
        }
    }

    fn finite(&self, v: f64, p: &Point) -> Result<f64> {
        if v.is_finite() {
            Ok(v)
        } else {
            Err(Error::Numerical {
                context: self.name.clone(),
                message: format!("non-finite prediction at {p:?}"),
            })
        }
    }

    /// The same observable specialised to the point's model (see [`Evaluator::for_model`]),
    /// for evaluations at many masses and couplings of that model.
    #[must_use]
    pub fn for_model(&self, ctx: &Context) -> Prepared {
        let evaluator = match &self.evaluator {
            Some(e) => e.for_model(ctx).or_else(|| Some(e.clone())),
            None => None,
        };
        Prepared {
            evaluator,
            ..self.clone()
        }
    }

    /// The prediction at the point and at zero coupling (the Standard Model), by the
    /// cheapest exact route: one per-mass function for a prepared observable, two direct
    /// predictions otherwise.
    pub fn with_sm_value(&self, ctx: &Context) -> Result<(f64, f64)> {
        let homogeneous = matches!(self.query.observable.degree, Some(k) if k != 0)
            && ctx.point.single_coupling();
        if self.evaluator.is_some() && !homogeneous {
            let at = self.at_mass(ctx)?;
            return Ok((at.function.at(ctx.point.coupling())?, at.sm_value));
        }
        let zero = ctx.point.with_coupling(0.0);
        Ok((
            self.predict(ctx)?,
            self.predict(&Context {
                point: &zero,
                ..*ctx
            })?,
        ))
    }

    /// The prediction as a function of the coupling at the point's mass, with its value at
    /// zero coupling (the Standard Model). A homogeneous observable (declared degree k ≠ 0,
    /// one coupling, vanishing Standard-Model value) is returned in closed form; a prepared
    /// one through [`Evaluator::at_mass`] (per-mass data computed once).
    pub fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<AtMass<'a>> {
        let homogeneous = matches!(self.query.observable.degree, Some(k) if k != 0)
            && ctx.point.single_coupling();
        let inner = if let (Some(e), false) = (&self.evaluator, homogeneous) {
            e.at_mass(ctx)?
        } else {
            let zero = ctx.point.with_coupling(0.0);
            let sm_value = self.predict(&Context {
                point: &zero,
                ..*ctx
            })?;
            if let (true, Some(degree)) =
                (homogeneous && sm_value == 0.0, self.query.observable.degree)
            {
                let p1 = ctx.point.with_coupling(1.0);
                let unit = self.predict(&Context { point: &p1, ..*ctx })?;
                return Ok(AtMass {
                    sm_value,
                    function: InCoupling::Homogeneous { unit, degree },
                });
            }
            let ctx = *ctx;
            InCoupling::Function(Box::new(move |c| {
                let p = ctx.point.with_coupling(c);
                self.predict(&Context { point: &p, ..ctx })
            }))
        };
        // A closed form with finite coefficients is finite at every coupling: handed on as
        // it is, so that the engine can invert it.
        let closed_form = match &inner {
            InCoupling::Saturating { partial, new } => partial.is_finite() && new.is_finite(),
            InCoupling::Polynomial(a) => a.iter().all(|x| x.is_finite()),
            _ => false,
        };
        if closed_form {
            return Ok(AtMass {
                sm_value: inner.at(0.0)?,
                function: inner,
            });
        }
        // Every value handed to the engine is checked like a direct prediction.
        let point = ctx.point;
        let function = InCoupling::Function(Box::new(move |c| {
            let v = inner.at(c)?;
            if v.is_finite() {
                Ok(v)
            } else {
                self.finite(v, &point.with_coupling(c))
            }
        }));
        Ok(AtMass {
            sm_value: function.at(0.0)?,
            function,
        })
    }
}

/// An observable at one mass: its value in the Standard Model and as a function of the
/// coupling.
pub struct AtMass<'a> {
    /// The prediction at zero coupling.
    pub sm_value: f64,
    /// The prediction as a function of the coupling.
    pub function: InCoupling<'a>,
}

fn unprepared(name: &str) -> Result<f64> {
    Err(Error::Numerical {
        context: name.into(),
        message: "the observable's tables were not prepared".into(),
    })
}

/// Look an observable up by name, with arguments (`R_trident(CCFR)`, see the module
/// documentation).
pub fn find(name: &str) -> Result<Query> {
    Query::parse(name)
}

/// The one entry point: the prediction of `name` (with the arguments of its name, then
/// `args` on top) at `point` with the input set `inputs`. For many points, prepare once with
/// [`Query::prepare`].
pub fn predict(name: &str, args: &[(&str, &str)], point: &Point, inputs: &InputSet) -> Result<f64> {
    let (name, mut given) = split(name)?;
    for (k, v) in args {
        given.set(k, v);
    }
    let q = Query::new(name, given)?;
    let sm = StandardModel::from_inputs(inputs)?;
    q.predict(&Context {
        sm: &sm,
        inputs,
        point,
        shared: None,
    })
}

/// Every (observable, arguments) that `zprime point` evaluates, in print order.
pub fn listed() -> Result<Vec<Query>> {
    let mut out = Vec::new();
    for o in registry() {
        let Some(list) = o.listed else { continue };
        if list.is_empty() {
            out.push(Query::new(o.name, Args::none())?);
        }
        for text in list {
            out.push(Query::parse(&format!("{}({text})", o.name))?);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::preset;
    use std::collections::HashSet;

    /// Every listed use of an observable, and every unlisted observable at its defaults.
    fn every_query() -> Vec<Query> {
        let mut out = listed().unwrap();
        for o in registry() {
            if o.listed.is_none() {
                out.push(Query::new(o.name, Args::none()).unwrap());
            }
        }
        out
    }

    #[test]
    fn names_are_unique_and_findable() {
        let mut seen = HashSet::new();
        for o in registry() {
            assert!(seen.insert(o.name), "duplicate {}", o.name);
        }
        for q in listed().unwrap() {
            assert_eq!(find(&q.name()).unwrap(), q);
        }
        assert!(find("nonsense")
            .unwrap_err()
            .to_string()
            .contains("Delta a_mu"));
    }

    #[test]
    fn names_with_arguments_parse_and_print_canonically() {
        let q = find("R_trident(CCFR)").unwrap();
        assert_eq!(q.observable.name, "R_trident");
        assert_eq!(q.args.get("experiment"), Some("CCFR"));
        assert_eq!(
            find("R_trident(experiment=CCFR)").unwrap().name(),
            "R_trident(CCFR)"
        );
        let w = find("BR(K+->munuZp)*BR(Zp->invisible)(p_min=0.140, p_max=0.2)").unwrap();
        assert_eq!(
            w.name(),
            "BR(K+->munuZp)*BR(Zp->invisible)(p_min=0.14,p_max=0.2)"
        );
        assert_eq!(find("BR(K+->munuZp)").unwrap().name(), "BR(K+->munuZp)");
        assert_eq!(
            w,
            find("BR(K+->munuZp)*BR(Zp->invisible)(p_max=2e-1,p_min=.14)").unwrap()
        );
        for bad in [
            "R_trident(MINOS)",
            "R_trident(beam=CCFR)",
            "BR(K+->munuZp)(p_min=fast)",
            "Delta a_mu(3)",
        ] {
            assert!(find(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn validity_follows_the_inputs() {
        let mut inputs = InputSet::default_set();
        inputs.set_value("m_tau", 1.8).unwrap();
        let sm = StandardModel::from_inputs(&inputs).unwrap();
        let v = find("Delta(tau->mununu)").unwrap().validity(&sm).unwrap();
        assert_eq!(v.mass[0], 1.8);
        assert!(!v.reason.is_empty());
        let heavy = find("R_trident(heavy)").unwrap().validity(&sm).unwrap();
        assert_eq!(heavy.mass[0], 10.0);
        assert!(find("R_trident(CCFR)").unwrap().validity(&sm).is_none());
    }

    #[test]
    fn declared_degrees_hold() {
        let inputs = InputSet::default_set();
        let sm = StandardModel::from_inputs(&inputs).unwrap();
        let queries = every_query();
        let prepared: Vec<Prepared> = queries
            .iter()
            .map(|q| q.prepare(&sm, &inputs).unwrap())
            .collect();
        for model in ["lmu-ltau", "b-l-23", "dark-photon"] {
            let m = preset(model).unwrap();
            for mass in [3e-3, 0.15, 0.5, 3.0, 50.0] {
                let p1 = m.point(mass, 1e-3, &BTreeMap::new()).unwrap();
                let p2 = p1.with_coupling(3e-3);
                for o in &prepared {
                    let Some(k) = o.observable().degree else {
                        continue;
                    };
                    let c1 = Context {
                        sm: &sm,
                        inputs: &inputs,
                        point: &p1,
                        shared: None,
                    };
                    let c2 = Context {
                        sm: &sm,
                        inputs: &inputs,
                        point: &p2,
                        shared: None,
                    };
                    let (Ok(a), Ok(b)) = (o.unchecked(&c1), o.unchecked(&c2)) else {
                        continue;
                    };
                    if a == 0.0 {
                        assert_eq!(b, 0.0, "{model} {} at {mass}", o.name);
                        continue;
                    }
                    let ratio = b / a / 3f64.powi(k);
                    assert!(
                        (ratio - 1.0).abs() < 1e-9,
                        "{model} {} at {mass}: {ratio}",
                        o.name
                    );
                }
            }
        }
    }

    /// The per-mass function of every listed observable equals the direct prediction.
    #[test]
    fn per_mass_functions_equal_direct_predictions() {
        let inputs = InputSet::default_set();
        let sm = StandardModel::from_inputs(&inputs).unwrap();
        for q in every_query() {
            let o = q.prepare(&sm, &inputs).unwrap();
            for model in ["lmu-ltau", "lmu-ltau+b3"] {
                let p = preset(model)
                    .unwrap()
                    .point(0.2, 1e-3, &BTreeMap::new())
                    .unwrap();
                let ctx = Context {
                    sm: &sm,
                    inputs: &inputs,
                    point: &p,
                    shared: None,
                };
                let Ok(o_sm) = o.predict(&Context {
                    point: &p.with_coupling(0.0),
                    ..ctx
                }) else {
                    continue;
                };
                let at = o.at_mass(&ctx).unwrap();
                assert_eq!(at.sm_value, o_sm, "{}", o.name);
                let f = at.function;
                // Specialised to this model, and (wrongly) to another one: both must agree.
                let same = o.for_model(&ctx);
                let other_point = preset("b-l-23")
                    .unwrap()
                    .point(3.0, 1.0, &BTreeMap::new())
                    .unwrap();
                let other = o.for_model(&Context {
                    point: &other_point,
                    ..ctx
                });
                for c in [1e-5, 2e-3, 0.3] {
                    let at = p.with_coupling(c);
                    let direct = o.predict(&Context { point: &at, ..ctx }).unwrap();
                    for (what, cheap) in [
                        ("at_mass", f.at(c).unwrap()),
                        (
                            "model",
                            same.predict(&Context { point: &at, ..ctx }).unwrap(),
                        ),
                        (
                            "other",
                            other.predict(&Context { point: &at, ..ctx }).unwrap(),
                        ),
                        (
                            "model at_mass",
                            same.at_mass(&ctx).unwrap().function.at(c).unwrap(),
                        ),
                    ] {
                        // N_eff's per-mass function interpolates a shipped table (issue 11,
                        // observables/cosmology/table.rs): equal within its interpolation
                        // error, not to rounding.
                        let tolerance = if o.name == "N_eff" {
                            1e-2
                        } else {
                            1e-12 * direct.abs()
                        };
                        assert!(
                            (cheap - direct).abs() <= tolerance,
                            "{model} {} {what}: {cheap} vs {direct}",
                            o.name
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn no_nan_anywhere_in_the_domain() {
        let inputs = InputSet::default_set();
        let sm = StandardModel::from_inputs(&inputs).unwrap();
        let prepared: Vec<Prepared> = every_query()
            .iter()
            .map(|q| q.prepare(&sm, &inputs).unwrap())
            .collect();
        for model in crate::model::preset_names() {
            let m = preset(model).unwrap();
            for &mass in &[
                crate::model::MASS_MIN,
                1e-7,
                1e-6,
                1e-3,
                2.0 * 0.51099895e-3,
                0.2113167510,
                0.21131675100001,
                1.0,
                3.55386,
                80.369,
                9999.0,
                crate::model::MASS_MAX,
            ] {
                for &c in &[0.0, 1e-9, 1e-3, 1.0] {
                    let p = m.point(mass, c, &BTreeMap::new()).unwrap();
                    let ctx = Context {
                        sm: &sm,
                        inputs: &inputs,
                        point: &p,
                        shared: None,
                    };
                    for o in &prepared {
                        if let Ok(v) = o.unchecked(&ctx) {
                            assert!(v.is_finite(), "{model} {} at m={mass}, c={c}: {v}", o.name);
                        }
                    }
                }
            }
        }
    }
}
