//! Contour lines of a function sampled on a rectangular grid (marching squares), for the Δχ²
//! contours of a likelihood in the (m_Z′, g) plane. The grid may be logarithmic on either
//! axis: crossings are interpolated linearly in the axis coordinate (ln x on a log axis), so
//! that a contour follows a power law between grid lines as the plot draws it.

/// One contour line: points (x, y) in data coordinates, in order along the line (closed if
/// the first and last points coincide).
pub type Polyline = Vec<(f64, f64)>;

/// The grid's coordinate on an axis (ln v on a log axis; NaN where a log axis has v ≤ 0).
fn axis(v: f64, log: bool) -> f64 {
    if log {
        if v > 0.0 {
            v.ln()
        } else {
            f64::NAN
        }
    } else {
        v
    }
}

/// Back from the axis coordinate.
fn data(t: f64, log: bool) -> f64 {
    if log {
        t.exp()
    } else {
        t
    }
}

/// Which crossing: the edge from grid node (i, j) to (i + 1, j) (`0`) or to (i, j + 1) (`1`).
type EdgeKey = (u8, usize, usize);

/// The contour lines where `z` equals `level`. `z[i][j]` is the value at (`x[i]`, `y[j]`);
/// `log_x`, `log_y` say whether the axes are logarithmic. A cell with a non-finite corner is
/// skipped (the line has a gap there). Saddle cells are resolved by the value at the cell
/// centre (the mean of the corners). Returns nothing for malformed input (lengths that do
/// not match, fewer than two nodes on an axis).
pub fn contour_lines(
    x: &[f64],
    y: &[f64],
    z: &[Vec<f64>],
    level: f64,
    (log_x, log_y): (bool, bool),
) -> Vec<Polyline> {
    let (nx, ny) = (x.len(), y.len());
    if nx < 2
        || ny < 2
        || z.len() != nx
        || z.iter().any(|col| col.len() != ny)
        || !level.is_finite()
    {
        return vec![];
    }
    let tx: Vec<f64> = x.iter().map(|&v| axis(v, log_x)).collect();
    let ty: Vec<f64> = y.iter().map(|&v| axis(v, log_y)).collect();
    // The crossing on an edge (linear interpolation of z along it).
    let crossing = |(dir, i, j): EdgeKey| -> (f64, f64) {
        let (i2, j2) = if dir == 0 { (i + 1, j) } else { (i, j + 1) };
        let (a, b) = (z[i][j], z[i2][j2]);
        let f = if b == a {
            0.5
        } else {
            ((level - a) / (b - a)).clamp(0.0, 1.0)
        };
        (tx[i] + f * (tx[i2] - tx[i]), ty[j] + f * (ty[j2] - ty[j]))
    };
    let mut segments: Vec<(EdgeKey, EdgeKey)> = Vec::new();
    for i in 0..nx - 1 {
        for j in 0..ny - 1 {
            let corners = [z[i][j], z[i + 1][j], z[i + 1][j + 1], z[i][j + 1]];
            if corners.iter().any(|v| !v.is_finite())
                || !(tx[i].is_finite()
                    && tx[i + 1].is_finite()
                    && ty[j].is_finite()
                    && ty[j + 1].is_finite())
            {
                continue;
            }
            // corners counter-clockwise from (i, j); edges: bottom, right, top, left
            let above: Vec<bool> = corners.iter().map(|v| *v >= level).collect();
            let edges: [EdgeKey; 4] = [(0, i, j), (1, i + 1, j), (0, i, j + 1), (1, i, j)];
            // an edge is crossed where its two corners lie on different sides
            let crossed: Vec<usize> = (0..4).filter(|&e| above[e] != above[(e + 1) % 4]).collect();
            match crossed.as_slice() {
                [a, b] => segments.push((edges[*a], edges[*b])),
                [_, _, _, _] => {
                    // a saddle: the centre's side decides which corners are joined
                    let centre = corners.iter().sum::<f64>() / 4.0 >= level;
                    if centre == above[0] {
                        // corner 0's region runs through the centre: cut off corners 1 and 3
                        segments.push((edges[0], edges[1]));
                        segments.push((edges[2], edges[3]));
                    } else {
                        segments.push((edges[3], edges[0]));
                        segments.push((edges[1], edges[2]));
                    }
                }
                _ => {}
            }
        }
    }
    chain(&segments)
        .into_iter()
        .map(|keys| {
            keys.into_iter()
                .map(|k| {
                    let (a, b) = crossing(k);
                    (data(a, log_x), data(b, log_y))
                })
                .collect()
        })
        .collect()
}

