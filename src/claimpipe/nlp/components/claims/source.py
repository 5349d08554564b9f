"""Who makes a claim: the speaker of the statement it belongs to, otherwise the article's author.

In order:

1. the quotes overlapping the claim that are statements: a scare-quoted phrase ("a 'sizable' contribution"), a
   title with a colon ("America: A Tribute to Heroes"), a quote whose cue is not a verb of saying or believing
   ("It had wanted to ...", "will hope to confirm"), or is a capitalised verb of a title ("Do They Know ...")
   are not; nor is an aside of the author's sentence (a cue in a relative or time clause, "..., which Mr X
   described as '...'", "... fell after it said ...", or a noun's complement, "reacted to a host's suggestion
   that ..."), nor a quote whose cue comes after it and introduces the next one with a colon; of the others,
   the one it overlaps most (a paper's report of a statement held inside it, "X believes ..., the Daily Post
   reported", is X's);
2. a quote under a dash-and-name line ('- Bolton boss Sam Allardyce "We ...', with a colon or without) takes that
   name;
3. a sentence inside a quote that runs on from an earlier sentence or paragraph (or one the quote finder left
   without a speaker) takes the speaker of the quote it continues (not after a quote closed with its cue);
4. a reported statement the quote finder missed: the claim's main verb says or believes ("X branded ...",
   "X protested ... and blamed ...", "X hopes the deal will ...", "X thanked ...", a forecast with an object, "X
   is forecasting growth of 2%", a statement issued with its content, "X issued a statement calling ...", data
   or a finding, "statistics released on Monday showed that ...", "estimates from X put the cost at ...") and
   its subject is the speaker, or a saying verb is set between commas or after the sentence ("..., the bank said,
   ...", "..., a local paper reports");
5. otherwise the author: the author's own voice.

The speaker's name is checked: programmes, newspapers and broadcasters ("told ITV", "speaking on BBC One's
Breakfast with Frost") are where a statement was made, never who made it, unless they say it themselves ("the
BBC has said", "according to industry website Screen Daily"); "he"/"she" is the latest person the article made
a subject or a speaker (or a spokeswoman of the pronoun's gender who spoke since), not a name inside a programme
title, a list or a quote, and one of the pronoun's gender when the quote finder named one ('"...," she added'
after a man); a description ("the bank", "the UK's biggest mortgage lender", "figures from the Bank of England")
is the organisation it stands for (the latest that spoke or was made a subject since; "the Rosen group" the Rosen
Group), a person described ("the double Olympic champion", "said the Gloucester fly-half", "the 30-year-old world
number two") the latest person named ("The 29-year-old believes ..." whom the sentence before is about), a role before a name ("Acme
president and chief executive Jane Doe") the person, a surname ("Hale", "Mr Li") the name the article gave in
full; an indefinite description ("a New York appeals court", "a panel of judges") is a body of its own, not one
named before. A ruling ("the court held that ...") and a calculation ("the report calculated the cost to be
...") are statements; data or a report with no name is its maker's ("research from a City bank"), a description
before a name the name ("media watchdog Ofcom"); names and their tidying: :mod:`.source_names`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Span, Token

from claimpipe import lexicon
from claimpipe.nlp.components.claims.source_marks import OPENING_MARKS, QUOTE_MARKS, _continued_quote, _tokens, inside_any
from claimpipe.nlp.components.claims.source_text import (
    _age_description, _aged, _aged_subject, _agreeing_person, _aside, _endorser, _first_person_stance, _fit_gender,
    _full_name, _header_speaker, _included_entity, _introduces_next, _it_speaker, _list_intro, _main_subject_before,
    _medium_described, _number_name, _org_before, _own_org_name, person_genders, _quoted_words, _reported_in_sentence,
    _role_named_after, _sentence_initial, _speaking_bodies, _statement_frame, _subject_orgs, _surnames, _titled_person,
    _named_orgs, _whole_words,
)
from claimpipe.nlp.components.claims.source_acts import (
    authors_first_clause, characterised_quote, characterises, demonym_description, discloses, document_demand,
    it_document, not_places, past_expectation, role_before,
)
from claimpipe.nlp.components.claims.source_lead import lead_source
from claimpipe.nlp.components.claims.source_speech import (
    mononym, role_appos, role_person, speech_act, verb_lemma as _verb_lemma, with_inner_appositions,
)
from claimpipe.nlp.components.claims.source_persons import (
    _is_document, _puts_at, agent_noun, body_of_its_own, data_shows, full_name_before, full_names, inner_holder,
    it_state_body, later_speaker, nobody, quoted_as_saying, quoting_verb, state_body, surname_org, they_speaker,
)
from claimpipe.nlp.components.claims.source_names import (
    _Latest, _overlap, document_maker, named_speaker, own_word, person_mentions, publication, reported_within,
    described_body, group_name, trailing_data, unnamed_reports,
)
from claimpipe.nlp.components.claims.source_verbs import (
    agent_speaker, authors_frame, cites_reason, future_act, issues_statement, later_speakers_clause, not_a_statement,
    noun_name, parenthetical_cues, says_nothing, says_that, split_clause, states_through, voices_stance,
)
from claimpipe.nlp.components.entities import doc_entities
from claimpipe.nlp.components.paragraphs import doc_text
from claimpipe.nlp.components.quotes.speakers import named_spokesperson, object_clause, spoken_for
from claimpipe.nlp.offsets import MentionIndex
from claimpipe.schema import ClaimSource

EXTRA_STATEMENT_VERBS = frozenset([  # "X attributed the rise to ...": a cause X states; "is reiterating a 2.5% target":
    "blame", "brand", "protest", "criticise", "criticize", "praise", "condemn", "hail", "dismiss", "label", "describe",
    "accuse", "attack", "defend", "thank", "salute", "attribute", "reiterate", "rap", "rebuke", "berate", "chide",
    "scold", "reprimand", "castigate", "lambast", "lament", "tout",  # a stated aim; "has rapped his captain for ...": a
    "applaud", "welcome", "echo", "endorse", "back"])  # rebuke in words; "has backed Robinson", "echoed an earlier
# caution": support or agreement given in words
RULING_VERBS = frozenset(["rule", "hold"])  # "the court held that ...": a ruling, a statement of the court's
CLAUSE_STATEMENT_VERBS = frozenset(["accept", "intimate", "insinuate"])  # a statement with a clause only: "X accepted
# that ...", "refused to accept that ...", "X intimated that ..." (said it indirectly); "accepted the offer" is an act
XCOMP_STATEMENT_VERBS = frozenset(["claim", "insist", "appear", "seem", "vow", "pledge"])  # "has pledged to contest
# the action", "vowed to fight back": speech acts (the fourteenth audit set's call, over the seventh's)
COMMITMENT_VERBS = frozenset(["promise", "threaten", "offer"])  # "promised to publish the plan": an act announced,
# the author's event; "promised that ..." (a clause) stays a statement
FORECAST_VERBS = frozenset(["forecast", "predict", "expect", "estimate", "project", "anticipate", "calculate"])  # "X is
# forecasting growth of 2%", "It expects a rate cut": X's forecast, a statement of X's with an object
NOT_STATEMENT_VERBS = frozenset(["decide", "see", "want", "wish", "intend", "learn", "plan", "try", "seek"])
# ("hope" stays: "X hopes the deal will close" states X's belief, as "fears"/"believes" do; "hopes to win", an
# intention, has no clause and is no statement)
SOURCE_WORDS = "source_words.txt"  # lexicon: media, human and org words (see the file)
SPOKES_NOUNS = frozenset(["spokesman", "spokeswoman", "spokesperson", "representative", "official", "source",
                          "insider", "analyst", "expert", "observer"])  # speak for a body, or are nobody named
MEDIA_PREPS = frozenset(["on", "to", "in", "with"])
OF_PREPS = frozenset(["from", "of", "by", "at", "in"])  # "figures from the Bank", "a review in the Daily Post"
SPEAKING_VERBS = frozenset(["speak", "talk", "tell", "say", "write", "appear", "interview", "add", "comment"])
PERSON_PRONOUNS = frozenset(["he", "she", "him", "her"])
NEWSROOM_VERBS = frozenset(["understand", "learn"])  # a medium that "understands" or "has learnt": the author's
TITLES = frozenset(["Mr", "Mrs", "Ms", "Miss", "Dr", "Mr.", "Mrs.", "Ms.", "Dr."])


def doc_statements(doc: Doc) -> list:
    """The doc's quotes that a claim reads: all but those only the trained attribution model found (attitudes and
    intentions PolNeAR counts as attribution, "X backs the plan": no statement of X's), save one said "that"."""
    return [q for q in doc._.claimpipe_quotes or [] if not q._by_model or says_that(doc, q.cue, _tokens)]


