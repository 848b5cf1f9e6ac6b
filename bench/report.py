"""The benchmark's Markdown report and latency-vs-users plot (see bench/run.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the file-only backend)

BOTS = {"ours": "our bot", "starter": "starter bot"}
COLORS = {"ours": "tab:blue", "starter": "tab:orange"}


def _ratio(ours: float, starter: float) -> str:
    return f"{ours / starter:.2f}×" if starter else "–"


def plot(results: Dict, path: Path) -> None:
    fig, (latency, throughput) = plt.subplots(1, 2, figsize=(10, 4))
    for bot, label in BOTS.items():
        runs = results[bot]["runs"]
        users = [r["users"] for r in runs]
        color = COLORS[bot]
        latency.plot(users, [r["p95"] for r in runs], marker="o", color=color, label=f"{label} p95")
        latency.plot(
            users,
            [r["p50"] for r in runs],
            marker=".",
            linestyle="--",
            color=color,
            label=f"{label} p50",
        )
        throughput.plot(users, [r["rps"] for r in runs], marker="o", color=color, label=label)
    latency.set(
        xscale="log",
        yscale="log",
        xlabel="concurrent visitors",
        ylabel="latency (ms)",
        title="Latency",
    )
    throughput.set(
        xscale="log", xlabel="concurrent visitors", ylabel="requests/s", title="Throughput"
    )
    for ax in (latency, throughput):
        ax.set_xticks([r["users"] for r in results["ours"]["runs"]])
        ax.get_xaxis().set_major_formatter(matplotlib.ticker.ScalarFormatter())
        ax.grid(alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


TURN_BLOCK = 50


def turn_table(results: Dict) -> List[str]:
    """Median latency per block of turns of the long conversation, and the last block's
    against the first."""
    blocks = {
        bot: [
            sorted(results[bot]["turns_ms"][i : i + TURN_BLOCK])
            for i in range(0, len(results[bot]["turns_ms"]), TURN_BLOCK)
        ]
        for bot in BOTS
    }
    medians = {bot: [b[len(b) // 2] for b in bot_blocks] for bot, bot_blocks in blocks.items()}
    lines = ["| turns | our bot, median ms | starter bot, median ms |", "|---|---:|---:|"]
    for i, (o, s) in enumerate(zip(medians["ours"], medians["starter"])):
        lines.append(f"| {i * TURN_BLOCK}–{(i + 1) * TURN_BLOCK - 1} | {o:.0f} | {s:.0f} |")
    lines.append(
        f"| last block / first block | {_ratio(medians['ours'][-1], medians['ours'][0])} "
        f"| {_ratio(medians['starter'][-1], medians['starter'][0])} |"
    )
    return lines


def table(results: Dict) -> List[str]:
    ours, starter = results["ours"], results["starter"]
    lines = ["| | our bot | starter bot | ours / starter |", "|---|---:|---:|---:|"]
    for o, s in zip(ours["runs"], starter["runs"]):
        n = o["users"]
        lines += [
            f"| {n} visitors: requests/s | {o['rps']:.1f} | {s['rps']:.1f} | "
            f"{_ratio(o['rps'], s['rps'])} |",
            f"| {n} visitors: p50 / p95 / p99 ms | {o['p50']:.0f} / {o['p95']:.0f} / "
            f"{o['p99']:.0f} | {s['p50']:.0f} / {s['p95']:.0f} / {s['p99']:.0f} | "
            f"p95 {_ratio(o['p95'], s['p95'])} |",
            f"| {n} visitors: errors / requests | {o['errors']} / {o['requests']} | "
            f"{s['errors']} / {s['requests']} | |",
        ]
    ours_rss = ours["rss_mb"]["rasa"] + ours["rss_mb"].get("actions", 0)
    lines += [
        f"| cold start (start → first answer), s | {ours['cold_start_s']:.1f} | "
        f"{starter['cold_start_s']:.1f} | "
        f"{_ratio(ours['cold_start_s'], starter['cold_start_s'])} |",
        f"| peak RSS, Rasa server, MB | {ours['rss_mb']['rasa']:.0f} | "
        f"{starter['rss_mb']['rasa']:.0f} | "
        f"{_ratio(ours['rss_mb']['rasa'], starter['rss_mb']['rasa'])} |",
        f"| peak RSS, action server, MB | {ours['rss_mb'].get('actions', 0):.0f} | – | |",
        f"| peak RSS, all servers, MB | {ours_rss:.0f} | {starter['rss_mb']['rasa']:.0f} | "
        f"{_ratio(ours_rss, starter['rss_mb']['rasa'])} |",
        f"| `rasa train`, empty cache, s | {ours['train_s']:.0f} | {starter['train_s']:.0f} | "
        f"{_ratio(ours['train_s'], starter['train_s'])} |",
        f"| model size, MB | {ours['model_mb']:.1f} | {starter['model_mb']:.1f} | "
        f"{_ratio(ours['model_mb'], starter['model_mb'])} |",
    ]
    return lines


def write_report(results: Dict, out: Path) -> str:
    """Writes bench.md and bench-latency.png to `out` and returns the Markdown."""
    plot(results, out / "bench-latency.png")
    meta = results["meta"]
    text = "\n".join(
        [
            "# Load benchmark: our bot and Rasa's starter bot",
            "",
            f"{meta['date']}, {meta['cpus']} CPUs, Locust headless, each level "
            f"{meta['seconds']} s; every visitor has its own conversation (8 questions, then a "
            "new visitor) and asks back to back; half of our visitors ask in Finnish, half in "
            "English. An error is a reply that is not HTTP 200, is an empty list, or is our "
            "bot's service-problem reply. Command: `make bench`.",
            "",
            *table(results),
            "",
            "The starter bot is `rasa init --no-prompt` (in-memory tracker store, no action "
            "server); ours keeps conversations in SQLite and answers through the action server. "
            "The starter bot's train time includes `rasa init` creating the project.",
            "",
            "![Latency and throughput against concurrent visitors](bench-latency.png)",
            "",
            "## One long conversation",
            "",
            f"One visitor asks {len(results['ours']['turns_ms'])} questions back to back in one "
            "conversation, before the load levels. Our bot starts a new conversation session, "
            "slots carried over, after a fixed number of visitor messages "
            "(bot/web/tracker_store.py), so a turn's cost does not grow with the conversation.",
            "",
            *turn_table(results),
            "",
        ]
    )
    (out / "bench.md").write_text(text, encoding="utf-8")
    return text
