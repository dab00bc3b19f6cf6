//! Two extra U(1) gauge bosons with kinetic and mass mixing among themselves, with the
//! hypercharge boson and with the Z: from the gauge basis to the mass eigenstates and the
//! currents each couples to (paper 003, App. A, Eq. A.1-A.57, and its Eq. 4.1-4.4).
//!
//! Gauge basis (paper 003 Eq. A.1-A.5, with the conventions below):
//!
//! `L ⊃ −¼ [Ŵ3² + B̂² + X̂1² + X̂2² + 2 s_α B̂X̂1 + 2 s_β B̂X̂2 + 2 s_γ X̂1X̂2]`
//! `    + ½ [M̂_Z² Ẑ² + M̂_X1² X̂1² + M̂_X2² X̂2²] + m1² ẐX̂1 + m2² ẐX̂2 + m3² X̂1X̂2`
//! `    − e J_em Â − (e/ŝ_W ĉ_W) J_Z Ẑ − ĝ1 J1 X̂1 − ĝ2 J2 X̂2`,
//!
//! with `Ẑ = ĉ_W Ŵ3 − ŝ_W B̂`, `Â = ĉ_W B̂ + ŝ_W Ŵ3`, `J_Z = Σ f̄γ(T3 P_L − ŝ_W² Q)f`
//! (field strengths understood in the kinetic term). In the basis (Â, Ẑ, X̂1, X̂2) this is a
//! kinetic matrix K ([`kinetic_matrix`]) and a mass matrix M ([`mass_matrix`], Eq. A.5).
//! A mass eigenstate V_k is a column of the matrix C with `(Â, Ẑ, X̂1, X̂2)ᵀ = C (V_0..V_3)ᵀ`,
//! `Cᵀ K C = 1`, `Cᵀ M C = diag(m_k²)`; it couples as
//! `−V_k [C_Âk e J_em + C_Ẑk (e/ŝĉ) J_Z + C_X̂1k ĝ1 J1 + C_X̂2k ĝ2 J2]`.
//!
//! Three routes, tested against each other over random parameters (module tests):
//! - [`numerical`]: the generalized eigenproblem M v = λ K v by the Cholesky factor of K
//!   (K = L Lᵀ, then the symmetric eigenproblem of L⁻¹ M L⁻ᵀ; the photon decouples exactly);
//! - [`two_by_two`]: the analytic 2x2 case (Eq. A.6-A.19: no Z mixing, α = β = m1 = m2 = 0);
//! - [`three_by_three`]: the analytic 3x3 case with the Z (Eq. A.20-A.39 and the eigensystem
//!   formulas A.43-A.57, [`eigen3_analytic`]); and the small-mixing approximation A.40-A.42
//!   ([`first_order`]).
//!
//! # Errata of paper 003, App. A (each checked by a test below)
//!
//! Extraction damage (the text of the paper as we have it):
//! - A.9-A.10: the prefactor 1/(2c²) multiplies the whole bracket `(A ∓ √(…))`, not only A;
//!   `c_x`, `s_x` (also `t_x` in A.14) are c_γ, s_γ; δM̂⁴ means (δM̂²)².
//! - A.44: a parenthesis is lost: `q = 18(μ11μ22μ33 + 3μ12μ13μ23) + 2[Σμii³] + …`.
//! - A.52: the second component of g₂ is `(μ1² − μ2²) sinθ2 sin2θ3` (printed with squared
//!   eigenvalues, which has the wrong dimension).
//!
//! Typos and inconsistencies (the formulas as printed do not do what the text says):
//! 1. A.1: the kinetic term is `Σ_ij K̂_ij X̂_iμν X̂_j^μν` (printed X̂_i twice), and the
//!    assignment θ_ij = sin θ_k |ε_kij| makes γ the B̂-X̂1 mixing; every later formula (A.6,
//!    A.20, A.30-A.33, A.40) uses α = B̂-X̂1, β = B̂-X̂2, γ = X̂1-X̂2, which we follow
//!    (θ_01 = s_α, θ_02 = s_β, θ_12 = s_γ).
//! 2. A.4 lacks the factor ½ of A.24 (A.5 with A.2-A.3 needs it).
//! 3. A.12 and A.13 are inconsistent with A.7 and A.11. With X̂ = P X̃ (A.7,
//!    P = [[1, −t_γ], [0, 1/c_γ]]) the canonical fields are X̃ = P⁻¹ X̂, P⁻¹ = [[1, s_γ], [0, c_γ]];
//!    A.13 prints P instead of P⁻¹, and A.14-A.17 follow from the printed A.13 (A.16-A.17 are
//!    its inverse). Moreover, with the O of A.11 acting as X = O X̃ (A.13), the angle that
//!    makes X1 the light state has the opposite sign of A.12; with A.12 as printed the
//!    relation is X̃ = O X. We keep A.11 and A.12 as printed and use X̃ = O X:
//!    `X̂1 = (c_φ + t_γ s_φ) X1 + (s_φ − t_γ c_φ) X2`, `X̂2 = −(s_φ/c_γ) X1 + (c_φ/c_γ) X2`
//!    (replacing A.16-A.17), so that the ε factor of model II (A.19) is
//!    `ε = −ĝ2 s_φ / (ĝ1 (c_γ c_φ + s_γ s_φ))` and the light boson's coupling to J1 is
//!    `g_X = ĝ1 (c_φ + t_γ s_φ)`. The printed A.19, `ĝ2 c_γ s_φ / (ĝ1 (c_φ + s_γ s_φ))`,
//!    has the wrong sign already at γ = 0 (a mass mixing δM̂² > 0 between a light X̂1 and a
//!    heavy X̂2 gives ε = −(ĝ2/ĝ1) δM̂²/(M̂2² − M̂1²)), and wrong powers of c_γ beyond.
//!    The angle φ = ½ atan2(num, den) of A.12's numerator and denominator picks X1 = light.
//! 4. A.30: the (2,1) entry of μ² lacks `m1²/c_α` (the matrix is symmetric; (1,2) is right).
//! 5. A.38-A.39: with O_3x3 = (x⃗1 x⃗2 x⃗3) of eigenvectors (A.35) and Oᵀ μ² O diagonal
//!    (A.34), (Z, X1, X2)ᵀ = O (Z1, Z2, Z3)ᵀ: A.38 must contain O, not Oᵀ, and A.39 Oᵀ, not O.
//! 6. A.41: these are the entries of the product T·O (A.42's Ẑ row), not of O alone; O alone
//!    has `(ŝ_W α M̂_Z² + m1²)/(M̂_X1² − M̂_Z²)`, `(ŝ_W β M̂_Z² + m2²)/(M̂_X2² − M̂_Z²)`,
//!    `(m3² − γ M̂_X1²)/(M̂_X2² − M̂_X1²)` and their negatives (first-order perturbation theory
//!    of A.40). M̂_1 in A.41-A.42 is M̂_X1.
//! 7. A.42: the lower-left entries are printed as the negatives of the upper-right ones, but
//!    T·O is not antisymmetric at first order: (X̂1, Z1) = −(ŝ_W α M̂_Z² + m1²)/(M̂_X1² − M̂_Z²),
//!    (X̂2, Z1) = −(ŝ_W β M̂_Z² + m2²)/(M̂_X2² − M̂_Z²), (X̂2, Z2) = (γ M̂_X1² − m3²)/(M̂_X2² − M̂_X1²).
//! 8. A.45: Δ = arccos(…) lies in [0, π], not in (−π/2, π/2); then always μ1² ≥ μ3² ≥ μ2²
//!    (the case Δ < 0 of the text cannot occur).
//! 9. A.50: the denominator is (μ1² − μ3²)(μ3² − μ2²) (printed (μ1² − μ3²)(μ3² − μ1²) ≤ 0).
//! 10. A.54-A.55: f and g are exchanged: f₁ = R(θ1) g₁ and f₂ = R(2θ1) g₂ (with R1 of A.37 and
//!     R of A.55); A.57 as printed, θ1 = angle(R(φ1) g₁), already assumes this.
//!     A.57 leaves θ1⁽²⁾ defined modulo π; we take the value nearest θ1⁽¹⁾.
//!
//! Numerics: eigenvalues are accurate to ~1e-16 of the largest (M̂_Z²), i.e. ~1e-12 GeV²;
//! a boson much lighter than ~1 MeV mixing with the Z is outside what double precision gives.
//! In the 2x2 formulas the light eigenvalue is det/(heavy eigenvalue), without cancellation.

