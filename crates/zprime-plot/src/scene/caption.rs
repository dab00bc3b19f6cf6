//! Text placement around the frame: the title, the axis labels and the footer caption
//! (wrapped, long lines truncated).

use super::{Align, Item, Layout, Styles, TextItem, FOOTER_INK, INK, MARGIN};
use crate::text::{self, Rich, Shift, CAP_HEIGHT, DESCENT};
use crate::Figure;

/// Lines one footer entry may take before it is cut with an ellipsis: enough for a model's
/// whole "not included" list (lmu-ltau-vlq's takes five), short enough that a runaway
/// reference cannot swallow the figure.
const MAX_LINES_PER_ENTRY: usize = 6;

pub(super) struct Texts {
    pub(super) title: Rich,
    pub(super) x_label: Rich,
    pub(super) y_label: Rich,
}

/// Height above the baseline used by rich text of size `em`.
pub(super) fn ascent(rich: &Rich, em: f64) -> f64 {
    if text::has_sup(rich) {
        (-Shift::Sup.offset() + Shift::Sup.scale() * CAP_HEIGHT) * em
    } else {
        CAP_HEIGHT * em
    }
}

/// Depth below the baseline used by rich text of size `em`.
pub(super) fn descent(rich: &Rich, em: f64) -> f64 {
    if text::has_sub(rich) {
        (Shift::Sub.offset() + Shift::Sub.scale() * DESCENT) * em
    } else {
        DESCENT * em
    }
}

/// The axis labels and the title.
pub(super) fn axis_label_items(items: &mut Vec<Item>, lay: &Layout, st: &Styles, texts: &Texts) {
    let f = &lay.frame;
    let centre_x = 0.5 * (f.left + f.right);
    let centre_y = 0.5 * (f.top + f.bottom);
    if !texts.x_label.is_empty() {
        let rich = text::truncate_rich(&texts.x_label, st.label_em, f.right - f.left);
        items.push(Item::Text(TextItem {
            x: centre_x,
            y: lay.x_label_base,
            em: st.label_em,
            colour: INK,
            align: Align::Center,
            rotated: false,
            rich,
        }));
    }
    if !texts.y_label.is_empty() {
        let rich = text::truncate_rich(&texts.y_label, st.label_em, f.bottom - f.top);
        items.push(Item::Text(TextItem {
            x: lay.y_label_base,
            y: centre_y,
            em: st.label_em,
            colour: INK,
            align: Align::Center,
            rotated: true,
            rich,
        }));
    }
    if !texts.title.is_empty() {
        let rich = text::truncate_rich(&texts.title, st.title_em, f.right - f.left + 2.0 * MARGIN);
        items.push(Item::Text(TextItem {
            x: centre_x,
            y: lay.title_base,
            em: st.title_em,
            colour: INK,
            align: Align::Center,
            rotated: false,
            rich,
        }));
    }
}

/// Footer lines under the plotting area, from `top` (pixels: the figure's height, or the
/// bottom of a legend under the frame) down; returns the total image height.
pub(super) fn footer_items(items: &mut Vec<Item>, fig: &Figure, st: &Styles, top: f64) -> u32 {
    footer_items_with(items, fig, st, top, MAX_LINES_PER_ENTRY)
}

/// [`footer_items`] with at most `max_lines` lines per entry.
pub(super) fn footer_items_with(
    items: &mut Vec<Item>,
    fig: &Figure,
    st: &Styles,
    top: f64,
    max_lines: usize,
) -> u32 {
    let s = st.s;
    let em = st.footer_em;
    let width = f64::from(fig.width) - 2.0 * MARGIN * s;
    let indent = 1.5 * em;
    let line_h = 1.38 * em;
    let mut y = top + 4.0 * s;
    let mut any = false;
    for entry in &fig.footer {
        if entry.trim().is_empty() {
            y += 0.5 * line_h;
            continue;
        }
        for (i, line) in text::wrap(entry, em, width, indent, max_lines)
            .into_iter()
            .enumerate()
        {
            any = true;
            y += line_h;
            items.push(Item::Text(TextItem {
                x: MARGIN * s + if i == 0 { 0.0 } else { indent },
                y,
                em,
                colour: FOOTER_INK,
                align: Align::Left,
                rotated: false,
                rich: text::plain(&line),
            }));
        }
    }
    if any {
        (y + DESCENT * em + 10.0 * s).ceil() as u32
    } else if top > f64::from(fig.height) {
        (top + 10.0 * s).ceil() as u32
    } else {
        fig.height
    }
}
