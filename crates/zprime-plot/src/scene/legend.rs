//! The legend: one entry per distinct (label, colour), its size, and its placement in
//! the inside corner of the frame that hides least data (or outside on the right).

use super::caption::Texts;
use super::layers::{layer_geoms, marker_polygon, stroke_items, LayerGeom};
use super::{layout, Align, Dash, Item, Layout, Styles, TextItem, INK, MARGIN};
use crate::geom::{self, Pt, Rect};
use crate::text::{self, Rich, CAP_HEIGHT};
use crate::{Colour, Figure, Layer, LineStyle, Marker};

/// What a legend entry shows next to its label.
#[derive(Clone, Debug, PartialEq)]
enum Swatch {
    /// A filled square (regions and bands), with an edge line if the layer has one.
    Fill {
        colour: Colour,
        opacity: f64,
        edge: Option<LineStyle>,
    },
    /// A line sample (curves).
    Line {
        colour: Colour,
        style: LineStyle,
        width: f64,
    },
    /// A marker (scatter points).
    Marker { colour: Colour, marker: Marker },
    /// Nothing (the "… and N more" line).
    None,
}

pub(super) struct Entry {
    rich: Rich,
    swatch: Swatch,
}

pub(super) fn legend_entries(fig: &Figure) -> Vec<Entry> {
    let mut out: Vec<(String, Swatch)> = Vec::new();
    for layer in &fig.layers {
        let (label, swatch) = match layer {
            Layer::Band {
                label,
                colour,
                opacity,
                edge,
                ..
            }
            | Layer::ExcludedAbove {
                label,
                colour,
                opacity,
                edge,
                ..
            }
            | Layer::ExcludedBelow {
                label,
                colour,
                opacity,
                edge,
                ..
            } => (
                label,
                Swatch::Fill {
                    colour: *colour,
                    opacity: *opacity,
                    edge: edge.clone(),
                },
            ),
            Layer::Curve {
                label,
                colour,
                style,
                width,
                ..
            } => (
                label,
                Swatch::Line {
                    colour: *colour,
                    style: style.clone(),
                    width: f64::from((*width).min(40)),
                },
            ),
            Layer::Points {
                label,
                colour,
                marker,
                ..
            } => (
                label,
                Swatch::Marker {
                    colour: *colour,
                    marker: *marker,
                },
            ),
            Layer::Text { .. } => continue,
        };
        if label.trim().is_empty() {
            continue;
        }
        let same_family = |(l, s): &(String, Swatch)| {
            l == label
                && match (s, &swatch) {
                    (Swatch::Fill { colour: a, .. }, Swatch::Fill { colour: b, .. })
                    | (Swatch::Line { colour: a, .. }, Swatch::Line { colour: b, .. }) => a == b,
                    (
                        Swatch::Marker {
                            colour: a,
                            marker: m,
                        },
                        Swatch::Marker {
                            colour: b,
                            marker: n,
                        },
                    ) => a == b && m == n,
                    _ => false,
                }
        };
        if !out.iter().any(same_family) {
            out.push((label.clone(), swatch));
        }
    }
    out.into_iter()
        .map(|(label, swatch)| Entry {
            rich: text::parse_markup(&label),
            swatch,
        })
        .collect()
}

