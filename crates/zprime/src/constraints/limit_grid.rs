//! `kind = "limit_grid"`: an upper limit on an observable that depends on the Z' mass and on
//! its proper decay length (the shape of displaced-vertex and beam-dump searches, as ALPaca
//! tabulates them), read from a data file like a limit curve ([`super::limit_curve`]) with a
//! `ctau` column:
//!
//! ```text
//! # reference: ...
//! # observable: BR(K+->munuZp)*BR(Zp->invisible)(p_min=0.14,p_max=0.2)
//! # lifetime: ctau(Zp)
//! # cl: 0.90
//! # mass_unit: GeV
//! # ctau_unit: m
//! # unit: 1
//! mass,ctau,limit
//! 0.001,1e-6,2.4e-6
//! ...
//! ```
//!
//! The rows must fill a rectangular grid (every mass with every ctau). The limit is
//! interpolated linearly in (ln m, ln cτ, ln limit). `lifetime` names the observable that gives
//! the point's cτ (in metres). The grid applies only inside its mass range; at a cτ outside
//! its range the search sets no limit (the point is allowed there).

use super::intervals::{segments, status_of, upper_limit_statistic, with_status};
use super::limit_curve::Table;
use super::seen::{Decays, FinalState};
use super::{Outcome, Regions, Rule, Status};
use crate::error::{Error, Result};
use crate::observables::{Context, InCoupling, Preparations, Prepared, Query, Validity};
use serde::{Deserialize, Serialize};

/// The fields of a limit-grid constraint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The grid file, relative to the constraint file's directory.
    pub file: String,
    /// An observable that does not depend on the coupling (such as `r_GN(K->piZp)`): the
    /// file's limit times its value at the point's mass is a limit on the constraint's
    /// observable, which may then differ from the file's: a bound derived from another search
    /// (the Grossman-Nir bound on K_L -> pi0 X from a K+ -> pi+ X search), applying only where
    /// the file's search sets a limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_by: Option<String>,
}

/// An upper limit on a grid in (mass, cτ).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// [first, last] mass, GeV.
    range: [f64; 2],
    /// ln of the masses (GeV), increasing.
    ln_mass: Vec<f64>,
    /// ln of cτ (m), increasing.
    ln_ctau: Vec<f64>,
    /// ln of the limits, `[mass][ctau]`.
    ln_limit: Vec<Vec<f64>>,
    /// Confidence level.
    pub cl: f64,
    /// Citation.
    pub reference: String,
    /// The observable limited (as written in the file).
    pub observable: String,
    /// The observable giving cτ in metres.
    pub lifetime: String,
    /// The limit's unit.
    pub unit: String,
    /// The fraction of Z's the search sees (`# final_state:`; see [`super::seen`]).
    pub acceptance: Option<super::seen::Acceptance>,
}

/// The cell of `axis` holding `x` and the fraction of the way through it; `None` outside.
fn cell(axis: &[f64], x: f64) -> Option<(usize, f64)> {
    let (first, last) = (axis[0], axis[axis.len() - 1]);
    if !(x >= first && x <= last) {
        return None;
    }
    let i = axis.partition_point(|a| *a <= x).clamp(1, axis.len() - 1);
    Some((i, (x - axis[i - 1]) / (axis[i] - axis[i - 1])))
}

/// A [`Grid`] at one mass ([`Grid::at_mass`]): the limit as a function of cτ.
#[derive(Debug, Clone, Copy)]
pub struct Column<'g> {
    grid: &'g Grid,
    /// The mass cell (rows i − 1 and i) and the fraction u of the way through it.
    i: usize,
    u: f64,
}

