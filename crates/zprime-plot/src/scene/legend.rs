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
/// area covered by lines (counted as strips 6 px wide), text, and filled regions.
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
            score += area(&geom::clip_polygon(p, r));
        }
        for b in &g.boxes {
            let w = (b.x1.min(r.x1) - b.x0.max(r.x0)).max(0.0);
            let h = (b.y1.min(r.y1) - b.y0.max(r.y0)).max(0.0);
            score += w * h;
        }
    }
    score / area_r
}

/// An entry placed in the legend: its label wrapped into lines, the top of its row.
struct Placed {
    lines: Vec<Rich>,
    swatch: Swatch,
    /// Left edge of the swatch.
    x: f64,
    /// Top of the row.
    y: f64,
}

/// Legend geometry for a given placement.
pub(super) struct LegendBox {
    rect: Rect,
    entries: Vec<Placed>,
    /// The legend sits under the frame (full width, in columns): the caption starts below it.
    pub(super) below: bool,
}

impl LegendBox {
    /// Bottom edge of the legend box, pixels.
    pub(super) fn bottom(&self) -> f64 {
        self.rect.y1
    }
}

impl Styles {
    fn legend_pad(&self) -> f64 {
        0.6 * self.legend_em
    }
    /// Height of a one-line entry (the line plus the gap to the next entry).
    fn legend_row(&self) -> f64 {
        1.5 * self.legend_em
    }
    /// Distance between the lines of a wrapped label.
    fn legend_line(&self) -> f64 {
        1.2 * self.legend_em
    }
    fn legend_swatch(&self) -> f64 {
        2.0 * self.legend_em
    }
    /// Width of an entry besides its label: swatch and the gap after it.
    fn legend_label_offset(&self) -> f64 {
        self.legend_swatch() + 0.6 * self.legend_em
    }
}

/// Entries with their labels wrapped to `max_label_w` (never truncated), with the widest
/// line and each entry's row height.
fn wrapped(entries: &[Entry], st: &Styles, max_label_w: f64) -> Vec<(Vec<Rich>, Swatch, f64, f64)> {
    entries
        .iter()
        .map(|e| {
            let lines = text::wrap_rich(&e.rich, st.legend_em, max_label_w);
            let width = lines
                .iter()
                .map(|l| text::rich_width(l, st.legend_em))
                .fold(0.0, f64::max);
            let height = st.legend_row() + (lines.len() - 1) as f64 * st.legend_line();
            (lines, e.swatch.clone(), width, height)
        })
        .collect()
}

/// A legend of one column at (x0, y0) with labels wrapped to `max_label_w`: the box and the
/// placed entries.
fn column_box(
    entries: &[Entry],
    st: &Styles,
    max_label_w: f64,
    x0: f64,
    y0: f64,
) -> (Rect, Vec<Placed>) {
    let pad = st.legend_pad();
    let rows = wrapped(entries, st, max_label_w);
    let label_w = rows.iter().map(|r| r.2).fold(0.0, f64::max);
    let width = pad + st.legend_label_offset() + label_w + pad;
    let mut y = y0 + 0.8 * pad;
    let mut placed = Vec::new();
    for (lines, swatch, _, h) in rows {
        placed.push(Placed {
            lines,
            swatch,
            x: x0 + pad,
            y,
        });
        y += h;
    }
    let rect = Rect {
        x0,
        x1: x0 + width,
        y0,
        y1: y + 0.8 * pad,
    };
    (rect, placed)
}

/// Largest overlap score for which the legend stays inside the frame (see
/// [`overlap_score`], with ties broken by 1e-4 per corner): essentially nothing (the legend
/// never covers data).
const MAX_INSIDE_SCORE: f64 = 1e-3;

/// Widest label of a legend on the right of the frame, as a fraction of the figure width.
const RIGHT_LABEL_FRACTION: f64 = 0.25;

