"""The benchmark's report (bench/report.py): ratios against the starter bot and the plot."""

from __future__ import annotations

from bench.report import write_report


def run(users, rps, p95):
    return {
        "users": users,
        "requests": int(rps * 30),
        "errors": 0,
        "rps": rps,
        "p50": p95 / 2,
        "p95": p95,
        "p99": p95 * 1.2,
    }


def test_report_gives_every_figure_as_a_ratio_and_draws_the_plot(tmp_path):
    results = {
        "ours": {
            "train_s": 80,
            "model_mb": 16.0,
            "cold_start_s": 36.0,
            "rss_mb": {"rasa": 1100, "actions": 120},
            "turns_ms": [70.0] * 50 + [77.0] * 50,
            "runs": [run(1, 24, 50), run(10, 30, 500)],
        },
        "starter": {
            "train_s": 160,
            "model_mb": 24.0,
            "cold_start_s": 90.0,
            "rss_mb": {"rasa": 1000},
            "runs": [run(1, 12, 100), run(10, 15, 1000)],
            "turns_ms": [100.0] * 50 + [400.0] * 50,
        },
        "meta": {"seconds": 30, "cpus": 2, "date": "2026-11-29 07:00"},
    }
    text = write_report(results, tmp_path)
    assert "| 10 visitors: requests/s | 30.0 | 15.0 | 2.00× |" in text
    assert (
        "| 10 visitors: p50 / p95 / p99 ms | 250 / 500 / 600 | 500 / 1000 / 1200 | p95 0.50× |"
        in text
    )
    assert "| `rasa train`, empty cache, s | 80 | 160 | 0.50× |" in text
    assert "| peak RSS, all servers, MB | 1220 | 1000 | 1.22× |" in text
    assert "| 50–99 | 77 | 400 |" in text
    assert "| last block / first block | 1.10× | 4.00× |" in text
    assert (tmp_path / "bench-latency.png").stat().st_size > 10_000
    assert (tmp_path / "bench.md").read_text(encoding="utf-8") == text
