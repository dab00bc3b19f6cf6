//! `zprime.scan(...)`: one shard of a sampled parameter scan (the library's `scan::table`,
//! as `zprime scan --shard K/N` evaluates it) as columns for a data frame, so that Dask
//! workers (or any batch system driving Python) compute the N parts of the same scan.

use crate::{to_py, Engine};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::collections::BTreeMap;
use zprime::scan::sample::{Design, Method, ParamRange};
use zprime::scan::table::{ColumnKind, Columns, Row, Scan};

/// The method of `zprime scan` by name, with its count.
fn method(name: &str, n: u64) -> PyResult<Method> {
    match name {
        "grid" => Ok(Method::Grid { per_axis: n }),
        "random" => Ok(Method::Random { n }),
        "sobol" => Ok(Method::Sobol { n }),
        _ => Err(PyValueError::new_err(format!(
            "unknown scan method '{name}' (known: grid, random, sobol)"
        ))),
    }
}

/// The cells of one column over `rows`, as a Python list (None where a cell is empty).
fn column<'py>(
    py: Python<'py>,
    rows: &[Row],
    kind: ColumnKind,
    k: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let list = match kind {
        ColumnKind::Index => rows
            .iter()
            .map(|r| r.index)
            .collect::<Vec<_>>()
            .into_pyobject(py)?
            .into_any(),
        ColumnKind::Parameter => rows
            .iter()
            .map(|r| r.parameters[k])
            .collect::<Vec<_>>()
            .into_pyobject(py)?
            .into_any(),
        ColumnKind::Observable => rows
            .iter()
            .map(|r| r.observables[k])
            .collect::<Vec<_>>()
            .into_pyobject(py)?
            .into_any(),
        ColumnKind::Status => rows
            .iter()
            .map(|r| r.statuses[k].as_str())
            .collect::<Vec<_>>()
            .into_pyobject(py)?
            .into_any(),
        ColumnKind::TestStatistic => rows
            .iter()
            .map(|r| r.test_statistics[k])
            .collect::<Vec<_>>()
            .into_pyobject(py)?
            .into_any(),
        ColumnKind::Error => rows
            .iter()
            .map(|r| r.error.as_deref())
            .collect::<Vec<_>>()
            .into_pyobject(py)?
            .into_any(),
    };
    Ok(list)
}

/// Shard `shard` = (k, n) of the scan of `params` (each `NAME=LO:HI[:log|:lin]` or
/// `NAME=VALUE`, as `zprime scan --param`) by `method` with `count` points (values per
/// axis for a grid) and `seed`: an ordered dict column -> list (index, the parameters,
/// the observables, `status:ID` per constraint, optionally `test_statistic:ID`, error).
/// `base` holds the mass or coupling when the design does not vary them.
#[allow(clippy::too_many_arguments)]
pub(crate) fn columns<'py>(
    engine: &Engine,
    py: Python<'py>,
    params: &[String],
    method_name: &str,
    count: u64,
    seed: u64,
    shard: (u64, u64),
    base: BTreeMap<String, f64>,
    observables: Option<Vec<String>>,
    constraints: bool,
    test_statistics: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let ranges = params
        .iter()
        .map(|p| ParamRange::parse(p))
        .collect::<zprime::Result<Vec<_>>>()
        .map_err(|e| to_py(&e))?;
    let design = Design::new(ranges, method(method_name, count)?, seed).map_err(|e| to_py(&e))?;
    let range = design.shard(shard.0, shard.1).map_err(|e| to_py(&e))?;
    // the model's fixed parameters, unless the design varies them, then `base`
    let mut fixed: BTreeMap<String, f64> = engine
        .params
        .iter()
        .filter(|(k, _)| !design.params.iter().any(|p| &p.name == *k))
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    fixed.extend(base);
    let columns = Columns {
        observables,
        constraints,
        test_statistics,
    };
    let session = engine.session()?;
    let scan =
        Scan::new(session, &engine.model, &fixed, &design, &columns).map_err(|e| to_py(&e))?;
    let mut rows: Vec<Row> =
        Vec::with_capacity(usize::try_from(range.end - range.start).unwrap_or(0));
    py.detach(|| {
        scan.run::<zprime::Error>(range, |batch| {
            rows.extend_from_slice(batch);
            Ok(())
        })
    })
    .map_err(|e| to_py(&e))?;
    let out = PyDict::new(py);
    // the k-th column of each kind indexes that kind's cells in a row
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for c in scan.columns() {
        let key = format!("{:?}", c.kind);
        let k = *seen.get(&key).unwrap_or(&0);
        seen.insert(key, k + 1);
        out.set_item(&c.name, column(py, &rows, c.kind, k)?)?;
    }
    Ok(out)
}
