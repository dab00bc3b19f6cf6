//! The three routes against each other over random parameters, and each erratum of paper 003
//! App. A shown on a case.

use super::*;

/// A small deterministic generator (splitmix64) for random parameter points.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next()
    }
}

fn m4(a: &[[f64; 4]; 4]) -> Matrix4<f64> {
    Matrix4::from_fn(|i, j| a[i][j])
}

/// Cᵀ K C = 1 and Cᵀ M C = diag(m²): what "mass eigenstates" means.
fn check_diagonalizes(b: &GaugeBasis, e: &Eigenstates, tol: f64) {
    let c = m4(&e.content);
    let k = c.transpose() * kinetic_matrix(b) * c;
    let m = c.transpose() * mass_matrix(b) * c;
    let scale = b.m_z.powi(2).max(b.m_x1.powi(2)).max(b.m_x2.powi(2));
    for i in 0..4 {
        for j in 0..4 {
            let want_k = if i == j { 1.0 } else { 0.0 };
            assert!((k[(i, j)] - want_k).abs() < tol, "K {i}{j}: {}", k[(i, j)]);
            let want_m = if i == j { e.masses_sq[i] } else { 0.0 };
            assert!(
                (m[(i, j)] - want_m).abs() < tol * scale,
                "M {i}{j}: {} vs {want_m}",
                m[(i, j)]
            );
        }
    }
}

fn random_basis(r: &mut Rng, mixing: f64) -> GaugeBasis {
    GaugeBasis {
        m_z: r.range(50.0, 150.0),
        sin2w: r.range(0.1, 0.5),
        m_x1: r.range(10.0, 200.0),
        m_x2: r.range(10.0, 200.0),
        m1_sq: mixing * r.range(-2000.0, 2000.0),
        m2_sq: mixing * r.range(-2000.0, 2000.0),
        m3_sq: mixing * r.range(-2000.0, 2000.0),
        sin_alpha: mixing * r.range(-0.5, 0.5),
        sin_beta: mixing * r.range(-0.5, 0.5),
        sin_gamma: mixing * r.range(-0.5, 0.5),
    }
}

#[test]
fn numerical_route_diagonalizes() {
    let mut r = Rng(1);
    for _ in 0..200 {
        let b = random_basis(&mut r, 1.0);
        let e = numerical(&b).unwrap();
        check_diagonalizes(&b, &e, 1e-10);
        // the photon couples to e J_em only
        assert!((e.content[0][0] - 1.0).abs() < 1e-12);
        for a in 1..4 {
            assert!(e.content[a][0].abs() < 1e-12);
        }
    }
}

/// Erratum 1: A.20 makes the (B̂, X̂1, X̂2) kinetic term canonical with α = B̂X̂1,
/// β = B̂X̂2, γ = X̂1X̂2 (not the assignment of A.1's Levi-Civita rule). A.39's matrix is the
/// inverse of A.38's first one as printed.
#[test]
fn a20_and_a39_with_alpha_beta_gamma_as_used() {
    let mut r = Rng(2);
    for _ in 0..50 {
        let b = random_basis(&mut r, 1.0);
        let t = kinetic_transformation(&b);
        let k = t.transpose() * kinetic_matrix(&b) * t;
        assert!((k - Matrix4::identity()).norm() < 1e-12, "{k}");
        let inv = kinetic_transformation_inverse(&b) * t;
        assert!((inv - Matrix4::identity()).norm() < 1e-12);
        // A.30-A.33 (with erratum 4) are Tᵀ M T restricted to (Z, X1, X2)
        let mt = t.transpose() * mass_matrix(&b) * t;
        let mu = mu2_three(&b);
        for i in 0..3 {
            for j in 0..3 {
                let want = mt[(i + 1, j + 1)];
                assert!(
                    (mu[i][j] - want).abs() < 1e-9 * want.abs().max(1.0),
                    "mu2 {i}{j}: {} vs {want}",
                    mu[i][j]
                );
            }
        }
    }
    // The Levi-Civita reading of A.1 (γ = B̂X̂1) does not make A.20 canonical.
    let b = GaugeBasis {
        sin_alpha: 0.3,
        sin_beta: 0.0,
        sin_gamma: 0.0,
        ..GaugeBasis::two_boson(1.0, 2.0, 0.0, 0.0)
    };
    let swapped = GaugeBasis {
        sin_alpha: 0.0,
        sin_gamma: 0.3,
        ..b
    };
    let t = kinetic_transformation(&swapped);
    let k = t.transpose() * kinetic_matrix(&b) * t;
    assert!((k - Matrix4::identity()).norm() > 0.1);
}

