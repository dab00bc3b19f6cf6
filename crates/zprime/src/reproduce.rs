//! The numbers of the source papers that zprime reproduces, each with the paper's input set:
//! what `zprime reproduce` prints. The tests in `tests/papers/` check the same numbers (and
//! more) with tolerances; here the user sees the paper's value beside ours.

use crate::constraints::Constraint;
use crate::error::{Error, Result};
use crate::inputs::{InputSet, StandardModel};
use crate::model::{Model, Point};
use serde::Serialize;
use std::collections::BTreeMap;

/// One reproducible number.
#[derive(Clone, Copy)]
pub struct Item {
    /// Identifier, e.g. "004-trident-vphi".
    pub id: &'static str,
    /// Source paper (file prefix in shared/papers and the reference).
    pub paper: &'static str,
    /// Input set used.
    pub inputs: &'static str,
    /// What is reproduced, and where the paper states it.
    pub what: &'static str,
    /// The paper's value as printed.
    pub printed: &'static str,
    /// Unit of the computed value.
    pub unit: &'static str,
    compute: fn(&InputSet) -> Result<f64>,
}

/// The result of one item.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// Identifier.
    pub id: String,
    /// Source paper.
    pub paper: String,
    /// Input set.
    pub inputs: String,
    /// Description.
    pub what: String,
    /// The paper's value.
    pub printed: String,
    /// Ours.
    pub computed: f64,
    /// Unit.
    pub unit: String,
}

fn lmu_ltau(mass: f64, g: f64) -> Result<Point> {
    Model::resolve("lmu-ltau")?.point(mass, g, &BTreeMap::new())
}

fn predict(name: &str, set: &InputSet, p: &Point) -> Result<f64> {
    crate::observables::predict(name, &[], p, set)
}

fn upper_limit(id: &str, set: &InputSet, mass: f64) -> Result<f64> {
    let sm = StandardModel::from_inputs(set)?;
    Constraint::load(id, set)?
        .limits_at(&sm, set, &lmu_ltau(mass, 1e-3)?)?
        .upper_limit
        .ok_or_else(|| Error::Numerical {
            context: id.into(),
            message: "no upper limit".into(),
        })
}

/// Coupling at which `Delta a_mu` equals `target` (it scales as g²).
fn g2_coupling(set: &InputSet, mass: f64, target: f64) -> Result<f64> {
    Ok((target / predict("Delta a_mu", set, &lmu_ltau(mass, 1.0)?)?).sqrt())
}

