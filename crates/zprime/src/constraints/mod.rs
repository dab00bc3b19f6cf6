//! The constraint engine: an observable, a measurement or limit, and a statistical kind, from
//! `data/experiments/constraints.toml` (or a user's file with the same format). For a point it
//! gives allowed / excluded / preferred and a test statistic; for a mass it gives the regions of
//! the coupling that are excluded or preferred — in closed form where the observable is
//! homogeneous in the couplings (O ∝ g^k), by root finding in ln g on the observable's cheap
//! per-mass function otherwise.
//!
//! Every kind implements one trait, [`Rule`], in its own module:
//!
//! * [`gaussian`]: a two-sided Gaussian measurement (an anomaly gives a preferred band);
//! * [`upper_limit`]: an upper limit on the observable at one CL;
//! * [`limit_curve`]: an upper limit that depends on the mass, read from a data file with a
//!   citation header (a user adds one without recompiling);
//! * [`limit_grid`]: an upper limit on a grid in (mass, lifetime), the same file format with a
//!   `ctau` column;
//! * [`poisson`]: the binned Poisson likelihood of a search (paper 001 Eq. 22).
//!
//! A file entry is `id`, `label`, `observable` (a name with arguments, see
//! [`mod@crate::observables::registry`]), `note`, and `kind = "..."` with that kind's fields.
//! Where the observable's calculation is valid comes from the observable (computed from the
//! input set), not from the file.

pub mod gaussian;
pub mod intervals;
pub mod limit_curve;
pub mod limit_grid;
pub mod poisson;
pub mod seen;
pub mod stats;
pub mod upper_limit;

use crate::error::{Error, Result};
use crate::inputs::{InputSet, StandardModel};
use crate::model::Point;
use crate::observables::{AtMassShared, Context, Preparations, Validity};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use intervals::Segment;

const FILE: &str = "data/experiments/constraints.toml";
const TEXT: &str = crate::data::CONSTRAINTS;

/// Smallest coupling the limit search considers.
pub const COUPLING_MIN: f64 = 1e-12;

/// The kind of a constraint and its own fields (`kind = "..."` in the file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Kind {
    /// Two-sided Gaussian measurement.
    Gaussian(gaussian::Spec),
    /// Upper limit at one CL.
    UpperLimit(upper_limit::Spec),
    /// Upper limit against the mass, from a data file.
    LimitCurve(limit_curve::Spec),
    /// Upper limit on a grid in mass and lifetime, from a data file.
    LimitGrid(limit_grid::Spec),
    /// Binned Poisson likelihood of a search.
    PoissonLikelihood(poisson::Spec),
}

/// One entry of a constraint file.
#[derive(Debug, Clone, Serialize)]
pub struct Spec {
    /// Unique id, listed by input sets.
    pub id: String,
    /// Legend label.
    pub label: String,
    /// Observable name with its arguments, e.g. `R_trident(CCFR)`.
    pub observable: String,
    /// Remarks (approximations, provenance).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The kind and its fields.
    #[serde(flatten)]
    pub kind: Kind,
    /// Directory that relative data-file paths of the entry are read from (the constraint
    /// file's own directory; the repository root for the shipped file).
    #[serde(skip)]
    pub base: Option<PathBuf>,
    /// The file the entry was read from (named in errors about the entry).
    #[serde(skip)]
    pub file: String,
}

/// The fields every kind shares (the rest of the entry goes to the kind).
const COMMON: [&str; 4] = ["id", "label", "observable", "note"];

/// Two entries are equal when they say the same, whichever file they were read from.
impl PartialEq for Spec {
    fn eq(&self, other: &Spec) -> bool {
        (
            &self.id,
            &self.label,
            &self.observable,
            &self.note,
            &self.kind,
            &self.base,
        ) == (
            &other.id,
            &other.label,
            &other.observable,
            &other.note,
            &other.kind,
            &other.base,
        )
    }
}

