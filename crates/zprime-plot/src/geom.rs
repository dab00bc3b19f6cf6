//! Geometry: data -> axis space (log10 or linear), gaps, clipping and dashing.
//!
//! Everything is clipped in *axis space* (log10 of the data on log axes), where the
//! frame is a rectangle and straight segments are what is drawn, and only then mapped to
//! pixels, so no coordinate outside the frame (or NaN) ever reaches a backend.

/// A point (x, y).
pub(crate) type Pt = (f64, f64);

/// One axis: its data range and scale.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Axis {
    /// Axis-space start (log10 of the data minimum on a log axis).
    pub t0: f64,
    /// Axis-space end.
    pub t1: f64,
    /// Logarithmic?
    pub log: bool,
}

impl Axis {
    /// An axis over the data range `(lo, hi)` (already validated).
    pub(crate) fn new((lo, hi): (f64, f64), log: bool) -> Axis {
        if log {
            Axis {
                t0: lo.log10(),
                t1: hi.log10(),
                log,
            }
        } else {
            Axis {
                t0: lo,
                t1: hi,
                log,
            }
        }
    }

    /// Axis-space value of a data value, `None` for a gap. Values far outside the range
    /// are clamped (a million spans away, invisible) so that clipping arithmetic cannot
    /// overflow.
    pub(crate) fn to_axis(self, v: f64) -> Option<f64> {
        if !v.is_finite() {
            return None;
        }
        let t = if self.log {
            if v <= 0.0 {
                return None;
            }
            v.log10()
        } else {
            v
        };
        let span = self.t1 - self.t0;
        Some(t.clamp(self.t0 - 1e6 * span, self.t1 + 1e6 * span))
    }
}

