//! Every subcommand that can print more than a pipe buffer ends quietly when its reader goes
//! away (`zprime limits --csv | head -1`): no message, no panic, as grep does.

#![cfg(unix)]

use std::io::Read;
use std::process::{Command, Stdio};

/// Run zprime with `args`, read one line of its output and close the pipe; return the exit
/// status and what it printed on stderr.
fn read_one_line_and_hang_up(args: &[&str]) -> (std::process::ExitStatus, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zprime"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {}
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn long_outputs_end_quietly_when_the_reader_goes_away() {
    use std::os::unix::process::ExitStatusExt;
    for args in [
        &["limits", "--model", "lmu-ltau", "--csv"][..],
        &["limits", "--model", "lmu-ltau", "--json"],
        &["limits", "--model", "lmu-ltau"],
        &["data"],
        &[
            "spectrum", "--model", "lmu-ltau", "--mass", "0.05", "--g", "1e-3", "--csv",
        ],
        &["scan-wu", "--mass", "0.14", "--samples", "20000", "--csv"],
    ] {
        let (status, stderr) = read_one_line_and_hang_up(args);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{args:?}: {stderr}"
        );
        // Either done before the reader left, or ended by SIGPIPE like any Unix filter.
        assert!(
            status.success() || status.signal() == Some(libc_sigpipe()),
            "{args:?}: {status:?}, {stderr}"
        );
    }
}

/// SIGPIPE's number on every Unix that Rust supports.
fn libc_sigpipe() -> i32 {
    13
}
