//! Paper 002: Z. Kang, Y. Shigekami, arXiv:2008.09793, with `kang2020` (PDG 2019 CKM and
//! up-quark masses, m_u = 2.2 MeV).
//!
//! Conventions and findings (see `flavour::w_loop` and `observables::k_to_pi`):
//! - The printed C_L, C_R matrices (Eq. 4.8, 4.9, B1–B4) are the negatives of
//!   `g₂² V*_ai V_bj {…}` that Eq. (4.4)–(4.5) define: the paper's numerics use
//!   g = +(1/16π²) Σ(C g). We compare −C with the printed entries.
//! - Of the 100 printed numbers, 88 agree to the printed two digits and 12 (the `deviations`
//!   of the entries in data/papers/printed.toml) by
//!   1–2.5% (or one unit of the last digit): C_L entries with the charm or top logarithm of
//!   C00, the u-threshold imaginary part of (C_L^ds)₁₁, C_R entries ∝ m_t or m_c. The paper's
//!   exact masses and scale are not stated; none changes a physics number below.
//! - The text's "Im Σ (C_L g_L) ≈ 0.88e-5" is the sum of the rounded printed matrices
//!   (0.885e-5); the unrounded sum is 0.758e-5 (the terms cancel to 90%). The paper's
//!   BR(K_L → π⁰Z') = 3.4e-6 follows from the unrounded one.
//! - K → π form factor: the paper's K_L numbers (Eq. 4.10, 4.12) are reproduced with
//!   f_+ ≈ 0.97 at q² ≈ m_π², its K⁺ numbers (Eq. 4.11 and the E949 bound) with f_+ ≈ 1.00 —
//!   different isospin-breaking normalizations of Mescia–Smith (its Ref. [58]) that the paper
//!   does not quote. The shipped `kang2020` keeps one f_+ (today's FLAG f_+(0) with the
//!   dispersive q² dependence, ≈ 0.992 at m_π0²): our K_L numbers are then 4% high in the
//!   branching ratio (2% low in the coupling). `explanation_of_the_kl_numbers` shows the cause.

use super::common::*;
use num_complex::Complex64 as C64;
use std::collections::BTreeMap;
use zprime::flavour::w_loop::{
    bl23_couplings, ckm_rows, coefficient_matrices, g2_squared, loop_matrices, LoopOptions,
};
use zprime::flavour::Transition;
use zprime::reproduce::printed::Part;
use zprime::reproduce::Tolerance;
use zprime::{InputSet, Model, StandardModel};

fn set() -> InputSet {
    InputSet::load("kang2020").unwrap()
}

/// Printed value check: `x` rounds to `printed` (two significant digits) within `tol` relative.
fn printed_ok(x: f64, printed: f64, tol: f64) -> bool {
    if printed == 0.0 {
        return x.abs() < 1e-25;
    }
    (x - printed).abs() <= tol * printed.abs()
}

/// Two-digit entries: a value rounds to the printed one if within 5% of its last digit (a
/// printed 1.5 covers 1.45–1.55, i.e. ±3.3%); allow half a unit of the second digit.
fn half_unit(printed: f64) -> f64 {
    let d = printed.abs().log10().floor();
    0.5 * 10f64.powf(d - 1.0) / printed.abs() * 1.0001
}

/// The table entry `id` is compared to its printed digits, which are two (what `half_unit`
/// assumes).
fn two_printed_digits(id: &str) -> &str {
    assert_eq!(
        number(id).tolerance,
        Some(Tolerance::PrintedDigits(2)),
        "{id}"
    );
    id
}

/// The printed matrix of table entry `id`, as (re, im) pairs.
fn printed_matrix(id: &str) -> Printed {
    number(id)
        .matrix
        .as_ref()
        .unwrap()
        .entries
        .map(|row| row.map(|[re, im]| (re, im)))
}

type Printed = [[(f64, f64); 3]; 3];

