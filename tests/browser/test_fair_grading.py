"""Fair grading: a surname the article uses is right, an accepted alternative is named, and a
wrong verdict can be overridden ("I was right"), marked for the teacher."""

import re

import pytest
from playwright.sync_api import Page, expect

from learning.models import Question, ReviewLog
from tests.factories import QuestionSetFactory, QuestionSetItemFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def question_set():
    question_set = QuestionSetFactory(name="Western Iraq", slug="western-iraq")
    for prompt in ("Who announced the capture of Rawa?", "Who led the Anah operation?"):
        QuestionSetItemFactory(
            question_set=question_set,
            question__kind=Question.Kind.SHORT_ANSWER,
            question__prompt=prompt,
            question__answer="Abdul Amir Yarallah",
            question__accepted_answers=["Yarallah", "Abdel Emir Yarallah"],
            question__choices=[],
        )
    return question_set


def _answer(page: Page, text: str) -> None:
    box = page.get_by_label("Your answer")
    box.fill(text)
    box.press("Enter")


def test_a_student_answers_by_surname_and_overrides_a_wrong_verdict(
    page: Page, live_server, question_set, student_login
):
    student_login(page, live_server.url)
    page.goto(f"{live_server.url}/study/western-iraq/")
    _answer(page, "Yarallah")
    expect(page.locator(".verdict")).to_contain_text("Correct")
    expect(page.locator(".answers")).to_contain_text("Also accepted")
    expect(page.locator(".answers")).to_contain_text("Abdel Emir Yarallah")
    page.get_by_role("button", name=re.compile(r"Good ·")).click()

    _answer(page, "Gen. Yarallah of the JOC")
    expect(page.locator(".verdict")).to_contain_text("Not quite")
    page.get_by_role("button", name="I was right").click()
    expect(page.locator(".verdict")).to_have_count(0)
    for _ in range(50):
        if ReviewLog.objects.filter(overridden=True).exists():
            break
        page.wait_for_timeout(100)
    log = ReviewLog.objects.get(overridden=True)
    assert (log.correct, log.rating, log.answer_given) == (True, 3, "Gen. Yarallah of the JOC")
