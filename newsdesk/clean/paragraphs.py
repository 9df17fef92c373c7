"""Paragraph-level helpers: split into blocks, flatten lists/tables, unwrap lines, re-join broken paragraphs."""

from __future__ import annotations

from newsdesk.clean import resources as R


def split(text: str) -> list[str]:
    """Text -> non-empty blocks (separated by blank lines), each stripped."""
    return [block.strip() for block in R.RE_BLANK_LINES.split(text.strip()) if block.strip()]


def join(blocks: list[str]) -> str:
    """Blocks -> text with exactly one blank line between them."""
    return "\n\n".join(block for block in blocks if block)


def table_row(line: str) -> str:
    """`|  a |  | b|` -> `| a | b |` (one row per line, empty cells dropped)."""
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    cells = [cell for cell in cells if cell]
    return f"| {' | '.join(cells)} |" if cells else ""


def list_item(marker: str, text: str) -> str:
    """A list marker and its text -> `• text` (bullets) or `3. text` (numbered, number kept); stable."""
    marker = marker.strip()
    return f"{marker if marker[:1].isdigit() else '•'} {text.strip()}"


# the first character of a stripped line that a bullet, table row/separator, rule, code fence or
# list item (`\d`: any decimal digit, checked apart) can start with
_MARKUP_FIRST = frozenset("-*+•|:_`~")


def starts_as_prose(line: str) -> bool:
    """True when a stripped line's first character cannot start any block markup `flatten` reads."""
    return line[:1] not in _MARKUP_FIRST and not line[:1].isdecimal()


def flatten(block: str) -> str:
    """A markdown block -> plain lines: table rows `| a | b |` and list items `• item` one per line,
    wrapped prose lines joined with a space."""
    # each output line is a list of parts joined once at the end: appending a wrapped continuation
    # line is O(1), so a block of N lines flattens in linear time (no repeated string concatenation)
    out: list[list[str]] = []
    for line in block.split("\n"):
        line = line.strip()
        if not line:
            continue
        if starts_as_prose(line):  # plain prose: no pattern below can match
            if out:
                out[-1].append(line)
            else:
                out.append([line])
            continue
        if R.RE_LONE_BULLET.match(line) or R.RE_TABLE_SEPARATOR.match(line) or R.RE_HRULE.match(line) or R.RE_CODE_FENCE.match(line):
            continue
        if R.RE_TABLE_ROW.match(line):
            out.append([table_row(line)])
        elif marker := R.RE_LIST_ITEM.match(line):
            out.append([list_item(marker.group(0), line[marker.end():])])
        elif not out:
            out.append([line])
        else:  # a hard-wrapped continuation line (html2text wraps at ~78 columns)
            out[-1].append(line)
    return "\n".join(joined for parts in out if (joined := " ".join(parts)))


_SENTENCE_FINAL = frozenset(".!?…:;")
_CLOSERS = "\"'”’»)]"  # may follow the final punctuation
_CLOSING_QUOTES = frozenset("\"”’»")  # end a quoted sentence on their own


def ends_sentence(paragraph: str) -> bool:
    """True when a paragraph ends like a finished sentence (., !, ?, :, closing quote…)."""
    # read from the end only (a `$`-anchored regex search would try every position of the paragraph)
    text = paragraph.rstrip()
    return text.rstrip(_CLOSERS)[-1:] in _SENTENCE_FINAL or text[-1:] in _CLOSING_QUOTES


def is_continuation(previous: str, paragraph: str) -> bool:
    """True when `paragraph` continues `previous`'s sentence (split in mid-sentence by the scraper)."""
    # the paragraph's opening first: most start with a capital, and then `previous` is not read at all
    if not paragraph or not (paragraph[0].islower() or (paragraph[0] in "[(" and paragraph[1:2].islower())):
        return False
    return bool(previous) and "\n" not in previous and not ends_sentence(previous)


def rejoin(paragraphs: list[str]) -> list[str]:
    """Re-join paragraphs that were split in mid-sentence (`"but there's` / `currently no such…`)."""
    # a joined paragraph ends like its last part and holds a newline only in its last part (a newline
    # ends the joining), so testing the last part is the same test, and joining once keeps it linear
    groups: list[list[str]] = []
    for paragraph in paragraphs:
        if groups and is_continuation(groups[-1][-1], paragraph):
            groups[-1].append(paragraph)
        else:
            groups.append([paragraph])
    return [" ".join(group) for group in groups]


def link_density(line: str) -> float:
    """Share of a markdown line's visible text that sits inside `[links](…)` (0.0 without links)."""
    linked = sum(len(m.group(1).strip(" *_")) for m in R.RE_LINK.finditer(line))
    if not linked:
        return 0.0
    visible = R.RE_LINK.sub(lambda m: m.group(1), line)
    visible = R.RE_HEADING.sub(r"\2", R.RE_LIST_ITEM.sub("", visible.strip(), count=1))
    return min(1.0, linked / max(1, len(visible.strip(" *_#>"))))


def is_link_line(line: str, threshold: float = 0.8, prose_words: int = 25) -> bool:
    """True for a line that is (almost) only link text and not a linked paragraph of prose."""
    if link_density(line) < threshold:
        return False
    visible = R.RE_LINK.sub(lambda m: m.group(1), line).strip(" *_#>")
    return len(visible.split()) <= prose_words or not ends_sentence(visible.rstrip("*_ "))


def drop_link_lines(block: str) -> str:
    """Remove lines that are (almost) only links (related-story lists, navigation, tag clouds) and
    the teaser headings right under them."""
    if "](" not in block:  # no `[text](url)` link: no line to drop
        return block
    kept, after_link = [], False
    for line in block.split("\n"):
        if is_link_line(line) or (after_link and (R.RE_HEADING.match(line) or not line.strip())):
            after_link = True
            continue
        kept.append(line)
        after_link = False
    return "\n".join(kept)


def dedupe(paragraphs: list[str], min_words: int = 4) -> list[str]:
    """Drop repeated paragraphs (galleries repeat captions) of at least `min_words` words; keep the first."""
    seen: set[str] = set()
    out = []
    for paragraph in paragraphs:
        words = paragraph.split()
        key = " ".join(words).casefold()  # (casefolding never makes or removes a space: as many words)
        if len(words) >= min_words and key in seen:
            continue
        seen.add(key)
        out.append(paragraph)
    return out
