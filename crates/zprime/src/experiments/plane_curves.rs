//! Published exclusion curves in the (m_Z', coupling) plane, read from a user's file: the
//! searches that zprime does not compute (no public data, or a detector simulation behind
//! them) are added to a plot as one file each, with their citation.
//!
//! # The CSV format
//!
//! ```text
//! # label: BaBar e+e- -> mu mu Z', Z' -> mu mu
//! # reference: BaBar, J. P. Lees et al., Phys. Rev. D 94, 011102 (2016), arXiv:1606.03501
//! # model: lmu-ltau
//! # coupling: g
//! # cl: 0.90
//! # mass_unit: GeV
//! mass,coupling
//! 0.212,7.0e-4
//! ...
//! ```
//!
//! Header lines `# key: value` before the data: `reference` (required: where the curve was
//! published), `cl` (required, 0 < cl < 1), `coupling` (required: `g` for a gauge coupling
//! g′, `eps` for a kinetic mixing ε, `eps_e` for the product e ε), `label` (legend text;
//! default the file name), `model` (the model the curve was derived for, e.g. `lmu-ltau`,
//! `dark-photon`), `mass_unit` (`GeV` or `MeV`; default GeV), `final_state` (`invisible`,
//! `mumu`, ...: informative, said in the caption of a converted curve). The data are either
//! `mass,coupling` (excluded above the curve) or `mass,coupling_low,coupling_high` (excluded
//! between, e.g. a beam dump); `nan` leaves a mass without a limit (the curve is broken
//! there, never interpolated across).
//!
//! # HEPData
//!
//! A HEPData table (`.yaml`/`.yml`, the format of hepdata.net record tables): the first
//! independent variable is the mass (its `units` say GeV or MeV), the dependent variable
//! the coupling limit (the first one, or the one whose `header.name` is given as the
//! `# column:` header line). HEPData tables do not carry the paper's citation, so the same
//! `# key: value` header lines are read from comment lines at the top of the YAML file
//! (`reference`, `cl`, `coupling` required; the `cl` may instead come from a `CL` qualifier of
//! the dependent variable).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the coupling column of a curve means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CouplingMeaning {
    /// A gauge coupling g′.
    G,
    /// A kinetic mixing ε.
    Eps,
    /// The product e ε (the dark photon's coupling to a unit charge).
    EpsE,
}

impl CouplingMeaning {
    fn parse(text: &str, file: &str) -> Result<Self> {
        match text {
            "g" => Ok(CouplingMeaning::G),
            "eps" => Ok(CouplingMeaning::Eps),
            "eps_e" => Ok(CouplingMeaning::EpsE),
            other => Err(Error::file(
                file,
                format!("coupling '{other}': allowed g, eps, eps_e"),
            )),
        }
    }

    /// The name used in headers and captions.
    pub fn name(self) -> &'static str {
        match self {
            CouplingMeaning::G => "g",
            CouplingMeaning::Eps => "eps",
            CouplingMeaning::EpsE => "eps_e",
        }
    }
}

/// A published exclusion curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaneCurve {
    /// Legend text.
    pub label: String,
    /// Where it was published.
    pub reference: String,
    /// The model it was derived for (informative), if the file says.
    pub model: Option<String>,
    /// What the coupling column means.
    pub coupling: CouplingMeaning,
    /// Confidence level.
    pub cl: f64,
    /// The Z' final state the search used, if the file says.
    pub final_state: Option<String>,
    /// Masses, GeV, increasing.
    pub mass: Vec<f64>,
    /// The excluded coupling range at each mass: [low, high] (high = +inf for a curve that
    /// excludes everything above it); NaN where the search sets no limit.
    pub excluded: Vec<[f64; 2]>,
    /// Said of a curve that was converted to another coupling ([`PlaneCurve::converted_to_g`]).
    pub conversion: Option<String>,
}

/// The header lines `# key: value` at the top of a text.
fn header(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix('#') else {
            if line.is_empty() {
                continue;
            }
            break;
        };
        if let Some((k, v)) = rest.split_once(':') {
            out.insert(k.trim().to_string(), v.trim().to_string());
        }
    }
    out
}

fn number(cell: &str, file: &str, line: usize) -> Result<f64> {
    let cell = cell.trim();
    if cell.eq_ignore_ascii_case("nan") || cell == "-" {
        return Ok(f64::NAN);
    }
    match cell.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(Error::file(
            file,
            format!("line {line}: '{cell}' is not a finite number (or nan)"),
        )),
    }
}

