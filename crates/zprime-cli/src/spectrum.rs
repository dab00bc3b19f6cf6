//! `zprime spectrum`: the muon-momentum spectrum of K+ -> mu+ nu Z' (paper 001 Eq. 17), or
//! with `--br-curve` the branching ratio BR(K+ -> mu+ nu Z')/g^2 against m_Z' (001 Fig. 2).

use crate::common::{sig, ModelArgs, UsageError};
use anyhow::Result;
use clap::Args as ClapArgs;
use std::path::PathBuf;
use zprime::observables::{k_munu, Context};
use zprime::StandardModel;
use zprime_plot::{palette, Figure, Layer, LineStyle};

/// Arguments of `zprime spectrum`.
#[derive(ClapArgs, Debug)]
#[command(after_help = "\
Prints dBR/dp_mu of K+ -> mu+ nu_mu Z' (GeV^-1) at --points muon momenta between 0 and the
endpoint p_max (kaon rest frame), and the total BR. The Z' is not decayed (multiply by
BR(Zp->invisible) for a single-muon search). With --br-curve it prints BR/g^2 against m_Z'
from 1 MeV to M_K - m_mu instead. -o FILE (.svg, .png, .pdf) draws the same.

Examples:
  zprime spectrum --model lmu-ltau --mass 0.05 --g 1e-3
  zprime spectrum --model lmu-ltau --mass 0.05 --g 1e-3 --points 50 --csv > spectrum.csv
  zprime spectrum --model lmu-ltau --mass 0.01 --g 1e-3 --json
  zprime spectrum --model lmu-ltau --mass 0.05 --g 1e-3 -o spectrum.svg
  zprime spectrum --model lmu-ltau --br-curve --inputs ibe2016 -o fig2-left.png")]
