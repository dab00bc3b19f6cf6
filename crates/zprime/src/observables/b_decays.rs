//! B → P Z' (P = K, π) and B → V Z' (V = K*, ρ), paper 002 Sec. V (Eq. 5.2–5.5) with left- and
//! right-handed couplings, today's form factors and their uncertainties.
//!
//! # Rates
//!
//! For `L ⊃ −Z'_μ [g^L q̄γ^μP_L b + g^R q̄γ^μP_R b] + h.c.` (q = s for K, K*; q = d for π, ρ)
//! the amplitude is `ε*_μ [½(g^L + g^R)⟨M|q̄γ^μb|B⟩ − ½(g^L − g^R)⟨M|q̄γ^μγ₅b|B⟩]`. With
//! two-body phase space, Γ = √λ/(16π m_B³) Σ|M|², λ = λ(m_B², m_M², m_Z'²):
//!
//! - B → P: only the vector current, `⟨P|q̄γ^μb|B⟩ = f₊(q²)(p_B + p_P)^μ + …`, and
//!   `Γ = |g^L + g^R|² λ^{3/2} f₊(m_Z'²)² / (64π κ² m_Z'² m_B³)` (Eq. 5.2; the K → π formula
//!   of `k_to_pi` with B, P and f₊ of B → P);
//! - B → V: with the helicity amplitudes of Eq. 5.4–5.5, written with x = (m_B² − m_V² −
//!   m_Z'²)/(2 m_V m_Z'), √(x² − 1) = √λ/(2 m_V m_Z') and the form factor
//!   A₁₂ = [(m_B + m_V)²(m_B² − m_V² − q²)A₁ − λA₂]/(16 m_B m_V²(m_B + m_V)) of the BSZ fits:
//!   `H₀ = −8 m_B m_V A₁₂/m_Z'`, `H_± = (m_B + m_V)A₁ ± √λ V/(m_B + m_V)` (Eq. 5.4 and 5.5
//!   rewritten: the extracted equations are damaged, these follow from the standard form-factor
//!   definitions and agree with them). The axial current gives A₁, A₁₂ (H₀ and the A₁ part of
//!   H_±), the vector current V, so with both chiralities
//!   `Γ = √λ/(64π κ² m_B³) [|g^L − g^R|² (H₀² + 2(m_B + m_V)²A₁²) + |g^L + g^R|² 2λV²/(m_B + m_V)²]`
//!   (the interference of the two currents cancels in H₊² + H₋²); for g^R = 0 it is Eq. 5.3.
//!
//! κ² = 2 for π⁰ and ρ⁰ (B⁰ = d b̄ → d d̄, and ⟨π⁰| = (⟨uū| − ⟨dd̄|)/√2), 1 otherwise (B⁰ → K⁰,
//! K*⁰; B⁺ → K⁺, K*⁺, π⁺, ρ⁺), paper 002 below Eq. 5.3. Isospin-symmetric form factors.
//!
//! Closed forms (tests): at small m_Z' only H₀ survives and, as A₁₂(0) = (m_B² − m_V²)
//! A₀(0)/(8 m_B m_V), B → V becomes the B → P formula with f₊ → A₀(0) (the longitudinal Z' is
//! its Goldstone boson, which sees the pseudoscalar density); at threshold B → P vanishes as
//! λ^{3/2} (P wave), B → V as λ^{1/2} (S wave, the A₁ term).
//!
//! # Form factors
//!
//! `data/formfactors/b_meson.toml` ([`formfactors`]): B → K Gubernari–Reboud–van Dyk–Virto
//! 2023, B → π Leljak–Melić–van Dyk 2021 (BCL), B → K* and B → ρ Bharucha–Straub–Zwicky 2015
//! (the defaults of flavio); B → K and B → π of Gubernari–Kokulu–van Dyk 2018 as alternatives
//! (tests compare them). Input `BK_formfactor` = 1 replaces f₊ of B → K by paper 003's
//! `f₊ = fplus_BK_pole_0/(1 − q²/m2_BK_pole)` = 0.33/(1 − q²/38 GeV²) (Eq. 2.4; set `jho2020`).
//!
//! # Uncertainty
//!
//! `sigma_FF BR(...)`: the 1σ form-factor uncertainty of the branching fraction by linear
//! propagation with the fit's covariance C, σ_Γ² = ∇Γᵀ C ∇Γ (Γ is quadratic in the form
//! factors, which are linear (BSZ) or bilinear (BCL) in the parameters; the gradient is exact),
//! then σ_BR = σ_Γ (Γ_tot − Γ)/Γ_tot² (the same form factors in the total width are neglected:
//! a relative correction of order BR). A test checks it against sampling the fit's Gaussian
//! with `math::random` (agreement within 0.5%: Γ is nearly linear in the parameters within
//! their errors). Zero for paper 003's fixed form factor. Relative sizes at m_Z' = 0.5 GeV:
//! 6% (B → K), 15% (B → K*), 16% (B → π), 23% (B → ρ).
//!
//! # Branching fractions
//!
//! `BR(B+->KZp)` etc. divide the partial width by the parent's total width with the new decays
//! (Γ_B(SM) + the four B → (K, K*, π, ρ) Z' widths of that parent), as `k_to_pi` does, so that a
//! branching fraction never exceeds 1; the partial widths are `Gamma(B+->KZp)` etc.

