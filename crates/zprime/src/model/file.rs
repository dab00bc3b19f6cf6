//! The model file (TOML), one format for the presets (`data/models/*.toml`) and user files.
//!
//! ```toml
//! name = "lmu-le"                          # required
//! title = "L_μ − L_e"                      # for figure titles (default: the name)
//! description = "L_mu - L_e"
//! reference = "..."                        # default: "user model file PATH"
//! coupling = "gauge"                       # or "kinetic-mixing" (a dark photon, no charges)
//! light_right_handed_neutrinos = false     # nu_R light enough to be decay products
//! flavour = "none"                         # quark-flavour mechanism, see `zprime models`
//! kinetic_mixing_parameter = true          # add the parameter kinetic_mixing (gauge models)
//! not_included = ["COHERENT",              # relevant constraints zprime does not compute:
//!     { name = "BBN", mass = [0, 0.02] }]  # at every mass, or only in [lo, hi] GeV
//!
//! [charges]                                # omitted fields are zero; generations 1, 2, 3
//! l_L  = [-1, 1, 0]                        # integers, fractions "1/3", or decimals
//! e_R  = [-1, 1, 0]
//! nu_R = [-1, 1, 0]
//!
//! [directions.eps]                         # charges += eps × these (eps a parameter below)
//! q_L = [0, 0, "1/3"]
//!
//! [[parameters]]                           # extra parameters (not mass or coupling)
//! name = "eps"
//! description = "admixture"
//! default = 0.0
//! min = -10.0
//! max = 10.0
//! # zero_means_mass_over_coupling = true  # for a vacuum value v = m_Z'/g when given as 0
//! ```
//!
//! Optional sections (issue 12):
//!
//! ```toml
//! [gauge_basis]            # the Z' is the light eigenstate of two mixing U(1) bosons
//! M_X1 = 0.135             # GeV; X^1 couples with g1 to [charges]
//! M_X2 = 10.0              # GeV; X^2 couples with g2 to [gauge_basis.charges]
//! delta_M2 = "dM2"         # GeV^2, X1-X2 mass mixing (a number or a parameter's name)
//! g1 = 1.0                 # (default 1)   g2 = 1.0 (default 1)
//! sin_gamma = 0.0          # X1-X2 kinetic mixing; sin_alpha, sin_beta: B-X1, B-X2
//! m2_Z_X1 = 0.0            # GeV^2, Z-X1 and (m2_Z_X2) Z-X2 mass mixing
//! m_Z = 91.1880            # GeV, and sin2_theta_W = 0.23121 (defaults: PDG 2024)
//! [gauge_basis.charges]    # the current of X^2, as [charges]
//! q_L = [0, 0, "1/3"]
//!
//! [[fermions]]             # fermions beyond the SM and nu_R, for the anomaly check
//! name = "Q"
//! colours = 3              # 1 or 3 (default 1)
//! su2 = 2                  # 1 or 2 (default 1)
//! hypercharge = "1/6"      # (default 0)
//! charge = 1               # U(1)' charge (of X^1); charge_2: under X^2 (default 0)
//! chirality = "vector"     # "left", "right" or "vector" (vector-like: no anomaly)
//! ```
//!
//! With `[gauge_basis]` the point's mass and coupling g are the light eigenstate's m_X and
//! its coupling g_X to `[charges]` (paper 003 Eq. 4.4); the section fixes the rest: the Z'
//! couples to `[charges] + ε [gauge_basis.charges]`, to e J_em with ε_γ and to the Z current
//! with ε_Z ([`super::gauge_mixing::light_state`]). Such a model gets no automatic
//! `kinetic_mixing` parameter (its kinetic mixings are sin_alpha, sin_beta).
//!
//! Charges: exact fractions; decimals are read as the nearest simple fraction
//! ([`super::rational`]), with a note when that changes the typed number. |Q| <= 1000.
//! Gauge models get the parameter `kinetic_mixing` (a tree-level ε₀) unless they declare it
//! or say `kinetic_mixing_parameter = false`. A gauge model needs a non-zero charge, a charge
//! direction, or a flavour mechanism (the `fcnc` preset has only the latter).
//! The mechanism's own parameters (e.g. `Y_Uc`, `m_U` for `up-vlq`) are declared in
//! `[[parameters]]` like any other: [`crate::flavour::check`] says which a mechanism reads.

