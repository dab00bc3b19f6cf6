//! Chiral couplings of the Z' to each fermion, from the model's charges and the Z'–photon
//! kinetic mixing (tree-level plus the one-loop mixing induced by charged fermions).
//!
//! Convention (paper 001 Eq. 3 and 9): `L ⊃ −Z'_μ Σ_f f̄ γ^μ (g_L^f P_L + g_R^f P_R) f` with
//! `g_{L,R}^f = g Q'_{L,R}(f) + ε(q²) e Q_em(f)`. With this sign, L_mu − L_tau gives ε > 0
//! (paper 001 Eq. 8), i.e. an electron coupling −εe of sign opposite to the muon's +g.
//!
//! Which fermions receive the loop-induced ε: only those with no tree-level U(1)' charge
//! (electrons and quarks in L_mu − L_tau). For a charged fermion the loop mixing is one of
//! several O(α/π) corrections to its coupling (vertex, self-energy, radiation) that are not
//! included, so adding only this one would be inconsistent. A tree-level ε₀ (the parameter
//! `kinetic_mixing`, or a dark photon's `eps`) is applied to every charged fermion.

use crate::inputs::StandardModel;
use crate::loops::vacuum_polarization_integral;
use crate::model::Point;
use num_complex::Complex64;
use std::f64::consts::PI;

/// A Standard-Model fermion (mass eigenstate), generation index 0..3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fermion {
    /// e, μ, τ.
    ChargedLepton(usize),
    /// ν_e, ν_μ, ν_τ (left-handed; the right-handed partner only if light).
    Neutrino(usize),
    /// u, c, t.
    Up(usize),
    /// d, s, b.
    Down(usize),
}

impl Fermion {
    /// Electric charge in units of the positron charge.
    pub fn em_charge(self) -> f64 {
        match self {
            Fermion::ChargedLepton(_) => -1.0,
            Fermion::Neutrino(_) => 0.0,
            Fermion::Up(_) => 2.0 / 3.0,
            Fermion::Down(_) => -1.0 / 3.0,
        }
    }

    /// Weak isospin T3 of the left-handed component (the right-handed one has 0).
    pub fn weak_isospin(self) -> f64 {
        match self {
            Fermion::Neutrino(_) | Fermion::Up(_) => 0.5,
            Fermion::ChargedLepton(_) | Fermion::Down(_) => -0.5,
        }
    }

    /// Number of colours.
    pub fn colours(self) -> f64 {
        match self {
            Fermion::Up(_) | Fermion::Down(_) => 3.0,
            _ => 1.0,
        }
    }

    /// Mass from the Standard-Model inputs (neutrinos massless).
    pub fn mass(self, sm: &StandardModel) -> f64 {
        match self {
            Fermion::ChargedLepton(i) => sm.m_lepton[i],
            Fermion::Neutrino(_) => 0.0,
            Fermion::Up(i) => sm.m_up[i],
            Fermion::Down(i) => sm.m_down[i],
        }
    }

    /// (Q'_L, Q'_R): U(1)' charges of the left- and right-handed components.
    pub fn charges(self, p: &Point) -> (f64, f64) {
        let c = &p.charges;
        match self {
            Fermion::ChargedLepton(i) => (c.l_l[i], c.e_r[i]),
            Fermion::Neutrino(i) => (c.l_l[i], c.nu_r[i]),
            Fermion::Up(i) => (c.q_l[i], c.u_r[i]),
            Fermion::Down(i) => (c.q_l[i], c.d_r[i]),
        }
    }

    /// Every charged fermion (the ones that run in the kinetic-mixing loop).
    pub fn charged() -> impl Iterator<Item = Fermion> {
        (0..3).flat_map(|i| [Fermion::ChargedLepton(i), Fermion::Up(i), Fermion::Down(i)])
    }
}

/// Σ_f N_c Q_em Q'_V over charged fermions: the coefficient of the UV pole of the
/// kinetic-mixing loop. It vanishes (finite, scheme-independent mixing) for L_mu − L_tau.
pub fn kinetic_mixing_pole_coefficient(p: &Point) -> f64 {
    Fermion::charged()
        .map(|f| {
            let (l, r) = f.charges(p);
            f.colours() * f.em_charge() * 0.5 * (l + r)
        })
        .sum()
}

