//! `kind = "limit_curve"`: an upper limit on an observable that depends on the Z' mass, read
//! from a data file, so that a published exclusion curve is one file and needs no
//! recompilation. The curve applies only inside its mass range.
//!
//! The file is a CSV table with a citation header of `# key: value` lines:
//!
//! ```text
//! # reference: A. Author et al. (Experiment), Journal 1, 2 (2024), arXiv:2401.00001, Fig. 3
//! # observable: BR(K+->munuZp)*BR(Zp->invisible)(p_min=0.14,p_max=0.2)
//! # cl: 0.90
//! # mass_unit: GeV
//! # unit: 1
//! # interpolation: log-log
//! mass,limit
//! 0.001,2.4e-6
//! 0.1,1.1e-6
//! ```
//!
//! Required keys: `reference`, `observable` (must name the constraint's observable), `cl`,
//! `mass_unit` (GeV or MeV) and `unit` (the limit's unit, which must be the observable's);
//! `interpolation` is `linear` (default) or `log-log`; other keys (`source`, `note`, ...) are
//! kept as documentation. Masses must increase strictly (from 0 for a linear curve), limits
//! be positive or `nan`: a blind window of the search, where it sets no limit and across
//! which the curve is never interpolated. `final_state` (with `decay_length_m` and a boost)
//! says what the search sees of the Z′ (module [`super::seen`]). A constraint entry's
//! `scale_by` derives a bound on another observable from the curve (the Grossman-Nir bound).
//!
//! The reader ([`Table`]) takes any number of numeric columns, so that a limit on a grid in
//! (mass, lifetime) (the ALPaca shape) is a second kind reading the same format with a
//! `ctau` column.

use super::intervals::{segments, status_of, upper_limit_statistic, with_status};
use super::{upper_limit, Outcome, Regions, Rule, Status};
use crate::error::{Error, Result};
use crate::observables::{Context, Preparations, Prepared, Query, Validity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The fields of a limit-curve constraint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The curve file: relative to the constraint file's directory (a compiled-in data path
    /// such as `data/limits/...` for the shipped file).
    pub file: String,
    /// An observable that does not depend on the coupling (such as `r_GN(K->piZp)`): the
    /// file's limit times its value at the point's mass is a limit on the constraint's
    /// observable, which may then differ from the file's: a bound derived from another search
    /// (the Grossman-Nir bound on K_L -> pi0 X from a K+ -> pi+ X search), applying only where
    /// the file's search sets a limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_by: Option<String>,
}

/// A numeric table with a `# key: value` header.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Header entries.
    pub header: BTreeMap<String, String>,
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, one value per column.
    pub rows: Vec<Vec<f64>>,
}

impl Table {
    /// Parse the text of `file`.
    pub fn parse(text: &str, file: &str) -> Result<Table> {
        let bad = |line: usize, m: String| Error::file(file, format!("line {line}: {m}"));
        let mut header = BTreeMap::new();
        let mut columns: Vec<String> = Vec::new();
        let mut rows = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            if let Some(rest) = line.strip_prefix('#') {
                if let Some((k, v)) = rest.split_once(':') {
                    if rows.is_empty() && columns.is_empty() {
                        header.insert(k.trim().to_string(), v.trim().to_string());
                    }
                }
                continue;
            }
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            if columns.is_empty() {
                columns = cells.iter().map(std::string::ToString::to_string).collect();
                continue;
            }
            if cells.len() != columns.len() {
                return Err(bad(
                    i + 1,
                    format!("{} values for {} columns", cells.len(), columns.len()),
                ));
            }
            let row = cells
                .iter()
                .map(|c| match c.parse::<f64>() {
                    Ok(v) if v.is_finite() => Ok(v),
                    // `nan`: no value here (a blind window of a search); each kind says
                    // which columns may hold it.
                    _ if c.eq_ignore_ascii_case("nan") => Ok(f64::NAN),
                    _ => Err(bad(i + 1, format!("'{c}' is not a finite number"))),
                })
                .collect::<Result<Vec<_>>>()?;
            rows.push(row);
        }
        Ok(Table {
            header,
            columns,
            rows,
        })
    }

    /// A header value.
    pub fn key(&self, key: &str, file: &str) -> Result<&str> {
        self.header
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| Error::file(file, format!("header line '# {key}: ...' missing")))
    }

    /// The values of a column.
    pub fn column(&self, name: &str, file: &str) -> Result<Vec<f64>> {
        let i = self.columns.iter().position(|c| c == name).ok_or_else(|| {
            Error::file(
                file,
                format!("no column '{name}' (columns: {})", self.columns.join(", ")),
            )
        })?;
        Ok(self.rows.iter().map(|r| r[i]).collect())
    }
}

