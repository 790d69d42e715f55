"""An ordering question: dragged into order with the keyboard, each move announced, or ranked
with plain selects without JavaScript, a duplicate rank named; one pair swapped is close."""

import re

import pytest
from playwright.sync_api import Page, expect

from learning.models import Question
from tests.factories import QuestionSetFactory, QuestionSetItemFactory

pytestmark = pytest.mark.django_db(transaction=True)

EVENTS = ["Akashat retaken", "Anah retaken", "Rawa retaken", "Al-Qaim border crossing taken"]


@pytest.fixture
def question_set():
    question_set = QuestionSetFactory(name="Western Iraq", slug="western-iraq")
    QuestionSetItemFactory(
        question_set=question_set,
        question__kind=Question.Kind.ORDERING,
        question__prompt="In what order did these happen, earliest first?",
        question__answer="\n".join(EVENTS),
        question__choices=[EVENTS[2], EVENTS[0], EVENTS[3], EVENTS[1]],
    )
    return question_set


def _shown(page: Page) -> list[str]:
    return [label.strip() for label in page.locator(".ordering-items label").all_inner_texts()]


def _sort_with_the_keyboard(page: Page) -> None:
    """Selection sort with Space and the arrow keys: each event in turn to its place."""
    for target, event in enumerate(EVENTS):
        moves = _shown(page).index(event) - target
        page.locator("button.grab").filter(has_text=event).focus()
        page.keyboard.press("Space")
        expect(page.locator("[data-ordering-status]")).to_contain_text(f"Picked up {event}")
        for _ in range(moves):
            page.keyboard.press("ArrowUp")
        page.keyboard.press("Space")
        expect(page.locator("[data-ordering-status]")).to_have_text(
            f"Dropped {event} at place {target + 1} of {len(EVENTS)}."
        )
    assert _shown(page) == EVENTS


def _rank(page: Page, order: list[str]) -> None:
    for event in EVENTS:
        page.get_by_label(event).select_option(str(order.index(event) + 1))


def test_a_student_puts_events_in_order(page: Page, live_server, question_set, student_login):
    student_login(page, live_server.url)
    page.goto(f"{live_server.url}/study/western-iraq/")
    if page.javascript_enabled:
        expect(page.get_by_text(re.compile("press Space to pick it up"))).to_be_visible()
        _sort_with_the_keyboard(page)
        page.get_by_role("button", name="Check order").click()
        expect(page.locator(".verdict")).to_contain_text("Correct")
    else:
        # Two events given place 1: the page names them and keeps the ranks.
        _rank(page, EVENTS)
        page.get_by_label(EVENTS[1]).select_option("1")
        page.get_by_role("button", name="Check order").click()
        expect(page.get_by_role("alert")).to_contain_text("both have place 1")
        # One pair the wrong way round: close.
        _rank(page, [EVENTS[1], EVENTS[0], EVENTS[2], EVENTS[3]])
        page.get_by_role("button", name="Check order").click()
        expect(page.locator(".verdict")).to_contain_text("Close: two events swapped")
