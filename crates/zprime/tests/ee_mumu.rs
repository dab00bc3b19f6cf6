//! e+e- -> mu+ mu- Z' and Z -> mu+ mu- Z' (observables::ee_mumu_zp) through the public API:
//! values, the constraints built on them against the published statements.

use std::collections::BTreeMap;
use std::f64::consts::PI;
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

fn data(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A number of data/experiments/ee_mumu.toml.
fn input(id: &str) -> f64 {
    let table: toml::Table = data("data/experiments/ee_mumu.toml").parse().unwrap();
    let entry = table["input"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("{id}"));
    let v = &entry["value"];
    v.as_float()
        .unwrap_or_else(|| v.as_integer().unwrap() as f64)
}

/// The flat limit of a data/limits curve.
fn flat_limit(file: &str) -> f64 {
    let text = data(file);
    let rows: Vec<f64> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("mass"))
        .map(|l| l.split(',').nth(1).unwrap().trim().parse().unwrap())
        .collect();
    assert!(rows.windows(2).all(|w| w[0] == w[1]));
    rows[0]
}

/// The coupling at which BR(Z->mumuZp)*BR(Zp->mumu) reaches `limit` (it is c²a/(1 + c²b)
/// with c²b < 1e-3 here: the g² scaling from g = 0.01, corrected once).
fn z_bound(mass: f64, limit: f64) -> f64 {
    let g0 = 0.01;
    let g1 = g0 * (limit / at("BR(Z->mumuZp)*BR(Zp->mumu)", "lmu-ltau", mass, g0)).sqrt();
    g1 * (limit / at("BR(Z->mumuZp)*BR(Zp->mumu)", "lmu-ltau", mass, g1)).sqrt()
}

/// Paper 004's recast: more than 94 events excluded with 78 expected, the SM 4 mu rate
/// BR_SM(Z -> 4l)/4. The shipped limit is recomputed from the inputs, and the bound it gives
/// excludes the (g-2) band of paper 004 (v_Phi = 180 GeV, g' = m_Z'/180 GeV) from 5 GeV to
/// ~55 GeV: "the region favored by (g-2)_mu has been almost fully probed". 004 prints no number
/// for the bound (Fig. 3, dashed line): zprime gives g' < 0.0092 (5 GeV), 0.0137 (10 GeV),
/// 0.025 (20 GeV), 0.14 (50 GeV), 0.80 (70 GeV).
#[test]
fn altmannshofer2014_recast_of_atlas_z_to_4l() {
    let n_signal = input("ATLAS-4mu:excluded-above") - input("ATLAS-4mu:expected");
    assert_eq!(n_signal, 16.0);
    let limit =
        n_signal / input("ATLAS-4mu:expected") * input("BR_SM(Z->4l)") * input("share(4mu)");
    let shipped = flat_limit("data/limits/z_4mu_atlas_recast004.csv");
    assert!((shipped / limit - 1.0).abs() < 1e-3, "{shipped} vs {limit}");
    for (m, want) in [
        (5.0, 0.0092),
        (10.0, 0.0137),
        (20.0, 0.025),
        (50.0, 0.14),
        (70.0, 0.80),
    ] {
        let g = z_bound(m, shipped);
        assert!((g / want - 1.0).abs() < 0.05, "m = {m}: g' < {g}");
    }
    for m in [5.0, 10.0, 20.0, 40.0, 55.0] {
        assert!(
            z_bound(m, shipped) < m / 180.0,
            "g-2 band at {m} GeV not excluded"
        );
    }
    assert!(z_bound(70.0, shipped) > 70.0 / 180.0);
}

/// CMS 2019 prints limits 1e-8 - 1e-7 on BR x BR and "excludes g' above 0.004-0.3". zprime
/// applies the weakest printed limit (1e-7) at every mass: g' < 0.0062 at 5 GeV, 0.0092 at
/// 10 GeV, 0.42 at 68 GeV, i.e. weaker than the published curve by at most sqrt(10) (where
/// CMS reaches 1e-8) and everywhere above the published 0.004; at the upper end (68-70 GeV)
/// 0.42 against the published 0.3 (a CMS limit of about 5e-8 there).
#[test]
fn cms2019_weakest_limit_against_the_published_couplings() {
    let limit = flat_limit("data/limits/z_4mu_cms2019.csv");
    assert_eq!(limit, 1e-7);
    for (m, want) in [(5.0, 0.0062), (10.0, 0.0092), (68.0, 0.42)] {
        let g = z_bound(m, limit);
        assert!((g / want - 1.0).abs() < 0.05, "m = {m}: g' < {g}");
    }
    for m in [5.0, 10.0, 30.0, 50.0, 70.0] {
        let g = z_bound(m, limit);
        // Never stronger than the published best coupling, and never weaker than the published
        // coupling times sqrt(10) (the ratio of the printed limits) at the upper end.
        assert!(g > 0.004, "m = {m}: {g}");
        assert!(g < 0.3 * 10f64.sqrt() * 1.5, "m = {m}: {g}");
    }
}

