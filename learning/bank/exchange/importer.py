"""Importing questions a person wrote: CSV and Moodle GIFT files into a source, as drafts.

Parsing reads the whole file into validated drafts first and stops at the first
malformed question with a QuestionImportError naming its line, so a bad file imports
nothing. The formats are those ``learning.bank.exchange.exporter`` writes (see ``to_csv`` and
``to_gift``); GIFT written by Moodle or by hand is read too.
"""

import csv
import html
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.html import strip_tags

from learning.bank import rules
from learning.bank.exchange.formats import CSV_COLUMNS, CSV_REQUIRED
from learning.models import Question, Source


class QuestionImportError(ValueError):
    def __init__(self, *, line: int, message: str) -> None:
        super().__init__(f"Line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class QuestionDraft:
    line: int
    kind: str
    prompt: str
    answer: str
    accepted_answers: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    explanation: str = ""
    tolerance: Decimal = Decimal(0)


@dataclass(frozen=True)
class QuestionImportResult:
    source: Source
    created: int
    # Already in the source (same prompt, kind and answer), or twice in the file.
    skipped: int

    def summary(self) -> str:
        return (
            f"Imported {self.created} question{'s' if self.created != 1 else ''} into "
            f"'{self.source.title}' as drafts; skipped {self.skipped} already in it."
        )


# --- validation, shared by the formats ---------------------------------------------------


def _fail(draft: QuestionDraft, message: str) -> QuestionImportError:
    return QuestionImportError(line=draft.line, message=message)


def _tidied(draft: QuestionDraft) -> QuestionDraft:
    """Spaces trimmed; what a file may leave to us filled in: a true/false answer in any
    case, its choices left out, an ordering's blank lines."""
    draft = replace(
        draft,
        prompt=draft.prompt.strip(),
        answer=draft.answer.strip(),
        accepted_answers=[a.strip() for a in draft.accepted_answers if a.strip()],
        choices=[choice.strip() for choice in draft.choices],
        explanation=draft.explanation.strip(),
    )
    if draft.kind == Question.Kind.TRUE_FALSE:
        answer = draft.answer.capitalize()
        return replace(
            draft,
            answer=answer if answer in rules.TRUE_FALSE else draft.answer,
            choices=draft.choices or list(rules.TRUE_FALSE),
        )
    if draft.kind == Question.Kind.ORDERING:
        items = [item.strip() for item in draft.answer.splitlines() if item.strip()]
        return replace(draft, answer="\n".join(items))
    return draft


def _validated(draft: QuestionDraft) -> QuestionDraft:
    """The draft tidied, or a QuestionImportError with the rulebook's first objection."""
    draft = _tidied(draft)
    problems = rules.question_problems(
        kind=draft.kind,
        prompt=draft.prompt,
        answer=draft.answer,
        choices=draft.choices,
        tolerance=draft.tolerance,
    )
    if problems:
        raise _fail(draft, next(iter(problems.values())))
    return draft


# --- CSV ---------------------------------------------------------------------------------


def _csv_list(*, text: str, column: str, line: int) -> list[str]:
    if not text.strip():
        return []
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        value = None
    if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        raise QuestionImportError(
            line=line, message=f'{column} must be a JSON list of texts, like ["Rawa", "Anah"]'
        )
    return value


def _csv_tolerance(*, text: str, line: int) -> Decimal:
    try:
        return Decimal(text.strip() or "0")
    except InvalidOperation:
        raise QuestionImportError(
            line=line, message=f"the tolerance '{text}' is not a number"
        ) from None


def _csv_header(row: list[str]) -> list[str]:
    columns = [name.strip().lower() for name in row]
    for name in columns:
        if name not in CSV_COLUMNS:
            raise QuestionImportError(
                line=1, message=f"unknown column '{name}'; the columns are {', '.join(CSV_COLUMNS)}"
            )
        if columns.count(name) > 1:
            raise QuestionImportError(line=1, message=f"the column '{name}' appears twice")
    for name in CSV_REQUIRED:
        if name not in columns:
            raise QuestionImportError(line=1, message=f"the column '{name}' is missing")
    return columns


def _csv_draft(*, columns: list[str], row: list[str], line: int) -> QuestionDraft:
    if len(row) > len(columns):
        raise QuestionImportError(line=line, message="more cells than columns")
    cells = dict.fromkeys(CSV_COLUMNS, "") | dict(zip(columns, row, strict=False))
    return QuestionDraft(
        line=line,
        kind=cells["kind"].strip(),
        prompt=cells["prompt"],
        answer=cells["answer"],
        accepted_answers=_csv_list(
            text=cells["accepted_answers"], column="accepted_answers", line=line
        ),
        choices=_csv_list(text=cells["choices"], column="choices", line=line),
        explanation=cells["explanation"],
        tolerance=_csv_tolerance(text=cells["tolerance"], line=line),
    )


def parse_csv(text: str) -> list[QuestionDraft]:
    """Drafts from CSV with a header row; lines are the file's lines, the header is line 1.

    ``status`` is read past: imported questions are drafts.
    """
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    drafts, columns, line = [], None, 1
    try:
        for row in rows:
            if columns is None:
                columns = _csv_header(row)
            elif any(cell.strip() for cell in row):
                drafts.append(_validated(_csv_draft(columns=columns, row=row, line=line)))
            # A cell may span lines: the next row starts after the last line read.
            line = rows.line_num + 1
    except csv.Error as error:
        raise QuestionImportError(line=rows.line_num, message=f"not valid CSV ({error})") from None
    if columns is None:
        raise QuestionImportError(line=1, message="the file is empty")
    return drafts


# --- GIFT --------------------------------------------------------------------------------


def _unescape(text: str) -> str:
    out, chars = [], iter(text)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append("\n" if following == "n" else following)
        else:
            out.append(char)
    return "".join(out)


def _unescaped(text: str, target: str, start: int = 0) -> int:
    """The index of the first ``target`` in ``text`` not escaped by a backslash, or -1."""
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
        elif text.startswith(target, index):
            return index
        else:
            index += 1
    return -1


def _split_unescaped(text: str, separators: str) -> list[tuple[str, str]]:
    """``=a ~b`` -> [("=", "a "), ("~", "b")]: each piece with the separator before it."""
    pieces, mark, start, index = [], "", 0, 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] in separators:
            pieces.append((mark, text[start:index]))
            mark, start = text[index], index + 1
        index += 1
    pieces.append((mark, text[start:]))
    return [(mark, piece) for mark, piece in pieces if mark or piece.strip()]


