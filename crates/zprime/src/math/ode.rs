//! Adaptive integration of small stiff systems of ordinary differential equations y' = f(y).
//!
//! The method is the linearly implicit Rosenbrock (W-)method of `ode23s`, L. F. Shampine and
//! M. W. Reichelt, SIAM J. Sci. Comput. 18 (1997) 1, for an autonomous system, with
//! d = 1/(2 + √2), e32 = 6 + √2 and W = I − h d J:
//!
//! ```text
//! k1 = W⁻¹ f(y_n)
//! k2 = W⁻¹ (f(y_n + h k1/2) − k1) + k1,           y_{n+1} = y_n + h k2
//! k3 = W⁻¹ (f(y_{n+1}) − e32 (k2 − f(y_n + h k1/2)) − 2 (k1 − f(y_n)))
//! error ≈ h/6 (k1 − 2 k2 + k3)
//! ```
//!
//! second order, L-stable, with an error estimate of third order (so that step sizes grow
//! like tol^(-1/3)); f(y_{n+1}) is reused as the next step's f(y_n).
//!
//! Why Rosenbrock and not an explicit Runge–Kutta pair (Dormand–Prince 5(4)): the systems this
//! project integrates (neutrino decoupling with a Z', `observables::cosmology`) relax to
//! equilibrium at rates up to 10⁵ times the expansion rate; an explicit method would need
//! ~10⁵ steps for stability alone, a linearly implicit one needs only the steps accuracy asks
//! for. The Jacobian is computed by forward differences, so the caller supplies only f.
//! The systems are autonomous (write a time dependence as an extra variable if needed).
//!
//! Why not a crate: the ODE crates of the registry (`ode_solvers`, `diffsol`) either have no
//! stiff solver or bring a large linear-algebra stack for a 4 × 4 system; this file is the
//! textbook scheme with tests against closed forms.

/// Why an integration stopped.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("ODE integration failed at x = {x}: {message}")]
pub struct OdeError {
    /// Where it stopped.
    pub x: f64,
    /// The reason.
    pub message: String,
}

/// Tolerances and limits of [`rosenbrock23`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options<const N: usize> {
    /// Relative tolerance of each local step.
    pub rel_tol: f64,
    /// Absolute tolerance per component.
    pub abs_tol: [f64; N],
    /// First step (signed like x1 − x0 is not needed: the magnitude is used).
    pub first_step: f64,
    /// Largest step.
    pub max_step: f64,
    /// Largest number of attempted steps before giving up.
    pub max_steps: usize,
}

/// What an integration cost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Accepted steps.
    pub accepted: usize,
    /// Rejected steps.
    pub rejected: usize,
    /// Evaluations of f (including those of the difference Jacobian).
    pub evaluations: usize,
}

/// d = 1/(2 + √2) of ode23s.
const GAMMA: f64 = 1.0 / (2.0 + std::f64::consts::SQRT_2);
/// e32 = 6 + √2 of ode23s.
const E32: f64 = 6.0 + std::f64::consts::SQRT_2;

