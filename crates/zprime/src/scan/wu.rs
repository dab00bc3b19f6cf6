//! Paper 002's Scenario II scan (Sec. IV.C.2, Fig. 3): the first row of the right-handed
//! up-quark mixing, (W_u)_1i = (r₁₁e^{iθ₁₁}, r₁₂e^{iθ₁₂}, r₁₃e^{iθ₁₃}) with Σ r² = 1 (Eq. 4.13–
//! 4.14), is sampled uniformly (the first row of a Haar-random unitary matrix: a uniform point
//! on the unit sphere of C³, from six normal variates), and a sample is kept when one gauge
//! coupling g explains both the muon g−2 band and the KOTO band at 1σ (both within 1σ) or
//! at 2σ.
//!
//! Since Δa_μ = A g² and BR(K_L → π⁰Z') = K(W) g² at the fixed m_Z', the g-intervals of the two
//! bands, [√(a_lo/A), √(a_hi/A)] and [√(B_lo/K), √(B_hi/K)], must overlap; the reported g range is
//! the overlap. The loop functions (paper 002's C_L, C_R) do not depend on W_u: they are
//! computed once, through [`Bl23Transition`] (the documented API of the W loop for fixed
//! mass); per sample only its quadratic form in W is evaluated, in parallel (rayon) over fixed
//! chunks, each on its own PCG32 stream of the user's seed ([`crate::math::random`]), so the
//! result does not depend on the number of threads.

use crate::error::{Error, Result};
use crate::experiments::bands::Band;
use crate::flavour::up_sector_bl23::Bl23Transition;
use crate::inputs::{InputSet, StandardModel};
use crate::math::random::Random;
use crate::model::preset;
use crate::observables::{g_minus_2, k_to_pi, Context};
use num_complex::Complex64 as C64;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// One kept sample. The overall phase of the row is unphysical (g_R^u depends on W*_1i W_1j):
/// it is fixed by arg (W_u)_12 = 0, the convention of paper 002 Eq. (4.15).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WuSample {
    /// |(W_u)_1i|.
    pub abs: [f64; 3],
    /// arg (W_u)_1i − arg (W_u)_12, radians in (−π, π] (so `phase[1]` = 0).
    pub phase: [f64; 3],
    /// Γ(K_L → π⁰Z')/(Γ_KL g²) at this W: BR(K_L → π⁰Z')/g² while BR ≪ 1 (the bands'
    /// BR ~ 1e-9, where the new decay's share of the total width is negligible).
    pub br_per_g2: f64,
    /// 1 (both bands within 1σ) or 2 (within 2σ only).
    pub sigma: u8,
    /// The g range that explains both at that level.
    pub g_range: [f64; 2],
}

/// The scan's result.
#[derive(Debug, Clone, Serialize)]
pub struct WuScanReport {
    /// Input set.
    pub inputs: String,
    /// m_Z' (GeV).
    pub mass: f64,
    /// Number of samples drawn.
    pub samples: usize,
    /// Seed.
    pub seed: u64,
    /// The K_L band.
    pub koto: Band,
    /// The g−2 band (Δa_μ).
    pub g2: Band,
    /// Δa_μ/g² at m_Z'.
    pub delta_a_per_g2: f64,
    /// Γ(K_L → π⁰Z')/(Γ_KL g²) in Scenario I (g_R^u = 0), for reference.
    pub scenario1_br_per_g2: f64,
    /// Number of samples within 1σ.
    pub n_1sigma: usize,
    /// Number within 2σ (including the 1σ ones).
    pub n_2sigma: usize,
    /// The kept samples, in sampling order.
    pub kept: Vec<WuSample>,
}

/// A uniformly distributed unit vector of C³.
fn haar_row(rng: &mut Random) -> [C64; 3] {
    let (a, b) = rng.normal_pair();
    let (c, d) = rng.normal_pair();
    let (e, f) = rng.normal_pair();
    let v = [C64::new(a, b), C64::new(c, d), C64::new(e, f)];
    let n = v
        .iter()
        .map(num_complex::Complex::norm_sqr)
        .sum::<f64>()
        .sqrt();
    [v[0] / n, v[1] / n, v[2] / n]
}

/// The g-interval in which a quantity O = k g² lies in [lo, hi].
fn g_interval(k: f64, [lo, hi]: [f64; 2]) -> [f64; 2] {
    if k <= 0.0 {
        return if lo <= 0.0 {
            [0.0, f64::INFINITY]
        } else {
            [f64::INFINITY, f64::INFINITY]
        };
    }
    [(lo.max(0.0) / k).sqrt(), (hi.max(0.0) / k).sqrt()]
}

