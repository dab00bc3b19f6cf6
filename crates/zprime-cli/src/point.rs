//! `zprime point`: every observable and constraint at one point.

use crate::common::{cl_text, flag_error, mass_text, sig, ConstraintArgs, ModelArgs};
use anyhow::Result;
use clap::Args as ClapArgs;
use zprime::constraints::{Constraint, Evaluation, Kind};
use zprime::scan::{PointReport, Session};
use zprime::InputSet;

const EXAMPLES: &str = "\
Examples:
  zprime point --model lmu-ltau --mass 0.1 --g 5e-4
  zprime point --model lmu-ltau --mass 0.285 --g 1e-3 --json
  zprime point --model lmu-ltau+b3 --mass 0.14 --g 7e-4 --param eps=0.012
  zprime point --model dark-photon --mass 0.05 --param eps=1e-4
  zprime point --model my_model.toml --mass 1 --g 1e-3 --inputs ibe2016
  zprime point --model lmu-ltau --mass 0.1 --g 5e-4 --constraints my_constraints.toml
  zprime point --model b-l-23 --inputs kang2020 --mass 0.128 --g 1e-3 \\
      --param Wu2_abs=0.7071 --param Wu3_abs=0.7071 --param Wu3_phase=1.8535";

/// The help text after the options: examples, then every registered observable (generated
/// from the registry: name, arguments, unit, description).
fn help() -> String {
    let mut out = format!(
        "{EXAMPLES}\n\nObservables (canonical names as in the JSON output; an observable with \
         arguments is written NAME(value) or NAME(key=value,...), e.g. R_trident(CCFR)):\n"
    );
    for o in zprime::observables::registry() {
        let args = if o.arguments.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = o.arguments.iter().map(|a| a.name).collect();
            format!("({})", names.join(","))
        };
        let unit = if o.unit == "1" {
            String::new()
        } else {
            format!(" [{}]", o.unit)
        };
        out.push_str(&format!("  {}{args}{unit}\n", o.name));
        out.push_str(&wrap(o.description, 6));
        for a in o.arguments {
            let values = match a.kind {
                zprime::observables::ArgumentKind::Choice(v) => v.join(", "),
                zprime::observables::ArgumentKind::Number => "a number".into(),
            };
            out.push_str(&wrap(
                &format!("{}: {} ({values})", a.name, a.description),
                8,
            ));
        }
    }
    out
}

/// `text` wrapped at 96 columns, each line indented by `indent` spaces.
fn wrap(text: &str, indent: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent + line.len() + 1 + word.len() > 96 {
            out.push_str(&format!("{}{line}\n", " ".repeat(indent)));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(&format!("{}{line}\n", " ".repeat(indent)));
    }
    out
}

/// Arguments of `zprime point`.
#[derive(ClapArgs, Debug)]
#[command(after_help = help())]
pub struct Args {
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    constraints: ConstraintArgs,
    /// Z' mass in GeV (1e-9 <= mass <= 1e4).
    #[arg(long, allow_hyphen_values = true)]
    mass: f64,
    /// Gauge coupling g (0 <= g <= 4 pi); for the dark photon use --param eps=VALUE.
    #[arg(long, allow_hyphen_values = true)]
    g: Option<f64>,
    /// Print one JSON object: model, parameters, inputs, observables, not_valid (observables
    /// outside their validity, with the reason), constraints, not_applied, notes, verdict,
    /// not_included.
    #[arg(long)]
    json: bool,
}

/// Which edge of the allowed interval the reported bound is: "upper" or "lower" for a
/// two-sided Gaussian measurement (the edge on the prediction's side of the central value),
/// "upper" for every one-sided limit.
fn edge(c: &Constraint, e: &Evaluation, inputs: &InputSet) -> &'static str {
    if let Kind::Gaussian(g) = &c.spec.kind {
        if !g.upper_only {
            if let Ok(zprime::experiments::Value::Gaussian { value, .. }) =
                zprime::experiments::resolve(&g.measurement, inputs)
            {
                return if e.bound >= value { "upper" } else { "lower" };
            }
        }
    }
    "upper"
}

/// The JSON of `zprime point`: the report's keys in their order, then the verdict and the
/// constraints the model names as relevant but not computed.
#[derive(serde::Serialize)]
struct JsonOut<'a> {
    #[serde(flatten)]
    report: &'a PointReport,
    verdict: serde_json::Value,
    not_included: Vec<&'a str>,
}

