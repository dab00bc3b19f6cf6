//! Crate tests: every layer type, both formats, errors and hostile data.

use super::*;
use std::path::PathBuf;

fn logspace(a: f64, b: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| 10f64.powf(a + (b - a) * i as f64 / (n - 1) as f64))
        .collect()
}

/// A unique scratch directory under the system temp dir.
fn scratch(name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "zprime-plot-test-{}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst),
        name
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn band(label: &str) -> Layer {
    let x = logspace(-3.0, 2.0, 60);
    Layer::Band {
        label: label.into(),
        colour: palette(1),
        opacity: 0.3,
        lower: x.iter().map(|m| 4e-4 * (1.0 + m)).collect(),
        upper: x.iter().map(|m| 9e-4 * (1.0 + m)).collect(),
        x,
        edge: Some(LineStyle::Solid),
    }
}

fn above(label: &str) -> Layer {
    let x = logspace(-3.0, 2.0, 80);
    Layer::ExcludedAbove {
        label: label.into(),
        colour: palette(0),
        opacity: 0.35,
        y: x.iter().map(|m| 1e-3 * (0.3 + m.sqrt())).collect(),
        x,
        edge: Some(LineStyle::Solid),
    }
}

fn below(label: &str) -> Layer {
    let x = logspace(-3.0, 0.0, 40);
    Layer::ExcludedBelow {
        label: label.into(),
        colour: palette(2),
        opacity: 0.3,
        y: x.iter().map(|m| 1e-5 / m.sqrt()).collect(),
        x,
        edge: Some(LineStyle::Dashed),
    }
}

fn curve(label: &str, style: LineStyle) -> Layer {
    let x = logspace(-2.0, 1.5, 50);
    Layer::Curve {
        label: label.into(),
        colour: palette(3),
        style,
        width: 3,
        y: x.iter().map(|m| 3e-5 * (1.0 + m)).collect(),
        x,
    }
}

fn figure(layers: Vec<Layer>) -> Figure {
    let mut fig = Figure::new("Test figure", "m_Z' [GeV]", "g'", (1e-3, 1e2), (1e-6, 1.0));
    fig.layers = layers;
    fig.footer = vec![
        "Input set: tests/default.toml".into(),
        "Refs: [1] A. Author et al., Some Journal 1 (2024) 1; ".repeat(8),
    ];
    fig
}

fn assert_clean_svg(svg: &str) {
    assert!(svg.starts_with("<?xml"));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(!svg.contains("NaN"), "SVG contains NaN");
    assert!(!svg.contains("inf"), "SVG contains inf");
}

#[test]
fn each_layer_type_renders_to_svg_with_its_legend_label() {
    let cases: Vec<(Layer, &str)> = vec![
        (band("Preferred band XYZ"), "Preferred band XYZ"),
        (above("Excluded above XYZ"), "Excluded above XYZ"),
        (below("Excluded below XYZ"), "Excluded below XYZ"),
        (
            curve("Dashed curve XYZ", LineStyle::Dashed),
            "Dashed curve XYZ",
        ),
        (
            curve("Dotted curve XYZ", LineStyle::Dotted),
            "Dotted curve XYZ",
        ),
        (
            curve("Solid curve XYZ", LineStyle::Solid),
            "Solid curve XYZ",
        ),
    ];
    for (layer, label) in cases {
        let svg = render_svg_string(&figure(vec![layer])).unwrap();
        assert_clean_svg(&svg);
        assert!(svg.contains(label), "legend label '{label}' missing");
        assert!(svg.contains("Test figure"));
        assert!(svg.contains("Input set: tests/default.toml"));
    }
    let text = Layer::Text {
        text: "Annotation XYZ".into(),
        colour: Colour::BLACK,
        x: 0.1,
        y: 1e-3,
        size: 16.0,
    };
    let svg = render_svg_string(&figure(vec![text])).unwrap();
    assert_clean_svg(&svg);
    assert!(svg.contains("Annotation XYZ"));
}

#[test]
fn all_layers_together_and_dashes() {
    let fig = figure(vec![
        above("A"),
        below("B"),
        band("C"),
        curve("D", LineStyle::Dashed),
        curve("E", LineStyle::Dotted),
    ]);
    let svg = render_svg_string(&fig).unwrap();
    assert_clean_svg(&svg);
    assert!(svg.contains("stroke-dasharray"));
    // Decade tick labels are clean powers of ten.
    assert!(svg.contains(">10<tspan"));
    assert!(!svg.contains("9.99"));
    let bytes = svg.as_bytes();
    let float_noise = bytes
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'e' && (w[2] == b'-' || w[2] == b'+'));
    assert!(!float_noise, "scientific notation in the SVG");
}

