from datetime import date
from decimal import Decimal
from random import Random

import pytest

from learning.bank.distractors import DistractorPool, normalise
from learning.bank.likeness import names_clash
from learning.models import Entity, Fact
from tests.factories import EntityFactory, FactFactory, SentenceFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _event(source, subject: str, day: date, **fields) -> Fact:
    fields.setdefault("sentence", SentenceFactory(section__source=source))
    return FactFactory(
        source=source, subject=subject, date=day, value=f"{day.day} {day:%B %Y}", **fields
    )


def _quantity(source, subject: str, number: int, unit: str, **fields) -> Fact:
    return FactFactory(
        source=source,
        sentence=SentenceFactory(section__source=source),
        kind=Fact.Kind.QUANTITY,
        subject=subject,
        value=str(number),
        number=Decimal(number),
        unit=unit,
        date=None,
        date_precision="",
        **fields,
    )


def _named(source, kind: str, entity: Entity, subject: str, sentence=None) -> Fact:
    return FactFactory(
        source=source,
        sentence=sentence or SentenceFactory(section__source=source, text=f"They {subject}."),
        kind=kind,
        entity=entity,
        subject=subject,
        value=entity.name,
        date=None,
        date_precision="",
    )


def _pool(source) -> DistractorPool:
    return DistractorPool(
        facts=list(source.facts.select_related("sentence", "entity")),
        entities=list(source.entities.all()),
    )


def test_normalising_ignores_case_accents_apostrophes_and_hyphens():
    assert normalise("Al-Qā'im") == normalise("al Qaim") == "al qaim"


def test_a_name_clashes_with_its_aliases_and_with_longer_names_containing_it():
    assert names_clash(["Haider al-Abadi", "al-Abadi"], ["Al Abadi"])
    assert names_clash(["Rawa"], ["Rawa district"])
    assert not names_clash(["Rawa"], ["Anah"])


def test_dates_come_from_the_article_and_are_never_the_answer():
    source = SourceFactory()
    fact = _event(source, "the army captured Rawa", date(2017, 11, 17))
    for day in (3, 5, 11, 13, 15):
        _event(source, f"the army captured village {day}", date(2017, 11, day))
    dates = _pool(source).dates(fact=fact, rng=Random("seed"))
    assert len(dates) == 3
    assert set(dates) <= {date(2017, 11, day) for day in (3, 5, 11, 13, 15)}


def test_dates_never_include_another_report_of_the_same_event():
    source = SourceFactory()
    fact = _event(source, "the Iraqi Army captured Rawa", date(2017, 11, 17))
    _event(source, "Iraqi Army captured Rawa", date(2017, 11, 18))
    dates = _pool(source).dates(fact=fact, rng=Random("seed"))
    assert date(2017, 11, 18) not in dates
    assert len(dates) == 3


def test_dates_are_made_up_near_the_answer_when_the_article_has_too_few():
    source = SourceFactory()
    fact = _event(source, "the army captured Rawa", date(2017, 11, 17))
    _event(source, "the war began", date(2017, 10, 26))
    dates = _pool(source).dates(fact=fact, rng=Random("seed"))
    assert len(set(dates)) == 3
    assert all(date(2017, 10, 26) <= day <= date(2017, 11, 17) for day in dates)
    assert date(2017, 11, 17) not in dates


def test_less_precise_dates_get_distractors_of_the_same_precision():
    source = SourceFactory()
    fact = _event(
        source, "the army launched an offensive", date(2017, 9, 1), date_precision="month"
    )
    dates = _pool(source).dates(fact=fact, rng=Random("seed"))
    assert len(dates) == 3
    assert all(day.day == 1 and day.month != 9 for day in dates)


def test_the_same_seed_gives_the_same_distractors():
    source = SourceFactory()
    fact = _event(source, "the army captured Rawa", date(2017, 11, 17))
    for day in range(1, 12):
        _event(source, f"the army captured village {day}", date(2017, 11, day))
    pool = _pool(source)
    assert pool.dates(fact=fact, rng=Random("a")) == pool.dates(fact=fact, rng=Random("a"))


def test_events_chosen_never_happened_on_the_answers_day():
    source = SourceFactory()
    fact = _event(source, "the army captured al-Qaim", date(2017, 11, 3))
    _event(source, "the PMU captured the train station", date(2017, 11, 3))
    others = [
        _event(source, subject, date(2017, 10, day))
        for subject, day in (
            ("al-Abadi announced the offensive", 26),
            ("the PMU secured the road to Akashat", 27),
            ("the JOC reported 75 militants killed", 28),
        )
    ]
    chosen = _pool(source).events(fact=fact, rng=Random("seed"), keep=lambda fact: True)
    assert sorted(chosen, key=lambda f: f.pk) == others