/// How the limit is interpolated between the points of the curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interpolation {
    /// Linear in mass and limit.
    Linear,
    /// Linear in ln(mass) and ln(limit) (a power law between points).
    LogLog,
}

/// An upper limit against the mass.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// Masses, GeV, increasing.
    pub mass: Vec<f64>,
    /// Limits, in the observable's unit.
    pub limit: Vec<f64>,
    /// Interpolation rule.
    pub interpolation: Interpolation,
    /// Confidence level.
    pub cl: f64,
    /// Citation.
    pub reference: String,
    /// The observable the limit applies to (as written in the file).
    pub observable: String,
    /// The limit's unit.
    pub unit: String,
    /// The fraction of Z's the search sees (`# final_state:` ...; `None`: the observable
    /// already is what the search limits).
    pub acceptance: Option<super::seen::Acceptance>,
}

impl Curve {
    /// Parse and check a curve file's text (`file` names it in errors).
    pub fn parse(text: &str, file: &str) -> Result<Curve> {
        let t = Table::parse(text, file)?;
        let bad = |m: String| Error::file(file, m);
        let reference = t.key("reference", file)?.to_string();
        if reference.is_empty() {
            return Err(bad("reference: empty".into()));
        }
        let cl: f64 = t
            .key("cl", file)?
            .parse()
            .ok()
            .filter(|cl: &f64| *cl > 0.0 && *cl < 1.0)
            .ok_or_else(|| bad("cl: need 0 < cl < 1".into()))?;
        let scale = match t.key("mass_unit", file)? {
            "GeV" => 1.0,
            "MeV" => 1e-3,
            other => return Err(bad(format!("mass_unit '{other}': allowed GeV, MeV"))),
        };
        let interpolation = match t.header.get("interpolation").map(String::as_str) {
            None | Some("linear") => Interpolation::Linear,
            Some("log-log") => Interpolation::LogLog,
            Some(other) => {
                return Err(bad(format!(
                    "interpolation '{other}': allowed linear, log-log"
                )))
            }
        };
        let mass: Vec<f64> = t.column("mass", file)?.iter().map(|m| m * scale).collect();
        let limit = t.column("limit", file)?;
        if limit.iter().filter(|l| !l.is_nan()).count() < 2 {
            return Err(bad("a curve needs at least two points".into()));
        }
        // Mass 0 (a massless X) is a point of a linear curve; a log-log curve needs m > 0.
        let lowest_mass = match interpolation {
            Interpolation::Linear => 0.0,
            Interpolation::LogLog => f64::MIN_POSITIVE,
        };
        if mass.iter().any(|m| m.is_nan() || *m < lowest_mass)
            || mass.windows(2).any(|w| w[1] <= w[0])
        {
            return Err(bad("masses must be positive and strictly increasing".into()));
        }
        if limit.iter().any(|l| *l <= 0.0) {
            return Err(bad("limits must be positive".into()));
        }
        Ok(Curve {
            mass,
            limit,
            interpolation,
            cl,
            reference,
            observable: t.key("observable", file)?.to_string(),
            unit: t.key("unit", file)?.to_string(),
            acceptance: super::seen::Acceptance::from_header(&t.header, file)?,
        })
    }

