//! `eps_gamma(Zp)`: the Z'–photon kinetic mixing at q² = 0. The q²-dependent, complex mixing
//! used by the decay widths lives in [`crate::couplings::kinetic_mixing`].
//!
//! Sign convention: `L ⊃ −ε e Z'_μ j^μ_QED` (paper 001 Eq. 9), in which L_mu − L_tau gives
//! ε = +(8/3) e g ln(m_τ/m_μ)/(16π²) ≈ g/70 (paper 001 Eq. 8).

use super::Context;
use crate::couplings::kinetic_mixing;
use crate::error::Result;

/// The observables of this area.
pub(crate) const OBSERVABLES: &[super::Observable] = &[super::Observable::simple(
    "eps_gamma(Zp)",
    "Z'-photon kinetic mixing at q^2 = 0 (tree-level plus muon/tau/quark loops)",
    r"\varepsilon_\gamma",
    "1",
    Some(1),
    "paper 001 Eq. 8 (L_mu - L_tau), couplings::kinetic_mixing_loop in general",
    eps_gamma,
)];

/// `eps_gamma(Zp)` = ε(0) (real at q² = 0).
pub fn eps_gamma(ctx: &Context) -> Result<f64> {
    Ok(kinetic_mixing(ctx.point, ctx.sm, 0.0).re)
}
