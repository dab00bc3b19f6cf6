//! Fonts, text measurement and the small sub/superscript markup.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont};

use crate::PlotError;

/// The embedded font (DejaVu Sans, see fonts/LICENSE-DejaVu.txt).
pub(crate) static FONT_BYTES: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// `font-family` written into SVG files.
pub(crate) const SVG_FONT_FAMILY: &str = "DejaVu Sans, Bitstream Vera Sans, Verdana, sans-serif";

/// Cap height of DejaVu Sans, in em.
pub(crate) const CAP_HEIGHT: f64 = 0.729;
/// Descender depth of DejaVu Sans, in em.
pub(crate) const DESCENT: f64 = 0.236;

/// The embedded font, parsed once.
pub(crate) fn font() -> Result<&'static FontRef<'static>, PlotError> {
    static FONT: OnceLock<Result<FontRef<'static>, String>> = OnceLock::new();
    FONT.get_or_init(|| {
        FontRef::try_from_slice(FONT_BYTES)
            .map_err(|e| format!("the embedded DejaVu Sans font could not be parsed: {e}"))
    })
    .as_ref()
    .map_err(|e| PlotError::Drawing(e.clone()))
}

/// Check that the embedded font is usable (done before any layout).
pub(crate) fn ensure_font() -> Result<(), PlotError> {
    font().map(|_| ())
}

/// The ab_glyph scale for a CSS font size (em) in pixels: ab_glyph scales the font so
/// that ascent - descent equals the scale, CSS/SVG scale the em square.
fn px_scale(font: &FontRef<'_>, em: f64) -> PxScale {
    let upem = f64::from(font.units_per_em().unwrap_or(2048.0));
    PxScale::from((em * f64::from(font.height_unscaled()) / upem) as f32)
}

/// Advance width in pixels of `text` at font size `em` (with kerning; control
/// characters count as spaces).
pub(crate) fn plain_width(text: &str, em: f64) -> f64 {
    let Ok(font) = font() else {
        // Cannot happen (the font is embedded); a rough estimate keeps layout going.
        return 0.6 * em * text.chars().count() as f64;
    };
    let sf = font.as_scaled(px_scale(font, em));
    let mut pen = 0f32;
    let mut prev: Option<GlyphId> = None;
    for c in text.chars() {
        let c = if c.is_control() { ' ' } else { c };
        let id = sf.glyph_id(c);
        if let Some(p) = prev {
            pen += sf.kern(p, id);
        }
        pen += sf.h_advance(id);
        prev = Some(id);
    }
    f64::from(pen)
}

/// Vertical placement of a run of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shift {
    Normal,
    Sup,
    Sub,
}

impl Shift {
    /// Font scale relative to the normal size.
    pub(crate) fn scale(self) -> f64 {
        match self {
            Shift::Normal => 1.0,
            Shift::Sup | Shift::Sub => 0.7,
        }
    }

    /// Baseline offset (positive = down) in units of the normal em.
    pub(crate) fn offset(self) -> f64 {
        match self {
            Shift::Normal => 0.0,
            Shift::Sup => -0.42,
            Shift::Sub => 0.24,
        }
    }
}

/// A run of text with one vertical placement.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Span {
    pub text: String,
    pub shift: Shift,
}

/// Rich text: a sequence of spans.
pub(crate) type Rich = Vec<Span>;

/// Plain text as rich text (no markup interpretation).
pub(crate) fn plain(text: &str) -> Rich {
    vec![Span {
        text: text.to_string(),
        shift: Shift::Normal,
    }]
}

/// Parse `_{..}`, `^{..}`, `_c`, `^c` (c plus trailing primes) and `\c` escapes.
pub(crate) fn parse_markup(src: &str) -> Rich {
    let mut out: Rich = Vec::new();
    let mut cur = String::new();
    let push = |out: &mut Rich, text: String, shift: Shift| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.shift == shift => last.text.push_str(&text),
            _ => out.push(Span { text, shift }),
        }
    };
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                cur.push(chars[i + 1]);
                i += 2;
            }
            '_' | '^' if i + 1 < chars.len() && !chars[i + 1].is_whitespace() => {
                let shift = if c == '_' { Shift::Sub } else { Shift::Sup };
                let (script, next) = if chars[i + 1] == '{' {
                    match chars[i + 2..].iter().position(|&ch| ch == '}') {
                        Some(p) => (
                            chars[i + 2..i + 2 + p].iter().collect::<String>(),
                            i + 3 + p,
                        ),
                        // Unbalanced brace: take the rest of the string.
                        None => (chars[i + 2..].iter().collect(), chars.len()),
                    }
                } else {
                    let mut j = i + 2;
                    while j < chars.len() && matches!(chars[j], '\'' | '′' | '″') {
                        j += 1;
                    }
                    (chars[i + 1..j].iter().collect(), j)
                };
                push(&mut out, std::mem::take(&mut cur), Shift::Normal);
                push(&mut out, script, shift);
                i = next;
            }
            _ => {
                cur.push(c);
                i += 1;
            }
        }
    }
    push(&mut out, cur, Shift::Normal);
    out
}

/// Width in pixels of rich text at normal size `em`.
pub(crate) fn rich_width(rich: &Rich, em: f64) -> f64 {
    rich.iter()
        .map(|s| plain_width(&s.text, em * s.shift.scale()))
        .sum()
}

/// Whether any span is a superscript (needs extra room above).
pub(crate) fn has_sup(rich: &Rich) -> bool {
    rich.iter().any(|s| s.shift == Shift::Sup)
}