use super::anomaly::{Chirality, ExtraFermion};
use super::gauge_mixing::{GaugeBasisSpec, Setting};
use super::rational::{no_fraction, Rational};
use super::{
    kinetic_mixing_parameter, CouplingKind, Model, NotIncluded, ParameterSpec, RationalCharges,
};
use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A charge as written: an integer, a decimal, or a string ("1/3", "-2/3", "0.5").
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum ChargeText {
    Integer(i64),
    Decimal(f64),
    Text(String),
}

/// One field's three charges as written (absent: zero).
type Field = Option<Vec<ChargeText>>;

/// A table of charges as written; every field optional (zero).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChargeTable {
    #[serde(rename = "q_L", default)]
    q_l: Option<Vec<ChargeText>>,
    #[serde(rename = "u_R", default)]
    u_r: Option<Vec<ChargeText>>,
    #[serde(rename = "d_R", default)]
    d_r: Option<Vec<ChargeText>>,
    #[serde(rename = "l_L", default)]
    l_l: Option<Vec<ChargeText>>,
    #[serde(rename = "e_R", default)]
    e_r: Option<Vec<ChargeText>>,
    #[serde(rename = "nu_R", default)]
    nu_r: Option<Vec<ChargeText>>,
}

/// One entry of `not_included`: a name (relevant at every mass) or a name with the mass range
/// (GeV) where it is relevant (a kinematic limit, say).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum NotIncludedEntry {
    Everywhere(String),
    InRange(NotIncludedInRange),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NotIncludedInRange {
    name: String,
    mass: [f64; 2],
}

/// `[gauge_basis]` as written (the numbers of [`GaugeBasisSpec::FIELDS`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GaugeBasisTable {
    #[serde(default)]
    charges: ChargeTable,
    #[serde(rename = "M_X1")]
    m_x1: Option<Setting>,
    #[serde(rename = "M_X2")]
    m_x2: Option<Setting>,
    #[serde(rename = "delta_M2")]
    delta_m2: Option<Setting>,
    g1: Option<Setting>,
    g2: Option<Setting>,
    sin_gamma: Option<Setting>,
    sin_alpha: Option<Setting>,
    sin_beta: Option<Setting>,
    #[serde(rename = "m2_Z_X1")]
    m2_z_x1: Option<Setting>,
    #[serde(rename = "m2_Z_X2")]
    m2_z_x2: Option<Setting>,
    #[serde(rename = "m_Z")]
    m_z: Option<Setting>,
    #[serde(rename = "sin2_theta_W")]
    sin2_theta_w: Option<Setting>,
}

/// One `[[fermions]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FermionEntry {
    name: String,
    #[serde(default = "one")]
    colours: u8,
    #[serde(default = "one")]
    su2: u8,
    #[serde(default)]
    hypercharge: Option<ChargeText>,
    charge: ChargeText,
    #[serde(default)]
    charge_2: Option<ChargeText>,
    chirality: Chirality,
}

fn one() -> u8 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    name: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    reference: String,
    #[serde(default = "gauge")]
    coupling: CouplingKind,
    #[serde(default)]
    light_right_handed_neutrinos: bool,
    #[serde(default)]
    flavour: Option<String>,
    #[serde(default)]
    not_included: Vec<NotIncludedEntry>,
    #[serde(default = "yes")]
    kinetic_mixing_parameter: bool,
    #[serde(default)]
    charges: ChargeTable,
    #[serde(default)]
    directions: BTreeMap<String, ChargeTable>,
    #[serde(default)]
    parameters: Vec<ParameterSpec>,
    #[serde(default)]
    gauge_basis: Option<GaugeBasisTable>,
    #[serde(default)]
    fermions: Vec<FermionEntry>,
}

