//! The one-loop vacuum-polarization integral of a fermion, shared by the kinetic mixing
//! ([`crate::couplings`]) and the observables that need the running of a photon-like coupling.

use num_complex::Complex64;

/// The one-loop vacuum-polarization integral
/// `I(z) = ∫₀¹ dx x(1−x) ln(1 − x(1−x)(z + i0))`, with `z = q²/m²`.
///
/// It is real for z < 4 and has the negative imaginary part −(π/6)β(1 + 2/z) above the
/// pair threshold z > 4 (β = √(1 − 4/z)). Closed form (checked against direct quadrature in
/// the tests): `I = −5/18 − 2/(3z) + (1/6)(1 + 2/z) β ln((β+1)/(β−1))`, evaluated in complex
/// arithmetic with the +i0 prescription; for |z| < 0.5 the closed form suffers cancellation
/// and the Taylor series `I = −Σ zⁿ ((n+1)!)² / (n (2n+3)!)` is used instead.
pub fn vacuum_polarization_integral(z: f64) -> Complex64 {
    if z.abs() < 0.5 {
        // Series: term_n = z^n B(n+2, n+2) / n, B(n+2,n+2) = ((n+1)!)^2/(2n+3)!.
        let mut sum = 0.0;
        let mut beta_fn = 1.0 / 30.0; // B(3,3)
        let mut zn = z;
        for n in 1..40 {
            let term = zn * beta_fn / f64::from(n);
            sum -= term;
            if term.abs() < 1e-18 * sum.abs().max(1e-300) {
                break;
            }
            // B(n+3,n+3)/B(n+2,n+2) = (n+2)^2 / ((2n+4)(2n+5))
            let nf = f64::from(n);
            beta_fn *= (nf + 2.0) * (nf + 2.0) / ((2.0 * nf + 4.0) * (2.0 * nf + 5.0));
            zn *= z;
        }
        return Complex64::new(sum, 0.0);
    }
    let zc = Complex64::new(z, 1e-300);
    let beta = (Complex64::new(1.0, 0.0) - 4.0 / zc).sqrt();
    let log = ((beta + 1.0) / (beta - 1.0)).ln();
    let i = -5.0 / 18.0 - 2.0 / (3.0 * zc) + (1.0 + 2.0 / zc) * beta * log / 6.0;
    // Below threshold the integral is real: drop the rounding left by the +i0 prescription.
    if z <= 4.0 {
        Complex64::new(i.re, 0.0)
    } else {
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::quad;

    #[test]
    fn vacuum_polarization_matches_quadrature_everywhere() {
        for &z in &[
            -1e3_f64, -10.0, -0.6, -0.3, -1e-4, 1e-6, 0.3, 0.49, 0.51, 2.0, 3.99, 4.01, 10.0, 1e4,
        ] {
            // Above threshold the integrand has log singularities where 1 - x(1-x)z = 0:
            // split there; the imaginary part is -pi ∫ x(1-x) between the roots.
            let mut cuts = vec![0.0, 1.0];
            let mut im = 0.0;
            if z > 4.0 {
                let d = (1.0 - 4.0 / z).sqrt();
                let (x1, x2) = ((1.0 - d) / 2.0, f64::midpoint(1.0, d));
                cuts = vec![0.0, x1, 0.5, x2, 1.0];
                let prim = |x: f64| x * x / 2.0 - x * x * x / 3.0;
                im = -std::f64::consts::PI * (prim(x2) - prim(x1));
            }
            // Each piece is integrated in s with x = centre ± half s² about its midpoint-free end:
            // x = a + (b - a) s² near a and x = b - (b - a) s² near b, splitting at the middle,
            // which turns the endpoint logarithms into s ln s, harmless for the quadrature.
            let f = |x: f64| {
                let t = x * (1.0 - x) * z;
                x * (1.0 - x)
                    * if t < 1.0 {
                        (-t).ln_1p()
                    } else {
                        (t - 1.0).ln()
                    }
            };
            let re: f64 = cuts
                .windows(2)
                .map(|w| {
                    let (a, b) = (w[0], w[1]);
                    let h = 0.5 * (b - a);
                    let s = 0.5_f64.sqrt();
                    let left =
                        quad::integrate(|t| f(a + 2.0 * h * t * t) * 4.0 * h * t, 0.0, s, 1e-12)
                            .unwrap();
                    let right =
                        quad::integrate(|t| f(b - 2.0 * h * t * t) * 4.0 * h * t, 0.0, s, 1e-12)
                            .unwrap();
                    left + right
                })
                .sum();
            let got = vacuum_polarization_integral(z);
            let scale = re.abs().max(1e-300);
            assert!(
                (got.re - re).abs() / scale < 1e-7,
                "z={z}: {} vs {re}",
                got.re
            );
            assert!(
                (got.im - im).abs() < 1e-6 * (1.0 + im.abs()),
                "z={z}: {} vs {im}",
                got.im
            );
        }
    }

    #[test]
    fn vacuum_polarization_threshold_and_limits() {
        // Small z: I = -z/30.
        let z = 1e-8;
        assert!((vacuum_polarization_integral(z).re + z / 30.0).abs() < 1e-17);
        // Large -z: I -> (1/6) ln(-z) - 5/18.
        let z = -1e8_f64;
        let lead = (-z).ln() / 6.0 - 5.0 / 18.0;
        assert!((vacuum_polarization_integral(z).re - lead).abs() < 1e-6);
        // Imaginary part above threshold: -(pi/6) beta (1 + 2/z).
        let z = 9.0_f64;
        let beta = (1.0 - 4.0 / z).sqrt();
        let im = -std::f64::consts::PI / 6.0 * beta * (1.0 + 2.0 / z);
        assert!((vacuum_polarization_integral(z).im - im).abs() < 1e-12);
        assert!(vacuum_polarization_integral(4.0).re.is_finite());
    }
}
