//! `zprime scan`: a model's parameter space sampled (grid, random or Sobol points), each
//! point's observables and constraint statuses streamed as CSV or Parquet rows; `--shard K/N`
//! computes one of N parts of the same scan, and `zprime scan merge` joins the parts after
//! checking that every part is there, once and complete.

use crate::common::{flag_error, ConstraintArgs, ModelArgs, UsageError};
use anyhow::{Context as _, Result};
use clap::{ArgGroup, Args as ClapArgs, Subcommand};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use zprime::scan::sample::{Design, Method, ParamRange};
use zprime::scan::table::{Columns, Row, Scan};
use zprime::scan::Session;

const HELP: &str = "\
Each --param NAME=LO:HI[:log|:lin] is an axis of the scan (mass and g are on a log scale by
default, everything else linear); NAME=VALUE fixes a parameter. The mass and the coupling (g,
or eps for dark-photon) must be given; the model's other parameters take their defaults.
Points: --grid N (N values per axis, ends included, the last --param fastest), --random N or
--sobol N (an Owen-scrambled Sobol sequence: even coverage, any N). Point i depends only on
the design and the seed, so --shard K/N (K = 1..N) computes the K-th of N contiguous parts of
the same scan: one batch job (a Slurm array task) or Dask task each, then
`zprime scan merge` checks that all N parts are there, once and complete, and joins them;
the merged file is byte for byte the unsharded scan.

Output (CSV to stdout or -o FILE.csv; Parquet with -o FILE.parquet if zprime was built with
the `parquet` feature). CSV: a first line '# zprime scan {json}' describing the scan (read it
with pandas.read_csv(f, skiprows=1)), then the header and one row per point. Parquet: the same
description in the file's key-value metadata under 'zprime-scan'. Columns:
  index            the point's index in the scan (0-based)
  mass, g, ...     the --param values (mass in GeV)
  <observable>     every observable `zprime point` lists (or --observables): its prediction,
                   empty where it is not valid at the mass or does not cover the model
  status:<id>      per constraint: allowed, excluded, preferred or not_applied
                   (--no-constraints drops them)
  test_statistic:<id>  with --test-statistics: -2 ln(L/L_best), empty where not applied
  error            empty, or why values of the row are missing (never NaN in a cell)

Examples:
  zprime scan --model lmu-ltau --param mass=1e-3:1 --param g=1e-5:1e-2 --sobol 64 -o scan.csv
  zprime scan --model lmu-ltau+b3 --param mass=1e-3:1 --param g=1e-5:1e-2 \\
      --param eps=-1e-3:1e-3 --sobol 1000000 --shard 3/10 -o part-3.csv
  zprime scan --model lmu-ltau --param mass=0.01:0.3 --param g=1e-4:1e-3 --grid 5 \\
      --observables 'Delta a_mu,R_trident(CCFR)' --no-constraints
  zprime scan merge part-1.csv part-2.csv part-3.csv -o all.csv";

/// Arguments of `zprime scan`.
#[derive(ClapArgs, Debug)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = HELP
)]
pub struct Args {
    #[command(subcommand)]
    command: Option<ScanCommand>,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Subcommand, Debug)]
enum ScanCommand {
    /// Join the shards of one scan (every one of the N parts, once, complete) into one file.
    Merge(MergeArgs),
}

/// Arguments of `zprime scan merge`.
#[derive(ClapArgs, Debug)]
#[command(after_help = "\
The parts are the files of `zprime scan ... --shard K/N -o FILE` for K = 1..N, in any
order. Each part's description (its first line, or its Parquet metadata) must name the same
scan (model, inputs, parameters, method, seed, columns); every shard must be there exactly
once and hold all its rows; otherwise nothing is written and the message names the missing,
duplicate or incomplete shard. The merged file is the unsharded scan, byte for byte (CSV).

Examples:
  zprime scan merge part-1.csv part-2.csv part-3.csv -o all.csv
  zprime scan merge part-*.parquet -o all.parquet")]
