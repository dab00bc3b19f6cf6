//! Axis ticks: where the ticks of a logarithmic or linear axis go, which of them get
//! labels (as dense as the labels allow without colliding), and the frame they sit on.

use super::{Align, Dash, Item, Layout, Styles, TextItem, INK, TICK_GAP};
use crate::geom::{Axis, Pt};
use crate::text::{self, Rich, Shift, Span, CAP_HEIGHT};

/// One tick mark, optionally labelled.
pub(super) struct Tick {
    /// Axis-space position.
    pub(super) t: f64,
    pub(super) major: bool,
    pub(super) label: Option<Rich>,
}

/// Format an integer exponent with a proper minus sign.
fn exponent(k: i64) -> String {
    if k < 0 {
        format!("\u{2212}{}", -k)
    } else {
        k.to_string()
    }
}

/// `10^k` as rich text.
pub(super) fn decade_label(k: i64) -> Rich {
    vec![
        Span {
            text: "10".into(),
            shift: Shift::Normal,
        },
        Span {
            text: exponent(k),
            shift: Shift::Sup,
        },
    ]
}

/// A clean label for `m × 10^k` (m integer 1..9): a decimal number if `decimal`, else
/// `m×10^k` (or `10^k` for m = 1).
fn mantissa_label(m: i64, k: i64, decimal: bool) -> Rich {
    if decimal {
        let v = m as f64 * 10f64.powi(k as i32);
        let decimals = (-k).max(0) as usize;
        text::plain(&format!("{v:.decimals$}"))
    } else if m == 1 {
        decade_label(k)
    } else {
        vec![
            Span {
                text: format!("{m}\u{00d7}10"),
                shift: Shift::Normal,
            },
            Span {
                text: exponent(k),
                shift: Shift::Sup,
            },
        ]
    }
}

/// Ticks of a logarithmic axis spanning `px_len` pixels. `spacing(label)` is the pixel
/// distance that two neighbouring labels need.
fn log_ticks(axis: &Axis, px_len: f64, st: &Styles, spacing: &dyn Fn(&Rich) -> f64) -> Vec<Tick> {
    let (t0, t1) = (axis.t0, axis.t1);
    let eps = 1e-9;
    let kmin = (t0 - eps).ceil() as i64;
    let kmax = (t1 + eps).floor() as i64;
    let px_per_dec = px_len / (t1 - t0);
    let mut ticks = Vec::new();
    let n_dec = kmax - kmin + 1;
    if n_dec >= 2 {
        let need = (kmin..=kmax)
            .map(|k| spacing(&decade_label(k)))
            .fold(0.0, f64::max);
        let step = [1i64, 2, 3, 4, 5, 10, 20, 25, 50, 100]
            .into_iter()
            .find(|&st| st as f64 * px_per_dec >= need)
            .unwrap_or(100);
        for k in kmin..=kmax {
            ticks.push(Tick {
                t: k as f64,
                major: true,
                label: (k.rem_euclid(step) == 0).then(|| decade_label(k)),
            });
        }
        if px_per_dec >= 28.0 * st.s {
            // Unlabelled minor ticks at 2..9 x 10^k.
            for k in (kmin - 1)..=kmax {
                for m in 2..=9i64 {
                    let t = k as f64 + (m as f64).log10();
                    if t >= t0 - eps && t <= t1 + eps {
                        ticks.push(Tick {
                            t,
                            major: false,
                            label: None,
                        });
                    }
                }
            }
        }
    } else {
        // Less than two decades visible: tick and label mantissas.
        let mut cands = Vec::new();
        for k in (kmin - 2)..=(kmax + 1) {
            for m in 1..=9i64 {
                let t = k as f64 + (m as f64).log10();
                if t >= t0 - eps && t <= t1 + eps {
                    cands.push((t, m, k));
                }
            }
        }
        // Decimal labels (0.002) when all values are moderate, else 2×10^-4 throughout.
        let decimal = cands.iter().all(|&(_, _, k)| (-3..=3).contains(&k));
        // Pick the densest labelling whose labels do not collide.
        let sets: [&[i64]; 3] = [&[1, 2, 3, 4, 5, 6, 7, 8, 9], &[1, 2, 5], &[1]];
        let mut chosen: &[i64] = &[1];
        for set in sets {
            let pos: Vec<(f64, f64)> = cands
                .iter()
                .filter(|(_, m, _)| set.contains(m))
                .map(|&(t, m, k)| (t * px_per_dec, spacing(&mantissa_label(m, k, decimal))))
                .collect();
            if pos
                .windows(2)
                .all(|w| w[1].0 - w[0].0 >= 0.5 * (w[0].1 + w[1].1))
            {
                chosen = set;
                break;
            }
        }
        for (t, m, k) in cands {
            ticks.push(Tick {
                t,
                major: m == 1,
                label: chosen.contains(&m).then(|| mantissa_label(m, k, decimal)),
            });
        }
    }
    ticks
}