fn gauge() -> CouplingKind {
    CouplingKind::Gauge
}

fn yes() -> bool {
    true
}

/// Largest |Q| accepted: U(1)' charges are O(1) fractions; anything beyond is a typo, and would
/// overflow the cubic anomaly sums and the widths.
pub const CHARGE_MAX: f64 = 1e3;

pub(super) fn load(path: &std::path::Path) -> Result<Model> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::file(
            path.display().to_string(),
            format!("cannot read model file: {e}"),
        )
    })?;
    parse(&text, &path.display().to_string())
}

/// Read one charge; `where_` names it in messages ("charges.q_L[2]").
fn charge(c: &ChargeText, where_: &str, file: &str, notes: &mut Vec<String>) -> Result<Rational> {
    let bad = |m: String| Error::file(file, format!("{where_}: {m}"));
    let out_of_range = || bad("charges must be finite numbers with |Q| <= 1000".into());
    if let ChargeText::Decimal(x) = c {
        if x.is_nan() || x.abs() > CHARGE_MAX {
            return Err(out_of_range());
        }
    }
    let r = match c {
        ChargeText::Integer(n) => Rational::integer(i128::from(*n)),
        ChargeText::Decimal(x) => {
            let r = Rational::from_decimal(*x).ok_or_else(|| bad(no_fraction(*x)))?;
            if r.to_f64() != *x {
                notes.push(format!(
                    "{file}: {where_} = {x} read as {r} (the fraction with the smallest denominator within 1e-9)"
                ));
            }
            r
        }
        ChargeText::Text(t) => {
            let r = Rational::parse(t).map_err(bad)?;
            if !t.contains('/') && t.trim().parse::<f64>().is_ok_and(|x| x != r.to_f64()) {
                notes.push(format!(
                    "{file}: {where_} = {} read as {r} (the fraction with the smallest denominator within 1e-9)",
                    t.trim()
                ));
            }
            r
        }
    };
    if r.to_f64().abs() > CHARGE_MAX {
        return Err(out_of_range());
    }
    Ok(r)
}

fn table(
    t: &ChargeTable,
    prefix: &str,
    file: &str,
    notes: &mut Vec<String>,
) -> Result<RationalCharges> {
    let mut out = RationalCharges::default();
    let fields: [(&str, &Field, &mut [Rational; 3]); 6] = [
        ("q_L", &t.q_l, &mut out.q_l),
        ("u_R", &t.u_r, &mut out.u_r),
        ("d_R", &t.d_r, &mut out.d_r),
        ("l_L", &t.l_l, &mut out.l_l),
        ("e_R", &t.e_r, &mut out.e_r),
        ("nu_R", &t.nu_r, &mut out.nu_r),
    ];
    for (name, given, slot) in fields {
        let Some(v) = given else { continue };
        if v.len() != 3 {
            return Err(Error::file(
                file,
                format!(
                    "{prefix}.{name}: expected 3 charges (generations 1, 2, 3), found {}",
                    v.len()
                ),
            ));
        }
        for (i, c) in v.iter().enumerate() {
            slot[i] = charge(c, &format!("{prefix}.{name}[{}]", i + 1), file, notes)?;
        }
    }
    Ok(out)
}