impl Column<'_> {
    /// The limit at `ctau`; `None` outside the grid or next to a blind window.
    pub fn at(&self, ctau: f64) -> Option<f64> {
        let (i, u) = (self.i, self.u);
        let (j, v) = cell(&self.grid.ln_ctau, ctau.ln())?;
        let l = &self.grid.ln_limit;
        // Corners of zero weight are left out (a point on a row or column next to a blind
        // window keeps its limit); a `nan` corner of non-zero weight: the cell touches a
        // blind window, never interpolated across.
        let corners = [
            ((1.0 - u) * (1.0 - v), l[i - 1][j - 1]),
            ((1.0 - u) * v, l[i - 1][j]),
            (u * (1.0 - v), l[i][j - 1]),
            (u * v, l[i][j]),
        ];
        let ln: f64 = corners
            .iter()
            .filter(|(w, _)| *w != 0.0)
            .map(|(w, x)| w * x)
            .sum();
        Some(ln.exp()).filter(|x| x.is_finite())
    }

    /// [`Grid::seen_limit`] at this column's mass.
    pub fn seen_limit(&self, final_state: FinalState, ctau: f64) -> Option<(f64, f64)> {
        let [shortest, longest] = self.grid.ctau_range();
        let relative =
            |reference: f64| -> f64 { self.at(ctau).map_or(0.0, |l| (reference / l).min(1.0)) };
        match final_state {
            FinalState::Invisible => {
                let reference = self.at(longest)?;
                let escape = if ctau >= longest {
                    1.0
                } else if ctau < shortest {
                    0.0
                } else {
                    relative(reference)
                };
                Some((reference, escape))
            }
            FinalState::MuMu => {
                let reference = self.at(shortest)?;
                let decay = if ctau <= shortest {
                    1.0
                } else if ctau > longest {
                    let at_longest = self.at(longest).map_or(0.0, |l| (reference / l).min(1.0));
                    at_longest * longest / ctau
                } else {
                    relative(reference)
                };
                Some((reference, decay))
            }
        }
    }
}

fn increasing_unique(values: &[f64]) -> Vec<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v
}

impl Grid {
    /// Parse and check a grid file's text (`file` names it in errors).
    pub fn parse(text: &str, file: &str) -> Result<Grid> {
        let t = Table::parse(text, file)?;
        let bad = |m: String| Error::file(file, m);
        let reference = t.key("reference", file)?.to_string();
        let cl: f64 = t
            .key("cl", file)?
            .parse()
            .ok()
            .filter(|cl: &f64| *cl > 0.0 && *cl < 1.0)
            .ok_or_else(|| bad("cl: need 0 < cl < 1".into()))?;
        let mass_scale = match t.key("mass_unit", file)? {
            "GeV" => 1.0,
            "MeV" => 1e-3,
            other => return Err(bad(format!("mass_unit '{other}': allowed GeV, MeV"))),
        };
        let ctau_scale = match t.key("ctau_unit", file)? {
            "m" => 1.0,
            "mm" => 1e-3,
            "cm" => 1e-2,
            other => return Err(bad(format!("ctau_unit '{other}': allowed m, cm, mm"))),
        };
        let mass: Vec<f64> = t
            .column("mass", file)?
            .iter()
            .map(|m| m * mass_scale)
            .collect();
        let ctau: Vec<f64> = t
            .column("ctau", file)?
            .iter()
            .map(|c| c * ctau_scale)
            .collect();
        let limit = t.column("limit", file)?;
        // A `nan` limit: no limit in that cell (a blind window); masses and cτ must be numbers.
        if mass.iter().chain(&ctau).any(|x| x.is_nan() || *x <= 0.0)
            || limit.iter().any(|x| *x <= 0.0)
        {
            return Err(bad("mass, ctau and limit must be positive".into()));
        }
        let acceptance = super::seen::Acceptance::from_header(&t.header, file)?;
        if acceptance.is_some_and(|a| a.decay.is_some()) {
            return Err(bad(
                "decay_length_m and the boost are for curves: a grid's ctau column already holds the acceptance".into(),
            ));
        }
        let (ms, cs) = (increasing_unique(&mass), increasing_unique(&ctau));
        if ms.len() < 2 || cs.len() < 2 || ms.len() * cs.len() != limit.len() {
            return Err(bad(format!(
                "the rows must fill a grid of at least 2 x 2: {} masses x {} ctau values for {} rows",
                ms.len(),
                cs.len(),
                limit.len()
            )));
        }
        let mut ln_limit = vec![vec![None; cs.len()]; ms.len()];
        for ((m, c), l) in mass.iter().zip(&ctau).zip(&limit) {
            let i = ms.partition_point(|x| x < m);
            let j = cs.partition_point(|x| x < c);
            if ln_limit[i][j].is_some() {
                return Err(bad(format!("(mass {m}, ctau {c}) given twice")));
            }
            ln_limit[i][j] = Some(l.ln());
        }
        let ln_limit: Vec<Vec<f64>> = ln_limit
            .into_iter()
            .map(|row| row.into_iter().map(|l| l.unwrap_or(f64::NAN)).collect())
            .collect();
        // The masses where the grid gives a limit at some cτ (all-`nan` rows at the ends are
        // outside the search's range).
        let with_limit: Vec<f64> = ms
            .iter()
            .zip(&ln_limit)
            .filter(|(_, row): &(&f64, &Vec<f64>)| row.iter().any(|l| !l.is_nan()))
            .map(|(m, _)| *m)
            .collect();
        let (Some(first), Some(last)) = (with_limit.first(), with_limit.last()) else {
            return Err(bad("the grid has no limit (every cell is nan)".into()));
        };
        Ok(Grid {
            range: [*first, *last],
            ln_mass: ms.iter().map(|m| m.ln()).collect(),
            ln_ctau: cs.iter().map(|c| c.ln()).collect(),
            ln_limit,
            cl,
            reference,
            observable: t.key("observable", file)?.to_string(),
            lifetime: t.key("lifetime", file)?.to_string(),
            unit: t.key("unit", file)?.to_string(),
            acceptance,
        })
    }

