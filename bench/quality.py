"""How good the generated questions are, article by article, on a throwaway database.

Imports the seed and every article of the development corpus (fixtures/articles/), generates
their questions, and prints per article:
- questions by kind;
- gold coverage: how many of the facts a teacher would ask (<slug>.gold.json) some question
  asks (its answer is a gold answer, and its prompt or answer holds one of the gold cues);
- pattern-level defects, which must be zero: raw infobox field names, made-up side labels,
  glued KIA/POW/image markers, role notes kept in names, clause fragments, twin prompts.
Then the blind judgements (fixtures/quality/judgements.json): the acceptability of the judged
questions still in the bank unchanged, and how many have changed since they were judged.

Run: .venv/bin/python bench/quality.py [--show-defects]
"""

import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from throwaway import CORPUS, ROOT, SEED, throwaway_database

JUDGEMENTS = ROOT / "fixtures" / "quality" / "judgements.json"

# Each defect is a pattern in what a student or teacher reads: prompt, answer, choices.
DEFECTS = {
    "raw field name": re.compile(
        r"\b(?:Partof|Combatant\d|Commander\d|Strength\d|Casualties\d|Units\d)\b"
    ),
    "made-up side label": re.compile(r"\bthe (?:first|second|third) side\b|\bside '\W"),
    "glued marker": re.compile(r"[a-z](?:KIA|POW)\b|\b(?:KIA|POW)\b|\b\d+px\b"),
    # A name answered or offered with its note: "Haider al-Abadi (Prime Minister of Iraq)".
    "role note in a name": re.compile(r"^(?:\S+ ){0,5}\S+ \([^)]*\)$"),
    "clause fragment": re.compile(
        r"^(?:When|Where|Who|What|Which|How many|How much)\b[^?]*?\b(?:did|was|were)\s+"
        r"(?:after|before|on|in|during|following|by|while|when|since|although|completing)\b"
        r"|^Is it true that (?:on|in|after|during|by|following)\s+(?![0-9]|[A-Z][a-z]+ [0-9])",
        re.IGNORECASE,
    ),
}


# The floor: every article at least this many questions, or the reason printed.
FEW_QUESTIONS = 8


@dataclass
class ArticleReport:
    title: str
    kinds: Counter = field(default_factory=Counter)
    gold: int = 0
    covered: int = 0
    # Worth publishing: value at or above the threshold.
    worth: int = 0
    defects: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    # For an article with few questions: what it gave to ask from.
    sentences: int = 0
    facts: int = 0
    facts_asked: int = 0

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    # "23June 1757" reads as "23 june 1757".
    text = re.sub(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)", " ", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


def _answers(question) -> list[str]:
    from learning.text.dates import format_date

    answers = [question.answer, *question.accepted_answers]
    if question.kind == question.Kind.DATE:
        from datetime import date

        day = date.fromisoformat(question.answer)
        answers += [format_date(value=day), str(day.year)]
    if question.kind == question.Kind.ORDERING:
        answers = question.answer.splitlines()
    return [_fold(answer) for answer in answers]


def _asks(question, gold: dict) -> bool:
    prompt = _fold(question.prompt)
    wanted = [_fold(answer) for answer in gold["answers"]]
    if question.kind == question.Kind.TRUE_FALSE:
        # A true statement of the fact asks it as well as a question does.
        given = [prompt] if question.answer == "True" else []
    else:
        given = _answers(question)
    said = f"{prompt} {' '.join(given)}"
    right = any(_contains(g, w) or _contains(w, g) for g in given for w in wanted)
    cued = any(_contains(said, _fold(cue)) for cue in gold.get("cues", [])) or not gold.get("cues")
    return right and cued


def _defects(questions) -> tuple[Counter, list[str]]:
    found, examples = Counter(), []
    for question in questions:
        shown = [question.prompt, question.answer, *question.choices]
        for name, pattern in DEFECTS.items():
            # Names are answers and choices; a prompt may hold a parenthesis of the article's.
            texts = shown[1:] if name == "role note in a name" else shown
            if name == "raw field name":
                # The source a student is shown after answering counts too.
                texts = [*texts, question.explanation]
            if any(pattern.search(text) for text in texts):
                found[name] += 1
                examples.append(f"{name}: {question.prompt} → {question.answer}")
    prompts = Counter(_fold(question.prompt) for question in questions)
    twins = sum(count - 1 for count in prompts.values() if count > 1)
    if twins:
        found["twin prompt"] = twins
    return found, examples


