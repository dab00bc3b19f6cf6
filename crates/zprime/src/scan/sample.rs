//! Sampling designs for scans: which points of a model's parameter space a scan evaluates.
//!
//! A [`Design`] is a list of parameter ranges ([`ParamRange`], parsed from `--param
//! NAME=LO:HI[:log|:lin]`), a [`Method`] (a full grid, uniform random points or a scrambled
//! Sobol sequence) and a seed. Its points are *counter based*: point `i` is a pure function of
//! (params, method, seed, i). So a scan split into shards (`--shard K/N`, one batch job or Dask
//! task each) or run on any number of threads produces exactly the points of the unsplit scan,
//! and the shards concatenate to it.
//!
//! Only the parameters with `LO < HI` are axes of the design ("varying" below); a parameter
//! given as `NAME=VALUE` (or `LO == HI`) is fixed and takes no dimension, so adding a fixed
//! parameter does not change the points of the others.
//!
//! Methods:
//! - `Grid { per_axis }`: `per_axis` values per varying axis including both ends (`per_axis =
//!   1` gives the midpoint of each axis: the geometric mean on a log scale), `per_axis^d`
//!   points, index in row-major order (the last `--param` varies fastest).
//! - `Random { n }`: point `i` draws one uniform per varying axis from its own PCG32 stream
//!   ([`crate::math::random::Random`]) keyed by `(seed, i)`.
//! - `Sobol { n }`: a Sobol sequence (Joe–Kuo direction numbers) with Owen scrambling and a
//!   nested uniform shuffle of the index, both by the hash of B. Burley, "Practical
//!   hash-based Owen scrambling", JCGT 9(4) 2020 (the LK hash of N. Vegdahl's
//!   `sobol_burley`), seeded by `seed`. Every block of `2^k` consecutive indices starting at
//!   a multiple of `2^k` (so the first `2^k` points, and each shard of a scan split into `2^j`
//!   parts of a `2^k` design) is stratified: each varying axis gets exactly one point per
//!   `1/2^k` interval. `n` ≤ 2³² and at most [`MAX_SOBOL_DIMENSIONS`] varying axes. We do not
//!   use the `sobol_burley` crate itself because it stops at 2¹⁶ points and gives `f32`.
//!   The 32 Sobol bits are completed to 53 with per-point random bits, so values are
//!   continuous; this does not change the stratification.
//!
//! The direction numbers are the first rows of `new-joe-kuo-6.21201` by S. Joe and F. Y. Kuo
//! ("Constructing Sobol sequences with better two-dimensional projections", SIAM J. Sci.
//! Comput. 30, 2635 (2008)); Copyright (c) 2008, Frances Y. Kuo and Stephen Joe, used under
//! their BSD-3-Clause licence (redistributions keep this notice; the names of the copyright
//! holders, the University of New South Wales and the University of Waikato are not used to
//! endorse this software; it is provided "as is" without warranty).

use crate::error::{Error, Result};
use crate::math::random::Random;
use std::fmt;
use std::ops::Range;

/// A number as a user would type it: exponent notation when very small or large (Rust's
/// shortest round-trip digits either way, so it parses back to the same `f64`).
fn number(x: f64) -> String {
    let a = x.abs();
    if a != 0.0 && !(1e-4..1e6).contains(&a) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// How a parameter range is traversed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Uniform in the value.
    Linear,
    /// Uniform in the logarithm of the value (the range must be positive).
    Log,
}

/// One scanned parameter: its name and its range. `lo == hi` is a fixed parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamRange {
    /// `mass`, `g` (the model's coupling) or one of the model's own parameter names.
    pub name: String,
    /// Lower end (included).
    pub lo: f64,
    /// Upper end (included: a grid reaches it; random and Sobol points stay below it).
    pub hi: f64,
    /// Linear or logarithmic.
    pub scale: Scale,
}

/// The grammar of `--param`, repeated in every error about it.
const PARAM_GRAMMAR: &str = "NAME=LO:HI[:log|:lin] or NAME=VALUE";

/// An `--param` error: `allowed` says what would have been accepted.
fn param_error(text: &str, allowed: &str) -> Error {
    Error::InvalidParameter {
        name: "--param".into(),
        value: text.into(),
        allowed: format!("{allowed} ({PARAM_GRAMMAR})"),
    }
}

