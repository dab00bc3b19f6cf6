//! NA64μ: Z' emission by 160 GeV muons on the lead of an active target, μ N → μ N Z′ with
//! Z′ → invisible, seen as a muon that lost more than half of its energy and nothing else.
//! One observable, `N_events(NA64mu)`: the expected signal events of a data set
//! (`run`, `data/experiments/na64mu.toml`).
//!
//! # Physics
//!
//! Conventions of the project: `L ⊃ −Z′_α μ̄ γ^α (g_V − g_A γ5) μ`. A muon of energy E
//! emits a Z′ of energy x E off the photon field of a nucleus (charge Z, mass number A). In the
//! Weizsäcker–Williams (WW) approximation (Kirpichnikov, Sieber, Molina Bueno, Crivelli,
//! Kirsanov, arXiv:2107.13297; Liu, Miller, PRD 96 (2017) 016004, arXiv:1705.01633; for
//! m_μ → 0 Bjorken, Essig, Schuster, Toro (BEST), PRD 80 (2009) 075018, App. A):
//!
//! * `dσ/(dx dw) = (α² g_V²/4π) β (1 − x) χ(t_min) [J/ũ² + K/ũ³ + L/ũ⁴]`, with w = xE²θ²
//!   (θ the Z′ angle), ũ = (p − k)² − m_μ² ≈ −(w + U₀), U₀ = m_Z′²(1 − x)/x + m_μ² x,
//!   β = (1 − m_Z′²/x²E²)^{1/2}, t_min = ũ²/(4E²(1 − x)²) and
//!   J = 2(2 − 2x + x²)/(1 − x), K = 4(m_Z′² + 2m_μ²) x,
//!   L = 4(m_Z′² + 2m_μ²)(m_Z′²(1 − x) + m_μ² x²)
//!   (the coefficients of 2107.13297 as implemented in the NA64 simulation DMG4, class
//!   `DarkZ`; checked here in two limits and against the exact calculation).
//! * Limits that fix the normalization (tests): for m_μ → 0 the angle integral gives
//!   `4α³ε²χβ(1 − x + x²/3)/U₀`, BEST's IWW formula (α ε² → g²/4π); for m_Z′ → 0 it gives
//!   `2α² (g²/4π) χ (4/3 − 4x/3 + x²)/(m_μ² x)`, the Bethe–Heitler bremsstrahlung spectrum
//!   with χ ≈ 2Z² ln(183 Z^{−1/3}) in complete screening.
//! * Photon flux with Tsai's elastic form factor (Rev. Mod. Phys. 46 (1974) 815, App. B;
//!   inelastic atomic part, ∝ Z, dropped: 1/Z ≈ 1% for lead):
//!   `G₂(t) = Z² [a²t/(1 + a²t)]² [1/(1 + t/d)]²`, a = 111.7 Z^{−1/3}/m_e, d = 0.164 GeV² A^{−2/3},
//!   `χ(t_min) = ∫_{t_min}^∞ dt (t − t_min)/t² G₂(t)
//!    = Z² d²/(d − t_a)² [(d + t_a + 2t_min)/(d − t_a) ln((d + t_min)/(t_a + t_min)) − 2]`,
//!   t_a = 1/a² (derived by partial fractions: [`ww::Nucleus::chi`]).
//! * The observable uses this WW form, the angle integral done numerically up to θ = 0.1
//!   (16-point Gauss–Legendre rules in ln(w + U₀) and in ln(1 − x): 10⁻⁸ of the adaptive
//!   integrals, 256 flux evaluations per mass). The
//!   improved WW (IWW) takes the flux at the collinear t_min (w = 0) and does the angle
//!   integral to θ → ∞ in closed form,
//!   `dσ/dx = (α² g_V²/4π) β (1 − x) χ(U₀²/4E²(1 − x)²) [J/U₀ − K/(2U₀²) + L/(3U₀³)]`;
//!   it overestimates (below), so it is kept for the checks only.
//! * Expected events: `N = N_MOT ε (X/X₀) (X₀ N_A/A) σ(x > x_cut) BR(Z′ → invisible)`
//!   (X₀ N_A/A nuclei per cm² per radiation length), with x_cut = 1 − p_cut/E
//!   (p_out < 80 GeV/c of 160: x > 0.5) and x ≤ 1 − m_μ/E.
//!
//! # The second method and how good WW is
//!
//! `exact.rs` (compiled for the tests only) integrates the exact tree-level 2 → 3 cross
//! section, the nucleus a heavy scalar with the same G₂. Measured at E = 160 GeV on lead (test
//! `ww_agrees_with_the_exact_cross_section`), dσ/dx for θ < 0.05, WW/exact and IWW/exact:
//!
//! | m_Z′ | x | WW/exact | IWW/exact |
//! | --- | --- | --- | --- |
//! | 10 MeV | 0.6 | 1.006 | 1.20 |
//! | 100 MeV | 0.9 | 1.008 | 1.31 |
//! | 1 GeV | 0.6 | 1.000 | 1.82 |
//!
//! and dσ/(dx dcosθ) at fixed θ within 4% (largest at θ = 0, where t_min is smallest). The
//! phase-space WW is as good as the exact tree level here (below 1%); the IWW's flux at the
//! collinear t_min overestimates by 20–80%, growing with m_Z′. 2107.13297 also compares WW,
//! IWW and the exact tree level for NA64μ and prefers the phase-space WW; its numbers could
//! not be checked here (UNVERIFIED), so the table above is the record.
//! σ(x > 0.5) from WW over IWW: 0.81 (1–20 MeV), 0.79 (100 MeV), 0.56 (1 GeV).
//!
//! # Z′ → μμ
//!
//! Above 2m_μ an L_μ − L_τ Z′ also decays to μ⁺μ⁻, promptly for the couplings NA64μ probes
//! (cτγ ≪ 1 mm at g ~ 10⁻⁴): three muons leave the target and the event is not a signal.
//! The signal is σ × BR(Z′ → invisible) (→ 1/2 above 2m_μ in L_μ − L_τ), as in the NA64μ
//! analysis; a Z′ with no open channel (a dark photon below 2m_e) is stable and counts as
//! invisible. A visibly decaying Z′ that lives long enough to escape is not counted
//! (conservative; irrelevant for L_μ − L_τ, relevant for a dark photon at tiny ε).
//!
//! # Approximations
//!
//! * Axial couplings enter as g_V² + g_A² with the vector formula (exact for vector couplings;
//!   every shipped preset gives the muon equal left and right charges, plus the vectorial
//!   ε e Q_em of kinetic mixing).
//! * Coherent (elastic) production only; monochromatic beam at its nominal energy, energy loss
//!   in the target neglected; the efficiency independent of m_Z′ (an input, UNVERIFIED);
//!   scintillator and downstream material not counted (`data/experiments/na64mu.toml`).

