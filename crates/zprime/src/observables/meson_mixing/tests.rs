//! Meson mixing against the papers' printed numbers (003 Eq. 3.18-3.23, 4.15-4.17, 4.22-4.23,
//! Sec. 4.2.1; 004 Eq. 18-23). Differences and their causes are recorded in each test and in
//! the module documentation of [`super`].

use super::physics::{self, Meson, Paper004};
use crate::inputs::InputSet;
use num_complex::Complex64 as C64;

fn jho() -> InputSet {
    InputSet::load("jho2020").unwrap()
}

/// The bound (value) of a measurement of `data/experiments/measurements.toml`.
fn bound(id: &str) -> f64 {
    crate::experiments::entry(id).unwrap().limit.unwrap()
}

fn rel(a: f64, b: f64) -> f64 {
    (a / b - 1.0).abs()
}

/// m_M² − m_π⁰² of the input set: 1/propagator at m_X = m_π⁰.
fn inverse_propagator(set: &InputSet, meson: Meson) -> f64 {
    let m = set.value(meson.mass_parameter()).unwrap();
    let mx = set.value("m_pi0").unwrap();
    1.0 / physics::propagator(m, mx).unwrap()
}

#[test]
fn inp_bounds_are_the_papers() {
    // 003 Eq. 3.15-3.16, 4.15-4.17, 4.22-4.23 and 004 Eq. 22, as shipped.
    for (id, printed) in [
        ("Re CVLL_sdsd:INP2010", 9.0e-13),
        ("Im CVLL_sdsd:INP2010", 3.4e-15),
        ("Re CVLL_bdbd:INP2010", 3.3e-12),
        ("Im CVLL_bdbd:INP2010", 1.0e-12),
        ("CVLL_bsbs:INP2010", 7.6e-11),
        ("Re CVLL_ucuc:INP2010", 5.6e-13),
        ("Im CVLL_ucuc:INP2010", 1.0e-13),
        // 004 Eq. 22: (3.2e5 TeV)^-2 on 2 Im CVLR
        ("Im CVLR_sdsd:INP2010", 0.5 / (3.2e8_f64).powi(2)),
    ] {
        assert!(rel(bound(id), printed) < 1e-12, "{id}: {}", bound(id));
    }
}

#[test]
fn paper_003_kaon_numbers() {
    let set = jho();
    let d = inverse_propagator(&set, Meson::K);
    // Eq. 3.18-3.19: |Re, Im (g_sd)²| ≤ bound × (m_K² − m_π⁰²) in the paper's normalization
    // (its Eq. 3.17 has no ½); ours allows twice as much.
    let re = bound("Re CVLL_sdsd:INP2010") * d;
    let im = bound("Im CVLL_sdsd:INP2010") * d;
    assert!(rel(re, 2.06e-13) < 3e-3, "{re}");
    assert!(rel(im, 7.80e-16) < 1e-3, "{im}");
    // ours: CVLL = ½ g² p, so |Re g²| ≤ 2 × bound/p
    let c = physics::coefficients(
        C64::new((2.0 * re).sqrt(), 0.0),
        C64::new(0.0, 0.0),
        1.0 / d,
    );
    assert!(rel(c.vll.re, bound("Re CVLL_sdsd:INP2010")) < 1e-12);
    // Eq. 3.20-3.21 at g_X = 5e-4, v_Φ = 260 GeV: |Re, Im (Y Y*)²|/(2 m_Q⁴) = 2 × (3.18, 3.19)/(g² v⁴)
    let gv4 = (5e-4_f64).powi(2) * 260f64.powi(4);
    assert!(rel(2.0 * re / gv4, 3.61e-16) < 2e-3);
    // printed 1.40e-18; 2 × 7.80e-16/(g² v⁴) = 1.365e-18 (2.5% lower: the ratio of Eq. 3.21
    // to 3.20 is not that of the INP bounds, 3.4/9.0; a rounding or misprint in the paper)
    let eq321 = 2.0 * im / gv4;
    assert!(
        rel(eq321, 1.365e-18) < 2e-3 && rel(eq321, 1.40e-18) < 0.03,
        "{eq321}"
    );
    // Eq. 3.22: 004's Eq. 22 over v_Φ² = (260 GeV)²: with the printed (3.2e5 TeV)^-2
    // 1.445e-22 (printed 1.48e-22 = 1e-17 GeV^-2/(260 GeV)², the bound rounded up 2.4%)
    let eq322 = 2.0 * bound("Im CVLR_sdsd:INP2010") / 260f64.powi(2);
    assert!(rel(eq322, 1.4446e-22) < 1e-3 && rel(1e-17 / 260f64.powi(2), 1.48e-22) < 1e-3);
    // Eq. 3.23: 2 (3.43e-14)² = 2.353e-27: |Im(Y_Qs Y_Qd*)| = 3.43e-14 × 2 m_Q² for doublet
    // and singlet, m_Q = m_D = 2 TeV
    let y = 3.43e-14 * 2.0 * 2000f64.powi(2);
    assert!(rel(y * y / (2.0 * 2000f64.powi(4)), 2.35e-27) < 2e-3);
}

