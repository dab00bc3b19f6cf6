//! `zprime fit`: the best-fit point of the combined likelihood over a sampling design, its
//! χ² against the Standard Model's, and the per-constraint breakdown.

use crate::common::{full, sig, ConstraintArgs, ModelArgs, UsageError};
use anyhow::Result;
use clap::Args as ClapArgs;
use serde::Serialize;
use zprime::likelihood::{self, Chi2, Fit, Likelihood};
use zprime::scan::sample::{Design, Method, ParamRange};

/// Arguments of `zprime fit`.
#[derive(ClapArgs, Debug)]
#[command(after_help = "\
The combined likelihood is the sum of the selected constraints' -2 ln(L/L_best): Gaussian
measurements as chi^2 (pull^2), limits as half-Gaussians whose one-sided quantile at their CL
is the limit (an approximation), Poisson searches as paper 001 Eq. 21-22; projections and
repeated measurements are left out, a constraint that does not apply at a point enters with
its Standard-Model value. Correlations are neglected. README, \"Statistical conventions\".

The design's points are evaluated (--grid N per axis, --random N or --sobol N points; mass
and g log-scaled by default), the best one is polished with Nelder-Mead inside the ranges,
and both are reported with chi^2_SM (coupling 0, the other parameters at the best fit) and
Delta chi^2_SM = chi^2_SM - chi^2_min with its significance by Wilks' theorem for the number
of varying parameters (it ignores that the mass is undefined when g = 0: the look-elsewhere
effect is not included). --csv prints every design point with chi^2 and Delta chi^2 (relative
to the smallest sampled chi^2) instead.

Examples:
  zprime fit --model lmu-ltau --inputs altmannshofer2014 --param mass=0.001:1 --param g=1e-5:1e-2 --grid 15
  zprime fit --model lmu-ltau --param mass=0.01:10 --param g=1e-6:1e-1 --sobol 256 --json
  zprime fit --model lmu-ltau --param mass=0.1 --param g=1e-5:1e-2 --grid 60 --csv > profile.csv
  zprime fit --model lmu-ltau --inputs altmannshofer2014 --exclude 'tau:*' --param mass=0.001:1 --param g=1e-5:1e-2
  zprime fit --model lmu-ltau+b3 --param mass=0.1:1 --param g=1e-4:1e-2 --param eps=0:0.02 --random 500 --seed 7")]
pub struct Args {
    /// Preset name (see `zprime models`) or the path of a model file (.toml).
    #[arg(long, default_value = "lmu-ltau")]
    model: String,
    /// Scanned parameter, repeatable: NAME=LO:HI[:log|:lin] or NAME=VALUE (fixed). mass and
    /// the coupling (g, or eps for a dark photon) are required; other model parameters take
    /// their defaults.
    #[arg(long = "param", value_name = "NAME=RANGE")]
    params: Vec<String>,
    /// A full grid with N values per varying parameter (ends included) [default: 20].
    #[arg(long, value_name = "N", group = "method")]
    grid: Option<u64>,
    /// N uniform random points.
    #[arg(long, value_name = "N", group = "method")]
    random: Option<u64>,
    /// N points of a scrambled Sobol sequence.
    #[arg(long, value_name = "N", group = "method")]
    sobol: Option<u64>,
    /// Seed of --random and --sobol.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Input set: a shipped name or the path of an input file (.toml).
    #[arg(long, default_value = "default")]
    inputs: String,
    #[command(flatten)]
    constraints: ConstraintArgs,
    /// Only the sampled minimum (no Nelder-Mead polish).
    #[arg(long)]
    no_refine: bool,
    /// Print the result as JSON.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print every design point with chi^2 and Delta chi^2 as CSV.
    #[arg(long)]
    csv: bool,
}

/// One end of the fit as printed (parameters by name).
#[derive(Serialize)]
struct BestFit {
    parameters: std::collections::BTreeMap<String, f64>,
    chi2: f64,
}

