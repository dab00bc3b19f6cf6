//! One-loop Z' corrections to the Z couplings of leptons (paper 004 Eq. 32-33) and the Z-pole
//! observables LEP and SLD measured with them.
//!
//! # The vertex function K_F
//!
//! A Z' of mass M with vector coupling g' to a massless fermion f corrects the Z f f̄ vertex
//! (one vertex graph with the Z' across the Z vertex, plus the fermion wave-function
//! renormalization). Chirality is conserved along the massless line, so each chiral Z coupling
//! g_X (X = L, R) is multiplied by the same factor with the Z' coupling of that chirality:
//!
//! `g_X → g_X (1 + δ_X)`, `δ_X = |g'_X|² K_F(M²/m_Z²) / (16π²)`.
//!
//! With Feynman parameters (Ward identity: the vertex at q² = 0 cancels the wave-function
//! term, so the subtracted form factor is UV and scheme independent), at q² = s:
//!
//! `K_F = 2 ∫dx dy dz δ(1−x−y−z) [ ln(zM²/(zM² − xys)) + (1−x)(1−y) s/(zM² − xys) ]`,
//!
//! which integrates to (x = M²/m_Z², s = m_Z² + i0)
//!
//! `K_F(x) = −7/2 − 2x − (2x + 3) ln x + 2(1 + x)² [Li₂(1 + 1/x) − π²/6]`   (real part),
//!
//! the form quoted for paper 004's loop function ("[43]"; 004 prints only |1 + g'²K_F/(16π²)|,
//! Eq. 32). zprime evaluates the real part as `2(1+x)²[ln(1+1/x) ln x − Li₂(−1/x)]` (the
//! identity Li₂(z) + Li₂(1−z) = π²/6 − ln z ln(1−z), no dilogarithm above its branch point)
//! and `Im K_F = π[2(1+x)² ln(1+1/x) − (2x+3)]`. `docs/derivations/z_couplings_kf.py` checks
//! the closed form against the Feynman-parameter integral at spacelike s (agreement to 18
//! digits), which fixes its analytic continuation. Limits:
//!
//! * M ≪ m_Z: `K_F → −ln²(m_Z²/M²) + 3 ln(m_Z²/M²) − 7/2 + π²/3` (the massive-boson Sudakov
//!   form factor; its infrared logarithms cancel against real Z' emission: 2 Re δ plus
//!   Γ(Z → f f̄ Z')/Γ(Z → f f̄) of [`super::ee_mumu_zp`] → 3g'²/(16π²), tested);
//! * M ≫ m_Z: `K_F → (m_Z²/M²)[(2/3) ln(M²/m_Z²) + 11/9] + O(m_Z⁴/M⁴ ln)` (decoupling; the
//!   series to O(x⁻³) is used above x = 10³, where the closed form cancels to 10⁻¹⁰).
//!
//! # Observables
//!
//! * `g_V(Zmumu)/g_V^SM - 1`, `g_A(Zmumu)/g_A^SM - 1`, and the same for `Ztautau`: 004
//!   Eq. 32b-c, |Σ_X g_X^SM (1 + δ_X)| / |Σ_X g_X^SM| − 1 with the signs of V and A. For a
//!   vector Z' (every preset) δ_L = δ_R and both are |1 + g'²K_F/(16π²)| − 1, as printed.
//! * `g(Znunu)/g^SM - 1`: 004 Eq. 33, the flavour-averaged neutrino coupling behind the
//!   invisible width, √(Σ_i |1 + δ_νi|² / 3) − 1. 004 writes |1 + (2/3) g'²K_F/(16π²)| − 1 for
//!   L_μ − L_τ: the same to first order in g'² (the difference is O(g'⁴)).
//! * `Gamma(Z->mumu)/Gamma(Z->ee)`, `Gamma(Z->tautau)/Gamma(Z->ee)`: the ratios of partial
//!   widths (tree-level Z couplings with sin²θ_W of the input set, lepton masses kept), each
//!   chiral coupling corrected by (1 + δ_X) (the electron's δ is that of its kinetic-mixing
//!   coupling εeQ, ~10⁻⁵ of the muon's in L_μ − L_τ). A universal rescaling of g_V and g_A
//!   leaves every asymmetry unchanged, so the widths carry all the information on δ that the
//!   LEP/SLD coupling fit 004 uses has.
//! * `N_nu(Z)`: Γ_inv/Γ_νν^SM, the number of neutrinos of the LEP line-shape fit: Σ_i
//!   |1 + δ_νi|² plus the real emission Σ_i Γ(Z → ν_i ν̄_i Z')/Γ_νν^SM (the Z' → νν part is
//!   invisible, and a Z' → ff̄ pair recoiling against missing energy is not selected as a
//!   Z → ℓℓ or hadron event, so the line-shape fit counts it in Γ_inv). This is the inclusive
//!   quantity; 004 Eq. 33 keeps the virtual part only, whose −ln²(m_Z²/M²) the real emission
//!   cancels for M ≪ m_Z.
//!
//! Not included: Z–Z' mixing through the loop-induced kinetic mixing (a Z'-exchange diagram of
//! the same order, ∝ the small vector coupling of the Z to charged leptons; 004 also leaves it
//! out and notes that a sizable kinetic mixing would strengthen the bound); the real emission
//! Z → ℓℓZ' that a LEP ℓℓ selection accepts (soft or collinear Z'; its acceptance is not
//! public), which would cancel part of the charged-lepton δ's infrared logarithm: for
//! M ≲ 10 GeV the width-ratio constraints follow 004 (virtual only) and are then stronger than
//! a full treatment; for M ≥ m_Z there is no real emission and they are exact at this order.

