//! The Z' couplings of the quarks in their mass basis, as four Hermitian 3 × 3 matrices
//! ([`QuarkCouplings`]; paper 003 Eq. 3.1, paper 004 Eq. 6-8, DESIGN.md),
//!
//! `L ⊃ −Z'_μ Σ_ij [L^(d)_ij d̄_iγ^μP_L d_j + R^(d)_ij d̄_iγ^μP_R d_j + L^(u)_ij ū_iγ^μP_L u_j + R^(u)_ij ū_iγ^μP_R u_j]`,
//!
//! evaluated at q² = m_Z'². The off-diagonal entries are the flavour-changing couplings of
//! paper 003 Eq. 2.1, g_ds = L^(d)_12, g_sb = L^(d)_23, g_db = L^(d)_13, g_uc = L^(u)_12,
//! g_ct = L^(u)_23, g_ut = L^(u)_13; the diagonal holds the flavour-conserving couplings
//! (g times the charges plus the kinetic-mixing e ε Q, as in [`crate::couplings::chiral`]).
//! Flavour-universal charges are the diagonal case.
//!
//! A model names its mechanism (`flavour = "..."` in its file, [`crate::model::Model::flavour`]);
//! the mechanism gives the U(1)' gauge part of the matrices (tree level and W loop) and this
//! module adds the kinetic mixing (the photon penguin off the diagonal, e ε Q on it);
//! each mechanism is one file implementing [`Mechanism`], registered by one line in
//! [`REGISTRY`]:
//!
//! - `none` ([`none`]): nothing beyond kinetic mixing;
//! - `up-sector-bl23` ([`up_sector_bl23`], on the loop library [`w_loop`]) (a): Z' couplings to
//!   up-type quarks through the W loop (paper 002), preset `b-l-23`;
//! - `up-vlq` ([`up_vlq`]) (b): an up-type vector-like quark mixing with c and t (paper 000),
//!   preset `lmu-ltau-uvlq`;
//! - `third-generation` ([`third_gen`]) (c): a third-generation (B₃) admixture (paper 003
//!   model II), preset `lmu-ltau+b3`;
//! - `vlq` ([`vlq`]): exact tree-level couplings from vector-like quarks (a doublet and two
//!   singlets) mixing with the SM quarks, 5 × 5 mass matrices diagonalized (paper 003 model I,
//!   paper 004), preset `lmu-ltau-vlq`;
//! - `effective` ([`effective`]): couplings given by the user, preset `fcnc`.
//!
//! On top of the mechanism, every model with a kinetic mixing ε gets the photon penguin
//! ([`kinetic`], mechanism (d); the `dark-photon` preset has only this).
//!
//! The loop mechanisms give left-handed flavour changes only (the W couples to left-handed
//! quarks); `effective` takes both chiralities. Pseudoscalar-to-pseudoscalar rates (K → π,
//! B → K, B → π, D → π) see the vector current, g^L + g^R; B → V sees both g^L − g^R (axial)
//! and g^L + g^R (vector). The up-type matrices come from the model's charges rotated by the
//! CKM matrix where the doublet structure imposes it (L^(u) = V L^(d) V†: `third-generation`,
//! paper 003 Eq. 4.19; `up-sector-bl23`, paper 002 Eq. 3.3-3.4), from `effective`, or from the
//! charges alone; no kinetic-mixing penguin is added to them.
//!
//! Data flow: this module reads the model point ([`crate::model`]) and the kinetic mixing
//! ([`crate::couplings`]); the observables read it. Nothing here is cached: a caller that
//! needs the loop functions of many couplings at one mass keeps them itself
//! ([`up_sector_bl23::Bl23Transition`], [`w_loop::loop_matrices`]).

pub mod effective;
pub mod kinetic;
pub mod none;
pub mod third_gen;
pub mod up_sector_bl23;
pub mod up_vlq;
pub mod vlq;
pub mod w_loop;

pub use up_sector_bl23::wu_row;
pub use up_vlq::vlq_params;

use crate::ckm;
use crate::couplings::{CouplingsAt, Fermion};
use crate::error::{Error, Result};
use crate::inputs::{InputSet, StandardModel};
use crate::model::{Model, Point};
use num_complex::Complex64 as C64;

/// What a mechanism sees besides the point: the Standard-Model inputs, computed once per call
/// of [`quark_couplings`].
#[derive(Debug, Clone, Copy)]
pub struct Environment<'a> {
    /// Standard-Model parameters.
    pub sm: &'a StandardModel,
    /// The CKM matrix of the input set.
    pub ckm: &'a ckm::Matrix3,
    /// g₂² = 4√2 G_F m_W² ([`w_loop::g2_squared`]).
    pub g2sq: f64,
    /// q² = m_Z'², GeV².
    pub q2: f64,
}

