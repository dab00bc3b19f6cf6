//! Z' radiated from a muon pair: e⁺e⁻ → γ* → μ⁺μ⁻Z' at a B factory and Z → μ⁺μ⁻Z' at the Z
//! pole (the signals of the BaBar, Belle, Belle II 4μ and μμ + invisible searches and of the
//! LHC Z → 4μ searches; paper 004 Sec. IV "Z → 4ℓ", Fig. 5).
//!
//! # Matrix element
//!
//! A vector V (the virtual photon of mass √s, or the Z) decays to μ⁻(p₁) μ⁺(p₂) Z'(k) through
//! the two diagrams with the Z' on either muon line. With unit vector couplings,
//!
//! `M = ε_V^α ε'*_β ū(p₁)[γ^β (p̸₁+k̸+m) γ^α / D₁ + γ^α (−p̸₂−k̸+m) γ^β / D₂] v(p₂)`,
//! `D_i = s_i − m²`, `s₁ = (p₁+k)²`, `s₂ = (p₂+k)²`, m = m_μ, M² = m_Z'².
//!
//! Both currents are conserved (the photon's Ward identity holds for any Z' coupling because
//! the Z' conserves charge; the Z' vertex is vector-like), so the polarization sums reduce to
//! −g and, summed over spins and polarizations ([`squared_matrix_element`]),
//!
//! `Σ|M|² = A/D₁² + B/D₂² + C/(D₁D₂)` with
//! `A = −8(2M²m² + M²s + m⁴ + 2m²s + 3m²s₁ + m²s₂ − s₁s₂)`,
//! `B = A(s₁ ↔ s₂)`,
//! `C = 16(M⁴ + 2M²m² + 2M²s − M²(s₁+s₂) − 2m⁴ + 2m²s − m²(s₁+s₂) + s² − s(s₁+s₂))`.
//!
//! Derived with a symbolic trace in `docs/derivations/ee_mumu_zp.py`, which also checks it
//! against the explicit Dirac-matrix sum with the full polarization sums (−g + qq/q²),
//! agreement 2e-13, and the Ward identities ε_V → Q and ε' → k (amplitude zero to 4e-13).
//!
//! # Width and cross section
//!
//! `Γ(V → μμZ') = c_V² g'² /(3 · 256 π³ √s³) ∫ds₁ ∫ds₂ Σ|M|²` over the Dalitz region. The s₂
//! integral is done in closed form (A, B, C are linear in s₂), the s₁ integral numerically
//! (adaptive Gauss–Kronrod in ln(s₁ − m²), where the collinear peak is flat):
//! [`radiation_width_unit`]. Averaged over the beam directions, e⁺e⁻ → γ* → X is the decay of a
//! vector of mass √s: `σ(e⁺e⁻ → X) = 4πα Γ_V(√s → X) / s^{3/2}` (Γ_V with coupling e; for
//! X = μμ this is 4πα²/(3s) · β(3−β²)/2), so `σ = (4πα)² g'² Γ_unit / s^{3/2}`.
//!
//! # What is included
//!
//! * s-channel photon only, with α(0) of the input set (α(√s) ≈ 1/132 at 10.58 GeV would raise
//!   σ by ≈ 10 %: the cross section and the limits derived from it are conservative). The
//!   s-channel Z changes σ(ee → μμ) at 10.58 GeV by < 0.1 % and is left out.
//! * Z' emission from the muon lines only. Emission from the electron line (initial-state
//!   radiation) needs a Z'–electron coupling: in L_μ − L_τ that is the loop-induced εe ≈ g'/70
//!   (rate ∝ (εe/g')² ≈ 2·10⁻⁴ of the muon-line rate, times a larger collinear logarithm:
//!   < 10⁻³) and its interference with muon-line emission is odd under charge conjugation and
//!   vanishes in the total rate. For a model with a direct electron coupling (dark photon,
//!   B − L) the omitted ISR makes σ an underestimate (conservative).
//! * Axial muon couplings of the Z' enter as |g_V|² + |g_A|² = (|g_L|² + |g_R|²)/2, exact for
//!   massless muons (chirality is conserved); the O(m_μ²/m_Z'²) terms of a longitudinal Z'
//!   coupled to an axial current are not included (no preset has one).
//! * Z → μμZ': the Z's vector and axial couplings (g_V = −1/2 + 2 sin²θ_W, g_A = −1/2, tree
//!   level with G_F and m_Z) give Γ(Z → μμ); the radiation factor Γ(V→μμZ')/Γ(V→μμ) of a vector
//!   current of mass m_Z multiplies it with the chiral weight
//!   `[(g_L g'_L)² + (g_R g'_R)²]/(g_L² + g_R²)` (exact for massless muons, corrections
//!   O(m_μ²/m_Z²) ≈ 10⁻⁶). The branching fraction divides by Γ_Z + Γ(Z → μμZ').
//!
//! Checks (tests in this module and crates/zprime/tests/ee_mumu.rs): the matrix element at
//! the derivation script's points; a Monte Carlo of the 2-dimensional Dalitz integral (fixed
//! seed); the massless limit m_μ ≪ m_Z' ≪ √s against the real-emission radiator of a massive
//! vector boson, `Γ/Γ₀ = (g'²/8π²)[ln²(s/M²) − 3 ln(s/M²) + 5 − π²/3]`; the dark photon
//! (same σ at g' = εe).

