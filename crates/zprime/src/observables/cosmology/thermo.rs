//! Thermodynamic integrals of an ideal Fermi–Dirac or Bose–Einstein gas at zero chemical
//! potential, per internal degree of freedom, as functions of τ = m/T (mathematics only: no
//! physical input). Computed once by adaptive quadrature and tabulated on a uniform grid in
//! ln τ, τ ∈ [1e-3, 2e3], as h(ln τ) = ln(F/T^k) + τ (smooth; the Boltzmann factor removed),
//! with a natural cubic spline. Below the grid the τ = 1e-3 values are used (relative error
//! O(τ²) ≈ 1e-6); above it h is extrapolated linearly in ln τ, which is the exact
//! non-relativistic asymptotics h ≈ const + p ln τ up to O(1/τ).

use crate::math::interp::UniformSpline;
use crate::math::quad::integrate;
use std::f64::consts::PI;
use std::sync::OnceLock;

/// The statistics of a species.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statistics {
    /// Fermi–Dirac (f = 1/(e^E/T + 1)).
    Fermi,
    /// Bose–Einstein (f = 1/(e^E/T − 1)).
    Bose,
}

/// Dimensionless integrals at one τ, each multiplied by e^τ (the "scaled" values).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scaled {
    /// n/T³.
    pub n: f64,
    /// ρ/T⁴.
    pub rho: f64,
    /// P/T⁴.
    pub p: f64,
    /// (dρ/dT)/T³.
    pub drho: f64,
    /// (dn/dT)/T².
    pub dn: f64,
    /// n ⟨m/E⟩ / T³ (time-dilated decay density).
    pub n_dilated: f64,
}

const S_MIN: f64 = -6.907_755_278_982_137; // ln 1e-3
const S_MAX: f64 = 7.600_902_459_542_082; // ln 2e3
const POINTS: usize = 600;

/// One tabulated statistics: splines of h = ln(F) + τ for the six integrals.
pub struct Table {
    splines: [UniformSpline; 6],
    slopes: [f64; 6],
}

/// The integrals at τ by quadrature (scaled by e^τ), integrating over momentum p/T.
fn integrals(tau: f64, stats: Statistics) -> [f64; 6] {
    let sign = match stats {
        Statistics::Fermi => 1.0,
        Statistics::Bose => -1.0,
    };
    // e^τ f(E) = e^{−(E−τ)} / (1 ± e^{−E}), and e^τ (−df/dE) = e^{−(E−τ)} / (1 ± e^{−E})².
    let occupation = |e: f64| {
        let w = (-(e - tau)).exp();
        let d = 1.0 + sign * (-e).exp();
        (w / d, w / (d * d))
    };
    let p_max = ((tau + 70.0).powi(2) - tau * tau).sqrt();
    let norm = 1.0 / (2.0 * PI * PI);
    let one = |k: usize| {
        let g = |p: f64| {
            let e = (p * p + tau * tau).sqrt();
            let (f, df) = occupation(e);
            match k {
                0 => p * p * f,
                1 => p * p * e * f,
                2 => p.powi(4) / e * f / 3.0,
                3 => p * p * e * e * df,
                4 => p * p * e * df,
                _ => p * p * tau / e * f,
            }
        };
        // Split where the integrand turns over so that the adaptive rule sees its shape.
        let knee = (tau + 3.0).min(p_max * 0.5).max(1.0);
        let a = integrate(g, 0.0, knee, 1e-11).unwrap_or(f64::NAN);
        let b = integrate(g, knee, p_max, 1e-11).unwrap_or(f64::NAN);
        norm * (a + b)
    };
    [one(0), one(1), one(2), one(3), one(4), one(5)]
}

