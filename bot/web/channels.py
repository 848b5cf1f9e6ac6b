"""The bot's input channels, registered in credentials.yml.

`RestInput` replaces Rasa's own REST channel at POST /webhooks/rest/webhook with the same JSON
({"sender": ..., "message": ...}), but validated: a bad request gets a JSON 400 with a message
in the client's language (Accept-Language: en for English, else Finnish), never an HTML error
page or a 500; a conversation or client over its rate limit gets a 429 with Retry-After
(bot/web/rate_limits.py). When no answer comes (the action server is down or slow, the database
fails), the visitor gets a short "service problem" reply in the page's or the message's language
within REPLY_TIMEOUT_S seconds, marked with the header X-Bot-Status: degraded. Each reply message
carries its language ("lang": "fi" or "en"), so that a client can mark it for screen readers.
An answer also carries its id ("answer", for feedback), its topic and its source on the council's
page ("source": {"title", "url"}; the url is relative to the bot when the knowledge base's
page_url is a path). An optional "metadata": {"lang": "en"} tells the language of the page the
visitor is on.

`WidgetInput` adds what the web widget needs under /webhooks/widget/: its script, stylesheet and
a demo page from bot/web/widget/, CORS for the configured origins, POST /forget, which deletes
the visitor's conversation ("Tyhjennä keskustelu"), and POST /feedback, which stores the
visitor's rating of an answer with the conversation (bot/web/feedback.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Iterable, Optional, Text, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.language import detection
from bot.language.phrases import DEFAULT_LANGUAGE, PHRASES
from bot.web import feedback, patches, privacy, rate_limits, tracker_store

logger = logging.getLogger(__name__)

WIDGET_DIR = Path(__file__).resolve().parent / "widget"
STATIC_FILES = {
    "widget.js": "application/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "demo.html": "text/html; charset=utf-8",
    "demo-en.html": "text/html; charset=utf-8",
    "demo.css": "text/css; charset=utf-8",
}
MAX_MESSAGE_CHARS = 1000
MAX_BODY_BYTES = 16 * 1024
# The widget makes 32 random hex digits; other clients may use any id of this shape. Ids are
# long so that nobody can guess another visitor's conversation (see /forget).
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
ANSWER_ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")  # actions/actions.py: uuid4().hex
REPLY_TIMEOUT_S = 6.0
# On every response of the channels: no content sniffing. The demo pages also get a policy
# that allows only the bot's own scripts, styles and requests.
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff"}
PAGE_POLICY = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; "
    "style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
}


patches.apply()  # the Rasa server loads this module; see bot/web/patches.py


class RequestError(ValueError):
    """A request the channel refuses: which error (bot.language.phrases, Phrases.errors), shown to
    the client in its language, with its HTTP status and any headers."""

    def __init__(
        self, key: str, status: int = 400, headers: Optional[Dict[str, str]] = None, **params: Any
    ) -> None:
        super().__init__(key)
        self.key, self.status, self.headers, self.params = key, status, headers or {}, params

    def text(self, lang: str) -> str:
        return PHRASES[lang].errors[self.key].format(**self.params)


def request_language(request: Request) -> str:
    """The client's language: English when its Accept-Language starts with it, else Finnish."""
    accepted = request.headers.get("accept-language", "").strip().casefold()
    return "en" if accepted.startswith("en") else DEFAULT_LANGUAGE


def _json_object(body: bytes) -> Dict[str, Any]:
    if len(body) > MAX_BODY_BYTES:
        raise RequestError("too_large")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RequestError("not_json") from None
    if not isinstance(data, dict):
        raise RequestError("not_object")
    return data


def _sender(data: Dict[str, Any]) -> str:
    sender = data.get("sender")
    if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
        raise RequestError("sender")
    return sender


def parse_sender(body: bytes) -> str:
    return _sender(_json_object(body))


