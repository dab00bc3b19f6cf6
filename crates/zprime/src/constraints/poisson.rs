//! `kind = "poisson_likelihood"`: the Poisson likelihood of a binned search (paper 001
//! Eq. 21–22 and App. B): expected signal per bin (the constraint's observable with each bin's
//! window as arguments, times exposure and acceptance), the one-sided likelihood-ratio test
//! statistic, the coupling limit, projections with more kaons or a better photon rejection,
//! and expected-limit bands from toy data sets drawn with a seeded generator (reproducible).
//!
//! Excluded where the one-sided test statistic exceeds z² (z from `cl`, 3.84 at 95%).

use super::intervals::{above, segments, status_of, with_status};
use super::{Outcome, Regions, Rule, Status};
use crate::error::{Error, Result};
use crate::experiments::single_muon::Search;
use crate::inputs::{InputSet, StandardModel};
use crate::math::random::Random;
use crate::model::{Point, COUPLING_MAX};
use crate::observables::{Context, InCoupling, Preparations, Prepared, Query, Validity};
use serde::{Deserialize, Serialize};

/// The fields of a Poisson-likelihood constraint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The search (`data/experiments/single_muon.toml`).
    pub search: String,
    /// Confidence level of the exclusion.
    pub cl: f64,
    /// A projected experiment (scale factors on N_K and on the photon rejection; the
    /// observed counts become the scaled background).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projection: Option<Projection>,
    /// Expected-limit bands at these sigma levels (1 and/or 2) from background-only toy data
    /// sets (paper 001 App. B, Fig. 4-5), seeded for reproducibility.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expected_bands: Vec<f64>,
}

/// Toy data sets per mass for expected-limit bands, and their fixed seed (the submission date
/// of paper 001, so that every run draws the same toys).
pub const TOYS: usize = 2000;
/// The seed of the toys.
pub const TOY_SEED: u64 = 20_161_125;

/// The observable whose windowed value is the signal of the paper-001 searches (used by the
/// helpers [`signal_per_bin`] and [`expected_limits`]; a constraint names its own).
pub const SIGNAL: &str = "BR(K+->munuZp)*BR(Zp->invisible)";

/// A resolved Poisson-likelihood constraint: the search, one prepared observable per bin,
/// and, for expected bands of a one-bin search, the sorted toy limits (in signal events;
/// they do not depend on the mass, so they are drawn once here).
#[derive(Clone)]
pub struct Likelihood {
    spec: Spec,
    search: Search,
    bins: Vec<Prepared>,
    name: String,
    projection: Projection,
    threshold: f64,
    reference: String,
    toy_events: Option<std::sync::Arc<Vec<f64>>>,
}

impl Likelihood {
    /// Resolve the search, prepare the observable per bin, draw the toys of a one-bin search.
    pub fn new(
        c: &super::Spec,
        spec: &Spec,
        query: &Query,
        prep: &Preparations,
    ) -> Result<Likelihood> {
        let inputs = prep.inputs;
        let bad = |m: &str| Error::file(super::FILE, format!("constraint '{}': {m}", c.id));
        if spec.expected_bands.iter().any(|&b| b != 1.0 && b != 2.0) {
            return Err(bad(
                "expected_bands may hold the levels 1.0 and 2.0 (sigma) only",
            ));
        }
        if !(spec.cl > 0.0 && spec.cl < 1.0) {
            return Err(bad("poisson_likelihood needs cl (0 < cl < 1)"));
        }
        if query.observable.argument("p_min").is_none()
            || query.observable.argument("p_max").is_none()
        {
            return Err(bad(
                "poisson_likelihood needs an observable with p_min and p_max arguments (each bin's window)",
            ));
        }
        let projection = spec.projection.unwrap_or(Projection::NONE);
        projection.validate()?;
        let search = Search::load(&spec.search, inputs)?;
        let bins = search
            .bins
            .iter()
            .map(|b| {
                prep.prepare(
                    &query
                        .with("p_min", &b.p_min.to_string())?
                        .with("p_max", &b.p_max.to_string())?,
                )
            })
            .collect::<Result<Vec<_>>>()?;
        let threshold = super::stats::two_sided_z(spec.cl).powi(2);
        let mut reference = search.spec.reference.clone();
        if search.spec.approximate {
            reference.push_str(" [APPROXIMATE recast: estimated inputs, see `zprime data`]");
        }
        let (_, fit, expected) = counts(&search, projection);
        let toy_events = (!spec.expected_bands.is_empty() && bins.len() == 1).then(|| {
            std::sync::Arc::new(sorted_single_bin_limits(
                fit[0],
                expected[0],
                threshold,
                TOYS,
                TOY_SEED,
            ))
        });
        Ok(Likelihood {
            spec: spec.clone(),
            name: query.name(),
            search,
            bins,
            projection,
            threshold,
            reference,
            toy_events,
        })
    }