pub mod ww;

#[cfg(test)]
mod exact;
#[cfg(test)]
mod tests;

use super::{
    Args, Argument, ArgumentKind, Compute, Context, Evaluator, InCoupling, Observable, Validity,
};
use crate::couplings::{vector_axial, Fermion};
use crate::error::{Error, Result};
use crate::inputs::{InputSet, Parameter, StandardModel};
use serde::Deserialize;
use std::sync::{Arc, OnceLock};
use ww::{Emission, Nucleus};

const FILE: &str = "data/experiments/na64mu.toml";

/// The data sets `N_events(NA64mu)` knows (the `[[run]]` ids of the data file).
const RUNS: &[&str] = &["2022"];

/// Largest Z' mass where the observable is evaluated, as a fraction of the beam energy: the WW
/// approximation needs m_Z' ≪ E, and above a few GeV coherent emission on lead is negligible
/// (t_min exceeds the nuclear scale d).
const MASS_FRACTION_MAX: f64 = 0.05;

/// Largest Z' angle integrated (rad): the small-angle kinematics of WW hold below it, and the
/// angular distribution (width √(U₀/xE²) ≲ 10⁻²) is complete to < 0.5% at m_Z' = 1 GeV.
pub const THETA_MAX: f64 = 0.1;

/// Gauss–Legendre orders of the x and angle integrals (16 × 16 flux evaluations per mass:
/// 10⁻⁸ of the adaptive result, tested).
const NODES: usize = 16;

