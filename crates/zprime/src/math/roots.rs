//! Root finding for coupling limits: Brent's method (the `roots` crate) applied in
//! log-coupling space, where its absolute tolerance becomes a relative one.

/// Convergence on the bracket width only: `roots::SimpleConvergency` also stops when |f| is
/// below its tolerance, which for tiny function values (couplings squared ~ 1e-10) stops far
/// from the root.
struct BracketWidth {
    tol: f64,
}

impl roots::Convergency<f64> for BracketWidth {
    fn is_root_found(&mut self, y: f64) -> bool {
        y == 0.0
    }
    fn is_converged(&mut self, x1: f64, x2: f64) -> bool {
        (x1 - x2).abs() < self.tol
    }
    fn is_iteration_limit_reached(&mut self, iter: usize) -> bool {
        iter > 200
    }
}

/// Root of `f` in `[a, b]` (f(a), f(b) of opposite signs) by Brent's method, to an absolute
/// tolerance `tol` in x. Returns `None` if the bracket is invalid or Brent fails.
pub fn brent<F: FnMut(f64) -> f64>(mut f: F, a: f64, b: f64, tol: f64) -> Option<f64> {
    let mut conv = BracketWidth { tol };
    roots::find_root_brent(a, b, &mut f, &mut conv).ok()
}

/// Find every sign change of `f` on `[lo, hi]` (assumed positive) using `n` logarithmically
/// spaced samples, and refine each with Brent's method in ln x to relative precision `rel`.
pub fn sign_changes_log<F: Fn(f64) -> f64>(f: F, lo: f64, hi: f64, n: usize, rel: f64) -> Vec<f64> {
    let (llo, lhi) = (lo.ln(), hi.ln());
    let step = (lhi - llo) / (n - 1) as f64;
    let mut out = Vec::new();
    let mut prev_t = llo;
    let mut prev = f(lo);
    for i in 1..n {
        let t = llo + step * i as f64;
        let v = f(t.exp());
        if prev == 0.0 {
            out.push(prev_t.exp());
        } else if prev.signum() != v.signum() && v != 0.0 {
            if let Some(r) = brent(|s| f(s.exp()), prev_t, t, rel) {
                out.push(r.exp());
            }
        }
        prev = v;
        prev_t = t;
    }
    out
}

/// Every crossing of `f` with any of `levels` on `[lo, hi]` (assumed positive), from one set of
/// `n` logarithmically spaced samples shared by all levels, each crossing refined by Brent's
/// method in ln x to relative precision `rel`. Non-finite samples break a bracket.
pub fn level_crossings_log<F: Fn(f64) -> f64>(
    f: F,
    lo: f64,
    hi: f64,
    n: usize,
    levels: &[f64],
    rel: f64,
) -> Vec<f64> {
    level_crossings_on(f, &LogSamples::new(lo, hi, n), levels, rel)
}

/// `n` logarithmically spaced points of `[lo, hi]` as (ln x, x): computed once by a caller
/// that searches many functions on the same interval.
#[derive(Debug, Clone)]
pub struct LogSamples(Vec<(f64, f64)>);

impl LogSamples {
    /// The samples of [`level_crossings_log`] (`lo`, `hi` > 0, `n` >= 2).
    pub fn new(lo: f64, hi: f64, n: usize) -> Self {
        let (llo, lhi) = (lo.ln(), hi.ln());
        let step = (lhi - llo) / (n - 1) as f64;
        LogSamples(
            (0..n)
                .map(|i| {
                    let t = llo + step * i as f64;
                    (t, t.exp())
                })
                .collect(),
        )
    }
}

/// [`level_crossings_log`] on samples computed beforehand (the same crossings).
pub fn level_crossings_on<F: Fn(f64) -> f64>(
    f: F,
    samples: &LogSamples,
    levels: &[f64],
    rel: f64,
) -> Vec<f64> {
    let ts = &samples.0;
    let vs: Vec<f64> = ts.iter().map(|&(_, x)| f(x)).collect();
    let mut out = Vec::new();
    for &level in levels {
        for i in 1..ts.len() {
            let (a, b) = (vs[i - 1] - level, vs[i] - level);
            if !(a.is_finite() && b.is_finite()) {
                continue;
            }
            if a == 0.0 {
                out.push(ts[i - 1].1);
            } else if a.signum() != b.signum() && b != 0.0 {
                if let Some(r) = brent(|s| f(s.exp()) - level, ts[i - 1].0, ts[i].0, rel) {
                    out.push(r.exp());
                }
            }
        }
    }
    out
}

