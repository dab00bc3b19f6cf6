//! PNG output: the SVG document this crate writes, rasterised by resvg (tiny-skia), with
//! text drawn from the embedded font only, so a PNG looks the same on every machine.
//!
//! Going through the SVG means one drawing path for all three formats: what the SVG
//! shows is what the PNG and the PDF show.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::PlotError;

/// Pixels per inch at which a figure's own pixel size is printed: the same as the PDF
/// page, so a 1000 px wide figure is 6.67 in wide in either format, with 10 pt tick
/// labels. A PNG at another resolution keeps that physical size and scales its pixels.
pub const PNG_DPI: f64 = 150.0;

/// Allowed PNG resolutions (pixels per inch of the printed figure).
pub const PNG_DPI_RANGE: std::ops::RangeInclusive<f64> = 50.0..=1200.0;

/// The font database holding only the embedded DejaVu Sans (parsed once; constant
/// data), mapped to the generic `sans-serif` family as well. No system fonts are
/// loaded, so output does not depend on the machine.
pub(crate) fn font_database() -> Arc<usvg::fontdb::Database> {
    static DATABASE: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DATABASE
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(crate::text::FONT_BYTES.to_vec());
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

/// Parse an SVG document produced by this crate, resolving text with the embedded font.
pub(crate) fn parse_svg(svg: &str) -> Result<usvg::Tree, PlotError> {
    let options = usvg::Options {
        fontdb: font_database(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| PlotError::Drawing(format!("SVG parsing: {e}")))
}

/// Rasterise an SVG document produced by this crate at `dpi` (see [`PNG_DPI`]) and
/// encode it as an 8-bit RGB PNG that records its resolution (pHYs chunk).
pub(crate) fn svg_to_png(svg: &str, dpi: f64) -> Result<Vec<u8>, PlotError> {
    if !PNG_DPI_RANGE.contains(&dpi) {
        return Err(PlotError::InvalidFigure(format!(
            "PNG resolution {dpi} dpi is outside {}..={}",
            PNG_DPI_RANGE.start(),
            PNG_DPI_RANGE.end()
        )));
    }
    let tree = parse_svg(svg)?;
    let scale = dpi / PNG_DPI;
    let size = tree.size();
    let width = (f64::from(size.width()) * scale).round();
    let height = (f64::from(size.height()) * scale).round();
    let too_large = || {
        PlotError::InvalidFigure(format!(
            "PNG of {width} x {height} px at {dpi} dpi is too large"
        ))
    };
    if width * height > MAX_PIXELS {
        return Err(too_large());
    }
    // Both are positive integers below 2^32 here (checked above).
    let (width, height) = (width as u32, height as u32);
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or_else(too_large)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let scale = scale as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // The background is opaque white, so premultiplied and straight RGB agree and the
    // alpha channel carries nothing: drop it (a quarter smaller file).
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    encode(&rgb, width, height, dpi)
}

/// Largest PNG in pixels (16000 x 16000, the largest figure at its own size).
const MAX_PIXELS: f64 = 2.56e8;

/// Encode RGB pixels with the `png` crate (`::png`, not this module).
fn encode(rgb: &[u8], width: u32, height: u32, dpi: f64) -> Result<Vec<u8>, PlotError> {
    let failed = |e: ::png::EncodingError| PlotError::Drawing(format!("PNG encoding: {e}"));
    let mut out = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut out, width, height);
    encoder.set_color(::png::ColorType::Rgb);
    encoder.set_depth(::png::BitDepth::Eight);
    // Fast deflate: a figure is mostly flat colour, which compresses well even so; the
    // default level took about a third of the rasterising time for 10 % smaller files.
    encoder.set_compression(::png::Compression::Fast);
    // pHYs: pixels per metre (1 in = 0.0254 m).
    let per_metre = (dpi / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(::png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: ::png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(rgb).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}
