//! Coherent elastic neutrino–nucleus scattering (CEvNS) with a Z': `R(CEvNS)(experiment)`,
//! the events of a COHERENT detector with the Z' over the Standard Model, and `N(CEvNS)`,
//! the predicted number of events (`data/experiments/coherent.toml`).
//!
//! # Physics
//!
//! Below the W and Z masses the Standard Model gives
//! `L ⊃ −2√2 G_F (ν̄_α γ^μ P_L ν_α)(q̄ γ_μ (g_L^q P_L + g_R^q P_R) q)` and a nucleus of Z protons
//! and N neutrons sees the coherent vector charge
//! `C = ½ (Z g_V^p F_p(q) + N g_V^n F_n(q))`, with g_V^p = ½ − 2s_W², g_V^n = −½ at tree level
//! (`Q_W = −4C = N − (1 − 4s_W²)Z` at q → 0). zprime uses the low-energy couplings with
//! radiative corrections, g_V^p = 0.0714 and g_V^n = −0.5120 (Erler and Su; the data file),
//! instead of the tree-level values at s_W²(m_Z) (0.0376 and −½): the neutrino
//! charge-radius terms, which differ between ν_e and ν_μ, are neglected.
//!
//! A Z' exchanged in the t channel at momentum transfer Q² = 2MT (T the nuclear recoil
//! energy, M the nuclear mass) adds, as in ν–e scattering (`nu_e.rs`),
//!
//! `C_α → C + g_ν^α [Z (2g_u + g_d) F_p + N (g_u + 2g_d) F_n] / [2√2 G_F (m_Z'² + 2MT)]`,
//!
//! with g_ν^α the ν_α coupling and g_q = (g_L^q + g_R^q)/2 the vector couplings of u and d
//! (only the vector current is coherent; the strange and heavier quarks carry no net vector
//! charge in a nucleon, so a direct coupling to them, b-l-23's or B_3's, does not enter).
//! The quark couplings come from `couplings::CouplingsAt` at q² = −2MT: the model's direct
//! charges plus ε(q²) e Q_q, where for L_μ − L_τ the loop-induced ε(q²) (μ and τ loops, real
//! for q² < 0) is evaluated at each recoil energy (it changes by < 1% from q² = 0 to the
//! COHERENT momentum transfers, q ≲ 100 MeV; a model whose loop has a UV pole, b-l-23, has
//! ε(0) = ε₀ = 0 by the renormalization condition of `couplings.rs`, so only the small q²
//! dependence remains). In L_μ − L_τ, ε > 0 and g_ν^μ = +g: the Z' amplitude on the protons
//! is positive while the Standard-Model C ≈ −N/4 is negative, the interference destructive.
//!
//! The cross section (spin-0 nucleus, T²/E² terms dropped):
//!
//! `dσ_α/dT = (4 G_F² M/π) (1 − T/E − MT/(2E²)) C_α(T)²`,
//!
//! i.e. `G_F² M Q_W² F²/(4π) (1 − MT/(2E²))` for T ≪ E. ν̄ and ν have the same coherent cross
//! section at this order (the vector current flips sign with the neutrino current).
//! Form factors: Helm, `F(q) = 3 j₁(qR₀)/(qR₀) e^{−q²s²/2}`, R₀² = (5/3)(R² − 3s²), with R the
//! rms radius of the proton (charge radius) and neutron distributions of the data file and
//! s = 0.9 fm.
//!
//! The SNS stopped-pion source: a prompt ν_μ line at E_π = (m_π² − m_μ²)/(2m_π) = 29.8 MeV and
//! the delayed ν_e and ν̄_μ Michel spectra up to m_μ/2; the flux-averaged kinematic factor
//! `K_α(T) = ∫ dE f_α(E) (1 − T/E − MT/(2E²))` is a polynomial integral (closed form,
//! [`kinematic_factor`]). The events in the detector:
//!
//! `N = n_targets Φ Σ_nuclei ∫dT ε(x(T)) (4G_F²M/π) Σ_α K_α(T) C_α(T)²`,
//!
//! Φ = r POT/(4πL²) per flavour, ε the efficiency as a function of the visible energy
//! x(T) = light yield × quenched energy (no resolution smearing). `R(CEvNS)` is N with the Z'
//! over N in the Standard Model.
//!
//! # Polynomial in the coupling
//!
//! Every coupling is affine in the coupling parameter c (g Q' + ε(q²) e Q with ε ∝ g, plus a
//! fixed ε₀), so C_α is quadratic and the rate a quartic polynomial in c, computed exactly
//! once per mass ([`Evaluator::at_mass`] returns `InCoupling::Polynomial`); the recoil nodes
//! with their kinematic and efficiency weights are built once per input set (`prepare`), the
//! couplings at the nodes once per model (`for_model`).
//!
//! # Approximations (compared with the published spectral fits)
//!
//! Rate-only: the experiments fit the recoil-energy and time spectra with Standard-Model
//! shapes; zprime compares the total events in the window (a Z' that changes the shape more
//! than the rate is underestimated; a light Z' enhances low recoils, where the efficiency is
//! small). No resolution smearing, no timing efficiency (it cancels in the ratio), natural
//! argon taken as 40Ar.

