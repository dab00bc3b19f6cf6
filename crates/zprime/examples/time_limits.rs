//! Wall time of `scan::limits_with` for lmu-ltau+b3 over 300 masses (diagnostic):
//! `cargo run --release -p zprime --example time_limits [EXCLUDE_PREFIX...]` leaves out the
//! constraints whose id starts with one of the prefixes.
use std::collections::BTreeMap;
use zprime::constraints::Constraint;
use zprime::{scan, InputSet, Model};

fn main() {
    let exclude: Vec<String> = std::env::args().skip(1).collect();
    let inputs = InputSet::default_set();
    let model = Model::resolve("lmu-ltau+b3").expect("preset");
    let point = model.point(0.1, 5e-4, &BTreeMap::new()).expect("point");
    let constraints: Vec<Constraint> = Constraint::for_inputs(&inputs)
        .expect("constraints")
        .into_iter()
        .filter(|c| !exclude.iter().any(|e| c.spec.id.starts_with(e.as_str())))
        .collect();
    let masses = scan::log_masses(1e-3, 100.0, 300).expect("grid");
    let mut best = f64::INFINITY;
    for _ in 0..40 {
        let t = std::time::Instant::now();
        scan::limits_with(&constraints, &model, &point, &inputs, &masses).expect("limits");
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} constraints: best of 40 {:.2} ms",
        constraints.len(),
        best * 1e3
    );
}
