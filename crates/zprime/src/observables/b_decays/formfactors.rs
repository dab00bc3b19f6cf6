//! B → P and B → V form factors from the fits of `data/formfactors/b_meson.toml` (BSZ and BCL
//! z-expansions with the fits' covariance matrices; the file's header gives the formulas and
//! every fit its paper), with their gradient in the fit parameters so that the form-factor
//! uncertainty of a rate follows by linear propagation ([`propagate`]).
//!
//! The parametrizations are evaluated the way flavio evaluates them
//! (flavio/physics/bdecays/formfactors/b_p/bsz.py, b_v/bsz.py, b_p/bcl_lmvd.py; read, not
//! copied): z with t₀ = t₊(1 − √(1 − t₋/t₊)), a simple pole per form factor, the BSZ expansion
//! in z(q²) − z(0), and a₀ of A₁₂ fixed by A₁₂(0) = (m_B² − m_V²) A₀(0)/(8 m_B m_V).

use crate::error::{Error, Result};
use serde::Deserialize;
use std::sync::OnceLock;

/// The data file.
const FILE: &str = "data/formfactors/b_meson.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    fit: Vec<FitSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FitSpec {
    id: String,
    transition: String,
    default: bool,
    parametrization: String,
    reference: String,
    source: String,
    m_parent: f64,
    m_daughter: f64,
    parameters: Vec<String>,
    means: Vec<f64>,
    covariance: Vec<Vec<f64>>,
    form_factor: Vec<FormFactorSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormFactorSpec {
    name: String,
    pole_mass: f64,
    coefficients: Vec<String>,
}

/// The z-expansion of a fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parametrization {
    /// Bharucha–Straub–Zwicky: F = P(q²) Σ_k a_k (z − z₀)^k.
    Bsz,
    /// Bourrely–Caprini–Lellouch with f(0) normalization (arXiv:2102.07233):
    /// f = P(q²) f(0) [1 + Σ_{k≥1} b_k (z^k − z₀^k − (−1)^{k−K}(k/K)(z^K − z₀^K))].
    Bcl,
}

/// One form factor of a fit: which parameters multiply which power of z.
#[derive(Debug, Clone)]
pub struct FormFactor {
    /// Name (f+, A0, A1, A12, V).
    pub name: String,
    /// The pole mass of P(q²) = 1/(1 − q²/m²), GeV.
    pub pole_mass: f64,
    /// (parameter index, factor) for each power k = 0, 1, ...
    terms: Vec<(usize, f64)>,
}

/// A published form-factor fit: parameters with their Gaussian covariance.
#[derive(Debug, Clone)]
pub struct Fit {
    /// Identifier, e.g. `B->K:GRvDV2023`.
    pub id: String,
    /// `B->K`, `B->pi`, `B->K*`, `B->rho`.
    pub transition: String,
    /// The fit the observables use for its transition.
    pub default: bool,
    /// Expansion.
    pub parametrization: Parametrization,
    /// Citation of the fit.
    pub reference: String,
    /// Where the numbers were taken from.
    pub source: String,
    /// Masses entering t₊, t₋ (GeV).
    pub masses: (f64, f64),
    /// Parameter names.
    pub parameters: Vec<String>,
    /// Central values.
    pub means: Vec<f64>,
    /// Covariance matrix.
    pub covariance: Vec<Vec<f64>>,
    /// The form factors.
    pub form_factors: Vec<FormFactor>,
}

impl Fit {
    /// The z variable of the fit's expansion.
    fn z(&self, q2: f64) -> f64 {
        let (mb, mm) = self.masses;
        let tp = (mb + mm).powi(2);
        let tm = (mb - mm).powi(2);
        let t0 = tp * (1.0 - (1.0 - tm / tp).sqrt());
        let (a, b) = ((tp - q2).max(0.0).sqrt(), (tp - t0).sqrt());
        (a - b) / (a + b)
    }

    /// The form factor `name` at q² with the central parameters, and its gradient with
    /// respect to the parameters.
    pub fn value_and_gradient(&self, name: &str, q2: f64) -> Result<(f64, Vec<f64>)> {
        self.evaluate(name, q2, &self.means)
    }

    /// The form factor `name` at q² with parameters `theta` (and the gradient there).
    pub fn evaluate(&self, name: &str, q2: f64, theta: &[f64]) -> Result<(f64, Vec<f64>)> {
        let mut grad = vec![0.0; theta.len()];
        let v = self.evaluate_into(name, q2, theta, Some(&mut grad))?;
        Ok((v, grad))
    }

