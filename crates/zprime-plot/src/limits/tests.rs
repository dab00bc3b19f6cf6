//! Figure assembly and the styles file, on a synthetic report (independent of the
//! physics: the adapter from the library's report is exercised by the CLI tests).

use super::report::{ConstraintView, MassView, ReportView};
use super::*;
use crate::{Colour, LineStyle};

const STYLES: &str = r##"
[defaults]
palette = ["#000001", "#000002", "#000003"]
fill = 0.3
line = "solid"
projection_line = "dashed"
projection_width = 2
band_fill_inner = 0.55
band_fill_outer = 0.25
expected_fill = 0.45
expected_colour_1sigma = "#00ff00"
expected_colour_2sigma = "#ffff00"

[[style]]
match = "a:*"
colour = "#aa0000"

[[style]]
match = "a:b:*"
colour = "#bb0000"
line = "dotted"

[[style]]
match = "a:b:exact"
colour = "#cc0000"
fill = 0.0
order = -1
"##;

#[test]
fn styles_match_exact_id_then_longest_prefix_then_palette() {
    let s = PlotStyles::from_toml(STYLES).unwrap();
    let exact = s.style_for("a:b:exact", 0, false);
    assert_eq!(exact.colour, Colour::rgb(0xcc, 0, 0));
    assert_eq!((exact.fill, exact.order), (0.0, -1));
    // Unset fields of a matching style take the defaults (line of a region: solid).
    assert_eq!(exact.line, LineStyle::Solid);
    let longer = s.style_for("a:b:other", 0, false);
    assert_eq!(longer.colour, Colour::rgb(0xbb, 0, 0));
    assert_eq!(longer.line, LineStyle::Dotted);
    assert_eq!(s.style_for("a:x", 0, false).colour, Colour::rgb(0xaa, 0, 0));
    // No match: the palette by position, cycling; a projection is dashed by default.
    assert_eq!(s.style_for("z", 1, false).colour, Colour::rgb(0, 0, 2));
    assert_eq!(s.style_for("z", 4, false).colour, Colour::rgb(0, 0, 2));
    assert_eq!(s.style_for("z", 0, true).line, LineStyle::Dashed);
    // "a:" alone is no id of the "a:*" family only by accident: prefixes are plain text.
    assert_eq!(s.style_for("a:", 0, false).colour, Colour::rgb(0xaa, 0, 0));
}

#[test]
fn shipped_styles_parse() {
    let s = PlotStyles::embedded().unwrap();
    assert_eq!(
        s.style_for("g-2:WA2025-WP25", 0, false).colour,
        Colour::rgb(213, 94, 0)
    );
    assert_eq!(
        s.style_for("nue:CHARM-II-bar", 0, false).colour,
        Colour::rgb(190, 150, 220)
    );
}

#[test]
fn bad_styles_name_the_field() {
    let cases = [
        (STYLES.replace("#aa0000", "red"), "style 'a:*'"),
        (STYLES.replace("\"dotted\"", "\"wavy\""), "wavy"),
        (STYLES.replace("fill = 0.0", "fill = 2.0"), "opacity 2"),
        (STYLES.replace("\"a:*\"", "\"a*b\""), "prefix ending in *"),
        (
            STYLES.replace(
                "palette = [\"#000001\", \"#000002\", \"#000003\"]",
                "palette = []",
            ),
            "defaults.palette",
        ),
        (
            STYLES.replace("projection_width = 2", "projection_width = 0"),
            "projection_width",
        ),
        (STYLES.replace("order = -1", "colur = \"#000000\""), "colur"),
    ];
    for (text, needle) in cases {
        let err = PlotStyles::from_toml(&text).unwrap_err().to_string();
        assert!(err.contains(needle), "{needle}: {err}");
    }
}

fn mass(valid: bool, excluded: &[[f64; 2]], preferred: &[&[[f64; 2]]]) -> MassView {
    MassView {
        valid,
        excluded: excluded.to_vec(),
        preferred: preferred.iter().map(|p| p.to_vec()).collect(),
        expected: vec![],
    }
}

/// The combined exclusion of a synthetic view, as `zprime::scan::envelope` computes it.
fn with_envelope(mut r: ReportView) -> ReportView {
    r.envelope = (0..r.masses.len())
        .map(|i| {
            r.constraints
                .iter()
                .filter(|c| !c.projection && c.at_mass[i].valid)
                .flat_map(|c| c.at_mass[i].excluded.iter().map(|e| e[0]))
                .reduce(f64::min)
        })
        .collect();
    r
}

