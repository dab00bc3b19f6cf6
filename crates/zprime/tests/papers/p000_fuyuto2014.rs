//! Paper 000: K. Fuyuto, W.-S. Hou, M. Kohda, PRL 114, 171802 (2015), with `fuyuto2014`.

use super::common::*;
use zprime::InputSet;

/// Fig. 2 caption: "For m_Z' = 285 MeV (Z' -> nu nubar 54%)".
#[test]
fn invisible_fraction_at_285_mev() {
    let set = InputSet::load("fuyuto2014").unwrap();
    let br = predict("BR(Zp->invisible)", &set, &point("lmu-ltau", 0.285, 1e-3));
    let id = "000-invisible-285";
    assert!((br - value(id)).abs() < absolute(id), "{br}");
    // Closed form: 1 / (1 + beta (1 + 2 r)), r = m_mu^2/m^2 (the electron channel is ~1e-5).
    let r = (0.1056583755_f64 / 0.285).powi(2);
    let cf = 1.0 / (1.0 + (1.0 - 4.0 * r).sqrt() * (1.0 + 2.0 * r));
    assert!((br / cf - 1.0).abs() < 1e-4, "{br} vs {cf}");
}