impl ParamRange {
    /// Parse `NAME=LO:HI[:log|:lin]` or `NAME=VALUE` (a fixed value, `lo == hi`). The default
    /// scale is linear, except for `mass` and `g` (logarithmic). Errors name `--param`: an
    /// empty name, a number that does not parse or is not finite, `LO > HI`, a log range
    /// with `LO <= 0`, an unknown scale.
    pub fn parse(text: &str) -> Result<ParamRange> {
        let (name, range) = text
            .split_once('=')
            .ok_or_else(|| param_error(text, "a NAME=RANGE pair"))?;
        let name = name.trim();
        if name.is_empty() {
            return Err(param_error(text, "a non-empty NAME"));
        }
        let parts: Vec<&str> = range.split(':').map(str::trim).collect();
        let number = |s: &str| -> Result<f64> {
            match s.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(v),
                _ => Err(param_error(text, &format!("finite numbers, not '{s}'"))),
            }
        };
        let default_scale = if name == "mass" || name == "g" {
            Scale::Log
        } else {
            Scale::Linear
        };
        let (lo, hi, scale) = match parts.as_slice() {
            [value] => {
                let v = number(value)?;
                (v, v, default_scale)
            }
            [lo, hi] => (number(lo)?, number(hi)?, default_scale),
            [lo, hi, scale] => {
                let scale = match *scale {
                    "log" => Scale::Log,
                    "lin" => Scale::Linear,
                    other => {
                        return Err(param_error(
                            text,
                            &format!("a scale 'log' or 'lin', not '{other}'"),
                        ))
                    }
                };
                (number(lo)?, number(hi)?, scale)
            }
            _ => {
                return Err(param_error(
                    text,
                    "one value or LO:HI with an optional scale",
                ))
            }
        };
        if lo > hi {
            return Err(param_error(text, "LO <= HI"));
        }
        // A fixed value never goes through the logarithm, whatever its default scale.
        if scale == Scale::Log && lo < hi && lo <= 0.0 {
            return Err(param_error(
                text,
                "LO > 0 on a log scale (mass and g are log by default; add ':lin' for a linear range)",
            ));
        }
        Ok(ParamRange {
            name: name.to_string(),
            lo,
            hi,
            scale,
        })
    }

    /// True when the parameter is an axis of the design (`lo < hi`), false when it is fixed.
    pub fn is_varying(&self) -> bool {
        self.lo < self.hi
    }

    /// The value at `u` in [0, 1]: `lo` at 0, `hi` at 1 (exactly), uniform in the value or
    /// in its logarithm in between. A fixed parameter gives its value for any `u`.
    pub fn at(&self, u: f64) -> f64 {
        if !self.is_varying() || u <= 0.0 {
            return self.lo;
        }
        if u >= 1.0 {
            return self.hi;
        }
        let v = match self.scale {
            Scale::Linear => self.lo + u * (self.hi - self.lo),
            Scale::Log => (self.lo.ln() + u * (self.hi / self.lo).ln()).exp(),
        };
        // Rounding must not step outside the range.
        v.clamp(self.lo, self.hi)
    }
}

impl fmt::Display for ParamRange {
    /// The `--param` text that parses back to this range (numbers in Rust's shortest
    /// round-trip form, the scale always written).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_varying() {
            let scale = match self.scale {
                Scale::Linear => "lin",
                Scale::Log => "log",
            };
            write!(
                f,
                "{}={}:{}:{scale}",
                self.name,
                number(self.lo),
                number(self.hi)
            )
        } else {
            write!(f, "{}={}", self.name, number(self.lo))
        }
    }
}

/// How the points of a design are placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A full grid with `per_axis` values on each varying axis (ends included).
    Grid {
        /// Values per axis (≥ 1).
        per_axis: u64,
    },
    /// `n` uniform random points.
    Random {
        /// Number of points (≥ 1).
        n: u64,
    },
    /// `n` points of an Owen-scrambled Sobol sequence.
    Sobol {
        /// Number of points (1 ..= 2³²).
        n: u64,
    },
}

impl Method {
    /// The command-line flag that selects this method (`--grid`, `--random`, `--sobol`).
    pub fn flag(&self) -> &'static str {
        match self {
            Method::Grid { .. } => "--grid",
            Method::Random { .. } => "--random",
            Method::Sobol { .. } => "--sobol",
        }
    }

    /// The flag's number: values per axis for a grid, points otherwise.
    pub fn count(&self) -> u64 {
        match *self {
            Method::Grid { per_axis } => per_axis,
            Method::Random { n } | Method::Sobol { n } => n,
        }
    }
}