use crate::error::{Error, Result};
use nalgebra::{Matrix3, Matrix4, Vector3};

/// The gauge-basis parameters of paper 003 App. A (masses in GeV, mass mixings in GeV²).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GaugeBasis {
    /// M̂_Z, GeV (the Z mass before mixing).
    pub m_z: f64,
    /// ŝ_W² (before mixing).
    pub sin2w: f64,
    /// M̂_X1, GeV.
    pub m_x1: f64,
    /// M̂_X2, GeV.
    pub m_x2: f64,
    /// m1²: Ẑ-X̂1 mass mixing, GeV² (`L ⊃ m1² Ẑ X̂1`).
    pub m1_sq: f64,
    /// m2²: Ẑ-X̂2 mass mixing, GeV².
    pub m2_sq: f64,
    /// m3² = δM̂²: X̂1-X̂2 mass mixing, GeV² (`L ⊃ δM̂² X̂1 X̂2`, paper 003 Eq. 4.1).
    pub m3_sq: f64,
    /// sin α: B̂-X̂1 kinetic mixing.
    pub sin_alpha: f64,
    /// sin β: B̂-X̂2 kinetic mixing.
    pub sin_beta: f64,
    /// sin γ = ε₁₂: X̂1-X̂2 kinetic mixing (paper 003 Eq. 4.1).
    pub sin_gamma: f64,
}

impl GaugeBasis {
    /// The 2x2 case: only X̂1, X̂2 mix (no Z mass mixing, no hypercharge kinetic mixing).
    pub fn two_boson(m_x1: f64, m_x2: f64, delta_m2: f64, sin_gamma: f64) -> GaugeBasis {
        GaugeBasis {
            m_z: 91.1880,
            sin2w: 0.23121,
            m_x1,
            m_x2,
            m1_sq: 0.0,
            m2_sq: 0.0,
            m3_sq: delta_m2,
            sin_alpha: 0.0,
            sin_beta: 0.0,
            sin_gamma,
        }
    }

