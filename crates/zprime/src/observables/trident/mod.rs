//! Neutrino trident production ν_μ N → ν_μ N μ⁺μ⁻ with a Z' of any mass:
//! `R_trident(CCFR)`, `R_trident(CHARM-II)`, `R_trident(NuTeV)` = σ/σ_SM for each experiment
//! (one observable `R_trident` with an `experiment` argument; `R_trident(heavy)` is the
//! contact limit of [`heavy`]).
//!
//! # Physics
//!
//! * Coherent scattering on the nucleus in the equivalent-photon approximation (EPA), as
//!   Altmannshofer, Gori, Pospelov, Yavin, PRL 113 (2014) 091801 (arXiv:1406.2332) and paper
//!   001 Sec. II.B: `σ = (Z²α/π) ∫ds/s σ_νγ(s) ∫_{s²/4E²} dt/t F²(t)` with the Helm charge
//!   form factor ([`nucleus`]).
//! * ν γ → ν μ⁺μ⁻ with all amplitudes: the Standard-Model W and Z exchange (contact limit:
//!   s ≲ 30 GeV² ≪ m_W², corrections below 0.5%) and the Z' exchange with its full
//!   propagator 1/(m_Z'² + Q²) in the neutrino momentum transfer Q², interfering; the photon
//!   on either muon line; the exact muon mass. The 2 → 3 phase space is integrated: the
//!   μ⁺μ⁻ angles in closed form (structure functions, [`structure`]), W², Q² and the photon
//!   flux numerically ([`table`]).
//! * In the effective vertex `−(ν̄γ^αP_Lν)[c_V μ̄γ_αμ − c_A μ̄γ_αγ5μ]`:
//!   c_V = √2 G_F (1/2 + 2s_W²) + g_ν g_V/(m_Z'² + Q²), c_A = √2 G_F/2 + g_ν g_A/(m_Z'² + Q²)
//!   (g_ν the ν_μ coupling, g_V, g_A the muon's, `couplings::vector_axial`). In the heavy
//!   limit this is paper 004 Eq. (34) generalized ([`heavy`]): but the muon mass makes the
//!   axial part of σ_SM larger than the vector part (K_A/K_V = 1.10 at CCFR, 1.25 at
//!   CHARM-II), which Eq. (34) (massless muons) neglects; at m_Z' = 2 TeV the full
//!   calculation gives R − 1 smaller than Eq. (34) by 2% (CCFR), 2.4% (NuTeV) and 5%
//!   (CHARM-II) (tests).
//!
//! # Approximations
//!
//! * EPA for coherent μ⁺μ⁻ production: Ballett et al., JHEP 01 (2019) 119 (arXiv:1807.10973),
//!   compared it with a full 2 → 4 calculation and found it a reasonable estimate for the
//!   coherent dimuon channel only (as here). In R = σ/σ_SM the EPA's error largely cancels.
//! * Incoherent (diffractive) scattering on single nucleons is neglected: it scales with Z
//!   instead of Z², and the EPA is not reliable for it (Ballett et al.). Its different Q²
//!   range would change R only at the level of its share of σ times the difference of the Z'
//!   effect.
//! * Each beam is monochromatic at its mean energy (no documented spectrum available);
//!   `data/experiments/trident.toml` takes a spectrum when one is known. R changes by a few
//!   per cent of (R − 1) when the energy moves by ±30% (tests).
//! * The loop-induced Z'–photon mixing adds a Z' coupling to the nucleus and a correction to
//!   the muon vertex of relative size ε/e ≈ g/(70e): negligible and not included.
//! * s_W² is the input set's MS-bar value at m_Z in both numerator and denominator of R.

pub mod heavy;
pub mod nucleus;
pub mod structure;
pub mod table;

#[cfg(test)]
mod check;

pub use heavy::ratio_heavy;

use super::{
    Args, Argument, ArgumentKind, Compute, Context, Evaluator, InCoupling, Observable, Validity,
};
use crate::couplings::{chiral, vector_axial, Fermion};
use crate::error::{Error, Result};
use crate::inputs::{InputSet, StandardModel};
use num_complex::Complex64;
use std::sync::Arc;
use table::{Moments, Settings, Table};

