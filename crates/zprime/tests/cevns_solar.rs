//! Solar ⁸B CEvNS on xenon (XENONnT, PandaX-4T) against the published statements, today's
//! input set.
//!
//! zprime's treatment is rate-only (`observables/cevns/solar.rs`): the ⁸B events in the
//! detector with the Z′ over the Standard Model, against the measured flux over SNO's, 90% CL
//! two-sided gaussian (XENONnT 0.90 ± 0.56, PandaX-4T 1.60 ± 0.60). For L_μ − L_τ the
//! interference with the Standard Model cancels between ν_μ and ν_τ (opposite charges, nearly
//! equal fractions of the oscillated flux), so only the g⁴ excess is constrained: one lower
//! bound per mass, flat below m_Z′ ≈ √(2MT) ≈ 30 MeV and ∝ m_Z′ above.
//!
//! What zprime gives (excluded above; asserted below within 2%), with COHERENT CsI (its
//! lower edge), CCFR trident and Borexino for comparison:
//!
//! | m_Z'    | XENONnT  | PandaX-4T (approx.) | COHERENT CsI | CCFR   | Borexino |
//! | 1 MeV   | 9.38e-4  | 7.43e-4             | 1.64e-3      | 8.3e-4 | 5.8e-5   |
//! | 20 MeV  | 1.45e-3  | 1.49e-3             | 1.74e-3      | 1.0e-3 | 1.1e-3   |
//! | 200 MeV | 1.07e-2  | 1.25e-2             | 5.91e-3      | 1.4e-3 | 9.9e-3   |
//!
//! XENONnT is stronger than COHERENT below ~50 MeV (the solar ν_μ + ν_τ flux and the lower
//! momentum transfer) and weaker above (COHERENT's rate dips through destructive
//! interference, which L_mu - L_tau cannot produce with the mu-tau-symmetric solar flux).
//!
//! Published: no L_μ − L_τ bound from these data was found (De Romeri, Papoulias, Ternes,
//! arXiv:2411.11749, and Blanco-Mas et al., arXiv:2411.14206, bound B − L and universal
//! vector mediators, in figures only; zprime has no B − L model with first-generation
//! charges). The statement we can compare with is qualitative: the xenon ⁸B data, like
//! COHERENT (Amaral et al., arXiv:2006.11225), exclude no L_μ − L_τ region that CCFR and
//! Borexino leave open: asserted below, with the margin recorded (XENONnT is weaker than the
//! stronger of CCFR and Borexino by a factor ≥ 1.45 (at 20 MeV, where CCFR and Borexino cross) up
//! to 23 (at 2 GeV) at the masses checked).

use std::collections::BTreeMap;
use zprime::constraints::Constraint;
use zprime::{InputSet, Model, Point, StandardModel};

fn point(model: &str, mass: f64, g: f64) -> Point {
    Model::resolve(model)
        .unwrap()
        .point(mass, g, &BTreeMap::new())
        .unwrap()
}

fn excluded(id: &str, mass: f64) -> Vec<[f64; 2]> {
    let inputs = InputSet::default_set();
    let sm = StandardModel::from_inputs(&inputs).unwrap();
    let c = Constraint::load(id, &inputs).unwrap();
    c.limits_at(&sm, &inputs, &point("lmu-ltau", mass, 1e-3))
        .unwrap()
        .excluded
}

fn lowest_excluded(id: &str, mass: f64) -> f64 {
    excluded(id, mass)
        .first()
        .map_or(f64::INFINITY, |interval| interval[0])
}

#[test]
fn xenon_bounds_as_recorded() {
    let mut bad = Vec::new();
    for (m, xe, pandax) in [
        (1e-3, 9.38e-4, 7.43e-4),
        (2e-2, 1.45e-3, 1.49e-3),
        (0.2, 1.07e-2, 1.25e-2),
    ] {
        let ours = excluded("CEvNS-8B:XENONnT", m);
        let p = lowest_excluded("CEvNS-8B:PandaX-4T", m);
        eprintln!(
            "at {m}: XENONnT {ours:?}; PandaX-4T {p}; CsI {}",
            lowest_excluded("CEvNS:COHERENT-CsI", m)
        );
        if ours.len() != 1
            || (ours[0][0] / xe - 1.0).abs() > 0.02
            || (p / pandax - 1.0).abs() > 0.02
        {
            bad.push(m);
        }
    }
    assert!(bad.is_empty(), "{bad:?}");
    // Heavy Z': contact operator, the bound grows like m_Z'.
    let heavy =
        lowest_excluded("CEvNS-8B:XENONnT", 20.0) / lowest_excluded("CEvNS-8B:XENONnT", 10.0);
    assert!((heavy - 2.0).abs() < 0.05, "{heavy}");
}

#[test]
fn xenon_excludes_no_new_lmu_ltau_region() {
    for m in [1e-3, 5e-3, 2e-2, 6e-2, 0.2, 0.5, 2.0] {
        let others = lowest_excluded("trident:CCFR", m).min(lowest_excluded("nue:Borexino", m));
        let ours = lowest_excluded("CEvNS-8B:XENONnT", m);
        eprintln!(
            "{m}: XENONnT {ours}, CCFR/Borexino {others}: {}",
            ours / others
        );
        assert!(
            ours.is_finite() && ours > 1.2 * others,
            "at {m} GeV: {ours} vs {others}"
        );
    }
}
