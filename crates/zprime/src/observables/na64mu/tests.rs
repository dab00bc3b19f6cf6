//! Tests of the NA64μ calculation: WW against the exact 2 → 3 cross section, closed-form
//! limits, and the published NA64μ statement.

use super::exact::Exact;
use super::ww::{Emission, Nucleus};
use super::*;
use crate::inputs::InputSet;

fn sm() -> StandardModel {
    StandardModel::from_inputs(&InputSet::default_set()).unwrap()
}

fn run() -> Na64Run {
    Na64Run::new("2022", &sm()).unwrap()
}

#[test]
fn explore_ww_vs_exact() {
    let r = run();
    let sm = sm();
    let m_nucleus = 207.2 * 0.93149410242;
    for &mz in &[0.01, 0.1, 1.0] {
        let ex = Exact {
            energy: r.energy,
            m_mu: sm.m_lepton[1],
            m_z: mz,
            m_nucleus,
            nucleus: r.nucleus,
        };
        let em = r.emission(mz);
        for &x in &[0.6, 0.9] {
            let u0 = mz * mz * (1.0 - x) / x + sm.m_lepton[1].powi(2) * x;
            let th0 = (u0 / (x * r.energy * r.energy)).sqrt();
            for &f in &[0.0, 1.0, 3.0] {
                let th = f * th0;
                let e = ex.dcos(sm.alpha, x, th);
                let w = em.ww_dcos(&r.nucleus, sm.alpha, x, th);
                let tw = (u0 + x * r.energy.powi(2) * th * th).powi(2) / (4.0 * r.energy.powi(2) * (1.0 - x).powi(2));
                eprintln!("m {mz} x {x} th/th0 {f}: exact {e:.4e} ww {w:.4e} ratio {:.4} tmin ex {:.4e} ww {:.4e}", w / e, ex.t_min(x, th).unwrap(), tw);
            }
        }
    }
}
