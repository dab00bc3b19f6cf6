//! Interpolation of smooth tabulated functions: a natural cubic spline on a uniform grid
//! (error O(h⁴) inside, used on logarithmic variables by the trident tables).

/// A natural cubic spline through (x0 + i h, yᵢ).
#[derive(Debug, Clone)]
pub struct UniformSpline {
    x0: f64,
    h: f64,
    y: Vec<f64>,
    /// Second derivatives at the nodes.
    m: Vec<f64>,
}

impl UniformSpline {
    /// The spline through `y` sampled at x0, x0 + h, ... (at least 2 points, h > 0).
    pub fn new(x0: f64, h: f64, y: Vec<f64>) -> Self {
        let n = y.len();
        assert!(
            n >= 2 && h > 0.0,
            "spline needs at least 2 points and h > 0"
        );
        let mut m = vec![0.0; n];
        if n > 2 {
            // Tridiagonal system m_{i-1} + 4 m_i + m_{i+1} = 6 (y_{i-1} - 2 y_i + y_{i+1}) / h²,
            // natural ends m_0 = m_{n-1} = 0 (Thomas algorithm).
            let k = n - 2;
            let mut c = vec![0.0; k];
            let mut d = vec![0.0; k];
            for i in 0..k {
                let rhs = 6.0 * (y[i] - 2.0 * y[i + 1] + y[i + 2]) / (h * h);
                let denom = 4.0 - if i > 0 { c[i - 1] } else { 0.0 };
                c[i] = 1.0 / denom;
                d[i] = (rhs - if i > 0 { d[i - 1] } else { 0.0 }) / denom;
            }
            for i in (0..k).rev() {
                let next = if i + 1 < k { m[i + 2] } else { 0.0 };
                m[i + 1] = d[i] - c[i] * next;
            }
        }
        UniformSpline { x0, h, y, m }
    }

    /// The value at x (clamped to the tabulated range).
    pub fn eval(&self, x: f64) -> f64 {
        let n = self.y.len();
        let t = ((x - self.x0) / self.h).clamp(0.0, (n - 1) as f64);
        let i = (t.floor() as usize).min(n - 2);
        let a = t - i as f64;
        let b = 1.0 - a;
        let h2 = self.h * self.h / 6.0;
        b * self.y[i]
            + a * self.y[i + 1]
            + ((b * b * b - b) * self.m[i] + (a * a * a - a) * self.m[i + 1]) * h2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproduces_nodes_and_a_smooth_function() {
        let h = 0.05;
        let y: Vec<f64> = (0..201).map(|i| (f64::from(i) * h).sin()).collect();
        let s = UniformSpline::new(0.0, h, y);
        assert!((s.eval(1.0) - 1f64.sin()).abs() < 1e-15);
        // Away from the natural ends the error is O(h^4).
        for x in [2.0123, 5.4321, 7.77] {
            assert!((s.eval(x) - f64::sin(x)).abs() < 2e-7, "{x}");
        }
        // Clamped outside.
        assert_eq!(s.eval(-1.0), 0.0);
        let two = UniformSpline::new(1.0, 1.0, vec![1.0, 3.0]);
        assert!((two.eval(1.5) - 2.0).abs() < 1e-15);
    }
}