def quotes_in(span: Span, quotes: Optional[list] = None) -> list:
    """The quotes (default: the doc's statements, :func:`doc_statements`) that overlap ``span``."""
    if quotes is None:
        quotes = doc_statements(span.doc)
    start, end = span.start_char, span.end_char
    return [q for q in quotes if q.start < end and start < q.end]


@lru_cache(maxsize=1)
def _statement_verbs() -> frozenset[str]:
    return (lexicon.words("reporting_verbs.txt") | lexicon.words("belief_verbs.txt") | EXTRA_STATEMENT_VERBS
            | RULING_VERBS | CLAUSE_STATEMENT_VERBS) - NOT_STATEMENT_VERBS


def _is_statement(quote, doc: Doc, text: str, verbs: frozenset[str]) -> bool:
    """Not a scare-quoted phrase, a title with a colon, or a quote whose cue is not a verb of saying or believing."""
    content = text[quote.start:quote.end].strip(QUOTE_MARKS + " ,.")
    marked = text[quote.start:quote.start + 1] in OPENING_MARKS or (
        quote.start > 0 and text[quote.start - 1] in OPENING_MARKS)
    cue = quote.cue
    if cue is not None and cue.text.strip() == ":" and not marked:
        return False  # "America: A Tribute to Heroes raised ..."
    if marked and len(content.split()) <= 2 and quote.kind != "indirect" and not characterised_quote(doc, text, quote):
        return False  # a scare-quoted word: 'a "sizable" contribution'
    if quote.kind == "mixed":
        quoted = _quoted_words(text[quote.start:quote.end])
        if quoted is not None and quoted <= 2 and not _says_clause(doc, cue, verbs):
            return False  # 'pledged a "sizable" aid contribution': the marks set off a word, not a statement
    cue_text = cue.text.strip() if cue is not None else ""
    if cue_text.startswith("according") or (cue_text.startswith("According") and _sentence_initial(doc, cue.start)):
        return not unnamed_reports(quote, text)  # "..., according to a Pentagon spokesman" (not "The World According
        # to Bex", a title; nor "according to local press reports", no one named)
    if cue is not None and cue.text.strip() not in (":", "-", "—"):
        toks = _tokens(doc, cue.start, cue.end)
        if toks is not None and toks[0].is_title and not toks[0].is_sent_start and toks.root.pos_ in ("VERB", "AUX"):
            return False  # "Do They Know It's Christmas ... held off ...": a verb of a title, no cue
        if toks is not None and toks.root.pos_ in ("VERB", "AUX") and (_verb_lemma(toks.root, verbs) not in verbs
                                                                    or not_a_statement(toks.root)):
            return False  # "It had wanted to help fund ...", "a wave of attacks saw ..."
        if toks is not None and (_intention(toks.root) or says_nothing(toks.root)
                                 or (toks.root.dep_ == "conj" and future_act(toks.root))):
            return False  # "X will hope to confirm his place": an intention; "it was confirmed": no speaker; "lost
            # its appeal but will still argue ...": a statement not made yet
    return True


