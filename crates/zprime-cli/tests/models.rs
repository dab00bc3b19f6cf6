//! End-to-end tests of `zprime models`.

mod common;

use common::zprime;
use predicates::prelude::*;

#[test]
fn models_list_everything() {
    zprime().arg("models").assert().success().stdout(
        predicate::str::contains("lmu-ltau")
            .and(predicate::str::contains("b-l-23"))
            .and(predicate::str::contains("dark-photon"))
            .and(predicate::str::contains("anomaly free")),
    );
}

#[test]
fn help_teaches_with_examples() {
    common::assert_help_has_examples("models");
}