impl Spec {
    /// Parse a constraint file: `[[constraint]]` entries. `file` names it in errors; relative
    /// data files of the entries are read from `base`.
    pub fn parse_file(text: &str, file: &str, base: Option<&Path>) -> Result<Vec<Spec>> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            constraint: Vec<toml::Table>,
        }
        let f: File = crate::data::parse_toml(text, file)?;
        let mut out: Vec<Spec> = Vec::new();
        for table in f.constraint {
            let spec = Spec::from_table(table, file, base)?;
            if out.iter().any(|s| s.id == spec.id) {
                return Err(Error::file(file, format!("constraint '{}' twice", spec.id)));
            }
            out.push(spec);
        }
        Ok(out)
    }

    /// Read a user's constraint file (relative data files next to it).
    /// A `.csv` file is one limit curve (or grid) whose header says everything: see
    /// [`Spec::from_curve`].
    pub fn from_path(path: &Path) -> Result<Vec<Spec>> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::file(&name, format!("cannot read: {e}")))?;
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            let file = path
                .file_name()
                .map_or(name.clone(), |f| f.to_string_lossy().into_owned());
            return Ok(vec![Spec::from_curve(&text, &name, &file, path.parent())?]);
        }
        Spec::parse_file(&text, &name, path.parent())
    }

    /// The constraint of a limit-curve (or limit-grid) file on its own, so that a new search
    /// is one data file: the header's `observable`, `reference` and `cl` (required by the
    /// curve format), with optional `id` (default: the file name without `.csv`), `label`
    /// (default: the reference) and `note`; a `lifetime` header makes it a grid in (mass, cτ).
    /// `file` is the path the entry reads the curve from (relative to `base`, or a shipped
    /// data path when `base` is `None`).
    pub fn from_curve(text: &str, name: &str, file: &str, base: Option<&Path>) -> Result<Spec> {
        let table = limit_curve::Table::parse(text, name)?;
        let header = |k: &str| table.header.get(k).filter(|v| !v.is_empty()).cloned();
        let observable = table.key("observable", name)?.to_string();
        let reference = table.key("reference", name)?.to_string();
        let stem = Path::new(file)
            .file_stem()
            .map_or(file.to_string(), |s| s.to_string_lossy().into_owned());
        let kind = if header("lifetime").is_some() {
            Kind::LimitGrid(limit_grid::Spec {
                file: file.into(),
                scale_by: None,
            })
        } else {
            Kind::LimitCurve(limit_curve::Spec {
                file: file.into(),
                scale_by: None,
            })
        };
        Ok(Spec {
            id: header("id").unwrap_or(stem),
            label: header("label").unwrap_or(reference),
            observable,
            note: header("note"),
            kind,
            base: base.map(Path::to_path_buf),
            file: name.to_string(),
        })
    }

    fn from_table(mut table: toml::Table, file: &str, base: Option<&Path>) -> Result<Spec> {
        let id = match table.get("id") {
            Some(toml::Value::String(s)) => s.clone(),
            _ => return Err(Error::file(file, "a constraint without a string `id`")),
        };
        let bad = |m: String| Error::file(file, format!("constraint '{id}': {m}"));
        let mut text = |key: &str, required: bool| -> Result<Option<String>> {
            match table.remove(key) {
                Some(toml::Value::String(s)) => Ok(Some(s)),
                None if !required => Ok(None),
                _ => Err(bad(format!("`{key}` must be a string"))),
            }
        };
        let common: Vec<Option<String>> = COMMON
            .iter()
            .map(|k| text(k, *k != "note"))
            .collect::<Result<_>>()?;
        let kind: Kind = Kind::deserialize(toml::Value::Table(table)).map_err(|e| {
            bad(format!(
                "{e} (kind is one of gaussian, upper_limit, limit_curve, limit_grid, poisson_likelihood; \
                 common fields: {})",
                COMMON.join(", ")
            ))
        })?;
        let [id, label, observable, note] = <[Option<String>; 4]>::try_from(common)
            .map_err(|_| bad("internal: common fields".into()))?;
        Ok(Spec {
            id: id.unwrap_or_default(),
            label: label.unwrap_or_default(),
            observable: observable.unwrap_or_default(),
            note,
            kind,
            base: base.map(Path::to_path_buf),
            file: file.to_string(),
        })
    }

    /// What the kind compares with: the measurement id (gaussian, upper_limit), the search
    /// (poisson_likelihood) or the curve file (limit_curve).
    pub fn measurement(&self) -> &str {
        match &self.kind {
            Kind::Gaussian(k) => &k.measurement,
            Kind::UpperLimit(k) => &k.measurement,
            Kind::LimitCurve(k) => &k.file,
            Kind::LimitGrid(k) => &k.file,
            Kind::PoissonLikelihood(k) => &k.search,
        }
    }

    /// The kind's name as in the file.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Gaussian(_) => "gaussian",
            Kind::UpperLimit(_) => "upper_limit",
            Kind::LimitCurve(_) => "limit_curve",
            Kind::LimitGrid(_) => "limit_grid",
            Kind::PoissonLikelihood(_) => "poisson_likelihood",
        }
    }
}