/// Signed-area magnitude of a polygon.
fn area(p: &[Pt]) -> f64 {
    let n = p.len();
    (0..n)
        .map(|i| {
            let (a, b) = (p[i], p[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f64>()
        .abs()
        / 2.0
}

fn length(l: &[Pt]) -> f64 {
    l.windows(2)
        .map(|w| ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt())
        .sum()
}

/// How badly a legend box at `r` (pixels) would hide data: roughly the fraction of its
/// area covered by lines (counted as strips 6 px wide), text, and a tenth of the
/// fraction covered by filled regions.
fn overlap_score(geoms: &[LayerGeom], r: &Rect, st: &Styles) -> f64 {
    let mut score = 0.0;
    let area_r = (r.x1 - r.x0) * (r.y1 - r.y0);
    for g in geoms {
        for l in &g.lines {
            score += geom::clip_polyline(l, r)
                .iter()
                .map(|p| length(p))
                .sum::<f64>()
                * 6.0
                * st.s;
        }
        for p in &g.fills {
            score += 0.1 * area(&geom::clip_polygon(p, r));
        }
        for b in &g.boxes {
            let w = (b.x1.min(r.x1) - b.x0.max(r.x0)).max(0.0);
            let h = (b.y1.min(r.y1) - b.y0.max(r.y0)).max(0.0);
            score += w * h;
        }
    }
    score / area_r
}

/// Legend geometry for a given placement.
pub(super) struct LegendBox {
    rect: Rect,
    entries: Vec<Entry>,
}

impl Styles {
    fn legend_pad(&self) -> f64 {
        0.6 * self.legend_em
    }
    fn legend_row(&self) -> f64 {
        1.5 * self.legend_em
    }
    fn legend_swatch(&self) -> f64 {
        2.0 * self.legend_em
    }
}

/// Fit the legend entries: labels truncated to `max_label_w`, at most `max_h` pixels
/// tall (surplus entries are replaced by an "… and N more" line). Returns the entries
/// and the box size.
fn legend_metrics(
    entries: &[Entry],
    st: &Styles,
    max_label_w: f64,
    max_h: f64,
) -> (Vec<Entry>, f64, f64) {
    let em = st.legend_em;
    let pad = st.legend_pad();
    let height_for = |n: usize| 1.6 * pad + n as f64 * st.legend_row();
    let mut fitted: Vec<Entry> = entries
        .iter()
        .map(|e| Entry {
            rich: text::truncate_rich(&e.rich, em, max_label_w),
            swatch: e.swatch.clone(),
        })
        .collect();
    if height_for(fitted.len()) > max_h && fitted.len() > 1 {
        let rows = (((max_h - 1.6 * pad) / st.legend_row()).floor() as usize).max(1);
        let shown = rows.saturating_sub(1).min(fitted.len());
        let more = fitted.len() - shown;
        fitted.truncate(shown);
        fitted.push(Entry {
            rich: text::plain(&format!("\u{2026} and {more} more")),
            swatch: Swatch::None,
        });
    }
    let label_w = fitted
        .iter()
        .map(|e| text::rich_width(&e.rich, em))
        .fold(0.0, f64::max);
    let width = pad + st.legend_swatch() + 0.6 * em + label_w + pad;
    let height = height_for(fitted.len());
    (fitted, width, height)
}

/// Largest overlap score for which the legend stays inside the frame (see
/// [`overlap_score`]): about two lines crossing it, or one line over a filled region.
const MAX_INSIDE_SCORE: f64 = 0.12;

/// Choose the legend position: the inside corner of the frame that hides least data,
/// or, if every corner hides too much (or the legend does not fit), outside on the right
/// of the frame, in which case `lay` is recomputed with a narrower frame.
pub(super) fn place_legend(
    fig: &Figure,
    st: &Styles,
    texts: &Texts,
    lay: &mut Layout,
    entries: &[Entry],
) -> LegendBox {
    let s = st.s;
    let f = lay.frame;
    let (fw, fh) = (f.right - f.left, f.bottom - f.top);
    let inset = 10.0 * s;
    let (inside, lw, lh) = legend_metrics(entries, st, 0.45 * fw, fh - 2.0 * inset);
    if lw + 2.0 * inset <= 0.6 * fw && lh + 2.0 * inset <= fh && inside.len() == entries.len() {
        let geoms = layer_geoms(fig, &f, st);
        let xs = [f.left + inset, f.right - inset - lw];
        let ys = [f.top + inset, f.bottom - inset - lh];
        // Preference order on ties: upper left, upper right, lower right, lower left.
        let corners = [
            (xs[0], ys[0]),
            (xs[1], ys[0]),
            (xs[1], ys[1]),
            (xs[0], ys[1]),
        ];
        let best = corners
            .into_iter()
            .enumerate()
            .map(|(i, (x0, y0))| {
                let r = Rect {
                    x0,
                    x1: x0 + lw,
                    y0,
                    y1: y0 + lh,
                };
                (overlap_score(&geoms, &r, st) + 0.001 * i as f64, r)
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((score, rect)) = best {
            if score <= MAX_INSIDE_SCORE {
                return LegendBox {
                    rect,
                    entries: inside,
                };
            }
        }
    }
    // Outside, on the right of the frame, top-aligned with it.
    let max_h = f64::from(fig.height) - f.top - MARGIN * s;
    let (outside, lw, lh) = legend_metrics(entries, st, 0.28 * f64::from(fig.width), max_h);
    *lay = layout(fig, st, texts, Some(lw));
    let x0 = f64::from(fig.width) - MARGIN * s - lw;
    let y0 = lay.frame.top;
    LegendBox {
        rect: Rect {
            x0,
            x1: x0 + lw,
            y0,
            y1: y0 + lh,
        },
        entries: outside,
    }
}

fn rect_path(r: &Rect) -> Vec<Pt> {
    vec![
        (r.x0, r.y0),
        (r.x1, r.y0),
        (r.x1, r.y1),
        (r.x0, r.y1),
        (r.x0, r.y0),
    ]
}

pub(super) fn legend_items(items: &mut Vec<Item>, lb: &LegendBox, st: &Styles) {
    let s = st.s;
    let em = st.legend_em;
    let r = &lb.rect;
    items.push(Item::Fill {
        polys: vec![rect_path(r)[..4].to_vec()],
        colour: Colour::WHITE,
        opacity: 0.85,
    });
    items.push(Item::Stroke {
        lines: vec![rect_path(r)],
        colour: Colour::rgb(150, 150, 150),
        opacity: 1.0,
        width: 1.0 * s,
        dash: Dash::Solid,
    });
    for (i, e) in lb.entries.iter().enumerate() {
        let row_mid = r.y0 + 0.8 * st.legend_pad() + (i as f64 + 0.5) * st.legend_row();
        let sx0 = r.x0 + st.legend_pad();
        let sx1 = sx0 + st.legend_swatch();
        match &e.swatch {
            Swatch::Fill {
                colour,
                opacity,
                edge,
            } => {
                let sq = Rect {
                    x0: sx0,
                    x1: sx1,
                    y0: row_mid - 0.42 * em,
                    y1: row_mid + 0.42 * em,
                };
                items.push(Item::Fill {
                    polys: vec![rect_path(&sq)[..4].to_vec()],
                    colour: *colour,
                    opacity: opacity.max(0.25),
                });
                if let Some(style) = edge {
                    let w = 1.5 * s;
                    items.push(Item::Stroke {
                        lines: vec![rect_path(&sq)],
                        colour: *colour,
                        opacity: 1.0,
                        width: w,
                        dash: st.dash_for(style, w),
                    });
                }
            }
            Swatch::Line {
                colour,
                style,
                width,
            } => {
                let w = width * s;
                if let Some(item) = stroke_items(
                    vec![vec![(sx0, row_mid), (sx1, row_mid)]],
                    *colour,
                    w,
                    st.dash_for(style, w),
                ) {
                    items.push(item);
                }
            }
            Swatch::Marker { colour, marker } => {
                items.push(Item::Fill {
                    polys: vec![marker_polygon(
                        *marker,
                        (0.5 * (sx0 + sx1), row_mid),
                        0.4 * em,
                    )],
                    colour: *colour,
                    opacity: 1.0,
                });
            }
            Swatch::None => {}
        }
        items.push(Item::Text(TextItem {
            x: sx1 + 0.6 * em,
            y: row_mid + 0.5 * CAP_HEIGHT * em,
            em,
            colour: INK,
            align: Align::Left,
            rotated: false,
            rich: e.rich.clone(),
        }));
    }
}
