"""Readers: turn files into :class:`Article` objects (or :class:`ReadError` for what cannot be read).

Formats: ``.txt`` / ``.md`` (optional ``---`` front matter; a first line that looks like a title is
the title), ``.jsonl`` (one article a line), ``.html`` / ``.htm`` (main text by trafilatura).
Bytes are decoded as UTF-8 first (a BOM is honoured), then by charset detection
(charset-normalizer); the encoding used is recorded.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from claimpipe.errors import ClaimpipeError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass
class Article:
    """One article, decoded. ``text`` is what every offset of its records indexes into."""

    source: str
    text: str
    encoding: str
    title: Optional[str] = None
    title_span: Optional[tuple[int, int]] = None
    dct: Optional[str] = None
    author: Optional[str] = None
    url: Optional[str] = None
    id: Optional[str] = None
    meta: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ReadError:
    """An input that could not be turned into an article."""

    source: str
    error: str
    message: str


class DecodeError(ClaimpipeError, ValueError):
    pass


def list_inputs(paths: Iterable[Union[str, Path]]) -> list[Path]:
    """The files under ``paths``: folders recursively, sorted, hidden files and folders skipped.

    Raises FileNotFoundError for a path that does not exist.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise FileNotFoundError(f"no such file or folder: {raw}")
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in names:
                    if name.startswith("."):
                        continue
                    if Path(name).suffix.lower() in SUFFIXES:
                        found.append(Path(root) / name)
            files.extend(sorted(found, key=lambda p: p.as_posix()))
        else:
            files.append(path)
    return files


def source_name(path: Path) -> str:
    """The path as recorded in ``source``: relative to the working folder when under it."""
    return _source_name(os.fspath(path), os.getcwd())


@lru_cache(maxsize=4096)  # read_path and the reader it calls both ask, once per file
def _source_name(text: str, cwd: str) -> str:
    try:
        rel = os.path.relpath(text, cwd)
    except ValueError:
        rel = text
    if rel.startswith(".."):
        rel = str(Path(text).resolve())
    return Path(rel).as_posix()


