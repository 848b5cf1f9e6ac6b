"""The scale-out layout for real (`make test-scaleout`; deploy/): PostgreSQL, Redis and nginx
from Debian's packages on loopback, two Rasa replicas using the repository's endpoints.yml
through environment variables, and one action server. A conversation keeps its context when
its turns alternate between replicas, stopping a replica under load loses no message and no
stored event, and a client flooding the bot gets 429s while visitors are served as before.
Each visitor connects from an address of its own (127.0.0.x), as nginx would see them."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Dict, List

import pytest
import requests
import sqlalchemy

from bot import knowledge, servers
from bot.answer_eval import facts_of
from bot.answers import Answerer
from tests.conftest import REPORTS, ROOT, say

pytestmark = pytest.mark.scaleout

PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), default=Path("/nonexistent"))
# Visitors under test read for half a second: faster than people, within the rate limits.
VISITOR_PAUSE_S = 0.5
CONVERSATION = ["Kuka hoitaa EU-asioita?", "Entä Barents-asioita?", "Mikä on Euregio Karelia?",
                "Keitä siihen kuuluu?", "Kiitos!", "Mikä on Karelia CBC?"]


def as_postgres(args: List[str]) -> List[str]:
    """PostgreSQL refuses to run as root; CI runs as root."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def start_nginx(prefix: Path, upstreams: List[int], port: int) -> subprocess.Popen:
    """deploy/nginx.conf as it is, with its replica ports and its own port swapped; errors go to
    prefix/error.log."""
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    for old, new in zip(re.findall(r"127\.0\.0\.1:(\d+)", conf), [*upstreams, port]):
        conf = conf.replace(f"127.0.0.1:{old}", f"127.0.0.1:{new}", 1)
    prefix.mkdir()
    (prefix / "nginx.conf").write_text(conf, encoding="utf-8")
    with open(prefix / "error.log", "ab") as log:
        nginx = subprocess.Popen(["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                                 stdout=log, stderr=log)
    try:
        wait_for(lambda: nginx.poll() is None and port_open(port), "nginx", timeout=10)
    except BaseException:
        servers.stop([nginx])
        raise
    return nginx


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def upstream_errors(prefix: Path) -> List[str]:
    """The requests a replica refused or reset, each logged by nginx before it passes it on."""
    return [line for line in (prefix / "error.log").read_text(encoding="utf-8").splitlines()
            if "upstream" in line and "[error]" in line]


def wait_for(check, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    pytest.fail(f"{what} did not start in {timeout} s")


@pytest.fixture(scope="module")
def cluster():
    # Not under pytest's tmp folder: that is private to root, and PostgreSQL runs as postgres.
    work = Path(tempfile.mkdtemp(prefix="kv-scaleout-"))
    os.chmod(work, 0o755)
    processes: List[subprocess.Popen] = []
    logs = open(work / "services.log", "ab")
    try:
        # PostgreSQL, trusting local connections on loopback only.
        pg_data, pg_port = work / "pg", servers.free_port()
        pg_data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(pg_data, "postgres", "postgres")
        subprocess.run(as_postgres([str(PG_BIN / "initdb"), "-D", str(pg_data), "-U", "rasa",
                                    "--auth=trust"]), check=True, stdout=logs, stderr=logs)
        processes.append(subprocess.Popen(as_postgres([
            str(PG_BIN / "postgres"), "-D", str(pg_data), "-p", str(pg_port), "-k", str(pg_data),
            "-c", "listen_addresses=127.0.0.1"]), stdout=logs, stderr=logs))
        wait_for(lambda: subprocess.run([str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p",
                                         str(pg_port)], capture_output=True).returncode == 0,
                 "PostgreSQL")
        subprocess.run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(pg_port), "-U",
                        "rasa", "rasa"], check=True)
        db_url = f"postgresql://rasa@127.0.0.1:{pg_port}/rasa"

        redis_port = servers.free_port()
        processes.append(subprocess.Popen(
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=logs, stderr=logs))

        actions_port = servers.free_port()
        env = servers.base_env({
            "ACTION_SERVER_URL": f"http://127.0.0.1:{actions_port}/webhook",
            "TRACKER_DB_URL": db_url, "LOCK_STORE": "redis", "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(redis_port), "REDIS_PASSWORD": "", "RATE_LIMITS": "on",
            "TRUSTED_PROXIES": "127.0.0.1"})
        subprocess.run([sys.executable, "-m", "bot.preflight"], cwd=ROOT, env=env,
                       check=True)
        processes.append(servers.start_actions(actions_port, work / "actions.log", env=env))
        replicas: Dict[str, subprocess.Popen] = {}
        urls = {}
        for name in ("rasa1", "rasa2"):
            port = servers.free_port()
            replicas[name] = servers.start_rasa(port, work / f"{name}.log",
                                                ROOT / "endpoints.yml", env=env)
            urls[name] = f"http://127.0.0.1:{port}"
        processes.extend(replicas.values())

        proxy_port = servers.free_port()
        processes.append(start_nginx(work / "nginx", [port_of(urls["rasa1"]),
                                                      port_of(urls["rasa2"])], proxy_port))

        for url in urls.values():
            servers.wait_until_up(f"{url}/webhooks/rest/", processes, timeout=300)
        engine = sqlalchemy.create_engine(db_url)
        yield {"urls": urls, "replicas": replicas, "proxy": f"http://127.0.0.1:{proxy_port}",
               "engine": engine, "work": work}
        engine.dispose()
    finally:
        servers.stop(list(reversed(processes)))
        logs.close()
        shutil.rmtree(work, ignore_errors=True)


class SourceAddress(requests.adapters.HTTPAdapter):
    """Connects from a given loopback address, so that nginx sees a client of its own."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, source_address=(self.address, 0), **kwargs)


def client(number: int) -> requests.Session:
    session = requests.Session()
    session.mount("http://", SourceAddress(f"127.0.0.{number}"))
    return session


def stored(engine, sender: str) -> List[str]:
    with engine.connect() as db:
        rows = db.execute(sqlalchemy.text("SELECT type_name FROM events WHERE sender_id = :s "
                                          "ORDER BY id"), {"s": sender})
        return [kind for (kind,) in rows]


def test_turns_alternating_between_replicas_keep_the_context(cluster):
    expected = Answerer(knowledge.load()).answer("contact", ["barents"]).text
    sender = uuid.uuid4().hex
    first = say(cluster["urls"]["rasa1"], sender, "Kuka hoitaa EU-asioita?")
    assert "Jouni Ponnikas" in first.json()[0]["text"]
    second = say(cluster["urls"]["rasa2"], sender, "Entä Barents-asioita?")
    assert facts_of(second.json()) == expected
    assert stored(cluster["engine"], sender).count("user") == 2


def test_a_message_a_stopping_replica_drops_is_answered_by_the_other(cluster):
    """What a replica does to connections it has accepted but not read when it stops, made
    certain: a stand-in replica resets every connection, and nginx must pass the message on."""
    dropper = socket.create_server(("127.0.0.1", 0))
    dropped: List[int] = []

    def reset_every_connection() -> None:
        while True:
            try:
                connection, _ = dropper.accept()
            except OSError:
                return
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.close()
            dropped.append(1)

    threading.Thread(target=reset_every_connection, daemon=True).start()
    port = servers.free_port()
    nginx = start_nginx(cluster["work"] / "nginx-dropping",
                        [dropper.getsockname()[1], port_of(cluster["urls"]["rasa2"])], port)
    senders = [uuid.uuid4().hex for _ in range(4)]
    try:
        replies = [say(f"http://127.0.0.1:{port}", sender, CONVERSATION[0]) for sender in senders]
    finally:
        servers.stop([nginx])
        dropper.close()
    assert dropped  # the stand-in did get messages, and reset them
    assert [r.status_code for r in replies] == [200] * len(senders)
    assert all("Jouni Ponnikas" in r.json()[0]["text"] for r in replies)
    assert [stored(cluster["engine"], s).count("user") for s in senders] == [1] * len(senders)


def test_stopping_a_replica_under_load_loses_nothing(cluster):
    proxy, engine = cluster["proxy"], cluster["engine"]
    sent: Dict[str, int] = {}
    failures: List[str] = []
    stop = threading.Event()

    def visitor(session: requests.Session) -> None:
        while not stop.is_set():
            sender = uuid.uuid4().hex
            sent[sender] = 0
            for text in CONVERSATION:
                sent[sender] += 1
                try:
                    reply = session.post(f"{proxy}/webhooks/rest/webhook", timeout=30,
                                         json={"sender": sender, "message": text})
                except requests.RequestException as error:
                    failures.append(str(error))
                    continue
                if reply.status_code != 200 or "X-Bot-Status" in reply.headers or not reply.json():
                    failures.append(f"{reply.status_code} {reply.text[:100]}")
                time.sleep(VISITOR_PAUSE_S)

    threads = [threading.Thread(target=visitor, args=(client(10 + n),)) for n in range(8)]
    for t in threads:
        t.start()
    time.sleep(15)
    stopping = cluster["replicas"]["rasa1"]
    stopping.send_signal(signal.SIGTERM)
    stopping.wait(timeout=60)
    time.sleep(15)
    stop.set()
    for t in threads:
        t.join()

    messages = sum(sent.values())
    user_events = sum(stored(engine, sender).count("user") for sender in sent)
    bot_events = sum(stored(engine, sender).count("bot") for sender in sent)
    passed_on = upstream_errors(cluster["work"] / "nginx")
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "scaleout.txt").write_text(
        f"{len(sent)} conversations, {messages} messages sent through nginx, replica rasa1 "
        f"stopped after 15 s; failed replies {len(failures)}; stored user events {user_events}, "
        f"bot events {bot_events}; requests nginx passed on after a replica error "
        f"{len(passed_on)}\n" + "".join(f"  {line}\n" for line in passed_on),
        encoding="utf-8")
    print((REPORTS / "scaleout.txt").read_text())
    assert failures == []
    assert user_events == messages
    assert bot_events >= messages  # every message got at least one stored answer
    # The remaining replica goes on answering.
    assert "Jouni Ponnikas" in say(proxy, uuid.uuid4().hex, CONVERSATION[0]).json()[0]["text"]


def test_a_flooding_client_gets_429s_and_visitors_are_served_as_before(cluster):
    """Five visitors chat (a message, a pause) for a while alone, then as long again while one
    client sends as fast as it can on four connections, a new conversation each time."""
    proxy, engine = cluster["proxy"], cluster["engine"]
    phase_s = 25
    latencies: Dict[str, List[float]] = {"alone": [], "flooded": []}
    sent: Dict[str, int] = {}
    failures: List[str] = []
    flood: List[int] = []
    phase = {"name": "alone"}
    stop = threading.Event()

    def visitor(session: requests.Session) -> None:
        while not stop.is_set():
            sender = uuid.uuid4().hex
            sent[sender] = 0
            for text in CONVERSATION:
                if stop.is_set():
                    break
                sent[sender] += 1
                started, name = time.perf_counter(), phase["name"]
                reply = session.post(f"{proxy}/webhooks/rest/webhook", timeout=30,
                                     json={"sender": sender, "message": text})
                latencies[name].append((time.perf_counter() - started) * 1000)
                if reply.status_code != 200 or "X-Bot-Status" in reply.headers:
                    failures.append(f"{reply.status_code} {reply.text[:100]}")
                time.sleep(1.0)

    def flooder(session: requests.Session) -> None:
        while not stop.is_set():
            flood.append(session.post(f"{proxy}/webhooks/rest/webhook", timeout=30, json={
                "sender": uuid.uuid4().hex, "message": CONVERSATION[0]}).status_code)

    visitors = [threading.Thread(target=visitor, args=(client(20 + n),)) for n in range(5)]
    for t in visitors:
        t.start()
    time.sleep(phase_s)
    phase["name"] = "flooded"
    flooding = [threading.Thread(target=flooder, args=(client(99),)) for _ in range(4)]
    for t in flooding:
        t.start()
    time.sleep(phase_s)
    stop.set()
    for t in visitors + flooding:
        t.join()

    p95 = {name: sorted(values)[int(len(values) * 0.95)] for name, values in latencies.items()}
    refused = sum(status == 429 for status in flood)
    user_events = sum(stored(engine, sender).count("user") for sender in sent)
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "flood.txt").write_text(
        f"5 visitors, a message and a 1 s pause, {phase_s} s alone and {phase_s} s beside one "
        f"client flooding on 4 connections (make test-scaleout):\n"
        f"  visitors' p95 alone {p95['alone']:.0f} ms ({len(latencies['alone'])} messages), "
        f"flooded {p95['flooded']:.0f} ms ({len(latencies['flooded'])}); ratio "
        f"{p95['flooded'] / p95['alone']:.2f}\n"
        f"  flooder: {len(flood)} requests, {refused} refused with 429, "
        f"{sum(status == 200 for status in flood)} answered\n"
        f"  visitors: {sum(sent.values())} messages sent, {user_events} stored, "
        f"{len(failures)} failed\n", encoding="utf-8")
    print((REPORTS / "flood.txt").read_text())
    assert failures == []
    assert refused > len(flood) / 2
    assert user_events == sum(sent.values())
    assert p95["flooded"] <= 1.5 * p95["alone"]
