//! The global likelihood: every applied constraint's −2 ln(L/L_best) summed into one χ² of a
//! point, with its per-constraint breakdown, the profile over the coupling at fixed mass, the
//! Δχ² over a set of points and the Standard-Model (g = 0) reference.
//!
//! Statistical conventions (README, "Statistical conventions"):
//! - A constraint's term is its [`Outcome::test_statistic`]: a Gaussian measurement
//!   (value ± σ) gives the pull² ((O − value)/σ)², two-sided, also where the constraint file
//!   only draws its bands (`bands_only` is about the figure; the measurement is a
//!   measurement); `upper_only` gives the pull² above the value and 0 below (a measurement
//!   the prediction may only stay under, such as a short-distance part of a measured total).
//!   An upper limit at confidence level CL (a number or a curve against the mass) is a
//!   half-Gaussian centred at zero whose one-sided quantile at the CL is the limit:
//!   (z O/limit)² for O > 0 with z = Φ⁻¹(CL) (1.2816 at 90%, 1.6449 at 95%), 0 below; this is
//!   an approximation (a published limit is not a likelihood). A Poisson search is the
//!   one-sided likelihood ratio q of paper 001 Eq. 21-22.
//! - Projections (expected sensitivities) never enter: they are not data.
//! - Each measurement enters once: of several constraints on the same observable with the
//!   same measurement (paper 004's g−2 band and its 5σ bound) the two-sided one is kept.
//! - A constraint that does not apply at a point (outside its mass range, or its observable
//!   does not cover the model there) contributes its Standard-Model value (its term at
//!   coupling 0, at a mass where it applies): where zprime cannot compute the Z′ effect it
//!   assumes none, so that the data are the same at every point and Δχ² does not jump at a
//!   constraint's mass edge. For limits and searches that value is 0; for a measurement it is
//!   the Standard Model's pull². Such terms are listed as not applied.
//! - Correlations between measurements are neglected: the terms are independent.
//!
//! Δχ² is taken with respect to the minimum over the points considered (a scan, a grid);
//! Wilks' theorem with the number of scanned parameters turns it into regions and
//! significances ([`delta_chi2_of_sigma`], [`significance`]).

pub use crate::constraints::stats::{chi2_quantile, delta_chi2_of_sigma, significance};
use crate::constraints::{Constraint, Kind, Outcome};
use crate::error::{Error, Result};
use crate::inputs::{InputSet, StandardModel};
use crate::model::{Point, COUPLING_MAX, MASS_MAX, MASS_MIN};
use crate::observables::{AtMassShared, Context};
use rayon::prelude::*;
use serde::Serialize;

/// A constraint of the input set that does not enter the likelihood, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOut {
    /// Constraint id.
    pub id: String,
    /// Why it is left out.
    pub reason: String,
}

/// One constraint's contribution to the χ² of a point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// Constraint id.
    pub id: String,
    /// The constraint's kind (`gaussian`, `upper_limit`, ...).
    pub kind: String,
    /// Its observable.
    pub observable: String,
    /// −2 ln(L/L_best) of the constraint at the point (its Standard-Model value where it is
    /// not applied).
    pub chi2: f64,
    /// Whether the constraint applies at the point.
    pub applied: bool,
    /// Why it does not apply (where `applied` is false).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The χ² of a point with its breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chi2 {
    /// Σ of the terms.
    pub total: f64,
    /// One entry per constraint of the likelihood, in input-set order.
    pub terms: Vec<Term>,
}

/// The minimum of the χ² over the coupling at one mass.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Profile {
    /// The coupling at the minimum.
    pub coupling: f64,
    /// The χ² there.
    pub chi2: f64,
}

/// The combined likelihood of a set of constraints for one model: the constraints
/// specialised to the model (see [`Constraint::for_model`]) with their Standard-Model terms.
pub struct Likelihood {
    sm: StandardModel,
    inputs: InputSet,
    terms: Vec<Constraint>,
    sm_terms: Vec<f64>,
    left_out: Vec<LeftOut>,
}