    /// [first, last] mass of the curve where it gives a limit, GeV.
    pub fn range(&self) -> [f64; 2] {
        let finite = |&(_, l): &(&f64, &f64)| !l.is_nan();
        let mut with_limit = self.mass.iter().zip(&self.limit).filter(finite);
        let first = with_limit.next().map_or(f64::NAN, |(m, _)| *m);
        let last = with_limit.next_back().map_or(first, |(m, _)| *m);
        [first, last]
    }

    /// The blind window (masses between the limits on either side, GeV) that `mass` lies
    /// in, if it lies in one: where a `nan` limit stands next to it.
    pub fn blind_window(&self, mass: f64) -> Option<[f64; 2]> {
        let [lo, hi] = self.range();
        if !(mass >= lo && mass <= hi) || self.at(mass).is_some() {
            return None;
        }
        gap_around(&self.mass, |i| !self.limit[i].is_nan(), mass)
    }

    /// The limit at `mass`; `None` outside the curve's range and inside a blind window
    /// (never interpolated across a `nan` limit).
    pub fn at(&self, mass: f64) -> Option<f64> {
        let [lo, hi] = self.range();
        if !(mass >= lo && mass <= hi) {
            return None;
        }
        let i = self
            .mass
            .partition_point(|m| *m <= mass)
            .clamp(1, self.mass.len() - 1);
        let (m0, m1, l0, l1) = (
            self.mass[i - 1],
            self.mass[i],
            self.limit[i - 1],
            self.limit[i],
        );
        if l0.is_nan() || l1.is_nan() {
            // At a point with a limit next to a blind window, that point's limit.
            return [(m0, l0), (m1, l1)]
                .into_iter()
                .find(|(m, l)| *m == mass && !l.is_nan())
                .map(|(_, l)| l);
        }
        if l0 == l1 {
            // A flat piece is exact in either rule (no rounding through logarithms).
            return Some(l0);
        }
        Some(match self.interpolation {
            Interpolation::Linear => l0 + (l1 - l0) * (mass - m0) / (m1 - m0),
            Interpolation::LogLog => {
                let t = (mass / m0).ln() / (m1 / m0).ln();
                (l0.ln() + t * (l1 / l0).ln()).exp()
            }
        })
    }
}

/// The masses [below, above] around `mass` that still have a limit (`has_limit` of their
/// index): the edges of the blind window `mass` lies in.
pub(crate) fn gap_around(
    masses: &[f64],
    has_limit: impl Fn(usize) -> bool,
    mass: f64,
) -> Option<[f64; 2]> {
    let i = masses.partition_point(|m| *m <= mass);
    let below = (0..i).rev().find(|&j| has_limit(j))?;
    let above = (i..masses.len()).find(|&j| has_limit(j))?;
    Some([masses[below], masses[above]])
}

/// The text and the displayed path of a data file named by a constraint entry: relative to
/// the entry's constraint file, or a compiled-in data path for the shipped file.
pub(crate) fn read_text(c: &super::Spec, file: &str) -> Result<(String, String)> {
    let path = match &c.base {
        Some(base) => base.join(file),
        None => PathBuf::from(file),
    };
    let name = path.display().to_string();
    let text = match crate::data::file(file).filter(|_| c.base.is_none()) {
        Some(t) => t.to_string(),
        None => std::fs::read_to_string(&path).map_err(|e| {
            Error::file(
                &name,
                format!("constraint '{}': cannot read the data file: {e}", c.id),
            )
        })?,
    };
    Ok((text, name))
}

/// Read the curve file of a constraint entry.
fn read(c: &super::Spec, spec: &Spec) -> Result<(Curve, String)> {
    let (text, name) = read_text(c, &spec.file)?;
    Ok((Curve::parse(&text, &name)?, name))
}

/// A resolved limit curve.
#[derive(Clone)]
pub struct LimitCurve {
    observable: Prepared,
    curve: Curve,
    /// The Z' decays, for a curve with a `final_state`.
    decays: Option<super::seen::Decays>,
    /// The `scale_by` observable.
    scale: Option<Prepared>,
}

