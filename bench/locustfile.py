"""Locust visitors for `make bench` and the load smoke test. Each visitor has a conversation of
its own and asks questions back to back through the REST channel; after CONVERSATION_TURNS
questions it leaves and a new visitor (new sender id) takes its place.

BENCH_QUESTIONS names a JSON file with the list of questions, or with a list per language: then
each visitor asks in one language, chosen at random (Finnish and English visitors alike)."""

import json
import os
import random
import uuid
from pathlib import Path

from locust import HttpUser, constant, task

QUESTIONS = json.loads(Path(os.environ["BENCH_QUESTIONS"]).read_text(encoding="utf-8"))
CONVERSATION_TURNS = 8


class Visitor(HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.turn = CONVERSATION_TURNS

    @task
    def ask(self) -> None:
        if self.turn >= CONVERSATION_TURNS:
            self.sender, self.turn = uuid.uuid4().hex, 0
            pool = (
                random.choice(list(QUESTIONS.values()))
                if isinstance(QUESTIONS, dict)
                else QUESTIONS
            )
            self.questions = random.sample(pool, len(pool))
        question = self.questions[self.turn % len(self.questions)]
        self.turn += 1
        with self.client.post(
            "/webhooks/rest/webhook",
            name="message",
            catch_response=True,
            json={"sender": self.sender, "message": question},
        ) as reply:
            if reply.status_code != 200:
                reply.failure(f"HTTP {reply.status_code}")
            elif "X-Bot-Status" in reply.headers:  # bot/web/channels.py: the service-problem reply
                reply.failure(f"service problem: {reply.headers['X-Bot-Status']}")
            else:
                try:
                    answer = reply.json()
                except ValueError:
                    answer = None
                if not isinstance(answer, list) or not answer:
                    reply.failure(f"no answer to {question!r}")