/// A quark-flavour mechanism: how a model's Z' acquires its quark couplings in the mass basis.
/// A new mechanism is one file with a unit struct implementing this, plus its line in
/// [`REGISTRY`]; a model file then names it.
pub trait Mechanism: Sync {
    /// The name model files use (`flavour = "..."`).
    fn name(&self) -> &'static str;
    /// One line for `zprime models`: what it computes and where it comes from.
    fn description(&self) -> &'static str;
    /// The model parameters it reads (a model naming the mechanism must declare them).
    fn parameters(&self) -> &'static [&'static str];
    /// The U(1)' gauge part of the couplings at q² = m_Z'² (tree level and loops; full,
    /// Hermitian matrices, diagonal included: start from [`QuarkCouplings::from_charges`]),
    /// without the kinetic mixing, which [`quark_couplings`] adds for every mechanism.
    fn couplings(&self, p: &Point, env: &Environment) -> Result<QuarkCouplings>;
    /// Do once, at the mass of `template`, the work that does not depend on the coupling (a
    /// loop integral), for [`FlavourAtMass`]. `None` (the default): nothing worth preparing,
    /// [`Mechanism::couplings`] is called at each point.
    fn prepare(&self, _template: &Point, _env: &Environment) -> Result<Option<Box<dyn AtMass>>> {
        Ok(None)
    }
}

/// A mechanism prepared at one Z' mass ([`Mechanism::prepare`]).
pub trait AtMass: Send + Sync {
    /// The couplings at a point of that mass (same numbers as [`Mechanism::couplings`]).
    fn couplings(&self, p: &Point, env: &Environment) -> Result<QuarkCouplings>;
}

/// The quark couplings of one model at one Z' mass, for any coupling and parameter values:
/// the mass-dependent, coupling-independent work (the W loop of `up-sector-bl23`, the
/// spectrum and loop of `up-vlq`) is done once in [`FlavourAtMass::new`]. This is how a caller
/// that evaluates many points at one mass (root finding in g, several observables at one
/// point) avoids recomputing loops; nothing is cached behind its back.
pub struct FlavourAtMass {
    mass: f64,
    flavour: std::sync::Arc<str>,
    ckm: ckm::Matrix3,
    mechanism: &'static dyn Mechanism,
    prepared: Option<Box<dyn AtMass>>,
}

impl FlavourAtMass {
    /// Prepare the mechanism of `template` at its mass.
    pub fn new(template: &Point, sm: &StandardModel, inputs: &InputSet) -> Result<FlavourAtMass> {
        let ckm = ckm::from_inputs(inputs)?;
        let mechanism = mechanism(&template.flavour)?;
        let prepared = mechanism.prepare(template, &environment(template, sm, &ckm))?;
        Ok(FlavourAtMass {
            mass: template.mass,
            flavour: template.flavour.clone(),
            ckm,
            mechanism,
            prepared,
        })
    }

    /// The couplings at `p`, a point of the same model and mass (any coupling, any parameters):
    /// the mechanism plus the kinetic mixing.
    pub fn quark_couplings(&self, p: &Point, sm: &StandardModel) -> Result<QuarkCouplings> {
        if p.mass != self.mass || p.flavour != self.flavour {
            return Err(Error::invalid(
                "mass",
                p.mass,
                &format!(
                    "the mass and mechanism the couplings were prepared for: {} GeV, '{}'",
                    self.mass, self.flavour
                ),
            ));
        }
        let env = environment(p, sm, &self.ckm);
        let mut out = match &self.prepared {
            Some(at) => at.couplings(p, &env)?,
            None => self.mechanism.couplings(p, &env)?,
        };
        add_kinetic_mixing(&mut out, p, &env);
        Ok(out)
    }
}

fn environment<'a>(p: &Point, sm: &'a StandardModel, ckm: &'a ckm::Matrix3) -> Environment<'a> {
    Environment {
        sm,
        ckm,
        g2sq: w_loop::g2_squared(sm.g_fermi, sm.m_w),
        q2: p.mass * p.mass,
    }
}

/// Every mechanism, by name.
pub const REGISTRY: &[&dyn Mechanism] = &[
    &none::NoMechanism,
    &up_sector_bl23::UpSectorBl23,
    &up_vlq::UpVlqMixing,
    &third_gen::ThirdGeneration,
    &vlq::VectorLikeQuarks,
    &effective::Effective,
];

/// The mechanism of that name.
pub fn mechanism(name: &str) -> Result<&'static dyn Mechanism> {
    REGISTRY
        .iter()
        .copied()
        .find(|m| m.name() == name)
        .ok_or_else(|| Error::Unknown {
            kind: "flavour mechanism",
            name: name.to_string(),
            known: REGISTRY
                .iter()
                .map(|m| m.name())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// Check that a model's mechanism exists and that the model declares every parameter it reads
/// (for a model file: the error names the model, the mechanism and the missing parameters).
pub fn check(model: &Model) -> Result<()> {
    let m = mechanism(&model.flavour)?;
    let missing: Vec<&str> = m
        .parameters()
        .iter()
        .copied()
        .filter(|n| !model.parameters.iter().any(|s| s.name == *n))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::file(
            format!("model '{}'", model.name),
            format!(
                "flavour mechanism '{}' reads the parameters {}: declare them in [[parameters]]",
                m.name(),
                missing.join(", ")
            ),
        ))
    }
}

/// A complex 3 × 3 matrix in generation space, `m[i][j]` for the current q̄_i γ^μ P q_j
/// (i, j = 0, 1, 2 = d, s, b or u, c, t).
pub type QuarkMatrix = [[C64; 3]; 3];

