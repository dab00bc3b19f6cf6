//! Evaluations over points and mass grids: the reports `zprime point` and `zprime limits`
//! print. (Random scans and parallel grids come with the flavour issues.)

pub mod curves;
pub mod envelope;
pub mod hepdata;
pub mod sample;
pub mod table;
pub mod wu;

pub use envelope::{envelope, EnvelopePoint};

use crate::constraints::{Constraint, Evaluation, MassLimits, Spec};
use crate::error::{Error, Result};
use crate::inputs::{InputSet, StandardModel};
use crate::model::{Model, Point};
use crate::observables::{AtMassShared, Context, Prepared};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// A constraint that was not applied at this point, and why.
#[derive(Debug, Clone, Serialize)]
pub struct NotApplied {
    /// Constraint id.
    pub name: String,
    /// Why.
    pub reason: String,
}

/// Everything `zprime point` reports.
#[derive(Debug, Clone, Serialize)]
pub struct PointReport {
    /// Model name.
    pub model: String,
    /// Mass, coupling and every model parameter.
    pub parameters: BTreeMap<String, f64>,
    /// Input set name.
    pub inputs: String,
    /// Canonical observable name → prediction, for the observables whose calculation is
    /// valid at the point's mass.
    pub observables: BTreeMap<String, f64>,
    /// Canonical observable name → why it is not valid at this mass (its mass range and the
    /// reason): such an observable is not evaluated, so that no number is read outside the
    /// domain of its calculation (`R_trident(heavy)` below 10 GeV, say).
    pub not_valid: BTreeMap<String, String>,
    /// Constraint evaluations.
    pub constraints: Vec<Evaluation>,
    /// Constraints not applied at this point (outside their range of validity, or their
    /// observable does not cover the model), with the reason.
    pub not_applied: Vec<NotApplied>,
    /// Caveats: observables not computed and why, approximations in force.
    pub notes: Vec<String>,
}

/// A constraint that excludes a point, with the coupling limit at the point's mass. The
/// fields are in alphabetical order: the keys of `zprime point --json` as they have always
/// been printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exclusion {
    /// The excluded coupling interval that holds the point's coupling.
    pub excluded_interval: Option<[f64; 2]>,
    /// Its lower edge: the coupling limit at this mass.
    pub g_limit: Option<f64>,
    /// The point's coupling over that limit.
    pub g_over_g_limit: Option<f64>,
    /// Constraint id.
    pub name: String,
}

/// The verdict at a point: which constraints exclude it, or prefer it, or that every applied
/// constraint allows it (fields in alphabetical order, as printed by `zprime point --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// The constraints that exclude the point.
    pub excluded_by: Vec<Exclusion>,
    /// The constraints whose preferred band holds the point.
    pub preferred_by: Vec<String>,
    /// Excluded if any constraint excludes it, else preferred if any prefers it, else allowed.
    pub status: crate::constraints::Status,
}

/// An input set with everything prepared that does not depend on the point: the listed
/// observables and the constraints with their tables (trident tables, toy limits). Build it
/// once and evaluate many points or grids with it; nothing is cached behind the caller's back.
pub struct Session {
    /// The input set.
    pub inputs: InputSet,
    /// Its typed Standard-Model constants.
    pub sm: StandardModel,
    /// The observables `zprime point` lists, prepared.
    pub observables: Vec<Prepared>,
    /// The constraints of the input set (and of any extra constraint file), resolved.
    pub constraints: Vec<Constraint>,
}

impl Session {
    /// Prepare the input set's constraints and the listed observables.
    pub fn new(inputs: &InputSet) -> Result<Session> {
        Session::with_constraints(inputs, &[])
    }

    /// Like [`Session::new`], with the entries of a user's constraint file added.
    pub fn with_constraints(inputs: &InputSet, extra: &[Spec]) -> Result<Session> {
        let sm = StandardModel::from_inputs(inputs)?;
        // One store: the constraints and the listed observables share their tables.
        let prep = crate::observables::Preparations::new(&sm, inputs);
        let constraints = Constraint::for_inputs_in(extra, &prep)?;
        let observables = crate::observables::listed()?
            .iter()
            .map(|q| prep.prepare(q))
            .collect::<Result<Vec<_>>>()?;
        Ok(Session {
            constraints,
            inputs: inputs.clone(),
            sm,
            observables,
        })
    }

