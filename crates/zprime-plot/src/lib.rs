//! Publication-quality exclusion plots in the (m_Z', g) plane.
//!
//! `zprime-plot` draws the kind of figure found in every dark-photon / light-Z' paper:
//! log-log axes with ticks on the decades, semi-transparent excluded regions, preferred
//! bands (e.g. the muon g-2 band), solid/dashed/dotted curves (projected sensitivities),
//! text annotations, a legend, a title and a small-print footer naming the input set
//! and the citations.
//!
//! A [`Figure`] is a plain description (ranges, labels, a list of [`Layer`]s drawn in
//! order). [`render`] writes it to a file whose extension selects the format
//! (`.svg`, `.png` or `.pdf`); [`render_svg_string`], [`render_png_bytes`] and
//! `render_pdf_bytes` render in memory. PNG and PDF are made from the SVG (by resvg and
//! svg2pdf), so the three formats show the same drawing.
//! Nothing in this crate panics on bad data: non-finite values (and values `<= 0` on a
//! log axis) are gaps, data outside the frame is clipped, and structural problems are
//! reported as [`PlotError`].
//!
//! ```no_run
//! use zprime_plot::{palette, render, Figure, Layer, LineStyle};
//!
//! let x: Vec<f64> = (0..=100).map(|i| 10f64.powf(-3.0 + 5.0 * i as f64 / 100.0)).collect();
//! let limit: Vec<f64> = x.iter().map(|m| 1e-4 * (1.0 + m * 10.0)).collect();
//! let mut fig = Figure::new("Light Z' limits", "m_Z' [GeV]", "g'", (1e-3, 1e2), (1e-5, 1.0));
//! fig.layers.push(Layer::ExcludedAbove {
//!     label: "Collider".into(),
//!     colour: palette(0),
//!     opacity: 0.35,
//!     x,
//!     y: limit,
//!     edge: Some(LineStyle::Solid),
//! });
//! fig.footer.push("Input set: default.toml".into());
//! render(&fig, std::path::Path::new("limits.png")).unwrap();
//! ```
//!
//! # Text markup
//!
//! The title, the axis labels, legend labels and [`Layer::Text`] annotations understand a
//! tiny TeX-like markup: `_{...}` is a subscript and `^{...}` a superscript; without
//! braces a single character (plus any trailing primes `'`) is taken, so `m_Z'` renders
//! as m with subscript Z'. A backslash escapes the next character (`\_` is a literal
//! underscore). Footer lines are printed verbatim. Greek letters and other symbols are
//! plain Unicode (`"g_μ − 2"`); the embedded DejaVu Sans font covers them.
//!
//! # Fonts
//!
//! DejaVu Sans (see `fonts/LICENSE-DejaVu.txt`) is embedded and used for text measurement
//! and for all PNG and PDF text (the renderers see no other font), so layouts and images
//! do not depend on the fonts installed on the machine.
//! SVG output names `DejaVu Sans` first in its `font-family` list and falls back to the
//! viewer's sans-serif font.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod contour;
mod geom;
#[cfg(feature = "limits")]
pub mod limits;
#[cfg(feature = "pdf")]
mod pdf;
mod png;
mod scene;
mod svg;
mod text;

use std::path::Path;

pub use png::{PNG_DPI, PNG_DPI_RANGE};

/// An opaque colour as 8-bit RGB components.
///
/// Opacity is not part of the colour: filled layers carry their own `opacity`, so the
/// same colour can be used for a region and for its edge line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Colour {
    /// Red component.
    pub r: u8,
    /// Green component.
    pub g: u8,
    /// Blue component.
    pub b: u8,
}

impl Colour {
    /// Black.
    pub const BLACK: Colour = Colour::rgb(0, 0, 0);
    /// White.
    pub const WHITE: Colour = Colour::rgb(255, 255, 255);
    /// A neutral mid grey, handy for secondary annotations.
    pub const GREY: Colour = Colour::rgb(110, 110, 110);