pub mod formfactors;

use super::{Args, Context, Evaluator, InCoupling, Observable};
use crate::error::Result;
use crate::flavour::{QuarkCouplings, Transition};
use crate::inputs::{InputSet, StandardModel};
use crate::math::kallen;
use std::f64::consts::PI;
use std::sync::Arc;

/// The eight decays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BDecay {
    /// B⁺ → K⁺ Z'.
    KPlus,
    /// B⁰ → K⁰ Z'.
    KZero,
    /// B⁺ → K*⁺ Z'.
    KstarPlus,
    /// B⁰ → K*⁰ Z'.
    KstarZero,
    /// B⁺ → π⁺ Z'.
    PiPlus,
    /// B⁰ → π⁰ Z'.
    PiZero,
    /// B⁺ → ρ⁺ Z'.
    RhoPlus,
    /// B⁰ → ρ⁰ Z'.
    RhoZero,
}

/// The decays of each parent, in the order of the total width.
const OF_BPLUS: [BDecay; 4] = [
    BDecay::KPlus,
    BDecay::KstarPlus,
    BDecay::PiPlus,
    BDecay::RhoPlus,
];
const OF_BZERO: [BDecay; 4] = [
    BDecay::KZero,
    BDecay::KstarZero,
    BDecay::PiZero,
    BDecay::RhoZero,
];

impl BDecay {
    /// Whether the parent is the B⁺.
    fn charged(self) -> bool {
        matches!(
            self,
            BDecay::KPlus | BDecay::KstarPlus | BDecay::PiPlus | BDecay::RhoPlus
        )
    }
    /// (mass, Standard-Model width) input names of the parent.
    fn parent(self) -> (&'static str, &'static str) {
        if self.charged() {
            ("m_Bp", "Gamma_Bp")
        } else {
            ("m_B0", "Gamma_B0")
        }
    }
    /// The daughter's mass input (K⁰: the K_L mass, equal to m_K⁰ in the PDG tables).
    fn daughter_mass(self) -> &'static str {
        match self {
            BDecay::KPlus => "m_Kp",
            BDecay::KZero => "m_KL",
            BDecay::KstarPlus => "m_Kstarp",
            BDecay::KstarZero => "m_Kstar0",
            BDecay::PiPlus => "m_pip",
            BDecay::PiZero => "m_pi0",
            BDecay::RhoPlus => "m_rhop",
            BDecay::RhoZero => "m_rho0",
        }
    }
    /// b → s or b → d.
    fn transition(self) -> Transition {
        match self {
            BDecay::KPlus | BDecay::KZero | BDecay::KstarPlus | BDecay::KstarZero => Transition::Sb,
            _ => Transition::Db,
        }
    }
    /// The form-factor transition.
    fn form_factors(self) -> &'static str {
        match self {
            BDecay::KPlus | BDecay::KZero => "B->K",
            BDecay::KstarPlus | BDecay::KstarZero => "B->K*",
            BDecay::PiPlus | BDecay::PiZero => "B->pi",
            BDecay::RhoPlus | BDecay::RhoZero => "B->rho",
        }
    }
    /// A vector daughter.
    fn vector(self) -> bool {
        matches!(
            self,
            BDecay::KstarPlus | BDecay::KstarZero | BDecay::RhoPlus | BDecay::RhoZero
        )
    }
    /// κ² of paper 002 (2 for π⁰ and ρ⁰).
    fn kappa2(self) -> f64 {
        if matches!(self, BDecay::PiZero | BDecay::RhoZero) {
            2.0
        } else {
            1.0
        }
    }
    /// The other new decays of the same parent (for the total width).
    fn siblings(self) -> [BDecay; 4] {
        if self.charged() {
            OF_BPLUS
        } else {
            OF_BZERO
        }
    }
}

/// A width with its form-factor gradient (GeV, GeV per parameter of the default fit).
#[derive(Debug, Clone)]
pub struct WidthWithGradient {
    /// Γ, GeV.
    pub width: f64,
    /// ∂Γ/∂θ over the parameters of the fit (empty for a fixed form factor).
    pub gradient: Vec<f64>,
    /// The fit (None for paper 003's fixed form factor).
    pub fit: Option<&'static formfactors::Fit>,
}

/// Γ(B → M Z') for couplings `c` at Z' mass `m`, with its form-factor gradient.
pub fn width(
    inputs: &InputSet,
    decay: BDecay,
    c: &QuarkCouplings,
    m: f64,
) -> Result<WidthWithGradient> {
    width_with(inputs, decay, c, m, None)
}

