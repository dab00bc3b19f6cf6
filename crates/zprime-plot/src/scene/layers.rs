//! Pixel geometry of the layers: data mapped to pixels, regions and curves clipped to
//! the frame (gaps at non-finite values), markers and annotations. The same geometry is
//! drawn and used to score legend positions.

use super::{Align, Dash, Item, Styles, TextItem};
use crate::geom::{self, Frame, Pt, Rect};
use crate::text::{self, CAP_HEIGHT};
use crate::{Colour, Figure, Layer, LineStyle, Marker};

/// Pixel geometry of one layer, for drawing and for legend placement.
pub(super) struct LayerGeom {
    pub(super) items: Vec<Item>,
    /// Pixel polylines that carry information (curves, region boundaries).
    pub(super) lines: Vec<Vec<Pt>>,
    /// Pixel polygons of filled regions.
    pub(super) fills: Vec<Vec<Pt>>,
    /// Bounding boxes of text annotations.
    pub(super) boxes: Vec<Rect>,
}

pub(super) fn stroke_items(
    lines: Vec<Vec<Pt>>,
    colour: Colour,
    width: f64,
    dash: Dash,
) -> Option<Item> {
    (!lines.is_empty() && width > 0.0).then_some(Item::Stroke {
        lines,
        colour,
        opacity: 1.0,
        width,
        dash,
    })
}

pub(super) fn layer_geoms(fig: &Figure, frame: &Frame, st: &Styles) -> Vec<LayerGeom> {
    let mut out = Vec::new();
    for layer in &fig.layers {
        let mut g = LayerGeom {
            items: Vec::new(),
            lines: Vec::new(),
            fills: Vec::new(),
            boxes: Vec::new(),
        };
        match layer {
            Layer::Band {
                colour,
                opacity,
                x,
                lower,
                upper,
                edge,
                ..
            } => {
                let runs = geom::band_runs(frame, x, lower, upper);
                let polys: Vec<Vec<Pt>> = runs
                    .iter()
                    .filter(|(lo, _)| lo.len() >= 2)
                    .map(|(lo, hi)| lo.iter().chain(hi.iter().rev()).copied().collect())
                    .collect();
                let boundary: Vec<Vec<Pt>> = runs
                    .into_iter()
                    .flat_map(|(lo, hi)| [lo, hi])
                    .filter(|l| l.len() >= 2)
                    .collect();
                push_region(
                    &mut g,
                    frame,
                    st,
                    polys,
                    &boundary,
                    *colour,
                    *opacity,
                    edge.as_ref(),
                );
            }
            Layer::ExcludedAbove {
                colour,
                opacity,
                x,
                y,
                edge,
                ..
            }
            | Layer::ExcludedBelow {
                colour,
                opacity,
                x,
                y,
                edge,
                ..
            } => {
                let above = matches!(layer, Layer::ExcludedAbove { .. });
                let limit = if above { frame.ay.t1 } else { frame.ay.t0 };
                let runs: Vec<Vec<Pt>> = geom::runs(frame, x, y)
                    .into_iter()
                    .filter(|r| r.len() >= 2)
                    .collect();
                let polys: Vec<Vec<Pt>> = runs
                    .iter()
                    .map(|r| {
                        let mut p = r.clone();
                        p.push((r[r.len() - 1].0, limit));
                        p.push((r[0].0, limit));
                        p
                    })
                    .collect();
                push_region(
                    &mut g,
                    frame,
                    st,
                    polys,
                    &runs,
                    *colour,
                    *opacity,
                    edge.as_ref(),
                );
            }
            Layer::Curve {
                colour,
                style,
                width,
                x,
                y,
                ..
            } => {
                let lines = frame.px_paths(frame.clip_polylines(&geom::runs(frame, x, y)));
                let w = f64::from((*width).min(40)) * st.s;
                if let Some(item) = stroke_items(lines.clone(), *colour, w, st.dash_for(style, w)) {
                    g.items.push(item);
                }
                g.lines = lines;
            }
            Layer::Points {
                colour,
                marker,
                size,
                x,
                y,
                ..
            } => {
                let r = 0.5 * size * st.s;
                let mut polys = Vec::new();
                for (&xv, &yv) in x.iter().zip(y) {
                    let (Some(tx), Some(ty)) = (frame.ax.to_axis(xv), frame.ay.to_axis(yv)) else {
                        continue;
                    };
                    let inside = tx >= frame.ax.t0
                        && tx <= frame.ax.t1
                        && ty >= frame.ay.t0
                        && ty <= frame.ay.t1;
                    if inside {
                        let c = frame.px((tx, ty));
                        polys.push(marker_polygon(*marker, c, r));
                        // markers count as occupied area for the legend placement
                        if g.boxes.len() < 5000 {
                            g.boxes.push(Rect {
                                x0: c.0 - r,
                                x1: c.0 + r,
                                y0: c.1 - r,
                                y1: c.1 + r,
                            });
                        }
                    }
                }
                if !polys.is_empty() {
                    g.items.push(Item::Fill {
                        polys,
                        colour: *colour,
                        opacity: 1.0,
                    });
                }
            }
            Layer::Text {
                text: t,
                colour,
                x,
                y,
                size,
            } => {
                if let (Some(tx), Some(ty)) = (frame.ax.to_axis(*x), frame.ay.to_axis(*y)) {
                    let inside = tx >= frame.ax.t0
                        && tx <= frame.ax.t1
                        && ty >= frame.ay.t0
                        && ty <= frame.ay.t1;
                    if inside {
                        let (px, py) = frame.px((tx, ty));
                        let em = size * st.s;
                        let rich = text::parse_markup(t);
                        let w = text::rich_width(&rich, em);
                        g.boxes.push(Rect {
                            x0: px,
                            x1: px + w,
                            y0: py - 0.6 * em,
                            y1: py + 0.6 * em,
                        });
                        g.items.push(Item::Text(TextItem {
                            x: px,
                            y: py + 0.5 * CAP_HEIGHT * em,
                            em,
                            colour: *colour,
                            align: Align::Left,
                            rotated: false,
                            rich,
                        }));
                    }
                }
            }
        }
        out.push(g);
    }
    out
}