fn check_matrix(id: &str, ours: &[Vec<C64>]) -> usize {
    let name = two_printed_digits(id);
    let printed = &printed_matrix(id);
    let deviations = number(id).matrix.as_ref().unwrap();
    let mut relaxed = 0;
    for r in 0..3 {
        for c in 0..3 {
            let x = -ours[r][c]; // printed sign
            for (part, v, p) in [
                (Part::Re, x.re, printed[r][c].0),
                (Part::Im, x.im, printed[r][c].1),
            ] {
                if p == 0.0 {
                    // printed without that part: it is below the printed precision
                    assert!(
                        v.abs() < 1e-3 * x.norm(),
                        "{name}[{r}][{c}]{part:?}: {v} printed 0"
                    );
                    continue;
                }
                if printed_ok(v, p, half_unit(p)) {
                    continue;
                }
                let listed = deviations.is_deviation(r, c, part);
                // listed: within 3% (the table's margin) or one unit of the last printed digit
                let tol = deviations.deviation_margin.max(2.0 * half_unit(p));
                assert!(
                    listed && printed_ok(v, p, tol),
                    "{name}[{r}][{c}]{part:?}: {v:e} vs printed {p:e}"
                );
                relaxed += 1;
            }
        }
    }
    relaxed
}

fn loop_setup() -> (InputSet, StandardModel, zprime::ckm::Matrix3, f64) {
    let s = set();
    let sm = StandardModel::from_inputs(&s).unwrap();
    let v = zprime::ckm::from_inputs(&s).unwrap();
    let g2 = g2_squared(sm.g_fermi, sm.m_w);
    (s, sm, v, g2)
}

/// Eq. (3.8): g_L^u/g_{B−L}.
#[test]
fn eq_3_8_left_handed_up_couplings() {
    let (_, _, v, _) = loop_setup();
    let (gl, gr) = bl23_couplings(&v, 1.0, None);
    let printed = printed_matrix(two_printed_digits("002-gl-up"));
    for r in 0..3 {
        for c in 0..3 {
            let (pr, pi) = printed[r][c];
            assert!(
                printed_ok(gl[r][c].re, pr, half_unit(pr)),
                "[{r}][{c}] {}",
                gl[r][c]
            );
            if pi == 0.0 {
                assert!(gl[r][c].im.abs() < 1e-12);
            } else {
                assert!(
                    printed_ok(gl[r][c].im, pi, half_unit(pi)),
                    "[{r}][{c}] {}",
                    gl[r][c]
                );
            }
            assert_eq!(gr[r][c], C64::new(0.0, 0.0)); // Scenario I
        }
    }
    // the model's up-type matrix L^(u) (what D -> pi Z' and t -> c Z' read) is this matrix
    // (plus, for the uncharged u quark, the e eps Q of the loop-induced kinetic mixing)
    let (s, sm, _, _) = loop_setup();
    let pt = Model::resolve("b-l-23")
        .unwrap()
        .point(0.135, 1.0, &BTreeMap::new())
        .unwrap();
    let c = zprime::flavour::quark_couplings(&pt, &sm, &s).unwrap();
    for (r, row) in gl.iter().enumerate() {
        for (col, x) in row.iter().enumerate().filter(|(col, _)| r + col > 0) {
            assert!((c.up_left[r][col] - x).norm() < 1e-15, "[{r}][{col}]");
        }
    }
}