/// [`width`] with the form-factor parameters `theta` of the default fit instead of its central
/// values (for sampling the fit's uncertainty).
pub fn width_with(
    inputs: &InputSet,
    decay: BDecay,
    c: &QuarkCouplings,
    m: f64,
    theta: Option<&[f64]>,
) -> Result<WidthWithGradient> {
    Kinematics::new(inputs, decay)?.width(c, m, theta, true)
}

/// Where a decay's form factor comes from.
#[derive(Clone, Copy)]
enum Source {
    /// Paper 003's single pole f₊(0)/(1 − q²/m²): (f₊(0), m²).
    Pole(f64, f64),
    /// A fit of `data/formfactors/b_meson.toml`.
    Fit(&'static formfactors::Fit),
}

/// The input-set data of one decay (masses, form factor), read once per input set.
#[derive(Clone, Copy)]
struct Kinematics {
    decay: BDecay,
    /// Parent mass, GeV.
    mb: f64,
    /// Daughter mass, GeV.
    mm: f64,
    source: Source,
}

impl Kinematics {
    fn new(inputs: &InputSet, decay: BDecay) -> Result<Kinematics> {
        let (mb, mm) = (
            inputs.value(decay.parent().0)?,
            inputs.value(decay.daughter_mass())?,
        );
        let source = if decay.form_factors() == "B->K" && inputs.value("BK_formfactor")? == 1.0 {
            Source::Pole(
                inputs.value("fplus_BK_pole_0")?,
                inputs.value("m2_BK_pole")?,
            )
        } else {
            Source::Fit(formfactors::default_fit(decay.form_factors())?)
        };
        Ok(Kinematics {
            decay,
            mb,
            mm,
            source,
        })
    }

    /// Γ with its gradient (when `gradient`) at parameters `theta` (default: the central ones).
    fn width(
        &self,
        c: &QuarkCouplings,
        m: f64,
        theta: Option<&[f64]>,
        gradient: bool,
    ) -> Result<WidthWithGradient> {
        let (decay, mb, mm) = (self.decay, self.mb, self.mm);
        let t = decay.transition();
        let fit = match self.source {
            Source::Fit(f) => Some(f),
            Source::Pole(..) => None,
        };
        if m <= 0.0 || m >= mb - mm {
            return Ok(WidthWithGradient {
                width: 0.0,
                gradient: Vec::new(),
                fit,
            });
        }
        let q2 = m * m;
        let lam = kallen(mb * mb, mm * mm, q2).max(0.0);
        let norm = 1.0 / (64.0 * PI * decay.kappa2() * mb.powi(3));
        // a form factor of the fit, with its gradient when asked
        let ff = |fit: &formfactors::Fit, name: &str| -> Result<(f64, Vec<f64>)> {
            match (theta, gradient) {
                (None, false) => Ok((fit.value(name, q2)?, Vec::new())),
                _ => fit.evaluate(name, q2, theta.unwrap_or(&fit.means)),
            }
        };
        if !decay.vector() {
            let gv2 = c.vector(t).norm_sqr();
            let k = gv2 * lam.powf(1.5) / q2 * norm;
            let (f, g) = match self.source {
                Source::Pole(f0, m2) => (f0 / (1.0 - q2 / m2), Vec::new()),
                Source::Fit(fit) => ff(fit, "f+")?,
            };
            return Ok(WidthWithGradient {
                width: k * f * f,
                gradient: g.iter().map(|x| 2.0 * k * f * x).collect(),
                fit,
            });
        }
        let Source::Fit(vfit) = self.source else {
            return Err(crate::error::Error::file(
                "data/formfactors/b_meson.toml",
                format!("no B -> V fit for {decay:?}"),
            ));
        };
        let (a1, ga1) = ff(vfit, "A1")?;
        let (a12, ga12) = ff(vfit, "A12")?;
        let (v, gv) = ff(vfit, "V")?;
        let (ga2, gv2) = (c.axial(t).norm_sqr(), c.vector(t).norm_sqr());
        // Γ = norm √λ [ga2 (H0² + 2 h1² A1²) + gv2 2 hv² V²]
        let h0 = 8.0 * mb * mm / m; // H0 = −h0 A12
        let h1 = mb + mm; // A1 part of H±
        let hv = lam.sqrt() / (mb + mm); // V part of H±
        let s = norm * lam.sqrt();
        let (ca12, ca1, cv) = (
            s * ga2 * h0 * h0,
            s * ga2 * 2.0 * h1 * h1,
            s * gv2 * 2.0 * hv * hv,
        );
        let width = ca12 * a12 * a12 + ca1 * a1 * a1 + cv * v * v;
        let gradient = (0..ga1.len())
            .map(|i| 2.0 * (ca12 * a12 * ga12[i] + ca1 * a1 * ga1[i] + cv * v * gv[i]))
            .collect();
        Ok(WidthWithGradient {
            width,
            gradient,
            fit,
        })
    }
}

/// The data of a parent's four new decays and its Standard-Model width, for one input set.
#[derive(Clone, Copy)]
struct Parent {
    gamma_sm: f64,
    decays: [Kinematics; 4],
}

impl Parent {
    fn new(inputs: &InputSet, decay: BDecay) -> Result<Parent> {
        let s = decay.siblings();
        Ok(Parent {
            gamma_sm: inputs.value(decay.parent().1)?,
            decays: [
                Kinematics::new(inputs, s[0])?,
                Kinematics::new(inputs, s[1])?,
                Kinematics::new(inputs, s[2])?,
                Kinematics::new(inputs, s[3])?,
            ],
        })
    }