struct MergeArgs {
    /// The parts (CSV, or Parquet with the `parquet` feature).
    #[arg(required = true, value_name = "PART")]
    parts: Vec<PathBuf>,
    /// The merged file (.csv or .parquet, as the parts); CSV to stdout without it.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Arguments of a scan.
#[derive(ClapArgs, Debug)]
#[command(group(ArgGroup::new("method").required(true).args(["grid", "random", "sobol"])))]
struct RunArgs {
    /// Preset name (see `zprime models`) or the path of a model file (.toml).
    #[arg(long, default_value = "lmu-ltau")]
    model: String,
    /// A scanned parameter, repeatable: NAME=LO:HI[:log|:lin] (an axis) or NAME=VALUE
    /// (fixed). NAME is mass, g (eps for dark-photon) or a model parameter.
    #[arg(
        long = "param",
        value_name = "NAME=RANGE",
        required = true,
        allow_hyphen_values = true
    )]
    params: Vec<String>,
    /// A full grid with N values per axis (N^d points).
    #[arg(long, value_name = "N")]
    grid: Option<u64>,
    /// N uniform random points.
    #[arg(long, value_name = "N")]
    random: Option<u64>,
    /// N points of an Owen-scrambled Sobol sequence (at most 2^32).
    #[arg(long, value_name = "N")]
    sobol: Option<u64>,
    /// Seed of the random and Sobol points.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Compute only part K of N (K = 1..N) of the scan.
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    /// Comma-separated observables (names as `zprime point` prints them) instead of every
    /// listed one; 'none' for no observable column.
    #[arg(long, value_name = "NAMES")]
    observables: Option<String>,
    /// No status columns.
    #[arg(long)]
    no_constraints: bool,
    /// Add a test_statistic:<id> column per constraint (-2 ln(L/L_best)).
    #[arg(long, conflicts_with = "no_constraints")]
    test_statistics: bool,
    #[command(flatten)]
    constraints: ConstraintArgs,
    /// Input set: a shipped name or the path of an input file (.toml).
    #[arg(long, default_value = "default")]
    inputs: String,
    /// Treat an anomalous model as an error instead of a warning.
    #[arg(long)]
    strict: bool,
    /// Output file: .csv or .parquet (CSV to stdout without it).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The description of a scan (part) written with it: what `scan merge` compares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Description {
    /// zprime version that wrote the part.
    zprime: String,
    model: String,
    inputs: String,
    /// The --param ranges, in order, as `NAME=LO:HI:scale` or `NAME=VALUE`.
    params: Vec<String>,
    /// `grid`, `random` or `sobol`.
    method: String,
    /// Its N.
    count: u64,
    seed: u64,
    /// Points of the whole scan.
    points: u64,
    /// This part: shard K of N.
    shard: [u64; 2],
    /// Its index range [start, end).
    range: [u64; 2],
}

/// The CSV line that starts every part.
const CSV_PREFIX: &str = "# zprime scan ";
/// The Parquet key-value metadata key of the description.
#[cfg_attr(not(feature = "parquet"), allow(dead_code))]
const PARQUET_KEY: &str = "zprime-scan";

impl Description {
    fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a description serialises")
    }

    /// The same scan: everything but the shard.
    fn same_scan(&self, other: &Description) -> bool {
        Description {
            shard: other.shard,
            range: other.range,
            ..self.clone()
        } == *other
    }
}

/// The output format, from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Parquet,
}

fn format_of(path: Option<&Path>, flag: &str) -> Result<Format> {
    let Some(path) = path else {
        return Ok(Format::Csv);
    };
    match path.extension().and_then(|e| e.to_str()) {
        Some("csv") => Ok(Format::Csv),
        Some("parquet") if cfg!(feature = "parquet") => Ok(Format::Parquet),
        Some("parquet") => Err(UsageError(format!(
            "{flag} {}: this zprime was built without Parquet support (cargo build --features \
             parquet), write .csv",
            path.display()
        ))
        .into()),
        _ => Err(UsageError(format!(
            "{flag} {}: allowed file types are .csv and .parquet",
            path.display()
        ))
        .into()),
    }
}

/// Run `zprime scan` or `zprime scan merge`.
pub fn run(args: &Args) -> Result<()> {
    match &args.command {
        Some(ScanCommand::Merge(m)) => merge(m),
        None => scan(&args.run),
    }
}

/// `K/N` of `--shard`.
fn parse_shard(text: &str) -> Result<(u64, u64)> {
    text.split_once('/')
        .and_then(|(k, n)| Some((k.trim().parse().ok()?, n.trim().parse().ok()?)))
        .ok_or_else(|| {
            UsageError(format!(
                "invalid value {text} for '--shard': expected K/N with 1 <= K <= N, e.g. 2/10"
            ))
            .into()
        })
}

