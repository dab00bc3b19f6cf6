//! Random numbers for toy data sets and random scans: one generator, [`Random`], on
//! `rand_pcg`'s PCG32 (M. E. O'Neill, "PCG: a family of simple fast space-efficient
//! statistically good algorithms for random number generation", 2014; XSH RR variant).
//!
//! The samplers built on it (uniform, normal pair, Poisson) are written here rather than taken
//! from `rand_distr` on purpose: published numbers (the expected-limit bands of paper 001
//! App. B, the seeded Scenario II scan of paper 002) must come out the same on every machine
//! and with every version of the dependencies, and `rand_distr` does not promise value
//! stability across its minor versions. PCG32 itself is a fixed algorithm, so `rand_pcg`
//! gives the same stream in every version.

use rand_core::Rng as _;
use std::f64::consts::PI;

/// The stream (increment) used by [`Random::new`]: the one of the generator written for the
/// first expected-limit bands, so that the toys kept their values when it moved here.
const DEFAULT_STREAM: u64 = 0xda3e_39cb_94b9_5bdb;

/// A seeded PCG32 generator with the samplers zprime needs.
#[derive(Debug, Clone)]
pub struct Random(rand_pcg::Pcg32);

impl Random {
    /// A generator from a seed, on the default stream.
    pub fn new(seed: u64) -> Self {
        Self::with_stream(seed, DEFAULT_STREAM)
    }

    /// A generator from a seed on one of 2⁶³ independent streams (one per parallel chunk of a
    /// scan, say, so that the result does not depend on the number of threads).
    pub fn with_stream(seed: u64, stream: u64) -> Self {
        Random(rand_pcg::Pcg32::new(seed, stream))
    }

    /// Next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        self.0.next_u32()
    }

    /// Uniform in [0, 1) with 53 random bits (27 from one draw, 26 from the next).
    pub fn uniform(&mut self) -> f64 {
        let hi = u64::from(self.next_u32() >> 5);
        let lo = u64::from(self.next_u32() >> 6);
        ((hi << 26) | lo) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in (0, 1]: safe to take the logarithm of.
    pub fn uniform_nonzero(&mut self) -> f64 {
        1.0 - self.uniform()
    }

    /// Two independent standard normal variates (Box–Muller).
    pub fn normal_pair(&mut self) -> (f64, f64) {
        let r = (-2.0 * self.uniform_nonzero().ln()).sqrt();
        let t = 2.0 * PI * self.uniform();
        (r * t.cos(), r * t.sin())
    }

    /// A Poisson variate of mean `lam` ≥ 0 (0 for `lam` ≤ 0): the multiplication method below
    /// 30, otherwise the transformed rejection PTRS of W. Hörmann, Insurance Math. Econom. 12
    /// (1993) 39.
    pub fn poisson(&mut self, lam: f64) -> f64 {
        if lam <= 0.0 {
            return 0.0;
        }
        if lam < 30.0 {
            let limit = (-lam).exp();
            let mut k = 0.0;
            let mut prod = self.uniform();
            while prod > limit {
                k += 1.0;
                prod *= self.uniform();
            }
            return k;
        }
        let slam = lam.sqrt();
        let loglam = lam.ln();
        let b = 0.931 + 2.53 * slam;
        let a = -0.059 + 0.02483 * b;
        let invalpha = 1.1239 + 1.1328 / (b - 3.4);
        let vr = 0.9277 - 3.6224 / (b - 2.0);
        loop {
            let u = self.uniform() - 0.5;
            let v = self.uniform();
            let us = 0.5 - u.abs();
            let k = ((2.0 * a / us + b) * u + lam + 0.43).floor();
            if us >= 0.07 && v <= vr {
                return k;
            }
            if k < 0.0 || (us < 0.013 && v > us) {
                continue;
            }
            if v.ln() + invalpha.ln() - (a / (us * us) + b).ln()
                <= -lam + k * loglam - libm::lgamma(k + 1.0)
            {
                return k;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference PCG32 step written out (O'Neill's `pcg32_random_r` with
    /// `pcg32_srandom_r` seeding): `rand_pcg` must give exactly this stream, which is what
    /// keeps the published toy bands fixed.
    #[test]
    fn stream_is_reference_pcg32() {
        let inc = (DEFAULT_STREAM << 1) | 1;
        let step = |s: u64| s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(inc);
        let out = |old: u64| ((((old >> 18) ^ old) >> 27) as u32).rotate_right((old >> 59) as u32);
        let seed = 20_161_125;
        let mut state = step(step(0).wrapping_add(seed));
        let mut r = Random::new(seed);
        for _ in 0..1000 {
            let old = state;
            state = step(state);
            assert_eq!(r.next_u32(), out(old));
        }
    }

    #[test]
    fn moments_of_the_samplers() {
        let mut r = Random::new(7);
        let n = 200_000;
        let (mut s, mut s2) = (0.0, 0.0);
        for _ in 0..n / 2 {
            let (a, b) = r.normal_pair();
            s += a + b;
            s2 += a * a + b * b;
        }
        let nf = f64::from(n);
        assert!((s / nf).abs() < 0.01, "normal mean {}", s / nf);
        assert!((s2 / nf - 1.0).abs() < 0.01, "normal variance {}", s2 / nf);
        for lam in [0.5, 12.0, 300.0] {
            let (mut m, mut v) = (0.0, 0.0);
            for _ in 0..n {
                let k = r.poisson(lam);
                m += k;
                v += k * k;
            }
            let mean = m / nf;
            let var = v / nf - mean * mean;
            assert!(
                (mean / lam - 1.0).abs() < 0.01,
                "Poisson({lam}) mean {mean}"
            );
            assert!(
                (var / lam - 1.0).abs() < 0.03,
                "Poisson({lam}) variance {var}"
            );
        }
        assert_eq!(r.poisson(0.0), 0.0);
        assert_eq!(r.poisson(-1.0), 0.0);
    }

    #[test]
    fn streams_differ_and_seeds_repeat() {
        let draw = |seed, stream| {
            let mut r = Random::with_stream(seed, stream);
            (0..8).map(|_| r.next_u32()).collect::<Vec<_>>()
        };
        assert_ne!(draw(1, 1), draw(1, 2));
        assert_eq!(draw(1, 1), draw(1, 1));
        let mut r = Random::new(3);
        for _ in 0..10_000 {
            let u = r.uniform_nonzero();
            assert!(u > 0.0 && u <= 1.0);
        }
    }
}