/// Integrate y' = f(y) from (x0, y0) to x1 > x0 with the ode23s scheme and step-size control; returns
/// y(x1) and the cost. `f` may return non-finite values for an unphysical trial state: the
/// step is then rejected and halved.
pub fn rosenbrock23<const N: usize, F>(
    mut f: F,
    x0: f64,
    y0: [f64; N],
    x1: f64,
    opts: &Options<N>,
) -> Result<([f64; N], Stats), OdeError>
where
    F: FnMut(&[f64; N]) -> [f64; N],
{
    let mut stats = Stats::default();
    let mut x = x0;
    let mut y = y0;
    if x1.partial_cmp(&x0) != Some(std::cmp::Ordering::Greater) {
        return if x1 == x0 {
            Ok((y, stats))
        } else {
            Err(OdeError {
                x: x0,
                message: "the end point must not lie before the start".into(),
            })
        };
    }
    let mut h = opts.first_step.abs().min(opts.max_step).min(x1 - x0);
    let mut f0 = f(&y);
    stats.evaluations += 1;
    if !all_finite(&f0) {
        return Err(OdeError {
            x,
            message: "the derivative is not finite at the initial state".into(),
        });
    }
    while x < x1 {
        if stats.accepted + stats.rejected >= opts.max_steps {
            return Err(OdeError {
                x,
                message: format!("more than {} steps", opts.max_steps),
            });
        }
        if h < 1e-14 * (x1 - x0).max(x.abs()) {
            return Err(OdeError {
                x,
                message: "the step size underflowed".into(),
            });
        }
        let last = x + h >= x1;
        if last {
            h = x1 - x;
        }
        let jac = jacobian(&mut f, &y, &f0, opts, &mut stats);
        // W = I − d h J, factorized once per step.
        let mut m = [[0.0; N]; N];
        for i in 0..N {
            for j in 0..N {
                m[i][j] = -GAMMA * h * jac[i][j];
            }
            m[i][i] += 1.0;
        }
        let step = lu(m).and_then(|lu| {
            let k1 = lu.solve(f0);
            let mut y_mid = y;
            for i in 0..N {
                y_mid[i] += 0.5 * h * k1[i];
            }
            let f1 = f(&y_mid);
            stats.evaluations += 1;
            if !all_finite(&f1) || !all_finite(&k1) {
                return None;
            }
            let mut rhs = [0.0; N];
            for i in 0..N {
                rhs[i] = f1[i] - k1[i];
            }
            let mut k2 = lu.solve(rhs);
            let mut y_new = y;
            for i in 0..N {
                k2[i] += k1[i];
                y_new[i] += h * k2[i];
            }
            if !all_finite(&y_new) {
                return None;
            }
            let f2 = f(&y_new);
            stats.evaluations += 1;
            if !all_finite(&f2) {
                return None;
            }
            for i in 0..N {
                rhs[i] = f2[i] - E32 * (k2[i] - f1[i]) - 2.0 * (k1[i] - f0[i]);
            }
            let k3 = lu.solve(rhs);
            let mut err = 0.0;
            for i in 0..N {
                let e = h / 6.0 * (k1[i] - 2.0 * k2[i] + k3[i]);
                let scale = opts.abs_tol[i] + opts.rel_tol * y[i].abs().max(y_new[i].abs());
                err += (e / scale).powi(2);
            }
            let err = (err / N as f64).sqrt();
            err.is_finite().then_some((y_new, f2, err))
        });
        match step {
            Some((y_new, f_new, err)) if err <= 1.0 => {
                stats.accepted += 1;
                x = if last { x1 } else { x + h };
                y = y_new;
                f0 = f_new;
                // The estimate is O(h³): exponent 1/3, usual safety factor and limits.
                let grow = if err > 0.0 {
                    (0.9 * err.powf(-1.0 / 3.0)).clamp(0.2, 4.0)
                } else {
                    4.0
                };
                h = (h * grow).min(opts.max_step);
            }
            Some((_, _, err)) => {
                stats.rejected += 1;
                h *= (0.9 * err.powf(-1.0 / 3.0)).clamp(0.1, 0.5);
            }
            None => {
                stats.rejected += 1;
                h *= 0.5;
            }
        }
    }
    Ok((y, stats))
}

fn all_finite<const N: usize>(v: &[f64; N]) -> bool {
    v.iter().all(|x| x.is_finite())
}

/// Forward-difference Jacobian ∂f_i/∂y_j, step √ε times the component's size (or its
/// absolute tolerance when the component is smaller).
fn jacobian<const N: usize, F>(
    f: &mut F,
    y: &[f64; N],
    f0: &[f64; N],
    opts: &Options<N>,
    stats: &mut Stats,
) -> [[f64; N]; N]
where
    F: FnMut(&[f64; N]) -> [f64; N],
{
    let mut jac = [[0.0; N]; N];
    for j in 0..N {
        let dy = 1.5e-8 * y[j].abs().max(opts.abs_tol[j]);
        let mut yp = *y;
        yp[j] += dy;
        let dy = yp[j] - y[j];
        let fp = f(&yp);
        stats.evaluations += 1;
        for i in 0..N {
            jac[i][j] = if fp[i].is_finite() {
                (fp[i] - f0[i]) / dy
            } else {
                0.0
            };
        }
    }
    jac
}

/// LU factorization with partial pivoting of a small dense matrix.
struct Lu<const N: usize> {
    a: [[f64; N]; N],
    perm: [usize; N],
}

