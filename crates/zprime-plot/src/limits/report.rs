//! The adapter from the library's limits report to what a figure needs. This is the only
//! file of the plot crate that names `zprime` types: when the report changes, adapt
//! [`ReportView::from_report`] and nothing else.

use zprime::scan::LimitsReport;

/// The limits report as the figure assembly reads it.
#[derive(Clone, Debug)]
pub(crate) struct ReportView {
    /// Name of the input set (for the title).
    pub inputs: String,
    /// The coupling on the y axis: true for the gauge coupling g, false for the kinetic
    /// mixing ε.
    pub gauge_coupling: bool,
    /// The mass grid, GeV.
    pub masses: Vec<f64>,
    /// One entry per constraint, in input-set order.
    pub constraints: Vec<ConstraintView>,
    /// The combined exclusion per mass (the smallest coupling any measured constraint
    /// excludes; `None` where none excludes anything), from `zprime::scan::envelope`.
    pub envelope: Vec<Option<f64>>,
}

/// One constraint over the mass grid.
#[derive(Clone, Debug)]
pub(crate) struct ConstraintView {
    /// Constraint id (selects its style).
    pub id: String,
    /// Legend label (markup allowed).
    pub label: String,
    /// The observable (canonical name), e.g. `BR(K+->piZp)`.
    pub observable: String,
    /// Confidence level of the exclusion.
    pub cl: f64,
    /// Citation for the caption.
    pub reference: String,
    /// A projected sensitivity (drawn as a curve) rather than a measurement.
    pub projection: bool,
    /// A published curve the user asked for (`plot --curve`): always drawn.
    pub published: bool,
    /// Sigma levels of the preferred bands (index into `MassView::preferred`).
    pub band_levels: Vec<f64>,
    /// Sigma levels of the toy expected-limit bands (index into `MassView::expected`).
    pub expected_levels: Vec<f64>,
    /// One entry per mass of the grid.
    pub at_mass: Vec<MassView>,
}

/// One constraint at one mass: coupling intervals `[low, high]`.
#[derive(Clone, Debug)]
pub(crate) struct MassView {
    /// The constraint applies at this mass (elsewhere the figure leaves a gap).
    pub valid: bool,
    /// Excluded intervals.
    pub excluded: Vec<[f64; 2]>,
    /// Preferred intervals per band level.
    pub preferred: Vec<Vec<[f64; 2]>>,
    /// Expected-limit band per expected level.
    pub expected: Vec<[f64; 2]>,
}

/// The report without its cosmological constraints (N_eff): the crowding rule compares each
/// constraint with the combined *laboratory* exclusion, so that a cosmological bound, which
/// rests on the thermal history, does not hide the laboratory ones that figures show beside it.
fn laboratory(r: &LimitsReport) -> LimitsReport {
    let mut lab = r.clone();
    lab.constraints.retain(|c| c.observable != "N_eff");
    lab
}

impl ReportView {
    /// Read what the figure needs from a limits report.
    pub(crate) fn from_report(r: &LimitsReport) -> ReportView {
        ReportView {
            inputs: r.inputs.clone(),
            gauge_coupling: r.coupling == "g",
            masses: r.masses.clone(),
            envelope: zprime::scan::envelope(&laboratory(r))
                .into_iter()
                .map(|e| e.g_low)
                .collect(),
            constraints: r
                .constraints
                .iter()
                .map(|c| ConstraintView {
                    id: c.name.clone(),
                    label: c.label.clone(),
                    observable: c.observable.clone(),
                    cl: c.cl,
                    reference: c.reference.clone(),
                    projection: c.projection,
                    published: c.kind == zprime::scan::curves::PUBLISHED_CURVE,
                    band_levels: c.bands.clone(),
                    expected_levels: c.expected_bands.clone(),
                    at_mass: c
                        .limits
                        .iter()
                        .map(|l| MassView {
                            valid: l.valid,
                            excluded: l.excluded.clone(),
                            preferred: l.preferred.clone(),
                            expected: l.expected.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The largest coupling the library scans: an excluded interval reaching it is an upper
/// limit (everything above the curve is excluded).
pub(crate) const COUPLING_MAX: f64 = zprime::model::COUPLING_MAX;

/// The two-sided Gaussian z of a confidence level (1.96 for 0.95), to name a CL in sigma.
pub(crate) fn two_sided_z(cl: f64) -> f64 {
    zprime::constraints::stats::two_sided_z(cl)
}

/// The reference of source paper `number` ("004") from the library's table of source
/// papers (`data/papers/printed.toml`), the one place that maps paper numbers to references.
pub(crate) fn paper_ref(number: &str) -> Option<super::cite::PaperRef> {
    zprime::reproduce::printed::paper(number)
        .ok()
        .map(|p| super::cite::PaperRef::parse(&p.citation, &p.short))
}
