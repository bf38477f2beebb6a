"""The summary and plot of `scripts/soak --mixed`: each runner's RSS at start, at its peak, at the
end and once the clients have gone, its slope after warm-up (a least-squares line through the samples after the first
fifth), descriptors at the end against the baseline, and the clients' counts; the RSS of both
runners over time as an SVG line chart. Exits 1 if descriptors did not come back to the
baseline.

  soak_report.py SAMPLES.csv COUNTS.json "BASE_A BASE_B" "END_A END_B" "LEFT_A LEFT_B" MINUTES CLIENTS OUT.md OUT.svg

END_* are descriptors at the end, LEFT_* the RSS in KiB once the clients had gone.
"""
import csv, json, sys


def slope(points):
    """KiB per minute of a least-squares line through (seconds, KiB)."""
    if len(points) < 2:
        return 0.0
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return 60 * sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else 0.0


def svg(samples, title):
    width, height, left, right, top, bottom = 820, 300, 70, 20, 40, 40
    xs = [s[0] for s in samples]
    top_kib = max(max(s[1], s[2]) for s in samples) * 1.1 or 1
    span = max(xs[-1], 1)
    x = lambda sec: left + (width - left - right) * sec / span
    y = lambda kib: top + (height - top - bottom) * (1 - kib / top_kib)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="22" font-size="14">{title}</text>']
    for i in range(5):
        kib = top_kib * i / 4
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(kib):.1f}" y2="{y(kib):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(kib) + 4:.1f}" text-anchor="end">{kib / 1024:.0f} MiB</text>')
    for i in range(6):
        sec = span * i / 5
        out.append(f'<text x="{x(sec):.1f}" y="{height - bottom + 18}" text-anchor="middle">{sec / 60:.0f} min</text>')
    for column, color, name in [(1, "#1f6fd1", "runner a"), (2, "#e0a000", "runner b")]:
        points = " ".join(f"{x(s[0]):.1f},{y(s[column]):.1f}" for s in samples)
        out.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>')
        at = left + 20 + (column - 1) * 110
        out.append(f'<rect x="{at}" y="{top - 2}" width="12" height="4" fill="{color}"/><text x="{at + 16}" y="{top + 3}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(samples_csv, counts_json, base, end, left, minutes, clients, out_md, out_svg):
    with open(samples_csv) as f:
        samples = [tuple(int(v) for v in row.values()) for row in csv.DictReader(f)]
    counts = json.load(open(counts_json))
    base, end, left = ([int(v) for v in pair.split()] for pair in (base, end, left))
    warm = samples[len(samples) // 5:]
    lines = [f"## Mixed soak: {minutes} min, {clients} clients, two runners over wss:// with permessage-deflate and one Redis",
             "",
             "| runner | RSS at start | peak | end | clients gone | slope after the first fifth | descriptors: baseline, end |",
             "|---|---|---|---|---|---|---|"]
    for i, name in enumerate("ab"):
        rss = [s[1 + i] for s in samples]
        lines.append(f"| {name} | {rss[0] / 1024:.1f} MiB | {max(rss) / 1024:.1f} MiB | {rss[-1] / 1024:.1f} MiB | {left[i] / 1024:.1f} MiB | "
                     f"{slope([(s[0], s[1 + i]) for s in warm]):+.0f} KiB/min | {base[i]}, {end[i]} |")
    lines += ["", "Clients: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items()) + ".", ""]
    open(out_md, "w").write("\n".join(lines))
    open(out_svg, "w").write(svg(samples, f"Mixed soak: RSS of the two runners over {minutes} min, {clients} clients"))
    if end != base:
        print(f"soak_report: descriptors {end} at the end, {base} at the start", file=sys.stderr)
        return False
    return True


if __name__ == "__main__":
    sys.exit(0 if main(*sys.argv[1:]) else 1)
