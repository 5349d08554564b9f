"""claimpipe's components as spaCy components: saved and loaded with the pipeline, placed by what they
read and write, and configured by their factories' config."""

from __future__ import annotations

import json
from importlib.metadata import entry_points

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from conftest import EVAL_DATA, SEED, needs_shared

BBC = EVAL_DATA / "bbc-fulltext"


def _records(nlp, paths) -> list[dict]:
    """The documents.jsonl and claims.jsonl records of ``paths`` (the model label fixed: it is not the point)."""
    from claimpipe.io.read import read_path
    from claimpipe.nlp.assemble import assemble
    from claimpipe.nlp.pipeline import Failure, process

    articles = [article for path in paths for article in read_path(path)]
    out = []
    for result in process(nlp, articles, batch_size=4):
        assert not isinstance(result, Failure), result
        record, claims = assemble(*result, model="model")
        out.append(json.loads(record.model_dump_json()))
        out.extend(json.loads(claim.model_dump_json()) for claim in claims)
    return out


# ---- nlp.to_disk / spacy.load

def test_components_round_trip_gives_identical_records_for_the_seed(nlp, loaded_nlp):
    assert loaded_nlp.pipe_names == nlp.pipe_names
    assert [type(c) for _, c in loaded_nlp.pipeline] == [type(c) for _, c in nlp.pipeline]
    records = _records(nlp, [SEED])
    assert records[0]["entities"] and records[0]["dates"] and records[0]["quotes"] and len(records) > 1
    assert _records(loaded_nlp, [SEED]) == records


@needs_shared(BBC)
def test_components_round_trip_gives_identical_records_for_bbc_articles(nlp, loaded_nlp):
    paths = sorted(BBC.rglob("*.txt"))[::250]
    assert len(paths) >= 5
    assert _records(loaded_nlp, paths) == _records(nlp, paths)


@pytest.mark.parametrize(
    "factory, config, change, check",
    [
        ("claimpipe_paragraphs", {"detect_bio": False}, None, lambda c: c.cfg["detect_bio"] is False),
        ("claimpipe_dates", {"ner_dates": False}, None, lambda c: c.cfg["ner_dates"] is False),
        ("claimpipe_entities", {}, lambda c: setattr(c, "territories", frozenset({"Ruritania"})),
         lambda c: "Ruritania" in c.places and "Kashmir" not in c.places and "Baku" in c.places),
    ],
)
@pytest.mark.parametrize("how", ["disk", "bytes"])
def test_components_config_and_lists_are_saved_with_the_pipeline(blank, tmp_path, factory, config, change, check, how):
    component = blank.add_pipe(factory, config=config)
    if change is not None:
        change(component)
        component._configure()
    if how == "disk":
        blank.to_disk(tmp_path)
        restored = spacy.load(tmp_path).get_pipe(factory)
    else:
        restored = spacy.blank("en").add_pipe(factory).from_bytes(component.to_bytes())
    assert check(restored)


def test_components_initialize_rereads_the_shipped_lists(blank):
    component = blank.add_pipe("claimpipe_entities")
    component.territories = frozenset()
    component._configure()
    assert "Kashmir" not in component.places
    blank.initialize()
    assert "Kashmir" in component.places


def test_components_entry_points_name_the_registered_factories():
    ours = {ep.name: ep for ep in entry_points(group="spacy_factories") if ep.value.startswith("claimpipe.")}
    assert {"claimpipe_paragraphs", "claimpipe_entities", "claimpipe_dates", "claimpipe_quotes", "claimpipe_claims",
            "claimpipe_fast_attribute_ruler", "claimpipe_fast_lemmatizer"} <= set(ours)
    for name, ep in ours.items():
        assert callable(ep.load()) and Language.has_factory(name), name


# ---- requires / assigns: nlp.analyze_pipes

def test_components_default_pipeline_has_no_problems(nlp):
    assert nlp.analyze_pipes(pretty=False)["problems"] == {name: [] for name in nlp.pipe_names}


@pytest.fixture
def stock_layout(blank):
    """The components of spaCy's English pipelines, in their order (untrained: only their metadata is used)."""
    for name in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"):
        blank.add_pipe(name)
    return blank


