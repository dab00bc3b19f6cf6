//! Loop functions: the Passarino–Veltman library ([`pv`]: A0 … C22 in LoopTools conventions)
//! and the closed-form loop functions of the papers ([`functions`]: F₁, D₀, D̃₀, the large-m_U
//! functions of paper 000, …), and the fermion vacuum-polarization integral
//! ([`vacuum_polarization`]) of the kinetic mixing.
//!
//! Everything here is our own implementation (MIT OR Apache-2.0): the complex dilogarithm
//! ([`special`]) with an explicit +i0/−i0 side, the factorized logarithms of the Feynman-
//! parameter quadratics, the 't Hooft–Veltman C0, the tensor reduction and a direct
//! Feynman-parameter integration for the small-Gram-determinant region.

#![allow(clippy::needless_range_loop)] // index loops mirror the formulas

mod direct;
pub mod functions;
pub mod pv;
mod quadratic;
pub mod special;
pub mod vacuum_polarization;

pub use pv::{a0, b0, b00, b1, b11, b_all, c0, cset, cset_direct, CSet, Uv};
pub use vacuum_polarization::vacuum_polarization_integral;

#[cfg(test)]
mod tests;