/// Erratum 4: the printed (2,1) entry of A.30 lacks m1²/c_α.
#[test]
fn a30_is_symmetric() {
    let b = GaugeBasis {
        m1_sq: 300.0,
        sin_alpha: 0.2,
        ..GaugeBasis::two_boson(20.0, 40.0, 0.0, 0.0)
    };
    let t = kinetic_transformation(&b);
    let mt = t.transpose() * mass_matrix(&b) * t;
    let ca = (1.0 - 0.04_f64).sqrt();
    let printed_21 = b.m_z.powi(2) * b.sin2w.sqrt() * 0.2 / ca;
    assert!((mt[(2, 1)] - printed_21 - 300.0 / ca).abs() < 1e-9);
    assert!((mt[(2, 1)] - mu2_three(&b)[1][0]).abs() < 1e-9);
}

/// The analytic 2x2 case (A.6-A.19 corrected) against the numerical route.
#[test]
fn two_by_two_against_numerical() {
    let mut r = Rng(3);
    for _ in 0..300 {
        let (m1, m2) = (r.range(0.01, 2.0), r.range(0.01, 2.0));
        let d = r.range(-0.8, 0.8) * m1 * m2;
        let sg = r.range(-0.9, 0.9);
        let b = GaugeBasis::two_boson(m1, m2, d, sg);
        let Ok(num) = numerical(&b) else { continue };
        let t = two_by_two(m1, m2, d, sg).unwrap();
        // the two X states are the lightest two (m_Z ≫ 2 GeV): indices 1, 2
        for k in 0..2 {
            let m2n = num.masses_sq[k + 1];
            assert!(
                (t.masses_sq[k] - m2n).abs() < 1e-9 * m2n.abs().max(1e-3),
                "mass {k}: {} vs {m2n}",
                t.masses_sq[k]
            );
            // content up to the state's sign
            let s = (num.content[2][k + 1] * t.content[0][k]
                + num.content[3][k + 1] * t.content[1][k])
                .signum();
            for a in 0..2 {
                let want = s * num.content[a + 2][k + 1];
                assert!(
                    (t.content[a][k] - want).abs() < 1e-7,
                    "content {a}{k}: {} vs {want} (m1 {m1} m2 {m2} d {d} sg {sg})",
                    t.content[a][k]
                );
            }
        }
        // the ε factor (A.19 corrected) is the ratio of the light state's couplings
        let (g1, g2) = (r.range(0.1, 2.0), r.range(-2.0, 2.0));
        let s = num.state(1, g1, g2);
        assert!((t.eps_factor(g1, g2) - s.g2 / s.g1).abs() < 1e-7 * (1.0 + (s.g2 / s.g1).abs()));
    }
}

