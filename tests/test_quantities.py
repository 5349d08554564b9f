"""Quantities by category (issue 21, item 3), on sentences written for the test: amounts need a countable head,
adjectival numbers and event names are none, and two amounts, ranges, fractions and money words keep their kind."""

from __future__ import annotations

import pytest


def _quantities(nlp, text: str) -> list[tuple]:
    from claimpipe.nlp.components.claims.quantities import extract_quantities

    doc = nlp(text)
    return [(q.text, q.kind, q.amount, q.unit, q.bound, q.upper) for q in extract_quantities(doc[:])]


def test_two_amounts_in_one_entity_are_two_and_a_stated_range_is_one(nlp):
    got = _quantities(nlp, "The levy was cut from 40% to 38% and inflation should stay between 2% and 5% until 2009.")
    assert ("40%", "percent", 40.0, "%", None, None) in got
    assert ("38%", "percent", 38.0, "%", None, None) in got
    assert ("between 2% and 5%", "range", 2.0, "%", None, 5.0) in got
    got = _quantities(nlp, "Exports climbed 17% to 312,400 over the year.")
    assert {q[1] for q in got} == {"percent", "count"}, got  # a percentage and a count, not a range


def test_x_or_y_is_a_range_with_its_lower_bound(nlp):
    got = _quantities(nlp, "The hosts missed three or four clear chances.")
    assert [(q[0], q[1], q[2], q[5]) for q in got] == [("three or four", "range", 3.0, 4.0)]


def test_currency_words_glued_or_qualified_keep_the_amount_money(nlp):
    got = _quantities(nlp, "The city's 90bn-rand housing plan was approved, with a loss of 3.4bn Canadian dollars.")
    assert ("90bn-rand", "money", 90e9, "ZAR", None, None) in got
    assert ("3.4bn Canadian dollars", "money", 3.4e9, "CAD", None, None) in got


def test_words_before_the_amount_and_fractions_of_a_point(nlp):
    got = _quantities(nlp, "The firm exported a little under $7bn of goods, and rates rose by half of a percentage "
                           "point. Fees could climb by a quarter of a percentage point in May.")
    assert ("a little under $7bn", "money", 7e9, "USD", "upper", None) in got
    assert ("a quarter of a percentage point", "percent", 0.25, "%", None, None) in got


def test_vague_magnitudes_take_the_product_of_their_scales(nlp):
    got = _quantities(nlp, "The refit cost tens of thousands of pounds.")
    assert got == [("tens of thousands of pounds", "money", 1e4, "GBP", "lower", None)]


def test_one_with_its_countable_head_and_plural_names_are_counts(nlp):
    got = {(q[0], q[1], q[2]) for q in _quantities(
        nlp, "He is survived by one daughter. The record fell one place. The film is up for seven Bafta Awards.")}
    assert {("one", "count", 1.0), ("seven", "count", 7.0)} <= got
    assert sum(1 for q in got if q[0] == "one") >= 1
    assert _quantities(nlp, "One of the features is a garden.") == []


def test_a_fraction_written_as_one_word_is_a_ratio(nlp):
    got = _quantities(nlp, "The fund holds a one-third stake in the brewer.")
    assert [(q[0], q[1]) for q in got] == [("one-third", "ratio")]


def test_race_distances_named_by_the_phrase_are_not_measures(nlp):
    text = ("She took the 3,000m title, ran in the men's 800m and the fastest 400m final in the national 5000m "
            "rankings, then ran her last 300m of the session and shot from 20m.")
    got = [q[0] for q in _quantities(nlp, text)]
    assert got == ["300m", "20m"], got


@pytest.mark.parametrize("text", [
    "The drama tracks Adrian, 12, during a summer in Kent.",  # parsed as an adverb, not an apposition
    "The home side were ahead before half-time.",
    "The melody climbs a half-step in the chorus.",
])
def test_ages_after_a_name_and_number_words_glued_to_a_noun_are_not_amounts(nlp, text):
    assert _quantities(nlp, text) == []