/// The printed model-II couplings of paper 003 in zprime's sign convention (the paper's
/// Eq. 4.5 has +g in L: its numbers are −g; the sign drops out of g²).
fn printed_model_ii() -> (C64, C64, C64) {
    let g_ds = -C64::new(-2.27e-7, -8.86e-8); // Eq. 4.8
    let g_sb = -C64::new(-2.73e-5, 4.71e-7); // Eq. 4.7
    let g_uc = C64::new(1.62e-5, -4.45e-5); // Eq. 4.19 (tree level, L with −g)
    (g_ds, g_sb, g_uc)
}

/// The largest εg_X allowed by |part(g²)| ≤ `b` × d in the paper's normalization (no ½).
fn eps_g_bound(g2: f64, b: f64, d: f64) -> f64 {
    (b * d / g2.abs()).sqrt()
}

#[test]
fn paper_003_section_4_2_1_bounds_eps_g() {
    let set = jho();
    let (g_ds, g_sb, _) = printed_model_ii();
    // Kaon: Im gives εg_X ≤ 0.139 — the printed "εg_X/3 ≲ 0.14" bounds εg_X (the 1/3 is
    // inside g_ds); Re gives 2.17.
    let dk = inverse_propagator(&set, Meson::K);
    let k_im = eps_g_bound((g_ds * g_ds).im, bound("Im CVLL_sdsd:INP2010"), dk);
    let k_re = eps_g_bound((g_ds * g_ds).re, bound("Re CVLL_sdsd:INP2010"), dk);
    assert!(
        rel(k_im, 0.139) < 5e-3 && rel(k_re, 2.17) < 5e-3,
        "{k_im} {k_re}"
    );
    // B_s (Eq. 4.17) gives 1.71; 1.11 is B_d from Im (Eq. 4.16) with g_db = g_sb V*_td/V*_ts
    // (g_db is not printed): 1.07, 4% below the printed 1.11.
    let ds = inverse_propagator(&set, Meson::Bs);
    let bs = eps_g_bound((g_sb * g_sb).norm(), bound("CVLL_bsbs:INP2010"), ds);
    assert!(rel(bs, 1.713) < 5e-3, "{bs}");
    let v = crate::ckm::from_inputs(&set).unwrap();
    let g_db = g_sb * v[2][0].conj() / v[2][1].conj();
    let dd = inverse_propagator(&set, Meson::Bd);
    let bd_im = eps_g_bound((g_db * g_db).im, bound("Im CVLL_bdbd:INP2010"), dd);
    let bd_re = eps_g_bound((g_db * g_db).re, bound("Re CVLL_bdbd:INP2010"), dd);
    assert!(
        rel(bd_im, 1.07) < 0.01 && rel(bd_im, 1.11) < 0.05,
        "{bd_im}"
    );
    assert!(bd_re > bd_im);
}

#[test]
fn paper_003_d_mixing() {
    // Eq. 4.22-4.23 with g_uc of Eq. 4.19: εg_X ≤ 1.55e-2 (from Im; Re gives 3.36e-2) in the
    // paper's normalization; with the ½ of the symmetric product √2 more, 2.19e-2.
    let set = jho();
    let (_, _, g_uc) = printed_model_ii();
    let d = inverse_propagator(&set, Meson::D);
    let im = eps_g_bound((g_uc * g_uc).im, bound("Im CVLL_ucuc:INP2010"), d);
    let re = eps_g_bound((g_uc * g_uc).re, bound("Re CVLL_ucuc:INP2010"), d);
    assert!(rel(im, 1.55e-2) < 3e-3, "{im}");
    assert!(rel(re, 3.36e-2) < 3e-3, "{re}");
    // ours (CVLL = ½ (g_cu)² p)
    let c = physics::coefficients(g_uc.conj() * im, C64::new(0.0, 0.0), 1.0 / d);
    assert!(rel(c.vll.im.abs(), 0.5 * bound("Im CVLL_ucuc:INP2010")) < 1e-9);
}

