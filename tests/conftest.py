"""Shared fixtures: the knowledge base, the trained model, the repository paths."""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Callable, Dict

import pytest

from bot import knowledge

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"


@pytest.fixture(scope="session")
def kb() -> knowledge.KnowledgeBase:
    return knowledge.load()


@pytest.fixture(scope="session")
def parse() -> Callable[[str], Dict[str, Any]]:
    """Parses text with the newest trained model, as the Rasa server would."""
    from rasa.core.agent import Agent
    from rasa.model import get_latest_model

    model = get_latest_model(str(ROOT / "models"))
    if model is None:
        pytest.fail("No trained model in models/: run `make train` first")
    agent = Agent.load(model)
    loop = asyncio.new_event_loop()
    yield lambda text: loop.run_until_complete(agent.parse_message(text))
    loop.close()