const ITEMS: &[Item] = &[
    Item {
        id: "004-g2-vphi",
        paper: "004 Altmannshofer, Gori, Pospelov, Yavin 2014",
        inputs: "altmannshofer2014",
        what: "v_Phi = m_Z'/g explaining Delta a_mu = 2.9e-9 (heavy Z', m_Z' = 50 GeV), Sec. IV",
        printed: "v_Phi ~ 180 GeV",
        unit: "GeV",
        compute: |s| Ok(50.0 / g2_coupling(s, 50.0, 2.9e-9)?),
    },
    Item {
        id: "004-g2-5sigma",
        paper: "004 Altmannshofer, Gori, Pospelov, Yavin 2014",
        inputs: "altmannshofer2014",
        what: "5 sigma lower bound on v_Phi from (g-2)_mu (m_Z' = 50 GeV), Sec. IV",
        printed: "v_Phi >~ 110 GeV",
        unit: "GeV",
        compute: |s| Ok(50.0 / upper_limit("g-2:altmannshofer2014:5sigma", s, 50.0)?),
    },
    Item {
        id: "004-trident-vphi",
        paper: "004 Altmannshofer, Gori, Pospelov, Yavin 2014",
        inputs: "altmannshofer2014",
        what: "trident bound on v_Phi from sigma/sigma_SM = 0.83 +- 0.18 at 95% CL (two-sided), Eq. (39)",
        printed: "v_Phi >~ 750 GeV",
        unit: "GeV",
        compute: |s| Ok(50.0 / upper_limit("trident:combined2014:heavy", s, 50.0)?),
    },
    Item {
        id: "004-tau-delta",
        paper: "004 Altmannshofer, Gori, Pospelov, Yavin 2014",
        inputs: "altmannshofer2014",
        what: "Delta = BR(tau -> mu nu nu)/BR_SM - 1 from Eq. (29)-(30), Eq. (31)",
        printed: "(7.0 +- 3.0)e-3",
        unit: "1",
        compute: |s| match crate::experiments::resolve("Delta(tau->mununu):altmannshofer2014", s)? {
            crate::experiments::Value::Gaussian { value, .. } => Ok(value),
            crate::experiments::Value::UpperLimit { limit, .. } => Ok(limit),
        },
    },
    Item {
        id: "001-g2-light",
        paper: "001 Ibe, Nakano, Suzuki 2016",
        inputs: "ibe2016",
        what: "g at the centre of the g-2 band for m_Z' << m_mu (m_Z' = 0.1 MeV), Sec. II.A",
        printed: "g ~ 5e-4",
        unit: "1",
        compute: |s| g2_coupling(s, 1e-4, 280e-11),
    },
    Item {
        id: "001-g2-heavy",
        paper: "001 Ibe, Nakano, Suzuki 2016",
        inputs: "ibe2016",
        what: "g/(m_Z'/GeV) at the centre of the g-2 band for m_Z' >> m_mu (m_Z' = 10 GeV), Sec. II.A",
        printed: "g ~ 5e-3 (m_Z'/1 GeV)",
        unit: "1",
        compute: |s| Ok(g2_coupling(s, 10.0, 280e-11)? / 10.0),
    },
    Item {
        id: "001-kinetic-mixing",
        paper: "001 Ibe, Nakano, Suzuki 2016",
        inputs: "ibe2016",
        what: "eps/g at q^2 = 0 from the mu and tau loops, Eq. (8)",
        printed: "(8/3) e ln(m_tau/m_mu)/(16 pi^2)",
        unit: "1",
        compute: |s| Ok(predict("eps_gamma(Zp)", s, &lmu_ltau(0.05, 1e-3)?)? / 1e-3),
    },
    Item {
        id: "000-invisible-285",
        paper: "000 Fuyuto, Hou, Kohda 2014",
        inputs: "fuyuto2014",
        what: "BR(Z' -> nu nu) at m_Z' = 285 MeV, Fig. 2 caption",
        printed: "54%",
        unit: "1",
        compute: |s| predict("BR(Zp->invisible)", s, &lmu_ltau(0.285, 1e-3)?),
    },
];

/// Every reproducible item.
pub fn items() -> &'static [Item] {
    ITEMS
}

/// Compute one item by id (or every item of a paper with the prefix "004", say).
pub fn run(id: &str) -> Result<Vec<Outcome>> {
    let selected: Vec<&Item> = ITEMS
        .iter()
        .filter(|i| i.id == id || i.id.starts_with(&format!("{id}-")) || id == "all")
        .collect();
    if selected.is_empty() {
        return Err(Error::Unknown {
            kind: "reproduction",
            name: id.to_string(),
            known: format!(
                "all, 000, 001, 004, {}",
                ITEMS.iter().map(|i| i.id).collect::<Vec<_>>().join(", ")
            ),
        });
    }
    selected
        .into_iter()
        .map(|i| {
            let set = InputSet::load(i.inputs)?;
            Ok(Outcome {
                id: i.id.into(),
                paper: i.paper.into(),
                inputs: i.inputs.into(),
                what: i.what.into(),
                printed: i.printed.into(),
                computed: (i.compute)(&set)?,
                unit: i.unit.into(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_computes_and_ids_are_unique() {
        let all = run("all").unwrap();
        assert_eq!(all.len(), ITEMS.len());
        let mut ids: Vec<_> = ITEMS.iter().map(|i| i.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), ITEMS.len());
        assert!(all.iter().all(|o| o.computed.is_finite()));
        assert_eq!(run("004").unwrap().len(), 4);
        assert!(run("999").is_err());
    }
}