    /// (Γ(decay)/Γ_B(SM), Γ_B(SM + Z')/Γ_B(SM)) at mass `m` with couplings `c`.
    fn rates(&self, decay: BDecay, c: &QuarkCouplings, m: f64) -> Result<(f64, f64)> {
        let mut total = 1.0;
        let mut partial = 0.0;
        for k in &self.decays {
            let r = k.width(c, m, None, false)?.width / self.gamma_sm;
            total += r;
            if k.decay == decay {
                partial = r;
            }
        }
        Ok((partial, total))
    }
}

/// (Γ(decay)/Γ_B(SM), Γ_B(SM + Z')/Γ_B(SM)) at the point with couplings `c`.
fn rates(ctx: &Context, decay: BDecay, c: &QuarkCouplings) -> Result<(f64, f64)> {
    Parent::new(ctx.inputs, decay)?.rates(decay, c, ctx.point.mass)
}

/// The prepared branching fraction of one decay: the input-set data read once, the flavour
/// loop once per mass.
struct BranchingEvaluator {
    decay: BDecay,
    parent: Parent,
}

impl Evaluator for BranchingEvaluator {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        let c = super::shared::quark_couplings(ctx, &*super::shared::flavour_at(ctx)?)?;
        let (partial, total) = self.parent.rates(self.decay, &c, ctx.point.mass)?;
        Ok(partial / total)
    }

    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        let flavour = super::shared::flavour_at(ctx)?;
        super::registry::branching_in_coupling(ctx, move |c| {
            let couplings = super::shared::quark_couplings(c, &flavour)?;
            self.parent.rates(self.decay, &couplings, c.point.mass)
        })
    }
}

/// The form-factor uncertainty of the branching fraction (see the module documentation).
pub fn br_uncertainty(ctx: &Context, decay: BDecay) -> Result<f64> {
    let c = crate::flavour::quark_couplings(ctx.point, ctx.sm, ctx.inputs)?;
    let gamma_sm = ctx.inputs.value(decay.parent().1)?;
    let w = width(ctx.inputs, decay, &c, ctx.point.mass)?;
    let Some(fit) = w.fit else { return Ok(0.0) };
    if w.width == 0.0 {
        return Ok(0.0);
    }
    let (_, total) = rates(ctx, decay, &c)?;
    let total = total * gamma_sm;
    let sigma = formfactors::propagate(fit, &w.gradient).sqrt();
    Ok(sigma * (total - w.width) / (total * total))
}

macro_rules! b_decay {
    ($decay:ident, $prepare:ident, $gamma:ident, $sigma:ident) => {
        // The signature is the registry's `PrepareFn`.
        fn $prepare(
            _: &Observable,
            _: &Args,
            _: &StandardModel,
            inputs: &InputSet,
        ) -> Result<Arc<dyn Evaluator>> {
            Ok(Arc::new(BranchingEvaluator {
                decay: BDecay::$decay,
                parent: Parent::new(inputs, BDecay::$decay)?,
            }))
        }
        #[doc = concat!("The partial width Γ(", stringify!($decay), "), GeV.")]
        pub fn $gamma(ctx: &Context) -> Result<f64> {
            let c = crate::flavour::quark_couplings(ctx.point, ctx.sm, ctx.inputs)?;
            Ok(width(ctx.inputs, BDecay::$decay, &c, ctx.point.mass)?.width)
        }
        #[doc = concat!("The 1σ form-factor uncertainty of BR(", stringify!($decay), ").")]
        pub fn $sigma(ctx: &Context) -> Result<f64> {
            br_uncertainty(ctx, BDecay::$decay)
        }
    };
}
b_decay!(KPlus, prepare_kplus, gamma_kplus, sigma_kplus);
b_decay!(KZero, prepare_kzero, gamma_kzero, sigma_kzero);
b_decay!(
    KstarPlus,
    prepare_kstarplus,
    gamma_kstarplus,
    sigma_kstarplus
);
b_decay!(
    KstarZero,
    prepare_kstarzero,
    gamma_kstarzero,
    sigma_kstarzero
);
b_decay!(PiPlus, prepare_piplus, gamma_piplus, sigma_piplus);
b_decay!(PiZero, prepare_pizero, gamma_pizero, sigma_pizero);
b_decay!(RhoPlus, prepare_rhoplus, gamma_rhoplus, sigma_rhoplus);
b_decay!(RhoZero, prepare_rhozero, gamma_rhozero, sigma_rhozero);

