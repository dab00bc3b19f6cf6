//! `model.point(...)`: the JSON of `zprime point --json` (the library's `PointReport`, then
//! the verdict and the not-included constraints, as the CLI adds them).

use pyo3::prelude::*;
use zprime::scan::{PointReport, Session};
use zprime::{Model, Point};

/// The report's keys in their order, then the verdict and the not-included constraints.
#[derive(serde::Serialize)]
struct JsonOut<'a> {
    #[serde(flatten)]
    report: &'a PointReport,
    verdict: zprime::scan::Verdict,
    not_included: Vec<&'a str>,
}

/// The JSON text of `zprime point --json` for `point`.
pub(crate) fn json(session: &Session, model: &Model, point: &Point) -> PyResult<String> {
    let report = session
        .evaluate_point(model, point)
        .map_err(|e| crate::to_py(&e))?;
    let verdict = session
        .verdict(&report, point)
        .map_err(|e| crate::to_py(&e))?;
    let out = JsonOut {
        report: &report,
        verdict,
        not_included: model.not_included_at(point.mass),
    };
    serde_json::to_string(&out).map_err(|e| crate::json_error(&e))
}
