//! Measurements and limits, loaded from `data/experiments/measurements.toml`, each with its
//! citation. Derived entries (experiment − theory for g-2, the τ ratio of paper 004) are
//! computed from other entries and input parameters with Gaussian error propagation, so that
//! a change of an input (the τ lifetime, say) propagates.

pub mod bands;
pub mod plane_curves;
pub mod single_muon;

use crate::error::{Error, Result};
use crate::inputs::InputSet;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

const FILE: &str = "data/experiments/measurements.toml";
const TEXT: &str = crate::data::MEASUREMENTS;

/// How a measurement is given in the data file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Kind {
    /// value ± uncertainty.
    Gaussian,
    /// limit at a confidence level.
    UpperLimit,
    /// computed from other entries.
    Derived,
}

/// One entry of the measurement file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Unique id, referenced by constraints.
    pub id: String,
    /// What is measured.
    pub quantity: String,
    /// How it is given.
    pub kind: Kind,
    /// Central value (gaussian).
    #[serde(default)]
    pub value: Option<f64>,
    /// 1σ uncertainty (gaussian).
    #[serde(default)]
    pub uncertainty: Option<f64>,
    /// Upper limit (upper_limit).
    #[serde(default)]
    pub limit: Option<f64>,
    /// Confidence level of the limit.
    #[serde(default)]
    pub cl: Option<f64>,
    /// Derivation: "difference" or "ratio_minus_one".
    #[serde(default)]
    pub op: Option<String>,
    /// Operands of the derivation: entry ids, or "param:NAME" for an input parameter.
    #[serde(default)]
    pub of: Vec<String>,
    /// Citation.
    pub reference: String,
    /// Year of the result.
    pub year: u32,
    /// Remarks.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    measurement: Vec<Entry>,
}

/// A measurement ready for a statistical test.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Value {
    /// value ± uncertainty (1σ).
    Gaussian {
        /// Central value.
        value: f64,
        /// 1σ.
        uncertainty: f64,
    },
    /// Upper limit at a CL.
    UpperLimit {
        /// The limit.
        limit: f64,
        /// Its confidence level.
        cl: f64,
    },
}

/// Every entry of the shipped measurement file (parsed once; its validity is a test).
pub fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        parse(TEXT, FILE).expect("the shipped measurement file is valid (checked by tests)")
    })
}

fn parse(text: &str, file: &str) -> Result<Vec<Entry>> {
    let f: File = crate::data::parse_toml(text, file)?;
    let bad = |id: &str, m: &str| Error::file(file, format!("measurement '{id}': {m}"));
    for e in &f.measurement {
        match e.kind {
            Kind::Gaussian => match (e.value, e.uncertainty) {
                (Some(v), Some(u)) if v.is_finite() && u.is_finite() && u > 0.0 => {}
                _ => {
                    return Err(bad(
                        &e.id,
                        "gaussian needs finite value and uncertainty > 0",
                    ))
                }
            },
            Kind::UpperLimit => match (e.limit, e.cl) {
                (Some(l), Some(c)) if l.is_finite() && c > 0.0 && c < 1.0 => {}
                _ => return Err(bad(&e.id, "upper_limit needs finite limit and 0 < cl < 1")),
            },
            Kind::Derived => {
                if !matches!(
                    e.op.as_deref(),
                    Some("difference" | "ratio" | "ratio_minus_one")
                ) || e.of.len() < 2
                {
                    return Err(bad(&e.id, "derived needs op = difference | ratio | ratio_minus_one and at least two operands in 'of'"));
                }
                for o in &e.of {
                    if !o.starts_with("param:") && !f.measurement.iter().any(|x| &x.id == o) {
                        return Err(bad(
                            &e.id,
                            &format!("operand '{o}' is not a measurement id"),
                        ));
                    }
                }
            }
        }
        if f.measurement.iter().filter(|x| x.id == e.id).count() > 1 {
            return Err(bad(&e.id, "duplicate id"));
        }
    }
    Ok(f.measurement)
}

/// Look up an entry by id.
pub fn entry(id: &str) -> Result<&'static Entry> {
    crate::error::lookup(entries(), id, "measurement", |e| &e.id)
}

/// (value, uncertainty) of a Gaussian operand: an entry or an input parameter.
fn gaussian_operand(id: &str, inputs: &InputSet) -> Result<(f64, f64)> {
    if let Some(p) = id.strip_prefix("param:") {
        let p = inputs.parameter(p)?;
        return Ok((p.value, p.uncertainty));
    }
    match resolve(id, inputs)? {
        Value::Gaussian { value, uncertainty } => Ok((value, uncertainty)),
        Value::UpperLimit { .. } => {
            Err(Error::file(FILE, format!("'{id}' is a limit, not a value")))
        }
    }
}

