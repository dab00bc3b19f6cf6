//! Paper 003: Y. Jho, S. M. Lee, S. C. Park, Y. Park, P.-Y. Tseng, JHEP 04 (2020) 086, with
//! `jho2020` (PDG 2018 CKM in the O(λ⁵) Wolfenstein expansion, f_+ = 1, the paper's widths).
//!
//! Findings (details in `flavour::third_gen`, `flavour::kinetic`, `loops::functions`):
//! - Sign: Eq. (4.5) writes `+g^eff` in L, opposite to Eq. (2.1); our g (convention of
//!   Eq. 2.1) is the negative of the numbers of Eq. (4.7), (4.8), (4.13), (4.14).
//! - Real parts reproduce to 0.5% (with the PDG 2018 m_t = 173.0, m_W = 80.379, m_c = 1.275 GeV
//!   of the paper's Ref. [44]); the imaginary parts are 5.6% above the printed ones in all
//!   three cases (B₃ ds and sb, B₂ ds). Everything else agreeing, this is a CKM phase: the
//!   printed numbers correspond to η ≈ 0.336 instead of the quoted 0.355 (with the exact
//!   parametrization the difference would be larger, 8.5%). Not explained by the paper's text.
//! - Eq. (2.8) and (4.12) rest on two different B⁺ → K⁺X limits: |g_sb| ≤ 1.23e-9 is what
//!   BR < 1.6e-5 (BaBar) gives with Eq. (2.4), not the 1.3e-5 the text quotes (1.108e-9); and
//!   εg ≲ 4.05e-5 is what 1.3e-5 gives (1.108e-9/2.73e-5), not 1.23e-9/2.73e-5 = 4.50e-5.
//! - Eq. (4.19): Im g_uc 6.1% above the printed value (the same CKM-phase difference).
//! - Eq. (4.24), D⁺ → π⁺X, is 4/9 of the rate the paper's own Eq. (2.2) gives for the same
//!   Lagrangian, without phase space; as printed it reproduces the bound εg ≲ 1.31e-2 (1.29e-2),
//!   the consistent rate gives 0.83e-2 (`observables::d_decays`).
//! - Eq. (2.16): ε ≈ 1.5 for the KOTO central value with a kinetically mixed X is not
//!   reproduced: with the paper's own Eq. (2.9)–(2.13) (factor 2 of (1 − γ₅) included, as its
//!   Eq. 2.15 requires) we find 1.74. Eq. (2.15), ε ≲ 1.3e-2, reproduces (1.35e-2).

use super::common::*;
use num_complex::Complex64 as C64;
use std::collections::BTreeMap;
use zprime::flavour::{third_gen, w_loop, Transition};
use zprime::loops::functions::{a_fn, b_fn, f1};
use zprime::{InputSet, Model, StandardModel};

fn set() -> InputSet {
    InputSet::load("jho2020").unwrap()
}

fn b3_point(mass: f64, g: f64, eps: f64) -> zprime::Point {
    let mut p = BTreeMap::new();
    p.insert("eps".to_string(), eps);
    Model::resolve("lmu-ltau+b3")
        .unwrap()
        .point(mass, g, &p)
        .unwrap()
}

fn couplings(s: &InputSet, pt: &zprime::Point) -> (C64, C64) {
    let sm = StandardModel::from_inputs(s).unwrap();
    let c = zprime::flavour::quark_couplings(pt, &sm, s).unwrap();
    (c.left(Transition::Ds), c.left(Transition::Sb))
}

fn close(x: f64, printed: f64, rel: f64) -> bool {
    (x - printed).abs() <= rel * printed.abs()
}

/// Eq. (4.7), (4.8): g_sb|B3 ≃ (−2.73e-5 + 4.71e-7 i) εg_X, g_ds|B3 ≃ (−2.27e-7 − 8.86e-8 i) εg_X
/// (the paper's sign convention of Eq. 4.5).
#[test]
fn eq_4_7_4_8_b3_couplings() {
    let s = set();
    let (eps, g) = (0.012, 1e-3);
    let (ds, sb) = couplings(&s, &b3_point(s.value("m_pi0").unwrap(), g, eps));
    let (ds, sb) = (-ds / (eps * g), -sb / (eps * g));
    let (sb_re, ds_re) = ("003-b3-sb-re", "003-b3-ds-re");
    assert!(
        close(sb.re, value(sb_re), relative(sb_re)) && close(ds.re, value(ds_re), relative(ds_re)),
        "{sb} {ds}"
    );
    // imaginary parts 5.6% above the printed ones (see the module documentation)
    let (sb_im, ds_im) = ("003-b3-sb-im", "003-b3-ds-im");
    assert!(
        close(sb.im, ours(sb_im), ours_relative(sb_im))
            && close(ds.im, ours(ds_im), ours_relative(ds_im)),
        "{sb} {ds}"
    );
}

