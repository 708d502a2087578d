"""The benchmark's tables and targets, as markdown (printed and written to docs/benchmarks.md)."""

import re

TARGETS = {
    "embedded": "embedded default (`make run`): cached article ≥ 60% of the static file's "
    "requests/s",
    "redis": "production config (Redis): cached article ≥ 75% of the static file's requests/s, "
    "p99 < 15 ms",
    "purge": "the miss after a comment approval ≤ 0.5× a cold render (median)",
    "uncached": "uncached article (cold render) ≥ 1.8% of the static file's requests/s "
    "(its ratio before the page cache work, 2026-11-26)",
    "growth": "100 segments render in < 10× the time of 10",
}


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def load_table(rows):
    """rows: [(label, wrk figures, in-process figures, worker RSS list, static requests/s of
    the same run)]."""
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
        for label, load, page, rss, static_rps in rows
    ]
    return table(header, body)


def purge_table(purged):
    header = ["Render", "Median ms", "Fastest ms", "× cold (median)"]
    cold = purged["cold_ms"]
    return table(
        header,
        [
            [
                "Cold (kept parts dropped)",
                f"{cold:.1f}",
                f"{purged['cold_fastest_ms']:.1f}",
                "1.00",
            ],
            [
                "After a comment approval",
                f"{purged['after_comment_ms']:.1f}",
                f"{purged['after_comment_fastest_ms']:.1f}",
                f"{purged['after_comment_ms'] / cold:.2f}",
            ],
        ],
    )


def wire_table(wire, labels):
    header = ["Page", "Without gzip (KiB)", "With `Accept-Encoding: gzip` (KiB)", "Ratio"]
    return table(
        header,
        [
            [
                labels.get(url, url),
                f"{sizes['plain'] / 1024:.1f}",
                f"{sizes['gzip'] / 1024:.1f} ({sizes['encoding'] or 'identity'})",
                f"{sizes['gzip'] / sizes['plain']:.2f}",
            ]
            for url, sizes in wire.items()
        ],
    )


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


def targets(runs, purged, growth):
    """[(target, measured, met)] for the targets of the Performance issues."""

    def share(mode, key="article"):
        return runs[mode][key][0]["rps"] / runs[mode]["static"][0]["rps"]

    embedded = share("embedded")
    uncached = runs["uncached"]["article"][0]["rps"] / runs["embedded"]["static"][0]["rps"]
    purge_ratio = purged["after_comment_ms"] / purged["cold_ms"]
    ratio = growth["100"]["fastest_render_ms"] / growth["10"]["fastest_render_ms"]
    results = [(TARGETS["embedded"], f"{100 * embedded:.1f}%", embedded >= 0.6)]
    if "redis" in runs:
        redis, p99 = share("redis"), runs["redis"]["article"][0]["p99_ms"]
        results.append(
            (TARGETS["redis"], f"{100 * redis:.1f}%, p99 {p99:.1f} ms", redis >= 0.75 and p99 < 15)
        )
    else:
        results.append((TARGETS["redis"], "not measured (no BENCH_REDIS_URL)", False))
    results += [
        (TARGETS["purge"], f"{purge_ratio:.2f}×", purge_ratio <= 0.5),
        (TARGETS["uncached"], f"{100 * uncached:.2f}%", uncached >= 0.018),  # 1.78% is not met
        (TARGETS["growth"], f"{ratio:.2f}×", ratio < 10),
    ]
    return results


def targets_list(results):
    return "\n".join(
        f"- {'met' if met else '**not met**'}: {target} — measured {measured}"
        for target, measured, met in results
    )


def write_section(docs, name, text):
    """Put `text` (which starts with `<!-- name:start -->` and ends with `<!-- name:end -->`)
    in place of that section of `docs`, or at its end. `make bench` keeps such sections when
    it rewrites the rest (run.py's `kept_sections`)."""
    section = re.compile(f"<!-- {name}:start -->.*?<!-- {name}:end -->\n?", re.DOTALL)
    current = docs.read_text() if docs.exists() else "# Benchmarks\n"
    if section.search(current):
        updated = section.sub(lambda _match: text, current, count=1)
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    docs.write_text(updated)
