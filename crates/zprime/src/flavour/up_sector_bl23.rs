//! Mechanism `up-sector-bl23` (a): paper 002's (B − L)₂₃ model. Its Z' couples to the up-type
//! quarks through g_L^u = (g/3)(1 − u u†) (u the CKM column of d, Eq. 3.3) and, if the first
//! row of the right-handed mixing W_u is given, g_R^u = (g/3)(1 − w* wᵀ) (Eq. 3.4, 3.7); the W
//! loop ([`super::w_loop`], W diagram only, four-dimensional algebra, μ = 1 GeV as in the
//! paper) turns them into g_ds, g_sb, g_db.
//!
//! Scans over W_u at fixed mass use [`Bl23Transition`]: the loop once, then a quadratic form
//! in the row per sample.

use super::w_loop::{
    bl23_couplings, ckm_rows, coefficient_matrices, induced_coupling, loop_matrices, LoopMatrices,
    LoopOptions,
};
use super::{param, AtMass, Environment, Mechanism, QuarkCouplings, DOWN_TRANSITIONS, PAIRS};
use crate::ckm::Matrix3;
use crate::error::{Error, Result};
use crate::inputs::StandardModel;
use crate::model::Point;
use num_complex::Complex64 as C64;
use std::f64::consts::PI;

/// The (B − L)₂₃ mechanism.
pub struct UpSectorBl23;

impl Mechanism for UpSectorBl23 {
    fn name(&self) -> &'static str {
        "up-sector-bl23"
    }
    fn description(&self) -> &'static str {
        "(B-L)_23 couplings of the up-type quarks (CKM and the row (W_u)_1i) through the W loop, paper 002 Eq. 4.2-4.5"
    }
    fn parameters(&self) -> &'static [&'static str] {
        &[
            "Wu1_abs",
            "Wu2_abs",
            "Wu3_abs",
            "Wu1_phase",
            "Wu2_phase",
            "Wu3_phase",
        ]
    }
    fn couplings(&self, p: &Point, env: &Environment) -> Result<QuarkCouplings> {
        if p.g == 0.0 {
            return Ok(QuarkCouplings::from_charges(p));
        }
        apply(&w_loop_at(env)?, p, env)
    }

    /// The W loop at the mass (it depends neither on g nor on W_u).
    fn prepare(&self, template: &Point, env: &Environment) -> Result<Option<Box<dyn AtMass>>> {
        if template.g == 0.0 {
            return Ok(None);
        }
        Ok(Some(Box::new(PreparedLoop(w_loop_at(env)?))))
    }
}

/// Paper 002's loop: W diagram, four-dimensional algebra, μ = 1 GeV, at q² = m_Z'².
fn w_loop_at(env: &Environment) -> Result<LoopMatrices> {
    let sm = env.sm;
    loop_matrices(&sm.m_up, env.q2, sm.m_w * sm.m_w, LoopOptions::paper_002())
}

/// The couplings of point `p` from the loop at its mass: the charges on the diagonal of the
/// down-type matrices (down-aligned, as the paper assumes), the loop off the diagonal of L^(d),
/// and the up-type matrices g_L^u, g_R^u of paper 002 Eq. 3.3-3.4 (without W_u: the charges
/// of u_R, i.e. W_u = 1).
fn apply(lm: &LoopMatrices, p: &Point, env: &Environment) -> Result<QuarkCouplings> {
    let mut out = QuarkCouplings::from_charges(p);
    if p.g != 0.0 {
        let row = wu_row(p)?;
        let (gl, gr) = bl23_couplings(env.ckm, p.g, row);
        let rows = ckm_rows(env.ckm);
        for (t, &(i, j)) in DOWN_TRANSITIONS.iter().zip(PAIRS.iter()) {
            out.set_left(
                *t,
                induced_coupling(lm, &rows, &gl, &gr, i, j, env.g2sq).value,
            );
        }
        for i in 0..3 {
            for j in 0..3 {
                out.up_left[i][j] = gl[i][j];
                if row.is_some() {
                    out.up_right[i][j] = gr[i][j];
                }
            }
        }
    }
    Ok(out)
}

/// The mechanism with its W loop computed at one mass.
struct PreparedLoop(LoopMatrices);

impl AtMass for PreparedLoop {
    fn couplings(&self, p: &Point, env: &Environment) -> Result<QuarkCouplings> {
        apply(&self.0, p, env)
    }
}