/// Whether any span is a subscript (needs extra room below).
pub(crate) fn has_sub(rich: &Rich) -> bool {
    rich.iter().any(|s| s.shift == Shift::Sub)
}

/// The concatenated text of all spans.
pub(crate) fn rich_string(rich: &Rich) -> String {
    rich.iter().map(|s| s.text.as_str()).collect()
}

/// Truncate plain text with an ellipsis so that it fits into `max_width`.
pub(crate) fn truncate(text: &str, em: f64, max_width: f64) -> String {
    if plain_width(text, em) <= max_width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    // Binary search on the number of characters kept.
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if plain_width(&candidate, em) <= max_width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
        + "…"
}

/// Truncate rich text (span by span) so that it fits into `max_width`.
pub(crate) fn truncate_rich(rich: &Rich, em: f64, max_width: f64) -> Rich {
    if rich_width(rich, em) <= max_width {
        return rich.clone();
    }
    let mut out = Rich::new();
    let mut used = 0.0;
    for span in rich {
        let e = em * span.shift.scale();
        let w = plain_width(&span.text, e);
        if used + w + plain_width("…", e) <= max_width {
            out.push(span.clone());
            used += w;
        } else {
            let text = truncate(&span.text, e, (max_width - used).max(0.0));
            out.push(Span {
                text,
                shift: span.shift,
            });
            break;
        }
    }
    out
}

/// Greedy word wrap of rich text into lines no wider than `max_width`, never cutting a
/// word (a word wider than a line gets a line of its own). Words break at spaces of
/// normal-size text; a subscript or superscript stays with its word. Legend labels are
/// wrapped this way so that no label is truncated.
pub(crate) fn wrap_rich(rich: &Rich, em: f64, max_width: f64) -> Vec<Rich> {
    // Words as rich fragments.
    let mut words: Vec<Rich> = Vec::new();
    let mut word = Rich::new();
    for span in rich {
        if span.shift != Shift::Normal {
            word.push(span.clone());
            continue;
        }
        let mut parts = span.text.split(' ').peekable();
        while let Some(part) = parts.next() {
            if !part.is_empty() {
                word.push(Span {
                    text: part.to_string(),
                    shift: Shift::Normal,
                });
            }
            if parts.peek().is_some() && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let mut lines: Vec<Rich> = Vec::new();
    let mut line = Rich::new();
    for w in words {
        if line.is_empty() {
            line = w;
            continue;
        }
        let mut candidate = line.clone();
        candidate.push(Span {
            text: " ".into(),
            shift: Shift::Normal,
        });
        candidate.extend(w.iter().cloned());
        if rich_width(&candidate, em) <= max_width {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, w));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Greedy word wrap of plain text into lines no wider than `max_width`; words longer
/// than a line are cut with an ellipsis. At most `max_lines` lines are produced; if
/// text remains, the last line ends with an ellipsis. Continuation lines are indented
/// by `indent` pixels (the caller draws them shifted), which the width accounts for.
pub(crate) fn wrap(
    text: &str,
    em: f64,
    max_width: f64,
    indent: f64,
    max_lines: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let width_for = |n: usize| {
        if n == 0 {
            max_width
        } else {
            max_width - indent
        }
    };
    let mut words = text.split_whitespace().peekable();
    let mut overflow = false;
    while let Some(word) = words.next() {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if plain_width(&candidate, em) <= width_for(lines.len()) {
            cur = candidate;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
            if lines.len() == max_lines {
                overflow = true;
                break;
            }
        }
        if plain_width(word, em) <= width_for(lines.len()) {
            cur = word.to_string();
        } else {
            lines.push(truncate(word, em, width_for(lines.len())));
            if lines.len() == max_lines && words.peek().is_some() {
                overflow = true;
                break;
            }
        }
    }
    if !cur.is_empty() {
        if lines.len() < max_lines {
            lines.push(cur);
        } else {
            overflow = true;
        }
    }
    if overflow {
        if let Some(last) = lines.last_mut() {
            let w = width_for(max_lines.saturating_sub(1));
            *last = truncate(&format!("{last} …"), em, w);
            if !last.ends_with('…') {
                last.push_str(" …");
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup() {
        let r = parse_markup("m_Z' [GeV]");
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].text, "m");
        assert_eq!(r[1].text, "Z'");
        assert_eq!(r[1].shift, Shift::Sub);
        assert_eq!(r[2].text, " [GeV]");
        let r = parse_markup("10^{-3} a\\_b x_");
        assert_eq!(rich_string(&r), "10-3 a_b x_");
        assert_eq!(r[1].shift, Shift::Sup);
        let r = parse_markup("g^{unclosed");
        assert_eq!(rich_string(&r), "gunclosed");
    }

    #[test]
    fn widths_and_wrapping() {
        ensure_font().unwrap();
        let w1 = plain_width("m", 20.0);
        let w2 = plain_width("mm", 20.0);
        assert!(w1 > 5.0 && (w2 - 2.0 * w1).abs() < 0.5);
        let long = "word ".repeat(200);
        let lines = wrap(&long, 12.0, 300.0, 10.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        for l in &lines {
            assert!(plain_width(l, 12.0) <= 300.0 + 0.5);
        }
        let t = truncate(&"x".repeat(500), 12.0, 100.0);
        assert!(plain_width(&t, 12.0) <= 100.0 && t.ends_with('…'));
    }
}
