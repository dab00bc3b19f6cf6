//! The six gauge-anomaly conditions of a U(1)' extension of the Standard Model.
//!
//! Written for left-handed Weyl fermions: right-handed fields enter with a minus sign.
//! Hypercharges Y(q_L) = 1/6, Y(u_R) = 2/3, Y(d_R) = −1/3, Y(l_L) = −1/2, Y(e_R) = −1, Y(ν_R) = 0;
//! three colours, doublets count twice where the group acts trivially on SU(2).
//!
//! Fermions beyond the Standard Model and ν_R ([`ExtraFermion`], a model file's
//! `[[fermions]]`) add their terms: a chiral one as its representation says, a vector-like
//! one (a left- and a right-handed field with the same charges, as the vector-like quarks of
//! papers 000, 003, 004) nothing, which is why such models are anomaly free with the Standard
//! Model fields alone. [`remedy`] says which extra fermions an anomalous model needs: only
//! SM singlets (right-handed neutrinos, as (B − L)_23 and B_3 − L_τ need) when only the
//! U(1)'^3 and gravitational conditions fail, fermions charged under the SM otherwise.

use super::rational::Rational;
use super::{Charges, RationalCharges};
use serde::Serialize;

/// One anomaly coefficient.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnomalyCondition {
    /// Which triangle: "SU(3)^2 U(1)'", ...
    pub name: &'static str,
    /// The coefficient, summed over generations (zero when it cancels), as a number.
    pub value: f64,
    /// The exact coefficient, when the charges are fractions (always for a loaded model; `None`
    /// only if a sum overflowed 128-bit fractions, then `value` decides to 1e-12).
    pub exact: Option<Rational>,
    /// Which current, for a model of two U(1) bosons ("X1", "X2", "X1+X2", "X1-X2": the
    /// mixed anomalies are those of the sums); `None` for a single U(1)'.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<&'static str>,
}

/// Chirality of an extra fermion ([`ExtraFermion`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Chirality {
    /// A left-handed Weyl fermion.
    Left,
    /// A right-handed Weyl fermion (enters with a minus sign).
    Right,
    /// A vector-like Dirac fermion: left- and right-handed with the same charges (no anomaly).
    Vector,
}

/// A fermion beyond the Standard Model and ν_R, in one SM representation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtraFermion {
    /// A label ("Q", "N_2").
    pub name: String,
    /// 1 (colour singlet) or 3 (triplet).
    pub colours: u8,
    /// Dimension of its SU(2) representation: 1 or 2.
    pub su2: u8,
    /// Hypercharge (Q = T3 + Y).
    pub hypercharge: Rational,
    /// Its U(1)' charge (of X̂1 in a gauge-basis model).
    pub charge: Rational,
    /// Its charge under X̂2 (gauge-basis models; 0 otherwise).
    pub charge_2: Rational,
    /// Left, right or vector-like.
    pub chirality: Chirality,
}

impl ExtraFermion {
    /// Its terms of the six sums for U(1)' charge `q` (`None` on overflow).
    fn sums(&self, q: Rational) -> Option<[Rational; 6]> {
        let sign = match self.chirality {
            Chirality::Vector => return Some([Rational::ZERO; 6]),
            Chirality::Left => 1,
            Chirality::Right => -1,
        };
        // multiplicity: colours × SU(2) components (the SU(3)² and SU(2)² sums count the
        // other group's components only, as 2q − u − d and 3q + l do)
        let n = Rational::integer(sign * i128::from(self.colours) * i128::from(self.su2));
        let y = self.hypercharge;
        let nq = n.checked_mul(q)?;
        let q2 = q.checked_mul(q)?;
        let su3 = Rational::integer(sign * i128::from(self.su2)).checked_mul(q)?;
        let su2 = Rational::integer(sign * i128::from(self.colours)).checked_mul(q)?;
        Some([
            if self.colours == 3 {
                su3
            } else {
                Rational::ZERO
            },
            if self.su2 == 2 { su2 } else { Rational::ZERO },
            nq.checked_mul(y)?.checked_mul(y)?,
            n.checked_mul(y)?.checked_mul(q2)?,
            nq.checked_mul(q2)?,
            nq,
        ])
    }
}