fn lu<const N: usize>(mut a: [[f64; N]; N]) -> Option<Lu<N>> {
    let mut perm = [0usize; N];
    for (i, p) in perm.iter_mut().enumerate() {
        *p = i;
    }
    for k in 0..N {
        let (p, pivot) = (k..N)
            .map(|i| (i, a[i][k].abs()))
            .fold((k, -1.0), |best, c| if c.1 > best.1 { c } else { best });
        if !(pivot.is_finite() && pivot > 0.0) {
            return None;
        }
        a.swap(k, p);
        perm.swap(k, p);
        let row_k = a[k];
        for row in a.iter_mut().skip(k + 1) {
            let l = row[k] / row_k[k];
            row[k] = l;
            for (x, pivot_row) in row.iter_mut().zip(row_k.iter()).skip(k + 1) {
                *x -= l * pivot_row;
            }
        }
    }
    Some(Lu { a, perm })
}

impl<const N: usize> Lu<N> {
    fn solve(&self, b: [f64; N]) -> [f64; N] {
        let mut x = [0.0; N];
        for i in 0..N {
            x[i] = b[self.perm[i]];
            for j in 0..i {
                x[i] -= self.a[i][j] * x[j];
            }
        }
        for i in (0..N).rev() {
            for j in i + 1..N {
                x[i] -= self.a[i][j] * x[j];
            }
            x[i] /= self.a[i][i];
        }
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts<const N: usize>(rel_tol: f64) -> Options<N> {
        Options {
            rel_tol,
            abs_tol: [1e-12; N],
            first_step: 1e-3,
            max_step: 1.0,
            max_steps: 100_000,
        }
    }

    #[test]
    fn exponential_decay_matches_closed_form() {
        let (y, stats) =
            rosenbrock23(|y: &[f64; 1]| [-2.0 * y[0]], 0.0, [1.0], 3.0, &opts(1e-8)).unwrap();
        let exact = (-6.0f64).exp();
        assert!((y[0] / exact - 1.0).abs() < 1e-5, "{} vs {exact}", y[0]);
        assert!(stats.accepted > 10);
    }

    #[test]
    fn harmonic_oscillator_keeps_its_phase() {
        // y'' = −y as a system: y(π) = −1, y'(π) = 0.
        let pi = std::f64::consts::PI;
        let (y, _) = rosenbrock23(
            |y: &[f64; 2]| [y[1], -y[0]],
            0.0,
            [1.0, 0.0],
            pi,
            &Options {
                abs_tol: [1e-10; 2],
                ..opts(1e-9)
            },
        )
        .unwrap();
        assert!((y[0] + 1.0).abs() < 1e-5 && y[1].abs() < 1e-5, "{y:?}");
    }

    #[test]
    fn stiff_relaxation_is_stable_and_accurate() {
        // y0 relaxes to the slow y1 at rate 1e8: y0 − y1 ≈ −y1'/k after the transient,
        // y1 = e^{−x}. An explicit method would need ~1e8 steps.
        let k = 1e8;
        let (y, stats) = rosenbrock23(
            |y: &[f64; 2]| [-k * (y[0] - y[1]), -y[1]],
            0.0,
            [0.0, 1.0],
            5.0,
            &Options {
                abs_tol: [1e-8; 2],
                ..opts(1e-6)
            },
        )
        .unwrap();
        let slow = (-5.0f64).exp();
        // Global error ≈ (number of steps) × (tolerance per step).
        assert!((y[1] / slow - 1.0).abs() < 5e-4, "{y:?}");
        assert!((y[0] / slow - 1.0).abs() < 5e-4, "{y:?}");
        assert!(stats.accepted < 2000, "{stats:?}");
    }

    #[test]
    fn second_order_convergence() {
        // Error of a fixed number of steps (max_step forces them) falls like h².
        let run = |h: f64| {
            let o = Options {
                rel_tol: 1.0,
                abs_tol: [1.0],
                first_step: h,
                max_step: h,
                max_steps: 100_000,
            };
            let (y, _) = rosenbrock23(|y: &[f64; 1]| [y[0] * y[0]], 0.0, [0.5], 1.0, &o).unwrap();
            (y[0] - 1.0).abs() // exact: 1/(2 − x) at x = 1
        };
        let ratio = run(0.02) / run(0.01);
        assert!((3.5..4.5).contains(&ratio), "ratio {ratio}");
    }

    #[test]
    fn refuses_backwards_integration() {
        assert!(rosenbrock23(|y: &[f64; 1]| [y[0]], 1.0, [1.0], 0.0, &opts(1e-6)).is_err());
    }
}
