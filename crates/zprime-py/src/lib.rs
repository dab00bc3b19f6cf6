//! The compiled part of the `zprime` Python package (`zprime._zprime`).
//!
//! Thin: every number comes from the `zprime` library, every figure from
//! `zprime_plot::limits`. Structured results cross into Python as JSON text (the same serde
//! reports the CLI prints with `--json`), so that the Python dicts are exactly the CLI's;
//! only the vectorized observable returns a numpy array. The friendly API (keyword
//! arguments, broadcasting, pandas, matplotlib) is the pure-Python package around this
//! module (crates/zprime-py/python/zprime).
//!
//! Errors: a `zprime::Error` caused by the caller's input becomes `ValueError` with the
//! library's message (the text the CLI prints after the flag name); a numerical failure
//! becomes `RuntimeError`.

mod figure;
mod limits;
mod point;
mod scan;

use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};
use zprime::model::{CouplingKind, COUPLING_MAX, MASS_MAX, MASS_MIN};
use zprime::observables::{Context, Prepared};
use zprime::scan::Session;
use zprime::{InputSet, Model, Point, StandardModel};

/// A library error as the Python exception a caller expects.
pub(crate) fn to_py(e: &zprime::Error) -> PyErr {
    if e.is_invalid_input() {
        PyValueError::new_err(e.to_string())
    } else {
        PyRuntimeError::new_err(e.to_string())
    }
}

/// A serialisation failure (never expected: the reports are plain data).
pub(crate) fn json_error(e: &serde_json::Error) -> PyErr {
    PyRuntimeError::new_err(format!("JSON serialisation failed: {e}"))
}

/// The names of the preset models, in catalogue order.
#[pyfunction]
fn model_names() -> Vec<&'static str> {
    zprime::model::preset_names()
}

/// The presets (or the one model `name`, a preset or a model file) as `zprime models --json`
/// prints them: a JSON list of {model, anomalies, flavour_mechanism}.
#[pyfunction]
#[pyo3(signature = (name=None))]
fn models_json(name: Option<&str>) -> PyResult<String> {
    let models: Vec<Model> = match name {
        Some(n) => vec![Model::resolve(n).map_err(|e| to_py(&e))?],
        None => zprime::model::preset_names()
            .into_iter()
            .filter_map(zprime::model::preset)
            .collect(),
    };
    let mut out = Vec::new();
    for m in &models {
        zprime::flavour::check(m).map_err(|e| to_py(&e))?;
        out.push(serde_json::json!({
            "model": m,
            "anomalies": m.anomalies(),
            "flavour_mechanism": zprime::flavour::mechanism(&m.flavour)
                .map(zprime::flavour::Mechanism::description)
                .unwrap_or_default(),
        }));
    }
    serde_json::to_string(&out).map_err(|e| json_error(&e))
}

/// `n` logarithmically spaced masses from `min` to `max` GeV (the grid of `zprime limits
/// --mass-min --mass-max --points`, ends exact), validated.
#[pyfunction]
fn log_masses(min: f64, max: f64, n: usize) -> PyResult<Vec<f64>> {
    zprime::scan::log_masses(min, max, n).map_err(|e| to_py(&e))
}

/// The names of the shipped input sets.
#[pyfunction]
fn input_sets() -> Vec<&'static str> {
    InputSet::available()
}

/// An input set (a shipped name or a file) as `zprime data --json` prints it: a JSON object
/// {inputs (name, description, reference, parameters with value, uncertainty, unit,
/// description, source, ...), constraints (the specs the set applies), measurements}.
#[pyfunction]
fn inputs_json(set: &str) -> PyResult<String> {
    let set = InputSet::resolve(set).map_err(|e| to_py(&e))?;
    let constraints: Vec<&zprime::constraints::Spec> = zprime::constraints::specs()
        .iter()
        .filter(|s| set.constraints.contains(&s.id))
        .collect();
    serde_json::to_string(&serde_json::json!({
        "inputs": set,
        "constraints": constraints,
        "measurements": zprime::experiments::entries(),
    }))
    .map_err(|e| json_error(&e))
}

