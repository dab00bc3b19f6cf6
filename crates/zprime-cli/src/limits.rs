//! `zprime limits`: coupling limits of every constraint over a mass grid.

use crate::common::{sig, ConstraintArgs, GridArgs, ModelArgs};

use anyhow::Result;
use clap::Args as ClapArgs;
use zprime::scan::LimitsReport;

/// Arguments of `zprime limits`.
#[derive(ClapArgs, Debug)]
#[command(after_help = "\
Each constraint of the input set gives, at each mass, the excluded coupling intervals at its
CL and, for an anomaly the Standard Model does not explain (g-2 with the 2020 White Paper or
the papers' inputs), the preferred band at each sigma level. A constraint whose calculation is
not valid at a mass (the tau box diagrams below m_tau, the heavy-Z' trident combination of
paper 004 below 10 GeV) gives nothing there; nor does a limit curve outside its mass range.
--constraints FILE adds the constraints of a user's file (a limit curve is one CSV file and
one entry; see docs/developing.md, \"Adding a limit curve\").

Output: a table by default; --csv prints long-format rows
  mass,constraint,kind,g_low,g_high
with kind = excluded | preferred_1sigma | preferred_2sigma | expected_1sigma | expected_2sigma
(toy bands of a projected search); --json prints every detail
(citations, CL, validity range, the upper limit per mass).

Examples:
  zprime limits --model lmu-ltau
  zprime limits --model lmu-ltau --inputs ibe2016 --csv > limits.csv
  zprime limits --model lmu-ltau --mass-min 0.01 --mass-max 1 --points 50 --json
  zprime limits --model lmu-ltau --constraints my_constraints.toml --csv")]
pub struct Args {
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    grid: GridArgs,
    #[command(flatten)]
    constraints: ConstraintArgs,
    /// Print JSON.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV (long format).
    #[arg(long)]
    csv: bool,
}

/// Run `zprime limits`.
pub fn run(args: &Args) -> Result<()> {
    let model = args.model.model()?;
    let inputs = args.model.inputs()?;
    let template = args.model.template(&model)?;
    let masses = args.grid.masses()?;
    let constraints = args.constraints.resolve(&inputs)?;
    let report = zprime::scan::limits_with(&constraints, &model, &template, &inputs, &masses)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else if args.csv {
        print!("{}", csv(&report));
    } else {
        print!("{}", table(&report));
    }
    Ok(())
}

fn band_name(sigma: f64) -> String {
    format!("preferred_{sigma}sigma")
}

/// Long-format CSV.
pub fn csv(r: &LimitsReport) -> String {
    let mut out = String::from("mass,constraint,kind,g_low,g_high\n");
    for c in &r.constraints {
        for l in &c.limits {
            for e in &l.excluded {
                out.push_str(&format!(
                    "{},{},excluded,{},{}\n",
                    l.mass, c.name, e[0], e[1]
                ));
            }
            for (level, e) in c.expected_bands.iter().zip(&l.expected) {
                out.push_str(&format!(
                    "{},{},expected_{level}sigma,{},{}\n",
                    l.mass, c.name, e[0], e[1]
                ));
            }
            for (b, regions) in c.bands.iter().zip(&l.preferred) {
                for e in regions {
                    out.push_str(&format!(
                        "{},{},{},{},{}\n",
                        l.mass,
                        c.name,
                        band_name(*b),
                        e[0],
                        e[1]
                    ));
                }
            }
        }
    }
    out
}

fn table(r: &LimitsReport) -> String {
    let mut out = format!(
        "model {}  inputs {}  coupling {}\n",
        r.model, r.inputs, r.coupling
    );
    for (i, c) in r.constraints.iter().enumerate() {
        out.push_str(&format!(
            "[{}] {}: {} (CL {:.3})\n",
            i + 1,
            c.name,
            c.label,
            c.cl
        ));
    }
    out.push_str(
        "\nexcluded above the coupling shown ('-' not excluded or not valid at that mass);\n",
    );
    out.push_str("a preferred band is shown as low..high at its smallest sigma level\n\n");
    out.push_str(&format!("{:>10}", "m [GeV]"));
    for i in 0..r.constraints.len() {
        out.push_str(&format!(" {:>22}", format!("[{}]", i + 1)));
    }
    out.push('\n');
    for (k, m) in r.masses.iter().enumerate() {
        out.push_str(&format!("{:>10}", sig(*m)));
        for c in &r.constraints {
            let l = &c.limits[k];
            let band = l.preferred.first().and_then(|b| b.first());
            let cell = match (band, l.upper_limit) {
                (Some(b), _) => format!("{}..{}", sig(b[0]), sig(b[1])),
                (None, Some(u)) => format!("> {}", sig(u)),
                _ => "-".into(),
            };
            out.push_str(&format!(" {cell:>22}"));
        }
        out.push('\n');
    }
    out
}