use super::registry::everywhere;
use super::{ee_mumu_zp, zp_decays, Compute, Context, Evaluator, InCoupling, Observable};
use crate::couplings::{CouplingsAt, Fermion};
use crate::error::Result;
use crate::inputs::StandardModel;
use crate::loops::special::li2_real;
use crate::model::Point;
use num_complex::Complex64 as C64;
use std::f64::consts::PI;
use std::sync::Arc;

/// The lepton flavours in the order e, μ, τ.
const FLAVOURS: usize = 3;

/// Above this x = M²/m_Z² the asymptotic series of K_F replaces the closed form.
const SERIES_ABOVE: f64 = 1e3;

/// Which coupling ratio an observable reports.
#[derive(Clone, Copy)]
enum Ratio {
    Vector(usize),
    Axial(usize),
}

macro_rules! prepared {
    ($name:expr, $description:expr, $latex:expr, $reference:expr, $prepare:expr) => {
        Observable {
            name: $name,
            description: $description,
            latex: $latex,
            unit: "1",
            degree: None,
            reference: $reference,
            arguments: &[],
            listed: Some(&[]),
            validity: everywhere,
            compute: Compute::Prepared($prepare),
        }
    };
}

/// The observables of this area, in the order `zprime point` prints them.
pub(crate) const OBSERVABLES: &[Observable] = &[
    prepared!(
        "g_V(Zmumu)/g_V^SM - 1",
        "one-loop Z' correction to the vector Z coupling of the muon, |g_V/g_V^SM| - 1",
        r"g_V^{Z\mu\mu}/g_V^{\rm SM}-1",
        "paper 004 Eq. (32b) with K_F derived in observables::z_couplings",
        |_, _, _, _| Ok(Arc::new(ZEvaluator(Kind::Coupling(Ratio::Vector(1)))))
    ),
    prepared!(
        "g_A(Zmumu)/g_A^SM - 1",
        "one-loop Z' correction to the axial Z coupling of the muon, |g_A/g_A^SM| - 1",
        r"g_A^{Z\mu\mu}/g_A^{\rm SM}-1",
        "paper 004 Eq. (32b) with K_F derived in observables::z_couplings",
        |_, _, _, _| Ok(Arc::new(ZEvaluator(Kind::Coupling(Ratio::Axial(1)))))
    ),
    prepared!(
        "g_V(Ztautau)/g_V^SM - 1",
        "one-loop Z' correction to the vector Z coupling of the tau, |g_V/g_V^SM| - 1",
        r"g_V^{Z\tau\tau}/g_V^{\rm SM}-1",
        "paper 004 Eq. (32c) with K_F derived in observables::z_couplings",
        |_, _, _, _| Ok(Arc::new(ZEvaluator(Kind::Coupling(Ratio::Vector(2)))))
    ),
    prepared!(
        "g_A(Ztautau)/g_A^SM - 1",
        "one-loop Z' correction to the axial Z coupling of the tau, |g_A/g_A^SM| - 1",
        r"g_A^{Z\tau\tau}/g_A^{\rm SM}-1",
        "paper 004 Eq. (32c) with K_F derived in observables::z_couplings",
        |_, _, _, _| Ok(Arc::new(ZEvaluator(Kind::Coupling(Ratio::Axial(2)))))
    ),
    prepared!(
        "g(Znunu)/g^SM - 1",
        "one-loop Z' correction to the flavour-averaged Z coupling of the neutrinos, sqrt(sum_i |1 + delta_i|^2 / 3) - 1 (virtual only)",
        r"g^{Z\nu\nu}/g^{\rm SM}-1",
        "paper 004 Eq. (33) (equal to first order in g'^2) with K_F derived in observables::z_couplings",
        |_, _, _, _| Ok(Arc::new(ZEvaluator(Kind::Neutrino)))
    ),
    prepared!(
        "Gamma(Z->mumu)/Gamma(Z->ee)",
        "ratio of Z partial widths with the one-loop Z' vertex corrections (virtual only, as paper 004)",
        r"\Gamma(Z\to\mu\mu)/\Gamma(Z\to ee)",
        "paper 004 Eq. (32); observables::z_couplings",
        |_, _, _, _| Ok(Arc::new(ZEvaluator(Kind::Width(1))))
    ),
    prepared!(
        "Gamma(Z->tautau)/Gamma(Z->ee)",
        "ratio of Z partial widths with the one-loop Z' vertex corrections (virtual only, as paper 004)",
        r"\Gamma(Z\to\tau\tau)/\Gamma(Z\to ee)",
        "paper 004 Eq. (32); observables::z_couplings",
        |_, _, _, _| Ok(Arc::new(ZEvaluator(Kind::Width(2))))
    ),
    prepared!(
        "N_nu(Z)",
        "Gamma(Z->invisible)/Gamma_SM(Z->nu nu): one-loop Z' vertex corrections plus the real emission Z -> nu nu Z'",
        r"N_\nu(Z)",
        "paper 004 Eq. (33) plus real emission; observables::z_couplings",
        |_, _, _, _| Ok(Arc::new(ZEvaluator(Kind::Invisible)))
    ),
];

