//! The fraction of the produced Z's a search sees, one mechanism for the limit curves and grids
//! (`# final_state:` in a curve or grid header). A search for `parent -> daughter + X` limits
//! BR(parent -> daughter X) times the fraction of X's that give its signature:
//!
//! * `final_state: invisible` (missing mass): the X must leave the detector unseen. A Z' that
//!   decays to neutrinos always does; one that decays visibly does only if it decays beyond
//!   the detector: fraction = BR(Z' -> invisible) + (1 − BR(Z' -> invisible)) e^{−L/(βγ cτ)};
//!   without a decay length only BR(Z' -> invisible) counts (a visible decay is assumed seen,
//!   the conservative choice).
//! * `final_state: mumu` (a μ⁺μ⁻ resonance): fraction = BR(Z' -> μμ) (1 − e^{−L/(βγ cτ)}); without
//!   a decay length the Z' decays promptly: BR(Z' -> μμ).
//! * no `final_state`: the observable of the file already is what the search limits.
//!
//! For a curve (no lifetime column) the header gives the experiment's fiducial length
//! `# decay_length_m: L` and the typical Z' boost, either `# boost_gamma_beta: x` (a fixed
//! βγ) or `# boost_momentum_gev: p` (βγ = p/m_Z', a typical Z' momentum in the laboratory);
//! each shipped file says where its numbers come from.
//!
//! For a grid in (mass, cτ) the lifetime dependence is already in the grid: the experiments
//! (and ALPaca, which tabulates them) give the limit on BR(parent -> daughter X) for an X of
//! proper lifetime τ that decays *visibly*, the acceptance for it to escape (invisible
//! searches) or to decay inside the fiducial volume (visible searches) folded in. What the
//! grid does not include is the Z' branching fractions. zprime reads the acceptance off the
//! grid as the ratio of the limits, P(τ) = L_ref/L(τ), with L_ref the limit in the grid's
//! limiting column (the longest cτ for an invisible search: a stable X; the shortest for a
//! visible one: a prompt X), and compares BR × fraction with L_ref:
//!
//! * invisible: fraction = BR(Z' -> invisible) + (1 − BR(Z' -> invisible)) P_escape(τ), with
//!   P_escape = 1 above the grid's longest cτ and 0 below its shortest (no extrapolation);
//! * mumu: fraction = BR(Z' -> μμ) P_decay(τ), with P_decay = 1 below the grid's shortest cτ
//!   and P_decay(τ_max) τ_max/τ above its longest (the long-lifetime limit of
//!   1 − e^{−L/(βγcτ)}).
//!
//! The fraction depends on the coupling only through cτ ∝ 1/g² at fixed mass (the branching
//! fractions of the Z' do not depend on a single coupling): it is evaluated once per mass.

use crate::error::{Error, Result};
use crate::observables::{zp_decays, Context};
use std::collections::BTreeMap;

/// What the search sees of the Z'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinalState {
    /// Missing mass: the Z' leaves the detector unseen.
    Invisible,
    /// A μ⁺μ⁻ pair from the Z' decay.
    MuMu,
}

/// The typical laboratory boost of the Z' in an experiment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Boost {
    /// A fixed βγ.
    GammaBeta(f64),
    /// A typical momentum p (GeV): βγ = p/m_Z'.
    Momentum(f64),
}

impl Boost {
    /// βγ of a Z' of mass `mass` (GeV).
    pub fn gamma_beta(self, mass: f64) -> f64 {
        match self {
            Boost::GammaBeta(x) => x,
            Boost::Momentum(p) => p / mass,
        }
    }
}

/// The header keys of the fraction seen: the final state, and for a curve the decay length
/// and the boost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Acceptance {
    /// The signature.
    pub final_state: FinalState,
    /// The fiducial decay length L (m) and the boost, if the header gives them.
    pub decay: Option<(f64, Boost)>,
}

