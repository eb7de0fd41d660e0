"""A per-client limit on requests in a sliding window, kept in the process's memory.

Enough for one API process; behind a load balancer each worker keeps its own count, so the
limit is per worker (a shared store such as PostgreSQL or a proxy's limiter would be the next
step). Keys that have gone quiet are forgotten, so memory stays bounded.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class RateLimit:
    """At most `most` requests a client in any `per_seconds`."""

    def __init__(
        self, most: int, per_seconds: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._most = most
        self._per = per_seconds
        self._clock = clock
        self._times: dict[str, deque[float]] = {}

    def wait_for(self, client: str) -> float:
        """0 when the client may go ahead (and it is counted), else the seconds to wait."""
        now = self._clock()
        times = self._times.setdefault(client, deque())
        while times and times[0] <= now - self._per:
            times.popleft()
        if len(times) >= self._most:
            return times[0] + self._per - now
        times.append(now)
        if len(self._times) > 10_000:
            self._forget_quiet(now)
        return 0.0

    def _forget_quiet(self, now: float) -> None:
        quiet = [
            key for key, times in self._times.items() if not times or times[-1] <= now - self._per
        ]
        for key in quiet:
            del self._times[key]