    /// True when the Z decouples (α = β = m1² = m2² = 0): the 2x2 case.
    pub fn z_decoupled(&self) -> bool {
        self.sin_alpha == 0.0 && self.sin_beta == 0.0 && self.m1_sq == 0.0 && self.m2_sq == 0.0
    }

    /// D² = det of the (B̂, X̂1, X̂2) kinetic matrix, 1 − s_α² − s_β² − s_γ² + 2 s_α s_β s_γ.
    fn d_squared(&self) -> f64 {
        let (a, b, g) = (self.sin_alpha, self.sin_beta, self.sin_gamma);
        1.0 - a * a - b * b - g * g + 2.0 * a * b * g
    }

    /// Every value finite, masses positive, |sin| < 1, sin²θ_W in (0, 1), and a positive
    /// definite kinetic matrix (D² > 0); the error names the parameter.
    pub fn validate(&self) -> Result<()> {
        let finite = [
            ("m_Z", self.m_z),
            ("sin2_theta_W", self.sin2w),
            ("M_X1", self.m_x1),
            ("M_X2", self.m_x2),
            ("m2_Z_X1", self.m1_sq),
            ("m2_Z_X2", self.m2_sq),
            ("delta_M2", self.m3_sq),
            ("sin_alpha", self.sin_alpha),
            ("sin_beta", self.sin_beta),
            ("sin_gamma", self.sin_gamma),
        ];
        for (name, v) in finite {
            if !v.is_finite() {
                return Err(Error::invalid(name, v, "a finite number"));
            }
        }
        for (name, v) in [("m_Z", self.m_z), ("M_X1", self.m_x1), ("M_X2", self.m_x2)] {
            if v <= 0.0 {
                return Err(Error::invalid(name, v, "> 0 GeV"));
            }
        }
        if !(self.sin2w > 0.0 && self.sin2w < 1.0) {
            return Err(Error::invalid(
                "sin2_theta_W",
                self.sin2w,
                "0 < sin2_theta_W < 1",
            ));
        }
        for (name, v) in [
            ("sin_alpha", self.sin_alpha),
            ("sin_beta", self.sin_beta),
            ("sin_gamma", self.sin_gamma),
        ] {
            if v.abs() >= 1.0 {
                return Err(Error::invalid(name, v, "-1 < sin < 1"));
            }
        }
        let d2 = self.d_squared();
        if d2 <= 1e-12 {
            return Err(Error::invalid(
                "sin_gamma",
                self.sin_gamma,
                "a positive definite kinetic matrix: 1 - sa^2 - sb^2 - sg^2 + 2 sa sb sg > 0",
            ));
        }
        Ok(())
    }
}

/// The kinetic matrix K in the basis (Â, Ẑ, X̂1, X̂2): `L_kin = −¼ V̂ᵀ K V̂` (field strengths).
/// With B̂ = ĉ_W Â − ŝ_W Ẑ the B̂-X̂ mixings become Â-X̂ and Ẑ-X̂ mixings.
pub fn kinetic_matrix(b: &GaugeBasis) -> Matrix4<f64> {
    let (sw, cw) = (b.sin2w.sqrt(), (1.0 - b.sin2w).sqrt());
    let (sa, sb, sg) = (b.sin_alpha, b.sin_beta, b.sin_gamma);
    Matrix4::new(
        1.0,
        0.0,
        cw * sa,
        cw * sb,
        0.0,
        1.0,
        -sw * sa,
        -sw * sb,
        cw * sa,
        -sw * sa,
        1.0,
        sg,
        cw * sb,
        -sw * sb,
        sg,
        1.0,
    )
}

/// The mass matrix M of Eq. A.5 in the basis (Â, Ẑ, X̂1, X̂2): `L_mass = ½ V̂ᵀ M V̂`.
pub fn mass_matrix(b: &GaugeBasis) -> Matrix4<f64> {
    Matrix4::new(
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        b.m_z * b.m_z,
        b.m1_sq,
        b.m2_sq,
        0.0,
        b.m1_sq,
        b.m_x1 * b.m_x1,
        b.m3_sq,
        0.0,
        b.m2_sq,
        b.m3_sq,
        b.m_x2 * b.m_x2,
    )
}

/// Mass eigenstates: masses and gauge-field content.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Eigenstates {
    /// m_k² (GeV²), k = 0 the photon (0), then ascending.
    pub masses_sq: [f64; 4],
    /// `content[a][k]`: gauge field a ∈ (Â, Ẑ, X̂1, X̂2) = Σ_k content[a][k] V_k (the matrix C).
    pub content: [[f64; 4]; 4],
}

/// What mass eigenstate k couples to: `−V_k [eps_gamma e J_em + eps_z (e/ŝĉ) J_Z + g1 J1 + g2 J2]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StateCouplings {
    /// m_k, GeV.
    pub mass: f64,
    /// Coefficient of e J_em: the photon-like kinetic mixing ε_γ of this state.
    pub eps_gamma: f64,
    /// Coefficient of (e/ŝ_W ĉ_W) J_Z: the Z-like mixing ε_Z of this state.
    pub eps_z: f64,
    /// Coupling to J1 (ĝ1 C_X̂1k).
    pub g1: f64,
    /// Coupling to J2 (ĝ2 C_X̂2k).
    pub g2: f64,
}