/// The measurement `id` as a value for statistics, with derived entries evaluated using the
/// input set's parameters.
pub fn resolve(id: &str, inputs: &InputSet) -> Result<Value> {
    let e = entry(id)?;
    Ok(match e.kind {
        Kind::Gaussian => Value::Gaussian {
            value: e.value.unwrap_or(0.0),
            uncertainty: e.uncertainty.unwrap_or(0.0),
        },
        Kind::UpperLimit => Value::UpperLimit {
            limit: e.limit.unwrap_or(0.0),
            cl: e.cl.unwrap_or(0.0),
        },
        Kind::Derived => {
            let ops: Vec<(f64, f64)> =
                e.of.iter()
                    .map(|o| gaussian_operand(o, inputs))
                    .collect::<Result<_>>()?;
            match e.op.as_deref() {
                Some("difference") => {
                    let value = ops[0].0 - ops[1..].iter().map(|o| o.0).sum::<f64>();
                    let uncertainty = ops.iter().map(|o| o.1 * o.1).sum::<f64>().sqrt();
                    Value::Gaussian { value, uncertainty }
                }
                op => {
                    // ratio (minus one): first / product(rest), relative errors in quadrature.
                    let den: f64 = ops[1..].iter().map(|o| o.0).product();
                    let ratio = ops[0].0 / den;
                    let rel = ops.iter().map(|o| (o.1 / o.0).powi(2)).sum::<f64>().sqrt();
                    let shift = if op == Some("ratio") { 0.0 } else { 1.0 };
                    Value::Gaussian {
                        value: ratio - shift,
                        uncertainty: ratio * rel,
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_file_is_valid() {
        parse(TEXT, FILE).unwrap();
        assert!(entries().iter().all(|e| !e.reference.is_empty()));
    }

    #[test]
    fn g2_pairings() {
        let d = InputSet::default_set();
        let Value::Gaussian { value, uncertainty } = resolve("Delta a_mu:WA2025-WP25", &d).unwrap()
        else {
            panic!()
        };
        assert!(
            (value - 38.5e-11).abs() < 1e-16 && (uncertainty - 63.7e-11).abs() < 0.1e-11,
            "{value} {uncertainty}"
        );
        let Value::Gaussian { value, uncertainty } = resolve("Delta a_mu:WA2025-WP20", &d).unwrap()
        else {
            panic!()
        };
        assert!((value - 261.5e-11).abs() < 1e-16 && (uncertainty - 45.4e-11).abs() < 0.1e-11);
        let Value::Gaussian { value, uncertainty } =
            resolve("Delta a_mu:BNL2006-WP20", &d).unwrap()
        else {
            panic!()
        };
        assert!((value - 279e-11).abs() < 1e-16 && (uncertainty - 76e-11).abs() < 0.5e-11);
    }

    #[test]
    fn paper_004_tau_ratio_eq31() {
        // Delta = (7.0 +- 3.0)e-3 from BR = 17.41 +- 0.04 %, tau = 290.29 +- 0.53 fs, 5.956(2)e11/s.
        let set = InputSet::load("altmannshofer2014").unwrap();
        let Value::Gaussian { value, uncertainty } =
            resolve("Delta(tau->mununu):altmannshofer2014", &set).unwrap()
        else {
            panic!()
        };
        assert!((value - 7.0e-3).abs() < 0.05e-3, "{value}");
        assert!((uncertainty - 3.0e-3).abs() < 0.05e-3, "{uncertainty}");
    }

    #[test]
    fn borexino_rate_ratio() {
        // 48.3 +- 1.23 over 47.9 +- 2.8: 1.008 +- 0.064 (relative errors in quadrature).
        let Value::Gaussian { value, uncertainty } =
            resolve("R(7Be):Borexino", &InputSet::default_set()).unwrap()
        else {
            panic!()
        };
        assert!((value - 48.3 / 47.9).abs() < 1e-12);
        let rel = ((1.23f64 / 48.3).powi(2) + (2.8f64 / 47.9).powi(2)).sqrt();
        assert!((uncertainty - value * rel).abs() < 1e-12 && (uncertainty - 0.064).abs() < 1e-3);
    }

    #[test]
    fn bad_entries_are_named() {
        let e = parse("[[measurement]]\nid='x'\nquantity='q'\nkind='gaussian'\nvalue=1.0\nreference='r'\nyear=1\n", "m.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("'x'") && e.contains("uncertainty"), "{e}");
        let e = parse("[[measurement]]\nid='x'\nquantity='q'\nkind='derived'\nop='difference'\nof=['a','b']\nreference='r'\nyear=1\n", "m.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("'a'"), "{e}");
    }
}
