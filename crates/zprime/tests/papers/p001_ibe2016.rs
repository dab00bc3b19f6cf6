//! Paper 001: M. Ibe, W. Nakano, M. Suzuki, PRD 95, 055022 (2017), with the `ibe2016` set.

use super::common::*;
use zprime::InputSet;

fn inputs() -> InputSet {
    InputSet::load("ibe2016").unwrap()
}

/// Sec. II.A: "the discrepancy ... can be resolved for g ~ 5e-4 for m_Z' << m_mu and
/// g ~ 5e-3 (m_Z'/1 GeV) for m_Z' >> m_mu" (band centre, delta a_mu = 280e-11, Eq. 2).
#[test]
fn g2_band_centre_couplings() {
    let set = inputs();
    let g_light = coupling_for("Delta a_mu", &set, 1e-4, 280e-11);
    assert!(inside(g_light, within("001-g2-light")), "{g_light}");
    // Exact light limit: g^2/(8 pi^2) = delta a_mu, approached linearly in m_Z'/m_mu.
    let exact = (8.0 * std::f64::consts::PI.powi(2) * 280e-11_f64).sqrt();
    assert!((g_light / exact - 1.0).abs() < 5e-3, "{g_light} vs {exact}");
    let g_lighter = coupling_for("Delta a_mu", &set, 1e-7, 280e-11);
    assert!(
        (g_lighter / exact - 1.0).abs() < 1e-5,
        "{g_lighter} vs {exact}"
    );
    for m in [3.0, 10.0] {
        let g = coupling_for("Delta a_mu", &set, m, 280e-11);
        assert!(inside(g / m, within("001-g2-heavy")), "m={m}: {}", g / m);
    }
    // The band is drawn at 1 and 2 sigma and contains the centre.
    let [lo1, hi1] = band("g-2:ibe2016", &set, 1e-3, 0);
    let [lo2, hi2] = band("g-2:ibe2016", &set, 1e-3, 1);
    let c = coupling_for("Delta a_mu", &set, 1e-3, 280e-11);
    assert!(lo2 < lo1 && lo1 < c && c < hi1 && hi1 < hi2);
}

/// Eq. (5) at an intermediate mass against its own integral (paper's form, Simpson's rule).
#[test]
fn g2_eq5_intermediate_mass() {
    let set = inputs();
    let (m, g, mmu) = (0.1_f64, 1e-3_f64, 0.1056583755_f64);
    let n = 100_000;
    let f = |x: f64| 2.0 * mmu * mmu * x * x * (1.0 - x) / (x * x * mmu * mmu + (1.0 - x) * m * m);
    let h = 1.0 / f64::from(n);
    let mut s = f(0.0) + f(1.0);
    for i in 1..n {
        s += if i % 2 == 1 { 4.0 } else { 2.0 } * f(f64::from(i) * h);
    }
    let eq5 = g * g / (8.0 * std::f64::consts::PI.powi(2)) * s * h / 3.0;
    let da = predict("Delta a_mu", &set, &point("lmu-ltau", m, g));
    assert!((da / eq5 - 1.0).abs() < 1e-9, "{da} vs {eq5}");
}

/// Eq. (8): eps = (8/3) e g ln(m_tau/m_mu) / (16 pi^2), about g/70.
#[test]
fn kinetic_mixing_eq8() {
    let set = inputs();
    let g = 1e-3;
    let eps = predict("eps_gamma(Zp)", &set, &point("lmu-ltau", 0.05, g));
    let e = (4.0 * std::f64::consts::PI / set.value("alpha_inv").unwrap()).sqrt();
    let eq8 = 8.0 / 3.0 * e * g / (16.0 * std::f64::consts::PI.powi(2))
        * (1.77693_f64 / 0.1056583755).ln();
    assert!((eps / eq8 - 1.0).abs() < relative("001-kinetic-mixing"));
    assert!((g / eps - 70.0).abs() < 2.0, "g/eps = {}", g / eps);
}