#[test]
fn png_and_svg_files_are_written() {
    let dir = scratch("files");
    let fig = figure(vec![above("A"), band("B"), curve("C", LineStyle::Dashed)]);
    let png = dir.join("fig.png");
    let svg = dir.join("fig.SVG");
    render(&fig, &png).unwrap();
    render(&fig, &svg).unwrap();
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.len() > 1000);
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_clean_svg(&text);
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_file_is_written() {
    let dir = scratch("pdf");
    let fig = figure(vec![above("A"), band("B"), curve("C", LineStyle::Dotted)]);
    let path = dir.join("fig.pdf");
    render(&fig, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.len() > 1000);
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(not(feature = "pdf"))]
#[test]
fn pdf_needs_the_feature() {
    let err = render(&figure(vec![]), Path::new("x.pdf")).unwrap_err();
    assert!(matches!(err, PlotError::UnsupportedFormat(_)));
}

#[test]
fn png_size_includes_footer() {
    let fig = figure(vec![above("A")]);
    let bytes = render_png_bytes(&fig).unwrap();
    // IHDR: width and height are big-endian u32 at offsets 16 and 20.
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!(w, 1000);
    assert!(h > 750 && h < 900, "height {h}");
    let mut no_footer = fig.clone();
    no_footer.footer.clear();
    let bytes = render_png_bytes(&no_footer).unwrap();
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!(h, 750);
}

#[test]
fn unsupported_extension_is_rejected() {
    let fig = figure(vec![]);
    for name in ["plot.jpg", "plot", "plot.svg.txt"] {
        let err = render(&fig, Path::new(name)).unwrap_err();
        assert!(
            matches!(err, PlotError::UnsupportedFormat(_)),
            "{name}: {err}"
        );
        let msg = err.to_string();
        assert!(msg.contains(".svg") && msg.contains(".png"), "{msg}");
    }
}

#[test]
fn unwritable_path_is_an_io_error() {
    let fig = figure(vec![]);
    let path = scratch("io").join("missing-dir").join("fig.png");
    let err = render(&fig, &path).unwrap_err();
    assert!(matches!(err, PlotError::Io { .. }), "{err}");
}

#[test]
fn invalid_figures_are_rejected() {
    let mut fig = figure(vec![]);
    fig.x_range = (0.0, 10.0);
    assert!(matches!(
        render_svg_string(&fig),
        Err(PlotError::InvalidFigure(_))
    ));
    let mut fig = figure(vec![]);
    fig.y_range = (-1.0, 1.0);
    assert!(matches!(
        render_svg_string(&fig),
        Err(PlotError::InvalidFigure(_))
    ));
    // The same range is fine on a linear axis.
    fig.log_y = false;
    render_svg_string(&fig).unwrap();

    let mut fig = figure(vec![]);
    fig.x_range = (1.0, f64::NAN);
    assert!(matches!(
        render_svg_string(&fig),
        Err(PlotError::InvalidFigure(_))
    ));
    let mut fig = figure(vec![]);
    fig.x_range = (10.0, 1.0);
    assert!(render_svg_string(&fig).is_err());

    let fig = figure(vec![Layer::Curve {
        label: "bad".into(),
        colour: Colour::BLACK,
        style: LineStyle::Solid,
        width: 1,
        x: vec![1.0, 2.0],
        y: vec![1.0],
    }]);
    let err = render_svg_string(&fig).unwrap_err();
    assert!(matches!(err, PlotError::InvalidFigure(_)));
    assert!(err.to_string().contains("bad"));

    let mut layer = band("b");
    if let Layer::Band { opacity, .. } = &mut layer {
        *opacity = 1.5;
    }
    assert!(render_svg_string(&figure(vec![layer])).is_err());

    let mut fig = figure(vec![]);
    fig.width = 10;
    assert!(render_svg_string(&fig).is_err());
}

