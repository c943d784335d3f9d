#!/usr/bin/env python3
"""Rows and the summary table of bench/compare (and bench/run-nimbus.sh).

compare-row.py RESULT.json SERVER N LOAD CPU0 CPU1 T0 T1 HZ RSS_END_KIB RSS_MAX_KIB GEN0 GEN1
               CPU_STEADY T_STEADY ROWS.tsv
    prints one Markdown row for one run (the generator's JSON summary plus the /proc samples; CPU over
    the whole run and from T_STEADY, the start of the steady window, on) and appends the figures the
    summary needs to ROWS.tsv.
compare-row.py --summary ROWS.tsv
    prints one table: for each subscriber count, each server's CPU, RSS and steady p99 latency, and
    each as a ratio of Nimbus's at the same count (> 1 means more than Nimbus).
"""
import json
import sys

FIELDS = ["server", "n", "cpu", "rss_max_mib", "p99", "alive", "n_total", "rx_mbit", "missing",
          "steady_cpu", "ref_p99"]


def row(argv):
    (path, server, n, load, c0, c1, t0, t1, hz, rss_end, rss_max, g0, g1, cs, ts, rows) = argv
    wall = float(t1) - float(t0)
    cpu_seconds = (int(c1) - int(c0)) / int(hz)
    cpu = cpu_seconds / wall * 100
    steady_wall = float(t1) - float(ts)
    steady_cpu = (int(c1) - int(cs)) / int(hz) / steady_wall * 100 if steady_wall > 1 else float("nan")
    gen = (int(g1) - int(g0)) / int(hz) / wall * 100
    r = json.load(open(path))
    received = r["received"]
    per_gb = cpu_seconds / max(1e-9, received["bytes"] / 1e9)
    s, lat, lag = r["subscribers"], r["steadyLatencyMs"], r["generatorLagMs"]
    ref = r["referencePlayer"]["steadyLatencyMs"]
    print(
        f"| {server} | {n} | {load} | {cpu:.0f} | {steady_cpu:.0f} | {per_gb:.2f} "
        f"| {int(rss_end) / 1024:.0f} / {int(rss_max) / 1024:.0f} | {gen:.0f} "
        f"| {lag['p99']:.0f} / {lag['max']:.0f} "
        f"| {s['aliveAtEnd']} / {s['aliveMinSteady']} | {s['connected']} / {s['failed']} / {s['lost']} "
        f"| {received['bytes'] / 1e6:.0f} | {received['steadyBytesPerSecond'] * 8 / 1e6:.0f} "
        f"| {r['missing']} ({r['steadyMissing']}) {r['missingVideo']} / {r['missingAudio']} "
        f"| {lat['p50']:.1f} / {lat['p90']:.1f} / {lat['p99']:.1f} / {lat['max']:.1f} "
        f"| {ref['p50']:.2f} / {ref['p99']:.2f} / {ref['max']:.2f} |",
        flush=True,
    )
    values = [server, n, f"{cpu:.1f}", f"{int(rss_max) / 1024:.0f}", f"{lat['p99']:.1f}",
              str(s["aliveAtEnd"]), n, f"{received['steadyBytesPerSecond'] * 8 / 1e6:.0f}",
              str(r["missing"]), f"{steady_cpu:.1f}", f"{ref['p99']:.2f}"]
    with open(rows, "a") as f:
        f.write("\t".join(values) + "\n")


def ratio(value, nimbus):
    return "-" if nimbus is None or nimbus == 0 else f"{value / nimbus:.2f}"


def summary(rows):
    runs = [dict(zip(FIELDS, line.rstrip("\n").split("\t"))) for line in open(rows) if line.strip()]
    print("| subscribers | server | CPU % of a core | CPU vs Nimbus | steady CPU % | steady CPU vs Nimbus "
          "| RSS max MiB | RSS vs Nimbus "
          "| alive at end | steady rx Mbit/s | frames missing | steady p99 ms | p99 vs Nimbus "
          "| reference player p99 ms | vs Nimbus |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n in dict.fromkeys(run["n"] for run in runs):
        at_n = [run for run in runs if run["n"] == n]
        nimbus = next((run for run in at_n if run["server"] == "nimbus"), None)

        def base(key):
            return float(nimbus[key]) if nimbus else None

        for run in at_n:
            cpu, rss, p99 = float(run["cpu"]), float(run["rss_max_mib"]), float(run["p99"])
            steady, ref = float(run["steady_cpu"]), float(run["ref_p99"])
            print(f"| {n} | {run['server']} | {cpu:.0f} | {ratio(cpu, base('cpu'))} "
                  f"| {steady:.0f} | {ratio(steady, base('steady_cpu'))} "
                  f"| {rss:.0f} | {ratio(rss, base('rss_max_mib'))} | {run['alive']} / {n} "
                  f"| {run['rx_mbit']} | {run['missing']} | {p99:.1f} | {ratio(p99, base('p99'))} "
                  f"| {ref:.2f} | {ratio(ref, base('ref_p99'))} |")


if __name__ == "__main__":
    if sys.argv[1] == "--summary":
        summary(sys.argv[2])
    else:
        row(sys.argv[1:])
