//! Every error about a command-line value names the flag as the user typed it, the value and
//! what is allowed, and exits with code 2: one table of bad invocations over every subcommand.

mod common;

use common::assert_usage_errors;

#[test]
fn every_error_about_a_flag_names_the_flag_and_the_value() {
    assert_usage_errors(&[
        // point
        (
            &[
                "point",
                "--inputs",
                "no-such-set",
                "--mass",
                "0.1",
                "--g",
                "1e-3",
            ],
            "--inputs no-such-set",
        ),
        (
            &[
                "point",
                "--inputs",
                "no-such-set",
                "--mass",
                "0.1",
                "--g",
                "1e-3",
            ],
            "known: default",
        ),
        (
            &[
                "point",
                "--inputs",
                "/no/such/file.toml",
                "--mass",
                "0.1",
                "--g",
                "1e-3",
            ],
            "--inputs /no/such/file.toml",
        ),
        (
            &["point", "--model", "nope", "--mass", "0.1", "--g", "1e-3"],
            "--model nope",
        ),
        (
            &["point", "--mass", "1e5", "--g", "1e-3"],
            "invalid value 100000 for '--mass'",
        ),
        (
            &["point", "--mass", "0.1", "--g", "20"],
            "invalid value 20 for '--g': allowed range is 0 <= g <= 4 pi",
        ),
        (
            &["point", "--mass", "0.1", "--g", "1e-3", "--param", "foo=1"],
            "--param foo=...",
        ),
        (
            &["point", "--mass", "0.1", "--g", "1e-3", "--param", "foo=x"],
            "--param foo",
        ),
        (
            &[
                "point",
                "--model",
                "lmu-ltau+b3",
                "--mass",
                "0.1",
                "--g",
                "1e-3",
                "--param",
                "eps=30",
            ],
            "'--param eps'",
        ),
        (
            &[
                "point",
                "--model",
                "dark-photon",
                "--mass",
                "0.1",
                "--param",
                "eps=20",
            ],
            "'--param eps'",
        ),
        (
            &[
                "point",
                "--mass",
                "0.1",
                "--g",
                "1e-3",
                "--constraints",
                "/no/such.toml",
            ],
            "--constraints /no/such.toml",
        ),
        // limits
        (
            &["limits", "--inputs", "no-such-set"],
            "--inputs no-such-set",
        ),
        (&["limits", "--model", "nope"], "--model nope"),
        (&["limits", "--mass-min", "0"], "'--mass-min'"),
        (
            &["limits", "--mass-min", "1", "--mass-max", "0.5"],
            "'--mass-max'",
        ),
        (&["limits", "--points", "1"], "'--points'"),
        (&["limits", "--mass", "-1"], "invalid value -1 for '--mass'"),
        (&["limits", "--param", "foo=1"], "--param foo"),
        (
            &["limits", "--constraints", "/no/such.toml"],
            "--constraints /no/such.toml",
        ),
        // plot
        (
            &["plot", "--inputs", "no-such-set", "-o", "x.svg"],
            "--inputs no-such-set",
        ),
        (&["plot", "-o", "x.gif"], "-o x.gif"),
        (&["plot", "--g-min", "0", "-o", "x.svg"], "--g-min 0"),
        (&["plot", "--dpi", "1", "-o", "x.png"], "--dpi 1"),
        (
            &["plot", "--mass-max", "1e9", "-o", "x.svg"],
            "'--mass-max'",
        ),
        (
            &["plot", "--constraints", "/no/such.toml", "-o", "x.svg"],
            "--constraints /no/such.toml",
        ),
        // spectrum
        (&["spectrum", "--mass", "50", "--g", "1e-3"], "'--mass'"),
        (
            &["spectrum", "--mass", "50", "--g", "1e-3"],
            "M_K - m_mu = 0.3880 GeV",
        ),
        (
            &["spectrum", "--mass", "50", "--g", "1e-3"],
            "masses are in GeV",
        ),
        (
            &["spectrum", "--mass", "0.05", "--g", "1e-3", "--points", "1"],
            "'--points'",
        ),
        (
            &[
                "spectrum", "--mass", "0.05", "--g", "1e-3", "--inputs", "nope",
            ],
            "--inputs nope",
        ),
        (
            &["spectrum", "--mass", "0.05", "--g", "1e-3", "-o", "x.gif"],
            "-o x.gif",
        ),
        (&["spectrum", "--mass", "0.05", "--g", "99"], "'--g'"),
        // models, data, reproduce
        (&["models", "nope"], "models NAME: nope"),
        (&["data", "--inputs", "nope"], "--inputs nope"),
        (&["data", "--file", "nope.toml"], "--file nope.toml"),
        (&["reproduce", "nope"], "reproduce ID: nope"),
        // scan-wu
        (&["scan-wu", "--inputs", "nope"], "--inputs nope"),
        (&["scan-wu", "--inputs", "default"], "'--inputs'"),
        (&["scan-wu", "--inputs", "default"], "anomaly"),
        (&["scan-wu", "--band", "nope"], "--band nope"),
        (&["scan-wu", "--mass", "1"], "'--mass'"),
        (&["scan-wu", "--samples", "0"], "'--samples'"),
        (
            &["scan-wu", "--target", "1e-9", "--sigma1", "1,2"],
            "--sigma2",
        ),
        (
            &[
                "scan-wu", "--target", "1e-9", "--sigma1", "x", "--sigma2", "1,2",
            ],
            "--sigma1",
        ),
        (&["scan-wu", "-o", "x.gif"], "-o x.gif"),
    ]);
}