/// K_F(x), x = M²/m_Z², on the physical sheet (s = m_Z² + i0), module documentation.
pub fn k_f(x: f64) -> C64 {
    if x > SERIES_ABOVE {
        let (l, e) = (x.ln(), 1.0 / x);
        let re = e * (2.0 / 3.0 * l + 11.0 / 9.0) - e * e * (l / 6.0 + 13.0 / 72.0)
            + e * e * e * (l / 15.0 + 47.0 / 900.0);
        let im = PI * (e * 2.0 / 3.0 - e * e / 6.0 + e * e * e / 15.0);
        return C64::new(re, im);
    }
    let l = x.ln();
    let l1 = (1.0 / x).ln_1p();
    let w = 2.0 * (1.0 + x) * (1.0 + x);
    let re = -3.5 - 2.0 * x - (2.0 * x + 3.0) * l + w * (l1 * l - li2_real(-1.0 / x));
    let im = PI * (w * l1 - (2.0 * x + 3.0));
    C64::new(re, im)
}

/// The Standard-Model chiral Z couplings (g_L, g_R) = (T₃ − Q s², −Q s²) of a fermion with
/// weak isospin `t3` and charge `q` (common normalization dropped: only ratios are used).
fn z_chiral(t3: f64, q: f64, sm: &StandardModel) -> (f64, f64) {
    (t3 - q * sm.sin2_theta_w, -q * sm.sin2_theta_w)
}