use super::shared::{memo, Key};
use super::{Args, Argument, ArgumentKind, Compute, Context, Evaluator, InCoupling, Observable};
use crate::couplings::{CouplingsAt, Fermion, MixingLoops};
use crate::error::{Error, Result};
use crate::inputs::{InputSet, Parameter, StandardModel};
use crate::math::gauss::composite;
use serde::Deserialize;
use std::borrow::Cow;
use std::f64::consts::PI;
use std::sync::{Arc, OnceLock};

/// The COHERENT detectors of the data file (the `experiment` argument).
const EXPERIMENTS: &[&str] = &["COHERENT-CsI", "COHERENT-Ar"];

const EXPERIMENT: Argument = Argument {
    name: "experiment",
    description: "a COHERENT detector of data/experiments/coherent.toml",
    kind: ArgumentKind::Choice(EXPERIMENTS),
    default: None,
    required: true,
};

/// The observables of this area.
pub(crate) const OBSERVABLES: &[Observable] = &[
    Observable {
        name: "R(CEvNS)",
        description: "CEvNS events of a COHERENT detector (SNS stopped-pion nu_mu, nu_e, nu_mu-bar) with the Z' over the Standard Model, in the detector's recoil window and efficiency",
        latex: r"R_{\mathrm{CE}\nu\mathrm{NS}}",
        unit: "1",
        degree: None,
        reference: "coherent nu-nucleus scattering with the t-channel Z' on u and d quarks (direct and kinetic-mixing couplings at q^2 = -2MT), as in Abdullah et al. arXiv:1803.01224 and Cadeddu et al. arXiv:2008.05022",
        arguments: &[EXPERIMENT],
        listed: Some(EXPERIMENTS),
        validity: super::everywhere,
        compute: Compute::Prepared(prepare_ratio),
    },
    Observable {
        name: "N(CEvNS)",
        description: "predicted CEvNS events of a COHERENT detector with the Z' (exposure, baseline, mass and efficiency of data/experiments/coherent.toml)",
        latex: r"N_{\mathrm{CE}\nu\mathrm{NS}}",
        unit: "1",
        degree: None,
        reference: "coherent nu-nucleus scattering with the t-channel Z'; SNS flux of the COHERENT papers (arXiv:2110.07730, arXiv:2003.10630)",
        arguments: &[EXPERIMENT],
        listed: Some(EXPERIMENTS),
        validity: super::everywhere,
        compute: Compute::Prepared(prepare_events),
    },
];

/// The prepared observable of the `experiment` argument: the ratio to the Standard Model, or
/// the predicted events (`events`).
fn prepare(
    o: &Observable,
    args: &Args,
    sm: &StandardModel,
    inputs: &InputSet,
    events: bool,
) -> Result<Arc<dyn Evaluator>> {
    let window = Window::new(experiment(args.word(o, "experiment")?)?, sm, inputs)?;
    Ok(Arc::new(Cevns {
        window: Arc::new(window),
        events,
    }))
}

fn prepare_ratio(
    o: &Observable,
    args: &Args,
    sm: &StandardModel,
    inputs: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    prepare(o, args, sm, inputs, false)
}

fn prepare_events(
    o: &Observable,
    args: &Args,
    sm: &StandardModel,
    inputs: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    prepare(o, args, sm, inputs, true)
}