#[test]
fn hostile_data_does_not_panic() {
    let x = vec![
        f64::NAN,
        -1.0,
        0.0,
        1e-300,
        1e-3,
        1e-2,
        f64::INFINITY,
        0.1,
        1.0,
        f64::NEG_INFINITY,
        10.0,
        1e300,
        f64::MAX,
    ];
    let y = vec![
        1e-3,
        f64::NAN,
        1e-4,
        -5.0,
        1e-4,
        0.0,
        1e-3,
        f64::INFINITY,
        1e-300,
        1e-2,
        1e300,
        f64::MIN_POSITIVE,
        2e-3,
    ];
    let layers = vec![
        Layer::ExcludedAbove {
            label: "above".into(),
            colour: palette(0),
            opacity: 0.3,
            x: x.clone(),
            y: y.clone(),
            edge: Some(LineStyle::Dashed),
        },
        Layer::ExcludedBelow {
            label: "below".into(),
            colour: palette(1),
            opacity: 0.3,
            x: x.clone(),
            y: y.clone(),
            edge: Some(LineStyle::Dotted),
        },
        Layer::Band {
            label: "band".into(),
            colour: palette(2),
            opacity: 0.3,
            x: x.clone(),
            lower: y.clone(),
            upper: y.iter().map(|v| v * 3.0).collect(),
            edge: Some(LineStyle::Solid),
        },
        Layer::Curve {
            label: "curve".into(),
            colour: palette(3),
            style: LineStyle::Dashed,
            width: u32::MAX,
            x: x.clone(),
            y: y.clone(),
        },
        Layer::Text {
            text: "nan".into(),
            colour: Colour::BLACK,
            x: f64::NAN,
            y: -1.0,
            size: 12.0,
        },
        Layer::Text {
            text: "far away".into(),
            colour: Colour::BLACK,
            x: 1e9,
            y: 1e-3,
            size: 12.0,
        },
        // Empty and single-point data.
        Layer::Curve {
            label: String::new(),
            colour: palette(4),
            style: LineStyle::Solid,
            width: 0,
            x: vec![],
            y: vec![],
        },
        Layer::ExcludedAbove {
            label: "single".into(),
            colour: palette(5),
            opacity: 0.0,
            x: vec![1.0],
            y: vec![1e-3],
            edge: None,
        },
    ];
    for (log_x, log_y) in [(true, true), (false, true), (true, false), (false, false)] {
        let mut fig = figure(layers.clone());
        fig.log_x = log_x;
        fig.log_y = log_y;
        if !log_x {
            fig.x_range = (-5.0, 100.0);
        }
        if !log_y {
            fig.y_range = (0.0, 0.01);
        }
        let svg = render_svg_string(&fig).unwrap();
        assert_clean_svg(&svg);
        assert!(!svg.contains("far away"));
        let png = render_png_bytes(&fig).unwrap();
        assert_eq!(&png[..4], b"\x89PNG");
    }
}

#[test]
fn excluded_above_clipping() {
    // A limit entirely above the frame draws no fill; one entirely below fills the frame.
    let x = logspace(-3.0, 2.0, 10);
    let layer = |y: f64| Layer::ExcludedAbove {
        label: "L".into(),
        colour: palette(0),
        opacity: 0.5,
        x: x.clone(),
        y: vec![y; x.len()],
        edge: None,
    };
    // The legend swatch is one fill with this opacity; the region would be another.
    let svg = render_svg_string(&figure(vec![layer(10.0)])).unwrap();
    assert_eq!(svg.matches("fill-opacity=\"0.5\"").count(), 1);
    let svg = render_svg_string(&figure(vec![layer(1e-9)])).unwrap();
    assert_eq!(svg.matches("fill-opacity=\"0.5\"").count(), 2);
}

