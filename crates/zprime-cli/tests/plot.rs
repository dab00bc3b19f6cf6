//! End-to-end tests of `zprime plot`: SVG and PNG files, bad input.

mod common;

use common::{assert_usage_errors, zprime};

#[test]
fn plot_draws_a_users_constraint_file() {
    let dir = std::env::temp_dir().join(format!("zprime-plot-constraints-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mine.svg");
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../zprime/tests/data/test_constraints.toml"
    );
    zprime()
        .args([
            "plot",
            "--points",
            "30",
            "--constraints",
            file,
            "-o",
            path.to_str().unwrap(),
        ])
        .assert()
        .success();
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(
        svg.contains("flat"),
        "the user's constraint is drawn with its label"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn plot_writes_svg_and_png() {
    let dir = std::env::temp_dir().join(format!("zprime-plot-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["fig.svg", "fig.png"] {
        let path = dir.join(name);
        zprime()
            .args([
                "plot",
                "--model",
                "lmu-ltau",
                "--points",
                "60",
                "-o",
                path.to_str().unwrap(),
            ])
            .assert()
            .success();
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.len() > 1000);
        if std::path::Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png"))
        {
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        } else {
            let s = String::from_utf8(bytes).unwrap();
            assert!(s.contains("<svg") && !s.contains("NaN"));
            assert!(s.contains("default"), "the caption names the input set");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_input_exits_2_with_a_message_naming_the_parameter() {
    assert_usage_errors(&[
        (&["plot", "-o", "x.gif"], ".svg"),
        (&["plot", "--g-min", "0", "-o", "x.svg"], "g-min"),
    ]);
}

#[test]
fn help_teaches_with_examples() {
    common::assert_help_has_examples("plot");
}

#[test]
fn dpi_sets_the_png_resolution() {
    let dir = std::env::temp_dir().join(format!("zprime-plot-dpi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("print.png");
    zprime()
        .args(["plot", "--points", "20", "--dpi", "300", "-o"])
        .arg(&path)
        .assert()
        .success();
    let bytes = std::fs::read(&path).unwrap();
    // IHDR width: 1000 px at 150 dpi, so 2000 px at 300 dpi.
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 2000);
    std::fs::remove_dir_all(&dir).ok();
    assert_usage_errors(&[
        (&["plot", "--dpi", "10", "-o", "x.png"], "--dpi"),
        (
            &["plot", "--dpi", "nan", "-o", "x.png"],
            "50 <= dpi <= 1200",
        ),
    ]);
}

#[test]
fn title_and_not_included_come_from_the_model_file() {
    let dir = std::env::temp_dir().join(format!("zprime-plot-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = |model: &str| {
        let path = dir.join("fig.svg");
        zprime()
            .args(["plot", "--points", "20", "--model", model, "-o"])
            .arg(&path)
            .assert()
            .success();
        std::fs::read_to_string(&path).unwrap()
    };
    let preset = svg("dark-photon");
    assert!(preset.contains("dark photon Z′ (default inputs)"));
    assert!(preset.contains("Not included yet: beam dumps"));
    // A user file without title or list: its name as the title, no such caption line.
    let file = dir.join("lmu-le.toml");
    std::fs::write(
        &file,
        "name = 'lmu-le'\n[charges]\nl_L = [-1, 1, 0]\ne_R = [-1, 1, 0]\nnu_R = [-1, 1, 0]\n",
    )
    .unwrap();
    let user = svg(file.to_str().unwrap());
    assert!(user.contains("lmu-le Z′ (default inputs)"));
    assert!(!user.contains("Not included"));
    std::fs::remove_dir_all(&dir).ok();
}
