//! b → s μ⁺μ⁻ Wilson coefficients from the Z′: C₉, C₁₀, C′₉, C′₁₀ in the WCxf flavio basis
//! and in the normalization of paper 004 Eq. 1, and paper 004 Eq. 16–17 (the vector-like-quark
//! scale).
//!
//! # Definitions
//!
//! With `L ⊃ −Z′_μ [g^L_sb s̄γ^μP_L b + g^R_sb s̄γ^μP_R b + h.c. + μ̄γ^μ(g_V − g_Aγ₅)μ]`, tree-level
//! exchange at dimuon mass² q² gives `H_eff ⊃ [g^L_sb (s̄γ^μP_Lb) + g^R_sb (s̄γ^μP_Rb)]
//! [g_V (μ̄γ_μμ) − g_A (μ̄γ_μγ₅μ)]/(m_Z′² − q²)`. Paper 004 Eq. 1 writes
//! `H_eff = C₉ (s̄γ_αP_Lb)(μ̄γ^αμ) + C′₉ (s̄γ_αP_Rb)(μ̄γ^αμ)` (GeV⁻²):
//! `C₉ = g^L_sb g_V/(m_Z′² − q²)`, `C′₉ = g^R_sb g_V/(m_Z′² − q²)`. The WCxf flavio basis
//! (wcxf/wcxf-bases, wet.flavio.basis.yml: `L = Σ C_i O_i`, each O_i carrying the factor
//! `N = (4G_F/√2) V_tb V*_ts e²/(16π²)`) has `C9_bsmumu = −g^L g_V/(N(m² − q²))`,
//! `C9p_bsmumu = −g^R g_V/(N(m² − q²))`, `C10_bsmumu = +g^L g_A/(N(m² − q²))`,
//! `C10p_bsmumu = +g^R g_A/(N(m² − q²))`, dimensionless, with α = α(m_Z) of the input set
//! (`alpha_inv_MZ`): hand them to flavio or wilson at the scale m_Z (they do not run in QCD).
//! V_tb V*_ts < 0, so −(35 TeV)⁻² in 004's normalization is C9_bsmumu ≈ −0.98.
//! `C9_bsmumu` etc. are the real parts; `Im C9_bsmumu` etc. the imaginary parts.
//!
//! # q² dependence (a light Z′)
//!
//! A Z′ lighter than ~10 GeV is not a local operator for b → sμμ: it is a resonance in the
//! dimuon spectrum at q² = m_Z′² (paper 004 footnote 1, which leaves that case to later work;
//! paper 003 treats only B → K Z′ with an on-shell Z′). We follow 004: the coefficients are
//! those of the local operators obtained at q² = 0, `1/m_Z′²`, valid (our `validity`) for
//! m_Z′ ≥ 10 GeV, where `C(q²)/C(0) = m²/(m² − q²)` stays within 6% below q² = 6 GeV² (the bins
//! of the global fits) and within 24% at the endpoint q² = (m_B − m_K)² ≈ 22.9 GeV²; at 35 GeV,
//! 0.5% and 1.9%. The argument `q2` gives the effective coefficient at a dimuon mass² (GeV²)
//! for users who want the propagator (the width of the Z′ is not included). The longitudinal
//! part of the propagator (q_μq_ν/m²) does not touch C₉ (vector muon current) and moves the
//! axial part into the pseudoscalar operators C_P, C′_P ∝ m_μ m_b/m²: not listed here
//! (`BR(Bs->mumu)` includes it exactly, observables::rare_leptonic).
//!
//! # Paper 004 Eq. 16–17
//!
//! For the vector-like quarks, g^L_sb = g′ Y_Qs Y*_Qb v_Φ²/(2m_Q²) (004 Eq. 8b, 13c) and
//! g_V = g′ (L_μ − L_τ), so with m_Z′ = g′v_Φ: `C₉ = Y_Qs Y*_Qb/(2m_Q²)` (GeV⁻², independent of
//! g′ and m_Z′), Eq. 16a; 004 prints `Y_Qb Y*_Qs`, the coefficient of b̄…s: the same real part,
//! the opposite imaginary part (H_eff of Eq. 1 has no "+ h.c."). Eq. 17,
//! m_Q ≃ 25 TeV × (Re Y_Qb Y*_Qs)^½ for |C₉| = (35 TeV)⁻², is [`vlq_mass_for_c9`]: 24.7 TeV.
//!
//! # Constraint
//!
//! Default set: the muon-specific one-coefficient fit of W. Altmannshofer, P. Stangl, "New
//! physics in rare B decays after Moriond 2021", EPJC 81 (2021) 952, arXiv:2103.13370:
//! C9_bsmumu ≃ −0.73 (abstract); its uncertainty ±0.15 is UNVERIFIED. It predates the 2022
//! LHCb R_K, R_K* update (consistent with lepton universality), which lowers a muon-specific
//! preference. Shipped as a preferred band that excludes nothing (`bands_only`): a global-fit
//! anomaly is not a bound. Paper 004's own value, Re C₉ ≃ −Re C′₉ ≃ −(35 TeV)⁻² (Eq. 2, from its
//! Ref. [3]), is printed without an uncertainty: the tests check it against Eq. 16–17; no
//! constraint is made of it.

