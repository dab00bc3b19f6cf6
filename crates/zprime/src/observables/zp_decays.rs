//! Z' decays into lepton pairs, and the total width and branching fractions with the hadronic
//! width of [`super::zp_hadrons`] (vector-meson dominance below 1.7 GeV, perturbative quarks
//! above 2 GeV) for every model: quark charges at tree level or quark couplings through
//! kinetic mixing alike.

use super::Context;
use crate::couplings::{CouplingsAt, Fermion};
use crate::error::{Error, Result};
use std::f64::consts::PI;

use super::Observable;

/// The observables of this area, in the order `zprime point` prints them.
pub(crate) const OBSERVABLES: &[Observable] = &[
    Observable::simple(
        "Gamma(Zp)",
        "total Z' width: leptons, neutrinos, hadrons (Gamma(Zp->hadrons)) and a declared invisible width",
        r"\Gamma(Z')",
        "GeV",
        Some(2),
        "sum of the leptonic and invisible widths below and Gamma(Zp->hadrons)",
        total_width,
    ),
    Observable::simple(
        "Gamma(Zp->nunu)",
        "Z' width into neutrinos, summed over flavours (and light nu_R if the model has them)",
        r"\Gamma(Z'\to\nu\bar\nu)",
        "GeV",
        Some(2),
        "Gamma = m |g_L|^2 / (24 pi) per left-handed flavour",
        width_nunu,
    ),
    Observable::simple(
        "Gamma(Zp->ee)",
        "Z' width into e+ e- (through kinetic mixing in L_mu - L_tau)",
        r"\Gamma(Z'\to e^+e^-)",
        "GeV",
        Some(2),
        "two-body width with vector and axial couplings, zp_decays::fermion_width",
        width_ee,
    ),
    Observable::simple(
        "Gamma(Zp->mumu)",
        "Z' width into mu+ mu-",
        r"\Gamma(Z'\to\mu^+\mu^-)",
        "GeV",
        Some(2),
        "two-body width with vector and axial couplings, zp_decays::fermion_width",
        width_mumu,
    ),
    Observable::simple(
        "Gamma(Zp->tautau)",
        "Z' width into tau+ tau-",
        r"\Gamma(Z'\to\tau^+\tau^-)",
        "GeV",
        Some(2),
        "two-body width with vector and axial couplings, zp_decays::fermion_width",
        width_tautau,
    ),
    Observable::simple(
        "BR(Zp->invisible)",
        "branching fraction of the Z' into neutrinos (and a declared invisible width), over the total width with hadrons",
        r"\mathrm{BR}(Z'\to\mathrm{inv})",
        "1",
        Some(0),
        "Gamma(Zp->nunu) / Gamma(Zp)",
        br_invisible,
    ),
    Observable::simple(
        "BR(Zp->mumu)",
        "branching fraction of the Z' into mu+ mu-, over the total width with hadrons",
        r"\mathrm{BR}(Z'\to\mu^+\mu^-)",
        "1",
        Some(0),
        "Gamma(Zp->mumu) / Gamma(Zp)",
        br_mumu,
    ),
    Observable::simple(
        "ctau(Zp)",
        "proper decay length of the Z' (total width with hadrons)",
        r"c\tau(Z')",
        "m",
        Some(-2),
        "hbar c / Gamma(Zp)",
        ctau,
    ),
];

/// Two-body width Z' → f f̄ for couplings `f̄ γ^μ (g_V − g_A γ5) f`:
///
/// `Γ = N_c m/(12π) β [ |g_V|² (1 + 2r) + |g_A|² (1 − 4r) ]`, r = m_f²/m², β = √(1 − 4r),
///
/// exactly zero at and below threshold. For L_mu − L_tau (g_V = g, g_A = 0) this is
/// `g² m/(12π) β (1 + 2 m_μ²/m²)`.
pub fn fermion_width(mass: f64, m_f: f64, colours: f64, g_v2: f64, g_a2: f64) -> f64 {
    let r = (m_f / mass).powi(2);
    if 4.0 * r >= 1.0 {
        return 0.0;
    }
    let beta = (1.0 - 4.0 * r).sqrt();
    colours * mass / (12.0 * PI) * beta * (g_v2 * (1.0 + 2.0 * r) + g_a2 * (1.0 - 4.0 * r))
}