def _gift_answer_text(raw: str) -> str:
    """An answer without its feedback (``#…``) and weight (``%50%``)."""
    feedback = _unescaped(raw, "#")
    text = raw[:feedback] if feedback >= 0 else raw
    text = re.sub(r"^\s*%-?\d+(?:\.\d+)?%", "", text)
    return _unescape(text).strip()


def _gift_text(raw: str) -> str:
    """Question text: without a ``[html]``-style format marker; HTML read as its text."""
    marker = re.match(r"\s*\[(html|moodle|plain|markdown)\]", raw)
    if marker is None:
        return _unescape(raw).strip()
    text = _unescape(raw[marker.end() :])
    # Tags out first, then entities: "&lt;city&gt;" is text that shows "<city>", not a tag.
    return html.unescape(strip_tags(text)).strip() if marker[1] == "html" else text.strip()


def _gift_number(*, spec: str, line: int) -> tuple[str, Decimal]:
    """``75:7.5``, ``1500..2000`` or ``75`` -> the answer text and the tolerance.

    An answer that is no number is passed on as written: the rulebook says what a
    numeric answer must be, in the same words for every way a question arrives.
    """
    spec = spec.strip()
    if ".." in spec:
        low, _, high = spec.partition("..")
        return f"{low.strip()}–{high.strip()}", Decimal(0)
    value, _, tolerance = spec.partition(":")
    try:
        tolerance = Decimal(tolerance or "0")
    except InvalidOperation:
        raise QuestionImportError(line=line, message=f"'{spec}' is not a GIFT number") from None
    try:
        return str(Decimal(value)), tolerance
    except InvalidOperation:
        return value.strip(), tolerance


