"""Starting and stopping the Rasa server and the action server as separate processes, on
loopback ports: one home for what the tests, the benchmark and the scale-out check need."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from subprocess import STDOUT
from typing import Dict, List, Optional, Sequence

import requests

from bot.paths import ENV, ROOT
from bot.web.tracker_store import STORE_TYPE

RASA = str(Path(sys.executable).parent / "rasa")


class ServerError(RuntimeError):
    """A server exited or did not come up in time."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """The servers' environment: the project's defaults (bot/paths.py), on loopback. Rate limits
    are off (tests and benchmarks send faster than visitors do) unless `extra` turns them on."""
    return {**os.environ, **ENV, "SANIC_HOST": "127.0.0.1", "RATE_LIMITS": "off", **(extra or {})}


def sqlite_endpoints(folder: Path, actions_port: int, db: Optional[Path] = None) -> Path:
    """Writes endpoints.yml for a bot of its own: its action server and a SQLite tracker store,
    by default a fresh one in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    db = db or folder / "rasa.db"
    endpoints = folder / "endpoints.yml"
    endpoints.write_text(
        f"action_endpoint:\n  url: http://127.0.0.1:{actions_port}/webhook\n"
        f"tracker_store:\n  type: {STORE_TYPE}\n  dialect: sqlite\n  db: {db}\n",
        encoding="utf-8",
    )
    return endpoints


def start(
    args: Sequence[str], log: Path, cwd: Path = ROOT, env: Optional[Dict[str, str]] = None
) -> subprocess.Popen:
    """Starts `rasa <args>` with its output in `log`."""
    with open(log, "ab") as out:
        return subprocess.Popen(
            [RASA, *args], cwd=cwd, env=env or base_env(), stdout=out, stderr=STDOUT
        )


def start_actions(port: int, log: Path, env: Optional[Dict[str, str]] = None) -> subprocess.Popen:
    return start(["run", "actions", "--actions", "actions", "--port", str(port)], log, env=env)


def start_rasa(
    port: int,
    log: Path,
    endpoints: Path,
    model: str = "models",
    cwd: Path = ROOT,
    credentials: str = "credentials.yml",
    env: Optional[Dict[str, str]] = None,
) -> subprocess.Popen:
    return start(
        [
            "run",
            "--interface",
            "127.0.0.1",
            "--port",
            str(port),
            "--model",
            model,
            "--endpoints",
            str(endpoints),
            "--credentials",
            credentials,
        ],
        log,
        cwd,
        env,
    )


def wait_until_up(
    url: str, processes: List[subprocess.Popen], timeout: float = 240, json: Optional[dict] = None
) -> float:
    """Polls `url` (GET, or POST of `json` until the bot answers, not with the service-problem
    reply) and returns the seconds it took; raises ServerError if a process dies or time runs
    out."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        for p in processes:
            if p.poll() is not None:
                raise ServerError(f"server exited with {p.returncode}: {' '.join(p.args)}")
        try:
            reply = (
                requests.post(url, json=json, timeout=5)
                if json is not None
                else requests.get(url, timeout=2)
            )
            # The service-problem reply (the action server not up yet) is not an answer.
            if reply.ok and "X-Bot-Status" not in reply.headers and (json is None or reply.json()):
                return time.monotonic() - started
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.25)
    raise ServerError(f"server did not start in {timeout} s: {url}")


def stop(processes: List[subprocess.Popen]) -> None:
    for p in processes:
        if p.poll() is None:
            p.terminate()
    for p in processes:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
