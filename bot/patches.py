"""Three changes to Rasa 3.6's server, applied when the server loads our channels (bot/channel.py),
each measured with py-spy under load (see README, "Nopeus"):

- Rasa checks every action-server reply against its JSON schema with `jsonschema.validate`, which
  first re-validates the schema itself against the JSON-Schema meta-schema: 65 % of the server's
  CPU time. The same check with a validator compiled once.
- Reading a conversation from the tracker store looks up every event's class by walking all
  subclasses of Event, for each event: 10 % of the CPU time. The lookup, cached.
- Rasa waits 5 minutes for the action server, holding the conversation's lock all that time; the
  visitor has had the service-problem reply long before, so give up after ACTION_TIMEOUT_S.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

import rasa.core.actions.action as rasa_action
from rasa.shared.core.events import Event
from jsonschema import ValidationError
from jsonschema.validators import validator_for

ACTION_TIMEOUT_S = 10


@lru_cache(maxsize=1)
def _action_result_validator() -> Any:
    schema = rasa_action.RemoteAction.action_response_format_spec()
    return validator_for(schema)(schema)


def _validate_action_result(self: rasa_action.RemoteAction, result: Dict[Text, Any]) -> bool:
    try:
        _action_result_validator().validate(result)
    except ValidationError as e:
        e.message += ". Failed to validate the action server's response."
        raise
    return True


def apply() -> None:
    rasa_action.RemoteAction._validate_action_result = _validate_action_result
    rasa_action.DEFAULT_REQUEST_TIMEOUT = ACTION_TIMEOUT_S
    # Every event class is defined when rasa.shared.core.events is imported, before this.
    if not hasattr(Event.resolve_by_type, "cache_info"):
        Event.resolve_by_type = staticmethod(lru_cache(maxsize=None)(Event.resolve_by_type))
