from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from learning.bank.exchange.exporter import FORMATS, ExportError, export_format, find_bank
from learning.models import Question


class Command(BaseCommand):
    help = "Write questions in an exchange format, to standard output or a file."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--format",
            default="json",
            choices=list(FORMATS),
            help=f"One of: {', '.join(FORMATS)} (default json).",
        )
        parser.add_argument("--source", metavar="SLUG", help="Only this source's questions.")
        parser.add_argument(
            "--set", metavar="SLUG", dest="set_slug", help="Only this question set's questions."
        )
        parser.add_argument(
            "--status",
            help=f"Only questions with this status: {', '.join(Question.Status.values)}.",
        )
        parser.add_argument(
            "--output",
            metavar="FILE",
            type=Path,
            help="Write to this file instead of standard output (required for apkg).",
        )

    def handle(
        self,
        *args,
        format: str = "json",
        source: str | None = None,
        set_slug: str | None = None,
        status: str | None = None,
        output: Path | None = None,
        **options,
    ) -> None:
        try:
            chosen = export_format(format)
            if chosen.binary and output is None:
                # Bytes would garble a terminal or a text pipe.
                raise ExportError(f"{format} is a binary format: name a file with --output FILE.")
            bank = find_bank(source_slug=source, set_slug=set_slug, status=status)
            content = chosen.write(bank)
        except ExportError as error:
            raise CommandError(str(error)) from None
        if output is None:
            self.stdout.write(content)
            return
        try:
            if chosen.binary:
                output.write_bytes(content)
            else:
                output.write_text(content, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from None
        self.stdout.write(f"Wrote {output}.")
