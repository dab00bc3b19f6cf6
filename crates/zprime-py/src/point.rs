//! `model.point(...)`: the JSON of `zprime point --json` (the library's `PointReport`, then
//! the verdict and the not-included constraints, as the CLI adds them).

use pyo3::prelude::*;
use zprime::constraints::Status;
use zprime::scan::{PointReport, Session};
use zprime::{Model, Point};

/// The verdict at the point, as `zprime point --json` gives it: which constraints exclude
/// it (with the coupling limit at this mass, the excluded interval holding the coupling
/// and the ratio), or prefer it, or "allowed".
fn verdict(
    session: &Session,
    report: &PointReport,
    point: &Point,
) -> zprime::Result<serde_json::Value> {
    let g = point.coupling();
    let mut excluded = Vec::new();
    let mut preferred = Vec::new();
    for e in &report.constraints {
        let Some(c) = session.constraints.iter().find(|c| c.spec.id == e.name) else {
            continue;
        };
        match e.status {
            Status::Excluded => {
                let limits = c.limits_at(&session.sm, &session.inputs, point)?;
                let interval = limits
                    .excluded
                    .iter()
                    .find(|i| i[0] <= g && g <= i[1])
                    .copied();
                excluded.push(serde_json::json!({
                    "name": e.name,
                    "g_limit": interval.map(|i| i[0]),
                    "excluded_interval": interval,
                    "g_over_g_limit": interval.map(|i| g / i[0]),
                }));
            }
            Status::Preferred => preferred.push(e.name.clone()),
            Status::Allowed => {}
        }
    }
    let status = if !excluded.is_empty() {
        "excluded"
    } else if !preferred.is_empty() {
        "preferred"
    } else {
        "allowed"
    };
    Ok(serde_json::json!({
        "status": status,
        "excluded_by": excluded,
        "preferred_by": preferred,
    }))
}

/// The report's keys in their order, then the verdict and the not-included constraints.
#[derive(serde::Serialize)]
struct JsonOut<'a> {
    #[serde(flatten)]
    report: &'a PointReport,
    verdict: serde_json::Value,
    not_included: Vec<&'a str>,
}

/// The JSON text of `zprime point --json` for `point`.
pub(crate) fn json(session: &Session, model: &Model, point: &Point) -> PyResult<String> {
    let report = session
        .evaluate_point(model, point)
        .map_err(|e| crate::to_py(&e))?;
    let verdict = verdict(session, &report, point).map_err(|e| crate::to_py(&e))?;
    let out = JsonOut {
        report: &report,
        verdict,
        not_included: model.not_included_at(point.mass),
    };
    serde_json::to_string(&out).map_err(|e| crate::json_error(&e))
}