/// The JSON report.
#[derive(Serialize)]
struct Report<'a> {
    model: String,
    inputs: String,
    design: String,
    points: u64,
    dof: u32,
    sampled: BestFit,
    refined: BestFit,
    refine_evaluations: usize,
    chi2_sm: f64,
    delta_chi2_sm: f64,
    significance_sm: f64,
    breakdown: &'a Chi2,
    breakdown_sm: &'a Chi2,
    left_out: &'a [likelihood::LeftOut],
}

/// The sampling method of the flags (default: a 20-point grid per axis).
fn method(args: &Args) -> Method {
    match (args.grid, args.random, args.sobol) {
        (_, Some(n), _) => Method::Random { n },
        (_, _, Some(n)) => Method::Sobol { n },
        (Some(per_axis), _, _) => Method::Grid { per_axis },
        _ => Method::Grid { per_axis: 20 },
    }
}

/// Run `zprime fit`.
pub fn run(args: &Args) -> Result<()> {
    let model_args = ModelArgs {
        model: args.model.clone(),
        params: vec![],
        inputs: args.inputs.clone(),
        strict: false,
    };
    let model = model_args.model()?;
    let inputs = model_args.inputs()?;
    if args.params.is_empty() {
        return Err(UsageError(format!(
            "--param: give the scanned ranges, at least mass and {} (e.g. --param mass=0.001:1 --param {}=1e-5:1e-2)",
            model.coupling.name(),
            model.coupling.name()
        ))
        .into());
    }
    let ranges = args
        .params
        .iter()
        .map(|p| ParamRange::parse(p))
        .collect::<zprime::Result<Vec<_>>>()?;
    let design = Design::new(ranges, method(args), args.seed)?;
    let names: Vec<String> = design.params.iter().map(|p| p.name.clone()).collect();
    // The template: the design's first point (checks names and ranges before any work).
    let lows: Vec<f64> = design.params.iter().map(|p| p.at(0.0)).collect();
    let highs: Vec<f64> = design.params.iter().map(|p| p.at(1.0)).collect();
    let template = likelihood::design_point(&model, &names, &lows)?;
    likelihood::design_point(&model, &names, &highs)?;
    let constraints = args.constraints.resolve(&inputs)?;
    let like = Likelihood::new(&constraints, &inputs, &template)?;
    let mut fit = likelihood::fit(&like, &model, &design)?;
    if args.no_refine {
        fit.refined = fit.sampled.clone();
        fit.refine_evaluations = 0;
    }
    if args.csv {
        return print_csv(&design, &fit);
    }
    let best = likelihood::design_point(&model, &names, &fit.refined.values)?;
    let breakdown = like.chi2(&best)?;
    let breakdown_sm = like.standard_model(&best)?;
    let delta_sm = (breakdown_sm.total - fit.refined.chi2).max(0.0);
    let significance = likelihood::significance(fit.dof, delta_sm);
    let named = |p: &likelihood::FitPoint| BestFit {
        parameters: names
            .iter()
            .cloned()
            .zip(p.values.iter().copied())
            .collect(),
        chi2: p.chi2,
    };
    let report = Report {
        model: model.name.clone(),
        inputs: inputs.name.clone(),
        design: design_text(&design),
        points: design.len(),
        dof: fit.dof,
        sampled: named(&fit.sampled),
        refined: named(&fit.refined),
        refine_evaluations: fit.refine_evaluations,
        chi2_sm: breakdown_sm.total,
        delta_chi2_sm: delta_sm,
        significance_sm: significance,
        breakdown: &breakdown,
        breakdown_sm: &breakdown_sm,
        left_out: like.left_out(),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", text(&report, model.coupling.name(), &names));
    }
    Ok(())
}

/// The design as `--param ... --grid N` text.
fn design_text(design: &Design) -> String {
    let params: Vec<String> = design
        .params
        .iter()
        .map(|p| format!("--param {p}"))
        .collect();
    format!(
        "{} {} {}",
        params.join(" "),
        design.method.flag(),
        design.method.count()
    )
}

