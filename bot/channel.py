"""The web widget's Rasa input channel (registered in credentials.yml as bot.channel.WidgetInput).

Serves the widget's script, stylesheet and a demo page from bot/widget/, and takes the widget's
messages at POST /webhooks/widget/webhook. Requests are validated here: a bad request gets a JSON
400 with a Finnish message, never an HTML error page or a 500.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Iterable, Optional, Text, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

WIDGET_DIR = Path(__file__).resolve().parent / "widget"
STATIC_FILES = {
    "widget.js": "application/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "demo.html": "text/html; charset=utf-8",
}
MAX_MESSAGE_CHARS = 1000
MAX_BODY_BYTES = 16 * 1024
# The widget makes 32 random hex digits; other clients may use any id of this shape.
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class RequestError(ValueError):
    """A request the channel refuses; the message is shown to the client."""


def parse_request(body: bytes) -> Tuple[str, str]:
    """The (sender, message) of a widget request, or RequestError saying what is wrong."""
    if len(body) > MAX_BODY_BYTES:
        raise RequestError("Pyyntö on liian suuri.")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RequestError("Pyynnön pitää olla JSON-muotoinen.") from None
    if not isinstance(data, dict):
        raise RequestError("Pyynnön pitää olla JSON-olio, jossa on kentät sender ja message.")
    sender, message = data.get("sender"), data.get("message")
    if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
        raise RequestError("Keskustelun tunniste (sender) puuttuu tai on virheellinen.")
    if not isinstance(message, str):
        raise RequestError("Viesti (message) puuttuu tai ei ole tekstiä.")
    if len(message) > MAX_MESSAGE_CHARS:
        raise RequestError(f"Viesti on liian pitkä: enintään {MAX_MESSAGE_CHARS} merkkiä.")
    return sender, message


class WidgetInput(InputChannel):
    """The web widget's channel: static files, validated messages and CORS for allowed origins."""

    @classmethod
    def name(cls) -> Text:
        return "widget"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        origins = (credentials or {}).get("allowed_origins") or []
        return cls(allowed_origins=origins)

    def __init__(self, allowed_origins: Iterable[str] = ()) -> None:
        self.allowed_origins = {o.rstrip("/") for o in allowed_origins if o}

    def _cors_headers(self, request: Request) -> Dict[str, str]:
        origin = request.headers.get("origin", "")
        if origin and ("*" in self.allowed_origins or origin in self.allowed_origins):
            return {"Access-Control-Allow-Origin": origin, "Vary": "Origin",
                    "Access-Control-Allow-Methods": "POST, OPTIONS",
                    "Access-Control-Allow-Headers": "Content-Type"}
        return {}

    def _error(self, request: Request, message: str, status: int = 400) -> HTTPResponse:
        return response.json({"error": message}, status=status, headers=self._cors_headers(request))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        widget = Blueprint("widget_webhook", __name__)

        @widget.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @widget.route("/<name>", methods=["GET"])
        async def static(request: Request, name: str) -> HTTPResponse:
            if name not in STATIC_FILES:
                return self._error(request, "Tiedostoa ei löydy.", status=404)
            return await response.file(WIDGET_DIR / name, mime_type=STATIC_FILES[name],
                                       headers={"Cache-Control": "no-cache"})

        @widget.route("/webhook", methods=["OPTIONS"])
        async def preflight(request: Request) -> HTTPResponse:
            return response.empty(headers=self._cors_headers(request))

        @widget.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text = parse_request(request.body)
            except RequestError as error:
                return self._error(request, str(error))
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, sender,
                                                 input_channel=self.name()))
            except Exception:  # noqa: BLE001 - the visitor gets a reply, the log the details
                logger.exception("widget: handling a message failed (sender %s)", sender)
                return self._error(request, "Palvelussa on häiriö. Yritä hetken kuluttua "
                                            "uudelleen.", status=503)
            return response.json(collector.messages, headers=self._cors_headers(request))

        return widget