/// Parse a model file's text (`file` names it in errors).
pub fn parse(text: &str, file: &str) -> Result<Model> {
    let raw: ModelFile = crate::data::parse_toml(text, file)?;
    if raw.name.trim().is_empty() {
        return Err(Error::file(file, "name: must not be empty"));
    }
    let mut notes = Vec::new();
    let charges_exact = table(&raw.charges, "charges", file, &mut notes)?;
    let charges = charges_exact.to_charges();
    if raw.coupling == CouplingKind::KineticMixing && !charges.all_zero() {
        return Err(Error::file(
            file,
            "coupling = \"kinetic-mixing\" describes a dark photon: its [charges] must all be zero",
        ));
    }
    let flavour = raw.flavour.unwrap_or_else(|| "none".into());
    if raw.coupling == CouplingKind::Gauge
        && charges.all_zero()
        && raw.directions.is_empty()
        && flavour == "none"
    {
        return Err(Error::file(file, "[charges]: a gauge model needs at least one non-zero charge (fields q_L, u_R, d_R, l_L, e_R, nu_R)"));
    }
    let mut parameters = raw.parameters;
    for (k, p) in parameters.iter().enumerate() {
        let ok = !p.name.trim().is_empty()
            && p.min.is_finite()
            && p.max.is_finite()
            && p.min <= p.default
            && p.default <= p.max;
        if !ok {
            return Err(Error::file(
                file,
                format!(
                    "parameters[{}] '{}': needs a name and finite min <= default <= max",
                    k + 1,
                    p.name
                ),
            ));
        }
        if p.name == raw.coupling.name()
            || p.name == "mass"
            || parameters[..k].iter().any(|q| q.name == p.name)
        {
            return Err(Error::file(
                file,
                format!(
                    "parameters[{}] '{}': the name is already taken (by mass, the coupling {}, or another parameter)",
                    k + 1,
                    p.name,
                    raw.coupling.name()
                ),
            ));
        }
    }
    if raw.coupling == CouplingKind::Gauge
        && raw.kinetic_mixing_parameter
        && raw.gauge_basis.is_none()
        && !parameters.iter().any(|p| p.name == "kinetic_mixing")
    {
        parameters.push(kinetic_mixing_parameter());
    }
    let mut directions = Vec::new();
    let mut directions_exact = Vec::new();
    for (p, t) in &raw.directions {
        if !parameters.iter().any(|s| &s.name == p) {
            return Err(Error::file(
                file,
                format!("directions.{p}: '{p}' must be declared in [[parameters]]"),
            ));
        }
        if raw.coupling == CouplingKind::KineticMixing {
            return Err(Error::file(
                file,
                format!("directions.{p}: a kinetic-mixing model has no charges"),
            ));
        }
        let d = table(t, &format!("directions.{p}"), file, &mut notes)?;
        directions.push((p.clone(), d.to_charges()));
        directions_exact.push((p.clone(), d));
    }
    if flavour.trim().is_empty() {
        return Err(Error::file(
            file,
            "flavour: must name a mechanism (\"none\" for none)",
        ));
    }
    let gauge_basis = match &raw.gauge_basis {
        None => None,
        Some(t) => Some(gauge_basis(t, raw.coupling, &parameters, file, &mut notes)?),
    };
    let fermions = raw
        .fermions
        .iter()
        .enumerate()
        .map(|(i, f)| fermion(f, i, gauge_basis.is_some(), file, &mut notes))
        .collect::<Result<Vec<_>>>()?;
    let mut not_included = Vec::new();
    for (i, entry) in raw.not_included.into_iter().enumerate() {
        not_included.push(match entry {
            NotIncludedEntry::Everywhere(name) => NotIncluded { name, mass: None },
            NotIncludedEntry::InRange(NotIncludedInRange { name, mass: [lo, hi] }) => {
                if !(lo.is_finite() && hi.is_finite() && 0.0 <= lo && lo < hi) {
                    return Err(Error::file(
                        file,
                        format!("not_included[{i}].mass: [{lo}, {hi}] must be [lo, hi] GeV with 0 <= lo < hi, finite"),
                    ));
                }
                NotIncluded {
                    name,
                    mass: Some([lo, hi]),
                }
            }
        });
    }
    Ok(Model {
        title: raw.title.unwrap_or_else(|| raw.name.clone()),
        name: raw.name,
        description: raw.description,
        reference: if raw.reference.is_empty() {
            format!("user model file {file}")
        } else {
            raw.reference
        },
        coupling: raw.coupling,
        charges,
        charge_directions: directions,
        charges_exact,
        charge_directions_exact: directions_exact,
        notes,
        light_right_handed_neutrinos: raw.light_right_handed_neutrinos,
        parameters,
        flavour,
        not_included: not_included.iter().map(|n| n.name.clone()).collect(),
        not_included_ranges: not_included,
        gauge_basis,
        fermions,
    })
    .and_then(|m| {
        // the gauge basis must give a light state at the default parameters
        if let Some(gb) = &m.gauge_basis {
            let none = std::collections::BTreeMap::new();
            gb.light_state(&|k: &str| m.value_or_default(&none, k))
                .map_err(|e| Error::file(file, format!("[gauge_basis]: {e}")))?;
        }
        Ok(m)
    })
}

