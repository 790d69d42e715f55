"""Geometry for the progress page's server-rendered SVG charts.

These helpers only compute positions and texts; templates/learning/progress.html draws
them, so the template's autoescaping covers every text.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil

from django.utils.dateformat import format as format_date
from django.utils.timezone import localtime

from learning.models import QuizAttempt
from learning.progress.reports import DayCount

# Narrow enough that the texts stay legible when a phone shrinks the chart.
_BAR_CHART_WIDTH = 420
_BAR_PLOT_HEIGHT = 120
# Room above the tallest bar for its value, and below the bars for each line of labels.
_BAR_TOP = 16
_BAR_LABEL_LINE = 13
# Room at either end, so that the outer bars' centred texts are not cut off.
_BAR_SIDE = 12
# More labels than this would overlap; the bars in between go unlabelled.
_MAX_BAR_LABELS = 14

_HEATMAP_CELL = 11
_HEATMAP_STEP = 13
# Room on the left for weekday names and on top for month names.
_HEATMAP_LEFT = 30
_HEATMAP_TOP = 16
_HEATMAP_LEVELS = 4
_HEATMAP_MONTH_ROOM = 24


@dataclass(frozen=True)
class Datum:
    value: int
    text: str
    label: str
    title: str
    # A second line under the label, where one line would be too wide.
    sublabel: str = ""


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    # The value shown above the bar and the labels under it; empty when skipped.
    text: str
    label: str
    sublabel: str
    title: str

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def text_y(self) -> float:
        return round(self.y - 4, 1)


@dataclass(frozen=True)
class BarChart:
    # The SVG's accessible name and description.
    title: str
    description: str
    width: int
    height: int
    baseline: int
    label_y: int
    sublabel_y: int
    bars: list[Bar]


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    level: int
    title: str


@dataclass(frozen=True)
class AxisLabel:
    x: int
    y: int
    text: str


@dataclass(frozen=True)
class Heatmap:
    width: int
    height: int
    cell_size: int
    cells: list[Cell]
    labels: list[AxisLabel]
    # 0 to the darkest, for the legend.
    levels: list[int]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def bar_chart(
    *, title: str, description: str, data: Sequence[Datum], maximum: int | None = None
) -> BarChart:
    """Bars scaled to ``maximum`` (default: the largest value) on a shared baseline."""
    baseline = _BAR_TOP + _BAR_PLOT_HEIGHT
    label_lines = 2 if any(datum.sublabel for datum in data) else 1
    # At least 1, so that an all-zero chart draws flat bars instead of dividing by zero.
    top = max(maximum or 0, *(datum.value for datum in data), 1)
    slot = (_BAR_CHART_WIDTH - 2 * _BAR_SIDE) / max(len(data), 1)
    every = ceil(len(data) / _MAX_BAR_LABELS) or 1
    bars = []
    for index, datum in enumerate(data):
        height = round(_BAR_PLOT_HEIGHT * datum.value / top, 1)
        labelled = index % every == 0
        bars.append(
            Bar(
                x=round(_BAR_SIDE + index * slot + slot * 0.15, 1),
                y=round(baseline - height, 1),
                width=round(slot * 0.7, 1),
                height=height,
                text=datum.text if labelled else "",
                label=datum.label if labelled else "",
                sublabel=datum.sublabel if labelled else "",
                title=datum.title,
            )
        )
    return BarChart(
        title=title,
        description=description,
        width=_BAR_CHART_WIDTH,
        height=baseline + label_lines * _BAR_LABEL_LINE + 4,
        baseline=baseline,
        label_y=baseline + _BAR_LABEL_LINE,
        sublabel_y=baseline + 2 * _BAR_LABEL_LINE,
        bars=bars,
    )


def due_chart(*, days: Sequence[DayCount]) -> BarChart:
    """``days`` starts today, as reports.reviews_due_by_day returns it."""
    total = sum(day.count for day in days)
    return bar_chart(
        title=f"Reviews due over the next {len(days)} days",
        description=f"{total} due in all; {days[0].count} today, overdue included.",
        data=[
            Datum(
                value=day.count,
                text=str(day.count),
                label="Today" if index == 0 else format_date(day.day, "D"),
                sublabel=format_date(day.day, "j"),
                title=(
                    f"Today, overdue included: {day.count} due"
                    if index == 0
                    else f"{format_date(day.day, 'D j M')}: {day.count} due"
                ),
            )
            for index, day in enumerate(days)
        ],
    )


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    text: str
    # Where the percent stands, above the point.
    text_y: float
    label: str
    title: str


@dataclass(frozen=True)
class PointChart:
    """Scores as points over time, joined by a line: the trend, not one wide bar."""

    title: str
    description: str
    width: int
    height: int
    baseline: int
    label_y: int
    points: list[Point]
    # "x1,y1 x2,y2 …" for the SVG polyline.
    line: str


def score_chart(*, name: str, attempts: Sequence[QuizAttempt]) -> PointChart:
    """``attempts``: a set's finished attempts, at least one, oldest first. Each is a point
    at its percent, placed by when it was finished."""
    percents = [attempt.percent for attempt in attempts]
    baseline = _BAR_TOP + _BAR_PLOT_HEIGHT
    first, last = attempts[0].finished_at, attempts[-1].finished_at
    span = (last - first).total_seconds()
    inner = _BAR_CHART_WIDTH - 2 * _BAR_SIDE - 16
    every = ceil(len(attempts) / _MAX_BAR_LABELS) or 1
    points = []
    for index, (number, attempt) in enumerate(enumerate(attempts, start=1)):
        # One attempt, or several at once: spread evenly; else by time.
        share = (
            (attempt.finished_at - first).total_seconds() / span
            if span
            else (index / (len(attempts) - 1) if len(attempts) > 1 else 0.5)
        )
        labelled = index % every == 0
        points.append(
            Point(
                x=round(_BAR_SIDE + 8 + share * inner, 1),
                y=round(baseline - _BAR_PLOT_HEIGHT * attempt.percent / 100, 1),
                text=f"{attempt.percent}%" if labelled else "",
                text_y=round(baseline - _BAR_PLOT_HEIGHT * attempt.percent / 100 - 8, 1),
                label=format_date(localtime(attempt.finished_at), "j M") if labelled else "",
                title=(
                    f"Attempt {number}, {format_date(localtime(attempt.finished_at), 'j M Y')}: "
                    f"{attempt.score_shown} of {attempt.total} ({attempt.percent}%)"
                ),
            )
        )
    return PointChart(
        title=f"Quiz scores for {name}",
        description=(
            f"{_plural(len(percents), 'finished attempt')}; "
            f"latest {percents[-1]}%, best {max(percents)}%."
        ),
        width=_BAR_CHART_WIDTH,
        height=baseline + _BAR_LABEL_LINE + 6,
        baseline=baseline,
        label_y=baseline + _BAR_LABEL_LINE,
        points=points,
        line=" ".join(f"{point.x},{point.y}" for point in points),
    )


def _level(count: int, busiest: int) -> int:
    # 0 only for no reviews at all, so that a single review still shows.
    return ceil(_HEATMAP_LEVELS * count / busiest) if count else 0


def calendar_heatmap(*, days: Sequence[DayCount]) -> Heatmap:
    """A GitHub-style grid: one column per week, Monday on top; ``days`` starts on a Monday."""
    busiest = max((day.count for day in days), default=0)
    cells = [
        Cell(
            x=_HEATMAP_LEFT + index // 7 * _HEATMAP_STEP,
            y=_HEATMAP_TOP + index % 7 * _HEATMAP_STEP,
            level=_level(day.count, busiest),
            title=f"{format_date(day.day, 'D j M Y')}: {_plural(day.count, 'review')}",
        )
        for index, day in enumerate(days)
    ]
    # A month's name sits above the week holding its first day.
    months = [
        AxisLabel(
            x=_HEATMAP_LEFT + index // 7 * _HEATMAP_STEP,
            y=_HEATMAP_TOP - 5,
            text=format_date(day.day, "M"),
        )
        for index, day in enumerate(days)
        if day.day.day == 1
    ]
    weekdays = [
        AxisLabel(x=0, y=_HEATMAP_TOP + row * _HEATMAP_STEP + _HEATMAP_CELL - 1, text=name)
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"))
    ]
    return Heatmap(
        # Room on the right for a month that begins in the last column ("Dec").
        width=_HEATMAP_LEFT + ceil(len(days) / 7) * _HEATMAP_STEP + _HEATMAP_MONTH_ROOM,
        height=_HEATMAP_TOP + 7 * _HEATMAP_STEP,
        cell_size=_HEATMAP_CELL,
        cells=cells,
        labels=months + weekdays,
        levels=list(range(_HEATMAP_LEVELS + 1)),
    )
