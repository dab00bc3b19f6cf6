//! The six gauge-anomaly conditions of a U(1)' extension of the Standard Model.
//!
//! Written for left-handed Weyl fermions: right-handed fields enter with a minus sign.
//! Hypercharges Y(q_L) = 1/6, Y(u_R) = 2/3, Y(d_R) = −1/3, Y(l_L) = −1/2, Y(e_R) = −1, Y(ν_R) = 0;
//! three colours, doublets count twice where the group acts trivially on SU(2).

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
    /// "U(1)'^3 = 1/27" (exact) or "U(1)'^3 = 0.037" (numeric).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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
            })
            .collect(),
        None => NAMES
            .iter()
            .zip(float_sums(c))
            .map(|(name, value)| AnomalyCondition {
                name,
                value,
                exact: None,
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
}