def test_race_and_lap_times_are_durations_not_counts(nlp):
    got = _quantities(nlp, "The sprinter won the heat in 10.45 secs and the final lap took 58.3 sec. The delay at the "
                           "border was 2 mins, and the crossing took 3 hrs with a crew of 31.")
    assert [(q[0], q[1], q[2]) for q in got] == [("31", "count", 31.0)], got
    assert _quantities(nlp, "The veteran finished fourth in 11.28.") == []
    assert _quantities(nlp, "She set a meeting record of 12.91 in winning the hurdles.") == []
    got = _quantities(nlp, "The visitors scored three second-half goals, and the peso fell to 11.40 per euro.")
    assert [(q[0], q[1], q[2]) for q in got] == [("three", "count", 3.0), ("11.40", "money", 11.4)], got  # a price
    # of a currency, as the eleventh audit set labels "per euro" (like "apiece"), not a rate
    got = _quantities(nlp, "The club fell to 7,000 members and the squad has 24 players.")
    assert [(q[0], q[2]) for q in got] == [("7,000", 7000.0), ("24", 24.0)]  # whole numbers still count


def test_pence_glued_to_the_number_are_money(nlp):
    got = _quantities(nlp, "The shares rose 4.5p to close at 126.5p on Friday.")
    assert [(q[0], q[1], q[2], q[3]) for q in got] == [("4.5p", "money", 4.5, "GBP"), ("126.5p", "money", 126.5, "GBP")]
    got = _quantities(nlp, "Its rival lost 12 pence to end at 310.25 pence.")
    assert [(q[1], q[2], q[3]) for q in got] == [("money", 12.0, "GBP"), ("money", 310.25, "GBP")], got


def test_a_number_and_a_half_before_a_scale_is_one_amount(nlp):
    got = _quantities(nlp, "The council will plant two and a half million trees.")
    assert [(q[0], q[1], q[2], q[3]) for q in got] == [("two and a half million", "count", 2.5e6, "tree")], got
    got = _quantities(nlp, "The state will spend one and a half billion pounds on roads.")
    assert [(q[0], q[1], q[2], q[3]) for q in got] == [("one and a half billion pounds", "money", 1.5e9, "GBP")], got


def test_a_number_word_that_names_a_channel_is_no_count(nlp):
    text = ("The regulator wrote to broadcaster Nine about the advert. Nine said it had received 60 complaints. "
            "Nine admitted the letters had gone out. Nine viewers complained again later.")
    got = [(q[0], q[1], q[2]) for q in _quantities(nlp, text)]
    assert got == [("60", "count", 60.0), ("Nine", "count", 9.0)], got
    got = [(q[0], q[2]) for q in _quantities(nlp, "Nine were injured in the blast. Nine people died.")]
    assert got == [("Nine", 9.0), ("Nine", 9.0)], got  # no name in the text: a count


def test_a_share_in_words_before_of_is_a_ratio(nlp):
    assert [(q[0], q[1]) for q in _quantities(nlp, "Shares in the miner lost a third of their value.")] == \
        [("a third", "ratio")]
    assert _quantities(nlp, "Profits fell in the first quarter of 2005.") == []
    got = _quantities(nlp, "Rates rose by a quarter of a percentage point.")
    assert [(q[0], q[1]) for q in got] == [("a quarter of a percentage point", "percent")]


def test_an_age_after_people_and_a_race_someone_favours_are_no_amounts(nlp):
    assert _quantities(nlp, "The fund targets girls under 12 and their mothers.") == []
    assert _quantities(nlp, "The sprinter dropped down from his favoured 400m to the shorter race.") == []
    assert [(q[0], q[1]) for q in _quantities(nlp, "The club has under 300 members.")] == [("300", "count")]


def test_shares_in_words_currency_names_and_feet(nlp):
    got = {(q[0], q[1], q[2], q[3]) for q in _quantities(
        nlp, "Profit was 9.5bn kronor, against 6.3bn kronor a year earlier, and rose to half of sales.")}
    assert ("9.5bn kronor", "money", 9.5e9, "SEK") in got and ("6.3bn kronor", "money", 6.3e9, "SEK") in got
    assert ("half", "ratio", 0.5, None) in got  # a share, not a count of 0.5
    got = [(q[0], q[1]) for q in _quantities(nlp, "The member states hold two thirds of the seats.")]
    assert got == [("two thirds", "ratio")]
    got = [(q[0], q[1], q[2]) for q in _quantities(nlp, "Almost a quarter of a million buyers complained.")]
    assert got == [("a quarter of a million", "count", 250000.0)]
    assert [(q[1], q[3]) for q in _quantities(nlp, "The thief jumped 30ft from a window.")] == [("other", "ft")]