/// Join segments that share a crossing into lines (every crossing belongs to at most two
/// segments, one per cell on either side of its edge).
fn chain(segments: &[(EdgeKey, EdgeKey)]) -> Vec<Vec<EdgeKey>> {
    use std::collections::HashMap;
    let mut at: HashMap<EdgeKey, Vec<usize>> = HashMap::new();
    for (s, (a, b)) in segments.iter().enumerate() {
        at.entry(*a).or_default().push(s);
        at.entry(*b).or_default().push(s);
    }
    let mut used = vec![false; segments.len()];
    let other_end = |s: usize, k: EdgeKey| {
        if segments[s].0 == k {
            segments[s].1
        } else {
            segments[s].0
        }
    };
    // the next unused segment at a crossing
    let next = |k: EdgeKey, used: &[bool]| {
        at.get(&k)
            .and_then(|v| v.iter().copied().find(|s| !used[*s]))
    };
    let mut lines = Vec::new();
    // open lines start at a crossing with one segment (the grid's border), then closed loops
    let mut starts: Vec<EdgeKey> = at
        .iter()
        .filter(|(_, v)| v.len() == 1)
        .map(|(k, _)| *k)
        .collect();
    starts.sort_unstable();
    let mut all: Vec<EdgeKey> = at.keys().copied().collect();
    all.sort_unstable();
    starts.extend(all);
    for start in starts {
        let Some(first) = next(start, &used) else {
            continue;
        };
        let mut line = vec![start];
        let (mut s, mut k) = (first, start);
        loop {
            used[s] = true;
            k = other_end(s, k);
            line.push(k);
            match next(k, &used) {
                Some(n) => s = n,
                None => break,
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_circle_is_one_closed_line_on_the_circle() {
        let x: Vec<f64> = (0..41).map(|i| -2.0 + 0.1 * f64::from(i)).collect();
        let y = x.clone();
        let z: Vec<Vec<f64>> = x
            .iter()
            .map(|a| y.iter().map(|b| a * a + b * b).collect())
            .collect();
        let lines = contour_lines(&x, &y, &z, 1.0, (false, false));
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        assert_eq!(line.first(), line.last(), "closed");
        for (a, b) in line {
            let r = (a * a + b * b).sqrt();
            assert!((r - 1.0).abs() < 0.01, "{r}");
        }
    }

    #[test]
    fn a_power_law_on_log_axes_is_exact() {
        // z = y / x²: the level-1 line y = x² is straight on log-log axes, so the
        // interpolation in ln reproduces it to rounding.
        let x: Vec<f64> = (0..30)
            .map(|i| 10f64.powf(-3.0 + 0.1 * f64::from(i)))
            .collect();
        let y: Vec<f64> = (0..60)
            .map(|j| 10f64.powf(-7.0 + 0.1 * f64::from(j)))
            .collect();
        let z: Vec<Vec<f64>> = x
            .iter()
            .map(|a| y.iter().map(|b| (b / (a * a)).ln()).collect())
            .collect();
        let lines = contour_lines(&x, &y, &z, 0.0, (true, true));
        assert_eq!(lines.len(), 1);
        assert!(lines[0].len() > 20);
        for (a, b) in &lines[0] {
            assert!((b / (a * a) - 1.0).abs() < 1e-9, "{a} {b}");
        }
    }

    #[test]
    fn nothing_for_malformed_or_flat_input() {
        assert!(
            contour_lines(&[1.0], &[1.0, 2.0], &[vec![0.0, 1.0]], 0.5, (false, false)).is_empty()
        );
        let flat = vec![vec![0.0; 3]; 3];
        assert!(
            contour_lines(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0], &flat, 0.5, (true, true)).is_empty()
        );
        let nan = vec![vec![f64::NAN; 3]; 3];
        assert!(
            contour_lines(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0], &nan, 0.5, (true, true)).is_empty()
        );
    }
}
