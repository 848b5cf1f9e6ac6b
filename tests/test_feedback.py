"""Every answer names its source on the council's page, and visitors' ratings of answers are
stored with the conversation and shown by `make report`, through the running bot's channels."""

from __future__ import annotations

import json
import uuid

import pytest
import requests

from staff import report
from tests.conftest import say

FEEDBACK = "/webhooks/widget/feedback"


def answer(bot_url: str, sender: str, text: str) -> dict:
    reply = say(bot_url, sender, text)
    assert reply.status_code == 200, reply.text
    return reply.json()[-1]


def rate(bot_url: str, body, **headers) -> requests.Response:
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return requests.post(
        bot_url + FEEDBACK,
        data=data,
        timeout=30,
        headers={"Content-Type": "application/json", **headers},
    )


@pytest.mark.parametrize(
    "question, title, line",
    [
        (
            "Mikä on Barents-yhteistyön ylin toimielin?",
            "Barentsin alueyhteistyö",
            "Lähde: Barentsin alueyhteistyö",
        ),
        (
            "Keneen otan yhteyttä EU-asioissa?",
            "Kainuun liiton kansainvälisten asioiden tiimi",
            "Lähde: Kainuun liiton kansainvälisten asioiden tiimi",
        ),
        (
            "Where is the Barents Secretariat?",
            "Barentsin alueyhteistyö",
            "Source (in Finnish): Barentsin alueyhteistyö",
        ),
    ],
)
def test_an_answer_ends_with_its_source_and_carries_the_link(bot_url, question, title, line):
    message = answer(bot_url, uuid.uuid4().hex, question)
    assert message["text"].endswith("\n" + line)
    assert message["source"]["title"] == title
    anchor = message["source"]["url"].split("#")[1]
    page = requests.get(bot_url + message["source"]["url"], timeout=10).text
    assert f'id="{anchor}"' in page


def test_a_decline_names_no_source(bot_url):
    message = answer(bot_url, uuid.uuid4().hex, "Mikä on Kainuun liiton y-tunnus?")
    assert "source" not in message and "Lähde" not in message["text"]


def test_a_rating_is_stored_once_with_the_conversation_and_changes_nothing_else(bot, tmp_path):
    sender = uuid.uuid4().hex
    first = answer(bot.url, sender, "Mikä on Euregio Karelia?")
    rated = {"sender": sender, "answer": first["answer"], "helpful": False}
    reply = rate(bot.url, rated)
    assert reply.status_code == 200 and reply.json() == {"saved": True}
    again = rate(bot.url, {**rated, "helpful": True})
    assert again.status_code == 409 and "jo annettu palaute" in again.json()["error"]
    # The follow-up still has its context: the rating is no turn of the conversation.
    assert "hallitus" in answer(bot.url, sender, "Entä kuka sitä johtaa?")["text"]
    stored = [json.loads(data) for kind, data in bot.stored_events(sender) if kind == "slot"]
    ratings = [e["value"] for e in stored if e["name"] == "feedback"]
    assert ratings == [{"answer": first["answer"], "helpful": False}]

    out = tmp_path / "reports"
    assert report.main(["--out", str(out), "--endpoints", str(bot.endpoints(tmp_path))]) == 0
    page = (out / report.HTML_NAME).read_text(encoding="utf-8")
    unhelpful = page[page.index("Vastaukset, joista ei ollut apua") :]
    assert "Mikä on Euregio Karelia?" in unhelpful and "Euregio Karelia on" in unhelpful

    assert requests.post(
        bot.url + "/webhooks/widget/forget", json={"sender": sender}, timeout=30
    ).json() == {"deleted": True}
    assert bot.stored_events(sender) == []  # the rating went with the conversation


@pytest.mark.parametrize(
    "body, status, expected",
    [
        (b"{", 400, "JSON"),
        ({"sender": "x", "answer": "0" * 32, "helpful": True}, 400, "sender"),
        ({"sender": "a" * 32, "answer": "<script>", "helpful": True}, 400, "answer"),
        ({"sender": "a" * 32, "answer": "0" * 32, "helpful": "yes"}, 400, "helpful"),
        ({"sender": "a" * 32, "answer": "0" * 32, "helpful": True}, 404, "ei löydy"),
    ],
)
def test_a_bad_rating_gets_a_finnish_error_and_stores_nothing(bot, body, status, expected):
    reply = rate(bot.url, body)
    assert reply.status_code == status and expected in reply.json()["error"]
    assert bot.stored_events("a" * 32) == []