/// The known constraint ids that a selection item stands for: the id itself, or every id
/// starting with the text before a trailing `*` (`CEvNS*`). The grammar of `--constraints IDS`
/// and `--exclude` (CLI) and of `constraints=`/`exclude=` (Python). Errors: no known id matches
/// (`Error::Unknown` of kind `kind`, listing `known`).
pub fn expand_id(item: &str, known: &[String], kind: &'static str) -> Result<Vec<String>> {
    let matches: Vec<String> = match item.strip_suffix('*') {
        Some(prefix) => known
            .iter()
            .filter(|k| k.starts_with(prefix))
            .cloned()
            .collect(),
        None => known.iter().filter(|k| *k == item).cloned().collect(),
    };
    if matches.is_empty() {
        return Err(Error::Unknown {
            kind,
            name: item.to_string(),
            known: known.join(", "),
        });
    }
    Ok(matches)
}

/// Every constraint of the shipped file.
pub fn specs() -> &'static [Spec] {
    static SPECS: OnceLock<Vec<Spec>> = OnceLock::new();
    SPECS.get_or_init(|| {
        let mut specs = Spec::parse_file(TEXT, FILE, None)
            .expect("the shipped constraint file parses (checked by tests)");
        // Every shipped limit curve under data/limits/ is a constraint by itself.
        for (path, text) in crate::data::FILES {
            let csv = Path::new(path)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            if csv && path.starts_with("data/limits/") {
                specs.push(
                    Spec::from_curve(text, path, path, None)
                        .expect("the shipped limit curves parse (checked by tests)"),
                );
            }
        }
        specs
    })
}

/// Status of a point under one constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not excluded.
    Allowed,
    /// Excluded at the constraint's CL.
    Excluded,
    /// Inside the band of an anomaly the Standard Model does not explain.
    Preferred,
}

/// A kind's verdict at one point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// Status at the constraint's CL.
    pub status: Status,
    /// The quantity compared with the bound (the prediction, or the test statistic of a
    /// likelihood).
    pub value: f64,
    /// The relevant edge of the allowed interval (the one on the value's side).
    pub bound: f64,
    /// −2 ln(L/L_best): the Gaussian χ², the Poisson q, an upper limit as a half-Gaussian
    /// centred at zero whose one-sided quantile at the CL is the limit.
    pub test_statistic: f64,
}

/// A kind's regions of the coupling at one mass.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Regions {
    /// Excluded coupling intervals at the constraint's CL.
    pub excluded: Vec<[f64; 2]>,
    /// Preferred intervals at each band level of [`Rule::bands`].
    pub preferred: Vec<Vec<[f64; 2]>>,
    /// Expected-limit bands, one per level of [`Rule::expected_bands`].
    pub expected: Vec<[f64; 2]>,
}

