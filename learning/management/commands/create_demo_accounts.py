from django.core.management.base import BaseCommand

from learning.teaching.accounts import create_demo_accounts


class Command(BaseCommand):
    help = "Create the demo teacher and demo student (prints each password once, on creation)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--password", help="Use this password instead of a random one (new accounts only)."
        )

    def handle(self, *args, password: str | None = None, **options) -> None:
        for account in create_demo_accounts(password=password):
            if account.password:
                self.stdout.write(
                    f"Demo {account.username}: login '{account.username}', "
                    f"password '{account.password}'"
                )
            else:
                self.stdout.write(
                    f"Demo {account.username} exists; its password was printed when it was "
                    f"created (set a new one: python manage.py changepassword {account.username})"
                )