/// The six conditions for the SM charges `c` and the extra fermions, each with the U(1)'
/// charge `charge_of` picks (the current `current`), exactly; `None` on overflow.
pub fn anomaly_conditions_with(
    c: &RationalCharges,
    extra: &[ExtraFermion],
    charge_of: &dyn Fn(&ExtraFermion) -> Option<Rational>,
    current: Option<&'static str>,
) -> Option<Vec<AnomalyCondition>> {
    let mut sums = exact_sums(c)?;
    for f in extra {
        let terms = f.sums(charge_of(f)?)?;
        for (s, t) in sums.iter_mut().zip(terms) {
            *s = s.checked_add(t)?;
        }
    }
    Some(
        NAMES
            .iter()
            .zip(sums)
            .map(|(name, r)| AnomalyCondition {
                name,
                value: r.to_f64(),
                exact: Some(r),
                current,
            })
            .collect(),
    )
}

/// Which fermions would cancel the failing conditions `failing` of the SM charges `c` (for
/// a message): right-handed neutrinos (SM singlets) when only U(1)'^3 and the gravitational
/// condition fail, with the charges of l_L when those cancel them (as the Dirac Yukawa
/// l̄_L H̃ ν_R needs: the ν_R of (B − L)_23 and B_3 − L_τ); fermions charged under the SM
/// otherwise. Vector-like fermions never help.
pub fn remedy(c: &RationalCharges, failing: &[AnomalyCondition]) -> Option<String> {
    if failing.is_empty() {
        return None;
    }
    let singlet_only = failing
        .iter()
        .all(|a| a.name == NAMES[4] || a.name == NAMES[5]);
    if !singlet_only {
        let names: Vec<&str> = failing
            .iter()
            .filter(|a| a.name != NAMES[4] && a.name != NAMES[5])
            .map(|a| a.name)
            .collect();
        return Some(format!(
            "{} fail: new fermions charged under the Standard Model and chiral under U(1)' are needed (declare them in [[fermions]]); right-handed neutrinos enter only U(1)'^3 and the gravitational condition, vector-like fermions none",
            names.join(", ")
        ));
    }
    // the SM singlets ν_R (right-handed) need Σ n = grav and Σ n³ = cubic on top of c's ν_R
    let mut with_l = *c;
    with_l.nu_r = c.l_l;
    let dirac_works = c.nu_r.iter().all(|n| n.is_zero())
        && exact_sums(&with_l).is_some_and(|s| s.iter().all(|x| x.is_zero()));
    if dirac_works {
        let q: Vec<String> = c.l_l.iter().map(ToString::to_string).collect();
        return Some(format!(
            "right-handed neutrinos: nu_R = [{}] (the charges of l_L, as the Dirac Yukawa l_L-bar H~ nu_R needs) cancel it; add them to [charges]",
            q.join(", ")
        ));
    }
    let get = |i: usize| {
        failing
            .iter()
            .find(|a| a.name == NAMES[i])
            .map_or("0".to_string(), |a| match a.exact {
                Some(r) => r.to_string(),
                None => format!("{}", a.value),
            })
    };
    Some(format!(
        "only U(1)'^3 and the gravitational condition fail: Standard-Model singlets (right-handed neutrinos, in [charges] nu_R or [[fermions]]) with right-handed charges n_i, sum n_i = {} and sum n_i^3 = {} more than today, cancel it",
        get(5),
        get(4)
    ))
}

impl AnomalyCondition {
    /// True if the coefficient vanishes: exactly, or to 1e-12 when no exact value exists.
    pub fn cancels(&self) -> bool {
        match self.exact {
            Some(r) => r.is_zero(),
            None => self.value.abs() < 1e-12,
        }
    }
}

