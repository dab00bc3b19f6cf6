//! `zprime plot`: the exclusion plot in the (m_Z', coupling) plane.

use crate::common::{ConstraintArgs, GridArgs, ModelArgs};
use anyhow::Result;
use clap::Args as ClapArgs;
use std::path::PathBuf;
use zprime_plot::limits::{limits_caption, limits_figure, Captions, FigureOptions};

/// Arguments of `zprime plot`.
#[derive(ClapArgs, Debug)]
#[command(after_help = "\
Draws the constraints of the input set: excluded regions (filled, with an edge line),
preferred bands of anomalies (1 sigma dark, 2 sigma light, labelled 'preferred'), projected
sensitivities as dashed curves with their expected-limit bands (+-1 sigma green, +-2 sigma
yellow), each only where its calculation is valid. The legend goes into an empty corner of the
frame, else to its right, else under it; labels are wrapped, never cut.

Crowding rule: a measured constraint is drawn only if somewhere on the plotted mass range its
lowest excluded coupling is within a factor 2 of the combined laboratory exclusion (the
smallest coupling any constraint but the cosmological N_eff excludes there); the others are
named in one caption line ('Not drawn, weaker than ...'). Preferred bands and projections are
always drawn.
--all-constraints draws everything.

The caption names the model and input set, cites every drawn constraint by its reference
(authors, journal, arXiv), and lists what the model file names as not included yet; it takes at
most a quarter of the figure (references are shortened to arXiv numbers, then numbered, when
needed). --no-caption leaves it out; --caption-file FILE writes the full caption as text.
--constraints FILE adds the constraints of a user's file, --constraints IDS and --exclude IDS
choose which are computed, --gm2 picks the g-2 theory (as for `zprime limits`). Masses in GeV.

Examples:
  zprime plot --model lmu-ltau -o lmu-ltau.png
  zprime plot --model lmu-ltau --inputs ibe2016 -o ibe2016-fig1.svg
  zprime plot --model lmu-ltau --mass-min 0.01 --mass-max 10 --g-min 1e-4 --g-max 0.1
  zprime plot --model lmu-ltau --dpi 300 -o lmu-ltau-print.png
  zprime plot --model lmu-ltau --gm2 WP20 --exclude 'nue:*' -o lmu-ltau-wp20.png
  zprime plot --model lmu-ltau --no-caption --caption-file lmu-ltau.txt -o lmu-ltau.pdf
  zprime plot --model lmu-ltau --constraints my_constraints.toml -o mine.svg
  zprime plot --model lmu-ltau --curve babar2016.csv --curve na64e.yaml --curve-as-g
  zprime plot --model lmu-ltau --inputs altmannshofer2014 --chi2 -o chi2.png

