//! N_eff: the effective number of neutrino species after e± annihilation, in the Standard
//! Model and with a light Z' that decays into (and is produced from) neutrinos and, through
//! kinetic mixing, e⁺e⁻.
//!
//! Method (M. Escudero, JCAP 02 (2019) 007, arXiv:1812.05605, applied to L_μ − L_τ in
//! M. Escudero, D. Hooper, G. Krnjaic, M. Pierre, JHEP 03 (2019) 071, arXiv:1901.02010):
//! every sector is a thermal fluid with zero chemical potential, and the temperatures follow
//! from energy conservation with energy-transfer rates between the sectors. Written from the
//! physics, without access to the papers' text: the equations are cited by their content, not
//! by equation numbers. The sectors are
//!
//! - the electromagnetic plasma (γ, e±, μ±) at T_γ, with the O(e²) finite-temperature QED
//!   correction to its pressure, P_int = −(e²T⁴/2) K (1/3 + K), K = (1/π²)∫dp p²/(E(e^E+1)),
//!   ρ_int = −P_int + T dP_int/dT (−5e²T⁴/288 for massless electrons);
//! - ν_e at T_νe and the ν_μ, ν_τ pair at a common T_νμ (no oscillations: the Z' of
//!   L_μ − L_τ heats ν_μ, ν_τ only);
//! - the Z', part of the sector of its dominant decay channel (the host: ν_μ ν_τ for
//!   L_μ − L_τ). If its number relaxation rate Γ⟨m/E⟩ exceeds 10⁴ H at the start temperature
//!   T₀ it is in equilibrium with the host throughout (n = n_eq(T_host), its ρ, P and heat
//!   capacity added to the host's); below 10³ H(T₀) its number
//!   density n is evolved, with the momentum distribution of a Bose gas at T_host scaled by a
//!   fugacity (production by inverse decays of thermal partners gives that shape), so that its
//!   energy density is n ⟨E⟩(T_host); in between N_eff is the mean of the two weighted
//!   linearly in ln(rate/H), so that it is continuous in g (the two differ there by up to
//!   0.007, the kinetic treatment's approximations). Until issue 11's fix the test was
//!   Γ > 10⁴ H(T = m_Z'), which below m_Z' ≈ 0.5 MeV switched to equilibrium while a light Z'
//!   still thermalized near neutrino decoupling: a jump 4.08 -> 5.64 at 0.1 MeV.
//!
//! Energy-transfer rates (energy per volume per time into the first species):
//!
//! - weak ν–e and ν–ν interactions with Maxwell–Boltzmann statistics and massless electrons,
//!   F(T₁, T₂) = 32 (T₁⁹ − T₂⁹) + 56 T₁⁴T₂⁴ (T₁ − T₂):
//!   δρ_νe/δt = G_F²/π⁵ [(1 + 4s² + 8s⁴) F(T_γ, T_νe) + 2 F(T_νμ, T_νe)],
//!   δρ_νμ/δt = G_F²/π⁵ [(1 − 4s² + 8s⁴) F(T_γ, T_νμ) − F(T_νμ, T_νe)] per flavour,
//!   s² = sin²θ_W; the annihilation coefficient 32 (1 + 4s² + 8s⁴) = 128 (g_L² + g_R²) was
//!   re-derived here from σ(νν̄ → e⁺e⁻) = 2G_F² s (g_L² + g_R²)/(3π);
//! - decays and inverse decays Z' ↔ f f̄ in channel c (width Γ_c in the Z' rest frame, the
//!   partner sector at T_c): energy into the Z' Γ_c m [n_eq(T_c) − n] (exact for Boltzmann
//!   statistics of the daughters), number Γ_c [n_eq⟨m/E⟩(T_c) − n⟨m/E⟩], with the Bose
//!   equilibrium density n_eq of g = 3 states. Channels: ν_μν̄_μ + ν_τν̄_τ, ν_eν̄_e, and the
//!   visible ones (e⁺e⁻, μ⁺μ⁻) into the plasma. In equilibrium the host channel drops out and
//!   another channel c is a heat exchange Γ_c m [n_eq(T_c) − n_eq(T_host)] between c and the
//!   host: for L_μ − L_τ the loop-induced kinetic mixing (Γ_ee/Γ_νν ≈ 2 × 10⁻⁵) then keeps
//!   ν_μ,τ coupled to the plasma and changes N_eff noticeably for g ≳ 10⁻⁷.
//!
//! With ρ and P the sums over the sectors and H = √(8πG ρ/3), each sector obeys
//! dρ_i/dt = −3H(ρ_i + P_i) + δρ_i/δt, integrated in ln a by the stiff solver of
//! [`crate::math::ode`] from T₀ = clamp(3 m_Z', 20 MeV, 100 MeV) (all species in equilibrium,
//! no Z') to T ≈ min(5 keV, m_Z'/50)·1.4, and N_eff = (11/4)^{4/3} [(T_νe/T_γ)⁴ +
//! 2 (T_νμ/T_γ)⁴].
//!
//! Approximations, and what they cost: Maxwell–Boltzmann weak rates without the spin-statistics
//! and electron-mass corrections (the Standard Model value comes out 3.05 instead of the
//! 3.044-3.045 of full calculations); no neutrino oscillations (ν_e and ν_μ,τ keep separate
//! temperatures); zero chemical potentials; hadrons ignored above T ≈ 100 MeV (a Z' heavier
//! than ≈ 30 MeV decays while neutrinos are still coupled, so N_eff is the Standard-Model
//! value whatever the background). Relaxation rates (ν_e–plasma, the Z' number, a heat
//! exchange through the Z') far above H are capped smoothly at 10⁶ H: the sectors they couple
//! are in equilibrium either way, and the cap bounds the stiffness. Widths themselves are never
//! capped (a capped width moves the temperature at which a heat exchange decouples).
//!
//! Only leptonic channels are counted ([`ZpChannels`]). For models with quark couplings
//! (b-l-23, dark-photon, the VLQ variants) hadronic decays open at m_Z' > m_π⁰ (π⁰γ) and
//! 2m_π: such a Z' decays while neutrinos are still coupled to the plasma, where every
//! channel's energy ends in the same equilibrium, and the tables show |ΔN_eff| < 10⁻³ there
//! for any coupling; below m_π⁰ there is no hadronic channel at all.
//!
//! Limit scans: one evaluation costs 1-15 ms, and the coupling root search of a limit needs
//! ~100 per mass, so [`NeffEvaluator::at_mass`] (the function of the coupling at one mass)
//! takes, in this order:
//!
//! 1. the Standard-Model value when the Z' has no channel at all (exact: it is never produced);
//! 2. the Standard-Model value above [`STANDARD_MODEL_ABOVE`] = 1 GeV (the tables end there
//!    with |ΔN_eff| < 10⁻⁴ for every coupling);
//! 3. a shipped table `data/cosmology/neff_MODEL.toml` (computed by this module, regenerated
//!    by `examples/neff_table.rs`) when it applies: same cosmological inputs, same widths per
//!    g² at the grid masses used (see [`table`]); cubic interpolation in ln g and in
//!    ln(m − threshold) between the channel thresholds 2m_e, 2m_μ, with the error measured at
//!    every cell centre by the generator and recorded in the file;
//! 4. otherwise, for widths without a ν_e part, the shipped tables of a Z' in equilibrium
//!    ([`equilibrium`], `data/cosmology/equilibrium_HOST.toml`): at each coupling asked for,
//!    where the Z' is in equilibrium with its host (ν_μτ or the plasma) the equations depend
//!    on the mass and the other channel's width alone, exactly, and the table of that
//!    function is interpolated; elsewhere (feeble couplings) the calculation. This serves
//!    lmu-ltau+b3 at eps ≠ 0, a tree-level `kinetic_mixing` and a user's charges;
//! 5. otherwise the calculation at every coupling asked for (correct, slow: a ν_e width, or
//!    changed inputs).
//!
//! A table rather than a root search with few integrations: N_eff(g) at fixed mass is not
//! monotonic (a long-lived Z' that never thermalizes, decaying after neutrino decoupling,
//! gives a peak at g ~ 10⁻¹⁰-10⁻⁸; the loop-induced kinetic mixing makes N_eff grow again at
//! large g), so bracketing a root from a few integrations could miss a crossing.
//! `point` shows the per-mass function's value (the status agrees with the plotted region);
//! `zprime point`'s direct `N_eff` (`predict`) integrates.
//!
//! The Standard-Model offset: the constraints compare the full prediction (3.052 + ΔN_eff)
//! with the measured N_eff, so the bound on ΔN_eff is 0.008 tighter than with the 3.044 of
//! full calculations (conservative).