impl LimitCurve {
    /// Read the curve and prepare the observable.
    pub fn new(
        c: &super::Spec,
        spec: &Spec,
        query: &Query,
        prep: &Preparations,
    ) -> Result<LimitCurve> {
        let (curve, file) = read(c, spec)?;
        let of_file = crate::observables::find(&curve.observable)?;
        let scale = scale_by(spec.scale_by.as_deref(), prep, &file)?;
        if of_file != *query && scale.is_none() {
            return Err(Error::file(
                &file,
                format!(
                    "the curve is a limit on '{}', constraint '{}' names '{}'",
                    of_file.name(),
                    c.id,
                    query.name()
                ),
            ));
        }
        if curve.unit != query.observable.unit {
            return Err(Error::file(
                &file,
                format!(
                    "unit '{}': the observable's unit is '{}'",
                    curve.unit, query.observable.unit
                ),
            ));
        }
        let decays = curve.acceptance.map(|_| super::seen::Decays);
        Ok(LimitCurve {
            observable: prep.prepare(query)?,
            curve,
            decays,
            scale,
        })
    }

    /// The limit at the point's mass (times the `scale_by` observable).
    fn limit(&self, ctx: &Context) -> Result<f64> {
        let limit = self
            .curve_limit(ctx.point.mass)
            .map_err(|e| derived_not_applied(e, self.scale.is_some()))?;
        Ok(limit * scale_at(self.scale.as_ref(), ctx)?)
    }

    fn curve_limit(&self, mass: f64) -> Result<f64> {
        self.curve.at(mass).ok_or_else(|| Error::NotApplicable {
            observable: self.observable.name.clone(),
            reason: match self.curve.blind_window(mass) {
                Some([lo, hi]) => blind_window_reason(mass, lo, hi),
                None => format!("outside the limit curve ({:?} GeV)", self.curve.range()),
            },
        })
    }

    /// The prediction the curve limits as a function of the coupling at the point's mass:
    /// the observable times the fraction seen.
    fn seen_in_coupling<'a>(
        &'a self,
        ctx: &Context<'a>,
    ) -> Result<(crate::observables::InCoupling<'a>, f64)> {
        let at = self.observable.at_mass(ctx)?;
        let (Some(acceptance), Some(decays)) = (self.curve.acceptance, &self.decays) else {
            return Ok((at.function, at.sm_value));
        };
        let decay = decays.in_coupling(ctx)?;
        let (function, mass) = (at.function, ctx.point.mass);
        let seen = move |c: f64| -> Result<f64> {
            let d = decay(c)?;
            Ok(function.at(c)? * acceptance.fraction(d.b_inv, d.b_mumu, d.ctau(c), mass))
        };
        Ok((
            crate::observables::InCoupling::Function(Box::new(seen)),
            at.sm_value,
        ))
    }
}

/// The `scale_by` observable of a constraint, prepared; it must not depend on the coupling.
pub(crate) fn scale_by(
    name: Option<&str>,
    prep: &Preparations,
    file: &str,
) -> Result<Option<Prepared>> {
    let Some(name) = name else {
        return Ok(None);
    };
    let query = crate::observables::find(name)?;
    if query.observable.degree != Some(0) {
        return Err(Error::file(
            file,
            format!("scale_by '{name}': the observable must not depend on the coupling (degree 0)"),
        ));
    }
    Ok(Some(prep.prepare(&query)?))
}

/// The `scale_by` factor at the point (1 without one), at coupling 1: it does not depend on
/// the coupling.
pub(crate) fn scale_at(scale: Option<&Prepared>, ctx: &Context) -> Result<f64> {
    match scale {
        None => Ok(1.0),
        Some(s) => {
            let one = ctx.point.with_coupling(1.0);
            s.predict(&Context {
                point: &one,
                ..*ctx
            })
        }
    }
}

/// The citation of a limit (`reference` of its file), and for a bound derived with
/// `scale_by` the observable that scales it.
pub(crate) fn derived_reference(reference: &str, scale: Option<&Prepared>) -> String {
    match scale {
        None => reference.to_string(),
        Some(s) => format!(
            "{reference}; times {} ({})",
            s.name,
            s.observable().reference
        ),
    }
}

