//! Helpers shared by the reproduction tests.

use std::collections::BTreeMap;
use zprime::constraints::Constraint;
use zprime::{InputSet, Model, Point, StandardModel};

/// A point of a preset model.
pub fn point(model: &str, mass: f64, g: f64) -> Point {
    Model::resolve(model)
        .unwrap()
        .point(mass, g, &BTreeMap::new())
        .unwrap()
}

/// Predict an observable by canonical name with an input set.
pub fn predict(name: &str, inputs: &InputSet, p: &Point) -> f64 {
    zprime::observables::predict(name, &[], p, inputs).unwrap()
}

/// The rate of a kaon branching fraction over the parent's Standard-Model width,
/// Γ(K → X Z')/Γ_K: at unit coupling, the BR per g² of the papers (valid while BR ≪ 1; the
/// observable `BR(...)` itself divides by the total width with the new decays).
pub fn rate_over_sm(br: &str, inputs: &InputSet, p: &Point) -> f64 {
    let (width, gamma) = match br {
        "BR(K+->piZp)" => ("Gamma(K+->piZp)", "Gamma_Kp"),
        "BR(KL->piZp)" => ("Gamma(KL->piZp)", "Gamma_KL"),
        "BR(K+->munuZp)" => ("Gamma(K+->munuZp)", "Gamma_Kp"),
        _ => panic!("no partial width for {br}"),
    };
    predict(width, inputs, p) / inputs.value(gamma).unwrap()
}

/// The upper limit on the coupling of constraint `id` at `mass` (lmu-ltau).
pub fn upper_limit(id: &str, inputs: &InputSet, mass: f64) -> f64 {
    let sm = StandardModel::from_inputs(inputs).unwrap();
    let c = Constraint::load(id, inputs).unwrap();
    c.limits_at(&sm, inputs, &point("lmu-ltau", mass, 1e-3))
        .unwrap()
        .upper_limit
        .unwrap()
}

/// The preferred band of constraint `id` at `mass` at its band level `k` (lmu-ltau).
pub fn band(id: &str, inputs: &InputSet, mass: f64, k: usize) -> [f64; 2] {
    let sm = StandardModel::from_inputs(inputs).unwrap();
    let c = Constraint::load(id, inputs).unwrap();
    c.limits_at(&sm, inputs, &point("lmu-ltau", mass, 1e-3))
        .unwrap()
        .preferred[k][0]
}

/// The coupling at which a degree-2 observable equals `target` at `mass`.
pub fn coupling_for(name: &str, inputs: &InputSet, mass: f64, target: f64) -> f64 {
    let unit = predict(name, inputs, &point("lmu-ltau", mass, 1.0));
    (target / unit).sqrt()
}

/// The entry `id` of the table of printed numbers (`data/papers/printed.toml`), which
/// `zprime reproduce` reads too: the expected values and tolerances below come from it.
pub fn number(id: &str) -> &'static zprime::reproduce::PrintedNumber {
    zprime::reproduce::printed(id).unwrap()
}

/// The printed value of `id`.
pub fn value(id: &str) -> f64 {
    number(id).value.unwrap()
}

/// The relative tolerance of `id` about its printed value.
pub fn relative(id: &str) -> f64 {
    number(id)
        .tolerance
        .and_then(zprime::reproduce::Tolerance::relative)
        .unwrap()
}

/// The absolute tolerance of `id` about its printed value.
pub fn absolute(id: &str) -> f64 {
    number(id)
        .tolerance
        .and_then(zprime::reproduce::Tolerance::absolute)
        .unwrap()
}

/// The accepted open range of `id`.
pub fn within(id: &str) -> (f64, f64) {
    number(id)
        .tolerance
        .and_then(zprime::reproduce::Tolerance::within)
        .unwrap()
}

/// Our value of `id` where it differs from the printed one for a documented cause.
pub fn ours(id: &str) -> f64 {
    number(id).ours.unwrap().expected.unwrap()
}

/// The relative tolerance of our value of `id`.
pub fn ours_relative(id: &str) -> f64 {
    number(id).ours.unwrap().tolerance.relative().unwrap()
}

/// The absolute tolerance of our value of `id`.
pub fn ours_absolute(id: &str) -> f64 {
    number(id).ours.unwrap().tolerance.absolute().unwrap()
}

/// The open range our value of `id` lies in.
pub fn ours_within(id: &str) -> (f64, f64) {
    number(id).ours.unwrap().tolerance.within().unwrap()
}

/// `lo < x < hi`.
pub fn inside(x: f64, (lo, hi): (f64, f64)) -> bool {
    lo < x && x < hi
}