/// Every registered observable: name, description, LaTeX, unit, degree, reference, arguments
/// (name, description, values), and the argument lists `zprime point` evaluates.
#[pyfunction]
fn observables_json() -> PyResult<String> {
    let list: Vec<serde_json::Value> = zprime::observables::registry()
        .iter()
        .map(|o| {
            let arguments: Vec<serde_json::Value> = o
                .arguments
                .iter()
                .map(|a| {
                    let values = match a.kind {
                        zprime::observables::ArgumentKind::Choice(v) => {
                            serde_json::json!(v)
                        }
                        zprime::observables::ArgumentKind::Number => {
                            serde_json::json!("number")
                        }
                    };
                    serde_json::json!({
                        "name": a.name,
                        "description": a.description,
                        "values": values,
                    })
                })
                .collect();
            serde_json::json!({
                "name": o.name,
                "description": o.description,
                "latex": o.latex,
                "unit": o.unit,
                "degree": o.degree,
                "reference": o.reference,
                "arguments": arguments,
                "listed": o.listed,
            })
        })
        .collect();
    serde_json::to_string(&list).map_err(|e| json_error(&e))
}

/// A model with an input set and fixed model parameters: what every evaluation needs,
/// prepared once. The Python class `zprime.Model` wraps it.
#[pyclass(frozen, module = "zprime._zprime")]
pub struct Engine {
    model: Model,
    inputs: InputSet,
    sm: StandardModel,
    /// The model parameters given at construction (the others take their defaults).
    params: BTreeMap<String, f64>,
    /// The point at mass 1 GeV and coupling 1e-3 with these parameters: evaluations change
    /// only its mass and coupling.
    template: Point,
    /// The prepared observables and constraints of the input set, built on first use.
    session: OnceLock<Session>,
}

/// Where `n` values come from: one value for every point, or one per point.
fn pick(values: &[f64], i: usize) -> f64 {
    if values.len() == 1 {
        values[0]
    } else {
        values[i]
    }
}

impl Engine {
    /// The session, prepared on first use.
    pub(crate) fn session(&self) -> PyResult<&Session> {
        if let Some(s) = self.session.get() {
            return Ok(s);
        }
        let s = Session::new(&self.inputs).map_err(|e| to_py(&e))?;
        Ok(self.session.get_or_init(|| s))
    }

    /// A point of this model: the template's parameters overridden by `params`, validated as
    /// `zprime point` validates its flags.
    pub(crate) fn point(
        &self,
        mass: f64,
        coupling: f64,
        params: &BTreeMap<String, f64>,
    ) -> zprime::Result<Point> {
        let mut all = self.params.clone();
        all.extend(params.iter().map(|(k, v)| (k.clone(), *v)));
        self.model.point(mass, coupling, &all)
    }

    /// `template` moved to (mass, coupling) without rebuilding it; the same checks as
    /// [`Model::point`] (whose error it returns for a value out of range).
    fn move_to(&self, p: &mut Point, mass: f64, coupling: f64) -> zprime::Result<()> {
        let mass_ok = mass.is_finite() && (MASS_MIN..=MASS_MAX).contains(&mass);
        let coupling_ok = coupling.is_finite() && (0.0..=COUPLING_MAX).contains(&coupling);
        if !(mass_ok && coupling_ok) {
            // the library's own message for the offending value
            self.point(mass, coupling, &BTreeMap::new())?;
        }
        p.mass = mass;
        match p.coupling_kind {
            CouplingKind::Gauge => p.g = coupling,
            CouplingKind::KineticMixing => p.kinetic_mixing_tree = coupling,
        }
        Ok(())
    }