def test_people_chosen_are_other_people_never_the_answer_or_an_alias():
    source = SourceFactory()
    abadi = EntityFactory(source=source, name="Haider al-Abadi", aliases=["al-Abadi"])
    EntityFactory(source=source, name="Al Abadi")
    others = [EntityFactory(source=source, name=name) for name in ("Yarallah", "Rasoul", "Luaibi")]
    EntityFactory(source=source, name="Rawa", kind=Entity.Kind.PLACE)
    fact = _named(source, Fact.Kind.ROLE, abadi, "announced the offensive")
    names = _pool(source).names(fact=fact, rng=Random("seed"))
    assert sorted(names) == sorted(entity.name for entity in others)


def test_people_who_also_did_it_are_never_chosen():
    source = SourceFactory()
    abadi = EntityFactory(source=source, name="Haider al-Abadi")
    yarallah = EntityFactory(source=source, name="Abdul Amir Yarallah")
    EntityFactory(source=source, name="Yahya Rasoul")
    fact = _named(source, Fact.Kind.ROLE, abadi, "announced the capture of Rawa on 17 November")
    _named(
        source,
        Fact.Kind.ROLE,
        yarallah,
        "announced the capture of Rawa on 17 November",
        sentence=SentenceFactory(
            section__source=source, text="Yarallah also announced the capture of Rawa."
        ),
    )
    assert "Abdul Amir Yarallah" not in _pool(source).names(fact=fact, rng=Random("seed"))


def test_places_named_in_the_same_sentence_or_captured_the_same_day_are_never_chosen():
    source = SourceFactory()
    places = {
        name: EntityFactory(source=source, name=name, kind=Entity.Kind.PLACE)
        for name in ("Awani", "al-Zalla", "Jabab", "Rumana", "Anah", "Hit", "Akashat")
    }
    sentence = SentenceFactory(
        section__source=source, text="The army captured Awani, northern Jabab and al-Zalla."
    )
    _event(source, "the army captured Awani", date(2017, 10, 27), sentence=sentence)
    fact = _named(
        source,
        Fact.Kind.PLACE,
        places["Awani"],
        "village captured on the southern bank of the Euphrates",
        sentence=sentence,
    )
    same_day = SentenceFactory(section__source=source, text="On the same day Rumana fell.")
    _event(source, "Rumana fell", date(2017, 10, 27), sentence=same_day)
    names = _pool(source).names(fact=fact, rng=Random("seed"))
    assert sorted(names) == ["Akashat", "Anah", "Hit"]


def test_numbers_chosen_share_the_unit_and_the_order_of_magnitude():
    source = SourceFactory()
    fact = _quantity(source, "militants killed by 28 October according to the JOC", 75, "militants")
    _quantity(source, "militants killed in a clash near T1", 25, "militants")
    _quantity(source, "militants killed during the past three days", 48, "militant")
    _quantity(source, "villages captured", 33, "villages")
    _quantity(source, "people in al-Qaim", 50000, "people")
    numbers = _pool(source).numbers(fact=fact, rng=Random("seed"))
    assert len(set(numbers)) == 3
    assert {Decimal(25), Decimal(48)} <= set(numbers)
    assert Decimal(33) not in numbers
    assert all(10 <= number < 100 and number != 75 for number in numbers)


def test_made_up_numbers_are_rounded_like_the_answer():
    source = SourceFactory()
    fact = _quantity(source, "people still in al-Qaim", 50000, "people")
    numbers = _pool(source).numbers(fact=fact, rng=Random("seed"))
    assert len(set(numbers)) == 3
    assert all(number % 10000 == 0 and 10000 <= number < 100000 for number in numbers)


def test_numbers_inside_a_range_answer_are_never_chosen():
    source = SourceFactory()
    fact = _quantity(source, "fighters", 1500, "fighters", number_max=Decimal(2000))
    _quantity(source, "fighters elsewhere", 1800, "fighters")
    numbers = _pool(source).numbers(fact=fact, rng=Random("seed"))
    assert len(numbers) == 3
    assert all(not 1500 <= number <= 2000 for number in numbers)