def _gold_for(path: Path) -> list[dict]:
    gold_file = CORPUS / f"{path.stem}.gold.json"
    if not gold_file.exists():
        return []
    return json.loads(gold_file.read_text(encoding="utf-8"))["questions"]


def _judged(sources_by_file: dict) -> tuple[int, int, int]:
    """(judged and unchanged, of those acceptable, changed since judged)."""
    if not JUDGEMENTS.exists():
        return 0, 0, 0
    from learning.models import Question

    unchanged = acceptable = changed = 0
    # A question judged in several rounds counts once, with its latest verdict.
    latest = {
        (v["article"], v["kind"], v["prompt"], v["answer"]): v
        for v in json.loads(JUDGEMENTS.read_text(encoding="utf-8"))
    }
    for verdict in latest.values():
        source = sources_by_file.get(verdict["article"])
        still = source is not None and Question.objects.filter(
            source=source, kind=verdict["kind"], prompt=verdict["prompt"], answer=verdict["answer"]
        ).exclude(status=Question.Status.RETIRED)
        if still and still.exists():
            unchanged += 1
            acceptable += verdict["verdict"] == "ACCEPTABLE"
        else:
            changed += 1
    return unchanged, acceptable, changed


def main() -> None:
    show = "--show-defects" in sys.argv
    with throwaway_database("quality"):
        from learning.bank.generation import generate_questions
        from learning.bank.generation.worth import PUBLISH_THRESHOLD
        from learning.content.importing import import_article
        from learning.models import Question

        articles = [SEED, *sorted(CORPUS.glob("*.txt"))]
        reports, sources_by_file = [], {}
        totals = ArticleReport(title="all")
        for path in articles:
            result = import_article(path=path)
            source = result.source
            sources_by_file[path.name] = source
            generate_questions(source=source)
            questions = list(Question.objects.filter(source=source))
            report = ArticleReport(title=source.title)
            report.kinds = Counter(question.kind for question in questions)
            report.worth = sum(question.value >= PUBLISH_THRESHOLD for question in questions)
            gold = _gold_for(path)
            report.gold = len(gold)
            report.covered = sum(any(_asks(q, item) for q in questions) for item in gold)
            report.defects, report.examples = _defects(questions)
            report.sentences = source.sentences.filter(is_current=True).count()
            report.facts = source.facts.count()
            report.facts_asked = len({q.fact_id for q in questions if q.fact_id})
            reports.append(report)
            totals.kinds += report.kinds
            totals.worth += report.worth
            totals.gold += report.gold
            totals.covered += report.covered
            totals.defects += report.defects
        _print(reports, totals, show=show)
        unchanged, acceptable, changed = _judged(sources_by_file)
        if unchanged or changed:
            share = f"{100 * acceptable / unchanged:.0f} %" if unchanged else "–"
            print(
                f"\nblind judgements: {acceptable} of {unchanged} judged questions still in the "
                f"bank acceptable ({share}); {changed} changed since judged"
            )


def _print(reports: list[ArticleReport], totals: ArticleReport, *, show: bool) -> None:
    kinds = sorted(totals.kinds)
    header = f"{'article':38} {'questions':>9} " + " ".join(f"{k[:8]:>8}" for k in kinds)
    print(header + f" {'to publish':>10} {'gold':>9} {'defects':>7}")
    for report in [*reports, totals]:
        gold = f"{report.covered}/{report.gold}" if report.gold else "–"
        row = f"{report.title[:38]:38} {report.total:>9} " + " ".join(
            f"{report.kinds.get(k, 0):>8}" for k in kinds
        )
        print(row + f" {report.worth:>10} {gold:>9} {sum(report.defects.values()):>7}")
    print(
        "\ndefects by pattern: "
        + (", ".join(f"{k} {n}" for k, n in totals.defects.items()) or "none")
    )
    for report in reports:
        if report.total < FEW_QUESTIONS:
            print(
                f"fewer than {FEW_QUESTIONS} questions: {report.title} ({report.total}): of its "
                f"{report.sentences} sentences' and infobox's {report.facts} facts, "
                f"{report.facts_asked} make a question that passes the read-back"
            )
    if totals.gold:
        share = 100 * totals.covered / totals.gold
        print(f"gold coverage: {totals.covered} of {totals.gold} ({share:.0f} %)")
    if show:
        for report in reports:
            for example in report.examples:
                print(f"  {report.title}: {example}")


if __name__ == "__main__":
    main()
