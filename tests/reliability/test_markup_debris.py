"""Markup left in a scraped body (a `<script>` or `<svg onload=…>` an attacker planted, or a page's
debris) never becomes part of a speaker's name: a wrong name is worse than none."""

from __future__ import annotations

import re

import pytest

from newsdesk.pipeline import process_text

DEBRIS = re.compile(r"\b(script|svg|onload|alert|iframe|onerror)\b", re.IGNORECASE)
HEAD = "# Ferry resumes\n\nMarch 3, 2021\n\n"


@pytest.mark.parametrize("paragraph", [
    '"We will keep sailing," said Anna Berg <script>alert(1)</script> <svg onload=alert(1)>.',
    '"We will keep sailing," said John <script>alert(1)</script><svg onload=alert(1)> Smith.',
    '"We will keep sailing," said Anna Berg <iframe src=x onerror=alert(1)></iframe>, the operator.',
])
def test_a_speaker_name_carries_no_markup_debris(paragraph):
    result = process_text(HEAD + paragraph + "\n", "debris.md")
    speakers = [q["speaker"] for q in result.quotes if q["speaker"]]
    assert speakers, "the quote keeps a speaker"
    assert not any(DEBRIS.search(name) for name in speakers), speakers
