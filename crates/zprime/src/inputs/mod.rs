//! Parameter sets: every physical input with its value, uncertainty, unit and citation.
//!
//! The sets are TOML files under `data/inputs/`, embedded in the library at compile time so
//! that the binary is self-contained. `default` holds today's values; each paper set names
//! `base = "default"` and overrides only what that paper states, so that the paper's numbers
//! can be reproduced. A user may load an extra set from a file with [`InputSet::from_file`].

mod sm;

pub use sm::StandardModel;

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One physical input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Central value, in the unit given.
    pub value: f64,
    /// Symmetric 1σ uncertainty (0 for exact or conventional values).
    pub uncertainty: f64,
    /// Unit: "GeV", "s", "GeV^-2", "m", "1" for dimensionless.
    pub unit: String,
    /// What it is.
    pub description: String,
    /// Citation: collaboration or authors, journal or arXiv number, year.
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct InputFile {
    name: String,
    description: String,
    #[serde(default)]
    base: Option<String>,
    #[serde(default)]
    reference: Option<String>,
    #[serde(default)]
    parameters: BTreeMap<String, Parameter>,
    #[serde(default)]
    constraints: Option<Vec<String>>,
    #[serde(default)]
    curves: Vec<String>,
}

/// A complete, resolved parameter set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputSet {
    /// Set name, e.g. "default" or "ibe2016".
    pub name: String,
    /// What the set is for.
    pub description: String,
    /// The paper this set reproduces, if any.
    pub reference: Option<String>,
    /// Every parameter, after applying the overrides on the base set.
    pub parameters: BTreeMap<String, Parameter>,
    /// Names of the parameters this set overrides relative to its base.
    pub overridden: Vec<String>,
    /// The constraints (ids in `data/experiments/constraints.toml`) applied with this set.
    pub constraints: Vec<String>,
    /// Published exclusion curves to draw with this set (`zprime plot`; paths relative to
    /// the set's file; see `experiments::plane_curves`). Not inherited from `base`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub curves: Vec<String>,
}

/// The shipped sets, from the data catalogue: (name = file stem, path, TOML text), in the
/// catalogue's order (`default` first).
fn shipped() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    crate::data::FILES.iter().filter_map(|&(path, text)| {
        let name = path.strip_prefix("data/inputs/")?.strip_suffix(".toml")?;
        Some((name, path, text))
    })
}