/// Erratum 3: the printed A.16-A.19. At γ = 0 and δM̂² > 0 between a light X̂1 and a heavy X̂2
/// the light state is X̂1 − δ/(M2² − M1²) X̂2 + …, so ε = −(ĝ2/ĝ1) δ/(M2² − M1²); the printed
/// A.19 gives the opposite sign. With γ ≠ 0 the printed form differs also in size.
#[test]
fn a19_printed_has_the_wrong_sign() {
    let (m1, m2, d) = (0.1, 1.0, 0.01);
    let t = two_by_two(m1, m2, d, 0.0).unwrap();
    let leading = -d / (m2 * m2 - m1 * m1);
    assert!((t.eps_factor(1.0, 1.0) - leading).abs() < 1e-3 * leading.abs());
    let printed = eps_factor_as_printed(&t, 0.0, 1.0, 1.0);
    assert!((printed + leading).abs() < 1e-3 * leading.abs());
    // pure kinetic mixing, massless X̂1: the massless state does not couple to J2 at all
    // (corrected), while the heavy one couples to J1 with −t_γ ĝ1 (the dark-photon case)
    let t = two_by_two(1e-6, 1.0, 0.0, 0.2).unwrap();
    assert!(t.eps_factor(1.0, 1.0).abs() < 1e-10);
    let tg = 0.2 / (1.0 - 0.04_f64).sqrt();
    assert!((t.content[0][1] + tg).abs() < 1e-9, "{}", t.content[0][1]);
    let b = GaugeBasis::two_boson(1e-6, 1.0, 0.0, 0.2);
    let num = numerical(&b).unwrap();
    let heavy = num.state(2, 1.0, 1.0);
    assert!((heavy.g1 / heavy.g2 + tg * (1.0 - 0.04_f64).sqrt()).abs() < 1e-9);
}

/// The analytic 3x3 eigensystem (A.43-A.57 corrected) on random symmetric matrices.
#[test]
fn eigen3_analytic_diagonalizes() {
    let mut r = Rng(4);
    let mut done = 0;
    for _ in 0..500 {
        let m = [
            [r.range(-5.0, 5.0), 0.0, 0.0],
            [0.0, r.range(-5.0, 5.0), 0.0],
            [0.0, 0.0, r.range(-5.0, 5.0)],
        ];
        let mut m = m;
        for (i, j) in [(0, 1), (0, 2), (1, 2)] {
            m[i][j] = r.range(-3.0, 3.0);
            m[j][i] = m[i][j];
        }
        let Some((l, o)) = eigen3_analytic(&m) else {
            continue;
        };
        done += 1;
        assert!(l[0] >= l[2] && l[2] >= l[1], "{l:?}");
        let mm = Matrix3::from_fn(|i, j| m[i][j]);
        let oo = Matrix3::from_fn(|i, j| o[i][j]);
        let d = oo.transpose() * mm * oo;
        let want = Matrix3::from_diagonal(&Vector3::new(l[0], l[1], l[2]));
        assert!((d - want).norm() < 1e-8, "{d} vs {want}");
        assert!((oo.transpose() * oo - Matrix3::identity()).norm() < 1e-12);
    }
    assert!(done > 450, "{done}");
}

/// Erratum 9: the printed denominator of A.50, (μ1² − μ3²)(μ3² − μ1²), is negative, while
/// cos²θ2 ≥ 0 needs (μ1² − μ3²)(μ3² − μ2²).
#[test]
fn a50_denominator() {
    let m = [[2.0, 0.5, 0.3], [0.5, 1.0, 0.2], [0.3, 0.2, -1.0]];
    let (l, o) = eigen3_analytic(&m).unwrap();
    let num = 0.5 * 0.5 + 0.3 * 0.3 + (2.0 - l[2]) * (2.0 + l[2] - l[0] - l[1]);
    let c2_sq = 1.0 - o[0][2] * o[0][2]; // O₁₃ = sin θ2
    assert!((num / ((l[0] - l[2]) * (l[2] - l[1])) - c2_sq).abs() < 1e-12);
    assert!(num / ((l[0] - l[2]) * (l[2] - l[0])) < 0.0);
}

/// The analytic 3x3 route with the Z (A.20-A.57) against the numerical one.
#[test]
fn three_by_three_against_numerical() {
    let mut r = Rng(5);
    let mut done = 0;
    for _ in 0..300 {
        let b = random_basis(&mut r, 1.0);
        let num = numerical(&b).unwrap();
        let Some(an) = three_by_three(&b).unwrap() else {
            continue;
        };
        done += 1;
        check_diagonalizes(&b, &an, 1e-8);
        // the paper's order (Z1, Z2, Z3) = (heaviest, lightest, middle)
        let perm = [0usize, 3, 1, 2];
        for (k_an, &k_num) in perm.iter().enumerate() {
            let m2 = num.masses_sq[k_num];
            assert!(
                (an.masses_sq[k_an] - m2).abs() < 1e-8 * b.m_z.powi(2).max(m2),
                "{k_an}: {} vs {m2}",
                an.masses_sq[k_an]
            );
            let s = (0..4)
                .map(|a| an.content[a][k_an] * num.content[a][k_num])
                .sum::<f64>()
                .signum();
            for a in 0..4 {
                assert!(
                    (an.content[a][k_an] - s * num.content[a][k_num]).abs() < 1e-7,
                    "content {a} of {k_an}"
                );
            }
        }
    }
    assert!(done > 280, "{done}");
}