pub mod equilibrium;
pub mod table;
mod thermo;

use super::zp_decays::fermion_width;
use super::{Args, Compute, Context, Evaluator, InCoupling, Observable};
use crate::couplings::{CouplingsAt, Fermion};
use crate::error::{Error, Result};
use crate::inputs::{InputSet, StandardModel};
use crate::math::ode::{rosenbrock23, Options};
use equilibrium::EquilibriumTable;
use std::f64::consts::PI;
use std::sync::Arc;
use table::{Column, NeffTable};
use thermo::{qed_pressure, Statistics, Table};

/// True for a finite x > 0 (false for NaN).
fn is_positive_finite(x: f64) -> bool {
    x.is_finite() && x > 0.0
}

/// The observables of this area. `N_eff` is asked for by name, not listed by `zprime point`: one
/// direct evaluation integrates the thermal history (up to ~10 ms where the Z' is followed
/// kinetically). Its constraints use the per-mass function of [`NeffEvaluator`] (a shipped
/// table where it applies), so `point` reports them at no cost.
pub(crate) const OBSERVABLES: &[Observable] = &[Observable {
    listed: None,
    compute: Compute::Prepared(prepare_n_eff),
    ..Observable::simple(
    "N_eff",
    "effective number of neutrino species after e+e- annihilation, Standard Model + Z' (no oscillations, MB weak rates: 3.052 for the SM alone)",
    r"N_{\rm eff}",
    "1",
    None,
    "temperature evolution with energy-transfer rates (Escudero arXiv:1812.05605) and Z' decays/inverse decays (Escudero, Hooper, Krnjaic, Pierre arXiv:1901.02010); observables/cosmology/mod.rs; limit scans interpolate data/cosmology/neff_*.toml where it applies",
    n_eff,
)
}];

/// Above this Z' mass (GeV) the per-mass function handed to limit scans is the
/// Standard-Model value: the calculation starts at T₀ = 100 MeV with no Z', a Z' this heavy
/// is then Boltzmann-suppressed (m/T₀ ≥ 10), and the tables show |ΔN_eff| falling with mass
/// to ≤ `max_deviation_at_heaviest_mass` (≈ 10⁻³) at 1 GeV for every coupling (test
/// `tests::heavy_shortcut_is_below_the_bounds`). Direct predictions are never shortcut.
pub const STANDARD_MODEL_ABOVE: f64 = 1.0;

/// The prepared N_eff: the cosmological inputs, the Standard-Model value, and the shipped
/// tables computed with the same cosmological inputs.
pub struct NeffEvaluator {
    cosmo: Cosmology,
    standard_model: f64,
    tables: Vec<&'static NeffTable>,
    /// The shipped tables of a Z' in equilibrium (one per host) computed with the same inputs.
    equilibrium: Vec<&'static EquilibriumTable>,
    /// For an evaluator specialised to one model ([`Evaluator::for_model`]): that model's
    /// point at mass 1 and coupling 1, and whether its widths per g² equal each table's at
    /// each node (`[table][segment][node]`), checked once instead of at every mass.
    model_nodes: Option<(crate::model::Point, Vec<Vec<Vec<bool>>>)>,
}

