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