/// Errata 6-7: the small-mixing A.42 (corrected) agrees with the exact content to second order;
/// the printed lower-left entries do not.
#[test]
fn first_order_a42() {
    let base = GaugeBasis {
        m_z: 91.19,
        sin2w: 0.231,
        m_x1: 20.0,
        m_x2: 50.0,
        m1_sq: 2.0,
        m2_sq: -3.0,
        m3_sq: 1.5,
        sin_alpha: 1e-2,
        sin_beta: -2e-2,
        sin_gamma: 1.5e-2,
    };
    let exact = three_by_three(&base).unwrap().unwrap();
    // (A, Z1, Z2, Z3) = (photon, Z-like, X1-like, X2-like) here: M̂_X1 < M̂_X2 < M̂_Z with the
    // analytic order μ1² ≥ μ3² ≥ μ2² means Z1 = Z, Z2 = X1, Z3 = X2
    let mut e = exact.content;
    for k in 1..4 {
        if e[k][k] < 0.0 {
            for row in &mut e {
                row[k] = -row[k];
            }
        }
    }
    let approx = first_order(&base);
    let mut worst: f64 = 0.0;
    for a in 0..4 {
        for k in 0..4 {
            worst = worst.max((approx[a][k] - e[a][k]).abs());
        }
    }
    assert!(worst < 2e-3, "{worst}: {approx:?} vs {e:?}");
    // the printed (X̂1, Z1) entry −(ŝα M̂_X1² + m1²)/(M̂_X1² − M̂_Z²) misses by ŝα ≈ 5e-3
    let sw = base.sin2w.sqrt();
    let (mz2, mx1) = (base.m_z.powi(2), base.m_x1.powi(2));
    let printed = -(sw * base.sin_alpha * mx1 + base.m1_sq) / (mx1 - mz2);
    assert!((printed - e[2][1]).abs() > 3e-3);
    assert!((approx[2][1] - e[2][1]).abs() < 5e-4);
}

/// The light state: the 2x2 formulas (Z decoupled) and the numerical route agree, also for a
/// light boson; with Z mixing ε_Z follows m1²/M_Z² at small mixing.
#[test]
fn light_state_routes_agree() {
    let b = GaugeBasis::two_boson(0.1, 1.0, 0.02, 0.1);
    let a = light_state(&b, 1e-3, 2e-3).unwrap();
    let s = numerical(&b).unwrap().state(1, 1e-3, 2e-3);
    assert!((a.mass - s.mass).abs() < 1e-9);
    assert!((a.eps - s.g2 / s.g1).abs() < 1e-9 * a.eps.abs());
    assert!((a.g - s.g1.abs()).abs() < 1e-12);
    let z = GaugeBasis { m1_sq: 1e-3, ..b };
    let l = light_state(&z, 1e-3, 2e-3).unwrap();
    // X1-like content of the light state times m1²/(m_X² − M_Z²) (first order)
    let want = -1e-3 / (b.m_z * b.m_z) * 1.0;
    assert!((l.eps_z / want - 1.0).abs() < 0.1, "{} vs {want}", l.eps_z);
    assert!(light_state(&b, 0.0, 1.0).is_err());
}

#[test]
fn invalid_input_names_the_parameter() {
    let mut b = GaugeBasis::two_boson(0.1, 1.0, 0.0, 0.99);
    b.sin_alpha = 0.5;
    b.sin_beta = -0.5;
    let e = numerical(&b).unwrap_err().to_string();
    assert!(e.contains("positive definite"), "{e}");
    let e = numerical(&GaugeBasis::two_boson(f64::NAN, 1.0, 0.0, 0.0))
        .unwrap_err()
        .to_string();
    assert!(e.contains("M_X1"), "{e}");
    let e = two_by_two(0.1, 1.0, 0.0, 1.0).unwrap_err().to_string();
    assert!(e.contains("sin_gamma"), "{e}");
}

