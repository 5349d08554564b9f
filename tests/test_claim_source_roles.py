"""Claim sources on the twenty-third audit set's categories (issue 21): the first-clause rule on a contrast after
a comma ("X set up a firm, while Y has said ...") and on a subject the parser hung on the object before ("... at
the mill and Varga says ..."); "he" after a quote keeps the person of unknown gender who spoke last, not a
man named further back; a work named before "in which" is no person made a subject, nor is a name modifying a
plural subject ("Acme advisers say"); a role with its field and a name after it ("the minister for rural
affairs Jo Hale") and a description with a titled apposition ("the play's author, US playwright Jo Hale") are
that person; confirming reports and a threat "with" something are statements, declining to comment is not; a
paper cited after the sentence ("..., a local newspaper reports") speaks for it; a body's creditors are a body
of their own. And on the twenty-fourth set's: "it is feared ..." is the author's first clause; ", he said" after
what he said with nothing attached to it; a name with a nickname in quotation marks is one name; a statement on
someone's website is theirs. And on the twenty-fifth set's: an apposition inside a role ("ITV's controller of
entertainment, Jo Hale"), a clause the parser cut in two after its subject ("accepted his side had not played
well") and "X was quoted by a paper as saying". On articles written for the test, through ``claimpipe extract``
(every sentence a claim)."""

from __future__ import annotations

from claim_sources import extract_claims, extract_sources as _sources, source_starting as _starting


def test_a_contrast_and_a_misparsed_subject_after_the_authors_first_clause(cli, tmp_path):
    body = ("Baker Tom Varga recently set up Harvest Loaves, while miller Jan Lowe has said she is keen to open a "
            "shop.\n"
            "The two mills, both short of flour, meet on 12 May at Lisbury and Varga says his men will be ready.\n"
            "Jan Lowe bought the mill in May, and she said it would reopen in June.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Baker Tom Varga") == "author"
    assert _starting(got, "The two mills") == "author"
    assert _starting(got, "Jan Lowe bought") == "Jan Lowe"  # a pronoun going on about the first subject


def test_he_is_the_person_just_named_not_a_man_named_further_back(cli, tmp_path):
    body = ('"Flour prices will stay high," Roy Varga, chief buyer at Harvest Mills, told reporters. '
            '"The harvest was poor."\n'
            "Bernard Okonedo, head of research at Lisbury Grain, said bread was still good value. "
            '"Prices are still looking fair," he told reporters. "We have seen good harvests in the south."')
    got = _sources(cli, tmp_path, body)
    assert _starting(got, '"Prices are still looking') == "Bernard Okonedo"
    assert _starting(got, '"We have seen good') == "Bernard Okonedo"  # the quote he goes on with


def test_a_work_before_in_which_and_a_name_modifying_a_plural_are_no_person_subjects(cli, tmp_path):
    body = ("Mr Tom Varga, who ran the Acme Records label for ten years, will produce the film.\n"
            "He made a short appearance in Dancing Dan, in which his own role was played by Jan Lowe.\n"
            '"I did a poor job playing my part in Dancing Dan," said the Acme Records founder.\n'
            "Zack Okonedo, a lawyer for the mill, told the court the sale was unfair. Mr Okonedo said the mill "
            "was owed $2m.\n"
            "He added that the lowest bid was $8m - less than half of the $20m that Kowalski advisers say it is worth. "
            '"We believe the only serious bidder is Acme," he said.')
    got = _sources(cli, tmp_path, body)
    assert _starting(got, '"I did a poor job') == "Tom Varga"  # not the film's title
    assert _starting(got, '"We believe') == "Zack Okonedo"  # not "Kowalski" of "Kowalski advisers"