/// The observables of this area.
pub(crate) const OBSERVABLES: &[Observable] = &[Observable {
    name: "N_events(NA64mu)",
    description: "expected signal events of NA64mu: mu N -> mu N Z' on the lead of the active target with E_Z' > E_mu - p_cut, times BR(Z'->invisible) (Weizsaecker-Williams with the muon mass, Tsai form factor)",
    latex: r"N_\mathrm{NA64\mu}",
    unit: "events",
    degree: Some(2),
    reference: "WW cross section of arXiv:2107.13297 (muon mass kept), Tsai's elastic form factor; NA64mu 2022, PRL 132 (2024) 211803, arXiv:2401.01708",
    arguments: &[Argument {
        name: "run",
        description: "data set of data/experiments/na64mu.toml: 2022 (1.98e10 muons on target)",
        kind: ArgumentKind::Choice(RUNS),
        default: Some("2022"),
        required: false,
    }],
    listed: Some(&[]),
    validity,
    compute: Compute::Prepared(prepare),
}];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormFactorSpec {
    screening: Parameter,
    nuclear_size: Parameter,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetSpec {
    z: Parameter,
    a: Parameter,
    radiation_length: Parameter,
    avogadro: Parameter,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RunSpec {
    id: String,
    description: String,
    reference: String,
    muons_on_target: Parameter,
    beam_energy: Parameter,
    target_thickness: Parameter,
    missing_energy_fraction: Parameter,
    efficiency: Parameter,
    observed: Parameter,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    form_factor: FormFactorSpec,
    target: TargetSpec,
    run: Vec<RunSpec>,
}

fn parse(text: &str) -> Result<FileSpec> {
    let f: FileSpec = crate::data::parse_toml(text, FILE)?;
    let bad = |m: String| Error::file(FILE, m);
    let positive = [
        ("form_factor.screening", &f.form_factor.screening, "1"),
        (
            "form_factor.nuclear_size",
            &f.form_factor.nuclear_size,
            "GeV^2",
        ),
        ("target.z", &f.target.z, "1"),
        ("target.a", &f.target.a, "g/mol"),
        (
            "target.radiation_length",
            &f.target.radiation_length,
            "g/cm^2",
        ),
        ("target.avogadro", &f.target.avogadro, "1/mol"),
    ];
    for (name, p, unit) in positive {
        if !(p.value.is_finite() && p.value > 0.0) || p.unit != unit || p.source.trim().is_empty() {
            return Err(bad(format!(
                "{name}: needs a positive value in {unit} and a source"
            )));
        }
    }
    for r in &f.run {
        let checks = [
            (
                "muons_on_target",
                &r.muons_on_target,
                "1",
                0.0,
                f64::INFINITY,
            ),
            ("beam_energy", &r.beam_energy, "GeV", 1.0, f64::INFINITY),
            (
                "target_thickness",
                &r.target_thickness,
                "X0",
                0.0,
                f64::INFINITY,
            ),
            (
                "missing_energy_fraction",
                &r.missing_energy_fraction,
                "1",
                0.0,
                1.0,
            ),
            ("efficiency", &r.efficiency, "1", 0.0, 1.0),
            ("observed", &r.observed, "events", -1.0, f64::INFINITY),
        ];
        for (name, p, unit, lo, hi) in checks {
            if !(p.value.is_finite() && p.value > lo && p.value <= hi)
                || p.unit != unit
                || p.source.trim().is_empty()
            {
                return Err(bad(format!(
                    "run '{}': {name} needs a value in ({lo}, {hi}] in {unit} and a source",
                    r.id
                )));
            }
        }
        if r.description.trim().is_empty() || r.reference.trim().is_empty() {
            return Err(bad(format!(
                "run '{}': needs a description and a reference",
                r.id
            )));
        }
    }
    Ok(f)
}

fn file() -> Result<&'static FileSpec> {
    static SPEC: OnceLock<Result<FileSpec>> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text =
            crate::data::file(FILE).ok_or_else(|| Error::file(FILE, "not in the catalogue"))?;
        parse(text)
    })
    .as_ref()
    .map_err(Clone::clone)
}