    /// Expected signal events per bin at a point.
    fn signal(&self, ctx: &Context) -> Result<Vec<f64>> {
        let scale = self.search.n_kaons * self.projection.n_kaons;
        self.search
            .bins
            .iter()
            .zip(&self.bins)
            .map(|(b, o)| Ok(scale * b.acceptance * o.predict(ctx)?))
            .collect()
    }

    /// The signal per bin at a single-coupling point as a function of the coupling,
    /// s(g) = g² p / (1 + g² b): each bin's observable is a K⁺ branching fraction, a partial
    /// width ∝ g² over the total K⁺ width with the new decays, Γ_K(1 + g² b), the same for
    /// every bin. Returns (p per bin, b), exactly, from the signal at g = 1/2 and g = 1.
    fn signal_form(&self, ctx: &Context) -> Result<(Vec<f64>, f64)> {
        let at = |c: f64| {
            let p = ctx.point.with_coupling(c);
            self.signal(&Context { point: &p, ..*ctx })
        };
        Ok(saturating_form(&at(0.5)?, at(1.0)?))
    }

    /// The test statistic at a point.
    fn q(&self, ctx: &Context) -> Result<f64> {
        let s = self.signal(ctx)?;
        let (n, fit, _) = counts(&self.search, self.projection);
        Ok(q_statistic(1.0, &s, &fit, &n))
    }

    /// The expected-limit bands on the coupling at the point's mass (single coupling).
    fn expected(&self, ctx: &Context) -> Result<Vec<[f64; 2]>> {
        if self.spec.expected_bands.is_empty() || !ctx.point.single_coupling() {
            return Ok(vec![]);
        }
        let (s1, new) = self.signal_form(ctx)?;
        // toy limits in g for a signal ∝ g², mapped onto the saturating form
        let saturate = |g: f64| coupling_of_scale(g * g, new).min(COUPLING_MAX);
        let bands = if let Some(events) = &self.toy_events {
            bands_from_signal(&s1, |s1| {
                events
                    .iter()
                    .map(|x| (x / s1[0]).sqrt())
                    .map(saturate)
                    .collect()
            })
        } else {
            let (_, fit, expected) = counts(&self.search, self.projection);
            bands_from_signal(&s1, |s1| {
                toy_limits(s1, &fit, &expected, self.threshold, TOYS, TOY_SEED)
                    .into_iter()
                    .map(saturate)
                    .collect()
            })
        };
        Ok(match bands {
            None => vec![],
            Some(b) => self
                .spec
                .expected_bands
                .iter()
                .map(|&level| {
                    if level == 1.0 {
                        b.one_sigma
                    } else {
                        b.two_sigma
                    }
                })
                .collect(),
        })
    }
}

impl Rule for Likelihood {
    fn cl(&self) -> f64 {
        self.spec.cl
    }

    fn reference(&self) -> String {
        self.reference.clone()
    }

    fn observable(&self) -> String {
        self.name.clone()
    }

    fn validity(&self) -> Option<Validity> {
        self.bins.first().and_then(|b| b.validity.clone())
    }

    fn expected_bands(&self) -> &[f64] {
        &self.spec.expected_bands
    }

    fn is_projection(&self) -> bool {
        self.spec.projection.is_some()
    }

