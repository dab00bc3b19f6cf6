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

/// Which constraints are computed (and drawn): a user's constraint file, a selection by id,
/// exclusions, and the g-2 theory (`limits`, `point`, `plot`).
#[derive(ClapArgs, Debug, Clone, Default)]
pub struct ConstraintArgs {
    /// A constraint file, or a comma-separated list of constraint ids (repeatable). A value
    /// that is an existing path or ends in .toml or .csv is a FILE: .toml with [[constraint]]
    /// entries as in data/experiments/constraints.toml (relative curve files are read next to
    /// it), or one limit curve as .csv whose '# key: value' header names the observable,
    /// reference and cl (README, "Data and citations"); its constraints are applied after the
    /// input set's. Any other value is a list of IDS: only these constraints are computed, in
    /// this order (any id of `zprime data`, of the input set or of the file; 'g-2:*' selects
    /// every id starting with 'g-2:').
    #[arg(long = "constraints", value_name = "FILE|IDS")]
    pub constraints: Vec<String>,
    /// Comma-separated constraint ids (or 'prefix:*') not to compute (repeatable).
    #[arg(long, value_name = "IDS")]
    pub exclude: Vec<String>,
    /// The muon g-2 constraint (experiment minus Standard-Model theory) instead of the input
    /// set's: WP25 (world average 2025 minus the 2025 White Paper), WP20 (world average 2025
    /// minus the 2020 White Paper), WA2021-WP20, BNL2006-WP20, ibe2016 (paper 001's band),
    /// altmannshofer2014 (paper 004's band and 5 sigma bound), or none (no g-2 constraint).
    #[arg(long, value_name = "THEORY")]
    pub gm2: Option<String>,
}

/// `--gm2` choices that are not the suffix of a `g-2:` constraint id: (choice, suffix).
const GM2_ALIASES: [(&str, &str); 2] = [("WP25", "WA2025-WP25"), ("WP20", "WA2025-WP20")];

/// The ids of the shipped g-2 constraints a `--gm2` choice stands for (`g-2:CHOICE` and
/// `g-2:CHOICE:...`); `None` for an unknown choice; empty for `none`.
fn gm2_ids(choice: &str) -> Option<Vec<String>> {
    if choice.eq_ignore_ascii_case("none") {
        return Some(vec![]);
    }
    let suffix = GM2_ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(choice))
        .map_or(choice, |(_, s)| s);
    let ids: Vec<String> = zprime::constraints::specs()
        .iter()
        .map(|s| s.id.clone())
        .filter(|id| {
            id.strip_prefix("g-2:").is_some_and(|rest| {
                rest.eq_ignore_ascii_case(suffix)
                    || rest
                        .to_ascii_lowercase()
                        .starts_with(&format!("{}:", suffix.to_ascii_lowercase()))
            })
        })
        .collect();
    (!ids.is_empty()).then_some(ids)
}

/// The `--gm2` choices, for messages: the aliases, then every shipped g-2 constraint that is
/// not a variant of another (`g-2:X:5sigma` goes with `g-2:X`), then `none`.
pub fn gm2_choices() -> Vec<String> {
    let mut out: Vec<String> = GM2_ALIASES.iter().map(|(a, _)| (*a).to_string()).collect();
    for s in zprime::constraints::specs() {
        if let Some(rest) = s.id.strip_prefix("g-2:") {
            if !rest.contains(':') && !GM2_ALIASES.iter().any(|(_, x)| *x == rest) {
                out.push(rest.to_string());
            }
        }
    }
    out.push("none".into());
    out
}

/// Whether a `--constraints` value names a file rather than a list of ids.
fn is_file_value(value: &str) -> bool {
    let path = std::path::Path::new(value);
    let data_file = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml") || e.eq_ignore_ascii_case("csv"));
    path.exists() || (!value.contains(',') && data_file)
}

