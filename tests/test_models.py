"""The model gate, rotation and rollback (staff/models.py) on a stub rasa, and the fingerprint
that decides when to retrain (bot/nlu/fingerprint.py)."""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
import time
from typing import List, Sequence

import pytest

from bot.nlu import fingerprint
from staff import models
from tests.conftest import ROOT


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """An empty project folder as the working directory, as make runs the module."""
    folder = tmp_path / "project"
    (folder / "models").mkdir(parents=True)
    monkeypatch.chdir(folder)
    return folder


# The classes a model's graph names, as Rasa writes them into the model's metadata.
USES = ["rasa.nlu.classifiers.diet_classifier.DIETClassifier", "bot.nlu.topics.TopicExtractor"]


def add_models(*hours_old: int, uses: Sequence[str] = USES) -> None:
    for hours in hours_old:
        model = models.MODELS / f"old-{hours}.tar.gz"
        nodes = {f"node{i}": {"uses": name} for i, name in enumerate(uses)}
        metadata = json.dumps({"train_schema": {"nodes": nodes}, "predict_schema": {"nodes": {}}})
        with tarfile.open(model, "w:gz") as archive:
            info = tarfile.TarInfo("metadata.json")
            info.size = len(metadata.encode())
            archive.addfile(info, io.BytesIO(metadata.encode()))
        os.utime(model, (time.time() - hours * 3600,) * 2)


def names() -> List[str]:
    return [path.name for path in models.newest_first()]


def test_a_candidate_that_fails_the_conversation_tests_is_refused(
    workdir, stub_rasa, monkeypatch, capsys
):
    add_models(2, 1)
    monkeypatch.setenv("STUB_RASA_FAIL", "test")
    assert models.main(["train", "--rasa", str(stub_rasa), "--keep", "3"]) == 1
    assert capsys.readouterr().err.strip() == models.REFUSED
    assert names() == ["old-1.tar.gz", "old-2.tar.gz"]
    assert (workdir / "rasa-calls.log").read_text().split() == ["train", "test"]


def test_a_passing_candidate_goes_live_and_only_the_newest_are_kept(workdir, stub_rasa, capsys):
    add_models(4, 3, 2, 1)
    assert models.main(["train", "--rasa", str(stub_rasa), "--keep", "3"]) == 0
    new, *older = names()
    assert new.startswith("stub-") and older == ["old-1.tar.gz", "old-2.tar.gz"]
    assert not models.CANDIDATE.exists()
    assert capsys.readouterr().err == ""


def test_a_leftover_candidate_is_not_put_live(workdir, stub_rasa):
    models.CANDIDATE.mkdir()
    (models.CANDIDATE / "refused-earlier.tar.gz").write_bytes(b"")
    models.train(str(stub_rasa), keep=3)
    assert [name[:5] for name in names()] == ["stub-"]


def test_keep_must_leave_room_for_the_new_model(workdir, stub_rasa):
    with pytest.raises(SystemExit):
        models.main(["train", "--rasa", str(stub_rasa), "--keep", "0"])
    assert not (workdir / "rasa-calls.log").exists()


def test_rollback_goes_back_one_until_only_one_is_left(workdir, capsys):
    add_models(3, 2, 1)
    assert models.main(["rollback"]) == 0
    assert capsys.readouterr().out == models.LIVE_AFTER_RESTART.format("models/old-2.tar.gz") + "\n"
    assert models.main(["rollback"]) == 0
    capsys.readouterr()
    assert models.main(["rollback"]) == 1
    assert capsys.readouterr().err.strip() == models.NO_PREVIOUS
    assert names() == ["old-3.tar.gz"]


def test_rollback_refuses_a_model_trained_for_code_that_has_moved(workdir, capsys):
    """A model trained before the NLU components moved to bot/nlu/ names bot.components.*,
    which no longer loads: going back to it is refused and nothing is deleted."""
    add_models(2, uses=["bot.components.TopicExtractor", "bot.nlu.topics.TopicExtractor"])
    add_models(1)
    assert models.main(["rollback"]) == 1
    error = capsys.readouterr().err.strip()
    assert error == models.OLD_CODE.format(
        model="old-2.tar.gz", missing="bot.components.TopicExtractor"
    )
    assert names() == ["old-1.tar.gz", "old-2.tar.gz"]


@pytest.mark.parametrize("changed", ["bot/nlu/topics.py", "bot/language/matching.py"])
def test_a_change_to_the_nlu_components_changes_the_fingerprint(tmp_path, changed):
    for name in (
        "config.yml",
        "domain.yml",
        "tests/test_stories.yml",
        "bot/nlu/topics.py",
        "bot/language/matching.py",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    before = fingerprint.fingerprint(tmp_path)
    code = tmp_path / changed
    code.write_text(code.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert fingerprint.fingerprint(tmp_path) != before
