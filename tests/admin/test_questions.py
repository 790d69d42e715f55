from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from learning.models import Question, QuestionSetItem
from learning.study.choices import preview_choices
from tests.factories import (
    CardFactory,
    FactFactory,
    FlagFactory,
    QuestionFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    QuizAttemptFactory,
    QuizResponseFactory,
    ReviewLogFactory,
    SentenceFactory,
    SourceFactory,
    TeacherFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:learning_question_changelist")
SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = b"&lt;script&gt;alert(1)&lt;/script&gt;"


class _FormParser(HTMLParser):
    """What a browser without JavaScript posts from one form of a page."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.textarea: str | None = None
        self.select: str | None = None
        self.options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "disabled" in attrs:
            return
        kind = attrs.get("type", "text")
        if tag == "input" and "name" in attrs and kind not in ("submit", "button"):
            if kind not in ("checkbox", "radio") or "checked" in attrs:
                self.fields.append((attrs["name"], attrs.get("value", "on")))
        elif tag == "textarea":
            self.textarea, self.text = attrs["name"], ""
        elif tag == "select":
            self.select, self.options = attrs["name"], []
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            # Browsers drop the newline that opens a text area.
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None
        elif tag == "select" and self.select:
            chosen = [value for value, selected in self.options if selected] or [
                value for value, _ in self.options[:1]
            ]
            self.fields += [(self.select, value) for value in chosen]
            self.select = None


def form_data(response, form_id: str, **changes) -> dict[str, list[str]]:
    """The fields of the page's form with this id, as posted, with some changed."""
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return data


def _change_url(question: Question) -> str:
    return reverse("admin:learning_question_change", args=[question.pk])


def _edit(client, question: Question, **changes):
    page = client.get(_change_url(question))
    return client.post(_change_url(question), form_data(page, "question_form", **changes))


def _answered(question: Question, *, correct: bool) -> None:
    QuizResponseFactory(
        question=question, correct=correct, answered_at=datetime(2017, 11, 3, tzinfo=UTC)
    )


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _listed(response) -> list[Question]:
    return list(response.context["cl"].result_list)


@pytest.fixture
def teacher(client):
    # Named, so the question's history can be checked for the name.
    teacher = TeacherFactory(username="mrs-hall")
    client.force_login(teacher)
    return teacher


@pytest.fixture
def teacher_client(client, teacher):
    return client


# --- the list ------------------------------------------------------------------------------


def _bank(size: int) -> None:
    """Questions with reviews, quiz responses and flags, as after a few weeks of use."""
    student, sentence = UserFactory(), SentenceFactory()
    attempt = QuizAttemptFactory(user=student)
    for question in QuestionFactory.create_batch(size, fact__sentence=sentence):
        card = CardFactory(question=question, user=student)
        ReviewLogFactory(card=card, correct=question.pk % 2 == 0)
        QuizResponseFactory(
            attempt=attempt, question=question, correct=True, answered_at=attempt.started_at
        )
        FlagFactory(question=question, user=student)


@pytest.mark.parametrize("size", [10, 120])
def test_the_question_list_takes_the_same_queries_for_10_or_120_questions(
    teacher_client, django_assert_max_num_queries, size
):
    _bank(size)
    with django_assert_max_num_queries(9):
        response = teacher_client.get(CHANGELIST)
    assert response.status_code == 200
    assert response.content.count(b'class="action-select"') == min(size, 50)


def test_the_list_shows_how_often_a_question_was_answered_and_how_often_rightly(teacher_client):
    question = QuestionFactory()
    card = CardFactory(question=question)
    ReviewLogFactory(card=card, correct=True, overridden=True)
    ReviewLogFactory(card=card, correct=False)
    _answered(question, correct=True)
    _answered(question, correct=True)
    FlagFactory.create_batch(2, question=question)
    html = teacher_client.get(CHANGELIST).content.decode()
    assert '<td class="field-answered">4</td>' in html
    assert '<td class="field-correct">75%</td>' in html
    # One review the student marked right after a wrong verdict.
    assert '<td class="field-overridden">1</td>' in html
    assert f'?question__id__exact={question.pk}">2</a>' in html


def test_the_list_sorts_by_percent_correct(teacher_client):
    low, high = QuestionFactory.create_batch(2)
    _answered(low, correct=False)
    _answered(high, correct=True)
    # The eighth column, counting from the prompt.
    assert _listed(teacher_client.get(CHANGELIST, {"o": "8"})) == [low, high]
    assert _listed(teacher_client.get(CHANGELIST, {"o": "-8"})) == [high, low]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [("low", ["poor"]), ("middle", ["fair"]), ("high", ["good"]), ("none", ["new"])],
)
def test_the_list_filters_by_percent_correct(teacher_client, choice, expected):
    questions = {name: QuestionFactory(prompt=name) for name in ("poor", "fair", "good", "new")}
    for name, rights in (("poor", [False, True, False]), ("fair", [True, True, False])):
        for right in rights:
            _answered(questions[name], correct=right)
    _answered(questions["good"], correct=True)
    listed = _listed(teacher_client.get(CHANGELIST, {"correct": choice}))
    assert [question.prompt for question in listed] == expected


