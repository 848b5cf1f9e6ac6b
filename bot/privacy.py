"""Deleting stored conversations (GDPR): one conversation by its id (the widget's "clear
conversation" uses it) and every conversation idle for longer than the retention period.

    python -m bot.privacy --older-than 30        # the default retention, in days
    python -m bot.privacy --sender <id>

The tracker store is the one the endpoints file configures: endpoints.yml (SQLite rasa.db), or
with --endpoints deploy/endpoints.yml the production one."""
from __future__ import annotations

import argparse
import sys
import time
from typing import Any, List

from bot.tracker_store import from_endpoints

RETENTION_DAYS = 30


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
            deleted = (session.query(store.SQLEvent)
                       .filter(store.SQLEvent.sender_id == sender).delete())
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
        rows = (session.query(event.sender_id).group_by(event.sender_id)
                .having(func.max(event.timestamp) < cutoff).all())
    return [sender for (sender,) in rows]


def main(argv: List[str] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.privacy", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--sender", help="poistettavan keskustelun tunniste")
    which.add_argument("--older-than", type=float, metavar="DAYS",
                       help=f"poista keskustelut, joissa ei ole ollut viestejä DAYS päivään "
                            f"(säilytysaika on oletuksena {RETENTION_DAYS})")
    parser.add_argument("--endpoints", default="endpoints.yml")
    args = parser.parse_args(argv)
    store = from_endpoints(args.endpoints)
    try:
        senders = [args.sender] if args.sender else idle_conversations(store, args.older_than)
        deleted = [delete_conversation(store, sender) for sender in senders]
    except NotSupported as error:
        print(f"Virhe: {error}.", file=sys.stderr)
        return 1
    print(f"Poistettuja keskusteluja: {sum(1 for n in deleted if n)}, "
          f"tapahtumia: {sum(deleted)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
