"""Indirect speech: a reporting verb with a clausal complement, ``according to X``, and ``Name: statement``.

``X said (that) ...``, ``X told reporters ...``, ``it has been suggested by X that ...``, ``..., X said``
(the clause before the verb), ``according to X, ...`` (the clause the phrase modifies) and a headline or
transcript line ``Name: statement``. The content is the reported clause without a leading "that"; a verb
of belief ("believe", "hope") reports only with a subject.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from claimpipe.nlp.components.quotes import learned
from claimpipe.nlp.components.quotes.context import Found, QuoteContext, Spans, each_isolated, inside
from claimpipe.nlp.components.quotes.cues import cue_span
from claimpipe.nlp.components.quotes.mentions import according_to, mention, speaker_model, speaker_token
from claimpipe.nlp.faults import Report
from claimpipe.schema import Cue, Quote

# verbs whose infinitive complement is what they report ("vowed to fight"), and verbs that report only
# with a clausal complement
_XCOMP_OK = frozenset("want plan intend decide promise pledge vow threaten hope expect urge call "
                      "need wish prefer refuse".split())
_FIRST_SECOND = frozenset("i we you".split())
_NOT_CUE_WITHOUT_COMPLEMENT = frozenset("see find show read call continue order list post text defend".split())


def indirect_quotes(ctx: QuoteContext, taken: Spans, used_cues: set[int], candidates: list[int],
                    report: Report) -> list[Found]:
    """The reported clauses of ``candidates`` (tokens that may be cues) outside the direct quotes ``taken``,
    except those of the cues direct quotes ``used_cues``. A clause that raises is reported and costs only itself.
    With a trained model (``ctx.model``) every verb is a candidate too: what the rules do not take, the model
    decides (the union measured best on held-out PolNeAR train; the rules' own quotes stay as they were)."""
    if ctx.model is not None:
        candidates = learned.candidates(ctx.doc, candidates)
    tokens = (ctx.doc[i] for i in candidates if i not in used_cues)
    found = each_isolated(tokens, lambda tok: _one_indirect(ctx, tok, taken),
                          lambda tok: f"reported speech at {tok.idx}", report)
    return found


def proposed(ctx: QuoteContext, tok: Token, taken: Spans) -> Optional[tuple[learned.Proposal, tuple[int, int]]]:
    """What candidate ``tok`` would report (see :func:`learned.proposal`) and its offsets, if it is outside the
    direct quotes ``taken``, has at least two words (one for an object), says who is reported (no raising
    passive) and its subject is no first or second person; None otherwise. Chosen on held-out PolNeAR train."""
    if inside(tok.idx, taken):
        return None
    prop = learned.proposal(tok)
    least = 1 if prop is not None and prop.kind.startswith(("prep", "dobj")) else 2  # "supporter of Clinton"
    if prop is None or sum(1 for t in prop.tokens if t.is_alpha) < least:
        return None
    first = prop.tokens[0]
    if first.i > 0 and first.nbor(-1).is_quote and first.nbor(-1).idx > tok.idx and \
            sum(1 for t in prop.tokens if t.is_quote) % 2:
        prop.tokens.insert(0, first.nbor(-1))  # 'called for "a total ban" on ...': the opening mark the parse left out
    if raising_frame(tok, prop.comp) or reflexive_frame(tok, prop.tokens):
        return None  # "The vote is expected to be close", "found themselves a goal down": nobody is reported
    subj = learned.subject(ctx.cues, tok)
    if subj is not None and subj.lower_ in _FIRST_SECOND:
        return None  # the writer ("I watched the goal again"), or a quote's own speaker in a quote left open
    bounds = clause_span(prop.tokens, least)
    return None if bounds is None else (prop, bounds)


def _one_trained(ctx: QuoteContext, tok: Token, taken: Spans) -> Optional[Found]:
    """A candidate cue the trained model ``ctx.model`` decides, with its proposal and the rules' speaker."""
    found = proposed(ctx, tok, taken)
    if found is None:
        return None
    prop, (a, b) = found
    model = ctx.model
    score = model.score(learned.features(ctx.cues, tok, prop))
    if score < model.threshold:
        return None
    subj = _noun_cue_speaker(tok) if tok.pos_ == "NOUN" else speaker_token(ctx.cues, tok, taken)
    cue = cue_span(tok)
    quote = Quote(text=ctx.text[a:b], start=a, end=b, kind="indirect",
                  cue=Cue(text=cue.text, start=cue.start_char, end=cue.end_char),
                  speaker=speaker_model(mention(subj)) if subj is not None else None)
    quote._by_model = True
    return Found(quote, tok.i, score=score)


def _noun_cue_speaker(noun: Token) -> Optional[Token]:
    """Who holds a nominal cue: its possessor ("Islamabad's stance on ...") or its agent ("a call by X for
    ..."); None when it names nobody ("strong opposition to ...": not the adjective before it)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _one_indirect(ctx: QuoteContext, tok: Token, taken: Spans) -> Optional[Found]:
    if inside(tok.idx, taken):
        return None
    if tok.text == ":":
        return _headline_colon(ctx, tok)
    acc = according_to(tok)
    if acc is not None:
        return _according_clause(ctx, tok, *acc)
    found = _one_rule_verb(ctx, tok, taken)
    if found is None and ctx.model is not None:
        return _one_trained(ctx, tok, taken)
    return found


def _one_rule_verb(ctx: QuoteContext, tok: Token, taken: Spans) -> Optional[Found]:
    """The word-list rules for a candidate cue verb: its reported clause, if it is one."""
    if not ctx.cues.is_cue_verb(tok):
        return None
    lemma = tok.lemma_.lower()
    tokens, comp = _reported_clause(ctx, tok, lemma)
    if not tokens or raising_frame(tok, comp) or reflexive_frame(tok, tokens):
        return None
    if lemma in _NOT_CUE_WITHOUT_COMPLEMENT and comp is None:
        return None
    bounds = clause_span(tokens)
    if bounds is None:
        return None
    a, b = bounds
    if sum(1 for t in tokens if t.is_alpha) < 2:
        return None
    words = ctx.words
    subj = speaker_token(ctx.cues, tok, taken)
    if subj is None and lemma in words.belief_verbs and lemma not in words.speech_verbs:
        return None
    if subj is not None and subj.lower_ in ("this", "these", "those"):
        return None  # "This explains ...": not a speaker
    if subj is not None and subj.lower_ in _FIRST_SECOND and in_open_quote(ctx.text, *ctx.line_bounds(tok.idx, tok.idx), tok.idx):
        return None  # '"I think I ran well ...': the quoted speaker's own words, not reported speech
    cue = cue_span(tok)
    return Found(Quote(text=ctx.text[a:b], start=a, end=b, kind="indirect",
                       cue=Cue(text=cue.text, start=cue.start_char, end=cue.end_char),
                       speaker=speaker_model(mention(subj)) if subj is not None else None), tok.i)


def raising_frame(tok: Token, comp: Optional[Token]) -> bool:
    """A passive verb with no agent and an infinitive complement ("The vote is expected to be close"): its
    subject is what the clause is about, not anyone who said it, and nobody is reported."""
    return comp is not None and comp.dep_ == "xcomp" and any(c.dep_ == "auxpass" and c.lower_ not in ("'s", "’s")
                                                             for c in tok.children) \
        and not any(c.dep_ == "agent" for c in tok.children)


def reflexive_frame(tok: Token, tokens: list[Token]) -> bool:
    """"find oneself" ("the home side soon found themselves behind", "finds itself in trouble"): a state the
    subject is in, not anything said or believed (unlike "considers himself a moderate", a belief)."""
    return bool(tokens) and tok.lemma_.lower() == "find" and tokens[0].i == tok.i + 1 \
        and tokens[0].lower_.endswith(("self", "selves"))


def in_open_quote(text: str, line_start: int, line_end: int, at: int) -> bool:
    """Whether offset ``at`` follows a quotation mark opened earlier in its paragraph and not closed before it
    (a quote the pairing of marks left open, such as one that runs on into the next paragraph)."""
    i = max(text.rfind(mark, line_start, at) for mark in '"“”')
    if i < 0 or text[i] == "”":
        return False
    if text[i] == "“":
        return True
    # a straight mark opens when it starts a word: '... business. "We had ...' (a new quote, the last left open)
    return (i == line_start or text[i - 1].isspace() or text[i - 1] in "([—–-") and i + 1 < at \
        and not text[i + 1].isspace()


def _reported_clause(ctx: QuoteContext, tok: Token, lemma: str) -> tuple[list[Token], Optional[Token]]:
    """The tokens the cue verb ``tok`` reports, and its clausal complement if the parse gives one."""
    comp = None
    for child in tok.children:
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and lemma in _XCOMP_OK and child.i > tok.i):
            comp = child
            break
    if comp is not None:
        tokens = list(comp.subtree)
        if comp.i < tok.i:  # "The plan is dead, he said."
            tokens = [t for t in tokens if t.i < tok.i]
        return tokens, comp
    doc = ctx.doc
    if tok.dep_ in ("parataxis", "ccomp") and tok.head.i < tok.i and tok.i > 0 and \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and \
            any(t.is_punct for t in doc[max(tok.head.i, tok.i - 4):tok.i]) and lemma in ctx.words.speech_verbs:
        own = {t.i for t in tok.subtree}
        return [t for t in tok.head.subtree if t.i not in own and t.i < tok.i], None
    aside = _aside(ctx, tok, lemma)
    if aside is not None:  # "The real danger, she said, is a split": the clause around the aside
        own = {t.i for t in tok.subtree} | set(range(aside))
        stop = next((c.left_edge.i for c in tok.head.children if c.i > tok.i and c.dep_ in ("advcl", "conj", "parataxis")
                     and any(ctx.cues.is_cue_verb(t) for t in c.subtree)), len(ctx.doc))
        # "..., although she admitted ...": the clause ends where another cue's begins
        return [t for t in tok.head.subtree if t.i not in own and t.i < stop], None
    return learned.that_clause(tok, past_adjacent_that=False), None


_ASIDE_MARKS = frozenset([",", "—", "–", "--"])


def _aside(ctx: QuoteContext, tok: Token, lemma: str) -> Optional[int]:
    """Where the clause the reporting verb ``tok`` comments on starts (its words from there on are reported),
    when ``tok`` and its subject are set off inside it by commas or dashes ("In the long run, many economists
    say, the effect could spread": the clause's start) or open it as an "as" clause ("But as the paper noted,
    sales fell": the word after the comma); None otherwise. The parse hangs the verb from the main verb after it."""
    if tok.dep_ not in ("parataxis", "ccomp", "advcl") or tok.head.i <= tok.i or lemma not in ctx.words.speech_verbs:
        return None
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
    if subj is None or any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in tok.children):
        return None  # "..., he said the plan ..., ...": a verb with a complement of its own
    doc = tok.doc
    left, right = subj.left_edge.i - 1, tok.i + 1
    while right < tok.head.i and doc[right].head.i == tok.i and doc[right].dep_ in ("advmod", "prep", "npadvmod", "prt"):
        right = doc[right].right_edge.i + 1  # "he said on Monday,", "as she pointed out,"
    if left < 0 or right >= tok.head.i or doc[right].text not in _ASIDE_MARKS:
        return None
    if doc[left].lower_ == "as" and doc[left].head.i == tok.i:  # "As the paper noted, ...": nothing before it
        opens = left == tok.sent.start or doc[left - 1].is_punct or doc[left - 1].dep_ == "cc"
        return right + 1 if opens else None
    if left > tok.head.left_edge.i and doc[left].text in _ASIDE_MARKS:
        return tok.head.left_edge.i
    return None


def _according_clause(ctx: QuoteContext, tok: Token, cue: Span, speaker: Span) -> Optional[Found]:
    """``according to X``: the clause the phrase modifies, without the phrase itself (all the coordinated clauses
    when the phrase closes the sentence)."""
    head = tok.head
    if head.i == tok.i or head.pos_ not in ("VERB", "AUX", "NOUN", "ADJ", "PROPN"):
        sent = tok.sent
        tokens = [t for t in sent if not (tok.i <= t.i < speaker.end)]
    else:
        while head.dep_ == "conj" and _closes_sentence(tok.sent, speaker):
            head = head.head  # "A is set to ... - but this could ..., according to a report.": both clauses
        own = {t.i for t in tok.subtree} | set(range(tok.i, speaker.end))
        tokens = [t for t in head.subtree if t.i not in own]
    # keep the longest run of tokens on one side of the phrase
    left = [t for t in tokens if t.i < tok.i]
    right = [t for t in tokens if t.i >= speaker.end]
    side = right if len([t for t in right if t.is_alpha]) >= len([t for t in left if t.is_alpha]) else left
    bounds = clause_span(side)
    if bounds is None:
        return None
    a, b = bounds
    return Found(Quote(text=ctx.text[a:b], start=a, end=b, kind="indirect",
                       cue=Cue(text=cue.text, start=cue.start_char, end=cue.end_char),
                       speaker=speaker_model(speaker)), None)


def _closes_sentence(sent: Span, speaker: Span) -> bool:
    """Only punctuation follows the ``according to`` phrase's speaker in its sentence: the phrase closes it, and
    speaks for all its coordinated clauses, not only the last one the parser hung it from."""
    return all(t.is_punct or t.is_space for t in sent.doc[speaker.end:sent.end])


def _headline_colon(ctx: QuoteContext, tok: Token) -> Optional[Found]:
    """``Name: statement`` opening a sentence (headlines, transcripts): the name said the statement."""
    doc = ctx.doc
    sent = tok.sent
    if tok.i - sent.start < 1 or tok.i - sent.start > 5:
        return None
    before = doc[sent.start:tok.i]
    if any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in before):
        return None
    if not any(t.pos_ in ("PROPN", "NOUN") for t in before) or before[0].is_punct:
        return None
    rest = [t for t in doc[tok.i + 1:sent.end]]
    if rest and (rest[0].is_quote or rest[0].is_space):
        return None
    if sum(1 for t in rest if t.is_alpha) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    bounds = clause_span(rest)
    if bounds is None:
        return None
    a, b = bounds
    return Found(Quote(text=ctx.text[a:b], start=a, end=b, kind="indirect",
                       cue=Cue(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text)),
                       speaker=speaker_model(doc[sent.start:tok.i])), None)


def clause_span(tokens: list[Token], least: int = 2) -> Optional[tuple[int, int]]:
    """Offsets of a reported clause: without a leading "that" or punctuation (quotation marks stay); None
    when fewer than ``least`` tokens are left."""
    toks = [t for t in tokens if not t.is_space]
    while toks and ((toks[0].is_punct and not toks[0].is_quote) or toks[0].lower_ == "that"):
        toks = toks[1:]
    while toks and toks[-1].is_punct and not toks[-1].is_quote and toks[-1].text != ")":
        toks = toks[:-1]
    if len(toks) < least:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)
