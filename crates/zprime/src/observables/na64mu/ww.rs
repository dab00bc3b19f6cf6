//! Z' emission in muon–nucleus scattering, μ N → μ N Z', in the Weizsäcker–Williams
//! approximation: the photon flux of the target (Tsai's elastic form factor), the
//! phase-space WW double-differential cross section and its angle-integrated "improved" form
//! (IWW). Cross sections in GeV⁻² per nucleus for a unit vector coupling of the muon (g_V = 1);
//! the module documentation of [`super`] derives and records every equation.

use crate::math::quad::integrate;

/// The target nucleus as the photon source: Z and the two scales of Tsai's elastic form factor
/// G₂(t) = Z² [t/(t + t_a)]² [d/(t + d)]² (t_a = 1/a², atomic screening; d, nuclear size).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Nucleus {
    /// Atomic number.
    pub z: f64,
    /// Screening scale t_a = 1/a² in GeV².
    pub t_screening: f64,
    /// Nuclear-size scale d in GeV².
    pub d: f64,
}

impl Nucleus {
    /// Tsai's elastic form factor G₂(t) (t = −q² > 0, GeV²), Z² at t_a ≪ t ≪ d.
    pub fn g2(&self, t: f64) -> f64 {
        let screening = t / (t + self.t_screening);
        let size = self.d / (t + self.d);
        self.z * self.z * screening * screening * size * size
    }

    /// The photon flux χ(t_min) = ∫_{t_min}^∞ dt (t − t_min)/t² G₂(t), in closed form:
    ///
    /// `χ/Z² = d²/(d − t_a)² [ (d + t_a + 2t_min)/(d − t_a) ln((d + t_min)/(t_a + t_min)) − 2 ]`
    ///
    /// (partial fractions of (t − t_min)/((t + t_a)²(t + d)²); the upper end t → ∞ converges
    /// because G₂ ∝ d²/t² there). For ε = (d − t_a)/(t_a + t_min) < 0.1 the bracket is the
    /// series Σ_{n≥2} (−1)ⁿ (n − 1)/(n(n + 1)) εⁿ (it cancels to ε²/6 for a heavy Z').
    pub fn chi(&self, t_min: f64) -> f64 {
        let (ta, d) = (self.t_screening, self.d);
        let t0 = t_min.max(0.0);
        let eps = (d - ta) / (ta + t0);
        let bracket = if eps.abs() < 0.1 {
            let mut sum = 0.0;
            let mut power = eps * eps;
            for n in 2..40 {
                let nf = f64::from(n);
                let term = power * (nf - 1.0) / (nf * (nf + 1.0));
                sum += if n % 2 == 0 { term } else { -term };
                power *= eps;
                if power.abs() < 1e-18 * sum.abs() {
                    break;
                }
            }
            sum
        } else {
            (2.0 / eps + 1.0) * eps.ln_1p() - 2.0
        };
        let r = d / (d - ta);
        (self.z * self.z * r * r * bracket).max(0.0)
    }
}

/// The kinematics of one emission: beam energy E, muon mass m, Z' mass m_Z' (GeV).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Emission {
    /// Beam (muon) energy.
    pub energy: f64,
    /// Muon mass.
    pub m_mu: f64,
    /// Z' mass.
    pub m_z: f64,
}

impl Emission {
    /// The kinematic range of x = E_Z'/E: x E ≥ m_Z' and the muon keeps at least its mass,
    /// x ≤ 1 − m_μ/E. `None` if empty.
    pub fn x_range(&self) -> Option<(f64, f64)> {
        let lo = self.m_z / self.energy;
        let hi = 1.0 - self.m_mu / self.energy;
        (lo < hi).then_some((lo, hi))
    }

    /// U₀ = m_Z'²(1 − x)/x + m_μ² x: −ũ of the collinear emission.
    fn u0(&self, x: f64) -> f64 {
        self.m_z * self.m_z * (1.0 - x) / x + self.m_mu * self.m_mu * x
    }

    /// The Z' velocity at x (0 below threshold).
    fn beta(&self, x: f64) -> f64 {
        let r = self.m_z / (x * self.energy);
        if r >= 1.0 {
            0.0
        } else {
            ((1.0 - r) * (1.0 + r)).sqrt()
        }
    }

    /// The coefficients (J, K, L) of the WW amplitude J/ũ² + K/ũ³ + L/ũ⁴ at x.
    fn amplitude_coefficients(&self, x: f64) -> (f64, f64, f64) {
        let (mz2, m2) = (self.m_z * self.m_z, self.m_mu * self.m_mu);
        let j = 2.0 * (2.0 - 2.0 * x + x * x) / (1.0 - x);
        let k = 4.0 * (mz2 + 2.0 * m2) * x;
        let l = 4.0 * (mz2 + 2.0 * m2) * (mz2 * (1.0 - x) + m2 * x * x);
        (j, k, l)
    }

