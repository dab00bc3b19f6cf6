//! Neutrino–electron elastic scattering with a Z': `R_nue(Borexino)` (7Be solar neutrinos)
//! and `sigma(numu e)/E(CHARM-II)`, `sigma(numubar e)/E(CHARM-II)`, the constraints on
//! L_μ − L_τ of Bauer, Foldenauer, Jaeckel (arXiv:1803.05466) and Amaral et al.
//! (arXiv:2006.11225), shown in paper 001 Fig. 1.
//!
//! # Physics
//!
//! In `L ⊃ −2√2 G_F (ν̄_α γ^μ P_L ν_α)(ē γ_μ (g_L^α P_L + g_R^α P_R) e)` the Standard Model has
//! g_L^α = −1/2 + s_W² + δ_αe (the W for ν_e), g_R^α = s_W². A Z' adds the t-channel exchange
//! with momentum transfer Q² = 2m_e T (T the electron recoil energy), so
//!
//! `g_{L,R}^α → g_{L,R}^α + g_ν^α g_{eL,eR}(−Q²) / [2√2 G_F (m_Z'² + 2 m_e T)]`,
//!
//! with g_ν^α the ν_α coupling and g_e the electron's: in L_μ − L_τ only through the
//! loop-induced kinetic mixing, −ε(q²) e, evaluated at the exchanged q² = −2m_e T (it runs at
//! CHARM-II, where 2m_e T ~ m_μ²); any direct electron charge of a model enters the same way
//! (`couplings::chiral`). The cross sections (m_e T/E² term kept):
//!
//! * ν: `dσ/dT = (2G_F² m_e/π) [|g_L|² + |g_R|²(1 − T/E)² − Re(g_L g_R*) m_e T/E²]`;
//! * ν̄: the same with g_L ↔ g_R.
//!
//! Borexino: 7Be neutrinos (0.862 MeV) arrive as an incoherent mixture of mass eigenstates;
//! summed over final states the rate is Σ_α P_α dσ_α/dT with the flavour fractions
//! P_α = Σ_i |U_ei|²|U_αi|² (vacuum averaged, PMNS from the data file). In L_μ − L_τ the ν_μ
//! and ν_τ interference terms have opposite signs and nearly cancel (θ23 ≈ 45°), so the bound
//! comes mostly from the Z'² term. The observable is the ratio of events in the recoil window
//! [0.19 MeV, T_max] with and without the Z', compared with the measured over predicted 7Be
//! rate (a rate-only analysis: the fit's normalization absorbs the Z' change).
//!
//! CHARM-II: ν_μ (23.7 GeV) and ν̄_μ (19.1 GeV) on electrons. The observable is the measured
//! quantity σ/E: the Standard-Model total σ/E times the ratio of events in the recoil window
//! [3 GeV, T_max] with and without the Z' (the acceptance correction assumed the Standard-Model
//! recoil spectrum).
//!
//! # Approximations
//!
//! Monochromatic beams; no detector resolution or quenching; the recoil-window edges and the
//! CHARM-II beam energies as in `data/experiments/nu_e.toml` (some UNVERIFIED); vacuum
//! flavour fractions for 7Be (the MSW correction shifts P_ee by −0.02); radiative corrections
//! to the Standard-Model couplings (a few per cent) are not included, which cancels in the
//! Borexino ratio and is inside the CHARM-II errors.

use super::{Args, Argument, ArgumentKind, Compute, Context, Evaluator, InCoupling, Observable};
use crate::couplings::{chiral, CouplingsAt, Fermion, MixingLoops};
use crate::error::{Error, Result};
use crate::inputs::{InputSet, Parameter, StandardModel};
use crate::math::gauss::composite;
use num_complex::Complex64;
use serde::Deserialize;
use std::f64::consts::PI;
use std::sync::{Arc, OnceLock};

