//! Mechanism (a): flavour-changing Z' couplings to down-type quarks induced by Z' couplings to
//! up-type quarks through the W loop (paper 002 Sec. IV, Eq. 4.2–4.5, and Eq. 5.1 for b → q).
//!
//! Setting: up-type mass eigenstates a (masses m_a) with W couplings
//! `L ⊃ (g₂/√2) ū_a γ^μ V_aj P_L d_j W⁺_μ + h.c.`, charged-Goldstone couplings
//! `L ⊃ (√2/v) φ⁺ ū_a m_a V_aj P_L d_j + h.c.` (Feynman gauge, massless d_j), and Z' couplings
//! `L ⊃ −Z'_μ ū_a γ^μ [(g_L)_ab P_L + (g_R)_ab P_R] u_b` (Hermitian g_L, g_R; paper 002 Eq. 3.2).
//! The vertex diagram with the Z' on the up-quark line (paper 002 Fig. 1), external d_i, d_j
//! massless, gives `L_eff ⊃ −g_ij d̄_i γ^μ P_L d_j Z'_μ` with (our derivation, LoopTools C
//! functions at (0, q², 0; m_W², m_a², m_b²), C0 the same triangle)
//!
//! `g_ij = −(g₂²/16π²) Σ_ab V*_ai V_bj { (g_L)_ab [q²(C0 + C1 + C2 + C12) − 2C00 + r_W]
//!                                     + (g_R)_ab m_a m_b C0 }`
//!       `− (g₂²/16π²) Σ_ab V*_ai V_bj (m_a m_b/2m_W²) { (g_R)_ab [q² C12 − 2C00 + r_φ]
//!                                     + (g_L)_ab m_a m_b C0 }`   (Goldstone diagram)
//!
//! The first line is paper 002 Eq. (4.4) exactly (same overall sign, same convention for g):
//! 002 keeps only this W diagram. The rational terms r_W = 1, r_φ = ½ come from the
//! D-dimensional Dirac algebra (γ^ν a̸ γ^μ b̸ γ_ν = −2 b̸γ^μa̸ + (4 − D) a̸γ^μb̸, NDR) acting on the
//! UV poles; paper 002's Eq. (4.2) has r_W = 0 (four-dimensional algebra). They multiply the same
//! coupling structures as the poles, so they drop out wherever the pole does.
//!
//! UV divergence: the pole coefficient is `(g₂²/16π²)[½ (V†g_L V)_ij + (1/4m_W²)(V†M g_R M V)_ij]`
//! (the second term with the Goldstone diagram). `(V†g_L V)_ij` is the tree-level down-type
//! coupling; it vanishes for i ≠ j when the down sector has no tree-level FCNC (paper 002:
//! g_L^u = (g/3)(1 − u u†) with u = V_{·d}*, CKM unitarity gives (V†g_L V)_ds = 0). Then the
//! result is finite and independent of μ and of the scheme. Otherwise the value returned is the
//! MS-bar finite part at μ with the pole coefficient reported separately (a counterterm, i.e.
//! a tree-level down-type coupling, is then needed to make the model consistent).
//!
//! Paper 002's C_L^{ij}, C_R^{ij} (Eq. 4.5, 4.8–4.9, B1–B4): `C_L = g₂² V*_ai V_bj [q²(…) − 2C00]`,
//! `C_R = g₂² V*_ai V_bj m_a m_b C0`, with `g = −(1/16π²) Σ_ab (C_L g_L + C_R g_R)_ab`. The
//! printed matrices are the negatives of these (every entry of Eq. 4.8, 4.9 and B1–B4, real
//! and imaginary parts): the paper's numerics correspond to g = +(1/16π²) Σ(C g). The sign
//! does not enter |g|² or (Im g)², nor the relative sign of the C_L and C_R terms.
//! Scale: LoopTools' default μ = 1 GeV (Δ = 0) reproduces the printed C_L.
//!
//! What paper 002 leaves out (approximations, recorded): the charged-Goldstone diagram (in
//! Feynman gauge it is of relative size x_t/2 ≈ 2.3 for the top quark; for the (B−L)₂₃ model
//! it is UV divergent, its pole ∝ (V†M g_R M V)_ds ≠ 0), the external-leg (self-energy)
//! diagrams with the Z' on the s leg (the s quark has charge 1/3 in (B−L)₂₃), and the d, s
//! masses. The 002 numbers are reproduced with the W diagram alone, r_W = 0, as printed.
//! g₂² = 4√2 G_F m_W² (tree-level relation, on-shell-like).

