"""Turn input paths (files, folders, "-" for stdin) into ``Report`` records.

One bad input never stops a batch: it becomes a ``Rejected(input, reason)`` and the rest is still read.
Formats are chosen by extension, then by sniffing the content:

- ``.jsonl`` / ``.ndjson``: JSON Lines, one report object a line;
- ``.json``: one object or a list of objects (JSON Lines when the file does not parse as a whole);
- ``.html`` / ``.htm`` / ``.xhtml``, or content that opens with ``<!doctype html`` / ``<html``: a web page,
  whose main text and metadata trafilatura extracts;
- anything else: plain text, with optional ``Title:``, ``Source:``, ``URL:``, ``Published:`` header lines and
  a blank line before the body.

Bytes are decoded as UTF-8 first; other encodings (latin-1, cp1252, cp1250, cp1251, ...) are detected
(see ``decode_bytes``). Heavy libraries (trafilatura, htmldate, charset-normalizer, dateutil, dateparser) are
imported only when an input needs them, so a run over plain text starts fast.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Literal

from rashomon.records import Rejected, Report

__all__ = [
    "BadInput",
    "IngestResult",
    "decode_bytes",
    "detect_format",
    "ingest",
    "make_ids_unique",
    "normalise_published",
    "parse_text_header",
    "records_from_json",
    "records_from_jsonl",
    "report_from_html",
    "report_from_text",
]

Format = Literal["text", "json", "jsonl", "html"]

JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
JSON_EXTENSIONS = frozenset({".json"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})

HEADER_KEYS = ("title", "source", "url", "published")
OPTIONAL_JSON_FIELDS = ("title", "source", "url", "published", "event")

CONTROL_SHARE_LIMIT = 0.05  # more control characters than this share of the text: binary, not text
PENALTY_SAMPLE_CHARS = 100_000  # how much of a text judging an encoding looks at
MIN_HTML_WORDS = 8  # fewer words than this from a web page: navigation or boilerplate, not an article
STDIN_NAME = "stdin"

_HEADER_LINE = re.compile(rf"({'|'.join(HEADER_KEYS)})[ \t]*:[ \t]*(.*?)[ \t]*", re.IGNORECASE)
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]|2[01])\d\d\b")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # control characters other than \t \n \v \f \r
_C1_CONTROLS = re.compile("[\x80-\x9f]")

# Non-ASCII Latin letters of the languages a news feed in a legacy 8-bit encoding is most likely written in.
# A correct decoding puts a text's accented letters inside one of these alphabets; a wrong one (French read as
# cp1250: "crčme") mixes letters that no single language uses together.
_LATIN_ALPHABETS: tuple[frozenset[str], ...] = tuple(
    frozenset(letters)
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüßé",  # German
        "áéíñóúü",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "àçèéíïòóúü",  # Catalan
        "áéèëïóöü",  # Dutch
        "åäöæøéáíóúýðþ",  # Nordic languages
        "ąćęłńóśźż",  # Polish
        "áäčďéěíĺľňóôŕřšťúůýž",  # Czech and Slovak
        "áéíóöőúüű",  # Hungarian
        "ăâîșțşţ",  # Romanian
        "čćđšž",  # Croatian, Serbian (Latin), Slovene, Bosnian
        "çğıöşü",  # Turkish
    )
)


class BadInput(Exception):
    """An input that cannot be used; ``reason`` is the short sentence reported to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class IngestResult:
    reports: tuple[Report, ...]
    rejected: tuple[Rejected, ...]


@dataclass(frozen=True, slots=True)
class _Source:
    """One thing to read: ``label`` names it in rejections, ``path`` goes in the report, ``stem`` its id."""

    label: str
    path: str
    stem: str
    extension: str  # lower case, with the dot; "" for stdin
    is_stdin: bool = False


# --- entry point -----------------------------------------------------------------------------------------


