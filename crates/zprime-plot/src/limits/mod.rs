//! The exclusion figure of a limits scan (`zprime plot`), assembled from the library's
//! [`LimitsReport`]: which layers each constraint gets, their styles (from
//! `data/plot/styles.toml`, see [`PlotStyles`]), the title and the caption with every
//! citation. Behind the `limits` cargo feature so that front ends (the CLI, future
//! Python bindings) draw the same figure from the same report.
//!
//! Per constraint, in input-set order (or the styles' `order`):
//! - a measurement's excluded region: the interval reaching the largest coupling (an
//!   upper limit), else the first, filled with an edge, labelled with its CL; a constraint
//!   with an upper limit somewhere draws its upper limits as the region and each island of
//!   excluded couplings below it (N_eff's freeze-in window) as a band of its own in the same
//!   style, so that an island never joins the region with a spike;
//! - a projected sensitivity: the lower edge of its would-be exclusion as a curve
//!   (dashed by default), with its toy expected-limit bands if it has them;
//! - preferred bands of an anomaly, widest level first, drawn on top of all regions,
//!   labelled "preferred".
//!
//! Crowding rule: a measured constraint is drawn only if at some mass of the plot its
//! lowest excluded coupling is within a factor [`NEAR_FACTOR`] of the combined laboratory
//! exclusion (`zprime::scan::envelope` without the cosmological N_eff constraints: the
//! smallest coupling any other constraint excludes there); the
//! others are named in one caption line. Preferred bands and projections are always drawn;
//! [`FigureOptions::draw_all`] draws everything.
//!
//! The caption cites every drawn constraint by its reference (the source papers by authors,
//! journal and arXiv number, never by the project's paper numbers) and takes at most a
//! quarter of the figure: full references one line per citation if they fit, else arXiv
//! numbers (or the journal reference) one line per citation, else one paragraph.
//!
//! Only the private `report.rs` reads the library's types (one adapter to change when the
//! report changes).

mod cite;
mod report;
mod styles;

use zprime::scan::LimitsReport;

use crate::{Figure, Layer, PlotError};
use report::{ConstraintView, ReportView, COUPLING_MAX};
pub use styles::{ConstraintStyle, PlotStyles};

/// The crowding rule's factor: a measured constraint is drawn if somewhere on the plotted
/// mass range its lowest excluded coupling is less than this factor above the combined
/// exclusion (a factor 2 in the coupling is a factor 4 in a rate).
pub const NEAR_FACTOR: f64 = 2.0;

/// What a limits figure draws besides the report's data.
#[derive(Clone, Copy, Debug, Default)]
pub struct FigureOptions<'a> {
    /// Draw every constraint, also those that the crowding rule leaves out (see
    /// [`NEAR_FACTOR`]).
    pub draw_all: bool,
    /// Ids drawn whatever the crowding rule says (the constraints of a user's own file).
    pub always: &'a [String],
}

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
    options: FigureOptions<'_>,
) -> Result<Figure, PlotError> {
    limits_figure_with(
        report,
        x_range,
        y_range,
        captions,
        options,
        PlotStyles::embedded()?,
    )
}

/// The caption of [`limits_figure`] in full (every reference as the data give it, papers by
/// their references, one line per citation), however long: for a text file beside the
/// figure.
pub fn limits_caption(
    report: &LimitsReport,
    captions: &Captions<'_>,
    options: FigureOptions<'_>,
) -> Vec<String> {
    let r = ReportView::from_report(report);
    let drawn = drawn(&r, options);
    let window = r.masses.len() >= 2 && kaon_blind_alone(&r, &drawn).iter().any(|a| *a);
    caption_lines(&r, captions, &drawn, window, (Detail::Full, Hidden::Labels))
}

/// [`limits_figure`] with other styles (e.g. a user's file read by
/// [`PlotStyles::from_toml`]).
pub fn limits_figure_with(
    report: &LimitsReport,
    x_range: (f64, f64),
    y_range: (f64, f64),
    captions: &Captions<'_>,
    options: FigureOptions<'_>,
    styles: &PlotStyles,
) -> Result<Figure, PlotError> {
    let fig = assemble(
        &ReportView::from_report(report),
        x_range,
        y_range,
        captions,
        options,
        styles,
    );
    fig.validate()?;
    Ok(fig)
}