/// What every constraint kind provides. A kind owns its prepared observables (tables built
/// once when the constraint is resolved); `ctx` carries the point (for [`Rule::regions`]
/// its mass and every parameter but the coupling).
///
/// An observable that does not apply to the model answers `Error::NotApplicable`; the
/// engine turns that into "not applied".
pub trait Rule: Send + Sync {
    /// Confidence level of the exclusion.
    fn cl(&self) -> f64;
    /// Citation of the measurement or limit.
    fn reference(&self) -> String;
    /// Canonical name of the observable (with arguments).
    fn observable(&self) -> String;
    /// Where the constraint applies (the observable's validity, cut to the kind's own range).
    fn validity(&self) -> Option<Validity>;
    /// Band levels (sigma) of preferred regions.
    fn bands(&self) -> &[f64] {
        &[]
    }
    /// Sigma levels of expected-limit bands.
    fn expected_bands(&self) -> &[f64] {
        &[]
    }
    /// A projected sensitivity rather than a measurement.
    fn is_projection(&self) -> bool {
        false
    }
    /// Status, compared value, bound and test statistic at a point.
    fn outcome(&self, ctx: &Context) -> Result<Outcome>;
    /// Excluded, preferred and expected regions of the coupling at the point's mass.
    fn regions(&self, ctx: &Context) -> Result<Regions>;
    /// −2 ln(L/L_best) as a function of the coupling at the point's mass (for a global
    /// likelihood or a profile in the coupling). The default evaluates [`Rule::outcome`] at
    /// each coupling; a kind may hand out a cheaper function.
    fn statistic_at_mass<'a>(
        &'a self,
        ctx: &Context<'a>,
    ) -> Result<Box<dyn Fn(f64) -> Result<f64> + 'a>> {
        let ctx = *ctx;
        Ok(Box::new(move |c| {
            let p = ctx.point.with_coupling(c);
            Ok(self.outcome(&Context { point: &p, ..ctx })?.test_statistic)
        }))
    }
    /// The kind with its observables specialised to the point's model (everything but mass
    /// and coupling), for a grid of masses (see `observables::Prepared::for_model`).
    fn for_model(&self, ctx: &Context) -> Box<dyn Rule>;
}

/// A constraint resolved against an input set: its kind with prepared observables (shared
/// when cloned).
#[derive(Clone)]
pub struct Constraint {
    /// The file entry.
    pub spec: Spec,
    /// Confidence level.
    pub cl: f64,
    /// Citation of the measurement.
    pub reference: String,
    rule: std::sync::Arc<dyn Rule>,
    /// The rule's mass range, computed once (its reason is formatted text, and a scan asks
    /// at every mass).
    validity: Option<Validity>,
}

impl std::fmt::Debug for Constraint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Constraint")
            .field("id", &self.spec.id)
            .finish_non_exhaustive()
    }
}

/// The result at one point.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// Constraint id.
    pub name: String,
    /// Observable name.
    pub observable: String,
    /// Status.
    pub status: Status,
    /// The prediction (or test statistic).
    pub value: f64,
    /// The relevant edge of the allowed interval (the one on the prediction's side).
    pub bound: f64,
    /// Confidence level.
    pub cl: f64,
    /// Citation.
    pub reference: String,
}

/// Limits of one constraint at one mass.
#[derive(Debug, Clone, Serialize)]
pub struct MassLimits {
    /// Z' mass.
    pub mass: f64,
    /// Whether the constraint applies at this mass.
    pub valid: bool,
    /// Excluded coupling intervals at the constraint's CL.
    pub excluded: Vec<[f64; 2]>,
    /// The coupling above which everything up to 4π is excluded (None if not).
    pub upper_limit: Option<f64>,
    /// Preferred intervals at each band level (same order as `bands`).
    pub preferred: Vec<Vec<[f64; 2]>>,
    /// Expected-limit bands on the coupling from toys, one [low, high] per level of
    /// `expected_bands` (empty if the constraint has none or does not apply).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expected: Vec<[f64; 2]>,
    /// Why the constraint is not applied at this mass (set where `valid` is false: outside
    /// its mass range, or its observable does not cover the model; `None` where it is valid).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The context of a point with the inputs a constraint uses.
fn context<'a>(sm: &'a StandardModel, inputs: &'a InputSet, p: &'a Point) -> Context<'a> {
    Context {
        sm,
        inputs,
        point: p,
        shared: None,
    }
}