// ------------------------------------------------------------------ the data file

const FILE: &str = "data/experiments/coherent.toml";

/// A list of coefficients with its unit and citation (the quenching polynomial).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Coefficients {
    values: Vec<f64>,
    unit: String,
    description: String,
    source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Constants {
    avogadro: Parameter,
    helm_surface: Parameter,
    g_v_proton: Parameter,
    g_v_neutron: Parameter,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct NucleusSpec {
    id: String,
    z: u32,
    n: u32,
    mass: Parameter,
    radius_proton: Parameter,
    radius_neutron: Parameter,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetSpec {
    nucleus: String,
    per_unit: f64,
}

/// The detection efficiency as a function of the visible energy x.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum Efficiency {
    /// max(0, a/(1 + exp(−k(x − x0))) + b).
    Logistic {
        description: String,
        source: String,
        a: Parameter,
        k: Parameter,
        x0: Parameter,
        b: Parameter,
    },
    /// a (1 − exp(−(x − x0)/tau)) above x0, zero below.
    Rise {
        description: String,
        source: String,
        a: Parameter,
        tau: Parameter,
        x0: Parameter,
    },
}

impl Efficiency {
    fn at(&self, x: f64) -> f64 {
        match self {
            Efficiency::Logistic { a, k, x0, b, .. } => {
                (a.value / (1.0 + (-k.value * (x - x0.value)).exp()) + b.value).clamp(0.0, 1.0)
            }
            Efficiency::Rise { a, tau, x0, .. } => {
                if x <= x0.value {
                    0.0
                } else {
                    (a.value * (1.0 - (-(x - x0.value) / tau.value).exp())).clamp(0.0, 1.0)
                }
            }
        }
    }

    /// The visible energy below which the efficiency vanishes (−∞ if it never does).
    fn threshold(&self) -> f64 {
        match self {
            Efficiency::Logistic { a, k, x0, b, .. } => {
                if b.value < 0.0 && a.value > -b.value {
                    x0.value - (a.value / -b.value - 1.0).ln() / k.value
                } else {
                    f64::NEG_INFINITY
                }
            }
            Efficiency::Rise { x0, .. } => x0.value,
        }
    }

    fn texts(&self) -> (&str, &str) {
        match self {
            Efficiency::Logistic {
                description,
                source,
                ..
            }
            | Efficiency::Rise {
                description,
                source,
                ..
            } => (description, source),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExperimentSpec {
    id: String,
    description: String,
    reference: String,
    targets: Vec<TargetSpec>,
    molar_mass: Parameter,
    detector_mass: Parameter,
    baseline: Parameter,
    protons_on_target: Parameter,
    neutrinos_per_proton: Parameter,
    t_min: Parameter,
    t_max: Parameter,
    quenching: Coefficients,
    light_yield: Parameter,
    efficiency: Efficiency,
}

impl ExperimentSpec {
    /// Visible energy (PE or keVee) of a nuclear recoil of `t_kev` keVnr.
    fn visible(&self, t_kev: f64) -> f64 {
        let ee = self
            .quenching
            .values
            .iter()
            .rev()
            .fold(0.0, |acc, c| acc * t_kev + c)
            * t_kev;
        self.light_yield.value * ee
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    constants: Constants,
    nucleus: Vec<NucleusSpec>,
    experiment: Vec<ExperimentSpec>,
}

fn parse(text: &str, file: &str) -> Result<FileSpec> {
    let bad = |m: String| Error::file(file, m);
    let f: FileSpec = crate::data::parse_toml(text, file)?;
    let positive = |name: &str, p: &Parameter, unit: &str| -> Result<()> {
        if !(p.value.is_finite() && p.value > 0.0) || p.unit != unit || p.source.trim().is_empty() {
            return Err(bad(format!(
                "{name}: need a finite value > 0 in {unit} with a source"
            )));
        }
        Ok(())
    };
    let c = &f.constants;
    positive("constants.avogadro", &c.avogadro, "1/mol")?;
    positive("constants.helm_surface", &c.helm_surface, "fm")?;
    for (name, p) in [
        ("constants.g_v_proton", &c.g_v_proton),
        ("constants.g_v_neutron", &c.g_v_neutron),
    ] {
        if !(p.value.is_finite() && p.value.abs() < 1.0) || p.source.trim().is_empty() {
            return Err(bad(format!("{name}: need |value| < 1 and a source")));
        }
    }
    for n in &f.nucleus {
        let at = |field: &str| format!("nucleus '{}': {field}", n.id);
        positive(&at("mass"), &n.mass, "GeV")?;
        positive(&at("radius_proton"), &n.radius_proton, "fm")?;
        positive(&at("radius_neutron"), &n.radius_neutron, "fm")?;
        let s = c.helm_surface.value;
        if n.radius_proton.value <= 3f64.sqrt() * s || n.radius_neutron.value <= 3f64.sqrt() * s {
            return Err(bad(at(
                "radii must exceed sqrt(3) x the Helm surface thickness",
            )));
        }
        if n.z == 0 || n.z + n.n == 0 {
            return Err(bad(at("need z > 0")));
        }
    }
    for e in &f.experiment {
        let at = |field: &str| format!("experiment '{}': {field}", e.id);
        positive(&at("molar_mass"), &e.molar_mass, "g/mol")?;
        positive(&at("detector_mass"), &e.detector_mass, "kg")?;
        positive(&at("baseline"), &e.baseline, "m")?;
        positive(&at("protons_on_target"), &e.protons_on_target, "1")?;
        positive(&at("neutrinos_per_proton"), &e.neutrinos_per_proton, "1")?;
        positive(&at("t_min"), &e.t_min, "keV")?;
        positive(&at("t_max"), &e.t_max, "keV")?;
        if e.t_min.value >= e.t_max.value {
            return Err(bad(at("need t_min < t_max")));
        }
        if !(e.light_yield.value.is_finite() && e.light_yield.value > 0.0) {
            return Err(bad(at("light_yield: need a finite value > 0")));
        }
        let q = &e.quenching;
        if q.values.is_empty()
            || q.values.iter().any(|v| !v.is_finite())
            || q.source.trim().is_empty()
            || q.unit.trim().is_empty()
            || q.description.trim().is_empty()
        {
            return Err(bad(at(
                "quenching: need finite coefficients, unit, description and source",
            )));
        }
        let (description, source) = e.efficiency.texts();
        if description.trim().is_empty() || source.trim().is_empty() {
            return Err(bad(at("efficiency: description and source")));
        }
        let finite_parameters = match &e.efficiency {
            Efficiency::Logistic { a, k, x0, b, .. } => [a, k, x0, b]
                .iter()
                .all(|p| p.value.is_finite() && !p.source.trim().is_empty()),
            Efficiency::Rise { a, tau, x0, .. } => {
                tau.value > 0.0
                    && [a, tau, x0]
                        .iter()
                        .all(|p| p.value.is_finite() && !p.source.trim().is_empty())
            }
        };
        if !finite_parameters {
            return Err(bad(at("efficiency: finite parameters with sources")));
        }
        if e.targets.is_empty() {
            return Err(bad(at("targets: at least one nucleus")));
        }
        for t in &e.targets {
            if !f.nucleus.iter().any(|n| n.id == t.nucleus) {
                return Err(bad(at(&format!(
                    "targets: unknown nucleus '{}'",
                    t.nucleus
                ))));
            }
            if !(t.per_unit.is_finite() && t.per_unit > 0.0) {
                return Err(bad(at("targets: per_unit > 0")));
            }
        }
        if e.description.trim().is_empty() || e.reference.trim().is_empty() {
            return Err(bad(at("description and reference")));
        }
        // The visible energy must rise through the efficiency threshold inside the window.
        let x_end = e.visible(e.t_max.value);
        if !(x_end.is_finite() && e.efficiency.at(x_end) > 0.0) {
            return Err(bad(at(
                "the efficiency vanishes at t_max: quenching or efficiency wrong",
            )));
        }
    }
    Ok(f)
}

fn file() -> Result<&'static FileSpec> {
    static SPEC: OnceLock<Result<FileSpec>> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text = crate::data::file(FILE).ok_or_else(|| Error::file(FILE, "not catalogued"))?;
        parse(text, FILE)
    })
    .as_ref()
    .map_err(Clone::clone)
}

fn experiment(id: &str) -> Result<&'static ExperimentSpec> {
    file()?
        .experiment
        .iter()
        .find(|e| e.id == id)
        .ok_or_else(|| Error::Unknown {
            kind: "CEvNS experiment",
            name: id.to_string(),
            known: EXPERIMENTS.join(", "),
        })
}

fn nucleus(id: &str) -> Result<&'static NucleusSpec> {
    file()?
        .nucleus
        .iter()
        .find(|n| n.id == id)
        .ok_or_else(|| Error::file(FILE, format!("unknown nucleus '{id}'")))
}

