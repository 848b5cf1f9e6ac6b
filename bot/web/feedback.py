"""Visitors' feedback on answers ("Oliko vastauksesta apua?"), kept with the conversation.

Every answer of action_answer carries an id (actions/actions.py). The widget sends a rating of one
answer to POST /webhooks/widget/feedback (bot/web/channels.py); it is stored in the tracker store as
a `feedback` slot event ({"answer": id, "helpful": true/false}) appended to the conversation. The
slot does not influence the dialogue, so a rating changes nothing in what the bot says next, and
deleting the conversation deletes its ratings. `make report` (staff/report.py) reads them back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional

from rasa.shared.core.events import SlotSet

FEEDBACK_SLOT = "feedback"


@dataclass
class Rating:
    """A visitor's rating of an answer, with the question it answered."""

    question: str
    answer: str
    topic: Optional[str]
    helpful: bool
    timestamp: float


def _answer_id(event: Dict[str, Any]) -> Optional[str]:
    if event.get("event") != "bot":
        return None
    custom = (event.get("data") or {}).get("custom")
    return custom.get("answer") if isinstance(custom, dict) else None


def _rated_id(event: Dict[str, Any]) -> Optional[str]:
    value = event.get("value")
    if (
        event.get("event") == "slot"
        and event.get("name") == FEEDBACK_SLOT
        and isinstance(value, dict)
    ):
        return value.get("answer")
    return None


def ratings(events: Iterable[Dict[str, Any]]) -> List[Rating]:
    """The ratings among Rasa events (dicts, conversation by conversation, in order), each with
    the answer it rates and the visitor's message before that answer."""
    answers: Dict[str, Dict[str, Any]] = {}
    found, question = [], ""
    for event in events:
        if event.get("event") == "user":
            question = (event.get("text") or "").strip()
        answer_id = _answer_id(event)
        if answer_id:
            answers[answer_id] = {
                "question": question,
                "answer": event.get("text") or "",
                "topic": event["data"]["custom"].get("topic"),
            }
        rated = _rated_id(event)
        if rated in answers:
            found.append(
                Rating(
                    **answers[rated],
                    helpful=bool(event["value"].get("helpful")),
                    timestamp=event.get("timestamp", 0),
                )
            )
    return found


async def record(agent: Any, sender: str, answer_id: str, helpful: bool) -> Optional[str]:
    """Stores a rating with its conversation (call under the conversation's lock). None when
    stored, else why not: "unknown_answer", or "already_rated" (one rating per answer)."""
    stored = await agent.tracker_store.retrieve_full_tracker(sender)
    events = [e.as_dict() for e in stored.events] if stored else []
    if answer_id not in {_answer_id(e) for e in events}:
        return "unknown_answer"
    if answer_id in {_rated_id(e) for e in events}:
        return "already_rated"
    # The current session, as Rasa itself reads and saves it, so only the new event is added.
    tracker = await agent.processor.get_tracker(sender)
    tracker.update(SlotSet(FEEDBACK_SLOT, {"answer": answer_id, "helpful": helpful}))
    await agent.processor.save_tracker(tracker)
    return None
