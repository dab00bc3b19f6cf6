//! The 5 × 5 up- and down-type quark mass matrices with vector-like quarks and their exact
//! bi-unitary diagonalization; from it the Z', W and Z couplings of the light quarks in the
//! mass basis. Plain numbers in, plain matrices out (no model point): see [`super`] for the
//! conventions and the papers' orderings.
//!
//! Basis (paper 003 Eq. 3.7, our index 0..5): left-handed rows
//! `(q₁, q₂, q₃, singlet, doublet)_L` = (d_L, s_L, b_L, D̃_L, D_L) or (u_L, c_L, t_L, Ũ_L, U_L),
//! right-handed columns `(q₁, q₂, q₃, singlet, doublet)_R` = (d_R, s_R, b_R, D_R, D̃_R) or
//! (u_R, c_R, t_R, U_R, Ũ_R); the mass term is `−L ⊃ ψ̄_L M ψ_R + h.c.`.
//!
//! Diagonalization: `M = U_L diag(m) U_R†` (nalgebra's complex SVD), i.e. the gauge fields are
//! `ψ_{L,R} = U_{L,R} ψ^m_{L,R}`; paper 003's Eq. 3.9 matrices are 𝒟_L = U_L†, 𝒟_R = U_R†.
//! The mass eigenstates are ordered by mass (three light, then two heavy), and the free phase
//! of each (the same on U_L's and U_R's column, so that the mass stays real and positive) is
//! fixed so that the state's largest gauge component (its own flavour for a light quark) is
//! real and positive: then the 3 × 3 block of the CKM matrix is the input CKM matrix up to the
//! O(mixing²) effects of the vector-like quarks, with no rephasing of its rows or columns.

#![allow(clippy::needless_range_loop)] // index loops mirror the matrix formulas

use crate::ckm::Matrix3;
use crate::error::{Error, Result};
use nalgebra::SMatrix;
use num_complex::Complex64 as C64;

/// A complex 5 × 5 matrix.
pub type Matrix5 = SMatrix<C64, 5, 5>;

/// Index of the SU(2)-singlet vector-like quark (D̃_L/D_R or Ũ_L/U_R) in the gauge basis.
pub const SINGLET: usize = 3;
/// Index of the SU(2)-doublet vector-like quark (D_L/D̃_R or U_L/Ũ_R) in the gauge basis.
pub const DOUBLET: usize = 4;

/// The U(1)' charges of the gauge-basis fields, left- and right-handed alike (paper 003
/// Eq. 3.4, paper 004 Eq. 9): SM quarks 0, singlets −1, doublets +1 (in units of Φ's charge).
pub const CHARGES: [f64; 5] = [0.0, 0.0, 0.0, -1.0, 1.0];

/// Iterations allowed to the SVD before it is declared failed (it needs about ten).
const MAX_SVD_ITERATIONS: usize = 1000;

/// The parameters of the vector-like quarks (GeV for masses and v_φ; Yukawas dimensionless).
/// The Yukawa convention is the one of the leading-order formulas (paper 003 Eq. 3.10,
/// paper 004 Eq. 13): see [`super`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VlqParameters {
    /// Y_Qd, Y_Qs, Y_Qb: the doublet Q̃_R with the left-handed down quarks.
    pub y_q: [C64; 3],
    /// Y_Uu, Y_Uc, Y_Ut: the singlet Ũ_L with the right-handed up quarks.
    pub y_u: [C64; 3],
    /// Y_Dd, Y_Ds, Y_Db: the singlet D̃_L with the right-handed down quarks.
    pub y_d: [C64; 3],
    /// Doublet mass m_Q.
    pub m_q: f64,
    /// Up-type singlet mass m_U.
    pub m_u: f64,
    /// Down-type singlet mass m_D.
    pub m_d: f64,
    /// Vacuum value of Φ, ⟨Φ⟩ = v_φ/√2.
    pub v_phi: f64,
}

impl VlqParameters {
    /// Check that every number is finite and the masses positive (names the parameter).
    pub fn validate(&self) -> Result<()> {
        for (name, m) in [("m_Q", self.m_q), ("m_U", self.m_u), ("m_D", self.m_d)] {
            if !(m.is_finite() && m > 0.0) {
                return Err(Error::invalid(name, m, "a finite mass > 0 GeV"));
            }
        }
        if !(self.v_phi.is_finite() && self.v_phi >= 0.0) {
            return Err(Error::invalid(
                "v_phi",
                self.v_phi,
                "a finite v_phi >= 0 GeV (0: m_Z'/g with g > 0)",
            ));
        }
        for (family, y) in [("Y_Q", &self.y_q), ("Y_U", &self.y_u), ("Y_D", &self.y_d)] {
            for (k, z) in y.iter().enumerate() {
                if !(z.re.is_finite() && z.im.is_finite()) {
                    let flavour = if family == "Y_U" {
                        ["u", "c", "t"]
                    } else {
                        ["d", "s", "b"]
                    };
                    return Err(Error::invalid(
                        &format!("{family}{}_re/_im", flavour[k]),
                        if z.re.is_finite() { z.im } else { z.re },
                        "finite values",
                    ));
                }
            }
        }
        Ok(())
    }