    /// The form factor `name` at q² with the central parameters, without the gradient (the
    /// branching fractions' per-mass path: no allocation).
    pub fn value(&self, name: &str, q2: f64) -> Result<f64> {
        self.evaluate_into(name, q2, &self.means, None)
    }

    /// The form factor, adding its gradient to `grad` when given.
    fn evaluate_into(
        &self,
        name: &str,
        q2: f64,
        theta: &[f64],
        mut grad: Option<&mut [f64]>,
    ) -> Result<f64> {
        let ff = self
            .form_factors
            .iter()
            .find(|f| f.name == name)
            .ok_or_else(|| Error::Unknown {
                kind: "form factor",
                name: format!("{name} of {}", self.id),
                known: self
                    .form_factors
                    .iter()
                    .map(|f| f.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
        let pole = 1.0 / (1.0 - q2 / (ff.pole_mass * ff.pole_mass));
        let (z, z0) = (self.z(q2), self.z(0.0));
        let value = match self.parametrization {
            Parametrization::Bsz => {
                let dz = z - z0;
                let mut v = 0.0;
                for (k, &(i, c)) in ff.terms.iter().enumerate() {
                    let w = pole * c * dz.powi(k as i32);
                    v += w * theta[i];
                    if let Some(g) = grad.as_deref_mut() {
                        g[i] += w;
                    }
                }
                v
            }
            Parametrization::Bcl => {
                let n = ff.terms.len() as i32;
                let (i0, _) = ff.terms[0];
                let mut bracket = 1.0;
                for (k, &(i, c)) in ff.terms.iter().enumerate().skip(1) {
                    let k = k as i32;
                    let sign = if (k - n) % 2 == 0 { 1.0 } else { -1.0 };
                    let w = c
                        * (z.powi(k)
                            - z0.powi(k)
                            - sign * f64::from(k) / f64::from(n) * (z.powi(n) - z0.powi(n)));
                    bracket += theta[i] * w;
                    if let Some(g) = grad.as_deref_mut() {
                        g[i] += pole * theta[i0] * w;
                    }
                }
                if let Some(g) = grad {
                    g[i0] += pole * bracket;
                }
                pole * theta[i0] * bracket
            }
        };
        Ok(value)
    }
}

/// σ² = gᵀ C g: the variance of a quantity with gradient `g` in the fit's parameters.
pub fn propagate(fit: &Fit, gradient: &[f64]) -> f64 {
    let c = &fit.covariance;
    let mut s = 0.0;
    for (i, gi) in gradient.iter().enumerate() {
        for (j, gj) in gradient.iter().enumerate() {
            s += gi * c[i][j] * gj;
        }
    }
    s.max(0.0)
}

fn parse() -> Result<Vec<Fit>> {
    let text = crate::data::file(FILE).ok_or_else(|| Error::file(FILE, "not compiled in"))?;
    let spec: FileSpec = crate::data::parse_toml(text, FILE)?;
    let bad = |id: &str, m: String| Error::file(FILE, format!("fit '{id}': {m}"));
    let mut out = Vec::new();
    for f in spec.fit {
        let n = f.parameters.len();
        if f.means.len() != n
            || f.covariance.len() != n
            || f.covariance.iter().any(|r| r.len() != n)
        {
            return Err(bad(
                &f.id,
                format!("means and covariance must have {n} entries (one per parameter)"),
            ));
        }
        for i in 0..n {
            if f.covariance[i][i] < 0.0
                || (0..n).any(|j| {
                    (f.covariance[i][j] - f.covariance[j][i]).abs()
                        > 1e-12 * f.covariance[i][i].abs().max(1e-300)
                })
            {
                return Err(bad(
                    &f.id,
                    "covariance must be symmetric with a non-negative diagonal".into(),
                ));
            }
        }
        let parametrization = match f.parametrization.as_str() {
            "BSZ" => Parametrization::Bsz,
            "BCL" => Parametrization::Bcl,
            other => {
                return Err(bad(
                    &f.id,
                    format!("parametrization '{other}' (known: BSZ, BCL)"),
                ))
            }
        };
        let (mb, mm) = (f.m_parent, f.m_daughter);
        if !(mb > mm && mm > 0.0) {
            return Err(bad(&f.id, "need m_parent > m_daughter > 0".into()));
        }
        let mut form_factors = Vec::new();
        for ff in &f.form_factor {
            let mut terms = Vec::new();
            for c in &ff.coefficients {
                let i = f.parameters.iter().position(|p| p == c).ok_or_else(|| {
                    bad(
                        &f.id,
                        format!("form factor {}: unknown parameter '{c}'", ff.name),
                    )
                })?;
                // a0 of A12 is fixed by A12(0) = (m_B² − m_V²) A0(0)/(8 m_B m_V)
                let factor = if c == "a0_A0" && ff.name == "A12" {
                    (mb * mb - mm * mm) / (8.0 * mb * mm)
                } else {
                    1.0
                };
                terms.push((i, factor));
            }
            if terms.is_empty() || ff.pole_mass <= mb - mm {
                return Err(bad(
                    &f.id,
                    format!(
                        "form factor {}: needs coefficients and a pole above the physical region",
                        ff.name
                    ),
                ));
            }
            form_factors.push(FormFactor {
                name: ff.name.clone(),
                pole_mass: ff.pole_mass,
                terms,
            });
        }
        out.push(Fit {
            id: f.id,
            transition: f.transition,
            default: f.default,
            parametrization,
            reference: f.reference,
            source: f.source,
            masses: (mb, mm),
            parameters: f.parameters,
            means: f.means,
            covariance: f.covariance,
            form_factors,
        });
    }
    Ok(out)
}

/// Every fit of the data file (parsed once: constant compiled-in data).
pub fn fits() -> Result<&'static [Fit]> {
    static FITS: OnceLock<std::result::Result<Vec<Fit>, String>> = OnceLock::new();
    match FITS.get_or_init(|| parse().map_err(|e| e.to_string())) {
        Ok(v) => Ok(v),
        Err(m) => Err(Error::file(FILE, m.clone())),
    }
}

/// The default fit of a transition (`B->K`, `B->pi`, `B->K*`, `B->rho`).
pub fn default_fit(transition: &str) -> Result<&'static Fit> {
    fits()?
        .iter()
        .find(|f| f.default && f.transition == transition)
        .ok_or_else(|| Error::file(FILE, format!("no default fit for {transition}")))
}

/// A fit by id.
pub fn fit(id: &str) -> Result<&'static Fit> {
    let all = fits()?;
    all.iter()
        .find(|f| f.id == id)
        .ok_or_else(|| Error::Unknown {
            kind: "form-factor fit",
            name: id.into(),
            known: all
                .iter()
                .map(|f| f.id.clone())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file parses, each transition has one default, and the central values at q² = 0 are
    /// the fits' published normalizations.
    #[test]
    fn fits_parse_with_one_default_each() {
        for t in ["B->K", "B->pi", "B->K*", "B->rho"] {
            let n = fits()
                .unwrap()
                .iter()
                .filter(|f| f.default && f.transition == t)
                .count();
            assert_eq!(n, 1, "{t}");
        }
        // BSZ at q² = 0 is a0; BCL is f(0)
        let k = default_fit("B->K").unwrap();
        assert!((k.value_and_gradient("f+", 0.0).unwrap().0 - k.means[0]).abs() < 1e-15);
        let pi = default_fit("B->pi").unwrap();
        assert!((pi.value_and_gradient("f+", 0.0).unwrap().0 - pi.means[0]).abs() < 1e-15);
        // A12(0) = (m_B² − m_V²) A0(0)/(8 m_B m_V) (arXiv:1503.05534 Eq. 16)
        let ks = default_fit("B->K*").unwrap();
        let (mb, mv) = ks.masses;
        let a0 = ks.value_and_gradient("A0", 0.0).unwrap().0;
        let a12 = ks.value_and_gradient("A12", 0.0).unwrap().0;
        assert!((a12 - (mb * mb - mv * mv) * a0 / (8.0 * mb * mv)).abs() < 1e-14);
        assert!(fit("B->K:nonsense").is_err());
    }

    /// The gradient equals finite differences of the form factor, for both parametrizations.
    #[test]
    fn gradient_matches_finite_differences() {
        for f in fits().unwrap() {
            for ff in &f.form_factors {
                let q2 = 3.7;
                let (v, g) = f.value_and_gradient(&ff.name, q2).unwrap();
                for i in 0..f.means.len() {
                    let mut th = f.means.clone();
                    let h = 1e-6 * th[i].abs().max(1e-3);
                    th[i] += h;
                    let up = f.evaluate(&ff.name, q2, &th).unwrap().0;
                    assert!(
                        ((up - v) / h - g[i]).abs() < 1e-5 * g[i].abs().max(1e-3),
                        "{} {} {}",
                        f.id,
                        ff.name,
                        f.parameters[i]
                    );
                }
            }
        }
    }
}