/// Paper 004's Bs normalization N_SM with the default inputs.
fn n_sm(set: &InputSet) -> C64 {
    let v = crate::ckm::from_inputs(set).unwrap();
    let x = (set.value("m_t_MSbar").unwrap() / set.value("m_W").unwrap()).powi(2);
    physics::sm_normalization(
        set.value("G_F").unwrap(),
        set.value("m_W").unwrap(),
        v[2][2] * v[2][1].conj(),
        physics::s0(x),
    )
}

#[test]
fn paper_004_s0_and_v_phi_bound() {
    let set = InputSet::load("altmannshofer2014").unwrap();
    let x = (set.value("m_t_MSbar").unwrap() / set.value("m_W").unwrap()).powi(2);
    assert!(
        (physics::s0(x) - 2.3).abs() < 0.01,
        "S0 = {}",
        physics::s0(x)
    );
    // Eq. 21: C9 = −C9' = −(35 TeV)^-2 (Eq. 2) with the Z' alone (Eq. 20: boxes negligible)
    // and |M12/M12_SM − 1| ≤ 0.15 (footnote 2) give v_Φ ≲ 1.8 TeV. With C9 = Y_Qb Y*_Qs/(2m_Q²),
    // C9' = −Y_Db Y*_Ds/(2m_D²): C_LL = 4 C9² v², C_RR = 4 C9'² v², C_LR = −4 C9 C9' v².
    let c9 = -1.0 / 35000f64.powi(2);
    let per_v2 = |lr: f64| {
        Paper004 {
            ll: C64::new(4.0 * c9 * c9, 0.0),
            rr: C64::new(4.0 * c9 * c9, 0.0),
            lr: C64::new(4.0 * c9 * c9, 0.0),
        }
        .combined(lr)
            / n_sm(&set)
    };
    let f = set.value("Bs_mixing_LR_factor").unwrap();
    let v_max = (0.15 / per_v2(f).norm()).sqrt();
    assert!((v_max - 1800.0).abs() < 60.0, "v_phi <= {v_max}");
    eprintln!("paper 004 Eq. 21: v_phi <= {v_max} GeV");
    // without the LR term the bound would be 4.3 TeV: the factor 9.7 makes the 1.8 TeV
    let v_no_lr = (0.15 / per_v2(0.0).norm()).sqrt();
    assert!(v_no_lr > 4000.0, "{v_no_lr}");
}

#[test]
fn paper_004_kaon_scale() {
    // Eq. 22: Im(Y_Qs Y*_Qd Y_Ds Y*_Dd) v_Φ²/(2 m_Q² m_D²) = 2 Im CVLR_sdsd (heavy Z'); the
    // shipped bound on |Im CVLR| is half of (3.2e5 TeV)^-2.
    let (y, v, mq, md) = (C64::new(0.0, 1e-3), 500.0, 3000.0, 4000.0);
    let g = 0.1;
    let l = g * y * C64::new(1e-3, 0.0) * v * v / (2.0 * mq * mq); // Y_Qs Y_Qd* = i 1e-6
    let r = -g * C64::new(1e-3, 0.0) * C64::new(1e-3, 0.0) * v * v / (2.0 * md * md);
    let c = physics::coefficients(l, r, -1.0 / (g * v).powi(2));
    let printed = (y * 1e-3 * 1e-6).im * v * v / (2.0 * mq * mq * md * md);
    assert!(
        rel(2.0 * c.vlr.im, printed) < 1e-12,
        "{} {printed}",
        c.vlr.im
    );
    let scale_tev = 1.0 / (2.0 * bound("Im CVLR_sdsd:INP2010")).sqrt() / 1e3;
    assert!(rel(scale_tev, 3.2e5) < 1e-9);
}

#[test]
fn heavy_z_prime_equals_paper_004_eq_19() {
    // C_LL = −8 CVLL = (Y_Qs Y*_Qb)² v²/m_Q⁴ for l = g Y Y* v²/(2m_Q²), m_Z' = g v ≫ m_Bs.
    let (x, g, v, mq) = (C64::new(0.3, 0.2), 0.05, 2000.0, 5000.0);
    let l = g * x * v * v / (2.0 * mq * mq);
    let c = physics::coefficients(l, C64::new(0.0, 0.0), -1.0 / (g * v).powi(2));
    let ll = Paper004::from_wcxf(&c).ll;
    let expected = x * x * v * v / mq.powi(4);
    assert!((ll - expected).norm() < 1e-12 * expected.norm());
}