use super::registry::branching_in_coupling;
use super::{zp_decays, Validity};
use super::{Args, Argument, ArgumentKind, Compute, Context, Evaluator, InCoupling, Observable};
use crate::couplings::{CouplingsAt, Fermion};
use crate::error::{Error, Result};
use crate::inputs::{InputSet, StandardModel};
use crate::math::quad::integrate;
use std::f64::consts::PI;
use std::sync::Arc;

/// The centre-of-mass energy argument (GeV), default the Υ(4S) energy of BaBar, Belle and
/// Belle II.
const SQRT_S: Argument = Argument {
    name: "sqrt_s",
    description: "e+e- centre-of-mass energy in GeV (default 10.58, the Upsilon(4S))",
    kind: ArgumentKind::Number,
    default: Some("10.58"),
    required: false,
};

/// Relative tolerance of the s₁ integral.
const REL_TOL: f64 = 1e-7;

/// The tolerance used where [`REL_TOL`] is out of reach (next to the kinematic limit).
const LOOSE_TOL: f64 = 1e-6;

/// The observables of this area, in the order `zprime point` prints them.
pub(crate) const OBSERVABLES: &[Observable] = &[
    Observable {
        name: "sigma(ee->mumuZp)",
        description: "e+e- -> gamma* -> mu+ mu- Z' cross section, Z' radiated from the muons (exact tree-level 2 -> 3)",
        latex: r"\sigma(e^+e^-\to\mu^+\mu^-Z')",
        unit: "fb",
        degree: Some(2),
        reference: "observables::ee_mumu_zp (matrix element derived in docs/derivations/ee_mumu_zp.py)",
        arguments: &[SQRT_S],
        listed: Some(&[]),
        validity: ee_validity,
        compute: Compute::WithArgs(sigma),
    },
    Observable {
        name: "sigma(ee->mumuZp)*BR(Zp->mumu)",
        description: "e+e- -> mu+ mu- Z' with Z' -> mu+ mu- (the 4 mu searches of BaBar, Belle, Belle II)",
        latex: r"\sigma(e^+e^-\to\mu^+\mu^-Z')\,\mathrm{BR}(Z'\to\mu^+\mu^-)",
        unit: "fb",
        degree: Some(2),
        reference: "sigma(ee->mumuZp) times BR(Zp->mumu)",
        arguments: &[SQRT_S],
        listed: Some(&[]),
        validity: ee_mumu_validity,
        compute: Compute::WithArgs(sigma_mumu),
    },
    Observable {
        name: "sigma(ee->mumuZp)*BR(Zp->invisible)",
        description: "e+e- -> mu+ mu- Z' with Z' -> invisible (the mu mu + missing energy searches of Belle II)",
        latex: r"\sigma(e^+e^-\to\mu^+\mu^-Z')\,\mathrm{BR}(Z'\to\mathrm{inv})",
        unit: "fb",
        degree: Some(2),
        reference: "sigma(ee->mumuZp) times BR(Zp->invisible)",
        arguments: &[SQRT_S],
        listed: Some(&[]),
        validity: ee_validity,
        compute: Compute::WithArgs(sigma_invisible),
    },
    Observable {
        name: "Gamma(Z->mumuZp)",
        description: "Z -> mu+ mu- Z' width, Z' radiated from the muons (exact 3-body, vector and axial Z couplings)",
        latex: r"\Gamma(Z\to\mu^+\mu^-Z')",
        unit: "GeV",
        degree: Some(2),
        reference: "paper 004 Fig. 5; observables::ee_mumu_zp",
        arguments: &[],
        listed: Some(&[]),
        validity: z_validity,
        compute: Compute::Point(gamma_z),
    },
    Observable {
        name: "BR(Z->mumuZp)",
        description: "Gamma(Z->mumuZp) / (Gamma_Z + Gamma(Z->mumuZp))",
        latex: r"\mathrm{BR}(Z\to\mu^+\mu^-Z')",
        unit: "1",
        degree: None,
        reference: "paper 004 Sec. IV (Z -> 4 l); observables::ee_mumu_zp",
        arguments: &[],
        listed: Some(&[]),
        validity: z_validity,
        compute: Compute::Prepared(prepare_z),
    },
    Observable {
        name: "BR(Z->mumuZp)*BR(Zp->mumu)",
        description: "BR(Z -> mu+ mu- Z') BR(Z' -> mu+ mu-): the Z -> 4 mu signal of paper 004 and the CMS and ATLAS searches",
        latex: r"\mathrm{BR}(Z\to\mu^+\mu^-Z')\,\mathrm{BR}(Z'\to\mu^+\mu^-)",
        unit: "1",
        degree: None,
        reference: "paper 004 Sec. IV (Z -> 4 l); CMS PLB 792 (2019) 345",
        arguments: &[],
        listed: Some(&[]),
        validity: z_mumu_validity,
        compute: Compute::Prepared(prepare_z_mumu),
    },
];