const CHUNK: usize = 1 << 14;

/// Run the scan at m_Z' = `mass` with the input set `inputs`: `samples` draws from `seed`, the
/// K_L band `koto` and the Δa_μ band `g2`.
pub fn scan(
    inputs: &InputSet,
    mass: f64,
    samples: usize,
    seed: u64,
    koto: &Band,
    g2: &Band,
) -> Result<WuScanReport> {
    if !(mass.is_finite() && mass > 0.0) {
        return Err(Error::invalid("mass", mass, "0 < mass (GeV)"));
    }
    if samples == 0 || samples > 1_000_000_000 {
        return Err(Error::invalid(
            "samples",
            samples as f64,
            "1 <= samples <= 1e9",
        ));
    }
    let sm = StandardModel::from_inputs(inputs)?;
    let model = preset("b-l-23").expect("preset exists");
    let point = model.point(mass, 1.0, &BTreeMap::new())?;
    let ctx = Context {
        sm: &sm,
        inputs,
        point: &point,
        shared: None,
    };
    let a_per_g2 = g_minus_2::delta_a_mu(&ctx)?;
    // K_L rate per |Im g|²
    let (mk, mpi, gam) = (
        inputs.value("m_KL")?,
        inputs.value("m_pi0")?,
        inputs.value("Gamma_KL")?,
    );
    if mass >= mk - mpi {
        return Err(Error::invalid(
            "mass",
            mass,
            &format!("below m_KL - m_pi0 = {} GeV", mk - mpi),
        ));
    }
    let unit = k_to_pi::width(1.0, mk, mpi, mass, k_to_pi::form_factor(&ctx, mass * mass)?) / gam;
    // loop functions once: g_ds/g as a quadratic form in the row of W_u
    let v = crate::ckm::from_inputs(inputs)?;
    let ds = Bl23Transition::new(&sm, &v, mass, 0, 1)?;
    let scenario1 = ds.scenario1_per_g().im.powi(2) * unit;
    let br_per_g2 = |w: &[C64; 3]| {
        let g = ds.coupling_per_g(w);
        g.im * g.im * unit
    };
    let chunks = samples.div_ceil(CHUNK);
    let kept: Vec<WuSample> = (0..chunks)
        .into_par_iter()
        .map(|c| {
            let mut rng = Random::with_stream(seed, c as u64);
            let n = CHUNK.min(samples - c * CHUNK);
            let mut out = Vec::new();
            for _ in 0..n {
                let w = haar_row(&mut rng);
                let k = br_per_g2(&w);
                for level in [1u8, 2] {
                    let ga = g_interval(a_per_g2, g2.interval(level));
                    let gk = g_interval(k, koto.interval(level));
                    let (lo, hi) = (ga[0].max(gk[0]), ga[1].min(gk[1]));
                    if lo <= hi && lo.is_finite() {
                        let rel = |z: C64| (z * w[1].conj()).arg();
                        out.push(WuSample {
                            abs: [w[0].norm(), w[1].norm(), w[2].norm()],
                            phase: [rel(w[0]), 0.0, rel(w[2])],
                            br_per_g2: k,
                            sigma: level,
                            g_range: [lo, hi],
                        });
                        break;
                    }
                }
            }
            out
        })
        .flatten()
        .collect();
    let n_1sigma = kept.iter().filter(|s| s.sigma == 1).count();
    Ok(WuScanReport {
        inputs: inputs.name.clone(),
        mass,
        samples,
        seed,
        koto: koto.clone(),
        g2: g2.clone(),
        delta_a_per_g2: a_per_g2,
        scenario1_br_per_g2: scenario1,
        n_1sigma,
        n_2sigma: kept.len(),
        kept,
    })
}