impl Constraint {
    /// Resolve a constraint id of the shipped file with an input set (builds its tables).
    pub fn load(id: &str, inputs: &InputSet) -> Result<Constraint> {
        let spec = crate::error::lookup(specs(), id, "constraint", |s| &s.id)?;
        Constraint::from_spec(spec.clone(), inputs)
    }

    /// Resolve any constraint entry (shipped or from a user's file) with an input set.
    pub fn from_spec(spec: Spec, inputs: &InputSet) -> Result<Constraint> {
        let sm = StandardModel::from_inputs(inputs)?;
        Constraint::from_spec_in(spec, &Preparations::new(&sm, inputs))
    }

    /// Resolve a constraint entry with the observables prepared in `prep` (shared with the
    /// other constraints and observables resolved there).
    pub fn from_spec_in(spec: Spec, prep: &Preparations) -> Result<Constraint> {
        let query = crate::observables::find(&spec.observable)
            .map_err(|e| Error::file(&spec.file, format!("constraint '{}': {e}", spec.id)))?;
        let rule: std::sync::Arc<dyn Rule> = match &spec.kind {
            Kind::Gaussian(k) => {
                std::sync::Arc::new(gaussian::Gaussian::new(&spec, k, &query, prep)?)
            }
            Kind::UpperLimit(k) => {
                std::sync::Arc::new(upper_limit::UpperLimit::new(&spec, k, &query, prep)?)
            }
            Kind::LimitCurve(k) => {
                std::sync::Arc::new(limit_curve::LimitCurve::new(&spec, k, &query, prep)?)
            }
            Kind::LimitGrid(k) => {
                std::sync::Arc::new(limit_grid::LimitGrid::new(&spec, k, &query, prep)?)
            }
            Kind::PoissonLikelihood(k) => {
                std::sync::Arc::new(poisson::Likelihood::new(&spec, k, &query, prep)?)
            }
        };
        Ok(Constraint {
            cl: rule.cl(),
            reference: rule.reference(),
            validity: rule.validity(),
            spec,
            rule,
        })
    }

    /// The constraints an input set applies.
    pub fn for_inputs(inputs: &InputSet) -> Result<Vec<Constraint>> {
        Constraint::for_inputs_with(inputs, &[])
    }

    /// The constraints an input set applies, then every entry of `extra` (a user's file).
    pub fn for_inputs_with(inputs: &InputSet, extra: &[Spec]) -> Result<Vec<Constraint>> {
        let sm = StandardModel::from_inputs(inputs)?;
        Constraint::for_inputs_in(extra, &Preparations::new(&sm, inputs))
    }

    /// [`Constraint::for_inputs_with`] for the input set of `prep`, sharing its prepared
    /// observables.
    pub fn for_inputs_in(extra: &[Spec], prep: &Preparations) -> Result<Vec<Constraint>> {
        let inputs = prep.inputs;
        let mut out = inputs
            .constraints
            .iter()
            .map(|id| {
                let spec = crate::error::lookup(specs(), id, "constraint", |s| &s.id)?;
                Constraint::from_spec_in(spec.clone(), prep)
            })
            .collect::<Result<Vec<_>>>()?;
        for s in extra {
            if out.iter().any(|c| c.spec.id == s.id) {
                let file = s
                    .base
                    .as_ref()
                    .map_or("the constraint file".to_string(), |b| {
                        b.display().to_string()
                    });
                return Err(Error::file(
                    &file,
                    format!(
                        "constraint '{}': the input set '{}' applies a constraint with this id already; choose another id",
                        s.id, inputs.name
                    ),
                ));
            }
            out.push(Constraint::from_spec_in(s.clone(), prep)?);
        }
        Ok(out)
    }

