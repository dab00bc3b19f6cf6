//! Speed of the all-mass trident calculation (issue 5 targets: one mass point under 5 ms, the
//! full CCFR curve over 300 masses under 1 s).

use criterion::{criterion_group, criterion_main, Criterion};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::hint::black_box;
use zprime::constraints::Constraint;
use zprime::observables::trident::{nucleus, table};
use zprime::observables::Context;
use zprime::{scan, InputSet, Model, StandardModel};

fn bench(c: &mut Criterion) {
    let inputs = InputSet::load("ibe2016").unwrap();
    let sm = StandardModel::from_inputs(&inputs).unwrap();
    let model = Model::resolve("lmu-ltau").unwrap();
    let m_mu2 = sm.m_lepton[1].powi(2);

    // Cold: what the first use of an experiment costs (flux spline and K nodes).
    let exp = nucleus::experiment("CCFR", sm.hbar_c * 1e15).unwrap();
    c.bench_function("trident table build, CCFR (cold, once per process)", |b| {
        b.iter(|| table::Table::new(black_box(&exp), m_mu2, &table::Settings::default()));
    });

    // One prediction at a new mass each time (no per-mass reuse; the table prepared once).
    let step = Cell::new(0u64);
    let r_ccfr = zprime::observables::find("R_trident(CCFR)")
        .unwrap()
        .prepare(&sm, &inputs)
        .unwrap();
    let template = model.point(0.3, 1.5e-3, &BTreeMap::new()).unwrap();
    c.bench_function("R_trident(CCFR) at one point, new mass", |b| {
        b.iter(|| {
            step.set(step.get() + 1);
            let p = template.with_mass(0.3 * (1.0 + 1e-9 * step.get() as f64));
            r_ccfr
                .predict(&Context {
                    sm: &sm,
                    inputs: &inputs,
                    point: black_box(&p),
                    shared: None,
                })
                .unwrap()
        });
    });

    // The coupling limit at one mass (about a hundred predictions by root finding).
    let ccfr = Constraint::load("trident:CCFR", &inputs).unwrap();
    c.bench_function("trident:CCFR limit at one mass, new mass", |b| {
        b.iter(|| {
            step.set(step.get() + 1);
            let p = template.with_mass(0.3 * (1.0 + 1e-9 * step.get() as f64));
            ccfr.limits_at(&sm, &inputs, black_box(&p)).unwrap()
        });
    });

    // The full curve: 300 masses from 1 MeV to 100 GeV.
    let masses = scan::log_masses(1e-3, 100.0, 300).unwrap();
    c.bench_function("trident:CCFR curve, 300 masses", |b| {
        b.iter(|| {
            masses
                .iter()
                .map(|&m| {
                    ccfr.limits_at(&sm, &inputs, &template.with_mass(m))
                        .unwrap()
                        .upper_limit
                })
                .collect::<Vec<_>>()
        });
    });
    c.bench_function("limits lmu-ltau 300 masses (ibe2016: g-2 and CCFR)", |b| {
        b.iter(|| scan::limits(&model, black_box(&template), &inputs, &masses).unwrap());
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
