//! The table of numbers printed in the source papers (`data/papers/printed.toml`): each
//! printed number once, with where the paper prints it, the input set it is computed with, the
//! tolerance our reproduction meets and, where we differ, what we get instead and why.
//!
//! Both `zprime reproduce` (this module's parent) and the paper tests
//! (`crates/zprime/tests/papers`) read their expected values and tolerances from here, so that a
//! number is typed once and the two cannot drift apart.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Path of the table in the repository (and in `zprime::data::FILES`).
pub const FILE: &str = "data/papers/printed.toml";

/// A source paper, cited once for all its numbers.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Paper {
    /// Authors and year, e.g. "Altmannshofer, Gori, Pospelov, Yavin 2014".
    pub short: String,
    /// Full citation with journal and arXiv number.
    pub citation: String,
}

/// How close a number must be to the value it is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Tolerance {
    /// `|x - v| <= r |v|`.
    Relative(f64),
    /// `|x - v| < a`.
    Absolute(f64),
    /// `lo < x < hi` (an accepted range, e.g. read off a figure, where no single value is
    /// printed or the printed one is an order of magnitude).
    Within([f64; 2]),
    /// `x` rounds to the printed value's `n` significant digits (within half a unit of the
    /// last printed digit).
    PrintedDigits(u32),
}

impl Tolerance {
    /// The relative tolerance, if this is one.
    pub fn relative(self) -> Option<f64> {
        match self {
            Tolerance::Relative(r) => Some(r),
            _ => None,
        }
    }

    /// The absolute tolerance, if this is one.
    pub fn absolute(self) -> Option<f64> {
        match self {
            Tolerance::Absolute(a) => Some(a),
            _ => None,
        }
    }

    /// The accepted open range `(lo, hi)`, if this is one.
    pub fn within(self) -> Option<(f64, f64)> {
        match self {
            Tolerance::Within([lo, hi]) => Some((lo, hi)),
            _ => None,
        }
    }

    /// Whether `x` meets the tolerance about `value` (`value` is not needed for `Within`).
    pub fn accepts(self, x: f64, value: Option<f64>) -> bool {
        if !x.is_finite() {
            return false;
        }
        match (self, value) {
            (Tolerance::Within([lo, hi]), _) => lo < x && x < hi,
            (Tolerance::Relative(r), Some(v)) => (x - v).abs() <= r * v.abs(),
            (Tolerance::Absolute(a), Some(v)) => (x - v).abs() < a,
            (Tolerance::PrintedDigits(n), Some(v)) => {
                (x - v).abs() <= half_unit_of_last_digit(v, n) * v.abs()
            }
            _ => false,
        }
    }

    /// One-line description, e.g. "relative 0.05".
    pub fn describe(self) -> String {
        // exponent notation for very small or large numbers, as they are typed in the table
        let num = |x: f64| {
            if x != 0.0 && !(1e-3..1e4).contains(&x.abs()) {
                format!("{x:e}")
            } else {
                format!("{x}")
            }
        };
        match self {
            Tolerance::Relative(r) => format!("relative {}", num(r)),
            Tolerance::Absolute(a) => format!("absolute {}", num(a)),
            Tolerance::Within([lo, hi]) => format!("within ({}, {})", num(lo), num(hi)),
            Tolerance::PrintedDigits(n) => format!("to the {n} printed digits"),
        }
    }
}

/// Half a unit of the last of `digits` significant digits of `printed`, relative to `printed`
/// (a printed 1.5 covers 1.45–1.55, ±3.3%). The factor 1.0001 lets a value that lies exactly
/// on the rounding edge pass despite its binary representation.
pub fn half_unit_of_last_digit(printed: f64, digits: u32) -> f64 {
    let d = printed.abs().log10().floor();
    0.5 * 10f64.powf(d - f64::from(digits) + 1.0) / printed.abs() * 1.0001
}

/// What we reproduce instead of the printed value, where the two differ for a documented
/// cause (the entry's note): our value and the tolerance it is pinned to.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ours {
    /// The value we get (the printed value times or divided by a documented factor, or a
    /// number of its own); `None` when only a range is pinned.
    pub expected: Option<f64>,
    /// How close our reproduction is to `expected` (or the range it lies in).
    pub tolerance: Tolerance,
}

