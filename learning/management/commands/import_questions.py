from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from learning.bank.exchange.importer import PARSERS, QuestionImportError, import_questions
from learning.models import Source


class Command(BaseCommand):
    help = "Import questions from a CSV or GIFT file into a source, as drafts."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="The CSV or GIFT file (UTF-8).")
        parser.add_argument(
            "--source", metavar="SLUG", required=True, help="The source to add the questions to."
        )
        parser.add_argument("--format", required=True, choices=list(PARSERS))

    def handle(self, *args, path: Path, source: str, format: str, **options) -> None:
        found = Source.objects.filter(slug=source).first()
        if found is None:
            raise CommandError(f"No source with slug '{source}'.")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            result = import_questions(source=found, format=format, data=data)
        except QuestionImportError as error:
            raise CommandError(f"Nothing imported from {path}. {error}") from None
        self.stdout.write(result.summary())