impl fmt::Display for Method {
    /// `--grid N`, `--random N` or `--sobol N`, as typed on the command line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.flag(), self.count())
    }
}

/// Most varying parameters a Sobol design supports (the direction numbers embedded below).
pub const MAX_SOBOL_DIMENSIONS: usize = 64;

/// Most points of a Sobol design (32-bit indices).
pub const MAX_SOBOL_POINTS: u64 = 1 << 32;

/// A sampling design: parameter ranges, a method and a seed (used by the random and Sobol
/// methods; a grid ignores it). Build it with [`Design::new`], which validates it.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// The parameters, in the order of the values [`Design::point`] returns.
    pub params: Vec<ParamRange>,
    /// How the points are placed.
    pub method: Method,
    /// Seed of the random and Sobol methods.
    pub seed: u64,
}

impl Design {
    /// A validated design. Errors: duplicate parameter names or an invalid range (naming
    /// `--param`), zero points, a grid whose `per_axis^d` overflows 64 bits, a Sobol design
    /// with more than 2³² points or more than [`MAX_SOBOL_DIMENSIONS`] varying parameters
    /// (naming `--grid`, `--random` or `--sobol`).
    pub fn new(params: Vec<ParamRange>, method: Method, seed: u64) -> Result<Design> {
        for (i, p) in params.iter().enumerate() {
            if params[..i].iter().any(|q| q.name == p.name) {
                return Err(param_error(
                    &p.name,
                    "each parameter at most once; this name is given twice",
                ));
            }
            let valid = p.lo.is_finite()
                && p.hi.is_finite()
                && p.lo <= p.hi
                && !(p.scale == Scale::Log && p.is_varying() && p.lo <= 0.0);
            if !valid {
                return Err(param_error(
                    &p.to_string(),
                    "finite LO <= HI, LO > 0 on a log scale",
                ));
            }
        }
        let design = Design {
            params,
            method,
            seed,
        };
        let count_error = |allowed: String| Error::InvalidParameter {
            name: method.flag().into(),
            value: method.count().to_string(),
            allowed,
        };
        if method.count() == 0 {
            return Err(count_error("at least 1".into()));
        }
        let d = design.varying().count();
        match method {
            Method::Grid { per_axis } => {
                if u32::try_from(d)
                    .ok()
                    .and_then(|d| per_axis.checked_pow(d))
                    .is_none()
                {
                    return Err(count_error(format!(
                        "N^{d} < 2^64 points for {d} varying parameters"
                    )));
                }
            }
            Method::Random { .. } => {}
            Method::Sobol { n } => {
                if n > MAX_SOBOL_POINTS {
                    return Err(count_error("1 ..= 2^32 points".into()));
                }
                if d > MAX_SOBOL_DIMENSIONS {
                    return Err(count_error(format!(
                        "at most {MAX_SOBOL_DIMENSIONS} varying parameters for a Sobol design \
                         ({d} given; use --random)"
                    )));
                }
            }
        }
        Ok(design)
    }

    /// Total number of points.
    pub fn len(&self) -> u64 {
        match self.method {
            Method::Grid { per_axis } => {
                // Validated in `new`; saturate for a design built by hand.
                let d = u32::try_from(self.varying().count()).unwrap_or(u32::MAX);
                per_axis.checked_pow(d).unwrap_or(u64::MAX)
            }
            Method::Random { n } | Method::Sobol { n } => n,
        }
    }

    /// True when the design has no point (never for a design from [`Design::new`]).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values of point `index` (`0 <= index < len()`), in `params` order. It depends
    /// only on (params, method, seed, index): shards and thread counts cannot change a point.
    pub fn point(&self, index: u64) -> Vec<f64> {
        let mut values = vec![0.0; self.params.len()];
        self.point_into(index, &mut values);
        values
    }