/// Eq. (4.13), (4.14): the B₂ analogue, g_sb|B2 ≃ −6.09e-8 εg, g_ds|B2 ≃ (3.24e-7 − 1.93e-10 i) εg.
#[test]
fn eq_4_13_4_14_b2_couplings() {
    let s = set();
    let sm = StandardModel::from_inputs(&s).unwrap();
    let v = zprime::ckm::from_inputs(&s).unwrap();
    let g2 = w_loop::g2_squared(sm.g_fermi, sm.m_w);
    let ds = -third_gen::induced(&v, 0, 1, 1.0, 0.0, 1.0 / 3.0, sm.m_up, sm.m_w, g2);
    let sb = -third_gen::induced(&v, 1, 2, 1.0, 0.0, 1.0 / 3.0, sm.m_up, sm.m_w, g2);
    assert!(
        close(sb.re, value("003-b2-sb-re"), relative("003-b2-sb-re"))
            && sb.im.abs() < 1e-3 * sb.re.abs(),
        "{sb}"
    );
    let (re, im) = ("003-b2-ds-re", "003-b2-ds-im");
    assert!(close(ds.re, value(re), relative(re)), "{ds}");
    assert!(close(ds.im, ours(im), ours_relative(im)), "{ds}");
}

/// Eq. (2.5)–(2.7) and (4.9)–(4.12): the couplings the kaon data require, and the εg_X they
/// translate into with the B₃ couplings.
#[test]
fn eq_2_5_to_2_7_and_4_9_to_4_12() {
    let s = set();
    let m = s.value("m_pi0").unwrap();
    // unit-coupling rates of the fcnc preset (g_ds = g (Re + i Im))
    let fcnc = Model::resolve("fcnc").unwrap();
    let mut p = BTreeMap::new();
    p.insert("Re_g_ds".to_string(), 1.0);
    let kplus = rate_over_sm("BR(K+->piZp)", &s, &fcnc.point(m, 1.0, &p).unwrap());
    p.insert("Re_g_ds".to_string(), 0.0);
    p.insert("Im_g_ds".to_string(), 1.0);
    let klong = rate_over_sm("BR(KL->piZp)", &s, &fcnc.point(m, 1.0, &p).unwrap());
    let im_koto = (2.1e-9 / klong).sqrt();
    let abs_e949 = (5.6e-8 / kplus).sqrt();
    let im_gn = (4.3 * 5.6e-8 / klong).sqrt();
    let (koto, e949, gn) = ("003-koto-im-gds", "003-e949-abs-gds", "003-gn-im-gds");
    assert!(
        close(im_koto, value(koto), relative(koto)),
        "Eq. 2.5: {im_koto:e}"
    );
    assert!(
        close(abs_e949, value(e949), relative(e949)),
        "Eq. 2.6: {abs_e949:e}"
    );
    assert!(close(im_gn, value(gn), relative(gn)), "Eq. 2.7: {im_gn:e}");
    let (ds, sb) = couplings(&s, &b3_point(m, 1.0, 1.0));
    let id = "003-koto-eps-g"; // 5.6% Im difference
    assert!(
        close(im_koto / ds.im.abs(), ours(id), ours_relative(id)),
        "Eq. 4.9"
    );
    let id = "003-e949-eps-g";
    assert!(
        close(abs_e949 / ds.norm(), value(id), relative(id)),
        "Eq. 4.10: {:e}",
        abs_e949 / ds.norm()
    );
    let id = "003-gn-eps-g"; // 5.6% Im difference
    assert!(
        close(im_gn / ds.im.abs(), ours(id), ours_relative(id)),
        "Eq. 4.11"
    );
    // Eq. 4.12 prints 4.05e-5; 1.23e-9/|g_sb| = 4.5e-5 (transposed digits)
    let eg = 1.23e-9 / sb.norm();
    let id = "003-bkx-eps-g";
    let margin = number(id).misprint_margin.unwrap();
    assert!(
        close(eg, ours(id), ours_relative(id)) && !close(eg, value(id), margin),
        "Eq. 4.12: {eg:e}"
    );
}