impl std::fmt::Display for AnomalyCondition {
    /// "U(1)'^3 = 1/27" (exact) or "U(1)'^3 = 0.037" (numeric), "X2: U(1)'^3 = 1/27" for one
    /// current of a gauge-basis model.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(c) = self.current {
            write!(f, "{c}: ")?;
        }
        match self.exact {
            Some(r) => write!(f, "{} = {r}", self.name),
            None => write!(f, "{} = {}", self.name, self.value),
        }
    }
}

const NAMES: [&str; 6] = [
    "SU(3)^2 U(1)'",
    "SU(2)^2 U(1)'",
    "U(1)_Y^2 U(1)'",
    "U(1)_Y U(1)'^2",
    "U(1)'^3",
    "gravitational",
];

/// All six conditions for the given charges. Each charge is read as a fraction by the rule of
/// [`Rational::from_decimal`] and the conditions are summed exactly; a charge with no nearby
/// fraction, or an overflow, falls back to floating point with the 1e-12 tolerance.
pub fn anomaly_conditions(c: &Charges) -> Vec<AnomalyCondition> {
    match RationalCharges::from_charges(c).and_then(|r| exact_sums(&r)) {
        Some(exact) => NAMES
            .iter()
            .zip(exact)
            .map(|(name, r)| AnomalyCondition {
                name,
                value: r.to_f64(),
                exact: Some(r),
                current: None,
            })
            .collect(),
        None => NAMES
            .iter()
            .zip(float_sums(c))
            .map(|(name, value)| AnomalyCondition {
                name,
                value,
                exact: None,
                current: None,
            })
            .collect(),
    }
}

/// All six conditions in exact arithmetic (`None` if a sum overflows).
pub fn anomaly_conditions_exact(c: &RationalCharges) -> Option<Vec<AnomalyCondition>> {
    let sums = exact_sums(c)?;
    Some(
        NAMES
            .iter()
            .zip(sums)
            .map(|(name, r)| AnomalyCondition {
                name,
                value: r.to_f64(),
                exact: Some(r),
                current: None,
            })
            .collect(),
    )
}

fn exact_sums(c: &RationalCharges) -> Option<[Rational; 6]> {
    let k = |n: i128, d: i128| Rational::new(n, d).expect("non-zero denominator");
    let (q, u, d, l, e, n) = (c.q_l, c.u_r, c.d_r, c.l_l, c.e_r, c.nu_r);
    // Σ_i Σ_terms coefficient × charge^power, checked at every step
    let sum = |terms: &[(Rational, &[Rational; 3], i32)]| -> Option<Rational> {
        let mut s = Rational::ZERO;
        for i in 0..3 {
            for (coef, field, power) in terms {
                let mut x = *coef;
                for _ in 0..*power {
                    x = x.checked_mul(field[i])?;
                }
                s = s.checked_add(x)?;
            }
        }
        Some(s)
    };
    Some([
        sum(&[(k(2, 1), &q, 1), (k(-1, 1), &u, 1), (k(-1, 1), &d, 1)])?,
        sum(&[(k(3, 1), &q, 1), (k(1, 1), &l, 1)])?,
        // 3 [2 (1/6)^2 q - (2/3)^2 u - (1/3)^2 d] + 2 (1/2)^2 l - e
        sum(&[
            (k(1, 6), &q, 1),
            (k(-4, 3), &u, 1),
            (k(-1, 3), &d, 1),
            (k(1, 2), &l, 1),
            (k(-1, 1), &e, 1),
        ])?,
        // 3 [2 (1/6) q^2 - (2/3) u^2 + (1/3) d^2] + 2 (-1/2) l^2 + e^2
        sum(&[
            (k(1, 1), &q, 2),
            (k(-2, 1), &u, 2),
            (k(1, 1), &d, 2),
            (k(-1, 1), &l, 2),
            (k(1, 1), &e, 2),
        ])?,
        sum(&[
            (k(6, 1), &q, 3),
            (k(-3, 1), &u, 3),
            (k(-3, 1), &d, 3),
            (k(2, 1), &l, 3),
            (k(-1, 1), &e, 3),
            (k(-1, 1), &n, 3),
        ])?,
        sum(&[
            (k(6, 1), &q, 1),
            (k(-3, 1), &u, 1),
            (k(-3, 1), &d, 1),
            (k(2, 1), &l, 1),
            (k(-1, 1), &e, 1),
            (k(-1, 1), &n, 1),
        ])?,
    ])
}