/// The observable names of `--observables`: split at commas outside parentheses
/// (`R_trident(key=a,b)` keeps its comma).
fn observable_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for ch in text.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth <= 0 => {
                out.push(std::mem::take(&mut current).trim().to_string());
                continue;
            }
            _ => {}
        }
        current.push(ch);
    }
    out.push(current.trim().to_string());
    out.retain(|s| !s.is_empty());
    out
}

fn scan(args: &RunArgs) -> Result<()> {
    let model_args = ModelArgs {
        model: args.model.clone(),
        params: vec![],
        inputs: args.inputs.clone(),
        strict: args.strict,
    };
    let model = model_args.model()?;
    let inputs = model_args.inputs()?;
    let format = format_of(args.output.as_deref(), "-o")?;
    let params = args
        .params
        .iter()
        .map(|p| ParamRange::parse(p))
        .collect::<zprime::Result<Vec<_>>>()?;
    let method = match (args.grid, args.random, args.sobol) {
        (Some(per_axis), _, _) => Method::Grid { per_axis },
        (_, Some(n), _) => Method::Random { n },
        (_, _, Some(n)) => Method::Sobol { n },
        // clap's group requires one of them
        _ => return Err(UsageError("give one of --grid, --random, --sobol".into()).into()),
    };
    let design = Design::new(params, method, args.seed)?;
    let (k, n) = match &args.shard {
        Some(text) => parse_shard(text)?,
        None => (1, 1),
    };
    let range = design
        .shard(k, n)
        .map_err(|e| flag_error("--shard", &format!("{k}/{n}"), e))?;
    let (selected, specs) = args.constraints.select(&inputs)?;
    let session = Session::with_constraints(&selected, &specs).map_err(|e| {
        match args.constraints.file().ok().flatten() {
            Some(f) => flag_error("--constraints", &f.display().to_string(), e),
            None => e.into(),
        }
    })?;
    let observables = match args.observables.as_deref() {
        None => None,
        Some("none") => Some(vec![]),
        Some(text) => Some(observable_names(text)),
    };
    let columns = Columns {
        observables,
        constraints: !args.no_constraints,
        test_statistics: args.test_statistics,
    };
    let table =
        Scan::new(&session, &model, &BTreeMap::new(), &design, &columns).map_err(|e| {
            match (&e, &args.observables) {
                (zprime::Error::Unknown { kind, .. }, Some(text))
                    if kind.contains("observable") =>
                {
                    flag_error("--observables", text, e)
                }
                _ => e.into(),
            }
        })?;
    let description = Description {
        zprime: env!("CARGO_PKG_VERSION").into(),
        model: model.name.clone(),
        inputs: inputs.name.clone(),
        params: design.params.iter().map(ToString::to_string).collect(),
        method: design.method.flag().trim_start_matches('-').into(),
        count: design.method.count(),
        seed: design.seed,
        points: design.len(),
        shard: [k, n],
        range: [range.start, range.end],
    };
    let errors = match (format, &args.output) {
        (Format::Csv, None) => {
            let stdout = std::io::stdout();
            write_csv(&table, &description, &mut BufWriter::new(stdout.lock()))?
        }
        (Format::Csv, Some(path)) => {
            let partial = partial_path(path);
            let mut out = BufWriter::new(
                File::create(&partial).with_context(|| format!("-o {}", path.display()))?,
            );
            let errors = write_csv(&table, &description, &mut out)?;
            out.into_inner()
                .map_err(std::io::IntoInnerError::into_error)?
                .sync_all()?;
            std::fs::rename(&partial, path)?;
            errors
        }
        (Format::Parquet, Some(path)) => {
            let partial = partial_path(path);
            let errors = parquet_out::write(&table, &description, &partial)
                .with_context(|| format!("-o {}", path.display()))?;
            std::fs::rename(&partial, path)?;
            errors
        }
        (Format::Parquet, None) => unreachable!("Parquet needs -o"),
    };
    if let Some((count, first)) = errors {
        eprintln!(
            "zprime: warning: {count} of {} rows have a message in the error column (first: {first})",
            range.end - range.start
        );
    }
    Ok(())
}

/// Where an output file is written until it is complete (then renamed): a job killed midway
/// leaves no file that looks like a finished part.
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