/// The observables of this area: one per measured quantity (a ratio of event rates for
/// Borexino, σ/E for CHARM-II), each with its experiment as argument.
pub(crate) const OBSERVABLES: &[Observable] = &[
    Observable {
        name: "R_nue",
        description: "7Be solar-neutrino events on electrons in the Borexino recoil window, with the Z' over the Standard Model (flavour fractions after oscillation)",
        latex: r"R_{\nu e}",
        unit: "1",
        degree: None,
        reference: "nu-e elastic scattering with the t-channel Z' (loop-induced or direct electron coupling), as in arXiv:1803.05466 and arXiv:2006.11225",
        arguments: &[Argument {
            name: "experiment",
            description: "a solar-neutrino experiment of data/experiments/nu_e.toml",
            kind: ArgumentKind::Choice(&["Borexino"]),
            default: None,
            required: true,
        }],
        listed: Some(&["Borexino"]),
        validity: super::everywhere,
        compute: Compute::Prepared(prepare_ratio),
    },
    Observable {
        name: "sigma(numu e)/E",
        description: "sigma(nu_mu e -> nu_mu e)/E at CHARM-II (23.7 GeV; Z' effect from the events above 3 GeV recoil)",
        latex: r"\sigma(\nu_\mu e)/E_\nu",
        unit: "cm^2/GeV",
        degree: None,
        reference: "nu-e elastic scattering with the t-channel Z', as in arXiv:1803.05466",
        arguments: &[Argument {
            name: "experiment",
            description: "a nu_mu beam of data/experiments/nu_e.toml",
            kind: ArgumentKind::Choice(&["CHARM-II"]),
            default: None,
            required: true,
        }],
        listed: Some(&["CHARM-II"]),
        validity: super::everywhere,
        compute: Compute::Prepared(prepare_sigma_nu),
    },
    Observable {
        name: "sigma(numubar e)/E",
        description: "sigma(anti-nu_mu e -> anti-nu_mu e)/E at CHARM-II (19.1 GeV; Z' effect from the events above 3 GeV recoil)",
        latex: r"\sigma(\bar\nu_\mu e)/E_\nu",
        unit: "cm^2/GeV",
        degree: None,
        reference: "nu-e elastic scattering with the t-channel Z', as in arXiv:1803.05466",
        arguments: &[Argument {
            name: "experiment",
            description: "an anti-nu_mu beam (CHARM-II: the entry CHARM-II-bar of data/experiments/nu_e.toml)",
            kind: ArgumentKind::Choice(&["CHARM-II"]),
            default: None,
            required: true,
        }],
        listed: Some(&["CHARM-II"]),
        validity: super::everywhere,
        compute: Compute::Prepared(prepare_sigma_nubar),
    },
];

fn prepare_ratio(
    o: &Observable,
    args: &Args,
    sm: &StandardModel,
    _: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    Ok(Arc::new(Window::new(
        args.word(o, "experiment")?,
        false,
        sm,
    )))
}

fn prepare_sigma_nu(
    o: &Observable,
    args: &Args,
    sm: &StandardModel,
    _: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    Ok(Arc::new(Window::new(args.word(o, "experiment")?, true, sm)))
}

fn prepare_sigma_nubar(
    o: &Observable,
    args: &Args,
    sm: &StandardModel,
    _: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    let id = match args.word(o, "experiment")? {
        "CHARM-II" => "CHARM-II-bar",
        other => other,
    };
    Ok(Arc::new(Window::new(id, true, sm)))
}

const FILE: &str = "data/experiments/nu_e.toml";
const TEXT: &str = crate::data::NU_E;