use super::{Args, Argument, ArgumentKind, Context, Evaluator, InCoupling, Observable, Validity};
use crate::couplings::{CouplingsAt, Fermion};
use crate::error::{Error, Result};
use crate::inputs::{InputSet, StandardModel};
use num_complex::Complex64 as C64;
use std::sync::Arc;

/// The lightest Z′ mass (GeV) at which the coefficients are treated as local (module docs).
pub const LOCAL_ABOVE: f64 = 10.0;

/// The four coefficients of one point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coefficients {
    /// C₉ (s̄γP_Lb)(μ̄γμ).
    pub c9: C64,
    /// C′₉ (s̄γP_Rb)(μ̄γμ).
    pub c9p: C64,
    /// C₁₀ (s̄γP_Lb)(μ̄γγ₅μ).
    pub c10: C64,
    /// C′₁₀ (s̄γP_Rb)(μ̄γγ₅μ).
    pub c10p: C64,
}

/// Paper 004 Eq. 1 (GeV⁻²) from the couplings (module docs): `inverse_propagator` = m_Z′² − q².
pub fn coefficients_gev(
    g_left: C64,
    g_right: C64,
    muon_vector: C64,
    muon_axial: C64,
    inverse_propagator: f64,
) -> Coefficients {
    let d = 1.0 / inverse_propagator;
    Coefficients {
        c9: g_left * muon_vector * d,
        c9p: g_right * muon_vector * d,
        c10: -g_left * muon_axial * d,
        c10p: -g_right * muon_axial * d,
    }
}

impl Coefficients {
    /// The WCxf flavio basis: each coefficient of `H = Σ C O` in GeV⁻² divided by −N
    /// ([`super::rare_leptonic::wcxf_normalization`]).
    #[must_use]
    pub fn to_wcxf(&self, normalization: C64) -> Coefficients {
        let f = -1.0 / normalization;
        Coefficients {
            c9: self.c9 * f,
            c9p: self.c9p * f,
            c10: self.c10 * f,
            c10p: self.c10p * f,
        }
    }
}

/// Paper 004 Eq. 17: the vector-like-quark mass for which `C₉ = Re(Y Y*)/(2m²)` has modulus
/// `c9_gev` (GeV⁻²), `m = √(Re(Y Y*)/(2|C₉|))` (GeV).
pub fn vlq_mass_for_c9(re_yukawa_product: f64, c9_gev: f64) -> f64 {
    (re_yukawa_product.abs() / (2.0 * c9_gev.abs())).sqrt()
}

/// Which coefficient, real or imaginary part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    C9,
    C9p,
    C10,
    C10p,
}

struct CoefficientEvaluator {
    which: Which,
    imaginary: bool,
    gev: bool,
    q2: f64,
    normalization: C64,
}