    /// [shortest, longest] cτ of the grid, m.
    pub fn ctau_range(&self) -> [f64; 2] {
        [self.ln_ctau[0], self.ln_ctau[self.ln_ctau.len() - 1]].map(f64::exp)
    }

    /// The blind window (masses with a limit on either side, GeV) that `mass` lies in, for
    /// the column of cτ `ctau`, if it lies in one.
    pub fn blind_window(&self, mass: f64, ctau: f64) -> Option<[f64; 2]> {
        if !(mass >= self.range[0] && mass <= self.range[1]) || self.at(mass, ctau).is_some() {
            return None;
        }
        let j = self
            .ln_ctau
            .partition_point(|c| *c < ctau.ln())
            .min(self.ln_ctau.len() - 1);
        let masses: Vec<f64> = self.ln_mass.iter().map(|m| m.exp()).collect();
        super::limit_curve::gap_around(&masses, |i| !self.ln_limit[i][j].is_nan(), mass)
    }

    /// [first, last] mass, GeV.
    pub fn mass_range(&self) -> [f64; 2] {
        self.range
    }

    /// The limit at (mass, cτ); `None` outside the grid.
    pub fn at(&self, mass: f64, ctau: f64) -> Option<f64> {
        self.at_mass(mass)?.at(ctau)
    }

    /// The grid interpolated to `mass` (the mass cell found once, for the many cτ a coupling
    /// scan asks for); `None` outside the grid's mass range.
    pub fn at_mass(&self, mass: f64) -> Option<Column<'_>> {
        if !(mass >= self.range[0] && mass <= self.range[1]) {
            return None;
        }
        // The range check is on the masses themselves (ln may round past an edge).
        let ln_m = mass
            .ln()
            .clamp(self.ln_mass[0], self.ln_mass[self.ln_mass.len() - 1]);
        let (i, u) = cell(&self.ln_mass, ln_m)?;
        Some(Column { grid: self, i, u })
    }

    /// The limit of the grid's limiting column at `mass` (the longest cτ for an invisible
    /// search, the shortest for a visible one) and the acceptance relative to it at `ctau`
    /// (see [`super::seen`]); `None` where the grid sets no limit at this mass.
    pub fn seen_limit(&self, final_state: FinalState, mass: f64, ctau: f64) -> Option<(f64, f64)> {
        self.at_mass(mass)?.seen_limit(final_state, ctau)
    }
}

/// A resolved limit grid.
#[derive(Clone)]
pub struct LimitGrid {
    observable: Prepared,
    lifetime: Prepared,
    grid: Grid,
    /// The Z' decays, for a grid with a `final_state`.
    decays: Option<Decays>,
    /// The `scale_by` observable.
    scale: Option<Prepared>,
}

impl LimitGrid {
    /// Read the grid and prepare the observable and the lifetime observable.
    pub fn new(
        c: &super::Spec,
        spec: &Spec,
        query: &Query,
        prep: &Preparations,
    ) -> Result<LimitGrid> {
        let (text, name) = super::limit_curve::read_text(c, &spec.file)?;
        let grid = Grid::parse(&text, &name)?;
        let of_file = crate::observables::find(&grid.observable)?;
        let scale = super::limit_curve::scale_by(spec.scale_by.as_deref(), prep, &name)?;
        if (of_file != *query && scale.is_none()) || grid.unit != query.observable.unit {
            return Err(Error::file(
                &name,
                format!(
                    "the grid is a limit on '{}' [{}], constraint '{}' names '{}' [{}]",
                    of_file.name(),
                    grid.unit,
                    c.id,
                    query.name(),
                    query.observable.unit
                ),
            ));
        }
        let lifetime = crate::observables::find(&grid.lifetime)?;
        if lifetime.observable.unit != "m" {
            return Err(Error::file(
                &name,
                format!("lifetime '{}' must be a length in m", grid.lifetime),
            ));
        }
        let decays = grid.acceptance.map(|_| Decays);
        Ok(LimitGrid {
            observable: prep.prepare(query)?,
            lifetime: prep.prepare(&lifetime)?,
            grid,
            decays,
            scale,
        })
    }

