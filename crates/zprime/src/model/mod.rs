//! U(1)' models: the charge of every Standard-Model chiral field per generation (plus
//! right-handed neutrinos), the gauge coupling, the Z' mass, and an optional tree-level kinetic
//! mixing with the photon, in the manner of DarkCast's "a model is a table of charges".
//!
//! Convention: the Z' couples as `L ⊃ −Z'_μ Σ_f f̄ γ^μ (g_L^f P_L + g_R^f P_R) f` with
//! `g_{L,R}^f = g Q'_{L,R}(f) + ε e Q_em(f)` (paper 001 Eq. 3 and 9). Charges of right-handed
//! fields are those of the right-handed field itself (not of its conjugate).

//!
//! Every model, preset or user file, is one TOML file in the same format ([`file`](mod@file)): the presets
//! are the files of `data/models/`, compiled in through [`crate::data`]. A model names its
//! quark-flavour mechanism by name ([`Model::flavour`]); the mechanisms themselves live in
//! [`crate::flavour`], which reads the model, so this module imports nothing from it.

mod anomaly;
pub mod file;
pub mod gauge_mixing;
mod presets;
pub mod rational;

pub use anomaly::{
    anomaly_conditions, anomaly_conditions_exact, anomaly_conditions_with, remedy,
    AnomalyCondition, Chirality, ExtraFermion,
};
pub use gauge_mixing::{GaugeBasisSpec, LightState};
pub use presets::{preset, preset_names};
pub use rational::Rational;

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Charges under U(1)' of the chiral fields, one entry per generation (e, μ, τ order for leptons).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Charges {
    /// Quark doublets q_L = (u_L, d_L).
    #[serde(rename = "q_L", default)]
    pub q_l: [f64; 3],
    /// Up-type singlets u_R.
    #[serde(rename = "u_R", default)]
    pub u_r: [f64; 3],
    /// Down-type singlets d_R.
    #[serde(rename = "d_R", default)]
    pub d_r: [f64; 3],
    /// Lepton doublets l_L = (ν_L, e_L).
    #[serde(rename = "l_L", default)]
    pub l_l: [f64; 3],
    /// Charged-lepton singlets e_R.
    #[serde(rename = "e_R", default)]
    pub e_r: [f64; 3],
    /// Right-handed neutrinos ν_R.
    #[serde(rename = "nu_R", default)]
    pub nu_r: [f64; 3],
}

impl Charges {
    /// `self + x * other`, field by field.
    #[must_use]
    pub fn plus_scaled(&self, x: f64, other: &Charges) -> Charges {
        let add = |a: [f64; 3], b: [f64; 3]| [a[0] + x * b[0], a[1] + x * b[1], a[2] + x * b[2]];
        Charges {
            q_l: add(self.q_l, other.q_l),
            u_r: add(self.u_r, other.u_r),
            d_r: add(self.d_r, other.d_r),
            l_l: add(self.l_l, other.l_l),
            e_r: add(self.e_r, other.e_r),
            nu_r: add(self.nu_r, other.nu_r),
        }
    }

    /// The six fields with their names as model files spell them, in a fixed order.
    pub fn fields(&self) -> [(&'static str, [f64; 3]); 6] {
        [
            ("q_L", self.q_l),
            ("u_R", self.u_r),
            ("d_R", self.d_r),
            ("l_L", self.l_l),
            ("e_R", self.e_r),
            ("nu_R", self.nu_r),
        ]
    }

    /// True when no quark carries a charge.
    pub fn quarks_uncharged(&self) -> bool {
        self.q_l
            .iter()
            .chain(&self.u_r)
            .chain(&self.d_r)
            .all(|&q| q == 0.0)
    }

    /// True when every charge vanishes.
    pub fn all_zero(&self) -> bool {
        self.quarks_uncharged()
            && self
                .l_l
                .iter()
                .chain(&self.e_r)
                .chain(&self.nu_r)
                .all(|&q| q == 0.0)
    }
}

/// The same table of charges as exact fractions (what the anomaly check uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RationalCharges {
    /// Quark doublets.
    #[serde(rename = "q_L")]
    pub q_l: [Rational; 3],
    /// Up-type singlets.
    #[serde(rename = "u_R")]
    pub u_r: [Rational; 3],
    /// Down-type singlets.
    #[serde(rename = "d_R")]
    pub d_r: [Rational; 3],
    /// Lepton doublets.
    #[serde(rename = "l_L")]
    pub l_l: [Rational; 3],
    /// Charged-lepton singlets.
    #[serde(rename = "e_R")]
    pub e_r: [Rational; 3],
    /// Right-handed neutrinos.
    #[serde(rename = "nu_R")]
    pub nu_r: [Rational; 3],
}