impl CoefficientEvaluator {
    fn value(&self, ctx: &Context, flavour: &crate::flavour::FlavourAtMass) -> Result<f64> {
        let q = super::shared::quark_couplings(ctx, flavour)?;
        // s̄…b: down_*[1][2] ((d, s, b) = 0, 1, 2)
        let (g_left, g_right) = (q.down_left[1][2], q.down_right[1][2]);
        let (v, a) =
            CouplingsAt::new(ctx.point, ctx.sm, self.q2).vector_axial(Fermion::ChargedLepton(1));
        let m2 = ctx.point.mass * ctx.point.mass;
        let inverse = m2 - self.q2;
        if inverse == 0.0 {
            return Err(Error::invalid(
                "q2",
                self.q2,
                "q2 different from m_Z'^2 (the coefficient is infinite on the resonance)",
            ));
        }
        let c = coefficients_gev(g_left, g_right, v, a, inverse);
        let c = if self.gev {
            c
        } else {
            c.to_wcxf(self.normalization)
        };
        let z = match self.which {
            Which::C9 => c.c9,
            Which::C9p => c.c9p,
            Which::C10 => c.c10,
            Which::C10p => c.c10p,
        };
        Ok(if self.imaginary { z.im } else { z.re })
    }
}

impl Evaluator for CoefficientEvaluator {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        self.value(ctx, &*super::shared::flavour_at(ctx)?)
    }

    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        let flavour = super::shared::flavour_at(ctx)?;
        if ctx.point.single_coupling() {
            // quark coupling × muon coupling: c²
            let unit = ctx.point.with_coupling(1.0);
            let unit = self.value(
                &Context {
                    point: &unit,
                    ..*ctx
                },
                &flavour,
            )?;
            return Ok(InCoupling::Homogeneous { unit, degree: 2 });
        }
        let ctx = *ctx;
        Ok(InCoupling::Function(Box::new(move |c| {
            let p = ctx.point.with_coupling(c);
            self.value(&Context { point: &p, ..ctx }, &flavour)
        })))
    }
}

fn prepare(
    which: Which,
    imaginary: bool,
    o: &Observable,
    args: &Args,
    sm: &StandardModel,
    inputs: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    let q2 = args.number(o, "q2")?;
    let gev = args.word(o, "norm")? == "GeV^-2";
    let l = super::rare_leptonic::LeptonicInputs::new(inputs, sm)?;
    Ok(Arc::new(CoefficientEvaluator {
        which,
        imaginary,
        gev,
        q2,
        normalization: super::rare_leptonic::wcxf_normalization(
            l.g_fermi,
            l.alpha,
            l.v_tb_v_tq_conj(1),
        ),
    }))
}

macro_rules! prepare_fn {
    ($name:ident, $which:ident, $im:expr) => {
        fn $name(
            o: &Observable,
            args: &Args,
            sm: &StandardModel,
            inputs: &InputSet,
        ) -> Result<Arc<dyn Evaluator>> {
            prepare(Which::$which, $im, o, args, sm, inputs)
        }
    };
}
prepare_fn!(prepare_c9, C9, false);
prepare_fn!(prepare_c9p, C9p, false);
prepare_fn!(prepare_c10, C10, false);
prepare_fn!(prepare_c10p, C10p, false);
prepare_fn!(prepare_im_c9, C9, true);
prepare_fn!(prepare_im_c9p, C9p, true);
prepare_fn!(prepare_im_c10, C10, true);
prepare_fn!(prepare_im_c10p, C10p, true);

/// Local coefficients hold for m_Z' ≥ [`LOCAL_ABOVE`] (module docs).
#[allow(clippy::unnecessary_wraps)] // the registry's validity signature
fn local(_: &Args, _: &StandardModel) -> Option<Validity> {
    Some(Validity {
        mass: [LOCAL_ABOVE, f64::INFINITY],
        reason: "a local b -> s mu mu operator needs m_Z' well above the dimuon masses of B decays (C(q^2)/C(0) within 6% for q^2 < 6 GeV^2 at 10 GeV); a lighter Z' is a resonance".into(),
    })
}

