//! # zprime
//!
//! Phenomenology of light Z' gauge bosons that couple to muons and, through mixing or loops,
//! to quarks. Data flows one way:
//!
//! inputs + model → couplings → observables → constraints (with experiments) → scans → CLI, plots.
//!
//! Units: GeV for energies, masses and widths, seconds for lifetimes, metres for lengths.

pub mod ckm;
pub mod constraints;
pub mod couplings;
pub mod data;
pub mod error;
pub mod experiments;
pub mod flavour;
pub mod inputs;
pub mod likelihood;
pub mod loops;
pub mod math;
pub mod model;
pub mod observables;
pub mod reproduce;
pub mod scan;

pub use error::{Error, Result};
pub use inputs::{InputSet, StandardModel};
pub use model::{Model, Point};