    fn outcome(&self, ctx: &Context) -> Result<Outcome> {
        let q = self.q(ctx)?;
        let zero = ctx.point.with_coupling(0.0);
        let q_sm = self.q(&Context {
            point: &zero,
            ..*ctx
        })?;
        let allowed = (f64::NEG_INFINITY, self.threshold);
        Ok(Outcome {
            status: status_of(allowed, q, q_sm),
            value: q,
            bound: self.threshold,
            test_statistic: q,
        })
    }

    fn regions(&self, ctx: &Context) -> Result<Regions> {
        let zero = ctx.point.with_coupling(0.0);
        let q_sm = self.q(&Context {
            point: &zero,
            ..*ctx
        })?;
        let segs = if ctx.point.single_coupling() {
            // Signal = g² p / (1 + g² b): one root in the scale of p, then g in closed form.
            let (s1, new) = self.signal_form(ctx)?;
            let (n, fit, _) = counts(&self.search, self.projection);
            above(limit_scale(&s1, &fit, &n, self.threshold).map(|x| coupling_of_scale(x, new)))
        } else {
            let ctx = *ctx;
            let f = InCoupling::Function(Box::new(move |c| {
                let p = ctx.point.with_coupling(c);
                self.q(&Context { point: &p, ..ctx })
            }));
            segments(&f, q_sm, (f64::NEG_INFINITY, self.threshold))?
        };
        Ok(Regions {
            excluded: with_status(&segs, Status::Excluded),
            preferred: vec![],
            expected: self.expected(ctx)?,
        })
    }

    fn for_model(&self, ctx: &Context) -> Box<dyn Rule> {
        Box::new(Likelihood {
            bins: self.bins.iter().map(|b| b.for_model(ctx)).collect(),
            ..self.clone()
        })
    }
}

/// Scale factors of a projected experiment relative to the search's own (paper 001 Fig. 4:
/// N_K × 10, photon rejection × 0.1 or × 0.01). The signal scales with `n_kaons`, the
/// background with `n_kaons × photon_rejection`; the acceptance is unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Projection {
    /// Factor on the number of stopped kaons.
    pub n_kaons: f64,
    /// Factor on the photon rejection (the probability to miss the photon).
    pub photon_rejection: f64,
}

impl Projection {
    /// The search as it was run.
    pub const NONE: Projection = Projection {
        n_kaons: 1.0,
        photon_rejection: 1.0,
    };

    /// Check the factors are positive and finite.
    pub fn validate(&self) -> Result<()> {
        if !(self.n_kaons.is_finite() && self.n_kaons > 0.0) {
            return Err(Error::invalid("n_kaons factor", self.n_kaons, "> 0"));
        }
        if !(self.photon_rejection.is_finite() && self.photon_rejection > 0.0) {
            return Err(Error::invalid(
                "photon_rejection factor",
                self.photon_rejection,
                "> 0",
            ));
        }
        Ok(())
    }

    fn is_none(&self) -> bool {
        *self == Projection::NONE
    }
}

/// Expected signal events per bin: N_K × acceptance × BR(K⁺ → μ⁺νZ′, p_μ in bin) ×
/// BR(Z′ → invisible) (paper 001 Eq. 21 integrated over the bin), for the paper-001 recast
/// outside a constraint (a constraint evaluates its own observable).
pub fn signal_per_bin(
    search: &Search,
    sm: &StandardModel,
    inputs: &InputSet,
    p: &Point,
    proj: Projection,
) -> Result<Vec<f64>> {
    proj.validate()?;
    let ctx = Context {
        sm,
        inputs,
        point: p,
        shared: None,
    };
    let query = crate::observables::find(SIGNAL)?;
    search
        .bins
        .iter()
        .map(|b| {
            let o = query
                .with("p_min", &b.p_min.to_string())?
                .with("p_max", &b.p_max.to_string())?
                .predict(&ctx)?;
            Ok(search.n_kaons * proj.n_kaons * b.acceptance * o)
        })
        .collect()
}

/// (observed, background in the fit, expected background) per bin. For a projection the
/// "observed" counts are the scaled background (the Asimov data set).
pub fn counts(search: &Search, proj: Projection) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let scale = proj.n_kaons * proj.photon_rejection;
    let expected: Vec<f64> = search.bins.iter().map(|b| b.background * scale).collect();
    let observed = if proj.is_none() {
        search.bins.iter().map(|b| b.observed).collect()
    } else {
        expected.clone()
    };
    let fit = if search.spec.subtract_background {
        expected.clone()
    } else {
        vec![0.0; expected.len()]
    };
    (observed, fit, expected)
}