impl Eigenstates {
    /// The couplings of state k (0 = photon, 1 = lightest massive) for gauge couplings ĝ1, ĝ2.
    pub fn state(&self, k: usize, g1_hat: f64, g2_hat: f64) -> StateCouplings {
        let c = &self.content;
        StateCouplings {
            mass: self.masses_sq[k].max(0.0).sqrt(),
            eps_gamma: c[0][k],
            eps_z: c[1][k],
            g1: g1_hat * c[2][k],
            g2: g2_hat * c[3][k],
        }
    }

    /// The same states with each massive state's sign chosen so that its largest gauge
    /// component is positive (a mass eigenstate is defined up to sign).
    #[must_use]
    pub fn sign_fixed(&self) -> Eigenstates {
        let mut out = *self;
        for k in 0..4 {
            let big = (0..4).map(|a| self.content[a][k]).fold(0.0_f64, |m, x| {
                if x.abs() > m.abs() {
                    x
                } else {
                    m
                }
            });
            if big < 0.0 {
                for a in 0..4 {
                    out.content[a][k] = -self.content[a][k];
                }
            }
        }
        out
    }
}

/// The numerical route: Cholesky K = L Lᵀ, then the symmetric eigenproblem of L⁻¹ M L⁻ᵀ,
/// C = L⁻ᵀ U. L is lower triangular with Â first, so the first row and column of L⁻¹ M L⁻ᵀ
/// vanish exactly (M has none): the photon is V_0 = L⁻ᵀ e_0 and the 3x3 block is solved alone.
pub fn numerical(b: &GaugeBasis) -> Result<Eigenstates> {
    b.validate()?;
    let k = kinetic_matrix(b);
    let chol = k.cholesky().ok_or_else(|| {
        Error::invalid(
            "sin_gamma",
            b.sin_gamma,
            "a positive definite kinetic matrix",
        )
    })?;
    let l = chol.l();
    let l_inv = l
        .try_inverse()
        .ok_or_else(|| Error::invalid("sin_gamma", b.sin_gamma, "an invertible kinetic matrix"))?;
    let mt = l_inv * mass_matrix(b) * l_inv.transpose();
    let block: Matrix3<f64> = mt.fixed_view::<3, 3>(1, 1).into_owned();
    let block = 0.5 * (block + block.transpose());
    let eig = block.symmetric_eigen();
    let mut order = [0usize, 1, 2];
    order.sort_by(|&i, &j| eig.eigenvalues[i].total_cmp(&eig.eigenvalues[j]));
    let mut u = Matrix4::<f64>::zeros();
    u[(0, 0)] = 1.0;
    let mut masses_sq = [0.0; 4];
    for (col, &i) in order.iter().enumerate() {
        masses_sq[col + 1] = eig.eigenvalues[i];
        for r in 0..3 {
            u[(r + 1, col + 1)] = eig.eigenvectors[(r, i)];
        }
    }
    let c = l_inv.transpose() * u;
    let mut content = [[0.0; 4]; 4];
    for (a, row) in content.iter_mut().enumerate() {
        for (kk, x) in row.iter_mut().enumerate() {
            *x = c[(a, kk)];
        }
    }
    Ok(Eigenstates { masses_sq, content }.sign_fixed())
}

/// The analytic 2x2 case (paper 003 Eq. A.6-A.19, corrected as in the module documentation):
/// masses, angle and the content of the gauge fields.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoByTwo {
    /// (M_1², M_2²), light first (Eq. A.9-A.10), GeV².
    pub masses_sq: [f64; 2],
    /// φ of Eq. A.11-A.12 (atan2 of A.12's numerator and denominator, halved).
    pub phi: f64,
    /// μ² of Eq. A.8.
    pub mu2: [[f64; 2]; 2],
    /// `content[a][k]`: X̂_a = Σ_k content[a][k] X_k (corrected A.16-A.17).
    pub content: [[f64; 2]; 2],
}

impl TwoByTwo {
    /// The ε factor of model II for the light state X1 (Eq. A.19, corrected):
    /// `ε = −ĝ2 s_φ / (ĝ1 (c_γ c_φ + s_γ s_φ))`, the ratio of its couplings to J2 and J1.
    pub fn eps_factor(&self, g1_hat: f64, g2_hat: f64) -> f64 {
        g2_hat * self.content[1][0] / (g1_hat * self.content[0][0])
    }
}