fn run_spec(id: &str) -> Result<&'static RunSpec> {
    file()?
        .run
        .iter()
        .find(|r| r.id == id)
        .ok_or_else(|| Error::Unknown {
            kind: "NA64mu data set",
            name: id.to_string(),
            known: RUNS.join(", "),
        })
}

/// Up to [`MASS_FRACTION_MAX`] of the run's beam energy (`None`, every mass, only if the
/// shipped file does not parse, in which case preparing the observable fails anyway).
fn validity(args: &Args, _: &StandardModel) -> Option<Validity> {
    let energy = run_spec(args.get("run").unwrap_or(RUNS[0]))
        .ok()?
        .beam_energy
        .value;
    Some(Validity {
        mass: [crate::model::MASS_MIN, MASS_FRACTION_MAX * energy],
        reason: format!(
            "Weizsaecker-Williams emission needs m_Z' << E_mu = {energy} GeV; coherent production on lead is negligible above a few GeV"
        ),
    })
}

/// One data set ready to evaluate: the nucleus, the beam, and the factor turning a cross
/// section in GeV⁻² into events.
pub struct Na64Run {
    /// Data-set id.
    pub id: String,
    /// The target as photon source.
    pub nucleus: Nucleus,
    /// Beam energy (GeV).
    pub energy: f64,
    /// Smallest x = E_Z'/E counted.
    pub x_cut: f64,
    /// Events per GeV⁻² of cross section: N_MOT ε (nuclei per cm²) (ħc)².
    pub events_per_gev2: f64,
    /// Events observed.
    pub observed: f64,
    m_mu: f64,
    alpha: f64,
    /// Gauss–Legendre nodes and weights of the x integral (in ln(1 − x)).
    x_rule: (Vec<f64>, Vec<f64>),
    /// Gauss–Legendre nodes and weights of the angle integral (in ln(w + U₀)).
    angle_rule: (Vec<f64>, Vec<f64>),
}

impl Na64Run {
    /// The data set `id` with the input set's m_e, m_μ, α and ħc.
    pub fn new(id: &str, sm: &StandardModel) -> Result<Na64Run> {
        let f = file()?;
        let r = run_spec(id)?;
        let z = f.target.z.value;
        let a_mass = f.target.a.value;
        let a_screen = f.form_factor.screening.value / (sm.m_lepton[0] * z.cbrt());
        let nucleus = Nucleus {
            z,
            t_screening: 1.0 / (a_screen * a_screen),
            d: f.form_factor.nuclear_size.value / a_mass.powf(2.0 / 3.0),
        };
        let nuclei_per_cm2 =
            r.target_thickness.value * f.target.radiation_length.value * f.target.avogadro.value
                / a_mass;
        let hbar_c_cm = sm.hbar_c * 100.0;
        Ok(Na64Run {
            id: id.to_string(),
            nucleus,
            energy: r.beam_energy.value,
            x_cut: r.missing_energy_fraction.value,
            events_per_gev2: r.muons_on_target.value
                * r.efficiency.value
                * nuclei_per_cm2
                * hbar_c_cm
                * hbar_c_cm,
            observed: r.observed.value,
            m_mu: sm.m_lepton[1],
            alpha: sm.alpha,
            x_rule: crate::math::gauss::gauss_legendre(NODES),
            angle_rule: crate::math::gauss::gauss_legendre(NODES),
        })
    }

    /// The emission kinematics at Z' mass `m_z`.
    pub fn emission(&self, m_z: f64) -> Emission {
        Emission {
            energy: self.energy,
            m_mu: self.m_mu,
            m_z,
        }
    }