    /// A colour from its red, green and blue components.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Colour {
        Colour { r, g, b }
    }

    /// The colour as a CSS/SVG hex string, e.g. `#e69f00`.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// How a line is stroked.
#[derive(Clone, Debug, PartialEq)]
pub enum LineStyle {
    /// A continuous line.
    Solid,
    /// Dashes (typically used for projected sensitivities).
    Dashed,
    /// Round dots.
    Dotted,
}

/// The shape of a scatter marker ([`Layer::Points`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Marker {
    /// A filled square.
    Square,
    /// A filled circle.
    Circle,
    /// A filled five-pointed star.
    Star,
}

/// One element of a figure.
///
/// All coordinates are data coordinates: x is the Z' mass in GeV and y the coupling (or
/// whatever the axes of the [`Figure`] mean). Layers are drawn in order, later ones on
/// top. A layer with an empty label gets no legend entry; several layers with the same
/// label and colour share one entry.
#[derive(Clone, Debug)]
pub enum Layer {
    /// Region between `lower` and `upper` curves filled (e.g. a preferred band, or an
    /// exclusion bounded above by the top of the plot: pass upper = y at the top of the
    /// frame). Both curves are sampled at the same x values `x`. Points where
    /// lower >= upper, or either is not finite, are gaps (the polygon is split there).
    Band {
        /// Legend label.
        label: String,
        /// Fill (and edge) colour.
        colour: Colour,
        /// Fill opacity in `[0, 1]`.
        opacity: f64,
        /// Common abscissae of both curves.
        x: Vec<f64>,
        /// Lower boundary of the band.
        lower: Vec<f64>,
        /// Upper boundary of the band.
        upper: Vec<f64>,
        /// If set, both boundary curves are stroked in this style.
        edge: Option<LineStyle>,
    },
    /// An excluded region: everything ABOVE the curve y(x) up to the top of the frame is
    /// filled. Non-finite y values are gaps. (Most coupling limits are upper limits on g.)
    ExcludedAbove {
        /// Legend label.
        label: String,
        /// Fill (and edge) colour.
        colour: Colour,
        /// Fill opacity in `[0, 1]`.
        opacity: f64,
        /// Abscissae of the limit curve.
        x: Vec<f64>,
        /// The limit curve.
        y: Vec<f64>,
        /// If set, the limit curve is stroked in this style.
        edge: Option<LineStyle>,
    },
    /// Excluded BELOW the curve down to the bottom of the frame.
    ExcludedBelow {
        /// Legend label.
        label: String,
        /// Fill (and edge) colour.
        colour: Colour,
        /// Fill opacity in `[0, 1]`.
        opacity: f64,
        /// Abscissae of the limit curve.
        x: Vec<f64>,
        /// The limit curve.
        y: Vec<f64>,
        /// If set, the limit curve is stroked in this style.
        edge: Option<LineStyle>,
    },
    /// A plain curve (e.g. a projected sensitivity, dashed). Non-finite values are gaps.
    Curve {
        /// Legend label.
        label: String,
        /// Line colour.
        colour: Colour,
        /// Solid, dashed or dotted.
        style: LineStyle,
        /// Line width in pixels at the reference size of 1000 px wide (scaled with the
        /// figure; capped at 40).
        width: u32,
        /// Abscissae.
        x: Vec<f64>,
        /// Ordinates.
        y: Vec<f64>,
    },
    /// Scatter markers at the points (x, y); non-finite points and points outside the frame
    /// are not drawn.
    Points {
        /// Legend label.
        label: String,
        /// Marker colour.
        colour: Colour,
        /// Marker shape.
        marker: Marker,
        /// Marker size (diameter) in pixels at the reference width of 1000 px.
        size: f64,
        /// Abscissae.
        x: Vec<f64>,
        /// Ordinates.
        y: Vec<f64>,
    },
    /// A text annotation at a data-coordinate position.
    ///
    /// The position is the left end of the text, vertically centred on the point.
    /// `size` is the font size in pixels at the reference width of 1000 px (scaled with
    /// the figure). Annotations whose anchor lies outside the frame are not drawn.
    Text {
        /// The text (markup allowed, see the crate documentation).
        text: String,
        /// Text colour.
        colour: Colour,
        /// Data x of the anchor.
        x: f64,
        /// Data y of the anchor.
        y: f64,
        /// Font size in pixels (at 1000 px figure width).
        size: f64,
    },
}

