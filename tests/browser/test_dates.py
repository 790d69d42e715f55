"""A date typed the way people write it, read back before checking, and graded by distance."""

import re

import pytest
from playwright.sync_api import Page, expect

from learning.models import Question, ReviewLog
from tests.factories import QuestionSetFactory, QuestionSetItemFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def question_set():
    question_set = QuestionSetFactory(name="Western Iraq", slug="western-iraq")
    QuestionSetItemFactory(
        question_set=question_set,
        question__kind=Question.Kind.DATE,
        question__prompt="When did the Iraqi Army capture Rawa?",
        question__answer="2017-11-17",
        question__choices=[],
    )
    return question_set


def test_a_date_typed_day_first_is_echoed_and_two_days_off_is_close(
    page: Page, live_server, question_set, student_login
):
    student_login(page, live_server.url)
    page.goto(f"{live_server.url}/study/western-iraq/")
    expect(page.get_by_text(re.compile("for example 17 November 2017"))).to_be_visible()
    box = page.get_by_label("Your answer (a date)")
    box.fill("15/11/2017")
    if page.javascript_enabled:
        # Echoed as typed, before anything is checked.
        expect(page.locator("#date-read")).to_have_text("Read as 15 November 2017.")
    box.press("Enter")
    expect(page.locator(".verdict")).to_contain_text("Close: 2 days off")
    expect(page.get_by_role("button", name=re.compile("Good"))).to_have_count(0)
    page.get_by_role("button", name=re.compile(r"Hard ·")).click()
    expect(
        page.get_by_role("heading", name=re.compile("Nothing to study|When did"))
    ).to_be_visible()
    # The page may show the next state a moment before the server's commit is visible here.
    for _ in range(50):
        if ReviewLog.objects.exists():
            break
        page.wait_for_timeout(100)
    assert ReviewLog.objects.get().rating == ReviewLog.Rating.HARD


FORMS = ["16 September 2017", "16 Sept 2017", "16/09/2017", "2017-09-16"]


@pytest.fixture
def four_dates():
    question_set = QuestionSetFactory(name="Akashat", slug="akashat")
    for number in range(len(FORMS)):
        QuestionSetItemFactory(
            question_set=question_set,
            question__kind=Question.Kind.DATE,
            question__prompt=f"When did the operation of phase {number + 1} begin?",
            question__answer="2017-09-16",
            question__choices=[],
        )
    return question_set


def test_each_date_form_people_type_is_read_and_right(
    page: Page, live_server, four_dates, student_login
):
    student_login(page, live_server.url)
    page.goto(f"{live_server.url}/study/akashat/")
    for typed in FORMS:
        box = page.get_by_label("Your answer (a date)")
        if page.javascript_enabled:
            # Focused once the new card has settled, as a student would start typing.
            expect(box).to_be_focused()
        box.fill(typed)
        if page.javascript_enabled:
            expect(page.locator("#date-read")).to_have_text("Read as 16 September 2017.")
        box.press("Enter")
        expect(page.locator(".verdict")).to_contain_text("Correct")
        expect(page.locator(".answers")).to_contain_text("16 September 2017")
        page.get_by_role("button", name=re.compile(r"Easy ·")).click()
        expect(page.locator(".verdict")).to_have_count(0)
    expect(page.get_by_role("heading", name="Nothing to study right now")).to_be_visible()
