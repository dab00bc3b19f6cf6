//! Layout: turns a [`Figure`] into a display list in pixels.
//!
//! The display list ([`Scene`]) only contains finite, already clipped pixel coordinates;
//! the SVG writer just draws it (PNG and PDF are made from the SVG). This module places the frame and
//! assembles the scene; the parts live next to it by concern:
//! - [`ticks`]: tick positions and labels of log and linear axes, the frame;
//! - [`layers`]: pixel geometry of the layers (clipping of regions, curves, markers);
//! - [`legend`]: legend entries, their size and the corner that hides least data;
//! - [`caption`]: title, axis labels and the wrapped footer caption.

mod caption;
mod layers;
mod legend;
mod ticks;

use crate::geom::{Axis, Frame, Pt};
use crate::text::{self, Rich, DESCENT};
use crate::{Colour, Figure, LineStyle, PlotError};
use caption::{ascent, descent, Texts};
use ticks::{decade_label, ticks_for, Tick};

/// Colour of text, frame and ticks (near-black).
const INK: Colour = Colour::rgb(17, 17, 17);
/// Colour of the footer text.
const FOOTER_INK: Colour = Colour::rgb(70, 70, 70);

/// Horizontal alignment of a text item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// How a stroke is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Dash {
    Solid,
    /// Dashes of `on` pixels separated by `off` pixels.
    Dashed {
        on: f64,
        off: f64,
    },
    /// Round dots of diameter `width`, one every `period` pixels.
    Dotted {
        period: f64,
    },
}

/// A text item: rich text at a baseline position.
#[derive(Clone, Debug)]
pub(crate) struct TextItem {
    /// Anchor x (meaning given by `align`); for rotated text the baseline x.
    pub x: f64,
    /// Baseline y; for rotated text the anchor y (meaning given by `align`, along the
    /// text direction which is bottom-to-top).
    pub y: f64,
    /// Normal font size (em) in pixels.
    pub em: f64,
    pub colour: Colour,
    pub align: Align,
    /// Rotated by 90 degrees counter-clockwise (reads bottom to top).
    pub rotated: bool,
    pub rich: Rich,
}

/// One drawing primitive.
#[derive(Clone, Debug)]
pub(crate) enum Item {
    /// Polygons filled together (non-zero rule), pixel coordinates.
    Fill {
        polys: Vec<Vec<Pt>>,
        colour: Colour,
        opacity: f64,
    },
    /// Open polylines, pixel coordinates.
    Stroke {
        lines: Vec<Vec<Pt>>,
        colour: Colour,
        opacity: f64,
        width: f64,
        dash: Dash,
    },
    Text(TextItem),
}

/// The display list of a whole figure.
#[derive(Clone, Debug)]
pub(crate) struct Scene {
    pub width: u32,
    pub height: u32,
    pub items: Vec<Item>,
}

/// Sizes in pixels, scaled with the figure.
struct Styles {
    s: f64,
    title_em: f64,
    label_em: f64,
    tick_em: f64,
    legend_em: f64,
    footer_em: f64,
}

impl Styles {
    fn new(fig: &Figure) -> Styles {
        let s = (f64::from(fig.width) / 1000.0)
            .min(f64::from(fig.height) / 750.0)
            .max(0.25);
        // Text shrinks more slowly than the figure below the reference size, so that
        // small figures stay legible.
        let f = if s < 1.0 { s.powf(0.6) } else { s };
        Styles {
            s,
            title_em: 25.0 * f,
            label_em: 25.0 * f,
            tick_em: 21.0 * f,
            legend_em: 18.0 * f,
            footer_em: (14.5 * f).max(9.0),
        }
    }

    fn edge_width(&self) -> f64 {
        2.0 * self.s
    }

    fn dash_for(&self, style: &LineStyle, width: f64) -> Dash {
        match style {
            LineStyle::Solid => Dash::Solid,
            LineStyle::Dashed => Dash::Dashed {
                on: 4.0 * width + 5.0 * self.s,
                off: 2.0 * width + 4.0 * self.s,
            },
            LineStyle::Dotted => Dash::Dotted {
                period: 2.0 * width + 3.0 * self.s,
            },
        }
    }
}

/// Vertical/horizontal layout of the figure around the frame.
struct Layout {
    frame: Frame,
    x_ticks: Vec<Tick>,
    y_ticks: Vec<Tick>,
    /// Baseline of the x tick labels.
    x_tick_base: f64,
    /// Baseline of the x axis label.
    x_label_base: f64,
    /// Baseline x of the (rotated) y axis label.
    y_label_base: f64,
    /// Baseline of the title.
    title_base: f64,
}

