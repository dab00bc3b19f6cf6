//! `zprime limits`: coupling limits of every constraint over a mass grid.

use crate::common::{cl_text, sig, ConstraintArgs, GridArgs, ModelArgs, UsageError};

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

Output: a table by default (every excluded interval of each constraint: 'lo..hi', or '> lo'
when everything above lo is excluded; a preferred band as 'pref lo..hi' at its smallest sigma
level); --csv prints long-format rows
  mass,constraint,kind,g_low,g_high,interval,cl,label,reason
with kind = excluded | preferred_1sigma | preferred_2sigma | expected_1sigma | expected_2sigma
(toy bands of a projected search) | not_valid (the constraint is not applied at that mass:
g_low, g_high empty, the reason in `reason`). g_high = 12.566370614359172 (4 pi, the largest
coupling zprime considers) means everything above g_low is excluded. `interval` numbers the
intervals of one kind at one mass (0, 1, ...); cl is the constraint's confidence level (0.95),
label its legend label. --json prints every detail (citations, CL, validity range, the upper
limit per mass; where a constraint is not valid at a mass, \"valid\": false and its \"reason\").
Masses in GeV.

Examples:
  zprime limits --model lmu-ltau
  zprime limits --model lmu-ltau --mass 0.021
  zprime limits --model lmu-ltau --inputs ibe2016 --csv > limits.csv
  zprime limits --model lmu-ltau --mass-min 0.01 --mass-max 1 --points 50 --json
  zprime limits --model lmu-ltau --constraints my_constraints.toml --csv
  zprime limits --model lmu-ltau --hepdata hepdata/

--hepdata DIR writes the limits as a HEPData submission (submission.yaml and one table per
constraint: the mass, the edges of the excluded and preferred coupling intervals, '-' where
there are none, the CL, model and input set as qualifiers), ready to upload with a paper; the
tables read back as curves with `zprime plot --curve DIR/constraint_N.yaml`.")]
pub struct Args {
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    grid: GridArgs,
    /// One Z' mass in GeV instead of the grid.
    #[arg(long, allow_hyphen_values = true, conflicts_with_all = ["mass_min", "mass_max", "points"])]
    mass: Option<f64>,
    #[command(flatten)]
    constraints: ConstraintArgs,
    /// Print JSON.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV (long format).
    #[arg(long)]
    csv: bool,
    /// Add the combined exclusion: at each mass the smallest coupling any (measured)
    /// constraint excludes, and the id of the constraint that sets it.
    #[arg(long)]
    envelope: bool,
    /// Also write the limits as a HEPData submission into this directory (created if
    /// missing).
    #[arg(long, value_name = "DIR")]
    hepdata: Option<std::path::PathBuf>,
}

/// The JSON of `zprime limits --envelope`: the report's keys, then the envelope.
#[derive(serde::Serialize)]
struct WithEnvelope<'a> {
    #[serde(flatten)]
    report: &'a LimitsReport,
    envelope: Vec<zprime::scan::EnvelopePoint>,
}

/// Write the HEPData submission of `report` into `dir`.
fn write_hepdata(report: &LimitsReport, dir: &std::path::Path) -> Result<()> {
    let fail = |e: std::io::Error| UsageError(format!("--hepdata {}: {e}", dir.display()));
    std::fs::create_dir_all(dir).map_err(fail)?;
    let files = zprime::scan::hepdata::submission(report);
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).map_err(fail)?;
    }
    eprintln!(
        "zprime: wrote {} HEPData files to {}",
        files.len(),
        dir.display()
    );
    Ok(())
}

/// Run `zprime limits`.
pub fn run(args: &Args) -> Result<()> {
    let model = args.model.model()?;
    let inputs = args.model.inputs()?;
    let template = args.model.template(&model)?;
    let masses = match args.mass {
        Some(m) => {
            let (lo, hi) = (zprime::model::MASS_MIN, zprime::model::MASS_MAX);
            if !(m.is_finite() && (lo..=hi).contains(&m)) {
                return Err(UsageError(format!(
                    "invalid value {m} for '--mass': allowed range is {lo:e} <= mass <= {hi:e} GeV"
                ))
                .into());
            }
            vec![m]
        }
        None => args.grid.masses()?,
    };
    let constraints = args.constraints.resolve(&inputs)?;
    let report = zprime::scan::limits_with(&constraints, &model, &template, &inputs, &masses)?;
    let envelope = args.envelope.then(|| zprime::scan::envelope(&report));
    if let Some(dir) = &args.hepdata {
        write_hepdata(&report, dir)?;
    }
    if args.json {
        match envelope {
            Some(envelope) => println!(
                "{}",
                serde_json::to_string_pretty(&WithEnvelope {
                    report: &report,
                    envelope
                })?
            ),
            None => println!("{}", serde_json::to_string_pretty(&report)?),
        }
    } else if args.csv {
        print!("{}", csv(&report));
        if let Some(envelope) = &envelope {
            print!("{}", envelope_csv(&report, envelope));
        }
    } else {
        print!("{}", table(&report, envelope.as_deref()));
    }
    Ok(())
}