/// Eq. A.6-A.19: X̂1, X̂2 with masses M̂1, M̂2 (GeV), mass mixing δM̂² (GeV²), kinetic
/// mixing sin γ. Errata: see the module documentation (items 3 and the A.9 bracket).
pub fn two_by_two(m1: f64, m2: f64, delta_m2: f64, sin_gamma: f64) -> Result<TwoByTwo> {
    GaugeBasis::two_boson(m1, m2, delta_m2, sin_gamma).validate()?;
    let (sg, cg) = (sin_gamma, (1.0 - sin_gamma * sin_gamma).sqrt());
    let tg = sg / cg;
    let (m1s, m2s, d) = (m1 * m1, m2 * m2, delta_m2);
    // Eq. A.8 (correct as printed)
    let off = d / cg - m1s * tg;
    let m22 = (m2s / cg + (m1s * sg - 2.0 * d) * tg) / cg;
    let mu2 = [[m1s, off], [off, m22]];
    // Eq. A.9-A.10 with the bracket restored; the light root as det / heavy root
    let a = m1s + m2s - 2.0 * d * sg;
    let disc = (a * a + 4.0 * cg * cg * (d * d - m1s * m2s))
        .max(0.0)
        .sqrt();
    let heavy = (a + disc) / (2.0 * cg * cg);
    let det = (m1s * m2s - d * d) / (cg * cg);
    let light = if heavy > 0.0 { det / heavy } else { 0.0 };
    // Eq. A.12, the branch that makes X1 the light state (X̃ = O X)
    let phi = 0.5
        * f64::atan2(
            2.0 * cg * (d - sg * m1s),
            m2s - (cg * cg - sg * sg) * m1s - 2.0 * sg * d,
        );
    let (sp, cp) = phi.sin_cos();
    // X̂ = P X̃ = P O X, P = [[1, −t_γ], [0, 1/c_γ]], O = [[c_φ, s_φ], [−s_φ, c_φ]]
    let content = [[cp + tg * sp, sp - tg * cp], [-sp / cg, cp / cg]];
    Ok(TwoByTwo {
        masses_sq: [light, heavy],
        phi,
        mu2,
        content,
    })
}

/// The printed Eq. A.19, `ĝ2 c_γ s_φ / (ĝ1 (c_φ + s_γ s_φ))`, with φ from the printed A.12
/// (kept to document erratum 3; [`TwoByTwo::eps_factor`] is the correct one).
pub fn eps_factor_as_printed(t: &TwoByTwo, sin_gamma: f64, g1_hat: f64, g2_hat: f64) -> f64 {
    let cg = (1.0 - sin_gamma * sin_gamma).sqrt();
    let (sp, cp) = t.phi.sin_cos();
    g2_hat * cg * sp / (g1_hat * (cp + sin_gamma * sp))
}

/// The quantities k, q, D of Eq. A.20 (with the α, β, γ of erratum 1).
fn kqd(b: &GaugeBasis) -> (f64, f64, f64) {
    let (sa, sb, sg) = (b.sin_alpha, b.sin_beta, b.sin_gamma);
    let ca = (1.0 - sa * sa).sqrt();
    let ta = sa / ca;
    (ta * sg - sb / ca, ta * sb - sg / ca, b.d_squared().sqrt())
}

/// The first matrix of Eq. A.38: (Â, Ẑ, X̂1, X̂2)ᵀ = T (A, Z, X1, X2)ᵀ, the fields with
/// canonical kinetic terms (Eq. A.20, A.26-A.28).
pub fn kinetic_transformation(b: &GaugeBasis) -> Matrix4<f64> {
    let (sw, cw) = (b.sin2w.sqrt(), (1.0 - b.sin2w).sqrt());
    let sa = b.sin_alpha;
    let ca = (1.0 - sa * sa).sqrt();
    let ta = sa / ca;
    let (k, q, d) = kqd(b);
    Matrix4::new(
        1.0,
        0.0,
        -cw * ta,
        cw * k / d,
        0.0,
        1.0,
        sw * ta,
        -sw * k / d,
        0.0,
        0.0,
        1.0 / ca,
        q / d,
        0.0,
        0.0,
        0.0,
        ca / d,
    )
}

/// Eq. A.39's second matrix: the inverse of [`kinetic_transformation`] (correct as printed).
pub fn kinetic_transformation_inverse(b: &GaugeBasis) -> Matrix4<f64> {
    let (sw, cw) = (b.sin2w.sqrt(), (1.0 - b.sin2w).sqrt());
    let (sa, sb, sg) = (b.sin_alpha, b.sin_beta, b.sin_gamma);
    let ca = (1.0 - sa * sa).sqrt();
    let (_, _, d) = kqd(b);
    Matrix4::new(
        1.0,
        0.0,
        cw * sa,
        cw * sb,
        0.0,
        1.0,
        -sw * sa,
        -sw * sb,
        0.0,
        0.0,
        ca,
        (sg - sa * sb) / ca,
        0.0,
        0.0,
        0.0,
        d / ca,
    )
}

/// The 3x3 mass matrix μ² of Eq. A.30-A.33 in the basis (Z, X1, X2) of canonical kinetic
/// terms (with erratum 4: μ²₂₁ = μ²₁₂).
pub fn mu2_three(b: &GaugeBasis) -> [[f64; 3]; 3] {
    let sw2 = b.sin2w;
    let sw = sw2.sqrt();
    let (sa, sb, sg) = (b.sin_alpha, b.sin_beta, b.sin_gamma);
    let ca = (1.0 - sa * sa).sqrt();
    let ta = sa / ca;
    let (_, _, d) = kqd(b);
    let (mz2, mx1, mx2) = (b.m_z * b.m_z, b.m_x1 * b.m_x1, b.m_x2 * b.m_x2);
    let (m1, m2, m3) = (b.m1_sq, b.m2_sq, b.m3_sq);
    let ca2 = ca * ca;
    let m12 = m1 / ca + mz2 * sw * ta;
    let m22 = mx1 / ca2 + sw * ta * (2.0 * m1 + mz2 * sw * sa) / ca;
    let m13 = (mz2 * sw * (sb - sa * sg) + m1 * (sa * sb - sg) + m2 * ca2) / (ca * d);
    let m23 = (mx1 * (sa * sb - sg)
        + mz2 * sw2 * sa * (sb - sa * sg)
        + m1 * sw * (sb - 2.0 * sa * sg + sb * sa * sa)
        + m2 * sw * sa * ca2
        + m3 * ca2)
        / (ca2 * d);
    let m33 = (mx2 * ca2 * ca2 + mx1 * (sg - sa * sb).powi(2) + mz2 * sw2 * (sb - sa * sg).powi(2)
        - 2.0 * m1 * sw * (sa * sb - sg) * (sa * sg - sb)
        + 2.0 * m2 * ca2 * sw * (sb - sa * sg)
        + 2.0 * m3 * ca2 * (sa * sb - sg))
        / (ca2 * d * d);
    [[mz2, m12, m13], [m12, m22, m23], [m13, m23, m33]]
}