    /// Why the grid sets no limit at `mass` in the column of cτ `ctau`.
    fn no_limit(&self, mass: f64, ctau: f64) -> Error {
        let e = Error::NotApplicable {
            observable: self.observable.name.clone(),
            reason: match self.grid.blind_window(mass, ctau) {
                Some([lo, hi]) => super::limit_curve::blind_window_reason(mass, lo, hi),
                None => format!("c tau = {ctau:.3e} m lies outside the limit grid"),
            },
        };
        super::limit_curve::derived_not_applied(e, self.scale.is_some())
    }

    /// The limiting column's limit at the point's mass, and the fraction seen at cτ for the
    /// decays `d` (see [`super::seen`]).
    fn seen(
        state: FinalState,
        column: &Column,
        d: &super::seen::AtMass,
        ctau: f64,
    ) -> Option<(f64, f64)> {
        let (limit, acceptance) = column.seen_limit(state, ctau)?;
        let fraction = match state {
            FinalState::Invisible => d.b_inv + (1.0 - d.b_inv) * acceptance,
            FinalState::MuMu => d.b_mumu * acceptance,
        };
        Some((limit, fraction))
    }

    /// Outcome of a grid with a final state: BR × fraction seen against the limiting column.
    fn seen_outcome(&self, state: FinalState, decays: Decays, ctx: &Context) -> Result<Outcome> {
        let mass = ctx.point.mass;
        let d = decays.at_point(ctx)?;
        let reference_ctau = match state {
            FinalState::Invisible => self.grid.ctau_range()[1],
            FinalState::MuMu => self.grid.ctau_range()[0],
        };
        let (limit, fraction) = self
            .grid
            .at_mass(mass)
            .and_then(|column| Self::seen(state, &column, &d, d.ctau_unit))
            .ok_or_else(|| self.no_limit(mass, reference_ctau))?;
        let limit = limit * super::limit_curve::scale_at(self.scale.as_ref(), ctx)?;
        let (o, o_sm) = self.observable.with_sm_value(ctx)?;
        let seen = o * fraction;
        let allowed = (f64::NEG_INFINITY, limit);
        Ok(Outcome {
            status: status_of(allowed, seen, o_sm),
            value: seen,
            bound: limit,
            test_statistic: upper_limit_statistic(seen, limit, self.grid.cl),
        })
    }

    /// Regions of a grid with a final state.
    fn seen_regions(&self, state: FinalState, decays: Decays, ctx: &Context) -> Result<Regions> {
        let mass = ctx.point.mass;
        let at = self.observable.at_mass(ctx)?;
        let decay = decays.in_coupling(ctx)?;
        // The limiting column does not depend on the coupling: probe it once.
        let reference_ctau = match state {
            FinalState::Invisible => self.grid.ctau_range()[1],
            FinalState::MuMu => self.grid.ctau_range()[0],
        };
        let Some((column, (limit, _))) = self
            .grid
            .at_mass(mass)
            .and_then(|column| Some((column, column.seen_limit(state, reference_ctau)?)))
        else {
            return Err(self.no_limit(mass, reference_ctau));
        };
        let limit = limit * super::limit_curve::scale_at(self.scale.as_ref(), ctx)?;
        let function = at.function;
        let seen = move |c: f64| -> Result<f64> {
            let d = decay(c)?;
            let fraction = Self::seen(state, &column, &d, d.ctau(c)).map_or(0.0, |(_, f)| f);
            Ok(function.at(c)? * fraction)
        };
        let f = InCoupling::Function(Box::new(seen));
        Ok(Regions {
            excluded: with_status(
                &segments(&f, at.sm_value, (f64::NEG_INFINITY, limit))?,
                Status::Excluded,
            ),
            ..Regions::default()
        })
    }
}

impl Rule for LimitGrid {
    fn cl(&self) -> f64 {
        self.grid.cl
    }

    fn reference(&self) -> String {
        super::limit_curve::derived_reference(&self.grid.reference, self.scale.as_ref())
    }

    fn observable(&self) -> String {
        self.observable.name.clone()
    }

