"""Which trained models are live: a new model goes to models/ only if it passes the conversation
tests, the newest few are kept, and `rollback` goes back one (`make train`, `make rollback`).

    python -m staff.models train --rasa PATH --keep N
    python -m staff.models rollback

The server takes the newest models/*.tar.gz, so putting a model live, rotating and rolling back
all come down to which file is newest. Paths are relative to the project root, where make runs.
Exit status 1, with the reason on stderr, when a model is refused or there is none to go back to.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

MODELS = Path("models")
CANDIDATE = MODELS / "candidate"
STORIES = "tests/test_stories.yml"
RESULTS = "results/stories"

REFUSED = f"Uusi malli ei läpäissyt keskustelutestejä, joten sitä ei otettu käyttöön ({RESULTS}/)."
NO_PREVIOUS = "Edellistä mallia ei ole tallessa, joten palaaminen ei onnistu."
LIVE_AFTER_RESTART = "Botti käyttää mallia {}, kun käynnistät sen uudelleen."


class Refused(Exception):
    """What staff are told when a model is not put live, or there is none to go back to."""


def newest_first() -> List[Path]:
    # By modification time, as the server chooses (rasa.model.get_latest_model); a rename keeps it.
    return sorted(MODELS.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime, reverse=True)


def train_candidate(rasa: str) -> List[Path]:
    """Trains a model aside, where the server does not look, and returns its file(s)."""
    subprocess.run([rasa, "train", "--quiet", "--out", str(CANDIDATE)], check=True)
    return sorted(CANDIDATE.glob("*.tar.gz"))


def gate(rasa: str) -> None:
    """The conversation tests on the candidate; with --e2e the NLU reads every message of the
    stories, so intents and topics are checked as well as actions."""
    test = subprocess.run(
        [
            rasa,
            "test",
            "core",
            "--e2e",
            "--model",
            str(CANDIDATE),
            "--stories",
            STORIES,
            "--fail-on-prediction-errors",
            "--out",
            RESULTS,
        ]
    )
    if test.returncode != 0:
        # The candidate stays in models/candidate/ to look into; the next training replaces it.
        raise Refused(REFUSED)


def rotate(keep: int) -> List[Path]:
    """Deletes all but the `keep` newest models (older ones would only fill the disk) and
    returns what it deleted."""
    old = newest_first()[keep:]
    for path in old:
        path.unlink()
    return old


def train(rasa: str, keep: int) -> List[Path]:
    """Trains a candidate, puts it live if it passes the gate, keeps the `keep` newest models,
    and returns the new model's path(s). Raises Refused, leaving models/ as it was, if it fails."""
    shutil.rmtree(CANDIDATE, ignore_errors=True)  # a refused or interrupted earlier candidate
    trained = train_candidate(rasa)
    gate(rasa)
    live = [path.replace(MODELS / path.name) for path in trained]
    shutil.rmtree(CANDIDATE)
    rotate(keep)
    return live


def rollback() -> Path:
    """Deletes the newest model and returns the one a restarted server takes instead."""
    models = newest_first()
    if len(models) < 2:
        raise Refused(NO_PREVIOUS)
    models[0].unlink()
    return models[1]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m staff.models", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    training = commands.add_parser("train", help="train, test and put live if the tests pass")
    training.add_argument("--rasa", required=True, help="the rasa command")
    training.add_argument("--keep", type=int, required=True, help="how many models to keep")
    commands.add_parser("rollback", help="delete the newest model")
    args = parser.parse_args(argv)
    if args.command == "train" and args.keep < 1:
        parser.error("--keep must be at least 1: the new model itself is one")
    try:
        if args.command == "train":
            train(args.rasa, args.keep)
        else:
            print(LIVE_AFTER_RESTART.format(rollback()))
    except Refused as refused:
        print(refused, file=sys.stderr)
        return 1
    except subprocess.CalledProcessError:
        return 1  # rasa train has said what went wrong
    return 0


if __name__ == "__main__":
    sys.exit(main())