/// Spin- and polarization-summed |M|² of V(√s) → μ⁻μ⁺Z' at unit vector couplings (module
/// documentation), for V mass² `s`, Z' mass² `mz2`, muon mass `m` and the Dalitz invariants
/// `s1` = (p₁+k)², `s2` = (p₂+k)².
pub fn squared_matrix_element(s: f64, mz2: f64, m: f64, s1: f64, s2: f64) -> f64 {
    let m2 = m * m;
    let (d1, d2) = (s1 - m2, s2 - m2);
    let common = 2.0 * mz2 * m2 + mz2 * s + m2 * m2 + 2.0 * m2 * s;
    let a = -8.0 * (common + 3.0 * m2 * s1 + m2 * s2 - s1 * s2);
    let b = -8.0 * (common + m2 * s1 + 3.0 * m2 * s2 - s1 * s2);
    let c = 16.0
        * (mz2 * mz2 + 2.0 * mz2 * m2 + 2.0 * mz2 * s - mz2 * (s1 + s2) - 2.0 * m2 * m2
            + 2.0 * m2 * s
            - m2 * (s1 + s2)
            + s * s
            - s * (s1 + s2));
    a / (d1 * d1) + b / (d2 * d2) + c / (d1 * d2)
}

/// The Dalitz region at fixed s₁ = m² + `d1`: (s₂,min − m², s₂,max − m²), computed without
/// subtracting nearly equal numbers (soft and near-threshold Z' included).
pub fn d2_range(s: f64, mz2: f64, m: f64, d1: f64) -> (f64, f64) {
    let m2 = m * m;
    let s1 = m2 + d1;
    let r1 = s1.sqrt();
    let mz = mz2.sqrt();
    // Energies and momenta of the Z' and of μ⁺ in the (p₁ + k) rest frame; p_k² in product
    // form, (d1 − M² − 2mM)(d1 − M² + 2mM)/(4 s1).
    let e_k = (d1 + mz2) / (2.0 * r1);
    let e_2 = (s - s1 - m2) / (2.0 * r1);
    let p_k =
        (((d1 - mz2 - 2.0 * m * mz) * (d1 - mz2 + 2.0 * m * mz)).max(0.0) / (4.0 * s1)).sqrt();
    let p_2 = (e_2 * e_2 - m2).max(0.0).sqrt();
    // s₂ − m² = M² + 2(E_k E_2 ∓ p_k p_2); the smaller one as
    // (E_k² E_2² − p_k² p_2²)/(E_k E_2 + p_k p_2) = (M² E_2² + m² E_k² − M² m²)/(...).
    let plus = e_k * e_2 + p_k * p_2;
    let minus = (mz2 * e_2 * e_2 + m2 * e_k * e_k - mz2 * m2) / plus;
    (mz2 + 2.0 * minus, mz2 + 2.0 * plus)
}