// ------------------------------------------------------------------ physics

/// The neutrino flavours of the stopped-pion source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// Prompt ν_μ from π⁺ → μ⁺ν_μ (a line).
    PromptNuMu,
    /// Delayed ν_e from μ⁺ decay.
    DelayedNuE,
    /// Delayed ν̄_μ from μ⁺ decay.
    DelayedNuMuBar,
}

/// The prompt-line energy E_π = (m_π² − m_μ²)/(2m_π) (GeV).
pub fn prompt_energy(m_pi: f64, m_mu: f64) -> f64 {
    (m_pi * m_pi - m_mu * m_mu) / (2.0 * m_pi)
}

/// The largest recoil energy a neutrino of energy `e` gives a nucleus of mass `m`:
/// 2E²/(M + 2E).
pub fn recoil_end_point(e: f64, m: f64) -> f64 {
    2.0 * e * e / (m + 2.0 * e)
}

/// The smallest neutrino energy giving recoil `t` to mass `m`: (T + √(T² + 2MT))/2.
fn minimum_energy(t: f64, m: f64) -> f64 {
    0.5 * (t + (t * t + 2.0 * m * t).sqrt())
}

/// The flux-averaged kinematic factor `K(T) = ∫dE f(E) (1 − T/E − MT/(2E²))` of one flavour
/// (each spectrum normalized to one neutrino), in closed form: the Michel spectra
/// f(E) = (n/m_μ³) E² (β − E/m_μ) make the integrand a polynomial in E.
pub fn kinematic_factor(flavour: Flavour, t: f64, m: f64, m_mu: f64, m_pi: f64) -> f64 {
    let e_min = minimum_energy(t, m);
    let h = 0.5 * m * t;
    match flavour {
        Flavour::PromptNuMu => {
            let e = prompt_energy(m_pi, m_mu);
            if e <= e_min {
                0.0
            } else {
                (1.0 - t / e - h / (e * e)).max(0.0)
            }
        }
        Flavour::DelayedNuE | Flavour::DelayedNuMuBar => {
            let (n, beta) = if flavour == Flavour::DelayedNuE {
                (192.0, 0.5)
            } else {
                (64.0, 0.75)
            };
            let e_max = 0.5 * m_mu;
            if e_min >= e_max {
                return 0.0;
            }
            // ∫ (β − E/m_μ)(E² − T E − h) dE.
            let g = |e: f64| {
                let e2 = e * e;
                let e3 = e2 * e;
                beta * e3 / 3.0 - beta * t * e2 / 2.0 - beta * h * e - e3 * e / (4.0 * m_mu)
                    + t * e3 / (3.0 * m_mu)
                    + h * e2 / (2.0 * m_mu)
            };
            (n / m_mu.powi(3) * (g(e_max) - g(e_min))).max(0.0)
        }
    }
}