    /// [`Design::point`] into a caller's buffer of `params.len()` values (no allocation per
    /// point in a scan's inner loop).
    pub fn point_into(&self, index: u64, values: &mut [f64]) {
        let d = self.varying().count();
        let mut axis = 0;
        // Per-point state of the random method: one PCG32 stream per index.
        let mut random = match self.method {
            Method::Random { .. } => Some(Random::with_stream(
                splitmix64(self.seed ^ splitmix64(index)),
                index,
            )),
            _ => None,
        };
        for (p, value) in self.params.iter().zip(values.iter_mut()) {
            if !p.is_varying() {
                *value = p.lo;
                continue;
            }
            let u = match self.method {
                Method::Grid { per_axis } => grid_u(index, axis, d, per_axis),
                Method::Random { .. } => random.as_mut().map_or(0.5, Random::uniform),
                Method::Sobol { .. } => sobol_u(index, axis, self.seed),
            };
            *value = p.at(u);
            axis += 1;
        }
    }

    /// The index range of shard `k` of `n` (`k` in 1..=n): contiguous, the shards in order
    /// concatenate to `0..len()`, their sizes differ by at most one. Errors name `--shard`:
    /// `n` = 0, `k` outside 1..=n, more shards than points.
    pub fn shard(&self, k: u64, n: u64) -> Result<Range<u64>> {
        let len = self.len();
        let error = |allowed: String| Error::InvalidParameter {
            name: "--shard".into(),
            value: format!("{k}/{n}"),
            allowed,
        };
        if n == 0 || n > len {
            return Err(error(format!(
                "K/N with 1 <= N <= {len} (the number of points of the design)"
            )));
        }
        if k == 0 || k > n {
            return Err(error(format!("K/N with 1 <= K <= N = {n}")));
        }
        let at = |j: u64| (u128::from(len) * u128::from(j) / u128::from(n)) as u64;
        Ok(at(k - 1)..at(k))
    }

    /// The varying parameters (the design's axes), in order.
    fn varying(&self) -> impl Iterator<Item = &ParamRange> {
        self.params.iter().filter(|p| p.is_varying())
    }
}

/// The grid coordinate in [0, 1] of `axis` (of `d`) at `index`, row-major (the last axis
/// fastest).
fn grid_u(index: u64, axis: usize, d: usize, per_axis: u64) -> f64 {
    if per_axis == 1 {
        return 0.5;
    }
    // Digit `axis` of `index` in base `per_axis`, most significant first.
    let mut rest = index;
    for _ in axis + 1..d {
        rest /= per_axis;
    }
    (rest % per_axis) as f64 / (per_axis - 1) as f64
}

/// SplitMix64's finaliser (S. Vigna): a bijective 64-bit mixer to derive independent keys
/// from a seed and an index.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A 32-bit integer hash (from `sobol_burley::parts::hash`): randomises the scramble keys.
fn hash32(mut n: u32) -> u32 {
    n ^= 0xe6fe_3beb;
    n ^= n >> 16;
    n = n.wrapping_mul(0x7feb_352d);
    n ^= n >> 15;
    n = n.wrapping_mul(0x846c_a68b);
    n ^= n >> 16;
    n
}

/// Owen scrambling of a bit-reversed 32-bit integer by the Laine–Karras-style hash of
/// Vegdahl (`sobol_burley::parts::owen_scramble_rev`): each step only lets a bit depend on
/// less significant bits of the reversed integer, i.e. on the more significant digits of the
/// original, which is what an Owen scramble is. `scramble` must be well mixed.
fn owen_scramble_rev(mut n_rev: u32, scramble: u32) -> u32 {
    n_rev ^= n_rev.wrapping_mul(0x3d20_adea);
    n_rev = n_rev.wrapping_add(scramble);
    n_rev = n_rev.wrapping_mul((scramble >> 16) | 1);
    n_rev ^= n_rev.wrapping_mul(0x0552_6c56);
    n_rev ^= n_rev.wrapping_mul(0x53a2_2864);
    n_rev
}

/// Coordinate `axis` of Sobol point `index` in [0, 1): the index shuffled (nested uniform
/// scramble), the Sobol digits, an Owen scramble per axis, then 21 random low bits.
fn sobol_u(index: u64, axis: usize, seed: u64) -> f64 {
    let key = splitmix64(seed);
    let index_key = hash32((key as u32) ^ 0x79c6_8e4a);
    let shuffled = owen_scramble_rev((index as u32).reverse_bits(), index_key).reverse_bits();
    let directions = &SOBOL_DIRECTIONS[axis];
    let mut x = 0u32;
    let mut bits = shuffled;
    while bits != 0 {
        let b = bits.trailing_zeros();
        x ^= directions[b as usize];
        bits &= bits - 1;
    }
    let axis_key = hash32(((key >> 32) as u32) ^ hash32(axis as u32));
    let scrambled = owen_scramble_rev(x.reverse_bits(), axis_key).reverse_bits();
    // Below the 32 Sobol bits: uniform bits of their own, from (seed, index, axis).
    let low = splitmix64(key ^ splitmix64(index ^ ((axis as u64) << 56))) >> 43;
    (f64::from(scrambled) * (1u64 << 21) as f64 + low as f64) / (1u64 << 53) as f64
}

