//! Tests of the NA64μ calculation: WW against the exact 2 → 3 cross section, closed-form
//! limits, the observable's coupling dependence, and the published NA64μ statement.

use super::exact::Exact;
use super::*;
use crate::inputs::InputSet;
use crate::observables::testing::with_point;

fn sm() -> StandardModel {
    StandardModel::from_inputs(&InputSet::default_set()).unwrap()
}

fn run() -> Na64Run {
    Na64Run::new("2022", &sm()).unwrap()
}

/// The lead nucleus of the exact check: mass A × atomic mass unit (binding neglected).
fn exact(r: &Na64Run, m_z: f64) -> Exact {
    Exact {
        energy: r.energy,
        m_mu: sm().m_lepton[1],
        m_z,
        m_nucleus: 207.2 * 0.931_494_102_42,
        nucleus: r.nucleus,
    }
}

#[test]
fn ww_agrees_with_the_exact_cross_section() {
    // Measured (recorded in the module documentation): dσ/dx for θ < 0.05,
    //   m_Z' = 10 MeV, x = 0.6: WW/exact 1.0055, IWW/exact 1.203;
    //   m_Z' = 100 MeV, x = 0.9: WW/exact 1.0081, IWW/exact 1.311;
    //   m_Z' = 1 GeV, x = 0.6: WW/exact 1.0004, IWW/exact 1.819.
    let r = run();
    let alpha = sm().alpha;
    for (m_z, x, iww_over_exact) in [(0.01, 0.6, 1.203), (0.1, 0.9, 1.311), (1.0, 0.6, 1.819)] {
        let ex = exact(&r, m_z).dx(alpha, x, 0.05);
        let em = r.emission(m_z);
        let ww = em.ww_dx(&r.nucleus, alpha, x, 0.05);
        let iww = em.iww_dx(&r.nucleus, alpha, x);
        assert!(
            (ww / ex - 1.0).abs() < 0.015,
            "m {m_z}, x {x}: WW/exact {}",
            ww / ex
        );
        assert!(
            (iww / ex / iww_over_exact - 1.0).abs() < 0.01,
            "m {m_z}, x {x}: IWW/exact {}",
            iww / ex
        );
    }
}

#[test]
fn ww_agrees_with_the_exact_angular_distribution_and_t_min() {
    // dσ/(dx dcosθ) at θ = 0, θ₀, 3θ₀ (θ₀² = U₀/xE²): WW/exact between 0.992 and 1.037
    // (largest at θ = 0); the kinematic t_min equals ũ²/(4E²(1 − x)²) to < 0.3%.
    let r = run();
    let sm = sm();
    for (m_z, x) in [(0.01, 0.6), (0.1, 0.9), (1.0, 0.9)] {
        let ex = exact(&r, m_z);
        let em = r.emission(m_z);
        let u0 = m_z * m_z * (1.0 - x) / x + sm.m_lepton[1].powi(2) * x;
        let theta0 = (u0 / x).sqrt() / r.energy;
        for f in [0.0, 1.0, 3.0] {
            let th = f * theta0;
            let ratio = em.ww_dcos(&r.nucleus, sm.alpha, x, th) / ex.dcos(sm.alpha, x, th);
            assert!(
                (0.985..1.045).contains(&ratio),
                "m {m_z} x {x} θ/θ₀ {f}: {ratio}"
            );
            let u = u0 * (1.0 + f * f);
            let t_ww = (u / (2.0 * r.energy * (1.0 - x))).powi(2);
            let t_exact = ex.t_min(x, th).unwrap();
            assert!(
                (t_ww / t_exact - 1.0).abs() < 3e-3,
                "t_min {t_ww} vs {t_exact}"
            );
        }
    }
}

