"""The public endpoints of the running bot (bot/web/channels.py): bad requests get a JSON 400 in
Finnish (English for a client that asks for it), fuzzed input never gets a 5xx nor changes
stored conversations, a visitor can delete their conversation, logs keep no message text, and
Rasa's HTTP API is off."""

from __future__ import annotations

import json
import uuid

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.language.phrases import FINNISH
from tests.conftest import REPORTS

CHANNELS = ["rest", "widget"]
FUZZ_EXAMPLES = 150  # per strategy

BAD_REQUESTS = [
    (b"{not json", "application/json"),
    (b"\xff\xfe\x00", "application/json"),
    (json.dumps({"message": "Hei"}).encode(), "application/json"),
    (json.dumps({"sender": "x", "message": "Hei"}).encode(), "application/json"),
    (json.dumps({"sender": "a" * 32, "message": 5}).encode(), "application/json"),
    (json.dumps({"sender": "a" * 32, "message": ""}).encode(), "application/json"),
    (json.dumps({"sender": "a" * 32, "message": "   "}).encode(), "application/json"),
    (json.dumps({"sender": "a" * 32, "message": "x" * 1001}).encode(), "application/json"),
    (json.dumps({"sender": "a" * 32, "message": "x" * 20_000}).encode(), "application/json"),
    (json.dumps(["sender", "message"]).encode(), "application/json"),
    (b"sender=a&message=b", "application/x-www-form-urlencoded"),
    (b"", "text/plain"),
]


def post(
    url: str, body: bytes, content_type: str = "application/json", lang: str = ""
) -> requests.Response:
    headers = {"Content-Type": content_type, **({"Accept-Language": lang} if lang else {})}
    return requests.post(url, data=body, timeout=30, headers=headers)


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("body, content_type", BAD_REQUESTS)
def test_bad_requests_get_a_finnish_json_400(bot_url, channel, body, content_type):
    reply = post(f"{bot_url}/webhooks/{channel}/webhook", body, content_type)
    assert reply.status_code == 400
    assert reply.headers["content-type"].startswith("application/json")
    assert reply.json()["error"] in FINNISH.errors.values() or reply.json()["error"].startswith(
        "Viesti on liian pitkä"
    )


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize(
    "body, expected",
    [
        (b"{not json", "The request must be JSON."),
        (
            json.dumps({"message": "Hi"}).encode(),
            "The conversation id (sender) is missing or invalid.",
        ),
        (
            json.dumps({"sender": "a" * 32, "message": "x" * 1001}).encode(),
            "The message is too long: at most 1000 characters.",
        ),
    ],
)
def test_an_english_client_gets_its_errors_in_english(bot_url, channel, body, expected):
    reply = post(f"{bot_url}/webhooks/{channel}/webhook", body, lang="en-GB,en;q=0.9")
    assert reply.status_code == 400
    assert reply.json()["error"] == expected


@pytest.fixture(scope="module")
def canary(bot, ask):
    """A stored conversation that no fuzzed request may change."""
    sender = uuid.uuid4().hex
    ask("Kuka hoitaa EU-asioita?", sender)
    return sender, bot.stored_events(sender)


@pytest.fixture(scope="module")
def fuzz_report():
    REPORTS.mkdir(exist_ok=True)
    path = REPORTS / "fuzz.txt"
    path.write_text("", encoding="utf-8")
    return path


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=20,
)
senders = st.one_of(
    st.none(),
    st.text(max_size=80),
    st.integers(),
    st.just("default"),
    st.text("abcdef0123456789", min_size=16, max_size=64),
    st.sampled_from(["../../etc", "a" * 65, "' OR 1=1 --", "<b>x</b>" * 3]),
)
requests_bodies = st.one_of(
    json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({"sender": senders, "message": st.one_of(json_values, st.text())}).map(
        lambda d: json.dumps(d).encode()
    ),
    st.fixed_dictionaries(
        {
            "sender": st.text("abcdef0123456789", min_size=32, max_size=32),
            "message": st.text(min_size=1, max_size=1200),
        }
    ).map(lambda d: json.dumps(d).encode()),
    st.binary(max_size=2000),
    st.binary(min_size=17_000, max_size=40_000),
)
content_types = st.sampled_from(
    [
        "application/json",
        "text/plain",
        "application/octet-stream",
        "multipart/form-data",
        "application/json; charset=latin-1",
        "",
    ]
)


@pytest.mark.parametrize("path", ["rest/webhook", "widget/webhook", "widget/forget"])
def test_fuzzed_requests_get_no_5xx_and_change_nothing_stored(bot, ask, canary, fuzz_report, path):
    tried = []

    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(body=requests_bodies, content_type=content_types)
    def fuzz(body, content_type):
        reply = post(f"{bot.url}/webhooks/{path}", body, content_type)
        tried.append(reply.status_code)
        assert reply.status_code in (200, 400), reply.text[:300]
        reply.json()  # always JSON, never an HTML error page

    fuzz()
    sender, events = canary
    assert bot.stored_events(sender) == events
    assert "Jouni Ponnikas" in json.dumps(ask("Kuka hoitaa EU-asioita?"), ensure_ascii=False)
    with open(fuzz_report, "a", encoding="utf-8") as report:
        report.write(
            f"{path}: {len(tried)} fuzzed requests, "
            f"{tried.count(200)} answered, {tried.count(400)} refused with 400\n"
        )


def test_visitor_can_delete_their_conversation(bot, ask):
    sender, other = uuid.uuid4().hex, uuid.uuid4().hex
    ask("Mikä on Barents-yhteistyö?", sender)
    ask("Mikä on Barents-yhteistyö?", other)
    assert bot.stored_events(sender)
    reply = post(f"{bot.url}/webhooks/widget/forget", json.dumps({"sender": sender}).encode())
    assert reply.status_code == 200 and reply.json() == {"deleted": True}
    assert bot.stored_events(sender) == []
    assert bot.stored_events(other), "another visitor's conversation was deleted"
    # The id can be used again; the new conversation has no memory of the old one.
    assert "Mistä aiheesta" in json.dumps(ask("Keitä siihen kuuluu?", sender), ensure_ascii=False)


@pytest.mark.parametrize("body", [b"{}", b'{"sender": "lyhyt"}', b"\xff", b"[]"])
def test_deleting_needs_a_valid_conversation_id(bot_url, body):
    reply = post(f"{bot_url}/webhooks/widget/forget", body)
    assert reply.status_code == 400 and reply.json()["error"]


def test_logs_keep_no_message_text(bot, ask):
    marker = f"Salainen kysymys {uuid.uuid4().hex}"
    ask(marker)
    assert marker not in bot.logs()
    assert marker.split()[-1] not in bot.logs()


@pytest.mark.parametrize(
    "path", ["/status", "/version", "/model/parse", "/conversations/x/tracker"]
)
def test_rasa_http_api_is_off(bot_url, path):
    assert requests.get(bot_url + path, timeout=10).status_code == 404
