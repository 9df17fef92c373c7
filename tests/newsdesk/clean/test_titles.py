"""Headlines: site names stripped and the headline chosen among a page's candidates (hand-written shapes)."""

import pytest

from newsdesk.clean.titles import agrees, choose_title, strip_site_name


@pytest.mark.parametrize("title, sites, url, expected", [
    ("Ferry service resumes | Island Post", [], "https://islandpost.example/a", "Ferry service resumes"),
    ("Ferry service resumes - The Island Post", ["The Island Post"], None, "Ferry service resumes"),
    ("Island Post — Ferry service resumes", ["Island Post"], None, "Ferry service resumes"),
    ("Ferry service resumes | Local | Island Post", [], "https://islandpost.example/a", "Ferry service resumes"),
    ("Patch notes #12 - 1.4 released | Gamesite", ["Gamesite.com"], None, "Patch notes #12 - 1.4 released"),
    ("Opinion | The ferry is a lifeline", [], None, "The ferry is a lifeline"),
    ("Ferry service resumes - 07.12.2017 - ISLAND POST", ["ISLAND POST"], None, "Ferry service resumes"),
    # a hyphen inside the headline is not a site separator when the other side is no site name
    ("Raspberry Pi 3 - The small PC that costs $35", ["Tech Daily"], None, "Raspberry Pi 3 - The small PC that costs $35"),
    ("Russia: Cargo ship breaks up over Siberia", [], None, "Russia: Cargo ship breaks up over Siberia"),
    # never stripped to nothing
    ("Island Post", ["Island Post"], None, "Island Post"),
])
def test_strip_site_name(title, sites, url, expected):
    assert strip_site_name(title, sites, url) == expected


@pytest.mark.parametrize("a, b, same", [
    ("Ferry resumes", "Ferry resumes - Island Post", True),
    ("Ferry resumes", "FERRY RESUMES", True),
    ("Ferry resumes", "Ferry resumes in June", False),
    ("Local News Center", "Ferry resumes", False),
])
def test_agrees(a, b, same):
    assert agrees(a, b) is same


@pytest.mark.parametrize("candidates, headings, sites, expected", [
    (["Ferry resumes", "Ferry resumes | Island Post"], ["Ferry resumes"], [], "Ferry resumes"),
    (["Ferry resumes after winter"], ["Local News Center"], [], "Ferry resumes after winter"),  # section <h1>
    (["Island Post"], ["Ferry resumes"], ["Island Post"], "Ferry resumes"),  # a site-only <title>
    (["Island Post - Latest News", "Ferry resumes"], ["Ferry resumes", "Weather"], [], "Ferry resumes"),
    ([], ["Ferry resumes"], [], "Ferry resumes"),
    ([], [], [], None),
])
def test_choose_title(candidates, headings, sites, expected):
    assert choose_title(candidates, headings, sites) == expected