@pytest.mark.parametrize("text", [
    "Readers can call the desk on 0161 7 303 303 or 0500 444 222.",  # phone numbers
    "Extra shows will be staged on 9, 16 and 23 June.",  # days listed before their month
    "The striker hopes to stay in Spain until he turns 33.",  # an age
    "Jones, seeded four, lost in the second round.",  # a seeding
])
def test_codes_listed_days_ages_and_seedings_are_no_amounts(nlp, text):
    assert _quantities(nlp, text) == []


def test_a_change_then_the_level_reached_is_two_amounts_not_a_range(nlp):
    got = _quantities(nlp, "Wheat futures climbed $3.10 to $210.50 a tonne on Friday.")
    assert [(q[0], q[1], q[2]) for q in got] == [("$3.10", "money", 3.1), ("$210.50", "rate", 210.5)], got
    got = _quantities(nlp, "The jobless count fell 9,000 to 712,400 in May.")
    assert [(q[0], q[1]) for q in got] == [("9,000", "count"), ("712,400", "count")], got
    got = _quantities(nlp, "The bank expects growth of 2% to 2.5% and between 5 and 10 new branches.")
    assert [q[1] for q in got] == ["range", "range"], got  # stated ranges stay ranges
    got = _quantities(nlp, "Sales will rise 2% to 3% and the group plans to cut 500 to 1,000 jobs.")
    assert [q[1] for q in got] == ["range", "range"], got  # a forecast, and a verb with an object


def test_number_words_joined_by_a_hyphen_are_one_number(nlp):
    got = _quantities(nlp, "Thirty-five thousand fans watched the final. Its crew of forty-two was rescued.")
    assert [(q[0], q[1], q[2]) for q in got] == [("Thirty-five thousand", "count", 35000.0),
                                                 ("forty-two", "count", 42.0)], got


def test_digit_qualifiers_raise_the_lower_bound_of_a_vague_magnitude(nlp):
    got = _quantities(nlp, "The charity expects gifts in the low double-digit millions of dollars.")
    assert got == [("double-digit millions of dollars", "money", 1e7, "USD", "lower", None)], got
    got = _quantities(nlp, "The dam will cost hundreds of millions of pounds and billions of euros later.")
    assert [(q[0], q[2], q[3]) for q in got] == [("hundreds of millions of pounds", 1e8, "GBP"),
                                                 ("billions of euros", 1e9, "EUR")], got


def test_pounds_that_weigh_are_a_measure(nlp):
    got = _quantities(nlp, "The crate of books came to 900 pounds (410kg) in all, and the new engine is 300 pounds lighter.")
    assert [(q[0], q[1], q[2]) for q in got] == [("900 pounds", "other", 900.0), ("410kg", "other", 410.0),
                                                 ("300 pounds", "other", 300.0)], got
    assert [q[1] for q in _quantities(nlp, "The prize for the winning pie was 500 pounds.")] == ["money"]


@pytest.mark.parametrize("text", [
    "The studio found her original 1964 recordings in a vault.",  # a year dating its noun
    "The lorry blocked the road at one point.",  # an idiom of time
    "The country's three largest banks have merged.",  # a ranking, as "top 10"
    "I will be out for two or three weeks.",  # a duration (the dates tagger takes "three weeks")
    "The visitors levelled within five frantic minutes.",  # a duration the dates tagger misses
    "The band dropped two places to six, with the newcomers at eight.",  # chart places
    "Our keeper saved a penalty to end the champions' 14-game unbeaten run.",  # a spell counted in games
    "She dropped down from her favoured 800m to 400m this winter.",  # race names
    "My aunt hummed Tea For 2 All Day at breakfast.",  # digits inside a title
])
def test_years_rankings_idioms_durations_places_spells_and_titles_are_no_counts(nlp, text):
    got = [q for q in _quantities(nlp, text) if q[3] != "place"]  # "two places" is a count
    assert got == [], got


def test_ranks_need_a_definite_phrase_and_attendance_counts(nlp):
    got = _quantities(nlp, "The singer won two best album awards.")
    assert [(q[0], q[1]) for q in got] == [("two", "count")], got
    got = _quantities(nlp, "Goals: Smith 12. Att: 31,207 Ref: P Jones.")
    assert [(q[0], q[2]) for q in got if q[1] == "count"] == [("31,207", 31207.0)], got
    got = _quantities(nlp, "The list grew to 95,000, up from 61,000 six months earlier.")
    assert [q[0] for q in got] == ["95,000", "61,000"], got  # the months have their own number


