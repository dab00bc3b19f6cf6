//! Speed of N_eff (observables::cosmology): one direct evaluation (the Standard Model alone, a
//! Z' in the kinetic treatment, one in equilibrium with ν_μ, ν_τ), and what a limit scan pays
//! per mass with the shipped table: the per-mass function (table column), one evaluation of
//! it, and the whole coupling limit of the default set's `Neff:ACT-DR6` at one mass.

use criterion::{criterion_group, criterion_main, Criterion};
use std::collections::BTreeMap;
use std::hint::black_box;
use zprime::constraints::Constraint;
use zprime::observables::cosmology::{n_eff_standard_model, Cosmology, NeffAtMass, NeffEvaluator};
use zprime::observables::{Context, Evaluator};
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
    };
    let at_mass = NeffAtMass::new(&ctx).unwrap();
    for (label, g) in [("kinetic, g = 1e-8", 1e-8), ("equilibrium, g = 5e-4", 5e-4)] {
        c.bench_function(&format!("N_eff lmu-ltau m = 12 MeV, {label}"), |b| {
            b.iter(|| at_mass.n_eff(black_box(g)).unwrap());
        });
    }
    let evaluator = NeffEvaluator::new(&sm, &inputs).unwrap();
    c.bench_function(
        "N_eff lmu-ltau m = 12 MeV: per-mass function (table)",
        |b| {
            b.iter(|| evaluator.at_mass(black_box(&ctx)).unwrap());
        },
    );
    let column = evaluator.at_mass(&ctx).unwrap();
    c.bench_function(
        "N_eff lmu-ltau m = 12 MeV: per-mass function at one g",
        |b| {
            b.iter(|| column.at(black_box(3e-4)).unwrap());
        },
    );
    let act = Constraint::for_inputs(&inputs)
        .unwrap()
        .into_iter()
        .find(|k| k.spec.id == "Neff:ACT-DR6")
        .unwrap()
        .for_model(&sm, &inputs, &point);
    c.bench_function("Neff:ACT-DR6 coupling limits at m = 12 MeV", |b| {
        b.iter(|| act.limits_at(&sm, &inputs, black_box(&point)).unwrap());
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
