//! `kind = "gaussian"`: a measurement value ± σ. The allowed interval at z sigma is
//! [value − zσ, value + zσ] (or only its upper edge, `upper_only`); z comes from `cl`
//! (two-sided, 1.96 for 0.95) or is given as `sigma`. When the Standard Model lies outside the
//! interval (an anomaly) the allowed region is a preferred band, drawn at the `bands` levels;
//! otherwise the constraint acts as a bound. `bands_only`: mark the bands, exclude nothing
//! (a paper's favoured band whose exclusion, if any, is a separate constraint).

use super::intervals::{self, bound_on_side, segments, status_of, with_status};
use super::{Outcome, Regions, Rule, Status};
use crate::error::{Error, Result};
use crate::experiments::{self, Value};
use crate::observables::{Context, Preparations, Prepared, Query, Validity};
use serde::{Deserialize, Serialize};

/// The fields of a Gaussian constraint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Measurement id (`data/experiments/measurements.toml`).
    pub measurement: String,
    /// Confidence level (two-sided).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cl: Option<f64>,
    /// Or the number of sigma directly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sigma: Option<f64>,
    /// Preferred bands to draw (in sigma) when the SM is outside.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<f64>,
    /// Only the upper side of the interval is used.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub upper_only: bool,
    /// The constraint only marks preferred bands and excludes nothing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bands_only: bool,
    /// The published [low, high] of each band level (same order as `bands`), for a result
    /// whose intervals are not value ± zσ (asymmetric or Poisson intervals of a few events,
    /// such as the KOTO 2019 events); the measurement's value and σ still give the status
    /// and the test statistic.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub band_edges: Vec<[f64; 2]>,
}

/// The allowed interval of the observable at `z` sigma.
pub fn allowed_interval(value: f64, uncertainty: f64, z: f64, upper_only: bool) -> (f64, f64) {
    let lo = if upper_only {
        f64::NEG_INFINITY
    } else {
        value - z * uncertainty
    };
    (lo, value + z * uncertainty)
}

/// A resolved Gaussian constraint.
#[derive(Clone)]
pub struct Gaussian {
    spec: Spec,
    observable: Prepared,
    value: f64,
    uncertainty: f64,
    z: f64,
    cl: f64,
    reference: String,
}

impl Gaussian {
    /// Resolve the measurement and prepare the observable.
    pub fn new(
        c: &super::Spec,
        spec: &Spec,
        query: &Query,
        prep: &Preparations,
    ) -> Result<Gaussian> {
        let inputs = prep.inputs;
        let bad = |m: &str| Error::file(super::FILE, format!("constraint '{}': {m}", c.id));
        let Value::Gaussian { value, uncertainty } =
            experiments::resolve(&spec.measurement, inputs)?
        else {
            return Err(bad(
                "kind = gaussian needs a measurement with an uncertainty",
            ));
        };
        let (z, cl) = match (spec.cl, spec.sigma) {
            (Some(cl), None) if cl > 0.0 && cl < 1.0 => (super::stats::two_sided_z(cl), cl),
            (None, Some(z)) if z > 0.0 => (z, super::stats::cl_of_z(z)),
            _ => return Err(bad("give exactly one of cl (0 < cl < 1) or sigma (> 0)")),
        };
        if spec.bands.iter().any(|b| !(b.is_finite() && *b > 0.0)) {
            return Err(bad("bands are sigma levels > 0"));
        }
        if !spec.band_edges.is_empty()
            && (spec.band_edges.len() != spec.bands.len()
                || spec
                    .band_edges
                    .iter()
                    .any(|[lo, hi]| lo.is_nan() || hi.is_nan() || lo >= hi))
        {
            return Err(bad(
                "band_edges: one [low, high] with low < high per entry of bands",
            ));
        }
        Ok(Gaussian {
            spec: spec.clone(),
            observable: prep.prepare(query)?,
            value,
            uncertainty,
            z,
            cl,
            reference: experiments::entry(&spec.measurement)?.reference.clone(),
        })
    }

    /// The allowed interval at z sigma: the published band edges at that level if given.
    fn allowed(&self, z: f64) -> (f64, f64) {
        let published = self
            .spec
            .bands
            .iter()
            .zip(&self.spec.band_edges)
            .find(|(b, _)| **b == z);
        match published {
            Some((_, &[lo, hi])) => (lo, hi),
            None => allowed_interval(self.value, self.uncertainty, z, self.spec.upper_only),
        }
    }
}

impl Gaussian {
    /// −2 ln(L/L_best) of a prediction: the pull², two-sided (also for `bands_only`, which
    /// is about the figure), or only above the value with `upper_only`.
    fn statistic(&self, o: f64) -> f64 {
        let pull = (o - self.value) / self.uncertainty;
        if self.spec.upper_only && pull < 0.0 {
            0.0
        } else {
            pull * pull
        }
    }
}

impl Rule for Gaussian {
    fn cl(&self) -> f64 {
        self.cl
    }

    fn reference(&self) -> String {
        self.reference.clone()
    }

    fn observable(&self) -> String {
        self.observable.name.clone()
    }

    fn validity(&self) -> Option<Validity> {
        self.observable.validity.clone()
    }

    fn bands(&self) -> &[f64] {
        &self.spec.bands
    }

    fn outcome(&self, ctx: &Context) -> Result<Outcome> {
        let (o, o_sm) = self.observable.with_sm_value(ctx)?;
        let allowed = self.allowed(self.z);
        let mut status = status_of(allowed, o, o_sm);
        if self.spec.bands_only && status == Status::Excluded {
            status = Status::Allowed;
        }
        Ok(Outcome {
            status,
            value: o,
            bound: bound_on_side(allowed, o, self.value),
            test_statistic: self.statistic(o),
        })
    }

    /// The prediction as a function of the coupling at this mass (prepared once), so that a
    /// profile or a likelihood grid costs one cheap evaluation per coupling.
    fn statistic_at_mass<'a>(
        &'a self,
        ctx: &Context<'a>,
    ) -> Result<Box<dyn Fn(f64) -> Result<f64> + 'a>> {
        let f = self.observable.at_mass(ctx)?.function;
        Ok(Box::new(move |c| Ok(self.statistic(f.at(c)?))))
    }

    fn regions(&self, ctx: &Context) -> Result<Regions> {
        let at = self.observable.at_mass(ctx)?;
        let (f, o_sm) = (at.function, at.sm_value);
        let excluded = if self.spec.bands_only {
            vec![]
        } else {
            with_status(&segments(&f, o_sm, self.allowed(self.z))?, Status::Excluded)
        };
        let preferred = self
            .spec
            .bands
            .iter()
            .enumerate()
            .map(|(i, &b)| {
                let band = match self.spec.band_edges.get(i) {
                    Some(&[lo, hi]) => (lo, hi),
                    None => self.allowed(b),
                };
                Ok(intervals::with_status(
                    &segments(&f, o_sm, band)?,
                    Status::Preferred,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Regions {
            excluded,
            preferred,
            expected: vec![],
        })
    }

    fn for_model(&self, ctx: &Context) -> Box<dyn Rule> {
        Box::new(Gaussian {
            observable: self.observable.for_model(ctx),
            ..self.clone()
        })
    }
}
