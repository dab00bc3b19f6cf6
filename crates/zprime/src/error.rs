//! The library's error type. Every error says what is wrong in one line and names the
//! parameter, file or field concerned; `is_invalid_input` tells the CLI which exit code to use.

/// Errors of the zprime library.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// A parameter value outside its allowed range (or not finite).
    #[error("invalid value {value} for '{name}': allowed range is {allowed}")]
    InvalidParameter {
        /// Parameter name as the user typed it.
        name: String,
        /// The offending value, as text.
        value: String,
        /// Human-readable allowed range, e.g. "0 < mass < 1e4 GeV".
        allowed: String,
    },
    /// A name (model, parameter, input set, observable, constraint) that is not known.
    #[error("unknown {kind} '{name}' (known: {known})")]
    Unknown {
        /// What kind of thing was looked up.
        kind: &'static str,
        /// The name that was not found.
        name: String,
        /// The valid names.
        known: String,
    },
    /// A data or model file that does not parse or has a bad field.
    #[error("{file}: {message}")]
    File {
        /// File name (or embedded data file name).
        file: String,
        /// What is wrong, naming the field and what was expected.
        message: String,
    },
    /// A model that fails anomaly cancellation, when that is an error (`--strict`).
    #[error("model '{model}' is anomalous: {conditions} do not cancel")]
    Anomalous {
        /// Model name.
        model: String,
        /// The failing conditions.
        conditions: String,
    },
    /// An observable that is not defined or not computed for this model (e.g. K -> mu nu Z'
    /// for a Z' that couples to the kaon): reported, never replaced by a wrong number.
    #[error("{observable} is not applicable: {reason}")]
    NotApplicable {
        /// The observable.
        observable: String,
        /// Why.
        reason: String,
    },
    /// A numerical routine failed (never expected inside the documented domain).
    #[error("numerical failure in {context}: {message}")]
    Numerical {
        /// Where it happened.
        context: String,
        /// The reason.
        message: String,
    },
}

impl Error {
    /// True when the error is caused by the user's input (exit code 2 in the CLI).
    pub fn is_invalid_input(&self) -> bool {
        // NotApplicable reaches the user only when they asked for that observable for a
        // model it does not cover: an input error too.
        !matches!(self, Error::Numerical { .. })
    }

    /// Shorthand for a problem in a data or model file (`file` names it, `message` names the
    /// field and what was expected).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        // One line, whatever the message comes from (a parser's multi-line report, say).
        let message: String = message.into();
        Error::File {
            file: file.into(),
            message: message.split_whitespace().collect::<Vec<_>>().join(" "),
        }
    }

    /// Shorthand for an out-of-range parameter.
    pub fn invalid(name: &str, value: f64, allowed: &str) -> Self {
        // Very small or large values in exponent notation, as the user would type them.
        let a = value.abs();
        let value = if a != 0.0 && a.is_finite() && !(1e-4..1e6).contains(&a) {
            format!("{value:e}")
        } else {
            format!("{value}")
        };
        Error::InvalidParameter {
            name: name.to_string(),
            value,
            allowed: allowed.to_string(),
        }
    }
}

/// The item of `items` whose key is `name`, or an `Unknown` error of the given `kind` that
/// lists every key (what `zprime` prints for a mistyped name).
pub fn lookup<'a, T>(
    items: &'a [T],
    name: &str,
    kind: &'static str,
    key: impl Fn(&T) -> &str,
) -> Result<&'a T> {
    items
        .iter()
        .find(|i| key(i) == name)
        .ok_or_else(|| Error::Unknown {
            kind,
            name: name.to_string(),
            known: items.iter().map(&key).collect::<Vec<_>>().join(", "),
        })
}

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