/// Eq. (2.15), (2.16): a kinetically mixed X (preset `dark-photon`): ε ≲ 1.3e-2 from E949
/// reproduces; ε ≃ 1.5 for KOTO does not (1.74, see the module documentation).
#[test]
fn eq_2_15_2_16_kinetic_mixing() {
    let s = set();
    let dp = Model::resolve("dark-photon").unwrap();
    let pt = dp
        .point(s.value("m_pi0").unwrap(), 1.0, &BTreeMap::new())
        .unwrap();
    let eps_e949 = (5.6e-8 / rate_over_sm("BR(K+->piZp)", &s, &pt)).sqrt();
    let eps_koto = (2.1e-9 / rate_over_sm("BR(KL->piZp)", &s, &pt)).sqrt();
    let (e949, koto) = ("003-dark-photon-e949-eps", "003-dark-photon-koto-eps");
    assert!(close(eps_e949, value(e949), relative(e949)), "{eps_e949:e}");
    assert!(
        close(eps_koto, ours(koto), ours_relative(koto)),
        "{eps_koto}"
    );
}

/// App. B: F₁ from its defining integrals and from the Passarino–Veltman library. The W and
/// Goldstone vertex diagrams with the Z' on the top line (q² → 0, μ = m_W, four-dimensional
/// Dirac algebra) give `(1 + x/2)(m_t² C0 − 2C00) = −(1 + x/2)(A + B)` with A, B the integrals
/// of Eq. (B.8), (B.9): the structure of Eq. (B.12). The printed F₁ uses the printed closed
/// form of B, which is not its integral (2% at x_t; F₁ 0.730 vs 0.686): F₁ is used as printed,
/// as the paper's numbers are.
#[test]
fn app_b_f1_from_the_loop_library() {
    let s = set();
    let sm = StandardModel::from_inputs(&s).unwrap();
    let mt = sm.m_up[2];
    let x = (mt / sm.m_w).powi(2);
    let opts = w_loop::LoopOptions {
        goldstone: true,
        scheme: w_loop::DiracScheme::FourDim,
        mu2: sm.m_w * sm.m_w,
    };
    let lm = w_loop::loop_matrices(&[mt], 0.0, sm.m_w * sm.m_w, opts).unwrap();
    let bracket = lm.kl[0][0].finite + lm.kr[0][0].finite; // g_L = g_R = 1
    let expect = -(1.0 + x / 2.0) * (a_fn(x) + b_fn(x));
    assert!(
        (bracket.re - expect).abs() < 1e-10 * expect.abs(),
        "{bracket} vs {expect}"
    );
    // the pole of the tt piece alone does not cancel: F₁ is a scheme-dependent quantity
    assert!((lm.kl[0][0].pole + lm.kr[0][0].pole + 0.5 * (1.0 + x / 2.0)).abs() < 1e-12);
    assert!(
        (f1(x)
            - (-(1.0 + x / 2.0) * (a_fn(x) + zprime::loops::functions::b_fn_printed(x)) + x / 4.0))
            .abs()
            < 1e-12
    );
}

