"""Shared fixtures: the knowledge bases, the trained model, the repository paths.

Two knowledge bases, two kinds of test:
- Code tests (the loader, matching, actions and answer composition, check, live reload, the
  training fingerprint, the staff tools' file handling) run on `test_kb`: tests/knowledge/, a
  small fictional knowledge base of their own, so that staff editing data/knowledge/ cannot break
  them.
- Content tests run on `kb`, the shipped data/knowledge/: tests/facts.yml and facts_en.yml (the
  content acceptance test, in test_actions.py and test_rest.py), the visitor and language
  questions, tests/test_selection.py (how well the real page is understood), and the checks that
  the shipped knowledge base is valid (every name leads to its object, every section is on the
  demo page). The servers the server tier starts read the shipped knowledge base too.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest
import requests
import yaml

from bot import knowledge
from bot.paths import ROOT
from tests.harness import browser as browsing
from tests.harness import servers

REPORTS = ROOT / "reports"
# The code tests' own knowledge base, and the page its answers cite (its section anchors).
TEST_KNOWLEDGE = ROOT / "tests" / "knowledge"
TEST_PAGE = TEST_KNOWLEDGE / "page.html"
# Every fact of the source page as a question with the expected answer text, in Finnish
# (tests/facts.yml) and in English (tests/facts_en.yml).
FACTS = [
    {**fact, "lang": lang}
    for name, lang in (("facts.yml", "fi"), ("facts_en.yml", "en"))
    for fact in yaml.safe_load((ROOT / "tests" / name).read_text(encoding="utf-8"))
]
FACT_IDS = [f["question"] for f in FACTS]
# Test tiers (pyproject.toml's markers), from the fixtures a test uses: `make test-fast` runs
# the unit tier, which needs no trained model, no server and no browser.
TIERS = {
    "parse": "model",
    "bot": "server",
    "bot_url": "server",
    "ask": "server",
    "lonely_bot": "server",
    "limited_bot": "server",
    "project": "server",
    "browser": "browser",
    "cluster": "scaleout",
}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        tiers = {TIERS[name] for name in item.fixturenames if name in TIERS}
        tiers |= {m.name for m in item.iter_markers() if m.name in set(TIERS.values())}
        for tier in tiers or {"unit"}:
            item.add_marker(tier)


# Stands in for rasa where only the commands matter: notes each in rasa-calls.log, `rasa train
# --out DIR` leaves a model named by the clock in DIR (a graph of no components: what
# staff/models.py reads), and `rasa test` fails when
# STUB_RASA_FAIL=test.
STUB_RASA = """#!/bin/sh
command=$1
echo "$command" >> rasa-calls.log
out=models
while [ $# -gt 0 ]; do [ "$1" = --out ] && out=$2; shift; done
if [ "$command" = train ]; then
    mkdir -p "$out" metadata && echo '{"train_schema": {"nodes": {}}}' > metadata/metadata.json
    tar czf "$out/stub-$(date +%s%N).tar.gz" -C metadata metadata.json && rm -r metadata
fi
if [ "$command" = test ] && [ "$STUB_RASA_FAIL" = test ]; then exit 1; fi
exit 0
"""


@pytest.fixture
def stub_rasa(tmp_path) -> Path:
    stub = tmp_path / "rasa"
    stub.write_text(STUB_RASA, encoding="utf-8")
    stub.chmod(0o755)
    return stub


def say(url: str, sender: str, text: str, timeout: float = 30) -> requests.Response:
    """One visitor message through the REST channel of the bot at `url`."""
    return requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=timeout
    )


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium (tests/harness/browser.py), one per test module: Playwright's sync API
    keeps an event loop running in the thread, where later tests' asyncio.run() would fail."""
    if not Path(browsing.CHROMIUM).exists():
        pytest.fail(f"{browsing.CHROMIUM} missing: apt-get install chromium (see .ci/run)")
    with browsing.chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def kb() -> knowledge.KnowledgeBase:
    """The shipped knowledge base (data/knowledge/, or $KNOWLEDGE_DIR): for content tests."""
    return knowledge.load()


@pytest.fixture(scope="session")
def test_kb() -> knowledge.KnowledgeBase:
    """The code tests' small fictional knowledge base (tests/knowledge/)."""
    return knowledge.load(TEST_KNOWLEDGE)


@pytest.fixture(scope="session")
def test_answerers():
    """What the custom actions answer from (actions.actions.ANSWERERS), on the test knowledge
    base."""
    from bot.answering.answers import Answerer
    from bot.answering.live_knowledge import LiveKnowledge

    return LiveKnowledge(
        lambda kb: {lang: Answerer(kb, lang) for lang in knowledge.LANGUAGES}, TEST_KNOWLEDGE
    )


@pytest.fixture
def on_test_kb(monkeypatch, test_answerers) -> None:
    """The custom actions answer from the test knowledge base instead of the shipped one."""
    from actions import actions

    monkeypatch.setattr(actions, "ANSWERERS", test_answerers)


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


@dataclass
class RunningBot:
    url: str
    work: Path  # rasa.db, rasa.log, actions.log, and knowledge/: the action server's copy

    @property
    def knowledge(self) -> Path:
        return self.work / "knowledge"

    def stored_events(self, sender: str) -> List[Tuple[str, Optional[str]]]:
        """The (type, data) of every event the tracker store keeps for a conversation."""
        with sqlite3.connect(self.work / "rasa.db") as db:
            return db.execute(
                "SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
            ).fetchall()

    def endpoints(self, folder: Path) -> Path:
        """An endpoints file for this bot's tracker store, for the staff tools (make report)."""
        return servers.sqlite_endpoints(folder, actions_port=0, db=self.work / "rasa.db")

    def logs(self) -> str:
        return "".join(
            (self.work / name).read_text(errors="replace")
            for name in ("rasa.log", "actions.log")
            if (self.work / name).exists()
        )


def start_bot(
    work: Path, actions: bool = True, settings: Optional[Dict[str, str]] = None
) -> Tuple[RunningBot, list, int]:
    """Starts a Rasa server (and its action server, on a copy of the knowledge base that a test
    may edit) with a fresh SQLite tracker store; returns the bot, its processes and the action
    server's port."""
    rasa_port, actions_port = servers.free_port(), servers.free_port()
    bot = RunningBot(f"http://127.0.0.1:{rasa_port}", work)
    shutil.copytree(knowledge.knowledge_dir(), bot.knowledge)
    env = servers.base_env({"KNOWLEDGE_DIR": str(bot.knowledge), **(settings or {})})
    processes = [servers.start_actions(actions_port, work / "actions.log", env)] if actions else []
    processes.append(
        servers.start_rasa(
            rasa_port, work / "rasa.log", servers.sqlite_endpoints(work, actions_port), env=env
        )
    )
    try:
        if actions:
            servers.wait_until_up(f"http://127.0.0.1:{actions_port}/health", processes)
        servers.wait_until_up(f"{bot.url}/webhooks/rest/", processes)
    except servers.ServerError as e:
        servers.stop(processes)
        pytest.fail(f"{e} (logs in {work})")
    return bot, processes, actions_port


@pytest.fixture(scope="session")
def bot(tmp_path_factory) -> RunningBot:
    """A running action server and Rasa server (REST and widget channels) on free loopback
    ports, with the conversations in a fresh SQLite tracker store."""
    running, processes, _ = start_bot(tmp_path_factory.mktemp("bot"))
    yield running
    servers.stop(processes)


@pytest.fixture(scope="session")
def bot_url(bot) -> str:
    return bot.url


@pytest.fixture(scope="session")
def ask(bot_url) -> Callable[..., List[Dict[str, Any]]]:
    """Sends one visitor message through the REST channel and returns the bot's messages."""

    def send(text: str, sender: Optional[str] = None) -> List[Dict[str, Any]]:
        reply = say(bot_url, sender or uuid.uuid4().hex, text)
        assert reply.status_code == 200, reply.text
        return reply.json()

    return send
