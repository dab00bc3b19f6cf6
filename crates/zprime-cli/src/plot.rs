//! `zprime plot`: the exclusion plot in the (m_Z', coupling) plane.

use crate::common::{GridArgs, ModelArgs};
use anyhow::Result;
use clap::Args as ClapArgs;
use std::path::PathBuf;
use zprime::scan::LimitsReport;
use zprime_plot::{palette, Colour, Figure, Layer, LineStyle};

/// Arguments of `zprime plot`.
#[derive(ClapArgs, Debug)]
#[command(after_help = "\
Draws every constraint of the input set: excluded regions (filled, with an edge), preferred
bands of anomalies (1 sigma dark, 2 sigma light), each only where its calculation is valid.
The caption names the input set and cites every measurement used, and lists what is not
included.

Examples:
  zprime plot --model lmu-ltau -o lmu-ltau.png
  zprime plot --model lmu-ltau --inputs ibe2016 -o ibe2016-fig1.svg
  zprime plot --model lmu-ltau --mass-min 0.01 --mass-max 10 --g-min 1e-4 --g-max 0.1")]
pub struct Args {
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    grid: GridArgs,
    /// Output file: .svg, .png or .pdf (default: <model>.svg).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Lower edge of the coupling axis.
    #[arg(long, default_value_t = 1e-5, allow_hyphen_values = true)]
    g_min: f64,
    /// Upper edge of the coupling axis.
    #[arg(long, default_value_t = 1.0, allow_hyphen_values = true)]
    g_max: f64,
}

/// Constraints that the shipped data cannot compute yet (stated on every plot).
const NOT_INCLUDED: &str =
    "Not included yet: BaBar/Belle/Belle II mu mu Z', NA64mu, NA62 K -> mu nu X (vs m_X), \
LHC Z -> 4mu, COHERENT, BBN, SN1987A.";

/// Run `zprime plot`.
pub fn run(args: Args) -> Result<()> {
    if !(args.g_min.is_finite()
        && args.g_min > 0.0
        && args.g_max.is_finite()
        && args.g_max > args.g_min)
    {
        return Err(crate::common::UsageError(format!(
            "invalid coupling axis --g-min {} --g-max {}: allowed 0 < g-min < g-max",
            args.g_min, args.g_max
        ))
        .into());
    }
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.svg", sanitize(&args.model.model))));
    zprime_plot::Format::from_path(&output)
        .map_err(|e| crate::common::UsageError(e.to_string()))?;
    let model = args.model.model()?;
    let inputs = args.model.inputs()?;
    let template = args.model.template(&model)?;
    let masses = args.grid.masses()?;
    let report = zprime::scan::limits(&model, &template, &inputs, &masses)?;
    let mut fig = figure(
        &report,
        (args.grid.mass_min, args.grid.mass_max),
        (args.g_min, args.g_max),
    );
    fig.footer.insert(
        0,
        format!(
            "zprime {}: model {} ({}); inputs '{}': {}",
            env!("CARGO_PKG_VERSION"),
            model.name,
            model.description,
            inputs.name,
            inputs.description
        ),
    );
    zprime_plot::render(&fig, &output)?;
    eprintln!("zprime: wrote {}", output.display());
    Ok(())
}

/// "95%" for 0.95, "5σ" for the CL of a 5 sigma interval.
fn cl_text(cl: f64) -> String {
    let pct = 100.0 * cl;
    if (pct - pct.round()).abs() < 1e-6 {
        format!("{pct:.0}%")
    } else {
        let z = zprime::constraints::stats::two_sided_z(cl);
        if (z - z.round()).abs() < 1e-6 {
            format!("{z:.0}σ")
        } else {
            format!("{pct:.1}%")
        }
    }
}

