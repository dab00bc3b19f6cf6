//! CEvNS of solar ⁸B neutrinos on xenon with a Z′: `R(CEvNS-8B)(experiment)`, the events of
//! XENONnT or PandaX-4T with the Z′ over the Standard Model, and `N(CEvNS-8B)`, the predicted
//! events (`data/experiments/xenon.toml`).
//!
//! # Physics
//!
//! The coherent charge and cross section are those of the parent module (`cevns.rs`): per
//! flavour α, `C_α(T) = C(T) + g_ν^α [Z(2g_u + g_d)F_p + N(g_u + 2g_d)F_n] / [2√2 G_F (m_Z′² + 2MT)]`
//! and `dσ_α/dT = (4G_F²M/π)(1 − T/E − MT/(2E²)) C_α²`, with the quark couplings (direct and
//! kinetic mixing) at q² = −2MT. What differs is the source:
//!
//! * the ⁸B spectrum f(E) (a table, linear interpolation, normalized to one), scaled by SNO's
//!   measured total active flux (neutral current, 5.25 × 10⁶ cm⁻² s⁻¹): CEvNS is flavour blind
//!   in the Standard Model, so SNO's NC flux is exactly what the xenon detectors count, and it
//!   is more precise (4%) than the standard solar model (~12%);
//! * the flavour composition at Earth: ⁸B neutrinos are born as ν_e in the solar core and
//!   leave it adiabatically (MSW, large mixing angle) as an incoherent mixture of mass
//!   eigenstates, `P_1 = c₁₃² cos²θ₁₂ᵐ, P_2 = c₁₃² sin²θ₁₂ᵐ, P_3 = s₁₃²` with θ₁₂ᵐ the matter
//!   angle at the production density (`cos 2θᵐ = (cos 2θ − β)/√((cos 2θ − β)² + sin² 2θ)`,
//!   `β = 2√2 G_F c₁₃² n_e E/Δm²₂₁`); then `P_α(E) = Σ_i P_i |U_αi|²` ([`flavour_fractions`]).
//!   Earth regeneration (day–night, 3%) is neglected. This flavour-probability form is exact
//!   for a flavour-diagonal Z′ coupling: summing over the unobserved final neutrino, the
//!   mass-basis amplitudes `C δ_ij + X (U†GU)_ij` give `Σ_i P_i (U†(C + XG)²U)_ii =
//!   Σ_α P_α (C + X g_α)²`.
//!
//! In L_μ − L_τ the ν_μ and ν_τ charges are opposite while the kinetic mixing gives both the
//! same quark coupling: the interference term is proportional to `P_μ − P_τ` (a few per cent
//! of the flux, its sign set by the θ₂₃ octant), the Z′-squared term to `P_μ + P_τ = 1 − P_ee`.
//! The rate therefore barely dips below the Standard Model and rises as g⁴: the constraint is
//! an upper bound on the excess.
//!
//! The flux-averaged kinematic factor of each flavour, `K_α(T) = ∫_{E_min(T)} dE f(E) P_α(E)
//! (1 − T/E − MT/(2E²))`, is built from three cumulative moments of f P_α (∫ g, ∫ g/E,
//! ∫ g/E² above each spectrum knot, computed once per input set) plus the partial segment
//! at E_min.
//!
//! The detector: natural xenon (one nucleus with the abundance-weighted A, N and mass of the
//! nine isotopes: R − 1 within 0.5% of the isotope sum; Helm form factor with the Lewin–Smith
//! radius),
//! an efficiency × exposure as a function of the nuclear recoil energy, summed over the data
//! sets. XENONnT: the efficiencies are the totals of the monoenergetic nuclear-recoil templates
//! of the collaboration's data release (SR0, SR1, 0.5–5 keVnr), so the rate is the one of the
//! published likelihood's signal model summed over its 81 bins. PandaX-4T publishes no
//! efficiency: each channel (paired, US2) is a step at its threshold, normalized to the
//! channel's published best-fit events (APPROXIMATE, see the data file).
//!
//! # Polynomial in the coupling
//!
//! As in the parent module: the rate is a quartic polynomial in the coupling parameter, built
//! once per mass from the couplings at the recoil nodes (once per model); the recoil nodes
//! with their kinematic and efficiency weights once per input set.
//!
//! # Approximations (compared with the published analyses)
//!
//! Rate-only: XENONnT fits the four-dimensional (cS2, S2 shadow, S1 BDT, S2 BDT) distribution
//! with the Standard-Model ⁸B template; zprime compares the total events. The Z′ changes the
//! recoil spectrum's shape only for m_Z′ ≲ √(2MT) ≈ 30–50 MeV, and the cS2 dimension (three
//! bins) is the only one that sees the recoil energy, so a rate treatment loses little. The
//! measured flux (the constraint's measurement) assumes the Standard-Model spectrum.
//! No light- or charge-yield uncertainties (the release's tly, tqy nuisance templates; nominal
//! yields used), no day–night effect, no hep neutrinos (their flux is 10⁻³ of ⁸B's).