def test_a_list_of_places_gets_lists_of_places_as_distractors():
    source = SourceFactory()
    found = {
        "Awani, Jabab and al-Zalla": "villages captured on the southern bank of the Euphrates",
        "Rafedah and Al-Kasim": "villages taken west of al-Qaim by the 7th Division",
        "Jereejib and Qunaitera": "nearby hamlets cleared by regular troops on 2 November",
        "Rumana": "town whose bridge fell on 12 November",
        "Anah": "town recaptured on 21 September",
    }
    lists = list(found)[:3]
    for value, subject in found.items():
        FactFactory(
            source=source,
            sentence=SentenceFactory(section__source=source, text=f"They took {value}."),
            kind=Fact.Kind.PLACE,
            subject=subject,
            value=value,
            date=None,
            date_precision="",
        )
    fact = source.facts.get(value=lists[0])
    names = _pool(source).names(fact=fact, rng=Random("seed"), count=2)
    assert sorted(names) == sorted(lists[1:])


def test_a_value_more_precise_than_its_entity_is_the_answer_and_the_entity_no_distractor():
    source = SourceFactory()
    abu_kamal = EntityFactory(source=source, name="Abu Kamal", kind=Entity.Kind.PLACE)
    for name in ("Rawa", "Anah", "Hit", "Akashat"):
        EntityFactory(source=source, name=name, kind=Entity.Kind.PLACE)
    # A crossing is offered among other crossings, fields and stations, not among towns.
    sites = ("Al-Waleed border crossing", "Akkas gas field", "al-Qaim train station")
    for name in sites:
        EntityFactory(source=source, name=name, kind=Entity.Kind.PLACE)
    fact = _named(source, Fact.Kind.PLACE, abu_kamal, "place captured on 3 November 2017")
    fact.value = "Abu Kamal–Al-Qa'im border crossing"
    fact.save()
    names = _pool(source).names(fact=fact, rng=Random("seed"))
    assert sorted(names) == sorted(sites)


def test_dates_too_far_from_the_answer_to_be_believed_are_never_chosen():
    source = SourceFactory()
    fact = _event(
        source, "the sites were inscribed on the list", date(1980, 1, 1), date_precision="year"
    )
    for year in (702, 1270, 2024):
        _event(source, f"something happened in {year}", date(year, 1, 1), date_precision="year")
    dates = _pool(source).dates(fact=fact, rng=Random("seed"))
    assert len(dates) == 3
    assert all(abs(day.year - 1980) <= 25 for day in dates)


@pytest.mark.parametrize(
    ("answer", "kind", "fact_kind", "others", "offered"),
    [
        # A description is no name.
        (
            "Robert Clive",
            Entity.Kind.PERSON,
            Fact.Kind.ROLE,
            ("general Sayf al-Din Qutuz", "new Nawab", "Mir Jafar", "Mir Madan", "Jean Law"),
            ["Jean Law", "Mir Jafar", "Mir Madan"],
        ),
        # A navy or a council among people.
        (
            "Liu Bei",
            Entity.Kind.PERSON,
            Fact.Kind.ROLE,
            ("Sun Quan's navy", "Council of Ten", "Cao Cao", "Liu Qi", "Zhou Yu"),
            ["Cao Cao", "Liu Qi", "Zhou Yu"],
        ),
        # A war among places.
        (
            "Venice",
            Entity.Kind.PLACE,
            Fact.Kind.PLACE,
            ("Morean War", "Zara", "Padua", "Treviso"),
            ["Padua", "Treviso", "Zara"],
        ),
        # A name with a note is two.
        (
            "14th Army",
            Entity.Kind.ORGANISATION,
            Fact.Kind.ROLE,
            ("Swedish Volunteer Corps (Ernst Linder)", "7th Army", "9th Army", "8th Army"),
            ["7th Army", "8th Army", "9th Army"],
        ),
    ],
)
def test_only_names_of_the_answers_kind_are_offered(answer, kind, fact_kind, others, offered):
    source = SourceFactory()
    entity = EntityFactory(source=source, name=answer, kind=kind)
    for name in others:
        EntityFactory(source=source, name=name, kind=kind)
    fact = _named(source, fact_kind, entity, "did what the article says")
    names = _pool(source).names(fact=fact, rng=Random("seed"))
    assert sorted(names) == offered


def _place_question(source, answer: str, others: list[str], text: str) -> Fact:
    places = {
        name: EntityFactory(source=source, name=name, kind=Entity.Kind.PLACE)
        for name in [answer, *others]
    }
    return _named(
        source,
        Fact.Kind.PLACE,
        places[answer],
        "city entered in November 1174",
        sentence=SentenceFactory(section__source=source, text=text),
    )