@pytest.mark.parametrize(
    "name, before, missing",
    [
        ("claimpipe_dates", "ner", {"doc.ents"}),
        ("claimpipe_dates", "parser", {"doc.ents", "token.dep", "doc.sents", "token.lemma"}),
        ("claimpipe_entities", "ner", {"doc.ents"}),
    ],
)
def test_components_a_wrong_order_is_flagged(stock_layout, name, before, missing):
    from claimpipe.nlp.pipeline import add_claimpipe_components

    stock_layout.add_pipe(name, before=before)
    add_claimpipe_components(stock_layout)
    problems = stock_layout.analyze_pipes(pretty=False)["problems"]
    assert set(problems[name]) == missing
    assert not any(problems[other] for other in stock_layout.pipe_names if other != name)


# ---- each component on a blank pipeline

TEXT = "A title without a stop\nThe first paragraph. It goes on.\n\nJane Roe is a senior fellow at the Atlantic Council."


@pytest.mark.parametrize("detect_bio, bio", [(True, TEXT.rindex("Jane")), (False, None)])
def test_components_paragraphs_on_a_blank_pipeline(blank, detect_bio, bio):
    blank.add_pipe("claimpipe_paragraphs", config={"detect_bio": detect_bio})
    doc = blank(TEXT)
    assert [TEXT[a:b] for a, b in doc._.claimpipe_paragraphs] == TEXT.split("\n\n")[0].split("\n") + [TEXT[TEXT.rindex("Jane"):]]
    assert (doc._.claimpipe_bio[0] if doc._.claimpipe_bio else None) == bio
    # line breaks start sentences, and so does a split-off full stop before a capital ("paragraph. It")
    assert [t.text for t in doc if t.is_sent_start] == ["A", "The", "It", "Jane"]


@pytest.mark.parametrize(
    "text, ents, ner_dates, found",
    [
        ("They met on the second day of talks.", [(3, 6, "DATE")], True, ["the second day"]),
        ("They met on the second day of talks.", [(3, 6, "DATE")], False, []),
        ("Fans remember the 2014 World Cup.", [], True, ["2014"]),
        ("Fans remember the 2014 World Cup.", [(2, 6, "EVENT")], True, []),  # a year inside an event's name
    ],
)
def test_components_dates_read_hand_set_entities(blank, text, ents, ner_dates, found):
    component = blank.add_pipe("claimpipe_dates", config={"ner_dates": ner_dates})
    doc = blank.make_doc(text)
    doc._.claimpipe_dct = "2015-06-01"
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in ents]
    assert [d.text for d in component(doc)._.claimpipe_dates] == found
    assert not doc._.claimpipe_faults


def test_components_entities_relabel_hand_set_entities(blank):
    component = blank.add_pipe("claimpipe_entities")
    doc = blank.make_doc("Yerevan denied it. Officials in Yerevan met Ruritania's envoy.")
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    component.territories = component.territories | {"Ruritania"}
    component._configure()
    doc = component(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Yerevan", "GPE"), ("Yerevan", "GPE"), ("Ruritania", "GPE")]
    assert [e.canonical for e in doc._.claimpipe_entities] == ["Yerevan", "Yerevan", "Ruritania"]


# ---- the pipeline: placement, per-run settings

@Language.factory("test_components_recorder", default_config={})
def _make_recorder(nlp: Language, name: str):
    return _Recorder()


class _Recorder:
    """Keeps the keywords each call got (the per-run settings of ``component_cfg``)."""

    def __init__(self):
        self.calls: list[dict] = []

    def __call__(self, doc, **settings):
        self.calls.append(settings)
        return doc


@pytest.mark.parametrize("piece_limit", [None, 40])  # 40: the long-text path, parsed in pieces
def test_components_process_passes_component_cfg(blank, piece_limit):
    from claimpipe.io.read import Article
    from claimpipe.nlp.pipeline import add_claimpipe_components, process, split_text

    recorder = blank.add_pipe("test_components_recorder")
    add_claimpipe_components(blank, {"claimpipe_paragraphs": {"detect_bio": False}})
    article = Article(source="a.txt", text=TEXT, encoding="utf-8")
    ((_, doc),) = process(blank, [article], piece_limit=piece_limit,
                          component_cfg={"test_components_recorder": {"seen": True}})
    assert recorder.calls and all(call == {"seen": True} for call in recorder.calls)
    assert len(recorder.calls) == (1 if piece_limit is None else len(split_text(TEXT, piece_limit)))
    assert doc._.claimpipe_paragraphs and doc._.claimpipe_bio is None


def test_components_unknown_config_is_refused(blank):
    from claimpipe.nlp.pipeline import add_claimpipe_components

    with pytest.raises(ValueError, match="claimpipe_date"):
        add_claimpipe_components(blank, {"claimpipe_date": {"ner_dates": False}})