#[test]
fn the_fixed_rules_equal_the_adaptive_integrals() {
    // 16 x 16 Gauss-Legendre nodes: 1e-8 of the adaptive σ from 0.1 MeV to 8 GeV (measured:
    // largest 1.6e-8 at 0.1 MeV); the angle rule alone 1e-6 of the adaptive dσ/dx.
    let r = run();
    let alpha = sm().alpha;
    for m_z in [1e-4, 0.01, 0.1, 0.2, 0.5, 1.0, 3.0, 8.0] {
        let em = r.emission(m_z);
        for x in [0.5, 0.7, 0.95, 0.999] {
            let fixed = em.ww_dx_fixed(&r.nucleus, alpha, x, THETA_MAX, &r.angle_rule);
            let adaptive = em.ww_dx(&r.nucleus, alpha, x, THETA_MAX);
            assert!(
                (fixed / adaptive - 1.0).abs() < 1e-6,
                "m {m_z} x {x}: {fixed} vs {adaptive}"
            );
        }
        let adaptive = em
            .ww_sigma(&r.nucleus, alpha, 0.5, THETA_MAX, &r.angle_rule)
            .unwrap();
        let fixed = r.sigma_unit(m_z).unwrap();
        assert!(
            (fixed / adaptive - 1.0).abs() < 1e-7,
            "m {m_z}: {fixed} vs {adaptive}"
        );
    }
}

#[test]
fn the_cross_section_scales_with_z_squared_at_fixed_form_factor_scales() {
    // χ ∝ Z² when the screening and nuclear scales are held fixed.
    let r = run();
    let alpha = sm().alpha;
    let half = ww::Nucleus {
        z: r.nucleus.z / 2.0,
        ..r.nucleus
    };
    for m_z in [0.01, 0.3] {
        let em = r.emission(m_z);
        let full = em
            .ww_sigma(&r.nucleus, alpha, 0.5, THETA_MAX, &r.angle_rule)
            .unwrap();
        let quarter = em
            .ww_sigma(&half, alpha, 0.5, THETA_MAX, &r.angle_rule)
            .unwrap();
        assert!((quarter / full - 0.25).abs() < 1e-9);
    }
}

#[test]
fn light_z_prime_cross_section_approaches_its_massless_limit() {
    // m_Z' ≪ m_μ: U₀ → m_μ² x, the rate stops depending on m_Z' (1 keV and 1 MeV within 0.1%).
    let r = run();
    let a = r.sigma_unit(1e-6).unwrap();
    let b = r.sigma_unit(1e-3).unwrap();
    assert!((a / b - 1.0).abs() < 1e-3, "{a} vs {b}");
    // Above the kinematic limit x E > m_Z' for every x ≤ 1 − m_μ/E: nothing.
    assert_eq!(r.sigma_unit(r.energy).unwrap(), 0.0);
}

#[test]
fn events_are_quadratic_in_the_coupling_and_carry_the_invisible_fraction() {
    let r = run();
    for m_z in [0.01, 0.3, 1.0] {
        let unit = r.events_unit(m_z).unwrap();
        let (n, br, n2) = with_point("lmu-ltau", m_z, 1e-3, |c| {
            let p2 = c.point.with_coupling(2e-3);
            (
                r.predict(c).unwrap(),
                crate::observables::zp_decays::br_invisible(c).unwrap(),
                r.predict(&Context { point: &p2, ..*c }).unwrap(),
            )
        });
        assert!((n / (unit * 1e-6 * br) - 1.0).abs() < 1e-12);
        assert!((n2 / n - 4.0).abs() < 1e-9);
        // Below 2 m_μ only neutrinos (and e⁺e⁻ through the loop-induced kinetic mixing,
        // 2e-5 at 10 MeV); above, about 1/2 (μμ as often as νν̄).
        if m_z < 0.2 {
            assert!(br > 0.9999, "{br}");
        } else {
            assert!((0.45..0.75).contains(&br), "{br}");
        }
        // The per-mass function equals the direct prediction.
        with_point("lmu-ltau", m_z, 1e-3, |c| {
            let f = r.at_mass(c).unwrap();
            assert!((f.at(1e-3).unwrap() / n - 1.0).abs() < 1e-12);
        });
    }
}

#[test]
fn a_coupling_at_the_limit_gives_the_expected_yield() {
    // Worked number (recorded in docs/developing.md): at m_Z' = 10 MeV, g_V = 1 the 2022 run
    // (ε = 0.1, 40 X0 of lead) expects 1.59e7 events: σ(x > 0.5) = 27.8 GeV⁻² = 10.8 nb per
    // lead nucleus, 7.41e23 nuclei/cm², 1.98e9 efficient muons.
    let r = run();
    let sigma = r.sigma_unit(0.01).unwrap();
    assert!((sigma / 27.83 - 1.0).abs() < 0.01, "{sigma}");
    let n = r.events_unit(0.01).unwrap();
    assert!((n / 1.59e7 - 1.0).abs() < 0.01, "{n}");
}

