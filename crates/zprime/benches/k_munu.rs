//! Speed of K+ -> mu+ nu Z' (issue 3 targets: BR at one mass under 50 us, the spectrum at
//! 200 momenta under 1 ms).

use criterion::{criterion_group, criterion_main, Criterion};
use std::collections::BTreeMap;
use std::hint::black_box;
use zprime::observables::{k_munu, Context};
use zprime::{InputSet, Model, StandardModel};

fn bench(c: &mut Criterion) {
    let inputs = InputSet::default_set();
    let sm = StandardModel::from_inputs(&inputs).unwrap();
    let model = Model::resolve("lmu-ltau").unwrap();
    for mass in [1e-3, 0.05, 0.2] {
        let p = model.point(mass, 1e-3, &BTreeMap::new()).unwrap();
        let ctx = Context {
            sm: &sm,
            inputs: &inputs,
            point: &p,
            shared: None,
        };
        c.bench_function(&format!("BR(K+->munuZp) at m_Z' = {mass} GeV"), |b| {
            b.iter(|| k_munu::br_k_munu_zp(black_box(&ctx)).unwrap());
        });
        let (kin, _, _) = k_munu::setup(&ctx).unwrap();
        let pmax = kin.p_max();
        let momenta: Vec<f64> = (1..=200).map(|i| pmax * f64::from(i) / 201.0).collect();
        c.bench_function(
            &format!("spectrum at 200 momenta, m_Z' = {mass} GeV"),
            |b| b.iter(|| k_munu::spectrum(black_box(&ctx), &momenta).unwrap()),
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