/// Read `[gauge_basis]`: every number finite, every parameter name declared.
fn gauge_basis(
    t: &GaugeBasisTable,
    coupling: CouplingKind,
    parameters: &[ParameterSpec],
    file: &str,
    notes: &mut Vec<String>,
) -> Result<GaugeBasisSpec> {
    if coupling != CouplingKind::Gauge {
        return Err(Error::file(
            file,
            "[gauge_basis]: needs coupling = \"gauge\" (the Z' is a gauge boson of the two U(1)s)",
        ));
    }
    let given = [
        &t.m_x1,
        &t.m_x2,
        &t.delta_m2,
        &t.g1,
        &t.g2,
        &t.sin_gamma,
        &t.sin_alpha,
        &t.sin_beta,
        &t.m2_z_x1,
        &t.m2_z_x2,
        &t.m_z,
        &t.sin2_theta_w,
    ];
    let mut settings = Vec::new();
    for ((name, default), value) in GaugeBasisSpec::FIELDS.iter().zip(given) {
        let s = match (value, default) {
            (Some(s), _) => s.clone(),
            (None, Some(d)) => Setting::Value(*d),
            (None, None) => {
                return Err(Error::file(
                    file,
                    format!("gauge_basis.{name}: required (GeV, a number or a parameter's name)"),
                ))
            }
        };
        match &s {
            Setting::Value(x) if !x.is_finite() => {
                return Err(Error::file(
                    file,
                    format!("gauge_basis.{name}: must be a finite number"),
                ))
            }
            Setting::Parameter(p) if !parameters.iter().any(|q| &q.name == p) => {
                return Err(Error::file(
                    file,
                    format!("gauge_basis.{name}: '{p}' must be declared in [[parameters]]"),
                ))
            }
            _ => {}
        }
        settings.push(((*name).to_string(), s));
    }
    let exact = table(&t.charges, "gauge_basis.charges", file, notes)?;
    if exact.to_charges().all_zero() {
        return Err(Error::file(
            file,
            "gauge_basis.charges: the second boson's current needs a non-zero charge",
        ));
    }
    Ok(GaugeBasisSpec {
        charges_2: exact.to_charges(),
        charges_2_exact: exact,
        settings,
    })
}