def parse_request(body: bytes) -> Tuple[str, str, Dict[str, str]]:
    """The (sender, message, metadata) of a request, or RequestError saying what is wrong.
    Of the metadata only the page's language is kept."""
    data = _json_object(body)
    sender, message = _sender(data), data.get("message")
    if not isinstance(message, str):
        raise RequestError("no_message")
    if not message.strip():
        raise RequestError("empty")
    if len(message) > MAX_MESSAGE_CHARS:
        raise RequestError("too_long", limit=MAX_MESSAGE_CHARS)
    metadata = data.get("metadata")
    lang = metadata.get("lang") if isinstance(metadata, dict) else None
    return sender, message, {"lang": lang} if lang in PHRASES else {}


def parse_feedback(body: bytes) -> Tuple[str, str, bool]:
    """The (sender, answer id, helpful) of a rating, or RequestError saying what is wrong."""
    data = _json_object(body)
    sender, answer, helpful = _sender(data), data.get("answer"), data.get("helpful")
    if (
        not isinstance(answer, str)
        or not ANSWER_ID_PATTERN.match(answer)
        or not isinstance(helpful, bool)
    ):
        raise RequestError("feedback")
    return sender, answer, helpful


class AnswerCollector(CollectingOutputChannel):
    """Collects the bot's messages. An answer's details (its id, topic and source), which the
    actions send as a custom payload, join the answer's own message."""

    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        if self.messages and self.messages[-1].get("recipient_id") == recipient_id:
            self.messages[-1].update(json_message)
        else:
            await super().send_custom_json(recipient_id, json_message, **kwargs)


def _log_late_failure(task: "asyncio.Task") -> None:
    """Collects the outcome of a message answered late, so asyncio does not complain."""
    if not task.cancelled() and task.exception() is not None:
        logger.error(
            "handling a message failed after its reply timed out", exc_info=task.exception()
        )


class RestInput(InputChannel):
    """Validated REST channel: POST /webhooks/rest/webhook."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def _headers(self, request: Request) -> Dict[str, str]:
        return dict(SECURITY_HEADERS)

    def _error(self, request: Request, error: RequestError) -> HTTPResponse:
        return response.json(
            {"error": error.text(request_language(request))},
            status=error.status,
            headers={**self._headers(request), **error.headers},
        )

    def _limit(self, request: Request, sender: str) -> None:
        """Refuses (429 with Retry-After) a conversation or a client that sends too fast
        (bot/web/rate_limits.py)."""
        limits = rate_limits.limits()
        client = limits.client(request.ip, request.headers.get("x-real-ip"))
        wait = limits.retry_after(sender, client)
        if wait:
            logger.warning("%s: too many requests (sender %s)", self.name(), sender)
            raise RequestError("too_many", status=429, headers={"Retry-After": str(wait)})

    async def _answer(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            sender, text, metadata = parse_request(request.body)
            self._limit(request, sender)
        except RequestError as error:
            return self._error(request, error)
        tracker_store.fail_loudly(request.app.ctx.agent)
        collector = AnswerCollector()
        task = asyncio.ensure_future(
            on_new_message(
                UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
            )
        )
        done, _ = await asyncio.wait({task}, timeout=REPLY_TIMEOUT_S)
        if not done:  # it goes on in the background; its answer is stored but not shown
            task.add_done_callback(_log_late_failure)
            logger.warning(
                "%s: no answer in %.0f s (sender %s)", self.name(), REPLY_TIMEOUT_S, sender
            )
        elif task.exception() is not None:
            logger.error(
                "%s: handling a message failed (sender %s)",
                self.name(),
                sender,
                exc_info=task.exception(),
            )
        elif collector.messages:
            for message in collector.messages:
                message["lang"] = detection.detect(message.get("text") or "") or DEFAULT_LANGUAGE
            return response.json(collector.messages, headers=self._headers(request))
        else:  # every message gets an answer, so silence means an action failed
            logger.error("%s: no answer (sender %s); is the action server up?", self.name(), sender)
        # The page's language first: names in the message can mislead the detector here,
        # where the NLU has not found them.
        lang = metadata.get("lang") or detection.detect(text) or request_language(request)
        return response.json(
            [{"recipient_id": sender, "text": PHRASES[lang].service_problem, "lang": lang}],
            headers={**self._headers(request), "X-Bot-Status": "degraded"},
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        channel = Blueprint(f"{self.name()}_webhook", __name__)

        @channel.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"}, headers=self._headers(request))

        @channel.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self._answer(request, on_new_message)

        self.add_routes(channel)
        return channel

    def add_routes(self, channel: Blueprint) -> None:
        """Routes a subclass adds to the channel's blueprint."""