/// The experiments `R_trident` knows: the full calculation for each beam and target of
/// `data/experiments/trident.toml`, and `heavy`, the contact limit shared by all.
const EXPERIMENTS: &[&str] = &["CCFR", "CHARM-II", "NuTeV", "heavy"];

/// Smallest Z' mass where the contact limit `R_trident(heavy)` is used: a documented choice,
/// the mass above which paper 004 applies Eq. (34) (the full propagator differs from the
/// contact form by (Q²/m_Z'²) with Q² ≲ 1 GeV² at these beams: a per-cent effect at 10 GeV).
pub const HEAVY_MASS_MIN: f64 = 10.0;

/// The observables of this area.
pub(crate) const OBSERVABLES: &[Observable] = &[Observable {
    name: "R_trident",
    description: "sigma/sigma_SM of nu_mu N -> nu_mu N mu+ mu- at an experiment (CCFR: Fe, 160 GeV; CHARM-II: glass, 23.7 GeV; NuTeV: Fe, 120 GeV): coherent, equivalent-photon approximation, Z' of any mass; `heavy`: the contact limit, the same for every experiment (m_Z' >= 10 GeV)",
    latex: r"\sigma/\sigma_\mathrm{SM}",
    unit: "1",
    degree: None,
    reference: "nu gamma -> nu mu mu with W, Z and Z' (full propagator) in the EPA of arXiv:1406.2332; heavy limit paper 004 Eq. (34), generalized to vector and axial muon couplings",
    arguments: &[Argument {
        name: "experiment",
        description: "CCFR, CHARM-II, NuTeV (data/experiments/trident.toml) or heavy (contact limit)",
        kind: ArgumentKind::Choice(EXPERIMENTS),
        default: None,
        required: true,
    }],
    listed: Some(EXPERIMENTS),
    validity,
    compute: Compute::Prepared(prepare),
}];

fn validity(args: &Args, _: &StandardModel) -> Option<Validity> {
    (args.get("experiment") == Some("heavy")).then(|| Validity {
        mass: [HEAVY_MASS_MIN, crate::model::MASS_MAX],
        reason: "contact limit of the Z' propagator, used from 10 GeV up (paper 004)".into(),
    })
}

fn prepare(
    o: &Observable,
    args: &Args,
    sm: &StandardModel,
    _: &InputSet,
) -> Result<Arc<dyn Evaluator>> {
    match args.word(o, "experiment")? {
        "heavy" => Ok(Arc::new(Heavy)),
        id => Ok(Arc::new(Experiment::new(id, sm)?)),
    }
}

/// The contact limit (nothing to prepare).
struct Heavy;

impl Evaluator for Heavy {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        ratio_heavy(ctx)
    }
}

/// One experiment with its cross-section table (built once: it depends on m_μ and ħc only).
pub struct Experiment {
    id: String,
    table: Table,
}

impl Experiment {
    /// Build the table of experiment `id` for the input set's m_μ and ħc.
    pub fn new(id: &str, sm: &StandardModel) -> Result<Experiment> {
        let exp = nucleus::experiment(id, hbar_c_gev_fm(sm))?;
        let m2 = sm.m_lepton[1].powi(2);
        let table = Table::new(&exp, m2, &Settings::default());
        if table.i0().iter().any(|v| !(v.is_finite() && *v > 0.0)) {
            return Err(Error::Numerical {
                context: format!("R_trident({id})"),
                message: "the Standard-Model cross section table is not positive".into(),
            });
        }
        Ok(Experiment {
            id: id.to_string(),
            table,
        })
    }

    /// The flux moments at the point's mass (the expensive, coupling-independent part).
    fn moments(&self, mass: f64) -> Result<Moments> {
        let mz2 = mass * mass;
        if !(mz2.is_finite() && mz2 > 0.0) {
            return Err(Error::invalid(
                "mass",
                mass,
                "0 < mass with a finite, nonzero square",
            ));
        }
        Ok(self.table.moments(mz2))
    }