/// The Δa_μ band of the input set's g−2 constraint (its Gaussian measurement at 1σ and 2σ).
/// An error when the measurement shows no anomaly (zero inside its 2σ band).
pub fn g2_band(inputs: &InputSet) -> Result<Band> {
    let id = inputs
        .constraints
        .iter()
        .find(|c| c.starts_with("g-2:"))
        .ok_or_else(|| Error::Unknown {
            kind: "g-2 constraint in the input set",
            name: inputs.name.clone(),
            known: inputs.constraints.join(", "),
        })?;
    let c = crate::constraints::Constraint::load(id, inputs)?;
    match crate::experiments::resolve(c.spec.measurement(), inputs)? {
        crate::experiments::Value::Gaussian { value, uncertainty } => {
            // A band that reaches Δa_μ = 0 at 2σ is no anomaly: any small enough g "explains"
            // it and the scan would keep almost every row, a result that means nothing.
            if value - 2.0 * uncertainty <= 0.0 {
                return Err(Error::InvalidParameter {
                    name: "inputs".into(),
                    value: inputs.name.clone(),
                    allowed: format!(
                        "an input set whose g-2 measurement shows an anomaly (Delta a_mu more \
                         than 2 sigma above zero), e.g. kang2020 or ibe2016; '{}' has {} = \
                         {value:.3e} +- {uncertainty:.2e}, compatible with zero",
                        inputs.name,
                        c.spec.measurement()
                    ),
                });
            }
            let mut b = Band::new(
                c.spec.measurement(),
                value,
                [(value - uncertainty).max(0.0), value + uncertainty],
                [
                    (value - 2.0 * uncertainty).max(0.0),
                    value + 2.0 * uncertainty,
                ],
            )?;
            b.quantity = "Delta a_mu".into();
            b.reference.clone_from(&c.reference);
            Ok(b)
        }
        crate::experiments::Value::UpperLimit { .. } => Err(Error::Unknown {
            kind: "Gaussian g-2 measurement",
            name: c.spec.measurement().to_string(),
            known: "a constraint with a Gaussian measurement".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiments::bands::band;

    #[test]
    fn haar_rows_are_uniform() {
        let mut rng = Random::new(7);
        let n = 200_000;
        let mut m = [0.0; 3];
        let mut m2 = 0.0;
        for _ in 0..n {
            let w = haar_row(&mut rng);
            let s: f64 = w.iter().map(num_complex::Complex::norm_sqr).sum();
            assert!((s - 1.0).abs() < 1e-14);
            for i in 0..3 {
                m[i] += w[i].norm_sqr() / f64::from(n);
            }
            m2 += w[0].norm_sqr().powi(2) / f64::from(n);
        }
        // |w_i|² is Dirichlet(1,1,1): mean 1/3, E|w|⁴ = 1/6
        for x in m {
            assert!((x - 1.0 / 3.0).abs() < 0.003);
        }
        assert!((m2 - 1.0 / 6.0).abs() < 0.002);
    }

    /// The scan is deterministic, and its Scenario-I limit agrees with the observable.
    #[test]
    fn scan_is_deterministic_and_consistent() {
        let inputs = InputSet::load("kang2020").unwrap();
        let koto = band("KOTO:2019-prelim").unwrap();
        let g2 = g2_band(&inputs).unwrap();
        let a = scan(&inputs, 0.14, 50_000, 42, koto, &g2).unwrap();
        let b = scan(&inputs, 0.14, 50_000, 42, koto, &g2).unwrap();
        assert_eq!(a.kept, b.kept);
        assert!(a.n_2sigma > 0 && a.n_1sigma <= a.n_2sigma);
        let sm = StandardModel::from_inputs(&inputs).unwrap();
        let p = preset("b-l-23")
            .unwrap()
            .point(0.14, 1e-3, &BTreeMap::new())
            .unwrap();
        let ctx = Context {
            sm: &sm,
            inputs: &inputs,
            point: &p,
            shared: None,
        };
        // the scan's BR per g² is the small-coupling rate Γ(K_L -> pi0 Z')/Γ_KL(SM)
        let br = k_to_pi::gamma_klong(&ctx).unwrap() / inputs.value("Gamma_KL").unwrap();
        assert!((a.scenario1_br_per_g2 * 1e-6 / br - 1.0).abs() < 1e-10);
        // each kept sample's BR per g² agrees with the observable at that W
        let s = a.kept[0];
        let mut params = BTreeMap::new();
        for i in 0..3 {
            params.insert(format!("Wu{}_abs", i + 1), s.abs[i]);
            params.insert(format!("Wu{}_phase", i + 1), s.phase[i]);
        }
        let p = preset("b-l-23")
            .unwrap()
            .point(0.14, 1e-3, &params)
            .unwrap();
        let ctx = Context {
            sm: &sm,
            inputs: &inputs,
            point: &p,
            shared: None,
        };
        // the scan's BR per g² is the small-coupling rate Γ(K_L -> pi0 Z')/Γ_KL(SM)
        let br = k_to_pi::gamma_klong(&ctx).unwrap() / inputs.value("Gamma_KL").unwrap();
        assert!(
            (s.br_per_g2 * 1e-6 / br - 1.0).abs() < 1e-8,
            "{} vs {br}",
            s.br_per_g2 * 1e-6
        );
    }
}
