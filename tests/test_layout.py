"""The layout holds together: every module that Rasa's configuration, the endpoints files, the
Makefile and the process file name exists where they name it, and the defaults that
bot/paths.py keeps are the ones the Makefile and config.yml use."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.paths import ENV, KNOWLEDGE_DIR, ROOT

NAMING_FILES = [
    "config.yml",
    "credentials.yml",
    "endpoints.yml",
    "deploy/endpoints.yml",
    "Makefile",
    "deploy/Procfile",
]
# `bot.components.TopicExtractor`, `python -m staff.check`, `type: bot.tracker_store.X`
NAMED = re.compile(r"(?:python -m |name: |type: |^)((?:bot|staff|tests|bench)(?:\.\w+)+)", re.M)


def named_paths():
    return sorted(
        {
            (name, path)
            for name in NAMING_FILES
            for path in NAMED.findall((ROOT / name).read_text(encoding="utf-8"))
        }
    )


def module_file(dotted: str):
    """The file of a module of the project, found without importing it (importing
    bot.components loads spaCy)."""
    path = ROOT.joinpath(*dotted.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


@pytest.mark.parametrize("source, dotted", named_paths())
def test_every_module_path_named_in_the_configuration_exists(source, dotted):
    if module_file(dotted):
        return  # a module (python -m ...)
    module, _, name = dotted.rpartition(".")
    assert module_file(module), f"{source} names {dotted}: there is no module {module}"
    text = module_file(module).read_text(encoding="utf-8")
    assert re.search(rf"^class {name}\b", text, re.M), f"{source} names {dotted}: no class {name}"


def test_the_makefile_exports_the_environment_defaults():
    exports = dict(
        re.findall(r"^export (\w+) := (.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    )
    assert exports == ENV


def test_config_reads_the_knowledge_base_where_the_code_does():
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    extractor = next(c for c in config["pipeline"] if c["name"].endswith("TopicExtractor"))
    assert extractor["knowledge_dir"] == str(KNOWLEDGE_DIR)