impl Default for RationalCharges {
    fn default() -> Self {
        let z = [Rational::ZERO; 3];
        RationalCharges {
            q_l: z,
            u_r: z,
            d_r: z,
            l_l: z,
            e_r: z,
            nu_r: z,
        }
    }
}

impl RationalCharges {
    /// Every charge read as a fraction ([`Rational::from_decimal`]); `None` if one has no
    /// nearby fraction.
    pub fn from_charges(c: &Charges) -> Option<RationalCharges> {
        let conv = |v: [f64; 3]| -> Option<[Rational; 3]> {
            Some([
                Rational::from_decimal(v[0])?,
                Rational::from_decimal(v[1])?,
                Rational::from_decimal(v[2])?,
            ])
        };
        Some(RationalCharges {
            q_l: conv(c.q_l)?,
            u_r: conv(c.u_r)?,
            d_r: conv(c.d_r)?,
            l_l: conv(c.l_l)?,
            e_r: conv(c.e_r)?,
            nu_r: conv(c.nu_r)?,
        })
    }

    /// The floating-point charges (each `num as f64 / den as f64`).
    pub fn to_charges(&self) -> Charges {
        let f = |v: [Rational; 3]| [v[0].to_f64(), v[1].to_f64(), v[2].to_f64()];
        Charges {
            q_l: f(self.q_l),
            u_r: f(self.u_r),
            d_r: f(self.d_r),
            l_l: f(self.l_l),
            e_r: f(self.e_r),
            nu_r: f(self.nu_r),
        }
    }

    /// `self + x * other` exactly, `None` on overflow.
    pub fn plus_scaled(&self, x: Rational, other: &RationalCharges) -> Option<RationalCharges> {
        let add = |a: [Rational; 3], b: [Rational; 3]| -> Option<[Rational; 3]> {
            Some([
                a[0].checked_add(x.checked_mul(b[0])?)?,
                a[1].checked_add(x.checked_mul(b[1])?)?,
                a[2].checked_add(x.checked_mul(b[2])?)?,
            ])
        };
        Some(RationalCharges {
            q_l: add(self.q_l, other.q_l)?,
            u_r: add(self.u_r, other.u_r)?,
            d_r: add(self.d_r, other.d_r)?,
            l_l: add(self.l_l, other.l_l)?,
            e_r: add(self.e_r, other.e_r)?,
            nu_r: add(self.nu_r, other.nu_r)?,
        })
    }

    /// The six fields with their names as model files spell them, in a fixed order.
    pub fn fields(&self) -> [(&'static str, [Rational; 3]); 6] {
        [
            ("q_L", self.q_l),
            ("u_R", self.u_r),
            ("d_R", self.d_r),
            ("l_L", self.l_l),
            ("e_R", self.e_r),
            ("nu_R", self.nu_r),
        ]
    }
}

/// What the model's coupling parameter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CouplingKind {
    /// A gauge coupling `g` multiplying the U(1)' charges.
    Gauge,
    /// A pure kinetic mixing `eps` with the photon (dark photon), no U(1)' charges.
    KineticMixing,
}

impl CouplingKind {
    /// The parameter name of the coupling: "g" or "eps".
    pub fn name(self) -> &'static str {
        match self {
            CouplingKind::Gauge => "g",
            CouplingKind::KineticMixing => "eps",
        }
    }
}