use crate::ckm::Matrix3;
use crate::error::{Error, Result};
use crate::loops::{cset, cset_direct, Uv};
use num_complex::Complex64 as C64;
use std::f64::consts::PI;

/// How the Dirac algebra is continued to D dimensions: only the terms multiplying a UV pole
/// depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiracScheme {
    /// Four-dimensional algebra (paper 002 Eq. 4.2): r_W = r_φ = 0.
    FourDim,
    /// Naive dimensional regularization: r_W = 1, r_φ = ½.
    Ndr,
}

/// Options of the loop calculation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoopOptions {
    /// Include the charged-Goldstone diagram (Feynman gauge).
    pub goldstone: bool,
    /// Dirac-algebra scheme.
    pub scheme: DiracScheme,
    /// MS-bar renormalization scale squared, GeV².
    pub mu2: f64,
}

impl LoopOptions {
    /// Paper 002's calculation: W diagram only, four-dimensional algebra, μ = 1 GeV.
    pub fn paper_002() -> Self {
        LoopOptions {
            goldstone: false,
            scheme: DiracScheme::FourDim,
            mu2: 1.0,
        }
    }
}

/// The loop factors of every pair (a, b) of up-type states, independent of the Z' couplings:
/// `kl[a][b]` multiplies (g_L)_ab and `kr[a][b]` multiplies (g_R)_ab in the braces above.
#[derive(Debug, Clone)]
pub struct LoopMatrices {
    /// Number of up-type states.
    pub n: usize,
    /// Factors of g_L (finite part at μ and pole coefficient).
    pub kl: Vec<Vec<Uv>>,
    /// Factors of g_R.
    pub kr: Vec<Vec<Uv>>,
}

/// Below q²/(m_a + m_b)² = `Q2_LIMIT` the three-point functions of the pair (a, b) are taken at
/// q² = 0 (the q² term of the W bracket keeps its factor q²). The limit is analytic there: the
/// only q² dependence is −x₂x₃q² in Δ = x₁m_W² + x₂m_a² + x₃m_b² − x₂x₃q², and
/// x₂x₃q²/Δ ≤ q²/(m_a + m_b)², so every coefficient (C0 … C22 relative, C00 absolute) moves by
/// less than about 1e-14. Why: at q² ≪ m² the direct integration works with a quadratic whose
/// second root sits near m²/q² (up to 1e31 for a heavy vector-like quark at m_Z' = 1e-9 GeV),
/// where its integrand is rounding noise; at q² = 0 it is linear.
pub const Q2_LIMIT: f64 = 1e-14;

/// The loop matrices at q² for up-type masses `masses` (GeV) and W mass squared `mw2`.
///
/// This is the expensive step (one three-point function per pair of up-type states) and it
/// does not depend on the Z' couplings: a caller that evaluates many couplings at one mass
/// (a random scan of W_u, [`crate::scan::wu`]) computes it once and passes it to
/// [`coefficient_matrices`] or [`induced_coupling`] as often as needed. Nothing is cached here.
pub fn loop_matrices(masses: &[f64], q2: f64, mw2: f64, opts: LoopOptions) -> Result<LoopMatrices> {
    if !(q2.is_finite() && q2 >= 0.0) {
        return Err(Error::invalid("q2", q2, "0 <= q^2 (GeV^2), finite"));
    }
    let (rw, rphi) = match opts.scheme {
        DiracScheme::FourDim => (0.0, 0.0),
        DiracScheme::Ndr => (1.0, 0.5),
    };
    let n = masses.len();
    let zero = Uv {
        finite: C64::new(0.0, 0.0),
        pole: 0.0,
    };
    let mut kl = vec![vec![zero; n]; n];
    let mut kr = vec![vec![zero; n]; n];
    for a in 0..n {
        for b in 0..n {
            let (ma, mb) = (masses[a], masses[b]);
            // the small-Gram kinematics: direct integration, or the q² → 0 limit
            let s = if q2 <= Q2_LIMIT * (ma + mb) * (ma + mb) {
                cset(0.0, 0.0, 0.0, mw2, ma * ma, mb * mb, opts.mu2)?
            } else {
                cset_direct(0.0, q2, 0.0, mw2, ma * ma, mb * mb, opts.mu2)?
            };
            let c00 = s.c00;
            let wl = Uv {
                finite: q2 * (s.c0 + s.c1 + s.c2 + s.c12) - 2.0 * c00.finite + rw,
                pole: -2.0 * c00.pole,
            };
            let wr = Uv {
                finite: ma * mb * s.c0,
                pole: 0.0,
            };
            let (mut l, mut r) = (wl, wr);
            if opts.goldstone {
                let f = ma * mb / (2.0 * mw2);
                l.finite += f * ma * mb * s.c0;
                r.finite += f * (q2 * s.c12 - 2.0 * c00.finite + rphi);
                r.pole += f * (-2.0 * c00.pole);
            }
            kl[a][b] = l;
            kr[a][b] = r;
        }
    }
    Ok(LoopMatrices { n, kl, kr })
}

