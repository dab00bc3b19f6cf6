//! Checks of the matrix element and of the phase-space integral: the derivation script's
//! explicit Dirac-matrix values, a Monte Carlo of the two-dimensional Dalitz integral, the
//! massless radiator, the Born relation and the dark photon.

use super::*;
use crate::math::random::Random;
use crate::observables::testing::with_point;

const M_MU: f64 = 0.1056583755;

/// `python3 docs/derivations/ee_mumu_zp.py`: (s, M², m, s1, s2, explicit Dirac-matrix sum over
/// spins and physical polarizations).
const DIRAC: [(f64, f64, f64, f64, f64, f64); 3] = [
    (
        111.9364,
        0.25,
        M_MU,
        67.97324146472987,
        15.158342377126992,
        87.23315551746636,
    ),
    (
        111.9364,
        25.0,
        M_MU,
        55.59251002565622,
        54.26905440122242,
        20.810671154900756,
    ),
    (
        8315.251344,
        400.0,
        M_MU,
        2369.258157038441,
        2102.528010687538,
        124.14183284258539,
    ),
];

#[test]
fn matrix_element_equals_the_explicit_dirac_sum() {
    for (s, mz2, m, s1, s2, want) in DIRAC {
        let got = squared_matrix_element(s, mz2, m, s1, s2);
        assert!((got / want - 1.0).abs() < 1e-10, "{got} vs {want}");
    }
}

/// The width by plain Monte Carlo in (ln D1, ln D2) over the box around the Dalitz region
/// (fixed seed), against the closed-form s2 integral plus adaptive s1 quadrature.
fn monte_carlo_width(big_m: f64, mz: f64, m: f64, n: usize, seed: u64) -> (f64, f64) {
    let s = big_m * big_m;
    let (mz2, m2) = (mz * mz, m * m);
    let lo = (mz2 + 2.0 * m * mz).ln();
    let hi = (s - 2.0 * m * big_m).ln();
    let mut rng = Random::new(seed);
    let (mut sum, mut sum2) = (0.0, 0.0);
    for _ in 0..n {
        let t1 = lo + (hi - lo) * rng.uniform();
        let t2 = lo + (hi - lo) * rng.uniform();
        let (d1, d2) = (t1.exp(), t2.exp());
        let (s1, s2) = (d1 + m2, d2 + m2);
        let (a, b) = d2_range(s, mz2, m, d1);
        let f = if d2 >= a && d2 <= b {
            d1 * d2 * squared_matrix_element(s, mz2, m, s1, s2) * (hi - lo).powi(2)
        } else {
            0.0
        };
        sum += f;
        sum2 += f * f;
    }
    let mean = sum / n as f64;
    let err = ((sum2 / n as f64 - mean * mean) / n as f64).sqrt();
    let norm = 3.0 * 256.0 * PI.powi(3) * big_m.powi(3);
    (mean / norm, err / norm)
}

#[test]
fn width_agrees_with_a_monte_carlo_of_the_dalitz_plot() {
    for (big_m, mz) in [(10.58, 0.22), (10.58, 1.0), (10.58, 8.0), (91.1876, 10.0)] {
        let exact = radiation_width_unit(big_m, mz, M_MU).unwrap();
        let (mc, err) = monte_carlo_width(big_m, mz, M_MU, 400_000, 11);
        let pull = (mc - exact) / err;
        assert!(
            pull.abs() < 4.0 && err / mc < 0.02,
            "M = {big_m}, m_Z' = {mz}: {exact} vs MC {mc} +- {err}"
        );
    }
}

/// Massless muons, m_Z' ≪ √s: the real emission of a massive vector boson off a massless
/// vector-coupled pair, (g'²/8π²)[L² − 3L + 5 − π²/3], L = ln(s/M²) (the real part of the
/// massive-gluon-regulated O(α_s) correction to R, whose virtual part cancels L² and 3L), up to
/// O(M²/s L²).
#[test]
fn massless_limit_is_the_standard_radiator() {
    let big_m: f64 = 91.1876;
    let mut previous = f64::INFINITY;
    for x in [1e-4, 1e-5, 1e-6] {
        let mz = big_m * f64::sqrt(x);
        let m = mz * 1e-5;
        let ratio = radiation_width_unit(big_m, mz, m).unwrap() / born_width_unit(big_m, m);
        let l = (1.0 / x).ln();
        let radiator = (l * l - 3.0 * l + 5.0 - PI * PI / 3.0) / (8.0 * PI * PI);
        let diff = (ratio / radiator - 1.0).abs();
        assert!(
            diff < 20.0 * x * l * l,
            "M²/s = {x}: {ratio} vs {radiator} ({diff:e})"
        );
        assert!(diff < previous);
        previous = diff;
    }
}

