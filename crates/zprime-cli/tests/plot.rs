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

/// A scratch directory for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("zprime-plot-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `plot ... --no-caption --caption-file FILE -o FIG.svg` with `args`: the caption text and
/// the SVG.
fn caption_and_svg(dir: &std::path::Path, args: &[&str]) -> (String, String) {
    let caption = dir.join("caption.txt");
    let fig = dir.join("fig.svg");
    // The SVG without its caption: its text is the legend's.
    let mut all = vec!["plot", "--points", "40", "--no-caption"];
    all.extend_from_slice(args);
    all.extend([
        "--caption-file",
        caption.to_str().unwrap(),
        "-o",
        fig.to_str().unwrap(),
    ]);
    zprime().args(&all).assert().success();
    (
        std::fs::read_to_string(caption).unwrap(),
        std::fs::read_to_string(fig).unwrap(),
    )
}

/// The crowding rule: the default lmu-ltau figure draws g-2, trident, Borexino and tau, and
/// names the far weaker meson-decay limits in one caption line; --all-constraints draws
/// them. The caption cites papers by their references, never by the project's numbers, and
/// ends with what the model still lacks.
#[test]
fn weak_constraints_are_named_not_drawn_and_papers_cited_by_reference() {
    let dir = scratch("crowding");
    let (caption, svg) = caption_and_svg(&dir, &["--model", "lmu-ltau"]);
    assert!(svg.contains("CCFR ν trident"), "trident drawn");
    let hidden = caption
        .lines()
        .find(|l| l.starts_with("Not drawn"))
        .expect("a 'Not drawn' line");
    assert!(hidden.contains("NA62 2016-22 K⁺ → π⁺ X"), "{hidden}");
    assert!(
        !svg.contains("NA62 2016-22 K⁺ → π⁺ X (90% CL)"),
        "not in the legend"
    );
    assert!(!caption.contains("paper 0"), "{caption}");
    assert!(caption.contains("Altmannshofer et al., PRD 89 (2014) 095033, arXiv:1403.1269"));
    assert!(caption
        .lines()
        .last()
        .unwrap()
        .starts_with("Not included yet:"));
    let (caption, svg) = caption_and_svg(&dir, &["--model", "lmu-ltau", "--all-constraints"]);
    assert!(!caption.contains("Not drawn"));
    assert!(svg.contains("NA62 2016-22"));
    std::fs::remove_dir_all(&dir).ok();
}

/// --no-caption leaves the caption out (a shorter image); the caption file is written anyway.
#[test]
fn no_caption_and_caption_file() {
    let dir = scratch("caption");
    let height = |path: &std::path::Path| {
        let bytes = std::fs::read(path).unwrap();
        u32::from_be_bytes(bytes[20..24].try_into().unwrap())
    };
    let with = dir.join("with.png");
    let without = dir.join("without.png");
    let text = dir.join("caption.txt");
    zprime()
        .args(["plot", "--points", "30", "-o", with.to_str().unwrap()])
        .assert()
        .success();
    zprime()
        .args([
            "plot",
            "--points",
            "30",
            "--no-caption",
            "--caption-file",
            text.to_str().unwrap(),
            "-o",
            without.to_str().unwrap(),
        ])
        .assert()
        .success();
    assert!(height(&without) < height(&with));
    // the caption takes at most a quarter of the figure
    assert!(4 * (height(&with) - height(&without)) <= height(&with));
    assert!(std::fs::read_to_string(&text)
        .unwrap()
        .starts_with("zprime "));
    std::fs::remove_dir_all(&dir).ok();
}