    /// σ/σ_SM from the moments at the point's mass.
    fn ratio_from(&self, ctx: &Context, mom: &Moments) -> Result<f64> {
        let b = zprime_couplings(ctx);
        let a = standard_model_couplings(ctx.sm);
        let sm_sigma = table::sigma_from_moments(mom, a, [Complex64::new(0.0, 0.0); 2]);
        let r = table::sigma_from_moments(mom, a, b) / sm_sigma;
        if !r.is_finite() {
            return Err(Error::Numerical {
                context: format!("R_trident({})", self.id),
                message: format!("sigma/sigma_SM overflows at m_Z' = {} GeV", ctx.point.mass),
            });
        }
        Ok(r)
    }
}

impl Evaluator for Experiment {
    fn predict(&self, ctx: &Context) -> Result<f64> {
        if zprime_couplings(ctx).iter().all(|x| x.norm() == 0.0) {
            return Ok(1.0);
        }
        let mom = self.moments(ctx.point.mass)?;
        self.ratio_from(ctx, &mom)
    }

    /// The moments once per mass; each coupling then costs a few multiplications. With one
    /// coupling the Z' amplitude is c² times its value at c = 1, so σ/σ_SM = 1 + r₁c² + r₂c⁴
    /// (σ is quadratic in the amplitudes): a polynomial whose crossings the engine finds
    /// exactly.
    fn at_mass<'a>(&'a self, ctx: &Context<'a>) -> Result<InCoupling<'a>> {
        let mom = self.moments(ctx.point.mass);
        if let (Ok(mom), true) = (&mom, ctx.point.single_coupling()) {
            let one = ctx.point.with_coupling(1.0);
            let b = zprime_couplings(&Context {
                point: &one,
                ..*ctx
            });
            let a = standard_model_couplings(ctx.sm);
            let sm = table::sigma_from_moments(mom, a, [Complex64::new(0.0, 0.0); 2]);
            let (mut r1, mut r2) = (0.0, 0.0);
            for x in 0..2 {
                let [_, i1, i2] = mom[x];
                r1 += 2.0 * a[x] * b[x].re * i1;
                r2 += b[x].norm_sqr() * i2;
            }
            let coefficients = vec![1.0, 0.0, r1 / sm, 0.0, r2 / sm];
            if coefficients.iter().all(|c| c.is_finite()) {
                return Ok(InCoupling::Polynomial(coefficients));
            }
        }
        let ctx = *ctx;
        Ok(InCoupling::Function(Box::new(move |c| {
            let p = ctx.point.with_coupling(c);
            let at = Context { point: &p, ..ctx };
            if zprime_couplings(&at).iter().all(|x| x.norm() == 0.0) {
                return Ok(1.0);
            }
            match &mom {
                Ok(mom) => self.ratio_from(&at, mom),
                Err(e) => Err(e.clone()),
            }
        })))
    }
}

/// ħc in GeV·fm from the input set's ħc in GeV·m.
fn hbar_c_gev_fm(sm: &StandardModel) -> f64 {
    sm.hbar_c * 1e15
}

/// Standard-Model coefficients (a_V, a_A) = √2 G_F (1/2 + 2s_W², 1/2), GeV⁻².
fn standard_model_couplings(sm: &StandardModel) -> [f64; 2] {
    let k = std::f64::consts::SQRT_2 * sm.g_fermi;
    [k * (0.5 + 2.0 * sm.sin2_theta_w), k * 0.5]
}

/// The Z' numerators (b_V, b_A) = g_ν (g_V, g_A) of the ν_μ and muon couplings.
fn zprime_couplings(ctx: &Context) -> [Complex64; 2] {
    let (g_nu, _) = chiral(Fermion::Neutrino(1), ctx.point, ctx.sm, 0.0);
    let (g_v, g_a) = vector_axial(Fermion::ChargedLepton(1), ctx.point, ctx.sm, 0.0);
    [g_nu * g_v, g_nu * g_a]
}

/// σ/σ_SM for experiment `id` at the context's point. Builds the experiment's table: for
/// many points prepare `R_trident(id)` once ([`super::Query::prepare`]).
pub fn ratio(ctx: &Context, id: &str) -> Result<f64> {
    if zprime_couplings(ctx).iter().all(|x| x.norm() == 0.0) {
        return Ok(1.0);
    }
    Experiment::new(id, ctx.sm)?.predict(ctx)
}

