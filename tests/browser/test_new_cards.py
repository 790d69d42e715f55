"""Thirty new cards in a row, never two questions of one fact one after the other."""

import itertools
import re

import pytest
from playwright.sync_api import Page, expect

from learning.models import Question
from tests.factories import FactFactory, QuestionSetFactory, QuestionSetItemFactory

pytestmark = pytest.mark.django_db(transaction=True)

TOWNS = ["Anah", "Rawa", "Akashat", "Hit"]


@pytest.fixture
def question_set(settings):
    settings.DAILY_NEW_CARDS = 40
    question_set = QuestionSetFactory(name="Thirty towns", slug="thirty")
    for number in range(30):
        fact = FactFactory()
        for kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE):
            QuestionSetItemFactory(
                question_set=question_set,
                question__fact=fact,
                question__section=fact.sentence.section,
                question__kind=kind,
                question__prompt=f"Fact {number}: which town, as {kind}?",
                question__answer="Rawa" if kind == Question.Kind.MULTIPLE_CHOICE else "True",
                question__choices=TOWNS
                if kind == Question.Kind.MULTIPLE_CHOICE
                else ["True", "False"],
            )
    return question_set


def test_thirty_new_cards_never_bring_two_of_one_fact_in_a_row(
    page: Page, live_server, question_set, student_login
):
    student_login(page, live_server.url)
    page.goto(f"{live_server.url}/study/thirty/")
    facts = []
    for _ in range(30):
        prompt = page.locator("h2.prompt").inner_text()
        facts.append(re.match(r"Fact (\d+)", prompt).group(1))
        answer = "True" if "true_false" in prompt else "Rawa"
        page.get_by_role("button", name=answer, exact=True).click()
        expect(page.locator(".verdict")).to_contain_text("Correct")
        page.get_by_role("button", name=re.compile(r"Easy ·")).click()
        expect(page.locator(".verdict")).to_have_count(0)
    assert all(a != b for a, b in itertools.pairwise(facts))
    assert len(set(facts)) == 30