def test_a_country_is_never_offered_among_cities():
    source = SourceFactory()
    fact = _place_question(
        source, "Damascus", ["Egypt", "Aleppo", "Cairo", "Mosul"], "Saladin entered Damascus."
    )
    names = _pool(source).names(fact=fact, rng=Random("seed"))
    assert sorted(names) == ["Aleppo", "Cairo", "Mosul"]


def test_the_answer_under_its_other_name_is_never_offered():
    source = SourceFactory()
    fact = _place_question(
        source,
        "Calcutta",
        ["Kolkata", "Madras", "Murshidabad", "Patna"],
        "Clive retook Calcutta.",
    )
    names = _pool(source).names(fact=fact, rng=Random("seed"))
    assert "Kolkata" not in names
    assert len(names) == 3


def test_a_word_the_article_uses_to_describe_is_never_offered_as_a_place():
    source = SourceFactory()
    fact = _place_question(
        source, "Cairo", ["Persian", "Damascus", "Aleppo", "Gaza"], "Hulagu sent envoys to Cairo."
    )
    SentenceFactory(section__source=source, text="The Persian army crossed the river at dawn.")
    pool = DistractorPool(
        facts=list(source.facts.select_related("sentence", "entity")),
        entities=list(source.entities.all()),
        texts=[sentence.text for sentence in source.sentences.all()],
    )
    assert sorted(pool.names(fact=fact, rng=Random("seed"))) == ["Aleppo", "Damascus", "Gaza"]


def test_a_person_the_article_dates_to_another_age_is_never_offered():
    source = SourceFactory()
    people = {
        name: EntityFactory(source=source, name=name)
        for name in (
            "Henry V", "Pius X", "Benedict XV", "Pius XI", "Charles VI", "Philip the Good",
            "John of Bedford",
        )
    }  # fmt: skip
    fact = _named(source, Fact.Kind.ROLE, people["Henry V"], "won at Agincourt")
    fact.date = date(1415, 10, 25)
    fact.save()
    years = {
        "Charles VI": 1420, "John of Bedford": 1429, "Philip the Good": 1419,
        "Pius X": 1909, "Benedict XV": 1920, "Pius XI": 1922,
    }  # fmt: skip
    for name, year in years.items():
        _event(
            source,
            f"{name} acted",
            date(year, 5, 1),
            sentence=SentenceFactory(section__source=source, text=f"{name} acted."),
        )
    names = _pool(source).names(fact=fact, rng=Random("seed"))
    assert sorted(names) == ["Charles VI", "John of Bedford", "Philip the Good"]


def test_a_forename_the_article_gives_before_a_surname_is_never_offered_as_a_person():
    source = SourceFactory()
    people = {
        name: EntityFactory(source=source, name=name)
        for name in ("Enver Pasha", "John", "Liman von Sanders", "Mustafa Kemal", "Saladin")
    }
    fact = _named(source, Fact.Kind.ROLE, people["Enver Pasha"], "led the Ottoman war effort")
    for text in (
        "Gen. John Monash led the Australian brigade.",
        "John Monash later commanded the Australian Corps.",
        "Saladin took Jerusalem.",
        "Mustafa Kemal held Chunuk Bair.",
    ):
        SentenceFactory(section__source=source, text=text)
    pool = DistractorPool(
        facts=list(source.facts.select_related("sentence", "entity")),
        entities=list(source.entities.all()),
        texts=[sentence.text for sentence in source.sentences.all()],
    )
    offered = pool.names(fact=fact, rng=Random("seed"))
    assert "John" not in offered
    assert sorted(offered) == ["Liman von Sanders", "Mustafa Kemal", "Saladin"]


def test_a_date_of_the_same_event_told_in_other_words_is_never_offered():
    source = SourceFactory()
    fact = _event(source, "an Iraqi operation was launched towards west Anbar", date(2017, 1, 4))
    _event(source, "the Iraqi Army launched an offensive in western Anbar", date(2017, 2, 19))
    for month in (6, 7, 8):
        _event(source, f"the Iraqi Army captured Anah number {month}", date(2017, month, 1))
    months = _pool(source).dates(fact=fact, rng=Random("seed"), precision=Fact.Precision.MONTH)
    assert date(2017, 2, 1) not in months
    assert len(months) == 3