#[test]
fn born_relation_gives_the_point_cross_section() {
    // σ = 4πα Γ_V/s^{3/2} with Γ_V(μμ) at coupling e is 4πα²/(3s) β(3 − β²)/2.
    let (alpha, w, m) = (1.0 / 137.036, 10.58f64, M_MU);
    let s = w * w;
    let sigma = 4.0 * PI * alpha * (4.0 * PI * alpha) * born_width_unit(w, m) / w.powi(3);
    let beta = (1.0 - 4.0 * m * m / s).sqrt();
    let point = 4.0 * PI * alpha * alpha / (3.0 * s) * beta * (3.0 - beta * beta) / 2.0;
    assert!((sigma / point - 1.0).abs() < 1e-14);
}

#[test]
fn closed_channels_give_zero_and_the_threshold_is_continuous() {
    assert_eq!(
        radiation_width_unit(10.58, 10.58 - 2.0 * M_MU, M_MU).unwrap(),
        0.0
    );
    assert_eq!(radiation_width_unit(10.58, 11.0, M_MU).unwrap(), 0.0);
    let near = radiation_width_unit(10.58, 10.58 - 2.0 * M_MU - 1e-6, M_MU).unwrap();
    assert!((0.0..1e-12).contains(&near), "{near}");
    // A very light Z' (soft logarithm, muon-mass collinear cutoff): finite and positive.
    let light = radiation_width_unit(10.58, 1e-9, M_MU).unwrap();
    assert!(light.is_finite() && light > 0.0);
}

#[test]
fn dark_photon_with_eps_e_equals_lmu_ltau_with_that_coupling() {
    // Muon-line emission only: the dark photon's muon coupling is eps e (vector).
    let eps = 1e-3;
    let e = with_point("lmu-ltau", 1.0, 1.0, |c| (4.0 * PI * c.sm.alpha).sqrt());
    let dark = with_point("dark-photon", 1.0, eps, |c| sigma_at(c, 10.58).unwrap());
    let lmu = with_point("lmu-ltau", 1.0, eps * e, |c| sigma_at(c, 10.58).unwrap());
    assert!((dark / lmu - 1.0).abs() < 1e-12, "{dark} vs {lmu}");
}

#[test]
fn tree_level_z_width_to_muons_is_the_measured_one() {
    // PDG 2024: Gamma(Z -> mu mu) = 83.99 +- 0.18 MeV; the tree level with G_F, m_Z and the
    // MS-bar sin²θ_W lies within 1 %.
    let w = with_point("lmu-ltau", 1.0, 0.0, |c| {
        let (gv, ga) = z_muon_couplings(c.sm);
        zp_decays::fermion_width(c.sm.m_z, M_MU, 1.0, gv * gv, ga * ga)
    });
    assert!((w / 0.08399 - 1.0).abs() < 0.01, "{w}");
}

#[test]
fn z_width_is_the_born_width_times_the_radiation_factor() {
    // Pure vector Z' coupling: Γ(Z → μμZ') = Γ(Z → μμ) g'² Γ_unit/Γ_born,unit.
    let (g, mz) = (0.01, 10.0);
    let (got, want) = with_point("lmu-ltau", mz, g, |c| {
        let (gv, ga) = z_muon_couplings(c.sm);
        let born = zp_decays::fermion_width(c.sm.m_z, M_MU, 1.0, gv * gv, ga * ga);
        let r = radiation_width_unit(c.sm.m_z, mz, M_MU).unwrap() / born_width_unit(c.sm.m_z, M_MU);
        (gamma_z(c).unwrap(), born * g * g * r)
    });
    assert!((got / want - 1.0).abs() < 1e-12);
}

#[test]
#[ignore = "timing in release: cargo test --release -p zprime --lib ee_mumu_zp::tests::timing -- --ignored --nocapture"]
fn timing() {
    let t = std::time::Instant::now();
    let mut acc = 0.0;
    let n = 200u32;
    for i in 0..n {
        acc +=
            radiation_width_unit(10.58, 0.22 + 10.0 * f64::from(i) / f64::from(n), M_MU).unwrap();
    }
    println!("B factory: {:?} per mass ({acc})", t.elapsed() / n);
    let t = std::time::Instant::now();
    for i in 0..n {
        acc +=
            radiation_width_unit(91.1876, 0.22 + 80.0 * f64::from(i) / f64::from(n), M_MU).unwrap();
    }
    println!("Z: {:?} per mass ({acc})", t.elapsed() / n);
}