def test_half_a_scale_the_tagger_left_is_half_of_it(nlp):
    from claimpipe.nlp.components.claims.quantities import extract_quantities

    doc = nlp("Officials said that in Laos just over half a million people could lose their homes, and half a "
              "billion dollars was pledged.")
    doc.ents = []  # the tagger may leave "half a million" untagged: the lone scale word is then all it sees
    got = [(q.text, q.kind, q.amount) for q in extract_quantities(doc[:])]
    assert got == [("half a million", "count", 5e5), ("half a billion dollars", "money", 5e8)], got


def test_a_number_times_a_comparison_is_a_ratio(nlp):
    got = _quantities(nlp, "The library now holds a hundred times more maps than it did, and three times as many globes.")
    assert [(q[0], q[1], q[2]) for q in got] == [("a hundred times", "ratio", 100.0), ("three times", "ratio", 3.0)], got
    got = _quantities(nlp, "She has won the cup five times.")
    assert [(q[0], q[1]) for q in got] == [("five", "count")], got  # occasions stay a count


def test_a_definite_number_with_a_phrase_defining_its_noun_counts(nlp):
    got = _quantities(nlp, "The studio's best opening came after the two films in the Bourne series.")
    assert [(q[0], q[1], q[2]) for q in got] == [("two", "count", 2.0)], got
    assert _quantities(nlp, "The club made the world's two richest owners angry.") == []  # a ranking
    got = _quantities(nlp, "Chile and Peru are the two countries the bank fears are most at risk.")
    assert [q[0] for q in got] == ["two"]  # a definite count counts (the twelfth and later sets' labels)


def test_a_bare_exchange_rate_against_a_currency_is_money(nlp):
    got = _quantities(nlp, "The peso had weakened to 19.245 against the dollar by noon.")
    assert [(q[0], q[1], q[2], q[3]) for q in got] == [("19.245", "money", 19.245, "MXN")], got


def test_a_place_in_the_world_ranks(nlp):
    assert _quantities(nlp, "The driver has climbed from 40 in the world in March to number 18.") == []
    got = _quantities(nlp, "There are only 300 in the world and the zoo has two.")
    assert [q[0] for q in got] == ["300", "two"], got


def test_a_distance_naming_a_race_or_a_place_in_one_is_no_measure(nlp):
    assert _quantities(nlp, "Murray won the 7.5km race in the forest and now wants a 3,000m place in the relay squad.") == []
    got = _quantities(nlp, "Ellis kicked a 45m penalty and sprinted the final 30 metres for the try.")
    assert [(q[0], q[1]) for q in got] == [("45m", "other"), ("30 metres", "other")], got


def test_a_measure_in_adjectival_position_is_a_measure(nlp):
    got = _quantities(nlp, "The firm built a 100,000 square foot studio near the river.")
    assert [(q[1], q[2], q[3]) for q in got] == [("other", 100000.0, "foot")], got


def test_a_vague_magnitude_of_someone_s_things_and_a_described_set_from_a_phrase(nlp):
    got = _quantities(nlp, "The auction offered thousands of her old letters to collectors.")
    assert [(q[1], q[2], q[4]) for q in got] == [("count", 1e3, "lower")], got
    got = _quantities(nlp, "Fans queued to see the three wooden puppets from her early series.")
    assert [(q[0], q[1], q[2]) for q in got] == [("three", "count", 3.0)], got
    assert [q[0] for q in _quantities(nlp, "The two big banks met in London.")] == ["two"]  # refers back: counts too


def test_times_what_is_a_ratio_and_a_bare_level_a_price_reached_is_money(nlp):
    got = _quantities(nlp, "Orders for the new bonds were strong - eight times what was available.")
    assert [(q[0], q[1], q[2]) for q in got] == [("eight times", "ratio", 8.0)], got
    got = _quantities(nlp, "The shares closed at 215 rand on Friday after hitting 240 in early trade.")
    assert [(q[0], q[1], q[2]) for q in got] == [("215 rand", "money", 215.0), ("240", "money", 240.0)], got
    got = _quantities(nlp, "The team reached 300 for the first time.")
    assert [(q[1], q[2]) for q in got] == [("count", 300.0)], got