/// The legend label of the Δχ² contours of a combined likelihood: "Δχ² = 2.30, 6.18
/// (combined)".
pub fn chi2_label(levels: &[f64]) -> String {
    let values: Vec<String> = levels.iter().map(|l| format!("{l:.2}")).collect();
    format!("Δχ² = {} (combined)", values.join(", "))
}

/// The Δχ² contours of a combined likelihood over the plane of a limits figure, to draw on
/// top of the individual constraints: `delta_chi2[i][j]` at (`masses[i]`, `couplings[j]`)
/// (both logarithmic), one black line per level of `levels` (the first solid, the others
/// dashed), all under one legend entry ([`chi2_label`]).
pub fn chi2_contour_layers(
    masses: &[f64],
    couplings: &[f64],
    delta_chi2: &[Vec<f64>],
    levels: &[f64],
) -> Vec<Layer> {
    let label = chi2_label(levels);
    levels
        .iter()
        .enumerate()
        .map(|(k, &level)| {
            let (mut x, mut y) = (Vec::new(), Vec::new());
            for line in
                crate::contour::contour_lines(masses, couplings, delta_chi2, level, (true, true))
            {
                if !x.is_empty() {
                    // a gap between separate lines
                    x.push(f64::NAN);
                    y.push(f64::NAN);
                }
                for (a, b) in line {
                    x.push(a);
                    y.push(b);
                }
            }
            Layer::Curve {
                label: label.clone(),
                colour: crate::Colour::BLACK,
                style: if k == 0 {
                    crate::LineStyle::Solid
                } else {
                    crate::LineStyle::Dashed
                },
                width: if k == 0 { 3 } else { 2 },
                x,
                y,
            }
        })
        .collect()
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

/// The excluded islands of a constraint that has upper limits: the intervals that do not
/// reach the largest coupling, as bands (lower and upper edge per mass, NaN where absent),
/// the k-th band holding the k-th island from below. Where an island begins or ends next to
/// a mass at which it has merged into a larger excluded interval, the band starts (or ends)
/// at that interval's lower edge, so that the island joins the region it grows out of
/// instead of leaving a wedge of one mass step unfilled.
fn islands(c: &ConstraintView) -> Vec<(Vec<f64>, Vec<f64>)> {
    let per_mass: Vec<Vec<[f64; 2]>> = c
        .at_mass
        .iter()
        .map(|l| {
            if !l.valid {
                return Vec::new();
            }
            let mut v: Vec<[f64; 2]> = l
                .excluded
                .iter()
                .filter(|e| e[1] < COUPLING_MAX)
                .copied()
                .collect();
            v.sort_by(|a, b| a[0].total_cmp(&b[0]));
            v
        })
        .collect();
    let ranks = per_mass.iter().map(Vec::len).max().unwrap_or(0);
    (0..ranks)
        .map(|k| {
            let island = |i: usize| per_mass[i].get(k).copied();
            (0..per_mass.len())
                .map(|i| {
                    if let Some(e) = island(i) {
                        return (e[0], e[1]);
                    }
                    let neighbours = [i.checked_sub(1), Some(i + 1)];
                    let joined = neighbours
                        .iter()
                        .flatten()
                        .filter(|&&j| j < per_mass.len())
                        .filter_map(|&j| island(j))
                        .find_map(|n| {
                            let l = &c.at_mass[i];
                            l.valid
                                .then(|| l.excluded.iter().find(|e| e[0] <= n[1] && e[1] >= n[0]))
                                .flatten()
                        });
                    joined.map_or((f64::NAN, f64::NAN), |e| (e[0], e[0]))
                })
                .unzip()
        })
        .collect()
}

/// Indices of `levels` from the widest (largest sigma) to the narrowest.
fn widest_first(levels: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    order.sort_by(|a, b| levels[*b].total_cmp(&levels[*a]));
    order
}

/// Whether each constraint of `r` is drawn: preferred bands (where there are any) and
/// projections always; a
/// measured constraint if somewhere its lowest excluded coupling is within
/// [`NEAR_FACTOR`] of the combined exclusion; everything with `draw_all`.
fn drawn(r: &ReportView, options: FigureOptions<'_>) -> Vec<bool> {
    r.constraints
        .iter()
        .map(|c| {
            options.draw_all
                || c.projection
                || c.published
                || options.always.contains(&c.id)
                || c.at_mass
                    .iter()
                    .any(|l| l.valid && l.preferred.iter().any(|p| !p.is_empty()))
                || c.at_mass.iter().zip(&r.envelope).any(|(l, env)| {
                    let lowest = l
                        .excluded
                        .iter()
                        .map(|e| e[0])
                        .fold(f64::INFINITY, f64::min);
                    l.valid
                        && env.is_some_and(|env| lowest.is_finite() && lowest <= NEAR_FACTOR * env)
                })
        })
        .collect()
}

/// How much of each reference the caption prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Detail {
    /// Every reference in full, one line per citation.
    Full,
    /// arXiv numbers (or the journal reference), one line per citation.
    Short,
    /// arXiv numbers (or the journal reference), all in one paragraph.
    Paragraph,
    /// A numbered reference list in one paragraph; each legend label ends in its number.
    Numbered,
}

