use super::*;
use crate::observables::testing::with_point;

/// K_F at spacelike and timelike points from docs/derivations/z_couplings_kf.py (mpmath,
/// 20 digits: the closed form, equal there to the Feynman-parameter integral).
#[test]
fn k_f_matches_the_derivation() {
    for (x, re, im, tol) in [
        (1e-4, -57.426_189_745_078_75, 48.457_072_066_566_83, 1e-13),
        (0.01, -8.004_095_842_794_416, 20.092_900_522_626_714, 1e-13),
        (1.0, 1.079_736_267_392_905_7, 1.712_725_454_479_850_8, 1e-13),
        (
            100.0,
            0.042_828_905_906_125_82,
            0.020_891_799_544_631_647,
            1e-10,
        ),
    ] {
        let k = k_f(x);
        assert!((k.re / re - 1.0).abs() < tol, "x = {x}: {} vs {re}", k.re);
        assert!((k.im / im - 1.0).abs() < tol, "x = {x}: {} vs {im}", k.im);
    }
}

/// The two limits of the module documentation.
#[test]
fn k_f_limits() {
    // M ≪ m_Z: −L² + 3L − 7/2 + π²/3, L = ln(1/x), corrections O(x L²).
    for x in [1e-8_f64, 1e-10, 1e-14] {
        let l = (1.0 / x).ln();
        let want = -l * l + 3.0 * l - 3.5 + PI * PI / 3.0;
        assert!((k_f(x).re - want).abs() < 1e-5, "x = {x}");
        assert!((k_f(x).im - PI * (2.0 * l - 3.0)).abs() < 1e-5, "x = {x}");
    }
    // M ≫ m_Z: (2/3 ln x + 11/9)/x.
    for x in [1e5_f64, 1e6, 1e8] {
        let want = (2.0 / 3.0 * x.ln() + 11.0 / 9.0) / x;
        assert!((k_f(x).re / want - 1.0).abs() < 3.0 / x, "x = {x}");
    }
    // The series and the closed form meet at the switch.
    let (below, above) = (
        k_f(SERIES_ABOVE * (1.0 - 1e-12)),
        k_f(SERIES_ABOVE * (1.0 + 1e-12)),
    );
    assert!((below.re / above.re - 1.0).abs() < 1e-9);
    assert!((below.im / above.im - 1.0).abs() < 1e-8);
}

/// KLN: for M ≪ m_Z the virtual correction 2 Re δ and the real emission
/// Γ(Z → ff̄Z')/Γ(Z → ff̄) (an independent calculation, observables::ee_mumu_zp) add up to the
/// infrared-safe total 3g²/(16π²), up to O(M²/m_Z² ln²).
#[test]
fn virtual_and_real_emission_cancel_the_infrared_logarithms() {
    let m_z = 91.1876_f64;
    for mass in [1e-3, 1e-2] {
        let x = (mass / m_z).powi(2);
        let virtual_part = 2.0 * k_f(x).re / (16.0 * PI * PI);
        let real_part = radiation_ratio(m_z, mass).unwrap();
        let total = (virtual_part + real_part) / (3.0 / (16.0 * PI * PI));
        assert!((total - 1.0).abs() < 1e-3, "M = {mass}: {total}");
        assert!(real_part > 10.0 * virtual_part.abs() / 11.0);
    }
}