def test_a_year_right_before_a_noun_of_figures_dates_them(nlp):
    assert _quantities(nlp, "Analysts said the rush that had lifted 2006 sales was over.") == []
    got = _quantities(nlp, "The firm hired 2000 people.")
    assert [(q[1], q[2]) for q in got] == [("count", 2000.0)], got


def test_exchange_rate_levels_index_readings_and_a_currency_word_in_a_name(nlp):
    # "per euro" and "versus the euro" after a bare decimal: the price of the subject's currency, money
    got = _quantities(nlp, "The rouble slid to 36.20 per euro on Monday.")
    assert [(q[0], q[1], q[2], q[3]) for q in got] == [("36.20", "money", 36.2, "RUB")], got
    got = _quantities(nlp, "The dollar slid to 1.2950 versus the euro.")
    assert [(q[0], q[1], q[3]) for q in got] == [("1.2950", "money", "USD")], got
    # a level a currency moved to without the other currency named, also by "it" after a sentence on it
    got = _quantities(nlp, "The peso later recovered to 11.25.")
    assert [(q[0], q[1], q[3]) for q in got] == [("11.25", "money", "MXN")], got
    got = _quantities(nlp, "The rand dropped to 7.60 against the dollar in early trading. It later firmed to 7.52.")
    assert [(q[0], q[1], q[3]) for q in got] == [("7.60", "money", "ZAR"), ("7.52", "money", "ZAR")], got
    assert _quantities(nlp, "Shares fell to 1.25 and it later fell to 1.10.") == []  # no currency: a bare level
    assert [(q[0], q[1], q[3]) for q in _quantities(nlp, "Oil rose to $45.20 per barrel.")] == [("$45.20", "rate", "USD")]
    # an index reading is a measure
    got = _quantities(nlp, "The survey said its index rose to 54.3, more than traders had predicted.")
    assert [(q[0], q[1], q[2]) for q in got] == [("54.3", "other", 54.3)], got
    # a capitalised singular currency word after a number names someone: no amount
    got = _quantities(nlp, "The top act in the chart was 10 Cent, who took $24m to the bank.")
    assert [q[0] for q in got] == ["$24m"], got
    assert [(q[0], q[1]) for q in _quantities(nlp, "It cost 20 Euros.")] == [("20 Euros", "money")]


def test_a_glued_m_before_people_or_of_an_audience_is_millions_not_metres(nlp):
    got = _quantities(nlp, "The final drew an average of 8.4m viewers, and the album sold 3m copies.")
    assert [(q[0], q[1], q[2]) for q in got] == [("8.4m", "count", 8.4e6), ("3m", "count", 3e6)], got
    got = _quantities(nlp, "The series peaked on Friday at 9.7m and 41.5% of the audience.")
    assert ("9.7m", "count", 9.7e6) in [(q[0], q[1], q[2]) for q in got], got
    got = _quantities(nlp, "She cleared 1.76m to win and threw 13.86m in the shot.")
    assert [(q[0], q[1], q[2]) for q in got] == [("1.76m", "other", 1.76), ("13.86m", "other", 13.86)], got
    got = _quantities(nlp, "She won the 200m in front of an audience of 40,000.")
    assert [q[0] for q in got] == ["40,000"], got  # the race, before an audience


def test_a_percent_sign_the_tagger_left_after_a_dash_keeps_its_percentage(nlp):
    got = _quantities(nlp, "When the chef won, 8.2 million people - 50% of the public - watched.")
    assert ("50%", "percent", 50.0) in [(q[0], q[1], q[2]) for q in got], got


def test_a_move_told_by_what_a_price_gained_or_lost_then_its_level_is_two_amounts(nlp):
    got = _quantities(nlp, "Copper also fell in Chicago trading, losing $1.45 to $33.20 at the close.")
    assert [(q[0], q[1]) for q in got] == [("$1.45", "money"), ("$33.20", "money")], got
    got = _quantities(nlp, "Tin rose in Tokyo, adding $2.05 to $61.30.")
    assert [(q[0], q[1]) for q in got] == [("$2.05", "money"), ("$61.30", "money")], got


def test_a_number_after_per_is_the_denominator_of_a_rate_not_an_amount(nlp):
    got = _quantities(nlp, "Surveys show that only six homes per thousand have a sauna.")
    assert [(q[0], q[1], q[2]) for q in got] == [("six", "rate", 6.0)], got


