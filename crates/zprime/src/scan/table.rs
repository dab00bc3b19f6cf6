//! Scan tables: the rows of a sampling [`Design`] evaluated for a model, streamed in index
//! order to a caller's sink (the `zprime scan` CSV and Parquet writers, the Python bindings'
//! data frames).
//!
//! A [`Scan`] is prepared once (the session specialised to the model, the observables
//! prepared, the design checked against the model's parameter ranges) and then evaluates any
//! index range of the design: [`Scan::run`] evaluates the points in parallel (rayon) batch by
//! batch and hands each batch to the sink in index order, so the memory is flat in the number
//! of points and the output does not depend on the number of threads or on how the range was
//! split into shards.
//!
//! Columns ([`Scan::columns`]), in this order:
//! - `index`: the point's index in the design (0-based);
//! - the design's parameters, in `--param` order, by name (`mass` in GeV, `g` or `eps`, the
//!   model's own parameters);
//! - the observables (canonical names, as the keys of `zprime point --json`): the prediction,
//!   or no value (an empty CSV cell, a null in Parquet) where the observable is not valid at
//!   the point's mass (`not_valid` of `point --json`), does not cover the model, or failed;
//! - per constraint `status:ID`: `allowed`, `excluded`, `preferred` or `not_applied` (text,
//!   so that `df[df["status:trident:CCFR"] == "excluded"]` reads as it says);
//! - optionally per constraint `test_statistic:ID`: −2 ln(L/L_best) at the point
//!   ([`crate::constraints::Outcome::test_statistic`]), no value where not applied;
//! - `error`: empty, or why a value of the row is missing although it should be there (the
//!   point could not be built, a calculation failed numerically): never a NaN in a cell.

use super::sample::Design;
use super::Session;
use crate::constraints::Status;
use crate::error::{Error, Result};
use crate::model::{Model, Point, COUPLING_MAX, MASS_MAX, MASS_MIN};
use crate::observables::{AtMassShared, Context, Prepared, Query};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;

/// What a scan table holds besides the index, the parameters and the error column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// Observables by name (`Delta a_mu`, `R_trident(CCFR)`, as `zprime point` lists them);
    /// `None`: every observable `zprime point` lists.
    pub observables: Option<Vec<String>>,
    /// A `status:ID` column per constraint of the session.
    pub constraints: bool,
    /// A `test_statistic:ID` column per constraint of the session (needs `constraints`).
    pub test_statistics: bool,
}

impl Default for Columns {
    /// Every listed observable and every constraint's status (no test statistics).
    fn default() -> Self {
        Columns {
            observables: None,
            constraints: true,
            test_statistics: false,
        }
    }
}

/// What a column holds (its type in a data frame).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// The point's index in the design (unsigned integer).
    Index,
    /// A design parameter (number).
    Parameter,
    /// An observable's prediction (number, or missing).
    Observable,
    /// A constraint's status (text: allowed, excluded, preferred, not_applied).
    Status,
    /// A constraint's test statistic (number, or missing).
    TestStatistic,
    /// Why values of the row are missing (text, empty when none are).
    Error,
}

/// One column of a scan table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Header text: `index`, a parameter name, an observable's canonical name,
    /// `status:ID`, `test_statistic:ID` or `error`.
    pub name: String,
    /// What it holds.
    pub kind: ColumnKind,
}

/// A constraint's verdict at a scan point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintStatus {
    /// Applied and not excluded.
    Allowed,
    /// Excluded at the constraint's CL.
    Excluded,
    /// Inside the band of an anomaly the Standard Model does not explain.
    Preferred,
    /// Not applied at this point (outside its mass range, its observable does not cover the
    /// model, or the row has an error).
    NotApplied,
}

impl ConstraintStatus {
    /// The text of the status column.
    pub fn as_str(self) -> &'static str {
        match self {
            ConstraintStatus::Allowed => "allowed",
            ConstraintStatus::Excluded => "excluded",
            ConstraintStatus::Preferred => "preferred",
            ConstraintStatus::NotApplied => "not_applied",
        }
    }
}

impl From<Status> for ConstraintStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Allowed => ConstraintStatus::Allowed,
            Status::Excluded => ConstraintStatus::Excluded,
            Status::Preferred => ConstraintStatus::Preferred,
        }
    }
}

