//! Evaluations over points and mass grids: the reports `zprime point` and `zprime limits`
//! print. (Random scans and parallel grids come with the flavour issues.)

pub mod wu;

use crate::constraints::{Constraint, Evaluation, MassLimits};
use crate::error::{Error, Result};
use crate::inputs::{InputSet, StandardModel};
use crate::model::{Model, Point};
use crate::observables::{registry, Context};
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
    /// Canonical observable name → prediction.
    pub observables: BTreeMap<String, f64>,
    /// Constraint evaluations.
    pub constraints: Vec<Evaluation>,
    /// Constraints outside their range of validity.
    pub not_applied: Vec<NotApplied>,
    /// Caveats: observables not computed and why, approximations in force.
    pub notes: Vec<String>,
}

/// Evaluate every registered observable and every constraint of the input set at a point.
pub fn evaluate_point(model: &Model, point: &Point, inputs: &InputSet) -> Result<PointReport> {
    let sm = StandardModel::from_inputs(inputs)?;
    let ctx = Context {
        sm: &sm,
        inputs,
        point,
    };
    let mut observables = BTreeMap::new();
    let mut notes = Vec::new();
    for o in registry() {
        match (o.predict)(&ctx) {
            Ok(v) if v.is_finite() => {
                observables.insert(o.name.to_string(), v);
            }
            Ok(v) => {
                return Err(Error::Numerical {
                    context: o.name.into(),
                    message: format!("non-finite value {v}"),
                })
            }
            Err(Error::Numerical { message, .. }) => {
                notes.push(format!("{} not computed: {message}", o.name))
            }
            Err(Error::NotApplicable { reason, .. }) => {
                notes.push(format!("{} not computed: {reason}", o.name))
            }
            Err(e) => return Err(e),
        }
    }
    if !point.charges.quarks_uncharged() {
        notes.push("hadronic Z' decays are not included: Gamma(Zp) and the branching fractions count leptons only".into());
    }
    let mut constraints = Vec::new();
    let mut not_applied = Vec::new();
    for c in Constraint::for_inputs(inputs)? {
        match c.evaluate(&sm, inputs, point)? {
            Some(e) => constraints.push(e),
            None => {
                not_applied.push(NotApplied {
                    name: c.spec.id.clone(),
                    reason: c
                        .not_applied_reason(&sm, inputs, point)
                        .unwrap_or_else(|| "not applicable at this point".into()),
                });
            }
        }
    }
    let mut parameters = point.parameters.clone();
    parameters.insert("mass".into(), point.mass);
    parameters.insert(point.coupling_kind.name().into(), point.coupling());
    Ok(PointReport {
        model: model.name.clone(),
        parameters,
        inputs: inputs.name.clone(),
        observables,
        constraints,
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
    /// Observable.
    pub observable: String,
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
/// the model parameters other than mass and coupling.
pub fn limits(
    model: &Model,
    template: &Point,
    inputs: &InputSet,
    masses: &[f64],
) -> Result<LimitsReport> {
    let sm = StandardModel::from_inputs(inputs)?;
    let mut constraints = Vec::new();
    for c in Constraint::for_inputs(inputs)? {
        // Masses are independent: evaluate them in parallel; `collect` keeps the grid order,
        // so the report is identical to a serial run.
        let limits = masses
            .par_iter()
            .map(|&m| c.limits_at(&sm, inputs, &template.with_mass(m)))
            .collect::<Result<Vec<_>>>()?;
        constraints.push(ConstraintLimits {
            name: c.spec.id.clone(),
            label: c.spec.label.clone(),
            observable: c.observable.name.into(),
            cl: c.cl,
            bands: c.spec.bands.clone(),
            valid_mass: c.spec.valid_mass,
            reference: c.reference.clone(),
            note: c.spec.note.clone(),
            projection: c.spec.projection.is_some(),
            expected_bands: c.spec.expected_bands.clone(),
            limits,
        });
    }
    Ok(LimitsReport {
        model: model.name.clone(),
        coupling: template.coupling_kind.name().into(),
        parameters: template.parameters.clone(),
        inputs: inputs.name.clone(),
        masses: masses.to_vec(),
        constraints,
    })
}
