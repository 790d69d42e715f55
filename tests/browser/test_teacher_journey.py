"""A teacher's first week, in a real browser.

Publishes five drafts in bulk, fixes a distractor, builds a set, assigns it to a class;
a student joins with the code and takes the quiz; the teacher finds the score in the
gradebook and downloads it as CSV.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from learning.models import Question, QuestionSet
from tests.factories import QuestionFactory, SourceFactory, TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery"
TOWNS = ["Anah", "Rawa", "Akashat", "Hit", "Qaim", "Haditha", "Ramadi", "Fallujah"]


@pytest.fixture
def drafts():
    source = SourceFactory(title="Western Iraq")
    return [
        QuestionFactory(
            source=source,
            fact__source=source,
            fact__sentence__section__source=source,
            status=Question.Status.DRAFT,
            prompt=f"Which town was retaken on day {day}?",
            answer=town,
            # Towns no other question answers: a quiz never offers one's answer in another.
            choices=[town, *TOWNS[6:], "Rutba"],
        )
        for day, town in enumerate(TOWNS[:6], start=1)
    ]


def admin_login(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def run_action(page: Page, base_url: str, prompts: list[str], action: str) -> None:
    page.goto(f"{base_url}/admin/learning/question/")
    for prompt in prompts:
        row = page.get_by_role("row").filter(has_text=prompt)
        row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label=action)
    page.get_by_role("button", name="Go").click()


def choose_in_autocomplete(page: Page, field, text: str) -> None:
    field.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).click()


def test_a_teacher_curates_assigns_and_follows_a_students_score(live_server, new_page, drafts):
    base = live_server.url
    TeacherFactory(username="mrs-hall")
    UserFactory(username="amira")
    teacher = new_page()
    admin_login(teacher, base, "mrs-hall")

    # Publish five drafts in bulk.
    chosen = drafts[:5]
    run_action(teacher, base, [q.prompt for q in chosen], "Publish selected questions")
    expect(teacher.get_by_text("5 question(s) now published")).to_be_visible()
    assert Question.objects.filter(status=Question.Status.PUBLISHED).count() == 5

    # Fix a distractor: "Rutba" becomes "Tikrit" on the first question.
    teacher.goto(f"{base}/admin/learning/question/{chosen[0].pk}/change/")
    distractor = teacher.locator("input.vTextField[value='Rutba']")
    distractor.fill("Tikrit")
    teacher.get_by_role("button", name="Save", exact=True).click()
    expect(teacher.get_by_text(re.compile("was changed successfully"))).to_be_visible()
    fixed = Question.objects.get(pk=chosen[0].pk)
    assert "Tikrit" in fixed.choices and "Rutba" not in fixed.choices
    assert fixed.edited_by_human

    # Build a set and fill it from the question list.
    teacher.goto(f"{base}/admin/learning/questionset/add/")
    teacher.get_by_label("Name").fill("Week 1: the towns")
    teacher.get_by_role("button", name="Save", exact=True).click()
    expect(teacher.get_by_text(re.compile("was added successfully"))).to_be_visible()
    run_action(
        teacher, base, [q.prompt for q in chosen], "Add selected questions to a question set"
    )
    teacher.get_by_role("group", name="Question set").get_by_label("Week 1: the towns").check()
    teacher.get_by_role("button", name="Add to set").click()
    week_one = QuestionSet.objects.get(name="Week 1: the towns")
    assert week_one.questions.count() == 5

    # A class, with the set assigned.
    teacher.goto(f"{base}/admin/learning/classroom/add/")
    teacher.get_by_label("Name").fill("Year 10 History")
    assignment = teacher.locator("tr.form-row").filter(has=teacher.locator(".select2")).first
    choose_in_autocomplete(teacher, assignment, "Week 1")
    teacher.get_by_role("button", name="Save and continue editing").click()
    expect(teacher.get_by_text(re.compile("was added successfully"))).to_be_visible()
    code = teacher.locator(".field-join_code .readonly").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{8}", code)

    # The student joins and takes the quiz, getting four of five right.
    student = new_page()
    student.goto(f"{base}/login/")
    student.get_by_label("Username").fill("amira")
    student.get_by_label("Password").fill(PASSWORD)
    student.get_by_label("Password").press("Enter")
    student.get_by_label("Join a class").fill(code.lower())
    student.get_by_role("button", name=re.compile("Join")).click()
    expect(student.get_by_text("You joined Year 10 History")).to_be_visible()
    assigned = student.locator(".set").filter(has_text="Week 1: the towns")
    expect(assigned).to_contain_text("Assigned by mrs-hall")
    assigned.get_by_role("button", name="Take a quiz").click()
    answers = {q.prompt: q.answer for q in chosen}
    for number in range(5):
        # Focus on the question shows the keyboard script is ready for the key.
        expect(student.locator("h2[data-focus]").first).to_be_focused()
        prompt = student.locator("h2[data-focus]").first.inner_text()
        right = answers[prompt]
        texts = [t.split(maxsplit=1)[1] for t in student.locator("button.choice").all_inner_texts()]
        pick = right if number else next(t for t in texts if t != right)
        student.keyboard.press(str(texts.index(pick) + 1))
        expect(student.locator("h2[data-focus]").first).not_to_have_text(prompt)
    expect(student.get_by_role("heading", name="Your score: 4 / 5 (80%)")).to_be_visible()

    # The teacher sees it in the gradebook and downloads the CSV.
    teacher.goto(f"{base}/admin/learning/classroom/")
    teacher.get_by_role("link", name="Year 10 History").click()
    teacher.get_by_role("link", name="Gradebook").click()
    row = teacher.get_by_role("row").filter(has_text="amira")
    expect(row).to_contain_text("80%")
    with teacher.expect_download() as download:
        teacher.get_by_role("link", name="Download as CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    [amira] = [r for r in rows if "amira" in r]
    assert any("80" in cell for cell in amira)
