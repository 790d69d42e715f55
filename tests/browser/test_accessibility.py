"""axe-core (the npm package, installed by `make test`) run by Playwright on every student
page, at desktop and phone widths: no serious or critical violation, and no page wider than
the screen."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from learning.models import Question
from tests.browser.conftest import VIEWPORTS, new_context_page
from tests.factories import QuestionSetFactory, QuestionSetItemFactory

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _violations(page: Page) -> list[str]:
    if not AXE.exists():
        raise RuntimeError("axe-core is missing: run `make node` (npm ci).")
    # Evaluated through the DevTools protocol, so the pages' Content Security Policy allows it.
    page.evaluate(AXE.read_text())
    found = page.evaluate(
        """async (rules) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: rules}});
            return result.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => {
                    const where = v.nodes.map((n) => n.target.join(" ")).join(", ");
                    return `${v.id} (${v.impact}): ${v.help} at ${where}`;
                });
        }""",
        RULES,
    )
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        # A page wider than the screen scrolls sideways: on a phone, a layout defect.
        found.append(f"wider than the viewport by {overflow} px")
    return [f"{page.url}: {violation}" for violation in found]


@pytest.fixture
def question_set():
    question_set = QuestionSetFactory(name="Western Iraq", slug="western-iraq")
    QuestionSetItemFactory(
        question_set=question_set,
        question__prompt="Which town was retaken on 17 November 2017?",
        question__answer="Rawa",
        question__choices=["Anah", "Rawa", "Akashat", "Hit"],
    )
    QuestionSetItemFactory(
        question_set=question_set,
        question__kind=Question.Kind.DATE,
        question__prompt="When did the Iraqi Army capture al-Qaim?",
        question__answer="2017-11-03",
        question__choices=[],
    )
    QuestionSetItemFactory(
        question_set=question_set,
        question__kind=Question.Kind.ORDERING,
        question__prompt="In what order did these happen, earliest first?",
        question__answer="Akashat retaken\nRawa retaken\nAl-Qaim retaken",
        question__choices=["Rawa retaken", "Al-Qaim retaken", "Akashat retaken"],
        question__fact=None,
        question__source=question_set.items.first().question.source,
        question__sentence=None,
        question__section=None,
        question__explanation="",
    )
    return question_set


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_no_student_page_has_a_serious_or_critical_violation(
    browser: Browser, live_server, question_set, student_login, viewport
):
    found = []
    with new_context_page(browser, javascript=True, viewport=VIEWPORTS[viewport]) as page:
        base = live_server.url
        for url in ("/", "/login/", "/signup/", "/no-such-page/"):
            page.goto(base + url)
            found += _violations(page)
        student_login(page, base)
        found += _violations(page)  # home
        page.goto(f"{base}/study/western-iraq/")
        for _ in range(3):
            # Each kind of card, then its feedback: choices, a date box, an ordering list.
            found += _violations(page)
            if page.locator("button.choice").count():
                page.locator("button.choice").first.click()
            elif page.locator("[data-ordering]").count():
                page.get_by_role("button", name="Check order").click()
            else:
                box = page.get_by_label("Your answer (a date)")
                box.fill("3 November 2017")
                expect(page.locator("#date-read")).to_have_text("Read as 3 November 2017.")
                found += _violations(page)
                box.press("Enter")
            expect(page.locator(".verdict")).to_be_visible()
            found += _violations(page)
            page.locator(".ratings button").last.click()
            expect(page.locator(".verdict")).to_have_count(0)
        found += _violations(page)  # the end of the session
        for url in ("/progress/", "/account/"):
            page.goto(base + url)
            found += _violations(page)
        page.goto(f"{base}/")
        page.get_by_role("button", name="Take a quiz").first.click()
        expect(page.locator("h2.prompt")).to_be_visible()
        found += _violations(page)  # a quiz question
    assert not found, "\n".join(found)