/// The point with mass and coupling set to 1: what the table check depends on.
fn model_key(p: &crate::model::Point) -> crate::model::Point {
    point_at(p, 1.0, 1.0)
}

/// The point at another mass and coupling, its parameters shared with `p` (no allocation:
/// called per mass, `Point::with_mass` copies them).
fn point_at(p: &crate::model::Point, mass: f64, coupling: f64) -> crate::model::Point {
    let mut q = p.with_coupling(coupling);
    q.mass = mass;
    q
}

impl NeffEvaluator {
    /// Prepare for an input set.
    pub fn new(sm: &StandardModel, inputs: &InputSet) -> Result<Self> {
        let cosmo = Cosmology::from_inputs(sm, inputs)?;
        let tables: Vec<&'static NeffTable> = match NeffTable::shipped() {
            Ok(t) => t.iter().filter(|t| t.cosmology == cosmo).collect(),
            Err(e) => return Err(e.clone()),
        };
        let equilibrium: Vec<&'static EquilibriumTable> = match EquilibriumTable::shipped() {
            Ok(t) => t.iter().filter(|t| t.cosmology == cosmo).collect(),
            Err(e) => return Err(e.clone()),
        };
        // The same deterministic calculation with the same inputs: take it from a table.
        let standard_model = match (tables.first(), equilibrium.first()) {
            (Some(t), _) => t.n_eff_standard_model,
            (None, Some(t)) => t.n_eff_standard_model,
            (None, None) => n_eff_standard_model(&cosmo)?,
        };
        Ok(NeffEvaluator {
            cosmo,
            standard_model,
            tables,
            equilibrium,
            model_nodes: None,
        })
    }

    /// N_eff of the Standard Model with these inputs.
    pub fn standard_model(&self) -> f64 {
        self.standard_model
    }

    /// How the per-mass function of the point's mass is obtained (for tests and reports).
    pub fn route(&self, ctx: &Context) -> Result<Route> {
        Ok(self.plan(ctx)?.0)
    }

    /// The route and, for [`Route::Table`], the interpolated column; for
    /// [`Route::Equilibrium`], the widths at unit coupling.
    fn plan(&self, ctx: &Context) -> Result<(Route, Option<Column>, Option<ZpChannels>)> {
        let mass = ctx.point.mass;
        if !is_positive_finite(mass) {
            return Err(Error::invalid("mass", mass, "m_Z' > 0"));
        }
        if mass > STANDARD_MODEL_ABOVE {
            return Ok((Route::Heavy, None, None));
        }
        let at = |m: f64, c: f64| {
            let p = point_at(ctx.point, m, c);
            ZpChannels::of_point(&Context { point: &p, ..*ctx })
        };
        // At the point's own mass through `with_coupling` (the same parameters: the widths at
        // unit coupling come from the scan's per-mass store when it has them).
        let one = ctx.point.with_coupling(1.0);
        let unit = ZpChannels::of_point(&Context {
            point: &one,
            ..*ctx
        })?;
        let widths = |z: &ZpChannels| [z.width_nu_e, z.width_nu_mu_tau, z.width_plasma];
        // One coupling: every width is c² times its value at c = 1 (the engine's criterion);
        // otherwise checked numerically.
        let scales_as_g2 = ctx.point.single_coupling() || {
            let double = at(mass, 2.0)?;
            widths(&unit)
                .iter()
                .zip(widths(&double))
                .all(|(a, b)| (4.0 * a - b).abs() <= 1e-9 * b.abs())
        };
        if !scales_as_g2 {
            // (a tree-level kinetic mixing beside g): the equilibrium table still applies at
            // the couplings where the widths, computed there, qualify.
            let route = if self.equilibrium.is_empty() {
                Route::Direct
            } else {
                Route::Equilibrium
            };
            return Ok((route, None, None));
        }
        if widths(&unit).iter().all(|w| *w == 0.0) {
            return Ok((Route::NoChannels, None, None));
        }
        let checked = self
            .model_nodes
            .as_ref()
            .filter(|(key, _)| *key == model_key(ctx.point));
        // The tables share their grid masses: the widths at a node are computed once.
        let node_widths = std::cell::RefCell::new(Vec::<(f64, ZpChannels)>::with_capacity(4));
        let at_node = |m: f64| {
            if let Some((_, z)) = node_widths.borrow().iter().find(|(mm, _)| *mm == m) {
                return Ok(*z);
            }
            let z = at(m, 1.0)?;
            node_widths.borrow_mut().push((m, z));
            Ok(z)
        };
        for (n, t) in self.tables.iter().enumerate() {
            let column = match checked {
                Some((_, nodes)) => t.column_where(&self.cosmo, mass, |s, k| nodes[n][s][k]),
                None => t.column(&self.cosmo, mass, at_node),
            };
            if let Some(column) = column {
                return Ok((Route::Table(t.model.clone()), Some(column), None));
            }
        }
        // Where the Z' is in equilibrium at a coupling, N_eff depends on the mass and one
        // width alone: the widths at this mass decide whether that can happen (no ν_e
        // width); the rate, at each coupling.
        if !self.equilibrium.is_empty() && unit.width_nu_e == 0.0 {
            return Ok((Route::Equilibrium, None, Some(unit)));
        }
        Ok((Route::Direct, None, None))
    }
}

