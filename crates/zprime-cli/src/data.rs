//! `zprime data`: every shipped input, measurement and constraint with its citation.

use crate::common::{cl_text, flag_error, full};
use anyhow::Result;
use clap::Args as ClapArgs;
use zprime::InputSet;

/// Arguments of `zprime data`.
#[derive(ClapArgs, Debug)]
#[command(after_help = "\
Lists the parameters of an input set (value, uncertainty, unit, source; '*' marks a value the
set overrides relative to `default`), the constraints it applies, and every measurement.

Examples:
  zprime data
  zprime data --inputs altmannshofer2014
  zprime data --sets
  zprime data --file trident.toml     # any shipped data file, with its citations
  zprime data --json > inputs.json")]
pub struct Args {
    /// Input set (shipped name or file).
    #[arg(long, default_value = "default")]
    inputs: String,
    /// List the shipped input sets only.
    #[arg(long)]
    sets: bool,
    /// Print one shipped data file (path or file name, e.g. trident.toml) as it is.
    #[arg(long, value_name = "PATH")]
    file: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Run `zprime data`.
pub fn run(args: &Args) -> Result<()> {
    if let Some(f) = &args.file {
        let text = zprime::data::file(f).ok_or_else(|| {
            flag_error(
                "--file",
                f,
                zprime::Error::Unknown {
                    kind: "data file",
                    name: f.clone(),
                    known: zprime::data::FILES
                        .iter()
                        .map(|(p, _)| *p)
                        .collect::<Vec<_>>()
                        .join(", "),
                },
            )
        })?;
        print!("{text}");
        return Ok(());
    }
    if args.sets {
        for name in InputSet::available() {
            let s = InputSet::load(name)?;
            println!("{name:<20} {}", s.description);
        }
        return Ok(());
    }
    let set =
        InputSet::resolve(&args.inputs).map_err(|e| flag_error("--inputs", &args.inputs, e))?;
    let measurements = zprime::experiments::entries();
    let constraints: Vec<&zprime::constraints::Spec> = zprime::constraints::specs()
        .iter()
        .filter(|s| set.constraints.contains(&s.id))
        .collect();
    if args.json {
        let v = serde_json::json!({
            "inputs": set,
            "constraints": constraints,
            "measurements": measurements,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    println!("input set {}: {}", set.name, set.description);
    if let Some(r) = &set.reference {
        println!("reference: {r}");
    }
    let w = set.parameters.keys().map(String::len).max().unwrap_or(9) + 1;
    let w1 = w - 1;
    println!(
        "
{:<w$} {:>18} {:>14} {:<7} description; source",
        "parameter", "value", "uncertainty", "unit"
    );
    for (k, p) in &set.parameters {
        let mark = if set.overridden.contains(k) { "*" } else { " " };
        println!(
            "{mark}{k:<w1$} {:>18} {:>14} {:<7} {}; {}",
            full(p.value),
            full(p.uncertainty),
            p.unit,
            p.description,
            p.source
        );
    }
    println!("\nconstraints applied:");
    for c in &constraints {
        let level = match &c.kind {
            zprime::constraints::Kind::Gaussian(g) => match (g.cl, g.sigma) {
                (Some(cl), _) => format!("{} CL", cl_text(cl)),
                (_, Some(s)) => format!("{s} sigma"),
                _ => String::new(),
            },
            zprime::constraints::Kind::PoissonLikelihood(p) => format!("{} CL", cl_text(p.cl)),
            _ => String::new(),
        };
        println!(
            "  {:<30} {} on {} ({level}){}",
            c.id,
            c.measurement(),
            c.observable,
            c.note
                .as_ref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default()
        );
    }
    println!("\nmeasurements:");
    for m in measurements {
        let value = match zprime::experiments::resolve(&m.id, &set)? {
            zprime::experiments::Value::Gaussian { value, uncertainty } => {
                format!("{} +- {}", full(value), full(uncertainty))
            }
            zprime::experiments::Value::UpperLimit { limit, cl } => {
                format!("< {} ({} CL)", full(limit), cl_text(cl))
            }
        };
        println!("  {:<38} {:<34} {}", m.id, value, m.reference);
    }
    println!("\nshipped data files (print one with `zprime data --file PATH`):");
    for (path, _) in zprime::data::FILES {
        println!("  {path}");
    }
    Ok(())
}
