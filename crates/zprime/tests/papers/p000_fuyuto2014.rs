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

/// The bound of a shipped constraint at a b-l-23 point of mass `mass` (invisible Z'), and
/// the reason it is not applied where it is not.
fn bound_at(id: &str, set: &InputSet, mass: f64) -> Result<f64, String> {
    let sm = zprime::StandardModel::from_inputs(set).unwrap();
    let c = zprime::constraints::Constraint::load(id, set).unwrap();
    let p = point("b-l-23", mass, 1e-6);
    match c.evaluate(&sm, set, &p).unwrap() {
        Some(e) => Ok(e.bound),
        None => Err(c.not_applied_reason(&sm, set, &p).unwrap()),
    }
}

/// Eq. (5), the K_L bound 2.4e-7 it implies through the Grossman-Nir factor, and the paper's
/// central point: inside E949's blind window (116-152 MeV) the K_L bound derived from the
/// E949 K+ curve does not apply, only the direct K_L search (E391a) and the pi0 bound do.
#[test]
fn eq_5_the_grossman_nir_bound_and_the_loophole() {
    let set = InputSet::load("fuyuto2014").unwrap();
    let m = set.value("m_pi0").unwrap();
    let printed_digits = |x: f64, id: &str| {
        let v = value(id);
        let scale = 10f64.powi(v.abs().log10().floor() as i32 - 1);
        ((x / scale).round() * scale / v - 1.0).abs() < 1e-9
    };
    let e949 = bound_at("K+->piX:E949:pi0", &set, m).unwrap();
    assert!(printed_digits(e949, "000-e949-pi0"), "{e949:e}");
    let gn = bound_at("KL->piX:GN(E949:pi0)", &set, m).unwrap();
    assert!(printed_digits(gn, "000-gn-kl-bound"), "{gn:e}");
    assert!((gn / 2.447e-7 - 1.0).abs() < 2e-3, "{gn:e}");
    // The loophole: at 128 MeV and at m_pi0 E949's K+ curve and the GN bound from it are
    // not applied, with the blind window as the reason; E391a applies at every mass.
    for mass in [0.128, m] {
        for id in ["K+->piX:E949", "KL->piX:GN(E949)"] {
            let why = bound_at(id, &set, mass).unwrap_err();
            assert!(why.contains("blind window"), "{id} at {mass}: {why}");
        }
        assert!(bound_at("KL->piX:E391a", &set, mass).is_ok());
    }
    let why = bound_at("KL->piX:GN(E949)", &set, 0.128).unwrap_err();
    assert!(why.contains("Grossman-Nir"), "{why}");
    // Outside the window the GN bound from E949 applies: r_GN times E949's limit.
    let (k, l) = (
        bound_at("K+->piX:E949", &set, 0.09).unwrap(),
        bound_at("KL->piX:GN(E949)", &set, 0.09).unwrap(),
    );
    let r = predict("r_GN(K->piZp)", &set, &point("lmu-ltau", 0.09, 1e-3));
    assert!((l / (r * k) - 1.0).abs() < 1e-12, "{l:e} {k:e} {r}");
}
