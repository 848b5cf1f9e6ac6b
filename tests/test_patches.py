"""bot/web/patches.py: each patch does what it was measured for (each test fails without its
patch), and a changed Rasa stops the patching with what changed."""

from __future__ import annotations

import jsonschema
import pytest
import rasa
import rasa.core.actions.action as rasa_action
from rasa.shared.core.events import Event, UserUttered

from bot.web import patches

GOOD_REPLY = {"events": [], "responses": [{"text": "Vastaus."}]}


@pytest.fixture(autouse=True)
def patched():
    patches.apply()


def test_action_replies_are_validated_without_checking_the_schema_itself_each_time(monkeypatch):
    validator_class = type(patches._action_result_validator())
    checks = []
    monkeypatch.setattr(
        validator_class,
        "check_schema",
        classmethod(lambda cls, schema, **kw: checks.append(schema)),
    )
    remote = rasa_action.RemoteAction("action_answer", None)
    for _ in range(3):
        assert remote._validate_action_result(GOOD_REPLY)
    assert checks == []  # jsonschema.validate checks the schema on every call
    with pytest.raises(jsonschema.ValidationError):
        remote._validate_action_result({"events": "not a list"})


def test_event_classes_are_looked_up_once():
    Event.resolve_by_type("user")
    before = Event.resolve_by_type.cache_info().hits
    assert Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type.cache_info().hits == before + 1


def test_the_action_server_timeout_is_short():
    assert rasa_action.DEFAULT_REQUEST_TIMEOUT == patches.ACTION_TIMEOUT_S  # Rasa's is 300 s


def test_a_changed_rasa_stops_the_patches_with_what_changed(monkeypatch):
    assert patches.problems() == []
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    monkeypatch.delattr(rasa_action, "DEFAULT_REQUEST_TIMEOUT")
    with pytest.raises(patches.PatchError) as error:
        patches.apply()
    assert "Rasa 3.7.0 is not 3.6.21" in str(error.value)
    assert "DEFAULT_REQUEST_TIMEOUT" in str(error.value)