/// The loop-induced Z'–photon kinetic mixing ε_loop(q²) (complex above the thresholds).
///
/// `ε_loop(q²) = −(e g / 2π²) Σ_f N_c Q_f Q'_{V,f} ∫₀¹ dx x(1−x) ln[μ² / (m_f² − x(1−x) q² − i0)]`
/// (paper 001 Eq. 8 at q² = 0 for L_mu − L_tau: ε = (8/3) e g ln(m_τ/m_μ) / 16π²).
/// When the pole coefficient vanishes μ drops out. Otherwise the mixing is subtracted at
/// q² = 0, so that the total ε(0) is the model's tree-level parameter ε₀ (an on-shell-like
/// renormalization condition) and only the finite q² dependence is predicted.
/// Quark loops use the quark masses of the input set: below ~1 GeV the hadronic
/// contribution is only approximated by them.
pub fn kinetic_mixing_loop(p: &Point, sm: &StandardModel, q2: f64) -> Complex64 {
    loop_sum(p, sm, |_, f| loop_functions(f, sm, q2))
}

/// The two loop functions of fermion `f` in ε_loop(q²): −I(q²/m²) (the vacuum-polarization
/// integral) and ln(m²)/6 (used where the pole cancels).
fn loop_functions(f: Fermion, sm: &StandardModel, q2: f64) -> (Complex64, f64) {
    let m2 = f.mass(sm).powi(2);
    (-vacuum_polarization_integral(q2 / m2), m2.ln() / 6.0)
}

/// ε_loop of the point from the loop functions of each charged fermion (`functions` of its
/// index in [`Fermion::charged`] and the fermion).
fn loop_sum(
    p: &Point,
    sm: &StandardModel,
    functions: impl Fn(usize, Fermion) -> (Complex64, f64),
) -> Complex64 {
    if p.g == 0.0 {
        return Complex64::new(0.0, 0.0);
    }
    let finite = kinetic_mixing_pole_coefficient(p).abs() < 1e-12;
    let mut sum = Complex64::new(0.0, 0.0);
    for (k, f) in Fermion::charged().enumerate() {
        let (l, r) = f.charges(p);
        let qv = 0.5 * (l + r);
        if qv == 0.0 {
            continue;
        }
        // ∫ x(1-x) ln[1/(m² - x(1-x)q²)] = -(1/6) ln m² - I(q²/m²)
        let (minus_integral, log) = functions(k, f);
        let mut integral = minus_integral;
        if finite {
            integral -= log;
        }
        sum += f.colours() * f.em_charge() * qv * integral;
    }
    -(sm.e() * p.g / (2.0 * PI * PI)) * sum + vlq_kinetic_mixing_of(p, sm)
}

/// The loop functions of ε_loop(q²) at one momentum transfer for every charged fermion: they
/// depend on q² and the fermion masses only. An observable that needs the couplings at fixed
/// momentum transfers (the recoil nodes of CEvNS and ν–e scattering) computes them once per
/// input set; the mixing at a point is then a sum over the model's charges
/// ([`CouplingsAt::with_loops`]), the same numbers as [`kinetic_mixing_loop`].
#[derive(Debug, Clone, Copy)]
pub struct MixingLoops {
    q2: f64,
    /// (−I(q²/m²), ln(m²)/6) in the order of [`Fermion::charged`].
    functions: [(Complex64, f64); 9],
}

impl MixingLoops {
    /// The loop functions at momentum transfer `q2` (GeV²) with the masses of `sm`.
    #[must_use]
    pub fn new(sm: &StandardModel, q2: f64) -> Self {
        let mut functions = [(Complex64::new(0.0, 0.0), 0.0); 9];
        for (slot, f) in functions.iter_mut().zip(Fermion::charged()) {
            *slot = loop_functions(f, sm, q2);
        }
        MixingLoops { q2, functions }
    }

    /// The momentum transfer (GeV²).
    pub fn q2(&self) -> f64 {
        self.q2
    }
}

/// The name of the vector-like-quark mechanism (`crate::flavour::vlq`), whose heavy quarks
/// add [`vlq_kinetic_mixing`] to the loop (this layer cannot name the flavour module).
pub const VLQ_MECHANISM: &str = "vlq";