/// ∫ds₂ Σ|M|² over the Dalitz range at fixed s₁ = m² + `d1`, in closed form: A, B, C are
/// linear in s₂. The coefficients are written in d1 (docs/derivations/ee_mumu_zp.py
/// expands them), so that a soft or collinear Z' loses no digits.
fn s2_integral(s: f64, mz2: f64, m: f64, d1: f64) -> f64 {
    let m2 = m * m;
    let (d_lo, d_hi) = d2_range(s, mz2, m, d1);
    if !(d_hi > d_lo && d_lo > 0.0) {
        return 0.0;
    }
    // s₂,max − s₂,min = 4 p_k p_2 = d_hi − d_lo.
    let width = d_hi - d_lo;
    let log = (width / d_lo).ln_1p();
    // A = a_m + a1 (s₂ − m²), B = b_m + b1 (s₂ − m²), C = c_m + c1 (s₂ − m²).
    let a1 = 8.0 * d1;
    let a_m = -8.0 * (2.0 * mz2 * m2 + mz2 * s + 2.0 * d1 * m2 + 4.0 * m2 * m2 + 2.0 * m2 * s);
    let b1 = 8.0 * d1 - 16.0 * m2;
    let b_m = -8.0 * (2.0 * mz2 * m2 + mz2 * s + 4.0 * m2 * m2 + 2.0 * m2 * s);
    let c1 = -16.0 * (mz2 + m2 + s);
    let c_m =
        16.0 * (mz2 * mz2 - mz2 * d1 + 2.0 * mz2 * s - d1 * m2 - d1 * s - 4.0 * m2 * m2 + s * s);
    let a_part = width * (a_m + a1 * 0.5 * (d_lo + d_hi)) / (d1 * d1);
    let b_part = b_m * width / (d_lo * d_hi) + b1 * log;
    let c_part = (c_m * log + c1 * width) / d1;
    a_part + b_part + c_part
}

/// Γ(V → μ⁺μ⁻Z') for a vector V of mass `big_m` with unit vector coupling to muons and a Z' of
/// mass `mz` with unit vector coupling (GeV); zero where the decay is closed.
pub fn radiation_width_unit(big_m: f64, mz: f64, m: f64) -> Result<f64> {
    if big_m <= mz + 2.0 * m {
        return Ok(0.0);
    }
    let s = big_m * big_m;
    let mz2 = mz * mz;
    // t = ln(s1 − m²) from threshold (m + M)² to (√s − m)².
    let t_lo = (mz2 + 2.0 * m * mz).ln();
    let t_hi = (s - 2.0 * m * big_m).ln();
    let f = |t: f64| {
        let d1 = t.exp();
        d1 * s2_integral(s, mz2, m, d1)
    };
    // Next to the kinematic limit the closed-form s2 integral loses digits to cancellation
    // (the width there is ~1e-19 of its bulk value): a looser tolerance is then enough.
    let integral = integrate(f, t_lo, t_hi, REL_TOL)
        .or_else(|_| integrate(f, t_lo, t_hi, LOOSE_TOL))
        .map_err(|e| Error::Numerical {
            context: "V -> mu mu Z' phase-space integral".into(),
            message: format!("at M = {big_m} GeV, m_Z' = {mz} GeV: {e:?}"),
        })?;
    Ok(integral / (3.0 * 256.0 * PI.powi(3) * big_m.powi(3)))
}

