//! Flavour-changing Z' couplings, `L ⊃ −Z'_μ [g^L_ij q̄_iγ^μP_L q_j + g^R_ij q̄_iγ^μP_R q_j] + h.c.`
//! for the down-type pairs ij = ds, sb, db and the up-type pair uc (paper 003 Eq. 2.1 for the
//! left-handed ones; DESIGN.md), evaluated at q² = m_Z'².
//!
//! A model names its mechanism (`flavour = "..."` in its file, [`crate::model::Model::flavour`]);
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
//! The loop mechanisms give left-handed couplings only (the W couples to left-handed quarks):
//! their right-handed couplings are 0 ([`Mechanism::right_handed`]); `effective` takes both.
//! Pseudoscalar-to-pseudoscalar rates (K → π, B → K, B → π, D → π) see the vector current,
//! g^L + g^R; B → V sees both g^L − g^R (axial) and g^L + g^R (vector).
//! The up-type coupling g_uc ([`Mechanism::up_couplings`]) comes from `effective` and, at tree
//! level, from a generation-dependent quark-doublet charge (`third-generation`, paper 003
//! Eq. 4.19); the other mechanisms give 0 (the `up-sector-bl23` and `up-vlq` up-type couplings
//! are not exported), and no kinetic-mixing penguin is added to it.
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
use crate::couplings::kinetic_mixing;
use crate::error::{Error, Result};
use crate::inputs::{InputSet, StandardModel};
use crate::model::{Model, Point};
use num_complex::Complex64 as C64;

/// What a mechanism sees besides the point: the Standard-Model inputs, computed once per call
/// of [`down_couplings`].
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

/// A quark-flavour mechanism: how a model's Z' acquires the couplings g_ds, g_sb, g_db.
/// A new mechanism is one file with a unit struct implementing this, plus its line in
/// [`REGISTRY`]; a model file then names it.
pub trait Mechanism: Sync {
    /// The name model files use (`flavour = "..."`).
    fn name(&self) -> &'static str;
    /// One line for `zprime models`: what it computes and where it comes from.
    fn description(&self) -> &'static str;
    /// The model parameters it reads (a model naming the mechanism must declare them).
    fn parameters(&self) -> &'static [&'static str];
    /// The left-handed couplings (g_ds, g_sb, g_db) at q² = m_Z'², without the kinetic-mixing
    /// penguin (which [`down_couplings`] adds for every mechanism).
    fn couplings(&self, p: &Point, env: &Environment) -> Result<[C64; 3]>;
    /// The right-handed couplings (g^R_ds, g^R_sb, g^R_db); 0 unless the mechanism gives them.
    fn right_handed(&self, _p: &Point, _env: &Environment) -> Result<[C64; 3]> {
        Ok([C64::new(0.0, 0.0); 3])
    }
    /// The up-type couplings (g^L_uc, g^R_uc) (`ū γ^μ P_{L,R} c`); 0 unless the mechanism gives
    /// them.
    fn up_couplings(&self, _p: &Point, _env: &Environment) -> Result<[C64; 2]> {
        Ok([C64::new(0.0, 0.0); 2])
    }
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
    fn couplings(&self, p: &Point, env: &Environment) -> Result<[C64; 3]>;
}

/// The flavour-changing couplings of one model at one Z' mass, for any coupling and parameter
/// values: the mass-dependent, coupling-independent work (the W loop of `up-sector-bl23`, the
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
    /// the mechanism plus the photon penguin of the kinetic mixing.
    pub fn down_couplings(&self, p: &Point, sm: &StandardModel) -> Result<DownCouplings> {
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
        add_kinetic_penguin(&mut out, p, &env);
        assemble(out, self.mechanism, p, &env)
    }
}

