from pathlib import Path

import pytest

from claimpipe.io.read import Article, ReadError, decode, find_title, iter_articles, list_inputs, read_path, split_front_matter


def _one(path: Path):
    items = list(read_path(path))
    assert len(items) == 1
    return items[0]


def test_read_latin1_article_comes_out_right(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café talks in Zürich\n\nSeñor Muñoz paid £5 for crème brûlée.".encode("latin-1"))
    article = _one(path)
    assert article.text == "Café talks in Zürich\n\nSeñor Muñoz paid £5 for crème brûlée."
    assert article.encoding == "iso-8859-1"
    assert article.title == "Café talks in Zürich"


def test_read_windows1252_curly_quotes(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes(b"He said \x93we will win\x94 \x96 and left.\n\nMore.")
    article = _one(path)
    assert "“we will win” –" in article.text
    assert article.encoding == "cp1252"


@pytest.mark.parametrize(
    "data, encoding",
    [
        ("Title line\n\nBody “text”.".encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + "Title line\n\nBody.".encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + "Title line\n\nBody “x”.".encode("utf-16-le"), "utf-16"),
    ],
)
def test_read_decode_records_encoding(data, encoding):
    text, used = decode(data)
    assert used == encoding
    assert text.startswith("Title line")


@pytest.mark.parametrize(
    "content, reason",
    [(b"", "EmptyFile"), (b"   \n\n", "EmptyFile"), (bytes(range(256)) * 20, "DecodeError")],
)
def test_read_bad_files_give_reasons(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    item = _one(path)
    assert isinstance(item, ReadError)
    assert item.error == reason


def test_read_front_matter(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: \"Deal signed\"\ndate: 2020-03-05T10:00:00Z\nauthor: A. Writer\nurl: https://example.org/a\n---\nThe deal was signed on Monday.\n")
    article = _one(path)
    assert (article.title, article.dct, article.author, article.url) == ("Deal signed", "2020-03-05", "A. Writer", "https://example.org/a")
    assert article.text == "The deal was signed on Monday.\n"


def test_read_jsonl_lines_and_broken_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "a1", "title": "One", "text": "First article.", "published": "2019-01-02"}\n'
        "{broken\n"
        '{"text": "Third article.", "date": "2019-01-03", "url": "https://x.org"}\n'
    )
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article"]
    assert items[0].id == "a1" and items[0].dct == "2019-01-02" and items[0].source.endswith("feed.jsonl:1")
    assert items[1].source.endswith("feed.jsonl:2") and "line 2" in items[1].message
    assert items[2].url == "https://x.org" and items[2].dct == "2019-01-03"


def test_read_html_main_text_title_and_date(tmp_path):
    path = tmp_path / "page.html"
    body = " ".join(["Officials said the bridge would reopen in May after repairs costing $4 million."] * 4)
    path.write_text(
        "<html><head><title>Bridge to reopen | Daily</title>"
        '<meta property="article:published_time" content="2021-04-02T08:00:00Z">'
        "<script>var x = 1;</script></head><body><nav>Home | News</nav>"
        f"<article><h1>Bridge to reopen</h1><p>{body}</p><p>{body}</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    article = _one(path)
    assert isinstance(article, Article)
    assert "Officials said the bridge would reopen" in article.text
    assert "var x" not in article.text and "Home | News" not in article.text
    assert article.title.startswith("Bridge to reopen")
    assert article.dct == "2021-04-02"


def test_read_list_inputs_sorted_recursive_hidden_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ["b/2.txt", "a.txt", ".secret.txt", ".hidden/x.txt", "b/1.md", "notes.pdf"]:
        (tmp_path / name).write_text("Some text.")
    files = [p.relative_to(tmp_path).as_posix() for p in list_inputs([tmp_path])]
    assert files == ["a.txt", "b/1.md", "b/2.txt"]


def test_read_missing_path_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        list(iter_articles([tmp_path / "nope"]))


@pytest.mark.parametrize(
    "text, title",
    [
        ("Examining the Rationale\nBody text here.", "Examining the Rationale"),
        ("This is a sentence.\nAnother.", None),
        ("Only one line", None),
        ("# Markdown heading\n\nBody.", "Markdown heading"),
    ],
)
def test_read_find_title(text, title):
    span = find_title(text)
    assert (text[span[0] : span[1]] if span else None) == title


def test_read_default_dct_applies_only_without_metadata(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 2001-02-03\n---\nText.")
    (tmp_path / "b.txt").write_text("Text without date.")
    a, b = list(iter_articles([tmp_path], default_dct="2020-01-01"))
    assert a.dct == "2001-02-03" and b.dct == "2020-01-01"


def test_read_split_front_matter_without_block():
    assert split_front_matter("No front matter\n---\n") == ({}, "No front matter\n---\n")
