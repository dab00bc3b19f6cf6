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
    /// jho2020) or the path of an input file (.toml; format in README, "Data and citations").
    #[arg(long, default_value = "default")]
    pub inputs: String,
    /// Treat an anomalous model as an error instead of a warning.
    #[arg(long)]
    pub strict: bool,
}

impl ModelArgs {
    /// Resolve the model, warning (or failing with --strict) if it is anomalous.
    pub fn model(&self) -> Result<Model> {
        let model =
            Model::resolve(&self.model).map_err(|e| flag_error("--model", &self.model, e))?;
        zprime::flavour::check(&model).map_err(|e| flag_error("--model", &self.model, e))?;
        let failing = model.anomalies();
        if !failing.is_empty() && self.strict {
            let list = failing
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            return Err(flag_error(
                "--strict --model",
                &self.model,
                zprime::Error::Anomalous {
                    model: model.name.clone(),
                    conditions: list,
                },
            ));
        }
        // how decimals were read as fractions, and the failing anomaly conditions
        for w in model.warnings() {
            eprintln!("zprime: warning: {w}");
        }
        Ok(model)
    }

    /// Resolve the input set by name or file.
    pub fn inputs(&self) -> Result<InputSet> {
        InputSet::resolve(&self.inputs).map_err(|e| flag_error("--inputs", &self.inputs, e))
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
        let coupling_flag = if g.is_some() { "--g" } else { "--param" };
        model
            .point(mass, coupling, &params)
            .map_err(|e| point_error(e, model, coupling_flag))
    }

    /// A template point for grids (mass and coupling are replaced per grid point).
    pub fn template(&self, model: &Model) -> Result<Point> {
        let (_, params) = self.params(model)?;
        model
            .point(1.0, 1e-3, &params)
            .map_err(|e| point_error(e, model, "--param"))
    }
}

/// Extra constraints from a user's file (`limits`, `point`, `plot`).
#[derive(ClapArgs, Debug, Clone, Default)]
pub struct ConstraintArgs {
    /// A constraint file: .toml with [[constraint]] entries as in
    /// data/experiments/constraints.toml (relative curve files are read next to it), or one
    /// limit curve as .csv whose '# key: value' header names the observable, reference and cl
    /// (README, "Data and citations"). Applied after the input set's constraints.
    #[arg(long = "constraints", value_name = "FILE")]
    pub file: Option<std::path::PathBuf>,
}

impl ConstraintArgs {
    /// The entries of the file (none without --constraints).
    pub fn specs(&self) -> Result<Vec<zprime::constraints::Spec>> {
        match &self.file {
            None => Ok(vec![]),
            Some(path) => zprime::constraints::Spec::from_path(path)
                .map_err(|e| flag_error("--constraints", &path.display().to_string(), e)),
        }
    }

    /// The input set's constraints and the file's, resolved (tables built).
    pub fn resolve(&self, inputs: &InputSet) -> Result<Vec<zprime::constraints::Constraint>> {
        let specs = self.specs()?;
        zprime::constraints::Constraint::for_inputs_with(inputs, &specs).map_err(|e| {
            match &self.file {
                Some(path) => flag_error("--constraints", &path.display().to_string(), e),
                None => e.into(),
            }
        })
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
        zprime::scan::log_masses(self.mass_min, self.mass_max, self.points).map_err(|e| match e {
            zprime::Error::InvalidParameter {
                name,
                value,
                allowed,
            } => UsageError(format!(
                "invalid value {value} for '--{name}': allowed range is {allowed}"
            ))
            .into(),
            e => e.into(),
        })
    }
}

/// An error about the value of a command-line flag, reworded to name the flag as the user
/// typed it (`--inputs`) and the value; the library's message says what is allowed. Errors
/// that are not about the user's input (numerical failures) pass unchanged.
pub fn flag_error(flag: &str, value: &str, e: impl Into<anyhow::Error>) -> anyhow::Error {
    let e: anyhow::Error = e.into();
    match e.downcast_ref::<zprime::Error>() {
        Some(zprime::Error::InvalidParameter { allowed, .. }) => UsageError(format!(
            "invalid value {value} for '{flag}': allowed range is {allowed}"
        ))
        .into(),
        Some(z) if z.is_invalid_input() => UsageError(format!("{flag} {value}: {z}")).into(),
        None if e.is::<UsageError>() => UsageError(format!("{flag} {value}: {e}")).into(),
        _ => e,
    }
}