/// The Z'–photon kinetic mixing from loops of the heavy vector-like quarks (paper 004 Eq. 15),
/// in the sign convention of [`kinetic_mixing_loop`]:
/// `ε = (e g / 12π²) Σ_F N_c Q_F Q'_F ln m_F² = (e g / 12π²) ln(m_Q² m_D² / m_U⁴)`
/// (the doublet's two components give N_c (2/3 − 1/3) × (+1) = 1, D: 3 (−1/3)(−1) = 1,
/// U: 3 (2/3)(−1) = −2; Σ N_c Q Q' = 0, so it is finite and vanishes for m_Q = m_D = m_U).
/// For m_Z'² ≪ m_F² it does not depend on q². Paper 004 Eq. 15 gives the hypercharge mixing
/// `ε_B = (g' g₁/16π²)(2/9) ln(m_Q² m_D²/m_U⁴)`; ours is `ε_B = ε/c_W = (g g₁/16π²)(4/3) ln(…)`,
/// six times larger: the same loop normalization reproduces the leptonic mixing of paper 001
/// Eq. 8, so we take the printed 2/9 as an erratum (the log structure agrees).
pub fn vlq_kinetic_mixing(e: f64, g: f64, m_q: f64, m_u: f64, m_d: f64) -> f64 {
    e * g / (12.0 * PI * PI) * (m_q * m_q * m_d * m_d / m_u.powi(4)).ln()
}

/// [`vlq_kinetic_mixing`] for a point of the vector-like-quark mechanism (its parameters
/// `m_Q`, `m_U`, `m_D`); 0 for any other model, or masses that are not positive (which the
/// mechanism itself refuses).
fn vlq_kinetic_mixing_of(p: &Point, sm: &StandardModel) -> f64 {
    if &*p.flavour != VLQ_MECHANISM {
        return 0.0;
    }
    let get = |k: &str| p.parameters.get(k).copied().unwrap_or(0.0);
    let (m_q, m_u, m_d) = (get("m_Q"), get("m_U"), get("m_D"));
    if [m_q, m_u, m_d].iter().all(|m| m.is_finite() && *m > 0.0) {
        vlq_kinetic_mixing(sm.e(), p.g, m_q, m_u, m_d)
    } else {
        0.0
    }
}

/// Total kinetic mixing ε(q²) = ε₀ + ε_loop(q²).
pub fn kinetic_mixing(p: &Point, sm: &StandardModel, q2: f64) -> Complex64 {
    kinetic_mixing_loop(p, sm, q2) + p.kinetic_mixing_tree
}

/// Chiral couplings (g_L, g_R) of fermion `f` at momentum transfer q².
pub fn chiral(f: Fermion, p: &Point, sm: &StandardModel, q2: f64) -> (Complex64, Complex64) {
    CouplingsAt::new(p, sm, q2).chiral(f)
}

/// Vector and axial couplings (g_V, g_A) in the convention `f̄ γ^μ (g_V − g_A γ5) f`.
pub fn vector_axial(f: Fermion, p: &Point, sm: &StandardModel, q2: f64) -> (Complex64, Complex64) {
    CouplingsAt::new(p, sm, q2).vector_axial(f)
}

/// The couplings of every fermion at one momentum transfer: the loop-induced kinetic mixing
/// (a sum over nine fermion loops) is evaluated at most once, when the first fermion without
/// a tree-level charge asks for it, instead of once per fermion. Same numbers as
/// [`chiral`] and [`vector_axial`], which are this with one fermion.
pub struct CouplingsAt<'a> {
    point: &'a Point,
    sm: &'a StandardModel,
    q2: f64,
    /// The loop functions at q², computed beforehand (`None`: computed when needed).
    loops: Option<&'a MixingLoops>,
    mixing: std::cell::OnceCell<Complex64>,
}

impl<'a> CouplingsAt<'a> {
    /// The couplings of the point's Z' at momentum transfer `q2` (GeV²).
    #[must_use]
    pub fn new(point: &'a Point, sm: &'a StandardModel, q2: f64) -> Self {
        CouplingsAt {
            point,
            sm,
            q2,
            loops: None,
            mixing: std::cell::OnceCell::new(),
        }
    }

