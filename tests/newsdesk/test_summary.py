"""The run summary: reconciliation, a readable log line, the rows of the Prefect table artifact."""

import pytest

from newsdesk.summary import RunSummary, count_reasons


def summary(**counts) -> RunSummary:
    base = dict(run_id="20240501T120000-7", files_seen=17, files_recorded=17, inputs_seen=20, articles=16, quotes=89, places=160,
                credits=48, rejects=4, duplicates=0, rejects_by_reason={"binary": 1, "parse_error": 2, "empty": 1},
                seconds=4.6)
    return RunSummary(**{**base, **counts})


def test_line_is_one_readable_sentence():
    line = summary().line()
    assert line == ("run 20240501T120000-7: 20 inputs in 17 files -> 16 articles (89 quotes, 160 places, 48 credits), "
                    "4 rejects (binary 1, empty 1, parse_error 2), 0 duplicates; reconciled; 4.6 s")
    assert "{" not in line and "\n" not in line


def test_line_says_when_the_inputs_do_not_add_up():
    assert "NOT reconciled" in summary(articles=15).line()
    assert "NOT reconciled" in summary(files_recorded=16).line()  # a file found was never read
    assert "rejects (" not in summary(rejects=0, inputs_seen=16, rejects_by_reason={}).line()


def test_table_rows_cover_every_count_and_reason():
    rows = summary().table()
    assert rows[:3] == [{"what": "files seen", "count": 17}, {"what": "inputs seen", "count": 20},
                        {"what": "articles", "count": 16}]
    assert rows[-3:] == [{"what": "rejected: binary", "count": 1}, {"what": "rejected: empty", "count": 1},
                         {"what": "rejected: parse_error", "count": 2}]
    assert all(set(r) == {"what", "count"} for r in rows)


@pytest.mark.parametrize("codes, expected", [
    (["binary", "duplicate", "binary", "empty"], {"binary": 2, "empty": 1}),
    (["duplicate"], {}),
    ([], {}),
])
def test_count_reasons(codes, expected):
    assert count_reasons(codes) == expected