/// A model parameter besides mass and coupling, with its allowed range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParameterSpec {
    /// Name used with `--param NAME=VALUE`.
    pub name: String,
    /// What it does.
    pub description: String,
    /// Default value (used when not given).
    pub default: f64,
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
    /// True for a vacuum value whose 0 means "derived as m_Z'/g" (v_φ when Φ alone gives the
    /// Z' its mass): the couplings then depend on g beyond the overall factor, so the point is
    /// not [`Point::single_coupling`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub zero_means_mass_over_coupling: bool,
}

/// A U(1)' model: charges (possibly linear in parameters), coupling kind, parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Model {
    /// Preset name or the model file's `name`.
    pub name: String,
    /// Short title for figures, e.g. "L_μ − L_τ" (the name if the file gives none).
    pub title: String,
    /// One-line description.
    pub description: String,
    /// Where the model comes from.
    pub reference: String,
    /// The coupling parameter.
    pub coupling: CouplingKind,
    /// Charges at zero value of every charge parameter.
    pub charges: Charges,
    /// Charges proportional to a parameter: charges = `charges` + Σ p × direction.
    pub charge_directions: Vec<(String, Charges)>,
    /// `charges` as exact fractions.
    pub charges_exact: RationalCharges,
    /// `charge_directions` as exact fractions.
    pub charge_directions_exact: Vec<(String, RationalCharges)>,
    /// How decimals of the file were read (`q_L[2] = 0.3333333333 read as 1/3`), for a warning.
    pub notes: Vec<String>,
    /// Whether the right-handed neutrinos are light enough to be decay products (default: no,
    /// they get masses at the U(1)' breaking scale, as in paper 001).
    pub light_right_handed_neutrinos: bool,
    /// Extra parameters (not mass or coupling).
    pub parameters: Vec<ParameterSpec>,
    /// The name of the quark-flavour mechanism ([`crate::flavour`]): how the Z' acquires
    /// flavour-changing couplings to down-type quarks ("none" for none beyond kinetic mixing).
    pub flavour: String,
    /// Constraints relevant for this model that zprime does not compute yet (stated on plots):
    /// every name of `not_included_ranges`, whatever its mass range.
    pub not_included: Vec<String>,
    /// The same entries with the Z' masses where each is relevant (`None`: every mass), for
    /// reports at one mass ([`Model::not_included_at`]).
    pub not_included_ranges: Vec<NotIncluded>,
    /// The gauge-basis description (`[gauge_basis]`): the Z' is the light eigenstate of two
    /// mixing U(1) bosons, and its charges, photon- and Z-like couplings are derived at each
    /// point ([`gauge_mixing`]). `None` (the default): the charges are the Z' charges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gauge_basis: Option<GaugeBasisSpec>,
    /// Fermions beyond the Standard Model and ν_R (`[[fermions]]`): vector-like quarks, extra
    /// singlets; they enter the anomaly check (vector-like ones add nothing). Default none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fermions: Vec<ExtraFermion>,
}

/// A constraint relevant for a model that zprime does not compute, and where it is relevant.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NotIncluded {
    /// What it is ("BBN", "NA62 K -> mu nu X (vs m_X)").
    pub name: String,
    /// The Z' masses (GeV, inclusive) where it is relevant; `None`: every mass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mass: Option<[f64; 2]>,
}

impl NotIncluded {
    /// Whether it is relevant at Z' mass `mass` (GeV).
    pub fn relevant_at(&self, mass: f64) -> bool {
        self.mass.is_none_or(|[lo, hi]| (lo..=hi).contains(&mass))
    }
}

impl Model {
    /// The names of the not-included constraints relevant at Z' mass `mass` (GeV).
    pub fn not_included_at(&self, mass: f64) -> Vec<&str> {
        self.not_included_ranges
            .iter()
            .filter(|n| n.relevant_at(mass))
            .map(|n| n.name.as_str())
            .collect()
    }
}

/// Picks an extra fermion's charge under one current (of a gauge-basis model).
type ChargeOf = dyn Fn(&ExtraFermion) -> Option<Rational>;

