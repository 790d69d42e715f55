from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from learning.content.parsing import (
    ArticleImportError,
    clean_infobox_value,
    clean_sentence,
    clean_text,
    find_dates,
    find_quantities,
    parse_article,
    split_sentences,
)

ARTICLES = Path(__file__).resolve().parent.parent / "articles"

MINI_ARTICLE = """= Siege of Example =

- Date: 15–20 October 2017
- Commander1: Col. Jane Doe

The siege began on 15October.

==Fighting==
The garrison surrendered on 20 October.
=== Aftermath ===
Prisoners were counted.

== See also ==
- Campaign one
  - Battle two
"""


def test_it_reads_title_slug_infobox_and_dates_of_the_seed(seed_path):
    article = parse_article(text=seed_path.read_text())
    assert article.title == "2017 Western Iraq campaign"
    assert article.slug == "2017-western-iraq-campaign"
    assert (article.start_date, article.end_date) == (date(2017, 10, 26), date(2017, 12, 9))
    assert article.infobox["Date"] == "26 October – 9 December 2017"
    assert "Combatant2" not in article.infobox  # "'" is no value.
    assert "Strength1" not in article.infobox  # Neither is "Unknown".


def test_it_makes_the_lead_an_introduction_and_nests_headings_by_level(seed_path):
    sections = parse_article(text=seed_path.read_text()).sections
    titles = [(s.title, s.level, s.order) for s in sections]
    assert titles[:4] == [
        ("Introduction", 1, 0),
        ("Background", 2, 1),
        ("The campaign", 2, 2),
        ("Al-Qaim", 3, 3),
    ]
    campaign = sections[2]
    assert [s.title for s in sections if s.parent_order == campaign.order] == [
        "Al-Qaim",
        "Interlude",
        "Rawa",
        "Al-Jazirah Desert",
    ]
    assert sections[1].parent_order is None


def test_it_parses_headings_without_spaces_an_infobox_without_header_and_nested_bullets():
    article = parse_article(text=MINI_ARTICLE)
    assert [s.title for s in article.sections] == [
        "Introduction",
        "Fighting",
        "Aftermath",
        "See also",
    ]
    assert article.infobox == {"Date": "15–20 October 2017", "Commander1": "Col. Jane Doe"}
    assert (article.start_date, article.end_date) == (date(2017, 10, 15), date(2017, 10, 20))
    bullets = article.sections[-1].sentences
    assert [(b.text, b.bullet_parent) for b in bullets] == [
        ("Campaign one", ""),
        ("Battle two", "Campaign one"),
    ]
    assert all(b.is_bullet for b in bullets)
    assert article.sections[0].sentences[0].text == "The siege began on 15 October."


def test_any_header_line_introduces_the_infobox():
    article = parse_article(text=(ARTICLES / "battle_of_hastings.txt").read_text())
    assert article.infobox["Commander2"] == "King Harold Godwinson"
    assert article.start_date == date(1066, 10, 14)
    assert "Casualties2" not in article.infobox  # "()" is empty.


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("  \n\n", "empty"),
        ("No title\n\nSome prose.", "'= Title =' heading"),
        ("= Lonely title =\n", "no prose"),
        ("= Bullets =\n\n== See also ==\n- Battle of X\n", "no prose"),
        ("= Binary =\n\x00\x01", "binary"),
    ],
)
def test_it_refuses_text_that_is_not_an_article(text, message):
    with pytest.raises(ArticleImportError, match=message):
        parse_article(text=text)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Lt. Gen. Abdel Emir Yarallah led it. Col. Smith followed.",
            ["Lt. Gen. Abdel Emir Yarallah led it.", "Col. Smith followed."],
        ),
        (
            "The U.S. Army and Maj. Jones, with Brig. Gen. Lee, met. Then Gen. Ray left.",
            ["The U.S. Army and Maj. Jones, with Brig. Gen. Lee, met.", "Then Gen. Ray left."],
        ),
        (
            'He stated, "We advance. We win." Iraqi forces attacked.',
            ['He stated, "We advance. We win."', "Iraqi forces attacked."],
        ),
        ("George W. Bush spoke. It rained.", ["George W. Bush spoke.", "It rained."]),
        (
            "It covered 29,000 km² (11,197 sq mi). 2017 ended.",
            ["It covered 29,000 km² (11,197 sq mi).", "2017 ended."],
        ),
    ],
)
def test_it_splits_sentences_without_breaking_abbreviations_or_quotes(text, sentences):
    assert split_sentences(text=text) == sentences


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("on 26October and 9December 2017", "on 26 October and 9 December 2017"),
        ("in October2017", "in October 2017"),
        ("from 15October 2017", "from 15 October 2017"),
        ("26October – 9December 2017, ()", "26 October – 9 December 2017"),
        ("the war (2013-2017) ()", "the war (2013–2017)"),
        ("an area of 301 km^{2} (116.2 sq mi)", "an area of 301 km² (116.2 sq mi)"),
        ("the Akashat-al-Qaim road", "the Akashat–al-Qaim road"),
        ("the Abu Kamal-Al-Qa'im crossing", "the Abu Kamal–Al-Qa'im crossing"),
        ("29,000 km^{2} (11,197 sq mi). desert area.", "29,000 km² (11,197 sq mi) desert area."),
        ("Combatant ' side", "Combatant side"),
        ("the Forces' Deir ez-Zor offensive", "the Forces' Deir ez-Zor offensive"),
        ("Major-General Numaan Abd al-Zawbaei", "Major-General Numaan Abd al-Zawbaei"),
    ],
)
def test_it_cleans_encyclopedic_artefacts(raw, clean):
    assert clean_text(text=raw) == clean