/// The outline of a marker of radius `r` (pixels) centred at `c`.
pub(super) fn marker_polygon(marker: Marker, c: Pt, r: f64) -> Vec<Pt> {
    use std::f64::consts::PI;
    match marker {
        Marker::Square => {
            let h = 0.85 * r;
            vec![
                (c.0 - h, c.1 - h),
                (c.0 + h, c.1 - h),
                (c.0 + h, c.1 + h),
                (c.0 - h, c.1 + h),
            ]
        }
        Marker::Circle => (0..16)
            .map(|k| {
                let a = 2.0 * PI * f64::from(k) / 16.0;
                (c.0 + r * a.cos(), c.1 + r * a.sin())
            })
            .collect(),
        Marker::Star => (0..10)
            .map(|k| {
                let a = -PI / 2.0 + PI * f64::from(k) / 5.0;
                let rr = if k % 2 == 0 { 1.3 * r } else { 0.55 * r };
                (c.0 + rr * a.cos(), c.1 + rr * a.sin())
            })
            .collect(),
    }
}

#[allow(clippy::too_many_arguments)]
fn push_region(
    g: &mut LayerGeom,
    frame: &Frame,
    st: &Styles,
    polys: Vec<Vec<Pt>>,
    boundary: &[Vec<Pt>],
    colour: Colour,
    opacity: f64,
    edge: Option<&LineStyle>,
) {
    let mut polys = frame.px_paths(frame.clip_polygons(polys));
    // Clipping leaves degenerate slivers along the frame edge where a region lies
    // entirely outside: drop them.
    polys.retain(|p| {
        let span = |f: fn(&Pt) -> f64| {
            let (lo, hi) = p
                .iter()
                .map(f)
                .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
            hi - lo
        };
        span(|q| q.0) > 1e-3 && span(|q| q.1) > 1e-3
    });
    let lines = frame.px_paths(frame.clip_polylines(boundary));
    if !polys.is_empty() && opacity > 0.0 {
        g.items.push(Item::Fill {
            polys: polys.clone(),
            colour,
            opacity,
        });
    }
    if let Some(style) = edge {
        let w = st.edge_width();
        if let Some(item) = stroke_items(lines.clone(), colour, w, st.dash_for(style, w)) {
            g.items.push(item);
        }
    }
    g.fills = polys;
    g.lines = lines;
}