    /// The smallest photon virtuality at ũ: t_min = ũ²/(4E²(1 − x)²).
    fn t_min(&self, x: f64, u: f64) -> f64 {
        let r = u / (2.0 * self.energy * (1.0 - x));
        r * r
    }

    /// WW dσ/(dx dcosθ) in GeV⁻² at Z' angle θ (small-angle ũ = −(xE²θ² + U₀)) for g_V = 1
    /// and fine-structure constant `alpha`.
    pub fn ww_dcos(&self, nucleus: &Nucleus, alpha: f64, x: f64, theta: f64) -> f64 {
        let e2 = self.energy * self.energy;
        let w = x * e2 * theta * theta;
        2.0 * x * e2 * self.ww_dw(nucleus, alpha, x, w)
    }

    /// WW dσ/(dx dw), w = xE²θ²: `α²/(4π) β (1 − x) χ(t_min(ũ)) [J/ũ² + K/ũ³ + L/ũ⁴]`.
    fn ww_dw(&self, nucleus: &Nucleus, alpha: f64, x: f64, w: f64) -> f64 {
        let u = -(w + self.u0(x));
        let (j, k, l) = self.amplitude_coefficients(x);
        let amp = (j + k / u + l / (u * u)) / (u * u);
        let chi = nucleus.chi(self.t_min(x, u));
        alpha * alpha / (4.0 * std::f64::consts::PI) * self.beta(x) * (1.0 - x) * chi * amp
    }

    /// WW dσ/dx (GeV⁻²) for Z' angles up to `theta_max`: the angle integral done numerically
    /// (in ln(w + U₀)), the flux at each angle's own t_min.
    pub fn ww_dx(&self, nucleus: &Nucleus, alpha: f64, x: f64, theta_max: f64) -> f64 {
        let u0 = self.u0(x);
        let w_max = x * self.energy * self.energy * theta_max * theta_max;
        let f = |s: f64| {
            let v = s.exp();
            v * self.ww_dw(nucleus, alpha, x, (v - u0).max(0.0))
        };
        integrate(f, u0.ln(), (u0 + w_max).ln(), 1e-7).unwrap_or(f64::NAN)
    }

    /// IWW dσ/dx (GeV⁻²): the flux at the collinear t_min = U₀²/(4E²(1 − x)²), the angle
    /// integral to θ → ∞ in closed form,
    ///
    /// `dσ/dx = α²/(4π) β (1 − x) χ [J/U₀ − K/(2U₀²) + L/(3U₀³)]`.
    pub fn iww_dx(&self, nucleus: &Nucleus, alpha: f64, x: f64) -> f64 {
        let u0 = self.u0(x);
        let (j, k, l) = self.amplitude_coefficients(x);
        let angular = j / u0 - k / (2.0 * u0 * u0) + l / (3.0 * u0 * u0 * u0);
        let chi = nucleus.chi(self.t_min(x, u0));
        alpha * alpha / (4.0 * std::f64::consts::PI) * self.beta(x) * (1.0 - x) * chi * angular
    }

    /// σ(x > x_min) in GeV⁻² (IWW), 0 if the range is empty.
    pub fn iww_sigma(
        &self,
        nucleus: &Nucleus,
        alpha: f64,
        x_min: f64,
    ) -> Result<f64, crate::math::quad::QuadError> {
        let Some((lo, hi)) = self.x_range() else {
            return Ok(0.0);
        };
        let lo = lo.max(x_min);
        if lo >= hi {
            return Ok(0.0);
        }
        integrate(|x| self.iww_dx(nucleus, alpha, x), lo, hi, 1e-6)
    }

    /// σ(x > x_min) in GeV⁻² (WW, Z' angles up to `theta_max`), 0 if the range is empty:
    /// the x integral adaptive, the angle integral at each x by the fixed Gauss–Legendre rule
    /// `rule` (nodes and weights on [−1, 1]) in ln(w + U₀), a smooth function of x (tested
    /// against the adaptive [`Emission::ww_dx`]).
    pub fn ww_sigma(
        &self,
        nucleus: &Nucleus,
        alpha: f64,
        x_min: f64,
        theta_max: f64,
        rule: &(Vec<f64>, Vec<f64>),
    ) -> Result<f64, crate::math::quad::QuadError> {
        let Some((lo, hi)) = self.x_range() else {
            return Ok(0.0);
        };
        let lo = lo.max(x_min);
        if lo >= hi {
            return Ok(0.0);
        }
        integrate(
            |x| self.ww_dx_fixed(nucleus, alpha, x, theta_max, rule),
            lo,
            hi,
            1e-6,
        )
    }