/// The first row of W_u from the parameters `Wu1_abs` … `Wu3_phase`, if given (all moduli
/// zero means not given: Scenario I). It must be a unit vector (within 1e-3 in the sum of
/// squares, then normalized: four typed digits such as 0.7071 are accepted).
pub fn wu_row(p: &Point) -> Result<Option<[C64; 3]>> {
    let r: Vec<f64> = (1..=3).map(|i| param(p, &format!("Wu{i}_abs"))).collect();
    let ph: Vec<f64> = (1..=3).map(|i| param(p, &format!("Wu{i}_phase"))).collect();
    if r.iter().all(|&x| x == 0.0) {
        return Ok(None);
    }
    let norm2: f64 = r.iter().map(|x| x * x).sum();
    if (norm2 - 1.0).abs() > 1e-3 {
        return Err(Error::InvalidParameter {
            name: "Wu1_abs, Wu2_abs, Wu3_abs".into(),
            value: format!("{}, {}, {} (sum of squares {norm2})", r[0], r[1], r[2]),
            allowed: "a unit vector: Wu1_abs^2 + Wu2_abs^2 + Wu3_abs^2 = 1 (within 1e-3; the row is then normalized), or all zero (Scenario I)".into(),
        });
    }
    // typed moduli such as 0.7071 are normalized (the row of a unitary matrix is a unit vector)
    let n = norm2.sqrt();
    Ok(Some([
        C64::from_polar(r[0] / n, ph[0]),
        C64::from_polar(r[1] / n, ph[1]),
        C64::from_polar(r[2] / n, ph[2]),
    ]))
}

/// One transition d_j → d_i of the (B − L)₂₃ model at one Z' mass, with the W loop evaluated
/// once: `g_ij/g = −(1/16π²)[S_L + (1/3)(Σ_a (C_R)_aa − Σ_ab (C_R)_ab w*_a w_b)]` for any row
/// w of W_u (paper 002 Eq. 4.5 with g_R^u = (g/3)(1 − w* wᵀ)), S_L = Σ_ab (C_L)_ab (g_L^u/g)_ab.
///
/// Build it once per mass ([`Bl23Transition::new`], the expensive step: nine three-point
/// functions), then [`Bl23Transition::coupling_per_g`] costs a 3 × 3 quadratic form.
#[derive(Debug, Clone)]
pub struct Bl23Transition {
    /// S_L: the g_L^u part (per unit g).
    s_l: C64,
    /// Σ_a (C_R)_aa.
    trace_r: C64,
    /// (C_R)_ab.
    c_r: Vec<Vec<C64>>,
}

impl Bl23Transition {
    /// The loop at q² = `mass`² for the transition d_j → d_i (0 = d, 1 = s, 2 = b).
    pub fn new(
        sm: &StandardModel,
        ckm: &Matrix3,
        mass: f64,
        i: usize,
        j: usize,
    ) -> Result<Bl23Transition> {
        let lm = loop_matrices(
            &sm.m_up,
            mass * mass,
            sm.m_w * sm.m_w,
            LoopOptions::paper_002(),
        )?;
        let (cl, cr, _, _) = coefficient_matrices(
            &lm,
            &ckm_rows(ckm),
            i,
            j,
            super::w_loop::g2_squared(sm.g_fermi, sm.m_w),
        );
        let (gl, _) = bl23_couplings(ckm, 1.0, None);
        let mut s_l = C64::new(0.0, 0.0);
        let mut trace_r = C64::new(0.0, 0.0);
        for a in 0..3 {
            trace_r += cr[a][a];
            for b in 0..3 {
                s_l += cl[a][b] * gl[a][b];
            }
        }
        Ok(Bl23Transition {
            s_l,
            trace_r,
            c_r: cr,
        })
    }

    /// g_ij/g in Scenario I (g_R^u = 0).
    pub fn scenario1_per_g(&self) -> C64 {
        -1.0 / (16.0 * PI * PI) * self.s_l
    }

    /// g_ij/g for the first row `w` (a unit vector) of W_u.
    pub fn coupling_per_g(&self, w: &[C64; 3]) -> C64 {
        let mut q = C64::new(0.0, 0.0);
        for a in 0..3 {
            for b in 0..3 {
                q += self.c_r[a][b] * w[a].conj() * w[b];
            }
        }
        -1.0 / (16.0 * PI * PI) * (self.s_l + (self.trace_r - q) / 3.0)
    }
}