def ingest(paths: Sequence[str], *, stdin: BinaryIO | None = None, max_bytes: int = 20_000_000) -> IngestResult:
    """Read every path (file, folder, or "-" for ``stdin``) into reports; bad inputs come back as rejections.

    Reports keep input order (folders in sorted path order, JSON records in file order); ids are made unique
    across the batch with "-2", "-3", ... in that order. ``stdin`` defaults to ``sys.stdin.buffer``.
    """
    if max_bytes < 1:
        raise ValueError("max_bytes must be a positive number of bytes")
    reports: list[Report] = []
    rejected: list[Rejected] = []
    for given in paths:
        try:
            sources = _sources_for(given)
        except BadInput as bad:
            rejected.append(Rejected(given, bad.reason))
            continue
        for source in sources:
            try:
                if source.is_stdin:
                    data = _read_stream(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
                else:
                    data = _read_file(source.path, max_bytes)
                good, bad_records = _records_from_bytes(data, source)
            except BadInput as bad:
                rejected.append(Rejected(source.label, bad.reason))
                continue
            reports.extend(good)
            rejected.extend(bad_records)
    return IngestResult(reports=make_ids_unique(reports), rejected=tuple(rejected))


def _records_from_bytes(data: bytes, source: _Source) -> tuple[list[Report], list[Rejected]]:
    """The reports in one input's bytes, and its rejected records; raises ``BadInput`` when none is usable."""
    text = decode_bytes(data)
    if not text.strip():
        raise BadInput("empty file")
    fmt = detect_format(source.extension, text, sniff_json=source.is_stdin)
    if fmt == "html":
        return [report_from_html(text, path=source.path, report_id=source.stem)], []
    if fmt == "text":
        return [report_from_text(text, path=source.path, report_id=source.stem)], []
    loader = records_from_jsonl if fmt == "jsonl" else records_from_json
    return loader(text, path=source.path, label=source.label, stem=source.stem)


# --- reading ---------------------------------------------------------------------------------------------


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _sources_for(given: str) -> list[_Source]:
    """What one input path stands for: stdin, the file itself, or a folder's files in sorted path order."""
    if given == "-":
        return [_Source(label=STDIN_NAME, path="-", stem=STDIN_NAME, extension="", is_stdin=True)]
    return [
        _Source(label=file, path=file, stem=Path(file).stem or "report", extension=Path(file).suffix.lower())
        for file in _expand_path(given)
    ]


def _expand_path(given: str) -> list[str]:
    """The files one input path stands for: itself, or a folder's non-hidden files in sorted path order."""
    if not os.path.exists(given):
        raise BadInput("no such file or directory")
    if not os.path.isdir(given):
        return [given]
    found: list[tuple[tuple[str, ...], str]] = []
    for dirpath, dirnames, filenames in os.walk(given):
        dirnames[:] = [d for d in dirnames if not _is_hidden(d)]
        relative = Path(dirpath).relative_to(given).parts
        for name in filenames:
            full = os.path.join(dirpath, name)
            if not _is_hidden(name) and os.path.isfile(full):
                found.append(((*relative, name), full))
    if not found:
        raise BadInput("folder has no files to read")
    return [full for _, full in sorted(found)]


def _read_file(path: str, max_bytes: int) -> bytes:
    """The file's bytes; a file over ``max_bytes`` is rejected from its size, without being read."""
    try:
        size = os.stat(path).st_size
        if os.path.isfile(path) and size > max_bytes:
            raise BadInput(f"file too large ({size} bytes > limit {max_bytes})")
        with open(path, "rb") as handle:
            return _read_stream(handle, max_bytes)
    except PermissionError:
        raise BadInput("cannot read file: permission denied") from None
    except OSError as error:
        raise BadInput(f"cannot read file: {error.strerror or error}") from None


def _read_stream(stream: BinaryIO, max_bytes: int) -> bytes:
    """All of a stream whose size is not known beforehand (stdin, a pipe), reading no more than the limit."""
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = stream.read(max_bytes + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > max_bytes:
        raise BadInput(f"input too large (more than the limit of {max_bytes} bytes)")
    return b"".join(chunks)


# --- decoding --------------------------------------------------------------------------------------------


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes: a BOM, else UTF-8, else the most plausible detected encoding.

    Raises ``BadInput("binary file, not text")`` for NUL bytes, bytes no encoding explains, or text that is
    mostly control characters. Detection is a heuristic: for a short text in an 8-bit encoding several code
    pages can fit; the one whose accented letters belong to one language's alphabet wins
    (see ``_decoding_penalty``).
    """
    text = _decode_with_bom(data)
    if text is None:
        if b"\x00" in data:
            raise BadInput("binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_detected(data)
    if _control_share(text) > CONTROL_SHARE_LIMIT:
        raise BadInput("binary file, not text")
    return text


def _decode_with_bom(data: bytes) -> str | None:
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise BadInput("binary file, not text") from None
    return None


def _decode_detected(data: bytes) -> str:
    from charset_normalizer import from_bytes

    candidates: list[str] = []
    declared = _declared_charset(data)
    if declared is not None:
        candidates.append(declared)
    best = from_bytes(data).best()
    if best is None:
        raise BadInput("binary file, not text")
    with contextlib.suppress(UnicodeDecodeError):
        candidates.append(data.decode("cp1252"))  # the usual legacy encoding of Western European text
    candidates.append(str(best))
    return min(candidates, key=_decoding_penalty)  # the first of equals wins: declared, cp1252, detected


def _declared_charset(data: bytes) -> str | None:
    """The page decoded with the charset its ``<meta>`` declares, when it declares one that decodes it."""
    match = _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    if label in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}:
        label = "cp1252"  # as browsers do: pages labelled latin-1 are written in cp1252
    try:
        return data.decode(label)
    except (LookupError, UnicodeDecodeError):
        return None


def _decoding_penalty(text: str) -> tuple[int, int]:
    """How implausible a decoding looks: (characters out of place in words, letters no one alphabet has).

    Judged on the first ``PENALTY_SAMPLE_CHARS`` characters: an encoding shows itself well before that.
    """
    text = text[:PENALTY_SAMPLE_CHARS]
    oddities = len(_C1_CONTROLS.findall(text))  # cp1252 read as latin-1
    padded = f" {text} "
    for i in range(1, len(padded) - 1):
        ch = padded[i]
        if ord(ch) < 128:
            continue
        before, after = padded[i - 1], padded[i + 1]
        if not ch.isalpha() and before.isalpha() and after.isalpha():
            oddities += 1  # "Z³rich", "Za¿ó³æ": a symbol where a letter should be
        elif ch.isalpha() and not _is_latin(ch) and (_is_ascii_letter(before) or _is_ascii_letter(after)):
            oddities += 1  # "S緌 Paulo": another script inside a Latin word
    letters = {ch.lower() for ch in text if ord(ch) > 127 and ch.isalpha() and _is_latin(ch)}
    misfit = min(len(letters - alphabet) for alphabet in _LATIN_ALPHABETS) if letters else 0
    return oddities, misfit


def _is_latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _control_share(text: str) -> float:
    return len(_CONTROLS.findall(text)) / len(text) if text else 0.0


# --- formats ---------------------------------------------------------------------------------------------


def detect_format(extension: str, text: str, *, sniff_json: bool = False) -> Format:
    """The format of an input, by its extension first, else by its content.

    ``sniff_json`` (stdin, where there is no extension) also recognises JSON and JSON Lines by their content.
    """
    if extension in JSONL_EXTENSIONS:
        return "jsonl"
    if extension in JSON_EXTENSIONS:
        return "json"
    if extension in HTML_EXTENSIONS or _looks_like_html(text):
        return "html"
    if sniff_json and text.lstrip()[:1] in ("{", "["):
        if _parses_as_json(text):
            return "json"
        if _parses_as_json(_first_nonblank_line(text)):
            return "jsonl"
    return "text"


def _looks_like_html(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:1024].lower()
    if head.startswith("<?xml"):
        head = head[head.find("?>") + 2 :].lstrip() if "?>" in head else head
    return head.startswith(("<!doctype html", "<html"))


def _load_json(text: str) -> Any:
    """Parse JSON text: the one place ingest does, so every JSON input meets the same guards.

    Raises ``json.JSONDecodeError`` for malformed JSON and ``BadInput("JSON nested too deep")`` for a value nested
    deeper than the parser can follow (a few hundred to a thousand levels: the parser recurses once a level and
    stops at Python's recursion limit, and the ``RecursionError`` would otherwise end the whole run).
    """
    try:
        return json.loads(text)
    except RecursionError:
        raise BadInput("JSON nested too deep") from None


def _parses_as_json(text: str) -> bool:
    """Whether the text is JSON as far as the parser can tell: a value nested too deep still counts, so that it is
    read as JSON and rejected for its depth rather than taken for something else."""
    try:
        _load_json(text)
    except ValueError:
        return False
    except BadInput:
        return True
    return True


def _reads_as_json_lines(text: str) -> bool:
    """Whether a document that does not parse as a whole is JSON Lines: its first line is JSON and not all of it."""
    first = _first_nonblank_line(text)
    return first.strip() != text.strip() and _parses_as_json(first)


def _first_nonblank_line(text: str) -> str:
    return next((line for line in _normalise_newlines(text).split("\n") if line.strip()), "")


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- plain text ------------------------------------------------------------------------------------------


def parse_text_header(text: str) -> tuple[dict[str, str], str]:
    """Split optional header lines (``Title:``, ``Source:``, ``URL:``, ``Published:``) from the body.

    The header is a run of such lines at the very top, ended by a blank line (or the end of the text). Keys
    are case-insensitive and lower-cased in the result; the first value of a repeated key wins; empty values
    are left out. The body is exactly what follows the blank line, or the whole text when there is no header.
    """
    meta: dict[str, str] = {}
    offset = 0
    for number, line in enumerate(text.split("\n")):
        offset += len(line) + 1
        if not line.strip():
            return (meta, text[offset:]) if number > 0 else ({}, text)
        match = _HEADER_LINE.fullmatch(line.rstrip("\r"))
        if match is None:
            return {}, text
        key, value = match.group(1).lower(), match.group(2)
        if value:
            meta.setdefault(key, value)
    return meta, ""  # the whole text is header lines


def report_from_text(text: str, *, path: str | None, report_id: str) -> Report:
    """A plain-text report: line endings become "\\n", header lines are read off, the body is trimmed (blank
    lines before it, whitespace after it) and otherwise kept exactly, so offsets point into the file."""
    normalised = _normalise_newlines(text)
    meta, body = parse_text_header(normalised)
    body = _LEADING_BLANK_LINES.sub("", body).rstrip()
    if not body:
        raise BadInput("no text after the header lines")
    return Report(
        id=report_id,
        text=body,
        path=path,
        title=meta.get("title"),
        source=meta.get("source"),
        url=meta.get("url"),
        published=normalise_published(meta.get("published")),
        content_hash=_content_hash(body),
    )


# --- JSON ------------------------------------------------------------------------------------------------


def records_from_json(text: str, *, path: str | None, label: str, stem: str) -> tuple[list[Report], list[Rejected]]:
    """A ``.json`` document: one report object, or a list of them (item N is rejected as ``label:N``).

    A document that does not parse as a whole but whose first line does is read as JSON Lines. A document nested
    too deep to parse is rejected as a whole (``BadInput("JSON nested too deep")``).
    """
    try:
        document = _load_json(text)
    except BadInput:
        if _reads_as_json_lines(text):  # JSON Lines whose first line is nested too deep: reject that line alone
            return records_from_jsonl(text, path=path, label=label, stem=stem)
        raise
    except json.JSONDecodeError as error:
        if _reads_as_json_lines(text):
            return records_from_jsonl(text, path=path, label=label, stem=stem)
        raise BadInput(f"invalid JSON ({error.msg} at line {error.lineno})") from None
    if isinstance(document, dict):
        return [_report_from_object(document, path=path, default_id=stem)], []
    if not isinstance(document, list):
        raise BadInput("JSON is neither an object nor a list of objects")
    if not document:
        raise BadInput("JSON list has no records")
    reports: list[Report] = []
    rejected: list[Rejected] = []
    for number, item in enumerate(document, start=1):
        try:
            reports.append(_report_from_object(item, path=path, default_id=f"{stem}-{number}"))
        except BadInput as bad:
            rejected.append(Rejected(f"{label}:{number}", bad.reason))
    return reports, rejected


def records_from_jsonl(text: str, *, path: str | None, label: str, stem: str) -> tuple[list[Report], list[Rejected]]:
    """JSON Lines: one report object a line; blank lines are skipped, a bad line (malformed, nested too deep, not a
    report) is rejected as "label:N"."""
    reports: list[Report] = []
    rejected: list[Rejected] = []
    for number, line in enumerate(_normalise_newlines(text).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            try:
                obj = _load_json(line)
            except json.JSONDecodeError as error:
                raise BadInput(f"invalid JSON ({error.msg} at column {error.colno})") from None
            reports.append(_report_from_object(obj, path=path, default_id=f"{stem}-{number}"))
        except BadInput as bad:
            rejected.append(Rejected(f"{label}:{number}", bad.reason))
    return reports, rejected


def _report_from_object(obj: Any, *, path: str | None, default_id: str) -> Report:
    """One JSON report object. ``text`` is kept exactly as given, so offsets from other tools stay valid."""
    if not isinstance(obj, dict):
        raise BadInput("not a JSON object")
    text = obj.get("text")
    if text is None:
        raise BadInput('missing "text"')
    if not isinstance(text, str):
        raise BadInput('"text" is not a string')
    if not text.strip():
        raise BadInput('"text" is empty')
    report_id = _scalar_string(obj.get("id"))
    if "id" in obj and obj["id"] is not None and report_id is None:
        raise BadInput('"id" is not a string or a number')
    fields = {name: _scalar_string(obj.get(name)) for name in OPTIONAL_JSON_FIELDS}
    return Report(
        id=report_id or default_id,
        text=text,
        path=path,
        title=fields["title"],
        source=fields["source"],
        url=fields["url"],
        published=normalise_published(fields["published"]),
        event=fields["event"],
        content_hash=_content_hash(text),
    )


def _scalar_string(value: Any) -> str | None:
    """A JSON value as a field: strings (stripped, empty -> None) and numbers; anything else is None."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


# --- HTML ------------------------------------------------------------------------------------------------


def report_from_html(html: str, *, path: str | None, report_id: str) -> Report:
    """A web page's main text (trafilatura) and metadata: title, site name as source, url, date (htmldate)."""
    import trafilatura

    try:
        extracted = trafilatura.extract(html, favor_precision=False, include_comments=False)
        metadata = trafilatura.extract_metadata(html)
    except Exception as error:  # a third-party parser on arbitrary input: report it, do not crash the batch
        raise BadInput(f"could not parse HTML ({type(error).__name__})") from None
    text = _normalise_newlines(extracted or "").strip()
    if len(text.split()) < MIN_HTML_WORDS:
        raise BadInput("no article text found in HTML")
    title = metadata.title if metadata is not None else None
    source = metadata.sitename if metadata is not None else None
    url = metadata.url if metadata is not None else None
    published = metadata.date if metadata is not None else None
    if not published:
        published = _find_html_date(html)
    return Report(
        id=report_id,
        text=text,
        path=path,
        title=title or None,
        source=source or None,
        url=url or None,
        published=normalise_published(published),
        content_hash=_content_hash(text),
    )


def _find_html_date(html: str) -> str | None:
    from htmldate import find_date

    try:
        return find_date(html, original_date=True)
    except Exception:  # htmldate on a broken page: no date is a valid answer here
        return None


# --- dates -----------------------------------------------------------------------------------------------


def normalise_published(value: str | None) -> str | None:
    """A publication date as ISO 8601: "2023-07-09" for a day, a date-time when the value has a time.

    Reads ISO forms, RFC 2822 ("Sun, 09 Jul 2023 14:05:00 +0000"), and written dates ("9 July 2023",
    "July 9, 2023"); for other languages dateparser is tried last (only for values with a year, so relative
    words such as "yesterday" never resolve against the clock). A value without a full day, or unreadable,
    gives None.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    for parse in (_parse_iso, _parse_rfc2822, _parse_dateutil):
        result = parse(value)
        if result is not None:
            return result or None  # _NO_FULL_DAY: a date was read, but it has no day
    return _parse_dateparser(value)


def _format_datetime(moment: datetime, *, has_time: bool) -> str:
    return moment.isoformat() if has_time else moment.date().isoformat()


def _parse_iso(value: str) -> str | None:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _parse_rfc2822(value: str) -> str | None:
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.isoformat() if moment is not None else None


_NO_FULL_DAY = ""  # what a parser returns for a date it understood that lacks a day ("July 2023")


def _parse_dateutil(value: str) -> str | None:
    from dateutil import parser

    # Two different defaults show which parts the value gives: a part that follows the default is absent.
    first_default = datetime(1904, 1, 1, 0, 0, 0)
    second_default = datetime(1908, 2, 2, 1, 1, 1)
    try:
        first = parser.parse(value, default=first_default)
        second = parser.parse(value, default=second_default)
    except (ValueError, OverflowError):
        return None
    if first.date() != second.date():
        return _NO_FULL_DAY
    has_time = (first.hour, first.minute) == (second.hour, second.minute)
    return _format_datetime(first, has_time=has_time)


def _parse_dateparser(value: str) -> str | None:
    if _YEAR.search(value) is None:
        return None
    import dateparser  # slow to import: only for values nothing else could read

    settings: Any = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    moment = dateparser.parse(value, settings=settings)
    if moment is None:
        return None
    has_time = (moment.hour, moment.minute, moment.second) != (0, 0, 0)
    return _format_datetime(moment, has_time=has_time)


# --- ids -------------------------------------------------------------------------------------------------


def make_ids_unique(reports: Sequence[Report]) -> tuple[Report, ...]:
    """Give every report its own id: a repeated id becomes "id-2", "id-3", ... in input order."""
    used: set[str] = set()
    unique: list[Report] = []
    for report in reports:
        new_id = next(_id_candidates(report.id, used))
        used.add(new_id)
        unique.append(report if new_id == report.id else dataclasses.replace(report, id=new_id))
    return tuple(unique)


def _id_candidates(base: str, used: set[str]) -> Iterator[str]:
    if base not in used:
        yield base
    number = 2
    while True:
        candidate = f"{base}-{number}"
        if candidate not in used:
            yield candidate
        number += 1