/// Eq. (4.8), (4.9) and App. B (B1)–(B4) at q² = m_π0², LoopTools' μ = 1 GeV.
#[test]
fn eq_4_8_4_9_and_appendix_b_matrices() {
    let (s, sm, v, g2) = loop_setup();
    let q2 = s.value("m_pi0").unwrap().powi(2);
    let lm = loop_matrices(&sm.m_up, q2, sm.m_w * sm.m_w, LoopOptions::paper_002()).unwrap();
    let rows = ckm_rows(&v);
    let mut relaxed = 0;
    let mut listed = 0;
    for (i, j, id_l, id_r) in [
        (0, 1, "002-cl-ds", "002-cr-ds"),
        (0, 2, "002-cl-db", "002-cr-db"),
        (1, 2, "002-cl-sb", "002-cr-sb"),
    ] {
        let (cl, cr, _, _) = coefficient_matrices(&lm, &rows, i, j, g2);
        relaxed += check_matrix(id_l, &cl);
        relaxed += check_matrix(id_r, &cr);
        for id in [id_l, id_r] {
            listed += number(id).matrix.as_ref().unwrap().deviations.len();
        }
    }
    // 100 printed numbers: 88 to their printed digits, 12 within 3% or one unit of the last
    // printed digit (listed)
    assert_eq!(relaxed, listed);
}

/// The text below Fig. 2: Im Σ (C_L g_L) ≈ 0.88e-5 (printed matrices) vs the unrounded sum.
#[test]
fn im_sum_of_left_handed_terms() {
    let (s, sm, v, g2) = loop_setup();
    let q2 = s.value("m_pi0").unwrap().powi(2);
    let lm = loop_matrices(&sm.m_up, q2, sm.m_w * sm.m_w, LoopOptions::paper_002()).unwrap();
    let (cl, _, _, _) = coefficient_matrices(&lm, &ckm_rows(&v), 0, 1, g2);
    let (gl, _) = bl23_couplings(&v, 1.0, None);
    let mut sum = C64::new(0.0, 0.0);
    for a in 0..3 {
        for b in 0..3 {
            sum += -cl[a][b] * gl[a][b];
        }
    }
    let id = "002-im-sum";
    assert!((sum.im - ours(id)).abs() < ours_absolute(id), "{sum}");
    // the product of the printed (rounded) matrices gives the paper's 0.88e-5
    let to_c = |m: Printed| m.map(|row| row.map(|(re, im)| C64::new(re, im)));
    let cl_p = to_c(printed_matrix("002-cl-ds"));
    let gl_p = to_c(printed_matrix("002-gl-up"));
    let printed_sum: C64 = (0..9)
        .map(|k| cl_p[k / 3][k % 3] * gl_p[k / 3][k % 3])
        .sum();
    assert!(inside(printed_sum.im, within(id)));
}

/// Eq. (4.10): BR(K_L → π⁰Z') = 3.4e-6 at m_Z' = m_π0, g = 1e-3 (ours 3.52e-6, see above).
#[test]
fn eq_4_10_kl_branching_ratio() {
    let s = set();
    let br = predict(
        "BR(KL->piZp)",
        &s,
        &point("b-l-23", s.value("m_pi0").unwrap(), 1e-3),
    );
    let id = "002-kl-br";
    assert!((br / value(id) - 1.0).abs() < relative(id), "{br:e}");
    assert!((br - ours(id)).abs() < ours_absolute(id), "{br:e}");
}

/// Eq. (4.11) g < 5.4e-6 from BR(K⁺ → π⁺Z') < 0.9e-9 (Eq. 2.3), and the E949 bound
/// g < 4.2e-5 from 5.6e-8, at m_Z' = m_π0.
#[test]
fn eq_4_11_and_e949_bounds() {
    let s = set();
    let unit = rate_over_sm(
        "BR(K+->piZp)",
        &s,
        &point("b-l-23", s.value("m_pi0").unwrap(), 1.0),
    );
    let g_na62 = (0.9e-9 / unit).sqrt();
    let g_e949 = (5.6e-8 / unit).sqrt();
    let na62 = value(two_printed_digits("002-na62-g"));
    assert!(printed_ok(g_na62, na62, half_unit(na62)), "{g_na62:e}");
    // 4.26e-5 with our f_+ (0.992); 4.22e-5 with f_+ = 1 (see the module documentation)
    let e949 = "002-e949-g";
    assert!(
        (g_e949 / value(e949) - 1.0).abs() < relative(e949),
        "{g_e949:e}"
    );
}