use super::{standard_rate, Cevns, Coefficients, Node, Window};
use crate::error::{Error, Result};
use crate::inputs::{InputSet, Parameter, StandardModel};
use crate::math::gauss::{composite, gauss_legendre};
use crate::observables::{Args, Argument, ArgumentKind, Compute, Evaluator, Observable};
use serde::Deserialize;
use std::f64::consts::PI;
use std::sync::{Arc, OnceLock};

/// The detectors of the data file (the `experiment` argument).
const EXPERIMENTS: &[&str] = &["XENONnT", "PandaX-4T"];

const EXPERIMENT: Argument = Argument {
    name: "experiment",
    description: "a xenon detector of data/experiments/xenon.toml",
    kind: ArgumentKind::Choice(EXPERIMENTS),
    default: None,
    required: true,
};

/// The observables of this area.
pub(crate) const OBSERVABLES: &[Observable] = &[
    Observable {
        name: "R(CEvNS-8B)",
        description: "CEvNS events of solar 8B neutrinos in a xenon detector (oscillated nu_e, nu_mu, nu_tau) with the Z' over the Standard Model, in the detector's recoil efficiency",
        latex: r"R_{\mathrm{CE}\nu\mathrm{NS}}^{^8\mathrm{B}}",
        unit: "1",
        degree: None,
        reference: "coherent nu-nucleus scattering of solar 8B neutrinos with the t-channel Z' on u and d quarks (direct and kinetic-mixing couplings at q^2 = -2MT); XENONnT arXiv:2408.02877, PandaX-4T arXiv:2407.10892",
        arguments: &[EXPERIMENT],
        listed: Some(EXPERIMENTS),
        validity: crate::observables::everywhere,
        compute: Compute::Prepared(prepare_ratio),
    },
    Observable {
        name: "N(CEvNS-8B)",
        description: "predicted solar 8B CEvNS events of a xenon detector with the Z' (SNO flux, exposure and efficiency of data/experiments/xenon.toml)",
        latex: r"N_{\mathrm{CE}\nu\mathrm{NS}}^{^8\mathrm{B}}",
        unit: "1",
        degree: None,
        reference: "coherent nu-nucleus scattering of solar 8B neutrinos; SNO flux (Phys. Rev. C 88, 025501); XENONnT data release (CC-BY-4.0)",
        arguments: &[EXPERIMENT],
        listed: Some(EXPERIMENTS),
        validity: crate::observables::everywhere,
        compute: Compute::Prepared(prepare_events),
    },
];