/// Joe–Kuo primitive-polynomial data `(s, a, m_1..m_s)` of dimensions 2..=64 (the first
/// dimension is the van der Corput sequence), from `new-joe-kuo-6.21201`.
const JOE_KUO: [(u32, u32, &[u32]); MAX_SOBOL_DIMENSIONS - 1] = [
    (1, 0, &[1]),
    (2, 1, &[1, 3]),
    (3, 1, &[1, 3, 1]),
    (3, 2, &[1, 1, 1]),
    (4, 1, &[1, 1, 3, 3]),
    (4, 4, &[1, 3, 5, 13]),
    (5, 2, &[1, 1, 5, 5, 17]),
    (5, 4, &[1, 1, 5, 5, 5]),
    (5, 7, &[1, 1, 7, 11, 19]),
    (5, 11, &[1, 1, 5, 1, 1]),
    (5, 13, &[1, 1, 1, 3, 11]),
    (5, 14, &[1, 3, 5, 5, 31]),
    (6, 1, &[1, 3, 3, 9, 7, 49]),
    (6, 13, &[1, 1, 1, 15, 21, 21]),
    (6, 16, &[1, 3, 1, 13, 27, 49]),
    (6, 19, &[1, 1, 1, 15, 7, 5]),
    (6, 22, &[1, 3, 1, 15, 13, 25]),
    (6, 25, &[1, 1, 5, 5, 19, 61]),
    (7, 1, &[1, 3, 7, 11, 23, 15, 103]),
    (7, 4, &[1, 3, 7, 13, 13, 15, 69]),
    (7, 7, &[1, 1, 3, 13, 7, 35, 63]),
    (7, 8, &[1, 3, 5, 9, 1, 25, 53]),
    (7, 14, &[1, 3, 1, 13, 9, 35, 107]),
    (7, 19, &[1, 3, 1, 5, 27, 61, 31]),
    (7, 21, &[1, 1, 5, 11, 19, 41, 61]),
    (7, 28, &[1, 3, 5, 3, 3, 13, 69]),
    (7, 31, &[1, 1, 7, 13, 1, 19, 1]),
    (7, 32, &[1, 3, 7, 5, 13, 19, 59]),
    (7, 37, &[1, 1, 3, 9, 25, 29, 41]),
    (7, 41, &[1, 3, 5, 13, 23, 1, 55]),
    (7, 42, &[1, 3, 7, 3, 13, 59, 17]),
    (7, 50, &[1, 3, 1, 3, 5, 53, 69]),
    (7, 55, &[1, 1, 5, 5, 23, 33, 13]),
    (7, 56, &[1, 1, 7, 7, 1, 61, 123]),
    (7, 59, &[1, 1, 7, 9, 13, 61, 49]),
    (7, 62, &[1, 3, 3, 5, 3, 55, 33]),
    (8, 14, &[1, 3, 1, 15, 31, 13, 49, 245]),
    (8, 21, &[1, 3, 5, 15, 31, 59, 63, 97]),
    (8, 22, &[1, 3, 1, 11, 11, 11, 77, 249]),
    (8, 38, &[1, 3, 1, 11, 27, 43, 71, 9]),
    (8, 47, &[1, 1, 7, 15, 21, 11, 81, 45]),
    (8, 49, &[1, 3, 7, 3, 25, 31, 65, 79]),
    (8, 50, &[1, 3, 1, 1, 19, 11, 3, 205]),
    (8, 52, &[1, 1, 5, 9, 19, 21, 29, 157]),
    (8, 56, &[1, 3, 7, 11, 1, 33, 89, 185]),
    (8, 67, &[1, 3, 3, 3, 15, 9, 79, 71]),
    (8, 70, &[1, 3, 7, 11, 15, 39, 119, 27]),
    (8, 84, &[1, 1, 3, 1, 11, 31, 97, 225]),
    (8, 97, &[1, 1, 1, 3, 23, 43, 57, 177]),
    (8, 103, &[1, 3, 7, 7, 17, 17, 37, 71]),
    (8, 115, &[1, 3, 1, 5, 27, 63, 123, 213]),
    (8, 122, &[1, 1, 3, 5, 11, 43, 53, 133]),
    (9, 8, &[1, 3, 5, 5, 29, 17, 47, 173, 479]),
    (9, 13, &[1, 3, 3, 11, 3, 1, 109, 9, 69]),
    (9, 16, &[1, 1, 1, 5, 17, 39, 23, 5, 343]),
    (9, 22, &[1, 3, 1, 5, 25, 15, 31, 103, 499]),
    (9, 25, &[1, 1, 1, 11, 11, 17, 63, 105, 183]),
    (9, 44, &[1, 1, 5, 11, 9, 29, 97, 231, 363]),
    (9, 47, &[1, 1, 5, 15, 19, 45, 41, 7, 383]),
    (9, 52, &[1, 3, 7, 7, 31, 19, 83, 137, 221]),
    (9, 55, &[1, 1, 1, 3, 23, 15, 111, 223, 83]),
    (9, 59, &[1, 1, 5, 13, 31, 15, 55, 25, 161]),
    (9, 62, &[1, 1, 3, 13, 25, 47, 39, 87, 257]),
];