/// g₂² = 4√2 G_F m_W².
pub fn g2_squared(g_fermi: f64, mw: f64) -> f64 {
    4.0 * std::f64::consts::SQRT_2 * g_fermi * mw * mw
}

/// Paper 002's coefficient matrices for the transition d_j → d_i Z' (i, j down-type indices,
/// 0 = d, 1 = s, 2 = b): `(C_L)_ab = g₂² V*_ai V_bj kl_ab`, `(C_R)_ab = g₂² V*_ai V_bj kr_ab`
/// (finite parts; the pole parts in the second pair).
#[allow(clippy::type_complexity)]
pub fn coefficient_matrices(
    lm: &LoopMatrices,
    v: &[[C64; 3]],
    i: usize,
    j: usize,
    g2sq: f64,
) -> (Vec<Vec<C64>>, Vec<Vec<C64>>, Vec<Vec<C64>>, Vec<Vec<C64>>) {
    let n = lm.n;
    let mut cl = vec![vec![C64::new(0.0, 0.0); n]; n];
    let mut cr = cl.clone();
    let mut pl = cl.clone();
    let mut pr = cl.clone();
    for a in 0..n {
        for b in 0..n {
            let f = g2sq * v[a][i].conj() * v[b][j];
            cl[a][b] = f * lm.kl[a][b].finite;
            cr[a][b] = f * lm.kr[a][b].finite;
            pl[a][b] = f * lm.kl[a][b].pole;
            pr[a][b] = f * lm.kr[a][b].pole;
        }
    }
    (cl, cr, pl, pr)
}

/// The induced coupling with its pole coefficient: `value` is the MS-bar finite part at μ,
/// `pole` the coefficient of Δ (zero when the model has no tree-level down-type FCNC).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Induced {
    /// Finite part.
    pub value: C64,
    /// Coefficient of Δ.
    pub pole: C64,
}

/// `g_ij = −(1/16π²) Σ_ab [(C_L)_ab (g_L)_ab + (C_R)_ab (g_R)_ab]` for the Z' couplings of the
/// up-type states `g_l`, `g_r` (n × n, Hermitian).
pub fn induced_coupling(
    lm: &LoopMatrices,
    v: &[[C64; 3]],
    g_l: &[Vec<C64>],
    g_r: &[Vec<C64>],
    i: usize,
    j: usize,
    g2sq: f64,
) -> Induced {
    let (cl, cr, pl, pr) = coefficient_matrices(lm, v, i, j, g2sq);
    let mut value = C64::new(0.0, 0.0);
    let mut pole = C64::new(0.0, 0.0);
    for a in 0..lm.n {
        for b in 0..lm.n {
            value += cl[a][b] * g_l[a][b] + cr[a][b] * g_r[a][b];
            pole += pl[a][b] * g_l[a][b] + pr[a][b] * g_r[a][b];
        }
    }
    let k = -1.0 / (16.0 * PI * PI);
    Induced {
        value: k * value,
        pole: k * pole,
    }
}

/// The CKM matrix as rows of W couplings V_aj of the three up-type quarks.
pub fn ckm_rows(v: &Matrix3) -> Vec<[C64; 3]> {
    v.to_vec()
}

