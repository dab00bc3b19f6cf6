//! The reproduction suite: every number of the source papers that zprime reproduces, with the
//! paper's own input set. One module per paper (file names follow shared/papers).

mod common;
mod p000_fuyuto2014;
mod p001_ibe2016;
mod p001_kaon;
mod p001_nue;
mod p001_trident;
mod p002_kang2020;
mod p003_jho2020;
mod p004_altmannshofer2014;
mod table;