/// Serde helper: skip a zero field (new fields keep existing outputs unchanged).
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// Largest Z' mass accepted (GeV): far above anything the observables are written for.
pub const MASS_MAX: f64 = 1.0e4;
/// Smallest Z' mass accepted (GeV), 1 eV: lighter bosons are the domain of fifth-force and
/// astrophysical bounds, which zprime does not compute, and the loop functions are only
/// tested down to here.
pub const MASS_MIN: f64 = 1.0e-9;
/// Largest coupling accepted (g or eps): beyond 4π perturbation theory is meaningless.
pub const COUPLING_MAX: f64 = 4.0 * std::f64::consts::PI;

/// The common parameter of gauge models: a tree-level kinetic mixing with the photon (added
/// by the loader to every gauge model that does not declare it).
pub fn kinetic_mixing_parameter() -> ParameterSpec {
    ParameterSpec {
        name: "kinetic_mixing".into(),
        description:
            "tree-level Z'-photon kinetic mixing eps_0 at q^2 = 0, added to the loop-induced one"
                .into(),
        default: 0.0,
        min: -1.0,
        max: 1.0,
        zero_means_mass_over_coupling: false,
    }
}

impl Model {
    /// A preset by name, or a model file if `name_or_path` names an existing `.toml` file.
    pub fn resolve(name_or_path: &str) -> Result<Model> {
        if let Some(m) = preset(name_or_path) {
            return Ok(m);
        }
        let path = std::path::Path::new(name_or_path);
        if path.extension().is_some_and(|e| e == "toml") || path.exists() {
            return file::load(path);
        }
        Err(Error::Unknown {
            kind: "model",
            name: name_or_path.to_string(),
            known: format!(
                "{} or the path of a model file (.toml)",
                preset_names().join(", ")
            ),
        })
    }

    /// Parse a model from TOML text (`file` names it in errors).
    pub fn from_toml(text: &str, file: &str) -> Result<Model> {
        file::parse(text, file)
    }

    /// The failing anomaly conditions (empty for an anomaly-free model), at the default
    /// values of the charge parameters, in exact arithmetic.
    pub fn anomalies(&self) -> Vec<AnomalyCondition> {
        self.anomalies_at(&BTreeMap::new())
    }