--chi2 draws, over the individual constraints, the 1 and 2 sigma contours of the combined
likelihood (the sum of the drawn constraints' -2 ln L without projections, as `zprime fit`):
Delta chi^2 = 2.30 and 6.18 (two parameters, m_Z' and the coupling) with respect to the
minimum over the plotted plane, on the mass grid x 120 couplings spaced in log between
--g-min and --g-max; the model's other parameters stay fixed. Conventions: README,
\"Statistical conventions\".

--curve FILE (repeatable) draws a published exclusion curve in the (m_Z', coupling) plane: a
CSV with a '# key: value' header (reference, cl and coupling = g | eps | eps_e required; label,
model, mass_unit, final_state) and columns mass,coupling (excluded above) or
mass,coupling_low,coupling_high, 'nan' for no limit; or a HEPData YAML table (the mass the
first independent variable, the coupling the dependent one, the same header as YAML comment
lines). Curves are always drawn and cited. An input-set file can list curves too:
curves = [\"babar2016.csv\"] (paths relative to the set's file). A dark-photon eps (or e eps) curve on a g' plot is
an error unless --curve-as-g shows it as g' = e eps, which the legend then says: valid only
where production and the observed decay scale alike for both bosons.

Colours and line styles per constraint come from data/plot/styles.toml.")]
// independent command-line switches, not states
#[allow(clippy::struct_excessive_bools)]
pub struct Args {
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    grid: GridArgs,
    #[command(flatten)]
    constraints: ConstraintArgs,
    /// Output file: .svg, .png or .pdf (default: <model>.svg).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Lower edge of the coupling axis [default: 1e-5, or the decade below the smallest
    /// excluded or preferred coupling if that lies lower (meson-decay limits reach 1e-7)].
    #[arg(long, allow_hyphen_values = true)]
    g_min: Option<f64>,
    /// Upper edge of the coupling axis.
    #[arg(long, default_value_t = 1.0, allow_hyphen_values = true)]
    g_max: f64,
    /// PNG resolution in pixels per inch of the printed figure (6.67 in wide, as the
    /// PDF): 150 gives 1000 px, 300 doubles the pixels for print. SVG and PDF ignore it.
    #[arg(long, default_value_t = zprime_plot::PNG_DPI, allow_hyphen_values = true)]
    dpi: f64,
    /// Draw every constraint, also those the crowding rule leaves out (see below).
    #[arg(long)]
    all_constraints: bool,
    /// No caption under the figure.
    #[arg(long)]
    no_caption: bool,
    /// Write the full caption (every reference in full) to this text file.
    #[arg(long, value_name = "FILE")]
    caption_file: Option<PathBuf>,
    /// A published exclusion curve to draw (CSV or HEPData YAML; repeatable; see below).
    #[arg(long, value_name = "FILE")]
    curve: Vec<PathBuf>,
    /// Show dark-photon curves (coupling eps or eps_e) as g' = e eps.
    #[arg(long)]
    curve_as_g: bool,
    /// Draw the 1 and 2 sigma Delta chi^2 contours of the combined likelihood (see below).
    #[arg(long)]
    chi2: bool,
}

/// Couplings of the --chi2 grid (spaced in log between the axis' ends).
const CHI2_COUPLINGS: usize = 120;

/// The Delta chi^2 contour layers of the combined likelihood of `constraints` over the
/// plotted plane (levels for two parameters at 1 and 2 sigma).
fn chi2_layers(
    constraints: &[zprime::constraints::Constraint],
    inputs: &zprime::InputSet,
    template: &zprime::Point,
    masses: &[f64],
    (g_min, g_max): (f64, f64),
) -> Result<Vec<zprime_plot::Layer>> {
    let likelihood = zprime::likelihood::Likelihood::new(constraints, inputs, template)?;
    let (a, b) = (g_min.ln(), g_max.ln());
    let couplings: Vec<f64> = (0..CHI2_COUPLINGS)
        .map(|j| (a + (b - a) * j as f64 / (CHI2_COUPLINGS - 1) as f64).exp())
        .collect();
    let chi2 = likelihood.grid(template, masses, &couplings)?;
    let min = chi2.iter().flatten().copied().fold(f64::INFINITY, f64::min);
    let delta: Vec<Vec<f64>> = chi2
        .iter()
        .map(|row| row.iter().map(|c| c - min).collect())
        .collect();
    let levels: Vec<f64> = [1.0, 2.0]
        .iter()
        .map(|&z| zprime::likelihood::delta_chi2_of_sigma(2, z))
        .collect();
    Ok(zprime_plot::limits::chi2_contour_layers(
        masses, &couplings, &delta, &levels,
    ))
}

/// Run `zprime plot`.
pub fn run(args: &Args) -> Result<()> {
    let g_min_given = args.g_min.unwrap_or(zprime_plot::limits::DEFAULT_G_MIN);
    if !(g_min_given.is_finite()
        && g_min_given > 0.0
        && args.g_max.is_finite()
        && args.g_max > g_min_given)
    {
        return Err(crate::common::UsageError(format!(
            "invalid coupling axis --g-min {} --g-max {}: allowed range is 0 < g-min < g-max",
            g_min_given, args.g_max
        ))
        .into());
    }
    let dpi_range = zprime_plot::PNG_DPI_RANGE;
    if !dpi_range.contains(&args.dpi) {
        return Err(crate::common::UsageError(format!(
            "invalid --dpi {}: allowed {} <= dpi <= {}",
            args.dpi,
            dpi_range.start(),
            dpi_range.end()
        ))
        .into());
    }
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.svg", sanitize(&args.model.model))));
    zprime_plot::Format::from_path(&output)
        .map_err(|e| crate::common::UsageError(format!("-o {}: {e}", output.display())))?;
    let model = args.model.model()?;
    let inputs = args.model.inputs()?;
    let template = args.model.template(&model)?;
    let masses = args.grid.masses()?;
    let constraints = args.constraints.resolve(&inputs)?;
    let mut report = zprime::scan::limits_with(&constraints, &model, &template, &inputs, &masses)?;
    // the input set's curves, then those of --curve
    let curve_files: Vec<PathBuf> = inputs
        .curves
        .iter()
        .map(PathBuf::from)
        .chain(args.curve.iter().cloned())
        .collect();
    for (i, path) in curve_files.iter().enumerate() {
        let bad = |e: zprime::Error| crate::common::UsageError(format!("--curve: {e}"));
        let mut curve =
            zprime::experiments::plane_curves::PlaneCurve::from_path(path).map_err(bad)?;
        if args.curve_as_g && report.coupling == "g" {
            let alpha = zprime::StandardModel::from_inputs(&inputs)
                .map_err(bad)?
                .alpha;
            curve = curve.converted_to_g(alpha);
            if let Some(note) = &curve.conversion {
                curve.label = format!("{} (shown as g' = e eps)", curve.label);
                eprintln!("zprime: {note}");
            }
        }
        let id = format!("curve:{}", i + 1);
        report.constraints.push(
            zprime::scan::curves::curve_limits(&curve, &id, &report.masses, &report.coupling)
                .map_err(bad)?,
        );
    }
    let g_min = args
        .g_min
        .unwrap_or_else(|| zprime_plot::limits::automatic_g_min(&report).min(args.g_max / 10.0));
    let provenance = format!(
        "zprime {}, model {}, inputs '{}': {}",
        env!("CARGO_PKG_VERSION"),
        model.name,
        inputs.name,
        inputs.description
    );
    // Only what is relevant somewhere on the plotted mass range.
    let not_included: Vec<String> = model
        .not_included_ranges
        .iter()
        .filter(|n| {
            n.mass
                .is_none_or(|[lo, hi]| hi >= args.grid.mass_min && lo <= args.grid.mass_max)
        })
        .map(|n| n.name.clone())
        .collect();
    let captions = Captions {
        model_title: &model.title,
        provenance: Some(&provenance),
        not_included: &not_included,
    };
    // The constraints of the user's own file are drawn whatever the crowding rule says.
    let users: Vec<String> = args
        .constraints
        .specs()?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let options = FigureOptions {
        draw_all: args.all_constraints,
        always: &users,
    };
    let mut fig = limits_figure(
        &report,
        (args.grid.mass_min, args.grid.mass_max),
        (g_min, args.g_max),
        &captions,
        options,
    )?;
    if args.chi2 {
        // on top of every constraint
        fig.layers.extend(chi2_layers(
            &constraints,
            &inputs,
            &template,
            &masses,
            (g_min, args.g_max),
        )?);
        fig.footer.push(
            "Black lines: Δχ² = 2.30 (solid) and 6.18 (dashed), the 1σ and 2σ regions for two \
             parameters, of the combined likelihood of the constraints above (all computed ones, \
             projections left out) relative to its minimum on the plane; half-Gaussian limits, no \
             correlations (README, \"Statistical conventions\")."
                .into(),
        );
    }
    if args.no_caption {
        fig.footer.clear();
    }
    if let Some(path) = &args.caption_file {
        let mut text = limits_caption(&report, &captions, options).join("\n");
        text.push('\n');
        std::fs::write(path, text).map_err(|e| {
            crate::common::UsageError(format!("--caption-file {}: {e}", path.display()))
        })?;
    }
    zprime_plot::render_at(&fig, &output, args.dpi)?;
    eprintln!("zprime: wrote {}", output.display());
    Ok(())
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