impl Acceptance {
    /// Read `final_state`, `decay_length_m`, `boost_gamma_beta` / `boost_momentum_gev` from
    /// a header; `None` without `final_state`. `file` names the file in errors.
    pub fn from_header(header: &BTreeMap<String, String>, file: &str) -> Result<Option<Self>> {
        let bad = |m: String| Error::file(file, m);
        let number = |key: &str| -> Result<Option<f64>> {
            match header.get(key) {
                None => Ok(None),
                Some(v) => match v.parse::<f64>() {
                    Ok(x) if x.is_finite() && x > 0.0 => Ok(Some(x)),
                    _ => Err(bad(format!("{key}: '{v}' must be a positive number"))),
                },
            }
        };
        let (length, gb, p) = (
            number("decay_length_m")?,
            number("boost_gamma_beta")?,
            number("boost_momentum_gev")?,
        );
        let Some(state) = header.get("final_state") else {
            if length.is_some() || gb.is_some() || p.is_some() {
                return Err(bad(
                    "decay_length_m and the boost need '# final_state: invisible' or 'mumu'".into(),
                ));
            }
            return Ok(None);
        };
        let final_state = match state.as_str() {
            "invisible" => FinalState::Invisible,
            "mumu" => FinalState::MuMu,
            other => {
                return Err(bad(format!(
                    "final_state '{other}': allowed invisible, mumu"
                )))
            }
        };
        let boost = match (gb, p) {
            (Some(x), None) => Some(Boost::GammaBeta(x)),
            (None, Some(p)) => Some(Boost::Momentum(p)),
            (None, None) => None,
            (Some(_), Some(_)) => {
                return Err(bad(
                    "give one of boost_gamma_beta and boost_momentum_gev".into()
                ))
            }
        };
        let decay = match (length, boost) {
            (Some(l), Some(b)) => Some((l, b)),
            (None, None) => None,
            _ => return Err(bad(
                "decay_length_m and a boost (boost_gamma_beta or boost_momentum_gev) go together"
                    .into(),
            )),
        };
        Ok(Some(Acceptance { final_state, decay }))
    }

    /// The fraction seen by a curve's search, for a Z' with invisible and μμ branching
    /// fractions `b_inv`, `b_mumu` and proper decay length `ctau` (m; infinite if stable) at
    /// mass `mass`.
    pub fn fraction(&self, b_inv: f64, b_mumu: f64, ctau: f64, mass: f64) -> f64 {
        let outside = |l: f64, b: Boost| (-l / (b.gamma_beta(mass) * ctau)).exp();
        match (self.final_state, self.decay) {
            (FinalState::Invisible, None) => b_inv,
            (FinalState::Invisible, Some((l, b))) => b_inv + (1.0 - b_inv) * outside(l, b),
            (FinalState::MuMu, None) => b_mumu,
            (FinalState::MuMu, Some((l, b))) => b_mumu * (1.0 - outside(l, b)),
        }
    }
}

/// The Z' decays the fraction needs: Γ(Z'), BR(Z' -> invisible), BR(Z' -> μμ) and cτ(Z'),
/// all from one evaluation of the partial widths ([`zp_decays::widths`]; the same numbers as
/// the observables `Gamma(Zp)`, `BR(Zp->invisible)`, `BR(Zp->mumu)`, `ctau(Zp)`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Decays;

/// The Z' branching fractions and lifetime at one mass, for the coupling dependence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AtMass {
    /// BR(Z' -> invisible).
    pub b_inv: f64,
    /// BR(Z' -> μμ).
    pub b_mumu: f64,
    /// cτ (m) at coupling 1 (infinite for a stable Z').
    pub ctau_unit: f64,
}

impl AtMass {
    /// cτ (m) at coupling `c` (cτ ∝ 1/c²).
    pub fn ctau(&self, c: f64) -> f64 {
        self.ctau_unit / (c * c)
    }
}

impl Decays {
    /// Branching fractions and cτ at the point; a Z' without an open channel is stable and
    /// invisible (it leaves every detector).
    pub fn at_point(&self, ctx: &Context) -> Result<AtMass> {
        let w = zp_decays::widths(ctx)?;
        let total = w.total();
        if total.is_nan() || total <= 0.0 {
            return Ok(AtMass {
                b_inv: 1.0,
                b_mumu: 0.0,
                ctau_unit: f64::INFINITY,
            });
        }
        Ok(AtMass {
            b_inv: w.invisible() / total,
            b_mumu: w.mumu() / total,
            ctau_unit: ctx.sm.hbar_c / total,
        })
    }