    /// The constraint specialised to the model of `template` (its mass and coupling are
    /// free), so that a mass grid reuses what depends on the model only; still correct for
    /// any other point.
    #[must_use]
    pub fn for_model(&self, sm: &StandardModel, inputs: &InputSet, template: &Point) -> Constraint {
        let rule: std::sync::Arc<dyn Rule> =
            self.rule.for_model(&context(sm, inputs, template)).into();
        Constraint {
            spec: self.spec.clone(),
            cl: self.cl,
            reference: self.reference.clone(),
            validity: rule.validity(),
            rule,
        }
    }

    /// The kind, for its details.
    pub fn rule(&self) -> &dyn Rule {
        self.rule.as_ref()
    }

    /// Canonical observable name (with arguments).
    pub fn observable(&self) -> String {
        self.rule.observable()
    }

    /// Where the constraint applies (`None`: at every mass).
    pub fn validity(&self) -> Option<Validity> {
        self.validity.clone()
    }

    /// Whether the calculation is valid at this mass.
    pub fn valid_at(&self, mass: f64) -> bool {
        self.validity.as_ref().is_none_or(|v| v.contains(mass))
    }

    /// Band levels (sigma) of the preferred regions.
    pub fn bands(&self) -> Vec<f64> {
        self.rule.bands().to_vec()
    }

    /// The verdict at a point, `None` where the constraint does not apply (outside its mass
    /// range, or its observable does not cover the model).
    pub fn outcome(
        &self,
        sm: &StandardModel,
        inputs: &InputSet,
        p: &Point,
    ) -> Result<Option<Outcome>> {
        self.outcome_shared(sm, inputs, p, None)
    }

    /// [`Constraint::outcome`] with the caller's store of what the observables share at the
    /// point's mass (a scan gives every constraint and observable of a point the same one).
    pub fn outcome_shared(
        &self,
        sm: &StandardModel,
        inputs: &InputSet,
        p: &Point,
        shared: Option<&AtMassShared>,
    ) -> Result<Option<Outcome>> {
        if !self.valid_at(p.mass) {
            return Ok(None);
        }
        let ctx = Context {
            shared,
            ..context(sm, inputs, p)
        };
        match self.rule.outcome(&ctx) {
            Err(Error::NotApplicable { .. }) => Ok(None),
            r => r.map(Some),
        }
    }

    /// −2 ln(L/L_best) at a point (see [`Outcome::test_statistic`]); `None` where the
    /// constraint does not apply.
    pub fn test_statistic(
        &self,
        sm: &StandardModel,
        inputs: &InputSet,
        p: &Point,
    ) -> Result<Option<f64>> {
        Ok(self.outcome(sm, inputs, p)?.map(|o| o.test_statistic))
    }

    /// −2 ln(L/L_best) at `couplings` at the point's mass; `None` where the constraint does
    /// not apply at this mass or to this model.
    pub fn test_statistic_scan(
        &self,
        sm: &StandardModel,
        inputs: &InputSet,
        p: &Point,
        couplings: &[f64],
    ) -> Result<Option<Vec<f64>>> {
        if !self.valid_at(p.mass) {
            return Ok(None);
        }
        let f = self.rule.statistic_at_mass(&context(sm, inputs, p))?;
        match couplings.iter().map(|&c| f(c)).collect::<Result<Vec<_>>>() {
            Err(Error::NotApplicable { .. }) => Ok(None),
            r => r.map(Some),
        }
    }

    /// Evaluate the constraint at a point. `None` outside the mass range of validity.
    pub fn evaluate(
        &self,
        sm: &StandardModel,
        inputs: &InputSet,
        p: &Point,
    ) -> Result<Option<Evaluation>> {
        Ok(self.outcome(sm, inputs, p)?.map(|o| Evaluation {
            name: self.spec.id.clone(),
            observable: self.observable(),
            status: o.status,
            value: o.value,
            bound: o.bound,
            cl: self.cl,
            reference: self.reference.clone(),
        }))
    }