/// Whether a constraint is a projected sensitivity rather than data: a projected search, or
/// a limit whose measurement says it is a projection.
pub fn is_projection(c: &Constraint) -> bool {
    c.rule().is_projection()
        || c.reference
            .trim_start()
            .to_ascii_uppercase()
            .starts_with("PROJECTION")
        || c.spec.id.to_ascii_lowercase().contains("(projection)")
}

/// Whether a Gaussian constraint uses only the upper side of its measurement.
fn upper_only(c: &Constraint) -> bool {
    matches!(&c.spec.kind, Kind::Gaussian(k) if k.upper_only)
}

/// The constraints that enter (projections and repeated measurements removed) and those left
/// out with the reason.
fn select(constraints: &[Constraint]) -> (Vec<Constraint>, Vec<LeftOut>) {
    let mut kept: Vec<Constraint> = Vec::new();
    let mut left_out = Vec::new();
    let same = |a: &Constraint, b: &Constraint| {
        a.observable() == b.observable() && a.spec.measurement() == b.spec.measurement()
    };
    for c in constraints {
        if is_projection(c) {
            left_out.push(LeftOut {
                id: c.spec.id.clone(),
                reason: "a projected sensitivity, not data".into(),
            });
            continue;
        }
        match kept.iter().position(|k| same(k, c)) {
            // the two-sided reading of a measurement carries more than its upper side
            Some(i) if upper_only(&kept[i]) && !upper_only(c) => {
                let old = std::mem::replace(&mut kept[i], c.clone());
                left_out.push(LeftOut {
                    id: old.spec.id.clone(),
                    reason: format!("the same measurement as '{}', counted once", c.spec.id),
                });
            }
            Some(i) => left_out.push(LeftOut {
                id: c.spec.id.clone(),
                reason: format!(
                    "the same measurement as '{}', counted once",
                    kept[i].spec.id
                ),
            }),
            None => kept.push(c.clone()),
        }
    }
    (kept, left_out)
}

/// The context of a point.
fn context<'a>(
    sm: &'a StandardModel,
    inputs: &'a InputSet,
    point: &'a Point,
    shared: Option<&'a AtMassShared>,
) -> Context<'a> {
    Context {
        sm,
        inputs,
        point,
        shared,
    }
}

