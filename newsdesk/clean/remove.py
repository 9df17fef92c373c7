"""Removers: each takes text and returns it without one kind of markup or debris."""

from __future__ import annotations

from newsdesk.clean import resources as R


def images(text: str) -> str:
    """Drop markdown images `![alt](src)` and `<img>` tags."""
    return R.RE_IMAGE.sub("", text) if "![" in text or "<" in text else text


def link_artifacts(text: str) -> str:
    """Markdown links `[text](url)`, `[text][ref]` and autolinks `<https://…>` -> their text."""
    # substring pre-checks: a definition needs a `]:`, a link a `](`, a reference link a `][` (an
    # autolink the `<`); most lines have none, and the multi-line definition pattern tries every position
    if "[" in text:
        text = R.RE_REF_DEFINITION.sub("", text) if "]:" in text else text
        previous = None
        while previous != text and "](" in text:  # nested links/images-in-links unwrap from the inside out
            previous, text = text, R.RE_LINK.sub(r"\1", text)
        text = R.RE_REF_LINK.sub(r"\1", text) if "][" in text else text
    return R.RE_AUTOLINK.sub(r"\1", text) if "<" in text else text


def _is_word(char: str | None) -> bool:
    return char is not None and (char.isalnum() or char == "_")


def _emphasis_line(line: str) -> str:
    """One line without its paired `**`/`__`, `*`/`_` and `~~` markers, in time linear in its length.

    A run of marker characters between two other characters is a delimiter run; it opens when the
    character after it is not a space (`*`/`_` also not after a letter or digit: `snake_case` stays),
    and closes when the character before it is not a space (`*`/`_` also not before a letter or digit).
    Each run counts as `n // 2` strong (or `~~`) and `n % 2` emphasis markers per character, and each
    marker kind has its own stack: a closer pairs with the nearest open marker of its kind, whatever
    lies between. Unpaired markers stay. Runs are only ever removed, never the text around them, so
    a second pass finds the same runs with the same neighbours and pairs nothing: idempotent."""
    runs = [m.span() for m in R.RE_EMPHASIS_RUN.finditer(line) if m.group()[0] != "\\"]
    if len(runs) < 2:
        return line
    stacks: dict[str, list[int]] = {}
    removed: list[dict[str, int]] = [{} for _ in runs]
    for index, (start, end) in enumerate(runs):
        before = line[start - 1] if start else None
        after = line[end] if end < len(line) else None
        open_strong = after is not None and not after.isspace()
        close_strong = before is not None and not before.isspace()
        open_em, close_em = open_strong and not _is_word(before), close_strong and not _is_word(after)
        run = line[start:end]
        for char in dict.fromkeys(run):
            count = run.count(char)
            kinds = [(char * 2, 2, count // 2, open_strong, close_strong)]
            if char != "~":
                kinds.append((char, 1, count % 2, open_em, close_em))
            for kind, width, markers, can_open, can_close in kinds:
                stack = stacks.setdefault(kind, [])
                while markers and can_close and stack:
                    opener = stack.pop()
                    removed[opener][char] = removed[opener].get(char, 0) + width
                    removed[index][char] = removed[index].get(char, 0) + width
                    markers -= 1
                if can_open:
                    stack.extend([index] * markers)
    parts, position = [], 0
    for (start, end), drop in zip(runs, removed):
        if not drop:
            continue
        kept = []
        for char in line[start:end]:
            if drop.get(char):
                drop[char] -= 1
            else:
                kept.append(char)
        parts += [line[position:start], "".join(kept)]
        position = end
    return "".join(parts) + line[position:] if parts else line


def emphasis(text: str) -> str:
    """Bold, italic, strikethrough and inline-code markers -> plain text (quotes/apostrophes untouched).

    Linear in the text length (one stack pass per line, see `_emphasis_line`): no input limit needed."""
    if "*" in text or "_" in text or "~" in text:
        text = "\n".join(_emphasis_line(line) if len(line) > 2 else line for line in text.split("\n"))
    return R.RE_INLINE_CODE.sub(r"\1", text) if "`" in text else text


def stray_emphasis(text: str) -> str:
    """Unpaired `**`/`__` runs left over after emphasis() (e.g. bold split across paragraphs)."""
    return text.replace("**", "").replace("__", "") if "**" in text or "__" in text else text


def shortcodes(text: str) -> str:
    """WordPress-style shortcodes `[button link="…"]…[/button]` -> their inner text."""
    return R.RE_SHORTCODE.sub("", text) if "[" in text else text


def html_tags(text: str) -> str:
    """Inline HTML tags and comments that converters leave behind."""
    return R.RE_HTML_TAG.sub("", R.RE_HTML_COMMENT.sub("", text)) if "<" in text else text


def markdown_escapes(text: str) -> str:
    """Backslash-escaped markdown punctuation `\\[We\\]` -> `[We]`."""
    return R.RE_ESCAPE.sub(r"\1", text) if "\\" in text else text


def heading_marker(line: str) -> str:
    """`## A subhead ##` -> `A subhead`; other lines unchanged. Repeated markers (`# # x`) all go, so
    cleaning stays idempotent."""
    while "#" in line and (match := R.RE_HEADING.match(line)):
        line = match.group(2)
    return line


def blockquote_marker(line: str) -> str:
    """`> quoted text` -> `quoted text`."""
    return R.RE_BLOCKQUOTE.sub("", line, count=1) if ">" in line else line


def is_navigation(line: str) -> bool:
    """True for a short line that is site furniture ("Share this", "Advertisement", cookie notices…)."""
    stripped = line.strip()
    if not stripped or len(stripped) > R.NAV_LINE_MAX_CHARS:
        return False
    return bool(R.RE_NAV_LINE.match(stripped) or (may_mention_cookies(stripped) and R.RE_NAV_COOKIE_LINE.match(stripped)))


def may_mention_cookies(text: str) -> bool:
    """False only when R.RE_NAV_COOKIE_LINE cannot match: each of its branches holds "cookie", which
    IGNORECASE reads as `str.lower()` does except for `ı` and `İ` (taken for `i`)."""
    return "cookie" in text.lower() or (not text.isascii() and ("ı" in text or "İ" in text))


def is_promotion(paragraph: str) -> bool:
    """True for a short call-to-action ("Follow us on Twitter", "Sign up for our newsletter…") paragraph."""
    # the anchored opening first (most paragraphs fail it); then split at most CTA_MAX_WORDS times: a
    # long paragraph is not read to its end just to count words
    if not R.RE_CTA_START.match(paragraph) or len(paragraph.split(None, R.CTA_MAX_WORDS)) > R.CTA_MAX_WORDS:
        return False
    return bool(R.RE_CTA_CHANNEL.search(paragraph))


def may_hold_legal_phrase(text: str) -> bool:
    """False only when R.RE_LEGAL_PHRASE cannot match `text`: a substring test on the lowercased text,
    ~30x faster than the case-insensitive regex search. `str.lower()` reads every character as the
    regex's IGNORECASE does except `ſ`, `ı` and `İ` (IGNORECASE also takes them for `s`/`i`): text
    with one of those always gets the regex."""
    if not text.isascii() and ("ſ" in text or "ı" in text or "İ" in text):
        return True
    low = text.lower()
    return any(hint in low for hint in R.LEGAL_PHRASE_HINTS)


def is_legal_notice(paragraph: str) -> bool:
    """True for a short copyright/usage notice ("© 2019 … All rights reserved.")."""
    if not (R.RE_LEGAL_START.match(paragraph)
            or (may_hold_legal_phrase(paragraph) and R.RE_LEGAL_PHRASE.search(paragraph))):
        return False
    return len(paragraph.split(None, R.LEGAL_MAX_WORDS)) <= R.LEGAL_MAX_WORDS


def is_bare_address(paragraph: str) -> bool:
    """True for a paragraph that is only a URL or an e-mail address.

    A longer paragraph is no address: RE_ONLY_URL backtracks quadratically on a run of dots, plus
    signs or dashes (seconds for a 99,000-character line), and bounded to ADDRESS_MAX_CHARS it costs
    at most a few milliseconds, so the whole check is linear in the paragraph's length."""
    return len(paragraph) <= R.ADDRESS_MAX_CHARS and bool(R.RE_ONLY_URL.match(paragraph))


_TIMESTAMP_PUNCT = "()[],|/·•:;-–—"


def is_timestamp(line: str) -> bool:
    """True for a line made only of date/time words ("Nov. 19, 2019 / 12:21 AM / Updated 3 hours ago")."""
    # every word must be a date/time word: a line whose first word is not one (most lines) is not read on
    head = line.split(None, 1)
    first = head[0].strip(_TIMESTAMP_PUNCT) if head else ""
    if first and not R.RE_TIMESTAMP_WORD.match(first):
        return False
    head = line.split(None, 2 * R.TIMESTAMP_MAX_WORDS)
    if len(head) > 2 * R.TIMESTAMP_MAX_WORDS and sum(
            1 for w in head[:-1] if w.strip(_TIMESTAMP_PUNCT)) > R.TIMESTAMP_MAX_WORDS:
        return False  # a long line whose first tokens already hold too many words: not read on
    words = [w.strip(_TIMESTAMP_PUNCT) for w in line.split()]
    words = [w for w in words if w]
    if not words or len(words) > R.TIMESTAMP_MAX_WORDS or not R.RE_YEAR_OR_TIME.search(line):
        return False
    return all(R.RE_TIMESTAMP_WORD.match(w) for w in words)


_TOGGLE_ENDS = ("more", "less", "more\n", "less\n")  # RE_CAPTION_TOGGLE ends in `more$`/`less$`


def is_widget_line(line: str) -> bool:
    """A video player's or a widget's control line ("This is a modal window.", "Play Video",
    "• descriptions off, selected"), listed in resources/widget_lines.txt."""
    if len(line) > R.WIDGET_LINE_MAX_CHARS:
        return False
    key = R.RE_BULLET_PREFIX.sub("", line.strip()).strip(" .!").casefold()
    return key in R.WIDGET_LINES or key.startswith(R.WIDGET_LINE_STARTS)


def is_slideshow(block: str) -> bool:
    """A block of slides, each opening with its counter ("• ## 1/50 Caption …", "2/50 …")."""
    lines = [line for line in block.split("\n") if line.strip()]
    slides = 0
    for line in lines:
        m = R.RE_SLIDE_COUNTER.match(line.strip())
        slides += bool(m and 0 < int(m.group("n")) <= int(m.group("m")))
    return slides >= 2 and slides * 2 >= len(lines)


def is_debris(paragraph: str) -> bool:
    """True for a paragraph that is navigation, promotion, a legal notice, a timestamp or a bare address."""
    return (is_navigation(paragraph) or is_promotion(paragraph) or is_legal_notice(paragraph)
            or is_timestamp(paragraph) or is_bare_address(paragraph) or is_widget_line(paragraph)
            or bool(R.RE_TAG_LINE.match(paragraph) or R.RE_RULE_LINE.match(paragraph)
                    or (paragraph.endswith(_TOGGLE_ENDS) and R.RE_CAPTION_TOGGLE.search(paragraph))))