    /// The couplings at the momentum transfer of `loops`, whose loop functions were computed
    /// beforehand with the masses of `sm` (the same numbers as [`CouplingsAt::new`]).
    #[must_use]
    pub fn with_loops(point: &'a Point, sm: &'a StandardModel, loops: &'a MixingLoops) -> Self {
        CouplingsAt {
            loops: Some(loops),
            ..CouplingsAt::new(point, sm, loops.q2)
        }
    }

    /// The total kinetic mixing ε(q²) = ε₀ + ε_loop(q²) ([`kinetic_mixing`]), computed once.
    pub fn kinetic_mixing(&self) -> Complex64 {
        *self.mixing.get_or_init(|| match self.loops {
            Some(loops) => {
                loop_sum(self.point, self.sm, |k, _| loops.functions[k])
                    + self.point.kinetic_mixing_tree
            }
            None => kinetic_mixing(self.point, self.sm, self.q2),
        })
    }

    /// Chiral couplings (g_L, g_R) of fermion `f`.
    pub fn chiral(&self, f: Fermion) -> (Complex64, Complex64) {
        let p = self.point;
        let (ql, qr) = f.charges(p);
        let qem = f.em_charge();
        let tree_charged = ql != 0.0 || qr != 0.0;
        let eps = if tree_charged || qem == 0.0 {
            Complex64::new(p.kinetic_mixing_tree, 0.0)
        } else {
            self.kinetic_mixing()
        };
        let mix = eps * (self.sm.e() * qem);
        let (mut l, mut r) = (p.g * ql + mix, p.g * qr + mix);
        if p.z_mixing != 0.0 {
            // a Z-like admixture ε_Z (e/s_W c_W)(T3 P_L − s_W² Q) (gauge-basis models)
            let s2 = self.sm.sin2_theta_w;
            let gz = p.z_mixing * self.sm.e() / (s2 * (1.0 - s2)).sqrt();
            l += gz * (f.weak_isospin() - s2 * qem);
            r += gz * (-s2 * qem);
        }
        (l, r)
    }

