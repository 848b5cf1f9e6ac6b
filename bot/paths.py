"""Where the project's files are and the environment its Rasa processes run with: one home for
what the servers, the staff tools, the tests and the benchmark share."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Relative to the root, where Rasa and make run, as config.yml's TopicExtractor names it;
# $KNOWLEDGE_DIR overrides it for the servers (bot.knowledge.knowledge_dir).
KNOWLEDGE_DIR = Path("data/knowledge")
# No telemetry, and none of the warnings Rasa's dependencies print that say nothing to users.
# The Makefile exports the same (tests/test_layout.py checks that they agree).
ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "PYTHONWARNINGS": "ignore::DeprecationWarning",
}
