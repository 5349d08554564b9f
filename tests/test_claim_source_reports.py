"""Claim sources on the seventeenth audit set's categories (issue 21): a report named after its author or body
speaks for them ("the Kok report recommends", "Labor Department figures"); a passive verb of saying with "it"
and no agent ("..., it was confirmed on Wednesday") is the author's report, not a statement of the sentence's
subject; an intention or commitment put into words ("underlined his intention to stay") is its subject's
statement, as is ruling something out ("has not ruled out competing") or denying what was alleged ("denied
involvement"); a case dismissed or a bid rejected is an act ("a judge has dismissed an attempt to ..."), a bid
dismissed as inadequate a statement; a statement joined after the author's own first clause with a subject of its
own ("X was in doubt, but the chairman said ...") leaves the sentence the author's (the first-clause rule); a
rebuke ("has rapped his captain for ...") is a statement, as are "played down talk of" and "spelled out"; data
cited after the sentence ("..., figures from the trade ministry show") speaks for its maker; an expectation held
before the news ("X had expected more") is the author's; hearsay with no maker ("recent rumours have suggested")
is nobody's statement, a paper's word after "but ..., according to X" covers that clause only, a ministry named
by its field is a body of its own, and "made it clear that" is a statement. On articles written for the test,
through ``claimpipe extract`` (every sentence a claim)."""

from __future__ import annotations

from claim_sources import extract_claims, extract_sources as _sources, source_starting as _starting


