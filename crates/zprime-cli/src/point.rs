//! `zprime point`: every observable and constraint at one point.

use crate::common::{sig, ConstraintArgs, ModelArgs};
use anyhow::Result;
use clap::Args as ClapArgs;

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
    /// Print one JSON object (the format of DESIGN.md).
    #[arg(long)]
    json: bool,
}

/// Run `zprime point`.
pub fn run(args: &Args) -> Result<()> {
    let model = args.model.model()?;
    let inputs = args.model.inputs()?;
    let point = args.model.point(&model, args.mass, args.g)?;
    let session = zprime::scan::Session::with_constraints(&inputs, &args.constraints.specs()?)?;
    let report = session.evaluate_point(&model, &point)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    println!("model {}  inputs {}", report.model, report.inputs);
    let params: Vec<String> = report
        .parameters
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    println!("parameters: {}\n", params.join(", "));
    println!("{:<22} {:>12}  unit", "observable", "value");
    for o in &session.observables {
        if let Some(v) = report.observables.get(&o.name) {
            let unit = o.observable().unit;
            println!(
                "{:<22} {:>12}  {}",
                o.name,
                sig(*v),
                if unit == "1" { "" } else { unit }
            );
        }
    }
    if !report.constraints.is_empty() {
        println!(
            "\n{:<28} {:<10} {:>12} {:>12} {:>6}",
            "constraint", "status", "prediction", "bound", "CL"
        );
        for c in &report.constraints {
            let status = serde_json::to_value(c.status)?
                .as_str()
                .unwrap_or_default()
                .to_string();
            println!(
                "{:<28} {:<10} {:>12} {:>12} {:>9.6}",
                c.name,
                status,
                sig(c.value),
                sig(c.bound),
                c.cl
            );
        }
    }
    for n in &report.not_applied {
        println!("not applied: {}: {}", n.name, n.reason);
    }
    for n in &report.notes {
        println!("note: {n}");
    }
    Ok(())
}