    /// Why the constraint is not applied at this point (outside its mass range, or the
    /// observable is not applicable to the model), or None if it is applied.
    pub fn not_applied_reason(
        &self,
        sm: &StandardModel,
        inputs: &InputSet,
        p: &Point,
    ) -> Option<String> {
        if let Some(v) = self.validity.as_ref().filter(|v| !v.contains(p.mass)) {
            return Some(Self::outside(v, self.spec.note.as_ref()));
        }
        match self.rule.outcome(&context(sm, inputs, p)) {
            Err(Error::NotApplicable { reason, .. }) => Some(reason),
            _ => None,
        }
    }

    /// Why a mass outside the validity range gets no verdict (the constraint's note, or the
    /// range's reason).
    fn outside(v: &Validity, note: Option<&String>) -> String {
        let [lo, hi] = v.mass;
        let why = note.unwrap_or(&v.reason);
        format!("valid only for {lo} <= m_Z' <= {hi} GeV ({why})")
    }

    /// Excluded and preferred coupling regions at the point's mass (with the reason where the
    /// constraint does not apply).
    pub fn limits_at(
        &self,
        sm: &StandardModel,
        inputs: &InputSet,
        p: &Point,
    ) -> Result<MassLimits> {
        self.limits_at_shared(sm, inputs, p, None)
    }

    /// [`Constraint::limits_at`] with the caller's store of the quantities the observables
    /// share at this mass (`scan::limits_with` gives every constraint the same one per mass).
    pub fn limits_at_shared(
        &self,
        sm: &StandardModel,
        inputs: &InputSet,
        p: &Point,
        shared: Option<&AtMassShared>,
    ) -> Result<MassLimits> {
        let mut out = MassLimits {
            mass: p.mass,
            valid: false,
            excluded: vec![],
            upper_limit: None,
            preferred: vec![vec![]; self.rule.bands().len()],
            expected: vec![],
            reason: None,
        };
        if let Some(v) = self.validity.as_ref().filter(|v| !v.contains(p.mass)) {
            out.reason = Some(Self::outside(v, self.spec.note.as_ref()));
            return Ok(out);
        }
        // An observable that does not cover the model says so at the first prediction.
        let ctx = Context {
            shared,
            ..context(sm, inputs, p)
        };
        let r = match self.rule.regions(&ctx) {
            Err(Error::NotApplicable { reason, .. }) => {
                out.reason = Some(reason);
                return Ok(out);
            }
            r => r?,
        };
        out.valid = true;
        out.upper_limit = r
            .excluded
            .last()
            .filter(|e| e[1] >= crate::model::COUPLING_MAX)
            .map(|e| e[0]);
        out.excluded = r.excluded;
        out.preferred = r.preferred;
        out.expected = r.expected;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn selection_items_expand_to_known_ids() {
        let known: Vec<String> = ["CEvNS:COHERENT-CsI", "CEvNS:COHERENT-Ar", "g-2:WP25"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            expand_id("CEvNS*", &known, "constraint id").unwrap(),
            known[..2].to_vec()
        );
        assert_eq!(
            expand_id("g-2:WP25", &known, "constraint id").unwrap(),
            vec!["g-2:WP25".to_string()]
        );
        let e = expand_id("nope*", &known, "constraint id").unwrap_err();
        assert!(e
            .to_string()
            .starts_with("unknown constraint id 'nope*' (known: CEvNS"));
    }

    #[test]
    fn shipped_constraint_ids_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for spec in specs() {
            assert!(seen.insert(&spec.id), "constraint id '{}' twice", spec.id);
        }
    }

    use super::*;