/// How the caption names the constraints that are not drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hidden {
    /// Each by its label.
    Labels,
    /// Three or more on one observable or from one source as one item.
    Grouped,
    /// Their number only.
    Count,
}

/// The caption forms from the most detailed to the shortest; the figure takes the first
/// that fits into its share.
const CAPTION_FORMS: [(Detail, Hidden); 7] = [
    (Detail::Full, Hidden::Labels),
    (Detail::Full, Hidden::Grouped),
    (Detail::Short, Hidden::Grouped),
    (Detail::Paragraph, Hidden::Grouped),
    (Detail::Full, Hidden::Count),
    (Detail::Paragraph, Hidden::Count),
    (Detail::Numbered, Hidden::Count),
];

fn papers(number: &str) -> Option<cite::PaperRef> {
    report::paper_ref(number)
}

/// The drawn constraints grouped by their citation at `detail`, in report order: (citation,
/// plain labels, indices of the constraints).
fn citation_groups(
    r: &ReportView,
    drawn: &[bool],
    detail: Detail,
) -> Vec<(String, Vec<String>, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<String>, Vec<usize>)> = Vec::new();
    for (i, c) in r.constraints.iter().enumerate().filter(|(i, _)| drawn[*i]) {
        let citation = match detail {
            Detail::Full => cite::cite_papers(&c.reference, &papers),
            _ => cite::short_citation(&c.reference, &papers),
        };
        let label = cite::plain_label(&cite::name_papers(&c.label, &papers));
        match groups.iter_mut().find(|(known, _, _)| *known == citation) {
            Some((_, labels, members)) => {
                if !labels.contains(&label) {
                    labels.push(label);
                }
                members.push(i);
            }
            None => groups.push((citation, vec![label], vec![i])),
        }
    }
    groups
}

/// The caption: provenance, the drawn constraints' citations (grouped by citation), the
/// K+ blind window, the constraints not drawn, what the model still lacks.
fn caption_lines(
    r: &ReportView,
    captions: &Captions<'_>,
    drawn: &[bool],
    kaon_window: bool,
    (detail, hidden_form): (Detail, Hidden),
) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(captions.provenance.map(|p| cite::cite_papers(p, &papers)));
    let groups = citation_groups(r, drawn, detail);
    match detail {
        Detail::Full | Detail::Short => out.extend(
            groups
                .iter()
                .map(|(citation, labels, _)| format!("{}: {citation}", labels.join(", "))),
        ),
        Detail::Paragraph if !groups.is_empty() => {
            let all: Vec<String> = groups
                .iter()
                .map(|(citation, labels, _)| format!("{}: {citation}", labels.join(", ")))
                .collect();
            out.push(format!("Data: {}.", all.join("; ")));
        }
        Detail::Numbered if !groups.is_empty() => {
            let all: Vec<String> = groups
                .iter()
                .enumerate()
                .map(|(n, (citation, _, _))| format!("[{}] {citation}", n + 1))
                .collect();
            out.push(format!(
                "Data (numbers as in the legend): {}.",
                all.join("; ")
            ));
        }
        Detail::Paragraph | Detail::Numbered => {}
    }
    if kaon_window {
        out.push(cite::cite_papers(
            "Grey columns: a K⁺ → π⁺ X search is blind there (missing-mass windows) and only K_L → π⁰ X searches and the π⁰ → invisible bound constrain (paper 000)",
            &papers,
        ));
    }
    let rule = format!(
        "weaker than the strongest limit by more than a factor {NEAR_FACTOR} in the coupling at every mass shown"
    );
    let count = drawn.iter().filter(|d| !**d).count();
    if count > 0 {
        out.push(match hidden_form {
            Hidden::Labels | Hidden::Grouped => format!(
                "Not drawn, {rule}: {}.",
                hidden_list(r, drawn, hidden_form == Hidden::Grouped)
            ),
            Hidden::Count => format!(
                "Not drawn: {count} further constraint{}, {rule}.",
                if count == 1 { "" } else { "s" }
            ),
        });
    }
    if !captions.not_included.is_empty() {
        let names: Vec<String> = captions
            .not_included
            .iter()
            .map(|n| cite::name_papers(n, &papers))
            .collect();
        out.push(format!("Not included yet: {}.", names.join(", ")));
    }
    out
}