/// One evaluated point: the cells of a row, by kind, in column order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index in the design.
    pub index: u64,
    /// The design's parameter values, in `Design::params` order.
    pub parameters: Vec<f64>,
    /// The observables' predictions (`None`: not valid here, not applicable, or failed).
    pub observables: Vec<Option<f64>>,
    /// The constraints' statuses (empty without constraint columns).
    pub statuses: Vec<ConstraintStatus>,
    /// The constraints' test statistics (empty without test-statistic columns).
    pub test_statistics: Vec<Option<f64>>,
    /// Why values are missing that should be there (`None` when the row is complete).
    pub error: Option<String>,
}

/// Where a design parameter goes in the model's point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Mass,
    Coupling,
    Parameter,
}

/// A scan prepared for one model, design and column choice: evaluate any index range of the
/// design with [`Scan::run`] (or one point with [`Scan::row`]).
pub struct Scan {
    model: Model,
    design: Design,
    /// The session specialised to the model at the base parameters: exact at every point
    /// (a specialisation falls back to the general calculation where the point's own
    /// parameters differ).
    session: Session,
    observables: Vec<Prepared>,
    roles: Vec<Role>,
    /// Mass and coupling when fixed outside the design.
    mass: Option<f64>,
    coupling: Option<f64>,
    /// The model parameters not in the design.
    base: BTreeMap<String, f64>,
    constraints: bool,
    test_statistics: bool,
    columns: Vec<Column>,
}

/// Points per batch of [`Scan::run`]: enough to keep every thread busy between two calls of
/// the sink, small enough to keep memory flat (a few MB of rows).
const BATCH: u64 = 2048;

/// An error about the design's parameter `name` (naming `--param`, as the CLI flag).
fn param_error(name: &str, value: String, allowed: String) -> Error {
    Error::InvalidParameter {
        name: format!("--param {name}"),
        value,
        allowed,
    }
}

impl Scan {
    /// Prepare a scan of `model` over `design`. `base` holds model parameters (and possibly
    /// `mass` and the coupling) that the design does not give; the mass and the coupling (`g`,
    /// or `eps` for a dark photon) must be in one of them, and every other model parameter
    /// takes its default. Errors (naming `--param NAME`): an unknown parameter name, a range
    /// outside the model's allowed range (so that every point of the design is valid), a
    /// missing mass or coupling; an unknown observable name; a design parameter also in
    /// `base`.
    pub fn new(
        session: &Session,
        model: &Model,
        base: &BTreeMap<String, f64>,
        design: &Design,
        columns: &Columns,
    ) -> Result<Scan> {
        let cname = model.coupling.name();
        let mut roles = Vec::with_capacity(design.params.len());
        for p in &design.params {
            if base.contains_key(&p.name) {
                return Err(param_error(
                    &p.name,
                    p.to_string(),
                    "a parameter either in the design or fixed in the base parameters, not both"
                        .into(),
                ));
            }
            let (role, lo, hi, allowed) = if p.name == "mass" {
                (
                    Role::Mass,
                    MASS_MIN,
                    MASS_MAX,
                    format!("{MASS_MIN:e} <= mass <= {MASS_MAX:e} GeV"),
                )
            } else if p.name == cname {
                (
                    Role::Coupling,
                    0.0,
                    COUPLING_MAX,
                    format!("0 <= {cname} <= 4 pi"),
                )
            } else if let Some(spec) = model.parameters.iter().find(|s| s.name == p.name) {
                (
                    Role::Parameter,
                    spec.min,
                    spec.max,
                    format!("{} <= {} <= {}", spec.min, spec.name, spec.max),
                )
            } else {
                return Err(Error::Unknown {
                    kind: "parameter of the model (--param)",
                    name: p.name.clone(),
                    known: model.parameter_names(),
                });
            };
            if !(p.lo >= lo && p.hi <= hi) {
                return Err(param_error(&p.name, p.to_string(), allowed));
            }
            roles.push(role);
        }
        let mut base = base.clone();
        let mass = base.remove("mass");
        let coupling = base.remove(cname);
        for (name, role) in [("mass", Role::Mass), (cname, Role::Coupling)] {
            let given = match role {
                Role::Mass => mass.is_some(),
                _ => coupling.is_some(),
            };
            if !given && !roles.contains(&role) {
                return Err(param_error(
                    name,
                    "missing".into(),
                    format!(
                        "a range or a value for {name} (e.g. --param mass=1e-3:1 --param {cname}=1e-5:1e-2)"
                    ),
                ));
            }
        }
        // The base parameters (and any fixed mass or coupling) are checked by building the
        // point at the design's lower corner.
        let template = build_point(
            model,
            [mass, coupling],
            &base,
            design,
            &roles,
            &design.point(0),
        )?;
        let session = session.for_model(&template);
        let observables = match &columns.observables {
            None => session.observables.clone(),
            Some(names) => names
                .iter()
                .map(|name| {
                    let query = Query::parse(name)?;
                    let canonical = query.name();
                    if let Some(o) = session.observables.iter().find(|o| o.name == canonical) {
                        return Ok(o.clone());
                    }
                    // not listed: prepared here, specialised as the listed ones are
                    let ctx = Context {
                        sm: &session.sm,
                        inputs: &session.inputs,
                        point: &template,
                        shared: None,
                    };
                    Ok(query.prepare(&session.sm, &session.inputs)?.for_model(&ctx))
                })
                .collect::<Result<Vec<_>>>()?,
        };
        let mut header = vec![Column {
            name: "index".into(),
            kind: ColumnKind::Index,
        }];
        let named = |name: &str, kind| Column {
            name: name.to_string(),
            kind,
        };
        header.extend(
            design
                .params
                .iter()
                .map(|p| named(&p.name, ColumnKind::Parameter)),
        );
        header.extend(
            observables
                .iter()
                .map(|o| named(&o.name, ColumnKind::Observable)),
        );
        if columns.constraints {
            header.extend(
                session
                    .constraints
                    .iter()
                    .map(|c| named(&format!("status:{}", c.spec.id), ColumnKind::Status)),
            );
            if columns.test_statistics {
                header.extend(session.constraints.iter().map(|c| {
                    named(
                        &format!("test_statistic:{}", c.spec.id),
                        ColumnKind::TestStatistic,
                    )
                }));
            }
        }
        header.push(named("error", ColumnKind::Error));
        Ok(Scan {
            model: model.clone(),
            design: design.clone(),
            session,
            observables,
            roles,
            mass,
            coupling,
            base,
            constraints: columns.constraints,
            test_statistics: columns.constraints && columns.test_statistics,
            columns: header,
        })
    }

