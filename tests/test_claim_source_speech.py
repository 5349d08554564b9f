"""Claim sources on the thirteenth audit set's categories (issue 21): a phrasal verb of attacking in words ("hit out
at"; and, from the training sets, a tribute, a lament, touting someone), a denial of a claim with its content
clause, an "according to" cue the parser hung below a gerund, the news someone reacted to, and a statement noun
as the subject of the author's prediction. On articles written for the test, through ``claimpipe extract`` (every
sentence a claim), and, where the rule reads a parse the model gives only on real text, on a doc with that parse
and quote set by hand."""

from __future__ import annotations

import importlib

from claim_sources import extract_sources as _sources, source_starting as _starting


def test_a_phrasal_verb_of_attacking_in_words_is_its_subjects_statement(cli, tmp_path):
    body = ("Chelsea winger Tom Rudd has hit out at the board for delaying talks over a new deal.\n"
            "Wing Commander Jo Pell lashed out at the ministry for failing to pay the crews on time.\n"
            "The storm hit the coast at dawn and cut power to 3,000 homes.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Chelsea winger Tom Rudd") == "Tom Rudd"
    assert _starting(got, "Wing Commander Jo Pell") == "Jo Pell"
    assert _starting(got, "The storm hit") == "author"  # no particle: an act


def test_a_tribute_a_lament_and_touting_are_their_subjects_statements(cli, tmp_path):
    body = ("Coach Tom Hale paid tribute to his players after the win over Leeds.\n"
            "Singer Ann Reed lamented two years in which her family had been hit by illness.\n"
            "Captain Jo Bates has touted Sam Dunn and Ali Khan as possible replacements for the veteran.\n"
            "The council paid £2m for the land next to the station.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Coach Tom Hale") == "Tom Hale"
    assert _starting(got, "Singer Ann Reed") == "Ann Reed"
    assert _starting(got, "Captain Jo Bates") == "Jo Bates"
    assert _starting(got, "The council paid") == "author"  # no tribute: an act


def test_a_denial_of_a_claim_with_its_content_clause_is_the_deniers_statement(cli, tmp_path):
    body = ("Goalkeeper Sam Ware denied suggestions he had asked to leave the ground before the final whistle.\n"
            "Sam Ware denied entry to two fans who had climbed the fence.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Goalkeeper Sam Ware denied") == "Sam Ware"
    assert _starting(got, "Sam Ware denied entry") == "author"  # no claim noun: an act


def test_the_news_someone_reacted_to_and_a_statement_noun_as_subject_of_a_prediction_are_the_authors(cli, tmp_path):
    body = ("Dan Hollis reacted angrily to the news that he had been dropped by three of his fellow judges.\n"
            "But his confession that he \"expected something like this to happen on Friday\", will do little to "
            "calm talk of a rift with the board.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Dan Hollis reacted") == "author"
    assert _starting(got, "But his confession") == "author"


def test_an_according_to_cue_hung_below_a_gerund_is_no_aside(nlp):
    from spacy.tokens import Doc

    from claimpipe.schema import Cue, Quote, Speaker

    words = ["The", "show", "was", "mocked", "for", "having", '"', "dull", "plots", ":", "hero", "is", "saved",
             "from", "peril", ",", '"', "according", "to", "the", "magazine", "."]
    spaces = [True] * 6 + [False, True, False, True, True, True, True, True, False, False, True, True, True, True,
                           False, False]
    heads = [1, 3, 3, 3, 3, 4, 8, 8, 5, 8, 12, 12, 5, 12, 13, 12, 12, 5, 17, 20, 18, 3]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "prep", "pcomp", "punct", "amod", "dobj", "punct", "nsubjpass",
            "auxpass", "ccomp", "prep", "pobj", "punct", "punct", "prep", "prep", "det", "pobj", "punct"]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    text = doc.text
    start, end, at, by = text.index("dull"), text.index(',"') + 1, text.index("according"), text.index("the mag")
    quote = Quote(text=text[start:end], start=start, end=end, kind="direct",
                  speaker=Speaker(text="the magazine", start=by, end=by + 12, name="the magazine"),
                  cue=Cue(text="according to", start=at, end=at + 12))
    source_text = importlib.import_module("claimpipe.nlp.components.claims.source_text")
    assert not source_text._aside(quote, doc[:])  # the magazine's statement, wherever the parser hung the cue


def test_a_one_word_name_after_a_clubs_person_noun_is_the_person_not_the_club(nlp):
    from spacy.tokens import Doc, Span

    source = importlib.import_module("claimpipe.nlp.components.claims.source")
    words = ["Rovers", "'s", "Brazilian", "midfielder", "Zeca", "has", "hit", "out", "at", "the", "club", "."]
    spaces = [False, True, True, True, True, True, True, True, True, True, False, False]
    heads = [3, 0, 3, 6, 3, 6, 6, 6, 6, 10, 8, 6]
    deps = ["poss", "case", "amod", "nsubj", "appos", "aux", "ROOT", "prt", "prep", "det", "pobj", "punct"]
    pos = ["PROPN", "PART", "ADJ", "NOUN", "PROPN", "AUX", "VERB", "ADP", "ADP", "DET", "NOUN", "PUNCT"]
    tags = ["NNP", "POS", "JJ", "NN", "NNP", "VBZ", "VBN", "RP", "IN", "DT", "NN", "."]
    lemmas = ["Rovers", "'s", "Brazilian", "midfielder", "Zeca", "have", "hit", "out", "at", "the", "club", "."]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    doc.ents = [Span(doc, 0, 1, label="ORG")]  # the model found the club, not the one-word name
    phrase = doc[0:4]
    index = source.SourceIndex.of(doc)
    assert source._checked_name(doc, phrase.start_char, phrase.end_char, phrase.text, index) == "Zeca"


