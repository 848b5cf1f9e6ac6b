"""Limits per conversation and per client (bot/web/rate_limits.py): on a bot of its own with low
limits, behind a "proxy" (the test) that passes on client addresses; and the settings alone."""

from __future__ import annotations

import uuid

import pytest
import requests

from bot.web.rate_limits import RateLimits
from tests.conftest import start_bot
from tests.harness import servers

LIMITED = {
    "RATE_LIMITS": "on",
    "RATE_LIMIT_CONVERSATION": "3 per 30 seconds",
    "RATE_LIMIT_CLIENT": "6 per 30 seconds",
    "TRUSTED_PROXIES": "127.0.0.1",
}


@pytest.fixture(scope="module")
def limited_bot(tmp_path_factory):
    running, processes, _ = start_bot(tmp_path_factory.mktemp("limited"), settings=LIMITED)
    yield running
    servers.stop(processes)


def send(bot, sender: str, client: str, text: str = "Mikä on BEAC?", **headers):
    return requests.post(
        f"{bot.url}/webhooks/rest/webhook",
        timeout=30,
        json={"sender": sender, "message": text},
        headers={"X-Real-IP": client, **headers},
    )


def test_a_conversation_over_its_limit_gets_429_and_the_refused_message_is_not_stored(limited_bot):
    sender = uuid.uuid4().hex
    for _ in range(3):
        assert send(limited_bot, sender, "10.0.0.1").status_code == 200
    refused = send(limited_bot, sender, "10.0.0.1", text="Neljäs viesti")
    assert refused.status_code == 429
    assert refused.json()["error"].startswith("Viestejä tulee nyt tiheämmin kuin ehdin vastata.")
    assert 1 <= int(refused.headers["Retry-After"]) <= 30
    english = send(limited_bot, sender, "10.0.0.1", **{"Accept-Language": "en"})
    assert english.status_code == 429 and "Please wait a moment" in english.json()["error"]
    asked = [data for kind, data in limited_bot.stored_events(sender) if kind == "user"]
    assert len(asked) == 3 and not any("Neljäs" in data for data in asked)


def test_one_client_over_its_limit_does_not_stop_another(limited_bot):
    answered = [send(limited_bot, uuid.uuid4().hex, "10.0.0.2").status_code for _ in range(8)]
    assert answered == [200] * 6 + [429] * 2  # new conversations do not get round the limit
    assert send(limited_bot, uuid.uuid4().hex, "10.0.0.3").status_code == 200


def test_the_client_address_is_taken_from_trusted_proxies_only():
    limits = RateLimits({"TRUSTED_PROXIES": "127.0.0.1, 10.1.1.1"})
    assert limits.client("127.0.0.1", "192.0.2.7") == "192.0.2.7"
    assert limits.client("192.0.2.9", "192.0.2.7") == "192.0.2.9"  # a client cannot claim one
    assert limits.client("10.1.1.1", None) == "10.1.1.1"


def test_limits_can_be_turned_off_and_a_failing_store_lets_visitors_through():
    tight = {"RATE_LIMIT_CONVERSATION": "1 per minute"}
    assert [
        RateLimits({**tight, "RATE_LIMITS": "off"}).retry_after("a", "b") for _ in range(3)
    ] == [0, 0, 0]
    broken = RateLimits({**tight, "LOCK_STORE": "redis", "REDIS_PORT": "1"})
    assert [broken.retry_after("a", "b") for _ in range(3)] == [0, 0, 0]
