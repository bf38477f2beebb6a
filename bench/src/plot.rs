//! `docs/img/bench.svg`: the medians of the run as horizontal bars, one panel per scenario, each
//! bar labelled with its peer and its value, so the figure reads without the table.

use crate::peers::{Client, Server};
use crate::report::{by_server, size_name, summary};
use crate::scenarios::{Results, Runs};
use std::fmt::Write;

const WIDTH: f64 = 820.0;
const NAME_WIDTH: f64 = 200.0;
const BAR_WIDTH: f64 = 480.0;
const BAR: f64 = 14.0;
const GAP: f64 = 3.0;

/// (peer, median; `None` if it did not run)
type Bar = (&'static str, Option<f64>);

/// A titled panel of groups of bars; every group has its own scale.
struct Panel {
    title: String,
    groups: Vec<(String, Vec<Bar>)>,
    unit: &'static str,
}

fn median<T>(runs: &Runs<T>, value: impl Fn(&T) -> f64) -> Option<f64> {
    summary(runs, value).map(|s| s.median)
}

fn color(name: &str) -> &'static str {
    match name {
        n if n.starts_with("ceiling") => "#8a8f98",
        "wslua runner" => "#1f6fd1",
        "wslua runner, Lua 5.4" => "#7a9fd8",
        "wslua runner, --workers 2" => "#0b3d91",
        "wslua module, LuaJIT" => "#17a2b8",
        "node ws" => "#3c9a40",
        "python websockets" => "#e0a000",
        _ => "#c0392b",
    }
}

/// "632 k", "4.07 M", "176 µs", "29 kB".
fn label(value: f64, unit: &str) -> String {
    let (shown, prefix) = match value {
        v if v >= 1e6 => (format!("{:.2}", v / 1e6), "M"),
        v if v >= 1e4 => (format!("{:.0}", v / 1e3), "k"),
        v if v >= 1e3 => (format!("{:.1}", v / 1e3), "k"),
        v => (format!("{v:.0}"), ""),
    };
    format!("{shown} {prefix}{unit}").trim_end().to_string()
}

fn panels(results: &Results) -> Vec<Panel> {
    let servers =
        |pick: &dyn Fn(Server) -> Option<f64>| Server::ALL.iter().map(|&s| (s.name(), pick(s))).collect::<Vec<_>>();
    let find = |rows: &[(Server, Runs<(f64, f64)>)], server: Server, pick: fn(&(f64, f64)) -> f64| {
        median(by_server(rows, server), pick)
    };
    vec![
        Panel {
            title: "Server echo throughput: messages/s (higher is better)".into(),
            groups: results
                .plan
                .echo
                .iter()
                .zip(&results.echo)
                .map(|(&(clients, size, _), rows)| {
                    let rate = |server: Server| median(by_server(rows, server), |t| t.per_second());
                    (
                        format!(
                            "{clients} {}, {} messages",
                            if clients == 1 { "client" } else { "clients" },
                            size_name(size)
                        ),
                        servers(&rate),
                    )
                })
                .collect(),
            unit: "",
        },
        Panel {
            title: "Client receive rate into the client's code: messages/s (higher is better)".into(),
            groups: vec![(
                "32 B messages".into(),
                results.receive.iter().map(|(c, runs)| (Client::name(*c), median(runs, |&r| r))).collect(),
            )],
            unit: "",
        },
        Panel {
            title: "Round trip, one client, 32 B: p50 in µs (lower is better)".into(),
            groups: vec![("p50".into(), servers(&|s| find(&results.rtt, s, |t| t.0)))],
            unit: "µs",
        },
        Panel {
            title: format!(
                "Memory per idle connection, {} connections: bytes (lower is better)",
                results.plan.scale_connections
            ),
            groups: vec![("resident memory".into(), servers(&|s| find(&results.scale, s, |t| t.1)))],
            unit: "B",
        },
    ]
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

pub fn svg(results: &Results) -> String {
    let mut body = String::new();
    let mut y = 30.0;
    let _ = writeln!(
        body,
        r#"<text x="10" y="20" class="title">wslua benchmarks: medians of {} runs (bench/results/latest.md)</text>"#,
        results.plan.runs
    );
    for panel in panels(results) {
        y += 24.0;
        let _ = writeln!(body, r#"<text x="10" y="{y}" class="panel">{}</text>"#, escape(&panel.title));
        for (group, bars) in &panel.groups {
            y += 20.0;
            let _ = writeln!(body, r#"<text x="10" y="{y}" class="group">{}</text>"#, escape(group));
            y += 6.0;
            let top = bars.iter().filter_map(|b| b.1).fold(0.0, f64::max);
            for &(name, value) in bars {
                let text_y = y + BAR - 3.0;
                let _ = writeln!(
                    body,
                    r#"<text x="{}" y="{text_y}" class="name">{}</text>"#,
                    NAME_WIDTH - 6.0,
                    escape(name)
                );
                match value {
                    Some(value) => {
                        let width = if top > 0.0 { (value / top * BAR_WIDTH).max(1.0) } else { 1.0 };
                        let _ = writeln!(
                            body,
                            r#"<rect x="{NAME_WIDTH}" y="{y}" width="{width:.1}" height="{BAR}" fill="{}"/><text x="{:.1}" y="{text_y}">{}</text>"#,
                            color(name),
                            NAME_WIDTH + width + 5.0,
                            label(value, panel.unit)
                        );
                    }
                    None => {
                        let _ = writeln!(
                            body,
                            r#"<text x="{}" y="{text_y}" class="missing">not run</text>"#,
                            NAME_WIDTH + 5.0
                        );
                    }
                }
                y += BAR + GAP;
            }
        }
        y += 6.0;
    }
    let height = y + 10.0;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="wslua benchmark results">
<style>
text {{ font: 12px sans-serif; fill: #222; }}
.title {{ font-size: 15px; font-weight: bold; }}
.panel {{ font-size: 13px; font-weight: bold; }}
.group {{ font-style: italic; fill: #555; }}
.name {{ text-anchor: end; }}
.missing {{ fill: #c0392b; }}
</style>
<rect width="100%" height="100%" fill="#fff"/>
{body}</svg>
"##
    )
}