/// The beam of an experiment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Beam {
    /// Solar ν_e after oscillation (vacuum-averaged flavour fractions).
    Solar,
    /// A ν_μ beam.
    NuMu,
    /// A ν̄_μ beam.
    NuMuBar,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExperimentSpec {
    id: String,
    beam: Beam,
    description: String,
    reference: String,
    energy: Parameter,
    t_min: Parameter,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pmns {
    sin2_theta12: Parameter,
    sin2_theta13: Parameter,
    sin2_theta23: Parameter,
    delta_cp: Parameter,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    pmns: Pmns,
    experiment: Vec<ExperimentSpec>,
}

fn parse(text: &str, file: &str) -> Result<FileSpec> {
    let bad = |m: String| Error::file(file, m);
    let f: FileSpec = crate::data::parse_toml(text, file)?;
    let p = &f.pmns;
    for (name, x) in [
        ("sin2_theta12", &p.sin2_theta12),
        ("sin2_theta13", &p.sin2_theta13),
        ("sin2_theta23", &p.sin2_theta23),
    ] {
        if !(x.value > 0.0 && x.value < 1.0) || x.source.trim().is_empty() {
            return Err(bad(format!("pmns.{name}: need 0 < value < 1 and a source")));
        }
    }
    if !p.delta_cp.value.is_finite() || p.delta_cp.unit != "rad" {
        return Err(bad("pmns.delta_cp: need a finite value in rad".into()));
    }
    for e in &f.experiment {
        let (en, t) = (e.energy.value, e.t_min.value);
        if !(en.is_finite() && en > 0.0 && e.energy.unit == "GeV" && e.t_min.unit == "GeV") {
            return Err(bad(format!("experiment '{}': energy > 0 in GeV", e.id)));
        }
        // The file check uses the default set's m_e; the calculation uses the chosen set's.
        let m_e = crate::inputs::InputSet::default_set().value("m_e")?;
        let t_max = 2.0 * en * en / (m_e + 2.0 * en);
        if !(t.is_finite() && t >= 0.0 && t < t_max) {
            return Err(bad(format!(
                "experiment '{}': need 0 <= t_min < the kinematic end point {t_max:e} GeV",
                e.id
            )));
        }
        if e.description.trim().is_empty() || e.reference.trim().is_empty() {
            return Err(bad(format!(
                "experiment '{}': description and reference",
                e.id
            )));
        }
    }
    Ok(f)
}

fn file() -> &'static FileSpec {
    static SPEC: OnceLock<FileSpec> = OnceLock::new();
    SPEC.get_or_init(|| parse(TEXT, FILE).expect("the shipped nu-e file parses (checked by tests)"))
}

fn spec(id: &str) -> &'static ExperimentSpec {
    file()
        .experiment
        .iter()
        .find(|e| e.id == id)
        .expect("the shipped nu-e experiments (checked by tests)")
}

/// Vacuum-averaged flavour fractions (P_e, P_μ, P_τ) of a ν_e after many oscillation lengths:
/// P_α = Σ_i |U_ei|² |U_αi|² (standard parametrization of U).
pub fn solar_flavour_fractions(s12sq: f64, s13sq: f64, s23sq: f64, delta: f64) -> [f64; 3] {
    let (s12, c12) = (s12sq.sqrt(), (1.0 - s12sq).sqrt());
    let (s13, c13) = (s13sq.sqrt(), (1.0 - s13sq).sqrt());
    let (s23, c23) = (s23sq.sqrt(), (1.0 - s23sq).sqrt());
    let ph = Complex64::from_polar(s13, delta);
    let ue = [c12 * c12 * c13 * c13, s12 * s12 * c13 * c13, s13sq];
    let umu = [
        (-s12 * c23 - c12 * s23 * ph).norm_sqr(),
        (c12 * c23 - s12 * s23 * ph).norm_sqr(),
        s23 * s23 * c13 * c13,
    ];
    let utau = [
        (s12 * s23 - c12 * c23 * ph).norm_sqr(),
        (-c12 * s23 - s12 * c23 * ph).norm_sqr(),
        c23 * c23 * c13 * c13,
    ];
    let dot = |u: &[f64; 3]| (0..3).map(|i| ue[i] * u[i]).sum::<f64>();
    [dot(&ue), dot(&umu), dot(&utau)]
}

/// Nodes of the recoil integral per experiment (composite Gauss–Legendre in ln T).
const PANELS: usize = 3;
const ORDER: usize = 8;

/// Couplings at the recoil nodes for coupling parameter 0 and 1 (mass independent).
#[derive(Clone)]
struct Nodes {
    /// Recoil energies and weights (ln-T Gauss–Legendre, Jacobian included).
    t: Vec<f64>,
    w: Vec<f64>,
    /// Electron (g_L, g_R) at q² = −2 m_e T, at coupling 0 and 1.
    electron: Vec<[(Complex64, Complex64); 2]>,
    /// ν_e, ν_μ, ν_τ left-handed couplings at coupling 0 and 1.
    neutrino: [[Complex64; 3]; 2],
}

