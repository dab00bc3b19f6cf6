//! `model.limits(...)`: the library's `LimitsReport` held for Python, its long-format table
//! (the columns of `zprime limits --csv`), its JSON, and its figure.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use zprime::constraints::expand_id;
use zprime::model::NotIncluded;
use zprime::scan::LimitsReport;
use zprime::{InputSet, Model};

/// The limits of one model over a mass grid (a `zprime.LimitsReport` in Python): the table,
/// the JSON of `zprime limits --json`, and the figure of `zprime plot`.
#[pyclass(frozen, module = "zprime._zprime", name = "LimitsReport")]
pub struct Limits {
    pub(crate) report: LimitsReport,
    /// The model's title for the figure.
    pub(crate) model_title: String,
    /// The model's not-included constraints with their mass ranges.
    pub(crate) not_included: Vec<NotIncluded>,
    /// The input set's description, for the figure's provenance line.
    pub(crate) inputs_description: String,
}

impl Limits {
    /// Hold `report` with what its figure needs from the model and the inputs.
    pub(crate) fn new(report: LimitsReport, model: &Model, inputs: &InputSet) -> Limits {
        Limits {
            report,
            model_title: model.title.clone(),
            not_included: model.not_included_ranges.clone(),
            inputs_description: inputs.description.clone(),
        }
    }
}

/// The input set with its constraint list replaced by `constraints` (if given, in that
/// order) minus `exclude`.
pub(crate) fn select(
    inputs: &InputSet,
    constraints: Option<&[String]>,
    exclude: &[String],
) -> zprime::Result<InputSet> {
    let known: Vec<String> = zprime::constraints::specs()
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let mut pool = inputs.constraints.clone();
    if let Some(items) = constraints {
        pool.clear();
        for item in items {
            for id in expand_id(item, &known, "constraint id in constraints")? {
                if !pool.contains(&id) {
                    pool.push(id);
                }
            }
        }
    }
    for item in exclude {
        let gone = expand_id(item, &known, "constraint id in exclude")?;
        pool.retain(|id| !gone.contains(id));
    }
    let mut selected = inputs.clone();
    selected.constraints = pool;
    Ok(selected)
}

#[pymethods]
impl Limits {
    /// The model's name.
    #[getter]
    fn model(&self) -> &str {
        &self.report.model
    }

    /// The coupling's name ("g" or "eps").
    #[getter]
    fn coupling(&self) -> &str {
        &self.report.coupling
    }

    /// The input set's name.
    #[getter]
    fn inputs(&self) -> &str {
        &self.report.inputs
    }

    /// The mass grid in GeV.
    #[getter]
    fn masses(&self) -> Vec<f64> {
        self.report.masses.clone()
    }

    /// The constraint ids, in report order.
    #[getter]
    fn constraints(&self) -> Vec<String> {
        self.report
            .constraints
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }

    /// The JSON text of `zprime limits --json`.
    fn json(&self) -> PyResult<String> {
        serde_json::to_string(&self.report).map_err(|e| crate::json_error(&e))
    }

    /// The long table as columns (a dict of lists) with the columns of `zprime limits
    /// --csv`: mass, constraint, kind, g_low, g_high, interval, cl, label, reason. `None`
    /// where the CSV has an empty field (g_low, g_high, interval of a `not_valid` row; the
    /// reason of the other rows).
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let rows = self.report.rows();
        let out = PyDict::new(py);
        out.set_item("mass", rows.iter().map(|r| r.mass).collect::<Vec<_>>())?;
        out.set_item(
            "constraint",
            rows.iter().map(|r| r.constraint).collect::<Vec<_>>(),
        )?;
        out.set_item(
            "kind",
            rows.iter().map(|r| r.kind.as_str()).collect::<Vec<_>>(),
        )?;
        out.set_item(
            "g_low",
            rows.iter().map(|r| r.g.map(|g| g[0])).collect::<Vec<_>>(),
        )?;
        out.set_item(
            "g_high",
            rows.iter().map(|r| r.g.map(|g| g[1])).collect::<Vec<_>>(),
        )?;
        out.set_item(
            "interval",
            rows.iter().map(|r| r.interval).collect::<Vec<_>>(),
        )?;
        out.set_item("cl", rows.iter().map(|r| r.cl).collect::<Vec<_>>())?;
        out.set_item("label", rows.iter().map(|r| r.label).collect::<Vec<_>>())?;
        out.set_item("reason", rows.iter().map(|r| r.reason).collect::<Vec<_>>())?;
        Ok(out)
    }

    /// The figure of `zprime plot` for these limits as JSON text: title, axis labels and
    /// ranges, caption lines, and the layers (see `zprime.plot`). `mass_range` defaults to
    /// the grid's ends, `g_min` to the CLI's automatic choice.
    #[pyo3(signature = (mass_range=None, g_min=None, g_max=1.0, all_constraints=false))]
    fn figure_json(
        &self,
        mass_range: Option<(f64, f64)>,
        g_min: Option<f64>,
        g_max: f64,
        all_constraints: bool,
    ) -> PyResult<String> {
        let masses = &self.report.masses;
        let (first, last) = (masses[0], masses[masses.len() - 1]);
        let x_range = mass_range.unwrap_or((first, last));
        let g_min = g_min.unwrap_or_else(|| {
            zprime_plot::limits::automatic_g_min(&self.report).min(g_max / 10.0)
        });
        if !(g_min.is_finite() && g_min > 0.0 && g_max.is_finite() && g_max > g_min) {
            return Err(PyValueError::new_err(format!(
                "invalid coupling axis g_min {g_min} g_max {g_max}: allowed range is 0 < g_min < g_max"
            )));
        }
        crate::figure::json(self, x_range, (g_min, g_max), all_constraints)
    }

    /// The same object (it never changes): lets pandas copy a DataFrame that holds it in
    /// `attrs`.
    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// The same object (it never changes), see `__copy__`.
    fn __deepcopy__(slf: Py<Self>, _memo: Bound<'_, PyAny>) -> Py<Self> {
        slf
    }

    fn __repr__(&self) -> String {
        format!(
            "<zprime.LimitsReport model={} inputs={} masses={} constraints={}>",
            self.report.model,
            self.report.inputs,
            self.report.masses.len(),
            self.report.constraints.len()
        )
    }
}