    /// The table's columns, in order (see the module documentation).
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The design the scan evaluates.
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The session (specialised to the model) whose constraints make the status columns.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Evaluate the points of `range` (a sub-range of `0..design.len()`, e.g. a shard's) in
    /// parallel and hand them to `sink` in index order, a batch (a slice of rows) at a time.
    /// The rows do not depend on the number of threads nor on how a scan is cut into ranges.
    /// A sink error stops the scan and is returned. Errors: a range outside the design.
    pub fn run<E: From<Error>>(
        &self,
        range: Range<u64>,
        mut sink: impl FnMut(&[Row]) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let len = self.design.len();
        if range.start > range.end || range.end > len {
            return Err(Error::InvalidParameter {
                name: "range".into(),
                value: format!("{}..{}", range.start, range.end),
                allowed: format!("a sub-range of 0..{len} (the design's points)"),
            }
            .into());
        }
        let mut start = range.start;
        while start < range.end {
            let end = range.end.min(start + BATCH);
            // A batch is at most BATCH points: its length fits any usize.
            let rows: Vec<Row> = (0..(end - start) as usize)
                .into_par_iter()
                .with_min_len(8)
                .map(|k| self.row(start + k as u64))
                .collect();
            sink(&rows)?;
            start = end;
        }
        Ok(())
    }

    /// Evaluate point `index` of the design (`index < design.len()`).
    pub fn row(&self, index: u64) -> Row {
        let values = self.design.point(index);
        let n_constraints = if self.constraints {
            self.session.constraints.len()
        } else {
            0
        };
        let mut row = Row {
            index,
            parameters: values,
            observables: vec![None; self.observables.len()],
            statuses: vec![ConstraintStatus::NotApplied; n_constraints],
            test_statistics: if self.test_statistics {
                vec![None; n_constraints]
            } else {
                vec![]
            },
            error: None,
        };
        let point = match self.point(&row.parameters) {
            Ok(p) => p,
            Err(e) => {
                row.error = Some(e.to_string());
                return row;
            }
        };
        let mut errors: Vec<String> = Vec::new();
        // What the observables and constraints of this point share (the flavour loop, the Z'
        // widths, the K+ rates): computed once for the point, dropped with it.
        let shared = AtMassShared::new(&point);
        let ctx = Context {
            sm: &self.session.sm,
            inputs: &self.session.inputs,
            point: &point,
            shared: Some(&shared),
        };
        for (o, cell) in self.observables.iter().zip(row.observables.iter_mut()) {
            // outside the calculation's mass range: not evaluated, as `zprime point`
            if o.validity.as_ref().is_some_and(|v| !v.contains(point.mass)) {
                continue;
            }
            match o.predict(&ctx) {
                Ok(v) => *cell = Some(v),
                // the observable does not cover the model: a normal empty cell
                Err(Error::NotApplicable { .. }) => {}
                Err(e) => errors.push(format!("{}: {e}", o.name)),
            }
        }
        if self.constraints {
            for (k, c) in self.session.constraints.iter().enumerate() {
                match c.outcome_shared(
                    &self.session.sm,
                    &self.session.inputs,
                    &point,
                    Some(&shared),
                ) {
                    Ok(Some(outcome)) => {
                        row.statuses[k] = outcome.status.into();
                        if self.test_statistics {
                            if outcome.test_statistic.is_finite() {
                                row.test_statistics[k] = Some(outcome.test_statistic);
                            } else {
                                errors.push(format!("{}: test statistic not finite", c.spec.id));
                            }
                        }
                    }
                    Ok(None) => {}
                    Err(e) => errors.push(format!("{}: {e}", c.spec.id)),
                }
            }
        }
        if !errors.is_empty() {
            row.error = Some(errors.join("; "));
        }
        row
    }

    /// The model's point at the design values `values`.
    fn point(&self, values: &[f64]) -> Result<Point> {
        build_point(
            &self.model,
            [self.mass, self.coupling],
            &self.base,
            &self.design,
            &self.roles,
            values,
        )
    }
}

/// The model's point at the design values `values`, with the mass and coupling fixed outside
/// the design (`fixed`) where the design does not give them.
fn build_point(
    model: &Model,
    fixed: [Option<f64>; 2],
    base: &BTreeMap<String, f64>,
    design: &Design,
    roles: &[Role],
    values: &[f64],
) -> Result<Point> {
    let [mut mass, mut coupling] = fixed.map(|v| v.unwrap_or(f64::NAN));
    for (role, &v) in roles.iter().zip(values) {
        match role {
            Role::Mass => mass = v,
            Role::Coupling => coupling = v,
            Role::Parameter => {}
        }
    }
    model.point(mass, coupling, &merged(base, design, roles, values))
}

/// The model parameters of a point: the base ones and the design's (mass and coupling left
/// out).
fn merged(
    base: &BTreeMap<String, f64>,
    design: &Design,
    roles: &[Role],
    values: &[f64],
) -> BTreeMap<String, f64> {
    let mut params = base.clone();
    for ((p, role), &v) in design.params.iter().zip(roles).zip(values) {
        if *role == Role::Parameter {
            params.insert(p.name.clone(), v);
        }
    }
    params
}

#[cfg(test)]
mod tests {
    use super::super::sample::{Method, ParamRange};
    use super::*;
    use crate::model::preset;
    use crate::InputSet;