    /// The doublet Yukawas of the up quarks, (Y_Qu, Y_Qc, Y_Qt) = V (Y_Qd, Y_Qs, Y_Qb): SU(2)
    /// invariance of the doublet Yukawa in our convention (paper 003 Eq. 3.6 and paper 004
    /// after Eq. 11 print V*, which holds for the complex-conjugate Yukawas of their
    /// Lagrangians; see [`super`]).
    pub fn y_q_up(&self, ckm: &Matrix3) -> [C64; 3] {
        let mut out = [C64::new(0.0, 0.0); 3];
        for i in 0..3 {
            for j in 0..3 {
                out[i] += ckm[i][j] * self.y_q[j];
            }
        }
        out
    }
}

/// The mass matrix of one sector: SM masses `m` on the diagonal, the doublet column
/// `y_doublet v/√2`, the singlet row `y_singlet* v/√2`, and the vector-like masses.
fn sector_matrix(
    m: [f64; 3],
    y_doublet: [C64; 3],
    y_singlet: [C64; 3],
    m_singlet: f64,
    m_doublet: f64,
    v_phi: f64,
) -> Matrix5 {
    let r = v_phi / std::f64::consts::SQRT_2;
    let mut out = Matrix5::zeros();
    for i in 0..3 {
        out[(i, i)] = C64::new(m[i], 0.0);
        out[(i, DOUBLET)] = y_doublet[i] * r;
        out[(SINGLET, i)] = y_singlet[i].conj() * r;
    }
    out[(SINGLET, SINGLET)] = C64::new(m_singlet, 0.0);
    out[(DOUBLET, DOUBLET)] = C64::new(m_doublet, 0.0);
    out
}

/// The (down, up) mass matrices (paper 003 Eq. 3.7 in our conventions) for the SM quark
/// masses `m_down` = (m_d, m_s, m_b), `m_up` = (m_u, m_c, m_t) and the CKM matrix `ckm`
/// (the gauge-basis one of paper 003 Eq. 3.11, which fixes the doublet's up-type Yukawas).
pub fn mass_matrices(
    p: &VlqParameters,
    m_down: [f64; 3],
    m_up: [f64; 3],
    ckm: &Matrix3,
) -> (Matrix5, Matrix5) {
    (
        sector_matrix(m_down, p.y_q, p.y_d, p.m_d, p.m_q, p.v_phi),
        sector_matrix(m_up, p.y_q_up(ckm), p.y_u, p.m_u, p.m_q, p.v_phi),
    )
}

/// One diagonalized sector: masses in ascending order and the unitary rotations,
/// `M = left · diag(masses) · right†`, columns = mass eigenstates (three light, two heavy).
#[derive(Debug, Clone, PartialEq)]
pub struct Sector {
    /// Masses, ascending, GeV.
    pub masses: [f64; 5],
    /// U_L: gauge-basis left-handed fields = U_L × mass eigenstates.
    pub left: Matrix5,
    /// U_R: the same for the right-handed fields.
    pub right: Matrix5,
}