/// Axis-space clip rectangle and its mapping to pixels.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    pub ax: Axis,
    pub ay: Axis,
    /// Pixel edges of the frame.
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Frame {
    /// Pixel position of an axis-space point.
    pub(crate) fn px(&self, (tx, ty): Pt) -> Pt {
        let fx = (tx - self.ax.t0) / (self.ax.t1 - self.ax.t0);
        let fy = (ty - self.ay.t0) / (self.ay.t1 - self.ay.t0);
        (
            self.left + fx * (self.right - self.left),
            self.bottom - fy * (self.bottom - self.top),
        )
    }

    /// Pixel x of an axis-space x.
    pub(crate) fn px_x(&self, tx: f64) -> f64 {
        self.px((tx, self.ay.t0)).0
    }

    /// Pixel y of an axis-space y.
    pub(crate) fn px_y(&self, ty: f64) -> f64 {
        self.px((self.ax.t0, ty)).1
    }

    /// Map axis-space paths to pixel paths, dropping points closer than a fifth of a
    /// pixel to the previous one (dense data would otherwise only cost time and bytes).
    pub(crate) fn px_paths(&self, paths: Vec<Vec<Pt>>) -> Vec<Vec<Pt>> {
        paths
            .into_iter()
            .map(|p| {
                let n = p.len();
                let mut out: Vec<Pt> = Vec::with_capacity(n);
                for (i, q) in p.into_iter().enumerate() {
                    let q = self.px(q);
                    match out.last() {
                        Some(l) if i + 1 < n && (q.0 - l.0).hypot(q.1 - l.1) < 0.2 => {}
                        _ => out.push(q),
                    }
                }
                out
            })
            .collect()
    }

    fn clip_rect(&self) -> Rect {
        Rect {
            x0: self.ax.t0,
            x1: self.ax.t1,
            y0: self.ay.t0,
            y1: self.ay.t1,
        }
    }

    /// Clip axis-space polygons to the frame.
    pub(crate) fn clip_polygons(&self, polys: Vec<Vec<Pt>>) -> Vec<Vec<Pt>> {
        let r = self.clip_rect();
        polys
            .into_iter()
            .map(|p| clip_polygon(&p, &r))
            .filter(|p| p.len() >= 3)
            .collect()
    }

    /// Clip axis-space polylines to the frame.
    pub(crate) fn clip_polylines(&self, lines: &[Vec<Pt>]) -> Vec<Vec<Pt>> {
        let r = self.clip_rect();
        lines.iter().flat_map(|l| clip_polyline(l, &r)).collect()
    }
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rect {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

/// Split a sampled curve into runs of consecutive valid points (axis space).
pub(crate) fn runs(frame: &Frame, x: &[f64], y: &[f64]) -> Vec<Vec<Pt>> {
    let mut out = Vec::new();
    let mut cur: Vec<Pt> = Vec::new();
    for (&xv, &yv) in x.iter().zip(y) {
        match (frame.ax.to_axis(xv), frame.ay.to_axis(yv)) {
            (Some(tx), Some(ty)) => cur.push((tx, ty)),
            _ => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Runs of a band: consecutive samples where x, lower and upper are valid and
/// lower < upper. Each run is returned as (lower points, upper points).
pub(crate) fn band_runs(
    frame: &Frame,
    x: &[f64],
    lower: &[f64],
    upper: &[f64],
) -> Vec<(Vec<Pt>, Vec<Pt>)> {
    let mut out = Vec::new();
    let mut lo_run: Vec<Pt> = Vec::new();
    let mut hi_run: Vec<Pt> = Vec::new();
    for ((&xv, &l), &u) in x.iter().zip(lower).zip(upper) {
        let tx = frame.ax.to_axis(xv);
        let tl = frame.ay.to_axis(l);
        let tu = frame.ay.to_axis(u);
        match (tx, tl, tu) {
            (Some(tx), Some(tl), Some(tu)) if l < u => {
                lo_run.push((tx, tl));
                hi_run.push((tx, tu));
            }
            _ => {
                if !lo_run.is_empty() {
                    out.push((std::mem::take(&mut lo_run), std::mem::take(&mut hi_run)));
                }
            }
        }
    }
    if !lo_run.is_empty() {
        out.push((lo_run, hi_run));
    }
    out
}

/// Sutherland–Hodgman clipping of a polygon against a rectangle.
pub(crate) fn clip_polygon(poly: &[Pt], r: &Rect) -> Vec<Pt> {
    // Each edge: inside test and intersection.
    fn clip_edge(
        input: &[Pt],
        inside: impl Fn(Pt) -> bool,
        cross: impl Fn(Pt, Pt) -> Pt,
    ) -> Vec<Pt> {
        let mut out = Vec::with_capacity(input.len() + 4);
        let n = input.len();
        for i in 0..n {
            let cur = input[i];
            let prev = input[(i + n - 1) % n];
            match (inside(prev), inside(cur)) {
                (true, true) => out.push(cur),
                (true, false) => out.push(cross(prev, cur)),
                (false, true) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, false) => {}
            }
        }
        out
    }
    let at_x = |a: Pt, b: Pt, x: f64| -> Pt {
        let t = (x - a.0) / (b.0 - a.0);
        (x, a.1 + t * (b.1 - a.1))
    };
    let at_y = |a: Pt, b: Pt, y: f64| -> Pt {
        let t = (y - a.1) / (b.1 - a.1);
        (a.0 + t * (b.0 - a.0), y)
    };
    let mut p = poly.to_vec();
    if p.len() < 3 {
        return Vec::new();
    }
    p = clip_edge(&p, |q| q.0 >= r.x0, |a, b| at_x(a, b, r.x0));
    if p.is_empty() {
        return p;
    }
    p = clip_edge(&p, |q| q.0 <= r.x1, |a, b| at_x(a, b, r.x1));
    if p.is_empty() {
        return p;
    }
    p = clip_edge(&p, |q| q.1 >= r.y0, |a, b| at_y(a, b, r.y0));
    if p.is_empty() {
        return p;
    }
    p = clip_edge(&p, |q| q.1 <= r.y1, |a, b| at_y(a, b, r.y1));
    p.retain(|q| q.0.is_finite() && q.1.is_finite());
    p.dedup_by(|a, b| (a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12);
    p
}

/// Liang–Barsky clipping of one segment; returns the visible part.
fn clip_segment(a: Pt, b: Pt, r: &Rect) -> Option<(Pt, Pt)> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a.0 - r.x0),
        (dx, r.x1 - a.0),
        (-dy, a.1 - r.y0),
        (dy, r.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    Some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

/// Clip a polyline to a rectangle; returns the visible pieces.
pub(crate) fn clip_polyline(line: &[Pt], r: &Rect) -> Vec<Vec<Pt>> {
    let mut out: Vec<Vec<Pt>> = Vec::new();
    let mut cur: Vec<Pt> = Vec::new();
    for w in line.windows(2) {
        match clip_segment(w[0], w[1], r) {
            Some((p, q)) => {
                let continues = cur
                    .last()
                    .is_some_and(|l| (l.0 - p.0).abs() < 1e-12 && (l.1 - p.1).abs() < 1e-12);
                if !continues && !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                if cur.is_empty() {
                    cur.push(p);
                }
                cur.push(q);
            }
            None => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.retain(|l| l.len() >= 2);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit() -> Rect {
        Rect {
            x0: 0.0,
            x1: 1.0,
            y0: 0.0,
            y1: 1.0,
        }
    }

    #[test]
    fn polygon_clipping() {
        let big = vec![(-1.0, -1.0), (2.0, -1.0), (2.0, 2.0), (-1.0, 2.0)];
        let c = clip_polygon(&big, &unit());
        assert_eq!(c.len(), 4);
        for p in &c {
            assert!((0.0..=1.0).contains(&p.0) && (0.0..=1.0).contains(&p.1));
        }
        let outside = vec![(2.0, 2.0), (3.0, 2.0), (3.0, 3.0)];
        assert!(clip_polygon(&outside, &unit()).is_empty());
    }

    #[test]
    fn polyline_clipping() {
        let l = vec![(-1.0, 0.5), (0.5, 0.5), (0.5, 2.0), (0.7, 0.5), (2.0, 0.5)];
        let pieces = clip_polyline(&l, &unit());
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0][0], (0.0, 0.5));
        assert_eq!(*pieces[1].last().unwrap(), (1.0, 0.5));
    }

    #[test]
    fn log_axis_gaps() {
        let a = Axis::new((1e-3, 1e2), true);
        assert_eq!(a.to_axis(-1.0), None);
        assert_eq!(a.to_axis(0.0), None);
        assert_eq!(a.to_axis(f64::NAN), None);
        assert_eq!(a.to_axis(f64::INFINITY), None);
        assert!((a.to_axis(10.0).unwrap() - 1.0).abs() < 1e-12);
        let lin = Axis::new((0.0, 1.0), false);
        assert_eq!(lin.to_axis(1e308), Some(1e6 + 1.0));
    }
}