/// The zero matrix.
pub const ZERO_MATRIX: QuarkMatrix = [[C64::new(0.0, 0.0); 3]; 3];

/// The Z' couplings of the quarks in the mass basis at q² = m_Z'² (module documentation):
/// `L ⊃ −Z'_μ Σ_ij [down_left_ij d̄_iγ^μP_L d_j + down_right_ij d̄_iγ^μP_R d_j + (u likewise)]`.
/// Each matrix is Hermitian (up to the absorptive part of a loop-induced ε(q²) on the
/// diagonal); [`QuarkCouplings::left`] and friends read one flavour change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuarkCouplings {
    /// L^(d): left-handed down-type quarks (d, s, b).
    pub down_left: QuarkMatrix,
    /// R^(d): right-handed down-type quarks.
    pub down_right: QuarkMatrix,
    /// L^(u): left-handed up-type quarks (u, c, t).
    pub up_left: QuarkMatrix,
    /// R^(u): right-handed up-type quarks.
    pub up_right: QuarkMatrix,
}

/// A flavour-changing transition, for [`QuarkCouplings::left`] and friends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// s → d (d̄ s).
    Ds,
    /// b → s (s̄ b).
    Sb,
    /// b → d (d̄ b).
    Db,
    /// c → u (ū c).
    Uc,
    /// t → c (c̄ t).
    Ct,
    /// t → u (ū t).
    Ut,
}

impl Transition {
    /// Whether the quarks are up-type, and the indices (i, j) of the current q̄_i γ^μ q_j.
    pub fn indices(self) -> (bool, usize, usize) {
        match self {
            Transition::Ds => (false, 0, 1),
            Transition::Sb => (false, 1, 2),
            Transition::Db => (false, 0, 2),
            Transition::Uc => (true, 0, 1),
            Transition::Ct => (true, 1, 2),
            Transition::Ut => (true, 0, 2),
        }
    }
}

/// The diagonal matrix with `d` on the diagonal.
pub fn diagonal(d: [f64; 3]) -> QuarkMatrix {
    let mut m = ZERO_MATRIX;
    for (i, x) in d.iter().enumerate() {
        m[i][i] = C64::new(*x, 0.0);
    }
    m
}

/// `a D a†` for a matrix `a` (a CKM rotation) and a real diagonal `d`.
pub fn rotate_diagonal(a: &ckm::Matrix3, d: [f64; 3]) -> QuarkMatrix {
    let mut m = ZERO_MATRIX;
    for (i, row) in m.iter_mut().enumerate() {
        for (j, x) in row.iter_mut().enumerate() {
            *x = (0..3).map(|k| a[i][k] * d[k] * a[j][k].conj()).sum();
        }
    }
    m
}

impl QuarkCouplings {
    /// No coupling at all.
    pub const ZERO: QuarkCouplings = QuarkCouplings {
        down_left: ZERO_MATRIX,
        down_right: ZERO_MATRIX,
        up_left: ZERO_MATRIX,
        up_right: ZERO_MATRIX,
    };

    /// The tree-level couplings of the point's charges with the quark mass basis aligned with
    /// the gauge basis: g times the diagonal charges (q_L for both L^(d) and L^(u), u_R, d_R).
    /// A mechanism whose charges are not flavour-universal rotates L^(u) by the CKM matrix.
    pub fn from_charges(p: &Point) -> QuarkCouplings {
        let c = &p.charges;
        let scaled = |q: [f64; 3]| diagonal(q.map(|x| p.g * x));
        QuarkCouplings {
            down_left: scaled(c.q_l),
            down_right: scaled(c.d_r),
            up_left: scaled(c.q_l),
            up_right: scaled(c.u_r),
        }
    }

    fn entry(m: &QuarkMatrix, t: Transition) -> C64 {
        let (_, i, j) = t.indices();
        m[i][j]
    }

    /// The left-handed coupling of a transition.
    pub fn left(&self, t: Transition) -> C64 {
        let up = t.indices().0;
        Self::entry(if up { &self.up_left } else { &self.down_left }, t)
    }

    /// The right-handed coupling of a transition.
    pub fn right(&self, t: Transition) -> C64 {
        let up = t.indices().0;
        Self::entry(if up { &self.up_right } else { &self.down_right }, t)
    }

    /// The vector-current coupling g^L + g^R: what a pseudoscalar-to-pseudoscalar decay sees
    /// (⟨P|q̄γ^μγ₅Q|P'⟩ = 0, so P_L and P_R both give ½ of the vector matrix element).
    pub fn vector(&self, t: Transition) -> C64 {
        self.left(t) + self.right(t)
    }

    /// The axial-current combination g^L − g^R (with the vector one, what B → V sees).
    pub fn axial(&self, t: Transition) -> C64 {
        self.left(t) - self.right(t)
    }

    /// Set the left-handed coupling of a transition (and its Hermitian conjugate entry).
    pub fn set_left(&mut self, t: Transition, g: C64) {
        let (up, i, j) = t.indices();
        let m = if up {
            &mut self.up_left
        } else {
            &mut self.down_left
        };
        m[i][j] = g;
        m[j][i] = g.conj();
    }

