"""The staff guide (docs/henkilokunnan-opas.md) works as written: its commands exist, its error
example is what `make check` prints, the new object it shows, added to a copy of the data with
no Python, is answered by a bot retrained and restarted on that copy, with its source, and the
guide's text edit is answered at once by the running bot; `make train` trains for a name edit
and not for a text edit, refuses a model that fails the conversation tests, and `make rollback`
goes back one.

Where the guide's steps only need a knowledge base to edit (the check's messages, what makes
`make train` train), they edit a copy of the test knowledge base (tests/knowledge/); the bot
retrained on the guide's new object, and the model gate, run on the shipped data."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import List

import pytest

from tests.conftest import REPORTS, ROOT, TEST_KNOWLEDGE, say
from tests.harness import servers

GUIDE = (ROOT / "docs" / "henkilokunnan-opas.md").read_text(encoding="utf-8")


def guide_block(marker: str) -> str:
    """The fenced block that follows `<!-- opas:marker -->` in the guide."""
    found = re.search(rf"<!-- opas:{marker} -->\n```\w*\n(.*?)```", GUIDE, re.S)
    assert found, f"the guide has no block {marker}"
    return found.group(1)


@pytest.mark.parametrize("target", sorted(set(re.findall(r"`make ([a-z-]+)", GUIDE))))
def test_every_make_command_in_the_guide_exists(target):
    result = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


SHIPPED_KNOWLEDGE = ROOT / "data" / "knowledge"


def copy_of_data(tmp_path, new_object: str, knowledge: Path = TEST_KNOWLEDGE):
    """A project with a copy of data/ whose knowledge base is a copy of `knowledge` (the test
    knowledge base unless a test needs the shipped one), with `new_object` added to it."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data", ignore=shutil.ignore_patterns("knowledge"))
    shutil.copytree(knowledge, project / "data" / "knowledge")
    for name in ("config.yml", "domain.yml"):
        shutil.copy(ROOT / name, project / name)
    networks = project / "data" / "knowledge" / "networks.yml"
    networks.write_text(
        networks.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + new_object, encoding="utf-8"
    )
    return project