/// The recoil nodes of an experiment with the kinetic-mixing loop functions of the electron
/// coupling at each q² = −2m_eT: they depend on the input set only (prepared once).
struct Recoil {
    /// Recoil energies and weights (ln-T Gauss–Legendre, Jacobian included).
    t: Vec<f64>,
    w: Vec<f64>,
    loops: Vec<MixingLoops>,
}

fn recoil(sm: &StandardModel, id: &str) -> Recoil {
    let s = spec(id);
    let m_e = sm.m_lepton[0];
    let e = s.energy.value;
    let t_max = 2.0 * e * e / (m_e + 2.0 * e);
    let t_min = s.t_min.value.max(1e-12 * t_max);
    let (lt, lw) = composite(t_min.ln(), t_max.ln(), PANELS, ORDER);
    let t: Vec<f64> = lt.iter().map(|l| l.exp()).collect();
    let w: Vec<f64> = lw.iter().zip(&t).map(|(w, t)| w * t).collect();
    let loops = t
        .iter()
        .map(|tt| MixingLoops::new(sm, -2.0 * m_e * tt))
        .collect();
    Recoil { t, w, loops }
}

#[cfg(test)]
fn nodes(ctx: &Context, id: &str) -> Nodes {
    nodes_from(ctx, &recoil(ctx.sm, id))
}

/// The couplings of the context's model at the recoil nodes.
fn nodes_from(ctx: &Context, recoil: &Recoil) -> Nodes {
    let sm = ctx.sm;
    let points = [ctx.point.with_coupling(0.0), ctx.point.with_coupling(1.0)];
    let electron = recoil
        .loops
        .iter()
        .map(|loops| {
            [0, 1].map(|k| {
                CouplingsAt::with_loops(&points[k], sm, loops).chiral(Fermion::ChargedLepton(0))
            })
        })
        .collect();
    let neutrino =
        [0, 1].map(|k| [0, 1, 2].map(|i| chiral(Fermion::Neutrino(i), &points[k], sm, 0.0).0));
    Nodes {
        t: recoil.t.clone(),
        w: recoil.w.clone(),
        electron,
        neutrino,
    }
}

/// The window rates at one mass as functions of the coupling parameter c: every Z' coupling
/// is affine in c (g Q' + ε(q²) e Q with ε ∝ g, plus a fixed ε₀), so g_ν g_e is quadratic and
/// the rate a quartic polynomial in c, computed exactly once per mass (the constraint engine
/// varies c at fixed mass).
#[derive(Clone, Copy)]
struct Rates {
    /// Coefficients of the rate with the Z' in powers of c.
    with: [f64; 5],
    /// The Standard-Model rate.
    without: f64,
}

impl Rates {
    /// (with, without) at coupling `c`.
    fn at(&self, id: &str, c: f64, mass: f64) -> Result<(f64, f64)> {
        let with = self.with.iter().rev().fold(0.0, |acc, a| acc * c + a);
        if !(with.is_finite() && self.without > 0.0) {
            return Err(Error::Numerical {
                context: format!("nu-e scattering ({id})"),
                message: format!("rate not finite at m_Z' = {mass} GeV"),
            });
        }
        Ok((with, self.without))
    }
}

/// The rates of experiment `id` at the point's mass as a polynomial in the coupling (the
/// recoil nodes and couplings are computed here, once per mass).
#[cfg(test)]
fn rates(ctx: &Context, id: &str, fractions: Option<[f64; 3]>) -> Rates {
    window_polynomial(ctx, id, fractions, &nodes(ctx, id))
}

/// Events in the recoil window ∝ ∫dT Σ_α P_α dσ_α/dT (in units of 2G_F² m_e/π), with and
/// without the Z': (with, without). The flavour fractions follow from the beam unless given.
#[cfg(test)]
fn window_rates(ctx: &Context, id: &str, fractions: Option<[f64; 3]>) -> Result<(f64, f64)> {
    rates(ctx, id, fractions).at(id, ctx.point.coupling(), ctx.point.mass)
}

