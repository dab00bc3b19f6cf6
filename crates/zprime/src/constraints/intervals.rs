//! From an allowed interval of the observable to regions of the coupling at one mass: the
//! status rule shared by the kinds that compare one observable with an interval (Gaussian,
//! upper limit, limit curve, and the Poisson test statistic against its threshold).
//!
//! The status rule: with the allowed interval [lo, hi] of the observable,
//! * if the Standard Model (coupling → 0) lies inside, a point is excluded when its
//!   prediction lies outside (the measurement acts as a bound);
//! * if the Standard Model lies outside (an anomaly), a point inside is *preferred*; a point
//!   outside on the Standard-Model side is *allowed* (it explains nothing, but is not
//!   disfavoured more than the SM), and one beyond the far side is *excluded*.

use super::{Status, COUPLING_MIN};
use crate::error::Result;
use crate::math::roots::LogSamples;
use crate::model::COUPLING_MAX;
use crate::observables::InCoupling;
use serde::Serialize;
use std::sync::OnceLock;

/// One segment of the coupling axis at fixed mass with a status.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Segment {
    /// Lower coupling.
    pub lo: f64,
    /// Upper coupling.
    pub hi: f64,
    /// Status inside.
    pub status: Status,
}

/// Status of a prediction `o`, given the Standard-Model prediction `o_sm`, for the allowed
/// interval `(lo, hi)` of the observable.
pub fn status_of((lo, hi): (f64, f64), o: f64, o_sm: f64) -> Status {
    let inside = |x: f64| x >= lo && x <= hi;
    if inside(o) {
        return if inside(o_sm) {
            Status::Allowed
        } else {
            Status::Preferred
        };
    }
    if inside(o_sm) {
        return Status::Excluded;
    }
    // Anomaly: outside on the SM side is allowed, beyond the far side excluded.
    let sm_below = o_sm < lo;
    if (sm_below && o < lo) || (!sm_below && o > hi) {
        Status::Allowed
    } else {
        Status::Excluded
    }
}

/// The 64 logarithmically spaced couplings on [COUPLING_MIN, COUPLING_MAX] where a function
/// of the coupling is sampled to find its crossings (a constant grid, computed once).
fn coupling_samples() -> &'static LogSamples {
    static SAMPLES: OnceLock<LogSamples> = OnceLock::new();
    SAMPLES.get_or_init(|| LogSamples::new(COUPLING_MIN, COUPLING_MAX, 64))
}

/// The coupling axis [COUPLING_MIN, COUPLING_MAX] cut into segments with their status, for
/// the observable `f` of the coupling at one mass and the allowed interval `allowed`.
pub fn segments(f: &InCoupling, o_sm: f64, allowed: (f64, f64)) -> Result<Vec<Segment>> {
    let edges: Vec<f64> = [allowed.0, allowed.1]
        .into_iter()
        .filter(|e| e.is_finite())
        .collect();
    let mut cuts: Vec<f64> = Vec::new();
    match f {
        InCoupling::Homogeneous { unit, degree } => {
            // O(c) = O(1) c^k: the boundaries in closed form.
            for e in &edges {
                let r = e / unit;
                if r > 0.0 && r.is_finite() {
                    cuts.push(r.powf(1.0 / f64::from(*degree)));
                }
            }
        }
        InCoupling::Saturating { partial, new } => {
            // c² partial / (1 + c² new) = e  <=>  c² (partial − e new) = e
            for e in &edges {
                let c2 = e / (partial - e * new);
                if *e > 0.0 && c2 > 0.0 && c2.is_finite() {
                    cuts.push(c2.sqrt());
                }
            }
        }
        InCoupling::Polynomial(a) => {
            for e in &edges {
                cuts.extend(crate::math::roots::polynomial_crossings(
                    a,
                    COUPLING_MIN,
                    COUPLING_MAX,
                    *e,
                    1e-12,
                ));
            }
        }
        InCoupling::Function(_) => cuts.extend(crate::math::roots::level_crossings_on(
            |c| f.at(c).unwrap_or(f64::NAN),
            coupling_samples(),
            &edges,
            1e-12,
        )),
    }
    cuts.retain(|c| *c > COUPLING_MIN && *c < COUPLING_MAX);
    cuts.sort_by(f64::total_cmp);
    cuts.dedup_by(|a, b| (*a / *b - 1.0).abs() < 1e-12);
    let mut bounds = vec![COUPLING_MIN];
    bounds.extend(cuts);
    bounds.push(COUPLING_MAX);
    let mut segs: Vec<Segment> = Vec::new();
    for w in bounds.windows(2) {
        let mid = (w[0] * w[1]).sqrt();
        let status = status_of(allowed, f.at(mid)?, o_sm);
        match segs.last_mut() {
            Some(last) if last.status == status => last.hi = w[1],
            _ => segs.push(Segment {
                lo: w[0],
                hi: w[1],
                status,
            }),
        }
    }
    Ok(segs)
}

/// The [lo, hi] of the segments with `status`.
pub fn with_status(segs: &[Segment], status: Status) -> Vec<[f64; 2]> {
    segs.iter()
        .filter(|s| s.status == status)
        .map(|s| [s.lo, s.hi])
        .collect()
}

/// The segments of a single upper limit `limit` on the coupling (None: nothing excluded).
pub fn above(limit: Option<f64>) -> Vec<Segment> {
    let all = |status| {
        vec![Segment {
            lo: COUPLING_MIN,
            hi: COUPLING_MAX,
            status,
        }]
    };
    match limit {
        None => all(Status::Allowed),
        Some(g) if g <= COUPLING_MIN => all(Status::Excluded),
        Some(g) if g >= COUPLING_MAX => all(Status::Allowed),
        Some(g) => vec![
            Segment {
                lo: COUPLING_MIN,
                hi: g,
                status: Status::Allowed,
            },
            Segment {
                lo: g,
                hi: COUPLING_MAX,
                status: Status::Excluded,
            },
        ],
    }
}

/// The bound reported at a point: the edge of the allowed interval on the prediction's side
/// of `centre`.
pub fn bound_on_side((lo, hi): (f64, f64), o: f64, centre: f64) -> f64 {
    if o >= centre || lo == f64::NEG_INFINITY {
        hi
    } else {
        lo
    }
}

/// −2 ln L of a one-sided limit `limit` at `cl` read as a half-Gaussian centred at zero: the
/// limit is the one-sided quantile z σ, so the statistic is (z o/limit)² above zero.
pub fn upper_limit_statistic(o: f64, limit: f64, cl: f64) -> f64 {
    if o <= 0.0 {
        return 0.0;
    }
    let z = super::stats::two_sided_z(2.0 * cl - 1.0);
    (z * o / limit).powi(2)
}
