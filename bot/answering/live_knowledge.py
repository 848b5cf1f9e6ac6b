"""The knowledge base as it is on disk now, for the action server: staff edit a text, and the next
answer has it, with no restart and no retraining.

Each request compares the files' modification times and sizes with those loaded (a stat of a few
files, microseconds). On a change the knowledge base is loaded and validated again and swapped in
whole, so an answer never mixes two versions. A broken edit keeps the last good version serving
and is logged once, in Finnish, naming the file, object and field as `make check` does. Each
action server (one per replica) does this by itself, so replicas need nothing more."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Generic, Optional, Tuple, TypeVar

from bot import knowledge

logger = logging.getLogger(__name__)
T = TypeVar("T")
Stamp = Tuple[Tuple[str, int, int], ...]


class LiveKnowledge(Generic[T]):
    """What `build` makes of the knowledge base, rebuilt when the files change."""

    def __init__(
        self, build: Callable[[knowledge.KnowledgeBase], T], directory: Optional[Path] = None
    ) -> None:
        self._directory = Path(directory or knowledge.knowledge_dir())
        self._build = build
        self._stamp = self._read_stamp()
        self._value = build(knowledge.load(self._directory))  # a broken start stops the server
        self._refused: Optional[Stamp] = None

    def _read_stamp(self) -> Stamp:
        stamp = []
        for path in sorted(self._directory.glob("*.yml")):
            try:
                status = path.stat()
            except OSError:  # removed while we looked: the next request sees the result
                continue
            stamp.append((path.name, status.st_mtime_ns, status.st_size))
        return tuple(stamp)

    def current(self) -> T:
        stamp = self._read_stamp()  # read before loading: a write during the load is seen next
        if stamp not in (self._stamp, self._refused):
            try:
                value = self._build(knowledge.load(self._directory))
            except (knowledge.KnowledgeBaseError, OSError) as error:
                self._refused = stamp
                logger.error(
                    "Tietopankin muutos ei tullut käyttöön, vaan botti vastaa "
                    "edellisellä toimivalla versiolla: %s",
                    error,
                )
            else:
                self._value, self._stamp = value, stamp
                logger.info("Tietopankin muutos on käytössä (%s).", self._directory)
        return self._value
