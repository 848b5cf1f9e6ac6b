"""The tracker store: Rasa's SQL store, with a bounded conversation session.

Rasa reads and replays the whole current session on every message, so a message at turn 300
cost five times one at turn 3. This store starts a new session after SESSION_TURNS visitor
messages, the way Rasa's own session start does when a session expires: a `session_started`
event, the slots carried over (topic, kind, person and language keep follow-ups working), and
`action_listen`. Rasa then reads only the current session, so a message costs the same however
long the conversation is. Every event stays stored: the staff report and deletion see the whole
conversation.

The endpoints files name it: `type: bot.web.tracker_store.BoundedSQLTrackerStore`, with the same
settings as Rasa's SQL store (SQLite or PostgreSQL).

Rasa wraps every tracker store in a FailSafeTrackerStore, which on a database error goes on
with an empty conversation kept in memory: the visitor would get answers without their context,
and none of them would be stored. `fail_loudly` sets the wrapper's error callback to raise the
error instead, so that the message fails and the channel gives the service-problem reply.

Two costs of Rasa's SQL store are cut, since the Rasa server answers one message at a time and
the store's calls block it (together a third of a message's time under load, `make bench`):
- Rasa counts a conversation's stored events again before every save. The store notes the
  count on the tracker it reads, and saves from there; a tracker it did not read is counted.
- SQLite keeps its journal in write-ahead mode with `synchronous=NORMAL`: one write per commit
  instead of several syncs. A crash of the server loses nothing committed; a power cut may lose
  the last messages, never the database (https://www.sqlite.org/wal.html).

`from_endpoints` is how the staff tools open the store an endpoints file configures."""

from __future__ import annotations

import itertools
from typing import Any, Iterator, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, TrackerStore
from rasa.core.utils import read_endpoints_from_path
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

# Visitor messages in one session. A follow-up needs only the slots; the rules look at the
# last turn. 20 keeps the replay at about what a message costs at turn 20.
SESSION_TURNS = 20
# How endpoints files name this store.
STORE_TYPE = "bot.web.tracker_store.BoundedSQLTrackerStore"
# The tracker's attribute for how many of its events are stored.
_STORED = "_stored_events"


def _turns_in_session(tracker: DialogueStateTracker) -> int:
    turns = 0
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            break
        turns += isinstance(event, UserUttered)
    return turns


def bound_session(tracker: DialogueStateTracker) -> bool:
    """Starts a new session, slots carried over, when the current one has SESSION_TURNS visitor
    messages and the bot is listening; whether it did."""
    if (
        tracker.latest_action_name != ACTION_LISTEN_NAME
        or _turns_in_session(tracker) < SESSION_TURNS
    ):
        return False
    values = {name: slot.value for name, slot in tracker.slots.items() if slot.value is not None}
    # One by one: Rasa reads a session from its start's timestamp on, so each event is made
    # (and timestamped) after the one before.
    tracker.update(ActionExecuted(ACTION_SESSION_START_NAME))
    tracker.update(SessionStarted())
    for name, value in values.items():
        tracker.update(SlotSet(name, value))
    tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
    return True


def _sqlite_write_ahead(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class BoundedSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store with sessions of at most SESSION_TURNS visitor messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # Rasa's engine opens and closes a connection per call; closing the last one
            # checkpoints the journal. One connection per thread, kept open.
            self.engine.dispose()
            self.engine = sa.create_engine(self.engine.url, poolclass=sa.pool.SingletonThreadPool)
            sa.event.listen(self.engine, "connect", _sqlite_write_ahead)
            self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            setattr(tracker, _STORED, len(tracker.events))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        bound_session(tracker)
        await super().save(tracker)
        setattr(tracker, _STORED, len(tracker.events))

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        stored = getattr(tracker, _STORED, None)
        if stored is None:
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))


def _raise(error: Exception) -> None:
    raise error


def fail_loudly(agent: Any) -> None:
    """Makes the agent's tracker store raise its errors rather than go on in memory."""
    store = getattr(agent, "tracker_store", None)
    if isinstance(store, FailSafeTrackerStore):
        store._on_tracker_store_error = _raise  # the constructor's on_tracker_store_error


def from_endpoints(endpoints: str) -> TrackerStore:
    """The tracker store that an endpoints file configures (endpoints.yml, or
    deploy/endpoints.yml with the production settings in the environment)."""
    return TrackerStore.create(read_endpoints_from_path(endpoints).tracker_store)