    /// Vector and axial couplings (g_V, g_A) of fermion `f`.
    pub fn vector_axial(&self, f: Fermion) -> (Complex64, Complex64) {
        let (l, r) = self.chiral(f);
        (0.5 * (l + r), 0.5 * (l - r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::InputSet;
    use crate::model::preset;
    use std::collections::BTreeMap;

    fn lmu_ltau(g: f64, m: f64) -> (Point, StandardModel) {
        let sm = StandardModel::from_inputs(&InputSet::default_set()).unwrap();
        (
            preset("lmu-ltau")
                .unwrap()
                .point(m, g, &BTreeMap::new())
                .unwrap(),
            sm,
        )
    }

    #[test]
    fn lmu_ltau_mixing_at_zero_momentum_is_paper_001_eq8() {
        let (p, sm) = lmu_ltau(1e-3, 0.05);
        assert_eq!(kinetic_mixing_pole_coefficient(&p), 0.0);
        let eps = kinetic_mixing(&p, &sm, 0.0);
        let eq8 =
            8.0 / 3.0 * sm.e() * 1e-3 / (16.0 * PI * PI) * (sm.m_lepton[2] / sm.m_lepton[1]).ln();
        assert!(
            (eps.re - eq8).abs() < 1e-15 * eq8.abs().max(1.0) && (eps.re / eq8 - 1.0).abs() < 1e-12
        );
        assert_eq!(eps.im, 0.0);
    }

    #[test]
    fn prepared_loop_functions_give_the_same_couplings() {
        let inputs = InputSet::default_set();
        let sm = StandardModel::from_inputs(&inputs).unwrap();
        let mut params = BTreeMap::new();
        params.insert("eps".to_string(), 3e-4);
        for (model, params) in [
            ("lmu-ltau", BTreeMap::new()),
            ("lmu-ltau+b3", params),
            ("b-l-23", BTreeMap::new()),
        ] {
            let p = preset(model).unwrap().point(0.05, 2e-3, &params).unwrap();
            for q2 in [-3e-3, -1e-6, 0.0, 0.2, 30.0] {
                let loops = MixingLoops::new(&sm, q2);
                let (fresh, prepared) = (
                    CouplingsAt::new(&p, &sm, q2),
                    CouplingsAt::with_loops(&p, &sm, &loops),
                );
                assert_eq!(fresh.kinetic_mixing(), prepared.kinetic_mixing());
                for f in [Fermion::Up(0), Fermion::Down(0), Fermion::ChargedLepton(0)] {
                    assert_eq!(fresh.chiral(f), prepared.chiral(f), "{model} {q2}");
                }
            }
        }
    }

    #[test]
    fn mixing_becomes_complex_above_the_muon_threshold() {
        let (p, sm) = lmu_ltau(1e-3, 0.3);
        let below = kinetic_mixing(&p, &sm, 0.2 * 0.2);
        let above = kinetic_mixing(&p, &sm, 0.3 * 0.3);
        assert_eq!(below.im, 0.0);
        assert!(above.im != 0.0);
        // Far above both thresholds the logs cancel: eps -> 0 like (m_tau^2 - m_mu^2)/q^2 terms.
        let far = kinetic_mixing(&p, &sm, 1e8);
        assert!(far.norm() < 1e-3 * kinetic_mixing(&p, &sm, 0.0).norm());
    }

    #[test]
    fn electron_gets_minus_eps_e_and_muon_keeps_g() {
        let (p, sm) = lmu_ltau(1e-3, 0.05);
        let (l, r) = chiral(Fermion::ChargedLepton(0), &p, &sm, 0.0);
        let eps = kinetic_mixing(&p, &sm, 0.0);
        assert!((l - (-sm.e() * eps)).norm() < 1e-18 && l == r);
        assert_eq!(
            chiral(Fermion::ChargedLepton(1), &p, &sm, 0.0),
            (1e-3.into(), 1e-3.into())
        );
        assert_eq!(chiral(Fermion::Neutrino(2), &p, &sm, 0.0).0, (-1e-3).into());
    }

    /// Paper 004 Eq. 15: the heavy vector-like quarks add nothing for m_Q = m_D = m_U (the
    /// preset's defaults: lmu-ltau-vlq then has exactly lmu-ltau's mixing), and
    /// (e g/12π²) ln(m_Q² m_D²/m_U⁴) otherwise, at every q² (closed form at m_U = m_Q/2:
    /// (e g/12π²) 4 ln 2). In hypercharge normalization ε/c_W = (g g₁/16π²)(4/3) ln(…): six
    /// times the printed (2/9).
    #[test]
    fn vlq_loops_add_paper_004_eq15() {
        let (base, sm) = lmu_ltau(1e-3, 0.05);
        let vlq = |params: &[(&str, f64)]| {
            let p: BTreeMap<String, f64> =
                params.iter().map(|(k, v)| (k.to_string(), *v)).collect();
            preset("lmu-ltau-vlq")
                .unwrap()
                .point(0.05, 1e-3, &p)
                .unwrap()
        };
        for q2 in [0.0, 0.01, 0.3] {
            assert_eq!(
                kinetic_mixing(&vlq(&[]), &sm, q2),
                kinetic_mixing(&base, &sm, q2)
            );
            let p = vlq(&[("m_U", 1000.0), ("Y_Qd_re", 1e-3)]);
            let added = kinetic_mixing(&p, &sm, q2) - kinetic_mixing(&base, &sm, q2);
            let closed = sm.e() * 1e-3 / (12.0 * PI * PI) * 4.0 * 2f64.ln();
            assert!((added.re / closed - 1.0).abs() < 1e-12 && added.im.abs() < 1e-18);
        }
        assert_eq!(vlq_kinetic_mixing(0.3, 1e-3, 1500.0, 1500.0, 1500.0), 0.0);
        // hypercharge form: e = g1 c_W, eps_B = eps / c_W
        let (cw, g1) = (
            (1.0 - sm.sin2_theta_w).sqrt(),
            sm.e() / (1.0 - sm.sin2_theta_w).sqrt(),
        );
        let eps_b = vlq_kinetic_mixing(sm.e(), 1e-3, 2000.0, 1000.0, 2000.0) / cw;
        let printed = 1e-3 * g1 / (16.0 * PI * PI) * 2.0 / 9.0 * 16f64.ln();
        assert!((eps_b / printed - 6.0).abs() < 1e-12);
    }
}
