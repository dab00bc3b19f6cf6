//! End-to-end tests of `zprime scan` and `zprime scan merge`: shards merge to the unsharded
//! scan byte for byte, a missing, duplicate or incomplete shard is refused by name, bad flags
//! exit 2 naming the flag, and (with the `parquet` feature) Parquet files read back.

mod common;

use common::{assert_help_has_examples, assert_usage_errors, zprime};
use std::path::{Path, PathBuf};

/// A fresh temporary directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zprime-scan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The scan of the tests: three parameters of lmu-ltau+b3, every listed observable and
/// constraint, with test statistics.
const SCAN: &[&str] = &[
    "scan",
    "--model",
    "lmu-ltau+b3",
    "--param",
    "mass=1e-3:1",
    "--param",
    "g=1e-5:1e-2",
    "--param",
    "eps=-1e-3:1e-3",
    "--sobol",
    "7",
    "--seed",
    "5",
    "--test-statistics",
];

/// Run `zprime` in `dir`, require success, return stdout and stderr.
fn run_ok(dir: &Path, args: &[&str]) -> (Vec<u8>, String) {
    let out = zprime().current_dir(dir).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{args:?}: {err}");
    (out.stdout, err)
}

/// Run `zprime` in `dir`, require exit code 2 and a message containing every needle.
fn run_usage_error(dir: &Path, args: &[&str], needles: &[&str]) {
    let out = zprime().current_dir(dir).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    for n in needles {
        assert!(err.contains(n), "{args:?}: '{n}' not in {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

fn with(args: &[&str], more: &[&str]) -> Vec<String> {
    args.iter().chain(more).map(ToString::to_string).collect()
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn shards_merge_to_the_unsharded_scan_byte_for_byte() {
    let dir = temp_dir("merge");
    let (whole, _) = run_ok(&dir, SCAN);
    let text = String::from_utf8(whole.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("# zprime scan {"), "{}", lines[0]);
    assert!(lines[0].contains("\"shard\":[1,1]") && lines[0].contains("\"points\":7"));
    assert!(lines[1].starts_with("index,mass,g,eps,") && lines[1].ends_with(",error"));
    assert!(lines[1].contains(",Delta a_mu,") && lines[1].contains(",status:trident:CCFR,"));
    assert_eq!(lines.len(), 2 + 7);
    let width = lines[1].split(',').count();
    for (i, row) in lines[2..].iter().enumerate() {
        assert!(row.starts_with(&format!("{i},")), "{row}");
        assert!(!row.contains("NaN") && !row.contains("inf"), "{row}");
        assert_eq!(row.split(',').count(), width, "{row}");
        assert!(row.ends_with(','), "no error expected: {row}");
    }
    for k in 1..=3 {
        let part = format!("part-{k}.csv");
        let args = with(SCAN, &["--shard", &format!("{k}/3"), "-o", &part]);
        run_ok(&dir, &strs(&args));
        assert!(!dir.join(format!("{part}.partial")).exists());
    }
    // any order of the parts
    let (merged, _) = run_ok(
        &dir,
        &["scan", "merge", "part-3.csv", "part-1.csv", "part-2.csv"],
    );
    assert_eq!(String::from_utf8(merged).unwrap(), text);
    run_ok(
        &dir,
        &[
            "scan",
            "merge",
            "part-1.csv",
            "part-2.csv",
            "part-3.csv",
            "-o",
            "all.csv",
        ],
    );
    assert_eq!(std::fs::read(dir.join("all.csv")).unwrap(), whole);

    // a missing shard is named, and nothing is written
    run_usage_error(
        &dir,
        &["scan", "merge", "part-1.csv", "part-3.csv", "-o", "x.csv"],
        &["missing shard 2/3"],
    );
    assert!(!dir.join("x.csv").exists() && !dir.join("x.csv.partial").exists());
    run_usage_error(
        &dir,
        &["scan", "merge", "part-1.csv", "part-1.csv", "part-2.csv"],
        &["shard 1/3 is given twice"],
    );
    // a part cut short (a killed job's file copied by hand) is refused
    let part2 = std::fs::read_to_string(dir.join("part-2.csv")).unwrap();
    let cut: Vec<&str> = part2.lines().collect();
    std::fs::write(
        dir.join("cut-2.csv"),
        cut[..cut.len() - 1].join("\n") + "\n",
    )
    .unwrap();
    run_usage_error(
        &dir,
        &[
            "scan",
            "merge",
            "part-1.csv",
            "cut-2.csv",
            "part-3.csv",
            "-o",
            "x.csv",
        ],
        &["cut-2.csv", "shard 2/3 is incomplete"],
    );
    assert!(!dir.join("x.csv").exists() && !dir.join("x.csv.partial").exists());
    // a part of another scan
    let other = with(
        &SCAN[..SCAN.len() - 1],
        &["--shard", "2/3", "-o", "other-2.csv"],
    );
    run_ok(&dir, &strs(&other));
    run_usage_error(
        &dir,
        &["scan", "merge", "part-1.csv", "other-2.csv", "part-3.csv"],
        &["parts of different scans"],
    );
    run_usage_error(
        &dir,
        &["scan", "merge", "part-1.csv", "/no/such/part.csv"],
        &["/no/such/part.csv"],
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn grids_fixed_parameters_and_column_choices() {
    let dir = temp_dir("grid");
    let (out, _) = run_ok(
        &dir,
        &[
            "scan",
            "--model",
            "lmu-ltau",
            "--param",
            "mass=0.01:1",
            "--param",
            "g=1e-3",
            "--grid",
            "3",
            "--observables",
            "Delta a_mu,R_trident(CCFR)",
            "--no-constraints",
        ],
    );
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[1], "index,mass,g,Delta a_mu,R_trident(CCFR),error");
    assert_eq!(lines.len(), 5);
    assert!(lines[2].starts_with("0,0.01,0.001,"), "{}", lines[2]);
    assert!(lines[3].starts_with("1,0.1") && lines[4].starts_with("2,1,0.001,"));
    // the dark photon's coupling is eps; an observable not valid at a mass is an empty cell
    let (out, _) = run_ok(
        &dir,
        &[
            "scan",
            "--model",
            "dark-photon",
            "--param",
            "mass=1:100",
            "--param",
            "eps=1e-3",
            "--grid",
            "2",
            "--observables",
            "R_trident(heavy)",
            "--constraints",
            "g-2:*",
        ],
    );
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[1].starts_with("index,mass,eps,R_trident(heavy),status:g-2:"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("0,1,0.001,,"), "{}", lines[2]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_flags_exit_2_naming_the_flag() {
    let base = [
        "scan",
        "--model",
        "lmu-ltau",
        "--param",
        "mass=1e-3:1",
        "--param",
        "g=1e-5:1e-2",
    ];
    let case = |more: &[&str]| with(&base, more);
    let cases: Vec<(Vec<String>, &str)> = vec![
        (case(&["--sobol", "0"]), "'--sobol'"),
        (case(&["--random", "0"]), "'--random'"),
        (case(&["--grid", "4294967296"]), "'--grid'"),
        (case(&["--sobol", "10", "--shard", "4/3"]), "'--shard'"),
        (case(&["--sobol", "10", "--shard", "0/3"]), "'--shard'"),
        (case(&["--sobol", "10", "--shard", "1/11"]), "'--shard'"),
        (case(&["--sobol", "10", "--shard", "two"]), "'--shard'"),
        (case(&["--sobol", "10", "--param", "g=1"]), "'--param'"),
        (case(&["--sobol", "10", "--param", "eps=2:1"]), "LO <= HI"),
        (case(&["--sobol", "10", "--param", "x=1:2"]), "--param"),
        (
            case(&["--sobol", "10", "--observables", "Delta b_mu"]),
            "--observables",
        ),
        (case(&["--sobol", "10", "-o", "scan.txt"]), "-o scan.txt"),
        (
            case(&["--sobol", "10", "--inputs", "nope"]),
            "--inputs nope",
        ),
        (
            with(
                &["scan", "--param", "mass=0:1", "--param", "g=1e-3"],
                &["--sobol", "4"],
            ),
            "LO > 0 on a log scale",
        ),
        (
            with(
                &["scan", "--param", "mass=1e-3:1e6", "--param", "g=1e-3"],
                &["--sobol", "4"],
            ),
            "'--param mass'",
        ),
        (
            with(&["scan", "--param", "mass=1e-3:1"], &["--sobol", "4"]),
            "'--param g'",
        ),
    ];
    let owned: Vec<Vec<&str>> = cases.iter().map(|(a, _)| strs(a)).collect();
    let table: Vec<(&[&str], &str)> = owned
        .iter()
        .zip(&cases)
        .map(|(a, (_, needle))| (a.as_slice(), *needle))
        .collect();
    assert_usage_errors(&table);
    // clap's own errors (several lines) exit 2 too and name the flags
    let dir = temp_dir("flags");
    run_usage_error(
        &dir,
        &strs(&case(&["--sobol", "10", "--grid", "3"])),
        &["--grid", "--sobol"],
    );
    run_usage_error(&dir, &strs(&case(&[])), &["--grid", "--random", "--sobol"]);
    run_usage_error(&dir, &["scan", "--sobol", "3"], &["--param"]);
    run_usage_error(&dir, &["scan", "merge"], &["PART"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_help_has_examples("scan");
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_parts_read_back_and_merge() {
    use arrow_array::{Array, Float64Array, StringArray, UInt64Array};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let dir = temp_dir("parquet");
    let (csv, _) = run_ok(&dir, SCAN);
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    let header: Vec<&str> = lines[1].split(',').collect();
    for k in 1..=2 {
        let args = with(
            SCAN,
            &[
                "--shard",
                &format!("{k}/2"),
                "-o",
                &format!("p-{k}.parquet"),
            ],
        );
        run_ok(&dir, &strs(&args));
    }
    run_ok(
        &dir,
        &[
            "scan",
            "merge",
            "p-2.parquet",
            "p-1.parquet",
            "-o",
            "all.parquet",
        ],
    );
    let file = std::fs::File::open(dir.join("all.parquet")).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let meta = builder.metadata().file_metadata();
    let description = meta
        .key_value_metadata()
        .unwrap()
        .iter()
        .find(|k| k.key == "zprime-scan")
        .and_then(|k| k.value.clone())
        .unwrap();
    // the same description as the unsharded CSV's first line
    assert_eq!(lines[0], format!("# zprime scan {description}"));
    assert_eq!(meta.num_rows(), 7);
    let names: Vec<String> = builder
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    assert_eq!(names, header);
    let mut row = 0;
    for batch in builder.build().unwrap() {
        let batch = batch.unwrap();
        for i in 0..batch.num_rows() {
            let cells: Vec<&str> = lines[2 + row].split(',').collect();
            for (c, cell) in cells.iter().enumerate() {
                let column = batch.column(c);
                let value = if let Some(a) = column.as_any().downcast_ref::<UInt64Array>() {
                    a.value(i).to_string()
                } else if let Some(a) = column.as_any().downcast_ref::<Float64Array>() {
                    if a.is_null(i) {
                        String::new()
                    } else {
                        // the CSV's text reads back to the same number
                        assert_eq!(cell.parse::<f64>().unwrap(), a.value(i), "{}", header[c]);
                        (*cell).to_string()
                    }
                } else {
                    let a = column.as_any().downcast_ref::<StringArray>().unwrap();
                    if a.is_null(i) {
                        String::new()
                    } else {
                        a.value(i).to_string()
                    }
                };
                assert_eq!(value, *cell, "row {row}, column {}", header[c]);
            }
            row += 1;
        }
    }
    assert_eq!(row, 7);
    run_usage_error(
        &dir,
        &["scan", "merge", "p-2.parquet", "-o", "x.parquet"],
        &["missing shard 1/2"],
    );
    run_usage_error(
        &dir,
        &["scan", "merge", "p-1.parquet", "p-2.parquet", "-o", "x.csv"],
        &["one type"],
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