/// The couplings from the left-handed down-type ones (penguin included) and the mechanism's
/// right-handed and up-type ones.
fn assemble(
    left: [C64; 3],
    mechanism: &dyn Mechanism,
    p: &Point,
    env: &Environment,
) -> Result<DownCouplings> {
    let right = mechanism.right_handed(p, env)?;
    let uc = mechanism.up_couplings(p, env)?;
    Ok(DownCouplings {
        ds: left[0],
        sb: left[1],
        db: left[2],
        ds_right: right[0],
        sb_right: right[1],
        db_right: right[2],
        uc: uc[0],
        uc_right: uc[1],
    })
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

/// The flavour-changing couplings at q² = m_Z'²: the left-handed down-type ones under their
/// historical names (`ds`, `sb`, `db`), the right-handed ones, and the up-type u–c pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DownCouplings {
    /// g^L_ds (d̄ γ^μ P_L s).
    pub ds: C64,
    /// g^L_sb (s̄ γ^μ P_L b).
    pub sb: C64,
    /// g^L_db (d̄ γ^μ P_L b).
    pub db: C64,
    /// g^R_ds (d̄ γ^μ P_R s).
    pub ds_right: C64,
    /// g^R_sb (s̄ γ^μ P_R b).
    pub sb_right: C64,
    /// g^R_db (d̄ γ^μ P_R b).
    pub db_right: C64,
    /// g^L_uc (ū γ^μ P_L c).
    pub uc: C64,
    /// g^R_uc (ū γ^μ P_R c).
    pub uc_right: C64,
}

/// A flavour-changing transition, for [`DownCouplings::left`] and friends.
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
}

impl DownCouplings {
    /// The left-handed coupling of a transition.
    pub fn left(&self, t: Transition) -> C64 {
        match t {
            Transition::Ds => self.ds,
            Transition::Sb => self.sb,
            Transition::Db => self.db,
            Transition::Uc => self.uc,
        }
    }