    /// The failing anomaly conditions at the given charge-parameter values (defaults for the
    /// others). Exact: each parameter value is read as a fraction like a typed charge; if one
    /// has no nearby fraction (or a sum overflows), floating point with the 1e-12 tolerance.
    /// Extra fermions (`[[fermions]]`) add their terms (vector-like ones none). For a
    /// gauge-basis model, the currents X1, X2, X1+X2 and X1−X2 are checked: with the first two
    /// anomaly free, the last two cancel exactly when every mixed anomaly does.
    pub fn anomalies_at(&self, params: &BTreeMap<String, f64>) -> Vec<AnomalyCondition> {
        let exact =
            self.charge_directions_exact
                .iter()
                .try_fold(self.charges_exact, |c, (p, dir)| {
                    let x = Rational::from_decimal(self.value_or_default(params, p))?;
                    c.plus_scaled(x, dir)
                });
        let one = |f: &ExtraFermion| Some(f.charge);
        let Some(gb) = &self.gauge_basis else {
            let all = match exact
                .and_then(|c| anomaly::anomaly_conditions_with(&c, &self.fermions, &one, None))
            {
                Some(a) => a,
                None => anomaly_conditions(&self.charges_at(params)),
            };
            return all.into_iter().filter(|c| !c.cancels()).collect();
        };
        let two = |f: &ExtraFermion| Some(f.charge_2);
        let plus = |f: &ExtraFermion| f.charge.checked_add(f.charge_2);
        let minus = |f: &ExtraFermion| f.charge.checked_sub(f.charge_2);
        let x2 = gb.charges_2_exact;
        let currents = exact.and_then(|c1| {
            let m1 = Rational::integer(-1);
            let sets: [(&'static str, RationalCharges, &ChargeOf); 4] = [
                ("X1", c1, &one),
                ("X2", x2, &two),
                ("X1+X2", c1.plus_scaled(Rational::integer(1), &x2)?, &plus),
                ("X1-X2", c1.plus_scaled(m1, &x2)?, &minus),
            ];
            let mut out = Vec::new();
            for (label, c, pick) in sets {
                out.extend(anomaly::anomaly_conditions_with(
                    &c,
                    &self.fermions,
                    pick,
                    Some(label),
                )?);
            }
            Some(out)
        });
        let all = currents.unwrap_or_else(|| {
            let c1 = self.charges_at(params);
            let mut out = Vec::new();
            for (label, c) in [
                ("X1", c1),
                ("X2", gb.charges_2),
                ("X1+X2", c1.plus_scaled(1.0, &gb.charges_2)),
                ("X1-X2", c1.plus_scaled(-1.0, &gb.charges_2)),
            ] {
                out.extend(anomaly_conditions(&c).into_iter().map(|mut a| {
                    a.current = Some(label);
                    a
                }));
            }
            out
        });
        all.into_iter().filter(|c| !c.cancels()).collect()
    }

    /// For a gauge-basis model, the light eigenstate the gauge-basis numbers imply at the
    /// given parameters (defaults for the others): its mass and g_X are what `--mass` and
    /// `--g` stand for, its ε, ε_γ, ε_Z what every point of the model gets. `None` otherwise.
    pub fn gauge_light_state(&self, params: &BTreeMap<String, f64>) -> Option<Result<LightState>> {
        self.gauge_basis
            .as_ref()
            .map(|gb| gb.light_state(&|k: &str| self.value_or_default(params, k)))
    }

    /// Which extra fermions would make the model anomaly free, at the default parameters (a
    /// sentence for messages; `None` when it is anomaly free). See [`remedy`].
    pub fn anomaly_remedy(&self) -> Option<String> {
        let failing = self.anomalies();
        if failing.is_empty() {
            return None;
        }
        let none = BTreeMap::new();
        let c = self
            .charge_directions_exact
            .iter()
            .try_fold(self.charges_exact, |c, (p, dir)| {
                let x = Rational::from_decimal(self.value_or_default(&none, p))?;
                c.plus_scaled(x, dir)
            })
            .unwrap_or(self.charges_exact);
        match &self.gauge_basis {
            None => anomaly::remedy(&c, &failing),
            Some(gb) => {
                let mut parts = Vec::new();
                for (label, cur) in [("X1", c), ("X2", gb.charges_2_exact)] {
                    let f: Vec<AnomalyCondition> = failing
                        .iter()
                        .filter(|a| a.current == Some(label))
                        .cloned()
                        .collect();
                    if let Some(r) = anomaly::remedy(&cur, &f) {
                        parts.push(format!("{label}: {r}"));
                    }
                }
                if parts.is_empty() {
                    parts.push("the mixed anomalies of X1 and X2 fail: fermions charged under both are needed".into());
                }
                Some(parts.join("; "))
            }
        }
    }

    /// Warnings about the model for the user: how decimals were read as fractions, and the
    /// failing anomaly conditions at the default parameters with the extra fermions that
    /// would cancel them.
    pub fn warnings(&self) -> Vec<String> {
        let mut w = self.notes.clone();
        let failing = self.anomalies();
        if !failing.is_empty() {
            let list: Vec<String> = failing
                .iter()
                .map(std::string::ToString::to_string)
                .collect();
            w.push(format!(
                "model '{}' is anomalous ({}); new fermions would be needed: {}",
                self.name,
                list.join(", "),
                self.anomaly_remedy().unwrap_or_default()
            ));
        }
        w
    }

    fn value_or_default(&self, params: &BTreeMap<String, f64>, name: &str) -> f64 {
        params.get(name).copied().unwrap_or_else(|| {
            self.parameters
                .iter()
                .find(|s| s.name == name)
                .map_or(0.0, |s| s.default)
        })
    }

    fn charges_at(&self, params: &BTreeMap<String, f64>) -> Charges {
        let mut c = self.charges;
        for (p, dir) in &self.charge_directions {
            c = c.plus_scaled(self.value_or_default(params, p), dir);
        }
        c
    }

    /// Build a point: validates mass, coupling and every parameter, naming the allowed range.
    pub fn point(&self, mass: f64, coupling: f64, params: &BTreeMap<String, f64>) -> Result<Point> {
        if !(mass.is_finite() && (MASS_MIN..=MASS_MAX).contains(&mass)) {
            return Err(Error::invalid(
                "mass",
                mass,
                &format!("{MASS_MIN:e} <= mass <= {MASS_MAX:e} GeV"),
            ));
        }
        let cname = self.coupling.name();
        if !(coupling.is_finite() && (0.0..=COUPLING_MAX).contains(&coupling)) {
            return Err(Error::invalid(
                cname,
                coupling,
                &format!("0 <= {cname} <= 4 pi"),
            ));
        }
        for (k, &v) in params {
            let spec = self
                .parameters
                .iter()
                .find(|s| &s.name == k)
                .ok_or_else(|| Error::Unknown {
                    kind: "model parameter",
                    name: k.clone(),
                    known: self.parameter_names(),
                })?;
            if !(v.is_finite() && v >= spec.min && v <= spec.max) {
                return Err(Error::invalid(
                    k,
                    v,
                    &format!("{} <= {k} <= {}", spec.min, spec.max),
                ));
            }
        }
        let value = |k: &str| {
            params.get(k).copied().or_else(|| {
                self.parameters
                    .iter()
                    .find(|s| s.name == k)
                    .map(|s| s.default)
            })
        };
        let (g, mut charges, mut eps_tree) = match self.coupling {
            CouplingKind::Gauge => (
                coupling,
                self.charges_at(params),
                value("kinetic_mixing").unwrap_or(0.0),
            ),
            CouplingKind::KineticMixing => (0.0, Charges::default(), coupling),
        };
        // a gauge-basis model: the light eigenstate couples to J1 + eps J2, to e J_em with
        // eps_gamma and to the Z current with eps_Z; mass and g stay the point's (the scan's)
        let mut z_mixing = 0.0;
        if let Some(gb) = &self.gauge_basis {
            let light = gb.light_state(&|k: &str| value(k).unwrap_or(0.0))?;
            charges = charges.plus_scaled(light.eps, &gb.charges_2);
            eps_tree += light.eps_gamma;
            z_mixing = light.eps_z;
        }
        let mut all = BTreeMap::new();
        for s in &self.parameters {
            all.insert(s.name.clone(), value(&s.name).unwrap_or(s.default));
        }
        Ok(Point {
            model: self.name.as_str().into(),
            coupling_kind: self.coupling,
            mass,
            g,
            charges,
            kinetic_mixing_tree: eps_tree,
            z_mixing,
            light_right_handed_neutrinos: self.light_right_handed_neutrinos,
            parameters: Arc::new(all),
            flavour: self.flavour.as_str().into(),
            derived_when_zero: self
                .parameters
                .iter()
                .filter(|s| s.zero_means_mass_over_coupling)
                .map(|s| s.name.clone())
                .collect(),
        })
    }

    /// Comma-separated parameter names (for messages).
    pub fn parameter_names(&self) -> String {
        let mut v: Vec<&str> = vec!["mass", self.coupling.name()];
        v.extend(self.parameters.iter().map(|s| s.name.as_str()));
        v.join(", ")
    }
}

/// A model at one parameter point: everything an observable needs about the Z'.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// Model name (shared: points are cloned for every mass and coupling a scan visits).
    pub model: Arc<str>,
    /// Which parameter is the coupling.
    pub coupling_kind: CouplingKind,
    /// Z' mass, GeV.
    pub mass: f64,
    /// Gauge coupling g (0 for a dark photon).
    pub g: f64,
    /// Charges at this point.
    pub charges: Charges,
    /// Tree-level kinetic mixing ε₀ (the coupling itself for a dark photon).
    pub kinetic_mixing_tree: f64,
    /// Z-like mixing ε_Z: the Z' couples to the Z current as `ε_Z (e/s_W c_W) J_Z`,
    /// `J_Z = Σ f̄γ(T3 P_L − s_W² Q)f` (a gauge-basis model with Z mass or hypercharge kinetic
    /// mixing, [`gauge_mixing`]); 0 otherwise. Feeds the chiral couplings and the D̃₀ penguin.
    #[serde(skip_serializing_if = "is_zero")]
    pub z_mixing: f64,
    /// Whether ν_R are kinematically accessible.
    pub light_right_handed_neutrinos: bool,
    /// Every model parameter with its value at this point (shared, as the model name).
    pub parameters: Arc<BTreeMap<String, f64>>,
    /// The name of the model's quark-flavour mechanism ([`crate::flavour::mechanism`]).
    pub flavour: Arc<str>,
    /// Parameters whose value 0 means m_Z'/g (see [`ParameterSpec`]).
    pub derived_when_zero: Arc<[String]>,
}