/// Where the per-mass function of N_eff comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    /// Interpolated from the shipped table of this model (same inputs, same widths).
    Table(String),
    /// The Z' has no decay channel at all: exactly the Standard Model.
    NoChannels,
    /// m_Z' > [`STANDARD_MODEL_ABOVE`]: the Standard-Model value.
    Heavy,
    /// The tables of a Z' in equilibrium with ν_μ,τ or the plasma at the couplings where it
    /// is ([`equilibrium`]: the widths have no ν_e part), the thermal history integrated at
    /// the others.
    Equilibrium,
    /// The thermal history integrated at every coupling asked for (slow: no table applies).
    Direct,
}

impl Evaluator for NeffEvaluator {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        n_eff(ctx)
    }

    /// The check of the model's widths against every table node, once per model.
    fn for_model(&self, ctx: &Context) -> Option<Arc<dyn Evaluator>> {
        let nodes = self
            .tables
            .iter()
            .map(|t| {
                t.grid
                    .segment
                    .iter()
                    .enumerate()
                    .map(|(s, seg)| {
                        (0..seg.masses.len())
                            .map(|k| {
                                let p = ctx.point.with_mass(seg.masses[k]).with_coupling(1.0);
                                ZpChannels::of_point(&Context { point: &p, ..*ctx })
                                    .is_ok_and(|have| t.node_matches(s, k, &have))
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Some(Arc::new(NeffEvaluator {
            cosmo: self.cosmo,
            standard_model: self.standard_model,
            tables: self.tables.clone(),
            equilibrium: self.equilibrium.clone(),
            model_nodes: Some((model_key(ctx.point), nodes)),
        }))
    }

    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        let (route, column, unit) = self.plan(ctx)?;
        let sm = self.standard_model;
        let cosmo = self.cosmo;
        let equilibrium = self.equilibrium.clone();
        let ctx = *ctx;
        // The direct calculation at coupling c (widths ∝ c² when they scale so).
        let direct = move |c: f64| {
            let p = ctx.point.with_coupling(c);
            n_eff(&Context { point: &p, ..ctx })
        };
        Ok(InCoupling::Function(match (route, column) {
            (Route::Table(_), Some(column)) => {
                Box::new(move |c| column.at(c).map_or_else(|| direct(c), Ok))
            }
            (Route::NoChannels | Route::Heavy, _) => Box::new(move |_| Ok(sm)),
            (Route::Equilibrium, _) => Box::new(move |c| {
                if c == 0.0 {
                    return Ok(sm);
                }
                // every width scales as c² where `plan` found unit widths
                let z = if let Some(unit) = unit {
                    unit.scaled(c * c)
                } else {
                    let p = ctx.point.with_coupling(c);
                    ZpChannels::of_point(&Context { point: &p, ..ctx })?
                };
                equilibrium
                    .iter()
                    .find_map(|t| t.n_eff(&cosmo, &z))
                    .map_or_else(|| direct(c), Ok)
            }),
            _ => Box::new(move |c| if c == 0.0 { Ok(sm) } else { direct(c) }),
        }))
    }
}

// The signature is the registry's `PrepareFn`.
fn prepare_n_eff(
    _: &Observable,
    _: &Args,
    sm: &StandardModel,
    inputs: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    Ok(Arc::new(NeffEvaluator::new(sm, inputs)?))
}

/// The physical inputs of the calculation.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cosmology {
    /// Electron mass, GeV.
    pub m_e: f64,
    /// Muon mass, GeV.
    pub m_mu: f64,
    /// Fine-structure constant at q² = 0 (finite-temperature QED).
    pub alpha: f64,
    /// Fermi constant, GeV⁻².
    pub g_fermi: f64,
    /// sin²θ_W in the ν–e couplings.
    pub sin2_theta_w: f64,
    /// Newton's constant, GeV⁻².
    pub g_newton: f64,
}

impl Cosmology {
    /// The inputs from a Standard-Model parameter set and the input set's `G_N`.
    pub fn from_inputs(sm: &StandardModel, inputs: &InputSet) -> Result<Self> {
        let g_newton = inputs.value("G_N").map_err(|_| {
            Error::file(
                format!("input set '{}'", inputs.name),
                "missing required parameter 'G_N' (Newton's constant, GeV^-2)",
            )
        })?;
        if !is_positive_finite(g_newton) {
            return Err(Error::invalid("G_N", g_newton, "a positive value"));
        }
        Ok(Cosmology {
            m_e: sm.m_lepton[0],
            m_mu: sm.m_lepton[1],
            alpha: sm.alpha,
            g_fermi: sm.g_fermi,
            sin2_theta_w: sm.sin2_theta_w,
            g_newton,
        })
    }
}

/// The Z' as the N_eff calculation sees it: its mass and its partial widths by the sector
/// that receives the decay products.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZpChannels {
    /// Mass, GeV.
    pub mass: f64,
    /// Γ(Z' → ν_e ν̄_e), GeV.
    pub width_nu_e: f64,
    /// Γ(Z' → ν_μ ν̄_μ) + Γ(Z' → ν_τ ν̄_τ), GeV.
    pub width_nu_mu_tau: f64,
    /// Γ(Z' → e⁺e⁻) + Γ(Z' → μ⁺μ⁻) (+ τ⁺τ⁻): energy into the electromagnetic plasma, GeV.
    pub width_plasma: f64,
}

impl ZpChannels {
    /// The channels of a model point (light right-handed neutrinos count as ν_μ,τ states;
    /// a declared extra invisible width is not included).
    pub fn of_point(ctx: &Context) -> Result<Self> {
        let p = ctx.point;
        if !is_positive_finite(p.mass) {
            return Err(Error::invalid("mass", p.mass, "m_Z' > 0"));
        }
        // The couplings (and the loop-induced kinetic mixing behind them) once for every
        // channel: a limit scan asks for the widths at several masses per mass point.
        let couplings = CouplingsAt::new(p, ctx.sm, p.mass * p.mass);
        let nu = |i: usize| {
            let (l, r) = couplings.chiral(Fermion::Neutrino(i));
            let mut w = p.mass * l.norm_sqr() / (24.0 * PI);
            if p.light_right_handed_neutrinos {
                w += p.mass * r.norm_sqr() / (24.0 * PI);
            }
            w
        };
        let charged = |i: usize| {
            let f = Fermion::ChargedLepton(i);
            let (v, a) = couplings.vector_axial(f);
            fermion_width(p.mass, f.mass(ctx.sm), 1.0, v.norm_sqr(), a.norm_sqr())
        };
        let extra_mumu = p.parameters.get("Gamma_mumu").copied().unwrap_or(0.0) * p.g * p.g;
        Ok(ZpChannels {
            mass: p.mass,
            width_nu_e: nu(0),
            width_nu_mu_tau: nu(1) + nu(2),
            width_plasma: charged(0) + charged(1) + extra_mumu + charged(2),
        })
    }

    fn scaled(&self, factor: f64) -> Self {
        ZpChannels {
            mass: self.mass,
            width_nu_e: self.width_nu_e * factor,
            width_nu_mu_tau: self.width_nu_mu_tau * factor,
            width_plasma: self.width_plasma * factor,
        }
    }
}

/// Switches for checks of the method (the physics uses [`Switches::default`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Switches {
    /// Include the O(e²) QED correction to the plasma's equation of state.
    pub qed: bool,
    /// Include the weak ν–e and ν–ν energy transfer (off: neutrinos decoupled from the start).
    pub weak: bool,
    /// Start with the Z' in equilibrium at T₀ instead of absent.
    pub zp_initially_thermal: bool,
}

impl Default for Switches {
    fn default() -> Self {
        Switches {
            qed: true,
            weak: true,
            zp_initially_thermal: false,
        }
    }
}

/// `N_eff` of a model point (the registered observable).
pub fn n_eff(ctx: &Context) -> Result<f64> {
    let cosmo = Cosmology::from_inputs(ctx.sm, ctx.inputs)?;
    let channels = ZpChannels::of_point(ctx)?;
    n_eff_with(&cosmo, Some(&channels), Switches::default())
}

/// N_eff of the Standard Model in this approximation.
pub fn n_eff_standard_model(cosmo: &Cosmology) -> Result<f64> {
    n_eff_with(cosmo, None, Switches::default())
}

/// N_eff at one mass for any coupling: the widths of a point at coupling g₀ rescaled by
/// (g/g₀)², valid when every width scales as g² (true of the gauge presets, whose kinetic
/// mixing is itself proportional to g). What a limit scan calls at each coupling.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NeffAtMass {
    cosmo: Cosmology,
    per_g2: ZpChannels,
}

