//! Exact rational numbers for U(1)' charges, so that the anomaly conditions are checked exactly
//! ("1/3" cancels against "-1/3" without rounding).
//!
//! Why our own `i128` rational instead of `num-rational`: charges are small fractions
//! (|Q| <= 1000, denominators <= [`MAX_DENOMINATOR`]), the anomaly sums need only `+`, `−`, `×`,
//! and every operation here is checked, so an overflow becomes an error instead of a panic
//! (`Ratio<i128>`'s operators panic on overflow; `BigRational` would add `num-bigint` for
//! sums that fit in `i128` in every realistic model).
//!
//! How a charge is read (one rule for model files and presets):
//! - an integer (`1`, `-2`) or a fraction string (`"1/3"`, `"-2/3"`) is taken exactly;
//! - a decimal (`0.5`, `0.3333333333`, or the string `"0.25"`) is replaced by the fraction with
//!   the smallest denominator within [`DECIMAL_TOLERANCE`] of it (denominator at most
//!   [`MAX_DENOMINATOR`]); when that fraction differs from the typed number, the model carries a
//!   note saying which fraction was used (`0.3333333333` is `1/3`, not an anomaly of 1e-10).
//!   A decimal with no such fraction (e.g. 0.1234567891234) is an error asking for `"p/q"`.
//!   A decimal whose exact value is a fraction with denominator <= 10⁶ (at most six
//!   decimals) is read as exactly that value, so the physics sees the number typed.

use serde::{Serialize, Serializer};
use std::fmt;

/// Largest denominator accepted (a fraction string or the fraction a decimal is read as).
pub const MAX_DENOMINATOR: i128 = 1_000_000;
/// How far a typed decimal may be from the fraction it is read as.
pub const DECIMAL_TOLERANCE: f64 = 1e-9;

/// A reduced fraction `num/den` with `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rational {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Rational {
    /// Zero.
    pub const ZERO: Rational = Rational { num: 0, den: 1 };

    /// `num/den` reduced; `None` if `den == 0`.
    pub fn new(num: i128, den: i128) -> Option<Rational> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        let s = if den < 0 { -1 } else { 1 };
        Some(Rational {
            num: s * num / g,
            den: s * den / g,
        })
    }

    /// An integer.
    pub fn integer(n: i128) -> Rational {
        Rational { num: n, den: 1 }
    }

    /// Numerator (sign carrier).
    pub fn numerator(self) -> i128 {
        self.num
    }

    /// Denominator (positive).
    pub fn denominator(self) -> i128 {
        self.den
    }

    /// True for 0.
    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    /// The nearest `f64` (`num as f64 / den as f64`: "1/3" gives exactly `1.0 / 3.0`).
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// `self + other`, `None` on overflow.
    pub fn checked_add(self, other: Rational) -> Option<Rational> {
        let g = gcd(self.den, other.den);
        let l = (self.den / g).checked_mul(other.den)?;
        let a = self.num.checked_mul(l / self.den)?;
        let b = other.num.checked_mul(l / other.den)?;
        Rational::new(a.checked_add(b)?, l)
    }

    /// `self − other`, `None` on overflow.
    pub fn checked_sub(self, other: Rational) -> Option<Rational> {
        self.checked_add(Rational {
            num: other.num.checked_neg()?,
            den: other.den,
        })
    }

    /// `self × other`, `None` on overflow.
    pub fn checked_mul(self, other: Rational) -> Option<Rational> {
        // cross-reduce first so that products of reduced fractions stay small
        let g1 = gcd(self.num, other.den).max(1);
        let g2 = gcd(other.num, self.den).max(1);
        let num = (self.num / g1).checked_mul(other.num / g2)?;
        let den = (self.den / g2).checked_mul(other.den / g1)?;
        Rational::new(num, den)
    }

    /// The fraction with the smallest denominator (at most [`MAX_DENOMINATOR`]) within
    /// [`DECIMAL_TOLERANCE`] of `x`; `None` if there is none or `x` is not finite.
    pub fn from_decimal(x: f64) -> Option<Rational> {
        if !x.is_finite() || x.abs() > 1e15 {
            return None;
        }
        if x == x.trunc() {
            return Some(Rational::integer(x as i128));
        }
        // The first denominator that works is the smallest; simple thirds and halves stop at
        // once, and only a decimal with no nearby fraction walks the whole range.
        for q in 1..=MAX_DENOMINATOR {
            let p = (x * q as f64).round();
            if (x - p / q as f64).abs() <= DECIMAL_TOLERANCE {
                return Rational::new(p as i128, q);
            }
        }
        None
    }

    /// Parse a fraction string "p/q" (exact) or an integer or decimal string (decimals by the
    /// rule of [`Rational::from_decimal`]). The error says what is accepted.
    pub fn parse(text: &str) -> Result<Rational, String> {
        let t = text.trim();
        let bad = || {
            format!("'{text}' is not a charge: write an integer, a fraction such as \"1/3\", or a decimal")
        };
        if let Some((p, q)) = t.split_once('/') {
            let p: i128 = p.trim().parse().map_err(|_| bad())?;
            let q: i128 = q.trim().parse().map_err(|_| bad())?;
            if q == 0 {
                return Err(format!("'{text}': the denominator must not be zero"));
            }
            if q.abs() > MAX_DENOMINATOR || p.abs() > 1_000 * MAX_DENOMINATOR {
                return Err(format!(
                    "'{text}': numerator and denominator must be at most {MAX_DENOMINATOR} in size"
                ));
            }
            return Rational::new(p, q).ok_or_else(bad);
        }
        if let Ok(n) = t.parse::<i128>() {
            return Ok(Rational::integer(n));
        }
        let x: f64 = t.parse().map_err(|_| bad())?;
        Rational::from_decimal(x).ok_or_else(|| no_fraction(x))
    }
}