const TICK_GAP: f64 = 9.0;
const MARGIN: f64 = 14.0;

fn layout(fig: &Figure, st: &Styles, texts: &Texts, legend_outside: Option<f64>) -> Layout {
    let s = st.s;
    let (w, h) = (f64::from(fig.width), f64::from(fig.height));
    let ax = Axis::new(fig.x_range, fig.log_x);
    let ay = Axis::new(fig.y_range, fig.log_y);
    let tick_sample = decade_label(-10);

    // Vertical.
    let title_base = MARGIN * s + ascent(&texts.title, st.title_em);
    let top = if text::rich_string(&texts.title).trim().is_empty() {
        MARGIN * s + 0.6 * st.tick_em
    } else {
        title_base + descent(&texts.title, st.title_em) + 16.0 * s
    };
    let x_tick_up = ascent(&tick_sample, st.tick_em);
    let has_x_label = !text::rich_string(&texts.x_label).trim().is_empty();
    let mut bottom_need = TICK_GAP * s + x_tick_up + DESCENT * st.tick_em + MARGIN * s;
    if has_x_label {
        bottom_need +=
            10.0 * s + ascent(&texts.x_label, st.label_em) + descent(&texts.x_label, st.label_em);
    }
    let bottom = h - bottom_need;

    // y ticks and the left margin.
    let y_spacing = |_: &Rich| 1.9 * st.tick_em;
    let y_ticks = ticks_for(&ay, bottom - top, st, &y_spacing);
    let max_w = y_ticks
        .iter()
        .filter_map(|t| t.label.as_ref())
        .map(|l| text::rich_width(l, st.tick_em))
        .fold(0.0, f64::max);
    let has_y_label = !text::rich_string(&texts.y_label).trim().is_empty();
    let y_label_base = MARGIN * s + ascent(&texts.y_label, st.label_em);
    let left = if has_y_label {
        y_label_base + descent(&texts.y_label, st.label_em) + 12.0 * s + max_w + TICK_GAP * s
    } else {
        MARGIN * s + max_w + TICK_GAP * s
    };

    // x ticks and the right margin (two passes: the last label may stick out).
    let x_spacing = |l: &Rich| text::rich_width(l, st.tick_em) + 1.2 * st.tick_em;
    let right_limit = match legend_outside {
        Some(lw) => w - MARGIN * s - lw - 14.0 * s,
        None => w - MARGIN * s,
    };
    let mut right = right_limit - 10.0 * s;
    for _ in 0..2 {
        let x_ticks = ticks_for(&ax, right - left, st, &x_spacing);
        let overhang = x_ticks
            .iter()
            .filter_map(|t| t.label.as_ref().map(|l| (t.t, l)))
            .map(|(t, l)| {
                let x = left + (t - ax.t0) / (ax.t1 - ax.t0) * (right - left);
                x + 0.5 * text::rich_width(l, st.tick_em) - right
            })
            .fold(0.0, f64::max);
        right = right_limit - overhang.max(10.0 * s);
        if legend_outside.is_some() {
            right = right.min(right_limit);
        }
    }
    let right = right.max(left + 50.0);
    let bottom = bottom.max(top + 50.0);
    let x_ticks = ticks_for(&ax, right - left, st, &x_spacing);
    let y_ticks = ticks_for(&ay, bottom - top, st, &y_spacing);

    let x_tick_base = bottom + TICK_GAP * s + x_tick_up;
    let x_label_base =
        x_tick_base + DESCENT * st.tick_em + 10.0 * s + ascent(&texts.x_label, st.label_em);
    Layout {
        frame: Frame {
            ax,
            ay,
            left,
            right,
            top,
            bottom,
        },
        x_ticks,
        y_ticks,
        x_tick_base,
        x_label_base,
        y_label_base,
        title_base,
    }
}

