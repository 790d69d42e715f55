"""Builders for tests, in one place: factory-boy factories for every model, questions of
every kind as a person writes them, and arbitrary posts for property-based tests."""

import hashlib
from datetime import timedelta
from decimal import Decimal

import factory
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from learning import models
from learning.study import answering
from learning.teaching.permissions import TEACHERS_GROUP, sync_teachers_group


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"student{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source

    title = factory.Sequence(lambda n: f"Campaign {n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    text = factory.LazyAttribute(lambda s: f"= {s.title} =\n\nA campaign.\n")
    checksum = factory.LazyAttribute(lambda s: _sha(s.text))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Section

    source = factory.SubFactory(SourceFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    level = 2
    order = factory.Sequence(lambda n: n + 1)


class SentenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Sentence

    section = factory.SubFactory(SectionFactory)
    source = factory.SelfAttribute("section.source")
    text = factory.Sequence(lambda n: f"The army captured village number {n} on 3 November 2017.")
    text_hash = factory.LazyAttribute(lambda s: _sha(s.text))
    order = factory.Sequence(lambda n: n)


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Entity

    source = factory.SubFactory(SourceFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    kind = models.Entity.Kind.PERSON
    aliases = factory.LazyFunction(list)


class FactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Fact

    sentence = factory.SubFactory(SentenceFactory)
    source = factory.SelfAttribute("sentence.source")
    kind = models.Fact.Kind.EVENT
    key = factory.Sequence(lambda n: f"fact-{n}")
    subject = factory.Sequence(lambda n: f"the army captured village number {n}")
    value = "3 November 2017"
    source_text = "3 November 2017"
    date = factory.LazyFunction(lambda: timezone.datetime(2017, 11, 3).date())
    date_precision = models.Fact.Precision.DAY


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Question

    fact = factory.SubFactory(FactFactory)
    source = factory.SelfAttribute("fact.source")
    sentence = factory.SelfAttribute("fact.sentence")
    section = factory.SelfAttribute("fact.sentence.section")
    kind = models.Question.Kind.MULTIPLE_CHOICE
    prompt = factory.Sequence(lambda n: f"Which town did the army capture on day {n}?")
    answer = "Rawa"
    accepted_answers = factory.LazyFunction(list)
    choices = factory.LazyFunction(lambda: ["Anah", "Rawa", "Akashat", "Hit"])
    explanation = factory.LazyAttribute(lambda q: f"“{q.sentence.text}”")
    status = models.Question.Status.PUBLISHED
    generation_key = factory.Sequence(lambda n: f"question-{n}")

    class Params:
        # A question with an answer of its own, so a quiz draws it beside others: a quiz
        # never holds two questions that share an answer or offer each other's.
        distinct = factory.Trait(
            answer=factory.Sequence(lambda n: f"Town {n}"),
            choices=factory.LazyAttribute(lambda q: [q.answer, "Anah", "Akashat", "Hit"]),
        )


class QuestionSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.QuestionSet

    name = factory.Sequence(lambda n: f"Question set {n}")
    slug = factory.Sequence(lambda n: f"question-set-{n}")
    is_published = True


class QuestionSetItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.QuestionSetItem

    question_set = factory.SubFactory(QuestionSetFactory)
    question = factory.SubFactory(QuestionFactory)
    order = factory.Sequence(lambda n: n)


class CardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Card

    user = factory.SubFactory(UserFactory)
    question = factory.SubFactory(QuestionFactory)
    state = models.Card.State.REVIEW
    step = None
    stability = 3.0
    difficulty = 5.0
    due = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    last_review = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    reps = 1


class ReviewLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReviewLog

    card = factory.SubFactory(CardFactory)
    rating = models.ReviewLog.Rating.GOOD
    correct = True
    answer_given = "Rawa"
    response_ms = 4000
    reviewed_at = factory.LazyFunction(timezone.now)
    state_before = 0
    state_after = models.Card.State.LEARNING


class FlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Flag

    question = factory.SubFactory(QuestionFactory)
    user = factory.SubFactory(UserFactory)
    comment = "The date looks wrong."


class QuizAttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.QuizAttempt

    user = factory.SubFactory(UserFactory)
    question_set = factory.SubFactory(QuestionSetFactory)


class QuizResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.QuizResponse

    attempt = factory.SubFactory(QuizAttemptFactory)
    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n)


class TeacherFactory(UserFactory):
    """A staff user in the Teachers group."""

    username = factory.Sequence(lambda n: f"teacher{n}")
    is_staff = True

    @factory.post_generation
    def teachers_group(obj, create, extracted, **kwargs):
        if not create:
            return
        if not Group.objects.filter(name=TEACHERS_GROUP).exists():
            # A transactional test flushed what the data migration made: make it again,
            # with the migration's own function.
            sync_teachers_group(django_apps)
        obj.groups.add(Group.objects.get(name=TEACHERS_GROUP))


class ClassroomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Classroom

    name = factory.Sequence(lambda n: f"Year 10 History {n}")
    teacher = factory.SubFactory(TeacherFactory)
    join_code = factory.Sequence(lambda n: f"JOIN{n:06d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    classroom = factory.SubFactory(ClassroomFactory)
    student = factory.SubFactory(UserFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Assignment

    classroom = factory.SubFactory(ClassroomFactory)
    question_set = factory.SubFactory(QuestionSetFactory)
    order = factory.Sequence(lambda n: n)


# --- questions a person wrote, of every kind ------------------------------------------

# What a question is, for comparing before and after a round trip.
FIELDS = ("kind", "prompt", "answer", "accepted_answers", "choices", "explanation", "tolerance")
# Every character GIFT gives a meaning, and a backslash.
AWKWARD = 'a ~ b = c # d { e } f : g \\ h, "i" | j'


def person_question(*, source: models.Source, **fields) -> models.Question:
    """A question a person wrote: no fact, no sentence."""
    defaults = {"fact": None, "sentence": None, "section": None, "generation_key": ""}
    return QuestionFactory(source=source, **{**defaults, "explanation": "", **fields})


def questions_of_every_kind(source: models.Source) -> list[models.Question]:
    return [
        person_question(
            source=source,
            kind=models.Question.Kind.MULTIPLE_CHOICE,
            prompt=f"Which town: {AWKWARD}?",
            answer="Rawa, on the Euphrates",
            choices=["Anah | upper", "Rawa, on the Euphrates", "Al-Qā'im", 'Hit "town"'],
            accepted_answers=["Rawah"],
            explanation="Rawa fell {after} Anah: see #2 ~ end.",
        ),
        person_question(
            source=source,
            kind=models.Question.Kind.TRUE_FALSE,
            prompt="Is it true that the army took Anah on 17 October 2017?",
            answer="False",
            choices=["True", "False"],
            explanation="False: it was 26 September 2017.",
        ),
        person_question(
            source=source,
            kind=models.Question.Kind.SHORT_ANSWER,
            prompt="Who commanded the Joint Operations Command?",
            answer="Abdul Amir Yarallah",
            accepted_answers=["Yarallah", "Abdel = Emir Yarallah"],
            choices=[],
            explanation="",
        ),
        person_question(
            source=source,
            kind=models.Question.Kind.NUMERIC,
            prompt="About how many fighters defended Rawa?",
            answer="75",
            tolerance=Decimal("7.50"),
            accepted_answers=["75.0"],
            choices=[],
            explanation="The article says around 75.",
        ),
        person_question(
            source=source,
            kind=models.Question.Kind.NUMERIC,
            prompt="How many civilians fled?",
            answer="1500–2000",
            accepted_answers=["1,500–2,000"],
            choices=[],
            explanation="",
        ),
        person_question(
            source=source,
            kind=models.Question.Kind.DATE,
            prompt="On what date was Rawa captured?",
            answer="2017-11-17",
            accepted_answers=["17 November 2017", "November 17, 2017", "17/11/2017"],
            choices=[],
            explanation="“Rawa was captured on 17 November.”",
        ),
        person_question(
            source=source,
            kind=models.Question.Kind.ORDERING,
            prompt="Put these events in order, earliest first.",
            answer="Anah captured\nAl-Qa'im -> taken\nRawa captured",
            choices=["Rawa captured", "Anah captured", "Al-Qa'im -> taken"],
            explanation="26 September 2017: Anah.\n3 November 2017: Al-Qa'im.",
        ),
    ]


def as_fields(question) -> dict:
    return {name: getattr(question, name) for name in FIELDS}


# --- arbitrary posts, for property-based tests -------------------------------------------

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "0", "1", "3", "4", "2017-11-03", "Rawa", "True", "\x00", "٣"]),
)


def posts(*fields: str):
    keys = st.one_of(st.sampled_from(fields), st.text(max_size=10))
    return st.dictionaries(keys, VALUES, max_size=len(fields) + 2)


# --- a student's study, in bulk --------------------------------------------------------


def add_questions(question_set, count: int, **fields) -> list[models.Question]:
    """Questions appended to the set, in bulk so that hundreds stay fast."""
    source = SourceFactory()
    start = models.QuestionSetItem.objects.filter(question_set=question_set).count()
    questions = models.Question.objects.bulk_create(
        models.Question(
            source=source,
            kind=models.Question.Kind.SHORT_ANSWER,
            prompt=f"Which town, {start + i}?",
            answer="Rawa",
            status=fields.get("status", models.Question.Status.PUBLISHED),
            generation_key=f"q-{start + i}",
        )
        for i in range(count)
    )
    models.QuestionSetItem.objects.bulk_create(
        models.QuestionSetItem(question_set=question_set, question=question, order=start + i)
        for i, question in enumerate(questions)
    )
    return questions


def add_cards(user, questions, *, due, **fields) -> list[models.Card]:
    return models.Card.objects.bulk_create(
        models.Card(
            user=user,
            question=question,
            due=due,
            state=fields.get("state", models.Card.State.REVIEW),
            stability=3.0,
            difficulty=5.0,
            last_review=due - timedelta(days=3),
            reps=1,
        )
        for question in questions
    )


def analyze(*tables) -> None:
    """What autovacuum does after a bulk load, at once: on PostgreSQL, the planner's
    statistics for these tables, counted now. Rolled-back tests leave dead rows behind, and
    statistics that count none of them would plan for an empty table."""
    if connection.vendor == "postgresql":
        names = ", ".join(connection.ops.quote_name(table._meta.db_table) for table in tables)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {names}")


def review(
    *,
    user,
    question,
    question_set,
    now,
    rating=models.ReviewLog.Rating.GOOD,
    given="Rawa",
    reps=0,
    overridden=False,
):
    return answering.review_card(
        user=user,
        question=question,
        question_set=question_set,
        card=models.Card.objects.filter(user=user, question=question).first(),
        rating=rating,
        given=given,
        response_ms=4200,
        expected_reps=reps,
        now=now,
        overridden=overridden,
    )
