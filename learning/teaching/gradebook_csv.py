"""A class's gradebook as CSV for a spreadsheet: one row per student, six columns per set."""

import csv
from collections.abc import Sequence
from typing import TextIO

from django.utils import timezone

from learning.teaching.gradebook import Gradebook, GradebookRow
from learning.text.spreadsheets import text_cell

SET_FIGURES = (
    "best %",
    "latest %",
    "attempts",
    "quiz unfinished",
    "study accuracy %",
    "reviews",
    "cards due",
)


def _figure(value: int | str | None) -> str:
    return "" if value is None else str(value)


def write_gradebook_csv(*, gradebook: Gradebook, rows: Sequence[GradebookRow], out: TextIO) -> None:
    """Write the rows in the order given; times in the site's time zone."""
    # A byte order mark, or Excel reads UTF-8 as the local code page.
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(
        [
            "Username",
            "Full name",
            "Last activity",
            *(
                text_cell(f"{question_set.name}: {figure}")
                for question_set in gradebook.question_sets
                for figure in SET_FIGURES
            ),
        ]
    )
    for row in rows:
        activity = row.last_activity
        writer.writerow(
            [
                text_cell(row.student.get_username()),
                text_cell(row.student.get_full_name()),
                timezone.localtime(activity).isoformat(timespec="minutes") if activity else "",
                *(
                    _figure(figure)
                    for result in row.results
                    for figure in (
                        result.best,
                        result.latest,
                        result.attempts,
                        "yes" if result.unfinished else "",
                        result.accuracy.percent,
                        result.accuracy.whole,
                        result.due,
                    )
                ),
            ]
        )
