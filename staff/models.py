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
import json
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import List, Optional

from bot.paths import ROOT

MODELS = Path("models")
CANDIDATE = MODELS / "candidate"
STORIES = "tests/test_stories.yml"
RESULTS = "results/stories"

REFUSED = f"Uusi malli ei läpäissyt keskustelutestejä, joten sitä ei otettu käyttöön ({RESULTS}/)."
NO_PREVIOUS = "Edellistä mallia ei ole tallessa, joten palaaminen ei onnistu."
LIVE_AFTER_RESTART = "Botti käyttää mallia {}, kun käynnistät sen uudelleen."
OLD_CODE = (
    "Edellistä mallia {model} ei voi ottaa käyttöön: se on koulutettu koodilla, jota ei enää "
    "ole ({missing}), joten botti ei pystyisi lataamaan sitä. Kouluta uusi malli komennolla "
    "make train."
)


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


def missing_code(model: Path) -> List[str]:
    """Our classes that a model's graph uses (`bot.nlu.topics.TopicExtractor`) and the code no
    longer has where the model names them: such a model fails to load, as one trained before
    the NLU components moved would. Read from the model's metadata, without loading Rasa."""
    with tarfile.open(model) as archive:
        metadata = json.load(archive.extractfile("metadata.json"))
    used = {
        node["uses"]
        for schema in ("train_schema", "predict_schema")
        for node in metadata.get(schema, {}).get("nodes", {}).values()
    }
    return sorted(name for name in used if name.startswith("bot.") and not _defined(name))


def _defined(dotted: str) -> bool:
    module, _, name = dotted.rpartition(".")
    path = ROOT.joinpath(*module.split(".")).with_suffix(".py")
    source = path.read_text(encoding="utf-8") if path.exists() else ""
    return bool(re.search(rf"^class {name}\b", source, re.M))


def rollback() -> Path:
    """Deletes the newest model and returns the one a restarted server takes instead; refuses,
    deleting nothing, when that one would not load."""
    models = newest_first()
    if len(models) < 2:
        raise Refused(NO_PREVIOUS)
    missing = missing_code(models[1])
    if missing:
        raise Refused(OLD_CODE.format(model=models[1].name, missing=", ".join(missing)))
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