/// The couplings at q² = m_Z'², shared by every width of one evaluation.
fn couplings_at_mass<'a>(ctx: &Context<'a>) -> CouplingsAt<'a> {
    CouplingsAt::new(ctx.point, ctx.sm, ctx.point.mass * ctx.point.mass)
}

fn charged_lepton_width(ctx: &Context, couplings: &CouplingsAt, i: usize) -> f64 {
    let f = Fermion::ChargedLepton(i);
    let (v, a) = couplings.vector_axial(f);
    fermion_width(
        ctx.point.mass,
        f.mass(ctx.sm),
        1.0,
        v.norm_sqr(),
        a.norm_sqr(),
    )
}

fn nunu_width(ctx: &Context, couplings: &CouplingsAt) -> f64 {
    let p = ctx.point;
    let mut w = 0.0;
    for i in 0..3 {
        let (l, r) = couplings.chiral(Fermion::Neutrino(i));
        w += p.mass * l.norm_sqr() / (24.0 * PI);
        if p.light_right_handed_neutrinos {
            w += p.mass * r.norm_sqr() / (24.0 * PI);
        }
    }
    w
}

/// `Gamma(Zp->nunu)`: Σ_flavours m |g_L^ν|²/(24π), plus m |g_R^ν|²/(24π) for light ν_R.
pub fn width_nunu(ctx: &Context) -> Result<f64> {
    Ok(nunu_width(ctx, &couplings_at_mass(ctx)))
}

/// `Gamma(Zp->ee)`.
pub fn width_ee(ctx: &Context) -> Result<f64> {
    Ok(charged_lepton_width(ctx, &couplings_at_mass(ctx), 0))
}

/// `Gamma(Zp->mumu)` (with a declared extra μμ width, `Gamma_mumu` of the `fcnc` preset).
pub fn width_mumu(ctx: &Context) -> Result<f64> {
    Ok(charged_lepton_width(ctx, &couplings_at_mass(ctx), 1) + width_extra(ctx, "Gamma_mumu"))
}

/// `Gamma(Zp->tautau)`.
pub fn width_tautau(ctx: &Context) -> Result<f64> {
    Ok(charged_lepton_width(ctx, &couplings_at_mass(ctx), 2))
}

/// Every partial width of the Z' at one point (GeV), computed together: the couplings (and
/// the loop-induced kinetic mixing behind them) once for all channels. The observables
/// `Gamma(...)`, `BR(...)` and `ctau(Zp)` and the searches' fraction seen read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Widths {
    /// Γ(νν̄), summed over flavours (and light ν_R).
    pub nunu: f64,
    /// A declared invisible width (`Gamma_inv` of the `fcnc` preset, times g²).
    pub extra_invisible: f64,
    /// A declared μμ width (`Gamma_mumu` of the `fcnc` preset, times g²).
    pub extra_mumu: f64,
    /// Γ(ℓ⁺ℓ⁻) for e, μ, τ.
    pub charged_leptons: [f64; 3],
    /// Γ(hadrons) ([`super::zp_hadrons::width_hadrons`]).
    pub hadrons: f64,
}

impl Widths {
    /// Γ(Z'): the sum of all partial widths.
    #[must_use]
    pub fn total(&self) -> f64 {
        self.nunu
            + self.extra_invisible
            + self.extra_mumu
            + self.charged_leptons.iter().sum::<f64>()
            + self.hadrons
    }

    /// The invisible width Γ(νν̄) + Γ_inv.
    #[must_use]
    pub fn invisible(&self) -> f64 {
        self.nunu + self.extra_invisible
    }

    /// Γ(μμ) with a declared extra μμ width.
    #[must_use]
    pub fn mumu(&self) -> f64 {
        self.charged_leptons[1] + self.extra_mumu
    }
}