def test_the_list_filters_questions_with_open_flags(teacher_client):
    flagged, resolved, calm = QuestionFactory.create_batch(3)
    FlagFactory(question=flagged)
    FlagFactory(question=resolved, status="resolved")
    assert _listed(teacher_client.get(CHANGELIST, {"flagged": "yes"})) == [flagged]
    assert _listed(teacher_client.get(CHANGELIST, {"flagged": "no"})) == [resolved, calm]


def test_the_list_filters_questions_edited_by_a_person(teacher_client):
    QuestionFactory()
    edited = QuestionFactory(edited_by_human=True)
    response = teacher_client.get(CHANGELIST, {"edited_by_human__exact": "1"})
    assert _listed(response) == [edited]
    assert b"By edited by a person" in response.content


def test_the_list_searches_the_source_sentence(teacher_client):
    QuestionFactory.create_batch(2)
    wanted = QuestionFactory(sentence=SentenceFactory(text="Akashat fell without a fight."))
    assert _listed(teacher_client.get(CHANGELIST, {"q": "without a fight"})) == [wanted]


def test_the_list_shows_html_in_a_prompt_as_text(teacher_client):
    QuestionFactory(prompt=f"{SCRIPT} Which town?")
    content = teacher_client.get(CHANGELIST).content
    assert ESCAPED_SCRIPT in content and SCRIPT.encode() not in content


# --- permissions ---------------------------------------------------------------------------


def test_a_student_is_sent_to_the_admin_login(client):
    client.force_login(UserFactory())
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_teacher_may_not_delete_a_question(teacher_client):
    question = QuestionFactory()
    delete_page = reverse("admin:learning_question_delete", args=[question.pk])
    assert teacher_client.get(delete_page).status_code == 403
    assert teacher_client.post(delete_page, {"post": "yes"}).status_code == 403
    assert b'value="delete_selected"' not in teacher_client.get(CHANGELIST).content
    teacher_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [question.pk], "post": "yes"}
    )
    assert Question.objects.filter(pk=question.pk).exists()


# --- the edit page -------------------------------------------------------------------------