/// Angle of a 2-vector with the positive x axis (A.56).
fn angle(v: [f64; 2]) -> f64 {
    v[1].atan2(v[0])
}

/// R(φ) of Eq. A.55 applied to v: [[cos φ, sin φ], [−sin φ, cos φ]] v (a rotation by −φ).
fn rot(phi: f64, v: [f64; 2]) -> [f64; 2] {
    let (s, c) = phi.sin_cos();
    [c * v[0] + s * v[1], -s * v[0] + c * v[1]]
}

/// x reduced to (−π/2, π/2] modulo π.
fn mod_pi(x: f64) -> f64 {
    let pi = std::f64::consts::PI;
    let mut y = x.rem_euclid(pi);
    if y > 0.5 * pi {
        y -= pi;
    }
    y
}

/// R1(θ1) R2(θ2) R3(θ3) of Eq. A.36-A.37.
fn euler(t1: f64, t2: f64, t3: f64) -> Matrix3<f64> {
    let (s1, c1) = t1.sin_cos();
    let (s2, c2) = t2.sin_cos();
    let (s3, c3) = t3.sin_cos();
    let r1 = Matrix3::new(1.0, 0.0, 0.0, 0.0, c1, -s1, 0.0, s1, c1);
    let r2 = Matrix3::new(c2, 0.0, s2, 0.0, 1.0, 0.0, -s2, 0.0, c2);
    let r3 = Matrix3::new(c3, -s3, 0.0, s3, c3, 0.0, 0.0, 0.0, 1.0);
    r1 * r2 * r3
}

