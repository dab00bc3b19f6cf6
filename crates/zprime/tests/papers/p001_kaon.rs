//! Paper 001 Sec. III (K+ -> mu+ nu Z' and the single-muon searches), with the `ibe2016` set.

use super::common::*;
use zprime::constraints::poisson::{expected_limits, Projection};
use zprime::constraints::Constraint;
use zprime::experiments::single_muon::Search;
use zprime::observables::{k_munu, Context};
use zprime::{InputSet, StandardModel};

fn inputs() -> InputSet {
    InputSet::load("ibe2016").unwrap()
}

fn br_over_g2(set: &InputSet, m: f64) -> f64 {
    rate_over_sm("BR(K+->munuZp)", set, &point("lmu-ltau", m, 1.0))
}

fn spectrum(set: &InputSet, m: f64, p: &[f64]) -> Vec<f64> {
    let sm = StandardModel::from_inputs(set).unwrap();
    let pt = point("lmu-ltau", m, 1.0);
    k_munu::spectrum(
        &Context {
            sm: &sm,
            inputs: set,
            point: &pt,
            shared: None,
        },
        p,
    )
    .unwrap()
}

/// Fig. 2 left: BR(K+ -> mu+ nu Z')/g^2 falls monotonically with m_Z', from O(1) at 1 MeV
/// (soft-collinear logarithms) to zero at M_K - m_mu.
#[test]
fn fig2_left_br_over_g2() {
    let set = inputs();
    let masses = [1e-3, 3e-3, 0.01, 0.03, 0.1, 0.2, 0.3, 0.38];
    let br: Vec<f64> = masses.iter().map(|&m| br_over_g2(&set, m)).collect();
    assert!(br.windows(2).all(|w| w[1] < w[0]), "{br:?}");
    assert!(inside(br[0], within("001-fig2-br-1mev")), "{}", br[0]);
    assert!(inside(br[4], within("001-fig2-br-100mev")), "{}", br[4]);
    // With g = 1e-3 (the g-2 region) BR ~ 1e-7 for light Z': below every single-muon limit.
    assert!(br[0] * 1e-6 < 1e-6);
    assert_eq!(br_over_g2(&set, 0.39), 0.0);
}

/// Fig. 2 right: the spectrum of a light Z' peaks near the K -> mu nu momentum (236 MeV)
/// and moves down and broadens as m_Z' grows; it vanishes at p_mu -> 0 and at p_max.
#[test]
fn fig2_right_spectrum_shapes() {
    let set = inputs();
    let p: Vec<f64> = (1..400).map(|i| 0.236 * f64::from(i) / 400.0).collect();
    let mut peaks = Vec::new();
    for m in [0.01, 0.1, 0.2] {
        let s = spectrum(&set, m, &p);
        let (i, _) = s
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .unwrap();
        peaks.push(p[i]);
    }
    assert!(inside(peaks[0], within("001-kmunu-line")), "{peaks:?}");
    assert!(peaks[0] > peaks[1] && peaks[1] > peaks[2], "{peaks:?}");
}

/// Eq. 13-15: the rate is normalized to BR(K -> mu nu); f_K, V_us and Gamma_K drop out.
#[test]
fn normalization_eq13_to_15() {
    let set = inputs();
    let base = br_over_g2(&set, 0.05);
    let mut other = set.clone();
    other
        .set_value("Gamma_Kp", 2.0 * set.value("Gamma_Kp").unwrap())
        .unwrap();
    assert_eq!(br_over_g2(&other, 0.05), base);
    other
        .set_value("BR_Kp_munu", 0.5 * set.value("BR_Kp_munu").unwrap())
        .unwrap();
    assert!((br_over_g2(&other, 0.05) / base - 0.5).abs() < 1e-12);
}

fn limit(id: &str, set: &InputSet, m: f64) -> f64 {
    upper_limit(id, set, m)
}

/// Sec. III: "the exclusion limit is insensitive to m_Z' in a lighter Z' region while the
/// predicted branching ratio in Fig. 2 is larger for a lighter Z'" (E949 recast, 130-160 MeV).
#[test]
fn e949_limit_insensitive_to_mass_while_br_grows() {
    let set = inputs();
    let id = "K->munuinv:E949-recast(approx)";
    let (l1, l10, l30) = (
        limit(id, &set, 1e-3),
        limit(id, &set, 0.01),
        limit(id, &set, 0.03),
    );
    assert!(
        (l10 / l1 - 1.0).abs() < 0.01 && (l30 / l1 - 1.0).abs() < 0.05,
        "{l1} {l10} {l30}"
    );
    assert!(br_over_g2(&set, 1e-3) / br_over_g2(&set, 0.03) > 4.0);
    // The excluded branching ratio is O(1e-6) (Sec. III), for the APPROXIMATE E949 inputs.
    let br_at_limit = br_over_g2(&set, 1e-3) * l1 * l1;
    assert!(
        inside(br_at_limit, ours_within("001-e949-br-excluded")),
        "{br_at_limit}"
    );
}