/// The message for a decimal that is not close to any fraction with a small denominator.
pub fn no_fraction(x: f64) -> String {
    format!(
        "{x} is not within {DECIMAL_TOLERANCE:e} of a fraction with denominator <= {MAX_DENOMINATOR}: write it as a fraction string such as \"1/3\""
    )
}

impl fmt::Display for Rational {
    /// "2", "-1/3"; honours width and alignment (`{:>7}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            f.pad(&self.num.to_string())
        } else {
            f.pad(&format!("{}/{}", self.num, self.den))
        }
    }
}

impl Serialize for Rational {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_and_decimals() {
        let third = Rational::parse("1/3").unwrap();
        assert_eq!(third.to_f64(), 1.0 / 3.0);
        assert_eq!(Rational::parse(" -2 / 6 ").unwrap().to_string(), "-1/3");
        assert_eq!(format!("{third:>5}"), "  1/3");
        assert_eq!(Rational::parse("4/-2").unwrap(), Rational::integer(-2));
        assert_eq!(Rational::from_decimal(0.3333333333), Some(third));
        assert_eq!(
            Rational::from_decimal(-0.6666666667).unwrap().to_string(),
            "-2/3"
        );
        assert_eq!(Rational::from_decimal(0.25).unwrap().to_string(), "1/4");
        assert_eq!(Rational::parse("0.1234").unwrap().to_string(), "617/5000");
        assert!(Rational::parse("1/0").is_err());
        assert!(Rational::parse("a/3").is_err());
        assert!(Rational::from_decimal(std::f64::consts::PI).is_some()); // some close fraction
        assert!(Rational::from_decimal(f64::NAN).is_none());
        // a long decimal with no fraction of denominator <= 1e6 within 1e-9
        let e = Rational::parse("0.1234567891234").unwrap_err();
        assert!(e.contains("\"1/3\"") && e.contains("1000000"), "{e}");
        assert!(Rational::from_decimal(1e300).is_none());
    }

    #[test]
    fn exact_arithmetic_and_overflow() {
        let third = Rational::new(1, 3).unwrap();
        let sum = third
            .checked_add(third)
            .unwrap()
            .checked_add(third)
            .unwrap();
        assert_eq!(sum, Rational::integer(1));
        assert!(sum.checked_sub(Rational::integer(1)).unwrap().is_zero());
        assert_eq!(
            third.checked_mul(Rational::integer(-3)).unwrap(),
            Rational::integer(-1)
        );
        let big = Rational::integer(i128::MAX / 2);
        assert!(big.checked_mul(big).is_none());
        assert!(big.checked_add(big).is_some());
        assert!(big.checked_add(big).unwrap().checked_add(big).is_none());
    }
}
