//! Mechanism (b): an up-type vector-like quark U (SU(2) singlet, charge 2/3, U(1)' charge 1)
//! mixing with the right-handed charm and top through `L ⊃ −Y_Ui Φ Ū_L u_Ri + h.c.`
//! (⟨Φ⟩ = v_φ/√2, Φ of U(1)' charge 1, so that m_Z' = g v_φ when Φ alone breaks U(1)'),
//! paper 000 (Fuyuto, Hou, Kohda), Fig. 1 and Eq. (6).
//!
//! Exact one loop (this module): the 4 × 4 up-type mass matrix (left fields u, c, t, U_L;
//! right fields u, c, t, U_R; the Standard-Model block diagonal with the input masses, the CKM
//! matrix in the W couplings) `M = [[diag(m_u, m_c, m_t), 0], [(0, Y_Uc, Y_Ut) v_φ/√2, m_U]]`
//! is diagonalized exactly (one-sided Jacobi SVD, M = U_L diag(m_a) U_Rᵀ). In the mass basis the
//! W couples through the 4 × 3 matrix `V_aj = Σ_{k≤3} (U_L)_ka V⁰_kj`, the charged Goldstone
//! through `(√2/v) m_a V_aj` (the Higgs couples only to the Standard-Model block, no q̄_L H̃ U_R
//! term), and the Z' through `(g_L)_ab = g (U_L)_4a (U_L)_4b`, `(g_R)_ab = g (U_R)_4a (U_R)_4b`.
//! The W and Goldstone vertex diagrams (Feynman gauge, [`super::w_loop`]) summed over the four
//! mass eigenstates are then UV finite: (V†g_L V) = 0 because U_L is unitary and V projects on
//! the doublet components, and (V†M g_R M V) = 0 because the Higgs block has no U_R column.
//! No external-leg diagrams: d and s are neutral. (Paper 000: "the loop is finite because tree
//! level down-type mixing is set to zero.")
//!
//! Check (tests): for large m_U the exact result approaches paper 000 Eq. (6),
//! `g_ds = g v_φ²/(32π² v²) [c_cc f_cc + (c_ct + c_tc) f_ct + c_tt f_tt]`,
//! `c_ij = V_is V*_jd Y_Ui Y*_Uj m_i m_j/m_U²`, f from [`crate::loops::functions`].
//! The input masses are the Standard-Model block, not exactly the eigenvalues (the shift of
//! m_t is O(Y² v_φ²/m_U²)). Y_Uc, Y_Ut are real, as in paper 000.

use super::w_loop::{induced_coupling, loop_matrices, DiracScheme, Induced, LoopOptions};
use super::{param, AtMass, Environment, Mechanism, QuarkCouplings, DOWN_TRANSITIONS, PAIRS};
use crate::ckm::Matrix3;
use crate::error::{Error, Result};
use crate::model::Point;
use num_complex::Complex64 as C64;