/// Parameter values as `mass = 0.1 GeV, g = 5e-4`, in the order of `--param`.
fn parameters_text(p: &BestFit, order: &[String]) -> String {
    order
        .iter()
        .filter_map(|k| p.parameters.get(k).map(|v| (k, v)))
        .map(|(k, v)| {
            if k == "mass" {
                format!("mass = {} GeV", sig(*v))
            } else {
                format!("{k} = {}", sig(*v))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The human-readable report.
fn text(r: &Report, coupling: &str, order: &[String]) -> String {
    let mut out = format!(
        "zprime fit: model {}, inputs '{}', {} points ({}), {} varying parameter{}\n",
        r.model,
        r.inputs,
        r.points,
        r.design,
        r.dof,
        if r.dof == 1 { "" } else { "s" }
    );
    out.push_str(&format!(
        "Best fit (sampled):  {}: chi2 = {:.4}\n",
        parameters_text(&r.sampled, order),
        r.sampled.chi2
    ));
    out.push_str(&format!(
        "Best fit (refined):  {}: chi2 = {:.4} (Nelder-Mead, {} evaluations)\n",
        parameters_text(&r.refined, order),
        r.refined.chi2,
        r.refine_evaluations
    ));
    out.push_str(&format!(
        "Standard Model ({coupling} = 0): chi2 = {:.4}\n",
        r.chi2_sm
    ));
    out.push_str(&format!(
        "Delta chi2 (SM - best fit) = {:.4}: {:.2} sigma for {} parameter{} (Wilks; no look-elsewhere effect)\n",
        r.delta_chi2_sm,
        r.significance_sm,
        r.dof,
        if r.dof == 1 { "" } else { "s" }
    ));
    out.push_str("\nPer constraint at the refined best fit (chi2_SM: at coupling 0):\n");
    let width = r
        .breakdown
        .terms
        .iter()
        .map(|t| t.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(10);
    out.push_str(&format!(
        "  {:<width$}  {:>10}  {:>10}  kind\n",
        "constraint", "chi2", "chi2_SM"
    ));
    for (t, s) in r.breakdown.terms.iter().zip(&r.breakdown_sm.terms) {
        let mark = if t.applied {
            ""
        } else {
            " (not applied: SM value)"
        };
        out.push_str(&format!(
            "  {:<width$}  {:>10.4}  {:>10.4}  {}{mark}\n",
            t.id, t.chi2, s.chi2, t.kind
        ));
    }
    out.push_str(&format!(
        "  {:<width$}  {:>10.4}  {:>10.4}\n",
        "total", r.breakdown.total, r.breakdown_sm.total
    ));
    if !r.left_out.is_empty() {
        out.push_str("\nLeft out of the likelihood:\n");
        for l in r.left_out {
            out.push_str(&format!("  {}: {}\n", l.id, l.reason));
        }
    }
    let not_applied: Vec<String> = r
        .breakdown
        .terms
        .iter()
        .filter_map(|t| {
            // the range, without the constraint's note (`zprime data` has it)
            let why = t.reason.as_ref()?;
            let short = why.split(" (").next().unwrap_or(why);
            Some(format!("  {}: {short}", t.id))
        })
        .collect();
    if !not_applied.is_empty() {
        out.push_str("\nNot applied at the best fit:\n");
        out.push_str(&not_applied.join("\n"));
        out.push('\n');
    }
    out
}

/// Every design point: index, parameters, chi2, Delta chi2 (relative to the smallest sampled
/// chi2).
fn print_csv(design: &Design, fit: &Fit) -> Result<()> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let min = fit.sampled.chi2;
    writeln!(w, "index,{},chi2,delta_chi2", fit.names.join(","))?;
    for (i, chi2) in fit.chi2.iter().enumerate() {
        let values: Vec<String> = design.point(i as u64).iter().map(|v| full(*v)).collect();
        writeln!(
            w,
            "{i},{},{},{}",
            values.join(","),
            full(*chi2),
            full(chi2 - min)
        )?;
    }
    w.flush()?;
    Ok(())
}
