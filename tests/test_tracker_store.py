"""The bounded tracker store (bot/web/tracker_store.py): Rasa reads a session of at most
SESSION_TURNS visitor messages, with the slots carried over, while every event stays stored."""

from __future__ import annotations

import asyncio

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.web.tracker_store import SESSION_TURNS, BoundedSQLTrackerStore
from tests.conftest import ROOT

TURNS = 2 * SESSION_TURNS + 5


def test_sessions_are_bounded_slots_carried_and_every_event_kept(tmp_path):
    domain = Domain.load(ROOT / "domain.yml")
    store = BoundedSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "rasa.db"))

    async def converse() -> None:
        for turn in range(TURNS):
            tracker = await store.retrieve("visitor") or DialogueStateTracker(
                "visitor", domain.slots
            )
            for event in (
                UserUttered(f"kysymys {turn}"),
                ActionExecuted("action_answer"),
                SlotSet("topic", f"aihe{turn}"),
                BotUttered(f"vastaus {turn}"),
                ActionExecuted(ACTION_LISTEN_NAME),
            ):
                tracker.update(event)
            await store.save(tracker)
            read = await store.retrieve("visitor")
            assert read.get_slot("topic") == f"aihe{turn}"
            assert len([e for e in read.events if isinstance(e, UserUttered)]) <= SESSION_TURNS

    asyncio.run(converse())
    full = asyncio.run(store.retrieve_full_tracker("visitor"))
    asked = [e.text for e in full.events if isinstance(e, UserUttered)]
    assert asked == [f"kysymys {turn}" for turn in range(TURNS)]  # each once, in order
    current = asyncio.run(store.retrieve("visitor"))
    assert len(current.events) < len(full.events) / 2