/// Singular-value decomposition of a real 4 × 4 matrix by one-sided Jacobi rotations:
/// returns (singular values ascending, U, V) with M = U diag(σ) Vᵀ.
pub fn svd4(m: [[f64; 4]; 4]) -> ([f64; 4], [[f64; 4]; 4], [[f64; 4]; 4]) {
    // rotate the columns of A = M until they are mutually orthogonal; V accumulates
    let mut a = m;
    let mut v = [[0.0; 4]; 4];
    for (i, row) in v.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    for _sweep in 0..60 {
        let mut off = 0.0_f64;
        for p in 0..3 {
            for q in (p + 1)..4 {
                let (mut alpha, mut beta, mut gamma) = (0.0, 0.0, 0.0);
                for row in &a {
                    alpha += row[p] * row[p];
                    beta += row[q] * row[q];
                    gamma += row[p] * row[q];
                }
                if gamma == 0.0 {
                    continue;
                }
                off = off.max(gamma.abs() / (alpha * beta).sqrt());
                let zeta = (beta - alpha) / (2.0 * gamma);
                let t = zeta.signum() / (zeta.abs() + (1.0 + zeta * zeta).sqrt());
                let t = if zeta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (1.0 + t * t).sqrt();
                let s = c * t;
                for row in &mut a {
                    let (x, y) = (row[p], row[q]);
                    row[p] = c * x - s * y;
                    row[q] = s * x + c * y;
                }
                for row in &mut v {
                    let (x, y) = (row[p], row[q]);
                    row[p] = c * x - s * y;
                    row[q] = s * x + c * y;
                }
            }
        }
        if off < 1e-15 {
            break;
        }
    }
    let mut sigma = [0.0; 4];
    for (j, s) in sigma.iter_mut().enumerate() {
        *s = a.iter().map(|r| r[j] * r[j]).sum::<f64>().sqrt();
    }
    let mut order = [0usize, 1, 2, 3];
    order.sort_by(|&x, &y| sigma[x].total_cmp(&sigma[y]));
    let mut u = [[0.0; 4]; 4];
    let mut vs = [[0.0; 4]; 4];
    let mut ss = [0.0; 4];
    for (k, &j) in order.iter().enumerate() {
        ss[k] = sigma[j];
        for i in 0..4 {
            u[i][k] = if sigma[j] > 0.0 {
                a[i][j] / sigma[j]
            } else {
                0.0
            };
            vs[i][k] = v[i][j];
        }
    }
    (ss, u, vs)
}

/// Model inputs of the up-type vector-like quark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UpVlq {
    /// Y_Uc.
    pub y_uc: f64,
    /// Y_Ut.
    pub y_ut: f64,
    /// m_U (GeV).
    pub m_u_heavy: f64,
    /// v_φ (GeV).
    pub v_phi: f64,
}

/// The four up-type mass eigenstates: masses, W couplings V_aj (4 × 3), Z' couplings (in units
/// of g).
#[allow(clippy::type_complexity)]
pub fn spectrum(
    p: &UpVlq,
    m_up: [f64; 3],
    v0: &Matrix3,
) -> ([f64; 4], Vec<[C64; 3]>, Vec<Vec<C64>>, Vec<Vec<C64>>) {
    let r = p.v_phi / std::f64::consts::SQRT_2;
    let m = [
        [m_up[0], 0.0, 0.0, 0.0],
        [0.0, m_up[1], 0.0, 0.0],
        [0.0, 0.0, m_up[2], 0.0],
        [0.0, p.y_uc * r, p.y_ut * r, p.m_u_heavy],
    ];
    // M = U_L Σ U_Rᵀ: SVD of Mᵀ gives (U_R, U_L) with Mᵀ = U_R Σ U_Lᵀ
    let mut mt = [[0.0; 4]; 4];
    for i in 0..4 {
        for j in 0..4 {
            mt[i][j] = m[j][i];
        }
    }
    let (masses, u_r, u_l) = svd4(mt);
    let mut v = vec![[C64::new(0.0, 0.0); 3]; 4];
    for a in 0..4 {
        for j in 0..3 {
            for k in 0..3 {
                v[a][j] += u_l[k][a] * v0[k][j];
            }
        }
    }
    let mut gl = vec![vec![C64::new(0.0, 0.0); 4]; 4];
    let mut gr = gl.clone();
    for a in 0..4 {
        for b in 0..4 {
            gl[a][b] = C64::new(u_l[3][a] * u_l[3][b], 0.0);
            gr[a][b] = C64::new(u_r[3][a] * u_r[3][b], 0.0);
        }
    }
    (masses, v, gl, gr)
}

/// The coupling-independent part of the exact one loop: the mass eigenstates with their W
/// couplings, the Z' couplings per unit g, and the loop matrices at q².
pub struct VlqLoop {
    v: Vec<[C64; 3]>,
    gl: Vec<Vec<C64>>,
    gr: Vec<Vec<C64>>,
    lm: super::w_loop::LoopMatrices,
}

