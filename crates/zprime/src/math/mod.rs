//! General numerical machinery: quadrature (adaptive and fixed Gauss–Legendre), interpolation,
//! root finding and the Källén function. Loop functions live in [`crate::loops`].

pub mod gauss;
pub mod interp;
pub mod quad;
pub mod random;
pub mod roots;

/// The Källén (triangle) function λ(a, b, c) = a² + b² + c² − 2ab − 2ac − 2bc.
///
/// For a two-body decay M → m1 m2 the momentum in the rest frame of M is
/// p = √λ(M², m1², m2²) / (2M).
#[inline]
pub fn kallen(a: f64, b: f64, c: f64) -> f64 {
    a * a + b * b + c * c - 2.0 * (a * b + a * c + b * c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kallen_two_body_momentum() {
        // K+ -> mu+ nu: p = (mK^2 - mmu^2)/(2 mK)
        let (mk, mmu) = (0.493677_f64, 0.1056583755_f64);
        let p = kallen(mk * mk, mmu * mmu, 0.0).sqrt() / (2.0 * mk);
        assert!((p - (mk * mk - mmu * mmu) / (2.0 * mk)).abs() < 1e-15);
        assert_eq!(kallen(1.0, 0.25, 0.25), 0.0);
    }
}
