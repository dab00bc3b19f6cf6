//! The exclusion figure of a limits scan (`zprime plot`), assembled from the library's
//! [`LimitsReport`]: which layers each constraint gets, their styles (from
//! `data/plot/styles.toml`, see [`PlotStyles`]), the title and the caption with every
//! citation. Behind the `limits` cargo feature so that front ends (the CLI, future
//! Python bindings) draw the same figure from the same report.
//!
//! Per constraint, in input-set order (or the styles' `order`):
//! - a measurement's excluded region: the interval reaching the largest coupling (an
//!   upper limit), else the first, filled with an edge, labelled with its CL;
//! - a projected sensitivity: the lower edge of its would-be exclusion as a curve
//!   (dashed by default), with its toy expected-limit bands if it has them;
//! - preferred bands of an anomaly, widest level first, drawn on top of all regions.
//!
//! Only the private `report.rs` reads the library's types (one adapter to change when the
//! report changes).

mod report;
mod styles;

use zprime::scan::LimitsReport;

use crate::{Figure, Layer, PlotError};
use report::{ConstraintView, ReportView, COUPLING_MAX};
pub use styles::{ConstraintStyle, PlotStyles};

/// The words of a limits figure that do not come from the report.
#[derive(Clone, Copy, Debug)]
pub struct Captions<'a> {
    /// The model's title (markup allowed), e.g. `"L_μ − L_τ"`; the figure title reads
    /// "`<model title>` Z′ (`<input set>` inputs)".
    pub model_title: &'a str,
    /// A first caption line saying what made the figure from what (program, model,
    /// input set), if any.
    pub provenance: Option<&'a str>,
    /// Constraints the data cannot compute yet; listed as the last caption line
    /// ("Not included yet: a, b, c."), which is left out if the list is empty.
    pub not_included: &'a [String],
}

/// The exclusion figure of `report` over `x_range` (mass, GeV) and `y_range`
/// (coupling), styled by the shipped `data/plot/styles.toml`.
pub fn limits_figure(
    report: &LimitsReport,
    x_range: (f64, f64),
    y_range: (f64, f64),
    captions: &Captions<'_>,
) -> Result<Figure, PlotError> {
    limits_figure_with(report, x_range, y_range, captions, PlotStyles::embedded()?)
}

/// [`limits_figure`] with other styles (e.g. a user's file read by
/// [`PlotStyles::from_toml`]).
pub fn limits_figure_with(
    report: &LimitsReport,
    x_range: (f64, f64),
    y_range: (f64, f64),
    captions: &Captions<'_>,
    styles: &PlotStyles,
) -> Result<Figure, PlotError> {
    let fig = assemble(
        &ReportView::from_report(report),
        x_range,
        y_range,
        captions,
        styles,
    );
    fig.validate()?;
    Ok(fig)
}

/// "95%" for 0.95, "5σ" for the CL of a 5 sigma interval.
fn cl_text(cl: f64) -> String {
    let pct = 100.0 * cl;
    if (pct - pct.round()).abs() < 1e-6 {
        format!("{pct:.0}%")
    } else {
        let z = report::two_sided_z(cl);
        if (z - z.round()).abs() < 1e-6 {
            format!("{z:.0}σ")
        } else {
            format!("{pct:.1}%")
        }
    }
}

/// Lower and upper ends of one interval per mass (NaN, a gap, where `pick` finds none or
/// the constraint does not apply).
fn edges(
    c: &ConstraintView,
    pick: impl Fn(&report::MassView) -> Option<[f64; 2]>,
) -> (Vec<f64>, Vec<f64>) {
    c.at_mass
        .iter()
        .map(|l| {
            l.valid
                .then(|| pick(l))
                .flatten()
                .map_or((f64::NAN, f64::NAN), |e| (e[0], e[1]))
        })
        .unzip()
}

/// Indices of `levels` from the widest (largest sigma) to the narrowest.
fn widest_first(levels: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    order.sort_by(|a, b| levels[*b].total_cmp(&levels[*a]));
    order
}

