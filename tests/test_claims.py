"""Claims: kinds, modality, quantities, sources, the shipped model and the seed article's gold claims."""

import json

import pytest

from claimpipe.nlp.components import claims as cl
from claimpipe.nlp.components.claims.quantities import extract_quantities, parse_number
from claimpipe.schema import Quote, Speaker

from conftest import GOLD, needs_shared


def _sent(nlp, text):
    doc = nlp(text)
    return cl.candidate_sentences(doc)[0]


@pytest.mark.parametrize(
    "words, value",
    [
        (["42"], 42),
        (["1,200"], 1200),
        (["1.5", "million"], 1_500_000),
        (["twenty-two"], 22),
        (["three", "and", "a", "half", "million"], 3_500_000),
        (["a", "dozen"], 12),
        (["a", "quarter"], 0.25),
        (["a", "million"], 1_000_000),
        (["two", "hundred", "thousand"], 200_000),
        (["many"], None),
    ],
)
def test_quantities_parse_number(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The government approved $100 million for the project.", [("money", 100_000_000, "USD")]),
        ("Armenia signed a $40 million deal to supply four India-produced weapon locating radars.",
         [("money", 40_000_000, "USD"), ("count", 4, "radar")]),
        ("Unemployment fell to 5.2 percent last year.", [("percent", 5.2, "%")]),
        ("We will set the corporate tax at 28%.", [("percent", 28, "%")]),
        ("The company hired 1,200 workers in Ohio.", [("count", 1200, "worker")]),
        ("The fund lost €2.5 billion in a single year.", [("money", 2_500_000_000, "EUR")]),
        ("It offered to pay $300m to settle, after profits hit £600m.",
         [("money", 300_000_000, "USD"), ("money", 600_000_000, "GBP")]),
        ("It paid 5 million euros and 3bn dollars.", [("money", 5_000_000, "EUR"), ("money", 3_000_000_000, "USD")]),
        ("One of the features of its policy is that the two states talk.", [("count", 2, "state")]),
        ("The demand for $280bn (£155bn) was rejected in a 2-1 decision.",
         [("money", 280_000_000_000, "USD"), ("money", 155_000_000_000, "GBP")]),
        ("Baku buys MiG-29 jets and took part in AMAN-2013 in 2013.", []),
        # a number of periods in a row is a duration, not a count; a number of matches in a row stays one
        ("Output shrank for two consecutive quarters and the club lost money in three successive seasons.", []),
        ("The side has won three consecutive matches.", [("count", 3, "match")]),
    ],
)
def test_quantities_normalisation(nlp, text, expected):
    got = [(q.kind, q.amount, q.unit) for q in extract_quantities(nlp(text)[:])]
    assert got == [(k, pytest.approx(a), u) for k, a, u in expected]


def test_quantities_offsets_index_the_text(nlp):
    doc = nlp("They paid $3 million for 12 trucks after profits hit £600m.")
    quantities = extract_quantities(doc[:])
    assert [q.text for q in quantities] == ["$3 million", "12", "£600m"]
    for q in quantities:
        assert doc.text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "text, modality",
    [
        ("At first, the closeness might seem unusual.", "hedged"),
        ("It is unlikely that New Delhi would tolerate the project.", "hedged"),
        ("The minister reportedly resigned in May.", "hedged"),
        ("It has been suggested by various media outlets that Azerbaijan seeks to buy jets.", "hedged"),
        ("Prices will rise sharply next year.", "predicted"),
        ("We are going to cut taxes for the middle class.", "predicted"),
        ("The company did not pay any taxes in 2019.", "negated"),
        ("No notable progress has been made since then.", "negated"),
        ("Did the company pay any taxes last year?", "question"),
        ('He asked: "Who will pay for the wall?"', "question"),
        ("The company paid $5 million in taxes.", "asserted"),
    ],
)
def test_claims_modality(nlp, text, modality):
    assert cl.modality(_sent(nlp, text)) == modality


@pytest.mark.parametrize(
    "text, kind",
    [
        ("The governor said that unemployment had doubled.", "attribution"),
        ("According to the ministry, exports collapsed.", "attribution"),
        ("Prices will rise sharply next year.", "prediction"),
        ("Oil prices are expected to fall after the election.", "prediction"),
        ("The company paid $5 million in taxes.", "quantity"),
        ("Baku is one of the biggest military purchasers in the region.", "comparison"),
        ("The agreement was signed in February 2014.", "event"),
        ("Azerbaijan and Pakistan share a defense agreement with Turkey.", "relation"),
        ("This is a wonderful idea.", "opinion"),
    ],
)
def test_claims_kind(nlp, text, kind):
    assert cl.kind(_sent(nlp, text)) == kind


def test_claims_source_is_the_quote_speaker(nlp):
    text = 'Alvi said that "the relationship has great importance for Pakistan."'
    doc = nlp(text)
    start = text.index("the relationship")
    end = text.index('."') + 1
    doc._.claimpipe_quotes = [
        Quote(text=text[start:end], start=start, end=end, kind="direct",
              speaker=Speaker(text="Alvi", start=0, end=4, name="Arif Alvi"))
    ]
    assert cl.source(doc[:]).model_dump() == {"type": "speaker", "name": "Arif Alvi"}
    doc._.claimpipe_quotes = []  # no quote found: still a reported statement, whose subject speaks
    assert cl.source(doc[:]).model_dump() == {"type": "speaker", "name": "Alvi"}
    own = nlp("The relationship has great importance for Pakistan.")
    own._.claimpipe_quotes = []
    assert cl.source(own[:]).type == "author"
    doc._.claimpipe_quotes = None
    assert cl.source(doc[:]).name == "Alvi" and cl.kind(doc[:]) == "attribution"  # "said that": reported