/// The Helm form factor at momentum transfer `q` (GeV) for rms radius `r` and surface
/// thickness `s` (GeV⁻¹).
pub fn helm(q: f64, r: f64, s: f64) -> f64 {
    let r0 = ((5.0 / 3.0) * (r * r - 3.0 * s * s)).sqrt();
    let x = q * r0;
    let shape = if x < 1e-3 {
        // 3 j1(x)/x = 1 − x²/10 + x⁴/280 − ...
        1.0 - x * x / 10.0 + x.powi(4) / 280.0
    } else {
        3.0 * (x.sin() - x * x.cos()) / (x * x * x)
    };
    shape * (-0.5 * q * q * s * s).exp()
}

/// One recoil node of one nucleus: what the rate needs there, independent of the model.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Quadrature weight × efficiency × (4G_F²M/π) × targets per formula unit, times the
    /// flux-averaged kinematic factor of each flavour: ν_e, ν_μ (+ ν̄_μ), ν_τ (zero at the
    /// stopped-pion source; the solar ν_τ of `solar.rs`).
    weights: [f64; 3],
    /// 2MT (GeV²): the Z' propagator is 1/(m² + 2MT).
    q2: f64,
    /// Standard-Model charge C = ½(Z g_V^p F_p + N g_V^n F_n).
    standard: f64,
    /// Z F_p and N F_n: what the Z' quark couplings multiply (Z(2g_u + g_d)F_p + N(g_u + 2g_d)F_n).
    z_fp: f64,
    n_fn: f64,
}