fn view() -> ReportView {
    let upper = [[1e-3, COUPLING_MAX]];
    with_envelope(ReportView {
        envelope: vec![],
        inputs: "test".into(),
        gauge_coupling: true,
        masses: vec![0.01, 0.1, 1.0],
        constraints: vec![
            ConstraintView {
                id: "a:x".into(),
                label: "A".into(),
                observable: "Delta a_mu".into(),
                cl: 0.95,
                reference: "Ref A".into(),
                projection: false,
                published: false,
                band_levels: vec![1.0, 2.0],
                expected_levels: vec![],
                at_mass: vec![
                    mass(
                        true,
                        &[[1e-5, 1e-4], [1e-3, COUPLING_MAX]],
                        &[&[[2e-4, 3e-4]], &[[1e-4, 4e-4]]],
                    ),
                    mass(false, &upper, &[&[], &[]]),
                    mass(true, &upper, &[&[], &[]]),
                ],
            },
            ConstraintView {
                id: "a:b:exact".into(),
                label: "B".into(),
                observable: "Delta a_mu".into(),
                cl: 0.9,
                reference: "Ref A".into(),
                projection: true,
                published: false,
                band_levels: vec![],
                expected_levels: vec![],
                at_mass: vec![mass(true, &upper, &[]); 3],
            },
        ],
    })
}

#[test]
fn layers_styles_and_caption_follow_the_report() {
    let styles = PlotStyles::from_toml(STYLES).unwrap();
    let not_included = vec!["X".to_string(), "Y".to_string()];
    let captions = Captions {
        model_title: "M",
        provenance: Some("made by a test"),
        not_included: &not_included,
    };
    let fig = assemble(
        &view(),
        (1e-3, 10.0),
        (1e-5, 1.0),
        &captions,
        FigureOptions::default(),
        &styles,
    );
    assert_eq!(fig.title, "M Z′ (test inputs)");
    assert_eq!(fig.y_label, "g'");
    // Order -1 puts the projection (B) first; then A's region; then A's bands, widest first.
    let labels: Vec<&str> = fig.layers.iter().map(Layer::label).collect();
    assert_eq!(
        labels,
        [
            "B (90% CL, expected)",
            "A (95% CL)",
            "",
            "A preferred (2σ)",
            "A preferred (1σ)"
        ]
    );
    match &fig.layers[0] {
        Layer::Curve {
            style, colour, y, ..
        } => {
            // The matching style sets no line: a projection's default.
            assert_eq!(*style, LineStyle::Dashed);
            assert_eq!(*colour, Colour::rgb(0xcc, 0, 0));
            assert_eq!(y, &[1e-3; 3]);
        }
        other => panic!("{other:?}"),
    }
    match &fig.layers[1] {
        Layer::Band {
            lower,
            upper,
            opacity,
            ..
        } => {
            // The upper limit is picked over the first interval; invalid masses are gaps.
            assert_eq!((lower[0], upper[0]), (1e-3, COUPLING_MAX));
            assert!(lower[1].is_nan() && upper[1].is_nan());
            assert_eq!(*opacity, 0.3);
        }
        other => panic!("{other:?}"),
    }
    match &fig.layers[2] {
        Layer::Band { lower, upper, .. } => {
            // The island below the upper limit is a band of its own, without a legend entry;
            // it does not reach the masses where it is absent and no interval joins it.
            assert_eq!((lower[0], upper[0]), (1e-5, 1e-4));
            assert!(lower[1..].iter().all(|v| v.is_nan()));
        }
        other => panic!("{other:?}"),
    }
    match (&fig.layers[3], &fig.layers[4]) {
        (
            Layer::Band { opacity: wide, .. },
            Layer::Band {
                opacity: narrow, ..
            },
        ) => {
            assert_eq!((*wide, *narrow), (0.25, 0.55));
        }
        other => panic!("{other:?}"),
    }
    // One line per citation (the constraints that share it named together), the provenance
    // first, the missing constraints last.
    assert_eq!(
        fig.footer,
        ["made by a test", "A, B: Ref A", "Not included yet: X, Y."]
    );
    let bare = Captions {
        model_title: "M",
        provenance: None,
        not_included: &[],
    };
    let fig = assemble(
        &view(),
        (1e-3, 10.0),
        (1e-5, 1.0),
        &bare,
        FigureOptions::default(),
        &styles,
    );
    assert_eq!(fig.footer, ["A, B: Ref A"]);
}

#[test]
fn cl_is_named_in_percent_or_sigma() {
    assert_eq!(cl_text(0.95), "95%");
    assert_eq!(cl_text(0.9), "90%");
    assert_eq!(cl_text(0.682_689_492_137_086), "1σ");
    assert_eq!(cl_text(0.999_999_426_696_856), "5σ");
    assert_eq!(cl_text(0.9545), "95.5%");
}