/// Eq. (2.6) and (2.7) through the shipped constraints of `jho2020`: E949's 5.6e-8 at m_π0
/// gives |g_ds| ≤ 1.256e-11; the Grossman-Nir constraint gives |Im g_ds| ≤ 1.246e-11 with the
/// paper's factor 4.3, and sqrt(r_GN/4.3) times that with zprime's two-body factor r_GN
/// (4.37 at m_π0 with the paper's widths: module documentation of `r_GN(K->piZp)`).
#[test]
fn eq_2_6_2_7_through_the_constraints() {
    let s = set();
    let sm = zprime::StandardModel::from_inputs(&s).unwrap();
    let m = s.value("m_pi0").unwrap();
    let fcnc = Model::resolve("fcnc").unwrap();
    let limit = |id: &str, part: &str| {
        let mut p = BTreeMap::new();
        p.insert(part.to_string(), 1.0);
        let pt = fcnc.point(m, 1e-12, &p).unwrap();
        let c = zprime::constraints::Constraint::load(id, &s).unwrap();
        c.limits_at(&sm, &s, &pt).unwrap().upper_limit.unwrap()
    };
    let e949 = limit("K+->piX:E949:pi0", "Re_g_ds");
    let id = "003-e949-abs-gds";
    assert!(close(e949, value(id), relative(id)), "Eq. 2.6: {e949:e}");
    let gn = limit("KL->piX:GN(E949:pi0)", "Im_g_ds");
    let r_gn = predict("r_GN(K->piZp)", &s, &point("lmu-ltau", m, 1e-3));
    assert!((r_gn - 4.37).abs() < 0.01, "{r_gn}");
    let id = "003-gn-im-gds";
    let paper = gn * (4.3 / r_gn).sqrt();
    assert!(close(paper, value(id), relative(id)), "Eq. 2.7: {gn:e}");
    // Eq. (2.5): the KOTO 2019 band (1 sigma 1.0-4.1e-9) in Im g_ds holds 1.16e-12, and its
    // edges are sqrt(edge / 2.1e-9) times it.
    let mut p = BTreeMap::new();
    // (Im g_ds = 1e-3 g: the band lies at g ~ 1e-9, above the smallest coupling searched.)
    p.insert("Im_g_ds".to_string(), 1e-3);
    let pt = fcnc.point(m, 1e-9, &p).unwrap();
    let koto = zprime::constraints::Constraint::load("KL->piX:KOTO-2019-excess", &s).unwrap();
    let band = koto.limits_at(&sm, &s, &pt).unwrap().preferred[0][0];
    let central = value("003-koto-im-gds");
    for (edge, br) in band.iter().zip([1.0e-9, 4.1e-9]) {
        let expected = central * (br / 2.1e-9_f64).sqrt();
        assert!(close(edge * 1e-3, expected, 0.005), "{band:?}");
    }
}

/// Γ(B⁺ → K⁺ X)/Γ_B⁺ per |g_sb|² at m_X = m_π⁰ with Eq. (2.4) (input set jho2020:
/// f₊ = 0.33/(1 − q²/38 GeV²), Γ_B⁺ = 4.017e-13 GeV), through the observable.
fn bplus_unit_rate(s: &InputSet) -> f64 {
    let m = s.value("m_pi0").unwrap();
    let mut p = BTreeMap::new();
    p.insert("Re_gL_sb".to_string(), 1.0);
    let pt = Model::resolve("fcnc").unwrap().point(m, 1.0, &p).unwrap();
    zprime::observables::predict("Gamma(B+->KZp)", &[], &pt, s).unwrap()
        / s.value("Gamma_Bp").unwrap()
}

/// Eq. (2.8) and (4.12): |g_sb| ≤ 1.23e-9 is what BR(B⁺ → K⁺X) < 1.6e-5 gives, not the
/// 1.3e-5 of the text (which gives 1.108e-9); Eq. (4.12), ε g_X ≲ 4.05e-5, is what 1.3e-5
/// gives with the B₃ g_sb. So 2.8 and 4.12 are not consistent with each other: they rest on
/// two different limits (not a transposition of digits, as the 4.50e-5 of 1.23e-9/|g_sb|
/// suggested).
#[test]
fn eq_2_8_and_4_12_b_to_k() {
    let s = set();
    let unit = bplus_unit_rate(&s);
    // the closed form of Eq. (2.4) itself
    let (mb, mk, m) = (
        s.value("m_Bp").unwrap(),
        s.value("m_Kp").unwrap(),
        s.value("m_pi0").unwrap(),
    );
    let lam = (mb.powi(4) + mk.powi(4) + m.powi(4)
        - 2.0 * (mb * mb * mk * mk + mb * mb * m * m + mk * mk * m * m))
        / mb.powi(4);
    let ff = 0.33 / (1.0 - m * m / 38.0);
    let eq24 =
        mb.powi(3) / 4.017e-13 / (64.0 * std::f64::consts::PI * m * m) * lam.powf(1.5) * ff * ff;
    assert!((unit / eq24 - 1.0).abs() < 1e-12, "{unit} vs {eq24}");
    let g13 = (1.3e-5 / unit).sqrt();
    let g16 = (1.6e-5 / unit).sqrt();
    let id = "003-bkx-gsb";
    assert!(close(g13, ours(id), ours_relative(id)), "1.3e-5: {g13:e}");
    assert!(!close(g13, value(id), number(id).misprint_margin.unwrap()));
    assert!(close(g16, value(id), 0.005), "1.6e-5: {g16:e}");
    let (_, sb) = couplings(&s, &b3_point(m, 1.0, 1.0));
    let id = "003-bkx-eps-g-direct";
    assert!(
        close(g13 / sb.norm(), value(id), relative(id)),
        "{:e}",
        g13 / sb.norm()
    );
    // the same through the constraint engine: jho2020's B->Knunu:BaBar2010 (1.3e-5) on the
    // model II coupling at ε = 1
    let sm = StandardModel::from_inputs(&s).unwrap();
    let c = zprime::constraints::Constraint::load("B->Knunu:BaBar2010", &s).unwrap();
    let eg = c
        .limits_at(&sm, &s, &b3_point(m, 1e-5, 1.0))
        .unwrap()
        .upper_limit
        .unwrap();
    assert!(close(eg, value(id), relative(id)), "engine: {eg:e}");
}