impl InputSet {
    /// Names of the shipped sets, `default` first.
    pub fn available() -> Vec<&'static str> {
        shipped().map(|s| s.0).collect()
    }

    /// Load a shipped set by name.
    pub fn load(name: &str) -> Result<Self> {
        let (_, file, text) = shipped()
            .find(|s| s.0 == name)
            .ok_or_else(|| Error::Unknown {
                kind: "input set",
                name: name.to_string(),
                known: Self::available().join(", "),
            })?;
        Self::from_toml(text, file)
    }

    /// A shipped set by name, or a set file if `name_or_path` ends in `.toml` or names an
    /// existing file (the same rule as `Model::resolve`); errors name the set or the file.
    pub fn resolve(name_or_path: &str) -> Result<Self> {
        let path = std::path::Path::new(name_or_path);
        if Self::available().contains(&name_or_path)
            || !(path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
                || path.exists())
        {
            Self::load(name_or_path)
        } else {
            Self::from_file(path)
        }
    }

    /// The default (today's) set.
    pub fn default_set() -> Self {
        Self::load("default").expect("the shipped default input set parses (checked by tests)")
    }

    /// Load a set from a TOML file on disk (its `base`, if any, must be a shipped set).
    pub fn from_file(path: &std::path::Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::file(path.display().to_string(), e.to_string()))?;
        let mut set = Self::from_toml(&text, &path.display().to_string())?;
        // curve files are named relative to the set's file
        let dir = path.parent().unwrap_or_else(|| std::path::Path::new(""));
        for c in &mut set.curves {
            if std::path::Path::new(c.as_str()).is_relative() {
                *c = dir.join(c.as_str()).display().to_string();
            }
        }
        Ok(set)
    }

    /// Parse a set from TOML text; `file` names it in error messages.
    pub fn from_toml(text: &str, file: &str) -> Result<Self> {
        let raw: InputFile = crate::data::parse_toml(text, file)?;
        for (key, p) in &raw.parameters {
            if !p.value.is_finite() || !p.uncertainty.is_finite() || p.uncertainty < 0.0 {
                return Err(Error::file(
                    file,
                    format!(
                        "parameter '{key}': value must be finite and uncertainty finite and >= 0"
                    ),
                ));
            }
            if p.source.trim().is_empty() {
                return Err(Error::file(
                    file,
                    format!("parameter '{key}' has no source"),
                ));
            }
        }
        let (mut parameters, mut constraints, overridden) = match &raw.base {
            Some(base) => {
                let b = Self::load(base).map_err(|e| Error::file(file, format!("base: {e}")))?;
                let overridden: Vec<String> = raw.parameters.keys().cloned().collect();
                for key in &overridden {
                    if !b.parameters.contains_key(key) {
                        return Err(Error::file(
                            file,
                            format!("parameter '{key}' overrides nothing in base set '{base}'"),
                        ));
                    }
                }
                (b.parameters, b.constraints, overridden)
            }
            None => (BTreeMap::new(), Vec::new(), Vec::new()),
        };
        parameters.extend(raw.parameters);
        if let Some(c) = raw.constraints {
            constraints = c;
        }
        let set = InputSet {
            name: raw.name,
            description: raw.description,
            reference: raw.reference,
            parameters,
            overridden,
            constraints,
            curves: raw.curves,
        };
        // Every set must provide what the Standard-Model context needs.
        StandardModel::from_inputs(&set).map_err(|e| Error::file(file, e.to_string()))?;
        Ok(set)
    }

    /// A parameter by name.
    pub fn parameter(&self, key: &str) -> Result<&Parameter> {
        self.parameters.get(key).ok_or_else(|| Error::Unknown {
            kind: "input parameter",
            name: key.to_string(),
            known: self
                .parameters
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    /// A parameter's central value.
    pub fn value(&self, key: &str) -> Result<f64> {
        Ok(self.parameter(key)?.value)
    }

    /// Override one parameter's value (for `--param`-style overrides by the user).
    pub fn set_value(&mut self, key: &str, value: f64) -> Result<()> {
        if !value.is_finite() {
            return Err(Error::invalid(key, value, "a finite number"));
        }
        let p = self.parameters.get_mut(key).ok_or_else(|| Error::Unknown {
            kind: "input parameter",
            name: key.to_string(),
            known: String::from("see `zprime data`"),
        })?;
        p.value = value;
        p.source = format!("user override (was: {})", p.source);
        if !self.overridden.iter().any(|k| k == key) {
            self.overridden.push(key.to_string());
        }
        StandardModel::from_inputs(self)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_set_parses_and_has_citations() {
        for name in InputSet::available() {
            let set = InputSet::load(name).unwrap();
            assert_eq!(set.name, name);
            for (k, p) in &set.parameters {
                assert!(
                    !p.source.is_empty() && !p.unit.is_empty() && !p.description.is_empty(),
                    "{name}:{k}"
                );
            }
            assert!(!set.constraints.is_empty(), "{name} has no constraints");
        }
    }

    #[test]
    fn paper_sets_override_only_what_they_state() {
        let d = InputSet::load("default").unwrap();
        let a = InputSet::load("altmannshofer2014").unwrap();
        assert!(a.overridden.iter().any(|k| k == "tau_tau"));
        for (k, p) in &a.parameters {
            if !a.overridden.contains(k) {
                assert_eq!(p, &d.parameters[k]);
            }
        }
    }

    #[test]
    fn bad_files_name_the_field() {
        let e = InputSet::from_toml(
            "name='x'\ndescription='y'\nbase='default'\n[parameters.m_mu]\nvalue=1.0\n",
            "f.toml",
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("f.toml") && e.to_string().contains("uncertainty"),
            "{e}"
        );
        let e =
            InputSet::from_toml("name='x'\ndescription='y'\nbase='nope'\n", "f.toml").unwrap_err();
        assert!(e.to_string().contains("nope"), "{e}");
        let e = InputSet::from_toml("name='x'\ndescription='y'\nbogus=1\n", "f.toml").unwrap_err();
        assert!(e.to_string().contains("bogus"), "{e}");
    }

    #[test]
    fn unknown_set_lists_known_ones() {
        let e = InputSet::load("pdg1900").unwrap_err();
        assert!(e.to_string().contains("default") && e.is_invalid_input());
    }
}
