//! A published exclusion curve ([`PlaneCurve`]) on a report's mass grid, so that it is drawn
//! and listed like a computed constraint (`zprime plot --curve FILE`).

use super::ConstraintLimits;
use crate::constraints::MassLimits;
use crate::error::{Error, Result};
use crate::experiments::plane_curves::{CouplingMeaning, PlaneCurve};
use crate::model::COUPLING_MAX;

/// The constraint kind of a published curve in a report.
pub const PUBLISHED_CURVE: &str = "published_curve";

/// ln x, linearly interpolated in ln m between the curve's points i − 1 and i.
fn log_log(m: f64, (m0, y0): (f64, f64), (m1, y1): (f64, f64)) -> f64 {
    if y1.is_infinite() || y0.is_infinite() {
        return f64::INFINITY;
    }
    let t = (m.ln() - m0.ln()) / (m1.ln() - m0.ln());
    (y0.ln() + t * (y1.ln() - y0.ln())).exp()
}

/// The curve's excluded couplings at each of `masses` (log-log interpolation between its
/// points; no limit outside its mass range or in a cell that touches a `nan`), as the limits
/// of a constraint with id `id`. `coupling` is the report's coupling (`g` or `eps`): a curve
/// in another coupling is an error (convert it first, [`PlaneCurve::converted_to_g`]).
pub fn curve_limits(
    curve: &PlaneCurve,
    id: &str,
    masses: &[f64],
    coupling: &str,
) -> Result<ConstraintLimits> {
    let matches = matches!(
        (curve.coupling, coupling),
        (CouplingMeaning::G, "g") | (CouplingMeaning::Eps, "eps")
    );
    if !matches {
        return Err(Error::file(
            format!("curve '{}'", curve.label),
            format!(
                "its coupling is {}, the plot's is {coupling} (a dark-photon eps curve can be shown as g' = e eps with --curve-as-g)",
                curve.coupling.name()
            ),
        ));
    }
    let limits = masses
        .iter()
        .map(|&m| {
            let i = curve.mass.partition_point(|x| *x < m);
            let at = if i < curve.mass.len() && curve.mass[i] == m {
                Some(curve.excluded[i])
            } else if i == 0 || i == curve.mass.len() {
                None
            } else {
                let (a, b) = (curve.excluded[i - 1], curve.excluded[i]);
                let (ma, mb) = (curve.mass[i - 1], curve.mass[i]);
                Some([
                    log_log(m, (ma, a[0]), (mb, b[0])),
                    log_log(m, (ma, a[1]), (mb, b[1])),
                ])
            };
            let interval = at
                .filter(|e| e[0].is_finite() && !e[1].is_nan())
                .map(|e| [e[0], e[1].min(COUPLING_MAX)])
                .filter(|e| e[1] > e[0]);
            MassLimits {
                mass: m,
                valid: interval.is_some(),
                upper_limit: interval.filter(|e| e[1] >= COUPLING_MAX).map(|e| e[0]),
                excluded: interval.into_iter().collect(),
                preferred: vec![],
                expected: vec![],
                reason: if interval.is_some() {
                    None
                } else {
                    Some("outside the published curve or in a gap of it".into())
                },
            }
        })
        .collect();
    Ok(ConstraintLimits {
        name: id.to_string(),
        label: curve.label.clone(),
        observable: format!("published limit on {}", curve.coupling.name()),
        kind: PUBLISHED_CURVE.into(),
        cl: curve.cl,
        bands: vec![],
        valid_mass: Some([curve.mass[0], curve.mass[curve.mass.len() - 1]]),
        reference: curve.reference.clone(),
        note: curve.conversion.clone(),
        projection: false,
        expected_bands: vec![],
        limits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_curve_on_a_grid_interpolates_log_log_and_keeps_gaps() {
        let text = "# reference: R\n# coupling: g\n# cl: 0.9\nmass,coupling\n0.01,1e-3\n0.1,1e-2\n0.2,nan\n0.3,1e-2\n1,1e-1\n";
        let c = PlaneCurve::parse(text, "c.csv").unwrap();
        let l = curve_limits(&c, "x", &[0.001, 0.0316227766, 0.15, 0.5, 2.0], "g").unwrap();
        assert!(!l.limits[0].valid && !l.limits[4].valid);
        assert!((l.limits[1].excluded[0][0] / 10f64.powf(-2.5) - 1.0).abs() < 1e-6);
        assert!(!l.limits[2].valid, "never across a nan");
        assert_eq!(l.limits[3].upper_limit, Some(l.limits[3].excluded[0][0]));
        assert!(curve_limits(&c, "x", &[0.05], "eps").is_err());
    }
}