/// The coupling where N = 2.3 (90% CL, no events, no background) for L_μ − L_τ at `m_z`.
fn limit(r: &Na64Run, m_z: f64) -> f64 {
    let n = with_point("lmu-ltau", m_z, 1.0, |c| r.predict(c).unwrap());
    (2.3 / n).sqrt()
}

#[test]
fn comparison_with_the_published_na64mu_statement() {
    // NA64μ (PRL 132 (2024) 211803, arXiv:2401.01708), 2022 run: zero events exclude part of
    // the (g−2)_μ-favoured L_μ − L_τ region at small masses (below about 40 MeV; the exact
    // published curve is UNVERIFIED here: no copy of the paper was available).
    //
    // Ours with the assumed efficiency ε = 0.1 (UNVERIFIED):
    //   g_lim = 3.8e-4 (1 MeV), 3.8e-4 (10 MeV), 4.0e-4 (40 MeV), 4.9e-4 (100 MeV),
    //   1.3e-3 (300 MeV); the coupling of the band centre (Δa_μ = 2.49e-9, the WP20-era
    //   discrepancy NA64μ plotted) is 4.5e-4, 5.0e-4, 6.5e-4, 9.4e-4, 1.9e-3.
    // So our limit touches the band at 1 MeV (0.85 of its centre coupling), like the
    // published one, but with this efficiency it stays below the band centre up to
    // m_Z' ≈ 1 GeV, farther than the published exclusion: the published efficiency must be
    // smaller (g_lim ∝ ε^{-1/2}; ε ≈ 0.02 would move our crossing down to ~40 MeV), or our
    // yield misses an acceptance cut. Recorded as the open difference of this constraint.
    let r = run();
    let centre = |m_z: f64| {
        let unit = with_point("lmu-ltau", m_z, 1.0, |c| {
            crate::observables::g_minus_2::delta_a_mu(c).unwrap()
        });
        (2.49e-9 / unit).sqrt()
    };
    let at_1mev = limit(&r, 1e-3) / centre(1e-3);
    assert!((0.80..0.90).contains(&at_1mev), "{at_1mev}");
    for (m_z, g) in [
        (1e-3, 3.8e-4),
        (0.01, 3.8e-4),
        (0.04, 4.0e-4),
        (0.1, 4.9e-4),
        (0.3, 1.34e-3),
    ] {
        let ours = limit(&r, m_z);
        assert!((ours / g - 1.0).abs() < 0.03, "m {m_z}: {ours:.3e}");
    }
    // Where our limit crosses the band centre.
    let crossing = [0.3, 0.5, 0.7, 1.0, 1.5]
        .into_iter()
        .find(|&m| limit(&r, m) > centre(m))
        .unwrap();
    assert!((0.7..=1.5).contains(&crossing), "{crossing}");
}

#[test]
fn the_shipped_file_parses_and_rejects_bad_entries() {
    let text = crate::data::file(FILE).unwrap();
    let f = parse(text).unwrap();
    assert_eq!(
        f.run.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        RUNS.to_vec()
    );
    let bad = text.replace(
        "value = 0.1\nuncertainty = 0.05",
        "value = 1.5\nuncertainty = 0.05",
    );
    assert_ne!(bad, text);
    assert!(parse(&bad).is_err());
    assert!(Na64Run::new("1999", &sm()).is_err());
}

#[test]
fn a_z_prime_with_no_open_channel_is_invisible() {
    // The dark photon below 2m_e cannot decay: it escapes, every emission is a signal.
    let r = run();
    let (n, g2) = with_point("dark-photon", 1e-4, 0.0, |c| {
        let p = c.point.with_coupling(1e-3);
        let at = Context { point: &p, ..*c };
        (r.predict(&at).unwrap(), muon_coupling_squared(&at))
    });
    assert!(g2 > 0.0);
    assert!(
        (n / (r.events_unit(1e-4).unwrap() * g2) - 1.0).abs() < 1e-12,
        "{n}"
    );
}