/// [`radiation_width_unit`] computed once per point for all its users (`sigma(ee->mumuZp)`
/// and its products, `Gamma(Z->mumuZp)`, `BR(Z->mumuZp)`, the real emission of `N_nu(Z)`)
/// through the context's store ([`super::shared`]).
pub(crate) fn radiation_width_shared(ctx: &Context, big_m: f64, mz: f64, m: f64) -> Result<f64> {
    let key = super::shared::Key::new("Gamma_unit(V->mumuZp)").numbers(&[big_m, mz, m]);
    super::shared::memo(ctx, key, || radiation_width_unit(big_m, mz, m))
}

/// Γ(V → μ⁺μ⁻) at unit vector coupling: √s/(12π) β (1 + 2m²/s).
pub fn born_width_unit(big_m: f64, m: f64) -> f64 {
    zp_decays::fermion_width(big_m, m, 1.0, 1.0, 0.0)
}

/// (|g_L|² + |g_R|²)/2 of the Z' to muons at q² = m_Z'², and (g_L, g_R) squared.
fn muon_couplings(ctx: &Context) -> (f64, f64) {
    let (l, r) = CouplingsAt::new(ctx.point, ctx.sm, ctx.point.mass.powi(2))
        .chiral(Fermion::ChargedLepton(1));
    (l.norm_sqr(), r.norm_sqr())
}

fn sqrt_s(args: &Args) -> f64 {
    args.get("sqrt_s")
        .and_then(|t| t.trim().parse::<f64>().ok())
        .unwrap_or(10.58)
}

#[allow(clippy::unnecessary_wraps)] // the signature of Observable::validity
fn ee_validity(args: &Args, sm: &StandardModel) -> Option<Validity> {
    Some(Validity {
        mass: [0.0, (sqrt_s(args) - 2.0 * sm.m_lepton[1]).max(0.0)],
        reason: "e+e- -> mu+ mu- Z' is open below sqrt(s) - 2 m_mu".into(),
    })
}

#[allow(clippy::unnecessary_wraps)] // the signature of Observable::validity
fn ee_mumu_validity(args: &Args, sm: &StandardModel) -> Option<Validity> {
    let m = sm.m_lepton[1];
    Some(Validity {
        mass: [2.0 * m, (sqrt_s(args) - 2.0 * m).max(2.0 * m)],
        reason: "Z' -> mu mu needs m_Z' > 2 m_mu; e+e- -> mu mu Z' needs m_Z' < sqrt(s) - 2 m_mu"
            .into(),
    })
}

#[allow(clippy::unnecessary_wraps)] // the signature of Observable::validity
fn z_validity(_: &Args, sm: &StandardModel) -> Option<Validity> {
    Some(Validity {
        mass: [0.0, sm.m_z - 2.0 * sm.m_lepton[1]],
        reason: "Z -> mu+ mu- Z' is open below m_Z - 2 m_mu".into(),
    })
}

#[allow(clippy::unnecessary_wraps)] // the signature of Observable::validity
fn z_mumu_validity(_: &Args, sm: &StandardModel) -> Option<Validity> {
    let m = sm.m_lepton[1];
    Some(Validity {
        mass: [2.0 * m, sm.m_z - 2.0 * m],
        reason: "Z' -> mu mu needs m_Z' > 2 m_mu; Z -> mu mu Z' needs m_Z' < m_Z - 2 m_mu".into(),
    })
}

/// σ(e⁺e⁻ → μ⁺μ⁻Z') in fb at centre-of-mass energy `sqrt_s` (GeV).
pub fn sigma_at(ctx: &Context, sqrt_s: f64) -> Result<f64> {
    if !(sqrt_s.is_finite() && sqrt_s > 0.0) {
        return Err(Error::invalid(
            "sqrt_s",
            sqrt_s,
            "a centre-of-mass energy > 0 GeV",
        ));
    }
    let (l2, r2) = muon_couplings(ctx);
    let g2 = 0.5 * (l2 + r2);
    if g2 == 0.0 {
        return Ok(0.0);
    }
    let gamma = radiation_width_shared(ctx, sqrt_s, ctx.point.mass, ctx.sm.m_lepton[1])?;
    let e2 = 4.0 * PI * ctx.sm.alpha;
    let per_gev2 = e2 * e2 * g2 * gamma / sqrt_s.powi(3);
    Ok(per_gev2 * gev2_to_fb(ctx.sm))
}