/// The constraints the crowding rule leaves out, by label; `grouped`: three or more on the
/// same observable as one item ("BR(K+->piZp): 4 limits"), then three or more from the same
/// source as one item ("B⁰ → K⁰ + inv Belle 2017 and 6 more from arXiv:1702.03224").
fn hidden_list(r: &ReportView, drawn: &[bool], grouped: bool) -> String {
    let hidden: Vec<&ConstraintView> = r
        .constraints
        .iter()
        .zip(drawn)
        .filter(|(_, d)| !**d)
        .map(|(c, _)| c)
        .collect();
    let label = |c: &ConstraintView| cite::plain_label(&cite::name_papers(&c.label, &papers));
    if !grouped {
        return hidden
            .iter()
            .map(|c| label(c))
            .collect::<Vec<_>>()
            .join(", ");
    }
    let source = |c: &ConstraintView| cite::short_citation(&c.reference, &papers);
    let count = |f: &dyn Fn(&ConstraintView) -> bool| hidden.iter().filter(|k| f(k)).count();
    let mut items: Vec<String> = Vec::new();
    let mut done = vec![false; hidden.len()];
    for (i, c) in hidden.iter().enumerate() {
        if done[i] {
            continue;
        }
        let same_observable = |k: &ConstraintView| k.observable == c.observable;
        let same_source = |k: &ConstraintView| source(k) == source(c);
        let group: &dyn Fn(&ConstraintView) -> bool = if count(&same_observable) >= 3 {
            items.push(format!(
                "{}: {} limits",
                c.observable,
                count(&same_observable)
            ));
            &same_observable
        } else if count(&same_source) >= 3 {
            let n = count(&same_source);
            items.push(format!(
                "{} and {} more from {}",
                label(c),
                n - 1,
                source(c)
            ));
            &same_source
        } else {
            items.push(label(c));
            done[i] = true;
            continue;
        };
        for (k, d) in hidden.iter().zip(done.iter_mut()) {
            if group(k) {
                *d = true;
            }
        }
    }
    items.join(", ")
}

/// The largest share of the whole figure the caption may take.
const CAPTION_SHARE: f64 = 0.25;

fn assemble(
    r: &ReportView,
    x_range: (f64, f64),
    y_range: (f64, f64),
    captions: &Captions<'_>,
    options: FigureOptions<'_>,
    styles: &PlotStyles,
) -> Figure {
    let coupling = if r.gauge_coupling { "g'" } else { "ε" };
    let mut fig = Figure::new(
        format!("{} Z′ ({} inputs)", captions.model_title, r.inputs),
        "m_Z′ [GeV]",
        coupling,
        x_range,
        y_range,
    );
    let drawn = drawn(r, options);
    let window = kaon_blind_window(r, &drawn, y_range, styles.defaults());
    let has_window = window.is_some();
    // The most detailed caption that takes at most CAPTION_SHARE of the figure.
    let limit = CAPTION_SHARE / (1.0 - CAPTION_SHARE) * f64::from(fig.height);
    for (k, form) in CAPTION_FORMS.iter().enumerate() {
        fig.footer = caption_lines(r, captions, &drawn, has_window, *form);
        let last = k + 1 == CAPTION_FORMS.len();
        if last || crate::scene::caption_height(&fig) <= limit {
            let detail = form.0;
            let numbers = (detail == Detail::Numbered).then(|| {
                let mut numbers = vec![None; r.constraints.len()];
                for (n, (_, _, members)) in citation_groups(r, &drawn, detail).iter().enumerate() {
                    for &i in members {
                        numbers[i] = Some(n + 1);
                    }
                }
                numbers
            });
            fig.layers.extend(window);
            fig.layers
                .extend(layers(r, &drawn, styles, numbers.as_deref()));
            break;
        }
    }
    fig
}

