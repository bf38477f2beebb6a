//! The README says what is true: its demo transcript is what the demo prints, and its list of
//! what `scripts/test` installs names everything the script installs.

mod common;

use common::*;

/// The README's text.
fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).unwrap()
}

/// A transcript with its port numbers as `PORT` (the only part that changes from run to run),
/// split into the server's lines and the client's, each in order (the two interleave as the
/// scheduler has it).
fn sides(transcript: &str) -> (Vec<String>, Vec<String>) {
    let lines: Vec<String> = transcript
        .lines()
        .map(|line| {
            let mut out = String::new();
            let mut rest = line;
            while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
                let (before, digits) = rest.split_at(at);
                let end = digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len());
                out.push_str(before);
                let port = out.ends_with("port ") || out.ends_with("127.0.0.1:");
                out.push_str(if port { "PORT" } else { &digits[..end] });
                rest = &digits[end..];
            }
            out + rest
        })
        .collect();
    let side = |who: &str| lines.iter().filter(|l| l.starts_with(who)).cloned().collect();
    (side("server:"), side("client:"))
}

#[test]
fn the_demo_transcript_is_what_the_demo_prints() {
    let text = readme();
    let block = text
        .split("The first prints a transcript like:\n\n```\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README's transcript block");
    let mut demo = runner();
    demo.arg("examples/echo.lua");
    let out = finish(demo);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(sides(block), sides(&printed), "README.md's transcript against a run:\n{printed}");
}

#[test]
fn the_install_list_names_everything_scripts_test_installs() {
    let script = std::fs::read_to_string(repo().join("scripts/test")).unwrap();
    let installers = std::fs::read_to_string(repo().join("scripts/lib/install.sh")).unwrap();
    let requirements = std::fs::read_to_string(repo().join("tests/peers/requirements.txt")).unwrap();
    // install_debian CHECK:PACKAGE pairs, up to the next installer.
    let debian = script.split("install_debian").nth(1).expect("scripts/test installs Debian packages");
    let debian = debian.split("&&").next().unwrap();
    let mut installed: Vec<String> = debian
        .split_whitespace()
        .filter(|word| word.contains(':'))
        .map(|pair| pair.rsplit(':').next().unwrap().to_string())
        .collect();
    installed.extend(requirements.lines().filter_map(|l| l.split(['=', '>', '<']).next()).map(str::to_string));
    let node = installers.split("for module in ").nth(1).and_then(|rest| rest.split(';').next()).expect("node peers");
    installed.extend(node.split_whitespace().map(str::to_string));
    installed.push("emmylua_check".into());
    let text = readme();
    let paragraph = text.split("`scripts/test` installs").nth(1).and_then(|rest| rest.split("\n\n").next()).unwrap();
    let missing: Vec<&String> = installed.iter().filter(|name| !paragraph.contains(&format!("`{name}`"))).collect();
    assert!(installed.len() > 20, "read {installed:?}");
    assert!(missing.is_empty(), "README.md does not say scripts/test installs {missing:?}");
}