/// Eq. (4.12): at m_Z' = 128 MeV the KOTO band 2.1 (+2.0 −1.1) e-9 (1σ; 2σ: 0.37–6.2 e-9,
/// the Poisson interval of three events that Eq. 2.1's "+4.1" belongs to) gives
/// 1.6e-5 (1.0e-5) ≲ g ≲ 3.3e-5 (4.0e-5).
#[test]
fn eq_4_12_koto_range_at_128_mev() {
    let s = set();
    let k = rate_over_sm("BR(KL->piZp)", &s, &point("b-l-23", 0.128, 1.0));
    let g = |br: f64| (br / k).sqrt();
    // ours (f_+ = 0.990 at 128 MeV) are 2% below the paper's (f_+ ≈ 0.97)
    for (ours, id) in [
        (g(1.0e-9), "002-koto-g-1sigma-low"),
        (g(4.1e-9), "002-koto-g-1sigma-high"),
        (g(0.37e-9), "002-koto-g-2sigma-low"),
        (g(6.2e-9), "002-koto-g-2sigma-high"),
    ] {
        let paper = value(id);
        assert!(
            (ours / paper - 1.0).abs() < relative(id),
            "{ours:e} vs {paper:e}"
        );
    }
}

/// With f_+ = 0.97 for K_L → π⁰ (a user input file overriding only that), Eq. (4.10) and
/// (4.12) are reproduced to their printed digits: the residual differences above are the form
/// factor normalization, not the loop calculation.
#[test]
fn explanation_of_the_kl_numbers() {
    let text = r#"
name = "kang2020-fplus097"
base = "kang2020"
description = "test: kang2020 with f_+ = 0.97 flat"
[parameters.fplus_Kpi_0]
value = 0.97
uncertainty = 0.0
unit = "1"
description = "K -> pi form factor"
source = "test of the paper-002 K_L normalization"
[parameters.Lambda_plus_Kpi]
value = 0.0
uncertainty = 0.0
unit = "1"
description = "no slope"
source = "test"
"#;
    let s = InputSet::from_toml(text, "test.toml").unwrap();
    let br = predict(
        "BR(KL->piZp)",
        &s,
        &point("b-l-23", s.value("m_pi0").unwrap(), 1e-3),
    );
    // every number here is printed with two digits (what `half_unit` assumes)
    let kl = value("002-kl-br");
    assert!(printed_ok(br, kl, half_unit(kl)), "{br:e}");
    let k = rate_over_sm("BR(KL->piZp)", &s, &point("b-l-23", 0.128, 1.0));
    for (br, id) in [
        (1.0e-9, "002-koto-g-1sigma-low"),
        (4.1e-9, "002-koto-g-1sigma-high"),
        (0.37e-9, "002-koto-g-2sigma-low"),
        (6.2e-9, "002-koto-g-2sigma-high"),
    ] {
        let paper = value(id);
        let g = (br / k).sqrt();
        assert!(printed_ok(g, paper, half_unit(paper)), "{g:e} vs {paper:e}");
    }
}

/// Eq. (4.15): (W_u)_1i = (0, 1/√2, e^{iθ₁₃}/√2) with θ₁₃ ≈ 0.59π gives BR(K_L → π⁰Z') ≈ 2.1e-9
/// at m_Z' = 128 MeV, g = 1e-3.
#[test]
fn eq_4_15_scenario_two_example() {
    let s = set();
    let model = Model::resolve("b-l-23").unwrap();
    let r = 0.5f64.sqrt();
    let mut p = BTreeMap::new();
    p.insert("Wu2_abs".to_string(), r);
    p.insert("Wu3_abs".to_string(), r);
    p.insert("Wu3_phase".to_string(), 0.59 * std::f64::consts::PI);
    let br = predict("BR(KL->piZp)", &s, &model.point(0.128, 1e-3, &p).unwrap());
    let printed = value(two_printed_digits("002-scenario2-br"));
    assert!(printed_ok(br, printed, half_unit(printed)), "{br:e}");
    // a not-unit row is rejected, naming the parameters
    p.insert("Wu3_abs".to_string(), 0.9);
    let pt = model.point(0.128, 1e-3, &p).unwrap();
    let sm = StandardModel::from_inputs(&s).unwrap();
    let e = zprime::flavour::quark_couplings(&pt, &sm, &s).unwrap_err();
    assert!(
        e.is_invalid_input() && e.to_string().contains("Wu1_abs"),
        "{e}"
    );
}

