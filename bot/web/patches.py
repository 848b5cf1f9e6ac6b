"""Three changes to Rasa 3.6's server, each measured with py-spy under load (README, "Nopeus"),
applied by `apply()` wherever Rasa loads our code: the channels (bot/web/channels.py, `rasa run`)
and the NLU components (bot/nlu/, also `rasa shell` and `rasa test`).

- Rasa checks every action-server reply against its JSON schema with `jsonschema.validate`, which
  first re-validates the schema itself against the JSON-Schema meta-schema: 65 % of the server's
  CPU time. The same check with a validator compiled once.
- Reading a conversation from the tracker store looks up every event's class by walking all
  subclasses of Event, for each event: 10 % of the CPU time. The lookup, cached.
- Rasa waits 5 minutes for the action server, holding the conversation's lock all that time; the
  visitor has had the service-problem reply long before, so give up after ACTION_TIMEOUT_S.

They change Rasa's internals, so `apply()` first checks the Rasa version they were measured on
and that each target is still there and still does what was measured, and stops with what
changed (PatchError) rather than patch something else. tests/test_patches.py has a test for
each patch that fails without it.
"""

from __future__ import annotations

import inspect
from functools import lru_cache
from typing import Any, Dict, List, Text

import rasa
import rasa.core.actions.action as rasa_action
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.shared.core.events import Event

RASA_VERSION = "3.6.21"
ACTION_TIMEOUT_S = 10


class PatchError(RuntimeError):
    """Rasa is not what bot/web/patches.py was measured on."""


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


def _source(function: Any) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def problems() -> List[str]:
    """What is no longer as the patches expect; empty when all is in order."""
    found = []
    if rasa.__version__ != RASA_VERSION:
        found.append(
            f"Rasa {rasa.__version__} is not {RASA_VERSION}, on which they were "
            "measured: check each patch and then RASA_VERSION"
        )
    remote = getattr(rasa_action, "RemoteAction", None)
    validate = getattr(remote, "_validate_action_result", None)
    if validate is not _validate_action_result and (
        "validate(result, self.action_response_format_spec())" not in _source(validate)
    ):
        found.append(
            "RemoteAction._validate_action_result no longer calls jsonschema's "
            "validate with action_response_format_spec()"
        )
    if not isinstance(getattr(rasa_action, "DEFAULT_REQUEST_TIMEOUT", None), (int, float)) or (
        "timeout=DEFAULT_REQUEST_TIMEOUT" not in _source(getattr(remote, "run", None))
    ):
        found.append(
            "RemoteAction.run no longer takes its timeout from the module's DEFAULT_REQUEST_TIMEOUT"
        )
    resolve = getattr(Event, "resolve_by_type", None)
    if not hasattr(resolve, "cache_info") and "all_subclasses(Event)" not in _source(resolve):
        found.append("Event.resolve_by_type no longer walks all_subclasses(Event)")
    return found


def apply() -> None:
    """Checks, then patches (once; applying again changes nothing)."""
    found = problems()
    if found:
        raise PatchError("bot/web/patches.py: " + "; ".join(found))
    rasa_action.RemoteAction._validate_action_result = _validate_action_result
    rasa_action.DEFAULT_REQUEST_TIMEOUT = ACTION_TIMEOUT_S
    # Every event class is defined when rasa.shared.core.events is imported, before this.
    if not hasattr(Event.resolve_by_type, "cache_info"):
        Event.resolve_by_type = staticmethod(lru_cache(maxsize=None)(Event.resolve_by_type))