    fn design(params: &[&str], method: Method) -> Design {
        let params = params
            .iter()
            .map(|p| ParamRange::parse(p).unwrap())
            .collect();
        Design::new(params, method, 1).unwrap()
    }

    fn relative(a: f64, b: f64) -> f64 {
        if a == b {
            0.0
        } else {
            (a - b).abs() / a.abs().max(b.abs())
        }
    }

    #[test]
    fn rows_match_point_reports_and_shards_concatenate() {
        let session = Session::new(&InputSet::resolve("default").unwrap()).unwrap();
        let model = preset("lmu-ltau+b3").unwrap();
        // masses across the validity edges of several observables (1e-3 .. 3 GeV)
        let d = design(
            &["mass=1e-3:3", "g=1e-5:1e-2", "eps=-1e-3:1e-3"],
            Method::Sobol { n: 12 },
        );
        let columns = Columns {
            test_statistics: true,
            ..Columns::default()
        };
        let scan = Scan::new(&session, &model, &BTreeMap::new(), &d, &columns).unwrap();
        let names: Vec<&str> = scan.columns().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names[..4], ["index", "mass", "g", "eps"]);
        assert_eq!(*names.last().unwrap(), "error");
        assert!(names.contains(&"Delta a_mu") && names.contains(&"status:trident:CCFR"));
        assert!(names.contains(&"test_statistic:trident:CCFR"));

