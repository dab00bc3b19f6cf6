//! The combined exclusion of a limits scan: at each mass, the smallest coupling that any
//! constraint excludes, and which constraint excludes it. `zprime limits --envelope` prints
//! it, the figure uses it to decide which constraints matter on the plotted range, and the
//! Python bindings can read it from the same function.

use super::LimitsReport;
use serde::Serialize;

/// The combined exclusion at one mass.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnvelopePoint {
    /// Z' mass, GeV.
    pub mass: f64,
    /// The smallest excluded coupling over every constraint that applies at this mass
    /// (`None` where no constraint excludes anything).
    pub g_low: Option<f64>,
    /// The upper end of the excluded interval that starts at `g_low` (4π, the largest
    /// coupling zprime considers, when everything above `g_low` is excluded by that
    /// constraint).
    pub g_high: Option<f64>,
    /// Id of the constraint that sets `g_low` (the first in report order on a tie).
    pub constraint: Option<String>,
}

/// The combined exclusion of `report`, one entry per mass of its grid: the smallest
/// excluded coupling over every measured constraint that applies at that mass, with the
/// constraint that sets it. Projected sensitivities (`projection`) exclude nothing today and
/// are left out, as are preferred bands (they exclude nothing by themselves). An excluded
/// interval that does not reach the top of the scan (an island) counts with its lower edge:
/// the envelope is the lowest coupling known to be excluded, not the boundary of a
/// connected region.
pub fn envelope(report: &LimitsReport) -> Vec<EnvelopePoint> {
    report
        .masses
        .iter()
        .enumerate()
        .map(|(i, &mass)| {
            let mut best: Option<(f64, f64, &str)> = None;
            for c in report.constraints.iter().filter(|c| !c.projection) {
                let Some(l) = c.limits.get(i).filter(|l| l.valid) else {
                    continue;
                };
                for e in &l.excluded {
                    if e[0].is_finite() && best.is_none_or(|(g, _, _)| e[0] < g) {
                        best = Some((e[0], e[1], &c.name));
                    }
                }
            }
            EnvelopePoint {
                mass,
                g_low: best.map(|b| b.0),
                g_high: best.map(|b| b.1),
                constraint: best.map(|b| b.2.to_string()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constraints::MassLimits;
    use crate::scan::ConstraintLimits;

    fn column(name: &str, projection: bool, excluded: Vec<Vec<[f64; 2]>>) -> ConstraintLimits {
        ConstraintLimits {
            name: name.into(),
            label: name.into(),
            observable: "x".into(),
            kind: "upper_limit".into(),
            cl: 0.95,
            bands: vec![],
            valid_mass: None,
            reference: String::new(),
            note: None,
            projection,
            expected_bands: vec![],
            limits: excluded
                .into_iter()
                .enumerate()
                .map(|(i, e)| MassLimits {
                    mass: i as f64,
                    valid: !e.is_empty(),
                    upper_limit: None,
                    excluded: e,
                    preferred: vec![],
                    expected: vec![],
                    reason: None,
                })
                .collect(),
        }
    }

    #[test]
    fn smallest_excluded_coupling_and_its_constraint_per_mass() {
        let report = LimitsReport {
            model: "m".into(),
            coupling: "g".into(),
            parameters: std::collections::BTreeMap::default(),
            inputs: "i".into(),
            masses: vec![1.0, 2.0, 3.0],
            constraints: vec![
                column(
                    "a",
                    false,
                    vec![vec![[1e-3, 12.0]], vec![[1e-3, 12.0]], vec![]],
                ),
                column(
                    "b",
                    false,
                    vec![vec![[2e-3, 12.0]], vec![[5e-4, 1e-3], [4e-2, 12.0]], vec![]],
                ),
                // a projection reaches lower but excludes nothing today
                column("p", true, vec![vec![[1e-6, 12.0]]; 3]),
            ],
            not_included: vec![],
        };
        let e = envelope(&report);
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].g_low, Some(1e-3));
        assert_eq!(e[0].constraint.as_deref(), Some("a"));
        assert_eq!(e[1].g_low, Some(5e-4));
        assert_eq!(e[1].g_high, Some(1e-3));
        assert_eq!(e[1].constraint.as_deref(), Some("b"));
        assert_eq!(e[2].g_low, None);
        assert_eq!(e[2].constraint, None);
    }
}