fn assemble(
    r: &ReportView,
    x_range: (f64, f64),
    y_range: (f64, f64),
    captions: &Captions<'_>,
    styles: &PlotStyles,
) -> Figure {
    let d = styles.defaults();
    let coupling = if r.gauge_coupling { "g'" } else { "ε" };
    let mut fig = Figure::new(
        format!("{} Z′ ({} inputs)", captions.model_title, r.inputs),
        "m_Z′ [GeV]",
        coupling,
        x_range,
        y_range,
    );
    let x = &r.masses;
    let mut bands = Vec::new();
    let mut exclusions = Vec::new();
    let mut refs: Vec<String> = Vec::new();
    // Each constraint with its style (the position picks the fallback colour), in
    // drawing order; the sort is stable, so equal orders keep the input-set order.
    let mut drawing: Vec<(&ConstraintView, ConstraintStyle)> = r
        .constraints
        .iter()
        .enumerate()
        .map(|(i, c)| (c, styles.style_for(&c.id, i, c.projection)))
        .collect();
    drawing.sort_by_key(|(_, style)| style.order);
    for (c, style) in drawing {
        let colour = style.colour;
        // Preferred bands, widest first so that the narrower one is drawn on top.
        let order = widest_first(&c.band_levels);
        for &k in &order {
            let (lower, upper) = edges(c, |l| l.preferred.get(k).and_then(|v| v.first()).copied());
            if lower.iter().all(|v| v.is_nan()) {
                continue;
            }
            let opacity = if Some(&k) == order.last() {
                d.band_fill_inner
            } else {
                d.band_fill_outer
            };
            bands.push(Layer::Band {
                label: format!("{} {}σ", c.label, c.band_levels[k]),
                colour,
                opacity,
                x: x.clone(),
                lower,
                upper,
                edge: None,
            });
        }
        // Exclusion: the interval reaching the largest coupling (an upper limit), else the first.
        let (lo, hi) = edges(c, |l| {
            l.excluded
                .iter()
                .find(|e| e[1] >= COUPLING_MAX)
                .or(l.excluded.first())
                .copied()
        });
        // Toy expected-limit bands of a projected search (paper 001 Fig. 4-5: 2σ green,
        // 1σ yellow), widest first.
        for k in widest_first(&c.expected_levels) {
            let (elo, ehi) = edges(c, |l| l.expected.get(k).copied());
            if elo.iter().any(|v| v.is_finite()) {
                let level = c.expected_levels[k];
                let band_colour = if level >= 2.0 {
                    d.expected_colour_wide
                } else {
                    d.expected_colour_narrow
                };
                exclusions.push(Layer::Band {
                    // Short: the band sits on its dashed projection, whose label names it.
                    label: format!("expected ±{level}σ (toys)"),
                    colour: band_colour,
                    opacity: d.expected_fill,
                    x: x.clone(),
                    lower: elo,
                    upper: ehi,
                    edge: None,
                });
            }
        }
        if c.projection {
            // A projected sensitivity: the lower edge of the would-be exclusion.
            if lo.iter().any(|v| v.is_finite()) {
                exclusions.push(Layer::Curve {
                    label: format!("{} ({} CL, expected)", c.label, cl_text(c.cl)),
                    colour,
                    style: style.line,
                    width: d.projection_width,
                    x: x.clone(),
                    y: lo,
                });
            }
        } else if lo.iter().any(|v| v.is_finite()) {
            exclusions.push(Layer::Band {
                label: format!("{} ({} CL)", c.label, cl_text(c.cl)),
                colour,
                opacity: style.fill,
                x: x.clone(),
                lower: lo,
                upper: hi,
                edge: Some(style.line),
            });
        }
        if !refs.iter().any(|known| known.ends_with(&c.reference)) {
            refs.push(format!("{}: {}", c.label, c.reference));
        }
    }
    if let Some(window) = kaon_blind_window(r, y_range, d) {
        fig.layers.push(window);
        refs.push(
            "Grey columns: a K⁺ → π⁺ X search is blind there (missing-mass windows) and only K_L → π⁰ X searches and the π⁰ → invisible bound constrain (paper 000)".into(),
        );
    }
    fig.layers.extend(exclusions);
    fig.layers.extend(bands);
    fig.footer.extend(captions.provenance.map(str::to_string));
    fig.footer.extend(refs);
    if !captions.not_included.is_empty() {
        fig.footer.push(format!(
            "Not included yet: {}.",
            captions.not_included.join(", ")
        ));
    }
    fig
}

/// The masses where a K_L → π⁰ X limit applies and no K⁺ → π⁺ X limit does, while the
/// report has K⁺ → π⁺ X limits elsewhere: the K⁺ searches' blind windows, where KOTO (or
/// another K_L search) constrains alone (paper 000), as a grey column over the frame.
fn kaon_blind_window(r: &ReportView, y_range: (f64, f64), d: &styles::Defaults) -> Option<Layer> {
    let measured = |c: &&ConstraintView, observable: &str| {
        c.observable == observable && !c.projection && c.band_levels.is_empty()
    };
    let kplus: Vec<&ConstraintView> = r
        .constraints
        .iter()
        .filter(|c| measured(c, "BR(K+->piZp)"))
        .collect();
    let klong: Vec<&ConstraintView> = r
        .constraints
        .iter()
        .filter(|c| measured(c, "BR(KL->piZp)"))
        .collect();
    let valid = |cs: &[&ConstraintView], i: usize| cs.iter().any(|c| c.at_mass[i].valid);
    let n = r.masses.len();
    if !(0..n).any(|i| valid(&kplus, i)) {
        return None;
    }
    let alone: Vec<bool> = (0..n)
        .map(|i| valid(&klong, i) && !valid(&kplus, i))
        .collect();
    if !alone.iter().any(|a| *a) {
        return None;
    }
    let edge = |value: f64| -> Vec<f64> {
        alone
            .iter()
            .map(|a| if *a { value } else { f64::NAN })
            .collect()
    };
    Some(Layer::Band {
        label: "K⁺ → π⁺ X blind: K_L → π⁰ X alone".into(),
        colour: d.kaon_blind_colour,
        opacity: d.kaon_blind_fill,
        x: r.masses.clone(),
        lower: edge(y_range.0),
        upper: edge(y_range.1),
        edge: None,
    })
}

#[cfg(test)]
mod tests;