impl NeffAtMass {
    /// Prepare from a model point (its coupling must be non-zero).
    pub fn new(ctx: &Context) -> Result<Self> {
        let g = ctx.point.coupling();
        if g == 0.0 || !g.is_finite() {
            return Err(Error::invalid("g", g, "a non-zero coupling"));
        }
        Ok(NeffAtMass {
            cosmo: Cosmology::from_inputs(ctx.sm, ctx.inputs)?,
            per_g2: ZpChannels::of_point(ctx)?.scaled(1.0 / (g * g)),
        })
    }

    /// N_eff at coupling g.
    pub fn n_eff(&self, g: f64) -> Result<f64> {
        if !g.is_finite() {
            return Err(Error::invalid("g", g, "a finite coupling"));
        }
        n_eff_with(
            &self.cosmo,
            Some(&self.per_g2.scaled(g * g)),
            Switches::default(),
        )
    }
}

/// A Z' whose number relaxes (inverse decays, Γ⟨m/E⟩) faster than this multiple of H at the
/// start temperature T₀ is treated as in equilibrium with its host sector throughout.
const EQUILIBRIUM_THRESHOLD: f64 = 1e4;
/// Below this multiple of H at T₀ the Z' is followed kinetically alone; between the two the
/// treatments are blended ([`equilibrium_weight`]).
const KINETIC_BELOW: f64 = 1e3;
/// Relaxation rates above this multiple of H are capped smoothly (the sectors they couple
/// are in equilibrium either way; the cap bounds the stiffness of the equations).
const RATE_CAP: f64 = 1e6;
/// Start no colder than this (GeV): neutrinos are then tightly coupled to the plasma.
const T_START_MIN: f64 = 0.020;
/// Start no hotter than this (GeV): the plasma model (γ, e, μ) holds below it.
const T_START_MAX: f64 = 0.100;
/// Stop at or below this (GeV): e± annihilation is over.
const T_END_MAX: f64 = 5e-6;

/// The three thermal sectors.
const PLASMA: usize = 0;
const NU_E: usize = 1;
const NU_MU_TAU: usize = 2;

/// How the Z' is followed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Treatment {
    /// No Z' (or one that is never produced).
    Absent,
    /// Number density evolved with decays and inverse decays; momenta those of the host.
    Kinetic,
    /// In equilibrium with its host sector throughout (n = n_eq(T_host)).
    Equilibrium,
}

/// The evolution equations: state y = (ln T_γ, ln T_νe, ln T_νμ, n_Z'/T_host³) against ln a.
struct System<'a> {
    c: &'a Cosmology,
    /// Mass and widths by receiving sector (plasma, ν_e, ν_μτ).
    mass: f64,
    widths: [f64; 3],
    /// The sector whose temperature the Z' momenta follow (its dominant channel).
    host: usize,
    treatment: Treatment,
    switches: Switches,
    fermi: &'static Table,
    bose: &'static Table,
}