fn sanitize(s: &str) -> String {
    let stem = std::path::Path::new(s)
        .file_stem()
        .and_then(|x| x.to_str())
        .unwrap_or(s);
    stem.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn colour_for(observable: &str, i: usize) -> Colour {
    if observable.starts_with("BR(K+->munuZp)") {
        palette(i + 2)
    } else if observable.starts_with("Delta a_mu") {
        Colour::rgb(213, 94, 0)
    } else if observable == "R_trident(CHARM-II)" {
        Colour::rgb(204, 121, 167)
    } else if observable == "R_trident(NuTeV)" {
        Colour::rgb(86, 180, 233)
    } else if observable == "R_trident(heavy)" {
        Colour::rgb(0, 60, 120)
    } else if observable.starts_with("R_trident") {
        Colour::rgb(0, 114, 178)
    } else if observable == "R_nue(Borexino)" {
        Colour::rgb(110, 110, 110)
    } else if observable.starts_with("sigma(numu e)") {
        Colour::rgb(148, 103, 189)
    } else if observable.starts_with("sigma(numubar e)") {
        Colour::rgb(190, 150, 220)
    } else if observable.starts_with("Delta(tau") {
        Colour::rgb(0, 158, 115)
    } else {
        palette(i + 3)
    }
}

/// Build the figure from a limits report.
pub fn figure(r: &LimitsReport, x_range: (f64, f64), y_range: (f64, f64)) -> Figure {
    let coupling = if r.coupling == "g" { "g'" } else { "ε" };
    // the model's title from its data file (a user file's model is not a preset: its name)
    let title = zprime::model::preset(&r.model).map_or_else(|| r.model.clone(), |m| m.title);
    let mut fig = Figure::new(
        format!("{title} Z′ ({} inputs)", r.inputs),
        "m_Z′ [GeV]",
        coupling,
        x_range,
        y_range,
    );
    let x = r.masses.clone();
    let mut bands = Vec::new();
    let mut exclusions = Vec::new();
    let mut refs = Vec::new();
    for (i, c) in r.constraints.iter().enumerate() {
        let colour = colour_for(&c.observable, i);
        // Preferred bands, widest first so that the narrower one is drawn on top.
        let mut order: Vec<usize> = (0..c.bands.len()).collect();
        order.sort_by(|a, b| c.bands[*b].total_cmp(&c.bands[*a]));
        for &k in &order {
            let (lo, hi): (Vec<f64>, Vec<f64>) = c
                .limits
                .iter()
                .map(|l| {
                    l.preferred
                        .get(k)
                        .and_then(|v| v.first())
                        .map_or((f64::NAN, f64::NAN), |e| (e[0], e[1]))
                })
                .unzip();
            if lo.iter().all(|v| v.is_nan()) {
                continue;
            }
            let opacity = if k == order[order.len() - 1] {
                0.55
            } else {
                0.25
            };
            bands.push(Layer::Band {
                label: format!("{} {}σ", c.label, c.bands[k]),
                colour,
                opacity,
                x: x.clone(),
                lower: lo,
                upper: hi,
                edge: None,
            });
        }
        // Exclusion: the interval reaching the largest coupling (an upper limit), else the first.
        let (lo, hi): (Vec<f64>, Vec<f64>) = c
            .limits
            .iter()
            .map(|l| {
                let pick = l
                    .excluded
                    .iter()
                    .find(|e| e[1] >= zprime::model::COUPLING_MAX)
                    .or(l.excluded.first());
                pick.map_or((f64::NAN, f64::NAN), |e| (e[0], e[1]))
            })
            .unzip();
        // Toy expected-limit bands of a projected search (paper 001 Fig. 4-5: 2σ green,
        // 1σ yellow), widest first.
        let mut levels: Vec<usize> = (0..c.expected_bands.len()).collect();
        levels.sort_by(|a, b| c.expected_bands[*b].total_cmp(&c.expected_bands[*a]));
        for k in levels {
            let (elo, ehi): (Vec<f64>, Vec<f64>) = c
                .limits
                .iter()
                .map(|l| {
                    l.expected
                        .get(k)
                        .map_or((f64::NAN, f64::NAN), |e| (e[0], e[1]))
                })
                .unzip();
            if elo.iter().any(|v| v.is_finite()) {
                let level = c.expected_bands[k];
                let band_colour = if level >= 2.0 {
                    Colour::rgb(0, 158, 115)
                } else {
                    Colour::rgb(240, 228, 66)
                };
                exclusions.push(Layer::Band {
                    // Short: the band sits on its dashed projection, whose label names it.
                    label: format!("expected ±{level}σ (toys)"),
                    colour: band_colour,
                    opacity: 0.45,
                    x: x.clone(),
                    lower: elo,
                    upper: ehi,
                    edge: None,
                });
            }
        }
        if c.projection {
            // A projected sensitivity: the lower edge of the would-be exclusion, dashed.
            if lo.iter().any(|v| v.is_finite()) {
                exclusions.push(Layer::Curve {
                    label: format!("{} ({} CL, expected)", c.label, cl_text(c.cl)),
                    colour,
                    style: LineStyle::Dashed,
                    width: 2,
                    x: x.clone(),
                    y: lo,
                });
            }
        } else if lo.iter().any(|v| v.is_finite()) {
            exclusions.push(Layer::Band {
                label: format!("{} ({} CL)", c.label, cl_text(c.cl)),
                colour,
                opacity: 0.3,
                x: x.clone(),
                lower: lo,
                upper: hi,
                edge: Some(LineStyle::Solid),
            });
        }
        if !refs.iter().any(|r: &String| r.ends_with(&c.reference)) {
            refs.push(format!("{}: {}", c.label, c.reference));
        }
    }
    fig.layers.extend(exclusions);
    fig.layers.extend(bands);
    fig.footer.extend(refs);
    fig.footer.push(NOT_INCLUDED.into());
    fig
}