/// All partial widths of the point's Z' ([`Widths`]).
/// Shared by the observables at one mass through the context's store ([`super::shared`]).
pub fn widths(ctx: &Context) -> Result<Widths> {
    super::shared::widths(ctx, || {
        let couplings = couplings_at_mass(ctx);
        Ok(Widths {
            nunu: nunu_width(ctx, &couplings),
            extra_invisible: width_extra_invisible(ctx),
            extra_mumu: width_extra(ctx, "Gamma_mumu"),
            charged_leptons: [0, 1, 2].map(|i| charged_lepton_width(ctx, &couplings, i)),
            hadrons: super::zp_hadrons::width_hadrons_with(ctx, &couplings)?,
        })
    })
}

/// A width into invisible non-Standard-Model states that a model declares through the
/// parameter `Gamma_inv` (the `fcnc` preset: g² Γ_inv, so that every width scales as g²).
fn width_extra_invisible(ctx: &Context) -> f64 {
    width_extra(ctx, "Gamma_inv")
}

/// A width a model declares as the parameter `name` (`Gamma_inv`, `Gamma_mumu` of the `fcnc`
/// preset), times g² so that every width scales as g².
fn width_extra(ctx: &Context, name: &str) -> f64 {
    let p = ctx.point;
    p.parameters.get(name).copied().unwrap_or(0.0) * p.g * p.g
}

/// `Gamma(Zp)`: the sum of the leptonic widths, of a declared invisible width and of the
/// hadronic width ([`super::zp_hadrons::width_hadrons`]).
pub fn total_width(ctx: &Context) -> Result<f64> {
    Ok(widths(ctx)?.total())
}

/// A ratio of widths, which does not depend on the coupling when the model has a single one:
/// at zero coupling it is evaluated at coupling 1 (its limit), never 0/0.
fn branching(ctx: &Context, partial: fn(&Widths) -> f64) -> Result<f64> {
    let w = widths(ctx)?;
    let total = w.total();
    if total > 0.0 {
        return Ok(partial(&w) / total);
    }
    if ctx.point.coupling() == 0.0 && ctx.point.single_coupling() {
        let p1 = ctx.point.with_coupling(1.0);
        let w1 = widths(&Context { point: &p1, ..*ctx })?;
        let t1 = w1.total();
        if t1 > 0.0 {
            return Ok(partial(&w1) / t1);
        }
    }
    Err(no_channel(ctx))
}

fn no_channel(ctx: &Context) -> Error {
    Error::Numerical {
        context: "Z' branching fractions".into(),
        message: format!(
            "no decay channel is open at m_Z' = {} GeV for this model",
            ctx.point.mass
        ),
    }
}

/// `BR(Zp->invisible)` = (Γ(νν̄) + Γ_inv)/Γ.
pub fn br_invisible(ctx: &Context) -> Result<f64> {
    branching(ctx, Widths::invisible)
}

/// `BR(Zp->mumu)`.
pub fn br_mumu(ctx: &Context) -> Result<f64> {
    branching(ctx, Widths::mumu)
}