/// Paper 002's (B − L)₂₃ couplings of the up-type quarks (Eq. 3.3, 3.4, 3.7):
/// `(g_L)_ij = (g/3)[δ_ij − V_id V*_jd]` and, if the first row of W_u is given,
/// `(g_R)_ij = (g/3)[δ_ij − (W_u)*_1i (W_u)_1j]`; otherwise g_R = 0 (Scenario I).
pub fn bl23_couplings(
    v: &Matrix3,
    g: f64,
    wu_row: Option<[C64; 3]>,
) -> (Vec<Vec<C64>>, Vec<Vec<C64>>) {
    let mut gl = vec![vec![C64::new(0.0, 0.0); 3]; 3];
    let mut gr = gl.clone();
    for i in 0..3 {
        for j in 0..3 {
            let d = if i == j { 1.0 } else { 0.0 };
            gl[i][j] = g / 3.0 * (d - v[i][0] * v[j][0].conj());
            if let Some(w) = wu_row {
                gr[i][j] = g / 3.0 * (d - w[i].conj() * w[j]);
            }
        }
    }
    (gl, gr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loops::cset_direct;

    /// Up, charm, top and a heavy state of the paper-000 model at Y_Uc = Y_Ut = −4π,
    /// m_U = 200 GeV, v_φ = 5e4/(4π/√2) GeV (GeV).
    const MASSES: [f64; 4] = [
        0.00216,
        1.253_438_052_107_434_9,
        169.997_205_318_912_76,
        51_651.955_934_136_08,
    ];
    const MW2: f64 = 80.379 * 80.379;

    fn ndr() -> LoopOptions {
        LoopOptions {
            goldstone: true,
            scheme: DiracScheme::Ndr,
            mu2: MW2,
        }
    }

    /// The case that did not converge (issue 9): m_Z' = 1e-9 GeV with a 5e4 GeV quark.
    #[test]
    fn a_heavy_quark_at_a_tiny_z_prime_mass_converges() {
        for q2 in [1e-18, 1e-16, 1e-12] {
            let lm = loop_matrices(&MASSES, q2, MW2, ndr()).unwrap();
            for a in 0..4 {
                for b in 0..4 {
                    for k in [&lm.kl, &lm.kr] {
                        let (x, y) = (k[a][b].finite, k[b][a].finite);
                        assert!(x.re.is_finite() && x.im.is_finite());
                        // symmetric at these kinematics (p₁² = p₃² = 0)
                        assert!(
                            (x - y).norm() <= 1e-12 * x.norm().max(1e-300),
                            "{a}{b}: {x} {y}"
                        );
                    }
                }
            }
        }
    }

    /// Where both work, the q² → 0 limit and the direct integration at q² agree within the
    /// bound q²/(m_a + m_b)² (plus the integration's 1e-12).
    #[test]
    fn the_small_q2_limit_agrees_with_the_general_route() {
        for (a, &ma) in MASSES.iter().enumerate() {
            for &mb in &MASSES[a..] {
                let s0 = cset(0.0, 0.0, 0.0, MW2, ma * ma, mb * mb, MW2).unwrap();
                for f in [1e-14, 1e-12, 1e-10] {
                    let q2 = f * (ma + mb) * (ma + mb);
                    let s = cset_direct(0.0, q2, 0.0, MW2, ma * ma, mb * mb, MW2).unwrap();
                    let tol = |v: C64| (2.0 * f + 1e-12) * v.norm();
                    for (x, y) in [(s.c0, s0.c0), (s.c1, s0.c1), (s.c2, s0.c2), (s.c12, s0.c12)] {
                        assert!((x - y).norm() <= tol(y), "{ma} {mb} {q2:e}: {x} {y}");
                    }
                    let d00 = (s.c00.finite - s0.c00.finite).norm();
                    assert!(
                        d00 <= 0.5 * f + 1e-12 * s0.c00.finite.norm(),
                        "C00 {ma} {mb} {q2:e}"
                    );
                }
            }
        }
        // and the loop matrices switch between the two without a visible step
        let below = loop_matrices(
            &MASSES,
            0.99 * Q2_LIMIT * 4.0 * MASSES[0] * MASSES[0],
            MW2,
            ndr(),
        )
        .unwrap();
        let above = loop_matrices(
            &MASSES,
            1.01 * Q2_LIMIT * 4.0 * MASSES[0] * MASSES[0],
            MW2,
            ndr(),
        )
        .unwrap();
        let (x, y) = (below.kl[0][0].finite, above.kl[0][0].finite);
        assert!((x - y).norm() <= 1e-12 * y.norm(), "{x} {y}");
    }
}