    /// The session specialised to the model of `template` (its mass and coupling free): what
    /// depends on the model but on neither mass nor coupling (the ν–e recoil-node couplings)
    /// is computed here once, for many points of that model. Still correct for any point.
    #[must_use]
    pub fn for_model(&self, template: &Point) -> Session {
        let ctx = Context {
            sm: &self.sm,
            inputs: &self.inputs,
            point: template,
            shared: None,
        };
        Session {
            inputs: self.inputs.clone(),
            sm: self.sm,
            observables: self.observables.iter().map(|o| o.for_model(&ctx)).collect(),
            constraints: self
                .constraints
                .iter()
                .map(|c| c.for_model(&self.sm, &self.inputs, template))
                .collect(),
        }
    }

    /// Every listed observable and every constraint at a point.
    pub fn evaluate_point(&self, model: &Model, point: &Point) -> Result<PointReport> {
        evaluate_point_with(
            &self.observables,
            &self.constraints,
            &self.sm,
            &self.inputs,
            model,
            point,
        )
    }

    /// The verdict of `report` (this session's evaluation of `point`), with the coupling
    /// limit of each excluding constraint at the point's mass.
    pub fn verdict(&self, report: &PointReport, point: &Point) -> Result<Verdict> {
        use crate::constraints::Status;
        let g = point.coupling();
        let mut excluded_by = Vec::new();
        let mut preferred_by = Vec::new();
        for e in &report.constraints {
            let Some(c) = self.constraints.iter().find(|c| c.spec.id == e.name) else {
                continue;
            };
            match e.status {
                Status::Excluded => {
                    let limits = c.limits_at(&self.sm, &self.inputs, point)?;
                    // the excluded interval that holds the coupling: its lower edge is the limit
                    let interval = limits
                        .excluded
                        .iter()
                        .find(|i| i[0] <= g && g <= i[1])
                        .copied();
                    excluded_by.push(Exclusion {
                        excluded_interval: interval,
                        g_limit: interval.map(|i| i[0]),
                        g_over_g_limit: interval.map(|i| g / i[0]),
                        name: e.name.clone(),
                    });
                }
                Status::Preferred => preferred_by.push(e.name.clone()),
                Status::Allowed => {}
            }
        }
        let status = if !excluded_by.is_empty() {
            Status::Excluded
        } else if !preferred_by.is_empty() {
            Status::Preferred
        } else {
            Status::Allowed
        };
        Ok(Verdict {
            excluded_by,
            preferred_by,
            status,
        })
    }

    /// Coupling limits of every constraint over a mass grid.
    pub fn limits(&self, model: &Model, template: &Point, masses: &[f64]) -> Result<LimitsReport> {
        limits_with(&self.constraints, model, template, &self.inputs, masses)
    }
}

/// Evaluate every listed observable and every constraint of the input set at a point
/// (prepares a [`Session`] first; for many points keep one).
pub fn evaluate_point(model: &Model, point: &Point, inputs: &InputSet) -> Result<PointReport> {
    Session::new(inputs)?.evaluate_point(model, point)
}

fn evaluate_point_with(
    prepared: &[Prepared],
    constraints: &[Constraint],
    sm: &StandardModel,
    inputs: &InputSet,
    model: &Model,
    point: &Point,
) -> Result<PointReport> {
    let ctx = Context {
        sm,
        inputs,
        point,
        shared: None,
    };
    let mut observables = BTreeMap::new();
    let mut notes = Vec::new();
    let mut not_valid = BTreeMap::new();
    for o in prepared {
        if let Some(v) = o.validity.as_ref().filter(|v| !v.contains(point.mass)) {
            let [lo, hi] = v.mass;
            not_valid.insert(
                o.name.clone(),
                format!("valid only for {lo} <= m_Z' <= {hi} GeV ({})", v.reason),
            );
            continue;
        }
        match o.predict(&ctx) {
            Ok(v) => {
                observables.insert(o.name.clone(), v);
            }
            Err(Error::Numerical { message, .. }) => {
                notes.push(format!("{} not computed: {message}", o.name));
            }
            Err(Error::NotApplicable { reason, .. }) => {
                notes.push(format!("{} not computed: {reason}", o.name));
            }
            Err(e) => return Err(e),
        }
    }
    let mut evaluations = Vec::new();
    let mut not_applied = Vec::new();
    for c in constraints {
        match c.evaluate(sm, inputs, point)? {
            Some(e) => evaluations.push(e),
            None => {
                not_applied.push(NotApplied {
                    name: c.spec.id.clone(),
                    reason: c
                        .not_applied_reason(sm, inputs, point)
                        .unwrap_or_else(|| "not applicable at this point".into()),
                });
            }
        }
    }
    let mut parameters = (*point.parameters).clone();
    parameters.insert("mass".into(), point.mass);
    parameters.insert(point.coupling_kind.name().into(), point.coupling());
    Ok(PointReport {
        model: model.name.clone(),
        parameters,
        inputs: inputs.name.clone(),
        observables,
        not_valid,
        constraints: evaluations,
        not_applied,
        notes,
    })
}