    /// Set the right-handed coupling of a transition (and its Hermitian conjugate entry).
    pub fn set_right(&mut self, t: Transition, g: C64) {
        let (up, i, j) = t.indices();
        let m = if up {
            &mut self.up_right
        } else {
            &mut self.down_right
        };
        m[i][j] = g;
        m[j][i] = g.conj();
    }

    /// The four matrices, in the order down_left, down_right, up_left, up_right.
    pub fn matrices(&self) -> [&QuarkMatrix; 4] {
        [
            &self.down_left,
            &self.down_right,
            &self.up_left,
            &self.up_right,
        ]
    }

    /// The largest |m_ij − m*_ji|, i ≠ j, of the four matrices (0 by construction). The
    /// diagonal is not tested: above a fermion threshold the loop-induced kinetic mixing
    /// ε(q²) has an absorptive part, and e ε Q makes a diagonal entry complex.
    pub fn hermiticity_defect(&self) -> f64 {
        let mut worst = 0.0_f64;
        for m in self.matrices() {
            for (i, j) in [(0, 1), (1, 2), (0, 2)] {
                worst = worst.max((m[i][j] - m[j][i].conj()).norm());
            }
        }
        worst
    }
}

/// The down-type flavour changes ds, sb, db, in the order of [`PAIRS`].
pub const DOWN_TRANSITIONS: [Transition; 3] = [Transition::Ds, Transition::Sb, Transition::Db];

/// Indices (i, j) of the transitions ds, sb, db.
pub const PAIRS: [(usize, usize); 3] = [(0, 1), (1, 2), (0, 2)];

/// A model parameter of the point (0 if the model has none of that name).
pub(crate) fn param(p: &Point, name: &str) -> f64 {
    p.parameters.get(name).copied().unwrap_or(0.0)
}

/// The quark couplings at q² = m_Z'²: the model's mechanism plus the kinetic mixing. For many
/// points at one mass use [`FlavourAtMass`].
pub fn quark_couplings(p: &Point, sm: &StandardModel, inputs: &InputSet) -> Result<QuarkCouplings> {
    let v = ckm::from_inputs(inputs)?;
    let env = environment(p, sm, &v);
    let mut out = mechanism(&p.flavour)?.couplings(p, &env)?;
    add_kinetic_mixing(&mut out, p, &env);
    Ok(out)
}