/// --constraints IDS draws only those; --exclude leaves one out; --gm2 picks the g-2 theory
/// (WP20: the Standard Model is outside, so the band is drawn and called preferred).
#[test]
fn constraints_exclude_and_gm2_choose_what_is_drawn() {
    let dir = scratch("select");
    let (caption, svg) = caption_and_svg(
        &dir,
        &[
            "--constraints",
            "trident:CCFR,nue:Borexino",
            "--exclude",
            "nue:Borexino",
        ],
    );
    assert!(svg.contains("CCFR ν trident"));
    assert!(!svg.contains("Borexino") && !caption.contains("Borexino"));
    assert!(!svg.contains("(g−2)"));
    let (caption, svg) = caption_and_svg(&dir, &["--gm2", "WP20"]);
    assert!(caption.contains("WA25 − WP20"), "{caption}");
    assert!(svg.contains("preferred (1σ)"));
    assert!(!caption.contains("WA25 − WP25"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_selection_flags_exit_2_naming_the_flag() {
    assert_usage_errors(&[
        (
            &["plot", "--constraints", "no:such", "-o", "x.svg"],
            "--constraints no:such: unknown constraint id (known: ",
        ),
        (
            &["plot", "--exclude", "nope", "-o", "x.svg"],
            "--exclude nope",
        ),
        (&["plot", "--gm2", "WP99", "-o", "x.svg"], "--gm2 WP99"),
        (&["plot", "--gm2", "WP99", "-o", "x.svg"], "WP25, WP20"),
        (
            &[
                "plot",
                "--points",
                "5",
                "--caption-file",
                "/no/such/dir/c.txt",
                "-o",
                "/tmp/zprime-caption-test.svg",
            ],
            "--caption-file /no/such/dir/c.txt",
        ),
    ]);
}

#[test]
fn plot_draws_published_curves_and_zprimes_own_hepdata_tables() {
    let dir = std::env::temp_dir().join(format!("zprime-plot-curves-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let hepdata = dir.join("hepdata");
    zprime()
        .args(["limits", "--points", "20", "--hepdata"])
        .arg(&hepdata)
        .assert()
        .success();
    let index = std::fs::read_to_string(hepdata.join("submission.yaml")).unwrap();
    assert!(index.contains("data_file: constraint_1.yaml"));
    let eps = dir.join("dark_photon.csv");
    std::fs::write(
        &eps,
        "# label: my eps curve\n# reference: Test, not a search\n# coupling: eps\n# cl: 0.9\nmass,coupling\n0.01,2e-3\n0.1,3e-3\n1,1e-2\n",
    )
    .unwrap();
    let svg = dir.join("curves.svg");
    // a dark-photon curve on a g' plot needs the explicit conversion
    let out = zprime()
        .args(["plot", "--points", "20", "--curve"])
        .arg(&eps)
        .arg("-o")
        .arg(&svg)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--curve-as-g"));
    zprime()
        .args(["plot", "--points", "20", "--curve-as-g", "--curve"])
        .arg(&eps)
        .arg("--curve")
        .arg(hepdata.join("constraint_1.yaml"))
        .arg("-o")
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("my eps curve") && text.contains("e eps"));
    // an input-set file lists curves, relative to itself
    std::fs::write(
        dir.join("g_curve.csv"),
        "# label: my g curve\n# reference: Test, not a search\n# coupling: g\n# cl: 0.9\nmass,coupling\n0.01,2e-3\n1,1e-2\n",
    )
    .unwrap();
    let set = dir.join("set.toml");
    std::fs::write(
        &set,
        "name = \"with-curve\"\ndescription = \"test\"\nbase = \"default\"\ncurves = [\"g_curve.csv\"]\n",
    )
    .unwrap();
    zprime()
        .args(["plot", "--points", "20", "--inputs"])
        .arg(&set)
        .arg("-o")
        .arg(&svg)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&svg)
        .unwrap()
        .contains("my g curve"));
    assert_usage_errors(&[(&["plot", "--curve", "/nonexistent/curve.csv"], "--curve")]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn plot_chi2_draws_the_combined_contours() {
    let dir = std::env::temp_dir().join(format!("zprime-plot-chi2-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg_of = |extra: &[&str], name: &str| -> String {
        let path = dir.join(name);
        let mut args = vec![
            "plot",
            "--inputs",
            "altmannshofer2014",
            "--points",
            "40",
            "-o",
            path.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        zprime().args(&args).assert().success();
        std::fs::read_to_string(&path).unwrap()
    };
    let plain = svg_of(&[], "plain.svg");
    let chi2 = svg_of(&["--chi2"], "chi2.svg");
    assert!(!plain.contains("(combined)"));
    // the legend entry "Δχ² = 2.30, 6.18 (combined)" (wrapped into two lines)
    assert!(chi2.contains("Δχ² = 2.30, 6.18"), "legend entry");
    assert!(chi2.contains("(combined)"), "legend entry");
    // the contours: black stroked paths (solid and dashed) that the plain figure lacks
    let black = |s: &str| s.matches(r##"stroke="#000000""##).count();
    assert!(
        black(&chi2) >= black(&plain) + 2,
        "{} {}",
        black(&chi2),
        black(&plain)
    );
    assert!(chi2.contains("stroke-dasharray"));
    std::fs::remove_dir_all(&dir).ok();
}
