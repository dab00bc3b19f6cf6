use super::*;
use crate::observables::testing::with_point;

fn cosmo() -> Cosmology {
    let inputs = InputSet::default_set();
    let sm = StandardModel::from_inputs(&inputs).unwrap();
    Cosmology::from_inputs(&sm, &inputs).unwrap()
}

#[test]
fn explore() {
    let c = cosmo();
    let t = std::time::Instant::now();
    let sm = n_eff_standard_model(&c).unwrap();
    eprintln!("SM {sm} in {:?}", t.elapsed());
    for (m, g) in [(0.01, 5e-4), (0.015, 5e-4), (0.005, 5e-4), (0.001, 1e-3), (0.1, 1e-3), (0.01, 1e-9)] {
        let t = std::time::Instant::now();
        let v = with_point("lmu-ltau", m, g, |ctx| n_eff(ctx).unwrap());
        eprintln!("m {m} g {g}: {v} in {:?}", t.elapsed());
    }
}