/// Ticks of a linear axis spanning `px_len` pixels.
fn linear_ticks(
    axis: &Axis,
    px_len: f64,
    st: &Styles,
    spacing: &dyn Fn(&Rich) -> f64,
) -> Vec<Tick> {
    let (t0, t1) = (axis.t0, axis.t1);
    let span = t1 - t0;
    let mut ticks = Vec::new();
    for target in [10.0, 8.0, 6.0, 5.0, 4.0, 3.0, 2.0] {
        let raw = span / target;
        let mag = 10f64.powf(raw.log10().floor());
        let m = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .find(|&m| m * mag >= raw * (1.0 - 1e-9))
            .unwrap_or(10.0);
        let step = m * mag;
        let decimals = (-(step.log10() + 1e-9).floor()).max(0.0) as usize;
        let i0 = (t0 / step - 1e-9).ceil() as i64;
        let i1 = (t1 / step + 1e-9).floor() as i64;
        if i1 - i0 > 200 {
            continue;
        }
        let labels: Vec<(f64, Rich)> = (i0..=i1)
            .map(|i| {
                let v = i as f64 * step;
                (v, linear_label(v, step, decimals))
            })
            .collect();
        let fits = labels.windows(2).all(|w| {
            (w[1].0 - w[0].0) / span * px_len >= 0.5 * (spacing(&w[0].1) + spacing(&w[1].1))
        });
        if !fits && target > 2.0 {
            continue;
        }
        let minor_div = if m == 2.0 { 4.0 } else { 5.0 };
        let minor = step / minor_div;
        if minor / span * px_len >= 8.0 * st.s {
            let j0 = (t0 / minor - 1e-9).ceil() as i64;
            let j1 = (t1 / minor + 1e-9).floor() as i64;
            for j in j0..=j1 {
                if j.rem_euclid(minor_div as i64) != 0 {
                    ticks.push(Tick {
                        t: j as f64 * minor,
                        major: false,
                        label: None,
                    });
                }
            }
        }
        for (v, label) in labels {
            ticks.push(Tick {
                t: v,
                major: true,
                label: Some(label),
            });
        }
        break;
    }
    ticks
}

/// A clean label for a linear tick value.
fn linear_label(v: f64, step: f64, decimals: usize) -> Rich {
    let v = if v.abs() < step * 1e-6 { 0.0 } else { v };
    if v != 0.0 && (v.abs() >= 1e6 || decimals > 5) {
        let k = v.abs().log10().floor() as i64;
        let m = v / 10f64.powi(k as i32);
        let mut rich = vec![
            Span {
                text: format!("{}\u{00d7}10", trim_number(&format!("{m:.3}"))),
                shift: Shift::Normal,
            },
            Span {
                text: exponent(k),
                shift: Shift::Sup,
            },
        ];
        rich[0].text = rich[0].text.replace('-', "\u{2212}");
        return rich;
    }
    text::plain(&format!("{v:.decimals$}").replace('-', "\u{2212}"))
}