def test_editing_a_question_marks_it_edited_by_a_person_in_its_history(teacher_client, teacher):
    question = QuestionFactory()
    response = _edit(
        teacher_client, question, prompt="Which town did the Iraqi Army retake on 17 November?"
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.edited_by_human
    assert question.prompt == "Which town did the Iraqi Army retake on 17 November?"
    latest = question.history.first()
    assert latest.history_user == teacher and latest.prompt == question.prompt


def test_saving_an_unchanged_question_leaves_it_to_regeneration(teacher_client):
    question = QuestionFactory(accepted_answers=["Rawah"], explanation="From the article.")
    assert _edit(teacher_client, question).status_code == 302
    question.refresh_from_db()
    assert not question.edited_by_human
    assert question.choices == ["Anah", "Rawa", "Akashat", "Hit"]
    assert question.accepted_answers == ["Rawah"]


def test_choices_are_rows_with_positions_and_two_empty_rows(teacher_client):
    question = QuestionFactory(choices=["Anah", "Rawa", "Hit"])
    data = form_data(teacher_client.get(_change_url(question)), "question_form")
    assert data["choices_text"] == ["Anah", "Rawa", "Hit", "", ""]
    assert data["choices_position"] == ["1", "2", "3", "4", "5"]


def test_choices_are_reordered_by_their_numbers_and_emptied_rows_dropped(teacher_client):
    question = QuestionFactory(choices=["Anah", "Rawa", "Akashat", "Hit"])
    response = _edit(
        teacher_client,
        question,
        choices_text=["Anah", "Rawa", "", "Hit", "al-Qaim", ""],
        choices_position=["4", "1", "3", "2", "3", "6"],
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.choices == ["Rawa", "Hit", "al-Qaim", "Anah"]


def test_accepted_answers_are_edited_one_per_line(teacher_client):
    question = QuestionFactory(kind=Question.Kind.SHORT_ANSWER, choices=[], accepted_answers=["a"])
    page = teacher_client.get(_change_url(question))
    assert form_data(page, "question_form")["accepted_answers"] == ["a"]
    _edit(teacher_client, question, accepted_answers="Rawah\r\n\r\n  Rāwa  \r\n")
    question.refresh_from_db()
    assert question.accepted_answers == ["Rawah", "Rāwa"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"answer": "Baghdad"}, "answer", "The answer must be one of the choices"),
        (
            {"choices_text": ["Rawa", "rawa"], "choices_position": ["1", "2"]},
            "choices",
            "Each choice must differ",
        ),
        ({"kind": "true_false"}, "answer", "True or False"),
        ({"kind": "date", "answer": "3 November 2017"}, "answer", "YYYY-MM-DD"),
    ],
)
def test_an_unanswerable_question_is_refused_with_a_message_on_the_field(
    teacher_client, changes, field, message
):
    question = QuestionFactory()
    response = _edit(teacher_client, question, **changes)
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors[field])
    question.refresh_from_db()
    assert not question.edited_by_human


def test_an_ordering_question_takes_its_answer_one_item_per_line(teacher_client):
    question = QuestionFactory(
        kind=Question.Kind.ORDERING, answer="A\nB\nC", choices=["C", "A", "B"]
    )
    response = _edit(
        teacher_client,
        question,
        answer="A\r\nB\r\n\r\nC\r\nD",
        choices_text=["C", "A", "B", "D"],
        choices_position=["1", "2", "3", "4"],
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == "A\nB\nC\nD" and question.ordering_items == ["A", "B", "C", "D"]


def test_the_source_sentence_is_shown_with_the_answer_marked_and_html_as_text(teacher_client):
    sentence = SentenceFactory(text=f"{SCRIPT} On 3 November 2017 the army took <b>Rawa</b>.")
    question = QuestionFactory(sentence=sentence, fact__source_text="3 November 2017")
    content = teacher_client.get(_change_url(question)).content
    assert b"<mark>3 November 2017</mark> the army took &lt;b&gt;Rawa&lt;/b&gt;." in content
    assert ESCAPED_SCRIPT in content and SCRIPT.encode() not in content


def test_an_infobox_question_shows_its_infobox_line_with_the_answer_marked(teacher_client):
    fact = FactFactory(infobox_field="Result", source_text="Iraqi victory")
    fact.sentence = None
    fact.save()
    question = QuestionFactory(
        fact=fact, sentence=None, section=None, answer="Iraqi victory", explanation="Infobox."
    )
    content = teacher_client.get(_change_url(question)).content
    assert b"Result: <mark>Iraqi victory</mark>" in content


def test_the_edit_page_shows_html_in_the_question_as_text(teacher_client):
    question = QuestionFactory(prompt=f"{SCRIPT} Which?", choices=[SCRIPT, "Rawa"])
    content = teacher_client.get(_change_url(question)).content
    assert content.count(ESCAPED_SCRIPT) >= 2
    assert SCRIPT.encode() not in content


def test_the_preview_shows_the_question_as_a_student_sees_it_but_disabled(teacher_client):
    question = QuestionFactory(prompt=f"{SCRIPT} Which town?", choices=[SCRIPT, "Rawa"])
    html = teacher_client.get(_change_url(question)).content.decode()
    preview = html[html.index('class="question-preview') :]
    assert "<fieldset disabled" in preview
    assert preview.count('class="choice"') == 2
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Which town?" in preview
    assert SCRIPT not in preview
    # Outside the edit form, whose Enter key its disabled buttons would block.
    assert html.index("</form>", html.index('id="question_form"')) < html.index(preview)


def test_a_teacher_adds_a_question_by_hand(teacher_client):
    source = SourceFactory()
    sentence = SentenceFactory(section__source=source)
    page = teacher_client.get(reverse("admin:learning_question_add"))
    data = form_data(
        page,
        "question_form",
        source=str(source.pk),
        sentence=str(sentence.pk),
        section=str(sentence.section_id),
        kind="numeric",
        prompt="How many villages were captured?",
        answer="12",
        status="draft",
    )
    response = teacher_client.post(reverse("admin:learning_question_add"), data)
    assert response.status_code == 302
    question = Question.objects.get()
    assert (question.source, question.sentence, question.answer) == (source, sentence, "12")
    assert question.edited_by_human and question.choices == []


def test_a_question_needs_a_source(teacher_client):
    page = teacher_client.get(reverse("admin:learning_question_add"))
    data = form_data(page, "question_form", kind="short_answer", prompt="Who?", answer="Abadi")
    response = teacher_client.post(reverse("admin:learning_question_add"), data)
    assert response.status_code == 200
    assert "source" in response.context["adminform"].form.errors


# --- bulk actions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("publish", Question.Status.PUBLISHED),
        ("retire", Question.Status.RETIRED),
        ("return_to_draft", Question.Status.DRAFT),
    ],
)
def test_bulk_actions_change_the_status_of_the_selected_questions(teacher_client, action, status):
    chosen = QuestionFactory.create_batch(3, status=Question.Status.DRAFT)
    untouched = QuestionFactory(status=Question.Status.DRAFT)
    if status == Question.Status.DRAFT:
        Question.objects.update(status=Question.Status.PUBLISHED)
        untouched.refresh_from_db()
    response = teacher_client.post(
        CHANGELIST, {"action": action, "_selected_action": [q.pk for q in chosen]}
    )
    assert response.status_code == 302
    assert set(Question.objects.filter(status=status).values_list("pk", flat=True)) == {
        q.pk for q in chosen
    }
    assert Question.objects.get(pk=untouched.pk).status == untouched.status
    assert all(
        Question.objects.filter(pk__in=[q.pk for q in chosen]).values_list(
            "edited_by_human", flat=True
        )
    )


