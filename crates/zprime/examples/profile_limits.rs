//! Time the coupling limits of each constraint of an input set over 300 masses (diagnostic):
//! `cargo run --release -p zprime --example profile_limits [INPUT_SET] [MODEL]`.
use std::collections::BTreeMap;
use zprime::constraints::Constraint;
use zprime::{scan, InputSet, Model, StandardModel};

fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "default".into());
    let set = InputSet::load(&name).expect("a shipped input set");
    let sm = StandardModel::from_inputs(&set).expect("valid inputs");
    let model_name = std::env::args().nth(2).unwrap_or_else(|| "lmu-ltau".into());
    let model = Model::resolve(&model_name).expect("a preset");
    let p = model
        .point(0.1, 1e-3, &BTreeMap::new())
        .expect("valid point");
    let masses = scan::log_masses(1e-3, 100.0, 300).expect("valid grid");
    for c in Constraint::for_inputs(&set).expect("constraints resolve") {
        let t = std::time::Instant::now();
        let c = c.for_model(&sm, &set, &p);
        for _ in 0..5 {
            for &m in &masses {
                c.limits_at(&sm, &set, &p.with_mass(m)).expect("limits");
            }
        }
        println!(
            "{:<45} {:8.3} ms",
            c.spec.id,
            t.elapsed().as_secs_f64() * 1e3 / 5.0
        );
    }
}