/// Paper 003 model II given in the gauge basis (Eq. 4.1-4.3, the shipped example file) is the
/// preset lmu-ltau+b3 (Eq. 4.4) with ε from the diagonalization: the same charges and the
/// same chiral couplings of every fermion.
#[test]
fn gauge_basis_model_two_is_the_preset() {
    use crate::couplings::{CouplingsAt, Fermion};
    use crate::inputs::{InputSet, StandardModel};
    use std::collections::BTreeMap;
    let text = include_str!("../../../../../examples/models/lmu-ltau+b3-gauge-basis.toml");
    let m = crate::model::Model::from_toml(text, "lmu-ltau+b3-gauge-basis.toml").unwrap();
    assert!(m.anomalies().is_empty(), "{:?}", m.anomalies());
    assert!(m.notes.is_empty() && !m.parameters.iter().any(|p| p.name == "kinetic_mixing"));
    let preset = crate::model::preset("lmu-ltau+b3").unwrap();
    let sm = StandardModel::from_inputs(&InputSet::default_set()).unwrap();
    let gb = m.gauge_basis.as_ref().unwrap();
    // the defaults: m_X = 0.135 GeV and ε = 0.0120 (paper 003 Sec. 4)
    let none = BTreeMap::new();
    let light = gb.light_state(&|k| m.value_or_default(&none, k)).unwrap();
    assert!((light.mass - 0.135).abs() < 1e-3, "{}", light.mass);
    assert!((light.eps - 0.0120).abs() < 1e-4, "{}", light.eps);
    assert_eq!((light.eps_gamma, light.eps_z), (0.0, 0.0));
    for (dm2, ratio, eps12) in [(-1.2, 1.0, 0.0), (3.0, -0.5, 0.3), (-20.0, 2.0, -0.6)] {
        let mut params = BTreeMap::new();
        params.insert("delta_M2".to_string(), dm2);
        params.insert("g2_over_g1".to_string(), ratio);
        params.insert("eps_12".to_string(), eps12);
        let p = m.point(0.135, 5e-4, &params).unwrap();
        // ε against the corrected A.19 written out
        let t = two_by_two(0.1806, 10.0, dm2, eps12).unwrap();
        let (sp, cp) = t.phi.sin_cos();
        let cg = (1.0 - eps12 * eps12).sqrt();
        let a19 = -ratio * sp / (cp * cg + eps12 * sp);
        let value = |k: &str| params.get(k).copied().unwrap_or(1.0);
        let eps = gb.light_state(&value).unwrap().eps;
        assert!(
            (eps - a19).abs() < 1e-12 * a19.abs().max(1e-3),
            "{eps} vs {a19}"
        );
        let mut pp = BTreeMap::new();
        pp.insert("eps".to_string(), eps);
        let q = preset.point(0.135, 5e-4, &pp).unwrap();
        for ((name, a), (_, b)) in p.charges.fields().iter().zip(q.charges.fields()) {
            for i in 0..3 {
                assert!(
                    (a[i] - b[i]).abs() < 1e-15,
                    "{name}[{i}]: {} vs {}",
                    a[i],
                    b[i]
                );
            }
        }
        let (cp_, cq) = (
            CouplingsAt::new(&p, &sm, 0.135 * 0.135),
            CouplingsAt::new(&q, &sm, 0.135 * 0.135),
        );
        for i in 0..3 {
            for f in [
                Fermion::ChargedLepton(i),
                Fermion::Neutrino(i),
                Fermion::Up(i),
                Fermion::Down(i),
            ] {
                let (a, b) = (cp_.chiral(f), cq.chiral(f));
                assert!(
                    (a.0 - b.0).norm() < 1e-18 && (a.1 - b.1).norm() < 1e-18,
                    "{f:?}"
                );
            }
        }
        assert!(p.single_coupling());
    }
}