/// The masses where a K_L -> pi0 X limit applies and no K+ -> pi+ X limit does (a K+ blind
/// window) get a grey column over the whole frame, under the regions, and a caption line;
/// without K+ limits anywhere there is none.
#[test]
fn the_kaon_blind_window_is_a_grey_column() {
    let upper = [[1e-6, COUPLING_MAX]];
    let kaon = |id: &str, observable: &str, valid: [bool; 3]| ConstraintView {
        id: id.into(),
        label: id.into(),
        observable: observable.into(),
        cl: 0.9,
        reference: format!("Ref {id}"),
        projection: false,
        published: false,
        band_levels: vec![],
        expected_levels: vec![],
        at_mass: valid.iter().map(|v| mass(*v, &upper, &[])).collect(),
    };
    let mut r = view();
    r.constraints = vec![
        kaon("K+->piX:test", "BR(K+->piZp)", [true, false, true]),
        kaon("KL->piX:test", "BR(KL->piZp)", [true, true, true]),
    ];
    let r = with_envelope(r);
    let styles = PlotStyles::from_toml(STYLES).unwrap();
    let captions = Captions {
        model_title: "M",
        provenance: None,
        not_included: &[],
    };
    let fig = assemble(
        &r,
        (0.01, 1.0),
        (1e-8, 1.0),
        &captions,
        FigureOptions::default(),
        &styles,
    );
    let Layer::Band {
        lower,
        upper,
        label,
        ..
    } = &fig.layers[0]
    else {
        panic!("the first layer is the blind window");
    };
    assert!(label.contains("blind"), "{label}");
    assert!(lower[0].is_nan() && lower[2].is_nan());
    assert_eq!((lower[1], upper[1]), (1e-8, 1.0));
    // Paper 000 is cited by its reference.
    let cites = |fig: &Figure| fig.footer.iter().any(|l| l.contains("Fuyuto et al."));
    assert!(cites(&fig), "{:?}", fig.footer);
    assert!(!fig.footer.iter().any(|l| l.contains("paper 000")));
    let mut r = r;
    r.constraints.remove(0);
    let r = with_envelope(r);
    let fig = assemble(
        &r,
        (0.01, 1.0),
        (1e-8, 1.0),
        &captions,
        FigureOptions::default(),
        &styles,
    );
    assert!(!cites(&fig));
}

/// A measured constraint that never comes within NEAR_FACTOR of the combined exclusion is
/// not drawn but named in the caption; `draw_all` draws it.
#[test]
fn weak_constraints_are_listed_not_drawn_unless_all_are_asked_for() {
    let limit = |id: &str, g: f64| ConstraintView {
        id: id.into(),
        label: format!("{id} label"),
        observable: "x".into(),
        cl: 0.9,
        reference: format!("Ref {id}"),
        projection: false,
        published: false,
        band_levels: vec![],
        expected_levels: vec![],
        at_mass: vec![mass(true, &[[g, COUPLING_MAX]], &[]); 3],
    };
    let mut r = view();
    r.constraints = vec![
        limit("strong", 1e-3),
        limit("near", 1.9e-3),
        limit("weak", 1e-2),
    ];
    let r = with_envelope(r);
    let styles = PlotStyles::from_toml(STYLES).unwrap();
    let captions = Captions {
        model_title: "M",
        provenance: None,
        not_included: &[],
    };
    let fig = assemble(
        &r,
        (0.01, 1.0),
        (1e-5, 1.0),
        &captions,
        FigureOptions::default(),
        &styles,
    );
    let labels: Vec<&str> = fig.layers.iter().map(Layer::label).collect();
    assert_eq!(labels, ["strong label (90% CL)", "near label (90% CL)"]);
    let last = fig.footer.last().unwrap();
    assert!(
        last.starts_with("Not drawn") && last.ends_with(": weak label."),
        "{last}"
    );
    assert!(!fig.footer.iter().any(|l| l.contains("Ref weak")));
    let fig = assemble(
        &r,
        (0.01, 1.0),
        (1e-5, 1.0),
        &captions,
        FigureOptions {
            draw_all: true,
            ..FigureOptions::default()
        },
        &styles,
    );
    assert_eq!(fig.layers.len(), 3);
    assert!(!fig.footer.iter().any(|l| l.starts_with("Not drawn")));
}