/// The same six sums in floating point (the fallback).
fn float_sums(c: &Charges) -> [f64; 6] {
    let sum = |f: &dyn Fn(usize) -> f64| (0..3).map(f).sum::<f64>();
    let (q, u, d, l, e, n) = (c.q_l, c.u_r, c.d_r, c.l_l, c.e_r, c.nu_r);
    [
        sum(&|i| 2.0 * q[i] - u[i] - d[i]),
        sum(&|i| 3.0 * q[i] + l[i]),
        sum(&|i| q[i] / 6.0 - 4.0 * u[i] / 3.0 - d[i] / 3.0 + l[i] / 2.0 - e[i]),
        sum(&|i| q[i] * q[i] - 2.0 * u[i] * u[i] + d[i] * d[i] - l[i] * l[i] + e[i] * e[i]),
        sum(&|i| {
            3.0 * (2.0 * q[i].powi(3) - u[i].powi(3) - d[i].powi(3)) + 2.0 * l[i].powi(3)
                - e[i].powi(3)
                - n[i].powi(3)
        }),
        sum(&|i| 3.0 * (2.0 * q[i] - u[i] - d[i]) + 2.0 * l[i] - e[i] - n[i]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypercharge_itself_is_anomaly_free() {
        // The SM hypercharge as a "U(1)'" must pass every condition (a classic check).
        let y = Charges {
            q_l: [1.0 / 6.0; 3],
            u_r: [2.0 / 3.0; 3],
            d_r: [-1.0 / 3.0; 3],
            l_l: [-0.5; 3],
            e_r: [-1.0; 3],
            nu_r: [0.0; 3],
        };
        assert!(
            anomaly_conditions(&y)
                .iter()
                .all(super::AnomalyCondition::cancels),
            "{:?}",
            anomaly_conditions(&y)
        );
    }

    #[test]
    fn lepton_number_alone_is_anomalous() {
        let l = Charges {
            l_l: [1.0; 3],
            e_r: [1.0; 3],
            nu_r: [1.0; 3],
            ..Default::default()
        };
        let failing: Vec<_> = anomaly_conditions(&l)
            .into_iter()
            .filter(|a| !a.cancels())
            .map(|a| a.name)
            .collect();
        // SU(2)^2 U(1)' = 3 and U(1)_Y^2 U(1)' = -3/2 fail; the cubic and gravitational cancel with nu_R.
        assert_eq!(failing, vec!["SU(2)^2 U(1)'", "U(1)_Y^2 U(1)'"]);
    }

    #[test]
    fn b_minus_l_needs_right_handed_neutrinos() {
        let mut bl = Charges {
            q_l: [1.0 / 3.0; 3],
            u_r: [1.0 / 3.0; 3],
            d_r: [1.0 / 3.0; 3],
            l_l: [-1.0; 3],
            e_r: [-1.0; 3],
            nu_r: [-1.0; 3],
        };
        assert!(anomaly_conditions(&bl)
            .iter()
            .all(super::AnomalyCondition::cancels));
        bl.nu_r = [0.0; 3];
        let failing: Vec<_> = anomaly_conditions(&bl)
            .into_iter()
            .filter(|a| !a.cancels())
            .map(|a| a.name)
            .collect();
        assert_eq!(failing, vec!["U(1)'^3", "gravitational"]);
    }

    /// Thirds typed as decimals are read as thirds: no false anomaly (the floating-point sums
    /// of 0.3333333333 leave ~1e-10, far above any tolerance one would dare).
    #[test]
    fn decimal_thirds_are_exact_thirds() {
        let t = 0.3333333333;
        let bl = Charges {
            q_l: [t; 3],
            u_r: [t; 3],
            d_r: [t; 3],
            l_l: [-1.0; 3],
            e_r: [-1.0; 3],
            nu_r: [-1.0; 3],
        };
        assert!(float_sums(&bl).iter().any(|x| x.abs() > 1e-12));
        let a = anomaly_conditions(&bl);
        assert!(a.iter().all(|c| c.cancels() && c.exact.is_some()), "{a:?}");
        // a real anomaly is reported exactly
        let mut bad = bl;
        bad.nu_r = [0.0; 3];
        let cubic = &anomaly_conditions(&bad)[4];
        assert_eq!(cubic.to_string(), "U(1)'^3 = -3");
    }

    use crate::model::Model;

    const BL23: &str = "name='bl23'\n[charges]\nq_L=[0,'1/3','1/3']\nu_R=[0,'1/3','1/3']\nd_R=[0,'1/3','1/3']\nl_L=[0,-1,-1]\ne_R=[0,-1,-1]\nnu_R=[0,-1,-1]\n";

    /// (B − L)_23 and B_3 − L_τ need their right-handed neutrinos, and the message says
    /// which: nu_R with the charges of l_L.
    #[test]
    fn the_needed_right_handed_neutrinos_are_named() {
        assert!(Model::from_toml(BL23, "m.toml")
            .unwrap()
            .anomalies()
            .is_empty());
        let m = Model::from_toml(&BL23.replace("nu_R=[0,-1,-1]\n", ""), "m.toml").unwrap();
        let names: Vec<_> = m.anomalies().iter().map(|a| a.name).collect();
        assert_eq!(names, ["U(1)'^3", "gravitational"]);
        let r = m.anomaly_remedy().unwrap();
        assert!(r.contains("nu_R = [0, -1, -1]"), "{r}");
        assert!(m
            .warnings()
            .iter()
            .any(|w| w.contains("nu_R = [0, -1, -1]")));
        let b3 = "name='b3'\n[charges]\nq_L=[0,0,'1/3']\nu_R=[0,0,'1/3']\nd_R=[0,0,'1/3']\nl_L=[0,0,-1]\ne_R=[0,0,-1]\n";
        let r = Model::from_toml(b3, "m.toml")
            .unwrap()
            .anomaly_remedy()
            .unwrap();
        assert!(r.contains("nu_R = [0, 0, -1]"), "{r}");
        // heavy N_2, N_3 declared as extra fermions instead (paper 003 Sec. 4) do the same
        let with_n = format!(
            "{}[[fermions]]\nname='N_2'\ncharge=-1\nchirality='right'\n[[fermions]]\nname='N_3'\ncharge=-1\nchirality='right'\n",
            BL23.replace("nu_R=[0,-1,-1]\n", "")
        );
        assert!(Model::from_toml(&with_n, "m.toml")
            .unwrap()
            .anomalies()
            .is_empty());
        // a failure that singlets cannot cure says so
        let l = "name='l'\n[charges]\nl_L=[1,1,1]\ne_R=[1,1,1]\nnu_R=[1,1,1]\n";
        let r = Model::from_toml(l, "m.toml")
            .unwrap()
            .anomaly_remedy()
            .unwrap();
        assert!(
            r.contains("SU(2)^2 U(1)'") && r.contains("charged under the Standard Model"),
            "{r}"
        );
        // singlets that are not the Dirac choice: the sums they must supply
        let odd = "name='o'\n[charges]\nl_L=[0,1,-1]\ne_R=[0,1,-1]\nnu_R=[0,1,0]\n";
        let r = Model::from_toml(odd, "m.toml")
            .unwrap()
            .anomaly_remedy()
            .unwrap();
        assert!(
            r.contains("sum n_i = -1") && r.contains("sum n_i^3 = -1"),
            "{r}"
        );
    }

    /// Vector-like quarks (papers 000, 003, 004) add nothing; the same fields as chiral
    /// fermions do. The extra-fermion sums have the normalization of the SM ones: a fourth
    /// generation charged under hypercharge itself is anomaly free, less one field it is not.
    #[test]
    fn extra_fermions_in_the_anomaly_sums() {
        let lmu = "name='v'\n[charges]\nl_L=[0,1,-1]\ne_R=[0,1,-1]\nnu_R=[0,1,-1]\n";
        let vlq = "[[fermions]]\nname='Q'\ncolours=3\nsu2=2\nhypercharge='1/6'\ncharge=1\nchirality='vector'\n[[fermions]]\nname='U'\ncolours=3\nhypercharge='2/3'\ncharge=-1\nchirality='vector'\n[[fermions]]\nname='D'\ncolours=3\nhypercharge='-1/3'\ncharge=-1\nchirality='vector'\n";
        let m = Model::from_toml(&format!("{lmu}{vlq}"), "m.toml").unwrap();
        assert_eq!(m.fermions.len(), 3);
        assert!(m.anomalies().is_empty());
        let chiral = vlq.replace("'vector'", "'left'");
        assert!(!Model::from_toml(&format!("{lmu}{chiral}"), "m.toml")
            .unwrap()
            .anomalies()
            .is_empty());
        let y = "name='y'\n[charges]\nq_L=['1/6','1/6','1/6']\nu_R=['2/3','2/3','2/3']\nd_R=['-1/3','-1/3','-1/3']\nl_L=['-1/2','-1/2','-1/2']\ne_R=[-1,-1,-1]\n";
        let gen4 = [
            ("q", 3, 2, "1/6", "left"),
            ("u", 3, 1, "2/3", "right"),
            ("d", 3, 1, "-1/3", "right"),
            ("l", 1, 2, "-1/2", "left"),
            ("e", 1, 1, "-1", "right"),
        ];
        let entry = |(n, c, d, yy, ch): (&str, u8, u8, &str, &str)| {
            format!("[[fermions]]\nname='{n}4'\ncolours={c}\nsu2={d}\nhypercharge='{yy}'\ncharge='{yy}'\nchirality='{ch}'\n")
        };
        let all: String = gen4.iter().copied().map(entry).collect();
        let m = Model::from_toml(&format!("{y}{all}"), "m.toml").unwrap();
        assert!(m.anomalies().is_empty(), "{:?}", m.anomalies());
        for skip in 0..5 {
            let some: String = gen4
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, f)| entry(*f))
                .collect();
            let m = Model::from_toml(&format!("{y}{some}"), "m.toml").unwrap();
            assert!(!m.anomalies().is_empty(), "without {}", gen4[skip].0);
        }
        let e = Model::from_toml(
            &format!("{lmu}[[fermions]]\nname='X'\ncolours=2\ncharge=1\nchirality='left'\n"),
            "m.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("fermions[1].colours"), "{e}");
    }

    /// A gauge-basis model checks both currents and the mixed anomalies.
    #[test]
    fn gauge_basis_currents_are_checked() {
        let text = include_str!("../../../../examples/models/lmu-ltau+b3-gauge-basis.toml");
        assert!(Model::from_toml(text, "m.toml")
            .unwrap()
            .anomalies()
            .is_empty());
        // B_3 alone for X^2: anomalous, labelled X2
        let b3 = text.replace(
            "l_L = [0, 0, -1]\ne_R = [0, 0, -1]\nnu_R = [0, 0, -1]\n",
            "",
        );
        let m = Model::from_toml(&b3, "m.toml").unwrap();
        let a = m.anomalies();
        assert!(a.iter().any(|c| c.current == Some("X2")), "{a:?}");
        assert!(a.iter().all(|c| c.current != Some("X1")));
        assert!(a[0].to_string().starts_with("X2: "), "{}", a[0]);
        let r = m.anomaly_remedy().unwrap();
        assert!(r.starts_with("X2: "), "{r}");
    }
}