/// The reason a bound derived from another search (`scale_by`) does not apply where that
/// search sets no limit (paper 000's loophole of the Grossman-Nir bound).
pub(crate) fn derived_not_applied(e: Error, derived: bool) -> Error {
    match e {
        Error::NotApplicable { observable, reason } if derived => Error::NotApplicable {
            observable,
            reason: format!(
                "{reason}; a bound derived from that search (Grossman-Nir) does not apply where the search does not see the X (paper 000): only direct searches and the pi0 -> invisible bound count there"
            ),
        },
        e => e,
    }
}

/// Why a search sets no limit at `mass`: it lies in the search's blind window between the
/// masses `lo` and `hi` where it gives limits.
pub(crate) fn blind_window_reason(mass: f64, lo: f64, hi: f64) -> String {
    format!(
        "m_Z' = {:.1} MeV lies in the search's blind window (no limit between {:.1} and {:.1} MeV; never interpolated across)",
        mass * 1e3,
        lo * 1e3,
        hi * 1e3
    )
}

/// Where a limit given as data applies: the masses the data cover (`what`: "curve" or
/// "grid"), cut to where the observable itself is valid.
pub(crate) fn covered_validity(
    [lo, hi]: [f64; 2],
    what: &str,
    observable: Option<&Validity>,
) -> Validity {
    let reason = format!("the limit {what} covers {lo} to {hi} GeV");
    match observable {
        None => Validity {
            mass: [lo, hi],
            reason,
        },
        Some(v) => Validity {
            mass: [lo.max(v.mass[0]), hi.min(v.mass[1])],
            reason: format!("{reason}; {}", v.reason),
        },
    }
}

impl Rule for LimitCurve {
    fn cl(&self) -> f64 {
        self.curve.cl
    }

    fn reference(&self) -> String {
        super::limit_curve::derived_reference(&self.curve.reference, self.scale.as_ref())
    }

    fn observable(&self) -> String {
        self.observable.name.clone()
    }

    /// The curve's mass range, cut to where the observable is valid.
    fn validity(&self) -> Option<Validity> {
        Some(covered_validity(
            self.curve.range(),
            "curve",
            self.observable.validity.as_ref(),
        ))
    }

    fn outcome(&self, ctx: &Context) -> Result<Outcome> {
        let limit = self.limit(ctx)?;
        let (Some(acceptance), Some(decays)) = (self.curve.acceptance, &self.decays) else {
            return upper_limit::outcome(&self.observable, limit, self.curve.cl, ctx);
        };
        // BR(parent -> daughter Z') times the fraction of Z's the search sees.
        let (o, o_sm) = self.observable.with_sm_value(ctx)?;
        let d = decays.at_point(ctx)?;
        let seen = o * acceptance.fraction(d.b_inv, d.b_mumu, d.ctau_unit, ctx.point.mass);
        let allowed = (f64::NEG_INFINITY, limit);
        Ok(Outcome {
            status: status_of(allowed, seen, o_sm),
            value: seen,
            bound: limit,
            test_statistic: upper_limit_statistic(seen, limit, self.curve.cl),
        })
    }

