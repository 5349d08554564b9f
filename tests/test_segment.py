import pytest

from claimpipe.nlp.components.paragraphs import bio_author, find_bio, iter_paragraphs

SEED_BIO = ("Emil Avdaliani specializes on former Soviet space and wider Eurasia. "
            "He can be reached at emil@example.com.")


@pytest.mark.parametrize(
    "last, is_bio",
    [
        (SEED_BIO, True),
        ("Jane Roe is a senior fellow at the Atlantic Council.", True),
        ("Follow her on Twitter @janeroe.", True),
        ("The ministry said talks would resume in May.", False),
        ("Pakistan is the only country that does not recognise Armenia.", False),
    ],
)
def test_segment_find_bio(last, is_bio):
    text = "Title\nA paragraph of the article.\n" + last
    span = find_bio(text, list(iter_paragraphs(text)))
    assert (span is not None) == is_bio
    if span:
        assert text[span[0] : span[1]] == last


def test_segment_bio_author():
    text = "Body.\n" + SEED_BIO
    assert bio_author(text, find_bio(text, list(iter_paragraphs(text)))) == "Emil Avdaliani"


def test_segment_paragraph_spans_strip_whitespace():
    text = "Title\r\n\r\n  First para.  \nSecond para.\n\n"
    assert [text[a:b] for a, b in iter_paragraphs(text)] == ["Title", "First para.", "Second para."]


def test_segment_parsed_sentences_break_at_line_breaks(nlp):
    doc = nlp("A heading without a stop\nthe body starts lower case and continues. Another sentence")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "A heading without a stop"
    assert sents[1].startswith("the body starts")


@pytest.mark.parametrize("text", ["Title line\nFirst para. Second sentence.\n\n  Next para here.\r\nLast one.",
                                  "no breaks at all here.", "\nLeading break.\n"])
def test_segment_sentence_starts_at_line_breaks(nlp, text):
    from claimpipe.nlp.components.paragraphs import set_paragraph_starts

    doc = set_paragraph_starts(nlp.make_doc(text))
    for tok in doc[1:]:
        if "\n" in tok.text or "\r" in tok.text:
            assert tok.is_sent_start is False
        elif "\n" in doc[tok.i - 1].text or "\r" in doc[tok.i - 1].text:
            assert tok.is_sent_start is True
        elif doc[tok.i - 1].text == ".":  # a split-off full stop before a capital: stop_starts
            assert tok.is_sent_start is True
        else:
            assert tok.is_sent_start is None


@pytest.mark.parametrize(
    "text, first",
    [
        ("The insurer put its storm losses at $310m. Vantor, a rival insurer, said it had no figure yet.",
         "The insurer put its storm losses at $310m."),
        ("Costs have risen above £85m. He is still looking for new backers.", "Costs have risen above £85m."),
        ("She sang at the weddings of both Anna Brook and Bobby Q. Besides music, Lee ran a bakery for years.",
         "She sang at the weddings of both Anna Brook and Bobby Q."),
        ("Marsh has starred in Harbour and Kite. Tom Vale, Ian Rusk and Ruth Penn are also up for prizes.",
         "Marsh has starred in Harbour and Kite."),
        ("Shares in Tolvan Inc. The company said profits fell.", "Shares in Tolvan Inc."),
    ],
)
def test_segment_full_stop_the_parser_runs_on_ends_the_sentence(nlp, text, first):
    assert next(iter(nlp(text).sents)).text == first


@pytest.mark.parametrize(
    "text",
    [
        "George W. Bush met the lawyers of Smith v. The State in St. Louis at 5 p.m. Monday.",
        "Mr. The is not a name, but Dr. Who is one.",
        "The rate fell to 1.5. It was the lowest for years.",
    ],
)
def test_segment_abbreviations_and_names_are_not_cut(nlp, text):
    from claimpipe.nlp.components.paragraphs import set_paragraph_starts

    doc = set_paragraph_starts(nlp.make_doc(text))
    cut = [t.text for t in doc if t.is_sent_start and t.i > 0]
    assert cut == (["It"] if "1.5" in text else [])