/// Diagonalize one mass matrix (see the module documentation for the ordering and phases).
/// Errors: a non-finite entry, an SVD that does not converge, or a light mass eigenstate
/// that is not mostly its own SM quark (the mixing is then so large that the model's light
/// quarks are no longer the SM ones: not applicable).
pub fn diagonalize(m: &Matrix5) -> Result<Sector> {
    if !m.iter().all(|z| z.re.is_finite() && z.im.is_finite()) {
        return Err(Error::Numerical {
            context: "vector-like-quark mass matrix".into(),
            message: "non-finite entry".into(),
        });
    }
    let failed = || Error::Numerical {
        context: "vector-like-quark mass matrix".into(),
        message: "the singular value decomposition did not converge".into(),
    };
    let svd = m
        .try_svd_unordered(true, true, f64::EPSILON, MAX_SVD_ITERATIONS)
        .ok_or_else(failed)?;
    let (u, v_t) = (svd.u.ok_or_else(failed)?, svd.v_t.ok_or_else(failed)?);
    let sigma = svd.singular_values;
    let mut order = [0, 1, 2, 3, 4];
    order.sort_by(|&a, &b| sigma[a].total_cmp(&sigma[b]));
    let mut out = Sector {
        masses: [0.0; 5],
        left: Matrix5::zeros(),
        right: Matrix5::zeros(),
    };
    for (new, &old) in order.iter().enumerate() {
        out.masses[new] = sigma[old];
        // the largest gauge component of the state fixes its phase
        let col = u.column(old);
        let pivot = if new < 3 {
            new
        } else {
            (0..5)
                .max_by(|&a, &b| col[a].norm_sqr().total_cmp(&col[b].norm_sqr()))
                .unwrap_or(new)
        };
        let phase = if col[pivot].norm() > 0.0 {
            col[pivot].conj() / col[pivot].norm()
        } else {
            C64::new(1.0, 0.0)
        };
        for k in 0..5 {
            out.left[(k, new)] = u[(k, old)] * phase;
            out.right[(k, new)] = v_t[(old, k)].conj() * phase;
        }
    }
    for a in 0..3 {
        for (rot, hand) in [(&out.left, "left"), (&out.right, "right")] {
            let own = rot[(a, a)].norm_sqr();
            let sm: f64 = (0..3).map(|k| rot[(k, a)].norm_sqr()).sum();
            if !(own > 0.5 && sm > 0.5) {
                return Err(Error::NotApplicable {
                    observable: "vector-like-quark mixing".into(),
                    reason: format!(
                        "the {hand}-handed light mass eigenstate {a} is only {:.0}% its own SM quark ({:.0}% SM quarks): the mixing v_phi Y/(sqrt 2 m) is too large for the light quarks to be the SM ones",
                        100.0 * own,
                        100.0 * sm
                    ),
                });
            }
        }
    }
    Ok(out)
}

/// Both sectors diagonalized.
#[derive(Debug, Clone, PartialEq)]
pub struct Spectrum {
    /// d, s, b and the two heavy down-type states.
    pub down: Sector,
    /// u, c, t and the two heavy up-type states.
    pub up: Sector,
    /// The gauge-basis CKM matrix the up sector was built with.
    pub ckm: Matrix3,
}

/// Chiral coupling matrices of the light quarks in the mass basis, `[i][j]` with
/// i, j = (d, s, b) or (u, c, t), for `L ⊃ −X_μ Σ q̄_i γ^μ (left_ij P_L + right_ij P_R) q_j`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LightCouplings {
    /// Down-type, left-handed.
    pub down_left: Matrix3,
    /// Down-type, right-handed.
    pub down_right: Matrix3,
    /// Up-type, left-handed.
    pub up_left: Matrix3,
    /// Up-type, right-handed.
    pub up_right: Matrix3,
}

impl LightCouplings {
    /// All four matrices zero.
    pub fn zero() -> LightCouplings {
        let z = [[C64::new(0.0, 0.0); 3]; 3];
        LightCouplings {
            down_left: z,
            down_right: z,
            up_left: z,
            up_right: z,
        }
    }
}

/// The light 3 × 3 block of `rot† · diag(charges) · rot`.
fn light_block(rot: &Matrix5, charges: &[f64; 5]) -> Matrix3 {
    let mut out = [[C64::new(0.0, 0.0); 3]; 3];
    for a in 0..3 {
        for b in 0..3 {
            for k in 0..5 {
                if charges[k] != 0.0 {
                    out[a][b] += rot[(k, a)].conj() * charges[k] * rot[(k, b)];
                }
            }
        }
    }
    out
}

impl Spectrum {
    /// Build and diagonalize both sectors ([`mass_matrices`], [`diagonalize`]).
    pub fn new(
        p: &VlqParameters,
        m_down: [f64; 3],
        m_up: [f64; 3],
        ckm: &Matrix3,
    ) -> Result<Spectrum> {
        p.validate()?;
        let (md, mu) = mass_matrices(p, m_down, m_up, ckm);
        Ok(Spectrum {
            down: diagonalize(&md)?,
            up: diagonalize(&mu)?,
            ckm: *ckm,
        })
    }

    /// The exact Z' couplings of the light quarks for gauge coupling `g` (the vector-like
    /// quarks' U(1)' charges ±1 rotated into the mass basis; the SM quarks are uncharged).
    /// Hermitian; the diagonal holds the flavour-conserving couplings.
    pub fn zprime_couplings(&self, g: f64) -> LightCouplings {
        let scale = |m: Matrix3| m.map(|row| row.map(|z| z * g));
        LightCouplings {
            down_left: scale(light_block(&self.down.left, &CHARGES)),
            down_right: scale(light_block(&self.down.right, &CHARGES)),
            up_left: scale(light_block(&self.up.left, &CHARGES)),
            up_right: scale(light_block(&self.up.right, &CHARGES)),
        }
    }