const ARGUMENTS: &[Argument] = &[
    Argument {
        name: "q2",
        description: "dimuon mass squared q^2 in GeV^2 of the propagator 1/(m_Z'^2 - q^2) (0: the local coefficient)",
        kind: ArgumentKind::Number,
        default: Some("0"),
        required: false,
    },
    Argument {
        name: "norm",
        description: "normalization: wcxf (flavio basis, dimensionless) or GeV^-2 (paper 004 Eq. 1, H_eff = C9 (s-bar gamma P_L b)(mu-bar gamma mu))",
        kind: ArgumentKind::Choice(&["wcxf", "GeV^-2"]),
        default: Some("wcxf"),
        required: false,
    },
];

const REFERENCE: &str =
    "paper 004 Eq. 1, 16; WCxf flavio basis (wet.flavio.basis.yml); observables::b_to_s_mumu";

/// A Wilson coefficient, with the propagator's q² as argument ([`ARGUMENTS`]), valid where a
/// local operator holds ([`local`]).
const fn coefficient(
    name: &'static str,
    description: &'static str,
    latex: &'static str,
    prepare: super::registry::PrepareFn,
) -> Observable {
    Observable {
        arguments: ARGUMENTS,
        validity: local,
        ..Observable::prepared(name, description, latex, "1", REFERENCE, prepare)
    }
}