/// The analytic eigensystem of a real symmetric 3x3 matrix (paper 003 Eq. A.43-A.57, Refs.
/// [73, 74], with errata 8-10 and the A.44/A.52 extraction damage repaired): eigenvalues
/// (μ1², μ2², μ3²) with μ1² ≥ μ3² ≥ μ2², and O = R1 R2 R3 whose columns are the eigenvectors.
/// `None` for a (near-)degenerate spectrum, where the angles are not defined.
pub fn eigen3_analytic(m: &[[f64; 3]; 3]) -> Option<([f64; 3], [[f64; 3]; 3])> {
    let (a, b, c) = (m[0][0], m[1][1], m[2][2]);
    let (o12, o13, o23) = (m[0][1], m[0][2], m[1][2]);
    let off2 = o12 * o12 + o13 * o13 + o23 * o23;
    // A.43-A.44
    let p = 0.5 * ((a - b).powi(2) + (a - c).powi(2) + (b - c).powi(2)) + 3.0 * off2;
    let q = 18.0 * (a * b * c + 3.0 * o12 * o13 * o23)
        + 2.0 * (a.powi(3) + b.powi(3) + c.powi(3))
        + 9.0 * (a + b + c) * off2
        - 3.0 * (a + b) * (a + c) * (b + c)
        - 27.0 * (a * o23 * o23 + b * o13 * o13 + c * o12 * o12);
    let scale = a.abs().max(b.abs()).max(c.abs()).max(off2.sqrt());
    // (NaN-safe: a NaN entry also gives None)
    if p.is_nan() || p <= (1e-10 * scale).powi(2) {
        return None;
    }
    // A.45-A.48
    let delta = (q / (2.0 * p.powf(1.5))).clamp(-1.0, 1.0).acos();
    let tr = a + b + c;
    let two_pi = 2.0 * std::f64::consts::PI;
    let l1 = (tr + 2.0 * p.sqrt() * (delta / 3.0).cos()) / 3.0;
    let l2 = (tr + 2.0 * p.sqrt() * ((delta + two_pi) / 3.0).cos()) / 3.0;
    let l3 = (tr + 2.0 * p.sqrt() * ((delta - two_pi) / 3.0).cos()) / 3.0;
    let gap = (l1 - l3).min(l3 - l2);
    if gap.is_nan() || gap <= 1e-10 * scale {
        return None;
    }
    // A.50-A.51 (erratum 9)
    let th2_sq = ((o12 * o12 + o13 * o13 + (a - l3) * (a + l3 - l1 - l2))
        / ((l1 - l3) * (l3 - l2)))
        .clamp(0.0, 1.0);
    let th3_sq = if th2_sq > 1e-300 {
        ((a - l3 + (l3 - l2) * th2_sq) / ((l1 - l2) * th2_sq)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let (t2_abs, t3_abs) = (th2_sq.sqrt().acos(), th3_sq.sqrt().acos());
    let f1 = [o12, -o13];
    let f2 = [b - c, -2.0 * o23];
    let n1 = f1[0].hypot(f1[1]);
    let n2 = f2[0].hypot(f2[1]);
    let mut best: Option<(f64, f64, f64, f64)> = None;
    for s2 in [1.0, -1.0] {
        for s3 in [1.0, -1.0] {
            let (t2, t3) = (s2 * t2_abs, s3 * t3_abs);
            // A.52 (with the g₂ extraction repaired)
            let g1 = [
                0.5 * (l1 - l2) * t2.cos() * (2.0 * t3).sin(),
                0.5 * ((l1 - l2) * th3_sq + l2 - l3) * (2.0 * t2).sin(),
            ];
            let g2 = [
                (l1 - l2) * (1.0 + (th2_sq - 2.0) * th3_sq) + (l2 - l3) * th2_sq,
                (l1 - l2) * t2.sin() * (2.0 * t3).sin(),
            ];
            // A.56-A.57 (erratum 10: f = R(θ) g, so θ = angle(g) − angle(f))
            let t1a = angle(rot(angle(f1), g1));
            let t1b = 0.5 * angle(rot(angle(f2), g2));
            let diff = mod_pi(t1a - t1b).abs();
            let t1 = if n1 >= n2 {
                t1a
            } else {
                // θ1⁽²⁾ is defined modulo π: the value nearest θ1⁽¹⁾
                t1a - mod_pi(t1a - t1b)
            };
            // the paper decides the signs by the smallest difference; we add the residual,
            // which breaks the tie when one of f₁, f₂ vanishes
            let o = euler(t1, t2, t3);
            let mm = Matrix3::from_fn(|i, j| m[i][j]);
            let d = o.transpose() * mm * o;
            let resid = (d - Matrix3::from_diagonal(&Vector3::new(l1, l2, l3))).norm() / scale;
            let score = diff.max(resid);
            if best.is_none_or(|(s, ..)| score < s) {
                best = Some((score, t1, t2, t3));
            }
        }
    }
    let (_, t1, t2, t3) = best?;
    let o = euler(t1, t2, t3);
    let mut out = [[0.0; 3]; 3];
    for (i, row) in out.iter_mut().enumerate() {
        for (j, x) in row.iter_mut().enumerate() {
            *x = o[(i, j)];
        }
    }
    Some(([l1, l2, l3], out))
}

/// The analytic 3x3 route (Eq. A.20-A.39 with A.43-A.57): in the paper's labelling
/// (A, Z1, Z2, Z3) with μ1² ≥ μ3² ≥ μ2², content = T diag(1, O) (erratum 5). `None` when
/// the spectrum is degenerate (see [`eigen3_analytic`]).
pub fn three_by_three(b: &GaugeBasis) -> Result<Option<Eigenstates>> {
    b.validate()?;
    let Some((l, o)) = eigen3_analytic(&mu2_three(b)) else {
        return Ok(None);
    };
    let mut d4 = Matrix4::<f64>::zeros();
    d4[(0, 0)] = 1.0;
    for i in 0..3 {
        for j in 0..3 {
            d4[(i + 1, j + 1)] = o[i][j];
        }
    }
    let c = kinetic_transformation(b) * d4;
    let mut content = [[0.0; 4]; 4];
    for (a, row) in content.iter_mut().enumerate() {
        for (k, x) in row.iter_mut().enumerate() {
            *x = c[(a, k)];
        }
    }
    Ok(Some(Eigenstates {
        masses_sq: [0.0, l[0], l[1], l[2]],
        content,
    }))
}

/// The small-mixing approximation of Eq. A.42 (corrected, errata 6-7): the matrix
/// (Â, Ẑ, X̂1, X̂2)ᵀ ≈ C (A, Z1, Z2, Z3)ᵀ at first order in α, β, γ and m_i², with Z1, Z2, Z3
/// the Z-, X1- and X2-like states.
pub fn first_order(b: &GaugeBasis) -> [[f64; 4]; 4] {
    let (sw, cw) = (b.sin2w.sqrt(), (1.0 - b.sin2w).sqrt());
    let (al, be, ga) = (b.sin_alpha, b.sin_beta, b.sin_gamma);
    let (mz2, mx1, mx2) = (b.m_z * b.m_z, b.m_x1 * b.m_x1, b.m_x2 * b.m_x2);
    let (m1, m2, m3) = (b.m1_sq, b.m2_sq, b.m3_sq);
    // O alone (erratum 6)
    let a12 = (sw * al * mz2 + m1) / (mx1 - mz2);
    let a13 = (sw * be * mz2 + m2) / (mx2 - mz2);
    let a23 = (m3 - ga * mx1) / (mx2 - mx1);
    [
        [1.0, 0.0, -cw * al, -cw * be],
        [0.0, 1.0, sw * al + a12, sw * be + a13],
        [0.0, -a12, 1.0, -ga + a23],
        [0.0, -a13, -a23, 1.0],
    ]
}

/// The light boson of a gauge-basis model (paper 003 Eq. 4.4): the lightest massive
/// eigenstate, with the sign chosen so that its coupling to J1 is positive.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LightState {
    /// m_X, GeV.
    pub mass: f64,
    /// g_X: its coupling to J1.
    pub g: f64,
    /// ε: the ratio of its couplings to J2 and J1 (J = J1 + ε J2; Eq. A.19 in the 2x2 case).
    pub eps: f64,
    /// ε_γ: its coupling to e J_em.
    pub eps_gamma: f64,
    /// ε_Z: its coupling to (e/ŝ_W ĉ_W) J_Z.
    pub eps_z: f64,
}

/// The light eigenstate for gauge couplings ĝ1, ĝ2: the analytic 2x2 formulas when the Z
/// decouples (exact also for very light bosons), the numerical route otherwise.
pub fn light_state(b: &GaugeBasis, g1_hat: f64, g2_hat: f64) -> Result<LightState> {
    let s = if b.z_decoupled() {
        let t = two_by_two(b.m_x1, b.m_x2, b.m3_sq, b.sin_gamma)?;
        StateCouplings {
            mass: t.masses_sq[0].max(0.0).sqrt(),
            eps_gamma: 0.0,
            eps_z: 0.0,
            g1: g1_hat * t.content[0][0],
            g2: g2_hat * t.content[1][0],
        }
    } else {
        numerical(b)?.state(1, g1_hat, g2_hat)
    };
    if s.g1 == 0.0 || !s.g1.is_finite() {
        return Err(Error::invalid(
            "g1",
            g1_hat,
            "a light eigenstate that couples to the first current (g1 != 0 and the light state contains X1)",
        ));
    }
    let sign = s.g1.signum();
    Ok(LightState {
        mass: s.mass,
        g: s.g1.abs(),
        eps: s.g2 / s.g1,
        eps_gamma: sign * s.eps_gamma,
        eps_z: sign * s.eps_z,
    })
}

#[cfg(test)]
mod tests;

/// A gauge-basis number of a model file: a value, or the name of a declared parameter (so
/// that `--param NAME=VALUE` varies it).
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum Setting {
    /// A fixed value.
    Value(f64),
    /// The value of the model parameter of this name.
    Parameter(String),
}

impl Setting {
    /// The value, reading a parameter through `value_of`.
    pub fn resolve(&self, value_of: &dyn Fn(&str) -> f64) -> f64 {
        match self {
            Setting::Value(x) => *x,
            Setting::Parameter(p) => value_of(p),
        }
    }
}

/// The `[gauge_basis]` section of a model file: the Z' is the light eigenstate of two U(1)
/// bosons X̂1 (coupling ĝ1 to the model's `[charges]`) and X̂2 (coupling ĝ2 to
/// `[gauge_basis.charges]`) with the mixings of [`GaugeBasis`] (paper 003 Eq. 4.1, App. A).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GaugeBasisSpec {
    /// The current of X̂2.
    pub charges_2: super::Charges,
    /// The same as exact fractions (for the anomaly check).
    pub charges_2_exact: super::RationalCharges,
    /// (field name as the file spells it, setting), in the order of [`GaugeBasisSpec::FIELDS`].
    pub settings: Vec<(String, Setting)>,
}