/// A number as CSV text: every digit needed to read back the same `f64`, exponent notation
/// when very small or large.
fn number(x: f64) -> String {
    let a = x.abs();
    if a == 0.0 || (1e-4..1e7).contains(&a) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// A text cell, quoted when it holds a comma or a quote; line breaks become spaces (one row
/// per line, which `scan merge` relies on).
fn text_cell(s: &str) -> String {
    let s = s.replace(['\n', '\r'], " ");
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// One CSV line (with its newline).
fn csv_line(row: &Row) -> String {
    let mut line = String::with_capacity(16 * (row.observables.len() + row.statuses.len() + 4));
    line.push_str(&row.index.to_string());
    for &v in &row.parameters {
        line.push(',');
        line.push_str(&number(v));
    }
    for v in &row.observables {
        line.push(',');
        if let Some(v) = v {
            line.push_str(&number(*v));
        }
    }
    for s in &row.statuses {
        line.push(',');
        line.push_str(s.as_str());
    }
    for v in &row.test_statistics {
        line.push(',');
        if let Some(v) = v {
            line.push_str(&number(*v));
        }
    }
    line.push(',');
    if let Some(e) = &row.error {
        line.push_str(&text_cell(e));
    }
    line.push('\n');
    line
}

/// Rows with an error so far: their count and the first message.
type ErrorCount = Option<(u64, String)>;

fn count_errors(errors: &mut ErrorCount, rows: &[Row]) {
    for e in rows.iter().filter_map(|r| r.error.as_ref()) {
        match errors {
            Some((n, _)) => *n += 1,
            None => *errors = Some((1, e.clone())),
        }
    }
}

/// Stream the scan's rows as CSV: the description line, the header, the rows (formatted in
/// parallel, written in order).
fn write_csv(table: &Scan, description: &Description, out: &mut impl Write) -> Result<ErrorCount> {
    writeln!(out, "{CSV_PREFIX}{}", description.to_json())?;
    let header: Vec<String> = table.columns().iter().map(|c| text_cell(&c.name)).collect();
    writeln!(out, "{}", header.join(","))?;
    let mut errors = None;
    let [start, end] = description.range;
    table.run::<anyhow::Error>(start..end, |rows| {
        let lines: Vec<String> = rows.par_iter().map(csv_line).collect();
        for l in &lines {
            out.write_all(l.as_bytes())?;
        }
        count_errors(&mut errors, rows);
        Ok(())
    })?;
    out.flush()?;
    Ok(errors)
}

/// A part being merged: its file, description and (CSV) header.
struct Part {
    path: PathBuf,
    description: Description,
    header: String,
}

/// The description and header of a CSV part.
fn read_csv_part(path: &Path) -> Result<(Part, impl Iterator<Item = std::io::Result<String>>)> {
    let file = File::open(path).map_err(|e| {
        UsageError(format!(
            "scan merge {}: cannot read it ({e})",
            path.display()
        ))
    })?;
    let mut lines = BufReader::new(file).lines();
    let bad = || {
        UsageError(format!(
            "scan merge {}: not a part of `zprime scan` (its first line must be '{CSV_PREFIX}{{...}}')",
            path.display()
        ))
    };
    let first = lines.next().transpose()?.ok_or_else(bad)?;
    let description: Description = first
        .strip_prefix(CSV_PREFIX)
        .and_then(|json| serde_json::from_str(json).ok())
        .ok_or_else(bad)?;
    let header = lines.next().transpose()?.ok_or_else(bad)?;
    Ok((
        Part {
            path: path.to_path_buf(),
            description,
            header,
        },
        lines,
    ))
}

/// Check that the parts are the N shards of one scan, each once; returns them in shard order.
fn check_parts(mut parts: Vec<Part>) -> Result<Vec<Part>> {
    let first = &parts[0];
    for p in &parts[1..] {
        if !p.description.same_scan(&first.description) || p.header != first.header {
            return Err(UsageError(format!(
                "scan merge: {} and {} are parts of different scans (their descriptions or \
                 columns differ)",
                first.path.display(),
                p.path.display()
            ))
            .into());
        }
    }
    let n = first.description.shard[1];
    let points = first.description.points;
    parts.sort_by_key(|p| p.description.shard[0]);
    for w in parts.windows(2) {
        if w[0].description.shard[0] == w[1].description.shard[0] {
            return Err(UsageError(format!(
                "scan merge: shard {}/{n} is given twice ({} and {})",
                w[0].description.shard[0],
                w[0].path.display(),
                w[1].path.display()
            ))
            .into());
        }
    }
    let present: Vec<u64> = parts.iter().map(|p| p.description.shard[0]).collect();
    let missing: Vec<String> = (1..=n)
        .filter(|k| !present.contains(k))
        .map(|k| format!("{k}/{n}"))
        .collect();
    if !missing.is_empty() {
        return Err(UsageError(format!(
            "scan merge: missing shard {} of the scan of {} points (got {} of {n} parts)",
            missing.join(", "),
            points,
            parts.len()
        ))
        .into());
    }
    // the shards' ranges must tile the scan (what `--shard` writes)
    let mut next = 0;
    for p in &parts {
        let [start, end] = p.description.range;
        if start != next || end < start {
            return Err(UsageError(format!(
                "scan merge {}: shard {}/{n} covers {start}..{end}, expected to start at {next}",
                p.path.display(),
                p.description.shard[0]
            ))
            .into());
        }
        next = end;
    }
    if next != points {
        return Err(UsageError(format!(
            "scan merge: the shards cover 0..{next} of {points} points"
        ))
        .into());
    }
    Ok(parts)
}

/// The merged scan's description: the whole scan as one shard, as an unsharded run writes it.
fn merged_description(parts: &[Part]) -> Description {
    Description {
        shard: [1, 1],
        range: [0, parts[0].description.points],
        ..parts[0].description.clone()
    }
}

fn merge(args: &MergeArgs) -> Result<()> {
    let format = format_of(args.output.as_deref(), "-o")?;
    for p in &args.parts {
        if format_of(Some(p), "scan merge")? != format {
            return Err(UsageError(format!(
                "scan merge {}: the parts and -o must be of one type (.csv or .parquet)",
                p.display()
            ))
            .into());
        }
    }
    match (format, &args.output) {
        (Format::Parquet, Some(out)) => parquet_out::merge(&args.parts, out),
        (Format::Parquet, None) => unreachable!("Parquet needs -o"),
        (Format::Csv, None) => {
            let stdout = std::io::stdout();
            merge_csv(&args.parts, &mut BufWriter::new(stdout.lock()))
        }
        (Format::Csv, Some(path)) => {
            let partial = partial_path(path);
            let mut out = BufWriter::new(
                File::create(&partial).with_context(|| format!("-o {}", path.display()))?,
            );
            match merge_csv(&args.parts, &mut out) {
                Ok(()) => {
                    drop(out);
                    std::fs::rename(&partial, path)?;
                    Ok(())
                }
                Err(e) => {
                    drop(out);
                    let _ = std::fs::remove_file(&partial);
                    Err(e)
                }
            }
        }
    }
}

/// Merge CSV parts: check the descriptions, then copy the rows shard by shard, checking that
/// each part holds exactly its index range.
fn merge_csv(paths: &[PathBuf], out: &mut impl Write) -> Result<()> {
    let parts = paths
        .iter()
        .map(|p| read_csv_part(p).map(|(part, _)| part))
        .collect::<Result<Vec<_>>>()?;
    let parts = check_parts(parts)?;
    writeln!(out, "{CSV_PREFIX}{}", merged_description(&parts).to_json())?;
    writeln!(out, "{}", parts[0].header)?;
    for part in &parts {
        let (_, lines) = read_csv_part(&part.path)?;
        let [start, end] = part.description.range;
        let mut next = start;
        let incomplete = |got: u64| {
            UsageError(format!(
                "scan merge {}: shard {}/{} is incomplete or damaged: expected rows {start}..{end}, \
                 row {got} is not the next one",
                part.path.display(),
                part.description.shard[0],
                part.description.shard[1]
            ))
        };
        for line in lines {
            let line = line?;
            let index: Option<u64> = line.split(',').next().and_then(|i| i.parse().ok());
            if index != Some(next) || next >= end {
                return Err(incomplete(index.unwrap_or(next)).into());
            }
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
            next += 1;
        }
        if next != end {
            return Err(UsageError(format!(
                "scan merge {}: shard {}/{} is incomplete: {} of its {} rows (indices \
                 {start}..{end})",
                part.path.display(),
                part.description.shard[0],
                part.description.shard[1],
                next - start,
                end - start
            ))
            .into());
        }
    }
    out.flush()?;
    Ok(())
}

/// Parquet output and merging (the `parquet` feature).
#[cfg(feature = "parquet")]
mod parquet_out {
    use super::{
        check_parts, count_errors, merged_description, partial_path, Description, ErrorCount, Part,
        PARQUET_KEY,
    };
    use crate::common::UsageError;
    use anyhow::Result;
    use arrow_array::builder::{Float64Builder, StringBuilder, UInt64Builder};
    use arrow_array::{Array, ArrayRef, RecordBatch, UInt64Array};
    use arrow_schema::{DataType, Field, Schema, SchemaRef};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::metadata::KeyValue;
    use parquet::file::properties::WriterProperties;
    use std::fs::File;
    use std::path::{Path, PathBuf};
    use std::sync::Arc;
    use zprime::scan::table::{ColumnKind, Row, Scan};

    /// Rows per row group: about 60 MB of a full table in memory before it is written.
    const ROW_GROUP: usize = 65_536;

    fn properties(description: &Description) -> WriterProperties {
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP))
            .set_key_value_metadata(Some(vec![KeyValue::new(
                PARQUET_KEY.to_string(),
                description.to_json(),
            )]))
            .build()
    }

    fn schema(table: &Scan) -> SchemaRef {
        let fields: Vec<Field> = table
            .columns()
            .iter()
            .map(|c| match c.kind {
                ColumnKind::Index => Field::new(&c.name, DataType::UInt64, false),
                ColumnKind::Parameter => Field::new(&c.name, DataType::Float64, false),
                ColumnKind::Observable | ColumnKind::TestStatistic => {
                    Field::new(&c.name, DataType::Float64, true)
                }
                ColumnKind::Status => Field::new(&c.name, DataType::Utf8, false),
                ColumnKind::Error => Field::new(&c.name, DataType::Utf8, true),
            })
            .collect();
        Arc::new(Schema::new(fields))
    }

    /// One record batch of rows, column by column.
    fn batch(schema: &SchemaRef, rows: &[Row]) -> Result<RecordBatch> {
        let first = &rows[0];
        let mut columns: Vec<ArrayRef> = Vec::with_capacity(schema.fields().len());
        let mut index = UInt64Builder::with_capacity(rows.len());
        index.append_slice(&rows.iter().map(|r| r.index).collect::<Vec<_>>());
        columns.push(Arc::new(index.finish()));
        let floats = |get: &dyn Fn(&Row) -> Option<f64>| -> ArrayRef {
            let mut b = Float64Builder::with_capacity(rows.len());
            for r in rows {
                b.append_option(get(r));
            }
            Arc::new(b.finish())
        };
        for k in 0..first.parameters.len() {
            columns.push(floats(&|r| Some(r.parameters[k])));
        }
        for k in 0..first.observables.len() {
            columns.push(floats(&|r| r.observables[k]));
        }
        for k in 0..first.statuses.len() {
            let mut b = StringBuilder::new();
            for r in rows {
                b.append_value(r.statuses[k].as_str());
            }
            columns.push(Arc::new(b.finish()));
        }
        for k in 0..first.test_statistics.len() {
            columns.push(floats(&|r| r.test_statistics[k]));
        }
        let mut b = StringBuilder::new();
        for r in rows {
            b.append_option(r.error.as_deref());
        }
        columns.push(Arc::new(b.finish()));
        Ok(RecordBatch::try_new(schema.clone(), columns)?)
    }

    /// Stream the scan's rows into a Parquet file at `path`, a row group at a time.
    pub fn write(table: &Scan, description: &Description, path: &Path) -> Result<ErrorCount> {
        let schema = schema(table);
        let file = File::create(path)?;
        let mut writer = ArrowWriter::try_new(file, schema.clone(), Some(properties(description)))?;
        let mut errors = None;
        let [start, end] = description.range;
        table.run::<anyhow::Error>(start..end, |rows| {
            writer.write(&batch(&schema, rows)?)?;
            count_errors(&mut errors, rows);
            Ok(())
        })?;
        writer.close()?;
        Ok(errors)
    }

    /// The description and schema of a Parquet part.
    fn read_part(path: &Path) -> Result<(Part, SchemaRef, i64)> {
        let file = File::open(path).map_err(|e| {
            UsageError(format!(
                "scan merge {}: cannot read it ({e})",
                path.display()
            ))
        })?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| {
            UsageError(format!(
                "scan merge {}: not a Parquet file ({e})",
                path.display()
            ))
        })?;
        let meta = builder.metadata().file_metadata();
        let description: Description = meta
            .key_value_metadata()
            .and_then(|kv| kv.iter().find(|k| k.key == PARQUET_KEY))
            .and_then(|k| k.value.as_deref())
            .and_then(|json| serde_json::from_str(json).ok())
            .ok_or_else(|| {
                UsageError(format!(
                    "scan merge {}: not a part of `zprime scan` (no '{PARQUET_KEY}' metadata)",
                    path.display()
                ))
            })?;
        let schema = builder.schema().clone();
        let header = schema
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect::<Vec<_>>()
            .join(",");
        Ok((
            Part {
                path: path.to_path_buf(),
                description,
                header,
            },
            schema,
            meta.num_rows(),
        ))
    }

    /// Merge Parquet parts into `out` (checked as the CSV parts are; rows copied batch by
    /// batch).
    pub fn merge(paths: &[PathBuf], out: &Path) -> Result<()> {
        let parts = paths
            .iter()
            .map(|p| read_part(p).map(|(part, _, _)| part))
            .collect::<Result<Vec<_>>>()?;
        let parts = check_parts(parts)?;
        let partial = partial_path(out);
        let result = (|| -> Result<()> {
            let (_, schema, _) = read_part(&parts[0].path)?;
            let file = File::create(&partial)?;
            let mut writer = ArrowWriter::try_new(
                file,
                schema.clone(),
                Some(properties(&merged_description(&parts))),
            )?;
            for part in &parts {
                let [start, end] = part.description.range;
                let (_, _, rows) = read_part(&part.path)?;
                let incomplete = || {
                    UsageError(format!(
                        "scan merge {}: shard {}/{} is incomplete or damaged: expected rows \
                         {start}..{end} ({rows} rows in the file)",
                        part.path.display(),
                        part.description.shard[0],
                        part.description.shard[1]
                    ))
                };
                if u64::try_from(rows).ok() != Some(end - start) {
                    return Err(incomplete().into());
                }
                let reader =
                    ParquetRecordBatchReaderBuilder::try_new(File::open(&part.path)?)?.build()?;
                let mut next = start;
                for batch in reader {
                    let batch = batch?;
                    let index = batch
                        .column(0)
                        .as_any()
                        .downcast_ref::<UInt64Array>()
                        .ok_or_else(incomplete)?;
                    for i in index.values() {
                        if *i != next {
                            return Err(incomplete().into());
                        }
                        next += 1;
                    }
                    debug_assert_eq!(index.null_count(), 0);
                    writer.write(&batch)?;
                }
                if next != end {
                    return Err(incomplete().into());
                }
            }
            writer.close()?;
            Ok(())
        })();
        match result {
            Ok(()) => {
                std::fs::rename(&partial, out)?;
                Ok(())
            }
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                Err(e)
            }
        }
    }
}

