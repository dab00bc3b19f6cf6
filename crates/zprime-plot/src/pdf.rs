//! PDF output: the SVG document converted by `svg2pdf`, with the embedded font (text
//! stays text, subset-embedded in the PDF).

use crate::PlotError;

/// Pixels per inch of the PDF page: a 1000 px wide figure becomes 6.67 in wide, with
/// tick labels at 10 pt and axis labels at 12 pt, as in a typical journal figure.
pub(crate) const PDF_DPI: f32 = crate::png::PNG_DPI as f32;

/// Convert an SVG document produced by this crate to PDF bytes.
pub(crate) fn svg_to_pdf(svg: &str) -> Result<Vec<u8>, PlotError> {
    // Only the embedded font: output does not depend on the fonts of the machine.
    let tree = crate::png::parse_svg(svg)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions { dpi: PDF_DPI },
    )
    .map_err(|e| PlotError::Drawing(format!("SVG to PDF conversion: {e}")))
}