/// Real or imaginary part of a matrix entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// Real part.
    Re,
    /// Imaginary part.
    Im,
}

/// An entry of a printed matrix that is off by more than the printed rounding (accepted within
/// max(`deviation_margin`, one unit of the last printed digit)).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Deviation {
    /// Row (0-based).
    pub row: usize,
    /// Column (0-based).
    pub column: usize,
    /// Which part.
    pub part: Part,
    /// What we get (and the cause, where known).
    pub ours: String,
}

/// A printed 3×3 complex matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrintedMatrix {
    /// `entries[row][column] = [re, im]` as printed; a part the paper does not print is 0.
    pub entries: [[[f64; 2]; 3]; 3],
    /// Entries off by more than the printed rounding.
    pub deviations: Vec<Deviation>,
    /// Relative margin within which a listed deviation is accepted (or one unit of the last
    /// printed digit, if larger); 0 without deviations.
    pub deviation_margin: f64,
}

impl PrintedMatrix {
    /// Whether entry (`row`, `column`, `part`) is a listed deviation.
    pub fn is_deviation(&self, row: usize, column: usize, part: Part) -> bool {
        self.deviations
            .iter()
            .any(|d| d.row == row && d.column == column && d.part == part)
    }
}

/// One number printed in a source paper.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrintedNumber {
    /// Unique id, starting with the paper number ("004-trident-vphi").
    pub id: String,
    /// Paper number, "000" … "004" (see [`paper`]).
    pub paper: String,
    /// Where the paper prints it (Eq., Fig., Table, Sec., footnote).
    pub location: String,
    /// What it is, in words, with the point it is computed at.
    pub quantity: String,
    /// The text as printed (with its precision or uncertainty).
    pub printed: String,
    /// The printed number; `None` for a printed formula or a curve read off a figure.
    pub value: Option<f64>,
    /// The printed uncertainty, where one is printed and compared.
    pub uncertainty: Option<f64>,
    /// The paper prints a formula, not a number: our value is compared with the formula
    /// evaluated with the input set.
    pub formula: bool,
    /// Unit of `value` ("1" when dimensionless).
    pub unit: String,
    /// The input set it is computed with.
    pub inputs: String,
    /// How close our reproduction is to the printed value (absent where we differ, see
    /// `ours`).
    pub tolerance: Option<Tolerance>,
    /// What we get where we differ from the printed value for a documented cause.
    pub ours: Option<Ours>,
    /// For an erratum: the printed value is off ours by more than this (relative).
    pub misprint_margin: Option<f64>,
    /// A printed matrix (instead of `value`).
    pub matrix: Option<PrintedMatrix>,
    /// Erratum or documented cause of a difference.
    pub note: Option<String>,
}

impl PrintedNumber {
    /// The printed value, or an error naming the entry when the paper prints a formula, a
    /// figure or a matrix instead.
    pub fn printed_value(&self) -> Result<f64> {
        self.value.ok_or_else(|| {
            Error::file(FILE, format!("number '{}' has no printed `value`", self.id))
        })
    }

    /// What our reproduction is compared with and how: `ours` where we differ, otherwise the
    /// printed value (or `reference`, a printed formula evaluated with the input set) with
    /// `tolerance`.
    pub fn check(&self, reference: Option<f64>) -> (Option<f64>, Tolerance) {
        match (self.ours, self.tolerance) {
            (Some(o), _) => (o.expected, o.tolerance),
            (None, Some(t)) => (self.value.or(reference), t),
            // parse() rejects an entry with neither; a check that accepts nothing is the safe
            // answer should one be built by hand
            (None, None) => (None, Tolerance::Within([f64::NAN, f64::NAN])),
        }
    }

    /// Whether our reproduction `x` meets this entry's check (see [`PrintedNumber::check`])
    /// and, for an erratum, stays off the misprinted value by more than `misprint_margin`.
    pub fn accepts(&self, x: f64, reference: Option<f64>) -> bool {
        let (expected, tolerance) = self.check(reference);
        let off_the_misprint = match (self.misprint_margin, self.value) {
            (Some(margin), Some(p)) => (x - p).abs() > margin * p.abs(),
            _ => true,
        };
        tolerance.accepts(x, expected) && off_the_misprint
    }
}