impl Table {
    fn build(stats: Statistics) -> Table {
        let h = (S_MAX - S_MIN) / (POINTS - 1) as f64;
        let mut cols: [Vec<f64>; 6] = Default::default();
        for i in 0..POINTS {
            let tau = (S_MIN + h * i as f64).exp();
            let v = integrals(tau, stats);
            for (c, x) in cols.iter_mut().zip(v) {
                c.push(x.ln());
            }
        }
        let slopes = std::array::from_fn(|k| (cols[k][POINTS - 1] - cols[k][POINTS - 2]) / h);
        let splines = cols.map(|c| UniformSpline::new(S_MIN, h, c));
        Table { splines, slopes }
    }

    /// The table of a statistics (built on first use).
    pub fn get(stats: Statistics) -> &'static Table {
        static FERMI: OnceLock<Table> = OnceLock::new();
        static BOSE: OnceLock<Table> = OnceLock::new();
        match stats {
            Statistics::Fermi => FERMI.get_or_init(|| Table::build(Statistics::Fermi)),
            Statistics::Bose => BOSE.get_or_init(|| Table::build(Statistics::Bose)),
        }
    }

    fn h(&self, k: usize, s: f64) -> f64 {
        if s > S_MAX {
            self.splines[k].eval(S_MAX) + self.slopes[k] * (s - S_MAX)
        } else {
            self.splines[k].eval(s.max(S_MIN))
        }
    }

    /// All six integrals at τ = m/T, each times e^τ.
    pub fn scaled(&self, tau: f64) -> Scaled {
        let s = tau.ln();
        let v = |k| self.h(k, s).exp();
        Scaled {
            n: v(0),
            rho: v(1),
            p: v(2),
            drho: v(3),
            dn: v(4),
            n_dilated: v(5),
        }
    }

    /// ln(n/T³) at τ (no underflow for large τ).
    pub fn ln_n(&self, tau: f64) -> f64 {
        self.h(0, tau.ln()) - tau
    }

    /// ln(n⟨m/E⟩/T³) at τ.
    pub fn ln_n_dilated(&self, tau: f64) -> f64 {
        self.h(5, tau.ln()) - tau
    }

    /// ρ/T⁴, P/T⁴ and (dρ/dT)/T³ (unscaled; they underflow to 0 harmlessly for large τ).
    pub fn rho_p_drho(&self, tau: f64) -> (f64, f64, f64) {
        let s = tau.ln();
        let damp = (-tau).exp();
        (
            self.h(1, s).exp() * damp,
            self.h(2, s).exp() * damp,
            self.h(3, s).exp() * damp,
        )
    }
}

