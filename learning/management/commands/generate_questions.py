from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from learning.bank.generation import GenerationResult, generate_questions
from learning.bank.question_sets import sync_question_sets
from learning.models import Source


class Command(BaseCommand):
    help = (
        "Generate questions from the imported facts (all sources, or one), update their "
        "question sets, and print what changed. Questions edited by a person are left alone."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--source", metavar="SLUG", help="Only this source.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the generated questions that are in draft (not edited ones).",
        )

    def handle(self, *args, source: str | None = None, publish: bool = False, **options) -> None:
        sources = Source.objects.all()
        if source is not None:
            sources = sources.filter(slug=source)
            if not sources.exists():
                raise CommandError(f"No source with slug '{source}'.")
        total = GenerationResult()
        for each in sources:
            # A source's questions and its sets change together, or not at all.
            with transaction.atomic():
                result = generate_questions(source=each, publish=publish)
                sync_question_sets(source=each)
            total.counts += result.counts
            total.published += result.published
        self.stdout.write(total.summary())