/// BaBar 2016 prints "g' as low as 7e-4" (near the dimuon threshold) and nothing zprime can
/// apply across masses (the cross-section limits are in a figure). At m_Z' = 0.215 GeV and
/// g' = 7e-4, zprime's sigma x BR(Z' -> mu mu) is 0.039 fb, i.e. 20 produced 4 mu events in
/// 514 fb^-1: the published limit corresponds to a 90% CL limit of ~0.04 fb on sigma x BR there
/// (e.g. ~7 signal events at 35% efficiency), a plausible number; recorded, not applied.
#[test]
fn babar_near_threshold_coupling_as_a_cross_section() {
    let g = input("BaBar2016:g-min");
    let sigma = at("sigma(ee->mumuZp)*BR(Zp->mumu)", "lmu-ltau", 0.215, g);
    assert!((sigma / 0.039 - 1.0).abs() < 0.05, "{sigma} fb");
    let events = sigma * input("BaBar2016:luminosity");
    assert!(events > 10.0 && events < 40.0, "{events}");
}

/// The projection: sigma x BR < 2.3/(L eps). It reaches g' ~ 1e-4 at 1 GeV (background-free:
/// an optimistic reach, labelled as such).
#[test]
fn belle2_projection_is_the_stated_arithmetic() {
    let limit =
        2.3 / (input("BelleII:projection-luminosity") * input("BelleII:projection-efficiency"));
    let text = data("data/experiments/measurements.toml");
    assert!(text.contains(&format!("limit = {limit:.4e}")), "{limit}");
    let unit = at("sigma(ee->mumuZp)*BR(Zp->mumu)", "lmu-ltau", 1.0, 1.0);
    let g = (limit / unit).sqrt();
    assert!(g > 3e-5 && g < 1e-4, "{g}");
}

/// Z -> mu mu Z' at the Z pole with the physical muon mass, m_mu << m_Z' << m_Z: the ratio to
/// Gamma(Z -> mu mu) is the massive-vector radiator (g'^2/8 pi^2)[L^2 - 3L + 5 - pi^2/3],
/// L = ln(m_Z^2/m_Z'^2), up to O(m_Z'^2/m_Z^2 L^2) and O(m_mu^2/m_Z'^2) (<1% here).
#[test]
fn z_pole_radiator_limit() {
    let inputs = InputSet::default_set();
    let (m_z, gamma_z) = (
        inputs.value("m_Z").unwrap(),
        inputs.value("Gamma_Z").unwrap(),
    );
    // Gamma(Z -> mu mu) of the observable's tree level: BR x Gamma_Z / ratio.
    let mz = 2.0;
    let g = 0.01;
    let br = at("BR(Z->mumuZp)", "lmu-ltau", mz, g);
    let gamma = br / (1.0 - br) * gamma_z;
    assert!((gamma / at("Gamma(Z->mumuZp)", "lmu-ltau", mz, g) - 1.0).abs() < 1e-12);
    let born = 0.08399; // PDG 2024 Gamma(Z -> mu mu) (the tree level is within 1%)
    let l = (m_z * m_z / (mz * mz)).ln();
    let radiator = g * g * (l * l - 3.0 * l + 5.0 - PI * PI / 3.0) / (8.0 * PI * PI);
    assert!(
        (gamma / born / radiator - 1.0).abs() < 0.02,
        "{} vs {radiator}",
        gamma / born
    );
}

/// The cross section is positive, falls with the mass, vanishes at the kinematic limit, and
/// the two Z' decays add up to at most sigma.
#[test]
fn cross_sections_are_ordered() {
    let mut previous = f64::INFINITY;
    for m in [0.22, 0.5, 1.0, 3.0, 6.0, 9.0, 10.3] {
        let s = at("sigma(ee->mumuZp)", "lmu-ltau", m, 1e-3);
        let mumu = at("sigma(ee->mumuZp)*BR(Zp->mumu)", "lmu-ltau", m, 1e-3);
        let inv = at("sigma(ee->mumuZp)*BR(Zp->invisible)", "lmu-ltau", m, 1e-3);
        assert!(s > 0.0 && s < previous);
        assert!(mumu + inv <= s * (1.0 + 1e-12));
        previous = s;
    }
    assert_eq!(at("sigma(ee->mumuZp)", "lmu-ltau", 10.58, 1e-3), 0.0);
}

/// P(N ≤ n) for a Poisson mean `mu` (terms summed in logs: no overflow for n ~ 100).
fn poisson_cdf(n: u32, mu: f64) -> f64 {
    let mut log_term = -mu;
    let mut sum = log_term.exp();
    for k in 1..=n {
        log_term += mu.ln() - f64::from(k).ln();
        sum += log_term.exp();
    }
    sum
}

/// Paper 004's "we exclude at the 95% C.L. the benchmarks that predict more than 94 events"
/// with 77 observed: the classical one-sided Poisson upper limit on the mean is 93.07, the
/// likelihood-ratio one (2 Δln L = 3.84) 95.50; 004's 94 lies between them (a one-event
/// difference moves the coupling bound by 3%, sqrt(16/15)). zprime uses 94 as printed.
#[test]
fn paper_004_poisson_threshold() {
    let observed = input("ATLAS-4mu:observed") as u32;
    let (mut lo, mut hi) = (77.0, 120.0);
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if poisson_cdf(observed, mid) > 0.05 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    assert!((lo - 93.07).abs() < 0.01, "{lo}");
    let n = f64::from(observed);
    let lr = |mu: f64| 2.0 * (mu - n - n * (mu / n).ln());
    assert!(lr(95.50) > 3.84 && lr(95.49) < 3.841, "{}", lr(95.5));
    let printed = input("ATLAS-4mu:excluded-above");
    assert!(lo < printed && printed < 95.5);
}
