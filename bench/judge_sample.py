"""Draw a random sample of generated questions for blind judging, on a throwaway database.

Writes, per article, a folder with the article's text and a questions.json of the sampled
questions (id, kind, prompt, choices, answer): what a judge needs, and nothing about how the
questions were made. A sample is drawn as a quiz draws: one question per fact, none stating
another's answer (--all-forms draws among every form). The judge's verdicts go back into
fixtures/quality/judgements.json (see the README's "Question quality"), which bench/quality.py
reads.

Run: .venv/bin/python bench/judge_sample.py --out DIR [--per-article 6] [--seed 1]
     [--articles seed|corpus|all] [--all-forms]
"""

import argparse
import json
import random
import shutil
from pathlib import Path

from throwaway import CORPUS, SEED, throwaway_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-article", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--articles", choices=["seed", "corpus", "all"], default="corpus")
    parser.add_argument(
        "--all-forms",
        action="store_true",
        help="sample among every question, several forms of one fact included",
    )
    options = parser.parse_args()
    paths = {
        "seed": [SEED],
        "corpus": sorted(CORPUS.glob("*.txt")),
        "all": [SEED, *sorted(CORPUS.glob("*.txt"))],
    }[options.articles]
    with throwaway_database("judge"):
        from learning.bank.generation import generate_questions
        from learning.content.importing import import_article
        from learning.models import Question
        from learning.study.quizzes import draw_questions

        rng = random.Random(options.seed)
        for path in paths:
            source = import_article(path=path).source
            generate_questions(source=source)
            questions = list(
                Question.objects.filter(source=source).select_related("fact").order_by("id")
            )
            if options.all_forms:
                sample = rng.sample(questions, min(options.per_article, len(questions)))
            else:
                # Drawn as a quiz draws (study.quizzes): one question per fact, none whose
                # prompt or statement choices state another's answer.
                sample = draw_questions(questions, size=options.per_article, rng=rng)
            folder_out = options.out / path.stem
            folder_out.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, folder_out / "article.txt")
            rows = [
                {
                    "article": path.name,
                    "id": f"{path.stem}-{n}",
                    "kind": question.kind,
                    "prompt": question.prompt,
                    "choices": question.choices,
                    "answer": question.answer,
                    "accepted_answers": question.accepted_answers,
                }
                for n, question in enumerate(sample, start=1)
            ]
            (folder_out / "questions.json").write_text(
                json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8"
            )
            print(f"{path.name}: {len(rows)} of {len(questions)}")


if __name__ == "__main__":
    main()