_WESTERN = ("cp1252", "iso-8859-1", "latin_1", "iso8859_15", "iso-8859-15")


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``: UTF-8 first (BOM honoured), then UTF-16/32 by BOM, then detection.

    Returns ``(text, encoding)``. Raises :class:`DecodeError` for binary data.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for bom, enc in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                     (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc.split("-")[0] + "-" + enc.split("-")[1]
            except UnicodeDecodeError as exc:
                raise DecodeError(f"bytes after a {enc} byte-order mark do not decode: {exc}") from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _text_looks_binary(text):
            raise DecodeError("binary data, not text")
        return text, "utf-8"
    if _looks_binary(data):
        raise DecodeError("binary data, not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("no text encoding fits these bytes")
    encoding = best.encoding
    # Short Western European texts are often guessed as a Central European or Cyrillic code page.
    if encoding not in _WESTERN and _plausible_cp1252(data):
        encoding = "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"detected {encoding} but the bytes do not decode: {exc}") from exc
    if encoding == "cp1252" and not any(0x80 <= b <= 0x9F for b in data):
        encoding = "iso-8859-1"  # the bytes are Latin-1 proper; cp1252 only adds 0x80-0x9F
    return text, {"latin_1": "iso-8859-1"}.get(encoding, encoding)


def _utf16_without_bom(data: bytes) -> Optional[str]:
    """``utf-16-le``/``-be`` when every other byte of mostly-ASCII text is NUL; None otherwise."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


# Binary or text, by proportion (as file-type tools decide): more than this share of control bytes (NUL and
# the other C0 controls but tab, line feed, form feed and carriage return, and DEL) in the first 64 KiB.
# A few NULs or other controls in a text (scraped debris) do not make it binary.
BINARY_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")  # the same, as characters (and vertical tab)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return control / len(sample) > BINARY_CONTROL_SHARE


def _text_looks_binary(text: str) -> bool:
    sample = text[:65536]
    return bool(sample) and len(_CONTROL.findall(sample)) / len(sample) > BINARY_CONTROL_SHARE


def _plausible_cp1252(data: bytes) -> bool:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    high = [c for c in text if ord(c) > 127]
    if not high:
        return True
    western = sum(1 for c in high if c in "£€‘’“”–—…•©®°±²³µ·¹º¼½¾¿×÷" or "\u00c0" <= c <= "\u00ff")
    return western / len(high) >= 0.9


def parse_date(value: object) -> Optional[str]:
    """``YYYY-MM-DD`` from a date, datetime or string that starts with a date; None otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict, str]:
    """``(metadata, body)`` for a text that opens with a ``---`` block of ``key: value`` lines."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).splitlines():
        if ":" in line:
            key, _, value = line.partition(":")
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            meta[key.strip().lower()] = value
    return meta, text[m.end():]


def find_title(text: str) -> Optional[tuple[int, int]]:
    """The span of the first line when it looks like a title: short, no closing full stop, more text after."""
    m = re.match(r"\s*([^\r\n]+)", text)
    if not m:
        return None
    line = m.group(1).rstrip()
    rest = text[m.end():]
    if not rest.strip():
        return None
    words = line.split()
    if not (1 <= len(words) <= 25) or len(line) > 200:
        return None
    offset = m.start(1)
    if line.startswith("#"):  # a Markdown heading
        heading = line.lstrip("#").lstrip()
        offset += len(line) - len(heading)
        line = heading
    if not line or line[-1] in ".,;:" or not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"):
        return None
    return offset, offset + len(line)


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> tuple[str, int]:
    """Lone surrogate code points (from JSON escapes) cannot be written as UTF-8: replace each by U+FFFD.

    One code point for one, so offsets are unchanged.
    """
    count = len(_SURROGATE.findall(text))
    return (_SURROGATE.sub("\ufffd", text), count) if count else (text, 0)


def replace_controls(text: str) -> tuple[str, int]:
    """Control characters (NUL and the other C0 controls but tab, line feed, form feed and carriage return;
    DEL) are debris in a news text, and PostgreSQL refuses NUL in text: replace each by a space.

    One code point for one, so offsets are unchanged.
    """
    count = len(_CONTROL.findall(text))
    return (_CONTROL.sub(" ", text), count) if count else (text, 0)


def make_article(source: str, text: str, encoding: str, meta: dict, *, default_dct: Optional[str]) -> Article:
    warnings = []
    text, replaced = replace_surrogates(text)
    if replaced:
        warnings.append(f"{replaced} lone surrogate code point(s) replaced by U+FFFD")
    text, controls = replace_controls(text)
    if controls:
        warnings.append(f"{controls} control character(s) (NUL, ESC, ...) replaced by spaces")
    meta = {k: (replace_controls(replace_surrogates(v)[0])[0] if isinstance(v, str) else v) for k, v in meta.items()}
    title = meta.get("title") or None
    title_span = None
    if not title:
        title_span = find_title(text)
        if title_span:
            title = text[title_span[0] : title_span[1]]
    else:
        idx = text.find(title)
        if 0 <= idx < 5:
            title_span = (idx, idx + len(title))
    dct = parse_date(meta.get("published") or meta.get("date")) or default_dct
    return Article(
        source=source, text=text, encoding=encoding, title=title, title_span=title_span, dct=dct,
        author=(str(meta["author"]) if meta.get("author") else None),
        url=(str(meta["url"]) if meta.get("url") else None),
        id=(str(meta["id"]) if meta.get("id") not in (None, "") else None),
        meta={k: v for k, v in meta.items() if k not in {"text"}},
        warnings=warnings,
    )


def read_text_file(path: Path, data: bytes, *, default_dct: Optional[str] = None) -> Article:
    text, encoding = decode(data)
    meta, body = split_front_matter(text)
    return make_article(source_name(path), body, encoding, meta, default_dct=default_dct)


def read_html_file(path: Path, data: bytes, *, default_dct: Optional[str] = None) -> Article:
    import trafilatura

    html, encoding = decode(data)
    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if result is not None and not isinstance(result, dict):
        result = result.as_dict()
    if not result or not (result.get("text") or "").strip():
        raise DecodeError("no main text found in the HTML page")
    meta = {"title": result.get("title"), "date": result.get("date"), "author": result.get("author"),
            "url": result.get("url")}
    text = result["text"]
    if meta["title"]:
        text = meta["title"] + "\n" + text
    return make_article(source_name(path), text, encoding, meta, default_dct=default_dct)


def read_jsonl_file(path: Path, data: bytes, *, default_dct: Optional[str] = None) -> Iterator[Union[Article, ReadError]]:
    text, encoding = decode(data)
    src = source_name(path)
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{src}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, "JSONDecodeError", f"line {lineno} is not JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield ReadError(where, "MissingText", f"line {lineno} has no string field 'text'")
            continue
        if not obj["text"].strip():
            yield ReadError(where, "EmptyText", f"line {lineno} has an empty 'text'")
            continue
        meta = {k: obj.get(k) for k in ("id", "title", "published", "date", "url", "author") if obj.get(k) is not None}
        yield make_article(where, obj["text"], encoding, meta, default_dct=default_dct)


def read_path(
    path: Path, *, default_dct: Optional[str] = None, max_chars: Optional[int] = None
) -> Iterator[Union[Article, ReadError]]:
    """The articles in one file (several for JSONL), or the reason it cannot be read."""
    src = source_name(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        yield ReadError(src, "FileNotFoundError", "the file disappeared before it could be read")
        return
    except PermissionError:
        yield ReadError(src, "PermissionError", "permission denied")
        return
    except OSError as exc:
        yield ReadError(src, type(exc).__name__, str(exc))
        return
    if not data.strip():
        yield ReadError(src, "EmptyFile", "the file is empty")
        return
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            for item in read_jsonl_file(path, data, default_dct=default_dct):
                if isinstance(item, Article) and max_chars is not None and len(item.text) > max_chars:
                    item = ReadError(item.source, "TooLong",
                                     f"{len(item.text):,} characters, over the limit of {max_chars:,} (--max-chars)")
                yield item
            return
        if suffix in HTML_SUFFIXES:
            article = read_html_file(path, data, default_dct=default_dct)
        else:
            article = read_text_file(path, data, default_dct=default_dct)
    except DecodeError as exc:
        yield ReadError(src, "DecodeError", str(exc))
        return
    if not article.text.strip():
        yield ReadError(src, "EmptyText", "no text after decoding")
        return
    if max_chars is not None and len(article.text) > max_chars:
        yield ReadError(src, "TooLong", f"{len(article.text):,} characters, over the limit of {max_chars:,} (--max-chars)")
        return
    yield article


def iter_articles(
    paths: Iterable[Union[str, Path]], *, default_dct: Optional[str] = None, max_chars: Optional[int] = None
) -> Iterator[Union[Article, ReadError]]:
    """Every article under ``paths`` in a stable order, with read errors in their place."""
    for path in list_inputs(paths):
        yield from read_path(path, default_dct=default_dct, max_chars=max_chars)