    fn statistic_at_mass<'a>(
        &'a self,
        ctx: &Context<'a>,
    ) -> Result<Box<dyn Fn(f64) -> Result<f64> + 'a>> {
        let limit = self.limit(ctx)?;
        let cl = self.curve.cl;
        let (f, _) = self.seen_in_coupling(ctx)?;
        Ok(Box::new(move |c| {
            Ok(upper_limit_statistic(f.at(c)?, limit, cl))
        }))
    }

    fn regions(&self, ctx: &Context) -> Result<Regions> {
        let limit = self.limit(ctx)?;
        if self.curve.acceptance.is_none() {
            return upper_limit::regions(&self.observable, limit, ctx);
        }
        let (f, sm_value) = self.seen_in_coupling(ctx)?;
        Ok(Regions {
            excluded: with_status(
                &segments(&f, sm_value, (f64::NEG_INFINITY, limit))?,
                Status::Excluded,
            ),
            ..Regions::default()
        })
    }

    fn for_model(&self, ctx: &Context) -> Box<dyn Rule> {
        Box::new(LimitCurve {
            observable: self.observable.for_model(ctx),
            decays: self.decays,
            scale: self.scale.as_ref().map(|s| s.for_model(ctx)),
            ..self.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        "# reference: test\n# observable: Delta a_mu\n# cl: 0.95\n# mass_unit: GeV\n# unit: 1\n";

    #[test]
    fn interpolation_linear_and_log_log() {
        let lin = Curve::parse(&format!("{HEAD}mass,limit\n1,1\n3,5\n"), "c.csv").unwrap();
        assert_eq!(lin.at(2.0), Some(3.0));
        assert_eq!(lin.at(0.5), None);
        assert_eq!(lin.at(3.5), None);
        assert_eq!(lin.at(3.0), Some(5.0));
        let log = Curve::parse(
            &format!("{HEAD}# interpolation: log-log\nmass,limit\n1,1e-8\n100,1e-4\n"),
            "c.csv",
        )
        .unwrap();
        // A power law limit ∝ m²: at m = 10 the limit is 1e-6.
        assert!((log.at(10.0).unwrap() / 1e-6 - 1.0).abs() < 1e-12);
        let mev = Curve::parse(
            &format!("{}mass,limit\n1,1\n3,5\n", HEAD.replace("GeV", "MeV")),
            "c.csv",
        )
        .unwrap();
        assert_eq!(mev.range(), [1e-3, 3e-3]);
    }

    #[test]
    fn bad_curves_name_the_file_and_the_problem() {
        for (text, needle) in [
            ("mass,limit\n1,1\n2,1\n".to_string(), "reference"),
            (format!("{HEAD}mass,limit\n1,1\n"), "two points"),
            (format!("{HEAD}mass,limit\n2,1\n1,1\n"), "increasing"),
            (format!("{HEAD}mass,limit\n1,1\n2,-1\n"), "positive"),
            (format!("{HEAD}mass,limit\n1,1\n2,x\n"), "line 8"),
            (format!("{HEAD}mass,bound\n1,1\n2,1\n"), "limit"),
            (
                format!("{HEAD}# interpolation: cubic\nmass,limit\n1,1\n2,1\n"),
                "cubic",
            ),
        ] {
            let e = Curve::parse(&text, "my_curve.csv").unwrap_err().to_string();
            assert!(e.contains("my_curve.csv") && e.contains(needle), "{e}");
        }
    }

    /// `nan` marks a blind window: no limit inside, never interpolated across, the window
    /// named; a point with a limit next to it keeps its own limit.
    #[test]
    fn nan_is_a_blind_window() {
        let c = Curve::parse(
            &format!("{HEAD}mass,limit\n0.1,1e-9\n0.11,2e-9\n0.13,nan\n0.15,4e-9\n0.2,4e-9\n"),
            "c.csv",
        )
        .unwrap();
        assert_eq!(c.range(), [0.1, 0.2]);
        assert!((c.at(0.105).unwrap() / 1.5e-9 - 1.0).abs() < 1e-12);
        assert_eq!(c.at(0.11), Some(2e-9));
        assert_eq!(c.at(0.12), None);
        assert_eq!(c.at(0.13), None);
        assert_eq!(c.at(0.14), None);
        assert_eq!(c.at(0.15), Some(4e-9));
        assert_eq!(c.blind_window(0.12), Some([0.11, 0.15]));
        assert_eq!(c.blind_window(0.105), None);
        assert_eq!(c.blind_window(0.3), None);
        // A linear curve may start at a massless X; a log-log one may not.
        assert!(Curve::parse(&format!("{HEAD}mass,limit\n0,1\n1,1\n"), "c.csv").is_ok());
        assert!(Curve::parse(
            &format!("{HEAD}# interpolation: log-log\nmass,limit\n0,1\n1,1\n"),
            "c.csv"
        )
        .is_err());
        // A curve of one point and nan is no curve.
        let e = Curve::parse(&format!("{HEAD}mass,limit\n1,1\n2,nan\n"), "c.csv").unwrap_err();
        assert!(e.to_string().contains("two points"), "{e}");
    }
}