impl Point {
    /// The value of the model's coupling parameter (g or eps).
    pub fn coupling(&self) -> f64 {
        match self.coupling_kind {
            CouplingKind::Gauge => self.g,
            CouplingKind::KineticMixing => self.kinetic_mixing_tree,
        }
    }

    /// The same point with another coupling value.
    #[must_use]
    pub fn with_coupling(&self, c: f64) -> Point {
        let mut p = self.clone();
        match self.coupling_kind {
            CouplingKind::Gauge => p.g = c,
            CouplingKind::KineticMixing => p.kinetic_mixing_tree = c,
        }
        p
    }

    /// The same point with another mass. Its shared parts are copied afresh: a scan gives
    /// each mass to one thread, which then clones the point for every coupling it tries, and
    /// reference counts shared between threads would make those clones contend.
    #[must_use]
    pub fn with_mass(&self, m: f64) -> Point {
        Point {
            mass: m,
            model: Arc::from(&*self.model),
            parameters: Arc::new((*self.parameters).clone()),
            flavour: Arc::from(&*self.flavour),
            derived_when_zero: Arc::from(&*self.derived_when_zero),
            ..self.clone()
        }
    }

    /// True when every Z' coupling is proportional to the coupling parameter, so that an
    /// observable homogeneous of degree k in the couplings scales exactly as coupling^k.
    pub fn single_coupling(&self) -> bool {
        match self.coupling_kind {
            // with v_phi derived from m_Z'/g the vector-like-quark mixing depends on g itself
            CouplingKind::Gauge => {
                self.kinetic_mixing_tree == 0.0
                    && self.z_mixing == 0.0
                    && !self
                        .derived_when_zero
                        .iter()
                        .any(|k| self.parameters.get(k).copied().unwrap_or(0.0) == 0.0)
            }
            CouplingKind::KineticMixing => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_anomaly_free() {
        for name in preset_names() {
            let m = preset(name).unwrap();
            assert!(m.anomalies().is_empty(), "{name}: {:?}", m.anomalies());
        }
        // lmu-ltau+b3 stays anomaly free for any eps.
        let m = preset("lmu-ltau+b3").unwrap();
        let mut p = BTreeMap::new();
        p.insert("eps".to_string(), 0.37);
        let c = m.point(0.1, 1e-3, &p).unwrap().charges;
        assert!(anomaly_conditions(&c)
            .iter()
            .all(super::anomaly::AnomalyCondition::cancels));
    }

    #[test]
    fn point_validation_names_parameter_and_range() {
        let m = preset("lmu-ltau").unwrap();
        let none = BTreeMap::new();
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let e = m.point(bad, 1e-3, &none).unwrap_err().to_string();
            assert!(e.contains("'mass'") && e.contains("GeV"), "{e}");
        }
        for bad in [-1e-3, f64::NAN, 100.0] {
            let e = m.point(0.1, bad, &none).unwrap_err().to_string();
            assert!(e.contains("'g'") && e.contains("4 pi"), "{e}");
        }
        let mut p = BTreeMap::new();
        p.insert("nonsense".to_string(), 1.0);
        let e = m.point(0.1, 1e-3, &p).unwrap_err().to_string();
        assert!(
            e.contains("nonsense") && e.contains("kinetic_mixing"),
            "{e}"
        );
    }

    #[test]
    fn dark_photon_coupling_is_eps() {
        let m = preset("dark-photon").unwrap();
        let p = m.point(0.1, 1e-3, &BTreeMap::new()).unwrap();
        assert_eq!(p.g, 0.0);
        assert_eq!(p.kinetic_mixing_tree, 1e-3);
        assert_eq!(p.with_coupling(2e-3).coupling(), 2e-3);
    }
}
