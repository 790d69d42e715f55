"""factory-boy factories for every model, in one place."""

import hashlib
from datetime import timedelta

import factory
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from learning import models
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