/// Without the `parquet` feature, `format_of` never selects Parquet.
#[cfg(not(feature = "parquet"))]
mod parquet_out {
    use super::{Description, ErrorCount};
    use anyhow::Result;
    use std::path::{Path, PathBuf};
    use zprime::scan::table::Scan;

    pub fn write(_: &Scan, _: &Description, _: &Path) -> Result<ErrorCount> {
        unreachable!("Parquet output needs the `parquet` feature")
    }

    pub fn merge(_: &[PathBuf], _: &Path) -> Result<()> {
        unreachable!("Parquet output needs the `parquet` feature")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observable_names_keep_commas_inside_parentheses() {
        assert_eq!(
            observable_names("Delta a_mu, R_trident(CCFR),X(a=1,b=2)"),
            ["Delta a_mu", "R_trident(CCFR)", "X(a=1,b=2)"]
        );
        assert!(observable_names(" , ").is_empty());
    }

    #[test]
    fn numbers_read_back_exactly() {
        for x in [0.0, 1e-3, 0.1 + 0.2, 1.2345678901234567e-12, -3e9, 12.5] {
            assert_eq!(number(x).parse::<f64>().unwrap(), x);
        }
        assert_eq!(text_cell("a, \"b\"\nc"), "\"a, \"\"b\"\" c\"");
    }
}