def test_it_drops_a_parenthesis_that_never_closes():
    assert clean_sentence(text="an area (south of al-Qa'im.") == "an area south of al-Qa'im."


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("'", ""),
        ("Unknown", ""),
        ("()", ""),
        ("Iraqi forces, * Army, ** Police", "Iraqi forces, Army, Police"),
        (
            "End of the war (2013-2017)., Fighters flee.",
            "End of the war (2013–2017); Fighters flee",
        ),
    ],
)
def test_it_cleans_infobox_values(raw, clean):
    assert clean_infobox_value(value=raw) == clean


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("on 3 November 2017", date(2017, 11, 3), None, "day"),
        ("on 15–20 October 2017", date(2017, 10, 15), date(2017, 10, 20), "day"),
        ("20 August – 2 September 2017", date(2017, 8, 20), date(2017, 9, 2), "day"),
        ("In September 2017", date(2017, 9, 1), None, "month"),
        ("20 December – 5 January 2018", date(2017, 12, 20), date(2018, 1, 5), "day"),
        # American order, alone, as a range and mixed with the day first.
        ("on August 31, 1803, and", date(1803, 8, 31), None, "day"),
        ("June 4–7, 1942", date(1942, 6, 4), date(1942, 6, 7), "day"),
        ("March 13 – 7 May 1954", date(1954, 3, 13), date(1954, 5, 7), "day"),
    ],
)
def test_it_reads_dates_and_date_ranges(text, first, last, precision):
    [mention] = find_dates(text=text, default_year=None)
    assert (mention.first, mention.last, mention.precision) == (first, last, precision)


def test_it_resolves_dates_without_a_year_from_the_article_range_else_a_nearby_year():
    in_range = find_dates(
        text="on 2 January", default_year=1999, start=date(2017, 12, 1), end=date(2018, 2, 1)
    )
    assert in_range[0].first == date(2018, 1, 2)
    outside = find_dates(
        text="on 16 September", default_year=2017, start=date(2017, 10, 26), end=date(2017, 12, 9)
    )
    assert outside[0].first == date(2017, 9, 16)
    assert find_dates(text="on 16 September", default_year=None) == []


@pytest.mark.parametrize(
    ("text", "number", "number_max", "unit", "qualifier"),
    [
        ("1,500 fighters", "1500", None, "", "exact"),
        ("1,500–2,000 fighters", "1500", "2000", "", "range"),
        ("40,000+ people", "40000", None, "", "at least"),
        ("more than 90 villages", "90", None, "", "more than"),
        ("over 90 villages", "90", None, "", "more than"),
        ("around 50,000 people", "50000", None, "", "around"),
        ("nine SVBIEDs", "9", None, "", "exact"),
        ("Two divisions", "2", None, "", "exact"),
        ("some 2,400 km² (926.6 sq mi)", "2400", None, "km²", "around"),
        ("43 km of road", "43", None, "km", "exact"),
    ],
)
def test_it_reads_numbers_with_separators_qualifiers_words_and_units(
    text, number, number_max, unit, qualifier
):
    [quantity] = find_quantities(text=text)
    assert quantity.number == Decimal(number)
    assert quantity.number_max == (Decimal(number_max) if number_max else None)
    assert (quantity.unit, quantity.qualifier) == (unit, qualifier)


def test_it_skips_conversions_dates_years_and_names_as_quantities():
    text = "On 3 November 2017 the 7th Division took H-2 and T1, 301 km² (116.2 sq mi) in 2014."
    assert [q.text for q in find_quantities(text=text)] == ["301 km²"]


def test_it_reads_windows_line_ends_and_a_byte_order_mark():
    article = parse_article(text="\ufeff= Siege of Test =\r\n\r\nThe siege began.\r\n")
    assert article.title == "Siege of Test"
    assert article.sentences[0].text == "The siege began."


def test_an_infobox_line_without_fields_is_not_prose():
    article = parse_article(text="= Battle of Y =\nInfobox\n\nThe battle was fought in 1700.\n")
    assert [s.text for s in article.sentences] == ["The battle was fought in 1700."]


def test_a_range_written_in_two_orders_gives_the_article_its_start_and_end():
    article = parse_article(
        text="= War =\n\nInfobox military conflict\n- Date: 30 November 1939 – March 13, 1940\n\n"
        "The war began on 30 November 1939.\n"
    )
    assert (article.start_date, article.end_date) == (date(1939, 11, 30), date(1940, 3, 13))
