//! The figure of `zprime plot` (assembled by `zprime_plot::limits::limits_figure`) as JSON
//! for matplotlib: the layers in data coordinates with their colours, opacities, line
//! styles and labels, drawn by `zprime.plot.draw`.

use pyo3::prelude::*;
use serde_json::{json, Value};
use zprime_plot::limits::{limits_figure, Captions, FigureOptions};
use zprime_plot::{Layer, LineStyle, Marker};

fn style(s: &LineStyle) -> &'static str {
    match s {
        LineStyle::Solid => "solid",
        LineStyle::Dashed => "dashed",
        LineStyle::Dotted => "dotted",
    }
}

/// One layer as a dict; NaN (a gap) becomes JSON null, read back as NaN by the Python side.
fn layer(l: &Layer) -> Value {
    match l {
        Layer::Band {
            label,
            colour,
            opacity,
            x,
            lower,
            upper,
            edge,
        } => json!({
            "kind": "band", "label": label, "colour": colour.to_hex(), "opacity": opacity,
            "x": x, "lower": lower, "upper": upper, "edge": edge.as_ref().map(style),
        }),
        Layer::ExcludedAbove {
            label,
            colour,
            opacity,
            x,
            y,
            edge,
        } => json!({
            "kind": "excluded_above", "label": label, "colour": colour.to_hex(),
            "opacity": opacity, "x": x, "y": y, "edge": edge.as_ref().map(style),
        }),
        Layer::ExcludedBelow {
            label,
            colour,
            opacity,
            x,
            y,
            edge,
        } => json!({
            "kind": "excluded_below", "label": label, "colour": colour.to_hex(),
            "opacity": opacity, "x": x, "y": y, "edge": edge.as_ref().map(style),
        }),
        Layer::Curve {
            label,
            colour,
            style: s,
            width,
            x,
            y,
        } => json!({
            "kind": "curve", "label": label, "colour": colour.to_hex(), "style": style(s),
            "width": width, "x": x, "y": y,
        }),
        Layer::Points {
            label,
            colour,
            marker,
            size,
            x,
            y,
        } => json!({
            "kind": "points", "label": label, "colour": colour.to_hex(),
            "marker": match marker { Marker::Square => "s", Marker::Circle => "o", Marker::Star => "*" },
            "size": size, "x": x, "y": y,
        }),
        Layer::Text {
            text,
            colour,
            x,
            y,
            size,
        } => json!({
            "kind": "text", "text": text, "label": "", "colour": colour.to_hex(), "x": x,
            "y": y, "size": size,
        }),
    }
}

/// The figure of `limits` over `x_range` × `y_range` as JSON text.
pub(crate) fn json(
    limits: &crate::limits::Limits,
    x_range: (f64, f64),
    y_range: (f64, f64),
    all_constraints: bool,
) -> PyResult<String> {
    let r = &limits.report;
    let provenance = format!(
        "zprime {}, model {}, inputs '{}': {}",
        env!("CARGO_PKG_VERSION"),
        r.model,
        r.inputs,
        limits.inputs_description
    );
    let not_included: Vec<String> = limits
        .not_included
        .iter()
        .filter(|n| {
            n.mass
                .is_none_or(|[lo, hi]| hi >= x_range.0 && lo <= x_range.1)
        })
        .map(|n| n.name.clone())
        .collect();
    let captions = Captions {
        model_title: &limits.model_title,
        provenance: Some(&provenance),
        not_included: &not_included,
    };
    let options = FigureOptions {
        draw_all: all_constraints,
        always: &[],
    };
    let fig = limits_figure(r, x_range, y_range, &captions, options)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    let out = json!({
        "title": fig.title,
        "x_label": fig.x_label,
        "y_label": fig.y_label,
        "x_range": [fig.x_range.0, fig.x_range.1],
        "y_range": [fig.y_range.0, fig.y_range.1],
        "log_x": fig.log_x,
        "log_y": fig.log_y,
        "caption": fig.footer,
        "layers": fig.layers.iter().map(layer).collect::<Vec<_>>(),
    });
    serde_json::to_string(&out).map_err(|e| crate::json_error(&e))
}