/// Every x in [`lo`, `hi`] (0 < lo < hi) where the polynomial Σ a_k x^k (coefficients in
/// increasing powers) crosses `level` (changes sign: a tangency is not a crossing, as for
/// [`level_crossings_log`]). In closed form up to degree 2, and for a polynomial in x² up to
/// degree 4 (the rates of one coupling c: 1 + r₁c² + r₂c⁴); otherwise by the sampled search
/// with each crossing to relative precision `rel`.
pub fn polynomial_crossings(a: &[f64], lo: f64, hi: f64, level: f64, rel: f64) -> Vec<f64> {
    let mut p = a.to_vec();
    if p.is_empty() {
        return vec![];
    }
    p[0] -= level;
    let degree = p.iter().rposition(|c| *c != 0.0).unwrap_or(0);
    p.truncate(degree + 1);
    let even = p.iter().skip(1).step_by(2).all(|c| *c == 0.0);
    if degree >= 2 && even {
        // q(u) = Σ p_2k u^k with u = x²
        let q: Vec<f64> = p.iter().step_by(2).copied().collect();
        return polynomial_crossings(&q, lo * lo, hi * hi, 0.0, rel)
            .into_iter()
            .map(f64::sqrt)
            .collect();
    }
    let inside = |x: &f64| *x >= lo && *x <= hi;
    match degree {
        0 => vec![],
        1 => Some(-p[0] / p[1]).into_iter().filter(inside).collect(),
        2 => {
            let (c, b, a) = (p[0], p[1], p[2]);
            let discriminant = b * b - 4.0 * a * c;
            // no real root, or a double root (a tangency; NaN coefficients: none)
            if discriminant.is_nan() || discriminant <= 0.0 {
                return vec![];
            }
            // the root of larger magnitude without cancellation, the other from the product
            let big = -0.5 * (b + b.signum() * discriminant.sqrt()) / a;
            let mut roots = vec![big, c / (a * big)];
            roots.retain(|x| x.is_finite() && inside(x));
            roots.sort_by(f64::total_cmp);
            roots
        }
        _ => level_crossings_log(|x| horner(&p, x), lo, hi, 64, &[0.0], rel),
    }
}

fn horner(p: &[f64], x: f64) -> f64 {
    p.iter().rev().fold(0.0, |acc, c| acc * x + c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brent_in_log_space_is_relative() {
        // 3 g^2 = 1e-10 -> g = sqrt(1e-10/3); a plain absolute tolerance would be poor.
        let exact = (1e-10_f64 / 3.0).sqrt();
        let r = sign_changes_log(|g| 3.0 * g * g - 1e-10, 1e-12, 10.0, 40, 1e-13);
        assert_eq!(r.len(), 1);
        assert!((r[0] - exact).abs() / exact < 1e-10);
    }

    #[test]
    fn polynomial_crossings_find_close_pairs_and_skip_tangencies() {
        // (x - 1e-3)(x - 1.001e-3) = x^2 - 2.001e-3 x + 1.001e-6: two crossings of 0 closer
        // than any sampling grid would resolve.
        let r = polynomial_crossings(&[1.001e-6, -2.001e-3, 1.0], 1e-12, 10.0, 0.0, 1e-13);
        assert_eq!(r.len(), 2);
        assert!((r[0] / 1e-3 - 1.0).abs() < 1e-10 && (r[1] / 1.001e-3 - 1.0).abs() < 1e-10);
        // (x-1)^2 touches 0 at 1 without crossing
        assert!(polynomial_crossings(&[1.0, -2.0, 1.0], 1e-12, 10.0, 0.0, 1e-13).is_empty());
        // 1 - 3x^2 + x^4 (in x^2: u^2 - 3u + 1): crossings at u = (3 -+ sqrt 5)/2
        let r = polynomial_crossings(&[1.0, 0.0, -3.0, 0.0, 1.0], 1e-12, 10.0, 0.0, 1e-13);
        let u = [0.5 * (3.0 - 5f64.sqrt()), 0.5 * (3.0 + 5f64.sqrt())];
        assert_eq!(r.len(), 2);
        for (x, u) in r.iter().zip(u) {
            assert!((x / u.sqrt() - 1.0).abs() < 1e-14);
        }
        // a quartic against a level: 1 + x^4 = 17 at x = 2
        let r = polynomial_crossings(&[1.0, 0.0, 0.0, 0.0, 1.0], 1e-12, 10.0, 17.0, 1e-13);
        assert_eq!(r.len(), 1);
        assert!((r[0] / 2.0 - 1.0).abs() < 1e-12);
        // the same crossings as the sampled search where that one resolves them
        let p = [0.3, -2.0, 0.5, 4.0, -0.7];
        let sampled = level_crossings_log(|x| horner(&p, x), 1e-12, 10.0, 64, &[0.1], 1e-13);
        let exact = polynomial_crossings(&p, 1e-12, 10.0, 0.1, 1e-13);
        assert_eq!(sampled.len(), exact.len());
        for (a, b) in sampled.iter().zip(&exact) {
            assert!((a / b - 1.0).abs() < 1e-11, "{a} {b}");
        }
    }

    #[test]
    fn one_grid_for_several_levels() {
        // x^2 crosses 1e-6 and 4 once each; the same grid serves both.
        let r = level_crossings_log(|x| x * x, 1e-12, 10.0, 64, &[1e-6, 4.0], 1e-13);
        assert_eq!(r.len(), 2);
        assert!((r[0] / 1e-3 - 1.0).abs() < 1e-10 && (r[1] / 2.0 - 1.0).abs() < 1e-10);
    }
}