def _gift_numeric(*, body: str, line: int) -> dict:
    body = body[1:]
    if _unescaped(body, "=") < 0:
        answer, tolerance = _gift_number(spec=body, line=line)
        return {"answer": answer, "tolerance": tolerance}
    # Several answers ({#=75:5 =%50%80:1}): the first right one, the others as accepted.
    rights = [
        raw for mark, raw in _split_unescaped(body, "=~") if mark == "=" and "%" not in raw[:1]
    ]
    if not rights:
        raise QuestionImportError(line=line, message="a numeric question needs a right answer")
    numbers = [_gift_number(spec=_gift_answer_text(raw), line=line) for raw in rights]
    return {
        "answer": numbers[0][0],
        "tolerance": numbers[0][1],
        "accepted_answers": [answer for answer, _ in numbers[1:]],
    }


def _gift_ordering(*, answers: list[tuple[str, str]], line: int) -> dict:
    """A matching question whose right-hand sides are places 1, 2, 3…: an order."""
    pairs = []
    for _, raw in answers:
        item, arrow, place = _unescape(raw).rpartition("->")
        if not arrow or not place.strip().isdigit():
            raise QuestionImportError(
                line=line,
                message="only matching questions that give each item its place "
                "(=item -> 1) can be imported, as ordering questions",
            )
        pairs.append((item.strip(), int(place)))
    if sorted(place for _, place in pairs) != list(range(1, len(pairs) + 1)):
        raise QuestionImportError(line=line, message="the places must be 1, 2, 3… once each")
    return {
        "kind": Question.Kind.ORDERING,
        "answer": "\n".join(item for item, _ in sorted(pairs, key=lambda pair: pair[1])),
        "choices": [item for item, _ in pairs],
    }


def _gift_braces(*, body: str, line: int) -> dict:
    """The draft's fields from what is between the braces."""
    stripped = body.strip()
    if not stripped:
        raise QuestionImportError(line=line, message="essay questions ({}) cannot be imported")
    flag = _unescaped(stripped, "#")
    true_false = (stripped[:flag] if flag >= 0 else stripped).strip()
    if true_false in ("T", "TRUE", "F", "FALSE"):
        answer = rules.TRUE if true_false.startswith("T") else rules.FALSE
        return {"kind": Question.Kind.TRUE_FALSE, "answer": answer}
    if stripped.startswith("#"):
        return {"kind": Question.Kind.NUMERIC, **_gift_numeric(body=stripped, line=line)}
    answers = _split_unescaped(stripped, "=~")
    if any(not mark for mark, _ in answers):
        raise QuestionImportError(line=line, message="each answer starts with = or ~")
    if all(mark == "=" and _unescaped(raw, "->") >= 0 for mark, raw in answers):
        return _gift_ordering(answers=answers, line=line)
    texts = [_gift_answer_text(raw) for _, raw in answers]
    rights = [text for (mark, _), text in zip(answers, texts, strict=True) if mark == "="]
    if all(mark == "=" for mark, _ in answers):
        return {
            "kind": Question.Kind.SHORT_ANSWER,
            "answer": texts[0],
            "accepted_answers": texts[1:],
        }
    if len(rights) != 1:
        raise QuestionImportError(
            line=line, message="a multiple-choice question has exactly one right answer (=)"
        )
    return {"kind": Question.Kind.MULTIPLE_CHOICE, "answer": rights[0], "choices": texts}


def _gift_comments(*, comments: list[str], line: int) -> dict:
    """Our comments: ``// kind: date`` and ``// accepted: [JSON list]``; others are notes."""
    found = {}
    for comment in comments:
        name, colon, value = comment.removeprefix("//").partition(":")
        name = name.strip()
        if colon and name == "kind":
            found["kind"] = value.strip()
        elif colon and name == "accepted":
            found["accepted_answers"] = _csv_list(text=value, column="// accepted:", line=line)
    return found


