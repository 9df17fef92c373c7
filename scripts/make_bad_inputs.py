"""Build the bad-input corpus in a directory: the text cases of tests/fixtures/bad/ plus generated
binary, huge and odd ones (never committed: a 50 MB file, images, symlink loops, a FIFO...).

    python scripts/make_bad_inputs.py OUT_DIR

Every case is an input newsdesk must survive: it ends as an article (maybe with a warning) or as a
rejects row with a plain reason. tests/reliability/test_bad_inputs.py holds the expected outcome
of each case.
"""

from __future__ import annotations

import gzip
import os
import shutil
import struct
import sys
import zlib
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "bad"

ARTICLE = """# {title}

Published March 14, 2022

{body}

"We will keep the doors open as long as people need us," said director Elena Vasquez.
"""

RUSSIAN = """# Городской совет утвердил бюджет на ремонт дорог

Опубликовано 12 апреля 2021

Городской совет Твери во вторник утвердил бюджет на ремонт дорог в размере 300 миллионов рублей.

«Мы начнём с самых опасных участков», — сказал председатель совета Андрей Волков.
"""

FRENCH = """# La mairie ouvre une nouvelle crèche

Publié le 3 mai 2021

La mairie de Lyon a ouvert lundi une nouvelle crèche de 60 places dans le quartier de la Guillotière, a annoncé l'adjointe à l'enfance.

« C'est une première étape, il en faudra d'autres », a déclaré l'élue Hélène Mercier.
"""


def article(title: str, body: str) -> str:
    """A small, plausible article in the seed's markdown shape."""
    return ARTICLE.format(title=title, body=body)


def png_bytes() -> bytes:
    """A valid 1x1 PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


def generated() -> dict[str, bytes]:
    """Name -> bytes of every generated regular-file case."""
    plain = article("Shelter extends winter opening", "The city's night shelter will stay open until "
                    "the end of April, a month longer than planned, the housing department said on Monday.")
    return {
        "empty.md": b"",
        "bom_only.md": b"\xef\xbb\xbf",
        "nbsp_only.md": "\u00a0 \u00a0\n\u3000\n".encode(),
        "image_saved_as.md": png_bytes(),
        "gzip_saved_as.md": gzip.compress(plain.encode(), mtime=0),
        "pdf_saved_as.txt": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
        "invalid_utf8.md": plain.encode().replace(b"said on Monday", b"said \xff\xfe\xc3( on Monday"),
        "cp1252_smart_quotes.md": plain.replace('"', "\u201c", 1).encode("cp1252"),
        "cp1251_russian.txt": RUSSIAN.encode("cp1251"),
        "latin1_french.txt": FRENCH.encode("latin-1", errors="replace"),
        "utf16_bom.md": plain.encode("utf-16"),
        "utf16le_no_bom.md": plain.encode("utf-16-le"),
        "utf8_bom.md": b"\xef\xbb\xbf" + plain.encode(),
        "nul_bytes.md": plain.encode().replace(b" the ", b" the\x00 ", 3),
        "links_100k.md": ("# Link farm\n\n" + "".join(f"[link {i}](https://example.com/page/{i})\n"
                                                     for i in range(100_000))).encode(),
        "nested_brackets_10k.md": article("Brackets", "[" * 10_000 + "deep" + "]" * 10_000 + " "
                                          + "(" * 10_000 + "x" + ")" * 10_000).encode(),
        "single_line_5mb.md": ("The council met again and talked about the budget. " * 100_000).encode(),
        "emphasis_bomb.md": article("Emphasis", "**a " * 5_000 + "\n\n" + "_b " * 5_000).encode(),
        "very_long_title.md": article("word " * 5_000, "The short body of an article with a very long "
                                      "title, published by a confused scraper.").encode(),
        "many_blank_lines.md": ("# Gaps\n\nFirst paragraph of the story about the harbour."
                                + "\n" * 50_000 + "Last paragraph, far below.\n").encode(),
        "deep_blockquote.md": article("Quotes in quotes", ">" * 10_000 + " nested quotation").encode(),
        "export_deeply_nested.jsonl": (
            '{"title": "Bridge repairs start", "maintext": "Repairs on the old bridge started on Monday '
            'and will last six weeks, the roads department said."}\n'
            + "[" * 100_000 + "]" * 100_000 + "\n"
            + '{"title": "Market hall gets solar roof", "maintext": "The market hall will get a solar '
              'roof this summer, the city said on Tuesday."}\n').encode(),
        "subdir_named_like_file.md/inside.md": article("An article in a folder named like a file",
                                                       "Folders whose names end in .md are folders: "
                                                       "newsdesk reads the articles inside them.").encode(),
    }


def make_symlink_loop(out: Path) -> list[str]:
    """Two links pointing at each other. Returns their names."""
    (out / "symlink_loop_a.md").symlink_to("symlink_loop_b.md")
    (out / "symlink_loop_b.md").symlink_to("symlink_loop_a.md")
    return ["symlink_loop_a.md", "symlink_loop_b.md"]


def make_special(out: Path) -> list[str]:
    """Dangling symlink, FIFO, links that are not followed (to a file outside the raw dir, to a
    folder). Returns their names. (A read failing with EIO is tested in-process: tests run as root,
    where chmod 000 still reads, and the one EIO file at hand, /proc/self/mem, is outside the raw dir.)"""
    (out / "dangling_symlink.md").symlink_to("this_file_was_deleted.md")
    os.mkfifo(out / "named_pipe.md")
    (out / "link_outside_raw.md").symlink_to("/etc/passwd")
    (out / "link_to_folder").symlink_to("subdir_named_like_file.md", target_is_directory=True)
    return ["dangling_symlink.md", "named_pipe.md", "link_outside_raw.md", "link_to_folder"]


def make(out: Path, huge: bool = True, symlink_loop: bool = True) -> list[str]:
    """Write every case into `out` (created); returns the case names, '/'-separated, sorted."""
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for src in sorted(FIXTURES.iterdir()):
        shutil.copyfile(src, out / src.name)
        names.append(src.name)
    for name, data in generated().items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
        names.append(name)
    if huge:
        with open(out / "huge_50mb.md", "wb") as handle:  # sparse: 50 MB on paper, no disk used
            handle.truncate(50 * 2**20)
        names.append("huge_50mb.md")
    names += make_special(out)
    names += make_symlink_loop(out) if symlink_loop else []
    return sorted(names)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_bad_inputs.py OUT_DIR")
    for case in make(Path(sys.argv[1])):
        print(case)