/// The term of `c` at coupling 0, at a mass where it applies (the template's, else the middle
/// of its mass range in ln m, else an end of it); 0 if it applies nowhere to this model.
fn standard_model_term(
    c: &Constraint,
    sm: &StandardModel,
    inputs: &InputSet,
    template: &Point,
) -> Result<f64> {
    let zero = template.with_coupling(0.0);
    let mut masses = vec![template.mass];
    if let Some(v) = c.validity() {
        let lo = v.mass[0].clamp(MASS_MIN, MASS_MAX);
        let hi = v.mass[1].clamp(MASS_MIN, MASS_MAX);
        masses.extend([(lo * hi).sqrt(), lo, hi]);
    }
    for m in masses {
        match c.outcome(sm, inputs, &zero.with_mass(m)) {
            Ok(Some(o)) => return Ok(finite_term(&o)),
            Ok(None) | Err(Error::Numerical { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(0.0)
}

/// A test statistic that is a number (a non-finite one, from an observable's overflow far
/// outside the region of interest, counts as very large rather than as NaN).
fn finite_term(o: &Outcome) -> f64 {
    let t = o.test_statistic;
    if t.is_nan() {
        f64::MAX.sqrt()
    } else {
        t.min(f64::MAX.sqrt())
    }
}

impl Likelihood {
    /// The likelihood of `constraints` (resolved with `inputs`) for the model of `template`
    /// (its mass and coupling are free; every other parameter may still vary from point to
    /// point).
    pub fn new(
        constraints: &[Constraint],
        inputs: &InputSet,
        template: &Point,
    ) -> Result<Likelihood> {
        let sm = StandardModel::from_inputs(inputs)?;
        let (kept, left_out) = select(constraints);
        let terms: Vec<Constraint> = kept
            .par_iter()
            .map(|c| c.for_model(&sm, inputs, template))
            .collect();
        let sm_terms = terms
            .par_iter()
            .map(|c| standard_model_term(c, &sm, inputs, template))
            .collect::<Result<Vec<_>>>()?;
        Ok(Likelihood {
            sm,
            inputs: inputs.clone(),
            terms,
            sm_terms,
            left_out,
        })
    }

    /// The likelihood of every constraint the input set applies.
    pub fn from_inputs(inputs: &InputSet, template: &Point) -> Result<Likelihood> {
        Likelihood::new(&Constraint::for_inputs(inputs)?, inputs, template)
    }

    /// The ids of the constraints that enter, in input-set order.
    pub fn ids(&self) -> Vec<String> {
        self.terms.iter().map(|c| c.spec.id.clone()).collect()
    }

    /// The constraints left out (projections, repeated measurements) with the reason.
    pub fn left_out(&self) -> &[LeftOut] {
        &self.left_out
    }

    /// The input set.
    pub fn inputs(&self) -> &InputSet {
        &self.inputs
    }

    /// Each constraint's Standard-Model term (coupling 0), in the order of [`Likelihood::ids`].
    pub fn standard_model_terms(&self) -> &[f64] {
        &self.sm_terms
    }

    /// The χ² of a point with its breakdown.
    pub fn chi2(&self, p: &Point) -> Result<Chi2> {
        let mut terms = Vec::with_capacity(self.terms.len());
        for (c, &sm_term) in self.terms.iter().zip(&self.sm_terms) {
            let (chi2, applied, reason) = match c.outcome(&self.sm, &self.inputs, p)? {
                Some(o) => (finite_term(&o), true, None),
                None => (
                    sm_term,
                    false,
                    Some(format!(
                        "{}; its Standard-Model value enters",
                        c.not_applied_reason(&self.sm, &self.inputs, p)
                            .unwrap_or_else(|| "not applied at this point".into())
                    )),
                ),
            };
            terms.push(Term {
                id: c.spec.id.clone(),
                kind: c.spec.kind_name().into(),
                observable: c.observable(),
                chi2,
                applied,
                reason,
            });
        }
        Ok(Chi2 {
            total: terms.iter().map(|t| t.chi2).sum(),
            terms,
        })
    }

    /// The χ² of a point (the sum of [`Likelihood::chi2`] without the breakdown).
    pub fn total(&self, p: &Point) -> Result<f64> {
        let mut sum = 0.0;
        for (c, &sm_term) in self.terms.iter().zip(&self.sm_terms) {
            sum += match c.outcome(&self.sm, &self.inputs, p)? {
                Some(o) => finite_term(&o),
                None => sm_term,
            };
        }
        Ok(sum)
    }

    /// The χ² of the Standard Model: the point at coupling 0 (its other parameters kept).
    pub fn standard_model(&self, template: &Point) -> Result<Chi2> {
        self.chi2(&template.with_coupling(0.0))
    }

    /// The χ² at each of `couplings` at the point's mass (its other parameters fixed), from
    /// each constraint's function of the coupling at that mass
    /// ([`crate::constraints::Rule::statistic_at_mass`]).
    pub fn in_coupling(&self, p: &Point, couplings: &[f64]) -> Result<Vec<f64>> {
        let shared = AtMassShared::new(p);
        let ctx = context(&self.sm, &self.inputs, p, Some(&shared));
        let mut sum = vec![0.0; couplings.len()];
        for (c, &sm_term) in self.terms.iter().zip(&self.sm_terms) {
            let f = if c.valid_at(p.mass) {
                match c.rule().statistic_at_mass(&ctx) {
                    Err(Error::NotApplicable { .. }) => None,
                    r => Some(r?),
                }
            } else {
                None
            };
            for (s, &g) in sum.iter_mut().zip(couplings) {
                *s += match &f {
                    None => sm_term,
                    Some(f) => match f(g) {
                        Err(Error::NotApplicable { .. }) => sm_term,
                        Ok(t) if t.is_nan() => f64::MAX.sqrt(),
                        r => r?.min(f64::MAX.sqrt()),
                    },
                };
            }
        }
        Ok(sum)
    }

    /// The minimum of the χ² over the coupling in `[lo, hi]` (0 < lo < hi) at the point's
    /// mass: 97 couplings spaced evenly in ln g, then golden-section refinement in ln g
    /// around the best of them.
    pub fn profile(&self, p: &Point, (lo, hi): (f64, f64)) -> Result<Profile> {
        if !(lo > 0.0 && hi > lo && hi <= COUPLING_MAX) {
            return Err(Error::invalid(
                "coupling range",
                lo,
                &format!("0 < low < high <= {COUPLING_MAX}"),
            ));
        }
        const SAMPLES: usize = 97;
        let (a, b) = (lo.ln(), hi.ln());
        let grid: Vec<f64> = (0..SAMPLES)
            .map(|i| (a + (b - a) * i as f64 / (SAMPLES - 1) as f64).exp())
            .collect();
        let values = self.in_coupling(p, &grid)?;
        let best = (0..SAMPLES)
            .min_by(|&i, &j| values[i].total_cmp(&values[j]))
            .unwrap_or(0);
        let step = (b - a) / (SAMPLES - 1) as f64;
        let (mut x0, mut x1) = (
            (a + step * (best as f64 - 1.0)).max(a),
            (a + step * (best as f64 + 1.0)).min(b),
        );
        let at = |t: f64| -> Result<f64> { Ok(self.in_coupling(p, &[t.exp()])?[0]) };
        let ratio = 0.5 * (5f64.sqrt() - 1.0);
        let (mut c, mut d) = (x1 - ratio * (x1 - x0), x0 + ratio * (x1 - x0));
        let (mut fc, mut fd) = (at(c)?, at(d)?);
        for _ in 0..60 {
            if (x1 - x0).abs() < 1e-9 {
                break;
            }
            if fc <= fd {
                x1 = d;
                d = c;
                fd = fc;
                c = x1 - ratio * (x1 - x0);
                fc = at(c)?;
            } else {
                x0 = c;
                c = d;
                fc = fd;
                d = x0 + ratio * (x1 - x0);
                fd = at(d)?;
            }
        }
        let (t, f) = if fc <= fd { (c, fc) } else { (d, fd) };
        Ok(if f <= values[best] {
            Profile {
                coupling: t.exp(),
                chi2: f,
            }
        } else {
            Profile {
                coupling: grid[best],
                chi2: values[best],
            }
        })
    }
}

/// Δχ² = χ² − min χ² over the values given (NaN-free input expected; an empty slice gives an
/// empty result).
pub fn delta_chi2(chi2: &[f64]) -> Vec<f64> {
    let min = chi2.iter().copied().fold(f64::INFINITY, f64::min);
    chi2.iter().map(|c| c - min).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    #[test]
    fn projections_and_repeated_measurements_are_left_out() {
        let set = InputSet::load("altmannshofer2014").unwrap();
        let model = Model::resolve("lmu-ltau").unwrap();
        let template = model.point(0.1, 1e-3, &Default::default()).unwrap();
        let mut cs = Constraint::for_inputs(&set).unwrap();
        cs.push(Constraint::load("K->munuinv:E949-recast(approx):NKx10", &set).unwrap());
        let l = Likelihood::new(&cs, &set, &template).unwrap();
        let ids = l.ids();
        assert!(
            ids.contains(&"g-2:altmannshofer2014".to_string()),
            "{ids:?}"
        );
        assert!(!ids.contains(&"g-2:altmannshofer2014:5sigma".to_string()));
        let out: Vec<&str> = l.left_out().iter().map(|o| o.id.as_str()).collect();
        assert_eq!(
            out,
            [
                "g-2:altmannshofer2014:5sigma",
                "K->munuinv:E949-recast(approx):NKx10"
            ]
        );
    }

    #[test]
    fn in_coupling_agrees_with_the_point_chi2() {
        let set = InputSet::default_set();
        let model = Model::resolve("lmu-ltau").unwrap();
        let template = model.point(0.3, 1e-3, &Default::default()).unwrap();
        let l = Likelihood::from_inputs(&set, &template).unwrap();
        for m in [0.003, 0.3, 3.0, 30.0] {
            let gs = [1e-5, 3e-4, 2e-3];
            let p = template.with_mass(m);
            let scan = l.in_coupling(&p, &gs).unwrap();
            for (g, s) in gs.iter().zip(&scan) {
                let direct = l.chi2(&p.with_coupling(*g)).unwrap().total;
                assert!(
                    (s - direct).abs() <= 1e-9 * direct.abs().max(1.0),
                    "{m} {g}: {s} {direct}"
                );
            }
        }
    }
}