    /// The right-handed coupling of a transition.
    pub fn right(&self, t: Transition) -> C64 {
        match t {
            Transition::Ds => self.ds_right,
            Transition::Sb => self.sb_right,
            Transition::Db => self.db_right,
            Transition::Uc => self.uc_right,
        }
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
}

/// Indices (i, j) of the transitions ds, sb, db.
pub const PAIRS: [(usize, usize); 3] = [(0, 1), (1, 2), (0, 2)];

/// A model parameter of the point (0 if the model has none of that name).
pub(crate) fn param(p: &Point, name: &str) -> f64 {
    p.parameters.get(name).copied().unwrap_or(0.0)
}

/// The flavour-changing couplings at q² = m_Z'²: the model's mechanism plus the photon penguin
/// of its kinetic mixing (on the left-handed down-type couplings). For many points at one mass use [`FlavourAtMass`].
pub fn down_couplings(p: &Point, sm: &StandardModel, inputs: &InputSet) -> Result<DownCouplings> {
    let v = ckm::from_inputs(inputs)?;
    let env = environment(p, sm, &v);
    let m = mechanism(&p.flavour)?;
    let mut out = m.couplings(p, &env)?;
    add_kinetic_penguin(&mut out, p, &env);
    assemble(out, m, p, &env)
}

/// Add the photon penguin of the kinetic mixing: the loop-induced ε only where the quarks
/// carry no U(1)' charge (as in `couplings::chiral`), the tree-level ε₀ always.
fn add_kinetic_penguin(out: &mut [C64; 3], p: &Point, env: &Environment) {
    let (sm, q2) = (env.sm, env.q2);
    let eps = if p.charges.quarks_uncharged() {
        kinetic_mixing(p, sm, q2)
    } else {
        C64::new(p.kinetic_mixing_tree, 0.0)
    };
    if eps != C64::new(0.0, 0.0) {
        for (k, &(i, j)) in PAIRS.iter().enumerate() {
            out[k] += kinetic::induced(
                env.ckm,
                i,
                j,
                q2,
                eps,
                0.0,
                sm.m_up,
                sm.m_w,
                sm.g_fermi,
                sm.e(),
                sm.sin2_theta_w,
            );
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
                    at.down_couplings(&p, &sm).unwrap(),
                    down_couplings(&p, &sm, &i).unwrap(),
                    "{name} {params:?} g = {g}"
                );
            }
            let other = m.point(0.135, 1e-3, &BTreeMap::new()).unwrap();
            assert_eq!(
                at.down_couplings(&other, &sm).unwrap(),
                down_couplings(&other, &sm, &i).unwrap()
            );
            let e = at
                .down_couplings(&template.with_mass(0.2), &sm)
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
        let c = down_couplings(&m.point(0.1, 2.0, &p).unwrap(), &sm, &i).unwrap();
        assert_eq!(
            (c.ds, c.sb, c.db),
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
        let a = down_couplings(&m.point(0.135, 1e-3, &p).unwrap(), &sm, &i).unwrap();
        p.insert("v_phi".to_string(), 135.0);
        let b = down_couplings(&m.point(0.135, 1e-3, &p).unwrap(), &sm, &i).unwrap();
        assert!((a.ds - b.ds).norm() < 1e-12 * a.ds.norm() && a.ds.norm() > 0.0);
        assert!(!m
            .point(0.135, 1e-3, &BTreeMap::new())
            .unwrap()
            .single_coupling());
        // without mixing nothing is needed; v_phi = m/g needs g > 0
        let p0 = m.point(0.135, 0.0, &BTreeMap::new()).unwrap();
        assert!(down_couplings(&p0, &sm, &i).is_ok());
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
        let with = down_couplings(&pt, &sm, &i).unwrap();
        let base = preset("lmu-ltau")
            .unwrap()
            .point(0.135, 5e-4, &BTreeMap::new())
            .unwrap();
        let without = down_couplings(&base, &sm, &i).unwrap();
        let y = [
            C64::new(5.2e-4, 0.0),
            C64::new(0.0, 5.2e-4),
            C64::new(1e-3, 0.0),
        ];
        let tree = vlq::leading_order::doublet_down_fcnc(y, 5e-4, 260.0, 2000.0);
        for (k, (a, b)) in [
            (with.ds, without.ds),
            (with.sb, without.sb),
            (with.db, without.db),
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
        let d1 = down_couplings(&dp.point(0.1, 1e-3, &BTreeMap::new()).unwrap(), &sm, &i).unwrap();
        let d2 = down_couplings(&dp.point(0.1, 2e-3, &BTreeMap::new()).unwrap(), &sm, &i).unwrap();
        assert!((d2.ds - 2.0 * d1.ds).norm() < 1e-12 * d2.ds.norm());
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
            down_couplings(&point(&[("Re_g_ds", 1e-11), ("Im_g_sb", -2e-9)]), &sm, &i).unwrap();
        let new =
            down_couplings(&point(&[("Re_gL_ds", 1e-11), ("Im_gL_sb", -2e-9)]), &sm, &i).unwrap();
        assert_eq!(old, new);
        let e = down_couplings(&point(&[("Re_g_ds", 1e-11), ("Re_gL_ds", 1e-11)]), &sm, &i)
            .unwrap_err()
            .to_string();
        assert!(e.contains("Re_g_ds") && e.contains("Re_gL_ds"), "{e}");
        let c = down_couplings(
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
        assert_eq!(c.db_right, C64::new(6e-10, 0.0));
        assert_eq!(c.ds_right, C64::new(0.0, 2e-12));
        assert_eq!(
            (c.uc, c.uc_right),
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
        let c = down_couplings(&b3.point(0.135, 1e-3, &p).unwrap(), &sm, &i).unwrap();
        assert_eq!(c.sb_right, C64::new(0.0, 0.0));
        assert!(c.uc.norm() > 0.0 && c.sb.norm() > 0.0);
    }
}