    /// σ(x > x_min) in GeV⁻² (WW, Z' angles up to `theta_max`) by fixed Gauss–Legendre rules
    /// (nodes and weights on [−1, 1]): `x_rule` in v = ln(1 − x), `angle_rule` in
    /// ln(w + U₀) at each x. The integrand is smooth in both variables (the fall of the flux
    /// as x → 1 spreads over the last units of v), so a few dozen nodes reach 10⁻⁴ (tested
    /// against the adaptive [`Emission::ww_sigma`]); it costs a fixed number of flux
    /// evaluations, which is what a scan over masses needs.
    pub fn ww_sigma_fixed(
        &self,
        nucleus: &Nucleus,
        alpha: f64,
        x_min: f64,
        theta_max: f64,
        x_rule: &(Vec<f64>, Vec<f64>),
        angle_rule: &(Vec<f64>, Vec<f64>),
    ) -> f64 {
        let Some((lo, hi)) = self.x_range() else {
            return 0.0;
        };
        let lo = lo.max(x_min);
        if lo >= hi {
            return 0.0;
        }
        let (v_lo, v_hi) = ((1.0 - hi).ln(), (1.0 - lo).ln());
        let (mid, half) = (0.5 * (v_lo + v_hi), 0.5 * (v_hi - v_lo));
        x_rule
            .0
            .iter()
            .zip(&x_rule.1)
            .map(|(t, wt)| {
                let one_minus_x = (mid + half * t).exp();
                let x = 1.0 - one_minus_x;
                wt * one_minus_x * self.ww_dx_fixed(nucleus, alpha, x, theta_max, angle_rule)
            })
            .sum::<f64>()
            * half
    }

    /// [`Emission::ww_dx`] with the fixed rule `rule` for the angle integral.
    pub fn ww_dx_fixed(
        &self,
        nucleus: &Nucleus,
        alpha: f64,
        x: f64,
        theta_max: f64,
        rule: &(Vec<f64>, Vec<f64>),
    ) -> f64 {
        let u0 = self.u0(x);
        let w_max = x * self.energy * self.energy * theta_max * theta_max;
        let (a, b) = (u0.ln(), (u0 + w_max).ln());
        let (mid, half) = (0.5 * (a + b), 0.5 * (b - a));
        rule.0
            .iter()
            .zip(&rule.1)
            .map(|(t, wt)| {
                let v = (mid + half * t).exp();
                wt * v * self.ww_dw(nucleus, alpha, x, (v - u0).max(0.0))
            })
            .sum::<f64>()
            * half
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead() -> Nucleus {
        let m_e = 0.51099895e-3;
        let a = 111.7 / (m_e * 82f64.powf(1.0 / 3.0));
        Nucleus {
            z: 82.0,
            t_screening: 1.0 / (a * a),
            d: 0.164 / 207.2f64.powf(2.0 / 3.0),
        }
    }

    #[test]
    fn the_flux_closed_form_equals_its_integral() {
        let n = lead();
        for t0 in [1e-14f64, 1e-10, 1e-7, 1e-4, 1e-3, 0.01, 0.1, 10.0] {
            let numeric = integrate(
                |s: f64| {
                    let t = s.exp();
                    t * (t - t0) / (t * t) * n.g2(t)
                },
                t0.ln(),
                ((t0 + n.d) * 1e8).ln(),
                1e-10,
            )
            .unwrap();
            let closed = n.chi(t0);
            assert!(
                (closed / numeric - 1.0).abs() < 1e-5,
                "t_min {t0}: {closed} vs {numeric}"
            );
        }
    }

    #[test]
    fn massless_vector_gives_the_bethe_heitler_spectrum() {
        // m_Z' -> 0: (1 − x)[J/U₀ − K/(2U₀²) + L/(3U₀³)] = 2(4/3 − 4x/3 + x²)/(m_μ² x), the
        // bremsstrahlung spectrum (derived in the module documentation).
        let e = Emission {
            energy: 160.0,
            m_mu: 0.1056583755,
            m_z: 1e-9,
        };
        for x in [0.1, 0.5, 0.9] {
            let u0 = e.u0(x);
            let (j, k, l) = e.amplitude_coefficients(x);
            let ours = (1.0 - x) * (j / u0 - k / (2.0 * u0 * u0) + l / (3.0 * u0.powi(3)));
            let bh = 2.0 * (4.0 / 3.0 - 4.0 * x / 3.0 + x * x) / (e.m_mu * e.m_mu * x);
            assert!((ours / bh - 1.0).abs() < 1e-9, "{x}: {ours} vs {bh}");
        }
    }

    #[test]
    fn heavy_vector_gives_the_bjorken_essig_schuster_toro_form() {
        // m_μ -> 0: (1 − x)[...] = 4(1 − x + x²/3)/U₀ (BEST 2009, App. A, IWW).
        let e = Emission {
            energy: 160.0,
            m_mu: 1e-9,
            m_z: 0.3,
        };
        for x in [0.2, 0.5, 0.8] {
            let u0 = e.u0(x);
            let (j, k, l) = e.amplitude_coefficients(x);
            let ours = (1.0 - x) * (j / u0 - k / (2.0 * u0 * u0) + l / (3.0 * u0.powi(3)));
            let best = 4.0 * (1.0 - x + x * x / 3.0) / u0;
            assert!((ours / best - 1.0).abs() < 1e-9, "{x}: {ours} vs {best}");
        }
    }
}