def _says_clause(doc: Doc, cue, verbs: frozenset[str]) -> bool:
    """The cue is a verb of saying with a clause ('said allowing FDI is compromising its "self reliance"')."""
    toks = _tokens(doc, cue.start, cue.end) if cue is not None else None
    return toks is not None and _verb_lemma(toks.root, verbs) in verbs and any(
        c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX") for c in toks.root.children)


def _intention(verb: Token) -> bool:
    """A verb of hoping or believing with an infinitive and no clause ("hopes to win"): an intention."""
    deps = {c.dep_ for c in verb.children}
    lemma = _verb_lemma(verb, _statement_verbs())
    return "xcomp" in deps and "ccomp" not in deps and (lemma in COMMITMENT_VERBS or (
        lemma not in XCOMP_STATEMENT_VERBS and lemma in _belief_verbs()))


@lru_cache(maxsize=1)
def _stance_adjectives() -> frozenset[str]:
    return lexicon.words("stance_adjectives.txt")


@lru_cache(maxsize=1)
def _belief_verbs() -> frozenset[str]:
    return lexicon.words("belief_verbs.txt")


def _in_media(doc: Doc, start: int, end: int) -> bool:
    """The mention is a medium or lies in one: 'BBC Sport', 'the Gloucester Citizen', 'on BBC One's Breakfast with
    Frost', 'told ITV'."""
    span = _tokens(doc, start, end)
    if span is None:
        return False
    if _speaks(span.root) or own_word(span.root):
        return False  # "..., the BBC has said", "according to the website Screen Daily": the medium's own word; "a
        # statement on her website", "a BBC statement read": the site's owner, the statement's maker
    words = {t.lower_ for t in span}
    if words & _source_words("media") and span.root.pos_ == "PROPN":
        return True
    tok = span.root
    for _ in range(6):  # climb to the verb: a mention inside "on/to <medium>" of a speaking verb is where it was said
        head = tok.head
        if tok.dep_ in ("dobj", "dative") and head.lemma_.lower() == "tell":
            return not (words & {"reporters", "journalists"}) and tok.pos_ == "PROPN"
        if tok.dep_ == "pobj" and head.lower_ in MEDIA_PREPS:
            phrase = {t.lower_ for t in head.subtree}
            if phrase & _source_words("media"):
                return True
        if head is tok or head.pos_ in ("VERB", "AUX"):
            break
        tok = head
    return False


def _speaks(tok: Token) -> bool:
    """``tok`` is who makes a statement: the subject of a verb of saying or believing ("the BBC has said"), or the
    object of "according to"."""
    while tok.dep_ in ("appos", "compound") and tok.head.i != tok.i:
        tok = tok.head  # "industry website Screen Daily"
    head = tok.head
    if tok.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX") and _verb_lemma(head, _statement_verbs()) in _statement_verbs():
        return head.lemma_.lower() not in NEWSROOM_VERBS  # "BBC Sport understands ...": the newsroom's own word
    return tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


@dataclass
class SourceIndex:
    """What :func:`source` looks up in the whole doc, indexed once per doc: a claim costs bisections, not a pass
    over every entity and quote of the article."""

    ents: list
    ent_index: MentionIndex
    subject_persons: _Latest  # persons the article made a clause's subject (or the antecedent of 'who')
    speaking_persons: _Latest  # speakers named after a PERSON entity
    speaking_orgs: _Latest  # speakers named after an ORG entity
    described_speakers: _Latest  # speakers described, not named ("a spokeswoman said"): (name, gender)
    named_orgs: _Latest  # ORG entities
    subject_orgs: _Latest  # ORG entities the article made a clause's subject, outside quotes
    spoken_quotes: _Latest  # quotes with a speaker, by their end
    surnames: dict  # the last word of a person's name of several words -> [(offset, name)] in text order
    full_names: dict  # the same of PERSON entities only, as (offsets, names) (:func:`.source_persons.full_names`)
    genders: dict  # person name -> the gender its title, first name or "X said she ..." tells
    statements: list  # the doc's statements (:func:`doc_statements`)
    persons: dict  # PERSON mention texts -> their start offsets (:func:`person_mentions`)

    @classmethod
    def of(cls, doc: Doc) -> "SourceIndex":
        ents = not_places(doc_entities(doc))  # "Kirkcaldy" tagged a person once, a place before: no "he"
        quotes = doc_statements(doc)
        persons = {e.canonical for e in ents if e.label == "PERSON"}
        orgs = {e.canonical for e in ents if e.label == "ORG"}
        speakers = [q.speaker for q in quotes if q.speaker is not None]
        ent_index, names = MentionIndex(ents), full_names(ents)
        return cls(
            ents=ents,
            ent_index=ent_index,
            subject_persons=_Latest(_subject_persons(doc, ents, quotes, names)),
            speaking_persons=_Latest(
                (sp.start, sp.name) for sp in speakers
                if sp.name and sp.text.lower() not in PERSON_PRONOUNS  # a guessed name: its mention counts itself
                and sp.name in persons and not _in_media(doc, sp.start, sp.end)),
            speaking_orgs=_Latest(_speaking_bodies(doc, speakers, persons, orgs, ent_index, _tokens)),
            described_speakers=_Latest(_described_speakers(doc, speakers, persons)),
            named_orgs=_Latest(_named_orgs(doc, ents)),
            subject_orgs=_Latest(_subject_orgs(doc, ents, quotes, _tokens)),
            spoken_quotes=_Latest((q.end, q) for q in quotes if q.speaker is not None),
            surnames=_surnames(ents), full_names=names, genders=person_genders(doc, ents), statements=quotes,
            persons=person_mentions(doc))


def _subject_persons(doc: Doc, ents: list, quotes: list, names: Optional[dict] = None) -> list[tuple[int, str]]:
    """``(offset, name)`` of the persons the article makes a clause's subject, in text order: PERSON mentions
    (:func:`_subject_person`) and the surnames the entity model left of persons named before ("Amor, who will
    captain ..." after "Simon Amor"); none inside a direct quote ("what Jonty Rhodes was to cricket" in a
    coach's words is no one the article reports on). ``names``: :func:`.source_persons.full_names` of ``ents``."""
    names = full_names(ents) if names is None else names
    quoted = inside_any([(q.start, q.end) for q in quotes if q.kind == "direct"])
    out = [(e.start, e.canonical) for e in ents if _subject_person(doc, e) and not quoted(e.start)]
    in_ents = {t.i for e in ents if not surname_org(e, names) for t in (_tokens(doc, e.start, e.end) or [])}
    for tok in doc:
        if tok.pos_ not in ("PROPN", "NOUN") or not tok.text[:1].isupper() or tok.i in in_ents \
                or quoted(tok.idx) or not (
                tok.dep_ in ("nsubj", "nsubjpass") or any(c.dep_ == "relcl" for c in tok.children)):
            continue
        named = full_name_before(names, tok.text, tok.idx)
        if named:
            out.append((tok.idx, named))
    return sorted(out)


def _subject_person(doc: Doc, e) -> bool:
    """A PERSON mention made a clause's subject (or the antecedent of 'who'), not inside a medium nor a name modifying
    a plural subject ("Acme advisers say": the advisers' firm) or the noun after it ("the Anfield crowd")."""
    if e.label != "PERSON":
        return False
    span = _tokens(doc, e.start, e.end)
    if span is None or _in_media(doc, e.start, e.end):
        return False
    root = span.root
    return (root.dep_ in ("nsubj", "nsubjpass") or any(c.dep_ == "relcl" and _who(c) for c in root.children) or (
        root.dep_ in ("appos", "compound") and root.head.dep_ in ("nsubj", "nsubjpass")
        and not (root.dep_ == "compound" and root.head.tag_ == "NNS"))) and object_clause(root) is None \
        and not (root.head.i == span.end and root.head.pos_ == "NOUN" and not root.head.ent_type_)


def _who(relcl: Token) -> bool:
    """The relative clause is opened by "who"/"whom"/"whose" (not "in which": a work named, "Dancing Dan, in which
    his role was played by ...")."""
    return any(t.lower_ in ("who", "whom", "whose") for t in relcl.subtree if t.i < relcl.i)


def _person_before(at: int, index: SourceIndex, pronoun: Optional[str] = None,
                   doc: Optional[Doc] = None) -> Optional[str]:
    """Whom 'he'/'she' (``pronoun``) or a description of a person at offset ``at`` stands for: the latest person
    the article made a clause's subject (or the antecedent of 'who') or a speaker before it, never one inside a
    medium; for a pronoun also a speaker described, not named, of its gender ('a spokeswoman said ... "...," she
    said')."""
    subject = index.subject_persons.before(at)
    while subject is not None and doc is not None and pronoun and _reported_in_sentence(doc, subject[0], at):
        subject = index.subject_persons.before(subject[0])  # "He hoped Mary would ...": not Mary
    speaker = index.speaking_persons.before(at)
    if speaker is not None and (subject is None or speaker[0] > subject[0]):
        subject = speaker
    if pronoun is not None:
        described = index.described_speakers.before(at)
        if described is not None and (subject is None or described[0] > subject[0] or (
                doc is not None and _reported_in_sentence(doc, subject[0], described[0]))) \
                and described[1][1] in (None, lexicon.PRONOUN_GENDERS.get(pronoun)):  # not Y of "a spokesman said Y ..."
            return described[1][0]
        if subject is not None and doc is not None:
            subject = _fit_gender(doc, index, subject, at, lexicon.PRONOUN_GENDERS.get(pronoun))
    return subject[1] if subject is not None else None


def _described_speakers(doc: Doc, speakers: list, persons: set) -> list[tuple[int, tuple[str, Optional[str]]]]:
    """``(offset, (name, gender))`` of the speakers a person noun describes and no name of a person gives ("a
    spokeswoman", "The BBC spokeswoman"): the name the quote gives (the body spoken for) or the mention."""
    out = []
    for sp in speakers:
        span = _tokens(doc, sp.start, sp.end)
        if span is None or sp.text.lower() in PERSON_PRONOUNS | {"it", "they"} or sp.name in persons:
            continue
        head = span.root
        lemma = head.lemma_.lower()
        if head.pos_ != "NOUN" or head.tag_ != "NN" or not (lemma in _person_nouns() or lemma in _source_words("human")):
            continue
        gender = "female" if lemma.endswith(("woman", "ess")) else "male" if lemma.endswith("man") else None
        out.append((sp.start, (sp.name or span.text, gender)))
    return out


def _is_person(span: Span) -> bool:
    """A person's mention: a PERSON name without the article ("The Silver Key" is a work), or a person described."""
    return (span[0].lower_ != "the" and span.root.ent_type_ == "PERSON") or _described_person(span.root)


def _entity_of(index: SourceIndex, tok: Token, labels=("PERSON", "ORG", "NORP", "GPE")):
    """The first entity (in the doc's order) of one of ``labels`` that holds ``tok``."""
    for e in index.ent_index.overlapping(tok.idx, tok.idx + 1):
        if e.label in labels:
            return e
    return None


def _checked_name(doc: Doc, start: int, end: int, name: Optional[str], index: SourceIndex) -> Optional[str]:
    """The speaker mention's name, checked: None for a medium; 'he'/'she' re-resolved; a description resolved."""
    span = _tokens(doc, start, end)
    quoting = quoting_verb(span)
    if quoting is not None:  # "the Daily Post quoted a source as saying", "X was quoted by the Post as saying": X
        return _subject_name(doc, quoting, index)
    if _in_media(doc, start, end):
        return None
    if span is None or nobody(span):
        return None if span is not None else name  # "No-one knows ...": no speaker
    if name and " " not in name and name[:1].isupper():
        titled = (span[0].text if len(span) > 1 else doc[span.start - 1].text if span.start else "") in TITLES
        body = _entity_of(index, span.root, ("ORG", "GPE", "NORP"))
        place_or_body = body is not None and not surname_org(body, index.full_names)  # not "O'Connell" after "Paul O'Connell"
        full = _full_name(index, name, start, titled) if titled or not place_or_body or role_before(span) else None
        if full:
            return full  # "Hale said" after "Simon Hale": the name the article first gave
    text = span.text.lower()
    if text in PERSON_PRONOUNS:
        return _agreeing_person(index, text, _person_before(start, index, text, doc), name) or name
    if text in ("it", "they"):
        return _it_or_they(doc, start, index, text) or name
    head = span.root
    titled = _titled_person(doc, span, index, _entity_of)
    if titled:
        return titled  # "the Bishop said" after "the Bishop of Leeds, Tom Harris"
    if span.start > 1 and doc[span.start - 1].text == "-" and not doc[span.start - 2].whitespace_ \
            and not doc[span.start - 1].whitespace_:
        return _whole_words(doc, span)  # "a post-mortem ... showed": the word, not its last piece
    medium = _medium_described(span, index)
    if medium:
        return medium  # "the paper said": the paper cited last
    if _age_description(span):  # "The 27-year-old believes ...": whom the sentence before is about
        return _main_subject_before(doc, start, index, _entity_of) or _person_before(start, index) or name
    if demonym_description(span, _person_nouns()):  # "said the American": whom the sentence before is about
        return _main_subject_before(doc, start, index, _entity_of) or name
    if head.pos_ == "NOUN":
        for c in with_inner_appositions(head, span):  # "Acme president and chief executive Jane Doe", "its boss, Jo"
            ent = _entity_of(index, c, ("PERSON",)) if c.dep_ in ("conj", "appos") and c.i > head.i else None
            full = (_full_name(index, c.text, c.idx) or mononym(c, head)) if c.dep_ == "appos" and c.pos_ == "PROPN" else None
            if ent is not None or full:  # "said eighth seed Agassi" (a surname the model made a place)
                return ent.canonical if ent is not None else full
        nxt = doc[span.end] if span.end < len(doc) and span.end == head.i + 1 else None
        named = _entity_of(index, nxt, ("PERSON", "ORG")) if nxt is not None and nxt.pos_ == "PROPN" and (
            head.head.i == nxt.i or nxt.head.i == head.head.i) else None
        if named is not None and not _in_media(doc, named.start, named.end):
            return named.canonical  # "media watchdog Ofcom has said": the name the description comes before
        if _entity_of(index, head) is None:
            for poss in (c for c in head.children if c.dep_ == "poss"):
                ent = _entity_of(index, poss, ("PERSON", "ORG"))
                if ent is not None:  # "Mr Tanzi's statement" (not "the bank's board", "its creditors", "Mr Holt's team":
                    return name if body_of_its_own(head, ent, _source_words) else (  # bodies of their own); "the EU's
                        role_person(doc, head, index.ents)) or ent.canonical  # commissioner": the one named
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in OF_PREPS):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    ent = _entity_of(index, obj, ("ORG", "PERSON"))
                    if ent is not None:
                        return ent.canonical  # "figures from the Bank of England"
            maker = document_maker(head, _source_words)
            if maker is not None:  # "research from a London broker": the broker; "a report in the Gazette": the paper,
                return maker.text if publication(head) else _checked_name(  # which speaks (no media check)
                    doc, maker.start_char, maker.end_char, maker.text, index)
            body = spoken_for(head) if head.lemma_.lower() in SPOKES_NOUNS else None
            if body is not None:  # "a spokesman for the firm": the firm named before; "for her lawyers": they
                return _checked_name(doc, body.start_char, body.end_char, body.text, index) or name
            if span[0].lower_ in ("a", "an"):
                return name  # "A New York appeals court has told ...": a body of its own, not "the court"
            if head.lemma_.lower() in _source_words("org") and head.tag_ != "NNS" \
                    and not state_body(head, index, start):  # "the government": a body of its own
                own_name = _own_org_name(index, head, _entity_of)
                if own_name:
                    return own_name  # "the Texas-based Rosen group"
                own = [c for c in head.children if c.dep_ == "compound" and _entity_of(index, c, ("ORG",))]
                if own:
                    return _entity_of(index, own[0], ("ORG",)).canonical  # "the Halifax survey"
                return _org_before(start, index) or name  # "the bank", "the UK's biggest mortgage lender"
            role = role_person(doc, head, index.ents) if _described_person(head) else None  # "the midfielder"
            if role or _described_person(head) and (name is None or name.lower() in span.text.lower()):
                return role or _person_before(start, index) or name  # "the athlete", "said the Gloucester fly-half"
    return _role_named_after(doc, index, head, _speaks) or group_name(span, name)