class WidgetInput(RestInput):
    """The web widget's channel: static files, validated messages, forgetting a conversation,
    and CORS for allowed origins."""

    @classmethod
    def name(cls) -> Text:
        return "widget"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        origins = (credentials or {}).get("allowed_origins") or []
        return cls(allowed_origins=origins)

    def __init__(self, allowed_origins: Iterable[str] = ()) -> None:
        self.allowed_origins = {o.rstrip("/") for o in allowed_origins if o}

    def _headers(self, request: Request) -> Dict[str, str]:
        headers = super()._headers(request)
        origin = request.headers.get("origin", "")
        if origin and ("*" in self.allowed_origins or origin in self.allowed_origins):
            return {
                **headers,
                "Access-Control-Allow-Origin": origin,
                "Vary": "Origin",
                "Access-Control-Allow-Methods": "POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Expose-Headers": "X-Bot-Status, Retry-After",
            }
        return headers

    def add_routes(self, channel: Blueprint) -> None:
        @channel.route("/<name>", methods=["GET"])
        async def static(request: Request, name: str) -> HTTPResponse:
            if name not in STATIC_FILES:
                return self._error(request, RequestError("not_found", status=404))
            page = PAGE_POLICY if name.endswith(".html") else {}
            return await response.file(
                WIDGET_DIR / name,
                mime_type=STATIC_FILES[name],
                headers={"Cache-Control": "no-cache", **page, **SECURITY_HEADERS},
            )

        async def preflight(request: Request) -> HTTPResponse:
            return response.empty(headers=self._headers(request))

        for path in ("webhook", "forget", "feedback"):
            channel.add_route(preflight, f"/{path}", methods=["OPTIONS"], name=f"{path}_preflight")

        @channel.route("/forget", methods=["POST"])
        async def forget(request: Request) -> HTTPResponse:
            try:
                sender = parse_sender(request.body)
                self._limit(request, sender)
            except RequestError as error:
                return self._error(request, error)
            agent = request.app.ctx.agent
            try:  # under the conversation's lock, so a message being answered cannot restore it
                async with agent.lock_store.lock(sender):
                    deleted = privacy.delete_conversation(agent.tracker_store, sender)
            except Exception:  # noqa: BLE001 - the visitor gets a reply, the log the details
                logger.exception("widget: deleting a conversation failed (sender %s)", sender)
                return self._error(request, RequestError("forget_failed", status=503))
            return response.json({"deleted": deleted > 0}, headers=self._headers(request))

        @channel.route("/feedback", methods=["POST"])
        async def rate(request: Request) -> HTTPResponse:
            try:
                sender, answer, helpful = parse_feedback(request.body)
                self._limit(request, sender)
            except RequestError as error:
                return self._error(request, error)
            agent = request.app.ctx.agent
            tracker_store.fail_loudly(agent)
            try:  # under the conversation's lock, like a message, so no event is lost
                async with agent.lock_store.lock(sender):
                    refused = await feedback.record(agent, sender, answer, helpful)
            except Exception:  # noqa: BLE001 - the visitor gets a reply, the log the details
                logger.exception("widget: saving feedback failed (sender %s)", sender)
                return self._error(request, RequestError("feedback_failed", status=503))
            if refused:
                status = 404 if refused == "unknown_answer" else 409
                return self._error(request, RequestError(refused, status=status))
            return response.json({"saved": True}, headers=self._headers(request))