/// The observables of this area.
pub(crate) const OBSERVABLES: &[Observable] = &[
    coefficient(
        "C9_bsmumu",
        "Re C9_bsmumu from the Z' (WCxf flavio basis; norm=GeV^-2: paper 004 Eq. 1)",
        r"\mathrm{Re}\,C_9^{bs\mu\mu}",
        prepare_c9,
    ),
    coefficient(
        "C10_bsmumu",
        "Re C10_bsmumu from the Z' (axial muon coupling; WCxf flavio basis)",
        r"\mathrm{Re}\,C_{10}^{bs\mu\mu}",
        prepare_c10,
    ),
    coefficient(
        "C9p_bsmumu",
        "Re C9p_bsmumu (right-handed quarks) from the Z' (WCxf flavio basis)",
        r"\mathrm{Re}\,C_9'^{bs\mu\mu}",
        prepare_c9p,
    ),
    coefficient(
        "C10p_bsmumu",
        "Re C10p_bsmumu (right-handed quarks, axial muons) from the Z' (WCxf flavio basis)",
        r"\mathrm{Re}\,C_{10}'^{bs\mu\mu}",
        prepare_c10p,
    ),
    coefficient(
        "Im C9_bsmumu",
        "Im C9_bsmumu from the Z'",
        r"\mathrm{Im}\,C_9^{bs\mu\mu}",
        prepare_im_c9,
    ),
    coefficient(
        "Im C10_bsmumu",
        "Im C10_bsmumu from the Z'",
        r"\mathrm{Im}\,C_{10}^{bs\mu\mu}",
        prepare_im_c10,
    ),
    coefficient(
        "Im C9p_bsmumu",
        "Im C9p_bsmumu from the Z'",
        r"\mathrm{Im}\,C_9'^{bs\mu\mu}",
        prepare_im_c9p,
    ),
    coefficient(
        "Im C10p_bsmumu",
        "Im C10p_bsmumu from the Z'",
        r"\mathrm{Im}\,C_{10}'^{bs\mu\mu}",
        prepare_im_c10p,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observables::rare_leptonic::{wcxf_normalization, LeptonicInputs};

    /// (35 TeV)^-2, paper 004 Eq. 2.
    const C9_004: f64 = 1.0 / (35.0e3 * 35.0e3);

    /// Paper 004 Eq. 16-17: with m_Z' = g' v_Phi, C9 = Y_Qs Y_Qb*/(2 m_Q^2) whatever g' and m_Z';
    /// |C9| = (35 TeV)^-2 at Re(Y Y*) = 1 needs m_Q = 24.7 TeV (printed: 25 TeV).
    #[test]
    fn paper004_c9_and_the_vlq_scale() {
        let (y_qs, y_qb, m_q) = (C64::new(0.3, 0.1), C64::new(-0.8, 0.2), 20.0e3);
        for (g, m) in [(1e-3, 0.05), (0.3, 200.0)] {
            let v_phi: f64 = m / g;
            let g_sb = g * y_qs * y_qb.conj() * v_phi * v_phi / (2.0 * m_q * m_q);
            let c = coefficients_gev(g_sb, 0.0.into(), g.into(), 0.0.into(), m * m);
            let eq16 = y_qs * y_qb.conj() / (2.0 * m_q * m_q);
            assert!((c.c9 - eq16).norm() < 1e-12 * eq16.norm());
        }
        let m = vlq_mass_for_c9(1.0, C9_004);
        assert!((m / 24.75e3 - 1.0).abs() < 1e-3, "{m}");
        assert!((m / 25.0e3 - 1.0).abs() < 0.011);
    }

    /// −(35 TeV)^-2 is C9_bsmumu ≈ −0.98 in the flavio normalization (the 2013 fits' −1).
    #[test]
    fn paper004_value_in_the_wcxf_normalization() {
        let i = InputSet::load("altmannshofer2014").unwrap();
        let sm = StandardModel::from_inputs(&i).unwrap();
        let l = LeptonicInputs::new(&i, &sm).unwrap();
        let n = wcxf_normalization(l.g_fermi, l.alpha, l.v_tb_v_tq_conj(1));
        let c = Coefficients {
            c9: (-C9_004).into(),
            c9p: C9_004.into(),
            c10: 0.0.into(),
            c10p: 0.0.into(),
        }
        .to_wcxf(n);
        assert!((c.c9.re + 0.98).abs() < 0.02, "{}", c.c9);
        assert!((c.c9p.re - 0.98).abs() < 0.02);
    }

    /// The heavy-Z' regime: C(q^2)/C(0) = m^2/(m^2 - q^2), within 6% at 10 GeV and q^2 = 6 GeV^2.
    #[test]
    fn q2_dependence() {
        let g = C64::new(1e-3, 0.0);
        for (m, q2, ratio) in [
            (10.0_f64, 6.0, 1.0 / (1.0 - 0.06)),
            (35.0, 6.0, 1.0 / (1.0 - 6.0 / 1225.0)),
        ] {
            let c0 = coefficients_gev(g, 0.0.into(), g, 0.0.into(), m * m).c9;
            let cq = coefficients_gev(g, 0.0.into(), g, 0.0.into(), m * m - q2).c9;
            assert!((cq / c0 - ratio).norm() < 1e-12);
        }
    }

    /// Through the registry: B_3 − L_τ's top loop gives g_sb ∝ V*_ts V_tb, the phase of the WCxf
    /// normalization, so C9 is real up to the kinetic-mixing penguin; C9 (GeV^-2) = g^L_sb g_μ/m², C10 = 0 (vector muons), and the
    /// per-mass function (c² × unit) agrees with the direct prediction.
    #[test]
    fn registry_glue_for_a_b3_z_prime() {
        use crate::observables::{testing::with_point, Query};
        with_point("lmu-ltau+b3", 20.0, 1e-2, |ctx| {
            let get = |name: &str| Query::parse(name).unwrap().predict(ctx).unwrap();
            let q = crate::flavour::quark_couplings(ctx.point, ctx.sm, ctx.inputs).unwrap();
            let gev = get("C9_bsmumu(norm=GeV^-2)");
            let expected = q.down_left[1][2].re * 1e-2 / 400.0;
            assert!((gev / expected - 1.0).abs() < 1e-9, "{gev} {expected}");
            let c9 = get("C9_bsmumu");
            // the top loop alone gives a real C9; the kinetic-mixing penguin (charm loop, another
            // CKM phase) adds a small imaginary part
            assert!(get("Im C9_bsmumu").abs() < 0.05 * c9.abs());
            assert_eq!(get("C10_bsmumu"), 0.0);
            let prepared = Query::parse("C9_bsmumu")
                .unwrap()
                .prepare(ctx.sm, ctx.inputs)
                .unwrap();
            let f = prepared.at_mass(ctx).unwrap();
            assert!((f.function.at(1e-2).unwrap() / c9 - 1.0).abs() < 1e-9);
        });
    }
}
