//! `zprime models`: the preset models, their charges and parameters.

use anyhow::Result;
use clap::Args as ClapArgs;
use zprime::model::{preset, preset_names, Model, Rational};

/// Arguments of `zprime models`.
#[derive(ClapArgs, Debug)]
#[command(after_help = "\
A model is the U(1)' charge of every Standard-Model field per generation (q_L, u_R, d_R, l_L,
e_R, nu_R), a coupling (g, or eps for a dark photon), parameters and a quark-flavour
mechanism. The presets are files of the same format as your own (data/models/*.toml; print
one with `zprime data --file lmu-ltau+b3.toml`). Write your own as TOML:

  name = \"lmu-le\"
  title = \"L_mu - L_e\"           # figure titles
  description = \"L_mu - L_e\"
  coupling = \"gauge\"            # or \"kinetic-mixing\"
  flavour = \"none\"              # a mechanism listed below
  [charges]                      # omitted fields are zero; order: 1st, 2nd, 3rd generation
  l_L  = [-1, 1, 0]              # integers, fractions \"1/3\" or decimals
  e_R  = [-1, 1, 0]
  nu_R = [-1, 1, 0]
  [[parameters]]                 # optional extra parameters: name, description, default,
                                 # min, max (and [directions.NAME] for charges += NAME x ...)

and pass its path as --model lmu-le.toml. The six anomaly conditions are checked in exact
fractions (a warning, an error with --strict); a decimal such as 0.3333333333 is read as the
nearest simple fraction (1/3), with a note.

Examples:
  zprime models
  zprime models lmu-ltau+b3
  zprime models --json")]
pub struct Args {
    /// Show one model (a preset name or a model file) instead of all presets.
    name: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// A range limit as a reader knows it: ±4π (the largest coupling) by name.
fn limit_text(x: f64) -> String {
    if (x.abs() - zprime::model::COUPLING_MAX).abs() < 1e-12 {
        format!("{}4 pi", if x < 0.0 { "-" } else { "" })
    } else {
        format!("{x}")
    }
}

/// Run `zprime models`.
pub fn run(args: &Args) -> Result<()> {
    let models: Vec<Model> = match &args.name {
        Some(n) => vec![Model::resolve(n)
            .map_err(|e| crate::common::flag_error("zprime models NAME:", n, e))?],
        None => preset_names().into_iter().filter_map(preset).collect(),
    };
    for m in &models {
        zprime::flavour::check(m)?;
    }
    if args.json {
        let v: Vec<serde_json::Value> = models
            .iter()
            .map(|m| {
                serde_json::json!({
                    "model": m,
                    "anomalies": m.anomalies(),
                    "flavour_mechanism": zprime::flavour::mechanism(&m.flavour)
                        .map(zprime::flavour::Mechanism::description)
                        .unwrap_or_default(),
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    for m in &models {
        println!(
            "{} ({})\n  {}\n  reference: {}",
            m.name, m.title, m.description, m.reference
        );
        println!(
            "  flavour mechanism: {} ({})",
            m.flavour,
            zprime::flavour::mechanism(&m.flavour)?.description()
        );
        println!(
            "  parameters: mass [GeV], {} (the coupling)",
            m.coupling.name()
        );
        for p in &m.parameters {
            let unit = crate::common::param_unit(p);
            println!(
                "    {} (default {}{unit}, range {} .. {}{unit}): {}",
                p.name,
                p.default,
                limit_text(p.min),
                limit_text(p.max),
                p.description
            );
        }
        let c = &m.charges_exact;
        let row = |name: &str, v: [Rational; 3]| {
            format!("    {name:<5} {:>7} {:>7} {:>7}", v[0], v[1], v[2])
        };
        if m.coupling == zprime::model::CouplingKind::Gauge {
            println!("  charges   gen 1   gen 2   gen 3");
            for (n, v) in c.fields() {
                println!("{}", row(n, v));
            }
            for (p, d) in &m.charge_directions_exact {
                println!("  plus {p} x:");
                for (n, v) in d.fields() {
                    if v.iter().any(|x| !x.is_zero()) {
                        println!("{}", row(n, v));
                    }
                }
            }
        } else {
            println!("  no U(1)' charges: couples as eps e Q_em");
        }
        for note in &m.notes {
            println!("  note: {note}");
        }
        if let Some(Ok(l)) = m.gauge_light_state(&std::collections::BTreeMap::new()) {
            println!(
                "  gauge basis (default parameters): light eigenstate m_X = {:.4} GeV, g_X = {:.4e}; the Z' couples to [charges] + eps [gauge_basis.charges], eps = {:.4e}, eps_gamma = {:.3e}, eps_Z = {:.3e} (--mass and --g are m_X and g_X)",
                l.mass, l.g, l.eps, l.eps_gamma, l.eps_z
            );
        }
        let a = m.anomalies();
        if a.is_empty() {
            println!("  anomaly free");
        } else {
            let list: Vec<String> = a.iter().map(ToString::to_string).collect();
            println!("  ANOMALOUS: {}", list.join(", "));
            if let Some(r) = m.anomaly_remedy() {
                println!("  needs: {r}");
            }
        }
        if !m.not_included.is_empty() {
            println!("  not included yet: {}", m.not_included.join(", "));
        }
        println!();
    }
    Ok(())
}