def test_a_distance_after_a_title_holder_and_over_names_the_race(nlp):
    assert _quantities(nlp, "Rivals including Jon Smith, the European silver medallist over 1500m, will run on 3 May.") == []


def test_titles_won_over_distances_name_the_races_and_a_distance_run_stays_a_measure(nlp):
    # the parser hangs "over" from the verb: the titles its object are what the distances name
    assert _quantities(nlp, "Last year she clinched her first national titles over 1500m and 5,000m.") == []
    assert [q[:3] for q in _quantities(nlp, "Last August he ran over 1500m in the rain.")] == [("1500m", "other", 1500.0)]


def test_a_distance_after_a_race_and_and_names_a_race_too(nlp):
    assert _quantities(nlp, "She dropped out of the marathon and 10,000m in Athens last summer.") == []


def test_a_currency_code_glued_to_its_number_is_money(nlp):
    got = _quantities(nlp, "Profit was HK$327m last year, and sales hit NZ$1.2bn.")
    assert [q[:3] for q in got] == [("HK$327m", "money", 327e6), ("NZ$1.2bn", "money", 1.2e9)]


def test_a_countrys_dollars_before_a_scaled_amount_are_its_currency(nlp):
    got = _quantities(nlp, "Exports rose to a record Australian dollar 29.4bn, and profit was Australian dollars 648m.")
    assert [q[:4] for q in got] == [("Australian dollar 29.4bn", "money", 29.4e9, "AUD"),
                                    ("Australian dollars 648m", "money", 648e6, "AUD")]


def test_a_number_word_before_per_cent_is_a_percentage(nlp):
    got = _quantities(nlp, "Of the men, 17% had no degree; this held true for only five per cent of the women.")
    assert [q[:3] for q in got] == [("17%", "percent", 17.0), ("five per cent", "percent", 5.0)]


@pytest.mark.parametrize("text, expected", [
    # "from X to Y" after a verb or noun of change: the level left and the level reached, two amounts
    ("In May, the ferry firm increased the fee from £5 to £8 for every car.", [("£5", "money"), ("£8", "money")]),
    ("The parking charge was raised from £1.50 to £3 for each visitor.", [("£1.50", "money"), ("£3", "money")]),
    ("The union's share of the seats rose from 35% to 40%.", [("35%", "percent"), ("40%", "percent")]),
    ("The plant employs from 200 to 300 people.", [("from 200 to 300", "range")]),  # no change: a range
])
def test_from_to_after_a_change_is_two_amounts(nlp, text, expected):
    assert [(q[0], q[1]) for q in _quantities(nlp, text)] == expected


@pytest.mark.parametrize("text", [
    "Proceeds from the Live Aid 20 album will go to the charity.",  # a name of capitalised words and its number
    "The director cast 12 Monkeys actor Tom Brown as the detective.",  # a title before a singular common noun
    "Money from sales of the Pop Aid 30 single will help the flood victims.",  # "single" tagged an adjective
])
def test_a_number_inside_a_name_before_a_singular_noun_is_no_amount(nlp, text):
    assert _quantities(nlp, text) == []
    got = _quantities(nlp, "Meanwhile 60 Hong Kong music and film stars sang a new song in Mandarin.")
    assert [(q[0], q[1]) for q in got] == [("60", "count")]  # a count of its plural head


def test_a_figure_restated_with_its_head_counts_again(nlp):
    text = "Three review panels were formed in March. The three review panels will report to the board in May."
    doc = nlp(text)
    from claimpipe.nlp.components.claims.quantities import extract_quantities

    second = list(doc.sents)[1]
    assert [(q.text, q.kind) for q in extract_quantities(second)] == [("three", "count")]
    assert [q[0] for q in _quantities(nlp, "The two states will hold talks in May.")] == ["two"]  # a reference counts


@pytest.mark.parametrize("text", [
    "Young viewers named cartoon hit Robots 3 best show at the awards on Friday.",  # digits after a title word
    "The firm has begun counting streams in the Radio's Hot 40 chart.",  # a named chart
    "Friends and Cheers and 30 were among the paper's list of the finest comedies.",  # a bare number listed with works
    "Veteran prop John Smith returns to the 30-man squad for the Italy game.",  # an adjectival group size
    "The minister named a 12-member panel of growers on Monday.",
])
def test_numbers_in_titles_and_adjectival_group_sizes_are_no_amounts(nlp, text):
    assert _quantities(nlp, text) == []