fn point(model: &str, mass: f64, g: f64, params: &[(&str, f64)]) -> crate::model::Point {
    let p = params.iter().map(|(k, v)| ((*k).to_string(), *v)).collect();
    crate::model::preset(model)
        .unwrap()
        .point(mass, g, &p)
        .unwrap()
}

fn observe(name: &str, p: &crate::model::Point, set: &InputSet) -> f64 {
    crate::observables::predict(name, &[], p, set).unwrap()
}

#[test]
fn observables_follow_the_quark_couplings() {
    // B₃ model (paper 003 model II) at m_π⁰: CVLL = ½ l² p for each meson from the matrices.
    let set = jho();
    let mx = set.value("m_pi0").unwrap();
    let p = point("lmu-ltau+b3", mx, 1e-3, &[("eps", 0.012)]);
    let sm = crate::inputs::StandardModel::from_inputs(&set).unwrap();
    let q = crate::flavour::quark_couplings(&p, &sm, &set).unwrap();
    for (meson, l) in [
        (Meson::K, q.down_left[0][1]),
        (Meson::Bd, q.down_left[0][2]),
        (Meson::Bs, q.down_left[1][2]),
        (Meson::D, q.up_left[1][0]),
    ] {
        let pr = physics::propagator(set.value(meson.mass_parameter()).unwrap(), mx).unwrap();
        let c = 0.5 * l * l * pr;
        let s = meson.wcxf_suffix();
        let re = observe(&format!("Re CVLL_{s}"), &p, &set);
        let im = observe(&format!("Im CVLL_{s}"), &p, &set);
        assert!((C64::new(re, im) - c).norm() <= 1e-12 * c.norm(), "{s}");
        assert_eq!(observe(&format!("|Im CVLL_{s}|"), &p, &set), im.abs());
        assert_eq!(observe(&format!("Re CVRR_{s}"), &p, &set), 0.0);
    }
    // the resonance window is not applicable, and says so
    let at_k = point(
        "lmu-ltau+b3",
        set.value("m_KL").unwrap(),
        1e-3,
        &[("eps", 0.012)],
    );
    let e = crate::observables::predict("Re CVLL_sdsd", &[], &at_k, &set).unwrap_err();
    assert!(
        matches!(e, crate::error::Error::NotApplicable { .. }),
        "{e}"
    );
}

#[test]
fn paper_003_model_ii_bounds_from_our_couplings() {
    // Sec. 4.2.1 and Eq. 4.22-4.23 with zprime's own couplings (jho2020): the εg_X bounds in
    // our normalization are √2 times the paper's (the ½); our g_ds, g_db, g_uc differ from the
    // printed ones by the CKM expansion and F₁ inputs (a few per cent).
    let set = jho();
    let mx = set.value("m_pi0").unwrap();
    let eps = 1.0;
    let p = point("lmu-ltau+b3", mx, 1.0, &[("eps", eps)]);
    // |part C| at εg = 1 is ∝ (εg)²: the bound on εg is √(limit/|part C|)
    let limit = |obs: &str, id: &str| (bound(id) / observe(obs, &p, &set)).sqrt();
    let k = limit("|Im CVLL_sdsd|", "Im CVLL_sdsd:INP2010");
    let bd = limit("|Im CVLL_bdbd|", "Im CVLL_bdbd:INP2010");
    let bs = limit("|CVLL_bsbs|", "CVLL_bsbs:INP2010");
    let d = limit("|Im CVLL_ucuc|", "Im CVLL_ucuc:INP2010");
    let r2 = 2f64.sqrt();
    assert!(rel(k / r2, 0.14) < 0.05, "K: {k}");
    assert!(rel(bd / r2, 1.11) < 0.06, "B_d: {bd}");
    assert!(rel(bs / r2, 1.71) < 0.03, "B_s: {bs}");
    assert!(rel(d / r2, 1.55e-2) < 0.04, "D: {d}");
    eprintln!(
        "eps g bounds / sqrt 2: K {} B_d {} B_s {} D {}",
        k / r2,
        bd / r2,
        bs / r2,
        d / r2
    );
}

