"""Deleting stored conversations (GDPR): one conversation by its id (the widget's "clear
conversation" uses it) and finding the conversations idle for longer than the retention period
(`make forget-old`, staff/forget.py)."""

from __future__ import annotations

import time
from typing import Any, List


class NotSupported(RuntimeError):
    """The configured tracker store cannot delete conversations."""


def _store(tracker_store: Any) -> Any:
    """The real store behind Rasa's AwaitableTrackerStore wrapper."""
    return getattr(tracker_store, "_tracker_store", tracker_store)


def delete_conversation(tracker_store: Any, sender: str) -> int:
    """Deletes every stored event of one conversation; returns how many events were deleted
    (the in-memory store keeps no events apart: 1 if the conversation was there)."""
    from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore

    store = _store(tracker_store)
    if isinstance(store, SQLTrackerStore):
        with store.session_scope() as session:
            deleted = (
                session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender).delete()
            )
            session.commit()
            return deleted
    if isinstance(store, InMemoryTrackerStore):
        return 1 if store.store.pop(sender, None) is not None else 0
    raise NotSupported(f"{type(store).__name__} ei tue keskustelujen poistamista")


def idle_conversations(tracker_store: Any, days: float) -> List[str]:
    """The conversations whose newest event is older than `days` days."""
    from rasa.core.tracker_store import SQLTrackerStore
    from sqlalchemy import func

    store = _store(tracker_store)
    if not isinstance(store, SQLTrackerStore):
        raise NotSupported(f"{type(store).__name__} ei tue säilytysajan mukaista poistoa")
    cutoff = time.time() - days * 86400
    event = store.SQLEvent
    with store.session_scope() as session:
        rows = (
            session.query(event.sender_id)
            .group_by(event.sender_id)
            .having(func.max(event.timestamp) < cutoff)
            .all()
        )
    return [sender for (sender,) in rows]
