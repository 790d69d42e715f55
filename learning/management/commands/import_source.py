from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from learning.content.importing import ArticleImportError, import_article


class Command(BaseCommand):
    help = "Import (or re-import) an article: sections, sentences, entities and facts."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="The article, a UTF-8 text file.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Re-extract facts even when the text is unchanged.",
        )

    def handle(self, *args, path: Path, force: bool = False, **options) -> None:
        try:
            result = import_article(path=path, force=force)
        except ArticleImportError as error:
            raise CommandError(f"Cannot import {path}: {error}") from None
        self.stdout.write(result.summary())