/// Eq. (4.19): the tree-level g_uc = V_ub V*_cb εg_X/3 of model II; Re reproduces, Im is 6.1%
/// above the printed value (the CKM phase, as for the loop couplings).
#[test]
fn eq_4_19_up_type_coupling() {
    let s = set();
    let sm = StandardModel::from_inputs(&s).unwrap();
    let m = s.value("m_pi0").unwrap();
    let uc = zprime::flavour::quark_couplings(&b3_point(m, 1e-3, 0.012), &sm, &s)
        .unwrap()
        .left(Transition::Uc)
        / (0.012 * 1e-3);
    assert!(
        close(uc.re, value("003-b3-uc-re"), relative("003-b3-uc-re")),
        "{uc}"
    );
    let id = "003-b3-uc-im";
    assert!(close(uc.im, ours(id), ours_relative(id)), "{uc}");
}

/// Eq. (4.20), (4.21): the tree-level g_ut = V_ub V*_tb εg_X/3 and g_ct = V_cb V*_tb εg_X/3 of
/// model II (the up-type matrix L^(u) = V diag(0, 0, εg_X/3) V† of Eq. 4.18, what t → c Z'
/// and t → u Z' read); Im g_ut is 6% above the printed value, like Im g_uc.
#[test]
fn eq_4_20_4_21_top_couplings() {
    let s = set();
    let sm = StandardModel::from_inputs(&s).unwrap();
    let m = s.value("m_pi0").unwrap();
    let c = zprime::flavour::quark_couplings(&b3_point(m, 1e-3, 0.012), &sm, &s).unwrap();
    let ut = c.left(Transition::Ut) / (0.012 * 1e-3);
    let ct = c.left(Transition::Ct) / (0.012 * 1e-3);
    assert!(
        close(ut.re, value("003-b3-ut-re"), relative("003-b3-ut-re")),
        "{ut}"
    );
    assert!(
        close(ut.im, ours("003-b3-ut-im"), ours_relative("003-b3-ut-im")),
        "{ut}"
    );
    assert!(
        close(ct.norm(), value("003-b3-ct"), relative("003-b3-ct")),
        "{ct}"
    );
    assert!(ct.im.abs() < 0.02 * ct.re, "{ct}");
}

/// Sec. 4.2.2: the D⁺ bound. Eq. (4.24) as printed, m_D³|F₊|²|g_uc|²/(144π m_X² Γ_D), with
/// Γ(D⁺ → π⁺X) < 0.39 Γ_D⁺ and the printed g_uc of Eq. (4.19) gives εg_X ≲ 1.29e-2 (printed
/// 1.31e-2); our rate (the K → π formula of the same
/// Lagrangian, the paper's own Eq. 2.2) is 9/4 λ^{3/2}/m_D⁶ times Eq. (4.24) and gives 0.83e-2.
#[test]
fn sec_4_2_2_d_plus_bound() {
    let s = set();
    let m = s.value("m_pi0").unwrap();
    let pt = b3_point(m, 1.0, 1.0);
    let sm = StandardModel::from_inputs(&s).unwrap();
    let uc = zprime::flavour::quark_couplings(&pt, &sm, &s)
        .unwrap()
        .left(Transition::Uc);
    let (md, mpi, gd) = (
        s.value("m_Dp").unwrap(),
        s.value("m_pip").unwrap(),
        s.value("Gamma_Dp").unwrap(),
    );
    let f = (0.200 / 0.130) * 0.59 / (1.0 - m * m / s.value("m_Dstar0").unwrap().powi(2));
    let eq424 = md.powi(3) * f * f * uc.norm_sqr() / (144.0 * std::f64::consts::PI * m * m);
    // with the printed g_uc of Eq. (4.19) (its CKM phase, see eq_4_19_up_type_coupling):
    // 1.29e-2, 1.5% from the printed 1.31e-2 (m_D*, Γ_D⁺ are not printed)
    let printed_uc2 = value("003-b3-uc-re").powi(2) + value("003-b3-uc-im").powi(2);
    let printed = (0.39 * gd / (eq424 * printed_uc2 / uc.norm_sqr())).sqrt();
    let id = "003-dplus-eps-g";
    assert!(
        close(printed, value(id), 0.02),
        "Eq. 4.24 as printed: {printed:e}"
    );
    let ours_width = zprime::observables::predict("Gamma(D+->piZp)", &[], &pt, &s).unwrap();
    let lam = zprime::math::kallen(md * md, mpi * mpi, m * m);
    let expect = 9.0 / 4.0 * lam.powf(1.5) / md.powi(6);
    assert!((ours_width / eq424 / expect - 1.0).abs() < 1e-12);
    let bound = (0.39 * gd / ours_width).sqrt();
    assert!(close(bound, ours(id), ours_relative(id)), "{bound:e}");
}