/// A branching-fraction observable.
const fn br(
    name: &'static str,
    description: &'static str,
    latex: &'static str,
    reference: &'static str,
    prepare: super::registry::PrepareFn,
) -> Observable {
    Observable::prepared(name, description, latex, "1", reference, prepare)
}

/// A partial width (available by name, not listed).
const fn gamma(
    name: &'static str,
    description: &'static str,
    latex: &'static str,
    reference: &'static str,
    f: fn(&Context) -> Result<f64>,
) -> Observable {
    Observable {
        listed: None,
        ..Observable::simple(name, description, latex, "GeV", Some(2), reference, f)
    }
}

/// A form-factor uncertainty (listed by `point`).
const fn sigma(
    name: &'static str,
    description: &'static str,
    latex: &'static str,
    f: fn(&Context) -> Result<f64>,
) -> Observable {
    Observable::simple(
        name,
        description,
        latex,
        "1",
        None,
        "linear propagation of the form-factor fit's covariance (observables::b_decays)",
        f,
    )
}

const P_REF: &str = "paper 002 Eq. 5.2 with g = g^L + g^R; form factors data/formfactors/b_meson.toml; total width with the new B decays (observables::b_decays)";
const V_REF: &str = "paper 002 Eq. 5.3-5.5 with g^L - g^R (axial) and g^L + g^R (vector); form factors data/formfactors/b_meson.toml; total width with the new B decays (observables::b_decays)";