/// Limits of one constraint over the mass grid.
#[derive(Debug, Clone, Serialize)]
pub struct ConstraintLimits {
    /// Constraint id.
    pub name: String,
    /// Legend label.
    pub label: String,
    /// Observable (canonical name with arguments).
    pub observable: String,
    /// The constraint's kind (`gaussian`, `upper_limit`, `limit_curve`, `poisson_likelihood`).
    #[serde(skip)]
    pub kind: String,
    /// Confidence level of the exclusion.
    pub cl: f64,
    /// Band levels in sigma for `preferred`.
    pub bands: Vec<f64>,
    /// Mass range of validity.
    pub valid_mass: Option<[f64; 2]>,
    /// Citation.
    pub reference: String,
    /// Remarks.
    pub note: Option<String>,
    /// A projected (expected) sensitivity rather than a measurement (drawn dashed).
    pub projection: bool,
    /// Sigma levels of the toy expected-limit bands in `limits[i].expected` (empty if none).
    pub expected_bands: Vec<f64>,
    /// One entry per mass of the grid.
    pub limits: Vec<MassLimits>,
}

/// Everything `zprime limits` reports.
#[derive(Debug, Clone, Serialize)]
pub struct LimitsReport {
    /// Model name.
    pub model: String,
    /// Name of the coupling ("g" or "eps").
    pub coupling: String,
    /// Model parameters held fixed.
    pub parameters: BTreeMap<String, f64>,
    /// Input set.
    pub inputs: String,
    /// The mass grid, GeV.
    pub masses: Vec<f64>,
    /// One entry per constraint of the input set.
    pub constraints: Vec<ConstraintLimits>,
    /// The model's not-included constraints (relevant, not computed by zprime) that are
    /// relevant at some mass of the grid, each with its mass range where it has one.
    pub not_included: Vec<crate::model::NotIncluded>,
}

/// One row of the long table of a [`LimitsReport`] (the rows of `zprime limits --csv` and of
/// the Python bindings' data frame).
#[derive(Debug, Clone, PartialEq)]
pub struct LimitRow<'a> {
    /// Z' mass, GeV.
    pub mass: f64,
    /// Constraint id.
    pub constraint: &'a str,
    /// `excluded`, `expected_{level}sigma`, `preferred_{level}sigma` or `not_valid`.
    pub kind: String,
    /// The coupling interval `[low, high]` (none for a `not_valid` row).
    pub g: Option<[f64; 2]>,
    /// The interval's index among those of its kind at this mass (none for `not_valid`).
    pub interval: Option<usize>,
    /// Confidence level.
    pub cl: f64,
    /// Legend label.
    pub label: &'a str,
    /// Why the constraint is not applied at this mass (`not_valid` rows only).
    pub reason: Option<&'a str>,
}

impl LimitsReport {
    /// The long table: per constraint, per mass its excluded intervals, expected bands and
    /// preferred bands, then the masses where it is not valid (with the reason).
    pub fn rows(&self) -> Vec<LimitRow<'_>> {
        let mut out = Vec::new();
        for c in &self.constraints {
            let mut not_valid = Vec::new();
            for l in &c.limits {
                let row = |kind: String, i: usize, e: [f64; 2]| LimitRow {
                    mass: l.mass,
                    constraint: &c.name,
                    kind,
                    g: Some(e),
                    interval: Some(i),
                    cl: c.cl,
                    label: &c.label,
                    reason: None,
                };
                if !l.valid {
                    not_valid.push(LimitRow {
                        mass: l.mass,
                        constraint: &c.name,
                        kind: "not_valid".into(),
                        g: None,
                        interval: None,
                        cl: c.cl,
                        label: &c.label,
                        reason: Some(l.reason.as_deref().unwrap_or("not applied at this mass")),
                    });
                    continue;
                }
                for (i, e) in l.excluded.iter().enumerate() {
                    out.push(row("excluded".into(), i, *e));
                }
                for (level, e) in c.expected_bands.iter().zip(&l.expected) {
                    out.push(row(format!("expected_{level}sigma"), 0, *e));
                }
                for (b, regions) in c.bands.iter().zip(&l.preferred) {
                    for (i, e) in regions.iter().enumerate() {
                        out.push(row(format!("preferred_{b}sigma"), i, *e));
                    }
                }
            }
            out.extend(not_valid);
        }
        out
    }
}