    fn validity(&self) -> Option<Validity> {
        Some(super::limit_curve::covered_validity(
            self.grid.mass_range(),
            "grid",
            self.observable.validity.as_ref(),
        ))
    }

    /// At a cτ outside the grid the search sets no limit: not applied at that point; nor for
    /// a Z' without a cτ (no open decay channel: it is stable).
    fn outcome(&self, ctx: &Context) -> Result<Outcome> {
        if let (Some(a), Some(d)) = (self.grid.acceptance, self.decays) {
            return self.seen_outcome(a.final_state, d, ctx);
        }
        let ctau = match self.lifetime.predict(ctx) {
            Ok(t) => t,
            Err(Error::Numerical { message, .. }) => {
                return Err(Error::NotApplicable {
                    observable: self.observable.name.clone(),
                    reason: format!("no c tau for the limit grid: {message}"),
                })
            }
            Err(e) => return Err(e),
        };
        let limit = self
            .grid
            .at(ctx.point.mass, ctau)
            .ok_or_else(|| Error::NotApplicable {
                observable: self.observable.name.clone(),
                reason: format!("c tau = {ctau:.3e} m lies outside the limit grid"),
            })?
            * super::limit_curve::scale_at(self.scale.as_ref(), ctx)?;
        let (o, o_sm) = self.observable.with_sm_value(ctx)?;
        let allowed = (f64::NEG_INFINITY, limit);
        Ok(Outcome {
            status: status_of(allowed, o, o_sm),
            value: o,
            bound: limit,
            test_statistic: upper_limit_statistic(o, limit, self.grid.cl),
        })
    }

    /// Excluded where the observable exceeds the limit at the point's own cτ (which moves with
    /// the coupling): the ratio observable/limit against 1.
    fn regions(&self, ctx: &Context) -> Result<Regions> {
        if let (Some(a), Some(d)) = (self.grid.acceptance, self.decays) {
            return self.seen_regions(a.final_state, d, ctx);
        }
        let o = self.observable.at_mass(ctx)?;
        let mass = ctx.point.mass;
        let scale = super::limit_curve::scale_at(self.scale.as_ref(), ctx)?;
        // cτ(c): in closed form when the lifetime observable is homogeneous and the point has
        // one coupling (cτ ∝ c⁻²); a stable Z' (zero coupling) has no cτ and no limit.
        let unit = match self.lifetime.observable().degree {
            Some(k) if ctx.point.single_coupling() => {
                let one = ctx.point.with_coupling(1.0);
                // a Z' with no open channel has no cτ at any coupling: no limit (below)
                self.lifetime
                    .predict(&Context {
                        point: &one,
                        ..*ctx
                    })
                    .ok()
                    .map(|u| (u, k))
            }
            _ => None,
        };
        let ctx = *ctx;
        let ctau = move |c: f64| -> Option<f64> {
            if let Some((u, k)) = unit {
                Some(u * c.powi(k)).filter(|t| t.is_finite())
            } else {
                let p = ctx.point.with_coupling(c);
                self.lifetime.predict(&Context { point: &p, ..ctx }).ok()
            }
        };
        let column = self.grid.at_mass(mass);
        let ratio = move |c: f64| -> Result<f64> {
            let value = o.function.at(c)?;
            Ok(match ctau(c).and_then(|t| column?.at(t)) {
                Some(limit) => value / (limit * scale),
                None => 0.0,
            })
        };
        let f = InCoupling::Function(Box::new(ratio));
        let sm_value = f.at(0.0)?;
        Ok(Regions {
            excluded: with_status(
                &segments(&f, sm_value, (f64::NEG_INFINITY, 1.0))?,
                Status::Excluded,
            ),
            ..Regions::default()
        })
    }