/// App. A, the check against Pospelov's dark photon (PRD 80, 095002).
///
/// (A4): with diagonal universal couplings (g_L^u)_ii = (g_R^u)_ii = g', the W-loop vertex of
/// Eq. (4.4) gives |g_eff| ≃ 6.8e-7 |g'| at m_Z' = m_π0 — reproduced (6.81e-7). But this is not
/// a check of the loop: for a generation-universal vector coupling the current is conserved,
/// and the s → d vertex must vanish as q² → 0 (Ward identity), which happens only with the
/// external-leg (self-energy) diagrams that Eq. (4.4) leaves out; the vertex alone stays at
/// 6.8e-7 |g'| at q² = 0. The gauge-invariant comparison is the photon penguin (paper 003
/// Eq. 2.9, `flavour::kinetic`), ∝ q²: at m_π0 it gives |g_ds| = 9.3e-10 ε (quark level, c and
/// t), against (A3) 2e/(4π)² (m²/m_K²) √W²(m²) ε = 5.3e-10 ε from the chiral amplitude with
/// W²(m²) = 1e-12 (3 + 6m²/m_K²) — the same order, the quark-level value depending on ln m_c.
#[test]
fn app_a_dark_photon_check() {
    use zprime::flavour::w_loop::{induced_coupling, DiracScheme};
    let (s, sm, v, g2) = loop_setup();
    let mpi0 = s.value("m_pi0").unwrap();
    let id: Vec<Vec<C64>> = (0..3)
        .map(|i| {
            (0..3)
                .map(|j| C64::new(if i == j { 1.0 } else { 0.0 }, 0.0))
                .collect()
        })
        .collect();
    let g_at = |q2: f64| {
        let opts = LoopOptions {
            goldstone: false,
            scheme: DiracScheme::FourDim,
            mu2: 1.0,
        };
        let lm = loop_matrices(&sm.m_up, q2, sm.m_w * sm.m_w, opts).unwrap();
        induced_coupling(&lm, &ckm_rows(&v), &id, &id, 0, 1, g2)
            .value
            .norm()
    };
    let a4 = g_at(mpi0 * mpi0);
    let printed = value(two_printed_digits("002-dark-photon-a4"));
    assert!(printed_ok(a4, printed, half_unit(printed)), "{a4:e}");
    assert!((g_at(0.0) / a4 - 1.0).abs() < 0.01); // no q² suppression: not gauge invariant
                                                  // (A3) and the photon penguin, per unit kinetic mixing
    let mk = s.value("m_Kp").unwrap();
    let r = (mpi0 / mk).powi(2);
    let w2 = 1e-12 * (3.0 + 6.0 * r);
    let a3 = 2.0 * sm.e() / (4.0 * std::f64::consts::PI).powi(2) * r * w2.sqrt();
    let id = "002-dark-photon-a3"; // "≈ 3e-10 κ (m_X/100 MeV)²"
    assert!((a3 / value(id) / (mpi0 / 0.1).powi(2) - 1.0).abs() < relative(id));
    let dp = Model::resolve("dark-photon")
        .unwrap()
        .point(mpi0, 1.0, &BTreeMap::new())
        .unwrap();
    let penguin = zprime::flavour::quark_couplings(&dp, &sm, &s)
        .unwrap()
        .left(Transition::Ds)
        .norm();
    let ratio = penguin / a3;
    assert!(ratio > 1.0 && ratio < 3.0, "{penguin:e} vs {a3:e}");
}

