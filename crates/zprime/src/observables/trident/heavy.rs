//! Neutrino trident production in the heavy-Z' (contact-interaction) limit: paper 004 Eq. (34).
//! Kept as the check of the full calculation at large m_Z' and for paper 004's own
//! combination of the three experiments (observable `R_trident(heavy)`).
//!
//! The Z' adds to the Fierzed Standard-Model contact interaction
//! `−√2 G_F (ν̄ γ^α P_L ν)(μ̄ γ_α (C_V − C_A γ5) μ)`, C_V = 1/2 + 2 s_W², C_A = 1/2, the shifts
//! `C_{V,A} → C_{V,A} + v² g_ν g_{V,A} / m_Z'²` (v = (√2 G_F)^(−1/2) ≈ 246 GeV, g_ν the ν_μ
//! coupling, g_{V,A} the muon's), so that
//!
//! `σ/σ_SM = [ (1 + 4s_W² + 2v² g_ν g_V/m_Z'²)² + (1 + 2v² g_ν g_A/m_Z'²)² ] / [ (1 + 4s_W²)² + 1 ]`.
//!
//! For L_mu − L_tau (g_ν = g_V = g, g_A = 0) this is paper 004 Eq. (34) with v_Φ = m_Z'/g.
//! Valid only for m_Z' ≳ 10 GeV (paper 004, footnote 4): for a lighter Z' the propagator
//! suppresses the enhancement, and the constraint engine does not apply it there.
//! s_W² is the MS-bar value at m_Z of the input set (004 does not state its scheme).

use crate::couplings::{chiral, vector_axial, Fermion};
use crate::error::Result;
use crate::observables::Context;

/// σ/σ_SM in the heavy-Z' (contact-interaction) limit; the same for every experiment.
pub fn ratio_heavy(ctx: &Context) -> Result<f64> {
    let p = ctx.point;
    let sm = ctx.sm;
    let v2 = sm.vev().powi(2);
    let (g_nu, _) = chiral(Fermion::Neutrino(1), p, sm, 0.0);
    let (g_v, g_a) = vector_axial(Fermion::ChargedLepton(1), p, sm, 0.0);
    let m2 = p.mass * p.mass;
    let cv = 1.0 + 4.0 * sm.sin2_theta_w;
    let new_v = cv + 2.0 * v2 * (g_nu * g_v).re / m2;
    let new_a = 1.0 + 2.0 * v2 * (g_nu * g_a).re / m2;
    Ok((new_v * new_v + new_a * new_a) / (cv * cv + 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::{InputSet, StandardModel};
    use crate::model::Model;
    use std::collections::BTreeMap;

    /// Second method: the chiral basis. With C_V − C_A γ5 = c_L P_L + c_R P_R, the Standard
    /// Model has c_L = C_V + C_A = 1 + 2 s_W², c_R = C_V − C_A = 2 s_W², and σ ∝ c_L² + c_R²
    /// (no interference between muon chiralities for massless muons). A Z' coupled to the
    /// doublet l_2 only shifts c_L by v² g²/m² (exchange between ν_μ and μ_L).
    #[test]
    fn chiral_basis_agrees_for_a_left_handed_coupling() {
        let inputs = InputSet::default_set();
        let sm = StandardModel::from_inputs(&inputs).unwrap();
        let model = Model::from_toml("name='l2'\n[charges]\nl_L=[0,1,0]\n", "t.toml").unwrap();
        let (m, g) = (40.0, 0.3);
        let p = model.point(m, g, &BTreeMap::new()).unwrap();
        let r = ratio_heavy(&Context {
            sm: &sm,
            inputs: &inputs,
            point: &p,
            shared: None,
        })
        .unwrap();
        // 2C_V ± 2C_A: chiral coefficients c_L = (2C_V + 2C_A)/2, c_R = (2C_V - 2C_A)/2.
        let s2 = sm.sin2_theta_w;
        let x = sm.vev().powi(2) * g * g / (m * m); // v^2 g_nu g_mu_L / m^2 with g_nu = g_mu_L = g
        let (c_l_sm, c_r_sm) = (1.0 + 2.0 * s2, 2.0 * s2);
        let (c_l, c_r) = (c_l_sm + x, c_r_sm); // only the left-handed muon gets the shift
        let expected = (c_l * c_l + c_r * c_r) / (c_l_sm * c_l_sm + c_r_sm * c_r_sm);
        assert!((r / expected - 1.0).abs() < 1e-13, "{r} vs {expected}");
        // And the Standard Model limit is exactly 1.
        let p0 = p.with_coupling(0.0);
        assert_eq!(
            ratio_heavy(&Context {
                sm: &sm,
                inputs: &inputs,
                point: &p0,
                shared: None,
            })
            .unwrap(),
            1.0
        );
    }
}