    fn for_model(&self, ctx: &Context) -> Box<dyn Rule> {
        Box::new(LimitGrid {
            observable: self.observable.for_model(ctx),
            lifetime: self.lifetime.for_model(ctx),
            decays: self.decays,
            scale: self.scale.as_ref().map(|s| s.for_model(ctx)),
            ..self.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "# reference: test\n# observable: Delta a_mu\n# lifetime: ctau(Zp)\n# cl: 0.95\n# mass_unit: GeV\n# ctau_unit: m\n# unit: 1\n";

    #[test]
    fn log_interpolation_on_the_grid() {
        // limit = 1e-6 (m/GeV)^2 (ctau/m): a power law, exact in log-log interpolation.
        let mut text = format!("{HEAD}mass,ctau,limit\n");
        for m in [0.1, 1.0, 10.0] {
            for c in [1e-3, 1.0] {
                text.push_str(&format!("{m},{c},{}\n", 1e-6 * m * m * c));
            }
        }
        let g = Grid::parse(&text, "g.csv").unwrap();
        let l = g.at(3.0, 0.01).unwrap();
        assert!((l / (1e-6 * 9.0 * 0.01) - 1.0).abs() < 1e-12, "{l}");
        assert_eq!(g.at(20.0, 0.01), None);
        assert_eq!(g.at(3.0, 10.0), None);
        assert_eq!(g.mass_range(), [0.1, 10.0]);
    }

    #[test]
    fn incomplete_grids_are_rejected() {
        let text = format!("{HEAD}mass,ctau,limit\n1,1,1\n2,1,1\n1,2,1\n");
        let e = Grid::parse(&text, "g.csv").unwrap_err().to_string();
        assert!(e.contains("g.csv") && e.contains("grid"), "{e}");
        let text = format!("{HEAD}mass,ctau,limit\n1,1,1\n2,1,1\n1,2,1\n1,2,1\n");
        let e = Grid::parse(&text, "g.csv").unwrap_err().to_string();
        assert!(e.contains("twice"), "{e}");
    }

    fn grid(final_state: &str, cell: impl Fn(f64, f64) -> String) -> Grid {
        let mut text = format!("{HEAD}# final_state: {final_state}\nmass,ctau,limit\n");
        for m in [0.1, 0.12, 0.14, 0.16] {
            for c in [0.01, 0.1, 1.0] {
                text.push_str(&format!("{m},{c},{}\n", cell(m, c)));
            }
        }
        Grid::parse(&text, "g.csv").unwrap()
    }

    /// A `nan` cell is no limit: the cells touching it give none, the window is named.
    #[test]
    fn nan_cells_are_a_blind_window() {
        let g = grid("invisible", |m, _| {
            if m == 0.12 || m == 0.14 {
                "nan".into()
            } else {
                "1e-9".into()
            }
        });
        assert!((g.at(0.1, 0.1).unwrap() / 1e-9 - 1.0).abs() < 1e-12);
        assert_eq!(g.at(0.11, 0.1), None);
        assert_eq!(g.at(0.13, 0.1), None);
        let [lo, hi] = g.blind_window(0.13, 1.0).unwrap();
        assert!((lo / 0.1 - 1.0).abs() < 1e-12 && (hi / 0.16 - 1.0).abs() < 1e-12);
        assert_eq!(g.blind_window(0.1, 1.0), None);
    }

    /// The acceptance read off the grid (module `seen`): L_ref/L(τ), 1 beyond the limiting
    /// column, 0 (invisible) below the shortest cτ, ∝ 1/τ (visible) above the longest.
    #[test]
    fn acceptance_from_the_grid_in_closed_form() {
        // limit ∝ 1/cτ up to the longest column for an invisible search: escape ∝ cτ.
        let inv = grid("invisible", |_, c| format!("{}", 1e-9 / c));
        let (limit, escape) = inv.seen_limit(FinalState::Invisible, 0.13, 0.1).unwrap();
        assert!((limit / 1e-9 - 1.0).abs() < 1e-12 && (escape / 0.1 - 1.0).abs() < 1e-12);
        assert_eq!(
            inv.seen_limit(FinalState::Invisible, 0.13, 5.0).unwrap().1,
            1.0
        );
        assert_eq!(
            inv.seen_limit(FinalState::Invisible, 0.13, 1e-3).unwrap().1,
            0.0
        );
        // limit ∝ cτ for a visible search: decay probability ∝ 1/cτ, continued above.
        let vis = grid("mumu", |_, c| format!("{}", 1e-9 * c / 0.01));
        let (limit, decay) = vis.seen_limit(FinalState::MuMu, 0.13, 0.1).unwrap();
        assert!((limit / 1e-9 - 1.0).abs() < 1e-12 && (decay / 0.1 - 1.0).abs() < 1e-12);
        assert_eq!(vis.seen_limit(FinalState::MuMu, 0.13, 1e-3).unwrap().1, 1.0);
        let far = vis.seen_limit(FinalState::MuMu, 0.13, 10.0).unwrap().1;
        assert!((far / 1e-3 - 1.0).abs() < 1e-12, "{far}");
        assert_eq!(vis.seen_limit(FinalState::MuMu, 0.3, 0.1), None);
    }
}
