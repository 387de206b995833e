"""How far a report has read the store: one meter for every report of every kind, whoever runs it.

A report's rows are produced while it is written, so the only honest measure of progress is how many stored
records it has read so far against how many it will read. ``source.records`` and ``source.anonymous_records`` tick
the current meter once per chunk (``advance``); whoever runs a report (the Celery task behind the dashboard's
files, ``cifal_export``'s progress bar) wraps the writing in ``metered(callback)`` and asks ``records_to_read`` for
the total beforehand. A context variable rather than a parameter, so that no report of any block has to pass a
meter along: a report that reads through ``source`` is metered, and one run outside ``metered`` costs one lookup
per chunk.
"""
import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Meter = Callable[[int], None]
_meter: contextvars.ContextVar[Meter | None] = contextvars.ContextVar('cifal_report_meter', default=None)


@contextmanager
def metered(callback: Meter) -> Iterator[None]:
    """Within the block, ``callback(count)`` is called each time a report has read ``count`` more records."""
    token = _meter.set(callback)
    try:
        yield
    finally:
        _meter.reset(token)


def advance(count: int) -> None:
    """``count`` more records read (called by ``source`` once per chunk)."""
    callback = _meter.get()
    if callback is not None and count:
        callback(count)
