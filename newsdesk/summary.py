"""The run summary: counts per table, rejects by reason, and the reconciliation of inputs."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field


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

    def markdown(self) -> str:
        """A short Markdown report (for the Prefect artifact)."""
        lines = [f"### newsdesk run {self.run_id}", "", "| table | rows |", "|---|---:|"]
        lines += [f"| {t} | {getattr(self, t)} |" for t in ("articles", "quotes", "places", "credits",
                                                           "rejects", "duplicates")]
        lines += ["", f"Inputs seen: {self.inputs_seen} in {self.files_seen} files; "
                      f"reconciled: {'yes' if self.reconciled else 'NO'}; {self.seconds:.1f} s."]
        if self.rejects_by_reason:
            lines += ["", "| reject reason | inputs |", "|---|---:|"]
            lines += [f"| {r} | {n} |" for r, n in sorted(self.rejects_by_reason.items())]
        return "\n".join(lines)


def count_reasons(codes: list[str]) -> dict[str, int]:
    """Reject reason code -> count (duplicates excluded, they are counted apart)."""
    return dict(sorted(Counter(c for c in codes if c != "duplicate").items()))
