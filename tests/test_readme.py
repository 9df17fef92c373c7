"""README.md is tested: every command in its `sh` blocks runs, in a temporary copy of the sample data
after a quickstart run, and every statement in its `sql` blocks runs against the database built there.

Conventions of README.md, checked here so that nothing is left out silently:
- every fenced block names its language: `sh` and `sql` blocks are run, `text` blocks are not;
- a block that cannot run in the suite (a server that runs until stopped, `make` itself, which is
  what CI runs) has `<!-- not-tested: REASON -->` on the line before its fence; it is reported as a
  skip with that reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from newsdesk import database

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
RUN = ("sh", "sql")
NOT_RUN = ("text",)
NOT_TESTED = re.compile(r"^<!--\s*not-tested:\s*(.*?)\s*-->$")
FENCE = re.compile(r"^```(\S*)\s*$")


@dataclass(frozen=True)
class Block:
    line: int  # of the opening fence, 1-based
    lang: str
    body: str
    not_tested: str | None  # the reason, when marked


def readme_blocks(text: str) -> list[Block]:
    """Every fenced block of the text, with the not-tested reason written before it."""
    blocks, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == "```")
        marker = NOT_TESTED.match(lines[i - 1].strip()) if i else None
        blocks.append(Block(i + 1, fence[1], "\n".join(lines[i + 1:end]), marker[1] if marker else None))
        i = end + 1
    return blocks


def commands(body: str) -> list[str]:
    """The command lines of an sh block (comment and blank lines left out)."""
    return [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def statements(body: str) -> list[str]:
    """The SQL statements of a sql block (comment lines left out; the README's SQL has no ';' in strings)."""
    code = "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in code.split(";") if s.strip()]


BLOCKS = readme_blocks(README.read_text(encoding="utf-8"))


def test_readme_blocks_follow_the_conventions():
    assert BLOCKS, "README.md has no fenced blocks"
    for block in BLOCKS:
        assert block.lang in RUN + NOT_RUN, f"README.md:{block.line}: name the block's language ({RUN + NOT_RUN})"
        if block.not_tested is not None:
            assert block.lang in RUN, f"README.md:{block.line}: only sh and sql blocks can be marked not-tested"
            assert len(block.not_tested) >= 10, f"README.md:{block.line}: say why the block is not tested"
    marked = len(re.findall(r"<!--\s*not-tested:", README.read_text(encoding="utf-8")))
    assert marked == sum(b.not_tested is not None for b in BLOCKS), "a not-tested marker is not right above a fence"
    assert sum(b.lang in RUN and b.not_tested is None for b in BLOCKS) >= 2  # something is tested


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """A copy of the sample data after the quickstart's run (what `make run` does), with `.venv`
    pointing at this environment, so the README's `.venv/bin/newsdesk` commands run as written."""
    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(REPO / "data" / "raw", work / "data" / "raw")
    (work / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    done = subprocess.run([str(work / ".venv" / "bin" / "newsdesk"), "run", "--raw-dir", "data/raw",
                           "--out-dir", "data/curated"], cwd=work, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return work


def block_id(block: Block) -> str:
    return f"README.md:{block.line}-{block.lang}"


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.lang == "sh"], ids=block_id)
def test_readme_commands_run(block, sample):
    if block.not_tested is not None:
        pytest.skip(f"README.md:{block.line} marked not-tested: {block.not_tested}")
    env = {**os.environ, "PATH": f"{sample / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    for command in commands(block.body):
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=sample, env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, f"README.md:{block.line}: `{command}` exited {done.returncode}:\n" \
                                     f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}"


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.lang == "sql"], ids=block_id)
def test_readme_queries_run(block, sample):
    if block.not_tested is not None:
        pytest.skip(f"README.md:{block.line} marked not-tested: {block.not_tested}")
    queries = statements(block.body)
    assert queries, f"README.md:{block.line}: a sql block without a statement"
    con = database.connect(sample / "data" / "curated" / "newsdesk.duckdb")  # as `newsdesk sql` opens it
    try:
        for query in queries:
            try:
                con.execute(query).fetchall()
            except duckdb.Error as error:
                pytest.fail(f"README.md:{block.line}: {error}\n{query}")
    finally:
        con.close()


@pytest.mark.parametrize("text, expected", [
    ("a\n```sh\nx\n```\n", [Block(2, "sh", "x", None)]),
    ("<!-- not-tested: needs a server that runs until stopped -->\n```sh\nx &\n```\n",
     [Block(2, "sh", "x &", "needs a server that runs until stopped")]),
    ("<!-- not-tested: a reason -->\n\n```sql\nselect 1;\n```\n", [Block(3, "sql", "select 1;", None)]),  # not right above
    ("```\ntree\n```\n", [Block(1, "", "tree", None)]),
])
def test_readme_blocks_are_read_with_their_markers(text, expected):
    assert readme_blocks(text) == expected


def test_statements_and_commands_are_split():
    assert statements("-- who?\nselect 1;\n\nselect 'a'\nfrom t;\n") == ["select 1", "select 'a'\nfrom t"]
    assert commands("# comment\n\nnewsdesk sql 'select 1'   # trailing\n") == ["newsdesk sql 'select 1'   # trailing"]
