"""The documented backup (dumpdata) restores every student's cards and reviews."""

import pytest
from django.core.management import call_command

from learning.models import Card, QuizResponse, ReviewLog
from tests.factories import QuizResponseFactory, ReviewLogFactory

# The README's backup command: everything but what migrations recreate, as XML because
# Django's JSON serializer cuts datetimes to milliseconds.
BACKUP_EXCLUDES = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


def _snapshot() -> dict[str, list[tuple]]:
    return {
        "cards": list(Card.objects.order_by("pk").values_list()),
        "reviews": list(ReviewLog.objects.order_by("pk").values_list()),
        "responses": list(QuizResponse.objects.order_by("pk").values_list()),
    }


@pytest.mark.django_db(transaction=True)
def test_a_backup_round_trip_keeps_every_card_and_review(tmp_path):
    for _ in range(3):
        review = ReviewLogFactory()
        ReviewLogFactory(card=review.card, rating=1, correct=False)
    QuizResponseFactory(answer_given="Rawa", correct=True, time_taken_ms=4200)
    before = _snapshot()
    backup = tmp_path / "backup.xml.gz"

    call_command("dumpdata", exclude=BACKUP_EXCLUDES, format="xml", output=str(backup), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    assert not ReviewLog.objects.exists()
    call_command("loaddata", str(backup), verbosity=0)

    assert _snapshot() == before
    assert len(before["reviews"]) == 6
