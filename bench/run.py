"""`make bench`: the same load against our bot and Rasa's starter bot (`rasa init --no-prompt`),
in one run, with Locust headless. Prints the figures and writes reports/bench.md,
reports/bench.json and the latency-vs-users plot reports/bench-latency.png.

Measured per bot: `rasa train` time from an empty cache and model size; cold start (processes
started -> first answer); the latency of each turn of one long conversation (--turns messages
back to back from one visitor); for each number of concurrent visitors, throughput,
p50/p95/p99 latency and errors; peak RSS of the Rasa server and the action server."""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional, Union

import psutil
import requests
import yaml

from bot.paths import ROOT
from tests.harness import servers

HERE = Path(__file__).resolve().parent
LEVELS = [1, 5, 10, 20, 50]
STARTER_QUESTIONS = [
    "hello",
    "hi there",
    "I am feeling great",
    "I am very sad",
    "yes",
    "no",
    "are you a bot?",
    "goodbye",
]
COLD_START_SENDER = "cold-start-0123456789"  # the channels want ids of 16-64 characters
LONG_SENDER = "long-conversation-0123456789"
TURNS = 300
FOLLOW_UPS = {
    "fi": ["Entä Barents?", "Keitä siihen kuuluu?", "Kuka on yhteyshenkilö?"],
    "en": ["And Barents?", "Who belongs to it?", "Who is the contact person?"],
}


def our_questions() -> Dict[str, List[str]]:
    """Every page fact as a question, and follow-ups: Finnish and English visitors."""
    questions = {}
    for lang, name in (("fi", "facts.yml"), ("en", "facts_en.yml")):
        facts = yaml.safe_load((ROOT / "tests" / name).read_text(encoding="utf-8"))
        questions[lang] = [f["question"] for f in facts] + FOLLOW_UPS[lang]
    return questions