def test_definite_counts_described_anew_count_and_a_bare_one_restating_them(nlp):
    got = _quantities(nlp, "The two Danish brewers will merge their beer operations.")
    assert [(q[0], q[1], q[2]) for q in got] == [("two", "count", 2.0)]
    text = "The two Danish brewers will merge. The deal lets the two brewers cut costs."
    doc = nlp(text)
    from claimpipe.nlp.components.claims.quantities import extract_quantities

    second = list(doc.sents)[1]
    assert [(q.text, q.kind) for q in extract_quantities(second)] == [("two", "count")]
    assert [q[0] for q in _quantities(nlp, "Prices rose by 3% and 2% in the two provinces respectively.")] == [
        "3%", "2%", "two"]  # a bare reference counts too (the twelfth and later sets' labels)
    assert [q[0] for q in _quantities(nlp, "Sales fell in the two previous quarters.")] == []  # a span of time


def test_a_quarter_point_rate_move_is_a_percentage_and_betting_odds_are_ratios(nlp):
    got = _quantities(nlp, "The bank has made two quarter-point rate cuts since the spring.")
    assert [(q[0], q[1], q[2]) for q in got] == [("two", "count", 2.0), ("quarter-point", "percent", 0.25)]
    got = _quantities(nlp, "The bookmakers made the singer a 1/3 favourite to win, while her rival is at 9/4.")
    assert [(q[0], q[1]) for q in got] == [("1/3", "ratio"), ("9/4", "ratio")]
    assert _quantities(nlp, "The bookmakers loved the film Tango 4/5, whose director was there.") == []  # a title


def test_one_more_counts_one(nlp):
    got = _quantities(nlp, "Analysts expect one more rate hike from the central bank before the summer.")
    assert [(q[0], q[1], q[2]) for q in got] == [("one", "count", 1.0)]
    assert _quantities(nlp, "The coach said he would watch the tape one more time.") == []  # "again"


def test_numbered_positions_joined_by_or_are_no_range(nlp):
    assert _quantities(nlp, "The flanker can also play at number six or seven if needed.") == []
    got = _quantities(nlp, "The shop sold six or seven bikes.")
    assert [(q[0], q[1]) for q in got] == [("six or seven", "range")]


def test_cents_are_money_and_a_price_per_share_is_no_rate(nlp):
    got = _quantities(nlp, "The mill earned 21 cents a share, while brokers had looked for 23 cents.")
    assert [(q[0], q[1], q[2]) for q in got] == [("21 cents", "money", 21.0), ("23 cents", "money", 23.0)]
    got = _quantities(nlp, "The board recommended a dividend of 0.30 euros per share and growth of five per cent.")
    assert ("0.30 euros", "money", 0.3) in [(q[0], q[1], q[2]) for q in got]
    assert ("five per cent", "percent", 5.0) in [(q[0], q[1], q[2]) for q in got]  # "per cent" names no cents


def test_a_range_of_amounts_glued_to_their_scale_is_one(nlp):
    got = _quantities(nlp, "The mill expects sales of $1.2bn to $1.35bn next year.")
    assert [(q[0], q[1], q[2], q[5]) for q in got] == [("$1.2bn to $1.35bn", "range", 1.2e9, 1.35e9)]


def test_a_multiple_in_one_word_is_a_ratio_and_a_count_per_period_of_its_verb_a_rate(nlp):
    got = _quantities(nlp, "Sales of flour were up more than tenfold on 2003.")
    assert [(q[0], q[1], q[2]) for q in got] == [("tenfold", "ratio", 10.0)]
    got = _quantities(nlp, "Around 26,000 sacks are milled in the valley each year.")
    assert [(q[1], q[2]) for q in got] == [("rate", 26000.0)]
    got = _quantities(nlp, "Around 26,000 sacks were milled in the valley last year.")
    assert [(q[1], q[2]) for q in got] == [("count", 26000.0)]  # a year named, no period


def test_an_ordinal_with_a_thousands_comma_is_no_count(nlp):
    assert _quantities(nlp, "The band scored the chart's 1,000th number one single on Sunday.") == []