def _gift_question(*, lines: list[str], comments: list[str], line: int) -> QuestionDraft:
    text = "\n".join(lines)
    opening = _unescaped(text, "{")
    closing = _unescaped(text, "}", opening + 1) if opening >= 0 else -1
    if opening < 0 or closing < 0:
        raise QuestionImportError(line=line, message="no answer in braces { }")
    if _unescaped(text, "{", opening + 1) >= 0 or _unescaped(text, "}", closing + 1) >= 0:
        raise QuestionImportError(line=line, message="more than one pair of braces")
    head, body, tail = text[:opening], text[opening + 1 : closing], text[closing + 1 :]
    if head.lstrip().startswith("::"):
        start = head.index("::") + 2
        title_end = _unescaped(head, "::", start)
        if title_end < 0:
            raise QuestionImportError(line=line, message="the title ::…:: is not closed")
        head = head[title_end + 2 :]
    # A blank in the middle of the text ("missing word"): the prompt shows it.
    prompt = " _____ ".join(part for part in (_gift_text(head), _gift_text(tail)) if part)
    feedback = _unescaped(body, "####")
    explanation = _unescape(body[feedback + 4 :]).strip() if feedback >= 0 else ""
    fields = _gift_braces(body=body[:feedback] if feedback >= 0 else body, line=line)
    marks = _gift_comments(comments=comments, line=line)
    kind = marks.get("kind", fields["kind"])
    if kind != fields["kind"] and (kind, fields["kind"]) != ("date", "short_answer"):
        raise QuestionImportError(
            line=line, message=f"the comment says kind {kind}, the braces a {fields['kind']}"
        )
    return QuestionDraft(
        **{
            **fields,
            "line": line,
            "kind": kind,
            "prompt": prompt,
            "explanation": explanation,
            "accepted_answers": [
                *fields.get("accepted_answers", []),
                *marks.get("accepted_answers", []),
            ],
        }
    )


def parse_gift(text: str) -> list[QuestionDraft]:
    """Drafts from GIFT: questions are separated by blank lines; ``//`` lines are comments,
    ours carrying what GIFT cannot say (see ``bank.exchange.exporter.to_gift``); ``$CATEGORY``
    lines are skipped. Each question is named by its first line."""
    drafts = []
    lines, comments, first = [], [], 0
    for number, raw in enumerate([*text.splitlines(), ""], start=1):
        stripped = raw.strip()
        if stripped.startswith("//"):
            comments.append(stripped)
        elif stripped.startswith("$CATEGORY:"):
            continue
        elif stripped:
            lines.append(raw)
            first = first or number
        elif lines:
            drafts.append(_validated(_gift_question(lines=lines, comments=comments, line=first)))
            lines, comments, first = [], [], 0
        else:
            comments = []
    return drafts


# --- the service -------------------------------------------------------------------------

PARSERS: dict[str, Callable[[str], list[QuestionDraft]]] = {"csv": parse_csv, "gift": parse_gift}


def decode(data: bytes) -> str:
    """UTF-8 text, with or without a byte order mark."""
    if b"\x00" in data:
        raise QuestionImportError(line=1, message="a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise QuestionImportError(line=line, message="not UTF-8 text") from None


def import_questions(*, source: Source, format: str, data: bytes) -> QuestionImportResult:
    """Create the file's questions in ``source`` as drafts a person wrote: regeneration
    never touches them. A question the source already has is skipped."""
    drafts = PARSERS[format](decode(data))
    if not drafts:
        raise QuestionImportError(line=1, message="the file has no questions")
    created = 0
    with transaction.atomic():
        seen = set(source.questions.values_list("prompt", "kind", "answer"))
        for draft in drafts:
            if (draft.prompt, draft.kind, draft.answer) in seen:
                continue
            seen.add((draft.prompt, draft.kind, draft.answer))
            Question.objects.create(
                source=source,
                kind=draft.kind,
                prompt=draft.prompt,
                answer=draft.answer,
                accepted_answers=draft.accepted_answers,
                choices=draft.choices,
                explanation=draft.explanation,
                tolerance=draft.tolerance,
                status=Question.Status.DRAFT,
                edited_by_human=True,
            )
            created += 1
    return QuestionImportResult(source=source, created=created, skipped=len(drafts) - created)