/// An error of `Model::point` with the flag that carried the offending value: `--mass`, the
/// coupling's flag (`--g`, or `--param eps=` for a dark photon), `--param NAME=` otherwise.
fn point_error(e: zprime::Error, model: &Model, coupling_flag: &str) -> anyhow::Error {
    let flag_of = |name: &str| {
        if name == "mass" {
            "--mass".to_string()
        } else if name == model.coupling.name() && coupling_flag == "--g" {
            "--g".to_string()
        } else {
            format!("--param {name}")
        }
    };
    match e {
        zprime::Error::InvalidParameter {
            name,
            value,
            allowed,
        } => UsageError(format!(
            "invalid value {value} for '{}': allowed range is {allowed}",
            flag_of(&name)
        ))
        .into(),
        zprime::Error::Unknown {
            kind: "model parameter",
            name,
            known,
        } => UsageError(format!(
            "--param {name}=...: unknown parameter of model '{}' (allowed: {known}; the mass \
                 with --mass)",
            model.name
        ))
        .into(),
        e => e.into(),
    }
}

/// A mass in GeV for messages and tables, with its unit and the MeV equivalent below 1 GeV.
pub fn mass_text(m: f64) -> String {
    if m < 1.0 && m > 0.0 {
        format!("{} GeV ({} MeV)", sig(m), sig(m * 1e3))
    } else {
        format!("{} GeV", sig(m))
    }
}

/// The unit of a model parameter as printed after its value (" GeV", " rad" or nothing), read
/// from its description ("..., GeV", "..., radians").
pub fn param_unit(p: &zprime::model::ParameterSpec) -> &'static str {
    if p.description.contains(", GeV") {
        " GeV"
    } else if p.description.contains("radians") {
        " rad"
    } else {
        ""
    }
}

/// A confidence level as a percentage: 0.95 -> "95%"; a CL that is a whole number of
/// (two-sided Gaussian) sigmas says so: 0.682689 -> "68.27% (1 sigma)".
pub fn cl_text(cl: f64) -> String {
    let z = zprime::constraints::stats::two_sided_z(cl);
    let whole = z.round();
    let pct = cl * 100.0;
    // enough decimals to show the complement 100 - pct to two or three significant digits
    let complement = (100.0 - pct).max(1e-12);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let decimals = ((-complement.log10()).ceil() + 2.0).clamp(0.0, 10.0) as usize;
    let text = format!("{pct:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if (z - whole).abs() < 1e-3 && whole >= 1.0 {
        format!("{text}% ({whole} sigma)")
    } else {
        format!("{text}%")
    }
}

/// A number with every digit it was given (the shortest text that reads back to the same
/// value), in exponent notation when very small or large: for data as shipped. A derived
/// value (more than 10 significant digits, the arithmetic's rounding noise) gets 6.
pub fn full(x: f64) -> String {
    let a = x.abs();
    let text = if a == 0.0 || (1e-4..1e7).contains(&a) {
        format!("{x}")
    } else {
        format!("{x:e}")
    };
    let mantissa = text.split('e').next().unwrap_or(&text);
    let digits = mantissa
        .trim_start_matches(['-', '0', '.'])
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    if digits <= 10 {
        text
    } else if (1e-4..1e7).contains(&a) {
        // six significant digits in fixed notation
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let decimals = (5 - a.log10().floor() as i32).max(0) as usize;
        format!("{x:.decimals$}")
    } else {
        // six significant digits, trailing zeros of the mantissa dropped (3.85e-10)
        let e = format!("{x:.5e}");
        match e.split_once('e') {
            Some((m, exp)) => format!("{}e{exp}", m.trim_end_matches('0').trim_end_matches('.')),
            None => e,
        }
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
