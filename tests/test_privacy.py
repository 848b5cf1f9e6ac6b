"""Deleting conversations (bot/web/privacy.py, through `make forget-old`: staff/forget.py): by
retention period and by conversation id, from the tracker store that endpoints.yml configures;
nothing else is touched."""

from __future__ import annotations

import asyncio
import time

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from staff import forget
from tests.harness import servers

DAY = 86400


def store_with(tmp_path, ages_in_days):
    """A SQLite tracker store with one conversation per age, named by its age."""
    store = SQLTrackerStore(dialect="sqlite", db=str(tmp_path / "rasa.db"))
    for age in ages_in_days:
        when = time.time() - age * DAY
        tracker = DialogueStateTracker.from_events(
            f"age{age}",
            [
                ActionExecuted("action_listen", timestamp=when),
                UserUttered("Mikä on Barents-yhteistyö?", timestamp=when + 1),
            ],
        )
        asyncio.run(store.save(tracker))
    return store


def endpoints_for(tmp_path):
    return str(servers.sqlite_endpoints(tmp_path, actions_port=0))


def conversations(store):
    return sorted(asyncio.run(store.keys()))


def test_retention_deletes_only_conversations_idle_longer_than_the_period(tmp_path, capsys):
    store = store_with(tmp_path, [0, 29, 31, 400])
    assert forget.main(["--older-than", "30", "--endpoints", endpoints_for(tmp_path)]) == 0
    assert conversations(store) == ["age0", "age29"]
    assert "Poistettuja keskusteluja: 2" in capsys.readouterr().out


def test_one_conversation_is_deleted_by_its_id(tmp_path, capsys):
    store = store_with(tmp_path, [0, 1])
    assert forget.main(["--sender", "age1", "--endpoints", endpoints_for(tmp_path)]) == 0
    assert conversations(store) == ["age0"]
    assert forget.main(["--sender", "age1", "--endpoints", endpoints_for(tmp_path)]) == 0
    assert "Poistettuja keskusteluja: 0" in capsys.readouterr().out
