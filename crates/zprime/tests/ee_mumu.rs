//! e+e- -> mu+ mu- Z' and Z -> mu+ mu- Z' (observables::ee_mumu_zp) through the public API:
//! values, the constraints built on them against the published statements.

use std::collections::BTreeMap;
use zprime::model::preset;
use zprime::observables::predict;
use zprime::InputSet;

fn at(name: &str, model: &str, mass: f64, coupling: f64) -> f64 {
    let inputs = InputSet::default_set();
    let p = preset(model)
        .unwrap()
        .point(mass, coupling, &BTreeMap::new())
        .unwrap();
    predict(name, &[], &p, &inputs).unwrap()
}

#[test]
#[ignore]
fn print_values() {
    for m in [1e-3, 0.1, 0.212, 0.215, 0.3, 0.5, 1.0, 2.0, 5.0, 8.0, 10.0] {
        let t = std::time::Instant::now();
        let s = at("sigma(ee->mumuZp)", "lmu-ltau", m, 1.0);
        let dt = t.elapsed();
        let smm = if m > 0.2114 {
            at("sigma(ee->mumuZp)*BR(Zp->mumu)", "lmu-ltau", m, 1.0)
        } else {
            0.0
        };
        let sinv = at("sigma(ee->mumuZp)*BR(Zp->invisible)", "lmu-ltau", m, 1.0);
        println!(
            "m = {m:8.4}: sigma/g^2 = {s:.4e} fb, x BRmumu {smm:.4e}, x BRinv {sinv:.4e}  ({dt:?})"
        );
    }
    for m in [0.5, 1.0, 5.0, 10.0, 20.0, 40.0, 60.0, 70.0] {
        let g = at("Gamma(Z->mumuZp)", "lmu-ltau", m, 1.0);
        let b = at("BR(Z->mumuZp)", "lmu-ltau", m, 0.01);
        let bb = at("BR(Z->mumuZp)*BR(Zp->mumu)", "lmu-ltau", m, 0.01);
        println!("m = {m}: Gamma/g^2 = {g:.4e} GeV, BR(g=0.01) = {b:.4e}, x BRmumu = {bb:.4e}");
    }
}
