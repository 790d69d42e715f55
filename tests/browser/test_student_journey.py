"""A new student's first session, in a real browser, with and without JavaScript.

Signs up, studies five cards (keyboard only when JavaScript runs), flags one, takes a
quiz, and finds the score on the progress page.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from learning.models import Flag, Question, QuizAttempt, ReviewLog
from tests.factories import QuestionSetFactory, QuestionSetItemFactory

pytestmark = pytest.mark.django_db(transaction=True)

TOWNS = ["Anah", "Rawa", "Akashat", "Hit", "Qaim", "Haditha"]
# Towns no question answers: a quiz never offers one question's answer among another's
# choices.
DISTRACTORS = ["Rutba", "Baiji", "Tikrit"]


@pytest.fixture
def question_set():
    question_set = QuestionSetFactory(name="Western Iraq", slug="western-iraq")
    for index, town in enumerate(TOWNS):
        QuestionSetItemFactory(
            question_set=question_set,
            order=index,
            question__prompt=f"Which town was retaken in week {index + 1}?",
            question__answer=town,
            question__choices=[town, *DISTRACTORS],
        )
    QuestionSetItemFactory(
        question_set=question_set,
        order=len(TOWNS),
        question__kind=Question.Kind.SHORT_ANSWER,
        question__prompt="Who declared final victory over IS on 9 December 2017?",
        question__answer="Haider al-Abadi",
        question__accepted_answers=["al-Abadi"],
        question__choices=[],
    )
    return question_set


def sign_up(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/signup/")
    page.get_by_label("First name").fill("Amira")
    page.get_by_label("Last name").fill("Haddad")
    page.get_by_label("Username").fill("amira")
    page.get_by_label("Password", exact=True).fill("a-long-pass-phrase")
    page.get_by_label("Password confirmation").fill("a-long-pass-phrase")
    page.get_by_label("Password confirmation").press("Enter")
    expect(page.get_by_role("heading", name="Your question sets")).to_be_visible()


def right_choice(page: Page) -> int:
    """Where the right town is among the choices shown (they are shuffled), from 0."""
    week = int(re.search(r"week (\d+)", page.locator("h2.prompt").inner_text()).group(1))
    texts = [text.split(maxsplit=1)[1] for text in page.locator("button.choice").all_inner_texts()]
    return texts.index(TOWNS[week - 1])


def study_with_the_keyboard(page: Page) -> None:
    for _ in range(5):
        # Focus on the new question also shows the keyboard script is running.
        expect(page.locator("h2.prompt")).to_be_focused()
        prompt = page.locator("h2.prompt").inner_text()
        page.keyboard.press(str(right_choice(page) + 1))
        expect(page.get_by_role("status")).to_have_text("Correct.")
        expect(page.locator("h2.prompt")).to_be_focused()
        page.keyboard.press("Enter")  # the suggested rating: Good
        expect(page.locator("h2.prompt")).not_to_have_text(prompt)


def study_with_plain_forms(page: Page) -> None:
    for _ in range(5):
        page.locator("button.choice").nth(right_choice(page)).click()
        expect(page.locator(".verdict")).to_contain_text("Correct")
        page.get_by_role("button", name=re.compile(r"Good ·")).click()


def test_a_new_student_studies_flags_takes_a_quiz_and_sees_the_score(
    page: Page, live_server, question_set
):
    sign_up(page, live_server.url)
    page.get_by_role("link", name="Study").nth(1).click()
    if page.javascript_enabled:
        study_with_the_keyboard(page)
    else:
        study_with_plain_forms(page)
    assert ReviewLog.objects.filter(rating=ReviewLog.Rating.GOOD, correct=True).count() == 5

    # The sixth card: answer it wrong, then flag it.
    page.locator("button.choice").nth((right_choice(page) + 1) % 4).click()
    expect(page.locator(".verdict")).to_contain_text("Not quite")
    expect(page.get_by_role("button", name=re.compile("Good"))).to_have_count(0)
    page.get_by_text("Flag this question as wrong or unclear").click()
    page.get_by_label("What is wrong or unclear?").fill("Two towns fit this week")
    page.get_by_role("button", name="Send flag").click()
    expect(page.get_by_text(re.compile("a teacher will review"))).to_be_visible()
    assert Flag.objects.get().comment == "Two towns fit this week"
    # The feedback stays, with and without JavaScript: the seen card is still rated.
    expect(page.locator(".verdict")).to_contain_text("Not quite")
    page.get_by_role("button", name=re.compile(r"Again ·")).click()
    expect(page.locator(".verdict")).to_have_count(0)
    assert ReviewLog.objects.filter(rating=ReviewLog.Rating.AGAIN).count() == 1

    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Take a quiz").click()
    for _ in range(len(TOWNS) + 1):
        heading = page.locator("h2[data-focus]").first.inner_text()
        short_answer = page.locator("[data-answer-input]")
        if short_answer.count():
            short_answer.fill("al-Abadi")
            short_answer.press("Enter")
        else:
            # A quiz shuffles the choices: find the right one's number.
            week = int(re.search(r"week (\d+)", heading).group(1))
            choices = page.locator("button.choice")
            texts = [text.split(maxsplit=1)[1] for text in choices.all_inner_texts()]
            position = texts.index(TOWNS[week - 1])
            if page.javascript_enabled:
                # Focus on the question shows the keyboard script is ready for the key.
                expect(page.locator("h2[data-focus]").first).to_be_focused()
                page.keyboard.press(str(position + 1))
            else:
                choices.nth(position).click()
        expect(page.locator("h2[data-focus]").first).not_to_have_text(heading)
    expect(page.get_by_role("heading", name="Your score: 7 / 7 (100%)")).to_be_visible()
    assert QuizAttempt.objects.get().score == 7

    page.get_by_role("link", name="Progress").click()
    expect(page.get_by_role("cell", name="7 of 7")).to_be_visible()
