"""The benchmark's tables and targets, as markdown (printed and written to docs/benchmarks.md)."""

TARGETS = (
    "cached article ≥ 50% of the static file's requests/s, with p99 < 50 ms",
    "uncached article ≥ 5% of the static file's requests/s",
    "100 segments render in < 10× the time of 10",
)


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def load_table(rows, static_rps):
    """rows: [(label, wrk figures, in-process figures, worker RSS list)]."""
    header = [
        "Page",
        "Requests/s",
        "% of static",
        "p50 ms",
        "p99 ms",
        "SQL queries",
        "Render ms",
        "HTML KiB",
        "Worker RSS MiB (max)",
    ]
    body = [
        [
            label,
            f"{load['rps']:,.0f}",
            f"{100 * load['rps'] / static_rps:.1f}%",
            f"{load['p50_ms']:.1f}",
            f"{load['p99_ms']:.1f}",
            page["queries"],
            f"{page['render_ms']:.1f}",
            f"{page['html_kib']:.0f}",
            f"{max(rss):.0f}",
        ]
        for label, load, page, rss in rows
    ]
    return table(header, body)


def growth_table(growth):
    base = growth.get("10", {}).get("fastest_render_ms")
    header = [
        "Segments",
        "Turns",
        "Words",
        "HTML KiB",
        "SQL queries",
        "Render ms (median)",
        "Render ms (fastest)",
        "× 10 segments (fastest)",
    ]
    body = [
        [
            size,
            facts["turns"],
            f"{facts['words']:,}",
            f"{facts['html_kib']:.0f}",
            facts["queries"],
            f"{facts['render_ms']:.1f}",
            f"{facts['fastest_render_ms']:.1f}",
            f"{facts['fastest_render_ms'] / base:.2f}" if base else "",
        ]
        for size, facts in growth.items()
    ]
    return table(header, body)


def targets(static, cached, uncached, growth):
    """[(target, measured, met)] for the three targets of the Performance issue."""
    cached_share = cached["rps"] / static["rps"]
    uncached_share = uncached["rps"] / static["rps"]
    ratio = growth["100"]["fastest_render_ms"] / growth["10"]["fastest_render_ms"]
    return [
        (
            TARGETS[0],
            f"{100 * cached_share:.1f}%, p99 {cached['p99_ms']:.1f} ms",
            cached_share >= 0.5 and cached["p99_ms"] < 50,
        ),
        (TARGETS[1], f"{100 * uncached_share:.1f}%", uncached_share >= 0.05),
        (TARGETS[2], f"{ratio:.2f}×", ratio < 10),
    ]


def targets_list(results):
    return "\n".join(
        f"- {'met' if met else '**not met**'}: {target} — measured {measured}"
        for target, measured, met in results
    )
