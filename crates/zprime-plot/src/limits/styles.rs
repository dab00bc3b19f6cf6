//! Styles per constraint, from `data/plot/styles.toml` (presentation only; see the
//! header of that file for the matching rule).

use std::sync::OnceLock;

use serde::Deserialize;

use crate::{Colour, LineStyle, PlotError};

/// The shipped styles file, embedded.
const EMBEDDED_STYLES: &str = include_str!("../../../../data/plot/styles.toml");

/// How the constraints of a limits figure are drawn: defaults plus styles matched by
/// constraint id. Built from a TOML file of the format of `data/plot/styles.toml`.
#[derive(Clone, Debug)]
pub struct PlotStyles {
    defaults: Defaults,
    styles: Vec<Rule>,
}

/// The resolved style of one constraint.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstraintStyle {
    /// Colour of the region, band or curve.
    pub colour: Colour,
    /// The edge of an excluded region, or the curve of a projection.
    pub line: LineStyle,
    /// Fill opacity of an excluded region (0: edge only).
    pub fill: f64,
    /// Drawing order (lower first; ties keep the input-set order).
    pub order: i64,
}

#[derive(Clone, Debug)]
pub(crate) struct Defaults {
    palette: Vec<Colour>,
    fill: f64,
    line: LineStyle,
    projection_line: LineStyle,
    pub projection_width: u32,
    pub band_fill_inner: f64,
    pub band_fill_outer: f64,
    pub expected_fill: f64,
    /// Colour of the ±1σ expected-limit band (green in the usual convention).
    pub expected_colour_1sigma: Colour,
    /// Colour of the ±2σ (and wider) expected-limit band (yellow).
    pub expected_colour_2sigma: Colour,
    /// Colour of the masses where a K+ -> pi+ X search is blind and only K_L -> pi0 X
    /// searches constrain (paper 000's window).
    pub kaon_blind_colour: Colour,
    /// Its fill opacity.
    pub kaon_blind_fill: f64,
}

#[derive(Clone, Debug)]
struct Rule {
    pattern: String,
    colour: Option<Colour>,
    line: Option<LineStyle>,
    fill: Option<f64>,
    order: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDefaults {
    palette: Vec<String>,
    fill: f64,
    line: String,
    projection_line: String,
    projection_width: u32,
    band_fill_inner: f64,
    band_fill_outer: f64,
    expected_fill: f64,
    expected_colour_1sigma: String,
    expected_colour_2sigma: String,
    #[serde(default = "default_kaon_blind_colour")]
    kaon_blind_colour: String,
    #[serde(default = "default_kaon_blind_fill")]
    kaon_blind_fill: f64,
}

fn default_kaon_blind_colour() -> String {
    "#999999".into()
}

fn default_kaon_blind_fill() -> f64 {
    0.15
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRule {
    #[serde(rename = "match")]
    pattern: String,
    colour: Option<String>,
    line: Option<String>,
    fill: Option<f64>,
    order: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    defaults: FileDefaults,
    #[serde(default)]
    style: Vec<FileRule>,
}

fn invalid(what: &str, message: impl std::fmt::Display) -> PlotError {
    PlotError::InvalidFigure(format!("plot styles: {what}: {message}"))
}

fn colour(what: &str, text: &str) -> Result<Colour, PlotError> {
    let hex = text
        .strip_prefix('#')
        .filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()));
    let channel = |h: &str, i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    match hex {
        Some(h) => match (channel(h, 0), channel(h, 2), channel(h, 4)) {
            (Some(r), Some(g), Some(b)) => Ok(Colour::rgb(r, g, b)),
            _ => Err(invalid(what, format!("colour '{text}' is not #rrggbb"))),
        },
        None => Err(invalid(what, format!("colour '{text}' is not #rrggbb"))),
    }
}

fn line(what: &str, text: &str) -> Result<LineStyle, PlotError> {
    match text {
        "solid" => Ok(LineStyle::Solid),
        "dashed" => Ok(LineStyle::Dashed),
        "dotted" => Ok(LineStyle::Dotted),
        other => Err(invalid(
            what,
            format!("line '{other}' is not one of solid, dashed, dotted"),
        )),
    }
}

fn opacity(what: &str, value: f64) -> Result<f64, PlotError> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(invalid(what, format!("opacity {value} is not in [0, 1]")))
    }
}

