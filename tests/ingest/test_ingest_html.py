"""Web pages: trafilatura's main text and metadata; pages without an article are rejected, broken ones too."""

from __future__ import annotations

import io
from pathlib import Path

from rashomon.ingest import ingest
from rashomon.records import Rejected

# An invented story about an invented town, written for this test.
PARAGRAPHS = (
    "A temporary flood barrier on the river Quell gave way early on Sunday, sending water into more than "
    "forty homes in the town of Lowmere, the county council said.",
    "Council engineer Mira Talbot told reporters that the barrier had been installed only three weeks "
    'earlier and was meant to hold back a rise of two metres. "The water climbed faster than any model '
    'predicted," she said.',
    "Residents were moved to the community hall on Arden Street, where volunteers handed out blankets and "
    "hot drinks. No injuries were reported, according to the regional fire service.",
    "The council said an independent review of the barrier would begin on Monday and that repairs were "
    "expected to cost about 1.2 million pounds.",
)

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Flood barrier fails in Lowmere | The Harbour Gazette</title>
<meta property="og:title" content="Flood barrier fails in Lowmere">
<meta property="og:site_name" content="The Harbour Gazette">
<meta property="article:published_time" content="2023-07-09T08:30:00+00:00">
<link rel="canonical" href="https://gazette.example/news/flood-barrier-fails">
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Flood barrier fails in Lowmere</h1>
{paragraphs}
</article>
<footer><p>Copyright The Harbour Gazette</p></footer>
</body>
</html>
""".replace("{paragraphs}", "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS))

NAVIGATION_ONLY_PAGE = """<!DOCTYPE html>
<html><head><title>Section index</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>
"""


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_html_article_gives_title_source_url_published_and_text(tmp_path: Path) -> None:
    path = write(tmp_path / "flood.html", ARTICLE_PAGE)

    result = ingest([path])

    assert result.rejected == ()
    (report,) = result.reports
    assert report.id == "flood"
    assert report.title == "Flood barrier fails in Lowmere"
    assert report.source == "The Harbour Gazette"
    assert report.url == "https://gazette.example/news/flood-barrier-fails"
    assert report.published == "2023-07-09"
    for paragraph in PARAGRAPHS:
        assert paragraph in report.text
    assert "Sport" not in report.text
    assert "Copyright" not in report.text


def test_html_is_recognised_by_content_when_the_extension_says_text(tmp_path: Path) -> None:
    path = write(tmp_path / "saved-page.txt", ARTICLE_PAGE)

    (report,) = ingest([path]).reports

    assert report.title == "Flood barrier fails in Lowmere"
    assert PARAGRAPHS[0] in report.text


def test_html_on_stdin_is_sniffed() -> None:
    (report,) = ingest(["-"], stdin=io.BytesIO(ARTICLE_PAGE.encode())).reports

    assert (report.id, report.published) == ("stdin", "2023-07-09")


def test_html_page_without_an_article_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "index.html", NAVIGATION_ONLY_PAGE)

    result = ingest([path])

    assert result.reports == ()
    assert result.rejected == (Rejected(path, "no article text found in HTML"),)


def test_broken_html_is_rejected_without_crashing_the_batch(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.htm", "<html><<<>><body><p>cut off <b")
    good = write(tmp_path / "good.txt", "A plain report after the broken page.")

    result = ingest([broken, good])

    assert [r.id for r in result.reports] == ["good"]
    assert result.rejected == (Rejected(broken, "no article text found in HTML"),)
