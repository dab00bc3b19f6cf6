//! The `zprime` command-line tool. One file per subcommand; this file parses the command line
//! and maps errors to exit codes: 0 success, 2 invalid input (with a one-line message naming
//! what is wrong), 1 anything else.

mod common;
mod data;
mod fit;
mod limits;
mod models;
mod plot;
mod point;
mod reproduce;
mod scan;
mod scan_wu;
mod spectrum;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Phenomenology of light Z' gauge bosons coupled to muons (and to quarks through mixing or
/// loops): observables, constraints and exclusion plots in the (m_Z', g) plane.
#[derive(Parser)]
#[command(name = "zprime", version, about, long_about = None, after_help = "\
Examples:
  zprime point --model lmu-ltau --mass 0.1 --g 5e-4
  zprime limits --model lmu-ltau --json > limits.json
  zprime plot --model lmu-ltau -o lmu-ltau.png
  zprime plot --model lmu-ltau --inputs ibe2016 -o fig1.svg
  zprime spectrum --model lmu-ltau --mass 0.05 --g 1e-3 --csv
  zprime models
  zprime data --inputs altmannshofer2014
  zprime reproduce 004
  zprime fit --inputs altmannshofer2014 --param mass=0.001:1 --param g=1e-5:1e-2 --grid 15
  zprime scan-wu --mass 0.14 --csv > wu.csv
  zprime scan --model lmu-ltau --param mass=1e-3:1 --param g=1e-5:1e-2 --sobol 1000 -o scan.csv

Units: GeV for masses and widths, metres for decay lengths. Every input has a citation:
see `zprime data`.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Every observable and constraint at one point (m_Z', coupling).
    Point(point::Args),
    /// Coupling limits of every constraint over a grid of masses.
    Limits(limits::Args),
    /// Draw the exclusion plot in the (m_Z', g) plane (SVG, PNG or PDF).
    Plot(plot::Args),
    /// The muon spectrum of K+ -> mu+ nu Z' (CSV, JSON, figure), or BR/g^2 against m_Z'.
    Spectrum(spectrum::Args),
    /// List the preset models, their charges and parameters.
    Models(models::Args),
    /// List every shipped input, measurement and constraint with its citation.
    Data(data::Args),
    /// Recompute the numbers printed in the source papers, with their inputs.
    Reproduce(reproduce::Args),
    /// Best fit of the combined likelihood of the constraints over a scan (chi^2, Delta chi^2).
    Fit(fit::Args),
    /// Sample a model's parameters (grid, random, Sobol; in shards) and stream every point's
    /// observables and constraint statuses as CSV or Parquet; `scan merge` joins the shards.
    Scan(scan::Args),
    /// Paper 002's Scenario II scan of the right-handed up-quark mixing (W_u)_1i (b-l-23).
    ScanWu(scan_wu::Args),
}

/// Let the kernel end the process quietly when the reader of stdout goes away
/// (`zprime limits --csv | head -1`), as grep and other Unix filters do. Rust ignores SIGPIPE
/// by default, so every `println!` after the reader has gone would panic with "Broken pipe".
fn restore_default_sigpipe() {
    #[cfg(unix)]
    #[allow(unsafe_code)] // the one libc call of the program, see SAFETY
    // SAFETY: called first thing in `main`, before any thread exists; setting the default
    // disposition of SIGPIPE has no other effect on the program.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Point(a) => point::run(&a),
        Command::Limits(a) => limits::run(&a),
        Command::Plot(a) => plot::run(&a),
        Command::Spectrum(a) => spectrum::run(&a),
        Command::Models(a) => models::run(&a),
        Command::Data(a) => data::run(&a),
        Command::Reproduce(a) => reproduce::run(&a),
        Command::ScanWu(a) => scan_wu::run(&a),
        Command::Fit(a) => fit::run(&a),
        Command::Scan(a) => scan::run(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let invalid = e
                .downcast_ref::<zprime::Error>()
                .is_some_and(zprime::Error::is_invalid_input)
                || e.downcast_ref::<common::UsageError>().is_some();
            eprintln!("zprime: error: {e}");
            if invalid {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}
