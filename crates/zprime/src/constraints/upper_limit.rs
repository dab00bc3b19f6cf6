//! `kind = "upper_limit"`: excluded where the prediction exceeds a limit at one CL
//! (`measurement` names an upper limit of `data/experiments/measurements.toml`).

use super::intervals::{bound_on_side, segments, status_of, upper_limit_statistic, with_status};
use super::{Outcome, Regions, Rule, Status};
use crate::error::{Error, Result};
use crate::experiments::{self, Value};
use crate::observables::{Context, Preparations, Prepared, Query, Validity};
use serde::{Deserialize, Serialize};

/// The fields of an upper-limit constraint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Measurement id of the limit.
    pub measurement: String,
}

/// A resolved upper limit.
#[derive(Clone)]
pub struct UpperLimit {
    observable: Prepared,
    limit: f64,
    cl: f64,
    reference: String,
}

impl UpperLimit {
    /// Resolve the limit and prepare the observable.
    pub fn new(
        c: &super::Spec,
        spec: &Spec,
        query: &Query,
        prep: &Preparations,
    ) -> Result<UpperLimit> {
        let inputs = prep.inputs;
        let Value::UpperLimit { limit, cl } = experiments::resolve(&spec.measurement, inputs)?
        else {
            return Err(Error::file(
                super::FILE,
                format!(
                    "constraint '{}': kind = upper_limit needs a measurement that is a limit",
                    c.id
                ),
            ));
        };
        Ok(UpperLimit {
            observable: prep.prepare(query)?,
            limit,
            cl,
            reference: experiments::entry(&spec.measurement)?.reference.clone(),
        })
    }
}

/// Outcome and regions of an upper limit `limit` (at `cl`) on `observable`: shared with the
/// limit curves, whose limit depends on the mass.
pub(crate) fn outcome(
    observable: &Prepared,
    limit: f64,
    cl: f64,
    ctx: &Context,
) -> Result<Outcome> {
    let (o, o_sm) = observable.with_sm_value(ctx)?;
    let allowed = (f64::NEG_INFINITY, limit);
    Ok(Outcome {
        status: status_of(allowed, o, o_sm),
        value: o,
        bound: bound_on_side(allowed, o, limit),
        test_statistic: upper_limit_statistic(o, limit, cl),
    })
}

/// −2 ln L of an upper limit as a function of the coupling at the point's mass (the
/// observable's per-mass function, prepared once).
pub(crate) fn statistic_at_mass<'a>(
    observable: &'a Prepared,
    limit: f64,
    cl: f64,
    ctx: &Context<'a>,
) -> Result<Box<dyn Fn(f64) -> Result<f64> + 'a>> {
    let f = observable.at_mass(ctx)?.function;
    Ok(Box::new(move |c| {
        Ok(upper_limit_statistic(f.at(c)?, limit, cl))
    }))
}

/// The excluded couplings of an upper limit at the point's mass.
pub(crate) fn regions(observable: &Prepared, limit: f64, ctx: &Context) -> Result<Regions> {
    let at = observable.at_mass(ctx)?;
    Ok(Regions {
        excluded: with_status(
            &segments(&at.function, at.sm_value, (f64::NEG_INFINITY, limit))?,
            Status::Excluded,
        ),
        ..Regions::default()
    })
}

impl Rule for UpperLimit {
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

    fn outcome(&self, ctx: &Context) -> Result<Outcome> {
        outcome(&self.observable, self.limit, self.cl, ctx)
    }

    fn regions(&self, ctx: &Context) -> Result<Regions> {
        regions(&self.observable, self.limit, ctx)
    }

    fn statistic_at_mass<'a>(
        &'a self,
        ctx: &Context<'a>,
    ) -> Result<Box<dyn Fn(f64) -> Result<f64> + 'a>> {
        statistic_at_mass(&self.observable, self.limit, self.cl, ctx)
    }

    fn for_model(&self, ctx: &Context) -> Box<dyn Rule> {
        Box::new(UpperLimit {
            observable: self.observable.for_model(ctx),
            ..self.clone()
        })
    }
}
