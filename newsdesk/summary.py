"""The run summary: counts per table, rejects by reason, and the reconciliation of inputs."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field


COUNTS = ("files_seen", "inputs_seen", "articles", "quotes", "places", "credits", "rejects", "duplicates")


@dataclass(slots=True)
class RunSummary:
    """What one run read and wrote. `inputs_seen == articles + rejects + duplicates` always holds."""

    run_id: str
    files_seen: int = 0  # files the listing found
    files_recorded: int = 0  # files the snapshot's manifest accounts for (processed or carried)
    inputs_seen: int = 0  # files, with each JSONL line counted as its own input
    articles: int = 0
    quotes: int = 0
    places: int = 0
    credits: int = 0
    rejects: int = 0  # not counting duplicates
    duplicates: int = 0
    rejects_by_reason: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def reconciled(self) -> bool:
        """Every file found was planned and read, and every input ended as an article, a reject or
        a duplicate."""
        return (self.files_seen == self.files_recorded
                and self.inputs_seen == self.articles + self.rejects + self.duplicates)

    def as_dict(self) -> dict:
        """Plain dict (JSON-ready), including the reconciliation flag."""
        return {**asdict(self), "reconciled": self.reconciled}

    def table(self) -> list[dict]:
        """One row per count, rejects by reason included (the Prefect table artifact)."""
        rows = [{"what": name.replace("_", " "), "count": getattr(self, name)} for name in COUNTS]
        rows += [{"what": f"rejected: {reason}", "count": n} for reason, n in sorted(self.rejects_by_reason.items())]
        return rows

    def line(self) -> str:
        """One readable sentence for a log."""
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(self.rejects_by_reason.items()))
        return (f"run {self.run_id}: {self.inputs_seen} inputs in {self.files_seen} files -> {self.articles} articles "
                f"({self.quotes} quotes, {self.places} places, {self.credits} credits), {self.rejects} rejects"
                + (f" ({reasons})" if reasons else "") + f", {self.duplicates} duplicates; "
                + ("reconciled" if self.reconciled else "NOT reconciled: files seen != files recorded, or inputs != "
                                                  "articles + rejects + duplicates")
                + f"; {self.seconds:.1f} s")


def count_reasons(codes: list[str]) -> dict[str, int]:
    """Reject reason code -> count (duplicates excluded, they are counted apart)."""
    return dict(sorted(Counter(c for c in codes if c != "duplicate").items()))