/// Sec. III: the Bevatron limit (6e-6, 128-176 MeV) does not reach the g-2 region, and
/// Fig. 4: N_K x 10 alone hardly helps, N_K x 10 with a 100 times better photon rejection
/// reaches the region favoured by g-2 (here: the 2 sigma band at 10 MeV).
#[test]
fn fig4_projections() {
    let set = inputs();
    let m = 0.01;
    let [_, g2_hi] = band("g-2:ibe2016", &set, m, 1);
    assert!(limit("K->munuinv:Bevatron1973", &set, m) > 10.0 * g2_hi);
    let e949 = limit("K->munuinv:E949-recast(approx)", &set, m);
    let nk = limit("K->munuinv:E949-recast(approx):NKx10", &set, m);
    let nk_01 = limit("K->munuinv:E949-recast(approx):NKx10:eps0.1", &set, m);
    let nk_001 = limit("K->munuinv:E949-recast(approx):NKx10:eps0.01", &set, m);
    assert!(nk < e949 && nk > 0.9 * e949, "{nk} {e949}");
    assert!(nk_01 < 0.5 * nk && nk_001 < 0.5 * nk_01);
    assert!(nk_001 < g2_hi, "{nk_001} vs g-2 2 sigma upper edge {g2_hi}");
}

/// App. B: expected-limit bands from toys are reproducible for a seed, ordered, and centred
/// on the Asimov projection; footnote 12: at the 95% limit of the (N_K x 10, eps x 0.01)
/// setup the expected signal is O(10) events (large enough for the chi^2 approximation).
#[test]
fn appendix_b_toy_bands() {
    let set = inputs();
    let sm = StandardModel::from_inputs(&set).unwrap();
    let search = Search::load("E949:130-160", &set).unwrap();
    let p = point("lmu-ltau", 0.01, 1e-3);
    let proj = Projection {
        n_kaons: 10.0,
        photon_rejection: 0.01,
    };
    let thr = 1.959963984540054_f64.powi(2);
    let a = expected_limits(&search, &sm, &set, &p, proj, thr, 2000, 7)
        .unwrap()
        .unwrap();
    let b = expected_limits(&search, &sm, &set, &p, proj, thr, 2000, 7)
        .unwrap()
        .unwrap();
    assert_eq!(a, b);
    assert!(a.two_sigma[0] <= a.one_sigma[0] && a.one_sigma[0] <= a.median);
    assert!(a.median <= a.one_sigma[1] && a.one_sigma[1] <= a.two_sigma[1]);
    let asimov = limit("K->munuinv:E949-recast(approx):NKx10:eps0.01", &set, 0.01);
    assert!(
        (a.median / asimov - 1.0).abs() < 0.1,
        "{} vs {asimov}",
        a.median
    );
    let c = Constraint::load("K->munuinv:E949-recast(approx):NKx10:eps0.01", &set).unwrap();
    assert!(c.reference.contains("APPROXIMATE"));
    // Footnote 12: N_s at the limit.
    let s = zprime::constraints::poisson::signal_per_bin(
        &search,
        &sm,
        &set,
        &point("lmu-ltau", 0.01, asimov),
        proj,
    )
    .unwrap();
    assert!(inside(s[0], ours_within("001-ns-at-limit")), "{s:?}");
}

/// Footnote 12 traced: N_s at the 95% CL limit of the one-bin likelihood (Eq. 22, Asimov data
/// n = b, no background subtraction) depends only on the bin's background b, N_s ≈ b +
/// sqrt(3.84 b): ours, 42, is that of b = 30 (the estimated 300 E949 events in the combined
/// bin × 10 kaons × 0.01 rejection); the paper's N_s ≃ 8 is that of b ≈ 3, i.e. the
/// 100 times better rejection at E949's own N_K, or an E949 count of ~30 in the bin (the paper
/// prints neither the count nor which N_K the footnote means).
#[test]
fn footnote_12_ns_is_fixed_by_the_asimov_background() {
    let set = InputSet::load("ibe2016").unwrap();
    let thr = 1.959963984540054_f64.powi(2);
    let n_s =
        |b: f64| zprime::constraints::poisson::limit_scale(&[1.0], &[0.0], &[b], thr).unwrap();
    let b_ours = set.value("E949_background_130_160").unwrap() * 10.0 * 0.01;
    assert!((b_ours - 30.0).abs() < 1.0, "{b_ours}");
    assert!(inside(n_s(b_ours), ours_within("001-ns-at-limit")));
    assert!((n_s(b_ours) - 42.0).abs() < 1.0, "{}", n_s(b_ours));
    let paper = n_s(b_ours / 10.0);
    assert!((paper - value("001-ns-at-limit")).abs() < 0.5, "{paper}");
}