def test_a_name_set_after_a_quote_as_its_tag_is_its_speaker(cli, tmp_path):
    body = ("House prices will keep rising through the spring, analysts said. \"Buyers came back in force in the "
            "second half, but supply is still thin,\" Halden Bank's Morrow.\n"
            "Fares will rise again in March, the operators said. \"Passengers have had enough of delays and "
            "cancellations,\" Transport Focus.\n"
            "Ann Morrow, chief economist at Halden Bank, expects rates to stay on hold. \"The year ahead will be "
            "harder for shoppers than the last,\" Ms Morrow.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "\"Buyers came back") == "Morrow"
    assert _starting(got, "\"Passengers have had") == "Transport Focus"
    assert _starting(got, "House prices will") == "analysts"
    assert _starting(got, "\"The year ahead") == "Ann Morrow"  # the title's surname, the full name given before


def test_a_descriptor_the_parser_made_a_verb_after_a_one_word_name_is_no_statement(cli, tmp_path):
    body = ("Quiz show Brainbox has won the title of most baffling programme of the year in a poll of viewers.\n"
            "Figures show sales have fallen for the third month in a row.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Quiz show Brainbox") == "author"  # a quiz show, not "Quiz shows that ..."
    assert _starting(got, "Figures show sales") == "Figures"


def test_they_after_two_bodies_named_together_and_a_pair_description_is_the_pair(cli, tmp_path):
    body = ("Engineering groups Nordwerk AG and Ostmark Marine Ltd are to pool their research on hull coatings.\n\n"
            "The move comes as yards face rising steel costs. The two German firms will share designs, testing and "
            "patents. They said the deal would let both yards cut their fuel bills sharply.\n\n"
            "Steel prices rose again in March. They said the rise would not last.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "They said the deal") == "Nordwerk AG"
    assert _starting(got, "They said the rise") == "author"  # no pair for "they" to stand for


def test_a_role_noun_is_the_person_given_that_role_not_the_latest_person_named(nlp):
    source = importlib.import_module("claimpipe.nlp.components.claims.source")
    doc = nlp("Rovers' Brazilian midfielder Zico has criticised the board for delaying talks on a new deal. "
              "Madrid director Paulo Dias has held talks with his camp. "
              "The midfielder, who joined the club from Porto in 2003, admitted he had been pleased.")
    index = source.SourceIndex.of(doc)
    at = doc.text.index("The midfielder")
    # the name the quote finder gave the role (the latest person named) is checked against the role's holder
    assert source._checked_name(doc, at, at + len("The midfielder"), "Paulo Dias", index) == "Zico"
    at = doc.text.index("his camp")
    assert source._checked_name(doc, at, at + len("his camp"), "his camp", index) == "his camp"


def test_a_person_uncertain_whether_a_clause_holds_states_a_stance(cli, tmp_path):
    body = ("Rovers forward Ian Cole is uncertain whether he still figures in the manager's plans after being left "
            "out of the cup semi-final.\n"
            "Newport striker Dai Price is unsure whether he will be fit for the derby on Saturday.\n"
            "The timing of the sale is uncertain.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Rovers forward Ian Cole") == "Ian Cole"  # the person, not the club before the role
    assert _starting(got, "Newport striker Dai Price") == "Dai Price"
    assert _starting(got, "The timing of the sale") == "author"  # no one's stance, no clause


def test_a_finding_of_want_or_risk_is_its_finders_statement(cli, tmp_path):
    body = ("The Rail Engineers Guild has identified a shortage of qualified signal fitters in the north.\n"
            "Detectives in Leeds have identified the driver of the stolen van.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "The Rail Engineers Guild") == "Rail Engineers Guild"
    assert _starting(got, "Detectives in Leeds") == "author"  # a person identified: an act


def test_a_quote_running_on_from_a_tagged_quote_is_the_tags_speaker(cli, tmp_path):
    body = ("Ann Morrow works at Halden Bank. House prices will keep rising through the spring, analysts said. "
            "\"Buyers came back in force in the second half, but supply is still thin,\" Halden Bank's Morrow. "
            "\"I think that leaves the lenders plenty of room. We will probably see one more cut before the "
            "summer.\"")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "\"I think that leaves") == "Ann Morrow"
    assert _starting(got, "We will probably see") == "Ann Morrow"


def test_he_with_no_person_entity_before_is_the_person_given_a_role(nlp):
    from spacy.tokens import Doc, Span

    source = importlib.import_module("claimpipe.nlp.components.claims.source")
    words = ["Rovers", "'", "midfielder", "Zeca", "trained", "alone", ".", "He", "told", "reporters", "."]
    spaces = [False, True, True, True, True, False, True, True, True, False, False]
    heads = [2, 0, 4, 2, 4, 4, 4, 8, 8, 8, 8]
    deps = ["poss", "case", "nsubj", "appos", "ROOT", "advmod", "punct", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PART", "NOUN", "PROPN", "VERB", "ADV", "PUNCT", "PRON", "VERB", "NOUN", "PUNCT"]
    tags = ["NNPS", "POS", "NN", "NNP", "VBD", "RB", ".", "PRP", "VBD", "NNS", "."]
    lemmas = ["Rovers", "'", "midfielder", "Zeca", "train", "alone", ".", "he", "tell", "reporter", "."]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    doc.ents = [Span(doc, 0, 1, label="ORG")]  # the entity model found the club, not the one-word name
    assert source._subject(doc, doc[8], source.SourceIndex.of(doc)) == "Zeca"
