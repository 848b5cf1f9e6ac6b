"""Checks before the servers start (`make run` and the scale-out layout run it first), so that a
mistake stops the start with one clear line instead of a half-working bot: the knowledge base,
the endpoints file and its environment variables, the tracker-store database, the Redis lock store,
and the HTTP API's token.

    python -m staff.preflight [--endpoints endpoints.yml]

Exit status 0 when everything is in order, 1 with the problems on stderr otherwise."""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import Any, List, Optional

from bot import knowledge

API_SWITCH = "RASA_ENABLE_API"
API_TOKEN = "RASA_API_TOKEN"
MIN_TOKEN_CHARS = 32
CONNECT_TIMEOUT_S = 5
# What deploy/endpoints.yml takes from the environment.
ENDPOINT_SETTINGS = ("TRACKER_DB_URL", "LOCK_STORE", "ACTION_SERVER_URL")


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return repr(make_url(url))  # SQLAlchemy masks the password as ***
    except Exception:  # noqa: BLE001 - an unparsable URL is reported as it is
        return url


def check_knowledge() -> List[str]:
    try:
        knowledge.load()
    except knowledge.KnowledgeBaseError as error:
        return [f"Tietopankissa on virhe: {error}"]
    return []


def check_tracker_store(config: Any) -> List[str]:
    from bot.web.tracker_store import STORE_TYPE

    if config is None or (config.type or "").lower() not in ("sql", STORE_TYPE.lower()):
        return []
    import sqlalchemy
    from rasa.core.tracker_store import SQLTrackerStore

    # A full URL (deploy/endpoints.yml), or Rasa's parts of one (endpoints.yml: dialect, db).
    parts = {
        k: config.kwargs[k]
        for k in ("dialect", "port", "db", "username", "password")
        if config.kwargs.get(k) is not None
    }
    url = SQLTrackerStore.get_db_url(host=config.url, **parts) if config.url or parts else ""
    url = url if isinstance(url, str) else url.render_as_string(hide_password=False)
    if "://" not in url:
        return [f"Keskustelutietokannan osoite (url) ei ole tietokanta-URL: {url!r}"]
    connect_args = {} if url.startswith("sqlite") else {"connect_timeout": CONNECT_TIMEOUT_S}
    try:
        with sqlalchemy.create_engine(url, connect_args=connect_args).connect():
            pass
    except Exception as error:  # noqa: BLE001 - whatever the driver raises, say it plainly
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return [f"Keskustelutietokantaan {_hide_password(url)} ei saada yhteyttä: {reason}"]
    return []


def check_lock_store(config: Any) -> List[str]:
    if config is None or (config.type or "in_memory") != "redis":
        return []
    import redis

    host, port = config.url or "localhost", config.kwargs.get("port") or 6379
    try:
        redis.Redis(
            host=host,
            port=int(port),
            password=config.kwargs.get("password") or None,
            socket_timeout=CONNECT_TIMEOUT_S,
            socket_connect_timeout=CONNECT_TIMEOUT_S,
        ).ping()
    except (redis.RedisError, ValueError) as error:
        return [f"Redis-lukituspalveluun {host}:{port} ei saada yhteyttä: {error}"]
    return []


def check_api() -> List[str]:
    if os.environ.get(API_SWITCH, "false").lower() != "true":
        return []
    if len(os.environ.get(API_TOKEN, "")) < MIN_TOKEN_CHARS:
        return [
            f"{API_SWITCH}=true vaatii ympäristömuuttujaan {API_TOKEN} vähintään "
            f"{MIN_TOKEN_CHARS} merkin satunnaisen tunnuksen (Rasan HTTP-rajapinta ilman "
            f"tunnusta antaisi kenen tahansa vaihtaa mallin)."
        ]
    return []


def check_unused_settings(endpoints_path: str) -> List[str]:
    """Production settings in the environment that the endpoints file does not read: a start
    that would quietly keep conversations somewhere else."""
    try:
        text = open(endpoints_path, encoding="utf-8").read()
    except OSError:
        return []  # read_endpoints_from_path says what is wrong
    unused = [
        name for name in ENDPOINT_SETTINGS if os.environ.get(name) and "${" + name + "}" not in text
    ]
    if not unused:
        return []
    return [
        f"{', '.join(unused)} on asetettu, mutta {endpoints_path} ei käytä niitä: "
        f"tuotannossa käytä tiedostoa deploy/endpoints.yml (make run "
        f"ENDPOINTS=deploy/endpoints.yml)"
    ]


def problems(endpoints_path: str) -> List[str]:
    from rasa.core.utils import read_endpoints_from_path

    found = check_knowledge() + check_api() + check_unused_settings(endpoints_path)
    try:
        endpoints = read_endpoints_from_path(endpoints_path)
    except Exception as error:  # noqa: BLE001 - Rasa names the unset variables in its message
        unset = sorted(set(re.findall(r"\$\{(\w+)\}", str(error))))
        if unset:
            return found + [
                f"{endpoints_path} tarvitsee ympäristömuuttujat, jotka puuttuvat: "
                f"{', '.join(unset)}"
            ]
        return found + [f"{endpoints_path} ei kelpaa: {error}"]
    return (
        found
        + check_tracker_store(endpoints.tracker_store)
        + check_lock_store(endpoints.lock_store)
    )


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m staff.preflight",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--endpoints", default="endpoints.yml")
    args = parser.parse_args(argv)
    found = problems(args.endpoints)
    for problem in found:
        print(f"Virhe: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
