"""The layout holds together: every module that Rasa's configuration, the endpoints files, the
Makefile and the process file name exists where they name it, the defaults that bot/paths.py
keeps are the ones the Makefile and config.yml use, and the tree shows the processes: each
package says which loads it, every module is in the README's table, no class holds several
steps."""

from __future__ import annotations

import ast
import re

import pytest
import yaml

from bot.paths import ENV, KNOWLEDGE_DIR, ROOT

# The longest a class may be: one step of a process, not several.
MAX_CLASS_LINES = 260
NAMING_FILES = [
    "config.yml",
    "credentials.yml",
    "endpoints.yml",
    "deploy/endpoints.yml",
    "Makefile",
    "deploy/Procfile",
]
# `bot.nlu.topics.TopicExtractor`, `python -m staff.check`, `type: bot.web.tracker_store.X`
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
    bot.nlu.tokenizer loads spaCy)."""
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


def modules(folder: str):
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / folder).rglob("*.py")
        if path.name != "__init__.py"
    )


@pytest.mark.parametrize("module", modules("bot") + modules("staff") + ["actions/actions.py"])
def test_every_module_is_in_the_readmes_table(module):
    table = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("|") and f"`{module}`" in line for line in table), module


@pytest.mark.parametrize("package", ["nlu", "web", "answering", "language"])
def test_each_package_says_which_process_loads_it(package):
    doc = ast.get_docstring(ast.parse((ROOT / "bot" / package / "__init__.py").read_text()))
    assert doc and re.search(r"Rasa server|action server|both servers", doc), package


def test_bot_has_few_modules_at_its_top():
    assert sorted(p.name for p in (ROOT / "bot").glob("*.py")) == [
        "__init__.py",
        "knowledge.py",
        "paths.py",
    ]


@pytest.mark.parametrize("module", modules("bot"))
def test_no_class_is_longer_than_a_step(module):
    """A class of the answer's path holds one step: about 250 lines at most (issue 27)."""
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    long = [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES
    ]
    assert not long, long