impl Layer {
    /// The legend label of this layer (the text itself for [`Layer::Text`]).
    pub fn label(&self) -> &str {
        match self {
            Layer::Band { label, .. }
            | Layer::ExcludedAbove { label, .. }
            | Layer::ExcludedBelow { label, .. }
            | Layer::Curve { label, .. }
            | Layer::Points { label, .. } => label,
            Layer::Text { text, .. } => text,
        }
    }
}

/// A complete figure: frame, axes, layers, legend, title and footer.
#[derive(Clone, Debug)]
pub struct Figure {
    /// Title printed above the frame (may be empty).
    pub title: String,
    /// Label of the x axis, e.g. `"m_Z' [GeV]"`.
    pub x_label: String,
    /// Label of the y axis, e.g. `"g'"`.
    pub y_label: String,
    /// Visible x range `(min, max)` in data units.
    pub x_range: (f64, f64),
    /// Visible y range `(min, max)` in data units.
    pub y_range: (f64, f64),
    /// Logarithmic x axis.
    pub log_x: bool,
    /// Logarithmic y axis.
    pub log_y: bool,
    /// Layers, drawn in order (later on top).
    pub layers: Vec<Layer>,
    /// Caption lines printed under the plot in a small font (input set, citations...).
    /// Long lines are wrapped; very long ones are truncated with an ellipsis.
    pub footer: Vec<String>,
    /// Width in pixels (default 1000). Fonts and line widths scale with it.
    pub width: u32,
    /// Height in pixels of the plotting area including the title (default 750); the
    /// footer adds height as needed.
    pub height: u32,
}

impl Figure {
    /// A figure with log-log axes, 1000 x 750 pixels, no layers and no footer.
    pub fn new(
        title: impl Into<String>,
        x_label: impl Into<String>,
        y_label: impl Into<String>,
        x_range: (f64, f64),
        y_range: (f64, f64),
    ) -> Self {
        Figure {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            x_range,
            y_range,
            log_x: true,
            log_y: true,
            layers: Vec::new(),
            footer: Vec::new(),
            width: 1000,
            height: 750,
        }
    }

    /// Check the figure for structural problems (ranges, sizes, vector lengths,
    /// opacities). Bad *values* inside the data are not errors: they are gaps.
    pub fn validate(&self) -> Result<(), PlotError> {
        check_range("x", self.x_range, self.log_x)?;
        check_range("y", self.y_range, self.log_y)?;
        if !(MIN_SIZE.0..=MAX_SIZE).contains(&self.width)
            || !(MIN_SIZE.1..=MAX_SIZE).contains(&self.height)
        {
            return Err(PlotError::InvalidFigure(format!(
                "size {}x{} px is outside {}..={} x {}..={}",
                self.width, self.height, MIN_SIZE.0, MAX_SIZE, MIN_SIZE.1, MAX_SIZE
            )));
        }
        for (i, layer) in self.layers.iter().enumerate() {
            let name = |kind: &str| format!("layer {i} ({kind} '{}')", layer.label());
            match layer {
                Layer::Band {
                    opacity,
                    x,
                    lower,
                    upper,
                    ..
                } => {
                    check_opacity(&name("band"), *opacity)?;
                    if x.len() != lower.len() || x.len() != upper.len() {
                        return Err(PlotError::InvalidFigure(format!(
                            "{}: x, lower and upper have lengths {}, {}, {}",
                            name("band"),
                            x.len(),
                            lower.len(),
                            upper.len()
                        )));
                    }
                }
                Layer::ExcludedAbove { opacity, x, y, .. }
                | Layer::ExcludedBelow { opacity, x, y, .. } => {
                    check_opacity(&name("excluded region"), *opacity)?;
                    check_lengths(&name("excluded region"), x, y)?;
                }
                Layer::Curve { x, y, .. } => check_lengths(&name("curve"), x, y)?,
                Layer::Points { x, y, size, .. } => {
                    check_lengths(&name("points"), x, y)?;
                    if !(size.is_finite() && *size > 0.0 && *size <= 200.0) {
                        return Err(PlotError::InvalidFigure(format!(
                            "{}: marker size {size} is not in (0, 200]",
                            name("points")
                        )));
                    }
                }
                Layer::Text { size, .. } => {
                    if !(size.is_finite() && *size > 0.0 && *size <= 500.0) {
                        return Err(PlotError::InvalidFigure(format!(
                            "{}: font size {size} is not in (0, 500]",
                            name("text")
                        )));
                    }
                }
            }
        }
        Ok(())
    }
}