def test_a_role_with_its_field_and_a_titled_apposition_are_the_person_named(cli, tmp_path):
    body = ("Harvest founder Tom Varga has said he wants to open a second mill.\n"
            '"The days of bread being a luxury are over," the minister for civil defence Jan Lowe said earlier.\n'
            "But the play's author, US playwright Anna Okonedo, says it is all about the valley's millers.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, '"The days of bread') == "Jan Lowe"  # not the man named before
    assert _starting(got, "But the play's author") == "Anna Okonedo"


def test_confirming_reports_a_threat_and_declining_to_comment(cli, tmp_path):
    body = ("Acme Mills, the only major valley mill in the red, confirmed earlier reports of talks on Tuesday.\n"
            "But a spokeswoman refused to comment on rumours that Harvest Mills could end up milling for Acme.\n"
            "Harvest Bank's creditors have threatened the bank with penalties if it fails to respond.\n"
            "Storms threatened the harvest in May.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "Acme Mills, the only") == "Acme Mills"
    assert _starting(got, "But a spokeswoman refused") == "author"  # nothing said
    assert _starting(got, "Harvest Bank's creditors") == "Harvest Bank's creditors"  # a body of their own
    assert _starting(got, "Storms threatened") == "author"  # no threat made to anyone


def test_a_paper_cited_after_the_sentence_speaks_for_it(cli, tmp_path):
    body = ("The valley's council has banned the play.\n"
            "Several councillors and local priests are now siding with the Lisbury Council, Uganda's Daily Echo "
            "newspaper reports.")
    claims = {c["text"].split()[0]: c for c in extract_claims(cli, tmp_path, body)}
    siding = claims["Several"]
    assert siding["source"]["type"] == "speaker" and "Daily Echo" in siding["source"]["name"]
    assert siding["kind"] == "attribution"


def test_an_impersonal_first_clause_a_cue_after_a_list_a_nickname_and_a_statement_on_a_website(cli, tmp_path):
    body = ("In the hilly valley, it is feared as many as 5,000 mill workers could lose their jobs, and Mr Tom "
            "Okonedo said he expected more mills to close.\n"
            "Mr Okonedo heads the union. The owners - two from Taiwan, two from Lisbury, one from Acton and one "
            "from Hove - left over the winter break without telling or paying their staff, he said.\n"
            "Jan 'Spike' Lowe told a radio station in Lisbury that his bandmates backed his decision to leave. Lowe "
            "added that he would sing in a church.\n"
            "Tennis star Anna Varga will return in May. \"Anna had hoped to play in June,\" a statement on her "
            "website said.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "In the hilly valley") == "author"  # "it is feared" is the author's first clause
    assert _starting(got, "The owners") == "Tom Okonedo"  # ", he said" after what he said
    assert _starting(got, "Jan 'Spike' Lowe told") == "Jan 'Spike' Lowe"  # the whole name
    assert _starting(got, "Lowe added") == "Jan 'Spike' Lowe"
    assert _starting(got, '"Anna had hoped') == "Anna Varga"  # her website speaks for her


def test_an_apposition_inside_the_role_a_clause_cut_in_two_and_quoted_as_saying(cli, tmp_path):
    body = ("Jan Hale, ITV's controller of entertainment, said so. ITV's controller of entertainment, Anna Varga, "
            "said she had no qualms in renewing the show.\n"
            "France coach Bernard Lowe accepted his side had not played well.\n"
            "Chief executive Jan Okonedo was quoted by the Lisbury Echo newspaper as saying the mill could no longer "
            "afford to stay open.\n"
            "Mr Okonedo has replaced the board and held a meeting to meet criticism of the mill.")
    got = _sources(cli, tmp_path, body)
    assert _starting(got, "ITV's controller") == "Anna Varga"  # the parser hung her name on "entertainment"
    assert _starting(got, "France coach") == "Bernard Lowe"  # "his side" made the object, "had ... played" cut off
    assert _starting(got, "Chief executive") == "Jan Okonedo"  # the paper only quotes him
    assert _starting(got, "Mr Okonedo has replaced") == "author"  # "held a meeting to meet ...": no clause cut