    /// The Z couplings of the light quarks in units of g₂/cos θ_W, `T₃ − Q sin²θ_W` in the
    /// mass basis (`L ⊃ −(g₂/c_W) Z_μ Σ q̄_i γ^μ (left_ij P_L + right_ij P_R) q_j`): the
    /// doublets Q_L, Q̃_R have T₃ = ±½, the singlets 0. Off the diagonal they are suppressed
    /// by the light quark masses (paper 004 below Eq. 12); the right-handed ones are the
    /// doublet Q̃_R's admixture.
    pub fn z_couplings(&self, sin2_theta_w: f64) -> LightCouplings {
        let half = |t: f64| {
            (
                [t, t, t, 0.0, t],       // left: SM doublets, singlet, doublet
                [0.0, 0.0, 0.0, 0.0, t], // right: SM singlets, singlet, doublet
            )
        };
        let block = |rot: &Matrix5, t3: [f64; 5], q: f64| {
            let mut m = light_block(rot, &t3);
            for (a, row) in m.iter_mut().enumerate() {
                row[a] -= q * sin2_theta_w;
            }
            m
        };
        let (dl, dr) = half(-0.5);
        let (ul, ur) = half(0.5);
        LightCouplings {
            down_left: block(&self.down.left, dl, -1.0 / 3.0),
            down_right: block(&self.down.right, dr, -1.0 / 3.0),
            up_left: block(&self.up.left, ul, 2.0 / 3.0),
            up_right: block(&self.up.right, ur, 2.0 / 3.0),
        }
    }

    /// The 5 × 5 left-handed W coupling matrix in the mass basis (paper 003 Eq. 3.11, 3.32):
    /// `U_L^(u)† diag(V, 0, 1) U_L^(d)`, rows (u, c, t, heavy, heavy), columns
    /// (d, s, b, heavy, heavy); `L ⊃ (g₂/√2) ū_i γ^μ P_L V_ij d_j W⁺_μ + h.c.`.
    pub fn ckm_5x5(&self) -> Matrix5 {
        let mut gauge = Matrix5::zeros();
        for i in 0..3 {
            for j in 0..3 {
                gauge[(i, j)] = self.ckm[i][j];
            }
        }
        gauge[(DOUBLET, DOUBLET)] = C64::new(1.0, 0.0);
        self.up.left.adjoint() * gauge * self.down.left
    }

    /// The 3 × 5 CKM matrix of the light up quarks (the first three rows of
    /// [`Spectrum::ckm_5x5`]), `[i][j]`, i = u, c, t; j = d, s, b, then the two heavy states.
    pub fn ckm_3x5(&self) -> [[C64; 5]; 3] {
        let v = self.ckm_5x5();
        let mut out = [[C64::new(0.0, 0.0); 5]; 3];
        for i in 0..3 {
            for j in 0..5 {
                out[i][j] = v[(i, j)];
            }
        }
        out
    }

    /// The right-handed W couplings of the light quarks (the vector-like doublet Q̃_R's
    /// admixture): `U_R^(u)† diag(0,0,0,0,1) U_R^(d)`, light 3 × 3 block, same normalization
    /// as [`Spectrum::ckm_5x5`]. Zero at leading order.
    pub fn w_right(&self) -> Matrix3 {
        let mut out = [[C64::new(0.0, 0.0); 3]; 3];
        for i in 0..3 {
            for j in 0..3 {
                out[i][j] = self.up.right[(DOUBLET, i)].conj() * self.down.right[(DOUBLET, j)];
            }
        }
        out
    }

    /// The first-row unitarity deficit of the light CKM block,
    /// `Δ = 1 − |V_ud|² − |V_us|² − |V_ub|²` (paper 003 Eq. 3.31-3.33): zero in the SM.
    pub fn ckm_row1_deficit(&self) -> f64 {
        let v = self.ckm_5x5();
        // 1 − Σ_light = Σ_heavy |V_1j|² + |singlet admixture of u_L|² (unitarity of U_L, U_L^(d)):
        // summed from the small terms, so that a deficit of 1e-20 is not lost to rounding.
        let heavy: f64 = (3..5).map(|j| v[(0, j)].norm_sqr()).sum();
        heavy + self.up.left[(SINGLET, 0)].norm_sqr()
    }

    /// The mixing of light down quark `a` (0, 1, 2 = d, s, b) with the heavy doublet D_L: the
    /// modulus of its D_L component, |(U_L)_{D_L, a}| (paper 003 Eq. 3.33 at leading order:
    /// |Y_Qa| v_φ/(√2 m_Q)).
    pub fn doublet_mixing_down(&self, a: usize) -> f64 {
        self.down.left[(DOUBLET, a.min(2))].norm()
    }
}
