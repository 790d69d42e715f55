"""The end of a study session: a summary, and the way on when a card comes due."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from learning.models import Card
from tests.factories import QuestionSetFactory, QuestionSetItemFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def question_set():
    question_set = QuestionSetFactory(name="Western Iraq", slug="western-iraq")
    QuestionSetItemFactory(
        question_set=question_set,
        question__prompt="Which town was retaken on 17 November 2017?",
        question__answer="Rawa",
        question__choices=["Anah", "Rawa", "Akashat", "Hit"],
    )
    return question_set


def test_a_student_finishes_a_session_and_continues_when_a_card_comes_due(
    page: Page, live_server, question_set, student_login
):
    student_login(page, live_server.url)
    page.goto(f"{live_server.url}/study/western-iraq/")
    expect(page.locator(".session-progress")).to_contain_text("0 done today · 1 left")
    page.get_by_role("button", name=re.compile("Rawa")).click()
    page.get_by_role("button", name=re.compile(r"Easy ·")).click()
    expect(page.get_by_role("heading", name="Nothing to study right now")).to_be_visible()
    expect(page.locator(".summary")).to_have_text("Today: 1 card studied, 1 right.")
    # The card comes due (as a lapsed card would, some minutes later).
    Card.objects.update(state=Card.State.RELEARNING, step=0, due=timezone.now())
    page.get_by_role("link", name="Check for due cards").click()
    expect(page.locator("h2.prompt")).to_have_text("Which town was retaken on 17 November 2017?")
    expect(page.locator(".session-progress")).to_contain_text("1 done today")