    #[test]
    fn every_constraint_resolves_with_every_set() {
        for name in InputSet::available() {
            let set = InputSet::load(name).unwrap();
            for id in &set.constraints {
                Constraint::load(id, &set).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
        }
        for s in specs() {
            Constraint::load(&s.id, &InputSet::default_set()).unwrap();
        }
    }

    #[test]
    fn status_rule_for_bound_and_anomaly() {
        // g-2:ibe2016: 280 +- 80 e-11 at 2 sigma.
        let allowed = gaussian::allowed_interval(280e-11, 80e-11, 2.0, false);
        let status = |o: f64| intervals::status_of(allowed, o, 0.0);
        assert_eq!(status(280e-11), Status::Preferred);
        assert_eq!(status(100e-11), Status::Allowed);
        assert_eq!(status(500e-11), Status::Excluded);
        let allowed = gaussian::allowed_interval(38.5e-11, 63.7e-11, 2.0, false);
        let status = |o: f64| intervals::status_of(allowed, o, 0.0);
        assert_eq!(status(100e-11), Status::Allowed);
        assert_eq!(status(200e-11), Status::Excluded);
    }

    #[test]
    fn toy_bands_of_the_projection_are_nested_around_its_limit() {
        // Paper 001 Fig. 4: the 2σ toy band around the N_K x 10, photon rejection x 0.01 limit.
        let set = InputSet::load("ibe2016").unwrap();
        let sm = StandardModel::from_inputs(&set).unwrap();
        let c = Constraint::load("K->munuinv:E949-recast(approx):NKx10:eps0.01", &set).unwrap();
        let model = crate::model::Model::resolve("lmu-ltau").unwrap();
        for m in [0.003, 0.03, 0.15] {
            let p = model
                .point(m, 1e-3, &std::collections::BTreeMap::new())
                .unwrap();
            let l = c.limits_at(&sm, &set, &p).unwrap();
            let [one, two] = [l.expected[0], l.expected[1]];
            assert!(
                two[0] < one[0] && one[0] < one[1] && one[1] < two[1],
                "{m}: {one:?} {two:?}"
            );
            let asimov = l.upper_limit.unwrap();
            assert!(
                two[0] < asimov && asimov < two[1],
                "{m}: {asimov} not in {two:?}"
            );
            // Reproducible: the same seed gives the same band.
            assert_eq!(c.limits_at(&sm, &set, &p).unwrap().expected, l.expected);
        }
    }

    #[test]
    fn bad_entries_name_the_constraint_and_the_field() {
        let head = "[[constraint]]\nid = \"x\"\nlabel = \"x\"\nobservable = \"Delta a_mu\"\n";
        let cases = [
            ("kind = \"gaussian\"\nmeasurement = \"Delta a_mu:ibe2016\"\ncl = 0.95\nsigma = 2.0\n", "exactly one"),
            ("kind = \"gaussian\"\nmeasurment = \"Delta a_mu:ibe2016\"\ncl = 0.95\n", "measurment"),
            ("kind = \"cauchy\"\n", "cauchy"),
            ("kind = \"upper_limit\"\nmeasurement = \"Delta a_mu:ibe2016\"\n", "kind"),
            ("kind = \"gaussian\"\nmeasurement = \"Delta a_mu:ibe2016\"\ncl = 0.95\nvalid_mass = [1.0, 2.0]\n", "valid_mass"),
        ];
        let set = InputSet::default_set();
        for (body, needle) in cases {
            let text = format!("{head}{body}");
            let e = Spec::parse_file(&text, "user.toml", None)
                .and_then(|s| Constraint::from_spec(s[0].clone(), &set).map(|_| ()))
                .unwrap_err()
                .to_string();
            assert!(e.contains(needle), "{body}: {e}");
            assert!(e.contains("user.toml") || e.contains("'x'"), "{e}");
        }
    }

    /// The shipped file round-trips through the format a user writes.
    #[test]
    fn shipped_entries_serialize_to_the_file_format() {
        for s in specs() {
            let text = toml::to_string(&serde_json::json!({ "constraint": [s] })).unwrap();
            let back = Spec::parse_file(&text, "round-trip.toml", None).unwrap();
            assert_eq!(&back[0], s, "{text}");
        }
    }
}