/// The Standard-Model trident cross section of experiment `id` in cm² per nucleus (averaged
/// over the nuclei of the target unit, e.g. per "glass nucleus" for SiO2), and the vector
/// and axial shares of it (K_V a_V², K_A a_A² normalized to 1).
pub fn sigma_sm(id: &str, sm: &StandardModel) -> Result<(f64, [f64; 2])> {
    let table = Experiment::new(id, sm)?.table;
    let exp = nucleus::experiment(id, hbar_c_gev_fm(sm))?;
    let a = standard_model_couplings(sm);
    let i0 = table.i0();
    let parts = [a[0] * a[0] * i0[0], a[1] * a[1] * i0[1]];
    let total = parts[0] + parts[1];
    let c = sm.alpha * sm.alpha / (16.0 * std::f64::consts::PI.powi(2));
    let gev2_to_cm2 = (sm.hbar_c * 100.0).powi(2);
    Ok((
        c * total * gev2_to_cm2 / exp.nuclei(),
        [parts[0] / total, parts[1] / total],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::InputSet;
    use crate::model::preset;
    use std::collections::BTreeMap;

    fn sm() -> StandardModel {
        StandardModel::from_inputs(&InputSet::default_set()).unwrap()
    }

    fn r(id: &str, model: &str, m: f64, g: f64) -> f64 {
        let inputs = InputSet::default_set();
        let sm = sm();
        let p = preset(model)
            .unwrap()
            .point(m, g, &BTreeMap::new())
            .unwrap();
        ratio(
            &Context {
                sm: &sm,
                inputs: &inputs,
                point: &p,
                shared: None,
            },
            id,
        )
        .unwrap()
    }

    /// The table's σ_SM against an independent nested adaptive integration of the same
    /// formula (flux T, D by adaptive quadrature, then W², then Q²): second method for every
    /// fixed rule of the table.
    #[test]
    fn table_against_adaptive_quadrature() {
        // ξ − 1 − ln ξ, with its series near ξ = 1 where the difference cancels.
        fn xi_m1(x: f64) -> f64 {
            let y = x - 1.0;
            if y.abs() < 1e-3 {
                y * y / 2.0 - y * y * y / 3.0
            } else {
                y - x.ln()
            }
        }
        use crate::math::quad::integrate;
        let sm = sm();
        let m2 = sm.m_lepton[1].powi(2);
        let exp = nucleus::experiment("CHARM-II", hbar_c_gev_fm(&sm)).unwrap();
        let s = Settings::default();
        let table = Table::new(&exp, m2, &s);
        // Adaptive T, D.
        let t_end = exp.t_end();
        let flux = |u: f64| -> (f64, f64) {
            let e = exp.beam[0].0;
            let x = u * u / (4.0 * e * e);
            if x >= t_end {
                return (0.0, 0.0);
            }
            let f2 = |l: f64| -> f64 {
                let t: f64 = l.exp();
                exp.targets
                    .iter()
                    .map(|n| n.count * n.z * n.z * n.form_factor.squared(t))
                    .sum()
            };
            let xi = |l: f64| u / (2.0 * e * (0.5 * l).exp());
            let tt =
                integrate(|l| f2(l) * (1.0 - xi(l).powi(2)), x.ln(), t_end.ln(), 1e-10).unwrap();
            let dd = integrate(|l| f2(l) * xi_m1(xi(l)), x.ln(), t_end.ln(), 1e-10).unwrap();
            (tt, dd)
        };
        // Flux spline against the adaptive flux at off-grid points.
        let fl = table::Flux::new(&exp, 4.0 * m2, &s);
        for u in [0.05, 0.3, 2.0, 7.7] {
            let (t1, d1) = fl.at(u);
            let (t2, d2) = flux(u);
            assert!(
                (t1 / t2 - 1.0).abs() < 1e-6 && (d1 / d2 - 1.0).abs() < 1e-6,
                "u={u}: {t1} {t2} {d1} {d2}"
            );
        }
        // K at a few Q² against adaptive W² integration with the adaptive flux.
        for q in [1e-6, 0.01, 0.3, 2.0] {
            let k = table::k_at(&fl, q, m2, &s);
            let top = fl.u_max() - q;
            let vmax = (top / (4.0 * m2)).ln().sqrt();
            for (x, kx) in k.iter().enumerate() {
                let kk = integrate(
                    |v: f64| {
                        let w2 = 4.0 * m2 * (v * v).exp();
                        let u = w2 + q;
                        let (t, d) = flux(u);
                        let (a1, a2) = structure::structure_functions(q, w2, m2)[x];
                        w2 * 2.0 * v * (q * a1 * t / (u * u) + a2 * d)
                    },
                    0.0,
                    vmax,
                    1e-9,
                )
                .unwrap();
                assert!((kx / kk - 1.0).abs() < 1e-6, "Q²={q} X={x}: {kx} vs {kk}");
            }
        }
        // The Q² rule: I0 and I1, I2 at two masses against a finer table.
        let fine = Table::new(
            &exp,
            m2,
            &Settings {
                q_panel: 0.5,
                order: 12,
                ..s
            },
        );
        for mz2 in [1e-6, 0.04, 100.0] {
            let (a, b) = (table.moments(mz2), fine.moments(mz2));
            for x in 0..2 {
                for n in 0..3 {
                    assert!((a[x][n] / b[x][n] - 1.0).abs() < 1e-7, "m²={mz2} {x} {n}");
                }
            }
        }
    }

    /// Second method for the whole chain: the EPA formula in its original order,
    /// σ = Σ_N n_N (Z_N²α/π) ∫ds/s σ_νγ(s) Φ_N(s²/4E²), with σ_νγ(s) from an adaptive
    /// two-dimensional integral of the closed forms and Φ by adaptive quadrature, against
    /// the table (where the s integral is done in closed form after exchanging the order).
    #[test]
    fn table_against_the_epa_formula_in_its_original_order() {
        use crate::math::quad::integrate;
        let sm = sm();
        let m2 = sm.m_lepton[1].powi(2);
        let exp = nucleus::experiment("CHARM-II", hbar_c_gev_fm(&sm)).unwrap();
        let e = exp.beam[0].0;
        let a = standard_model_couplings(&sm);
        let phi = |x: f64| -> f64 {
            exp.targets
                .iter()
                .map(|n| {
                    let t_end = n.form_factor.t_end();
                    if x >= t_end {
                        return 0.0;
                    }
                    n.count
                        * n.z
                        * n.z
                        * integrate(|l| n.form_factor.squared(l.exp()), x.ln(), t_end.ln(), 1e-9)
                            .unwrap()
                })
                .sum()
        };
        let s_end = exp.s_end();
        let direct = integrate(
            |ls: f64| {
                let s = ls.exp();
                let sig =
                    structure::nu_gamma_cross_section(s, a[0], a[1], m2, sm.alpha, 1e-7).unwrap();
                sm.alpha / std::f64::consts::PI * sig * phi(s * s / (4.0 * e * e))
            },
            (4.0 * m2).ln(),
            s_end.ln(),
            1e-6,
        )
        .unwrap();
        let table = Table::new(&exp, m2, &Settings::default());
        let i0 = table.i0();
        let tabulated = sm.alpha.powi(2) / (16.0 * std::f64::consts::PI.powi(2))
            * (a[0] * a[0] * i0[0] + a[1] * a[1] * i0[1]);
        assert!(
            (tabulated / direct - 1.0).abs() < 3e-6,
            "{tabulated:e} vs {direct:e}"
        );
    }

    /// A beam spectrum is a weighted sum of monochromatic beams (the flux integrals are linear
    /// in the weights); and the data file accepts a spectrum and rejects a bad one.
    #[test]
    fn spectrum_is_the_weighted_sum_of_lines() {
        let sm = sm();
        let m2 = sm.m_lepton[1].powi(2);
        let mut exp = nucleus::experiment("CHARM-II", hbar_c_gev_fm(&sm)).unwrap();
        let s = Settings::default();
        let mut line = |e: f64| {
            exp.beam = vec![(e, 1.0)];
            Table::new(&exp, m2, &s).moments(0.01)
        };
        let (a, b) = (line(15.0), line(40.0));
        exp.beam = vec![(15.0, 0.3), (40.0, 0.7)];
        let mix = Table::new(&exp, m2, &s).moments(0.01);
        for x in 0..2 {
            for n in 0..3 {
                let expect = 0.3 * a[x][n] + 0.7 * b[x][n];
                assert!((mix[x][n] / expect - 1.0).abs() < 1e-6, "{x} {n}");
            }
        }
        let text = crate::data::TRIDENT;
        let with = text.replacen(
            "[experiment.energy]\nvalue = 160.0",
            "spectrum = [[100.0, 1.0], [200.0, 2.0]]\n[experiment.energy]\nvalue = 160.0",
            1,
        );
        assert_ne!(with, text);
        assert!(nucleus::parse_for_tests(&with).is_ok());
        let bad = with.replace("[200.0, 2.0]", "[200.0, -2.0]");
        assert!(nucleus::parse_for_tests(&bad)
            .unwrap_err()
            .to_string()
            .contains("spectrum"));
    }

    /// The `experiment` argument accepts exactly the experiments of the data file (and the
    /// contact limit).
    #[test]
    fn experiment_choices_follow_the_data_file() {
        let ids: Vec<&str> = nucleus::specs().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(&EXPERIMENTS[..EXPERIMENTS.len() - 1], ids.as_slice());
        assert_eq!(EXPERIMENTS.last(), Some(&"heavy"));
    }

    #[test]
    fn standard_model_point_is_one_and_heavy_limit_merges() {
        assert_eq!(r("CCFR", "lmu-ltau", 0.3, 0.0), 1.0);
        // At m_Z' = 2 TeV the propagator is a contact interaction: R equals the heavy
        // formula with the table's own V and A weights exactly ...
        let sm = sm();
        for id in ["CCFR", "CHARM-II", "NuTeV"] {
            let (_, share) = sigma_sm(id, &sm).unwrap();
            let (m, g) = (2000.0, 3.0);
            let x = 2.0 * sm.vev().powi(2) * g * g / (m * m); // 2 v² g²/m²
            let cv = 1.0 + 4.0 * sm.sin2_theta_w;
            let weighted = share[0] * ((cv + x) / cv).powi(2) + share[1];
            let full = r(id, "lmu-ltau", m, g);
            assert!(
                (full / weighted - 1.0).abs() < 1e-5,
                "{id}: {full} vs {weighted}"
            );
            // ... and paper 004 Eq. (34) (massless muons, equal weights) up to the muon-mass
            // effect on the axial weight: a few per cent of R − 1.
            let eq34 = (1.0 + (cv + x).powi(2)) / (1.0 + cv * cv);
            let rel = (full - 1.0) / (eq34 - 1.0) - 1.0;
            assert!(
                rel < 0.0 && rel > -0.12,
                "{id}: {full} vs Eq. 34 {eq34} ({rel})"
            );
        }
    }

    /// A lighter Z' is suppressed by its propagator relative to the contact formula, and the
    /// ratio is monotonic in the coupling (constructive interference in L_mu - L_tau).
    #[test]
    fn propagator_suppression_and_monotonicity() {
        let g = 2e-3;
        let (mut prev_m, mut prev) = (0.0, 0.0);
        for m in [0.001, 0.01, 0.1, 0.3, 1.0, 3.0] {
            let rr = r("CCFR", "lmu-ltau", m, g);
            assert!(rr > 1.0 && rr.is_finite());
            if prev_m > 0.0 {
                assert!(rr < prev, "R must decrease with mass: {m} {rr} {prev}");
            }
            (prev_m, prev) = (m, rr);
        }
        let mut last = 1.0;
        for g in [1e-4, 1e-3, 3e-3, 1e-2] {
            let rr = r("CHARM-II", "lmu-ltau", 0.2, g);
            assert!(rr > last);
            last = rr;
        }
    }

    /// Standard-Model cross sections and the sensitivity of R to the beam energy.
    #[test]
    fn standard_model_cross_sections() {
        let sm = sm();
        let (charm2, share) = sigma_sm("CHARM-II", &sm).unwrap();
        // CHARM-II compared its rate with σ_SM = 1.9e-41 cm² per glass nucleus at 23.7 GeV
        // (value recalled from Geiregat et al. 1990, UNVERIFIED here): the EPA gives 2.0e-41.
        assert!((1.7e-41..2.3e-41).contains(&charm2), "{charm2:e}");
        assert!(share[0] > share[1] && (share[0] + share[1] - 1.0).abs() < 1e-12);
        let (ccfr, _) = sigma_sm("CCFR", &sm).unwrap();
        assert!((1.0e-39..1.6e-39).contains(&ccfr), "{ccfr:e}");
    }
}