impl VlqLoop {
    /// Diagonalize and compute the loop at q² (the expensive step).
    pub fn new(p: &UpVlq, v0: &Matrix3, q2: f64, m_up: [f64; 3], mw: f64) -> Result<VlqLoop> {
        let (masses, v, gl, gr) = spectrum(p, m_up, v0);
        let opts = LoopOptions {
            goldstone: true,
            scheme: DiracScheme::Ndr,
            mu2: mw * mw,
        };
        let lm = loop_matrices(&masses, q2, mw * mw, opts)?;
        Ok(VlqLoop { v, gl, gr, lm })
    }

    /// The tree-level Z' couplings of the light up-type mass eigenstates (u, c, t) for gauge
    /// coupling g: `(g_L)_ab = g (U_L)_4a (U_L)_4b`, `(g_R)_ab = g (U_R)_4a (U_R)_4b`, a, b ≤ 3
    /// (module documentation). The signs of the eigenvectors are those of the SVD: the phase
    /// of an off-diagonal entry is a field convention, its modulus is physical.
    pub fn light_up_couplings(&self, g: f64) -> (super::QuarkMatrix, super::QuarkMatrix) {
        let block = |m: &Vec<Vec<C64>>| {
            let mut out = super::ZERO_MATRIX;
            for (a, row) in out.iter_mut().enumerate() {
                for (b, x) in row.iter_mut().enumerate() {
                    *x = g * m[a][b];
                }
            }
            out
        };
        (block(&self.gl), block(&self.gr))
    }

    /// The couplings g_ij of each transition of `pairs` for gauge coupling g.
    pub fn induced(&self, pairs: &[(usize, usize)], g: f64, g2sq: f64) -> Vec<Induced> {
        let scale = |m: &Vec<Vec<C64>>| -> Vec<Vec<C64>> {
            m.iter()
                .map(|r| r.iter().map(|x| x * g).collect())
                .collect()
        };
        let (gl, gr) = (scale(&self.gl), scale(&self.gr));
        pairs
            .iter()
            .map(|&(i, j)| induced_coupling(&self.lm, &self.v, &gl, &gr, i, j, g2sq))
            .collect()
    }
}

/// The exact one-loop couplings g_ij (d_j → d_i) at q², for gauge coupling g, for each
/// transition of `pairs`: the spectrum and the loop functions are computed once.
#[allow(clippy::too_many_arguments)]
pub fn induced_pairs(
    p: &UpVlq,
    v0: &Matrix3,
    pairs: &[(usize, usize)],
    g: f64,
    q2: f64,
    m_up: [f64; 3],
    mw: f64,
    g2sq: f64,
) -> Result<Vec<Induced>> {
    Ok(VlqLoop::new(p, v0, q2, m_up, mw)?.induced(pairs, g, g2sq))
}

/// The exact one-loop coupling g_ij (d_j → d_i) at q², for gauge coupling g.
#[allow(clippy::too_many_arguments)]
pub fn induced(
    p: &UpVlq,
    v0: &Matrix3,
    i: usize,
    j: usize,
    g: f64,
    q2: f64,
    m_up: [f64; 3],
    mw: f64,
    g2sq: f64,
) -> Result<Induced> {
    Ok(induced_pairs(p, v0, &[(i, j)], g, q2, m_up, mw, g2sq)?[0])
}

/// The vector-like-quark parameters of a point (v_φ = m_Z'/g when the parameter is 0).
pub fn vlq_params(p: &Point) -> Result<UpVlq> {
    let mut v_phi = param(p, "v_phi");
    if v_phi == 0.0 {
        if p.g == 0.0 {
            return Err(Error::invalid(
                "v_phi",
                0.0,
                "v_phi > 0 GeV when g = 0 (v_phi = 0 means v_phi = m_Z'/g)",
            ));
        }
        v_phi = p.mass / p.g;
    }
    Ok(UpVlq {
        y_uc: param(p, "Y_Uc"),
        y_ut: param(p, "Y_Ut"),
        m_u_heavy: param(p, "m_U"),
        v_phi,
    })
}