fn vlq_point(params: &[(&str, f64)]) -> zprime::Point {
    let p: BTreeMap<String, f64> = params.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    Model::resolve("lmu-ltau-vlq")
        .unwrap()
        .point(0.135, 5e-4, &p)
        .unwrap()
}

/// Model I (Sec. 3.1-3.2.3) through the preset `lmu-ltau-vlq` (exact 5 × 5 diagonalization):
/// Eq. (3.13), Im(Y_Qs Y*_Qd)/(2m_Q²) = 3.43e-14 GeV⁻² with g_X = 5e-4, v_Φ = 260 GeV gives
/// |Im g_ds| = g v_Φ² × 3.43e-14 = 1.16e-12 (the KOTO coupling of Eq. 2.5; exact = leading
/// order to O(θ²) = 1e-9 and O(m_s²/m_Q²) = 2e-9); "Y_Qs ≃ Y_Qd ≃ 5.2e-4 for m_Q ≃ 2 TeV":
/// |Y_Qs Y_Qd| sin φ = 3.43e-14 × 2 (2 TeV)² = 2.74e-7 = (5.24e-4)² at φ = 90°: the printed
/// 5.2e-4 rounded. Eq. (3.33): the d–Q mixing angle Y_Qd v_Φ/(√2 m_Q) =
/// 0.48e-4 (exact: 4.780e-5); the first-row CKM deficit it causes is below 1e-15, not
/// "O(1e-4)" as the text below Eq. 3.33 says of the CKM modification (the angle, not the
/// deficit: u_L and d_L mix with one doublet).
#[test]
fn model_1_eq_3_13_and_3_33() {
    let s = set();
    let sm = StandardModel::from_inputs(&s).unwrap();
    let y = 5.2e-4;
    let im = 3.43e-14 * 2.0 * 2000.0f64.powi(2); // Im(Y_Qs Y_Qd*)
    let pt = vlq_point(&[("Y_Qd_re", y), ("Y_Qs_im", im / y), ("v_phi", 260.0)]);
    let base = zprime::flavour::quark_couplings(&point("lmu-ltau", 0.135, 5e-4), &sm, &s).unwrap();
    let ds = zprime::flavour::quark_couplings(&pt, &sm, &s)
        .unwrap()
        .left(Transition::Ds)
        - base.left(Transition::Ds);
    assert!(
        close(ds.im.abs(), 5e-4 * 260.0 * 260.0 * 3.43e-14, 1e-6),
        "{ds}"
    );
    assert!(close(ds.im.abs(), 1.16e-12, 0.005), "{ds}");
    assert!(close(im.sqrt(), 5.2e-4, 0.01));
    // Eq. (3.33)
    let pt = vlq_point(&[("Y_Qd_re", y), ("Y_Qs_re", y), ("v_phi", 260.0)]);
    let vp = zprime::flavour::vlq::parameters(&pt).unwrap().unwrap();
    let v = zprime::ckm::from_inputs(&s).unwrap();
    let spectrum = zprime::flavour::vlq::Spectrum::new(&vp, sm.m_down, sm.m_up, &v).unwrap();
    assert!(close(spectrum.doublet_mixing_down(0), 0.48e-4, 0.005));
    let deficit = predict("Delta_CKM(row1)", &s, &pt);
    assert!((0.0..1e-15).contains(&deficit), "{deficit}");
}