def test_a_status_action_on_a_filtered_list_reports_what_it_did(teacher_client):
    chosen = QuestionFactory.create_batch(2, status=Question.Status.DRAFT)
    QuestionFactory(status=Question.Status.PUBLISHED, edited_by_human=True)
    response = teacher_client.post(
        f"{CHANGELIST}?status__exact=draft",
        {"action": "publish", "_selected_action": [q.pk for q in chosen]},
    )
    assert _messages(response) == ["2 question(s) now published."]


def test_a_bulk_publish_appears_in_each_questions_history_with_the_teacher(teacher_client, teacher):
    chosen = QuestionFactory.create_batch(2, status=Question.Status.DRAFT)
    teacher_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [q.pk for q in chosen]}
    )
    for question in chosen:
        latest = question.history.first()
        assert latest.status == Question.Status.PUBLISHED and latest.history_user == teacher
        assert latest.prev_record.status == Question.Status.DRAFT


def test_the_history_page_names_the_teacher_for_an_edit_and_a_bulk_publish(teacher_client, teacher):
    question = QuestionFactory(status=Question.Status.DRAFT)
    _edit(teacher_client, question, prompt="Which town fell on 17 November 2017?")
    teacher_client.post(CHANGELIST, {"action": "publish", "_selected_action": [question.pk]})
    assert [(h.history_user, h.history_type) for h in question.history.all()] == [
        (teacher, "~"),
        (teacher, "~"),
        (None, "+"),
    ]
    history = reverse("admin:learning_question_history", args=[question.pk])
    content = teacher_client.get(history).content.decode()
    assert content.count("mrs-hall") >= 2


def _choose_set(client, questions: list[Question]):
    """The first step of "add to a question set", posted from the list as a browser does."""
    data = form_data(
        client.get(CHANGELIST),
        "changelist-form",
        action="add_to_question_set",
        _selected_action=[str(q.pk) for q in questions],
    )
    return client.post(CHANGELIST, data)