def run_check(project) -> subprocess.CompletedProcess:
    env = servers.base_env({"KNOWLEDGE_DIR": "data/knowledge"})
    return subprocess.run(
        [sys.executable, "-m", "staff.check"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_missing_english_text_is_named_by_check(tmp_path):
    block = guide_block("uusi-kohde")
    english_what = block[block.index("      what:", block.index("    en:")) :]
    result = run_check(copy_of_data(tmp_path, block.replace(english_what, "")))
    assert result.returncode == 1
    assert "objekti 'esimerkkiverkosto', kenttä 'en.what'" in result.stderr
    assert "englanninkielinen vastine puuttuu" in result.stderr


def test_the_guides_error_example_is_what_check_prints(tmp_path):
    broken = guide_block("uusi-kohde").replace("[maakuntajohtaja]", "[matti_meikalainen]")
    result = run_check(copy_of_data(tmp_path, broken))
    assert result.returncode == 1
    expected = " ".join(guide_block("virhe").split())
    assert expected == " ".join(result.stderr.split())


@pytest.mark.server
def test_new_object_from_the_guide_is_answered_after_retraining(tmp_path):
    started = time.monotonic()
    project = copy_of_data(tmp_path, guide_block("uusi-kohde"), SHIPPED_KNOWLEDGE)
    assert run_check(project).returncode == 0
    env = servers.base_env(
        {
            "RASA_CACHE_DIRECTORY": str(ROOT / ".rasa" / "cache"),
            "KNOWLEDGE_DIR": str(project / "data" / "knowledge"),
        }
    )
    subprocess.run(
        [servers.RASA, "train", "--quiet", "--out", "models"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        timeout=900,
    )
    trained = time.monotonic()

    rasa_port, actions_port = servers.free_port(), servers.free_port()
    processes = [
        servers.start_actions(actions_port, tmp_path / "actions.log", env=env),
        servers.start_rasa(
            rasa_port,
            tmp_path / "rasa.log",
            servers.sqlite_endpoints(tmp_path, actions_port),
            model=str(project / "models"),
            env=env,
        ),
    ]
    try:
        question = guide_block("kysymys").strip()
        reply = {"sender": uuid.uuid4().hex, "message": question}
        servers.wait_until_up(f"http://127.0.0.1:{actions_port}/health", processes, timeout=300)
        servers.wait_until_up(
            f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
            processes,
            timeout=300,
            json=reply,
        )
        answered = time.monotonic()
        for text, expected in [
            (question, "oppaan esimerkki verkostosta"),
            ("Kerro esimerkkiverkostosta", "oppaan esimerkki verkostosta"),
            ("Keneen otan yhteyttä PEV:n asioissa?", "aakuntajohtaja"),
            ("What is the Northern Example Network?", "the guide's example of a network"),
            ("Whom should I contact about the Example Network?", "regional mayor"),
        ]:
            answer = say(f"http://127.0.0.1:{rasa_port}", reply["sender"], text).json()
            assert expected in " ".join(m.get("text", "") for m in answer), (text, answer)
        assert answer[-1]["text"].endswith("Source (in Finnish): Teemme verkostoyhteistyötä")

        # The guide's text edit, saved while the bot runs, is answered with no training.
        networks = project / "data" / "knowledge" / "networks.yml"
        block = guide_block("uusi-kohde")
        edited = block[: block.index("    what:")] + guide_block("tekstimuutos")
        networks.write_text(
            networks.read_text(encoding="utf-8").replace(block, edited), encoding="utf-8"
        )
        answer = say(f"http://127.0.0.1:{rasa_port}", reply["sender"], question).json()
        assert "kerran vuodessa" in " ".join(m.get("text", "") for m in answer)
    finally:
        servers.stop(processes)
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "staff_edit.txt").write_text(
        f"edit -> check + retrain {trained - started:.0f} s -> restart to first answer "
        f"{answered - trained:.0f} s; total {answered - started:.0f} s\n",
        encoding="utf-8",
    )


def project_with_makefile(tmp_path, stories: str, knowledge: Path = TEST_KNOWLEDGE):
    """A copy of the data (with a copy of `knowledge`), the code and the Makefile with the given
    test stories, sharing the virtual environment that runs the tests."""
    project = copy_of_data(tmp_path, "", knowledge)
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    # The copy's own bot/ and staff/: make's `python -m ...` and rasa import them from the working
    # directory.
    for package in ("bot", "staff"):
        shutil.copytree(
            ROOT / package, project / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    (project / "tests").mkdir()
    (project / "tests" / "test_stories.yml").write_text(stories, encoding="utf-8")
    (project / "models").mkdir()
    (project / ".venv").symlink_to(sys.prefix)
    return project


def make(project, target: str, *variables: str) -> subprocess.CompletedProcess:
    env = servers.base_env({"RASA_CACHE_DIRECTORY": str(ROOT / ".rasa" / "cache")})
    # -o: the shared virtual environment counts as installed, whatever the copy's timestamps.
    return subprocess.run(
        ["make", "-o", ".venv/.installed", target, *variables],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def models_in(project) -> List[str]:
    return sorted(path.name for path in (project / "models").glob("*.tar.gz"))


@pytest.mark.model
def test_a_model_that_fails_the_conversation_tests_is_not_put_live(tmp_path):
    """`make train` as the guide says, on a copy whose test stories expect the wrong action."""
    stories = (ROOT / "tests" / "test_stories.yml").read_text(encoding="utf-8")
    project = project_with_makefile(
        tmp_path,
        stories.replace("action: action_answer", "action: action_help", 1),
        SHIPPED_KNOWLEDGE,
    )
    result = make(project, "train")
    assert result.returncode != 0
    assert "ei läpäissyt keskustelutestejä" in result.stderr
    assert models_in(project) == []


def test_a_text_edit_needs_no_training_and_a_name_edit_does(tmp_path, stub_rasa):
    """On a stub rasa (tests/conftest.py); tests/test_models.py tests the gate and the rotation."""
    project = project_with_makefile(
        tmp_path, (ROOT / "tests" / "test_stories.yml").read_text(encoding="utf-8")
    )
    calls = project / "rasa-calls.log"

    def trains() -> bool:
        calls.unlink(missing_ok=True)
        result = make(project, "train", f"RASA={stub_rasa}")
        assert result.returncode == 0, result.stderr
        return calls.exists() and "train" in calls.read_text().split()

    assert trains()
    assert not trains()
    networks = project / "data" / "knowledge" / "networks.yml"
    text = networks.read_text(encoding="utf-8")

    def edit(old: str, new: str) -> None:
        assert old in text, f"test setup: {old!r} not in networks.yml"
        networks.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit("sijaitsee Kuvitelmalassa.", "sijaitsee Kuvitelmalassa, Kuvitelmamaassa.")
    assert not trains()
    edit("[Testisihteeristö,", "[Testisihteeristö, TS,")
    assert trains()

    first, _ = models_in(project)  # the stub's models are named by the clock
    rolled_back = make(project, "rollback")
    assert rolled_back.returncode == 0, rolled_back.stderr
    assert f"models/{first}" in rolled_back.stdout and models_in(project) == [first]
    refused = make(project, "rollback")
    assert refused.returncode != 0 and "Edellistä mallia ei ole tallessa" in refused.stderr