fn mass_scale(unit: &str, file: &str) -> Result<f64> {
    match unit.trim() {
        "GeV" | "gev" => Ok(1.0),
        "MeV" | "mev" => Ok(1e-3),
        other => Err(Error::file(
            file,
            format!("mass unit '{other}': allowed GeV, MeV"),
        )),
    }
}

impl PlaneCurve {
    /// Read a curve file: HEPData YAML (`.yaml`, `.yml`) or the CSV format (module
    /// documentation). `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<PlaneCurve> {
        let yaml = std::path::Path::new(file)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
        if yaml {
            Self::parse_hepdata(text, file)
        } else {
            Self::parse_csv(text, file)
        }
    }

    /// Read a curve from a path.
    pub fn from_path(path: &std::path::Path) -> Result<PlaneCurve> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::file(&name, format!("cannot read: {e}")))?;
        Self::parse(&text, &name)
    }

    fn from_header(
        h: &BTreeMap<String, String>,
        file: &str,
        cl_fallback: Option<f64>,
    ) -> Result<PlaneCurve> {
        let need = |k: &str| -> Result<&String> {
            h.get(k)
                .filter(|v| !v.is_empty())
                .ok_or_else(|| Error::file(file, format!("header line '# {k}: ...' missing")))
        };
        let reference = need("reference")?.clone();
        let coupling = CouplingMeaning::parse(need("coupling")?, file)?;
        let cl = match h.get("cl") {
            Some(v) => v.parse::<f64>().ok(),
            None => cl_fallback,
        }
        .filter(|cl| *cl > 0.0 && *cl < 1.0)
        .ok_or_else(|| Error::file(file, "cl: need '# cl: x' with 0 < x < 1".to_string()))?;
        let label = h.get("label").cloned().unwrap_or_else(|| {
            std::path::Path::new(file)
                .file_stem()
                .map_or_else(|| file.to_string(), |s| s.to_string_lossy().into_owned())
        });
        Ok(PlaneCurve {
            label,
            reference,
            model: h.get("model").cloned(),
            coupling,
            cl,
            final_state: h.get("final_state").cloned(),
            mass: vec![],
            excluded: vec![],
            conversion: None,
        })
    }

    fn parse_csv(text: &str, file: &str) -> Result<PlaneCurve> {
        let h = header(text);
        let mut curve = Self::from_header(&h, file, None)?;
        let scale = mass_scale(h.get("mass_unit").map_or("GeV", String::as_str), file)?;
        let mut columns: Option<Vec<String>> = None;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            let Some(cols) = &columns else {
                let names: Vec<String> = cells.iter().map(|c| (*c).to_string()).collect();
                if names != ["mass", "coupling"]
                    && names != ["mass", "coupling_low", "coupling_high"]
                {
                    return Err(Error::file(
                        file,
                        format!(
                            "line {}: columns '{}': allowed 'mass,coupling' or 'mass,coupling_low,coupling_high'",
                            i + 1,
                            line
                        ),
                    ));
                }
                columns = Some(names);
                continue;
            };
            if cells.len() != cols.len() {
                return Err(Error::file(
                    file,
                    format!(
                        "line {}: {} values for {} columns",
                        i + 1,
                        cells.len(),
                        cols.len()
                    ),
                ));
            }
            let m = number(cells[0], file, i + 1)?;
            let low = number(cells[1], file, i + 1)?;
            let high = if cells.len() == 3 {
                number(cells[2], file, i + 1)?
            } else {
                f64::INFINITY
            };
            curve.push(m * scale, [low, high], file, i + 1)?;
        }
        curve.check(file)?;
        Ok(curve)
    }

    fn parse_hepdata(text: &str, file: &str) -> Result<PlaneCurve> {
        let h = header(text);
        let table: HepDataTable = serde_saphyr::from_str(text)
            .map_err(|e| Error::file(file, format!("not a HEPData table: {e}")))?;
        let x = table
            .independent_variables
            .first()
            .ok_or_else(|| Error::file(file, "no independent variable (the mass)".to_string()))?;
        let y = match h.get("column") {
            Some(name) => table
                .dependent_variables
                .iter()
                .find(|d| d.header.name == *name)
                .ok_or_else(|| {
                    Error::file(
                        file,
                        format!(
                            "column '{name}': the dependent variables are {}",
                            table
                                .dependent_variables
                                .iter()
                                .map(|d| format!("'{}'", d.header.name))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                })?,
            None => table
                .dependent_variables
                .first()
                .ok_or_else(|| Error::file(file, "no dependent variable (the coupling)"))?,
        };
        let cl_qualifier = y
            .qualifiers
            .iter()
            .find(|q| q.name.eq_ignore_ascii_case("cl"))
            .and_then(|q| {
                let v = q.value.to_string();
                let v = v.trim();
                match v.strip_suffix('%') {
                    Some(p) => p.trim().parse::<f64>().ok().map(|p| p / 100.0),
                    None => v.parse::<f64>().ok(),
                }
            });
        let mut curve = Self::from_header(&h, file, cl_qualifier)?;
        let unit = x.header.units.as_deref().unwrap_or("GeV");
        let scale = mass_scale(unit, file)?;
        if x.values.len() != y.values.len() {
            return Err(Error::file(
                file,
                format!(
                    "{} masses for {} coupling values",
                    x.values.len(),
                    y.values.len()
                ),
            ));
        }
        for (i, (xv, yv)) in x.values.iter().zip(&y.values).enumerate() {
            let m = xv.centre(file, i)?;
            let g = yv.value.as_number(file, i)?;
            curve.push(m * scale, [g, f64::INFINITY], file, i + 1)?;
        }
        curve.check(file)?;
        Ok(curve)
    }

    fn push(&mut self, mass: f64, excluded: [f64; 2], file: &str, line: usize) -> Result<()> {
        if mass.is_nan() || mass <= 0.0 {
            return Err(Error::file(
                file,
                format!("entry {line}: mass {mass} must be > 0"),
            ));
        }
        if let Some(last) = self.mass.last() {
            if mass <= *last {
                return Err(Error::file(
                    file,
                    format!("entry {line}: masses must increase ({mass} after {last})"),
                ));
            }
        }
        let [low, high] = excluded;
        let valid = low.is_nan() || (low > 0.0 && high > low);
        if !valid {
            return Err(Error::file(
                file,
                format!("entry {line}: the excluded couplings [{low}, {high}] need 0 < low < high"),
            ));
        }
        self.mass.push(mass);
        self.excluded.push(if low.is_nan() {
            [f64::NAN; 2]
        } else {
            excluded
        });
        Ok(())
    }

    fn check(&self, file: &str) -> Result<()> {
        if self.excluded.iter().filter(|e| !e[0].is_nan()).count() < 2 {
            return Err(Error::file(
                file,
                "a curve needs at least two masses with a limit".to_string(),
            ));
        }
        Ok(())
    }

    /// The curve with its couplings read as g′ = e ε (a dark-photon limit on ε or e ε applied
    /// to a Z′ whose coupling to the particles the search uses is g′). Valid only where the
    /// production and the decay the search sees scale the same way for both (e.g. a Z′ and a
    /// dark photon produced off muons that decay invisibly, or to μμ with the same
    /// branching fraction): the caller decides that, and `conversion` says it on the plot.
    #[must_use]
    pub fn converted_to_g(&self, alpha: f64) -> PlaneCurve {
        let e = (4.0 * std::f64::consts::PI * alpha).sqrt();
        let factor = match self.coupling {
            CouplingMeaning::G | CouplingMeaning::EpsE => 1.0,
            CouplingMeaning::Eps => e,
        };
        let mut out = self.clone();
        if self.coupling != CouplingMeaning::G {
            for x in &mut out.excluded {
                *x = x.map(|v| v * factor);
            }
            out.coupling = CouplingMeaning::G;
            out.conversion = Some(format!(
                "{}: {} limit shown as g' = {} (assumes the production and the {} decay scale alike for both bosons)",
                self.label,
                self.coupling.name(),
                if self.coupling == CouplingMeaning::Eps { "e eps" } else { "eps_e" },
                self.final_state.as_deref().unwrap_or("observed")
            ));
        }
        out
    }
}

/// A HEPData table (the parts zprime reads).
#[derive(Debug, Deserialize)]
struct HepDataTable {
    independent_variables: Vec<HepDataVariable>,
    dependent_variables: Vec<HepDataVariable>,
}

#[derive(Debug, Deserialize)]
struct HepDataVariable {
    header: HepDataHeader,
    #[serde(default)]
    qualifiers: Vec<HepDataQualifier>,
    values: Vec<HepDataValue>,
}

#[derive(Debug, Deserialize)]
struct HepDataHeader {
    name: String,
    #[serde(default)]
    units: Option<String>,
}

#[derive(Debug, Deserialize)]
struct HepDataQualifier {
    name: String,
    value: ScalarOrText,
}

#[derive(Debug, Deserialize)]
struct HepDataValue {
    #[serde(default)]
    value: ScalarOrText,
    #[serde(default)]
    low: Option<f64>,
    #[serde(default)]
    high: Option<f64>,
}

impl HepDataValue {
    /// A bin's centre or a point's value.
    fn centre(&self, file: &str, i: usize) -> Result<f64> {
        match (&self.value, self.low, self.high) {
            (ScalarOrText::Number(v), _, _) => Ok(*v),
            (_, Some(lo), Some(hi)) => Ok(0.5 * (lo + hi)),
            (v, _, _) => v.as_number(file, i),
        }
    }
}

/// A value that HEPData writes as a number or as text (`'-'` for no value).
#[derive(Debug, Deserialize, Default)]
#[serde(untagged)]
enum ScalarOrText {
    Number(f64),
    Text(String),
    #[default]
    Missing,
}

impl std::fmt::Display for ScalarOrText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScalarOrText::Number(v) => write!(f, "{v}"),
            ScalarOrText::Text(t) => write!(f, "{t}"),
            ScalarOrText::Missing => write!(f, "-"),
        }
    }
}