/// 2 Σ [ν − n + n ln(n/ν)] with ν_i = x s_i + b_i (0 ln 0 = 0).
fn saturated(x: f64, s: &[f64], b: &[f64], n: &[f64]) -> f64 {
    let mut q = 0.0;
    for i in 0..s.len() {
        let nu = x * s[i] + b[i];
        q += nu - n[i];
        if n[i] > 0.0 {
            q += n[i] * (n[i] / nu).ln();
        }
    }
    2.0 * q
}

/// The best-fit signal scale x̂ ≥ 0 (the likelihood is convex in x).
fn best_fit(s: &[f64], b: &[f64], n: &[f64]) -> f64 {
    let d = |x: f64| -> f64 {
        (0..s.len())
            .map(|i| s[i] * (1.0 - n[i] / (x * s[i] + b[i])))
            .sum()
    };
    let stot: f64 = s.iter().sum();
    if stot <= 0.0 {
        return 0.0;
    }
    let tiny = 1e-300;
    if d(tiny) >= 0.0 {
        return 0.0;
    }
    let mut hi = (n.iter().sum::<f64>() / stot).max(1e-300) * 2.0;
    while d(hi) < 0.0 && hi < 1e300 {
        hi *= 4.0;
    }
    crate::math::roots::brent(|t| d(t.exp()), tiny.ln(), hi.ln(), 1e-13).map_or(hi, f64::exp)
}

/// The one-sided test statistic q(x) = −2 ln[L(x)/L(x̂)] for x > x̂, 0 otherwise (paper 001
/// Eq. 22 for one bin without background: 2(N_s − N_obs + N_obs ln(N_obs/N_s)), N_s > N_obs).
pub fn q_statistic(x: f64, s: &[f64], b: &[f64], n: &[f64]) -> f64 {
    let xh = best_fit(s, b, n);
    if x <= xh {
        return 0.0;
    }
    (saturated(x, s, b, n) - saturated(xh, s, b, n)).max(0.0)
}

/// The signal scale x at which q(x) = `threshold` (x above the best fit), or None if no
/// signal is expected.
pub fn limit_scale(s: &[f64], b: &[f64], n: &[f64], threshold: f64) -> Option<f64> {
    if s.iter().sum::<f64>() <= 0.0 {
        return None;
    }
    let xh = best_fit(s, b, n);
    let lo = if xh > 0.0 { xh } else { 1e-300 };
    let mut hi = lo.max(1e-300) * 2.0;
    let stot: f64 = s.iter().sum();
    hi = hi.max((n.iter().sum::<f64>() + threshold + 1.0) / stot);
    while q_statistic(hi, s, b, n) < threshold && hi < 1e300 {
        hi *= 4.0;
    }
    crate::math::roots::brent(
        |t| q_statistic(t.exp(), s, b, n) - threshold,
        lo.ln(),
        hi.ln(),
        1e-12,
    )
    .map(f64::exp)
}

/// Expected-limit bands on the coupling (paper 001 App. B).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bands {
    /// Median expected limit.
    pub median: f64,
    /// 15.87% and 84.13% quantiles (the 1σ band).
    pub one_sigma: [f64; 2],
    /// 2.275% and 97.725% quantiles (the 2σ band).
    pub two_sigma: [f64; 2],
    /// Mean of the toy limits (paper 001 Fig. 5 shows the mean).
    pub mean: f64,
}

/// (p per bin, b) of a signal s(g) = g² p / (1 + g² b) from its values at g = 1/2 and g = 1.
fn saturating_form(half: &[f64], one: Vec<f64>) -> (Vec<f64>, f64) {
    let (h, o): (f64, f64) = (half.iter().sum(), one.iter().sum());
    if h <= 0.0 || o <= 0.0 || o <= h {
        return (one, 0.0);
    }
    // s(1/2) = p/(4 + b), s(1) = p/(1 + b)  =>  b = (4 s(1/2) - s(1)) / (s(1) - s(1/2))
    let new = ((4.0 * h - o) / (o - h)).max(0.0);
    (half.iter().map(|s| s * (4.0 + new)).collect(), new)
}