/// Choose the legend position, in this order of preference: the inside corner of the frame
/// that hides least data (if it hides almost none); outside on the right of the frame (the
/// frame narrows, `lay` is recomputed); if it is too tall for that, under the frame across
/// the whole width in two or three columns (the figure grows, the caption moves down).
/// Labels are wrapped, never truncated; the legend never covers data.
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
    let (probe, _) = column_box(entries, st, 0.4 * fw, 0.0, 0.0);
    let (lw, lh) = (probe.x1 - probe.x0, probe.y1 - probe.y0);
    if lw + 2.0 * inset <= 0.6 * fw && lh + 2.0 * inset <= 0.7 * fh {
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
                // A margin around the box: a curve running along its edge counts too.
                let margin = 4.0 * s;
                let around = Rect {
                    x0: r.x0 - margin,
                    x1: r.x1 + margin,
                    y0: r.y0 - margin,
                    y1: r.y1 + margin,
                };
                (overlap_score(&geoms, &around, st) + 1e-4 * i as f64, x0, y0)
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((score, x0, y0)) = best {
            if score <= MAX_INSIDE_SCORE {
                let (rect, placed) = column_box(entries, st, 0.4 * fw, x0, y0);
                return LegendBox {
                    rect,
                    entries: placed,
                    below: false,
                };
            }
        }
    }
    // Outside, on the right of the frame, top-aligned with it.
    let w = f64::from(fig.width);
    let max_h = f64::from(fig.height) - f.top - MARGIN * s;
    let (probe, _) = column_box(entries, st, RIGHT_LABEL_FRACTION * w, 0.0, 0.0);
    if probe.y1 - probe.y0 <= max_h {
        let lw = probe.x1 - probe.x0;
        *lay = layout(fig, st, texts, Some(lw));
        let (rect, placed) = column_box(
            entries,
            st,
            RIGHT_LABEL_FRACTION * w,
            w - MARGIN * s - lw,
            lay.frame.top,
        );
        return LegendBox {
            rect,
            entries: placed,
            below: false,
        };
    }
    below_frame(fig, st, entries)
}

/// The legend under the frame and the axis label, across the whole width, in columns
/// filled top to bottom (as many as fit at a readable label width, at most three).
fn below_frame(fig: &Figure, st: &Styles, entries: &[Entry]) -> LegendBox {
    let s = st.s;
    let pad = st.legend_pad();
    let w = f64::from(fig.width) - 2.0 * MARGIN * s;
    let columns = if w >= 60.0 * st.legend_em { 3 } else { 2 };
    let col_w = (w - 2.0 * pad) / columns as f64;
    let label_w = col_w - st.legend_label_offset() - pad;
    let rows = wrapped(entries, st, label_w);
    let total: f64 = rows.iter().map(|r| r.3).sum();
    // Fill columns to about an equal height, keeping the entries in order.
    let target = total / columns as f64;
    let x0 = MARGIN * s;
    let y0 = f64::from(fig.height) + 2.0 * s;
    let mut placed = Vec::new();
    let (mut column, mut y, mut tallest) = (0usize, 0.0f64, 0.0f64);
    for (lines, swatch, _, h) in rows {
        if y > 0.0 && y + 0.5 * h > target && column + 1 < columns {
            column += 1;
            y = 0.0;
        }
        placed.push(Placed {
            lines,
            swatch,
            x: x0 + pad + column as f64 * col_w,
            y: y0 + 0.8 * pad + y,
        });
        y += h;
        tallest = tallest.max(y);
    }
    LegendBox {
        rect: Rect {
            x0,
            x1: x0 + w,
            y0,
            y1: y0 + 1.6 * pad + tallest,
        },
        entries: placed,
        below: true,
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
    if !lb.below {
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
    }
    for e in &lb.entries {
        // The swatch sits on the first line of the label.
        let row_mid = e.y + 0.5 * st.legend_row();
        let sx0 = e.x;
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
        }
        for (k, line) in e.lines.iter().enumerate() {
            items.push(Item::Text(TextItem {
                x: sx1 + 0.6 * em,
                y: row_mid + 0.5 * CAP_HEIGHT * em + k as f64 * st.legend_line(),
                em,
                colour: INK,
                align: Align::Left,
                rotated: false,
                rich: line.clone(),
            }));
        }
    }
}