    /// The branching fractions and cτ at coupling 1 at the point's mass (one coupling: the
    /// branching fractions do not depend on it and cτ ∝ 1/c²).
    pub fn at_mass(&self, ctx: &Context) -> Result<AtMass> {
        let one = ctx.point.with_coupling(1.0);
        self.at_point(&Context {
            point: &one,
            ..*ctx
        })
    }

    /// The branching fractions and cτ at coupling `c` at the point's mass, as
    /// [`AtMass`] with `ctau_unit` the cτ at `c` times c² (so that [`AtMass::ctau`] gives it).
    pub fn at_coupling(&self, ctx: &Context, c: f64) -> Result<AtMass> {
        let p = ctx.point.with_coupling(c);
        let mut a = self.at_point(&Context { point: &p, ..*ctx })?;
        a.ctau_unit *= c * c;
        Ok(a)
    }

    /// The decay data as a function of the coupling at the point's mass: from one evaluation
    /// for a one-coupling point, at each coupling otherwise.
    pub fn in_coupling<'a>(
        &'a self,
        ctx: &Context<'a>,
    ) -> Result<Box<dyn Fn(f64) -> Result<AtMass> + 'a>> {
        if ctx.point.single_coupling() {
            let a = self.at_mass(ctx)?;
            return Ok(Box::new(move |_| Ok(a)));
        }
        let ctx = *ctx;
        Ok(Box::new(move |c| self.at_coupling(&ctx, c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    /// The closed forms of the module documentation.
    #[test]
    fn fractions_in_closed_form() {
        let inv = Acceptance::from_header(&header(&[("final_state", "invisible")]), "f")
            .unwrap()
            .unwrap();
        assert_eq!(inv.fraction(0.4, 0.6, 1e-3, 0.3), 0.4);
        let inv_l = Acceptance::from_header(
            &header(&[
                ("final_state", "invisible"),
                ("decay_length_m", "3"),
                ("boost_gamma_beta", "5"),
            ]),
            "f",
        )
        .unwrap()
        .unwrap();
        let (ctau, b) = (0.6, 0.4);
        let escape = (-3.0_f64 / (5.0 * ctau)).exp();
        let f = inv_l.fraction(b, 0.6, ctau, 0.3);
        assert!((f - (b + (1.0 - b) * escape)).abs() < 1e-15);
        // A stable Z' always escapes; a prompt one never.
        assert_eq!(inv_l.fraction(b, 0.6, f64::INFINITY, 0.3), 1.0);
        assert_eq!(inv_l.fraction(b, 0.6, 0.0, 0.3), b);
        let mumu_p = Acceptance::from_header(
            &header(&[
                ("final_state", "mumu"),
                ("decay_length_m", "2"),
                ("boost_momentum_gev", "30"),
            ]),
            "f",
        )
        .unwrap()
        .unwrap();
        let gb = 30.0 / 0.25;
        let f = mumu_p.fraction(0.4, 0.6, ctau, 0.25);
        assert!((f - 0.6 * (1.0 - (-2.0 / (gb * ctau)).exp())).abs() < 1e-15);
        let prompt = Acceptance::from_header(&header(&[("final_state", "mumu")]), "f")
            .unwrap()
            .unwrap();
        assert_eq!(prompt.fraction(0.4, 0.6, 1e3, 0.25), 0.6);
        assert_eq!(Acceptance::from_header(&header(&[]), "f").unwrap(), None);
    }

    #[test]
    fn bad_headers_name_the_key() {
        for (pairs, needle) in [
            (vec![("final_state", "photons")], "final_state"),
            (vec![("decay_length_m", "3")], "final_state"),
            (
                vec![("final_state", "mumu"), ("decay_length_m", "3")],
                "boost",
            ),
            (
                vec![("final_state", "mumu"), ("decay_length_m", "-3")],
                "decay_length_m",
            ),
            (
                vec![
                    ("final_state", "mumu"),
                    ("decay_length_m", "3"),
                    ("boost_gamma_beta", "1"),
                    ("boost_momentum_gev", "1"),
                ],
                "one of",
            ),
        ] {
            let e = Acceptance::from_header(&header(&pairs), "my.csv")
                .unwrap_err()
                .to_string();
            assert!(e.contains("my.csv") && e.contains(needle), "{e}");
        }
    }
}
