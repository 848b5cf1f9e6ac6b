"""Shared fixtures: the knowledge base, the trained model, the repository paths."""
from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from subprocess import STDOUT
from typing import Any, Callable, Dict, List, Optional

import pytest
import requests
import yaml

from bot import knowledge

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"
# Every fact of the source page as a question with the expected answer text (tests/facts.yml).
FACTS = yaml.safe_load((ROOT / "tests" / "facts.yml").read_text(encoding="utf-8"))
FACT_IDS = [f["question"] for f in FACTS]


@pytest.fixture(scope="session")
def kb() -> knowledge.KnowledgeBase:
    return knowledge.load()


@pytest.fixture(scope="session")
def parse() -> Callable[[str], Dict[str, Any]]:
    """Parses text with the newest trained model, as the Rasa server would."""
    from rasa.core.agent import Agent
    from rasa.model import get_latest_model

    model = get_latest_model(str(ROOT / "models"))
    if model is None:
        pytest.fail("No trained model in models/: run `make train` first")
    agent = Agent.load(model)
    loop = asyncio.new_event_loop()
    yield lambda text: loop.run_until_complete(agent.parse_message(text))
    loop.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, processes: List[subprocess.Popen], timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for p in processes:
            if p.poll() is not None:
                pytest.fail(f"server exited with {p.returncode}: {' '.join(p.args)}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    pytest.fail(f"server did not start in {timeout} s: {url}")


@pytest.fixture(scope="session")
def bot_url(tmp_path_factory) -> str:
    """A running action server and Rasa server (REST channel) on free loopback ports,
    with the conversations in a fresh SQLite tracker store."""
    work = tmp_path_factory.mktemp("bot")
    rasa_port, actions_port = _free_port(), _free_port()
    endpoints = work / "endpoints.yml"
    endpoints.write_text(
        f"action_endpoint:\n  url: http://127.0.0.1:{actions_port}/webhook\n"
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {work / 'rasa.db'}\n",
        encoding="utf-8")
    env = {**os.environ, "SANIC_HOST": "127.0.0.1", "RASA_TELEMETRY_ENABLED": "false"}
    rasa = str(Path(sys.executable).parent / "rasa")
    logs = [open(work / name, "w") for name in ("actions.log", "rasa.log")]
    processes = [
        subprocess.Popen([rasa, "run", "actions", "--actions", "actions", "--port",
                          str(actions_port)], cwd=ROOT, env=env, stdout=logs[0], stderr=STDOUT),
        subprocess.Popen([rasa, "run", "--interface", "127.0.0.1", "--port", str(rasa_port),
                          "--model", "models", "--endpoints", str(endpoints),
                          "--credentials", "credentials.yml"],
                         cwd=ROOT, env=env, stdout=logs[1], stderr=STDOUT),
    ]
    try:
        _wait_until_up(f"http://127.0.0.1:{actions_port}/health", processes)
        _wait_until_up(f"http://127.0.0.1:{rasa_port}/webhooks/rest/", processes)
        yield f"http://127.0.0.1:{rasa_port}"
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        for log in logs:
            log.close()


@pytest.fixture
def ask(bot_url) -> Callable[..., List[Dict[str, Any]]]:
    """Sends one visitor message through the REST channel and returns the bot's messages."""
    def send(text: str, sender: Optional[str] = None) -> List[Dict[str, Any]]:
        reply = requests.post(f"{bot_url}/webhooks/rest/webhook",
                              json={"sender": sender or uuid.uuid4().hex, "message": text},
                              timeout=30)
        assert reply.status_code == 200, reply.text
        return reply.json()
    return send
