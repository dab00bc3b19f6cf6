//! Options shared by several subcommands: model, input set, model parameters.

use anyhow::Result;
use clap::Args as ClapArgs;
use std::collections::BTreeMap;
use zprime::{InputSet, Model, Point};

/// An invalid command line that clap cannot detect (exit code 2).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::error::Error for UsageError {}

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Model selection and parameters.
#[derive(ClapArgs, Debug, Clone)]
pub struct ModelArgs {
    /// Preset name (see `zprime models`) or the path of a model file (.toml).
    #[arg(long, default_value = "lmu-ltau")]
    pub model: String,
    /// Model parameter, repeatable: --param eps=0.012 (see `zprime models` for each model's).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// Input set: a shipped name (default, ibe2016, altmannshofer2014, fuyuto2014, kang2020,
    /// jho2020) or the path of an input file (.toml).
    #[arg(long, default_value = "default")]
    pub inputs: String,
    /// Treat an anomalous model as an error instead of a warning.
    #[arg(long)]
    pub strict: bool,
}

impl ModelArgs {
    /// Resolve the model, warning (or failing with --strict) if it is anomalous.
    pub fn model(&self) -> Result<Model> {
        let model = Model::resolve(&self.model)?;
        zprime::flavour::check(&model)?;
        let failing = model.anomalies();
        if !failing.is_empty() && self.strict {
            let list = failing
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            return Err(zprime::Error::Anomalous {
                model: model.name.clone(),
                conditions: list,
            }
            .into());
        }
        // how decimals were read as fractions, and the failing anomaly conditions
        for w in model.warnings() {
            eprintln!("zprime: warning: {w}");
        }
        Ok(model)
    }

    /// Resolve the input set by name or file.
    pub fn inputs(&self) -> Result<InputSet> {
        Ok(InputSet::resolve(&self.inputs)?)
    }

    /// Parse `--param NAME=VALUE` pairs; returns (coupling if given as a param, the rest).
    pub fn params(&self, model: &Model) -> Result<(Option<f64>, BTreeMap<String, f64>)> {
        let mut out = BTreeMap::new();
        let mut coupling = None;
        for s in &self.params {
            let (k, v) = s.split_once('=').ok_or_else(|| {
                UsageError(format!(
                    "--param '{s}': expected NAME=VALUE, e.g. --param eps=0.012"
                ))
            })?;
            let k = k.trim();
            let value: f64 = v.trim().parse().map_err(|_| {
                UsageError(format!(
                    "--param {k}: '{}' is not a number (allowed: {})",
                    v.trim(),
                    model.parameter_names()
                ))
            })?;
            if k == model.coupling.name() {
                coupling = Some(value);
            } else if k == "mass" {
                return Err(
                    UsageError("--param mass=...: give the mass with --mass".into()).into(),
                );
            } else {
                out.insert(k.to_string(), value);
            }
        }
        Ok((coupling, out))
    }

    /// A point at (mass, coupling) with the parameters given (coupling from --g or --param).
    pub fn point(&self, model: &Model, mass: f64, g: Option<f64>) -> Result<Point> {
        let (from_param, params) = self.params(model)?;
        let cname = model.coupling.name();
        let coupling = match (model.coupling, g, from_param) {
            (zprime::model::CouplingKind::KineticMixing, Some(_), _) => {
                return Err(UsageError(format!(
                    "model '{}' has no gauge coupling g: give the kinetic mixing with --param eps=VALUE",
                    model.name
                ))
                .into())
            }
            (_, Some(_), Some(_)) => return Err(UsageError(format!("give the coupling once: --g or --param {cname}=")).into()),
            (_, Some(g), None) | (_, None, Some(g)) => g,
            (_, None, None) => {
                return Err(UsageError(format!(
                    "missing coupling: give --{}",
                    if cname == "g" { "g G".to_string() } else { format!("param {cname}=VALUE") }
                ))
                .into())
            }
        };
        Ok(model.point(mass, coupling, &params)?)
    }

    /// A template point for grids (mass and coupling are replaced per grid point).
    pub fn template(&self, model: &Model) -> Result<Point> {
        let (_, params) = self.params(model)?;
        Ok(model.point(1.0, 1e-3, &params)?)
    }
}

/// Extra constraints from a user's file (`limits`, `point`, `plot`).
#[derive(ClapArgs, Debug, Clone, Default)]
pub struct ConstraintArgs {
    /// A constraint file ([[constraint]] entries as in data/experiments/constraints.toml, e.g.
    /// a limit curve: kind = "limit_curve", file = "curve.csv"), applied after the input
    /// set's constraints. Relative curve files are read next to it.
    #[arg(long = "constraints", value_name = "FILE")]
    pub file: Option<std::path::PathBuf>,
}

impl ConstraintArgs {
    /// The entries of the file (none without --constraints).
    pub fn specs(&self) -> Result<Vec<zprime::constraints::Spec>> {
        match &self.file {
            None => Ok(vec![]),
            Some(path) => Ok(zprime::constraints::Spec::from_path(path)?),
        }
    }

    /// The input set's constraints and the file's, resolved (tables built).
    pub fn resolve(&self, inputs: &InputSet) -> Result<Vec<zprime::constraints::Constraint>> {
        Ok(zprime::constraints::Constraint::for_inputs_with(
            inputs,
            &self.specs()?,
        )?)
    }
}

/// The mass grid options of `limits` and `plot`.
#[derive(ClapArgs, Debug, Clone)]
pub struct GridArgs {
    /// Smallest Z' mass, GeV.
    #[arg(long, default_value_t = 1e-3, allow_hyphen_values = true)]
    pub mass_min: f64,
    /// Largest Z' mass, GeV.
    #[arg(long, default_value_t = 100.0, allow_hyphen_values = true)]
    pub mass_max: f64,
    /// Number of masses, logarithmically spaced.
    #[arg(long, default_value_t = 300)]
    pub points: usize,
}

impl GridArgs {
    /// The validated grid.
    pub fn masses(&self) -> Result<Vec<f64>> {
        Ok(zprime::scan::log_masses(
            self.mass_min,
            self.mass_max,
            self.points,
        )?)
    }
}

/// Format a number compactly with 4 significant digits.
pub fn sig(x: f64) -> String {
    if x == 0.0 {
        "0".into()
    } else if (1e-3..1e4).contains(&x.abs()) {
        let digits = (3 - x.abs().log10().floor() as i32).max(0) as usize;
        format!("{x:.digits$}")
    } else {
        format!("{x:.3e}")
    }
}
