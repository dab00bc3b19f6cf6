//! Speed of the foundation: one `point` for lmu-ltau, and the whole `limits` computation over
//! 300 masses (target of issue 2: under 10 ms). The coupling-independent tables (trident
//! tables, toy limits) are built by an explicit preparation step owned by the caller
//! (`scan::Session`, `Constraint::for_inputs`): it is timed separately from the evaluation,
//! and `scan::limits` (both together) is timed end to end.

use criterion::{criterion_group, criterion_main, Criterion};
use std::collections::BTreeMap;
use std::hint::black_box;
use zprime::constraints::Constraint;
use zprime::{scan, InputSet, Model};

fn bench(c: &mut Criterion) {
    let model = Model::resolve("lmu-ltau").unwrap();
    for set in ["default", "altmannshofer2014"] {
        let inputs = InputSet::load(set).unwrap();
        let point = model.point(0.1, 5e-4, &BTreeMap::new()).unwrap();
        c.bench_function(&format!("prepare session ({set})"), |b| {
            b.iter(|| scan::Session::new(black_box(&inputs)).unwrap());
        });
        let session = scan::Session::new(&inputs).unwrap();
        c.bench_function(&format!("point lmu-ltau ({set})"), |b| {
            b.iter(|| session.evaluate_point(&model, black_box(&point)).unwrap());
        });
        // Specialised to the model once (the nu-e recoil nodes), then a new mass each time:
        // what a scan of one model pays per point.
        c.bench_function(&format!("specialise session to the model ({set})"), |b| {
            b.iter(|| session.for_model(black_box(&point)));
        });
        let for_model = session.for_model(&point);
        let step = std::cell::Cell::new(0u64);
        c.bench_function(
            &format!("point lmu-ltau, model prepared, new mass each time ({set})"),
            |b| {
                b.iter(|| {
                    step.set(step.get() + 1);
                    let p = point.with_mass(0.1 * (1.0 + 1e-9 * step.get() as f64));
                    for_model.evaluate_point(&model, black_box(&p)).unwrap()
                });
            },
        );
        c.bench_function(&format!("prepare constraints ({set})"), |b| {
            b.iter(|| Constraint::for_inputs(black_box(&inputs)).unwrap());
        });
        let constraints = Constraint::for_inputs(&inputs).unwrap();
        let masses = scan::log_masses(1e-3, 100.0, 300).unwrap();
        c.bench_function(&format!("limits lmu-ltau 300 masses ({set})"), |b| {
            b.iter(|| {
                scan::limits_with(&constraints, &model, black_box(&point), &inputs, &masses)
                    .unwrap()
            });
        });
        c.bench_function(
            &format!("limits lmu-ltau 300 masses, preparation included ({set})"),
            |b| b.iter(|| scan::limits(&model, black_box(&point), &inputs, &masses).unwrap()),
        );
    }
    // Issue 10's target: the quark-coupled preset with every constraint of today's set
    // (kaon and B-meson curves and grids included) over 300 masses, under 20 ms.
    let b3 = Model::resolve("lmu-ltau+b3").unwrap();
    let inputs = InputSet::default_set();
    let b3_point = b3.point(0.1, 5e-4, &BTreeMap::new()).unwrap();
    let constraints = Constraint::for_inputs(&inputs).unwrap();
    let masses = scan::log_masses(1e-3, 100.0, 300).unwrap();
    c.bench_function(
        "limits lmu-ltau+b3 300 masses, all constraints (default)",
        |b| {
            b.iter(|| {
                scan::limits_with(&constraints, &b3, black_box(&b3_point), &inputs, &masses)
                    .unwrap()
            });
        },
    );
    // The same with the constraints the default set had when the target was set (issue 10),
    // without those issue 11 added (NA64mu, N_eff, CEvNS, Z -> 4mu).
    let issue_10: Vec<Constraint> = Constraint::for_inputs(&inputs)
        .unwrap()
        .into_iter()
        .filter(|c| {
            !["NA64mu", "Neff", "CEvNS", "Z->4mu"]
                .iter()
                .any(|p| c.spec.id.starts_with(p))
        })
        .collect();
    c.bench_function(
        "limits lmu-ltau+b3 300 masses, the issue-10 constraint set (default)",
        |b| {
            b.iter(|| {
                scan::limits_with(&issue_10, &b3, black_box(&b3_point), &inputs, &masses).unwrap()
            });
        },
    );
    c.bench_function(
        "limits lmu-ltau+b3 300 masses, all constraints, preparation included (default)",
        |b| b.iter(|| scan::limits(&b3, black_box(&b3_point), &inputs, &masses).unwrap()),
    );
    c.bench_function("Delta a_mu at one point", |b| {
        let sm = zprime::StandardModel::from_inputs(&inputs).unwrap();
        let p = model.point(0.1, 5e-4, &BTreeMap::new()).unwrap();
        let ctx = zprime::observables::Context {
            sm: &sm,
            inputs: &inputs,
            point: &p,
            shared: None,
        };
        b.iter(|| zprime::observables::g_minus_2::delta_a_mu(black_box(&ctx)).unwrap());
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