def _it_or_they(doc: Doc, start: int, index: SourceIndex, text: str) -> Optional[str]:
    """Who "they" at ``start`` is (a plural speaker just before: "Officials claim ... They also allege"), or "it"
    (a body, a state, a document, or the organisation named last)."""
    if text == "they":
        return they_speaker(doc, start, index, _checked_name)
    return _it_speaker(doc, start, index, _checked_name, _is_person) or it_state_body(doc, start, index) \
        or it_document(doc, start) or _org_before(start, index)


def _described_person(head: Token) -> bool:
    """A definite singular description of a person speaking ("the athlete", "the Gloucester fly-half"): a person
    noun of ``lexicon/speaker_nouns.txt`` (a hyphenated one read whole), not one speaking for a body ("spokesman")."""
    doc = head.doc
    lemma = head.lemma_.lower()
    if head.i > 1 and doc[head.i - 1].text == "-" and not doc[head.i - 1].whitespace_ \
            and not doc[head.i - 2].whitespace_:
        lemma = f"{doc[head.i - 2].lower_}-{lemma}"
    return head.tag_ == "NN" and head.left_edge.lower_ == "the" \
        and not any(c.dep_ == "poss" for c in head.children) \
        and (lemma in _person_nouns() or lemma in _source_words("human") or _aged(head)) and lemma not in SPOKES_NOUNS


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    return lexicon.words("speaker_nouns.txt", "person")