/// The coupling at which g² p / (1 + g² b) equals x p (`None`-free: +∞ when the signal
/// saturates below x p, i.e. nothing is excluded up to any coupling).
fn coupling_of_scale(x: f64, new: f64) -> f64 {
    let d = 1.0 - x * new;
    if d > 0.0 {
        (x / d).sqrt()
    } else {
        f64::INFINITY
    }
}

/// The coupling limit for single-coupling points from the signal at coupling 1 (degree 2).
fn coupling_limit(s1: &[f64], b: &[f64], n: &[f64], threshold: f64) -> Option<f64> {
    limit_scale(s1, b, n, threshold).map(f64::sqrt)
}

/// Expected limits on the coupling from `toys` background-only data sets (the expected
/// background, scaled by the projection, is the Poisson mean per bin), at the point's mass;
/// `threshold` is the test-statistic value excluded (3.84 at 95% CL). Reproducible for a seed.
#[allow(clippy::too_many_arguments)]
pub fn expected_limits(
    search: &Search,
    sm: &StandardModel,
    inputs: &InputSet,
    p: &Point,
    proj: Projection,
    threshold: f64,
    toys: usize,
    seed: u64,
) -> Result<Option<Bands>> {
    if !(10..=1_000_000).contains(&toys) {
        return Err(Error::invalid("toys", toys as f64, "10 <= toys <= 1e6"));
    }
    if !p.single_coupling() {
        return Err(Error::NotApplicable {
            observable: "expected limits".into(),
            reason: "toy limits need a single coupling (no tree-level kinetic mixing)".into(),
        });
    }
    let (s1, new) = saturating_form(
        &signal_per_bin(search, sm, inputs, &p.with_coupling(0.5), proj)?,
        signal_per_bin(search, sm, inputs, &p.with_coupling(1.0), proj)?,
    );
    let (_, fit, expected) = counts(search, proj);
    Ok(bands_from_signal(&s1, |s1| {
        toy_limits(s1, &fit, &expected, threshold, toys, seed)
            .into_iter()
            .map(|g| coupling_of_scale(g * g, new).min(COUPLING_MAX))
            .collect()
    }))
}

/// The coupling limits of background-only toys for the signal `s1` at coupling 1.
fn toy_limits(
    s1: &[f64],
    fit: &[f64],
    expected: &[f64],
    threshold: f64,
    toys: usize,
    seed: u64,
) -> Vec<f64> {
    if s1.len() == 1 {
        // One bin: a toy's limit in signal events does not depend on the mass, and the
        // coupling limit is √(S_lim/s₁).
        return sorted_single_bin_limits(fit[0], expected[0], threshold, toys, seed)
            .iter()
            .map(|x| (x / s1[0]).sqrt())
            .collect();
    }
    let mut rng = Random::new(seed);
    (0..toys)
        .filter_map(|_| {
            let n: Vec<f64> = expected.iter().map(|&m| rng.poisson(m)).collect();
            coupling_limit(s1, fit, &n, threshold)
        })
        .collect()
}

/// The bands of the toy limits `limits(s1)`, or None if no signal is expected.
fn bands_from_signal(s1: &[f64], limits: impl FnOnce(&[f64]) -> Vec<f64>) -> Option<Bands> {
    if s1.iter().sum::<f64>() <= 0.0 {
        return None;
    }
    let mut limits = limits(s1);
    if limits.is_empty() {
        return None;
    }
    limits.sort_by(f64::total_cmp);
    let q = |f: f64| {
        let i = ((limits.len() - 1) as f64 * f).round() as usize;
        limits[i]
    };
    Some(Bands {
        median: q(0.5),
        one_sigma: [q(0.158655), q(0.841345)],
        two_sigma: [q(0.02275), q(0.97725)],
        mean: limits.iter().sum::<f64>() / limits.len() as f64,
    })
}