/// The Standard-Model rate of a set of nodes (their sum of weight × C²).
fn standard_rate(nodes: &[Node]) -> f64 {
    nodes
        .iter()
        .map(|n| n.weights.iter().sum::<f64>() * n.standard * n.standard)
        .sum()
}

/// The recoil window of an experiment: its quadrature nodes (built once per input set).
struct Window {
    id: &'static str,
    /// The name of its rate in the store of a point ([`super::shared`]): `N` and `R` of one
    /// experiment, and the constraint on either, share the recoil integral.
    memo_tag: String,
    nodes: Vec<Node>,
    /// The kinetic-mixing loop functions at each node's q² = −2MT (input set only): the
    /// quark couplings at a point are then sums over the model's charges.
    loops: Vec<MixingLoops>,
    /// Events per unit of the node sums: n_formula_units × Φ × (ħc)².
    events_scale: f64,
    /// The Standard-Model rate (node sum).
    standard_rate: f64,
    /// 2√2 G_F.
    norm: f64,
}

/// The kinetic-mixing loop functions at the momentum transfer of each node.
fn loops(nodes: &[Node], sm: &StandardModel) -> Vec<MixingLoops> {
    nodes.iter().map(|n| MixingLoops::new(sm, -n.q2)).collect()
}

/// The name of an experiment's rate polynomial in a point's store.
fn memo_tag(id: &str) -> String {
    format!("CEvNS rate({id})")
}

/// Composite Gauss–Legendre panels and order per recoil segment.
const PANELS: usize = 4;
const ORDER: usize = 8;

impl Window {
    fn new(e: &'static ExperimentSpec, sm: &StandardModel, inputs: &InputSet) -> Result<Window> {
        Self::with_rule(e, sm, inputs, PANELS, ORDER)
    }