/// Eq. (2.3): NA62's BR(pi0 -> invisible) < 4.4e-9 times BR(K+ -> pi+ pi0) = 0.2067 gives
/// BR(K+ -> pi+ Z') < 0.9e-9 within m_pi0 +- 3.8 MeV (constraint K+->piX:NA62-pi0inv), which
/// is not applied outside that window.
#[test]
fn eq_2_3_na62_pi0_invisible() {
    let set = InputSet::load("kang2020").unwrap();
    let id = "002-na62-pi0inv";
    assert!((4.4e-9 * 0.2067 / value(id) - 1.0).abs() < 0.011);
    let sm = zprime::StandardModel::from_inputs(&set).unwrap();
    let c = zprime::constraints::Constraint::load("K+->piX:NA62-pi0inv", &set).unwrap();
    let m = set.value("m_pi0").unwrap();
    let e = c
        .evaluate(&sm, &set, &point("b-l-23", m, 1e-6))
        .unwrap()
        .unwrap();
    assert_eq!(e.bound, value(id));
    for outside in [m - 0.004, m + 0.004] {
        let p = point("b-l-23", outside, 1e-6);
        assert!(c.evaluate(&sm, &set, &p).unwrap().is_none());
        assert!(c.not_applied_reason(&sm, &set, &p).is_some());
    }
}

/// Table I: the absolute values need the benchmark (W_u)_1i of Fig. 3, which the paper does not
/// print; the ratios test the isospin factors κ² and the lifetimes (B⁰ over B⁺) and the form
/// factors (V over P, same coupling). The K*⁰/K*⁺ ratio is 0.75% above τ_B⁰/τ_B⁺ (our
/// isospin-symmetric A₁₂ with the K* masses), ρ⁺/π⁺ is not reproduced (today's form factors).
#[test]
fn table_1_ratios() {
    let s = zprime::InputSet::load("kang2020").unwrap();
    let ratio = |a: &str, b: &str, pair: &str| {
        let mut p = std::collections::BTreeMap::new();
        p.insert(pair.to_string(), 1.0);
        let pt = zprime::Model::resolve("fcnc")
            .unwrap()
            .point(0.128, 1e-9, &p)
            .unwrap();
        predict(&format!("BR({a})"), &s, &pt) / predict(&format!("BR({b})"), &s, &pt)
    };
    let check = |x: f64, id: &str| (x / value(id) - 1.0).abs() < relative(id);
    let check_ours = |x: f64, id: &str| (x / ours(id) - 1.0).abs() < ours_relative(id);
    let pi = ratio("B0->piZp", "B+->piZp", "Re_gL_db");
    assert!(check(pi, "002-table1-pi-isospin"), "{pi}");
    let rho = ratio("B0->rhoZp", "B+->rhoZp", "Re_gL_db");
    assert!(check(rho, "002-table1-rho-isospin"), "{rho}");
    let k = ratio("B0->KZp", "B+->KZp", "Re_gL_sb");
    assert!(check(k, "002-table1-k-lifetime"), "{k}");
    let ks = ratio("B0->K*Zp", "B+->K*Zp", "Re_gL_sb");
    assert!(check_ours(ks, "002-table1-kstar-lifetime"), "{ks}");
    let ksk = ratio("B+->K*Zp", "B+->KZp", "Re_gL_sb");
    assert!(check_ours(ksk, "002-table1-kstar-over-k"), "{ksk}");
    let rp = ratio("B+->rhoZp", "B+->piZp", "Re_gL_db");
    assert!(check_ours(rp, "002-table1-rho-over-pi"), "{rp}");
}