/// The 32 direction numbers `v_b` (bit `b` of the index contributes `v_b`, as a 32-bit
/// fraction) of each dimension, computed at compile time by the Joe–Kuo recurrence.
const SOBOL_DIRECTIONS: [[u32; 32]; MAX_SOBOL_DIMENSIONS] = sobol_directions();

const fn sobol_directions() -> [[u32; 32]; MAX_SOBOL_DIMENSIONS] {
    let mut v = [[0u32; 32]; MAX_SOBOL_DIMENSIONS];
    let mut b = 0;
    while b < 32 {
        v[0][b] = 1 << (31 - b);
        b += 1;
    }
    let mut dim = 1;
    while dim < MAX_SOBOL_DIMENSIONS {
        let (s, a, m) = JOE_KUO[dim - 1];
        let s = s as usize;
        let mut i = 0;
        while i < 32 {
            if i < s {
                v[dim][i] = m[i] << (31 - i);
            } else {
                let mut x = v[dim][i - s] ^ (v[dim][i - s] >> s);
                let mut k = 1;
                while k < s {
                    if (a >> (s - 1 - k)) & 1 == 1 {
                        x ^= v[dim][i - k];
                    }
                    k += 1;
                }
                v[dim][i] = x;
            }
            i += 1;
        }
        dim += 1;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str) -> ParamRange {
        ParamRange::parse(text).unwrap()
    }

    fn design(method: Method) -> Design {
        Design::new(
            vec![
                range("mass=1e-3:1"),
                range("g=1e-5:1e-2"),
                range("eps=-1e-3:1e-3"),
            ],
            method,
            7,
        )
        .unwrap()
    }

    fn message(e: &Error) -> String {
        e.to_string()
    }

    #[test]
    fn parse_defaults_and_scales() {
        let m = range("mass=1e-3:1");
        assert_eq!((m.lo, m.hi, m.scale), (1e-3, 1.0, Scale::Log));
        assert_eq!(range("g=0.1:0.2").scale, Scale::Log);
        assert_eq!(range("eps=-1:1").scale, Scale::Linear);
        assert_eq!(range("eps=1:2:log").scale, Scale::Log);
        assert_eq!(range("g=0:1:lin").scale, Scale::Linear);
        let fixed = range("eps=0.5");
        assert_eq!((fixed.lo, fixed.hi), (0.5, 0.5));
        assert!(!fixed.is_varying());
        // A fixed zero coupling is fine even though g is log by default.
        assert_eq!(range("g=0").at(0.3), 0.0);
    }

    #[test]
    fn parse_errors_name_the_flag_and_the_rule() {
        for (text, needle) in [
            ("mass", "NAME=RANGE"),
            ("=1:2", "non-empty NAME"),
            ("g=2:1", "LO <= HI"),
            ("mass=0:1", "LO > 0 on a log scale"),
            ("eps=-1:1:log", "LO > 0 on a log scale"),
            ("eps=nan:1", "finite numbers"),
            ("eps=1:inf", "finite numbers"),
            ("eps=a", "finite numbers"),
            ("eps=1:2:cubic", "'log' or 'lin'"),
            ("eps=1:2:3:4", "one value or LO:HI"),
        ] {
            let e = ParamRange::parse(text).unwrap_err();
            assert!(e.is_invalid_input());
            let m = message(&e);
            assert!(m.contains("--param") && m.contains(needle), "{text}: {m}");
        }
    }

    #[test]
    fn display_parses_back() {
        for text in ["mass=1e-3:1", "eps=-0.001:0.002", "g=1e-5:1e-2:lin", "x=3"] {
            let r = range(text);
            assert_eq!(ParamRange::parse(&r.to_string()).unwrap(), r, "{r}");
        }
        assert_eq!(range("mass=1e-3:1").to_string(), "mass=0.001:1:log");
    }

    #[test]
    fn log_scale_endpoints_and_midpoint() {
        let m = range("mass=1e-3:10");
        assert_eq!(m.at(0.0), 1e-3);
        assert_eq!(m.at(1.0), 10.0);
        assert!((m.at(0.25) - 1e-2).abs() < 1e-15);
        assert!((m.at(0.5) - 1e-3_f64.sqrt() * 10f64.sqrt()).abs() < 1e-15);
        let e = range("eps=-1:1");
        assert_eq!((e.at(0.0), e.at(0.5), e.at(1.0)), (-1.0, 0.0, 1.0));
    }

    #[test]
    fn design_errors_name_their_flag() {
        let p = || vec![range("mass=1e-3:1"), range("g=1e-5:1e-2")];
        let cases: Vec<(Result<Design>, &str)> = vec![
            (Design::new(p(), Method::Sobol { n: 0 }, 0), "--sobol"),
            (Design::new(p(), Method::Random { n: 0 }, 0), "--random"),
            (Design::new(p(), Method::Grid { per_axis: 0 }, 0), "--grid"),
            (
                Design::new(p(), Method::Grid { per_axis: 1 << 32 }, 0),
                "--grid",
            ),
            (
                Design::new(p(), Method::Sobol { n: (1 << 32) + 1 }, 0),
                "--sobol",
            ),
            (
                Design::new(
                    vec![range("mass=1e-3:1"), range("mass=1")],
                    Method::Sobol { n: 4 },
                    0,
                ),
                "--param",
            ),
            (
                Design::new(
                    vec![ParamRange {
                        name: "x".into(),
                        lo: f64::NAN,
                        hi: 1.0,
                        scale: Scale::Linear,
                    }],
                    Method::Sobol { n: 4 },
                    0,
                ),
                "--param",
            ),
        ];
        for (result, flag) in cases {
            let e = result.unwrap_err();
            assert!(e.is_invalid_input());
            assert!(message(&e).contains(flag), "{flag}: {e}");
        }
        let d = design(Method::Sobol { n: 10 });
        for (k, n) in [(0, 3), (4, 3), (1, 0), (1, 11)] {
            let e = d.shard(k, n).unwrap_err();
            assert!(message(&e).contains("--shard"), "{e}");
        }
        assert!(d.shard(10, 10).is_ok());
    }

    #[test]
    fn shards_concatenate_to_the_design_for_any_count() {
        for method in [
            Method::Grid { per_axis: 4 },
            Method::Random { n: 97 },
            Method::Sobol { n: 100 },
        ] {
            let d = design(method);
            let full: Vec<Vec<f64>> = (0..d.len()).map(|i| d.point(i)).collect();
            for n in [1, 2, 3, 7, d.len()] {
                let mut joined = Vec::new();
                let mut next = 0;
                for k in 1..=n {
                    let r = d.shard(k, n).unwrap();
                    assert_eq!(r.start, next);
                    assert!(!r.is_empty());
                    next = r.end;
                    // Evaluate each shard from a fresh copy of the design, backwards: a point
                    // depends on nothing but its index.
                    let copy = d.clone();
                    let mut part: Vec<Vec<f64>> = r.rev().map(|i| copy.point(i)).collect();
                    part.reverse();
                    joined.extend(part);
                }
                assert_eq!(next, d.len());
                assert_eq!(joined, full, "{method} in {n} shards");
            }
        }
    }

    #[test]
    fn grid_is_row_major_with_ends_and_fixed_parameters_skipped() {
        let d = Design::new(
            vec![range("mass=1e-2:1"), range("eps=0.25"), range("g=0:1:lin")],
            Method::Grid { per_axis: 3 },
            0,
        )
        .unwrap();
        assert_eq!(d.len(), 9);
        assert_eq!(d.point(0), vec![1e-2, 0.25, 0.0]);
        assert_eq!(d.point(1), vec![1e-2, 0.25, 0.5]);
        assert!((d.point(3)[0] - 0.1).abs() < 1e-15);
        assert_eq!(d.point(8), vec![1.0, 0.25, 1.0]);
        let single =
            Design::new(vec![range("mass=1e-2:1")], Method::Grid { per_axis: 1 }, 0).unwrap();
        assert_eq!(single.len(), 1);
        assert!((single.point(0)[0] - 0.1).abs() < 1e-15);
    }

    #[test]
    fn random_and_sobol_are_uniform_and_seeded() {
        for method in [Method::Random { n: 4096 }, Method::Sobol { n: 4096 }] {
            let d = Design::new(
                vec![range("a=0:1"), range("b=-1:1"), range("c=0:1")],
                method,
                3,
            )
            .unwrap();
            let points: Vec<Vec<f64>> = (0..d.len()).map(|i| d.point(i)).collect();
            let mean = |k: usize| points.iter().map(|p| p[k]).sum::<f64>() / points.len() as f64;
            assert!((mean(0) - 0.5).abs() < 0.02, "{method}: {}", mean(0));
            assert!(mean(1).abs() < 0.04, "{method}: {}", mean(1));
            assert!(points
                .iter()
                .all(|p| (0.0..1.0).contains(&p[0]) && (-1.0..1.0).contains(&p[1])));
            // Different seeds, different points; same seed, same points.
            let other = Design {
                seed: 4,
                ..d.clone()
            };
            assert_ne!(other.point(5), d.point(5));
            assert_eq!(d.clone().point(5), d.point(5));
        }
    }

    #[test]
    fn sobol_blocks_are_stratified() {
        // Every aligned block of 2^k indices puts one point in each 1/2^k interval of every
        // axis, and the first two axes form a (0, k, 2)-net: one point per elementary box
        // of area 1/2^k.
        let params: Vec<ParamRange> = (0..MAX_SOBOL_DIMENSIONS)
            .map(|i| range(&format!("x{i}=0:1")))
            .collect();
        let d = Design::new(params, Method::Sobol { n: 1 << 12 }, 11).unwrap();
        let k = 8;
        for block in [0u64, 5] {
            let points: Vec<Vec<f64>> =
                (block << k..(block + 1) << k).map(|i| d.point(i)).collect();
            for axis in 0..MAX_SOBOL_DIMENSIONS {
                let mut seen = vec![false; 1 << k];
                for p in &points {
                    seen[(p[axis] * f64::from(1u32 << k)) as usize] = true;
                }
                assert!(seen.iter().all(|&s| s), "axis {axis}, block {block}");
            }
            for a in 0..=k {
                let mut seen = vec![false; 1 << k];
                for p in &points {
                    let i = (p[0] * f64::from(1u32 << a)) as usize;
                    let j = (p[1] * f64::from(1u32 << (k - a))) as usize;
                    seen[(i << (k - a)) | j] = true;
                }
                assert!(seen.iter().all(|&s| s), "boxes 2^{a} x 2^{}", k - a);
            }
        }
    }

    #[test]
    fn sobol_direction_numbers_match_joe_kuo() {
        // Dimension 2 of Joe–Kuo (s = 1, a = 0, m = 1): v_b = 1/2^(b+1) XOR v_(b-1)/2, i.e.
        // the unscrambled points 0, 1/2, 3/4, 1/4, ... of the standard second coordinate.
        let v = &SOBOL_DIRECTIONS[1];
        assert_eq!(v[0], 1 << 31);
        assert_eq!(v[1], 0b11 << 30);
        assert_eq!(v[2], 0b101 << 29);
        // The generating matrices are upper triangular with a unit diagonal: v_b ends at
        // binary digit b + 1 (what makes every aligned block of 2^k indices stratified).
        for dim in &SOBOL_DIRECTIONS {
            for (b, &x) in dim.iter().enumerate() {
                assert_eq!(x.trailing_zeros() as usize, 31 - b);
            }
        }
    }
}