/// ρ of one neutrino flavour (ν + ν̄, massless Fermi–Dirac).
fn rho_nu(t: f64) -> f64 {
    2.0 * 7.0 / 8.0 * PI * PI / 30.0 * t.powi(4)
}

/// MB energy-transfer kernel F(T₁, T₂) of the weak rates.
fn weak_kernel(t1: f64, t2: f64) -> f64 {
    32.0 * (t1.powi(9) - t2.powi(9)) + 56.0 * (t1 * t2).powi(4) * (t1 - t2)
}

/// Expansion rate of a radiation plasma of γ, e±, 3ν at a common temperature (g* = 10.75),
/// used only to classify the Z' as equilibrated or not.
fn hubble_radiation(c: &Cosmology, t: f64) -> f64 {
    (8.0 * PI * c.g_newton / 3.0 * PI * PI / 30.0 * 10.75).sqrt() * t * t
}

/// How far the Z' (total width `total`) is in equilibrium with its host already at the start
/// temperature `t0`, from its number relaxation rate there, Γ⟨m/E⟩(T₀) (decays and inverse
/// decays of a Bose gas at T₀): 0 below [`KINETIC_BELOW`] H(T₀) (the kinetic treatment alone),
/// 1 above [`EQUILIBRIUM_THRESHOLD`] H(T₀) (the equilibrium treatment alone), linear in
/// ln(rate/H) between, where N_eff is the weighted mean of the two.
///
/// Tested at T₀, where the integration starts, and not at T = m_Z': a light Z' (m_Z' ≪ T₀)
/// with Γ ≫ H(m_Z') may still thermalize only near neutrino decoupling (the rate grows as
/// T⁻³ relative to H), and starting it in equilibrium at T₀ then overstated N_eff (issue 11:
/// 4.08 -> 5.64 at m_Z' = 0.1 MeV, g ≈ 4e-9, with the old test Γ > 10⁴ H(m_Z')). Once the
/// rate exceeds 10³ H at T₀ the Z' is in equilibrium from the start and both treatments
/// apply; they then differ by the kinetic one's approximations (up to 0.007 in N_eff for a
/// light Z', 5.6366 against 5.6432 at m_Z' = 0.1 MeV), which the blend spreads over one decade
/// of the rate (half a decade of the coupling) so that N_eff stays continuous in g.
fn equilibrium_weight(cosmo: &Cosmology, bose: &Table, mass: f64, total: f64, t0: f64) -> f64 {
    let tau = mass / t0;
    let time_dilation = (bose.ln_n_dilated(tau) - bose.ln_n(tau)).exp();
    let ratio = total * time_dilation / hubble_radiation(cosmo, t0);
    ((ratio / KINETIC_BELOW).ln() / (EQUILIBRIUM_THRESHOLD / KINETIC_BELOW).ln()).clamp(0.0, 1.0)
}