/// A prepared ν–e observable: the ratio of window rates, or σ/E (`sigma`).
struct Window {
    id: String,
    sigma: bool,
    /// The recoil nodes (input set only).
    recoil: Arc<Recoil>,
    /// The name of the experiment's rates in the store of a point ([`super::shared`]): the
    /// observable and the constraint on it share them.
    memo_tag: String,
}

impl Window {
    fn new(id: &str, sigma: bool, sm: &StandardModel) -> Window {
        Window {
            id: id.to_string(),
            sigma,
            recoil: Arc::new(recoil(sm, id)),
            memo_tag: format!("nu-e rates({id})"),
        }
    }

    /// The rates at the context's mass for its model.
    fn rates(&self, ctx: &Context) -> Rates {
        window_polynomial(ctx, &self.id, None, &nodes_from(ctx, &self.recoil))
    }

    /// The rates at the context's mass (the nodes' couplings from `compute`), once
    /// per point through the context's store (they do not depend on the coupling parameter).
    fn shared_rates(&self, ctx: &Context, compute: impl FnOnce() -> Rates) -> Result<Rates> {
        let key = super::shared::Key::new(&self.memo_tag).but_coupling(ctx.point);
        super::shared::memo(ctx, key, || Ok(compute()))
    }

    fn value(&self, ctx: &Context, (with, without): (f64, f64)) -> f64 {
        self.standard_model_scale(ctx) * with / without
    }

    /// What the ratio of rates multiplies: σ_SM/E for a cross-section observable, 1 for a
    /// ratio (independent of mass and coupling: the per-mass function computes it once).
    fn standard_model_scale(&self, ctx: &Context) -> f64 {
        if self.sigma {
            let s = spec(&self.id);
            sigma_sm_over_e(ctx, s.energy.value, s.beam)
        } else {
            1.0
        }
    }
}

impl Evaluator for Window {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        let p = ctx.point;
        let rates = self.shared_rates(ctx, || self.rates(ctx))?;
        let r = rates.at(&self.id, p.coupling(), p.mass)?;
        Ok(self.value(ctx, r))
    }

    /// The quartic polynomial once per mass.
    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        let rates = self.shared_rates(ctx, || self.rates(ctx))?;
        Ok(self.polynomial_at_mass(ctx, rates))
    }

    /// The recoil nodes with their couplings (mass independent) once per model.
    fn for_model(&self, ctx: &Context) -> Option<Arc<dyn Evaluator>> {
        Some(Arc::new(ModelWindow {
            window: Window {
                id: self.id.clone(),
                sigma: self.sigma,
                memo_tag: self.memo_tag.clone(),
                recoil: Arc::clone(&self.recoil),
            },
            nodes: nodes_from(ctx, &self.recoil),
            model: model_key(ctx.point),
        }))
    }
}

impl Window {
    /// The observable as a polynomial in the coupling (the engine finds its crossings
    /// exactly); where the rates are not finite, a function that says so at every coupling.
    fn polynomial_at_mass<'a>(&'a self, ctx: &Context<'a>, rates: Rates) -> InCoupling<'a> {
        let mass = ctx.point.mass;
        let scale = self.standard_model_scale(ctx);
        if rates.without > 0.0 && rates.with.iter().all(|w| w.is_finite()) {
            let factor = scale / rates.without;
            let coefficients: Vec<f64> = rates.with.iter().map(|w| w * factor).collect();
            if coefficients.iter().all(|a| a.is_finite()) {
                return InCoupling::Polynomial(coefficients);
            }
        }
        InCoupling::Function(Box::new(move |c| {
            let (with, without) = rates.at(&self.id, c, mass)?;
            Ok(scale * with / without)
        }))
    }
}

/// The point with mass and coupling set to 1: what the recoil-node couplings depend on.
fn model_key(p: &crate::model::Point) -> crate::model::Point {
    p.with_mass(1.0).with_coupling(1.0)
}

/// A ν–e observable specialised to one model: the recoil nodes and their couplings computed
/// once (they depend on neither mass nor coupling); any other model falls back to [`Window`].
struct ModelWindow {
    window: Window,
    nodes: Nodes,
    model: crate::model::Point,
}