/// A CSV field: quoted (with doubled quotes) when it holds a comma or a quote.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Long-format CSV of the report's rows ([`LimitsReport::rows`]); a `not_valid` row carries
/// the report's reason for that mass.
pub fn csv(r: &LimitsReport) -> String {
    let mut out = String::from("mass,constraint,kind,g_low,g_high,interval,cl,label,reason\n");
    for row in r.rows() {
        let label = field(row.label);
        match (row.g, row.interval) {
            (Some(e), Some(i)) => out.push_str(&format!(
                "{},{},{},{},{},{i},{},{label},\n",
                row.mass, row.constraint, row.kind, e[0], e[1], row.cl
            )),
            _ => out.push_str(&format!(
                "{},{},{},,,,{},{label},{}\n",
                row.mass,
                row.constraint,
                row.kind,
                row.cl,
                field(row.reason.unwrap_or_default())
            )),
        }
    }
    out
}

/// The CSV rows of the envelope (after the constraints' rows): kind `envelope`, the
/// constraint that sets it, its excluded interval, CL and label; a mass where nothing is
/// excluded gets no row.
pub fn envelope_csv(r: &LimitsReport, envelope: &[zprime::scan::EnvelopePoint]) -> String {
    let mut out = String::new();
    for e in envelope {
        let (Some(low), Some(high), Some(name)) = (e.g_low, e.g_high, &e.constraint) else {
            continue;
        };
        let Some(c) = r.constraints.iter().find(|c| &c.name == name) else {
            continue;
        };
        out.push_str(&format!(
            "{},{name},envelope,{low},{high},0,{},{},\n",
            e.mass,
            c.cl,
            field(&c.label)
        ));
    }
    out
}

/// An excluded interval as the table shows it: `> lo` when it reaches the largest coupling.
fn interval_text(e: [f64; 2]) -> String {
    if e[1] >= zprime::model::COUPLING_MAX {
        format!("> {}", sig(e[0]))
    } else {
        format!("{}..{}", sig(e[0]), sig(e[1]))
    }
}

/// One cell of the table: the preferred band at its smallest sigma level, then every
/// excluded interval; '-' where nothing is excluded, 'n/a' where the constraint is not valid.
fn cell(l: &zprime::constraints::MassLimits) -> String {
    if !l.valid {
        return "n/a".into();
    }
    let mut parts = Vec::new();
    if let Some(b) = l.preferred.first().and_then(|b| b.first()) {
        parts.push(format!("pref {}..{}", sig(b[0]), sig(b[1])));
    }
    parts.extend(l.excluded.iter().map(|e| interval_text(*e)));
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(", ")
    }
}

fn table(r: &LimitsReport, envelope: Option<&[zprime::scan::EnvelopePoint]>) -> String {
    let mut out = format!(
        "model {}  inputs {}  coupling {}\n",
        r.model, r.inputs, r.coupling
    );
    for (i, c) in r.constraints.iter().enumerate() {
        let validity = c
            .valid_mass
            .map(|[lo, hi]| format!("; valid for {} <= m_Z' <= {} GeV", sig(lo), sig(hi)))
            .unwrap_or_default();
        out.push_str(&format!(
            "[{}] {}: {} (CL {}{validity})\n",
            i + 1,
            c.name,
            c.label,
            cl_text(c.cl)
        ));
    }
    out.push_str(&format!(
        "\nexcluded {} intervals at each constraint's CL: lo..hi, or '> lo' (everything above \
         lo up to 4 pi);\n'pref lo..hi' a preferred band at its smallest sigma level; '-' \
         nothing excluded; 'n/a' not valid at that mass\n\n",
        r.coupling
    ));
    let mut cells: Vec<Vec<String>> = r
        .constraints
        .iter()
        .map(|c| c.limits.iter().map(cell).collect())
        .collect();
    if let Some(envelope) = envelope {
        out.push_str(&format!(
            "[env] the combined exclusion: the smallest {} any constraint excludes at that \
             mass, and the constraint that sets it ('-' nothing excluded)\n\n",
            r.coupling
        ));
        cells.push(
            envelope
                .iter()
                .map(|e| match (e.g_low, &e.constraint) {
                    (Some(g), Some(name)) => format!("{} ({name})", sig(g)),
                    _ => "-".into(),
                })
                .collect(),
        );
    }
    let widths: Vec<usize> = cells
        .iter()
        .map(|col| col.iter().map(String::len).max().unwrap_or(0).max(6))
        .collect();
    out.push_str(&format!("{:>10}", "m [GeV]"));
    for (i, w) in widths.iter().enumerate() {
        let head = if i == r.constraints.len() {
            "[env]".to_string()
        } else {
            format!("[{}]", i + 1)
        };
        out.push_str(&format!("  {head:>w$}"));
    }
    out.push('\n');
    for (k, m) in r.masses.iter().enumerate() {
        out.push_str(&format!("{:>10}", sig(*m)));
        for (col, w) in cells.iter().zip(&widths) {
            out.push_str(&format!("  {:>w$}", col[k]));
        }
        out.push('\n');
    }
    if !r.not_included.is_empty() {
        let items: Vec<String> = r
            .not_included
            .iter()
            .map(|n| match n.mass {
                Some([lo, hi]) if lo > 0.0 => {
                    format!("{} ({} <= m_Z' <= {} GeV)", n.name, sig(lo), sig(hi))
                }
                Some([_, hi]) => format!("{} (m_Z' <= {} GeV)", n.name, sig(hi)),
                None => n.name.clone(),
            })
            .collect();
        out.push_str(&format!(
            "\nnot included (relevant for {} at these masses but not computed by zprime; check \
             them yourself): {}\n",
            r.model,
            items.join(", ")
        ));
    }
    out
}