/// Remove trailing zeros after a decimal point.
fn trim_number(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

pub(super) fn ticks_for(
    axis: &Axis,
    px_len: f64,
    st: &Styles,
    spacing: &dyn Fn(&Rich) -> f64,
) -> Vec<Tick> {
    if axis.log {
        log_ticks(axis, px_len, st, spacing)
    } else {
        linear_ticks(axis, px_len, st, spacing)
    }
}

pub(super) fn frame_and_ticks(items: &mut Vec<Item>, lay: &Layout, st: &Styles) {
    let f = &lay.frame;
    let s = st.s;
    let (major, minor) = (11.0 * s, 6.0 * s);
    let mut lines: Vec<Vec<Pt>> = Vec::new();
    for t in &lay.x_ticks {
        let x = f.px_x(t.t);
        let len = if t.major { major } else { minor };
        lines.push(vec![(x, f.bottom), (x, f.bottom - len)]);
        lines.push(vec![(x, f.top), (x, f.top + len)]);
    }
    for t in &lay.y_ticks {
        let y = f.px_y(t.t);
        let len = if t.major { major } else { minor };
        lines.push(vec![(f.left, y), (f.left + len, y)]);
        lines.push(vec![(f.right, y), (f.right - len, y)]);
    }
    items.push(Item::Stroke {
        lines,
        colour: INK,
        opacity: 1.0,
        width: 1.2 * s,
        dash: Dash::Solid,
    });
    items.push(Item::Stroke {
        lines: vec![vec![
            (f.left, f.top),
            (f.right, f.top),
            (f.right, f.bottom),
            (f.left, f.bottom),
            (f.left, f.top),
        ]],
        colour: INK,
        opacity: 1.0,
        width: 1.6 * s,
        dash: Dash::Solid,
    });
}

/// The tick labels of both axes.
pub(super) fn tick_label_items(items: &mut Vec<Item>, lay: &Layout, st: &Styles) {
    let f = &lay.frame;
    let s = st.s;
    for t in &lay.x_ticks {
        if let Some(label) = &t.label {
            items.push(Item::Text(TextItem {
                x: f.px_x(t.t),
                y: lay.x_tick_base,
                em: st.tick_em,
                colour: INK,
                align: Align::Center,
                rotated: false,
                rich: label.clone(),
            }));
        }
    }
    for t in &lay.y_ticks {
        if let Some(label) = &t.label {
            // Centre the digits (cap height) on the tick.
            items.push(Item::Text(TextItem {
                x: f.left - TICK_GAP * s,
                y: f.px_y(t.t) + 0.5 * CAP_HEIGHT * st.tick_em,
                em: st.tick_em,
                colour: INK,
                align: Align::Right,
                rotated: false,
                rich: label.clone(),
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Figure;

    #[test]
    fn log_labels_are_clean() {
        let st = Styles::new(&Figure::new("", "", "", (1.0, 2.0), (1.0, 2.0)));
        let plain = |r: &Rich| text::rich_string(r);
        let ticks = log_ticks(&Axis::new((1e-3, 1e2), true), 800.0, &st, &|_| 40.0);
        let labels: Vec<String> = ticks
            .iter()
            .filter_map(|t| t.label.as_ref())
            .map(plain)
            .collect();
        assert_eq!(
            labels,
            [
                "10\u{2212}3",
                "10\u{2212}2",
                "10\u{2212}1",
                "100",
                "101",
                "102"
            ]
        );
        // Crowded decades: every other one labelled.
        let ticks = log_ticks(&Axis::new((1e-30, 1.0), true), 300.0, &st, &|_| 40.0);
        let n = ticks.iter().filter(|t| t.label.is_some()).count();
        assert!((6..=11).contains(&n), "{n}");
        // Narrow range: mantissas.
        let ticks = log_ticks(&Axis::new((0.02, 0.09), true), 600.0, &st, &|_| 40.0);
        let labels: Vec<String> = ticks
            .iter()
            .filter_map(|t| t.label.as_ref())
            .map(plain)
            .collect();
        assert!(labels.contains(&"0.05".to_string()), "{labels:?}");
    }
}