impl ModelWindow {
    fn rates(&self, ctx: &Context) -> Result<Rates> {
        self.window.shared_rates(ctx, || {
            if model_key(ctx.point) == self.model {
                window_polynomial(ctx, &self.window.id, None, &self.nodes)
            } else {
                self.window.rates(ctx)
            }
        })
    }
}

impl Evaluator for ModelWindow {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        let p = ctx.point;
        let r = self.rates(ctx)?.at(&self.window.id, p.coupling(), p.mass)?;
        Ok(self.window.value(ctx, r))
    }

    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        Ok(self.window.polynomial_at_mass(ctx, self.rates(ctx)?))
    }
}

/// Product of two polynomials (coefficients in increasing powers) truncated to degree 4.
fn poly_mul(a: &[Complex64], b: &[Complex64]) -> [Complex64; 5] {
    let mut out = [Complex64::new(0.0, 0.0); 5];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            if i + j < 5 {
                out[i + j] += x * y;
            }
        }
    }
    out
}

fn window_polynomial(ctx: &Context, id: &str, fractions: Option<[f64; 3]>, n: &Nodes) -> Rates {
    let s = spec(id);
    let beam = s.beam;
    let fractions = fractions.unwrap_or(match beam {
        Beam::Solar => borexino_fractions(),
        Beam::NuMu | Beam::NuMuBar => [0.0, 1.0, 0.0],
    });
    let sm = ctx.sm;
    let m_e = sm.m_lepton[0];
    let e = s.energy.value;
    let s2 = sm.sin2_theta_w;
    let norm = 2.0 * std::f64::consts::SQRT_2 * sm.g_fermi;
    let m2 = ctx.point.mass * ctx.point.mass;
    let conj = |v: [Complex64; 5]| v.map(|x| x.conj());
    let (mut with, mut without) = ([0.0; 5], 0.0);
    for ((&t, &weight), &[(el0, er0), (el1, er1)]) in n.t.iter().zip(&n.w).zip(&n.electron) {
        let prop = 1.0 / (norm * (m2 + 2.0 * m_e * t));
        let (y, z) = (1.0 - t / e, m_e * t / (e * e));
        for (a, &p) in fractions.iter().enumerate() {
            if p == 0.0 {
                continue;
            }
            let nu = [n.neutrino[0][a], n.neutrino[1][a] - n.neutrino[0][a]];
            let sm_l = -0.5 + s2 + if a == 0 { 1.0 } else { 0.0 };
            // g_L(c), g_R(c) as polynomials in c.
            let mut gl = poly_mul(&nu, &[el0, el1 - el0]).map(|x| x * prop);
            let mut gr = poly_mul(&nu, &[er0, er1 - er0]).map(|x| x * prop);
            gl[0] += sm_l;
            gr[0] += s2;
            let (first, second) = match beam {
                Beam::NuMuBar => (gr, gl),
                _ => (gl, gr),
            };
            let aa = poly_mul(&first, &conj(first));
            let bb = poly_mul(&second, &conj(second));
            let ab = poly_mul(&first, &conj(second));
            for k in 0..5 {
                with[k] += weight * p * (aa[k].re + bb[k].re * y * y - ab[k].re * z);
            }
            let (a0, b0) = match beam {
                Beam::NuMuBar => (s2, sm_l),
                _ => (sm_l, s2),
            };
            without += weight * p * (a0 * a0 + b0 * b0 * y * y - a0 * b0 * z);
        }
    }
    Rates { with, without }
}

/// The solar flavour fractions from the data file.
pub fn borexino_fractions() -> [f64; 3] {
    let p = &file().pmns;
    solar_flavour_fractions(
        p.sin2_theta12.value,
        p.sin2_theta13.value,
        p.sin2_theta23.value,
        p.delta_cp.value,
    )
}

/// `R_nue(Borexino)`: 7Be events in the recoil window with the Z' over the Standard Model.
pub fn ratio_borexino(ctx: &Context) -> Result<f64> {
    Window::new("Borexino", false, ctx.sm).predict(ctx)
}