/// The parsed table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Papers by number.
    pub papers: BTreeMap<String, Paper>,
    /// Every printed number, in the file's order.
    pub numbers: Vec<PrintedNumber>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    paper: BTreeMap<String, Paper>,
    number: Vec<RawNumber>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNumber {
    id: String,
    paper: String,
    location: String,
    quantity: String,
    printed: String,
    value: Option<f64>,
    uncertainty: Option<f64>,
    #[serde(default)]
    formula: bool,
    unit: String,
    inputs: String,
    tolerance: Option<Tolerance>,
    ours: Option<RawOurs>,
    misprint_margin: Option<f64>,
    matrix: Option<[[[f64; 2]; 3]; 3]>,
    #[serde(default)]
    deviations: Vec<Deviation>,
    deviation_margin: Option<f64>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOurs {
    value: Option<f64>,
    times: Option<f64>,
    divided_by: Option<f64>,
    relative: Option<f64>,
    absolute: Option<f64>,
    within: Option<[f64; 2]>,
    printed_digits: Option<u32>,
}

fn ours(raw: &RawOurs, printed: Option<f64>, id: &str) -> Result<Ours> {
    let bad = |m: &str| Error::file(FILE, format!("number '{id}': ours: {m}"));
    let tolerances = [
        raw.relative.map(Tolerance::Relative),
        raw.absolute.map(Tolerance::Absolute),
        raw.within.map(Tolerance::Within),
        raw.printed_digits.map(Tolerance::PrintedDigits),
    ];
    let mut given = tolerances.iter().flatten();
    let (Some(&tolerance), None) = (given.next(), given.next()) else {
        return Err(bad(
            "needs exactly one of relative, absolute, within, printed_digits",
        ));
    };
    let factor_of_printed = |f: f64, op: fn(f64, f64) -> f64| {
        printed
            .map(|p| op(p, f))
            .ok_or_else(|| bad("`times`/`divided_by` need the entry's `value`"))
    };
    let expected = match (raw.value, raw.times, raw.divided_by) {
        (Some(v), None, None) => Some(v),
        (None, Some(f), None) => Some(factor_of_printed(f, |p, f| p * f)?),
        (None, None, Some(f)) => Some(factor_of_printed(f, |p, f| p / f)?),
        (None, None, None) if matches!(tolerance, Tolerance::Within(_)) => None,
        _ => {
            return Err(bad(
                "needs one of value, times, divided_by (none only with `within`)",
            ))
        }
    };
    Ok(Ours {
        expected,
        tolerance,
    })
}

fn check_entry(n: &PrintedNumber, papers: &BTreeMap<String, Paper>) -> Result<()> {
    let bad = |m: String| Error::file(FILE, format!("number '{}': {m}", n.id));
    if !papers.contains_key(&n.paper) {
        return Err(bad(format!(
            "paper '{}' has no [paper.\"{}\"] citation",
            n.paper, n.paper
        )));
    }
    if !n.id.starts_with(&format!("{}-", n.paper)) {
        return Err(bad(format!("the id must start with '{}-'", n.paper)));
    }
    if n.tolerance.is_none() && n.ours.is_none() {
        return Err(bad("needs `tolerance` or `ours`".into()));
    }
    let needs_value = |t: Option<Tolerance>| {
        matches!(
            t,
            Some(Tolerance::Relative(_) | Tolerance::Absolute(_) | Tolerance::PrintedDigits(_))
        )
    };
    if n.value.is_none() && n.matrix.is_none() && !n.formula && needs_value(n.tolerance) {
        return Err(bad(
            "`tolerance` about a value needs `value` (or `matrix`, or `formula = true`)".into(),
        ));
    }
    let numbers = n
        .value
        .iter()
        .chain(n.uncertainty.iter())
        .chain(n.misprint_margin.iter())
        .chain(n.ours.iter().filter_map(|o| o.expected.as_ref()));
    if numbers.copied().any(|x| !x.is_finite()) {
        return Err(bad("numbers must be finite".into()));
    }
    let tolerances = n
        .tolerance
        .iter()
        .chain(n.ours.iter().map(|o| &o.tolerance));
    for t in tolerances {
        let ok = match *t {
            Tolerance::Relative(x) | Tolerance::Absolute(x) => x.is_finite() && x > 0.0,
            Tolerance::Within([lo, hi]) => lo.is_finite() && hi.is_finite() && lo < hi,
            Tolerance::PrintedDigits(d) => d >= 1,
        };
        if !ok {
            return Err(bad(format!(
                "tolerance {} must be positive (a range: lo < hi; digits >= 1)",
                t.describe()
            )));
        }
    }
    if n.value.is_none() && (n.uncertainty.is_some() || n.misprint_margin.is_some()) {
        return Err(bad(
            "`uncertainty` and `misprint_margin` need the printed `value`".into(),
        ));
    }
    if let Some(m) = &n.matrix {
        for d in &m.deviations {
            if d.row > 2 || d.column > 2 {
                return Err(bad(format!(
                    "deviation ({}, {}) outside the 3x3 matrix",
                    d.row, d.column
                )));
            }
        }
    }
    Ok(())
}

/// Parse a table (the shipped one is [`table`]); every entry is checked: unique ids that start
/// with their paper, a cited paper, a tolerance or `ours`, finite numbers.
pub fn parse(text: &str) -> Result<Table> {
    let raw: RawFile = crate::data::parse_toml(text, FILE)?;
    let mut numbers: Vec<PrintedNumber> = Vec::with_capacity(raw.number.len());
    for r in raw.number {
        if numbers.iter().any(|n| n.id == r.id) {
            return Err(Error::file(
                FILE,
                format!("number '{}' appears twice", r.id),
            ));
        }
        let ours = r
            .ours
            .as_ref()
            .map(|o| ours(o, r.value, &r.id))
            .transpose()?;
        if !r.deviations.is_empty() && r.matrix.is_none() {
            return Err(Error::file(
                FILE,
                format!("number '{}': `deviations` without `matrix`", r.id),
            ));
        }
        let deviation_margin = match (r.deviations.is_empty(), r.deviation_margin) {
            (true, None) => 0.0,
            (false, Some(m)) if m.is_finite() && m > 0.0 => m,
            _ => {
                return Err(Error::file(
                    FILE,
                    format!(
                    "number '{}': `deviations` need a positive `deviation_margin` (and only they)",
                    r.id
                ),
                ))
            }
        };
        let n = PrintedNumber {
            matrix: r.matrix.map(|entries| PrintedMatrix {
                entries,
                deviations: r.deviations,
                deviation_margin,
            }),
            id: r.id,
            paper: r.paper,
            location: r.location,
            quantity: r.quantity,
            printed: r.printed,
            value: r.value,
            uncertainty: r.uncertainty,
            formula: r.formula,
            unit: r.unit,
            inputs: r.inputs,
            tolerance: r.tolerance,
            ours,
            misprint_margin: r.misprint_margin,
            note: r.note,
        };
        check_entry(&n, &raw.paper)?;
        numbers.push(n);
    }
    Ok(Table {
        papers: raw.paper,
        numbers,
    })
}

/// The shipped table (parsed once; the text is constant).
pub fn table() -> Result<&'static Table> {
    static TABLE: OnceLock<Result<Table>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            let text = crate::data::file(FILE)
                .ok_or_else(|| Error::file(FILE, "not in the data catalogue"))?;
            parse(text)
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The printed number `id`, or an error listing the known ids.
pub fn printed(id: &str) -> Result<&'static PrintedNumber> {
    crate::error::lookup(&table()?.numbers, id, "printed number", |n| &n.id)
}