/// The lower edge of the coupling axis when the user gives none.
pub const DEFAULT_G_MIN: f64 = 1e-5;

/// The lower edge of the coupling axis without `--g-min`: [`DEFAULT_G_MIN`], or the decade
/// below the smallest coupling that a measured constraint excludes or prefers if that is
/// lower (no lower than 1e-12), so that limits down to 1e-7 (K -> pi X) are on the figure.
/// The CLI and the Python bindings choose the same axis with it.
pub fn automatic_g_min(report: &LimitsReport) -> f64 {
    let lowest = report
        .constraints
        .iter()
        .filter(|c| !c.projection)
        .flat_map(|c| &c.limits)
        .flat_map(|l| {
            l.excluded
                .iter()
                .chain(l.preferred.iter().flatten())
                .map(|e| e[0])
        })
        .filter(|g| *g > zprime::constraints::COUPLING_MIN)
        .fold(f64::INFINITY, f64::min);
    if lowest < DEFAULT_G_MIN {
        10f64.powf(lowest.log10().floor()).max(1e-12)
    } else {
        DEFAULT_G_MIN
    }
}

/// The layers of the drawn constraints: exclusions and projections (with their expected
/// bands) in drawing order, then the preferred bands on top. With `numbers`, each label
/// ends in its constraint's reference number.
fn layers(
    r: &ReportView,
    drawn: &[bool],
    styles: &PlotStyles,
    numbers: Option<&[Option<usize>]>,
) -> Vec<Layer> {
    let d = styles.defaults();
    let x = &r.masses;
    let mut bands = Vec::new();
    let mut exclusions = Vec::new();
    // Each drawn constraint with its style (the position picks the fallback colour), in
    // drawing order; the sort is stable, so equal orders keep the input-set order.
    let mut drawing: Vec<(usize, &ConstraintView, ConstraintStyle)> = r
        .constraints
        .iter()
        .enumerate()
        .filter(|(i, _)| drawn[*i])
        .map(|(i, c)| (i, c, styles.style_for(&c.id, i, c.projection)))
        .collect();
    drawing.sort_by_key(|(_, _, style)| style.order);
    distinct_colours(&mut drawing, d);
    for (i, c, style) in drawing {
        let colour = style.colour;
        let mut label = cite::name_papers(&c.label, &papers);
        if let Some(n) = numbers.and_then(|n| n[i]) {
            label = format!("{label} [{n}]");
        }
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
                label: format!("{label} preferred ({}σ)", c.band_levels[k]),
                colour,
                opacity,
                x: x.clone(),
                lower,
                upper,
                edge: None,
            });
        }
        // Exclusion: the interval reaching the largest coupling (an upper limit), else the
        // first. A constraint with an upper limit at some mass is drawn by its upper limits
        // (where it has none, the mass is a gap) and its islands as separate bands (below),
        // so that an island (the N_eff freeze-in window) does not join the region with a
        // spike.
        let has_upper = c
            .at_mass
            .iter()
            .any(|l| l.valid && l.excluded.iter().any(|e| e[1] >= COUPLING_MAX));
        let (lo, hi) = edges(c, |l| {
            let upper = l.excluded.iter().find(|e| e[1] >= COUPLING_MAX);
            if has_upper {
                upper.copied()
            } else {
                l.excluded.first().copied()
            }
        });
        // Expected-limit bands of a projected search in the usual convention: ±2σ yellow
        // under ±1σ green, labelled with the projection they belong to.
        for k in widest_first(&c.expected_levels) {
            let (elo, ehi) = edges(c, |l| l.expected.get(k).copied());
            if elo.iter().any(|v| v.is_finite()) {
                let level = c.expected_levels[k];
                let band_colour = if level > 1.0 {
                    d.expected_colour_2sigma
                } else {
                    d.expected_colour_1sigma
                };
                exclusions.push(Layer::Band {
                    label: format!("{label}: expected ±{level}σ"),
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
                    label: format!("{label} ({} CL, expected)", cl_text(c.cl)),
                    colour,
                    style: style.line,
                    width: d.projection_width,
                    x: x.clone(),
                    y: lo,
                });
            }
        } else if lo.iter().any(|v| v.is_finite()) {
            exclusions.push(Layer::Band {
                label: format!("{label} ({} CL)", cl_text(c.cl)),
                colour,
                opacity: style.fill,
                x: x.clone(),
                lower: lo,
                upper: hi,
                edge: Some(style.line.clone()),
            });
            if has_upper {
                // The islands below the upper limits (N_eff's freeze-in window): one band
                // per island rank, in the same colour, without a legend entry of their own.
                for (lower, upper) in islands(c) {
                    exclusions.push(Layer::Band {
                        label: String::new(),
                        colour,
                        opacity: style.fill,
                        x: x.clone(),
                        lower,
                        upper,
                        edge: Some(style.line.clone()),
                    });
                }
            }
        }
    }
    exclusions.extend(bands);
    exclusions
}

