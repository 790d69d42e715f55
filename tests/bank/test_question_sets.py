import pytest

from learning.bank.question_sets import sync_question_sets
from learning.models import Question, QuestionSet
from tests.factories import (
    QuestionFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    SectionFactory,
    SentenceFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _question(section, order: int, **fields) -> Question:
    sentence = SentenceFactory(section=section, order=order)
    return QuestionFactory(
        fact__sentence=sentence, fact__source=section.source, source=section.source, **fields
    )


@pytest.fixture
def source():
    source = SourceFactory(title="Western Iraq")
    background = SectionFactory(source=source, title="Background", order=1)
    campaign = SectionFactory(source=source, title="The campaign", order=2)
    _question(campaign, 5)
    _question(background, 1)
    _question(campaign, 3)
    return source


def _ordered(question_set: QuestionSet) -> list[int]:
    return [item.question.sentence.order for item in question_set.items.order_by("order")]


def test_it_makes_a_set_per_section_and_one_for_the_whole_article_in_reading_order(source):
    sync_question_sets(source=source)
    whole = QuestionSet.objects.get(source=source, section=None)
    campaign = QuestionSet.objects.get(source=source, section__title="The campaign")
    assert whole.name == "Western Iraq" and whole.owner is None
    assert campaign.name == "Western Iraq: The campaign"
    assert campaign.slug == "western-iraq-the-campaign"
    assert _ordered(whole) == [1, 3, 5] and _ordered(campaign) == [3, 5]
    assert QuestionSet.objects.filter(source=source).count() == 3


def test_syncing_again_keeps_the_sets_and_follows_their_questions(source):
    sync_question_sets(source=source)
    ids = set(QuestionSet.objects.values_list("id", flat=True))
    retired = source.questions.get(sentence__order=3)
    Question.objects.filter(pk=retired.pk).update(status=Question.Status.RETIRED)
    _question(source.sections.get(title="The campaign"), 4)
    sync_question_sets(source=source)
    assert set(QuestionSet.objects.values_list("id", flat=True)) == ids
    assert _ordered(QuestionSet.objects.get(section__title="The campaign")) == [4, 5]


def test_a_slug_already_taken_gets_a_number(source):
    QuestionSetFactory(slug="western-iraq")
    sync_question_sets(source=source)
    assert QuestionSet.objects.get(source=source, section=None).slug == "western-iraq-2"


def test_sets_a_person_made_are_left_alone(source):
    mine = QuestionSetFactory(source=source, owner=UserFactory(), name="My picks")
    item = QuestionSetItemFactory(question_set=mine, question=source.questions.first())
    sync_question_sets(source=source)
    assert list(mine.items.all()) == [item]
    assert mine.name == "My picks"