@lru_cache(maxsize=None)
def _source_words(tag: str) -> frozenset[str]:
    return lexicon.words(SOURCE_WORDS, tag)


def _subject_name(doc: Doc, verb: Token, index: SourceIndex) -> Optional[str]:
    """Who the verb's subject names (a person, an organisation, people or a body), or the name right before it."""
    name = _subject(doc, verb, index)
    if name is None and verb.i > 0:
        ent = _entity_of(index, doc[verb.i - 1], ("PERSON", "ORG"))  # "... director of rugby Nigel Melville told"
        if ent is not None and not _in_media(doc, ent.start, ent.end):
            return ent.canonical
    return name


def _subject(doc: Doc, verb: Token, index: SourceIndex) -> Optional[str]:
    subj = quoted_as_saying(verb) or next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) \
        or _aged_subject(verb)
    while subj is None and verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    named = named_spokesperson(subj) if subj.lemma_.lower() in SPOKES_NOUNS else None
    if named:
        return named  # "A spokesman for Acme, Dr Lee, told ...": the person named
    ent = next((e for c in subj.children if c.dep_ == "appos" for e in [_entity_of(index, c, ("PERSON",))] if e),
               None) or _included_entity(index, subj, _entity_of) or _entity_of(index, subj)  # "Minister Jo Hale"
    if ent is not None:
        return None if _in_media(doc, ent.start, ent.end) else (  # "Safin said" (tagged ORG) after "Marat Safin"
            role_appos(subj) or surname_org(ent, index.full_names) or ent.canonical)
    left = min(t.i for t in subj.subtree if t.dep_ in ("det", "amod", "compound", "poss", "nummod", "case") or t is subj)
    phrase = doc[left:subj.i + 1]
    if subj.lower_ in PERSON_PRONOUNS:
        return _person_before(subj.idx, index, subj.lower_, doc) or role_person(doc, None, index.ents, subj.idx)
    if subj.text[:1].isupper() and (subj.pos_ == "PROPN" or any(c.dep_ == "appos" for c in subj.children)):
        full = _full_name(index, subj.text, subj.idx)
        if full:
            return full  # "Pike, the club's coach, claimed ..." after "Ada Pike": a surname that is also a word
    if subj.lower_ in ("it", "they"):
        return _checked_name(doc, subj.idx, subj.idx + len(subj), None, index)
    if subj.pos_ == "PROPN" or _number_name(subj):
        return phrase.text  # a name the entity model missed (or took for a number: "channel Five")
    if subj.pos_ == "NOUN" or _age_description(phrase):  # "The 29-year-old believes ..."
        name = _checked_name(doc, phrase.start_char, phrase.end_char, phrase.text, index)
        if name != phrase.text or subj.lemma_.lower() in _source_words("human") or agent_noun(subj) or (
                subj.lemma_.lower() in _source_words("org") and (subj.tag_ == "NNS" or phrase[0].lower_ in ("a", "an"))
        ) or _is_document(subj) or subj.lemma_.lower() in _source_words("media"):
            return name  # a name it stands for, people and bodies ("analysts", "the companies"), a paper's own word
    return None