/// `n` logarithmically spaced masses from `min` to `max` (validated).
pub fn log_masses(min: f64, max: f64, n: usize) -> Result<Vec<f64>> {
    let (lower, upper) = (crate::model::MASS_MIN, crate::model::MASS_MAX);
    if !(min.is_finite() && (lower..upper).contains(&min)) {
        return Err(Error::invalid(
            "mass-min",
            min,
            &format!("{lower:e} <= mass-min < {upper:e} GeV"),
        ));
    }
    if !(max.is_finite() && max > min && max <= upper) {
        return Err(Error::invalid(
            "mass-max",
            max,
            &format!("mass-min < mass-max <= {upper:e} GeV"),
        ));
    }
    if !(2..=100_000).contains(&n) {
        return Err(Error::invalid("points", n as f64, "2 <= points <= 100000"));
    }
    let (a, b) = (min.ln(), max.ln());
    Ok((0..n)
        .map(|i| match i {
            0 => min,
            _ if i + 1 == n => max,
            _ => (a + (b - a) * i as f64 / (n - 1) as f64).exp(),
        })
        .collect())
}

/// Coupling limits of every constraint of the input set over a mass grid. `template` fixes
/// the model parameters other than mass and coupling. Resolves the constraints (builds their
/// tables) first: to time or repeat the evaluation alone, resolve once with
/// [`Constraint::for_inputs`] and call [`limits_with`].
pub fn limits(
    model: &Model,
    template: &Point,
    inputs: &InputSet,
    masses: &[f64],
) -> Result<LimitsReport> {
    limits_with(
        &Constraint::for_inputs(inputs)?,
        model,
        template,
        inputs,
        masses,
    )
}

/// Coupling limits of resolved constraints over a mass grid (the inputs must be the ones the
/// constraints were resolved with).
pub fn limits_with(
    constraints: &[Constraint],
    model: &Model,
    template: &Point,
    inputs: &InputSet,
    masses: &[f64],
) -> Result<LimitsReport> {
    let sm = StandardModel::from_inputs(inputs)?;
    let for_model: Vec<Constraint> = constraints
        .par_iter()
        .map(|c| c.for_model(&sm, inputs, template))
        .collect();
    // One point per mass, with the store of what its constraints share there (the flavour
    // loop, the Z' widths, the new K+ decays: computed by the first constraint that needs
    // them). Masses are independent: evaluate them in parallel, constraint by constraint (its
    // data stay in cache); `collect` keeps the grid order, so the report is identical to a
    // serial run.
    let at_mass: Vec<(Point, AtMassShared)> = masses
        .par_iter()
        .map(|&m| {
            let point = template.with_mass(m);
            let shared = AtMassShared::new(&point);
            (point, shared)
        })
        .collect();
    let columns = for_model
        .iter()
        .map(|c| {
            at_mass
                .par_iter()
                .map(|(point, shared)| {
                    let mut l = c.limits_at_shared(&sm, inputs, point, Some(shared))?;
                    if !l.valid && l.reason.is_none() {
                        // said per mass, so that a reader of the JSON or CSV sees why it is empty
                        l.reason = Some(
                            c.not_applied_reason(&sm, inputs, point)
                                .unwrap_or_else(|| "not applied at this mass".into()),
                        );
                    }
                    Ok(l)
                })
                .collect::<Result<Vec<_>>>()
        })
        .collect::<Result<Vec<_>>>()?;
    let out = constraints
        .iter()
        .zip(columns)
        .map(|(c, limits)| ConstraintLimits {
            name: c.spec.id.clone(),
            label: c.spec.label.clone(),
            observable: c.observable(),
            kind: c.spec.kind_name().into(),
            cl: c.cl,
            bands: c.bands(),
            valid_mass: c.validity().map(|v| v.mass),
            reference: c.reference.clone(),
            note: c.spec.note.clone(),
            projection: c.rule().is_projection(),
            expected_bands: c.rule().expected_bands().to_vec(),
            limits,
        })
        .collect();
    Ok(LimitsReport {
        model: model.name.clone(),
        coupling: template.coupling_kind.name().into(),
        parameters: (*template.parameters).clone(),
        inputs: inputs.name.clone(),
        masses: masses.to_vec(),
        constraints: out,
        not_included: model
            .not_included_ranges
            .iter()
            .filter(|n| masses.iter().any(|&m| n.relevant_at(m)))
            .cloned()
            .collect(),
    })
}