    /// One prediction: `None` where the observable is not defined (outside its validity, not
    /// applicable, numerically not computed) unless `strict`, which makes those errors.
    fn predict_one(
        prepared: &Prepared,
        ctx: &Context,
        strict: bool,
    ) -> zprime::Result<Option<f64>> {
        let mass = ctx.point.mass;
        if let Some(v) = prepared.validity.as_ref().filter(|v| !v.contains(mass)) {
            if strict {
                let [lo, hi] = v.mass;
                return Err(zprime::Error::NotApplicable {
                    observable: prepared.name.clone(),
                    reason: format!("valid only for {lo} <= m_Z' <= {hi} GeV ({})", v.reason),
                });
            }
            return Ok(None);
        }
        match prepared.predict(ctx) {
            Ok(v) => Ok(Some(v)),
            Err(zprime::Error::Numerical { .. } | zprime::Error::NotApplicable { .. })
                if !strict =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// An error at one element of a vectorized call, naming the element.
fn at_index(i: usize, mass: f64, coupling: f64, e: &zprime::Error) -> PyErr {
    let text = format!("at index {i} (mass = {mass}, coupling = {coupling}): {e}");
    if e.is_invalid_input() {
        PyValueError::new_err(text)
    } else {
        PyRuntimeError::new_err(text)
    }
}

// pyo3 extracts every argument as an owned value (numpy views, lists, dicts), so taking
// them by value is how a #[pymethods] function receives them; `canonical` and `validity`
// are methods for the Python class's sake.
#[allow(clippy::needless_pass_by_value, clippy::unused_self)]
#[pymethods]
impl Engine {
    /// Resolve `model` (a preset name or a model file) and `inputs` (a shipped set or a
    /// file) and check the model parameters `params` (names and ranges as in
    /// `zprime point --param NAME=VALUE`).
    #[new]
    #[pyo3(signature = (model, inputs, params))]
    fn new(model: &str, inputs: &str, params: BTreeMap<String, f64>) -> PyResult<Engine> {
        let resolved = Model::resolve(model).map_err(|e| to_py(&e))?;
        zprime::flavour::check(&resolved).map_err(|e| to_py(&e))?;
        let inputs = InputSet::resolve(inputs).map_err(|e| to_py(&e))?;
        let sm = StandardModel::from_inputs(&inputs).map_err(|e| to_py(&e))?;
        let template = resolved.point(1.0, 1e-3, &params).map_err(|e| to_py(&e))?;
        Ok(Engine {
            model: resolved,
            inputs,
            sm,
            params,
            template,
            session: OnceLock::new(),
        })
    }

    /// The model's name.
    #[getter]
    fn name(&self) -> &str {
        &self.model.name
    }

    /// The model's title for figures (markup as in zprime-plot).
    #[getter]
    fn title(&self) -> &str {
        &self.model.title
    }

    /// The name of the model's coupling: "g", or "eps" for a dark photon.
    #[getter]
    fn coupling(&self) -> &'static str {
        self.model.coupling.name()
    }

    /// The input set's name.
    #[getter]
    fn inputs(&self) -> &str {
        &self.inputs.name
    }

    /// Every model parameter with its value (given or default).
    #[getter]
    fn parameters(&self) -> BTreeMap<String, f64> {
        (*self.template.parameters).clone()
    }

    /// The names of the model parameters besides mass and coupling.
    fn parameter_names(&self) -> Vec<String> {
        self.model
            .parameters
            .iter()
            .map(|p| p.name.clone())
            .collect()
    }

    /// The model's warnings (decimals read as fractions, failing anomaly conditions).
    fn warnings(&self) -> Vec<String> {
        self.model.warnings()
    }

    /// The model's failing anomaly conditions (empty for an anomaly-free model).
    fn anomalies(&self) -> Vec<String> {
        self.model
            .anomalies()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// The canonical name of an observable (`R_trident(CCFR)`), validated.
    fn canonical(&self, name: &str) -> PyResult<String> {
        Ok(zprime::observables::find(name)
            .map_err(|e| to_py(&e))?
            .name())
    }

    /// Where the observable's calculation is valid with this input set: `None` (every
    /// mass) or (lowest mass, highest mass in GeV, reason).
    fn validity(&self, name: &str) -> PyResult<Option<(f64, f64, String)>> {
        let q = zprime::observables::find(name).map_err(|e| to_py(&e))?;
        Ok(q.validity(&self.sm)
            .map(|v| (v.mass[0], v.mass[1], v.reason)))
    }

    /// The observable at every point (mass[i], coupling[i], params[k][i]); each array has
    /// one element (the same for every point) or `n`. NaN where it is not defined (unless
    /// `strict`). Computed in parallel without the GIL.
    #[pyo3(signature = (name, mass, coupling, params, strict))]
    fn observable<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        mass: PyReadonlyArray1<'py, f64>,
        coupling: PyReadonlyArray1<'py, f64>,
        params: BTreeMap<String, PyReadonlyArray1<'py, f64>>,
        strict: bool,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let query = zprime::observables::find(name).map_err(|e| to_py(&e))?;
        let prepared = query
            .prepare(&self.sm, &self.inputs)
            .map_err(|e| to_py(&e))?;
        let masses = mass.as_slice()?;
        let couplings = coupling.as_slice()?;
        let mut columns: Vec<(String, &[f64])> = Vec::new();
        for (k, v) in &params {
            columns.push((k.clone(), v.as_slice()?));
        }
        let n = std::iter::once(masses.len())
            .chain(std::iter::once(couplings.len()))
            .chain(columns.iter().map(|(_, v)| v.len()))
            .max()
            .unwrap_or(0);
        let lengths_ok = std::iter::once(masses.len())
            .chain(std::iter::once(couplings.len()))
            .chain(columns.iter().map(|(_, v)| v.len()))
            .all(|len| len == 1 || len == n);
        if !lengths_ok || masses.is_empty() || couplings.is_empty() {
            return Err(PyValueError::new_err(
                "mass, coupling and parameter arrays must have one element or the same length",
            ));
        }
        // Check the parameter names (and, through the template, their ranges) once.
        if !columns.is_empty() {
            let first: BTreeMap<String, f64> =
                columns.iter().map(|(k, v)| (k.clone(), v[0])).collect();
            self.point(masses[0], couplings[0], &first)
                .map_err(|e| at_index(0, masses[0], couplings[0], &e))?;
        }
        let scalar_params = columns.iter().all(|(_, v)| v.len() == 1);
        // Model-dependent data once (the parameters fixed): the same numbers, cheaper.
        let (template, prepared) = if scalar_params {
            let fixed: BTreeMap<String, f64> =
                columns.iter().map(|(k, v)| (k.clone(), v[0])).collect();
            let template = self.point(1.0, 1e-3, &fixed).map_err(|e| to_py(&e))?;
            let ctx = Context {
                sm: &self.sm,
                inputs: &self.inputs,
                point: &template,
                shared: None,
            };
            let specialised = prepared.for_model(&ctx);
            (template, specialised)
        } else {
            (self.template.clone(), prepared)
        };
        // The parameters of every point: the model's and the columns' (values per element).
        let mut all_params = self.params.clone();
        all_params.extend(columns.iter().map(|(k, v)| (k.clone(), v[0])));
        // One element: with scalar parameters the chunk's point moved to (mass, coupling),
        // which changes nothing else in it ([`Engine::move_to`]); otherwise a point built
        // from the chunk's parameter map, its values overwritten in place.
        let evaluate = |p: &mut Point, params: &mut BTreeMap<String, f64>, i: usize| {
            let (m, c) = (pick(masses, i), pick(couplings, i));
            let owned;
            let point: &Point = if scalar_params {
                self.move_to(p, m, c)?;
                p
            } else {
                for (k, v) in &columns {
                    if let Some(x) = params.get_mut(k.as_str()) {
                        *x = pick(v, i);
                    }
                }
                owned = self.model.point(m, c, params)?;
                &owned
            };
            let ctx = Context {
                sm: &self.sm,
                inputs: &self.inputs,
                point,
                shared: None,
            };
            Ok::<f64, zprime::Error>(
                Engine::predict_one(&prepared, &ctx, strict)?.unwrap_or(f64::NAN),
            )
        };
        // Contiguous chunks written in place (no per-element allocation or result merging);
        // a chunk stops at its first error and the lowest failing index is reported, so the
        // error does not depend on the thread count.
        let chunk = (n / (rayon::current_num_threads() * 16)).clamp(1, 4096);
        let mut values = vec![f64::NAN; n];
        let first_error: Mutex<Option<(usize, zprime::Error)>> = Mutex::new(None);
        py.detach(|| {
            values
                .par_chunks_mut(chunk)
                .enumerate()
                .for_each(|(k, slots)| {
                    let start = k * chunk;
                    // nothing to do after an error at a lower index (or a poisoned lock)
                    let failed_before = first_error
                        .lock()
                        .map_or(true, |e| e.as_ref().is_some_and(|(i, _)| *i < start));
                    if failed_before {
                        return;
                    }
                    let mut p = template.clone();
                    let mut params = all_params.clone();
                    for (j, slot) in slots.iter_mut().enumerate() {
                        match evaluate(&mut p, &mut params, start + j) {
                            Ok(v) => *slot = v,
                            Err(e) => {
                                if let Ok(mut first) = first_error.lock() {
                                    if first.as_ref().is_none_or(|(i, _)| *i > start + j) {
                                        *first = Some((start + j, e));
                                    }
                                }
                                return;
                            }
                        }
                    }
                });
        });
        match first_error.into_inner() {
            Ok(None) => {}
            Ok(Some((i, e))) => return Err(at_index(i, pick(masses, i), pick(couplings, i), &e)),
            Err(_) => return Err(PyRuntimeError::new_err("an evaluation thread panicked")),
        }
        Ok(PyArray1::from_vec(py, values))
    }

    /// Everything `zprime point --json` prints at (mass, coupling) with the model
    /// parameters `params` on top of the model's: JSON text.
    #[pyo3(signature = (mass, coupling, params))]
    fn point_json(
        &self,
        py: Python<'_>,
        mass: f64,
        coupling: f64,
        params: BTreeMap<String, f64>,
    ) -> PyResult<String> {
        let point = self.point(mass, coupling, &params).map_err(|e| to_py(&e))?;
        let session = self.session()?;
        py.detach(|| point::json(session, &self.model, &point))
    }

    /// Coupling limits of the input set's constraints over `masses` (GeV): a `Limits`.
    /// `constraints` (ids, or `prefix*`) keeps only those, in that order; `exclude` drops
    /// ids (or `prefix*`).
    #[pyo3(signature = (masses, constraints=None, exclude=None))]
    fn limits(
        &self,
        py: Python<'_>,
        masses: Vec<f64>,
        constraints: Option<Vec<String>>,
        exclude: Option<Vec<String>>,
    ) -> PyResult<limits::Limits> {
        for &m in &masses {
            if !(m.is_finite() && (MASS_MIN..=MASS_MAX).contains(&m)) {
                return Err(to_py(&zprime::Error::invalid(
                    "mass",
                    m,
                    &format!("{MASS_MIN:e} <= mass <= {MASS_MAX:e} GeV"),
                )));
            }
        }
        if masses.is_empty() {
            return Err(PyValueError::new_err("masses: give at least one mass"));
        }
        let report = if constraints.is_none() && exclude.is_none() {
            let session = self.session()?;
            py.detach(|| session.limits(&self.model, &self.template, &masses))
        } else {
            let selected = limits::select(
                &self.inputs,
                constraints.as_deref(),
                exclude.as_deref().unwrap_or_default(),
            )
            .map_err(|e| to_py(&e))?;
            py.detach(|| zprime::scan::limits(&self.model, &self.template, &selected, &masses))
        }
        .map_err(|e| to_py(&e))?;
        Ok(limits::Limits::new(report, &self.model, &self.inputs))
    }

    /// Shard `shard` = (k, n) of the scan of `params` (each `NAME=LO:HI[:log|:lin]` or
    /// `NAME=VALUE`, as `zprime scan --param`) by `method_name` (grid, random, sobol) with
    /// `count` points (values per axis for a grid) and `seed`: a dict column -> list
    /// (index, the parameters, the observables, `status:ID` per constraint, optionally
    /// `test_statistic:ID`, error), as `zprime scan --shard K/N` writes it. `base` holds the
    /// mass or coupling when the design does not vary them.
    #[pyo3(signature = (params, method_name, count, seed, shard, base, observables, constraints, test_statistics))]
    #[allow(clippy::too_many_arguments)]
    fn scan_columns<'py>(
        &self,
        py: Python<'py>,
        params: Vec<String>,
        method_name: &str,
        count: u64,
        seed: u64,
        shard: (u64, u64),
        base: BTreeMap<String, f64>,
        observables: Option<Vec<String>>,
        constraints: bool,
        test_statistics: bool,
    ) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        scan::columns(
            self,
            py,
            &params,
            method_name,
            count,
            seed,
            shard,
            base,
            observables,
            constraints,
            test_statistics,
        )
    }
}

/// The compiled module `zprime._zprime`.
#[pymodule]
fn _zprime(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(model_names, m)?)?;
    m.add_function(wrap_pyfunction!(models_json, m)?)?;
    m.add_function(wrap_pyfunction!(input_sets, m)?)?;
    m.add_function(wrap_pyfunction!(log_masses, m)?)?;
    m.add_function(wrap_pyfunction!(inputs_json, m)?)?;
    m.add_function(wrap_pyfunction!(observables_json, m)?)?;
    m.add_class::<Engine>()?;
    m.add_class::<limits::Limits>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
