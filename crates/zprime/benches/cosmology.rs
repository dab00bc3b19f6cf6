//! Speed of one N_eff evaluation (observables::cosmology): the Standard Model alone, a Z' in
//! the kinetic treatment (number density evolved) and one in equilibrium with ν_μ, ν_τ.
//! A limit scan calls N_eff ~100 times per mass, so this is the figure that decides whether
//! the N_eff constraint can be in a default input set.

use criterion::{criterion_group, criterion_main, Criterion};
use std::collections::BTreeMap;
use std::hint::black_box;
use zprime::observables::cosmology::{n_eff_standard_model, Cosmology, NeffAtMass};
use zprime::observables::Context;
use zprime::{InputSet, Model, StandardModel};

fn bench(c: &mut Criterion) {
    let inputs = InputSet::default_set();
    let sm = StandardModel::from_inputs(&inputs).unwrap();
    let cosmo = Cosmology::from_inputs(&sm, &inputs).unwrap();
    c.bench_function("N_eff Standard Model", |b| {
        b.iter(|| n_eff_standard_model(black_box(&cosmo)).unwrap());
    });
    let model = Model::resolve("lmu-ltau").unwrap();
    let point = model.point(0.012, 5e-4, &BTreeMap::new()).unwrap();
    let ctx = Context {
        sm: &sm,
        inputs: &inputs,
        point: &point,
        shared: None,
    };
    let at_mass = NeffAtMass::new(&ctx).unwrap();
    for (label, g) in [("kinetic, g = 1e-8", 1e-8), ("equilibrium, g = 5e-4", 5e-4)] {
        c.bench_function(&format!("N_eff lmu-ltau m = 12 MeV, {label}"), |b| {
            b.iter(|| at_mass.n_eff(black_box(g)).unwrap());
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