/// Build the display list of a figure.
pub(crate) fn build(fig: &Figure) -> Result<Scene, PlotError> {
    fig.validate()?;
    text::ensure_font()?;
    let st = Styles::new(fig);
    let texts = Texts {
        title: text::parse_markup(&fig.title),
        x_label: text::parse_markup(&fig.x_label),
        y_label: text::parse_markup(&fig.y_label),
    };
    let entries = legend::legend_entries(fig);
    let mut lay = layout(fig, &st, &texts, None);
    let legend =
        (!entries.is_empty()).then(|| legend::place_legend(fig, &st, &texts, &mut lay, &entries));

    // The white background is implicit: the SVG writer starts with a white rectangle.
    let mut items: Vec<Item> = Vec::new();
    for g in layers::layer_geoms(fig, &lay.frame, &st) {
        items.extend(g.items);
    }
    ticks::frame_and_ticks(&mut items, &lay, &st);
    ticks::tick_label_items(&mut items, &lay, &st);
    caption::axis_label_items(&mut items, &lay, &st, &texts);
    if let Some(lb) = &legend {
        legend::legend_items(&mut items, lb, &st);
    }
    // A legend under the frame pushes the caption down.
    let below = legend
        .as_ref()
        .filter(|lb| lb.below)
        .map(legend::LegendBox::bottom);
    let height =
        caption::footer_items(&mut items, fig, &st, below.unwrap_or(f64::from(fig.height)));
    Ok(Scene {
        width: fig.width,
        height,
        items,
    })
}

/// The height in pixels that the caption (footer) of `fig` takes under the plotting area
/// when no entry is cut short (the limits figure fits its caption with it).
#[cfg(feature = "limits")]
pub(crate) fn caption_height(fig: &Figure) -> f64 {
    let st = Styles::new(fig);
    let mut scratch = Vec::new();
    let top = f64::from(fig.height);
    f64::from(caption::footer_items_with(
        &mut scratch,
        fig,
        &st,
        top,
        usize::MAX,
    )) - top
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{palette, Layer};

    fn logspace(a: f64, b: f64, n: usize) -> Vec<f64> {
        (0..n)
            .map(|i| 10f64.powf(a + (b - a) * i as f64 / (n - 1) as f64))
            .collect()
    }

    /// (frame right edge, legend box left edge) of a built scene.
    fn frame_and_legend(scene: &Scene) -> (f64, f64) {
        let frame_right = scene
            .items
            .iter()
            .find_map(|it| match it {
                Item::Stroke { lines, colour, .. }
                    if *colour == INK && lines.len() == 1 && lines[0].len() == 5 =>
                {
                    Some(lines[0][1].0)
                }
                _ => None,
            })
            .unwrap();
        let legend_left = scene
            .items
            .iter()
            .find_map(|it| match it {
                Item::Fill {
                    polys,
                    colour,
                    opacity,
                } if *colour == Colour::WHITE && *opacity == 0.85 => Some(polys[0][0].0),
                _ => None,
            })
            .unwrap();
        (frame_right, legend_left)
    }

    #[test]
    fn legend_goes_inside_when_a_corner_is_free_and_outside_when_crowded() {
        let x = logspace(-3.0, 2.0, 50);
        let mut fig = Figure::new("t", "x", "y", (1e-3, 1e2), (1e-6, 1.0));
        fig.layers.push(Layer::Curve {
            label: "one".into(),
            colour: palette(0),
            style: LineStyle::Solid,
            width: 2,
            x: x.clone(),
            y: x.iter().map(|m| 1e-3 * m.sqrt()).collect(),
        });
        let (right, left) = frame_and_legend(&build(&fig).unwrap());
        assert!(left < right, "legend should be inside");

        for i in 0..8 {
            fig.layers.push(Layer::Curve {
                label: format!("curve {i}"),
                colour: palette(i),
                style: LineStyle::Dashed,
                width: 2,
                x: x.clone(),
                y: x.iter()
                    .map(|m| 1e-6 * 2f64.powi(i as i32) * (1.0 + m))
                    .collect(),
            });
            fig.layers.push(Layer::ExcludedAbove {
                label: format!("region {i}"),
                colour: palette(i),
                opacity: 0.2,
                x: vec![1e-3, 1e2],
                y: vec![1e-5 * 2f64.powi(i as i32); 2],
                edge: None,
            });
        }
        let (right, left) = frame_and_legend(&build(&fig).unwrap());
        assert!(left > right, "legend should be outside");
    }

    #[test]
    fn too_many_entries_go_under_the_frame_all_of_them() {
        let mut fig = Figure::new("t", "x", "y", (1e-3, 1e2), (1e-6, 1.0));
        for i in 0..60 {
            fig.layers.push(Layer::Curve {
                label: format!("c{i}"),
                colour: palette(i),
                style: LineStyle::Solid,
                width: 1,
                x: vec![1e-3, 1e2],
                y: vec![1e-6 * 1.2f64.powi(i as i32); 2],
            });
        }
        let scene = build(&fig).unwrap();
        assert!(
            scene.height > fig.height,
            "the legend adds height under the frame"
        );
        let svg = crate::svg::write(&scene);
        assert!(!svg.contains("more</text>"));
        assert!(svg.contains(">c59<"));
    }
}