/// σ_SM(E)/E over the full recoil range, cm²/GeV.
fn sigma_sm_over_e(ctx: &Context, e: f64, beam: Beam) -> f64 {
    let sm = ctx.sm;
    let m_e = sm.m_lepton[0];
    let s2 = sm.sin2_theta_w;
    let (gl, gr) = (-0.5 + s2, s2);
    let (a, b) = if beam == Beam::NuMuBar {
        (gr, gl)
    } else {
        (gl, gr)
    };
    let t_max = 2.0 * e * e / (m_e + 2.0 * e);
    // ∫₀^Tmax [a² + b²(1 − T/E)² − a b m_e T/E²] dT in closed form.
    let u = t_max / e;
    let integral = a * a * t_max + b * b * e * (1.0 - (1.0 - u).powi(3)) / 3.0
        - a * b * m_e * t_max * t_max / (2.0 * e * e);
    let gev2_to_cm2 = (sm.hbar_c * 100.0).powi(2);
    2.0 * sm.g_fermi.powi(2) * m_e / PI * integral / e * gev2_to_cm2
}

/// `sigma(numu e)/E(CHARM-II)`, cm²/GeV.
pub fn sigma_charm2_nu(ctx: &Context) -> Result<f64> {
    Window::new("CHARM-II", true, ctx.sm).predict(ctx)
}

