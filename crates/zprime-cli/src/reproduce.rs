//! `zprime reproduce`: the papers' numbers beside zprime's, each with the paper's inputs.

use crate::common::sig;
use anyhow::Result;
use clap::Args as ClapArgs;
use zprime::reproduce::{Computed, Outcome};

/// Arguments of `zprime reproduce`.
#[derive(ClapArgs, Debug)]
#[command(after_help = "\
Each item recomputes one number printed in a source paper with that paper's input set and
shows both, with the tolerance it meets. The numbers come from one table,
data/papers/printed.toml (`zprime data --file printed.toml`), which the test suite
(crates/zprime/tests/papers) reads too. Where we differ from the paper for a documented
cause (an erratum, an input the paper does not state), the item says so and pins our value.

Examples:
  zprime reproduce --list
  zprime reproduce 004            # every item of paper 004
  zprime reproduce 004-trident-vphi
  zprime reproduce all --json")]
pub struct Args {
    /// Item id, a paper number (000, 001, ...), or `all`.
    id: Option<String>,
    /// List the items (each one is computed by `zprime reproduce ID`).
    #[arg(long)]
    list: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Our value as text: a number with its unit, or a matrix's agreement count.
fn computed_text(o: &Outcome) -> String {
    match &o.computed {
        Computed::Number(x) => {
            let unit = if o.unit == "1" {
                String::new()
            } else {
                format!(" {}", o.unit)
            };
            format!("{}{unit}", sig(*x))
        }
        Computed::Matrix(_) => "3x3 matrix".into(),
    }
}

/// Run `zprime reproduce`.
pub fn run(args: &Args) -> Result<()> {
    if args.list || args.id.is_none() {
        let items = zprime::reproduce::items()?;
        let w = items.iter().map(|i| i.number.id.len()).max().unwrap_or(0);
        for i in items {
            let n = i.number;
            println!("{:<w$} [{}] {}, {}", n.id, n.inputs, n.quantity, n.location);
        }
        return Ok(());
    }
    let id = args.id.as_deref().unwrap_or("all");
    let out = zprime::reproduce::run(id)
        .map_err(|e| crate::common::flag_error("zprime reproduce ID:", id, e))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    // ids in one column, the paper's and our values beside them
    let w = out.iter().map(|o| o.id.len()).max().unwrap_or(0);
    for o in &out {
        println!(
            "{:<w$} paper: {:<34} zprime: {}\n{:<w$} {} [inputs {}]",
            o.id,
            o.printed,
            computed_text(o),
            "",
            o.what,
            o.inputs
        );
        let verdict = match (o.agrees, o.differs_from_paper) {
            (true, false) => "agrees with the paper",
            (true, true) => "differs from the paper as documented; ours",
            (false, _) => "DOES NOT MEET ITS CHECK",
        };
        let about = match (o.expected, &o.computed) {
            (Some(e), Computed::Number(_)) if o.differs_from_paper => format!(" about {}", sig(e)),
            _ => String::new(),
        };
        println!("{:<w$} {verdict}: {}{about}", "", o.check);
        if o.differs_from_paper {
            if let Some(note) = &o.note {
                println!("{:<w$} note: {note}", "");
            }
        }
    }
    Ok(())
}