/// Mechanism `up-vlq`: the exact one loop above with the point's parameters `Y_Uc`, `Y_Ut`,
/// `m_U`, `v_phi`.
pub struct UpVlqMixing;

impl Mechanism for UpVlqMixing {
    fn name(&self) -> &'static str {
        "up-vlq"
    }
    fn description(&self) -> &'static str {
        "an up-type vector-like quark U mixing with c_R, t_R; exact one loop (W and Goldstone), paper 000 Fig. 1 and Eq. 6"
    }
    fn parameters(&self) -> &'static [&'static str] {
        &["Y_Uc", "Y_Ut", "m_U", "v_phi"]
    }
    /// The loop on the left-handed down-type couplings, and the tree-level couplings of the
    /// light up-type mass eigenstates (U mixes into c_R, t_R by angles ≈ Y_Ui v_φ/(√2 m_U),
    /// so g^R_ct ≈ g Y_Uc Y_Ut v_φ²/(2m_U²): t → c Z', paper 000 Fig. 2).
    fn couplings(&self, p: &Point, env: &Environment) -> Result<QuarkCouplings> {
        let mut out = QuarkCouplings::from_charges(p);
        if mixes(p) && p.g != 0.0 {
            let vp = vlq_params(p)?;
            let sm = env.sm;
            let lp = VlqLoop::new(&vp, env.ckm, env.q2, sm.m_up, sm.m_w)?;
            fill(&mut out, &lp, p.g, env.g2sq);
        }
        Ok(out)
    }

    /// With a given v_φ (not m_Z'/g) the spectrum and the loop depend only on the parameters:
    /// computed once, reused for every g at those parameter values.
    fn prepare(&self, template: &Point, env: &Environment) -> Result<Option<Box<dyn AtMass>>> {
        if !mixes(template) || param(template, "v_phi") == 0.0 {
            return Ok(None);
        }
        let vp = vlq_params(template)?;
        let sm = env.sm;
        let lp = VlqLoop::new(&vp, env.ckm, env.q2, sm.m_up, sm.m_w)?;
        Ok(Some(Box::new(PreparedVlq { params: vp, lp })))
    }
}

/// True when the vector-like quark mixes with the Standard-Model quarks.
fn mixes(p: &Point) -> bool {
    param(p, "Y_Uc") != 0.0 || param(p, "Y_Ut") != 0.0
}

/// The mechanism at one mass and one set of parameters.
struct PreparedVlq {
    params: UpVlq,
    lp: VlqLoop,
}

impl AtMass for PreparedVlq {
    fn couplings(&self, p: &Point, env: &Environment) -> Result<QuarkCouplings> {
        // other parameter values (or v_phi = m/g): no shortcut
        if !mixes(p) || p.g == 0.0 || param(p, "v_phi") == 0.0 || vlq_params(p)? != self.params {
            return UpVlqMixing.couplings(p, env);
        }
        let mut out = QuarkCouplings::from_charges(p);
        fill(&mut out, &self.lp, p.g, env.g2sq);
        Ok(out)
    }
}

/// Add the loop (down type) and the tree-level light up-type couplings of `lp` at coupling g.
fn fill(out: &mut QuarkCouplings, lp: &VlqLoop, g: f64, g2sq: f64) {
    for (t, x) in DOWN_TRANSITIONS.iter().zip(lp.induced(&PAIRS, g, g2sq)) {
        out.set_left(*t, x.value);
    }
    let (gl, gr) = lp.light_up_couplings(g);
    for a in 0..3 {
        for b in 0..3 {
            out.up_left[a][b] += gl[a][b];
            out.up_right[a][b] += gr[a][b];
        }
    }
}