impl System<'_> {
    /// Equilibrium number density of the Z' (g = 3 Bose states) at temperature t.
    fn n_eq(&self, t: f64) -> f64 {
        3.0 * self.bose.ln_n(self.mass / t).exp() * t.powi(3)
    }

    fn derivatives(&self, y: &[f64; 4]) -> [f64; 4] {
        let temps = [y[0].exp(), y[1].exp(), y[2].exp()];
        let (tg, te, tm) = (temps[0], temps[1], temps[2]);
        let c = self.c;
        // Energy density, pressure and heat capacity of each sector without the Z'.
        let rho_g = 2.0 * PI * PI / 30.0 * tg.powi(4);
        let (re, pe, de) = self.fermi.rho_p_drho(c.m_e / tg);
        let (rm, pm, dm) = self.fermi.rho_p_drho(c.m_mu / tg);
        let mut rho = [
            rho_g + 4.0 * (re + rm) * tg.powi(4),
            rho_nu(te),
            2.0 * rho_nu(tm),
        ];
        let mut pressure = [
            rho_g / 3.0 + 4.0 * (pe + pm) * tg.powi(4),
            rho[1] / 3.0,
            rho[2] / 3.0,
        ];
        let mut heat = [
            4.0 * rho_g / tg + 4.0 * (de + dm) * tg.powi(3),
            4.0 * rho[1] / te,
            4.0 * rho[2] / tm,
        ];
        if self.switches.qed {
            let e2 = 4.0 * PI * c.alpha;
            let (p, dp, d2p) = qed_pressure(c.m_e / tg);
            rho[PLASMA] += e2 * (-p + dp) * tg.powi(4);
            pressure[PLASMA] += e2 * p * tg.powi(4);
            heat[PLASMA] += e2 * d2p * tg.powi(3);
        }
        // The Z' inside its host sector: ρ_Z' = n⟨E⟩, P_Z' = n⟨P/n⟩ at T_host.
        let h = self.host;
        let th = temps[h];
        let mut n = 0.0;
        let (mut e_mean, mut dilation) = (0.0, 0.0);
        if self.treatment != Treatment::Absent {
            let s = self.bose.scaled(self.mass / th);
            e_mean = th * s.rho / s.n;
            dilation = s.n_dilated / s.n;
            let p_mean = th * s.p / s.n;
            let de_dt = s.drho / s.n - s.rho * s.dn / (s.n * s.n);
            n = match self.treatment {
                Treatment::Equilibrium => self.n_eq(th),
                _ => y[3] * th.powi(3),
            };
            rho[h] += n * e_mean;
            pressure[h] += n * p_mean;
            heat[h] += n * de_dt;
            if self.treatment == Treatment::Equilibrium {
                // dn_eq/dT ⟨E⟩: the Z' number follows the host temperature.
                heat[h] += e_mean * s.dn / s.n * n / th;
            }
        }
        let hubble = (8.0 * PI * c.g_newton * rho.iter().sum::<f64>() / 3.0).sqrt();
        // Energy per volume per time into each sector.
        let mut gain = [0.0; 3];
        if self.switches.weak {
            let s2 = c.sin2_theta_w;
            let pref = c.g_fermi * c.g_fermi / PI.powi(5);
            let to_nue = pref
                * ((1.0 + 4.0 * s2 + 8.0 * s2 * s2) * weak_kernel(tg, te)
                    + 2.0 * weak_kernel(tm, te));
            let to_numu = 2.0
                * pref
                * ((1.0 - 4.0 * s2 + 8.0 * s2 * s2) * weak_kernel(tg, tm) - weak_kernel(tm, te));
            // Cap the ν_e relaxation rate (≈ T⁸-steep) at RATE_CAP H: only above ≈ 50 MeV,
            // where every sector is in equilibrium either way.
            let rate = pref * 400.0 * te.powi(8) / heat[NU_E];
            let cap = 1.0 / (1.0 + rate / (RATE_CAP * hubble));
            let (to_nue, to_numu) = (to_nue * cap, to_numu * cap);
            gain[NU_E] += to_nue;
            gain[NU_MU_TAU] += to_numu;
            gain[PLASMA] -= to_nue + to_numu;
        }
        // Decays and inverse decays: energy Γ_c m (n_eq(T_c) − n) from sector c into the Z'
        // (held by the host), number Γ_c (n_eq⟨m/E⟩(T_c) − n⟨m/E⟩).
        let mut n_coll = 0.0;
        if self.treatment != Treatment::Absent {
            for (ch, &w) in self.widths.iter().enumerate() {
                if w == 0.0 || (ch == h && self.treatment == Treatment::Equilibrium) {
                    continue;
                }
                let mut w = w;
                if self.treatment == Treatment::Kinetic {
                    // Each channel's width capped at RATE_CAP H. For a heavier Z' this is
                    // reached only at T ≲ m_Z'/100, where the Z' is gone; a light one
                    // (m_Z' ≪ T₀) near the switch reaches it early, but the capped number
                    // relaxation rate, ≥ RATE_CAP H m_Z'/(3T) ≳ 10³ H there, still holds it
                    // in equilibrium (the sectors are coupled either way).
                    w /= 1.0 + w / (RATE_CAP * hubble);
                }
                let t = temps[ch];
                if self.treatment == Treatment::Equilibrium {
                    // Heat exchange between two sectors through the Z': cap its relaxation
                    // rate Γ m (dn_eq/dT)/C at RATE_CAP H (both sectors are then in
                    // equilibrium either way; the decoupling, where it is ~H, is untouched).
                    let s = self.bose.scaled(self.mass / t);
                    let dn_dt = self.n_eq(t) * s.dn / (s.n * t);
                    let rate = w * self.mass * dn_dt * (1.0 / heat[ch] + 1.0 / heat[h]);
                    w /= 1.0 + rate / (RATE_CAP * hubble);
                }
                let energy = w * self.mass * (self.n_eq(t) - n);
                gain[ch] -= energy;
                gain[h] += energy;
                if self.treatment == Treatment::Kinetic {
                    let n_dilated = 3.0 * self.bose.ln_n_dilated(self.mass / t).exp() * t.powi(3);
                    n_coll += w * (n_dilated - n * dilation);
                }
            }
        }
        let mut d = [0.0; 4];
        for i in 0..3 {
            let mut numerator = -3.0 * hubble * (rho[i] + pressure[i]) + gain[i];
            if i == h && self.treatment == Treatment::Kinetic {
                // ρ_Z' = n⟨E⟩(T) with n free: ⟨E⟩ dn/dt = ⟨E⟩(−3Hn + n_coll) leaves the
                // temperature equation.
                numerator += e_mean * (3.0 * hubble * n - n_coll);
            }
            d[i] = numerator / heat[i] / (hubble * temps[i]);
        }
        if self.treatment == Treatment::Kinetic {
            d[3] = n_coll / (hubble * th.powi(3)) - 3.0 * y[3] * (1.0 + d[h]);
        }
        d
    }
}

/// N_eff with an optional Z' and explicit switches (for checks of the method).
pub fn n_eff_with(cosmo: &Cosmology, zp: Option<&ZpChannels>, switches: Switches) -> Result<f64> {
    if let Some(z) = zp {
        let widths = [z.width_nu_e, z.width_nu_mu_tau, z.width_plasma];
        if !is_positive_finite(z.mass) {
            return Err(Error::invalid("mass", z.mass, "m_Z' > 0"));
        }
        if widths.iter().any(|w| !(w.is_finite() && *w >= 0.0)) {
            return Err(Error::invalid(
                "width",
                widths.iter().copied().fold(f64::NAN, f64::min),
                "finite, non-negative partial widths",
            ));
        }
    }
    let (mass, widths) = zp.map_or((0.0, [0.0; 3]), |z| {
        (z.mass, [z.width_plasma, z.width_nu_e, z.width_nu_mu_tau])
    });
    let total: f64 = widths.iter().sum();
    let absent = zp.is_none() || (total == 0.0 && !switches.zp_initially_thermal);
    let t0 = if absent {
        T_START_MIN
    } else {
        (3.0 * mass).clamp(T_START_MIN, T_START_MAX)
    };
    let bose = Table::get(Statistics::Bose);
    // Host: the sector of the dominant channel (ν_μτ when there are no widths at all).
    let host = if total == 0.0 {
        NU_MU_TAU
    } else {
        (0..3).fold(
            NU_MU_TAU,
            |best, i| if widths[i] > widths[best] { i } else { best },
        )
    };
    let run = |treatment| {
        integrate(&System {
            c: cosmo,
            mass,
            widths,
            host,
            treatment,
            switches,
            fermi: Table::get(Statistics::Fermi),
            bose,
        })
    };
    if absent {
        return run(Treatment::Absent);
    }
    match equilibrium_weight(cosmo, bose, mass, total, t0) {
        w if w <= 0.0 => run(Treatment::Kinetic),
        w if w >= 1.0 => run(Treatment::Equilibrium),
        w => Ok((1.0 - w) * run(Treatment::Kinetic)? + w * run(Treatment::Equilibrium)?),
    }
}