const MIN_SIZE: (u32, u32) = (200, 150);
const MAX_SIZE: u32 = 16_000;

fn check_range(axis: &str, (lo, hi): (f64, f64), log: bool) -> Result<(), PlotError> {
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Err(PlotError::InvalidFigure(format!(
            "{axis} range ({lo}, {hi}) must be finite with min < max"
        )));
    }
    if log && lo <= 0.0 {
        return Err(PlotError::InvalidFigure(format!(
            "{axis} range ({lo}, {hi}) must be positive on a logarithmic axis"
        )));
    }
    if log && hi.log10() - lo.log10() < 1e-9 || !log && (hi - lo) <= f64::EPSILON * hi.abs() {
        return Err(PlotError::InvalidFigure(format!(
            "{axis} range ({lo}, {hi}) is too narrow"
        )));
    }
    Ok(())
}

fn check_opacity(name: &str, opacity: f64) -> Result<(), PlotError> {
    if (0.0..=1.0).contains(&opacity) {
        Ok(())
    } else {
        Err(PlotError::InvalidFigure(format!(
            "{name}: opacity {opacity} is not in [0, 1]"
        )))
    }
}

fn check_lengths(name: &str, x: &[f64], y: &[f64]) -> Result<(), PlotError> {
    if x.len() == y.len() {
        Ok(())
    } else {
        Err(PlotError::InvalidFigure(format!(
            "{name}: x and y have lengths {} and {}",
            x.len(),
            y.len()
        )))
    }
}

/// Everything that can go wrong while rendering a [`Figure`].
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// The output path does not end in a supported extension (`.svg`, `.png`, and
    /// `.pdf` with the `pdf` feature).
    #[cfg_attr(
        feature = "pdf",
        error("unsupported output format '{0}': use a file name ending in .svg, .png or .pdf")
    )]
    #[cfg_attr(
        not(feature = "pdf"),
        error("unsupported output format '{0}': use a file name ending in .svg or .png")
    )]
    UnsupportedFormat(String),
    /// The figure is structurally invalid (e.g. non-positive range on a log axis,
    /// x/y length mismatch).
    #[error("invalid figure: {0}")]
    InvalidFigure(String),
    /// The drawing backend failed (e.g. the embedded font could not be loaded).
    #[error("could not draw the figure: {0}")]
    Drawing(String),
    /// The output file could not be written.
    #[error("could not write '{path}': {source}")]
    Io {
        /// The path that could not be written.
        path: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// Output formats supported by [`render`], chosen from the file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Scalable vector graphics (`.svg`).
    Svg,
    /// Portable network graphics (`.png`).
    Png,
    /// Portable document format (`.pdf`); needs the `pdf` cargo feature (on by default).
    Pdf,
}

impl Format {
    /// The format for a path, from its (case-insensitive) extension.
    pub fn from_path(path: &Path) -> Result<Format, PlotError> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("svg") => Ok(Format::Svg),
            Some("png") => Ok(Format::Png),
            #[cfg(feature = "pdf")]
            Some("pdf") => Ok(Format::Pdf),
            Some(other) => Err(PlotError::UnsupportedFormat(format!(".{other}"))),
            None => Err(PlotError::UnsupportedFormat(path.display().to_string())),
        }
    }
}