/// Sorted toy limits, in signal events, of a one-bin search with fitted background `b` and
/// toy mean `expected` (the same toys serve every mass: a resolved constraint draws them once).
fn sorted_single_bin_limits(
    b: f64,
    expected: f64,
    threshold: f64,
    toys: usize,
    seed: u64,
) -> Vec<f64> {
    let mut rng = Random::new(seed);
    let mut v: Vec<f64> = (0..toys)
        .filter_map(|_| {
            let n = rng.poisson(expected);
            limit_scale(&[1.0], &[b], &[n], threshold)
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_bin_toys_equal_the_direct_toys() {
        // The cached one-bin path draws the same toys as the general path: identical limits.
        let (b, m, thr) = (300.0, 300.0, 3.841458820694124);
        let s1 = 7.3;
        let fast: Vec<f64> = sorted_single_bin_limits(b, m, thr, 200, 42)
            .iter()
            .map(|x| (x / s1).sqrt())
            .collect();
        let mut rng = Random::new(42);
        let mut slow: Vec<f64> = (0..200)
            .filter_map(|_| coupling_limit(&[s1], &[b], &[rng.poisson(m)], thr))
            .collect();
        slow.sort_by(f64::total_cmp);
        assert_eq!(fast.len(), slow.len());
        for (a, c) in fast.iter().zip(&slow) {
            assert!((a / c - 1.0).abs() < 1e-9, "{a} vs {c}");
        }
    }

    #[test]
    fn eq22_single_bin_closed_form() {
        // One bin, no background: q = 2(s - n + n ln(n/s)) for s > n, 0 below.
        let (s, b, n) = ([1.0], [0.0], [30.0]);
        assert_eq!(q_statistic(20.0, &s, &b, &n), 0.0);
        let x = 45.0_f64;
        let exact = 2.0 * (x - 30.0 + 30.0 * (30.0 / x).ln());
        assert!((q_statistic(x, &s, &b, &n) - exact).abs() < 1e-12);
        let lim = limit_scale(&s, &b, &n, 3.841458820694124).unwrap();
        let q = 2.0 * (lim - 30.0 + 30.0 * (30.0 / lim).ln());
        assert!((q - 3.841458820694124).abs() < 1e-9, "{lim}");
        // Large counts: the limit approaches n + z sqrt(n) (+ z^2/3).
        let n = [1e6];
        let lim = limit_scale(&s, &b, &n, 1.959964_f64.powi(2)).unwrap();
        assert!((lim - (1e6 + 1.959964e3)).abs() < 3.0, "{lim}");
        // n = 0: q = 2 s, limit = z^2/2.
        let lim = limit_scale(&s, &b, &[0.0], 3.84).unwrap();
        assert!((lim - 1.92).abs() < 1e-9);
    }

    #[test]
    fn background_subtraction_and_several_bins() {
        // With background b and n = b the best fit is 0 and the limit is the Asimov one.
        let s = [2.0, 1.0];
        let b = [10.0, 5.0];
        let n = [10.0, 5.0];
        let lim = limit_scale(&s, &b, &n, 2.705543).unwrap();
        // Second method: scan.
        let mut x = 0.0;
        while q_statistic(x, &s, &b, &n) < 2.705543 {
            x += 1e-5;
        }
        assert!((x - lim).abs() < 2e-5, "{x} {lim}");
        // An excess pulls the best fit up.
        assert!(best_fit(&s, &b, &[20.0, 8.0]) > 0.0);
    }

    #[test]
    fn pcg_and_poisson_are_reproducible_and_correct() {
        let mut a = Random::new(42);
        let mut b = Random::new(42);
        for _ in 0..10 {
            assert_eq!(a.next_u32(), b.next_u32());
        }
        for lam in [0.5, 3.0, 29.0, 31.0, 300.0] {
            let mut r = Random::new(7);
            let n = 40_000;
            let xs: Vec<f64> = (0..n).map(|_| r.poisson(lam)).collect();
            let mean = xs.iter().sum::<f64>() / f64::from(n);
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / f64::from(n);
            let se = (lam / f64::from(n)).sqrt();
            assert!((mean - lam).abs() < 5.0 * se, "{lam}: mean {mean}");
            assert!((var / lam - 1.0).abs() < 0.05, "{lam}: var {var}");
        }
    }
}