impl ScalarOrText {
    fn as_number(&self, file: &str, i: usize) -> Result<f64> {
        match self {
            ScalarOrText::Number(v) if v.is_finite() => Ok(*v),
            ScalarOrText::Text(t) => number(t, file, i + 1),
            ScalarOrText::Missing => Ok(f64::NAN),
            ScalarOrText::Number(v) => Err(Error::file(
                file,
                format!("value {}: {v} is not finite", i + 1),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "# label: test search\n# reference: A. Author, Journal 1 (2000) 1\n# coupling: g\n# cl: 0.9\n# mass_unit: MeV\nmass,coupling\n10,1e-3\n100,2e-3\n200,nan\n300,3e-3\n";

    #[test]
    fn csv_curves_are_read_with_units_and_gaps() {
        let c = PlaneCurve::parse(CSV, "t.csv").unwrap();
        assert_eq!(c.label, "test search");
        assert_eq!(c.mass, vec![0.01, 0.1, 0.2, 0.3]);
        assert_eq!(c.excluded[0], [1e-3, f64::INFINITY]);
        assert!(c.excluded[2][0].is_nan());
        assert_eq!(c.coupling, CouplingMeaning::G);
        assert_eq!(c.cl, 0.9);
    }

    #[test]
    fn bad_curve_files_say_what_is_wrong() {
        let no_ref = CSV.replace("# reference: A. Author, Journal 1 (2000) 1\n", "");
        let e = PlaneCurve::parse(&no_ref, "t.csv").unwrap_err().to_string();
        assert!(e.contains("reference"), "{e}");
        let bad = CSV.replace("# coupling: g", "# coupling: alpha");
        let e = PlaneCurve::parse(&bad, "t.csv").unwrap_err().to_string();
        assert!(e.contains("allowed g, eps, eps_e"), "{e}");
        let order = CSV.replace("100,2e-3", "5,2e-3");
        let e = PlaneCurve::parse(&order, "t.csv").unwrap_err().to_string();
        assert!(e.contains("increase"), "{e}");
        let neg = CSV.replace("100,2e-3", "100,-2e-3");
        assert!(PlaneCurve::parse(&neg, "t.csv").is_err());
    }

    #[test]
    fn hepdata_tables_are_read() {
        let yaml = "# reference: A. Author, Journal 1 (2000) 1\n# coupling: eps\n\
independent_variables:\n- header: {name: 'M(A)', units: MeV}\n  values:\n  - {value: 10}\n  - {low: 90, high: 110}\n  - {value: 200}\n\
dependent_variables:\n- header: {name: 'eps limit'}\n  qualifiers:\n  - {name: CL, value: 90%}\n  values:\n  - {value: 1.0e-3}\n  - {value: 2.0e-3}\n  - {value: '-'}\n";
        let c = PlaneCurve::parse(yaml, "t.yaml").unwrap();
        assert_eq!(c.mass, vec![0.01, 0.1, 0.2]);
        assert!((c.cl - 0.9).abs() < 1e-15);
        assert!(c.excluded[2][0].is_nan());
        let g = c.converted_to_g(1.0 / 137.0);
        let e = (4.0 * std::f64::consts::PI / 137.0).sqrt();
        assert!((g.excluded[0][0] / (1e-3 * e) - 1.0).abs() < 1e-14);
        assert!(g.conversion.unwrap().contains("e eps"));
    }
}