/// Paper 000 Eq. (6), the large-m_U form (v the Higgs vev).
#[allow(clippy::too_many_arguments)]
pub fn large_mu(
    p: &UpVlq,
    v0: &Matrix3,
    i: usize,
    j: usize,
    g: f64,
    m_up: [f64; 3],
    mw: f64,
    vev: f64,
) -> C64 {
    use crate::loops::functions::{f_ct, f_tt};
    let mu2 = p.m_u_heavy * p.m_u_heavy;
    let (mc2, mt2, mw2) = (m_up[1] * m_up[1], m_up[2] * m_up[2], mw * mw);
    let y = [0.0, p.y_uc, p.y_ut];
    let c =
        |a: usize, b: usize| v0[a][j] * v0[b][i].conj() * (y[a] * y[b] * m_up[a] * m_up[b] / mu2);
    let bracket = c(1, 1) * f_tt(mu2, mc2, mw2)
        + (c(1, 2) + c(2, 1)) * f_ct(mu2, mt2, mw2)
        + c(2, 2) * f_tt(mu2, mt2, mw2);
    g * p.v_phi * p.v_phi / (32.0 * std::f64::consts::PI.powi(2) * vev * vev) * bracket
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exported tree-level up-type couplings: for m_U ≫ Y v_φ the right-handed g_ct is
    /// g Y_Uc Y_Ut v_φ²/(2m_U²) up to O(Y²v_φ²/m_U²) and m_t²/m_U² (modulus: the sign is a
    /// field convention), the left-handed ones are suppressed by m_c m_t/m_U², and the matrices
    /// are symmetric (real mixing).
    #[test]
    fn light_up_couplings_match_the_leading_order() {
        let set = crate::inputs::InputSet::default_set();
        let sm = crate::inputs::StandardModel::from_inputs(&set).unwrap();
        let v0 = crate::ckm::from_inputs(&set).unwrap();
        let p = UpVlq {
            y_uc: 0.2,
            y_ut: 0.8,
            m_u_heavy: 5000.0,
            v_phi: 300.0,
        };
        let lp = VlqLoop::new(&p, &v0, 0.01, sm.m_up, sm.m_w).unwrap();
        let (gl, gr) = lp.light_up_couplings(1e-3);
        let lo = 1e-3 * p.y_uc * p.y_ut * p.v_phi * p.v_phi / (2.0 * p.m_u_heavy * p.m_u_heavy);
        let mixing = (p.y_uc * p.y_uc + p.y_ut * p.y_ut) * p.v_phi * p.v_phi
            / (2.0 * p.m_u_heavy * p.m_u_heavy);
        let tolerance = 2.0 * (mixing + (sm.m_up[2] / p.m_u_heavy).powi(2));
        assert!(
            (gr[1][2].norm() / lo - 1.0).abs() < tolerance,
            "{} {lo}",
            gr[1][2]
        );
        assert!(gl[1][2].norm() < 10.0 * lo * sm.m_up[1] * sm.m_up[2] / p.m_u_heavy.powi(2));
        for (a, b) in [(0, 1), (1, 2), (0, 2)] {
            assert_eq!(gr[a][b], gr[b][a]);
        }
    }

    #[test]
    fn svd_reconstructs() {
        let m = [
            [0.002, 0.0, 0.0, 0.0],
            [0.0, 1.27, 0.0, 0.0],
            [0.0, 0.0, 172.0, 0.0],
            [0.0, 30.0, 60.0, 2000.0],
        ];
        let (s, u, v) = svd4(m);
        for i in 0..4 {
            for j in 0..4 {
                let rec: f64 = (0..4).map(|k| u[i][k] * s[k] * v[j][k]).sum();
                assert!((rec - m[i][j]).abs() < 1e-12 * 2000.0, "{i}{j}");
                let ortho: f64 = (0..4).map(|k| u[k][i] * u[k][j]).sum();
                assert!((ortho - if i == j { 1.0 } else { 0.0 }).abs() < 1e-13);
            }
        }
        assert!((s[0] - 0.002).abs() < 1e-15 && s[1] < 1.27 && s[3] > 2000.0);
    }
}
