"""Named moments of a run that its guarantees speak about, where an observer may act.

    batch_extracted   a batch is extracted and validated, its rows not yet staged
    table_written     one more table of the new snapshot is written (the snapshot is incomplete)
    models_run        the SQL models ran inside the new database's open transaction
    before_switch     the snapshot and database are complete; `current` still names the old one

Nothing observes them in a normal run: `reached` then loops over an empty list. A caller that
wants to see a run at these moments (a test that pauses or fails it there) registers with `observe`
in the process that reaches them.
"""

from __future__ import annotations

from collections.abc import Callable

_observers: list[Callable[[str], None]] = []


def observe(observer: Callable[[str], None]) -> None:
    """Call observer(name) at every checkpoint this process reaches from now on."""
    _observers.append(observer)


def reached(name: str) -> None:
    """Mark the checkpoint `name` (one of those above)."""
    for observer in _observers:
        observer(name)