def test_adding_to_a_set_asks_which_of_the_teachers_own_sets(teacher):
    client = Client(enforce_csrf_checks=True)
    client.force_login(teacher)
    mine = QuestionSetFactory(owner=teacher, name="My revision set")
    QuestionSetFactory(owner=UserFactory(username="mr-jones"), name="Not mine")
    QuestionSetFactory(owner=None, name="Generated")
    questions = QuestionFactory.create_batch(2)
    QuestionSetItemFactory(question_set=mine, question=questions[0], order=3)
    page = _choose_set(client, questions)
    assert page.status_code == 200
    assert b"My revision set" in page.content
    assert b"Not mine" not in page.content and b"Generated" not in page.content
    assert b"csrfmiddlewaretoken" in page.content
    response = client.post(
        CHANGELIST,
        form_data(page, "add-to-set-form", question_set=str(mine.pk), apply="Add to set"),
    )
    assert response.status_code == 302
    items = QuestionSetItem.objects.filter(question_set=mine).order_by("order")
    assert [(item.question_id, item.order) for item in items] == [
        (questions[0].pk, 3),
        (questions[1].pk, 4),
    ]
    assert _messages(response) == ["Added 1 question(s) to “My revision set”; 1 already in it."]


def test_a_teacher_cannot_add_to_another_teachers_set(teacher_client, teacher):
    QuestionSetFactory(owner=teacher)
    theirs = QuestionSetFactory(owner=UserFactory(username="mr-jones"))
    question = QuestionFactory()
    page = _choose_set(teacher_client, [question])
    response = teacher_client.post(
        CHANGELIST,
        form_data(page, "add-to-set-form", question_set=str(theirs.pk), apply="Add to set"),
    )
    assert response.status_code == 200
    assert "question_set" in response.context["form"].errors
    assert not theirs.items.exists()


def test_a_teacher_without_sets_is_told_so(teacher_client):
    page = _choose_set(teacher_client, [QuestionFactory()])
    assert b"You have no question sets to add to yet" in page.content


def test_a_superuser_may_add_to_any_set(client):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    theirs = QuestionSetFactory(owner=UserFactory(username="mr-jones"))
    question = QuestionFactory()
    page = _choose_set(client, [question])
    client.post(
        CHANGELIST,
        form_data(page, "add-to-set-form", question_set=str(theirs.pk), apply="Add to set"),
    )
    assert list(theirs.questions.all()) == [question]


def test_regenerating_distractors_skips_and_reports_questions_a_person_edited(teacher_client):
    edited = QuestionFactory(edited_by_human=True)
    typed = QuestionFactory(kind=Question.Kind.SHORT_ANSWER, choices=[])
    response = teacher_client.post(
        CHANGELIST,
        {"action": "regenerate_distractors", "_selected_action": [edited.pk, typed.pk]},
    )
    assert _messages(response) == [
        "New distractors for 0 question(s); 1 skipped: edited by a person; "
        "1 skipped: not multiple choice."
    ]
    edited.refresh_from_db()
    assert edited.choices == ["Anah", "Rawa", "Akashat", "Hit"]


def test_the_list_shows_each_question_s_value_and_filters_those_worth_publishing(teacher_client):
    worth = QuestionFactory(value=80, prompt="Who led the offensive?")
    QuestionFactory(value=30, prompt="Who told the agency?")
    url = reverse("admin:learning_question_changelist")
    page = teacher_client.get(url, {"value": "publish", "o": "-10"})
    assert page.status_code == 200
    assert [q.pk for q in page.context["cl"].result_list] == [worth.pk]
    assert "Who told the agency?" in teacher_client.get(url, {"value": "below"}).content.decode()


def test_the_preview_shuffles_the_choices_as_a_student_sees_them_the_same_on_a_reload(
    teacher_client,
):
    question = QuestionFactory(answer="Rawa", choices=["Anah", "Rawa", "Akashat", "Hit"])

    def previewed() -> list[str]:
        html = teacher_client.get(_change_url(question)).content.decode()
        preview = html[html.index('class="question-preview') :]
        return sorted(question.choices, key=lambda choice: preview.index(f'value="{choice}"'))

    assert previewed() == previewed() == preview_choices(question=question)
    assert sorted(previewed()) == sorted(question.choices)