#[test]
fn paper_003_vlq_kaon_coefficient() {
    // Eq. 3.17 with the ½: CVLL_sdsd = ½ (g Y_Qd Y*_Qs v²/(2m_Q²))²/(m_K² − m_X²) (l = g_ds,
    // the (d̄ s) entry; the leading order in v²/m_Q² holds to 1e-6 here).
    let set = jho();
    let mx = set.value("m_pi0").unwrap();
    let (g, v, mq) = (5e-4, 260.0, 2000.0);
    let yd = C64::new(5.2e-4, 0.0);
    let ys = C64::new(0.0, 5.2e-4);
    let params = |re: &str, im: &str| -> Vec<(String, f64)> {
        vec![
            (re.replace('?', "d"), yd.re),
            (re.replace('?', "s"), ys.re),
            (im.replace('?', "d"), yd.im),
            (im.replace('?', "s"), ys.im),
        ]
    };
    let model = crate::model::preset("lmu-ltau-vlq").unwrap();
    let names: Vec<String> = model.parameters.iter().map(|p| p.name.clone()).collect();
    let mut given = if names.iter().any(|n| n == "Y_Qd_re") {
        params("Y_Q?_re", "Y_Q?_im")
    } else {
        params("Re_Y_Q?", "Im_Y_Q?")
    };
    given.push(("v_phi".into(), v));
    given.push(("m_Q".into(), mq));
    let given: Vec<(&str, f64)> = given.iter().map(|(k, x)| (k.as_str(), *x)).collect();
    let p = point("lmu-ltau-vlq", mx, g, &given);
    let l = g * yd * ys.conj() * v * v / (2.0 * mq * mq);
    let expected = 0.5 * l * l / (set.value("m_KL").unwrap().powi(2) - mx * mx);
    let got = C64::new(
        observe("Re CVLL_sdsd", &p, &set),
        observe("Im CVLL_sdsd", &p, &set),
    );
    // the framework adds the photon penguin of the loop-induced kinetic mixing to g_ds (0.6%
    // of the tree level here, with a CKM phase): Im CVLL is 1.3% of Re instead of 0
    assert!(
        (got - expected).norm() < 0.02 * expected.norm(),
        "{got} {expected}"
    );
    let sm = crate::inputs::StandardModel::from_inputs(&set).unwrap();
    let q = crate::flavour::quark_couplings(&p, &sm, &set).unwrap();
    let exact = 0.5 * q.down_left[0][1].powi(2) / (set.value("m_KL").unwrap().powi(2) - mx * mx);
    assert!((got - exact).norm() < 1e-12 * exact.norm());
    // KOTO point: Re and Im of l² far below the INP bounds (paper 003: "comfortably survives")
    assert!(got.re.abs() < 1e-4 * bound("Re CVLL_sdsd:INP2010"));
}

/// The upper coupling limit of constraint `id` at `mass` from `zprime limits`' engine.
fn upper_limit(model: &str, params: &[(&str, f64)], set: &InputSet, id: &str, mass: f64) -> f64 {
    let m = crate::model::preset(model).unwrap();
    let template = point(model, mass, 1e-3, params);
    let report = crate::scan::limits(&m, &template, set, &[mass]).unwrap();
    let c = report.constraints.iter().find(|c| c.name == id).unwrap();
    c.limits[0].upper_limit.unwrap()
}

#[test]
fn limits_give_the_coupling_bounds() {
    // B₃ (paper 003 model II, ε = 0.012) at m_π⁰: D mixing bounds g at εg ≤ 2.13e-2 (the
    // paper's 1.55e-2 × √2, our g_uc).
    let set = jho();
    let mx = set.value("m_pi0").unwrap();
    let g = upper_limit(
        "lmu-ltau+b3",
        &[("eps", 0.012)],
        &set,
        "D-mixing:ImLL:INP2010",
        mx,
    );
    assert!(rel(0.012 * g, 2.126e-2) < 5e-3, "{g}");
    // vector-like quarks with paper 004's hierarchy (Eq. 20, Y_Qs/Y_Qb = λ² ≈ 0.05), m_Q =
    // 5 TeV, v_Φ = 1 TeV: |M12/M12_SM − 1| = 0.15 at the limit.
    let set = InputSet::load("altmannshofer2014").unwrap();
    let model = crate::model::preset("lmu-ltau-vlq").unwrap();
    let name = |re: &str| {
        let new = format!("Y_{re}_re");
        if model.parameters.iter().any(|p| p.name == new) {
            new
        } else {
            format!("Re_Y_{re}")
        }
    };
    let (qb, qs) = (name("Qb"), name("Qs"));
    let params = [
        (qb.as_str(), 1.0),
        (qs.as_str(), 0.05),
        ("m_Q", 5000.0),
        ("v_phi", 1000.0),
    ];
    let g = upper_limit(
        "lmu-ltau-vlq",
        &params,
        &set,
        "Bs-mixing:M12:altmannshofer2014",
        50.0,
    );
    let at = point("lmu-ltau-vlq", 50.0, g, &params);
    let r = observe("|M12(Bs)/M12_SM-1|", &at, &set);
    assert!(rel(r, 0.15) < 1e-6, "{g} {r}");
}