def run_locust(host: str, users: int, seconds: int, questions: Path, prefix: Path) -> Dict:
    """One headless Locust run; returns the aggregated figures from its CSV."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--loglevel",
            "ERROR",
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "--host",
            host,
            "--csv",
            str(prefix),
        ],
        env={**os.environ, "BENCH_QUESTIONS": str(questions)},
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["Name"] == "Aggregated")
    with open(f"{prefix}_failures.csv", newline="") as f:
        failures = {r["Error"]: int(r["Occurrences"]) for r in csv.DictReader(f)}
    return {
        "users": users,
        "failures": failures,
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "p50": float(row["50%"]),
        "p95": float(row["95%"]),
        "p99": float(row["99%"]),
    }


class PeakRss(threading.Thread):
    """Samples the resident memory of processes (with their children) until stopped."""

    def __init__(self, processes: Dict[str, subprocess.Popen]):
        super().__init__(daemon=True)
        self.processes = {name: psutil.Process(p.pid) for name, p in processes.items()}
        self.peak_mb = {name: 0.0 for name in processes}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            for name, proc in self.processes.items():
                try:
                    rss = sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
                except psutil.Error:
                    continue
                self.peak_mb[name] = max(self.peak_mb[name], rss / 2**20)


def train(project: Path, cache: Path, args: List[str]) -> float:
    """Runs a training command with an empty cache and returns its wall time."""
    env = servers.base_env({"RASA_CACHE_DIRECTORY": str(cache)})
    started = time.monotonic()
    subprocess.run(
        [servers.RASA, *args],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def newest_model(folder: Path) -> Path:
    return max(folder.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)


def long_conversation(host: str, questions: List[str], turns: int) -> List[float]:
    """One visitor asking `turns` questions back to back in one conversation: each turn's
    latency in ms."""
    latencies = []
    with requests.Session() as session:
        for turn in range(turns):
            started = time.perf_counter()
            reply = session.post(
                f"{host}/webhooks/rest/webhook",
                timeout=60,
                json={"sender": LONG_SENDER, "message": questions[turn % len(questions)]},
            )
            reply.raise_for_status()
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def bench_bot(
    name: str,
    project: Path,
    model: Path,
    questions: Union[List[str], Dict[str, List[str]]],
    work: Path,
    levels: List[int],
    seconds: int,
    with_actions: bool,
    endpoints: Optional[Path] = None,
    turns: int = TURNS,
) -> Dict:
    """Starts one bot, measures its cold start, then every load level. `questions`: one list,
    or a list per language (each visitor asks in one of them)."""
    qfile = work / f"{name}-questions.json"
    qfile.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
    port, actions_port = servers.free_port(), servers.free_port()
    if endpoints is None:  # our bot: the default SQLite tracker store, in a fresh file
        endpoints = servers.sqlite_endpoints(work / name, actions_port)
    first_question = (questions["fi"] if isinstance(questions, dict) else questions)[0]
    started = time.monotonic()
    processes = {}
    if with_actions:
        processes["actions"] = servers.start_actions(actions_port, work / f"{name}-actions.log")
    processes["rasa"] = servers.start_rasa(
        port, work / f"{name}-rasa.log", endpoints, str(model), cwd=project
    )
    host = f"http://127.0.0.1:{port}"
    try:
        servers.wait_until_up(
            f"{host}/webhooks/rest/webhook",
            list(processes.values()),
            timeout=300,
            json={"sender": COLD_START_SENDER, "message": first_question},
        )
        cold_start = time.monotonic() - started
        turns_ms = long_conversation(
            host, questions["fi"] if isinstance(questions, dict) else questions, turns
        )
        rss = PeakRss(processes)
        rss.start()
        runs = []
        for users in levels:
            runs.append(run_locust(host, users, seconds, qfile, work / f"{name}-{users}"))
            print(
                f"{name:8} {users:3} visitors: {runs[-1]['rps']:6.1f} req/s, "
                f"p50 {runs[-1]['p50']:5.0f} ms, p95 {runs[-1]['p95']:5.0f} ms, "
                f"errors {runs[-1]['errors']} {runs[-1]['failures'] or ''}",
                flush=True,
            )
        rss.done.set()
        rss.join()
    finally:
        servers.stop(list(processes.values()))
    return {"cold_start_s": cold_start, "turns_ms": turns_ms, "runs": runs, "rss_mb": rss.peak_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=60, help="length of each load level")
    parser.add_argument("--users", type=int, nargs="+", default=LEVELS)
    parser.add_argument("--turns", type=int, default=TURNS, help="turns of the long conversation")
    parser.add_argument("--out", type=Path, default=ROOT / "reports")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from bench.report import write_report  # matplotlib only when the run gets this far

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        ours_models, starter = work / "models", work / "starter"
        starter.mkdir()
        results = {"ours": {}, "starter": {}}
        print("Training our bot and the starter bot from an empty cache...", flush=True)
        results["ours"]["train_s"] = train(
            ROOT, work / "cache-ours", ["train", "--quiet", "--out", str(ours_models)]
        )
        results["starter"]["train_s"] = train(
            work, work / "cache-starter", ["init", "--no-prompt", "--init-dir", str(starter)]
        )
        for name, project, models in (
            ("ours", ROOT, ours_models),
            ("starter", starter, starter / "models"),
        ):
            model = newest_model(models)
            results[name]["model_mb"] = model.stat().st_size / 2**20
            results[name].update(
                bench_bot(
                    name,
                    project,
                    model,
                    our_questions() if name == "ours" else STARTER_QUESTIONS,
                    work,
                    args.users,
                    args.seconds,
                    with_actions=name == "ours",
                    endpoints=None if name == "ours" else starter / "endpoints.yml",
                    turns=args.turns,
                )
            )
    results["meta"] = {
        "seconds": args.seconds,
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }
    (args.out / "bench.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(write_report(results, args.out))


if __name__ == "__main__":
    main()
