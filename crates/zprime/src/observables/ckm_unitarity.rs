//! `Delta_CKM(row1)`: the first-row CKM unitarity deficit `1 − |V_ud|² − |V_us|² − |V_ub|²`
//! of the light 3 × 3 block of the 3 × 5 CKM matrix with vector-like quarks (paper 003
//! Eq. 3.31-3.33; [`crate::flavour::vlq::Spectrum::ckm_row1_deficit`]). It is the model's
//! contribution (0 in the SM and for every model without the `vlq` mechanism): the gauge-basis
//! CKM matrix of the input set is unitary (or, for an O(λ⁵) expansion, its non-unitarity is
//! not counted), so the deficit is the heavy states' share of the first row plus the singlet
//! Ũ_L's share of u_L.
//!
//! Size: with the doublet alone the deficit cancels at O(θ²) — u_L and d_L mix with the two
//! components of the same doublet, θ_u = V θ_d — and is left at O(θ² m_q²/m_Q²): 2.9e-13 at
//! Σ|θ|² = 6e-3 (`flavour::vlq::tests`). Paper 003 below Eq. 3.33 calls the modification of
//! the CKM matrix O(1e-4), which is the mixing angle itself (Eq. 3.33, reproduced); the
//! deficit is far smaller. The constraint (`data/experiments/constraints.toml`,
//! `CKM-row1:PDG2024`) therefore matters only at very large mixing.

use super::{Args, Compute, Context, Evaluator, InCoupling, Observable};
use crate::ckm::{self, Matrix3};
use crate::error::Result;
use crate::flavour::vlq;
use crate::inputs::{InputSet, StandardModel};
use std::sync::Arc;

/// The observables of this area.
pub(crate) const OBSERVABLES: &[Observable] = &[Observable {
    name: "Delta_CKM(row1)",
    description: "first-row CKM unitarity deficit 1 - |V_ud|^2 - |V_us|^2 - |V_ub|^2 from quark mixing with vector-like quarks (0 in the SM)",
    latex: r"\Delta_{\mathrm{CKM}}^{(1)}",
    unit: "1",
    degree: None,
    reference: "paper 003 Eq. 3.31-3.33 (3x5 CKM matrix of the exact 5x5 diagonalization, flavour::vlq)",
    arguments: &[],
    listed: Some(&[]),
    validity: super::everywhere,
    compute: Compute::Prepared(prepare),
}];

/// The input set's CKM matrix, resolved once.
struct DeficitEvaluator {
    ckm: Matrix3,
}

fn prepare(
    _: &Observable,
    _: &Args,
    _: &StandardModel,
    inputs: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    Ok(Arc::new(DeficitEvaluator {
        ckm: ckm::from_inputs(inputs)?,
    }))
}

impl Evaluator for DeficitEvaluator {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        vlq::ckm_row1_deficit(ctx.point, ctx.sm, &self.ckm)
    }

    /// A constant in the coupling unless v_φ = m_Z'/g: then one diagonalization per mass.
    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        if vlq::deficit_is_constant_in_coupling(ctx.point) {
            return Ok(InCoupling::Polynomial(vec![self.predict(ctx)?]));
        }
        let ctx = *ctx;
        Ok(InCoupling::Function(Box::new(move |c| {
            let p = ctx.point.with_coupling(c);
            self.predict(&Context { point: &p, ..ctx })
        })))
    }
}