def test_a_report_named_after_a_person_or_a_body_speaks_for_them(cli, tmp_path):
    body = ("Former minister Anna Lowe was asked to review the valley's mills last year.\n"
            "The Lowe report recommends that the two mills be merged by 2007.\n"
            "Harvest Board figures showed that flour sales fell by 4% in March.\n"
            "The Lisbon report recommends that the mills be sold.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "The Lowe report") == "Anna Lowe"
    assert _starting(got, "Harvest Board figures") == "Harvest Board"
    assert _starting(got, "The Lisbon report") != "Lisbon"  # a place names no author


def test_a_passive_verb_of_saying_with_it_and_no_agent_is_the_authors(cli, tmp_path):
    body = ("The miller's sons, Tom and Jan Varga, will also take over the shop, it was confirmed on Wednesday.\n"
            "The mill will close in May, it was announced by Anna Lowe on Friday.")
    claims = {c["text"].split()[1]: c for c in extract_claims(cli, tmp_path, body)}
    confirmed = claims["miller's"]
    assert confirmed["source"]["type"] == "author"  # no one is said to confirm it: not the sons
    assert confirmed["kind"] == "prediction"  # what is confirmed is to come, not a reported statement
    assert claims["mill"]["source"] == {"type": "speaker", "name": "Anna Lowe"}  # an agent: hers


def test_an_intention_put_into_words_is_the_subjects_statement(cli, tmp_path):
    body = ("But the 25-year-old defender Tom Varga underlined his intention to stay at the club.\n"
            "Tom Varga underlined the point with a second goal after the break.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "But the 25-year-old") == "Tom Varga"
    assert _starting(got, "Tom Varga underlined the point") == "author"  # no stance noun: an act


def test_ruling_out_and_denying_are_statements_and_dismissing_a_case_is_an_act(cli, tmp_path):
    body = ("Britain's Jane Varga has not ruled out competing in the Harvest Cup.\n"
            "An injury ruled Tom Lowe out of the final.\n"
            "Mr Lowe pleaded not guilty to the charges and denied involvement in any fraud at the mill.\n"
            "A judge has dismissed an attempt by the Harvest Mill to gain protection from its creditors.\n"
            "The Harvest Mill dismissed the offer from Acme as inadequate.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Britain's Jane Varga") == "Jane Varga"
    assert _starting(got, "An injury ruled") == "author"  # a person ruled out of a match: an act
    assert _starting(got, "Mr Lowe pleaded") == "Tom Lowe"  # the name the article gave first
    assert _starting(got, "A judge has dismissed") == "author"  # a ruling on a case: the author's event
    assert _starting(got, "The Harvest Mill dismissed") == "Harvest Mill"  # a verdict on the offer, in words


def test_a_reason_cited_or_a_caution_is_said_and_adding_to_or_showing_a_quality_is_not(cli, tmp_path):
    body = ("The Harvest Bank lifted its lending rate three times last year, citing evidence the valley's recovery was "
            "becoming stronger.\n"
            "Meanwhile, analysts cautioned against reading too much into the mill's figures for November.\n"
            "The latest award adds to the three prizes and four medals won earlier in the year.\n"
            "After a short pass from Tom Varga, the flanker showed his pace to ground the ball by the post.")
    claims = {c["text"].split()[1]: c for c in extract_claims(cli, tmp_path, body)}
    assert claims["Harvest"]["source"]["name"] == "Harvest Bank"  # the bank's stated reason
    assert claims["analysts"]["source"]["name"] == "analysts"
    assert claims["latest"]["source"]["type"] == "author" and claims["latest"]["kind"] != "attribution"
    assert claims["a"]["source"]["type"] == "author"  # a quality shown on the pitch, no statement


def test_a_proceeding_faced_is_ahead_and_an_investigation_under_way_is_not(cli, tmp_path):
    body = ("The two sprinters face charges of failing to attend a drugs test in the valley.\n"
            "Mr Lowe is also facing a lifetime ban from the sport.\n"
            "Traders at the Harvest Bank are facing an investigation over a bond deal.\n"
            "The Oakland-based Harvest laboratory faces fraud and money laundering charges.")
    kinds = {c["text"].split()[1]: c["kind"] for c in extract_claims(cli, tmp_path, body)}
    assert kinds["two"] == "prediction" and kinds["Lowe"] == "prediction"
    assert kinds["Oakland-based"] == "prediction"  # the proceeding is the second of two coordinated objects
    assert kinds["at"] != "prediction"  # an investigation under way


def test_a_statement_joined_after_the_authors_first_clause_leaves_the_sentence_the_authors(cli, tmp_path):
    body = ("Tom Varga's place at the mill was in doubt, but Harvest chairman Jan Lowe said he was glad to keep him.\n"
            "The mill's flour sales fell in March, and analysts said that the fall was not enough to close it.\n"
            "The Harvest Mill reported a loss, but Harvest Mill says a recovery is on the way.\n"
            "Anna Lowe was entered late by her coach, but the athlete told reporters that she was fit.\n"
            "The valley's economy grew in 2004, but more reforms are needed, the Harvest Bank has said.\n"
            "Jan Varga praised the plan and said that the mill would reopen in May.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Tom Varga's place") == "author"  # a chairman named anew after the author's clause
    assert _starting(got, "The mill's flour sales") == "author"
    assert _starting(got, "The Harvest Mill reported") == "Harvest Mill"  # the first clause's subject named again
    assert _starting(got, "Anna Lowe was entered") == "Anna Lowe"  # a description going on about the first clause's person
    assert _starting(got, "The valley's economy") == "Harvest Bank"  # a cue after what it says covers it
    assert _starting(got, "Jan Varga praised") == "Jan Varga"  # the first clause is itself his


def test_a_rebuke_or_a_stance_spoken_of_is_the_subjects_statement(cli, tmp_path):
    body = ("Meanwhile, Tom Varga has rapped his captain Jan Lowe for his comments before the derby.\n"
            "Jan Lowe spoke of his dislike of the club's rivals ahead of the match.\n"
            "Jan Lowe spoke to the press after the match.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Meanwhile, Tom Varga") == "Tom Varga"  # a rebuke in words
    assert _starting(got, "Jan Lowe spoke of") == "Jan Lowe"
    assert _starting(got, "Jan Lowe spoke to") == "author"  # no stance put into words


def test_data_cited_after_the_sentence_an_expectation_held_before_and_phrasal_verbs_of_saying(cli, tmp_path):
    body = ("The valley's output rose by 6.3% in 2003, a high since 1998, figures from the farm ministry show.\n"
            "Despite seeing flour sales rise by 44% to $205.4m, the Harvest Bank had expected more.\n"
            "The Harvest Mill had earlier forecast a 4% to 6% rise in flour sales.\n"
            "Harvest defender Tom Varga has played down talk of a cup run, despite his team lying second.\n"
            "Harvest coach Jan Lowe spelled out what the side needed to do at half-time.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "The valley's output") == "farm ministry"  # whatever the parse made of "show"
    assert _starting(got, "Despite seeing") == "author"  # a past expectation set against the result
    assert _starting(got, "The Harvest Mill had") == "Harvest Mill"  # a forecast it stated
    assert _starting(got, "Harvest defender") == "Tom Varga"
    assert _starting(got, "Harvest coach") == "Jan Lowe"


def test_an_event_taking_place_on_a_date_is_ahead(cli, tmp_path):
    body = ("The 12th Harvest Awards are taking place on 14 May, and the valley's millers are holding their breath.\n"
            "The Harvest Awards took place on 5 March 2004 in the valley's largest mill.")
    kinds = {c["text"].split()[2]: c["kind"] for c in extract_claims(cli, tmp_path, body)}
    assert kinds["Harvest"] == "prediction"  # a schedule
    assert kinds["Awards"] != "prediction"  # it took place


def test_hearsay_with_no_maker_a_word_covering_the_second_clause_and_a_body_named_by_its_field(cli, tmp_path):
    body = ("Tom Varga's mill opened in March, and the Harvest Bank lent it £2m.\n"
            "However, recent rumours have suggested that Tom Varga has been wanting to sell the mill.\n"
            "The mill took sixth place in the valley's league with £5.4m, but it led the export table in March, "
            "according to the Harvest Gazette, with £20m.\n"
            "Flour sales rose 5% in March, according to figures from the trade ministry.\n"
            "A statement from the mill's owner Harvest Holdings said Tom Varga planned to stay.\n"
            "The Harvest Bank's chief executive made it clear that the loan would not be renewed.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "However, recent rumours") == "author"  # hearsay: nobody's statement
    assert _starting(got, "The mill took") == "author"  # the paper's word covers the clause after "but" only
    assert _starting(got, "Flour sales") in ("trade ministry", "the trade ministry")  # not the bank named before
    assert _starting(got, "A statement from") == "Harvest Holdings"
    assert _starting(got, "The Harvest Bank's chief") != "author"  # making it clear is a statement