/// The observables of this area.
pub(crate) const OBSERVABLES: &[Observable] = &[
    br("BR(B+->KZp)", "BR(B+ -> K+ Z') = Gamma(B+ -> K+ Z') / (Gamma_B+ of the Standard Model + the new B+ decays), b -> s", r"\mathrm{BR}(B^+\to K^+Z')", P_REF, prepare_kplus),
    br("BR(B0->KZp)", "BR(B0 -> K0 Z'), b -> s, over the B0 total width with the new decays", r"\mathrm{BR}(B^0\to K^0Z')", P_REF, prepare_kzero),
    br("BR(B+->K*Zp)", "BR(B+ -> K*+ Z'), b -> s, over the B+ total width with the new decays", r"\mathrm{BR}(B^+\to K^{*+}Z')", V_REF, prepare_kstarplus),
    br("BR(B0->K*Zp)", "BR(B0 -> K*0 Z'), b -> s, over the B0 total width with the new decays", r"\mathrm{BR}(B^0\to K^{*0}Z')", V_REF, prepare_kstarzero),
    br("BR(B+->piZp)", "BR(B+ -> pi+ Z'), b -> d, over the B+ total width with the new decays", r"\mathrm{BR}(B^+\to\pi^+Z')", P_REF, prepare_piplus),
    br("BR(B0->piZp)", "BR(B0 -> pi0 Z'), b -> d (isospin factor 1/2), over the B0 total width with the new decays", r"\mathrm{BR}(B^0\to\pi^0Z')", P_REF, prepare_pizero),
    br("BR(B+->rhoZp)", "BR(B+ -> rho+ Z'), b -> d, over the B+ total width with the new decays", r"\mathrm{BR}(B^+\to\rho^+Z')", V_REF, prepare_rhoplus),
    br("BR(B0->rhoZp)", "BR(B0 -> rho0 Z'), b -> d (isospin factor 1/2), over the B0 total width with the new decays", r"\mathrm{BR}(B^0\to\rho^0Z')", V_REF, prepare_rhozero),
    sigma("sigma_FF BR(B+->KZp)", "1-sigma form-factor uncertainty of BR(B+->KZp) (linear propagation of the fit's covariance)", r"\sigma_{FF}\,\mathrm{BR}(B^+\to K^+Z')", sigma_kplus),
    sigma("sigma_FF BR(B0->KZp)", "1-sigma form-factor uncertainty of BR(B0->KZp)", r"\sigma_{FF}\,\mathrm{BR}(B^0\to K^0Z')", sigma_kzero),
    sigma("sigma_FF BR(B+->K*Zp)", "1-sigma form-factor uncertainty of BR(B+->K*Zp)", r"\sigma_{FF}\,\mathrm{BR}(B^+\to K^{*+}Z')", sigma_kstarplus),
    sigma("sigma_FF BR(B0->K*Zp)", "1-sigma form-factor uncertainty of BR(B0->K*Zp)", r"\sigma_{FF}\,\mathrm{BR}(B^0\to K^{*0}Z')", sigma_kstarzero),
    sigma("sigma_FF BR(B+->piZp)", "1-sigma form-factor uncertainty of BR(B+->piZp)", r"\sigma_{FF}\,\mathrm{BR}(B^+\to\pi^+Z')", sigma_piplus),
    sigma("sigma_FF BR(B0->piZp)", "1-sigma form-factor uncertainty of BR(B0->piZp)", r"\sigma_{FF}\,\mathrm{BR}(B^0\to\pi^0Z')", sigma_pizero),
    sigma("sigma_FF BR(B+->rhoZp)", "1-sigma form-factor uncertainty of BR(B+->rhoZp)", r"\sigma_{FF}\,\mathrm{BR}(B^+\to\rho^+Z')", sigma_rhoplus),
    sigma("sigma_FF BR(B0->rhoZp)", "1-sigma form-factor uncertainty of BR(B0->rhoZp)", r"\sigma_{FF}\,\mathrm{BR}(B^0\to\rho^0Z')", sigma_rhozero),
    gamma("Gamma(B+->KZp)", "partial width Gamma(B+ -> K+ Z'), proportional to |g^L_sb + g^R_sb|^2", r"\Gamma(B^+\to K^+Z')", P_REF, gamma_kplus),
    gamma("Gamma(B0->KZp)", "partial width Gamma(B0 -> K0 Z')", r"\Gamma(B^0\to K^0Z')", P_REF, gamma_kzero),
    gamma("Gamma(B+->K*Zp)", "partial width Gamma(B+ -> K*+ Z')", r"\Gamma(B^+\to K^{*+}Z')", V_REF, gamma_kstarplus),
    gamma("Gamma(B0->K*Zp)", "partial width Gamma(B0 -> K*0 Z')", r"\Gamma(B^0\to K^{*0}Z')", V_REF, gamma_kstarzero),
    gamma("Gamma(B+->piZp)", "partial width Gamma(B+ -> pi+ Z'), proportional to |g^L_db + g^R_db|^2", r"\Gamma(B^+\to\pi^+Z')", P_REF, gamma_piplus),
    gamma("Gamma(B0->piZp)", "partial width Gamma(B0 -> pi0 Z')", r"\Gamma(B^0\to\pi^0Z')", P_REF, gamma_pizero),
    gamma("Gamma(B+->rhoZp)", "partial width Gamma(B+ -> rho+ Z')", r"\Gamma(B^+\to\rho^+Z')", V_REF, gamma_rhoplus),
    gamma("Gamma(B0->rhoZp)", "partial width Gamma(B0 -> rho0 Z')", r"\Gamma(B^0\to\rho^0Z')", V_REF, gamma_rhozero),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::random::Random;
    use num_complex::Complex64 as C64;

    fn couplings(sb: (f64, f64), db: (f64, f64)) -> QuarkCouplings {
        let mut c = QuarkCouplings::ZERO;
        c.set_left(Transition::Sb, C64::new(sb.0, 0.0));
        c.set_left(Transition::Db, C64::new(db.0, 0.0));
        c.set_right(Transition::Sb, C64::new(sb.1, 0.0));
        c.set_right(Transition::Db, C64::new(db.1, 0.0));
        c
    }

    const ALL: [BDecay; 8] = [
        BDecay::KPlus,
        BDecay::KZero,
        BDecay::KstarPlus,
        BDecay::KstarZero,
        BDecay::PiPlus,
        BDecay::PiZero,
        BDecay::RhoPlus,
        BDecay::RhoZero,
    ];

    /// B → P with a constant f₊ = 1 is the K → π formula with the B and K masses.
    #[test]
    fn b_to_p_at_unit_form_factor_is_the_k_to_pi_formula() {
        let mut i = InputSet::default_set();
        i.set_value("BK_formfactor", 1.0).unwrap();
        i.set_value("fplus_BK_pole_0", 1.0).unwrap();
        i.set_value("m2_BK_pole", 1e30).unwrap();
        let (mb, mk) = (i.value("m_Bp").unwrap(), i.value("m_Kp").unwrap());
        let c = couplings((3e-9, 0.0), (0.0, 0.0));
        for m in [1e-3, 0.135, 2.0, 4.7] {
            let ours = width(&i, BDecay::KPlus, &c, m).unwrap().width;
            let kpi = super::super::k_to_pi::width(9e-18, mb, mk, m, 1.0);
            assert!((ours / kpi - 1.0).abs() < 1e-12, "{m}: {ours} {kpi}");
        }
        assert_eq!(width(&i, BDecay::KPlus, &c, mb - mk).unwrap().width, 0.0);
    }

    /// At small m_Z' only the longitudinal H₀ survives and B → V becomes B → P with
    /// f₊ → A₀(0) (the Goldstone-boson equivalence; A₁₂(0) = (m_B² − m_V²)A₀(0)/(8 m_B m_V)).
    #[test]
    fn b_to_v_at_small_mass_is_longitudinal() {
        let i = InputSet::default_set();
        let c = couplings((1e-9, 0.0), (1e-9, 0.0));
        for (d, mv) in [(BDecay::KstarZero, "m_Kstar0"), (BDecay::RhoPlus, "m_rhop")] {
            let fit = formfactors::default_fit(d.form_factors()).unwrap();
            let a0 = fit.value_and_gradient("A0", 0.0).unwrap().0;
            let mb = i.value(d.parent().0).unwrap();
            let mv = i.value(mv).unwrap();
            let m = 1e-4;
            let ours = width(&i, d, &c, m).unwrap().width;
            let goldstone = super::super::k_to_pi::width(1e-18, mb, mv, m, a0) / d.kappa2();
            // the fit's own masses in z differ slightly from the input masses in A12(0)
            assert!(
                (ours / goldstone - 1.0).abs() < 1e-3,
                "{d:?}: {ours} {goldstone}"
            );
        }
    }

    /// Threshold: B → P vanishes as λ^{3/2} (P wave), B → V as λ^{1/2} (S wave).
    #[test]
    fn threshold_powers() {
        let i = InputSet::default_set();
        let c = couplings((1e-9, 0.0), (0.0, 0.0));
        for (d, power) in [(BDecay::KPlus, 1.5), (BDecay::KstarPlus, 0.5)] {
            let mb = i.value(d.parent().0).unwrap();
            let mm = i.value(d.daughter_mass()).unwrap();
            let top = mb - mm;
            let (m1, m2) = (top - 1e-7, top - 4e-7);
            let ratio = width(&i, d, &c, m2).unwrap().width / width(&i, d, &c, m1).unwrap().width;
            let lam = |m: f64| kallen(mb * mb, mm * mm, m * m);
            let expect = (lam(m2) / lam(m1)).powf(power);
            assert!(
                (ratio / expect - 1.0).abs() < 1e-3,
                "{d:?}: {ratio} {expect}"
            );
        }
    }

    /// Chirality: B → P sees g^L + g^R; B → V is |g^L − g^R|² A + |g^L + g^R|² V, so
    /// Γ(1, 1) + Γ(1, −1) = 4 Γ(1, 0), and parity gives Γ(1, 0) = Γ(0, 1).
    #[test]
    fn left_and_right_handed_couplings() {
        let i = InputSet::default_set();
        let m = 0.3;
        for d in ALL {
            let w = |l: f64, r: f64| width(&i, d, &couplings((l, r), (l, r)), m).unwrap().width;
            let one = w(1e-9, 0.0);
            assert!(one > 0.0);
            assert!((w(0.0, 1e-9) / one - 1.0).abs() < 1e-12, "{d:?}");
            assert!(((w(1e-9, 1e-9) + w(1e-9, -1e-9)) / (4.0 * one) - 1.0).abs() < 1e-12);
            if !d.vector() {
                assert_eq!(w(1e-9, -1e-9), 0.0, "{d:?}");
            }
        }
    }

    /// Isospin: with equal masses Γ(B⁰ → π⁰) = Γ(B⁺ → π⁺)/2, Γ(B⁰ → ρ⁰) = Γ(B⁺ → ρ⁺)/2,
    /// and K⁰, K*⁰ equal K⁺, K*⁺.
    #[test]
    fn isospin_factors() {
        let mut i = InputSet::default_set();
        for (a, b) in [
            ("m_B0", "m_Bp"),
            ("m_pi0", "m_pip"),
            ("m_rho0", "m_rhop"),
            ("m_KL", "m_Kp"),
            ("m_Kstar0", "m_Kstarp"),
        ] {
            let v = i.value(b).unwrap();
            i.set_value(a, v).unwrap();
        }
        let c = couplings((1e-9, 2e-10), (1e-9, -3e-10));
        for (neutral, charged, ratio) in [
            (BDecay::PiZero, BDecay::PiPlus, 0.5),
            (BDecay::RhoZero, BDecay::RhoPlus, 0.5),
            (BDecay::KZero, BDecay::KPlus, 1.0),
            (BDecay::KstarZero, BDecay::KstarPlus, 1.0),
        ] {
            let r = width(&i, neutral, &c, 0.2).unwrap().width
                / width(&i, charged, &c, 0.2).unwrap().width;
            assert!((r / ratio - 1.0).abs() < 1e-12, "{neutral:?}");
        }
    }

    /// Linear propagation of the form-factor covariance against sampling the fit's Gaussian
    /// (Cholesky factor, `math::random` normal pairs, 4000 samples, seeded; observed agreement
    /// 0.1–0.5%, the sampling error of a standard deviation being ~1%).
    #[test]
    fn linear_propagation_agrees_with_sampling() {
        let i = InputSet::default_set();
        let c = couplings((1e-9, 0.0), (1e-9, 0.0));
        for d in [
            BDecay::KPlus,
            BDecay::KstarPlus,
            BDecay::PiPlus,
            BDecay::RhoPlus,
        ] {
            let m = 0.5;
            let w = width(&i, d, &c, m).unwrap();
            let fit = w.fit.unwrap();
            let linear = formfactors::propagate(fit, &w.gradient).sqrt();
            let l = cholesky(&fit.covariance);
            let mut rng = Random::new(2024);
            let n = 4000;
            let (mut s1, mut s2) = (0.0, 0.0);
            for _ in 0..n {
                let z: Vec<f64> = (0..fit.means.len()).map(|_| rng.normal_pair().0).collect();
                let theta: Vec<f64> = (0..z.len())
                    .map(|a| fit.means[a] + (0..=a).map(|b| l[a][b] * z[b]).sum::<f64>())
                    .collect();
                let x = width_with(&i, d, &c, m, Some(&theta)).unwrap().width;
                s1 += x;
                s2 += x * x;
            }
            let mean = s1 / f64::from(n);
            let sampled = (s2 / f64::from(n) - mean * mean).sqrt();
            assert!(
                (sampled / linear - 1.0).abs() < 0.03,
                "{d:?}: sampled {sampled:e}, linear {linear:e}"
            );
        }
    }

    fn cholesky(a: &[Vec<f64>]) -> Vec<Vec<f64>> {
        let n = a.len();
        let mut l = vec![vec![0.0; n]; n];
        for i in 0..n {
            for j in 0..=i {
                let s: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
                if i == j {
                    l[i][j] = (a[i][i] - s).max(0.0).sqrt();
                } else if l[j][j] > 0.0 {
                    l[i][j] = (a[i][j] - s) / l[j][j];
                }
            }
        }
        l
    }

    /// The alternative fits (Gubernari–Kokulu–van Dyk 2018) agree with the defaults within
    /// their combined uncertainties at q² = 0 and 4 GeV².
    #[test]
    fn alternative_fits_agree() {
        for (alt, t) in [("B->K:GKvD2018", "B->K"), ("B->pi:GKvD2018", "B->pi")] {
            let a = formfactors::fit(alt).unwrap();
            let d = formfactors::default_fit(t).unwrap();
            for q2 in [0.0, 4.0] {
                let (fa, ga) = a.value_and_gradient("f+", q2).unwrap();
                let (fd, gd) = d.value_and_gradient("f+", q2).unwrap();
                let s = (formfactors::propagate(a, &ga) + formfactors::propagate(d, &gd)).sqrt();
                assert!(
                    (fa - fd).abs() < 2.0 * s,
                    "{alt} q2={q2}: {fa} vs {fd} +- {s}"
                );
            }
        }
    }

    /// Every B constraint of `data/limits/b_*.csv` loads (its curve or grid file parses, the
    /// observable matches) and gives an upper limit on the coupling of the mode it
    /// constrains, at a mass inside its range.
    #[test]
    fn b_constraints_load_and_limit_their_modes() {
        use crate::constraints::Constraint;
        use std::collections::BTreeMap;
        let i = InputSet::default_set();
        let sm = StandardModel::from_inputs(&i).unwrap();
        let fcnc = crate::model::preset("fcnc").unwrap();
        for (id, pair, mass) in [
            ("B->Knunu:BaBar2010", "Re_gL_sb", 0.5),
            ("B->Knunu:Belle2017", "Re_gL_sb", 0.5),
            ("B0->K0nunu:Belle2017", "Re_gL_sb", 0.5),
            ("B->K*nunu:Belle2017", "Re_gL_sb", 0.5),
            ("B0->K*0nunu:Belle2017", "Re_gL_sb", 0.5),
            ("B->pinunu:Belle2017", "Re_gL_db", 0.5),
            ("B0->pi0nunu:Belle2017", "Re_gL_db", 0.5),
            ("B->rhonunu:Belle2017", "Re_gL_db", 0.5),
            ("B0->rho0nunu:Belle2017", "Re_gL_db", 0.5),
            ("B->Kinv:BaBar-reinterpreted", "Re_gL_sb", 0.5),
            ("B0->K*inv:BaBar-reinterpreted", "Re_gL_sb", 0.5),
            ("B->Kinv:BelleII2023", "Re_gL_sb", 2.0),
        ] {
            let c = Constraint::load(id, &i).unwrap();
            let mut p = BTreeMap::new();
            p.insert(pair.to_string(), 1.0);
            let point = fcnc.point(mass, 1e-9, &p).unwrap();
            let l = c.limits_at(&sm, &i, &point).unwrap();
            let g = l
                .upper_limit
                .unwrap_or_else(|| panic!("{id}: no upper limit"));
            assert!(g > 1e-12 && g < 1e-6, "{id}: {g}");
        }
        // the mu mu grid: the Z' of the fcnc preset decays to mu mu through Gamma_mumu; the
        // grid applies at the point's c tau
        let c = Constraint::load("B->Kmumu:BelleII2023", &i).unwrap();
        let mut p = BTreeMap::new();
        p.insert("Re_gL_sb".to_string(), 1.0);
        p.insert("Gamma_mumu".to_string(), 1e-3);
        let point = fcnc.point(1.0, 1e-8, &p).unwrap();
        assert!(c.evaluate(&sm, &i, &point).is_ok());
        // LHCb's grid, with nan at the vetoed masses (no limit there)
        let c = Constraint::load("B->Kmumu:LHCb2016", &i).unwrap();
        assert!(c.evaluate(&sm, &i, &point).is_ok());
    }
}