impl GaugeBasisSpec {
    /// The numeric fields of the section with their defaults (m_Z and sin²θ_W: PDG 2024, as
    /// the default input set).
    pub const FIELDS: [(&'static str, Option<f64>); 12] = [
        ("M_X1", None),
        ("M_X2", None),
        ("delta_M2", Some(0.0)),
        ("g1", Some(1.0)),
        ("g2", Some(1.0)),
        ("sin_gamma", Some(0.0)),
        ("sin_alpha", Some(0.0)),
        ("sin_beta", Some(0.0)),
        ("m2_Z_X1", Some(0.0)),
        ("m2_Z_X2", Some(0.0)),
        ("m_Z", Some(91.1880)),
        ("sin2_theta_W", Some(0.23121)),
    ];

    /// The gauge basis and (ĝ1, ĝ2) at the given parameter values.
    pub fn basis(&self, value_of: &dyn Fn(&str) -> f64) -> (GaugeBasis, f64, f64) {
        let get = |name: &str| {
            self.settings
                .iter()
                .find(|(n, _)| n == name)
                .map_or(0.0, |(_, s)| s.resolve(value_of))
        };
        (
            GaugeBasis {
                m_z: get("m_Z"),
                sin2w: get("sin2_theta_W"),
                m_x1: get("M_X1"),
                m_x2: get("M_X2"),
                m1_sq: get("m2_Z_X1"),
                m2_sq: get("m2_Z_X2"),
                m3_sq: get("delta_M2"),
                sin_alpha: get("sin_alpha"),
                sin_beta: get("sin_beta"),
                sin_gamma: get("sin_gamma"),
            },
            get("g1"),
            get("g2"),
        )
    }

    /// The light eigenstate at the given parameter values.
    pub fn light_state(&self, value_of: &dyn Fn(&str) -> f64) -> Result<LightState> {
        let (b, g1, g2) = self.basis(value_of);
        if !(g1.is_finite() && g2.is_finite()) {
            return Err(Error::invalid("g1", g1, "finite gauge couplings g1, g2"));
        }
        light_state(&b, g1, g2)
    }
}