/// `sigma(numubar e)/E(CHARM-II)`, cm²/GeV.
pub fn sigma_charm2_nubar(ctx: &Context) -> Result<f64> {
    Window::new("CHARM-II-bar", true, ctx.sm).predict(ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::quad::integrate;

    use super::super::testing::with_point as with_ctx;

    /// Every experiment argument of the ν–e observables names an experiment of the data file
    /// with the matching beam.
    #[test]
    fn experiment_choices_follow_the_data_file() {
        for o in OBSERVABLES {
            let super::super::ArgumentKind::Choice(ids) = o.arguments[0].kind else {
                panic!("{}: experiment is a choice", o.name)
            };
            for id in ids {
                let (id, beam) = match o.name {
                    "R_nue" => (id.to_string(), Beam::Solar),
                    "sigma(numu e)/E" => (id.to_string(), Beam::NuMu),
                    _ => (format!("{id}-bar"), Beam::NuMuBar),
                };
                assert_eq!(spec(&id).beam, beam, "{}({id})", o.name);
            }
        }
    }

    #[test]
    fn shipped_file_is_valid_and_errors_are_named() {
        assert_eq!(spec("Borexino").beam, Beam::Solar);
        assert_eq!(spec("CHARM-II").beam, Beam::NuMu);
        assert_eq!(spec("CHARM-II-bar").beam, Beam::NuMuBar);
        let broken = TEXT.replacen("value = 0.19e-3", "value = 0.9e-3", 1);
        let e = parse(&broken, "n.toml").unwrap_err().to_string();
        assert!(e.contains("Borexino") && e.contains("t_min"), "{e}");
    }

    /// Flavour fractions: unitarity, the two-flavour limit 1 − ½ sin²2θ12, and μ–τ symmetry
    /// at θ23 = 45°, δ = π/2.
    #[test]
    fn solar_fractions() {
        let p = solar_flavour_fractions(0.307, 0.0219, 0.558, 3.74);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-14);
        let two = solar_flavour_fractions(0.307, 0.0, 0.5, 0.0);
        assert!((two[0] - (1.0 - 0.5 * 4.0 * 0.307 * 0.693)).abs() < 1e-14);
        let sym = solar_flavour_fractions(0.307, 0.0219, 0.5, PI / 2.0);
        assert!((sym[1] - sym[2]).abs() < 1e-14);
        assert!((0.52..0.56).contains(&p[0]), "{p:?}");
    }

    /// Standard-Model cross sections against the textbook totals (T from 0 to E, m_e T/E²
    /// neglected): σ/E = (2G_F² m_e/π)(g_L² + g_R²/3) for ν_μ e, (g_R² + g_L²/3) for ν̄_μ e;
    /// and the CHARM-II measurements (1.53 and 1.39 × 1e-42 cm²/GeV) lie within 1σ.
    #[test]
    fn standard_model_cross_sections() {
        with_ctx("lmu-ltau", 0.1, 0.0, |ctx| {
            let s2 = ctx.sm.sin2_theta_w;
            let (gl, gr) = (-0.5 + s2, s2);
            let k = 2.0 * ctx.sm.g_fermi.powi(2) * ctx.sm.m_lepton[0] / PI
                * (ctx.sm.hbar_c * 100.0).powi(2);
            let nu = sigma_charm2_nu(ctx).unwrap();
            let nubar = sigma_charm2_nubar(ctx).unwrap();
            assert!(
                (nu / (k * (gl * gl + gr * gr / 3.0)) - 1.0).abs() < 1e-4,
                "{nu:e}"
            );
            assert!(
                (nubar / (k * (gr * gr + gl * gl / 3.0)) - 1.0).abs() < 1e-4,
                "{nubar:e}"
            );
            assert!((nu - 1.53e-42).abs() < 0.126e-42 && (nubar - 1.39e-42).abs() < 0.108e-42);
            assert_eq!(ratio_borexino(ctx).unwrap(), 1.0);
        });
    }

    /// The window integral against adaptive quadrature of the same cross section, for a light
    /// Z' (the propagator varies most), and the sign of the effect in L_mu - L_tau.
    #[test]
    fn window_integral_against_adaptive_quadrature() {
        with_ctx("lmu-ltau", 3e-3, 1e-3, |ctx| {
            let (with, without) = window_rates(ctx, "CHARM-II", None).unwrap();
            let s = spec("CHARM-II");
            let (e, m_e) = (s.energy.value, ctx.sm.m_lepton[0]);
            let t_max = 2.0 * e * e / (m_e + 2.0 * e);
            let s2 = ctx.sm.sin2_theta_w;
            let gnu = chiral(Fermion::Neutrino(1), ctx.point, ctx.sm, 0.0).0;
            let f = |t: f64| {
                let (el, er) = chiral(Fermion::ChargedLepton(0), ctx.point, ctx.sm, -2.0 * m_e * t);
                let prop = 1.0
                    / (2.0
                        * std::f64::consts::SQRT_2
                        * ctx.sm.g_fermi
                        * (ctx.point.mass.powi(2) + 2.0 * m_e * t));
                let gl = -0.5 + s2 + gnu * el * prop;
                let gr = s2 + gnu * er * prop;
                gl.norm_sqr() + gr.norm_sqr() * (1.0 - t / e).powi(2)
                    - (gl * gr.conj()).re * m_e * t / (e * e)
            };
            let direct = integrate(f, s.t_min.value, t_max, 1e-10).unwrap();
            assert!((with / direct - 1.0).abs() < 1e-7, "{with} vs {direct}");
            let sm_direct = integrate(
                |t| {
                    (-0.5 + s2).powi(2) + s2 * s2 * (1.0 - t / e).powi(2)
                        - (-0.5 + s2) * s2 * m_e * t / (e * e)
                },
                s.t_min.value,
                t_max,
                1e-12,
            )
            .unwrap();
            assert!((without / sm_direct - 1.0).abs() < 1e-10);
            // ε > 0 gives the electron −εe: constructive with g_L^μ < 0, σ rises.
            assert!(with > without);
        });
    }

    /// For L_mu - L_tau the nu_mu and nu_tau interference terms cancel at theta23 = 45 deg:
    /// the Borexino effect is then quadratic in g' g_e, i.e. R - 1 scales as g^4.
    #[test]
    fn borexino_is_quadratic_when_mu_tau_symmetric() {
        with_ctx("lmu-ltau", 1e-3, 1e-5, |ctx| {
            let sym = [0.55, 0.225, 0.225];
            let r1 = {
                let (a, b) = window_rates(ctx, "Borexino", Some(sym)).unwrap();
                a / b - 1.0
            };
            let p2 = ctx.point.with_coupling(2e-5);
            let c2 = Context { point: &p2, ..*ctx };
            let (a, b) = window_rates(&c2, "Borexino", Some(sym)).unwrap();
            let r2 = a / b - 1.0;
            assert!(r1 > 0.0 && (r2 / r1 / 16.0 - 1.0).abs() < 1e-6, "{r1} {r2}");
        });
    }
}
