"""A timed quiz a teacher set: the time it ends shown, the result with the time taken, and
the missed questions studied at once."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import (
    AssignmentFactory,
    MembershipFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

TOWNS = {"week 1": "Anah", "week 2": "Rawa", "week 3": "Akashat"}


@pytest.fixture
def question_set():
    question_set = QuestionSetFactory(name="Western Iraq", slug="western-iraq")
    for week, town in TOWNS.items():
        QuestionSetItemFactory(
            question_set=question_set,
            question__prompt=f"Which town was retaken in {week}?",
            question__answer=town,
            # Towns no other question answers: a quiz never offers one's answer in another.
            question__choices=[town, "Hit", "Rutba", "Baiji"],
        )
    assignment = AssignmentFactory(
        question_set=question_set, quiz_size=2, time_limit_minutes=10, attempts_allowed=2
    )
    MembershipFactory(classroom=assignment.classroom, student=UserFactory(username="amira"))
    return question_set


def test_a_student_takes_a_timed_quiz_and_studies_the_missed_questions(
    page: Page, live_server, question_set, student_login
):
    student_login(page, live_server.url)
    set_card = page.locator(".set").filter(has_text="Western Iraq")
    expect(set_card).to_contain_text("2 attempts left")
    expect(set_card).to_contain_text("10 min limit")
    set_card.get_by_role("button", name="Take a quiz").click()
    if page.javascript_enabled:
        # Counting down; and with the shortcuts running, the keys hint shows.
        expect(page.locator(".time-left")).to_contain_text(re.compile(r"Time left (9|10):\d\d"))
        expect(page.locator(".keys")).to_be_visible()
    else:
        expect(page.locator(".time-left")).to_contain_text("Time ends at")
        expect(page.locator(".keys")).to_be_hidden()
    # The first question wrong, then home: the quiz waits to be resumed.
    page.get_by_role("button", name=re.compile("Hit")).click()
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Resume quiz").click()
    week = re.search(r"week \d", page.locator("h2.prompt").inner_text()).group(0)
    page.get_by_role("button", name=re.compile(TOWNS[week])).click()
    expect(page.get_by_role("heading", name="Your score: 1 / 2 (50%)")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Time taken: \d+ s"))).to_be_visible()
    page.get_by_role("button", name="Study the 1 missed question").click()
    expect(page.get_by_text("1 missed question is due now.")).to_be_visible()
    expect(page.locator("h2.prompt")).to_be_visible()