/// Expected-limit bands: ±2σ yellow under ±1σ green, each labelled with its projection.
#[test]
fn expected_bands_are_green_and_yellow_and_name_their_projection() {
    let mut r = view();
    r.constraints[1].expected_levels = vec![1.0, 2.0];
    for l in &mut r.constraints[1].at_mass {
        l.expected = vec![[8e-4, 1.2e-3], [6e-4, 1.5e-3]];
    }
    let styles = PlotStyles::from_toml(STYLES).unwrap();
    let captions = Captions {
        model_title: "M",
        provenance: None,
        not_included: &[],
    };
    let fig = assemble(
        &r,
        (1e-3, 10.0),
        (1e-5, 1.0),
        &captions,
        FigureOptions::default(),
        &styles,
    );
    let bands: Vec<(&str, Colour)> = fig
        .layers
        .iter()
        .filter_map(|l| match l {
            Layer::Band { label, colour, .. } if label.contains("expected") => {
                Some((label.as_str(), *colour))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        bands,
        [
            ("B: expected ±2σ", Colour::rgb(0xff, 0xff, 0)),
            ("B: expected ±1σ", Colour::rgb(0, 0xff, 0)),
        ]
    );
}

/// However many constraints and however long their references, the caption takes at most a
/// quarter of the figure, and every legend label is shown whole.
#[test]
fn a_crowded_caption_takes_at_most_a_quarter_and_no_label_is_cut() {
    let mut r = view();
    r.constraints = (0..25)
        .map(|i| ConstraintView {
            id: format!("c{i}"),
            label: format!("Experiment number {i} with a long descriptive name (K_L → π⁰ X)"),
            observable: "x".into(),
            cl: 0.9,
            reference: format!(
                "Collaboration {i}, A. Author et al., Phys. Rev. D {i}, 0{i}1234 (2020), arXiv:2001.{i:05}; reinterpreted as in paper 004 Eq. (36) with a long explanation of what was done"
            ),
            projection: false,
            published: false,
            band_levels: vec![],
            expected_levels: vec![],
            at_mass: vec![mass(true, &[[1e-3 * (1.0 + 0.01 * f64::from(i)), COUPLING_MAX]], &[]); 3],
        })
        .collect();
    let r = with_envelope(r);
    let styles = PlotStyles::from_toml(STYLES).unwrap();
    let not_included: Vec<String> = (0..10).map(|i| format!("search {i}")).collect();
    let captions = Captions {
        model_title: "M",
        provenance: Some("zprime: model M; inputs 'test': a long description of the input set"),
        not_included: &not_included,
    };
    let fig = assemble(
        &r,
        (1e-3, 10.0),
        (1e-5, 1.0),
        &captions,
        FigureOptions::default(),
        &styles,
    );
    let caption = crate::scene::caption_height(&fig);
    let total = f64::from(fig.height) + caption;
    assert!(
        caption <= 0.25 * total,
        "caption {caption} px of {total} px"
    );
    assert!(fig.footer.iter().any(|l| l.contains("arXiv:2001.00024")));
    let svg = crate::render_svg_string(&fig).unwrap();
    std::fs::write("/tmp/pc/crowded.svg", &svg).unwrap();
    assert!(!svg.contains('…'), "a label or caption was truncated");
    assert!(svg.contains("Experiment number 24"));
}

#[test]
fn an_island_joins_the_region_it_grows_out_of() {
    // N_eff's pattern: at the first mass one interval up to the top; at the next two the
    // freeze-in island below and the thermal upper limit above; then neither.
    let c = ConstraintView {
        id: "n".into(),
        label: "N".into(),
        observable: "Delta N_eff".into(),
        cl: 0.95,
        reference: "Ref".into(),
        projection: false,
        published: false,
        band_levels: vec![],
        expected_levels: vec![],
        at_mass: vec![
            mass(true, &[[1e-11, COUPLING_MAX]], &[]),
            mass(true, &[[1e-3, COUPLING_MAX], [2e-11, 1e-7]], &[]),
            mass(true, &[[3e-11, 1e-9], [1e-2, COUPLING_MAX]], &[]),
            mass(true, &[[1e-1, COUPLING_MAX]], &[]),
        ],
    };
    let bands = super::islands(&c);
    assert_eq!(bands.len(), 1);
    let (lower, upper) = &bands[0];
    // The island starts at the lower edge of the interval it has split from (no wedge),
    // and ends where no excluded interval overlaps it.
    assert_eq!((lower[0], upper[0]), (1e-11, 1e-11));
    assert_eq!((lower[1], upper[1]), (2e-11, 1e-7));
    assert_eq!((lower[2], upper[2]), (3e-11, 1e-9));
    assert!(lower[3].is_nan() && upper[3].is_nan());
}
