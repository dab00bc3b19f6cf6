//! Time each observable and each constraint of a scan row (diagnostic): the issue-14 benchmark
//! design (lmu-ltau+b3, Sobol, mass 1e-3..1 GeV, g 1e-5..1e-2, eps -1e-3..1e-3), evaluated as
//! `scan::table::Scan::row` evaluates it (one per-point store shared by the row), one thread:
//! `cargo run --release -p zprime --example profile_scan [POINTS] [eps0]` (`eps0`: eps = 0).
//! Prints the CPU per point and the 40 most expensive items.
use std::collections::BTreeMap;
use std::time::Instant;
use zprime::observables::{shared::AtMassShared, Context};
use zprime::scan::sample::{Design, Method, ParamRange};
use zprime::scan::Session;
use zprime::{InputSet, Model};

fn main() {
    let points: u64 = std::env::args()
        .nth(1)
        .map_or(1000, |s| s.parse().expect("POINTS: a whole number"));
    let eps_varies = std::env::args().nth(2).as_deref() != Some("eps0");
    let model = Model::resolve("lmu-ltau+b3").expect("a preset");
    let mut ranges = vec!["mass=1e-3:1", "g=1e-5:1e-2"];
    if eps_varies {
        ranges.push("eps=-1e-3:1e-3");
    }
    let params = ranges
        .iter()
        .map(|p| ParamRange::parse(p).expect("a valid range"))
        .collect();
    let design = Design::new(params, Method::Sobol { n: 1_000_000 }, 0).expect("a design");
    let template = model
        .point(0.01, 1e-3, &BTreeMap::new())
        .expect("a valid point");
    let session = Session::new(&InputSet::default_set())
        .expect("the default set resolves")
        .for_model(&template);
    let mut observable_time = vec![0.0; session.observables.len()];
    let mut constraint_time = vec![0.0; session.constraints.len()];
    for i in 0..points {
        let v = design.point(i);
        let mut extra = BTreeMap::new();
        if eps_varies {
            extra.insert("eps".to_string(), v[2]);
        }
        let point = model.point(v[0], v[1], &extra).expect("a valid point");
        let shared = AtMassShared::new(&point);
        let ctx = Context {
            sm: &session.sm,
            inputs: &session.inputs,
            point: &point,
            shared: Some(&shared),
        };
        for (o, t) in session.observables.iter().zip(&mut observable_time) {
            if o.validity.as_ref().is_some_and(|v| !v.contains(point.mass)) {
                continue;
            }
            let start = Instant::now();
            // errors (not applicable here) are part of a row too: timed, not reported
            let _ = o.predict(&ctx);
            *t += start.elapsed().as_secs_f64();
        }
        for (c, t) in session.constraints.iter().zip(&mut constraint_time) {
            let start = Instant::now();
            let _ = c.outcome_shared(&session.sm, &session.inputs, &point, Some(&shared));
            *t += start.elapsed().as_secs_f64();
        }
    }
    let mut rows: Vec<(f64, String)> = session
        .observables
        .iter()
        .zip(&observable_time)
        .map(|(o, t)| (*t, format!("observable {}", o.name)))
        .chain(
            session
                .constraints
                .iter()
                .zip(&constraint_time)
                .map(|(c, t)| (*t, format!("constraint {}", c.spec.id))),
        )
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let per_point = |t: f64| t / points as f64 * 1e6;
    let total: f64 = rows.iter().map(|r| r.0).sum();
    println!("{:10.1} us per point in total", per_point(total));
    for (t, name) in rows.iter().take(40) {
        println!("{:10.2} us  {name}", per_point(*t));
    }
}