/// The ids of a comma-separated list (blank items skipped).
fn id_list(values: &[String]) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The known ids that an item of `--constraints IDS` or `--exclude` stands for
/// ([`zprime::constraints::expand_id`]), with an error naming the flag.
fn expand(item: &str, known: &[String], flag: &str) -> Result<Vec<String>> {
    zprime::constraints::expand_id(item, known, "constraint id").map_err(|_| {
        UsageError(format!(
            "{flag} {item}: unknown constraint id (known: {})",
            known.join(", ")
        ))
        .into()
    })
}

impl ConstraintArgs {
    /// The constraint file, if one of the `--constraints` values is a file.
    pub fn file(&self) -> Result<Option<std::path::PathBuf>> {
        let files: Vec<&String> = self
            .constraints
            .iter()
            .filter(|v| is_file_value(v))
            .collect();
        match files.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(std::path::PathBuf::from(one.as_str()))),
            _ => Err(UsageError(format!(
                "--constraints: give at most one constraint file (got {})",
                files
                    .iter()
                    .map(|f| f.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .into()),
        }
    }

    /// The entries of the file (none without a file).
    pub fn specs(&self) -> Result<Vec<zprime::constraints::Spec>> {
        match self.file()? {
            None => Ok(vec![]),
            Some(path) => zprime::constraints::Spec::from_path(&path)
                .map_err(|e| flag_error("--constraints", &path.display().to_string(), e)),
        }
    }

    /// The input set with its constraint list replaced by the selection (`--constraints IDS`,
    /// `--gm2`, `--exclude`, in this order) and the file's entries that remain selected.
    pub fn select(&self, inputs: &InputSet) -> Result<(InputSet, Vec<zprime::constraints::Spec>)> {
        let specs = self.specs()?;
        let file_ids: Vec<String> = specs.iter().map(|s| s.id.clone()).collect();
        let shipped: Vec<String> = zprime::constraints::specs()
            .iter()
            .map(|s| s.id.clone())
            .collect();
        let mut known = shipped.clone();
        known.extend(file_ids.iter().cloned());
        let mut pool: Vec<String> = inputs.constraints.clone();
        pool.extend(file_ids.iter().cloned());
        let lists: Vec<String> = self
            .constraints
            .iter()
            .filter(|v| !is_file_value(v))
            .cloned()
            .collect();
        if !lists.is_empty() {
            let items = id_list(&lists);
            if items.is_empty() {
                return Err(
                    UsageError("--constraints: empty list of constraint ids".to_string()).into(),
                );
            }
            pool.clear();
            for item in items {
                for id in expand(&item, &known, "--constraints")? {
                    if !pool.contains(&id) {
                        pool.push(id);
                    }
                }
            }
        }
        if let Some(choice) = &self.gm2 {
            let chosen = gm2_ids(choice).ok_or_else(|| {
                UsageError(format!(
                    "--gm2 {choice}: unknown g-2 theory (allowed: {})",
                    gm2_choices().join(", ")
                ))
            })?;
            let at = pool
                .iter()
                .position(|id| id.starts_with("g-2:"))
                .unwrap_or(0);
            pool.retain(|id| !id.starts_with("g-2:"));
            for (k, id) in chosen.into_iter().enumerate() {
                pool.insert(at + k, id);
            }
        }
        for item in id_list(&self.exclude) {
            let gone = expand(&item, &known, "--exclude")?;
            pool.retain(|id| !gone.contains(id));
        }
        let mut selected = inputs.clone();
        // An id both shipped and in the file stays in both lists, so that the library
        // reports the clash.
        selected.constraints = pool
            .iter()
            .filter(|id| !file_ids.contains(id) || shipped.contains(id))
            .cloned()
            .collect();
        let specs = specs.into_iter().filter(|s| pool.contains(&s.id)).collect();
        Ok((selected, specs))
    }

    /// The selected constraints, resolved (tables built); see [`ConstraintArgs::select`].
    pub fn resolve(&self, inputs: &InputSet) -> Result<Vec<zprime::constraints::Constraint>> {
        let (selected, specs) = self.select(inputs)?;
        zprime::constraints::Constraint::for_inputs_with(&selected, &specs).map_err(|e| match self
            .file()
            .ok()
            .flatten()
        {
            Some(path) => flag_error("--constraints", &path.display().to_string(), e),
            None => e.into(),
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