def _reported_speaker(span: Span, index: SourceIndex, verbs: frozenset[str]) -> Optional[str]:
    """The subject of the claim's main verb when that verb says or believes something ('X branded ... a
    "temporary surprise"', 'X has protested his innocence and blamed ...', 'X also confirmed that ...')."""
    root = span.root
    for verb in [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB"]:
        if verb is not root and later_speakers_clause(verb, root, lambda v: _verb_lemma(v, verbs) in verbs):
            continue  # "X's future was in question, but the chairman said ...": the first clause is the author's
        lemma = _verb_lemma(verb, verbs)
        deps = {c.dep_ for c in verb.children}
        document = document_demand(verb)
        if document:
            return document  # "The lawsuit seeks to force ...": the document's demand
        if issues_statement(verb, verbs, _verb_lemma) or voices_stance(verb) or characterises(verb) \
                or discloses(verb) or speech_act(verb) or quoted_as_saying(verb) is not None:
            name = _subject_name(span.doc, verb, index) or described_body(verb, _source_words("org"))
            if name:
                return name  # "the union issued a statement calling him ...", "X voiced concerns about ..."
            continue
        if states_through(verb, verbs, _verb_lemma):
            name = _subject_name(span.doc, verb, index)
            if name:
                return name  # "X refused to accept that ...", "X declined to confirm that ..."
            continue
        if _puts_at(verb) or data_shows(verb):
            name = _subject_name(span.doc, verb, index)
            if name:
                return name  # "early estimates from the bank put the cost at $5bn": the estimate's maker's
            continue
        if lemma not in verbs or (verb.tag_ == "VBG" and "aux" not in deps) or deps & {"auxpass", "nsubjpass"} \
                or not_a_statement(verb) or says_nothing(verb) or (verb is not root and future_act(verb)):
            continue  # "is expected on 6 January", "was declared insolvent": passive, no speaker
        if not (deps & {"ccomp", "oprd"} or split_clause(verb) or ("xcomp" in deps and lemma in XCOMP_STATEMENT_VERBS)
                or (any(c.dep_ == "dobj" and c.i > verb.i for c in verb.children)
                    and lemma in EXTRA_STATEMENT_VERBS | FORECAST_VERBS
                    and not (authors_first_clause(root, verb, verbs, _verb_lemma) or past_expectation(verb)))):
            continue  # "reported a drop in profit", "agreed to offer a loan": an act, not a statement; "..., a rise
            # the authors attribute to ...": an object before its verb is a relative clause the parser missed
        name = _subject_name(span.doc, verb, index)
        if name:
            return name
    if cites_reason(root):
        return _subject_name(span.doc, root, index)  # "The Fed lifted rates, citing evidence the recovery ...": its reason
    holder = _statement_frame(root, verbs, _verb_lemma, _stance_adjectives())
    if holder is not None:
        return _subject_name(span.doc, holder, index)  # "X is determined that ...", "X welcomed it, calling it ..."
    return agent_speaker(root, verbs, _verb_lemma, lambda t: noun_name(span.doc, t, index, _entity_of, _checked_name))


def statement_quotes(span: Span, quotes: Optional[list] = None) -> list:
    """The quotes overlapping ``span`` that are statements (not scare quotes, colon titles or wishes, nor the
    writer's own "I think ..." with no speaker named)."""
    doc, text, verbs = span.doc, doc_text(span.doc), _statement_verbs()
    return [q for q in quotes_in(span, quotes) if _is_statement(q, doc, text, verbs) and not _aside(q, span)
            and not _first_person_stance(q, doc)
            and not authors_frame(q, span, _tokens, lambda v: _verb_lemma(v, verbs) in verbs)]


def source(span: Span, *, author: Optional[str] = None, quotes: Optional[list] = None,
           index: Optional[SourceIndex] = None) -> ClaimSource:
    """The speaker of the statement ``span`` belongs to (see the module docstring), otherwise the author.

    ``quotes``: the quotes overlapping ``span`` when the caller knows them (default: looked up among the doc's);
    ``index``: the doc's :class:`SourceIndex`, built once for all its claims (default: built here)."""
    doc = span.doc
    overlapping = quotes_in(span, quotes)
    text = doc_text(doc)
    verbs = _statement_verbs()
    if index is None:
        index = SourceIndex.of(doc)
    root = span.root
    subject = [t for c in root.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    subject_span = (subject[0].idx, subject[-1].idx + len(subject[-1])) if subject else None
    if (_verb_lemma(root, verbs) in verbs or states_through(root, verbs, _verb_lemma)) and not any(
            (q.cue is not None and q.cue.start <= root.idx < q.cue.end)
            or (q.speaker is not None and subject_span and _overlap((q.speaker.start, q.speaker.end), subject_span))
            or (q.kind == "direct" and q.speaker is not None and q.speaker.name and q.start <= root.idx < q.end)
            for q in overlapping):  # (the last: '"Paula has to figure out what ...," he said': his words)
        main = _reported_speaker(span, index, verbs)
        if main:  # "All three band members stressed that ..., although Bourne admitted ...": the main statement
            return named_speaker(main, text, index.persons)
    header = _header_speaker(span, index, text)
    if header:  # '- Bolton boss Sam Allardyce "I am ... "In the first half ...': the line's speaker, whoever the
        return named_speaker(header, text, index.persons)  # quote finder gave its later sentences
    best, best_overlap, best_quote, named = None, 0, None, []
    for q in overlapping:
        if not _is_statement(q, doc, text, verbs) or _aside(q, span) or _introduces_next(q, text) \
                or authors_frame(q, span, _tokens, lambda v: _verb_lemma(v, verbs) in verbs):
            continue
        ov = _overlap((q.start, q.end), (span.start_char, span.end_char))
        speaker = later_speaker(doc, q, index) or getattr(q, "speaker", None)
        cue = getattr(q, "cue", None)
        if speaker is not None and getattr(speaker, "name", None):
            name = _checked_name(doc, speaker.start, speaker.end, speaker.name, index)
        elif cue is not None:
            toks = _tokens(doc, cue.start, cue.end)
            name = _subject_name(doc, toks.root, index) if toks is not None else None
        else:
            name = None
        if name:
            named.append((q, name))
        if name and ov > best_overlap and not reported_within(doc, q, overlapping, _tokens):
            best, best_overlap, best_quote = name, ov, q  # not "could indicate" of "X said the cuts could indicate"
    if best:
        return named_speaker(lead_source(doc, inner_holder(doc, best, best_quote, named), best_quote, index, text,
                                         _tokens, _checked_name), text, index.persons)
    if not any(_is_statement(q, doc, text, verbs) and q.speaker is not None and q.speaker.name
               and not _introduces_next(q, text) for q in overlapping):  # no statement, or one the quote
        # finder left without a speaker's name
        continued = _continued_quote(span, index, text)
        if continued is not None:
            name = _checked_name(doc, continued.speaker.start, continued.speaker.end, continued.speaker.name, index)
            if name:
                return named_speaker(name, text, index.persons)
    set_in = (_subject_name(doc, v, index) for v in parenthetical_cues(span, lambda v: _verb_lemma(v, verbs) in verbs))
    name = _reported_speaker(span, index, verbs) or next(filter(None, set_in), None) \
        or _endorser(root, index, _entity_of) or trailing_data(span)  # set_in: "..., the bank said, ..."
    if name:
        return named_speaker(name, text, index.persons)
    intro = _list_intro(span, text)  # "- pay a fine" under "The judge said he must:": the statement's item
    if intro is not None and intro.start < span.start:
        return source(intro, author=author, index=index)
    return ClaimSource(type="author", name=author)
