"""Limits per client, so that one script cannot take the capacity that visitors share: per
conversation id and per client address, each in a moving window (the `limits` library). The
counts are kept in memory, or in Redis when LOCK_STORE=redis, so that replicas share them.
No person meets the defaults: people type a message in several seconds, and a whole office
behind one address sends less than one a second.

Settings (environment):
    RATE_LIMITS              on (default), or off for benchmarks and load tests
    RATE_LIMIT_CONVERSATION  per conversation id, default "10 per 10 seconds; 150 per hour"
    RATE_LIMIT_CLIENT        per client address, default "50 per 10 seconds"
    TRUSTED_PROXIES          addresses of the proxies in front (nginx), comma-separated: from
                             these the client's address is the X-Real-IP header they set
"""

from __future__ import annotations

import logging
import math
import os
import time
from functools import lru_cache
from typing import List, Mapping, Optional, Tuple
from urllib.parse import quote

from limits import RateLimitItem, parse_many, storage, strategies

logger = logging.getLogger(__name__)

DEFAULTS = {
    "RATE_LIMIT_CONVERSATION": "10 per 10 seconds; 150 per hour",
    "RATE_LIMIT_CLIENT": "50 per 10 seconds",
}


class RateLimits:
    """The limits of one server process, from the environment's settings."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.enabled = env.get("RATE_LIMITS", "on").strip().lower() != "off"
        self.trusted = {a.strip() for a in env.get("TRUSTED_PROXIES", "").split(",") if a.strip()}
        self._items = {
            kind: parse_many(
                env.get(f"RATE_LIMIT_{kind.upper()}") or DEFAULTS[f"RATE_LIMIT_{kind.upper()}"]
            )
            for kind in ("conversation", "client")
        }
        # The limiter holds its store by a weak reference: the store must be kept here.
        self._store = storage.storage_from_string(_storage_url(env))
        self._limiter = strategies.MovingWindowRateLimiter(self._store)

    def client(self, peer: str, real_ip: Optional[str]) -> str:
        """The client's address: the peer's, or the one a trusted proxy passes on."""
        return real_ip.strip() if real_ip and peer in self.trusted else peer

    def retry_after(self, conversation: Optional[str], client: str) -> int:
        """0 when the request may go on, else the seconds to wait. A failing store lets the
        request through: an outage of Redis must not turn away every visitor."""
        if not self.enabled:
            return 0
        keys: List[Tuple[str, str]] = [("client", client)]
        if conversation:
            keys.insert(0, ("conversation", conversation))
        try:
            for kind, key in keys:
                for item in self._items[kind]:
                    if not self._limiter.hit(item, kind, key):
                        return self._wait(item, kind, key)
        except Exception as error:  # noqa: BLE001 - whatever the store raises, serve the visitor
            logger.warning("rate limits: the counter store failed (%s); the request goes on", error)
        return 0

    def _wait(self, item: RateLimitItem, kind: str, key: str) -> int:
        reset, _ = self._limiter.get_window_stats(item, kind, key)
        return max(1, math.ceil(reset - time.time()))


def _storage_url(env: Mapping[str, str]) -> str:
    if env.get("LOCK_STORE", "in_memory") != "redis":
        return "memory://"
    password = env.get("REDIS_PASSWORD", "")
    auth = f":{quote(password, safe='')}@" if password else ""
    return f"redis://{auth}{env.get('REDIS_HOST', '127.0.0.1')}:{env.get('REDIS_PORT', '6379')}"


@lru_cache(maxsize=1)
def limits() -> RateLimits:
    """The server's limits, built at the first request from the environment."""
    return RateLimits(os.environ)