/// Read one `[[fermions]]` entry (index `i` for messages).
fn fermion(
    f: &FermionEntry,
    i: usize,
    two_currents: bool,
    file: &str,
    notes: &mut Vec<String>,
) -> Result<ExtraFermion> {
    let at = format!("fermions[{}]", i + 1);
    if f.name.trim().is_empty() {
        return Err(Error::file(file, format!("{at}.name: must not be empty")));
    }
    if !matches!(f.colours, 1 | 3) {
        return Err(Error::file(
            file,
            format!("{at}.colours: 1 or 3, found {}", f.colours),
        ));
    }
    if !matches!(f.su2, 1 | 2) {
        return Err(Error::file(
            file,
            format!("{at}.su2: 1 (singlet) or 2 (doublet), found {}", f.su2),
        ));
    }
    let read = |c: &Option<ChargeText>, field: &str, notes: &mut Vec<String>| match c {
        None => Ok(Rational::ZERO),
        Some(c) => charge(c, &format!("{at}.{field}"), file, notes),
    };
    if f.charge_2.is_some() && !two_currents {
        return Err(Error::file(
            file,
            format!("{at}.charge_2: only a model with [gauge_basis] has a second current"),
        ));
    }
    Ok(ExtraFermion {
        name: f.name.clone(),
        colours: f.colours,
        su2: f.su2,
        hypercharge: read(&f.hypercharge, "hypercharge", notes)?,
        charge: charge(&f.charge, &format!("{at}.charge"), file, notes)?,
        charge_2: read(&f.charge_2, "charge_2", notes)?,
        chirality: f.chirality,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_included_entries_may_name_their_mass_range() {
        let head = "name='x'\n";
        let tail = "\n[charges]\nl_L=[0,1,-1]\ne_R=[0,1,-1]\n";
        let m = parse(
            &format!("{head}not_included=['COHERENT', {{ name = 'BBN', mass = [0, 0.02] }}]{tail}"),
            "x.toml",
        )
        .unwrap();
        assert_eq!(m.not_included, ["COHERENT", "BBN"]);
        assert_eq!(m.not_included_at(0.01), ["COHERENT", "BBN"]);
        assert_eq!(m.not_included_at(0.1), ["COHERENT"]);
        for bad in ["[0.02, 0]", "[-1, 1]", "[0, nan]", "[0, inf]"] {
            let e = parse(
                &format!("{head}not_included=[{{ name = 'BBN', mass = {bad} }}]{tail}"),
                "x.toml",
            )
            .unwrap_err()
            .to_string();
            assert!(
                e.contains("x.toml") && e.contains("not_included[0].mass"),
                "{e}"
            );
        }
        let e = parse(
            &format!("{head}not_included=[{{ name = 'BBN', masses = [0, 1] }}]{tail}"),
            "x.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("x.toml"), "{e}");
    }

    #[test]
    fn parses_a_model_and_checks_anomalies() {
        let m = parse(
            "name='lmu-le'\n[charges]\nl_L=[-1,1,0]\ne_R=[-1,1,0]\nnu_R=[-1,1,0]\n",
            "m.toml",
        )
        .unwrap();
        assert!(m.anomalies().is_empty());
        assert_eq!(m.title, "lmu-le");
        assert_eq!(m.flavour, "none");
        let m = parse(
            "name='lmu'\n[charges]\nl_L=[0,1,0]\ne_R=[0,1,0]\n",
            "m.toml",
        )
        .unwrap();
        assert!(!m.anomalies().is_empty());
    }

    /// "1/3" is accepted and exact; 0.3333333333 is read as 1/3 with a note, not an anomaly.
    #[test]
    fn thirds_as_fractions_and_decimals() {
        let frac = "name='bl'\n[charges]\nq_L=['1/3','1/3','1/3']\nu_R=['1/3','1/3','1/3']\nd_R=['1/3','1/3','1/3']\nl_L=[-1,-1,-1]\ne_R=[-1,-1,-1]\nnu_R=[-1,-1,-1]\n";
        let m = parse(frac, "bl.toml").unwrap();
        assert!(m.anomalies().is_empty() && m.notes.is_empty());
        assert_eq!(m.charges.q_l[0], 1.0 / 3.0);
        let dec = frac.replace("'1/3'", "0.3333333333");
        let m = parse(&dec, "bl.toml").unwrap();
        assert!(m.anomalies().is_empty(), "{:?}", m.anomalies());
        assert_eq!(m.charges.q_l[0], 1.0 / 3.0);
        assert_eq!(m.notes.len(), 9);
        assert!(
            m.notes[0].contains("q_L[1] = 0.3333333333 read as 1/3"),
            "{}",
            m.notes[0]
        );
        let w = m.warnings();
        assert!(w.iter().any(|x| x.contains("read as 1/3")));
        // exact decimals are taken as they are, without a note
        let m = parse(
            "name='h'\n[charges]\nl_L=[0.5,-0.5,0]\ne_R=[0.5,'-0.5',0]\n",
            "h.toml",
        )
        .unwrap();
        assert!(m.notes.is_empty());
        assert_eq!(m.charges_exact.l_l[0].to_string(), "1/2");
    }

    #[test]
    fn errors_name_file_and_field() {
        let e = parse("name='x'\n[charges]\nl_L=[0,1]\n", "bad.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad.toml") && e.contains("l_L"), "{e}");
        let e = parse("name='x'\n[charges]\nq_l=[0,1,0]\n", "bad.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad.toml") && e.contains("q_l"), "{e}");
        let e = parse("name='x'\n[charges]\nl_L=['a',1,0]\n", "bad.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad.toml") && e.contains("l_L[1]"), "{e}");
        let e = parse("name='x'\n[charges]\nl_L=[0,1e300,-1e300]\n", "bad.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("l_L[2]") && e.contains("1000"), "{e}");
        let e = parse("name='x'\n[charges]\nl_L=[0,2000,-2000]\n", "bad.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("l_L[2]") && e.contains("1000"), "{e}");
        let e = parse("name='x'\n[charges]\nl_L=[0,'1/0',0]\n", "bad.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("l_L[2]") && e.contains("denominator"), "{e}");
        let e = parse("description='x'\n", "bad.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("name"), "{e}");
        let e = parse("name='x'\ncoupling='gauge'\n", "bad.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("charges"), "{e}");
        let e = parse(
            "name='x'\n[charges]\nl_L=[0,1,-1]\n[directions.a]\nq_L=[0,0,1]\n",
            "bad.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("directions.a") && e.contains("parameters"),
            "{e}"
        );
        let e = parse("name='x'\n[charges]\nl_L=[0,1,-1]\n[[parameters]]\nname='p'\ndescription=''\ndefault=5.0\nmin=0.0\nmax=1.0\n", "bad.toml")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("parameters[1]") && e.contains("min <= default <= max"),
            "{e}"
        );
        let e = parse("name='x'\n[charges]\nl_L=[0,1,-1]\n[[parameters]]\nname='g'\ndescription=''\ndefault=0.0\nmin=0.0\nmax=1.0\n", "bad.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("already taken"), "{e}");
    }

    /// `[gauge_basis]` errors name the field and what is allowed.
    #[test]
    fn gauge_basis_errors_name_the_field() {
        let good = include_str!("../../../../examples/models/lmu-ltau+b3-gauge-basis.toml");
        assert!(parse(good, "g.toml").is_ok());
        let cases = [
            ("M_X1 = 0.1806", "", "gauge_basis.M_X1: required"),
            (
                "g2 = \"g2_over_g1\"",
                "g2 = \"nope\"",
                "'nope' must be declared",
            ),
            (
                "sin_gamma = \"eps_12\"",
                "sin_gamma = 0.8\nsin_alpha = 0.8\nsin_beta = -0.8",
                "positive definite",
            ),
            ("M_X2 = 10.0", "M_X2 = -1.0", "M_X2"),
            (
                "M_X2 = 10.0",
                "M_X2 = nan",
                "gauge_basis.M_X2: must be a finite number",
            ),
            ("M_X2 = 10.0", "M_X3 = 10.0", "M_X3"),
            ("g1 = 1.0", "g1 = 0.0", "g1"),
        ];
        for (from, to, want) in cases {
            assert!(good.contains(from), "{from}");
            let e = parse(&good.replace(from, to), "g.toml")
                .unwrap_err()
                .to_string();
            assert!(e.contains("g.toml") && e.contains(want), "{want}: {e}");
        }
        let e = parse(
            &good.replace("coupling = \"gauge\"", "coupling = \"kinetic-mixing\""),
            "g.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("g.toml"), "{e}");
        let e = parse(
            &format!(
                "{good}\n[[fermions]]\nname='N'\ncharge=1\ncharge_2=1\nchirality='sideways'\n"
            ),
            "g.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("g.toml"), "{e}");
    }
}
