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
use crate::model::Model;
use crate::model::{Point, COUPLING_MAX, MASS_MAX, MASS_MIN};
use crate::observables::{AtMassShared, Context};
use crate::scan::sample::{Design, Scale};
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

/// Couplings of the first, coarse pass of [`Likelihood::profile`].
const PROFILE_SAMPLES: usize = 97;

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
        let shared = AtMassShared::new(p);
        for (c, &sm_term) in self.terms.iter().zip(&self.sm_terms) {
            let (chi2, applied, reason) =
                match c.outcome_shared(&self.sm, &self.inputs, p, Some(&shared))? {
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
        // what the observables share at this mass (flavour loops, widths), computed once
        let shared = AtMassShared::new(p);
        for (c, &sm_term) in self.terms.iter().zip(&self.sm_terms) {
            sum += match c.outcome_shared(&self.sm, &self.inputs, p, Some(&shared))? {
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

    /// The χ² on the grid `masses` × `couplings` (the template's other parameters fixed):
    /// `[i][j]` at (`masses[i]`, `couplings[j]`), masses evaluated in parallel.
    pub fn grid(
        &self,
        template: &Point,
        masses: &[f64],
        couplings: &[f64],
    ) -> Result<Vec<Vec<f64>>> {
        masses
            .par_iter()
            .map(|&m| self.in_coupling(&template.with_mass(m), couplings))
            .collect()
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
        let (a, b) = (lo.ln(), hi.ln());
        let grid: Vec<f64> = (0..PROFILE_SAMPLES)
            .map(|i| (a + (b - a) * i as f64 / (PROFILE_SAMPLES - 1) as f64).exp())
            .collect();
        let values = self.in_coupling(p, &grid)?;
        let best = (0..PROFILE_SAMPLES)
            .min_by(|&i, &j| values[i].total_cmp(&values[j]))
            .unwrap_or(0);
        let step = (b - a) / (PROFILE_SAMPLES - 1) as f64;
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

/// The point of `model` at the values of a design's parameters (`names[k]` = `values[k]`):
/// `mass`, the model's coupling (`g`, or `eps` for a dark photon) and the model's own
/// parameters (the others at their defaults). Errors name `--param`.
pub fn design_point(model: &Model, names: &[String], values: &[f64]) -> Result<Point> {
    let cname = model.coupling.name();
    let (mut mass, mut coupling) = (None, None);
    let mut params = std::collections::BTreeMap::new();
    for (name, &v) in names.iter().zip(values) {
        if name == "mass" {
            mass = Some(v);
        } else if name == cname {
            coupling = Some(v);
        } else {
            params.insert(name.clone(), v);
        }
    }
    let missing = |what: &str| Error::InvalidParameter {
        name: "--param".into(),
        value: names.join(", "),
        allowed: format!("a range or a value for {what} (e.g. --param {what}=1e-3:1)"),
    };
    let mass = mass.ok_or_else(|| missing("mass"))?;
    let coupling = coupling.ok_or_else(|| missing(cname))?;
    model.point(mass, coupling, &params).map_err(|e| match e {
        Error::InvalidParameter {
            name,
            value,
            allowed,
        } => Error::InvalidParameter {
            name: format!("--param {name}"),
            value,
            allowed,
        },
        e => e,
    })
}

/// A point of a fit: the values of the design's parameters (in its order) and the χ².
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitPoint {
    /// Parameter values, in the order of [`Fit::names`].
    pub values: Vec<f64>,
    /// χ² there.
    pub chi2: f64,
}

/// The result of [`fit`]: the χ² of every point of the design and the best fit, sampled and
/// refined.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fit {
    /// The design's parameter names.
    pub names: Vec<String>,
    /// Number of parameters that vary (the degrees of freedom of Wilks' theorem).
    pub dof: u32,
    /// χ² of each design point, by index.
    pub chi2: Vec<f64>,
    /// The design point with the smallest χ² (the first one on ties).
    pub sampled: FitPoint,
    /// The minimum after polishing the sampled one with Nelder-Mead inside the ranges (never
    /// worse than `sampled`).
    pub refined: FitPoint,
    /// χ² evaluations of the polishing.
    pub refine_evaluations: usize,
}

/// The largest design a fit evaluates (the χ² of every point is kept).
pub const FIT_MAX_POINTS: u64 = 50_000_000;

/// Fit `model` over the points of `design`: the χ² at every point (in parallel, independent of
/// the thread count), its minimum, then a Nelder-Mead polish in the design's coordinates
/// (ln of a log-scaled parameter, the value of a linear one) kept inside the ranges.
pub fn fit(likelihood: &Likelihood, model: &Model, design: &Design) -> Result<Fit> {
    let n = design.len();
    if n > FIT_MAX_POINTS {
        return Err(Error::invalid(
            "number of points",
            n as f64,
            &format!("<= {FIT_MAX_POINTS} for a fit (use `zprime scan` with --shard for more)"),
        ));
    }
    let names: Vec<String> = design.params.iter().map(|p| p.name.clone()).collect();
    let chi2 = (0..n)
        .into_par_iter()
        .map(|i| likelihood.total(&design_point(model, &names, &design.point(i))?))
        .collect::<Result<Vec<f64>>>()?;
    let best = (0..chi2.len())
        .min_by(|&i, &j| chi2[i].total_cmp(&chi2[j]))
        .ok_or_else(|| Error::invalid("number of points", 0.0, ">= 1"))?;
    let sampled = FitPoint {
        values: design.point(best as u64),
        chi2: chi2[best],
    };
    let varying: Vec<usize> = (0..names.len())
        .filter(|&k| design.params[k].is_varying())
        .collect();
    let dof = varying.len() as u32;
    // The design coordinate u in [0, 1] of each varying parameter, and back.
    let to_u = |k: usize, v: f64| -> f64 {
        let r = &design.params[k];
        match r.scale {
            Scale::Log => (v / r.lo).ln() / (r.hi / r.lo).ln(),
            Scale::Linear => (v - r.lo) / (r.hi - r.lo),
        }
    };
    let values_at = |u: &[f64]| -> Vec<f64> {
        let mut values = sampled.values.clone();
        for (&k, &x) in varying.iter().zip(u) {
            values[k] = design.params[k].at(x.clamp(0.0, 1.0));
        }
        values
    };
    let objective = |u: &[f64]| -> Result<f64> {
        likelihood.total(&design_point(model, &names, &values_at(u))?)
    };
    let start: Vec<f64> = varying
        .iter()
        .map(|&k| to_u(k, sampled.values[k]))
        .collect();
    // first step: about the spacing of the design's points along an axis
    let step = (1.0 / (n as f64).powf(1.0 / f64::from(dof.max(1)))).clamp(1e-4, 0.25);
    let (u, value, refine_evaluations) = if varying.is_empty() {
        (start, sampled.chi2, 0)
    } else {
        nelder_mead(&objective, start, step, 200 * varying.len() + 100)?
    };
    let refined = if value < sampled.chi2 {
        FitPoint {
            values: values_at(&u),
            chi2: value,
        }
    } else {
        sampled.clone()
    };
    Ok(Fit {
        names,
        dof,
        chi2,
        sampled,
        refined,
        refine_evaluations,
    })
}

/// Minimise `f` over the unit cube from `start` with the Nelder-Mead simplex (reflection 1,
/// expansion 2, contraction 1/2, shrink 1/2; points clamped into the cube), first simplex
/// `start` + `step` along each axis (towards the inside). Stops when the simplex's values
/// agree to 1e-10 (absolute) and its extent is below 1e-7, or after `max_evaluations`.
/// Returns the best point, its value and the number of evaluations.
fn nelder_mead(
    f: &dyn Fn(&[f64]) -> Result<f64>,
    start: Vec<f64>,
    step: f64,
    max_evaluations: usize,
) -> Result<(Vec<f64>, f64, usize)> {
    let d = start.len();
    let clamp = |x: Vec<f64>| -> Vec<f64> { x.into_iter().map(|v| v.clamp(0.0, 1.0)).collect() };
    let evaluations = std::cell::Cell::new(0usize);
    let eval = |x: &[f64]| -> Result<f64> {
        evaluations.set(evaluations.get() + 1);
        f(x)
    };
    let mut simplex: Vec<(Vec<f64>, f64)> = Vec::with_capacity(d + 1);
    let x0 = clamp(start);
    let f0 = eval(&x0)?;
    simplex.push((x0.clone(), f0));
    for k in 0..d {
        let mut x = x0.clone();
        x[k] = if x[k] + step <= 1.0 {
            x[k] + step
        } else {
            x[k] - step
        };
        let x = clamp(x);
        let fx = eval(&x)?;
        simplex.push((x, fx));
    }
    let combine = |a: &[f64], b: &[f64], t: f64| -> Vec<f64> {
        clamp(a.iter().zip(b).map(|(p, q)| p + t * (q - p)).collect())
    };
    while evaluations.get() < max_evaluations {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (best, worst) = (simplex[0].1, simplex[d].1);
        let extent = simplex
            .iter()
            .flat_map(|(x, _)| x.iter().zip(&simplex[0].0).map(|(a, b)| (a - b).abs()))
            .fold(0.0, f64::max);
        if (worst - best).abs() < 1e-10 && extent < 1e-7 {
            break;
        }
        let centroid: Vec<f64> = (0..d)
            .map(|k| simplex[..d].iter().map(|(x, _)| x[k]).sum::<f64>() / d as f64)
            .collect();
        let reflected = combine(&centroid, &simplex[d].0, -1.0);
        let fr = eval(&reflected)?;
        if fr < simplex[0].1 {
            let expanded = combine(&centroid, &simplex[d].0, -2.0);
            let fe = eval(&expanded)?;
            simplex[d] = if fe < fr {
                (expanded, fe)
            } else {
                (reflected, fr)
            };
        } else if fr < simplex[d - 1].1 {
            simplex[d] = (reflected, fr);
        } else {
            let contracted = if fr < simplex[d].1 {
                combine(&centroid, &reflected, 0.5)
            } else {
                combine(&centroid, &simplex[d].0, 0.5)
            };
            let fc = eval(&contracted)?;
            if fc < fr.min(simplex[d].1) {
                simplex[d] = (contracted, fc);
            } else {
                let x_best = simplex[0].0.clone();
                for entry in simplex.iter_mut().skip(1) {
                    let x = combine(&x_best, &entry.0, 0.5);
                    let fx = eval(&x)?;
                    *entry = (x, fx);
                }
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (x, fx) = simplex.swap_remove(0);
    Ok((x, fx, evaluations.get()))
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

    #[test]
    fn projections_and_repeated_measurements_are_left_out() {
        let set = InputSet::load("altmannshofer2014").unwrap();
        let model = Model::resolve("lmu-ltau").unwrap();
        let template = model
            .point(0.1, 1e-3, &std::collections::BTreeMap::default())
            .unwrap();
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
    fn nelder_mead_finds_a_quadratic_minimum_inside_the_cube() {
        let f = |x: &[f64]| -> Result<f64> {
            Ok((x[0] - 0.3).powi(2) + 10.0 * (x[1] - 0.7).powi(2) + 1.0)
        };
        let (x, fx, n) = nelder_mead(&f, vec![0.9, 0.1], 0.1, 1000).unwrap();
        assert!(
            (x[0] - 0.3).abs() < 1e-4 && (x[1] - 0.7).abs() < 1e-4,
            "{x:?}"
        );
        assert!((fx - 1.0).abs() < 1e-8 && n < 1000);
        // a minimum outside: the edge of the cube
        let g = |x: &[f64]| -> Result<f64> { Ok((x[0] + 1.0).powi(2)) };
        let (x, _, _) = nelder_mead(&g, vec![0.5], 0.1, 1000).unwrap();
        assert!(x[0] < 1e-6, "{x:?}");
    }

    #[test]
    fn in_coupling_agrees_with_the_point_chi2() {
        // The per-mass functions of the kinds (statistic_at_mass) against their outcomes.
        for (set, model) in [
            ("default", "lmu-ltau"),
            ("default", "lmu-ltau+b3"),
            ("altmannshofer2014", "lmu-ltau"),
            ("ibe2016", "lmu-ltau"),
        ] {
            let set = InputSet::load(set).unwrap();
            let model = Model::resolve(model).unwrap();
            let template = model
                .point(0.3, 1e-3, &std::collections::BTreeMap::default())
                .unwrap();
            let l = Likelihood::from_inputs(&set, &template).unwrap();
            for m in [0.002, 0.03, 0.3, 0.7, 3.0, 20.0, 60.0] {
                let gs = [1e-6, 3e-4, 2e-3, 0.1];
                let p = template.with_mass(m);
                let scan = l.in_coupling(&p, &gs).unwrap();
                for (g, s) in gs.iter().zip(&scan) {
                    let direct = l.chi2(&p.with_coupling(*g)).unwrap().total;
                    assert!(
                        (s - direct).abs() <= 1e-9 * direct.abs().max(1.0),
                        "{} {m} {g}: {s} {direct}",
                        model.name
                    );
                }
            }
        }
    }
}
