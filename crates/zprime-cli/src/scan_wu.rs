//! `zprime scan-wu`: paper 002's Scenario II scan (Fig. 3) of the right-handed up-quark
//! mixing row (W_u)_1i of the (B−L)₂₃ model.

use crate::common::{flag_error, sig, UsageError};
use anyhow::Result;
use clap::Args as ClapArgs;
use std::path::{Path, PathBuf};
use zprime::experiments::bands::{band, Band};
use zprime::scan::wu::{g2_band, scan, WuScanReport};
use zprime::InputSet;
use zprime_plot::{Colour, Figure, Layer, Marker};

/// Arguments of `zprime scan-wu`.
#[derive(ClapArgs, Debug)]
#[command(after_help = "\
Samples the first row (W_u)_1i of the right-handed up-quark mixing uniformly (a random unit
vector of C^3) and keeps the rows for which one gauge coupling g explains both the muon g-2
band (the input set's g-2 measurement; refused when it shows no anomaly, e.g. `default`) and
the K_L -> pi0 Z' band (default: the KOTO-era 2.1 +2.0 -1.1 e-9 of paper 002 Eq. 2.1) within
1 sigma, or within 2 sigma (paper 002 Fig. 3). Masses in GeV.

Examples:
  zprime scan-wu --mass 0.14                       # summary, kang2020 inputs
  zprime scan-wu --mass 0.14 --csv > wu.csv        # kept rows: abs1..3, phase1..3, ...
  zprime scan-wu --mass 0.128 --samples 1000000 -o fig3.png   # writes fig3_W11.png ...
  zprime scan-wu --mass 0.14 --target 1.6e-9 --sigma1 0.9e-9,2.5e-9 --sigma2 0.4e-9,3.5e-9

CSV columns: abs1,abs2,abs3,phase1,phase2,phase3,br_per_g2,sigma,g_min,g_max
(|W_1i|, arg W_1i - arg W_12 in radians (the overall phase is unphysical; paper 002 Eq. 4.15
convention), BR(K_L -> pi0 Z')/g^2, 1 or 2, the g range explaining both). Only g-2 and the
K_L band are asked: the input set's other constraints are not applied to the kept rows (the
output lists them; on stderr with --csv).")]
pub struct Args {
    /// Input set (name or file).
    #[arg(long, default_value = "kang2020")]
    inputs: String,
    /// Z' mass in GeV (below m_KL - m_pi0).
    #[arg(long, default_value_t = 0.14, allow_hyphen_values = true)]
    mass: f64,
    /// Number of random rows.
    #[arg(long, default_value_t = 100_000)]
    samples: usize,
    /// Random seed (the result does not depend on the number of threads).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// A shipped K_L band (data/experiments/bands.toml).
    #[arg(long, default_value = "KOTO:2019-prelim")]
    band: String,
    /// Your own K_L target: central value (with --sigma1 and --sigma2).
    #[arg(long, allow_hyphen_values = true)]
    target: Option<f64>,
    /// 1-sigma interval LO,HI of your target.
    #[arg(long, value_name = "LO,HI")]
    sigma1: Option<String>,
    /// 2-sigma interval LO,HI of your target.
    #[arg(long, value_name = "LO,HI")]
    sigma2: Option<String>,
    /// Print the kept rows as CSV.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// Print the whole report as JSON.
    #[arg(long)]
    json: bool,
    /// Draw the kept rows, one figure per element: FILE_W11.ext, FILE_W12.ext, FILE_W13.ext.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

fn pair(name: &str, s: Option<&String>) -> Result<[f64; 2]> {
    let s = s.ok_or_else(|| UsageError(format!("--target needs --{name} LO,HI as well")))?;
    let v: Vec<f64> = s
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| UsageError(format!("--{name} '{s}': expected two numbers LO,HI")))?;
    if v.len() != 2 {
        return Err(UsageError(format!("--{name} '{s}': expected two numbers LO,HI")).into());
    }
    Ok([v[0], v[1]])
}

/// Run `zprime scan-wu`.
pub fn run(args: &Args) -> Result<()> {
    let inputs =
        InputSet::resolve(&args.inputs).map_err(|e| flag_error("--inputs", &args.inputs, e))?;
    let koto: Band = if let Some(c) = args.target {
        Band::new(
            "user target",
            c,
            pair("sigma1", args.sigma1.as_ref())?,
            pair("sigma2", args.sigma2.as_ref())?,
        )
        .map_err(|e| flag_error("--target", &c.to_string(), e))?
    } else {
        if args.sigma1.is_some() || args.sigma2.is_some() {
            return Err(UsageError("--sigma1/--sigma2 need --target".into()).into());
        }
        band(&args.band)
            .map_err(|e| flag_error("--band", &args.band, e))?
            .clone()
    };
    if let Some(out) = &args.output {
        zprime_plot::Format::from_path(out)
            .map_err(|e| UsageError(format!("-o {}: {e}", out.display())))?;
    }
    let g2 = g2_band(&inputs).map_err(|e| flag_error("--inputs", &args.inputs, e))?;
    let report =
        scan(&inputs, args.mass, args.samples, args.seed, &koto, &g2).map_err(|e| match &e {
            zprime::Error::InvalidParameter { name, .. } if name == "mass" => {
                flag_error("--mass", &args.mass.to_string(), e)
            }
            zprime::Error::InvalidParameter { name, .. } if name == "samples" => {
                flag_error("--samples", &args.samples.to_string(), e)
            }
            _ => e.into(),
        })?;
    // the scan asks only for g-2 and the K_L band: the input set's other constraints
    // (trident, K+ -> mu+ inv, ...) are not applied to the kept rows, and the output says so
    let not_applied: Vec<&str> = inputs
        .constraints
        .iter()
        .map(String::as_str)
        .filter(|c| !c.starts_with("g-2:"))
        .collect();
    let not_applied_note = format!(
        "not applied to the kept rows (check them with `zprime point --model b-l-23`): the \
         input set's other constraints: {}",
        not_applied.join(", ")
    );
    if args.json {
        let mut v = serde_json::to_value(&report)?;
        v["not_applied"] = serde_json::to_value(&not_applied)?;
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else if args.csv {
        println!("abs1,abs2,abs3,phase1,phase2,phase3,br_per_g2,sigma,g_min,g_max");
        for s in &report.kept {
            println!(
                "{},{},{},{},{},{},{:e},{},{:e},{:e}",
                s.abs[0],
                s.abs[1],
                s.abs[2],
                s.phase[0],
                s.phase[1],
                s.phase[2],
                s.br_per_g2,
                s.sigma,
                s.g_range[0],
                s.g_range[1]
            );
        }
        eprintln!("zprime: note: {not_applied_note}");
    } else {
        summary(&report);
        println!("{not_applied_note}");
    }
    if let Some(out) = &args.output {
        for (i, fig) in figures(&report).into_iter().enumerate() {
            let path = element_path(out, i + 1);
            zprime_plot::render(&fig, &path)?;
            eprintln!("zprime: wrote {}", path.display());
        }
    }
    Ok(())
}

fn summary(r: &WuScanReport) {
    println!(
        "Scenario II scan of (W_u)_1i, model b-l-23, inputs {}, m_Z' = {}",
        r.inputs,
        crate::common::mass_text(r.mass)
    );
    println!("samples {} (seed {})", r.samples, r.seed);
    println!(
        "K_L band {}: {} (1 sigma {}..{}, 2 sigma {}..{})",
        r.koto.id,
        sig(r.koto.central),
        sig(r.koto.sigma1[0]),
        sig(r.koto.sigma1[1]),
        sig(r.koto.sigma2[0]),
        sig(r.koto.sigma2[1])
    );
    println!(
        "g-2 band {}: {} (1 sigma {}..{})",
        r.g2.id,
        sig(r.g2.central),
        sig(r.g2.sigma1[0]),
        sig(r.g2.sigma1[1])
    );
    println!(
        "Delta a_mu / g^2 = {} (dimensionless); Scenario I BR(KL->piZp) / g^2 = {}",
        sig(r.delta_a_per_g2),
        sig(r.scenario1_br_per_g2)
    );
    println!(
        "kept: {} within 1 sigma, {} within 2 sigma",
        r.n_1sigma, r.n_2sigma
    );
    for level in [1u8, 2] {
        let s: Vec<_> = r.kept.iter().filter(|s| s.sigma <= level).collect();
        if s.is_empty() {
            continue;
        }
        for i in 0..3 {
            let (lo, hi) = s.iter().fold((f64::INFINITY, 0.0f64), |(a, b), x| {
                (a.min(x.abs[i]), b.max(x.abs[i]))
            });
            println!(
                "  {level} sigma: {} <= |W_1{}| <= {}",
                sig(lo),
                i + 1,
                sig(hi)
            );
        }
    }
}

fn element_path(out: &Path, i: usize) -> PathBuf {
    let stem = out
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("scan-wu");
    let ext = out.extension().and_then(|s| s.to_str()).unwrap_or("svg");
    out.with_file_name(format!("{stem}_W1{i}.{ext}"))
}

/// One figure per element (W_u)_1i in the complex plane (overall phase fixed by arg W_12 = 0,
/// as paper 002 Eq. 4.15), 2σ (yellow circles) and 1σ (green squares), as paper 002 Fig. 3,
/// with the row of Eq. (4.15), (0, 1/√2, e^{0.59πi}/√2), as a red star.
fn figures(r: &WuScanReport) -> Vec<Figure> {
    const MAX_POINTS: usize = 20_000;
    let eq415 = [
        0.0,
        std::f64::consts::FRAC_1_SQRT_2,
        std::f64::consts::FRAC_1_SQRT_2,
    ];
    let eq415_phase = [0.0, 0.0, 0.59 * std::f64::consts::PI];
    (0..3)
        .map(|i| {
            let mut fig = Figure::new(
                format!("(W_u)_{{1{}}} explaining g−2 and K_L → π⁰Z′ at m_Z′ = {} MeV", i + 1, sig(1e3 * r.mass)),
                format!("Re (W_u)_{{1{}}}", i + 1),
                format!("Im (W_u)_{{1{}}}", i + 1),
                (-1.0, 1.0),
                (-1.0, 1.0),
            );
            fig.log_x = false;
            fig.log_y = false;
            fig.height = 1000;
            for (level, colour, marker, label) in [
                (2u8, Colour::rgb(240, 200, 0), Marker::Circle, "within 2σ"),
                (1u8, Colour::rgb(0, 150, 60), Marker::Square, "within 1σ"),
            ] {
                let all: Vec<_> = r.kept.iter().filter(|s| s.sigma == level).collect();
                let shown = all.len().min(MAX_POINTS);
                let what = if shown < all.len() {
                    format!("{label} ({} rows, {shown} drawn)", all.len())
                } else {
                    format!("{label} ({} rows)", all.len())
                };
                let pts = &all[..shown];
                fig.layers.push(Layer::Points {
                    label: what,
                    colour,
                    marker,
                    size: 5.0,
                    x: pts.iter().map(|s| s.abs[i] * s.phase[i].cos()).collect(),
                    y: pts.iter().map(|s| s.abs[i] * s.phase[i].sin()).collect(),
                });
            }
            fig.layers.push(Layer::Points {
                label: "paper 002 Eq. (4.15) row".into(),
                colour: Colour::rgb(220, 30, 30),
                marker: Marker::Star,
                size: 14.0,
                x: vec![eq415[i] * eq415_phase[i].cos()],
                y: vec![eq415[i] * eq415_phase[i].sin()],
            });
            fig.footer.push(format!(
                "Model b-l-23 (paper 002 Scenario II), inputs {}, {} samples (seed {}); overall phase fixed by arg (W_u)_12 = 0. K_L band {} ({}); g−2 band {} ({}).",
                r.inputs, r.samples, r.seed, r.koto.id, r.koto.reference, r.g2.id, r.g2.reference
            ));
            fig
        })
        .collect()
}