/// Add the kinetic mixing: on the diagonal the e ε Q of [`crate::couplings::chiral`] (the
/// loop-induced ε for a quark without U(1)' charge, the tree-level ε₀ otherwise); off the
/// diagonal of L^(d) the photon penguin, with the loop-induced ε only where no quark carries
/// a U(1)' charge, the tree-level ε₀ always.
fn add_kinetic_mixing(out: &mut QuarkCouplings, p: &Point, env: &Environment) {
    let (sm, q2) = (env.sm, env.q2);
    let at = CouplingsAt::new(p, sm, q2);
    for i in 0..3 {
        for (f, left, right) in [
            (Fermion::Down(i), &mut out.down_left, &mut out.down_right),
            (Fermion::Up(i), &mut out.up_left, &mut out.up_right),
        ] {
            let (ql, qr) = f.charges(p);
            let (l, r) = at.chiral(f);
            left[i][i] += l - p.g * ql;
            right[i][i] += r - p.g * qr;
        }
    }
    let eps = if p.charges.quarks_uncharged() {
        at.kinetic_mixing()
    } else {
        C64::new(p.kinetic_mixing_tree, 0.0)
    };
    // the Z-like mixing of a gauge-basis model is the ε_ZX of the D̃₀ penguin
    if eps != C64::new(0.0, 0.0) || p.z_mixing != 0.0 {
        for (t, &(i, j)) in DOWN_TRANSITIONS.iter().zip(PAIRS.iter()) {
            let penguin = kinetic::induced(
                env.ckm,
                i,
                j,
                q2,
                eps,
                p.z_mixing,
                sm.m_up,
                sm.m_w,
                sm.g_fermi,
                sm.e(),
                sm.sin2_theta_w,
            );
            let g = out.left(*t) + penguin;
            out.set_left(*t, g);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::w_loop::*;
    use super::*;
    use crate::model::preset;
    use std::collections::BTreeMap;

    fn setup(set: &str) -> (InputSet, StandardModel, ckm::Matrix3, f64) {
        let i = InputSet::load(set).unwrap();
        let sm = StandardModel::from_inputs(&i).unwrap();
        let v = ckm::from_inputs(&i).unwrap();
        let g2 = g2_squared(sm.g_fermi, sm.m_w);
        (i, sm, v, g2)
    }

    /// (a) The UV poles of individual terms cancel by CKM unitarity for paper 002's g_L^u (and
    /// any g_R^u): the result has no pole and does not depend on μ, in either Dirac scheme.
    #[test]
    fn w_loop_is_finite_and_mu_independent_for_bl23() {
        let (_, sm, v, g2) = setup("kang2020");
        let rows = ckm_rows(&v);
        let wu = Some([
            C64::from_polar(0.3, 0.4),
            C64::from_polar(0.5, -1.0),
            C64::from_polar((1.0f64 - 0.34).sqrt(), 2.0),
        ]);
        let (gl, gr) = bl23_couplings(&v, 1.0, wu);
        for scheme in [DiracScheme::FourDim, DiracScheme::Ndr] {
            let mut vals = Vec::new();
            for mu2 in [1.0, 100.0, 1e4] {
                let lm = loop_matrices(
                    &sm.m_up,
                    0.02,
                    sm.m_w * sm.m_w,
                    LoopOptions {
                        goldstone: false,
                        scheme,
                        mu2,
                    },
                )
                .unwrap();
                for (i, j) in PAIRS {
                    let g = induced_coupling(&lm, &rows, &gl, &gr, i, j, g2);
                    // the individual pole terms are O(g₂²/32π²) ≈ 1e-3: they cancel to rounding
                    assert!(g.pole.norm() < 1e-16, "{i}{j} {g:?}");
                    vals.push((i, j, g.value));
                }
            }
            for k in 0..3 {
                let (a, b, c) = (vals[k].2, vals[k + 3].2, vals[k + 6].2);
                // finite parts of O(1e-3) cancel to the result (observed: 1e-15 to 4e-12)
                assert!(
                    (a - b).norm() < 1e-10 * a.norm() && (a - c).norm() < 1e-10 * a.norm(),
                    "{a} {b} {c}"
                );
            }
            // individual matrix elements do depend on μ: the cancellation is real
            let l1 = loop_matrices(
                &sm.m_up,
                0.02,
                sm.m_w * sm.m_w,
                LoopOptions {
                    goldstone: false,
                    scheme,
                    mu2: 1.0,
                },
            )
            .unwrap();
            let l2 = loop_matrices(
                &sm.m_up,
                0.02,
                sm.m_w * sm.m_w,
                LoopOptions {
                    goldstone: false,
                    scheme,
                    mu2: 100.0,
                },
            )
            .unwrap();
            assert!((l1.kl[1][1].finite - l2.kl[1][1].finite).norm() > 1.0);
        }
    }

    /// A generic Hermitian g_L^u with a tree-level down-type FCNC, (V†g_L V)_ds ≠ 0: the pole
    /// coefficient is reported and the finite part runs with μ exactly as the pole says,
    /// d(value)/d ln μ² = pole.
    #[test]
    fn generic_couplings_report_their_pole() {
        let (_, sm, v, g2) = setup("default");
        let rows = ckm_rows(&v);
        let gl = vec![
            vec![C64::new(0.2, 0.0), C64::new(0.05, 0.01), C64::new(0.0, 0.0)],
            vec![
                C64::new(0.05, -0.01),
                C64::new(-0.1, 0.0),
                C64::new(0.02, 0.0),
            ],
            vec![C64::new(0.0, 0.0), C64::new(0.02, 0.0), C64::new(0.3, 0.0)],
        ];
        let gr = vec![vec![C64::new(0.0, 0.0); 3]; 3];
        let opts = |mu2| LoopOptions {
            goldstone: false,
            scheme: DiracScheme::FourDim,
            mu2,
        };
        let a = induced_coupling(
            &loop_matrices(&sm.m_up, 0.02, sm.m_w * sm.m_w, opts(1.0)).unwrap(),
            &rows,
            &gl,
            &gr,
            0,
            1,
            g2,
        );
        let b = induced_coupling(
            &loop_matrices(&sm.m_up, 0.02, sm.m_w * sm.m_w, opts(50.0)).unwrap(),
            &rows,
            &gl,
            &gr,
            0,
            1,
            g2,
        );
        assert!(a.pole.norm() > 1e-4);
        let slope = (b.value - a.value) / 50f64.ln();
        assert!(
            (slope - a.pole).norm() < 1e-10 * a.pole.norm(),
            "{slope} vs {}",
            a.pole
        );
        // and the pole is (g₂²/32π²)(V† g_L V)_ds
        let mut vgv = C64::new(0.0, 0.0);
        for x in 0..3 {
            for y in 0..3 {
                vgv += v[x][0].conj() * gl[x][y] * v[y][1];
            }
        }
        let expect = g2 / (32.0 * std::f64::consts::PI.powi(2)) * vgv;
        assert!(
            (a.pole - expect).norm() < 1e-12 * expect.norm(),
            "{} vs {expect}",
            a.pole
        );
    }

    /// (b) paper 000: the exact one loop is finite and tends to the large-m_U form of Eq. (6).
    #[test]
    fn vector_like_quark_exact_vs_large_mu() {
        let (_, sm, v, g2) = setup("fuyuto2014");
        for (mu, tol) in [(2000.0, 0.006), (20000.0, 2e-4)] {
            let p = up_vlq::UpVlq {
                y_uc: 0.3,
                y_ut: 0.5,
                m_u_heavy: mu,
                v_phi: 135.0,
            };
            let ex =
                up_vlq::induced(&p, &v, 0, 1, 1e-3, 0.135f64.powi(2), sm.m_up, sm.m_w, g2).unwrap();
            let lg = up_vlq::large_mu(&p, &v, 0, 1, 1e-3, sm.m_up, sm.m_w, sm.vev());
            assert!(ex.pole.norm() < 1e-12 * ex.value.norm());
            assert!(
                (ex.value / lg - 1.0).norm() < tol,
                "m_U={mu}: {} vs {lg}",
                ex.value
            );
        }
        // f_cc: the charm term alone (Y_Ut = 0) is the c_cc f_cc term
        let p = up_vlq::UpVlq {
            y_uc: 0.3,
            y_ut: 0.0,
            m_u_heavy: 20000.0,
            v_phi: 135.0,
        };
        let ex =
            up_vlq::induced(&p, &v, 0, 1, 1e-3, 0.135f64.powi(2), sm.m_up, sm.m_w, g2).unwrap();
        let lg = up_vlq::large_mu(&p, &v, 0, 1, 1e-3, sm.m_up, sm.m_w, sm.vev());
        assert!((ex.value / lg - 1.0).norm() < 1e-3);
    }

    /// Every preset's matrices are Hermitian; their diagonal is the flavour-conserving
    /// coupling of `couplings::chiral` (charges plus e ε Q) wherever the mechanism adds no
    /// tree-level flavour structure; the third generation's up-type matrix is g V diag(Q) V†
    /// (its g_uc the former `up_couplings`, paper 003 Eq. 4.19).
    #[test]
    fn matrices_are_hermitian_with_the_charges_on_the_diagonal() {
        let (i, sm, v, _) = setup("default");
        let params = |kv: &[(&str, f64)]| -> BTreeMap<String, f64> {
            kv.iter().map(|(k, x)| (k.to_string(), *x)).collect()
        };
        let cases = [
            ("lmu-ltau", params(&[])),
            ("b-l-23", params(&[("Wu1_abs", 0.6), ("Wu2_abs", 0.8)])),
            ("lmu-ltau+b3", params(&[("eps", 0.3)])),
            ("lmu-ltau-uvlq", params(&[("Y_Uc", 0.3), ("Y_Ut", 0.5)])),
            ("dark-photon", params(&[])),
            (
                "fcnc",
                params(&[("Re_g_ds", 1e-11), ("Im_gL_ct", 2e-3), ("Re_gR_ut", 1e-4)]),
            ),
        ];
        for (name, p) in cases {
            let pt = preset(name).unwrap().point(0.2, 1e-3, &p).unwrap();
            let c = quark_couplings(&pt, &sm, &i).unwrap();
            assert!(c.hermiticity_defect() < 1e-18, "{name}");
            let at = crate::couplings::CouplingsAt::new(&pt, &sm, 0.04);
            for k in 0..3 {
                let (dl, dr) = at.chiral(crate::couplings::Fermion::Down(k));
                let (ul, ur) = at.chiral(crate::couplings::Fermion::Up(k));
                let close = |a: C64, b: C64| (a - b).norm() <= 1e-14 * (a.norm() + b.norm());
                assert!(
                    close(c.down_left[k][k], dl) && close(c.down_right[k][k], dr),
                    "{name} {k}"
                );
                // b-l-23 rotates both up-type matrices (V and W_u), the third generation L^(u);
                // the up-type vector-like quark mixes into the light up quarks
                if name != "b-l-23" && name != "lmu-ltau-uvlq" {
                    assert!(close(c.up_right[k][k], ur), "{name} {k}");
                }
                if !["lmu-ltau+b3", "b-l-23", "lmu-ltau-uvlq"].contains(&name) {
                    assert!(close(c.up_left[k][k], ul), "{name} {k}");
                }
            }
        }
        let pt = preset("lmu-ltau+b3")
            .unwrap()
            .point(0.2, 1e-3, &params(&[("eps", 0.3)]))
            .unwrap();
        let c = quark_couplings(&pt, &sm, &i).unwrap();
        let q3 = pt.charges.q_l[2] * 1e-3;
        let uc = q3 * v[0][2] * v[1][2].conj();
        assert!((c.left(Transition::Uc) - uc).norm() < 1e-15 * uc.norm());
        let ct = q3 * v[1][2] * v[2][2].conj();
        assert!((c.left(Transition::Ct) - ct).norm() < 1e-15 * ct.norm());
        let pt = preset("fcnc")
            .unwrap()
            .point(0.2, 2.0, &params(&[("Im_gL_ct", 2e-3), ("Re_gR_ut", 1e-4)]))
            .unwrap();
        let c = quark_couplings(&pt, &sm, &i).unwrap();
        assert_eq!(c.left(Transition::Ct), C64::new(0.0, 4e-3));
        assert_eq!(c.up_left[2][1], C64::new(0.0, -4e-3));
        assert_eq!(c.right(Transition::Ut), C64::new(2e-4, 0.0));
    }

    /// Prepared at one mass, the couplings are the same numbers as point by point, for any
    /// coupling and parameters; a point of another mass is refused.
    #[test]
    fn prepared_at_mass_gives_the_same_numbers() {
        let (i, sm, _, _) = setup("default");
        let cases: [(&str, Vec<(&str, f64)>); 4] = [
            ("b-l-23", vec![("kinetic_mixing", 1e-4)]),
            (
                "b-l-23",
                vec![("Wu1_abs", 0.6), ("Wu2_abs", 0.8), ("Wu3_phase", 1.0)],
            ),
            (
                "lmu-ltau-uvlq",
                vec![("Y_Uc", 0.3), ("Y_Ut", 0.5), ("v_phi", 135.0)],
            ),
            ("lmu-ltau-uvlq", vec![("Y_Uc", 0.3), ("Y_Ut", 0.5)]),
        ];
        for (name, params) in cases {
            let m = preset(name).unwrap();
            let params: BTreeMap<String, f64> =
                params.iter().map(|(k, v)| (k.to_string(), *v)).collect();
            let template = m.point(0.135, 1e-3, &params).unwrap();
            let at = FlavourAtMass::new(&template, &sm, &i).unwrap();
            for g in [1e-3, 3e-4, 2e-2] {
                let p = template.with_coupling(g);
                assert_eq!(
                    at.quark_couplings(&p, &sm).unwrap(),
                    quark_couplings(&p, &sm, &i).unwrap(),
                    "{name} {params:?} g = {g}"
                );
            }
            let other = m.point(0.135, 1e-3, &BTreeMap::new()).unwrap();
            assert_eq!(
                at.quark_couplings(&other, &sm).unwrap(),
                quark_couplings(&other, &sm, &i).unwrap()
            );
            let e = at
                .quark_couplings(&template.with_mass(0.2), &sm)
                .unwrap_err();
            assert!(e.to_string().contains("prepared"), "{e}");
        }
    }

    /// The presets: b-l-23 Scenario I is proportional to g; fcnc returns its parameters;
    /// lmu-ltau-uvlq derives v_phi = m/g; lmu-ltau-vlq adds its tree-level couplings; the dark
    /// photon goes with ε. Every preset names a registered mechanism with its parameters.
    #[test]
    fn presets_give_their_couplings() {
        for name in crate::model::preset_names() {
            check(&preset(name).unwrap()).unwrap();
        }
        let (i, sm, _, _) = setup("default");
        let m = preset("fcnc").unwrap();
        let mut p = BTreeMap::new();
        p.insert("Re_g_ds".to_string(), 1e-11);
        p.insert("Im_g_sb".to_string(), -2e-9);
        let c = quark_couplings(&m.point(0.1, 2.0, &p).unwrap(), &sm, &i).unwrap();
        assert_eq!(
            (
                c.left(Transition::Ds),
                c.left(Transition::Sb),
                c.left(Transition::Db)
            ),
            (
                C64::new(2e-11, 0.0),
                C64::new(0.0, -4e-9),
                C64::new(0.0, 0.0)
            )
        );
        let m = preset("lmu-ltau-uvlq").unwrap();
        let mut p = BTreeMap::new();
        p.insert("Y_Uc".to_string(), 0.3);
        p.insert("Y_Ut".to_string(), 0.5);
        let a = quark_couplings(&m.point(0.135, 1e-3, &p).unwrap(), &sm, &i).unwrap();
        p.insert("v_phi".to_string(), 135.0);
        let b = quark_couplings(&m.point(0.135, 1e-3, &p).unwrap(), &sm, &i).unwrap();
        assert!(
            (a.left(Transition::Ds) - b.left(Transition::Ds)).norm()
                < 1e-12 * a.left(Transition::Ds).norm()
                && a.left(Transition::Ds).norm() > 0.0
        );
        assert!(!m
            .point(0.135, 1e-3, &BTreeMap::new())
            .unwrap()
            .single_coupling());
        // without mixing nothing is needed; v_phi = m/g needs g > 0
        let p0 = m.point(0.135, 0.0, &BTreeMap::new()).unwrap();
        assert!(quark_couplings(&p0, &sm, &i).is_ok());
        assert!(vlq_params(&p0).unwrap_err().to_string().contains("v_phi"));
        // lmu-ltau-vlq: the tree-level formula on top of lmu-ltau's kinetic-mixing penguin
        let m = preset("lmu-ltau-vlq").unwrap();
        check(&m).unwrap();
        let mut p = BTreeMap::new();
        p.insert("Y_Qd_re".to_string(), 5.2e-4);
        p.insert("Y_Qs_im".to_string(), 5.2e-4);
        p.insert("Y_Qb_re".to_string(), 1e-3);
        p.insert("v_phi".to_string(), 260.0);
        let pt = m.point(0.135, 5e-4, &p).unwrap();
        assert!(pt.single_coupling());
        let with = quark_couplings(&pt, &sm, &i).unwrap();
        let base = preset("lmu-ltau")
            .unwrap()
            .point(0.135, 5e-4, &BTreeMap::new())
            .unwrap();
        let without = quark_couplings(&base, &sm, &i).unwrap();
        let y = [
            C64::new(5.2e-4, 0.0),
            C64::new(0.0, 5.2e-4),
            C64::new(1e-3, 0.0),
        ];
        let tree = vlq::leading_order::doublet_down_fcnc(y, 5e-4, 260.0, 2000.0);
        for (k, (a, b)) in [
            (with.left(Transition::Ds), without.left(Transition::Ds)),
            (with.left(Transition::Sb), without.left(Transition::Sb)),
            (with.left(Transition::Db), without.left(Transition::Db)),
        ]
        .into_iter()
        .enumerate()
        {
            // the exact diagonalization (mechanism `vlq`) differs from the leading-order formula
            // by O(Σ|θ|²) = 1e-8 and O(m_b²/m_Q²) = 4e-6 relative (flavour::vlq::tests)
            assert!((a - b - tree[k]).norm() < 1e-5 * tree[k].norm(), "{k}");
        }
        // Im g_ds = -g Y_Qd Y_Qs v^2/(2 m_Q^2) with Y_Qs imaginary
        assert!((tree[0].im + 5e-4 * 5.2e-4 * 5.2e-4 * 260.0 * 260.0 / 8e6).abs() < 1e-25);
        // v_phi = m/g (the default) makes the point depend on g beyond the overall factor
        p.remove("v_phi");
        assert!(!m.point(0.135, 5e-4, &p).unwrap().single_coupling());
        // a model file naming an unknown mechanism, or missing its parameters, is refused
        let mut bad = m.clone();
        bad.flavour = "vlq-doublett".into();
        assert!(check(&bad).unwrap_err().to_string().contains("vlq"));
        bad.flavour = "up-vlq".into();
        let e = check(&bad).unwrap_err().to_string();
        assert!(e.contains("Y_Uc") && e.contains("[[parameters]]"), "{e}");
        let dp = preset("dark-photon").unwrap();
        let d1 = quark_couplings(&dp.point(0.1, 1e-3, &BTreeMap::new()).unwrap(), &sm, &i).unwrap();
        let d2 = quark_couplings(&dp.point(0.1, 2e-3, &BTreeMap::new()).unwrap(), &sm, &i).unwrap();
        assert!(
            (d2.left(Transition::Ds) - 2.0 * d1.left(Transition::Ds)).norm()
                < 1e-12 * d2.left(Transition::Ds).norm()
        );
    }

    /// fcnc: the new names (gL, gR for ds, sb, db, uc) and the old ones (Re_g_ds = left-handed)
    /// give the same couplings; both at once is refused naming the field; the K → π rate sees
    /// g^L + g^R.
    #[test]
    fn fcnc_takes_both_chiralities_and_the_old_names() {
        let (i, sm, _, _) = setup("default");
        let m = preset("fcnc").unwrap();
        let point = |pairs: &[(&str, f64)]| {
            let p: BTreeMap<String, f64> = pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
            m.point(0.1, 2.0, &p).unwrap()
        };
        let old =
            quark_couplings(&point(&[("Re_g_ds", 1e-11), ("Im_g_sb", -2e-9)]), &sm, &i).unwrap();
        let new =
            quark_couplings(&point(&[("Re_gL_ds", 1e-11), ("Im_gL_sb", -2e-9)]), &sm, &i).unwrap();
        assert_eq!(old, new);
        let e = quark_couplings(&point(&[("Re_g_ds", 1e-11), ("Re_gL_ds", 1e-11)]), &sm, &i)
            .unwrap_err()
            .to_string();
        assert!(e.contains("Re_g_ds") && e.contains("Re_gL_ds"), "{e}");
        let c = quark_couplings(
            &point(&[
                ("Re_gR_db", 3e-10),
                ("Im_gR_ds", 1e-12),
                ("Re_gL_uc", 4e-8),
                ("Im_gR_uc", -5e-8),
            ]),
            &sm,
            &i,
        )
        .unwrap();
        assert_eq!(c.right(Transition::Db), C64::new(6e-10, 0.0));
        assert_eq!(c.right(Transition::Ds), C64::new(0.0, 2e-12));
        assert_eq!(
            (c.left(Transition::Uc), c.right(Transition::Uc)),
            (C64::new(8e-8, 0.0), C64::new(0.0, -1e-7))
        );
        assert_eq!(c.vector(Transition::Uc), C64::new(8e-8, -1e-7));
        assert_eq!(c.axial(Transition::Db), C64::new(-6e-10, 0.0));
        // K+ -> pi+ Z': g^R alone equals g^L alone; g^L = -g^R cancels
        let br = |pairs: &[(&str, f64)]| {
            crate::observables::predict("Gamma(K+->piZp)", &[], &point(pairs), &i).unwrap()
        };
        let l = br(&[("Re_gL_ds", 1e-11)]);
        assert!(l > 0.0);
        assert_eq!(br(&[("Re_gR_ds", 1e-11)]), l);
        assert_eq!(br(&[("Re_gL_ds", 1e-11), ("Re_gR_ds", -1e-11)]), 0.0);
        // the loop mechanisms give no right-handed coupling
        let b3 = preset("lmu-ltau+b3").unwrap();
        let mut p = BTreeMap::new();
        p.insert("eps".to_string(), 0.012);
        let c = quark_couplings(&b3.point(0.135, 1e-3, &p).unwrap(), &sm, &i).unwrap();
        assert_eq!(c.right(Transition::Sb), C64::new(0.0, 0.0));
        assert!(c.left(Transition::Uc).norm() > 0.0 && c.left(Transition::Sb).norm() > 0.0);
    }
}