pub struct Args {
    #[command(flatten)]
    model: ModelArgs,
    /// Z' mass in GeV, 0 < mass < M_K - m_mu = 0.388 GeV (the decay is closed above).
    #[arg(long, allow_hyphen_values = true, required_unless_present = "br_curve")]
    mass: Option<f64>,
    /// Gauge coupling g (0 <= g <= 4 pi); the spectrum scales as g^2.
    #[arg(long, allow_hyphen_values = true)]
    g: Option<f64>,
    /// Number of momenta (or masses with --br-curve), 2..=100000.
    #[arg(long, default_value_t = 200)]
    points: usize,
    /// BR/g^2 against m_Z' instead of the spectrum.
    #[arg(long)]
    br_curve: bool,
    /// Print JSON.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV.
    #[arg(long)]
    csv: bool,
    /// Also draw the curve to this file (.svg, .png or .pdf).
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// Run `zprime spectrum`.
pub fn run(args: &Args) -> Result<()> {
    if !(2..=100_000).contains(&args.points) {
        return Err(UsageError(format!(
            "invalid value {} for '--points': allowed range is 2 <= points <= 100000",
            args.points
        ))
        .into());
    }
    if let Some(o) = &args.output {
        zprime_plot::Format::from_path(o)
            .map_err(|e| UsageError(format!("-o {}: {e}", o.display())))?;
    }
    let model = args.model.model()?;
    let inputs = args.model.inputs()?;
    let sm = StandardModel::from_inputs(&inputs)?;
    let (x, y, x_name, y_name, point, total) = if args.br_curve {
        if args.mass.is_some() {
            return Err(UsageError(
                "--br-curve scans the mass from 1 MeV to M_K - m_mu: do not give --mass".into(),
            )
            .into());
        }
        let template = args
            .model
            .point(&model, 0.01, Some(args.g.unwrap_or(1.0)))?;
        let mk = inputs.value("m_Kp")?;
        let end = mk - sm.m_lepton[1];
        let masses = zprime::scan::log_masses(1e-3, end * (1.0 - 1e-3), args.points)?;
        let mut y = Vec::with_capacity(masses.len());
        for &m in &masses {
            let p = template.with_mass(m).with_coupling(1.0);
            let ctx = Context {
                sm: &sm,
                inputs: &inputs,
                point: &p,
                shared: None,
            };
            y.push(k_munu::br_k_munu_zp(&ctx)?);
        }
        (masses, y, "m_Zp", "BR_over_g2", template, None)
    } else {
        let mass = args.mass.expect("clap requires --mass without --br-curve");
        let end = inputs.value("m_Kp")? - sm.m_lepton[1];
        if mass >= end {
            return Err(UsageError(format!(
                "invalid value {mass} for '--mass': K+ -> mu+ nu Z' is closed at and above the \
                 kinematic limit M_K - m_mu = {} GeV, so the spectrum vanishes; allowed range is \
                 0 < mass < {} GeV (masses are in GeV: 50 MeV is --mass 0.05)",
                sig(end),
                sig(end)
            ))
            .into());
        }
        let point = args.model.point(&model, mass, args.g)?;
        let ctx = Context {
            sm: &sm,
            inputs: &inputs,
            point: &point,
            shared: None,
        };
        let (kin, _, _) = k_munu::setup(&ctx)?;
        let pmax = kin.p_max();
        let n = args.points;
        let p: Vec<f64> = (0..n).map(|i| pmax * i as f64 / (n - 1) as f64).collect();
        let y = k_munu::spectrum(&ctx, &p)?;
        let total = k_munu::br_k_munu_zp(&ctx)?;
        (p, y, "p_mu", "dBR_dp", point, Some((total, pmax)))
    };
    if args.json {
        let mut v = serde_json::json!({
            "model": model.name,
            "inputs": inputs.name,
            "observable": "BR(K+->munuZp)",
            x_name: x,
            y_name: y,
        });
        if let Some((total, pmax)) = total {
            v["parameters"] = serde_json::json!({"mass": point.mass, "g": point.g});
            v["BR(K+->munuZp)"] = total.into();
            v["p_max"] = pmax.into();
            v["units"] = serde_json::json!({"p_mu": "GeV", "dBR_dp": "GeV^-1"});
        } else {
            v["units"] = serde_json::json!({"m_Zp": "GeV", "BR_over_g2": "1"});
        }
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else if args.csv {
        println!("{x_name},{y_name}");
        for (a, b) in x.iter().zip(&y) {
            println!("{a},{b}");
        }
    } else {
        println!("model {}  inputs {}", model.name, inputs.name);
        if let Some((total, pmax)) = total {
            println!(
                "m_Z' = {}, g = {}: BR(K+->munuZp) = {}, p_max = {} GeV",
                crate::common::mass_text(point.mass),
                point.g,
                sig(total),
                sig(pmax)
            );
            println!("{:>12} {:>14}", "p_mu [GeV]", "dBR/dp [1/GeV]");
        } else {
            println!("{:>12} {:>14}", "m_Z' [GeV]", "BR/g^2");
        }
        for (a, b) in x.iter().zip(&y) {
            println!("{:>12} {:>14}", sig(*a), sig(*b));
        }
    }
    if let Some(out) = &args.output {
        let fig = figure(&x, &y, args.br_curve, &model.name, &inputs.name, &point);
        zprime_plot::render(&fig, out)?;
        eprintln!("zprime: wrote {}", out.display());
    }
    Ok(())
}

fn figure(
    x: &[f64],
    y: &[f64],
    br_curve: bool,
    model: &str,
    inputs: &str,
    p: &zprime::Point,
) -> Figure {
    let positive: Vec<f64> = y.iter().copied().filter(|v| *v > 0.0).collect();
    let ymax = positive.iter().copied().fold(0.0, f64::max).max(1e-300);
    let mut fig = if br_curve {
        let ymin = positive.iter().copied().fold(f64::INFINITY, f64::min);
        Figure::new(
            format!("K⁺ → μ⁺ν_μZ′ ({model})"),
            "m_Z′ [GeV]",
            "BR(K⁺ → μ⁺νZ′) / g²",
            (x[0], x[x.len() - 1]),
            ((ymin * 0.5).max(ymax * 1e-12), ymax * 2.0),
        )
    } else {
        let mut f = Figure::new(
            format!("K⁺ → μ⁺ν_μZ′: m_Z′ = {} GeV, g = {} ({model})", p.mass, p.g),
            "p_μ [GeV]",
            "dBR/dp_μ [GeV⁻¹]",
            (0.0, x[x.len() - 1].max(1e-6)),
            (0.0, ymax * 1.1),
        );
        f.log_x = false;
        f.log_y = false;
        f
    };
    fig.layers.push(Layer::Curve {
        label: if br_curve {
            "BR/g²".into()
        } else {
            "dBR/dp_μ".into()
        },
        colour: palette(0),
        style: LineStyle::Solid,
        width: 3,
        x: x.to_vec(),
        y: y.to_vec(),
    });
    fig.footer.push(format!(
        "zprime {}: inputs '{inputs}'; paper 001 Eq. (10)-(19) with the corrected Eq. (11); normalized to BR(K+ -> mu+ nu)",
        env!("CARGO_PKG_VERSION")
    ));
    fig
}