/// Paper 004 Eq. (32): for L_mu − L_tau both couplings of the muon and the tau scale by
/// |1 + g²K_F/(16π²)|; Eq. (33): the neutrino average by |1 + (2/3) g²K_F/(16π²)| to first
/// order; the electron's correction is negligible.
#[test]
fn paper_004_equations_32_33() {
    for (mass, g) in [(0.1, 0.01), (10.0, 0.1), (300.0, 0.5)] {
        let delta = k_f((mass / 91.1876_f64).powi(2)) * (g * g / (16.0 * PI * PI));
        let eq32 = (C64::new(1.0, 0.0) + delta).norm() - 1.0;
        let eq33 = (C64::new(1.0, 0.0) + 2.0 / 3.0 * delta).norm() - 1.0;
        with_point("lmu-ltau", mass, g, |ctx| {
            for name in [
                "g_V(Zmumu)/g_V^SM - 1",
                "g_A(Zmumu)/g_A^SM - 1",
                "g_V(Ztautau)/g_V^SM - 1",
                "g_A(Ztautau)/g_A^SM - 1",
            ] {
                let v = crate::observables::predict(name, &[], ctx.point, ctx.inputs).unwrap();
                assert!(
                    (v / eq32 - 1.0).abs() < 1e-3,
                    "{name} at {mass}: {v} vs {eq32}"
                );
            }
            let nu = crate::observables::predict("g(Znunu)/g^SM - 1", &[], ctx.point, ctx.inputs)
                .unwrap();
            // Equal to first order: they differ by O(|delta|^2) (Im K_F is not small).
            assert!((nu - eq33).abs() < 2.0 * delta.norm_sqr(), "{nu} vs {eq33}");
            let r = crate::observables::predict(
                "Gamma(Z->mumu)/Gamma(Z->ee)",
                &[],
                ctx.point,
                ctx.inputs,
            )
            .unwrap();
            let r_sm = crate::observables::predict(
                "Gamma(Z->mumu)/Gamma(Z->ee)",
                &[],
                &ctx.point.with_coupling(0.0),
                ctx.inputs,
            )
            .unwrap();
            assert!(
                ((r / r_sm).sqrt() - 1.0 - eq32).abs() < 1e-3 * eq32.abs(),
                "{r} {r_sm}"
            );
        });
    }
}

/// The prepared per-mass function equals the point form, and the Standard Model is exact at
/// zero coupling.
#[test]
fn prepared_form_matches_the_point_form() {
    for (name, sm_value) in [
        ("g_V(Zmumu)/g_V^SM - 1", 0.0),
        ("g(Znunu)/g^SM - 1", 0.0),
        ("N_nu(Z)", 3.0),
    ] {
        with_point("lmu-ltau", 20.0, 0.05, |ctx| {
            let e = ZEvaluator(match name {
                "N_nu(Z)" => Kind::Invisible,
                "g(Znunu)/g^SM - 1" => Kind::Neutrino,
                _ => Kind::Coupling(Ratio::Vector(1)),
            });
            let f = e.at_mass(ctx).unwrap();
            for c in [0.0, 0.01, 0.05, 0.3] {
                let p = ctx.point.with_coupling(c);
                let direct = e.predict(&Context { point: &p, ..*ctx }).unwrap();
                let scanned = f.at(c).unwrap();
                assert!(
                    (direct - scanned).abs() <= 1e-14 * direct.abs().max(1.0),
                    "{name} {c}"
                );
            }
            assert!((f.at(0.0).unwrap() - sm_value).abs() < 1e-15, "{name}");
        });
    }
}

/// Finite from the lightest to the heaviest Z' zprime accepts, and the real emission closes at
/// the Z mass.
#[test]
fn finite_on_the_whole_mass_range() {
    for mass in [1e-9, 1e-6, 1e-3, 1.0, 91.0, 91.1876, 92.0, 1e3, 1e4] {
        let k = k_f((mass / 91.1876_f64).powi(2));
        assert!(k.re.is_finite() && k.im.is_finite(), "{mass}");
        let r = radiation_ratio(91.1876, mass).unwrap();
        assert!(r.is_finite() && r >= 0.0, "{mass}");
        if mass >= 91.1876 {
            assert_eq!(r, 0.0);
        }
        with_point("lmu-ltau", mass, 0.1, |ctx| {
            for o in OBSERVABLES {
                let v = crate::observables::predict(o.name, &[], ctx.point, ctx.inputs).unwrap();
                assert!(v.is_finite(), "{} at {mass}: {v}", o.name);
            }
        });
    }
}