        let mut all = Vec::new();
        scan.run::<Error>(0..d.len(), |rows| {
            all.extend_from_slice(rows);
            Ok(())
        })
        .unwrap();
        assert_eq!(all.len(), 12);
        let mut worst: f64 = 0.0;
        for row in &all {
            assert_eq!(row.error, None, "{row:?}");
            let [m, g, eps] = row.parameters[..] else {
                unreachable!()
            };
            let mut params = BTreeMap::new();
            params.insert("eps".to_string(), eps);
            let point = model.point(m, g, &params).unwrap();
            let report = session.evaluate_point(&model, &point).unwrap();
            for (o, cell) in scan.observables.iter().zip(&row.observables) {
                match (report.observables.get(&o.name), cell) {
                    (Some(a), Some(b)) => worst = worst.max(relative(*a, *b)),
                    (None, None) => {}
                    other => panic!("{} at {m}: {other:?}", o.name),
                }
            }
            for (c, status) in scan.session.constraints.iter().zip(&row.statuses) {
                let expected = report
                    .constraints
                    .iter()
                    .find(|e| e.name == c.spec.id)
                    .map_or(ConstraintStatus::NotApplied, |e| e.status.into());
                assert_eq!(*status, expected, "{} at {m}", c.spec.id);
            }
        }
        // the per-point store and the model specialisation change no number
        assert!(worst < 1e-12, "largest relative difference {worst:e}");

        // any split, any order of evaluation: the same rows
        for k in 1..=3 {
            let r = d.shard(k, 3).unwrap();
            let mut part = Vec::new();
            scan.run::<Error>(r.clone(), |rows| {
                part.extend_from_slice(rows);
                Ok(())
            })
            .unwrap();
            assert_eq!(part[..], all[r.start as usize..r.end as usize]);
        }
        assert!(scan.run::<Error>(0..13, |_| Ok(())).is_err());
    }

    #[test]
    fn scan_setup_errors_name_the_parameter() {
        let session = Session::new(&InputSet::resolve("default").unwrap()).unwrap();
        let model = preset("lmu-ltau+b3").unwrap();
        let columns = Columns::default();
        let base = BTreeMap::new();
        let sobol = Method::Sobol { n: 4 };
        for (params, needle) in [
            (&["mass=1e-3:1e5", "g=1e-3"][..], "--param mass"),
            (&["mass=1e-3:1", "g=1e-3:20"][..], "--param g"),
            (&["mass=1e-3:1", "g=1e-3", "eps=-50:5"][..], "--param eps"),
            (&["mass=1e-3:1", "g=1e-3", "nope=1"][..], "nope"),
            (&["mass=1e-3:1"][..], "--param g"),
            (&["g=1e-3:1"][..], "--param mass"),
        ] {
            let e = Scan::new(&session, &model, &base, &design(params, sobol), &columns)
                .err()
                .unwrap();
            assert!(e.is_invalid_input());
            assert!(e.to_string().contains(needle), "{params:?}: {e}");
        }
        // mass and coupling may come from the base parameters
        let mut fixed = BTreeMap::new();
        fixed.insert("g".to_string(), 1e-3);
        fixed.insert("eps".to_string(), 1e-4);
        let scan = Scan::new(
            &session,
            &model,
            &fixed,
            &design(&["mass=1e-2:1"], sobol),
            &Columns {
                observables: Some(vec!["Delta a_mu".into(), "R_trident(CCFR)".into()]),
                constraints: false,
                test_statistics: true,
            },
        )
        .unwrap();
        let names: Vec<&str> = scan.columns().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["index", "mass", "Delta a_mu", "R_trident(CCFR)", "error"]
        );
        let row = scan.row(2);
        assert!(row.statuses.is_empty() && row.test_statistics.is_empty());
        assert!(row.observables.iter().all(Option::is_some));
        let e = Scan::new(
            &session,
            &model,
            &fixed,
            &design(&["mass=1e-2:1"], sobol),
            &Columns {
                observables: Some(vec!["Delta b_mu".into()]),
                ..Columns::default()
            },
        )
        .err()
        .unwrap();
        assert!(e.to_string().contains("Delta b_mu"), "{e}");
    }
}