/// The O(e²) finite-temperature QED correction to the pressure of the e± γ plasma,
/// P_int = −(e² T⁴/2) K (1/3 + K), K(τ) = (1/π²) ∫ dp p²/(E (e^E + 1)) (T = 1), which is
/// −5e²T⁴/288 for massless electrons. Returns (P_int/T⁴, (dP_int/dT)/T³, (d²P_int/dT²)/T²)
/// per unit e², tabulated (derivatives by central differences in τ at table time).
pub fn qed_pressure(tau: f64) -> (f64, f64, f64) {
    static TABLE: OnceLock<[UniformSpline; 3]> = OnceLock::new();
    let t = TABLE.get_or_init(|| {
        let k_of = |tau: f64| {
            let f = |p: f64| {
                let e = (p * p + tau * tau).sqrt();
                p * p / e / (e.exp() + 1.0)
            };
            integrate(f, 0.0, 80.0 + tau, 1e-11).unwrap_or(f64::NAN) / (PI * PI)
        };
        let p_of = |tau: f64| {
            let k = k_of(tau);
            -0.5 * k * (1.0 / 3.0 + k)
        };
        let h = (S_MAX - S_MIN) / (POINTS - 1) as f64;
        let mut cols: [Vec<f64>; 3] = Default::default();
        for i in 0..POINTS {
            let tau = (S_MIN + h * i as f64).exp();
            let d = 1e-3 * tau;
            let (pm, p0, pp) = (p_of(tau - d), p_of(tau), p_of(tau + d));
            let dp = (pp - pm) / (2.0 * d);
            let d2p = (pp - 2.0 * p0 + pm) / (d * d);
            // P = T⁴ p(m/T): dP/dT = T³(4p − τp'), d²P/dT² = T²(12p − 6τp' + τ²p'').
            cols[0].push(p0);
            cols[1].push(4.0 * p0 - tau * dp);
            cols[2].push(12.0 * p0 - 6.0 * tau * dp + tau * tau * d2p);
        }
        cols.map(|c| UniformSpline::new(S_MIN, h, c))
    });
    if tau > 60.0 {
        return (0.0, 0.0, 0.0);
    }
    let s = tau.ln().max(S_MIN);
    (t[0].eval(s), t[1].eval(s), t[2].eval(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZETA3: f64 = 1.202_056_903_159_594_2;

    #[test]
    fn relativistic_limits() {
        // Scaled values carry e^τ.
        let unscale = (-1e-3f64).exp();
        let f = Table::get(Statistics::Fermi).scaled(1e-3);
        let (n, rho) = (f.n * unscale, f.rho * unscale);
        // One fermionic dof: n = (3/4) ζ(3)/π², ρ = (7/8) π²/30, P = ρ/3, dρ/dT = 4ρ/T.
        assert!((n / (0.75 * ZETA3 / (PI * PI)) - 1.0).abs() < 1e-5);
        assert!((rho / (7.0 / 8.0 * PI * PI / 30.0) - 1.0).abs() < 1e-5);
        assert!((f.p / (f.rho / 3.0) - 1.0).abs() < 1e-5);
        assert!((f.drho / (4.0 * f.rho) - 1.0).abs() < 1e-5);
        assert!((f.dn / (3.0 * f.n) - 1.0).abs() < 1e-5);
        let b = Table::get(Statistics::Bose).scaled(1e-3);
        assert!((b.n * unscale / (ZETA3 / (PI * PI)) - 1.0).abs() < 1e-3);
        assert!((b.rho * unscale / (PI * PI / 30.0) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn non_relativistic_limit_and_extrapolation() {
        // Boltzmann limit: n = (τ/2π)^{3/2} e^{−τ} (1 + 15/(8τ) + ...), ρ/n → m (1 + 3/(2τ)).
        for tau in [50.0, 1.0e3, 1.0e4] {
            let t = Table::get(Statistics::Bose);
            let n = (tau / (2.0 * PI)).powf(1.5) * (1.0 + 15.0 / (8.0 * tau));
            let s = t.scaled(tau);
            assert!((s.n / n - 1.0).abs() < 2e-3, "tau {tau}: {} vs {n}", s.n);
            assert!((s.rho / s.n / (tau * (1.0 + 1.5 / tau)) - 1.0).abs() < 2e-3);
            assert!((s.n_dilated / s.n - (1.0 - 1.5 / tau)).abs() < 2e-3);
        }
    }

    #[test]
    fn interpolation_matches_quadrature_between_nodes() {
        let t = Table::get(Statistics::Fermi);
        let spacing = (S_MAX - S_MIN) / (POINTS - 1) as f64;
        for s in [-5.0, -0.3, 1.234, 4.1] {
            let s = s + 0.5 * spacing;
            let tau = f64::exp(s);
            let q = integrals(tau, Statistics::Fermi);
            let v = t.scaled(tau);
            for (a, b) in [v.n, v.rho, v.p, v.drho, v.dn, v.n_dilated].iter().zip(q) {
                assert!((a / b - 1.0).abs() < 1e-7, "tau {tau}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn qed_pressure_massless_limit() {
        // −5/288 per e², dP/dT = 4P/T, d²P/dT² = 12P/T².
        let (p, dp, d2p) = qed_pressure(1e-3);
        assert!((p / (-5.0 / 288.0) - 1.0).abs() < 1e-4, "{p}");
        assert!((dp / (4.0 * p) - 1.0).abs() < 1e-3);
        assert!((d2p / (12.0 * p) - 1.0).abs() < 1e-3);
    }
}