/// |g'_L|², |g'_R|² of the charged leptons and |g'_L|² of the neutrinos at q² = M².
#[derive(Clone, Copy)]
struct ZpSquares {
    charged: [(f64, f64); FLAVOURS],
    neutrino: [f64; FLAVOURS],
}

impl ZpSquares {
    fn of(p: &Point, sm: &StandardModel) -> Self {
        let at = CouplingsAt::new(p, sm, p.mass * p.mass);
        let mut s = ZpSquares {
            charged: [(0.0, 0.0); FLAVOURS],
            neutrino: [0.0; FLAVOURS],
        };
        for i in 0..FLAVOURS {
            let (l, r) = at.chiral(Fermion::ChargedLepton(i));
            s.charged[i] = (l.norm_sqr(), r.norm_sqr());
            s.neutrino[i] = at.chiral(Fermion::Neutrino(i)).0.norm_sqr();
        }
        s
    }

    fn scaled(&self, factor: f64) -> Self {
        let mut s = *self;
        for i in 0..FLAVOURS {
            s.charged[i].0 *= factor;
            s.charged[i].1 *= factor;
            s.neutrino[i] *= factor;
        }
        s
    }

    /// Whether every square is `factor` times those of `other` (to rounding).
    fn is_scaled(&self, other: &Self, factor: f64) -> bool {
        let close = |a: f64, b: f64| (a - factor * b).abs() <= 1e-9 * a.abs().max(factor * b.abs());
        (0..FLAVOURS).all(|i| {
            close(self.charged[i].0, other.charged[i].0)
                && close(self.charged[i].1, other.charged[i].1)
                && close(self.neutrino[i], other.neutrino[i])
        })
    }
}

/// Everything about one mass that does not depend on the coupling.
#[derive(Clone, Copy)]
struct PerMass {
    /// K_F/(16π²).
    k: C64,
    /// Γ(V → f f̄ Z')/Γ(V → f f̄) at unit coupling, massless fermions, V of mass m_Z (computed
    /// only for `N_nu(Z)`, the one observable that needs it).
    radiation: f64,
}

impl PerMass {
    fn new(kind: Kind, ctx: &Context) -> Result<Self> {
        let (mass, sm) = (ctx.point.mass, ctx.sm);
        let radiation = if matches!(kind, Kind::Invisible) {
            radiation_ratio_at(ctx, sm.m_z)?
        } else {
            0.0
        };
        Ok(PerMass {
            k: k_f((mass / sm.m_z).powi(2)) / (16.0 * PI * PI),
            radiation,
        })
    }
}

/// Γ(V → f f̄ Z')/Γ(V → f f̄) for a vector V of mass `m_v`, massless fermions and unit vector
/// couplings (zero where the decay is closed): the real emission that cancels the infrared
/// logarithms of K_F.
pub fn radiation_ratio(m_v: f64, mass: f64) -> Result<f64> {
    radiation_ratio_with(m_v, mass, |m_v, mass| {
        ee_mumu_zp::radiation_width_unit(m_v, mass, 0.0)
    })
}

/// [`radiation_ratio`] at the context's mass, its phase-space integral shared through the
/// context's store.
fn radiation_ratio_at(ctx: &Context, m_v: f64) -> Result<f64> {
    radiation_ratio_with(m_v, ctx.point.mass, |m_v, mass| {
        ee_mumu_zp::radiation_width_shared(ctx, m_v, mass, 0.0)
    })
}