/// Every printed number of paper `paper` ("000" … "004"), in the table's order.
pub fn of_paper(paper: &str) -> Result<impl Iterator<Item = &'static PrintedNumber>> {
    let t = table()?;
    if !t.papers.contains_key(paper) {
        return Err(Error::Unknown {
            kind: "paper",
            name: paper.to_string(),
            known: t.papers.keys().cloned().collect::<Vec<_>>().join(", "),
        });
    }
    let paper = paper.to_string();
    Ok(t.numbers.iter().filter(move |n| n.paper == paper))
}

/// The citation of paper `paper`.
pub fn paper(paper: &str) -> Result<&'static Paper> {
    let t = table()?;
    t.papers.get(paper).ok_or_else(|| Error::Unknown {
        kind: "paper",
        name: paper.to_string(),
        known: t.papers.keys().cloned().collect::<Vec<_>>().join(", "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_parses_and_every_paper_has_numbers() {
        let t = table().unwrap();
        for p in ["000", "001", "002", "003", "004"] {
            assert!(of_paper(p).unwrap().count() > 0, "{p}");
            assert!(paper(p).unwrap().citation.contains("arXiv:"));
        }
        assert!(t.numbers.len() > 50);
        assert!(printed("nope").is_err());
        assert!(of_paper("999").is_err());
        let n = printed("003-b3-sb-im").unwrap();
        assert_eq!(n.ours.unwrap().expected, Some(4.71e-7 * 1.056));
        assert!(n.printed_value().is_ok());
        assert!(printed("001-fig2-br-1mev")
            .unwrap()
            .printed_value()
            .is_err());
        // an erratum: our value, not the misprint
        let erratum = printed("003-bkx-eps-g").unwrap();
        assert!(erratum.accepts(4.51e-5, None) && !erratum.accepts(4.05e-5, None));
        // a printed formula is compared with its evaluation
        let formula = printed("001-kinetic-mixing").unwrap();
        assert!(formula.accepts(0.5, Some(0.5)) && !formula.accepts(0.5, None));
    }

    #[test]
    fn bad_tables_are_rejected_naming_the_entry() {
        let head = "[paper.\"004\"]\nshort = \"A\"\ncitation = \"B\"\n";
        let entry = |extra: &str| {
            format!(
                "{head}[[number]]\nid = \"004-x\"\npaper = \"004\"\nlocation = \"Eq. 1\"\n\
                 quantity = \"q\"\nprinted = \"1\"\nunit = \"1\"\ninputs = \"default\"\n{extra}"
            )
        };
        assert!(parse(&entry("value = 1.0\ntolerance = { relative = 0.1 }\n")).is_ok());
        for (extra, says) in [
            ("value = 1.0\n", "needs `tolerance` or `ours`"),
            ("tolerance = { relative = 0.1 }\n", "needs `value`"),
            (
                "value = 1.0\nours = { times = 2.0 }\n",
                "exactly one of relative",
            ),
            (
                "value = 1.0\nours = { relative = 0.1 }\n",
                "one of value, times",
            ),
            ("value = 1.0\ntolerance = { closeish = 0.1 }\n", "tolerance"),
            (
                "value = 1.0\ntolerance = { relative = -0.1 }\n",
                "must be positive",
            ),
            ("tolerance = { within = [2.0, 1.0] }\n", "lo < hi"),
            (
                "uncertainty = 1.0\ntolerance = { within = [0.0, 1.0] }\n",
                "need the printed",
            ),
        ] {
            let e = parse(&entry(extra)).unwrap_err().to_string();
            assert!(e.contains(FILE) && e.contains(says), "{extra}: {e}");
        }
        let twice = format!(
            "{}\n{}",
            entry("value = 1.0\ntolerance = { absolute = 1.0 }\n"),
            entry("value = 1.0\ntolerance = { absolute = 1.0 }\n").replacen(head, "", 1)
        );
        assert!(parse(&twice).unwrap_err().to_string().contains("twice"));
    }

    #[test]
    fn tolerances_accept_what_they_say() {
        assert!(Tolerance::Relative(0.05).accepts(1.04, Some(1.0)));
        assert!(!Tolerance::Relative(0.05).accepts(1.06, Some(1.0)));
        assert!(Tolerance::Absolute(0.005).accepts(0.5389, Some(0.54)));
        assert!(!Tolerance::Within([1.0, 2.0]).accepts(1.0, None));
        assert!(Tolerance::PrintedDigits(2).accepts(1.549, Some(1.5)));
        assert!(!Tolerance::PrintedDigits(2).accepts(1.56, Some(1.5)));
        assert!(!Tolerance::Relative(0.05).accepts(f64::NAN, Some(1.0)));
        assert!(!Tolerance::Relative(0.05).accepts(1.0, None));
    }
}