#[test]
fn narrow_and_linear_ranges_have_clean_labels() {
    let mut fig = figure(vec![curve("c", LineStyle::Solid)]);
    fig.x_range = (0.02, 0.09);
    fig.y_range = (2e-4, 8e-4);
    let svg = render_svg_string(&fig).unwrap();
    assert_clean_svg(&svg);
    assert!(svg.contains(">0.05<") || svg.contains(">0.03<"), "{svg}");
    let mut fig = figure(vec![curve("c", LineStyle::Solid)]);
    fig.log_x = false;
    fig.log_y = false;
    fig.x_range = (0.0, 0.7);
    fig.y_range = (-0.3, 0.3);
    let svg = render_svg_string(&fig).unwrap();
    assert_clean_svg(&svg);
    assert!(
        svg.contains(">0.1<") && svg.contains(">\u{2212}0.2<"),
        "{svg}"
    );
    assert!(!svg.contains("0.30000"));
}

#[test]
fn palette_is_distinct() {
    for i in 0..8 {
        for j in 0..i {
            assert_ne!(palette(i), palette(j));
        }
    }
    assert_eq!(palette(0), palette(11));
    assert_eq!(Colour::rgb(255, 0, 16).to_hex(), "#ff0010");
}

#[test]
fn legend_deduplicates_and_skips_empty_labels() {
    let mut a = above("Same");
    let b = above("Same");
    if let Layer::ExcludedAbove { x, .. } = &mut a {
        for v in x.iter_mut() {
            *v *= 2.0;
        }
    }
    let svg = render_svg_string(&figure(vec![a, b, curve("", LineStyle::Solid)])).unwrap();
    assert_eq!(svg.matches(">Same<").count(), 1);
}

#[test]
fn scatter_markers_render_with_a_legend_entry() {
    let mut fig = Figure::new("markers", "Re", "Im", (-1.0, 1.0), (-1.0, 1.0));
    fig.log_x = false;
    fig.log_y = false;
    for (marker, label) in [
        (Marker::Square, "1σ"),
        (Marker::Circle, "2σ"),
        (Marker::Star, "benchmark"),
    ] {
        fig.layers.push(Layer::Points {
            label: label.into(),
            colour: palette(1),
            marker,
            size: 8.0,
            x: vec![0.1, -0.5, f64::NAN, 3.0],
            y: vec![0.2, 0.4, 0.0, 0.0],
        });
    }
    let svg = render_svg_string(&fig).unwrap();
    assert!(svg.contains("benchmark") && svg.contains("2σ"));
    assert!(!render_png_bytes(&fig).unwrap().is_empty());
    fig.layers.push(Layer::Points {
        label: String::new(),
        colour: palette(2),
        marker: Marker::Circle,
        size: 8.0,
        x: vec![0.0],
        y: vec![],
    });
    assert!(fig.validate().is_err());
}

#[test]
fn png_resolution_scales_pixels_and_is_recorded() {
    let fig = figure(vec![above("A"), curve("C", LineStyle::Dotted)]);
    let at_150 = render_png_bytes(&fig).unwrap();
    let at_300 = render_png_bytes_at(&fig, 300.0).unwrap();
    let dims = |b: &[u8]| {
        (
            u32::from_be_bytes(b[16..20].try_into().unwrap()),
            u32::from_be_bytes(b[20..24].try_into().unwrap()),
        )
    };
    let (w, h) = dims(&at_150);
    assert_eq!(dims(&at_300), (2 * w, 2 * h));
    // pHYs chunk: pixels per metre, 300 dpi = 11811 px/m.
    let phys = at_300.windows(4).position(|c| c == b"pHYs").unwrap();
    let ppm = u32::from_be_bytes(at_300[phys + 4..phys + 8].try_into().unwrap());
    assert_eq!(ppm, 11811);
    for bad in [0.0, 10.0, f64::NAN, 5000.0] {
        let err = render_png_bytes_at(&fig, bad).unwrap_err();
        assert!(matches!(err, PlotError::InvalidFigure(_)), "{bad}: {err}");
    }
}