fn radiation_ratio_with(
    m_v: f64,
    mass: f64,
    width: impl FnOnce(f64, f64) -> Result<f64>,
) -> Result<f64> {
    // Within 10⁻⁴ of the end point the three-body phase space (∝ (1 − M/m_V)³ and smaller)
    // leaves < 10⁻¹¹ of the virtual correction, and the quadrature has nothing left to resolve.
    if mass >= m_v * (1.0 - 1e-4) {
        return Ok(0.0);
    }
    Ok(width(m_v, mass)? / ee_mumu_zp::born_width_unit(m_v, 0.0))
}

/// What an observable of this area reports.
#[derive(Clone, Copy)]
enum Kind {
    Coupling(Ratio),
    Neutrino,
    Width(usize),
    Invisible,
}

fn value(kind: Kind, at: &PerMass, sq: &ZpSquares, sm: &StandardModel) -> f64 {
    let one = C64::new(1.0, 0.0);
    let chiral_factors = |i: usize| {
        let (l2, r2) = sq.charged[i];
        (one + at.k * l2, one + at.k * r2)
    };
    match kind {
        Kind::Coupling(ratio) => {
            let (Ratio::Vector(i) | Ratio::Axial(i)) = ratio;
            let (gl, gr) = z_chiral(-0.5, -1.0, sm);
            let (fl, fr) = chiral_factors(i);
            let sign = if matches!(ratio, Ratio::Vector(_)) {
                1.0
            } else {
                -1.0
            };
            (fl * gl + sign * fr * gr).norm() / (gl + sign * gr).abs() - 1.0
        }
        Kind::Neutrino => {
            let sum: f64 = sq
                .neutrino
                .iter()
                .map(|&l2| (one + at.k * l2).norm_sqr())
                .sum();
            (sum / 3.0).sqrt() - 1.0
        }
        Kind::Width(i) => lepton_width(i, at, sq, sm) / lepton_width(0, at, sq, sm),
        Kind::Invisible => sq
            .neutrino
            .iter()
            .map(|&l2| (one + at.k * l2).norm_sqr() + l2 * at.radiation)
            .sum(),
    }
}

/// Γ(Z → ℓ_i ℓ̄_i) with the corrected couplings (common normalization dropped).
fn lepton_width(i: usize, at: &PerMass, sq: &ZpSquares, sm: &StandardModel) -> f64 {
    let one = C64::new(1.0, 0.0);
    let (gl, gr) = z_chiral(-0.5, -1.0, sm);
    let (l2, r2) = sq.charged[i];
    let (cl, cr) = ((one + at.k * l2) * gl, (one + at.k * r2) * gr);
    let (v, a) = (0.5 * (cl + cr), 0.5 * (cl - cr));
    zp_decays::fermion_width(sm.m_z, sm.m_lepton[i], 1.0, v.norm_sqr(), a.norm_sqr())
}

/// The prepared observable: per mass, K_F and the real-emission factor once.
struct ZEvaluator(Kind);

impl Evaluator for ZEvaluator {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        let at = PerMass::new(self.0, ctx)?;
        Ok(value(
            self.0,
            &at,
            &ZpSquares::of(ctx.point, ctx.sm),
            ctx.sm,
        ))
    }

    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        let at = PerMass::new(self.0, ctx)?;
        let unit = ZpSquares::of(&ctx.point.with_coupling(1.0), ctx.sm);
        let half = ZpSquares::of(&ctx.point.with_coupling(0.5), ctx.sm);
        let (kind, sm) = (self.0, ctx.sm);
        if half.is_scaled(&unit, 0.25) {
            // Every Z' coupling is linear in the coupling parameter (the presets): the squares
            // scale as c², and nothing else needs recomputing.
            Ok(InCoupling::Function(Box::new(move |c| {
                Ok(value(kind, &at, &unit.scaled(c * c), sm))
            })))
        } else {
            let ctx = *ctx;
            Ok(InCoupling::Function(Box::new(move |c| {
                let p = ctx.point.with_coupling(c);
                Ok(value(kind, &at, &ZpSquares::of(&p, sm), sm))
            })))
        }
    }
}

#[cfg(test)]
mod tests;
