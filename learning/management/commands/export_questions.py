from django.core.management.base import BaseCommand, CommandError

from learning.exporting import EXPORTERS, ExportError, export_questions, questions_to_export
from learning.models import Question


class Command(BaseCommand):
    help = "Print questions in an exchange format (to standard output)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--format", default="json", help=f"One of: {', '.join(EXPORTERS)} (default json)."
        )
        parser.add_argument("--source", metavar="SLUG", help="Only this source's questions.")
        parser.add_argument(
            "--status",
            help=f"Only questions with this status: {', '.join(Question.Status.values)}.",
        )

    def handle(
        self,
        *args,
        format: str = "json",
        source: str | None = None,
        status: str | None = None,
        **options,
    ) -> None:
        try:
            questions = questions_to_export(source_slug=source, status=status)
            self.stdout.write(export_questions(questions=questions, format_name=format))
        except ExportError as error:
            raise CommandError(str(error)) from None