def test_claims_model_loads_from_the_package():
    from claimpipe.nlp.components.claims.checkworthiness import MODEL_DIR, load_model

    import claimpipe

    assert MODEL_DIR.is_relative_to(claimpipe.__path__[0])
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file() and "encoder" not in p.parts)
    assert size < 5_000_000  # the fast tier; the accurate tier's int8 encoder is about 23 MB (test_claims_encoder)
    for variant in ("tensor", "lexical"):
        model = load_model(variant)
        assert 0.0 < model.threshold < 1.0
        assert model.meta["metrics"]["dev"]["f1"] > 0.85


def test_claims_model_ranks_factual_over_chatter(nlp):
    from claimpipe.nlp.components.claims.checkworthiness import load_model

    model = load_model("lexical")
    factual = model.score(nlp("Unemployment rose by 5 percent in 2019, the highest rate in a decade.")[:])
    chatter = model.score(nlp("Thank you very much, it is great to be here tonight.")[:])
    assert factual > model.threshold > chatter


def test_claims_add_pipe_in_another_pipeline():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimpipe_claims", config={"threshold": 0.0})
    doc = nlp("Thank you. The deficit grew by $200 billion in 2019.")
    claims = doc._.claimpipe_claims
    assert [c.text for c in claims] == ["Thank you.", "The deficit grew by $200 billion in 2019."]
    assert claims[1].checkworthiness > claims[0].checkworthiness
    assert nlp.get_pipe("claimpipe_claims").model.meta["variant"] == "lexical"


def test_claims_pipeline_uses_the_tensor_model(nlp):
    assert nlp.get_pipe("claimpipe_claims").model.meta["variant"] == "tensor"


def test_claims_min_checkworthiness_filters(nlp):
    doc = nlp("Thank you. The deficit grew by $200 billion in 2019.")
    everything = cl.extract_claims(doc, min_checkworthiness=0.0)
    nothing = cl.extract_claims(doc, min_checkworthiness=1.0)
    assert len(everything) == 2 and nothing == []


@needs_shared(GOLD)
def test_claims_seed_covers_gold_claims(seed_doc):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    claims = seed_doc._.claimpipe_claims
    missing = [g["text"] for g in gold["claims"]
               if not any(c.start <= g["start"] and g["end"] <= c.end for c in claims)]
    assert missing == []


@needs_shared(GOLD)
def test_claims_seed_no_not_claims(seed_doc):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    hits = [(g["text"], c.text) for g in gold["not_claims"] for c in seed_doc._.claimpipe_claims
            if c.start < g["end"] and g["start"] < c.end]
    assert hits == []


def test_claims_seed_fields_filled(seed_doc):
    claims = seed_doc._.claimpipe_claims
    assert claims
    radar = next(c for c in claims if "$40 million deal" in c.text)
    assert [(q.kind, q.amount, q.unit) for q in radar.quantities] == [("money", 40_000_000, "USD"), ("count", 4, "radar")]
    credit = next(c for c in claims if "$100 million line of credit" in c.text)
    assert [(q.kind, q.amount, q.unit) for q in credit.quantities] == [("money", 100_000_000, "USD")]
    assert all(c.kind in cl.KINDS and c.modality in cl.MODALITIES for c in claims)
    assert all(0.0 <= c.checkworthiness <= 1.0 and c.source.type in ("author", "speaker") for c in claims)
    assert {c.kind for c in claims} >= {"quantity", "event"}
    alvi = next(c for c in claims if "Arif Alvi state that" in c.text)
    assert alvi.kind == "attribution"
    assert alvi.source.model_dump() == {"type": "speaker", "name": "Arif Alvi"}
    author_claims = [c for c in claims if c.source.type == "author"]
    assert author_claims and all(c.source.name == "Emil Avdaliani" for c in author_claims)


def test_checkworthy_features_same_with_token_table(seed_doc, nlp):
    from claimpipe.nlp.components.claims.checkworthiness import features, token_table

    docs = [seed_doc, nlp("Is it 5% more?\n\nShe said so, reportedly.  The 3 firms in 2019 grew fast.")]
    for doc in docs:
        table = token_table(doc)
        spans = list(doc.sents) + [doc[:], doc[0:0]]
        assert [features(s, table) for s in spans] == [features(s) for s in spans]
    assert "digit" in features(docs[1][:], token_table(docs[1])) and "question" in features(next(docs[1].sents))


def test_checkworthy_cached_buckets_equal_the_feature_strings(seed_doc, nlp):
    """Scoring from cached word and pair buckets gives the feature strings' own buckets, counts and order."""
    from claimpipe.nlp.components.claims.checkworthiness import _hash_table_features, features, hash_features, token_table

    docs = [seed_doc, nlp("Is it 5% more?\n\nShe said so, reportedly.  The 3 firms in 2019 grew fast, fast, fast.")]
    for doc in docs:
        table = token_table(doc)
        for span in list(doc.sents) + [doc[:], doc[0:0]]:
            for n_buckets in (2**18, 97):
                fast = _hash_table_features(span, table, n_buckets)
                slow = hash_features(features(span), n_buckets)
                assert list(fast.items()) == list(slow.items())
