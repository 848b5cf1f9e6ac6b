"""Rasa's own commands work from the project's root with no flags and no settings, as staff who
follow Rasa's documentation use them: `rasa data validate`, `rasa train`, `rasa run actions`
with `rasa run`, `rasa shell` and `rasa test`, on a fresh copy of the project. The servers are
kept on loopback (`--interface 127.0.0.1`, SANIC_HOST), as every server of the tests is."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import uuid

import pytest

from bot.paths import ENV as DEFAULTS
from tests.conftest import ROOT, say
from tests.harness import servers

PROJECT_FILES = [
    "config.yml",
    "domain.yml",
    "endpoints.yml",
    "credentials.yml",
    "data",
    "actions",
    "tests/test_stories.yml",
]
# Only what any machine needs: the project's defaults (no telemetry, fewer warnings), servers on
# loopback; none of the bot's settings.
ENV = {
    **{
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ACTION_SERVER", "TRACKER_DB", "LOCK_STORE", "REDIS_", "RATE_"))
    },
    **DEFAULTS,
    "SANIC_HOST": "127.0.0.1",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("bare")
    for name in PROJECT_FILES:
        source, target = ROOT / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    return root


def rasa(project, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [servers.RASA, *args],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=900,
        **kwargs,
    )


def test_data_validate_and_train(project):
    assert rasa(project, "data", "validate").returncode == 0
    trained = rasa(project, "train")
    assert trained.returncode == 0, trained.stderr[-2000:]
    assert list((project / "models").glob("*.tar.gz"))


@pytest.fixture(scope="module")
def actions(project):
    for port in (5005, 5055):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                pytest.fail(f"port {port} is taken (is `make run` running?)")
    with open(project / "actions.log", "ab") as log:
        process = subprocess.Popen(
            [servers.RASA, "run", "actions"],
            cwd=project,
            env=ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        servers.wait_until_up("http://127.0.0.1:5055/health", [process])
        yield process
    finally:
        servers.stop([process])


def test_run_answers_through_the_rest_channel(project, actions):
    with open(project / "rasa.log", "ab") as log:
        process = subprocess.Popen(
            [servers.RASA, "run", "--interface", "127.0.0.1"],
            cwd=project,
            env=ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        servers.wait_until_up("http://127.0.0.1:5005/webhooks/rest/", [process], timeout=300)
        answer = say("http://127.0.0.1:5005", uuid.uuid4().hex, "Mikä on BEAC?").json()
    finally:
        servers.stop([process])
    assert "ylin toimielin" in answer[0]["text"]
    assert (project / "rasa.db").exists()  # endpoints.yml's SQLite file


def test_shell_answers_what_is_typed(project, actions):
    shell = rasa(project, "shell", input="Mikä on BEAC?\n/stop\n")
    assert "Barentsin yhteistyön ylin toimielin" in shell.stdout, shell.stdout[-2000:]


def test_test_runs_the_conversation_tests(project):
    tested = rasa(project, "test")
    assert tested.returncode == 0, tested.stderr[-2000:]
    report = json.loads((project / "results" / "story_report.json").read_text(encoding="utf-8"))
    assert report["conversation_accuracy"]["accuracy"] == 1.0