    /// σ(μN → μNZ', x > x_cut) per lead nucleus for g_V = 1, GeV⁻² (WW, Z' angles up to
    /// [`THETA_MAX`]).
    pub fn sigma_unit(&self, m_z: f64) -> Result<f64> {
        if !(m_z.is_finite() && m_z > 0.0) {
            return Err(Error::invalid("mass", m_z, "0 < mass"));
        }
        Ok(self.emission(m_z).ww_sigma_fixed(
            &self.nucleus,
            self.alpha,
            self.x_cut,
            THETA_MAX,
            &self.x_rule,
            &self.angle_rule,
        ))
    }

    /// Signal events per unit (g_V² + g_A²) before BR(Z' → invisible) at `m_z`.
    pub fn events_unit(&self, m_z: f64) -> Result<f64> {
        Ok(self.events_per_gev2 * self.sigma_unit(m_z)?)
    }

    /// [`Na64Run::events_unit`] at the context's mass, once per point for the observable and
    /// the constraint on it (the context's store).
    fn events_unit_shared(&self, ctx: &Context) -> Result<f64> {
        let m_z = ctx.point.mass;
        let key = super::shared::Key::new("NA64mu events per unit coupling").numbers(&[
            m_z,
            self.energy,
            self.x_cut,
            self.events_per_gev2,
        ]);
        super::shared::memo(ctx, key, || self.events_unit(m_z))
    }
}

fn prepare(
    o: &Observable,
    args: &Args,
    sm: &StandardModel,
    _: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    Ok(Arc::new(Na64Run::new(args.word(o, "run")?, sm)?))
}

/// g_V² + g_A² of the muon at q² = m_Z'² (the on-shell Z').
fn muon_coupling_squared(ctx: &Context) -> f64 {
    let m = ctx.point.mass;
    let (gv, ga) = vector_axial(Fermion::ChargedLepton(1), ctx.point, ctx.sm, m * m);
    gv.norm_sqr() + ga.norm_sqr()
}

/// The fraction of Z's that leave no trace: BR(Z' → invisible), and 1 for a Z' with no open
/// decay channel (stable, e.g. a dark photon below 2m_e). Visible decays count as seen
/// (prompt: cτγ ≪ 1 mm for an L_μ − L_τ Z' at g ≳ 10⁻⁵ above 2m_μ); a long-lived Z' decaying
/// visibly behind the detector is not counted, which only weakens the limit.
fn invisible_fraction(ctx: &Context) -> Result<f64> {
    use super::zp_decays::widths;
    let w = widths(ctx)?;
    if w.total() > 0.0 {
        return Ok(w.invisible() / w.total());
    }
    // Zero coupling: the ratio's limit, from coupling 1 (it does not depend on a single one).
    let p1 = ctx.point.with_coupling(1.0);
    let w1 = widths(&Context { point: &p1, ..*ctx })?;
    Ok(if w1.total() > 0.0 {
        w1.invisible() / w1.total()
    } else {
        1.0
    })
}

impl Evaluator for Na64Run {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        let g2 = muon_coupling_squared(ctx);
        if g2 == 0.0 {
            return Ok(0.0);
        }
        let invisible = invisible_fraction(ctx)?;
        if invisible == 0.0 {
            return Ok(0.0);
        }
        Ok(self.events_unit_shared(ctx)? * g2 * invisible)
    }

    /// The x integral once per mass; each coupling then costs the couplings and BR(Z' → inv).
    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        let unit = self.events_unit_shared(ctx)?;
        let ctx = *ctx;
        Ok(InCoupling::Function(Box::new(move |c| {
            let p = ctx.point.with_coupling(c);
            let at = Context { point: &p, ..ctx };
            let g2 = muon_coupling_squared(&at);
            if g2 == 0.0 {
                return Ok(0.0);
            }
            Ok(unit * g2 * invisible_fraction(&at)?)
        })))
    }
}