/// Render `figure` to `path`; the format is chosen by the extension (`.svg`, `.png`,
/// or `.pdf` with the default `pdf` feature; case-insensitive). Any other extension
/// gives [`PlotError::UnsupportedFormat`]. A PNG has the figure's pixel size
/// ([`PNG_DPI`]); see [`render_at`] for print resolution.
pub fn render(figure: &Figure, path: &Path) -> Result<(), PlotError> {
    render_at(figure, path, PNG_DPI)
}

/// [`render`], with a PNG rasterised at `png_dpi` pixels per inch of the printed figure
/// (in `50..=1200`; the physical size is that of the PDF, 1000 px = 6.67 in, so 300 dpi
/// doubles the pixels). SVG and PDF are vector formats and ignore it.
pub fn render_at(figure: &Figure, path: &Path, png_dpi: f64) -> Result<(), PlotError> {
    let bytes = match Format::from_path(path)? {
        Format::Svg => render_svg_string(figure)?.into_bytes(),
        Format::Png => render_png_bytes_at(figure, png_dpi)?,
        #[cfg(feature = "pdf")]
        Format::Pdf => render_pdf_bytes(figure)?,
        #[cfg(not(feature = "pdf"))]
        Format::Pdf => return Err(PlotError::UnsupportedFormat(".pdf".into())),
    };
    std::fs::write(path, bytes).map_err(|source| PlotError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Render to an in-memory SVG string (for tests and for notebooks).
pub fn render_svg_string(figure: &Figure) -> Result<String, PlotError> {
    let scene = scene::build(figure)?;
    Ok(svg::write(&scene))
}

/// Render to an in-memory PNG file (8-bit RGB) of the figure's pixel size, tagged
/// [`PNG_DPI`].
pub fn render_png_bytes(figure: &Figure) -> Result<Vec<u8>, PlotError> {
    render_png_bytes_at(figure, PNG_DPI)
}

/// Render to an in-memory PNG file (8-bit RGB) at `dpi` pixels per inch of the printed
/// figure (see [`render_at`]); the resolution is recorded in the file.
pub fn render_png_bytes_at(figure: &Figure, dpi: f64) -> Result<Vec<u8>, PlotError> {
    png::svg_to_png(&render_svg_string(figure)?, dpi)
}

/// Render to an in-memory PDF file (one page, vector graphics, font embedded). The
/// page measures the figure's pixel size at 150 px per inch (1000 px = 6.67 in), so
/// tick labels come out at 10 pt.
#[cfg(feature = "pdf")]
pub fn render_pdf_bytes(figure: &Figure) -> Result<Vec<u8>, PlotError> {
    pdf::svg_to_pdf(&render_svg_string(figure)?)
}

/// Okabe–Ito colour-blind-safe palette, reordered so that the first colours are the
/// most distinguishable on white, then extended with a few muted tones.
const PALETTE: [Colour; 11] = [
    Colour::rgb(0, 114, 178),   // blue
    Colour::rgb(213, 94, 0),    // vermillion
    Colour::rgb(0, 158, 115),   // bluish green
    Colour::rgb(204, 121, 167), // reddish purple
    Colour::rgb(230, 159, 0),   // orange
    Colour::rgb(86, 180, 233),  // sky blue
    Colour::rgb(120, 120, 120), // grey
    Colour::rgb(200, 180, 0),   // dark yellow (Okabe-Ito yellow is too pale on white)
    Colour::rgb(140, 86, 75),   // brown
    Colour::rgb(23, 190, 207),  // cyan
    Colour::rgb(0, 0, 0),       // black
];

/// A palette of distinguishable colours for constraint families: the Okabe–Ito
/// colour-blind-safe colours followed by a few extra tones (11 in total), cycling for
/// larger `i`.
pub fn palette(i: usize) -> Colour {
    PALETTE[i % PALETTE.len()]
}

#[cfg(test)]
mod tests;