fn prepare(
    o: &Observable,
    args: &Args,
    sm: &StandardModel,
    _inputs: &InputSet,
    events: bool,
) -> Result<Arc<dyn Evaluator>> {
    let window = window(experiment(args.word(o, "experiment")?)?, sm, RULE)?;
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

const FILE: &str = "data/experiments/xenon.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spectrum {
    description: String,
    source: String,
    /// MeV.
    energy: Vec<f64>,
    /// 1/MeV.
    value: Vec<f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Solar {
    flux_8b: Parameter,
    electron_density: Parameter,
    spectrum: Spectrum,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct OscillationSpec {
    sin2_theta12: Parameter,
    dm2_21: Parameter,
    sin2_theta13: Parameter,
    sin2_theta23: Parameter,
    delta_cp: Parameter,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Isotope {
    a: u32,
    abundance: f64,
    /// u.
    atomic_mass: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Xenon {
    z: u32,
    molar_mass: Parameter,
    isotopes: Vec<Isotope>,
    isotopes_source: String,
    helm_c: Coefficients,
    helm_a: Parameter,
}

/// One data set of a detector: a science run or an analysis channel.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct DataSet {
    id: String,
    exposure: Parameter,
    observed: u32,
    background: Parameter,
    /// [first, last, step] of the efficiency table (keV).
    #[serde(default)]
    recoil_energy: Option<[f64; 3]>,
    #[serde(default)]
    efficiency: Option<Vec<f64>>,
    #[serde(default)]
    efficiency_source: Option<String>,
    /// A step efficiency: its threshold and the Standard-Model events it is normalized to.
    #[serde(default)]
    threshold: Option<Parameter>,
    #[serde(default)]
    signal_events: Option<Parameter>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExperimentSpec {
    id: String,
    description: String,
    reference: String,
    data_set: Vec<DataSet>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    solar: Solar,
    oscillation: OscillationSpec,
    xenon: Xenon,
    experiment: Vec<ExperimentSpec>,
}

fn parse(text: &str, file: &str) -> Result<FileSpec> {
    let bad = |m: String| Error::file(file, m);
    let f: FileSpec = crate::data::parse_toml(text, file)?;
    let cited = |name: &str, p: &Parameter, unit: &str, lo: f64, hi: f64| -> Result<()> {
        if !(p.value.is_finite() && p.value >= lo && p.value <= hi)
            || p.unit != unit
            || p.source.trim().is_empty()
        {
            return Err(bad(format!(
                "{name}: need a value in [{lo}, {hi}] {unit} with a source"
            )));
        }
        Ok(())
    };
    cited("solar.flux_8b", &f.solar.flux_8b, "1/(cm^2 s)", 1e5, 1e8)?;
    cited(
        "solar.electron_density",
        &f.solar.electron_density,
        "mol/cm^3",
        0.0,
        1e3,
    )?;
    let s = &f.solar.spectrum;
    if s.energy.len() < 2
        || s.energy.len() != s.value.len()
        || !s.energy.windows(2).all(|w| w[1] > w[0])
        || s.energy[0] <= 0.0
        || s.value.iter().any(|v| !(v.is_finite() && *v >= 0.0))
        || s.source.trim().is_empty()
        || s.description.trim().is_empty()
    {
        return Err(bad(
            "solar.spectrum: need increasing energies > 0 MeV and as many finite values >= 0, with description and source".into(),
        ));
    }
    let o = &f.oscillation;
    cited("oscillation.sin2_theta12", &o.sin2_theta12, "1", 0.0, 1.0)?;
    cited("oscillation.sin2_theta13", &o.sin2_theta13, "1", 0.0, 1.0)?;
    cited("oscillation.sin2_theta23", &o.sin2_theta23, "1", 0.0, 1.0)?;
    cited("oscillation.dm2_21", &o.dm2_21, "eV^2", 1e-7, 1e-2)?;
    cited("oscillation.delta_cp", &o.delta_cp, "pi", -2.0, 2.0)?;
    let x = &f.xenon;
    cited("xenon.molar_mass", &x.molar_mass, "g/mol", 1.0, 300.0)?;
    cited("xenon.helm_a", &x.helm_a, "fm", 0.0, 2.0)?;
    if x.helm_c.values.len() != 2
        || x.helm_c.values.iter().any(|v| !v.is_finite())
        || x.helm_c.source.trim().is_empty()
    {
        return Err(bad(
            "xenon.helm_c: need two finite coefficients (c = c1 A^(1/3) + c0) and a source".into(),
        ));
    }
    let total: f64 = x.isotopes.iter().map(|i| i.abundance).sum();
    if x.z == 0
        || x.isotopes.is_empty()
        || x.isotopes_source.trim().is_empty()
        || x.isotopes.iter().any(|i| {
            i.a <= x.z
                || i.abundance.is_nan()
                || i.abundance <= 0.0
                || i.atomic_mass.is_nan()
                || i.atomic_mass <= 0.0
        })
        || (total - 1.0).abs() > 1e-3
    {
        return Err(bad(
            "xenon.isotopes: need A > Z, abundances > 0 summing to 1, atomic masses > 0 and isotopes_source".into(),
        ));
    }
    for e in &f.experiment {
        let at = |field: &str| format!("experiment '{}': {field}", e.id);
        if e.description.trim().is_empty() || e.reference.trim().is_empty() {
            return Err(bad(at("description and reference")));
        }
        if e.data_set.is_empty() {
            return Err(bad(at("at least one data_set")));
        }
        for d in &e.data_set {
            let at = |field: &str| at(&format!("data set '{}': {field}", d.id));
            cited(&at("exposure"), &d.exposure, "t yr", 1e-6, 1e3)?;
            cited(&at("background"), &d.background, "events", 0.0, 1e6)?;
            let _ = d.observed;
            match (
                &d.recoil_energy,
                &d.efficiency,
                &d.efficiency_source,
                &d.threshold,
                &d.signal_events,
            ) {
                (Some([lo, hi, step]), Some(eff), Some(src), None, None) => {
                    let n = ((hi - lo) / step).round() as usize + 1;
                    if !(*lo > 0.0 && hi > lo && *step > 0.0)
                        || ((hi - lo) / step - (n - 1) as f64).abs() > 1e-6
                        || eff.len() != n
                        || eff.iter().any(|v| !(v.is_finite() && (0.0..=1.0).contains(v)))
                        || src.trim().is_empty()
                    {
                        return Err(bad(at(
                            "efficiency: need recoil_energy = [first, last, step] keV and one value in [0, 1] per step, with efficiency_source",
                        )));
                    }
                }
                (None, None, None, Some(thr), Some(sig)) => {
                    cited(&at("threshold"), thr, "keV", 1e-3, 100.0)?;
                    cited(&at("signal_events"), sig, "events", 1e-6, 1e6)?;
                }
                _ => {
                    return Err(bad(at(
                        "give either recoil_energy, efficiency and efficiency_source (a table) or threshold and signal_events (a step)",
                    )))
                }
            }
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
            kind: "solar CEvNS experiment",
            name: id.to_string(),
            known: EXPERIMENTS.join(", "),
        })
}

// ------------------------------------------------------------------ oscillations

/// Neutrino mixing parameters (plain numbers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mixing {
    /// sin²θ₁₂.
    pub sin2_12: f64,
    /// sin²θ₁₃.
    pub sin2_13: f64,
    /// sin²θ₂₃.
    pub sin2_23: f64,
    /// Dirac phase δ (radians).
    pub delta: f64,
    /// Δm²₂₁ (GeV²).
    pub dm2_21: f64,
}

impl Mixing {
    /// |U_αi|² of the standard parametrization (rows e, μ, τ; columns 1, 2, 3).
    pub fn moduli_squared(&self) -> [[f64; 3]; 3] {
        let (s12, s13, s23) = (
            self.sin2_12.sqrt(),
            self.sin2_13.sqrt(),
            self.sin2_23.sqrt(),
        );
        let (c12, c13, c23) = (
            (1.0 - self.sin2_12).sqrt(),
            (1.0 - self.sin2_13).sqrt(),
            (1.0 - self.sin2_23).sqrt(),
        );
        // The interference term of the μ and τ rows: 2 s12 c12 s23 c23 s13 cos δ.
        let j = 2.0 * s12 * c12 * s23 * c23 * s13 * self.delta.cos();
        let (s12q, c12q, s23q, c23q, s13q, c13q) = (
            s12 * s12,
            c12 * c12,
            s23 * s23,
            c23 * c23,
            s13 * s13,
            c13 * c13,
        );
        [
            [c12q * c13q, s12q * c13q, s13q],
            [
                s12q * c23q + c12q * s23q * s13q + j,
                c12q * c23q + s12q * s23q * s13q - j,
                s23q * c13q,
            ],
            [
                s12q * s23q + c12q * c23q * s13q - j,
                c12q * s23q + s12q * c23q * s13q + j,
                c23q * c13q,
            ],
        ]
    }

    /// The mass-eigenstate fractions (P₁, P₂, P₃) of a ν_e of energy `e` (GeV) produced at
    /// the matter potential `v = √2 G_F n_e` (GeV) and leaving the Sun adiabatically.
    pub fn mass_fractions(&self, e: f64, v: f64) -> [f64; 3] {
        let c13q = 1.0 - self.sin2_13;
        let cos2 = 1.0 - 2.0 * self.sin2_12;
        let sin2 = 2.0 * (self.sin2_12 * (1.0 - self.sin2_12)).sqrt();
        let beta = 2.0 * v * c13q * e / self.dm2_21;
        let cos2m = (cos2 - beta) / ((cos2 - beta).powi(2) + sin2 * sin2).sqrt();
        [
            c13q * 0.5 * (1.0 + cos2m),
            c13q * 0.5 * (1.0 - cos2m),
            self.sin2_13,
        ]
    }
}

/// The flavour fractions (P_e, P_μ, P_τ) at Earth of solar ν_e of energy `e` (GeV) produced
/// at matter potential `v` (GeV): `P_α = Σ_i P_i |U_αi|²`.
pub fn flavour_fractions(mixing: &Mixing, e: f64, v: f64) -> [f64; 3] {
    let p = mixing.mass_fractions(e, v);
    mixing
        .moduli_squared()
        .map(|row| row.iter().zip(&p).map(|(u, pi)| u * pi).sum())
}

// ------------------------------------------------------------------ the source

/// The ⁸B spectrum with its flavour composition: cumulative moments of g_α = f P_α above each
/// knot, for the flux-averaged kinematic factors.
struct Source {
    /// Knots (GeV) and spectrum values (1/GeV, normalized).
    energy: Vec<f64>,
    value: Vec<f64>,
    mixing: Mixing,
    /// √2 G_F n_e (GeV).
    potential: f64,
    /// above[k][α] = (∫ g_α, ∫ g_α/E, ∫ g_α/E²) from knot k to the end.
    above: Vec<[[f64; 3]; 3]>,
}

/// Gauss–Legendre points per spectrum segment.
const SPECTRUM_ORDER: usize = 6;

impl Source {
    fn new(solar: &Solar, osc: &OscillationSpec, sm: &StandardModel) -> Source {
        let mev = 1e-3;
        let energy: Vec<f64> = solar.spectrum.energy.iter().map(|e| e * mev).collect();
        let raw: Vec<f64> = solar.spectrum.value.iter().map(|v| v / mev).collect();
        // Normalize the piecewise-linear interpolant exactly (trapezoid rule).
        let norm: f64 = energy
            .windows(2)
            .zip(raw.windows(2))
            .map(|(e, v)| 0.5 * (e[1] - e[0]) * (v[0] + v[1]))
            .sum();
        let value = raw.iter().map(|v| v / norm).collect();
        let hbar_c_cm = sm.hbar_c * 100.0;
        let n_e = solar.electron_density.value * 6.022_140_76e23 * hbar_c_cm.powi(3);
        let mixing = Mixing {
            sin2_12: osc.sin2_theta12.value,
            sin2_13: osc.sin2_theta13.value,
            sin2_23: osc.sin2_theta23.value,
            delta: osc.delta_cp.value * PI,
            dm2_21: osc.dm2_21.value * 1e-18,
        };
        let mut source = Source {
            energy,
            value,
            mixing,
            potential: std::f64::consts::SQRT_2 * sm.g_fermi * n_e,
            above: Vec::new(),
        };
        let n = source.energy.len();
        let mut above = vec![[[0.0; 3]; 3]; n];
        for k in (0..n - 1).rev() {
            let seg = source.moments(k, source.energy[k]);
            for a in 0..3 {
                for m in 0..3 {
                    above[k][a][m] = above[k + 1][a][m] + seg[a][m];
                }
            }
        }
        source.above = above;
        source
    }

    /// The spectrum (1/GeV) at `e`, linear between knots.
    fn spectrum(&self, e: f64) -> f64 {
        let k = self.energy.partition_point(|&x| x <= e);
        if k == 0 || k >= self.energy.len() {
            return 0.0;
        }
        let (e0, e1) = (self.energy[k - 1], self.energy[k]);
        let t = (e - e0) / (e1 - e0);
        self.value[k - 1] * (1.0 - t) + self.value[k] * t
    }

    /// (∫ g_α, ∫ g_α/E, ∫ g_α/E²) over [from, knot k+1] of segment k.
    fn moments(&self, k: usize, from: f64) -> [[f64; 3]; 3] {
        let to = self.energy[k + 1];
        let mut out = [[0.0; 3]; 3];
        if to <= from {
            return out;
        }
        let (x, w) = gauss_legendre(SPECTRUM_ORDER);
        let (mid, half) = (0.5 * (from + to), 0.5 * (to - from));
        for (xi, wi) in x.iter().zip(&w) {
            let e = mid + half * xi;
            let f = half * wi * self.spectrum(e);
            let p = flavour_fractions(&self.mixing, e, self.potential);
            for a in 0..3 {
                out[a][0] += f * p[a];
                out[a][1] += f * p[a] / e;
                out[a][2] += f * p[a] / (e * e);
            }
        }
        out
    }

    /// `K_α(T) = ∫_{E_min} dE f P_α (1 − T/E − MT/(2E²))` for nuclear mass `m` (GeV).
    fn kinematic_factors(&self, t: f64, m: f64) -> [f64; 3] {
        let e_min = 0.5 * (t + (t * t + 2.0 * m * t).sqrt());
        let k = self.energy.partition_point(|&x| x <= e_min);
        if k >= self.energy.len() {
            return [0.0; 3];
        }
        let mut total = self.above[k];
        if k > 0 {
            let part = self.moments(k - 1, e_min);
            for a in 0..3 {
                for j in 0..3 {
                    total[a][j] += part[a][j];
                }
            }
        }
        total.map(|g| (g[0] - t * g[1] - 0.5 * m * t * g[2]).max(0.0))
    }

    fn end_point(&self) -> f64 {
        *self.energy.last().unwrap_or(&0.0)
    }
}

// ------------------------------------------------------------------ the detector

/// Efficiency × exposure (t yr) against the recoil energy (keV), summed over data sets, and
/// the energies where it has kinks (quadrature panel edges).
struct Response {
    /// Tabulated data sets: (first, step, values × exposure).
    tables: Vec<(f64, f64, Vec<f64>)>,
    /// Step data sets: (threshold, plateau × exposure).
    steps: Vec<(f64, f64)>,
}

impl Response {
    fn at(&self, t_kev: f64) -> f64 {
        let mut sum = 0.0;
        for (first, step, values) in &self.tables {
            let x = (t_kev - first) / step;
            if x < 0.0 || x > (values.len() - 1) as f64 {
                continue;
            }
            let i = (x.floor() as usize).min(values.len() - 2);
            let f = x - i as f64;
            sum += values[i] * (1.0 - f) + values[i + 1] * f;
        }
        for &(threshold, height) in &self.steps {
            if t_kev >= threshold {
                sum += height;
            }
        }
        sum
    }

    /// Where the response starts, ends or jumps, increasing (keV): the quadrature panel
    /// edges. The interior knots of a table are not edges: a table samples a smooth
    /// efficiency, and Gauss–Legendre panels across its tiny kinks agree with knot-aligned
    /// ones to 1e-4 (tests).
    fn edges(&self) -> Vec<f64> {
        let mut k: Vec<f64> = self.steps.iter().map(|s| s.0).collect();
        for (first, step, values) in &self.tables {
            k.push(*first);
            k.push(first + (values.len() - 1) as f64 * step);
        }
        k.sort_by(f64::total_cmp);
        k.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
        k
    }
}

/// Quadrature: panels no wider than this (keV) between kinks, this many points each.
#[derive(Debug, Clone, Copy)]
struct Rule {
    width: f64,
    order: usize,
}

const RULE: Rule = Rule {
    width: 0.25,
    order: 4,
};

/// Nuclei per tonne of natural xenon (Avogadro's number / molar mass).
fn nuclei_per_tonne(x: &Xenon) -> f64 {
    1e6 / x.molar_mass.value * 6.022_140_76e23
}

/// Seconds per (Julian) year: exposures are in tonne years.
const YEAR: f64 = 365.25 * 86_400.0;

/// A target nucleus: mass number (for the Helm radius), neutrons, mass (GeV) and its
/// fraction of the nuclei.
#[derive(Debug, Clone, Copy)]
struct Nucleus {
    a: f64,
    n: f64,
    mass: f64,
    fraction: f64,
}

/// Every isotope of natural xenon.
fn isotopes(x: &Xenon, sm: &StandardModel) -> Vec<Nucleus> {
    let z = f64::from(x.z);
    x.isotopes
        .iter()
        .map(|i| Nucleus {
            a: f64::from(i.a),
            n: f64::from(i.a) - z,
            mass: i.atomic_mass * 0.931_494_10 - z * sm.m_lepton[0],
            fraction: i.abundance,
        })
        .collect()
}

/// Natural xenon as one nucleus with the abundance-weighted A, N and mass: what the
/// observables use (a ninth of the recoil nodes). The isotopes differ by ±4% in N and ±3% in
/// M; averaged, the Standard-Model rate changes by 0.3% and R − 1 by less than 0.5% (tests
/// against the isotope sum), far below the measurements' 60%.
fn natural_xenon(x: &Xenon, sm: &StandardModel) -> Nucleus {
    let all = isotopes(x, sm);
    let total: f64 = all.iter().map(|i| i.fraction).sum();
    let mean = |f: fn(&Nucleus) -> f64| all.iter().map(|i| i.fraction * f(i)).sum::<f64>() / total;
    Nucleus {
        a: mean(|i| i.a),
        n: mean(|i| i.n),
        mass: mean(|i| i.mass),
        fraction: 1.0,
    }
}

/// The recoil nodes of the given nuclei of xenon for a response (weights in t yr × GeV⁻³
/// per nucleus per unit flux, before the flux and nuclei-per-tonne scale).
fn nodes(
    response: &Response,
    source: &Source,
    nuclei: &[Nucleus],
    xenon: &Xenon,
    sm: &StandardModel,
    rule: Rule,
) -> Result<Vec<Node>> {
    let consts = &super::file()?.constants;
    let kev = 1e-6;
    let fm = 1e-15 / sm.hbar_c;
    let s_fm = consts.helm_surface.value;
    let (gp, gn) = (consts.g_v_proton.value, consts.g_v_neutron.value);
    let gf2 = sm.g_fermi * sm.g_fermi;
    let knots = response.edges();
    let z = f64::from(xenon.z);
    let mut out = Vec::new();
    for nucleus in nuclei {
        let (a, n, m) = (nucleus.a, nucleus.n, nucleus.mass);
        // Lewin–Smith Helm radius, converted to the rms radius `helm` takes:
        // R0² = (5/3)(R² − 3s²).
        let c = xenon.helm_c.values[0] * a.cbrt() + xenon.helm_c.values[1];
        let r0_sq = c * c + (7.0 / 3.0) * PI * PI * xenon.helm_a.value.powi(2) - 5.0 * s_fm * s_fm;
        let rms = (0.6 * r0_sq + 3.0 * s_fm * s_fm).sqrt() * fm;
        let s = s_fm * fm;
        let t_end = super::recoil_end_point(source.end_point(), m) / kev;
        let mut edges: Vec<f64> = knots.iter().copied().filter(|&k| k < t_end).collect();
        if edges.is_empty() {
            continue;
        }
        edges.push(t_end);
        for pair in edges.windows(2) {
            let panels = ((pair[1] - pair[0]) / rule.width).ceil().max(1.0) as usize;
            let (ts, ws) = composite(pair[0], pair[1], panels, rule.order);
            for (&t_k, &w_k) in ts.iter().zip(&ws) {
                let eff = response.at(t_k);
                if eff == 0.0 {
                    continue;
                }
                let t = t_k * kev;
                let q2 = 2.0 * m * t;
                let ff = super::helm(q2.sqrt(), rms, s);
                let base = w_k * kev * eff * nucleus.fraction * 4.0 * gf2 * m / PI;
                let k = source.kinematic_factors(t, m);
                out.push(Node {
                    weights: k.map(|ka| base * ka),
                    q2,
                    standard: 0.5 * (z * gp + n * gn) * ff,
                    z_fp: z * ff,
                    n_fn: n * ff,
                });
            }
        }
    }
    Ok(out)
}

/// Events per unit node sum: Φ × seconds per year × nuclei per tonne × (ħc)² (the exposures,
/// t yr, are in the node weights).
fn events_scale(f: &FileSpec, sm: &StandardModel) -> f64 {
    f.solar.flux_8b.value * YEAR * nuclei_per_tonne(&f.xenon) * (sm.hbar_c * 100.0).powi(2)
}

/// The detector response: tables as given; each step normalized so that its Standard-Model
/// events equal its `signal_events`.
fn response(
    e: &ExperimentSpec,
    f: &FileSpec,
    source: &Source,
    nuclei: &[Nucleus],
    sm: &StandardModel,
    rule: Rule,
) -> Result<Response> {
    let mut r = Response {
        tables: Vec::new(),
        steps: Vec::new(),
    };
    for d in &e.data_set {
        let x = d.exposure.value;
        if let (Some([first, _, step]), Some(eff)) = (&d.recoil_energy, &d.efficiency) {
            r.tables
                .push((*first, *step, eff.iter().map(|v| v * x).collect()));
        } else if let (Some(thr), Some(sig)) = (&d.threshold, &d.signal_events) {
            let unit = Response {
                tables: Vec::new(),
                steps: vec![(thr.value, x)],
            };
            let per_unit = standard_rate(&nodes(&unit, source, nuclei, &f.xenon, sm, rule)?)
                * events_scale(f, sm);
            if !(per_unit.is_finite() && per_unit > 0.0) {
                return Err(Error::Numerical {
                    context: format!("solar CEvNS ({} {})", e.id, d.id),
                    message: "no Standard-Model events above the threshold".into(),
                });
            }
            r.steps.push((thr.value, x * sig.value / per_unit));
        }
    }
    Ok(r)
}

/// The recoil window of a xenon detector (natural xenon as one mean nucleus).
fn window(e: &'static ExperimentSpec, sm: &StandardModel, rule: Rule) -> Result<Window> {
    let f = file()?;
    window_of_nuclei(e, sm, rule, &[natural_xenon(&f.xenon, sm)])
}

/// The recoil window for the given nuclei of xenon.
fn window_of_nuclei(
    e: &'static ExperimentSpec,
    sm: &StandardModel,
    rule: Rule,
    nuclei: &[Nucleus],
) -> Result<Window> {
    let f = file()?;
    let source = Source::new(&f.solar, &f.oscillation, sm);
    let response = response(e, f, &source, nuclei, sm, rule)?;
    let nodes = nodes(&response, &source, nuclei, &f.xenon, sm, rule)?;
    let standard = standard_rate(&nodes);
    if !(standard.is_finite() && standard > 0.0) {
        return Err(Error::Numerical {
            context: format!("solar CEvNS ({})", e.id),
            message: "no Standard-Model events in the recoil window".into(),
        });
    }
    Ok(Window {
        id: &e.id,
        memo_tag: super::memo_tag(&e.id),
        loops: super::loops(&nodes, sm),
        nodes,
        events_scale: events_scale(f, sm),
        standard_rate: standard,
        norm: 2.0 * std::f64::consts::SQRT_2 * sm.g_fermi,
    })
}

#[cfg(test)]
mod tests;