/// A Z-X mass mixing gives the Z' a Z-like coupling ε_Z (e/s_W c_W)(T3 − s_W² Q): to neutrinos
/// and electrons, chiral, on top of the U(1) charges.
#[test]
fn z_mass_mixing_gives_z_like_couplings() {
    use crate::couplings::{CouplingsAt, Fermion};
    use crate::inputs::{InputSet, StandardModel};
    use std::collections::BTreeMap;
    let text = include_str!("../../../../../examples/models/lmu-ltau+b3-gauge-basis.toml").replace(
        "sin_gamma = \"eps_12\"",
        "sin_gamma = \"eps_12\"\nm2_Z_X1 = 0.5",
    );
    let m = crate::model::Model::from_toml(&text, "z.toml").unwrap();
    let p = m.point(0.135, 5e-4, &BTreeMap::new()).unwrap();
    // first order: the light (X̂1-like) state has Ẑ content m1²/(m_X² − M̂_Z²)
    let want = 0.5 / (0.135_f64.powi(2) - 91.188_f64.powi(2));
    assert!(
        (p.z_mixing / want - 1.0).abs() < 0.02,
        "{} vs {want}",
        p.z_mixing
    );
    assert!(!p.single_coupling());
    let sm = StandardModel::from_inputs(&InputSet::default_set()).unwrap();
    let c = CouplingsAt::new(&p, &sm, 0.135 * 0.135);
    let gz = p.z_mixing * sm.e() / (sm.sin2_theta_w * (1.0 - sm.sin2_theta_w)).sqrt();
    let (l, r) = c.chiral(Fermion::Neutrino(0));
    assert!((l.re - 0.5 * gz).abs() < 1e-18 && r.re.abs() < 1e-18);
    // the electron also has the loop-induced photon mixing (vector): its axial part is Z-like
    let (l, r) = c.chiral(Fermion::ChargedLepton(0));
    assert!(((l - r).re + 0.5 * gz).abs() < 1e-18);
}

/// The Z-like mixing feeds the D̃₀ penguin (paper 003 Eq. 2.10-2.12) of the down-type
/// flavour-changing couplings: the difference it makes is `kinetic::induced` with ε_ZX = ε_Z.
#[test]
fn z_mixing_feeds_the_penguin() {
    use crate::flavour::{kinetic, quark_couplings, Transition};
    use crate::inputs::{InputSet, StandardModel};
    use num_complex::Complex64 as C64;
    use std::collections::BTreeMap;
    let text = include_str!("../../../../../examples/models/lmu-ltau+b3-gauge-basis.toml").replace(
        "sin_gamma = \"eps_12\"",
        "sin_gamma = \"eps_12\"\nm2_Z_X1 = 5.0",
    );
    let m = crate::model::Model::from_toml(&text, "z.toml").unwrap();
    crate::flavour::check(&m).unwrap();
    let inputs = InputSet::default_set();
    let sm = StandardModel::from_inputs(&inputs).unwrap();
    let p = m.point(0.135, 5e-4, &BTreeMap::new()).unwrap();
    assert!(p.z_mixing.abs() > 1e-4);
    let mut off = p.clone();
    off.z_mixing = 0.0;
    let (a, b) = (
        quark_couplings(&p, &sm, &inputs).unwrap(),
        quark_couplings(&off, &sm, &inputs).unwrap(),
    );
    let v = crate::ckm::from_inputs(&inputs).unwrap();
    let q2 = 0.135 * 0.135;
    for (t, (i, j)) in [(Transition::Ds, (0, 1)), (Transition::Sb, (1, 2))] {
        let want = kinetic::induced(
            &v,
            i,
            j,
            q2,
            C64::new(0.0, 0.0),
            p.z_mixing,
            sm.m_up,
            sm.m_w,
            sm.g_fermi,
            sm.e(),
            sm.sin2_theta_w,
        );
        let got = a.left(t) - b.left(t);
        assert!(want.norm() > 0.0);
        assert!(
            (got - want).norm() < 1e-9 * want.norm(),
            "{t:?}: {got} vs {want}"
        );
    }
}