/// The sector a Z' in equilibrium belongs to (the receiver of its dominant channel), for the
/// tables of [`equilibrium`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Host {
    /// ν_μ, ν_τ (Γ_plasma ≤ Γ_νμτ): the heat exchange is with the plasma, through Γ_plasma.
    NuMuTau,
    /// The electromagnetic plasma (Γ_plasma > Γ_νμτ): the exchange is with ν_μ,τ, through
    /// Γ_νμτ.
    Plasma,
}

impl Host {
    /// The index of the host sector in [`System`].
    fn sector(self) -> usize {
        match self {
            Host::NuMuTau => NU_MU_TAU,
            Host::Plasma => PLASMA,
        }
    }
}

/// If [`n_eff_with`] holds the Z' of `z` in equilibrium with its host throughout (the number
/// relaxation rate at T₀ above [`EQUILIBRIUM_THRESHOLD`] H: blend weight 1), has no ν_e width
/// (exactly 0: a tiny one with a large Γ/H would still couple ν_e) and ν_μτ or the plasma
/// as the host: the host and the width of the other of the two channels. N_eff is then
/// [`n_eff_in_equilibrium`]`(mass, host, width)`: the host's own width drops out.
pub fn equilibrium_host(cosmo: &Cosmology, z: &ZpChannels) -> Option<(Host, f64)> {
    let total = z.width_plasma + z.width_nu_e + z.width_nu_mu_tau;
    let valid = is_positive_finite(z.mass)
        && z.width_nu_e == 0.0
        && z.width_nu_mu_tau >= 0.0
        && z.width_plasma >= 0.0
        && is_positive_finite(total);
    if !valid
        || equilibrium_weight(
            cosmo,
            Table::get(Statistics::Bose),
            z.mass,
            total,
            (3.0 * z.mass).clamp(T_START_MIN, T_START_MAX),
        ) < 1.0
    {
        return None;
    }
    // the host rule of `n_eff_with`: ν_μτ unless another channel is strictly wider
    Some(if z.width_plasma > z.width_nu_mu_tau {
        (Host::Plasma, z.width_nu_mu_tau)
    } else {
        (Host::NuMuTau, z.width_plasma)
    })
}

/// N_eff for a Z' of mass `mass` in equilibrium with the sector `host` throughout,
/// exchanging heat through its width `width` (GeV) with the other of ν_μ,τ and the plasma
/// and with nothing else: what [`n_eff_with`] computes, to the last bit, for channels with
/// [`equilibrium_host`] (the same system of equations, in which the host's width does not
/// appear). A function of two variables, tabulated in [`equilibrium`].
pub fn n_eff_in_equilibrium(cosmo: &Cosmology, mass: f64, host: Host, width: f64) -> Result<f64> {
    if !is_positive_finite(mass) {
        return Err(Error::invalid("mass", mass, "m_Z' > 0"));
    }
    if !(width.is_finite() && width >= 0.0) {
        return Err(Error::invalid(
            "width",
            width,
            "a finite, non-negative width of the exchange channel",
        ));
    }
    let widths = match host {
        Host::NuMuTau => [width, 0.0, 0.0],
        Host::Plasma => [0.0, 0.0, width],
    };
    integrate(&System {
        c: cosmo,
        mass,
        widths,
        host: host.sector(),
        treatment: Treatment::Equilibrium,
        switches: Switches::default(),
        fermi: Table::get(Statistics::Fermi),
        bose: Table::get(Statistics::Bose),
    })
}

/// The integration from T₀ to the end of e± annihilation, and N_eff.
fn integrate(system: &System) -> Result<f64> {
    let (mass, treatment) = (system.mass, system.treatment);
    let t0 = if treatment == Treatment::Absent {
        T_START_MIN
    } else {
        (3.0 * mass).clamp(T_START_MIN, T_START_MAX)
    };
    let t_end = if treatment == Treatment::Absent {
        T_END_MAX
    } else {
        T_END_MAX.min(mass / 50.0)
    };
    let y_z0 = if treatment == Treatment::Kinetic && system.switches.zp_initially_thermal {
        3.0 * system.bose.ln_n(mass / t0).exp()
    } else {
        0.0
    };
    let y0 = [t0.ln(), t0.ln(), t0.ln(), y_z0];
    let opts = Options {
        rel_tol: 1e-9,
        // ln T to 1e-6 per step; the Z' number n/T³ (≤ 0.37) to 1e-7.
        abs_tol: [1e-6, 1e-6, 1e-6, 1e-7],
        first_step: 1e-4,
        max_step: 0.5,
        max_steps: 20_000,
    };
    let x_end = (t0 / t_end).ln();
    let (y, _) = rosenbrock23(|y| system.derivatives(y), 0.0, y0, x_end, &opts).map_err(|e| {
        Error::Numerical {
            context: "N_eff temperature evolution".into(),
            message: e.to_string(),
        }
    })?;
    let (tg, te, tm) = (y[0].exp(), y[1].exp(), y[2].exp());
    let value = (11.0f64 / 4.0).powf(4.0 / 3.0) * ((te / tg).powi(4) + 2.0 * (tm / tg).powi(4));
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::Numerical {
            context: "N_eff".into(),
            message: "the temperature evolution gave a non-finite N_eff".into(),
        })
    }
}

#[cfg(test)]
mod tests;