/// Run `zprime point`.
pub fn run(args: &Args) -> Result<()> {
    let model = args.model.model()?;
    let inputs = args.model.inputs()?;
    let point = args.model.point(&model, args.mass, args.g)?;
    let (inputs, specs) = args.constraints.select(&inputs)?;
    let session = Session::with_constraints(&inputs, &specs).map_err(|e| {
        match args.constraints.file().ok().flatten() {
            Some(f) => flag_error("--constraints", &f.display().to_string(), e),
            None => e.into(),
        }
    })?;
    let report = session.evaluate_point(&model, &point)?;
    let verdict = serde_json::to_value(session.verdict(&report, &point)?)?;
    if args.json {
        let out = JsonOut {
            report: &report,
            verdict,
            not_included: model.not_included_at(point.mass),
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    println!("model {}  inputs {}", report.model, report.inputs);
    let params: Vec<String> = report
        .parameters
        .iter()
        .map(|(k, v)| {
            if k == "mass" {
                format!("mass = {}", mass_text(*v))
            } else {
                let unit = model
                    .parameters
                    .iter()
                    .find(|p| &p.name == k)
                    .map_or("", crate::common::param_unit);
                format!("{k} = {v}{unit}")
            }
        })
        .collect();
    println!("parameters: {}\n", params.join(", "));
    println!(
        "{:<30} {:>12}  unit (blank: dimensionless)",
        "observable", "value"
    );
    for o in &session.observables {
        let unit = o.observable().unit;
        let unit = if unit == "1" { "" } else { unit };
        if let Some(v) = report.observables.get(&o.name) {
            println!("{:<30} {:>12}  {unit}", o.name, sig(*v));
        } else if report.not_valid.contains_key(&o.name) {
            println!("{:<30} {:>12}  (see below)", o.name, "not valid");
        }
    }
    for (name, reason) in &report.not_valid {
        println!("not valid: {name}: {reason}");
    }
    if !report.constraints.is_empty() {
        let w = report
            .constraints
            .iter()
            .map(|e| e.name.len())
            .max()
            .unwrap_or(10)
            .max(10);
        println!(
            "\n{:<w$} {:<10} {:>12} {:>12} {:<6} CL",
            "constraint", "status", "prediction", "bound", "edge"
        );
        for e in &report.constraints {
            let status = serde_json::to_value(e.status)?
                .as_str()
                .unwrap_or_default()
                .to_string();
            let edge = session
                .constraints
                .iter()
                .find(|c| c.spec.id == e.name)
                .map_or("", |c| edge(c, e, &inputs));
            println!(
                "{:<w$} {:<10} {:>12} {:>12} {:<6} {}",
                e.name,
                status,
                sig(e.value),
                sig(e.bound),
                edge,
                cl_text(e.cl)
            );
        }
    }
    for n in &report.not_applied {
        println!("not applied: {}: {}", n.name, n.reason);
    }
    for n in &report.notes {
        println!("note: {n}");
    }
    let cname = model.coupling.name();
    let g = point.coupling();
    println!();
    match verdict["status"].as_str() {
        Some("excluded") => {
            let by: Vec<String> = verdict["excluded_by"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|x| {
                    let name = x["name"].as_str().unwrap_or_default();
                    match (x["g_limit"].as_f64(), x["excluded_interval"].as_array()) {
                        (Some(lim), Some(i)) => {
                            let high = i[1].as_f64().unwrap_or(lim);
                            let range = if high >= zprime::model::COUPLING_MAX {
                                format!("everything above {}", sig(lim))
                            } else {
                                format!("{}..{}", sig(lim), sig(high))
                            };
                            format!(
                                "{name} ({cname} = {} > {cname}_limit = {}, ratio {}; excluded: {range})",
                                sig(g),
                                sig(lim),
                                sig(g / lim)
                            )
                        }
                        _ => name.to_string(),
                    }
                })
                .collect();
            println!("verdict: EXCLUDED by {}", by.join("; "));
        }
        Some("preferred") => {
            let by: Vec<&str> = verdict["preferred_by"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .filter_map(|x| x.as_str())
                .collect();
            println!(
                "verdict: PREFERRED by {} and allowed by every other applied constraint",
                by.join(", ")
            );
        }
        _ => println!("verdict: ALLOWED by every applied constraint"),
    }
    let not_included = model.not_included_at(point.mass);
    if !not_included.is_empty() {
        println!(
            "not included (relevant for {} at this mass but not computed by zprime; check them yourself): {}",
            model.name,
            not_included.join(", ")
        );
    }
    Ok(())
}