/// Colours closer than this (Euclidean distance of the 8-bit RGB components) are too alike
/// to tell two regions apart.
const MIN_COLOUR_DISTANCE: f64 = 70.0;

fn colour_distance(a: crate::Colour, b: crate::Colour) -> f64 {
    let d = |x: u8, y: u8| f64::from(x) - f64::from(y);
    (d(a.r, b.r).powi(2) + d(a.g, b.g).powi(2) + d(a.b, b.b).powi(2)).sqrt()
}

/// Give every drawn constraint a colour the eye can tell from the others': a constraint
/// whose styled colour is too close to that of one drawn before it takes the first palette
/// colour far from all colours in use (the styles file gives one colour family per kind of
/// measurement, and several of a family may be drawn together).
fn distinct_colours(
    drawing: &mut [(usize, &ConstraintView, ConstraintStyle)],
    d: &styles::Defaults,
) {
    let mut used: Vec<crate::Colour> = Vec::new();
    for (_, _, style) in drawing.iter_mut() {
        let clash = |c: crate::Colour, used: &[crate::Colour]| {
            used.iter()
                .any(|u| colour_distance(*u, c) < MIN_COLOUR_DISTANCE)
        };
        if clash(style.colour, &used) {
            if let Some(free) = d.palette().iter().find(|p| !clash(**p, &used)) {
                style.colour = *free;
            }
        }
        used.push(style.colour);
    }
}

/// Per mass: a K_L → π⁰ X limit applies and no K⁺ → π⁺ X limit does, among the drawn
/// constraints, while K⁺ → π⁺ X limits apply elsewhere.
fn kaon_blind_alone(r: &ReportView, drawn: &[bool]) -> Vec<bool> {
    let measured = |c: &ConstraintView, observable: &str| {
        c.observable == observable && !c.projection && c.band_levels.is_empty()
    };
    let pick = |observable: &str| -> Vec<&ConstraintView> {
        r.constraints
            .iter()
            .zip(drawn)
            .filter(|(c, d)| **d && measured(c, observable))
            .map(|(c, _)| c)
            .collect()
    };
    let (kplus, klong) = (pick("BR(K+->piZp)"), pick("BR(KL->piZp)"));
    let valid = |cs: &[&ConstraintView], i: usize| cs.iter().any(|c| c.at_mass[i].valid);
    let n = r.masses.len();
    if !(0..n).any(|i| valid(&kplus, i)) {
        return vec![false; n];
    }
    (0..n)
        .map(|i| valid(&klong, i) && !valid(&kplus, i))
        .collect()
}

/// The masses where a K_L → π⁰ X limit applies and no K⁺ → π⁺ X limit does, while the
/// figure has K⁺ → π⁺ X limits elsewhere: the K⁺ searches' blind windows, where KOTO (or
/// another K_L search) constrains alone (paper 000), as a grey column over the frame.
fn kaon_blind_window(
    r: &ReportView,
    drawn: &[bool],
    y_range: (f64, f64),
    d: &styles::Defaults,
) -> Option<Layer> {
    let alone = kaon_blind_alone(r, drawn);
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
