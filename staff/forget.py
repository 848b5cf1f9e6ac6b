"""`make forget-old`: deletes the conversations idle for longer than the retention period, or one
conversation by its id (GDPR).

    python -m staff.forget --older-than 30        # the default retention, in days
    python -m staff.forget --sender <id>

The tracker store is the one the endpoints file configures: endpoints.yml (SQLite rasa.db), or
with --endpoints deploy/endpoints.yml the production one."""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from bot.web.privacy import NotSupported, delete_conversation, idle_conversations
from bot.web.tracker_store import from_endpoints

RETENTION_DAYS = 30


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m staff.forget",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--sender", help="poistettavan keskustelun tunniste")
    which.add_argument(
        "--older-than",
        type=float,
        metavar="DAYS",
        help=f"poista keskustelut, joissa ei ole ollut viestejä DAYS päivään "
        f"(säilytysaika on oletuksena {RETENTION_DAYS})",
    )
    parser.add_argument("--endpoints", default="endpoints.yml")
    args = parser.parse_args(argv)
    store = from_endpoints(args.endpoints)
    try:
        senders = [args.sender] if args.sender else idle_conversations(store, args.older_than)
        deleted = [delete_conversation(store, sender) for sender in senders]
    except NotSupported as error:
        print(f"Virhe: {error}.", file=sys.stderr)
        return 1
    print(f"Poistettuja keskusteluja: {sum(1 for n in deleted if n)}, tapahtumia: {sum(deleted)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