    fn with_rule(
        e: &'static ExperimentSpec,
        sm: &StandardModel,
        inputs: &InputSet,
        panels: usize,
        order: usize,
    ) -> Result<Window> {
        let consts = &file()?.constants;
        let m_mu = sm.m_lepton[1];
        let m_pi = inputs.value("m_pip")?;
        if m_pi <= m_mu || m_pi.is_nan() {
            return Err(Error::invalid(
                "m_pip",
                m_pi,
                "m_pi+ > m_mu (stopped-pion source)",
            ));
        }
        let kev = 1e-6;
        let fm = 1e-15 / sm.hbar_c;
        let s = consts.helm_surface.value * fm;
        let (gp, gn) = (consts.g_v_proton.value, consts.g_v_neutron.value);
        let gf2 = sm.g_fermi * sm.g_fermi;
        // The efficiency threshold in recoil energy (first crossing, by bisection).
        let x_thr = e.efficiency.threshold();
        let (t_min, t_max) = (e.t_min.value, e.t_max.value);
        let t_thr = if e.visible(t_min) >= x_thr {
            t_min
        } else {
            let (mut lo, mut hi) = (t_min, t_max);
            for _ in 0..100 {
                let mid = 0.5 * (lo + hi);
                if e.visible(mid) >= x_thr {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            hi
        };
        let mut nodes = Vec::new();
        for target in &e.targets {
            let nuc = nucleus(&target.nucleus)?;
            let m = nuc.mass.value;
            let (z, n) = (f64::from(nuc.z), f64::from(nuc.n));
            let (rp, rn) = (nuc.radius_proton.value * fm, nuc.radius_neutron.value * fm);
            let lo = t_thr * kev;
            let hi = (t_max * kev).min(recoil_end_point(0.5 * m_mu, m));
            if lo >= hi {
                continue;
            }
            let prompt_end = recoil_end_point(prompt_energy(m_pi, m_mu), m);
            let mut edges = vec![lo];
            if prompt_end > lo && prompt_end < hi {
                edges.push(prompt_end);
            }
            edges.push(hi);
            for pair in edges.windows(2) {
                let (ts, ws) = composite(pair[0], pair[1], panels, order);
                for (&t, &w) in ts.iter().zip(&ws) {
                    let q2 = 2.0 * m * t;
                    let q = q2.sqrt();
                    let (fp, fn_) = (helm(q, rp, s), helm(q, rn, s));
                    let base = w * e.efficiency.at(e.visible(t / kev)) * 4.0 * gf2 * m / PI
                        * target.per_unit;
                    let k = |f| kinematic_factor(f, t, m, m_mu, m_pi);
                    nodes.push(Node {
                        weights: [
                            base * k(Flavour::DelayedNuE),
                            base * (k(Flavour::PromptNuMu) + k(Flavour::DelayedNuMuBar)),
                            0.0,
                        ],
                        q2,
                        standard: 0.5 * (z * gp * fp + n * gn * fn_),
                        z_fp: z * fp,
                        n_fn: n * fn_,
                    });
                }
            }
        }
        let standard_rate = standard_rate(&nodes);
        if !(standard_rate.is_finite() && standard_rate > 0.0) {
            return Err(Error::Numerical {
                context: format!("CEvNS ({})", e.id),
                message: "no Standard-Model events in the recoil window".into(),
            });
        }
        let units = e.detector_mass.value * 1e3 / e.molar_mass.value * consts.avogadro.value;
        let baseline_cm = e.baseline.value * 100.0;
        let fluence = e.neutrinos_per_proton.value * e.protons_on_target.value
            / (4.0 * PI * baseline_cm * baseline_cm);
        let gev2_to_cm2 = (sm.hbar_c * 100.0).powi(2);
        Ok(Window {
            id: &e.id,
            memo_tag: memo_tag(&e.id),
            loops: loops(&nodes, sm),
            nodes,
            events_scale: units * fluence * gev2_to_cm2,
            standard_rate,
            norm: 2.0 * std::f64::consts::SQRT_2 * sm.g_fermi,
        })
    }

    /// The model's couplings at every node, at coupling parameter 0 and 1 (affine in c).
    fn couplings(&self, ctx: &Context) -> Couplings {
        let points = [ctx.point.with_coupling(0.0), ctx.point.with_coupling(1.0)];
        let nu = |i: usize| {
            points.each_ref().map(|p| {
                crate::couplings::chiral(Fermion::Neutrino(i), p, ctx.sm, 0.0)
                    .0
                    .re
            })
        };
        let quark = self
            .nodes
            .iter()
            .zip(&self.loops)
            .map(|(node, loops)| {
                points.each_ref().map(|p| {
                    let at = CouplingsAt::with_loops(p, ctx.sm, loops);
                    let (u, d) = (
                        at.vector_axial(Fermion::Up(0)).0.re,
                        at.vector_axial(Fermion::Down(0)).0.re,
                    );
                    // Z(2g_u + g_d)F_p + N(g_u + 2g_d)F_n.
                    (2.0 * u + d) * node.z_fp + (u + 2.0 * d) * node.n_fn
                })
            })
            .collect();
        Couplings {
            nu: [nu(0), nu(1), nu(2)],
            quark,
        }
    }

    /// The rate with the Z' as a quartic polynomial in the coupling parameter (increasing
    /// powers), at mass `mass`.
    fn polynomial(&self, couplings: &Couplings, mass: f64) -> [f64; 5] {
        let m2 = mass * mass;
        let affine = |v: [f64; 2]| [v[0], v[1] - v[0]];
        let nus = couplings.nu.map(affine);
        let mut rate = [0.0; 5];
        for (node, &quark) in self.nodes.iter().zip(&couplings.quark) {
            let v = affine(quark);
            let prop = 1.0 / (self.norm * (m2 + node.q2));
            for (&w, &nu) in node.weights.iter().zip(&nus) {
                if w == 0.0 {
                    continue;
                }
                // C(c) = a0 + a1 c + a2 c².
                let a0 = node.standard + prop * nu[0] * v[0];
                let a1 = prop * (nu[0] * v[1] + nu[1] * v[0]);
                let a2 = prop * nu[1] * v[1];
                rate[0] += w * a0 * a0;
                rate[1] += w * 2.0 * a0 * a1;
                rate[2] += w * (a1 * a1 + 2.0 * a0 * a2);
                rate[3] += w * 2.0 * a1 * a2;
                rate[4] += w * a2 * a2;
            }
        }
        rate
    }
}

/// The Z' couplings at the recoil nodes, at coupling parameter 0 and 1.
#[derive(Clone)]
struct Couplings {
    /// ν_e, ν_μ, ν_τ.
    nu: [[f64; 2]; 3],
    /// Z(2g_u + g_d)F_p + N(g_u + 2g_d)F_n at each node.
    quark: Vec<[f64; 2]>,
}

/// A prepared CEvNS observable: the ratio to the Standard Model, or the events.
struct Cevns {
    window: Arc<Window>,
    events: bool,
}

impl Cevns {
    /// What the node sum is multiplied by.
    fn scale(&self) -> f64 {
        if self.events {
            self.window.events_scale
        } else {
            1.0 / self.window.standard_rate
        }
    }

    /// The rate polynomial of the context's mass (node sums), the couplings at the nodes
    /// from `couplings`; once per point for `N`, `R` and the constraints on them (the
    /// context's store, keyed by the window and what the couplings depend on besides the
    /// coupling parameter).
    fn coefficients<'c>(
        &self,
        ctx: &Context,
        couplings: impl FnOnce() -> Cow<'c, Couplings>,
    ) -> Result<Vec<f64>> {
        let window = &self.window;
        let mass = ctx.point.mass;
        let key = Key::new(&window.memo_tag)
            .numbers(&[
                window.nodes.len() as f64,
                window.standard_rate,
                window.events_scale,
            ])
            .but_coupling(ctx.point);
        let rate = memo(ctx, key, || Ok(window.polynomial(&couplings(), mass)))?;
        let scale = self.scale();
        let poly = rate.map(|a| a * scale);
        if poly.iter().any(|a| !a.is_finite()) {
            return Err(Error::Numerical {
                context: format!("CEvNS ({})", window.id),
                message: format!("rate not finite at m_Z' = {mass} GeV"),
            });
        }
        Ok(poly.to_vec())
    }

    fn evaluate<'c>(
        &self,
        ctx: &Context,
        couplings: impl FnOnce() -> Cow<'c, Couplings>,
    ) -> Result<f64> {
        let c = self.coefficients(ctx, couplings)?;
        InCoupling::Polynomial(c).at(ctx.point.coupling())
    }
}