impl PlotStyles {
    /// The styles shipped in `data/plot/styles.toml` (parsed once).
    pub fn embedded() -> Result<&'static PlotStyles, PlotError> {
        static STYLES: OnceLock<Result<PlotStyles, String>> = OnceLock::new();
        STYLES
            .get_or_init(|| PlotStyles::from_toml(EMBEDDED_STYLES).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| PlotError::InvalidFigure(e.clone()))
    }

    /// Styles from the text of a TOML file in the format of `data/plot/styles.toml`.
    pub fn from_toml(text: &str) -> Result<PlotStyles, PlotError> {
        let file: File = toml::from_str(text).map_err(|e| invalid("TOML", e.message()))?;
        let d = file.defaults;
        if d.palette.is_empty() {
            return Err(invalid("defaults.palette", "is empty"));
        }
        if !(1..=40).contains(&d.projection_width) {
            return Err(invalid(
                "defaults.projection_width",
                format!("{} is not in 1..=40", d.projection_width),
            ));
        }
        let defaults = Defaults {
            palette: d
                .palette
                .iter()
                .map(|c| colour("defaults.palette", c))
                .collect::<Result<_, _>>()?,
            fill: opacity("defaults.fill", d.fill)?,
            line: line("defaults.line", &d.line)?,
            projection_line: line("defaults.projection_line", &d.projection_line)?,
            projection_width: d.projection_width,
            band_fill_inner: opacity("defaults.band_fill_inner", d.band_fill_inner)?,
            band_fill_outer: opacity("defaults.band_fill_outer", d.band_fill_outer)?,
            expected_fill: opacity("defaults.expected_fill", d.expected_fill)?,
            expected_colour_1sigma: colour(
                "defaults.expected_colour_1sigma",
                &d.expected_colour_1sigma,
            )?,
            expected_colour_2sigma: colour(
                "defaults.expected_colour_2sigma",
                &d.expected_colour_2sigma,
            )?,
            kaon_blind_colour: colour("defaults.kaon_blind_colour", &d.kaon_blind_colour)?,
            kaon_blind_fill: opacity("defaults.kaon_blind_fill", d.kaon_blind_fill)?,
        };
        let styles = file
            .style
            .into_iter()
            .map(|s| {
                let what = format!("style '{}'", s.pattern);
                let stem = s.pattern.strip_suffix('*').unwrap_or(&s.pattern);
                if s.pattern.is_empty() || stem.contains('*') {
                    return Err(invalid(
                        &what,
                        "match must be an id, or a prefix ending in *",
                    ));
                }
                Ok(Rule {
                    colour: s.colour.as_deref().map(|c| colour(&what, c)).transpose()?,
                    line: s.line.as_deref().map(|l| line(&what, l)).transpose()?,
                    fill: s.fill.map(|f| opacity(&what, f)).transpose()?,
                    order: s.order,
                    pattern: s.pattern,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(PlotStyles { defaults, styles })
    }

    /// The style of the constraint `id` at `position` in its input set (the position
    /// only picks the fallback colour when no style matches); `projection` selects the
    /// default line of a projected sensitivity.
    pub fn style_for(&self, id: &str, position: usize, projection: bool) -> ConstraintStyle {
        let exact = self.styles.iter().find(|s| s.pattern == id);
        let prefix = || {
            self.styles
                .iter()
                .filter(|s| {
                    s.pattern
                        .strip_suffix('*')
                        .is_some_and(|prefix| id.starts_with(prefix))
                })
                .max_by_key(|s| s.pattern.len())
        };
        let rule = exact.or_else(prefix);
        let d = &self.defaults;
        ConstraintStyle {
            colour: rule
                .and_then(|r| r.colour)
                .unwrap_or(d.palette[position % d.palette.len()]),
            line: rule.and_then(|r| r.line.clone()).unwrap_or(if projection {
                d.projection_line.clone()
            } else {
                d.line.clone()
            }),
            fill: rule.and_then(|r| r.fill).unwrap_or(d.fill),
            order: rule.and_then(|r| r.order).unwrap_or(0),
        }
    }

    pub(crate) fn defaults(&self) -> &Defaults {
        &self.defaults
    }
}

impl Defaults {
    /// The fallback colours, in order.
    pub(crate) fn palette(&self) -> &[Colour] {
        &self.palette
    }
}