/// 1 GeV⁻² in fb: (ħc)² with ħc in GeV m, 1 fb = 10⁻⁴³ m².
fn gev2_to_fb(sm: &StandardModel) -> f64 {
    sm.hbar_c * sm.hbar_c * 1e43
}

fn sigma(ctx: &Context, o: &Observable, args: &Args) -> Result<f64> {
    sigma_at(ctx, args.number(o, "sqrt_s")?)
}

/// σ × a Z' branching fraction, never computing the fraction where σ vanishes (zero coupling).
fn sigma_times(
    ctx: &Context,
    o: &Observable,
    args: &Args,
    branching: fn(&Context) -> Result<f64>,
) -> Result<f64> {
    let s = sigma(ctx, o, args)?;
    if s == 0.0 {
        return Ok(0.0);
    }
    Ok(s * branching(ctx)?)
}

fn sigma_mumu(ctx: &Context, o: &Observable, args: &Args) -> Result<f64> {
    sigma_times(ctx, o, args, zp_decays::br_mumu)
}

fn sigma_invisible(ctx: &Context, o: &Observable, args: &Args) -> Result<f64> {
    sigma_times(ctx, o, args, zp_decays::br_invisible)
}

/// Tree-level Z couplings to muons in the `f̄γ^μ(g_V − g_A γ5)f` normalisation of
/// [`zp_decays::fermion_width`]: `√(√2 G_F) m_Z (T₃ − 2Q sin²θ_W, T₃)`.
pub fn z_muon_couplings(sm: &StandardModel) -> (f64, f64) {
    let norm = (std::f64::consts::SQRT_2 * sm.g_fermi).sqrt() * sm.m_z;
    (norm * (-0.5 + 2.0 * sm.sin2_theta_w), norm * -0.5)
}

/// `Gamma(Z->mumuZp)` in GeV (module documentation).
pub fn gamma_z(ctx: &Context) -> Result<f64> {
    let (l2, r2) = muon_couplings(ctx);
    if l2 + r2 == 0.0 {
        return Ok(0.0);
    }
    let sm = ctx.sm;
    let m = sm.m_lepton[1];
    let (gv, ga) = z_muon_couplings(sm);
    let born = zp_decays::fermion_width(sm.m_z, m, 1.0, gv * gv, ga * ga);
    let (zl, zr) = (gv + ga, gv - ga);
    let chiral = (zl * zl * l2 + zr * zr * r2) / (zl * zl + zr * zr);
    let ratio =
        radiation_width_shared(ctx, sm.m_z, ctx.point.mass, m)? / born_width_unit(sm.m_z, m);
    Ok(born * chiral * ratio)
}

/// Γ(Z → μμZ')/Γ_Z and, if `times_mumu`, the same times BR(Z' → μμ).
fn z_rates(ctx: &Context, times_mumu: bool) -> Result<(f64, f64)> {
    let r = gamma_z(ctx)? / ctx.inputs.value("Gamma_Z")?;
    let partial = if times_mumu && r > 0.0 {
        r * zp_decays::br_mumu(ctx)?
    } else if times_mumu {
        0.0
    } else {
        r
    };
    Ok((partial, 1.0 + r))
}

/// The prepared branching fraction (closed form in the coupling at each mass).
struct ZEvaluator {
    times_mumu: bool,
}

impl Evaluator for ZEvaluator {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        let (partial, total) = z_rates(ctx, self.times_mumu)?;
        Ok(partial / total)
    }
    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        let times_mumu = self.times_mumu;
        branching_in_coupling(ctx, move |c| z_rates(c, times_mumu))
    }
}

// The signature is the registry's `PrepareFn`.
#[allow(clippy::unnecessary_wraps)]
fn prepare_z(
    _: &Observable,
    _: &Args,
    _: &StandardModel,
    _: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    Ok(Arc::new(ZEvaluator { times_mumu: false }))
}

// The signature is the registry's `PrepareFn`.
#[allow(clippy::unnecessary_wraps)]
fn prepare_z_mumu(
    _: &Observable,
    _: &Args,
    _: &StandardModel,
    _: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    Ok(Arc::new(ZEvaluator { times_mumu: true }))
}

#[cfg(test)]
mod tests;