impl Evaluator for Cevns {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        self.evaluate(ctx, || Cow::Owned(self.window.couplings(ctx)))
    }

    /// The quartic polynomial once per mass.
    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        Ok(InCoupling::Polynomial(self.coefficients(ctx, || {
            Cow::Owned(self.window.couplings(ctx))
        })?))
    }

    /// The couplings at the recoil nodes (mass and coupling independent) once per model.
    fn for_model(&self, ctx: &Context) -> Option<Arc<dyn Evaluator>> {
        Some(Arc::new(ModelCevns {
            cevns: Cevns {
                window: Arc::clone(&self.window),
                events: self.events,
            },
            couplings: self.window.couplings(ctx),
            model: model_key(ctx.point),
        }))
    }
}

/// The point with mass and coupling set to 1: what the node couplings depend on.
fn model_key(p: &crate::model::Point) -> crate::model::Point {
    p.with_mass(1.0).with_coupling(1.0)
}

/// A CEvNS observable specialised to one model (the node couplings computed once); any
/// other model falls back to the general calculation.
struct ModelCevns {
    cevns: Cevns,
    couplings: Couplings,
    model: crate::model::Point,
}

impl ModelCevns {
    fn couplings(&self, ctx: &Context) -> Cow<'_, Couplings> {
        if model_key(ctx.point) == self.model {
            Cow::Borrowed(&self.couplings)
        } else {
            Cow::Owned(self.cevns.window.couplings(ctx))
        }
    }
}

impl Evaluator for ModelCevns {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        self.cevns.evaluate(ctx, || self.couplings(ctx))
    }

    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        Ok(InCoupling::Polynomial(
            self.cevns.coefficients(ctx, || self.couplings(ctx))?,
        ))
    }
}

pub(crate) mod solar;

#[cfg(test)]
mod tests;