/// `ctau(Zp)` = ħc/Γ in metres (undefined for a stable Z').
pub fn ctau(ctx: &Context) -> Result<f64> {
    let w = total_width(ctx)?;
    if w > 0.0 {
        Ok(ctx.sm.hbar_c / w)
    } else {
        Err(Error::Numerical {
            context: "ctau(Zp)".into(),
            message: "the Z' has no open decay channel (zero coupling or below every threshold): it is stable".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::quad::integrate;

    use super::super::testing::with_point as with;

    #[test]
    fn paper_000_invisible_fraction_at_285_mev() {
        // Paper 000, Fig. 2 caption: m_Z' = 285 MeV, Z' -> nu nu 54%.
        let br = with("lmu-ltau", 0.285, 1e-3, |c| br_invisible(c).unwrap());
        assert!((br - 0.54).abs() < 0.005, "{br}");
    }

    #[test]
    fn closed_forms_for_lmu_ltau() {
        let g: f64 = 2e-3;
        // Below the muon threshold: only neutrinos (2 flavours, left-handed): g^2 m/(12 pi).
        let (m, w) = with("lmu-ltau", 0.1, g, |c| {
            (c.point.mass, width_nunu(c).unwrap())
        });
        assert!((w / (g * g * m / (12.0 * PI)) - 1.0).abs() < 1e-14);
        let (bi, be) = with("lmu-ltau", 0.1, g, |c| {
            (
                br_invisible(c).unwrap(),
                width_ee(c).unwrap() / total_width(c).unwrap(),
            )
        });
        assert!((bi + be - 1.0).abs() < 1e-15);
        // Far above every threshold: BR(invisible) -> 1/3, BR(mumu) -> 1/3 (paper 004: "1/3 to a pair of muons").
        let (bi, bm) = with("lmu-ltau", 5000.0, g, |c| {
            (br_invisible(c).unwrap(), br_mumu(c).unwrap())
        });
        assert!(
            (bi - 1.0 / 3.0).abs() < 1e-5 && (bm - 1.0 / 3.0).abs() < 1e-5,
            "{bi} {bm}"
        );
        // Exactly zero at threshold, continuous above it.
        let thr = 2.0 * 0.1056583755;
        assert_eq!(with("lmu-ltau", thr, g, |c| width_mumu(c).unwrap()), 0.0);
        let just = with("lmu-ltau", thr * (1.0 + 1e-10), g, |c| {
            width_mumu(c).unwrap()
        });
        assert!(just > 0.0 && just < 1e-12);
    }

    #[test]
    fn width_matches_angular_integral_of_the_squared_amplitude() {
        // Second method: integrate |M|^2 over the decay angle for V and A couplings.
        // Spin-summed, polarization-averaged |M|^2 = (4/3)[ |gV|^2 (m^2 + 2 mf^2) + |gA|^2 (m^2 - 4 mf^2) ],
        // isotropic; Gamma = (1/(2m)) ∫ |M|^2 dPhi2, dPhi2 = beta/(8 pi) dcos/2.
        let (m, mf, gv2, ga2) = (1.3_f64, 0.4_f64, 0.7_f64, 0.2_f64);
        let beta = (1.0 - 4.0 * mf * mf / (m * m)).sqrt();
        let msq = 4.0 / 3.0 * (gv2 * (m * m + 2.0 * mf * mf) + ga2 * (m * m - 4.0 * mf * mf));
        let gamma =
            integrate(|_c| msq * beta / (8.0 * PI) / 2.0, -1.0, 1.0, 1e-12).unwrap() / (2.0 * m);
        assert!((gamma / fermion_width(m, mf, 1.0, gv2, ga2) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn dark_photon_widths_and_stable_cases() {
        // Dark photon: Gamma(ee) = alpha eps^2 m/3 (1 + 2r) beta; no neutrinos.
        let eps = 1e-3;
        let (w, a) = with("dark-photon", 0.5, eps, |c| {
            (width_ee(c).unwrap(), c.sm.alpha)
        });
        let r = (0.51099895e-3_f64 / 0.5).powi(2);
        assert!(
            (w / (a * eps * eps * 0.5 / 3.0 * (1.0 + 2.0 * r) * (1.0 - 4.0 * r).sqrt()) - 1.0)
                .abs()
                < 1e-12
        );
        assert_eq!(
            with("dark-photon", 0.5, eps, |c| br_invisible(c).unwrap()),
            0.0
        );
        // Below 2 m_e a dark photon has no leptonic channel: ctau and BR are errors, not NaN.
        assert!(with("dark-photon", 1e-4, eps, ctau).is_err());
        assert!(with("dark-photon", 1e-4, eps, br_mumu).is_err());
        // Zero coupling: BR is its limit, ctau is an error.
        assert!(
            (with("lmu-ltau", 0.285, 0.0, |c| br_invisible(c).unwrap())
                - with("lmu-ltau", 0.285, 1e-3, |c| br_invisible(c).unwrap()))
            .abs()
                < 1e-15
        );
        assert!(with("lmu-ltau", 0.285, 0.0, ctau).is_err());
    }
}
