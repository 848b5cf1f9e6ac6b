"""Faults: the action server down or slow, a broken knowledge base, an unreachable database, a
missing setting. The visitor gets a short Finnish reply within seconds, never silence or a 500;
the operator gets one clear line, not a half-working bot."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid

import pytest
import requests

from bot.language.phrases import FINNISH, PHRASES
from bot.web.channels import REPLY_TIMEOUT_S
from bot.web.patches import ACTION_TIMEOUT_S
from tests.conftest import ROOT, TEST_KNOWLEDGE, say, start_bot
from tests.harness import servers

QUESTION = "Kuka hoitaa EU-asioita?"


@pytest.fixture(scope="module")
def lonely_bot(tmp_path_factory):
    """A Rasa server whose action server is not started: each test decides what answers."""
    bot, processes, actions_port = start_bot(tmp_path_factory.mktemp("faults"), actions=False)
    yield bot, actions_port
    servers.stop(processes)


def timed_ask(url: str, sender: str) -> tuple:
    started = time.monotonic()
    reply = say(url, sender, QUESTION, timeout=60)
    return reply, time.monotonic() - started


def assert_service_problem(reply: requests.Response, waited: float) -> None:
    assert reply.status_code == 200
    assert [m["text"] for m in reply.json()] == [FINNISH.service_problem]
    assert reply.headers["X-Bot-Status"] == "degraded"
    assert waited <= REPLY_TIMEOUT_S + 2, f"the visitor waited {waited:.1f} s"


@pytest.mark.parametrize(
    "message, metadata, lang",
    [
        ("Who handles EU affairs?", None, "en"),
        # On the English page, whatever the detector makes of a name.
        ("Who is Katja Sukuvaara?", {"lang": "en"}, "en"),
        ("Kuka hoitaa EU-asioita?", {"lang": "fi"}, "fi"),
    ],
)
def test_the_service_problem_reply_is_in_the_visitors_language(lonely_bot, message, metadata, lang):
    bot, _ = lonely_bot
    body = {
        "sender": uuid.uuid4().hex,
        "message": message,
        **({"metadata": metadata} if metadata else {}),
    }
    reply = requests.post(f"{bot.url}/webhooks/rest/webhook", json=body, timeout=60)
    assert reply.headers["X-Bot-Status"] == "degraded"
    assert reply.json() == [
        {"recipient_id": body["sender"], "lang": lang, "text": PHRASES[lang].service_problem}
    ]


def test_a_hung_action_server_frees_the_conversation_after_the_action_timeout(lonely_bot):
    """Something listens on the action server's port and never answers, for the whole test.
    The visitor gets the service-problem reply; Rasa gives up on the action after
    ACTION_TIMEOUT_S (bot/web/patches.py; Rasa's own is 5 minutes), stores the message and frees
    the conversation's lock, which the next message needs."""
    bot, actions_port = lonely_bot
    listener = socket.create_server(("127.0.0.1", actions_port))
    held = []

    def hold() -> None:
        while True:
            try:
                held.append(listener.accept())
            except OSError:
                return

    threading.Thread(target=hold, daemon=True).start()
    sender = uuid.uuid4().hex
    try:
        reply, waited = timed_ask(bot.url, sender)
        assert_service_problem(reply, waited)
        started = time.monotonic() - waited
        while not bot.stored_events(sender) and time.monotonic() - started < 60:
            time.sleep(0.2)
        freed = time.monotonic() - started
        assert held, "the action server's port was never called"
    finally:
        listener.close()
        for connection, _ in held:
            connection.close()
    print(
        f"action server hanging: the visitor waited {waited:.2f} s, the lock was free "
        f"after {freed:.1f} s"
    )
    assert ACTION_TIMEOUT_S - 1 <= freed <= ACTION_TIMEOUT_S + 5


def test_action_server_down_then_back(lonely_bot, tmp_path):
    bot, actions_port = lonely_bot
    sender = uuid.uuid4().hex
    reply, waited = timed_ask(bot.url, sender)
    assert_service_problem(reply, waited)
    print(f"action server down: the visitor waited {waited:.2f} s")

    actions = servers.start_actions(actions_port, tmp_path / "actions.log")
    try:
        servers.wait_until_up(f"http://127.0.0.1:{actions_port}/health", [actions])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            reply, _ = timed_ask(bot.url, sender)
            if "X-Bot-Status" not in reply.headers:
                break
        assert "Jouni Ponnikas" in reply.json()[0]["text"], "the bot did not recover"
    finally:
        servers.stop([actions])
    # Nothing the visitor sent was lost on the way: down, and the recovered turns.
    assert sum(1 for kind, _ in bot.stored_events(sender) if kind == "user") >= 2


def preflight(tmp_path, **env) -> subprocess.CompletedProcess:
    defaults = {
        "ACTION_SERVER_URL": "http://127.0.0.1:5055/webhook",
        "LOCK_STORE": "in_memory",
        "TRACKER_DB_URL": f"sqlite:///{tmp_path / 'rasa.db'}",
        "REDIS_HOST": "",
        "REDIS_PORT": "",
        "REDIS_PASSWORD": "",
    }
    merged = {**servers.base_env(), **defaults, **env}
    for name in [k for k, v in merged.items() if v is None]:
        del merged[name]
    endpoints = merged.pop("ENDPOINTS", "deploy/endpoints.yml")
    return subprocess.run(
        [sys.executable, "-m", "staff.preflight", "--endpoints", endpoints],
        cwd=ROOT,
        env=merged,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_preflight_passes_with_the_defaults(tmp_path):
    result = preflight(tmp_path)
    assert result.returncode == 0, result.stderr


def test_preflight_passes_with_the_plain_endpoints_file_and_no_settings(tmp_path):
    shutil.copy(ROOT / "endpoints.yml", tmp_path / "endpoints.yml")
    env = {
        k: v
        for k, v in servers.base_env().items()
        if k not in ("ACTION_SERVER_URL", "TRACKER_DB_URL", "LOCK_STORE")
    }
    result = subprocess.run(
        [sys.executable, "-m", "staff.preflight"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "rasa.db").exists()


@pytest.mark.parametrize(
    "env, expected",
    [
        (
            {"TRACKER_DB_URL": "postgresql://rasa:salasana@127.0.0.1:1/rasa"},
            "Keskustelutietokantaan postgresql://rasa:***@127.0.0.1:1/rasa ei saada yhteyttä",
        ),
        (
            {"LOCK_STORE": "redis", "REDIS_HOST": "127.0.0.1", "REDIS_PORT": "1"},
            "Redis-lukituspalveluun 127.0.0.1:1 ei saada yhteyttä",
        ),
        ({"TRACKER_DB_URL": None}, "puuttuvat: TRACKER_DB_URL"),
        (
            {"ENDPOINTS": "endpoints.yml"},
            "TRACKER_DB_URL, LOCK_STORE, ACTION_SERVER_URL on asetettu, "
            "mutta endpoints.yml ei käytä niitä",
        ),
        ({"RASA_ENABLE_API": "true"}, "RASA_API_TOKEN"),
        ({"RASA_ENABLE_API": "true", "RASA_API_TOKEN": "lyhyt"}, "RASA_API_TOKEN"),
    ],
)
def test_preflight_stops_a_bad_start_with_a_clear_line(tmp_path, env, expected):
    result = preflight(tmp_path, **env)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert "salasana" not in result.stderr


def broken_knowledge(tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(TEST_KNOWLEDGE, folder)
    networks = folder / "networks.yml"
    networks.write_text(
        networks.read_text(encoding="utf-8").replace("name:", "nimi:", 1), encoding="utf-8"
    )
    return folder


def test_broken_knowledge_base_stops_the_start_naming_file_and_field(tmp_path):
    folder = broken_knowledge(tmp_path)
    result = preflight(tmp_path, KNOWLEDGE_DIR=str(folder))
    assert result.returncode == 1
    assert "networks.yml" in result.stderr and "'nimi'" in result.stderr
    assert "Traceback" not in result.stderr

    log = tmp_path / "actions.log"
    actions = servers.start_actions(
        servers.free_port(), log, env=servers.base_env({"KNOWLEDGE_DIR": str(folder)})
    )
    assert actions.wait(timeout=120) != 0, "the action server started with a broken knowledge base"
    assert "networks.yml" in log.read_text()
