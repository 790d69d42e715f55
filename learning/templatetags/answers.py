"""Template helpers for the answer widget."""

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def with_ranks(items: list[str], ranks: list[str] | None) -> list[tuple[int, str, str]]:
    """Each ordering item with its position shown and the rank the student gave it, if any:
    ``{% for index, item, rank in choices|with_ranks:ranks %}``."""
    ranks = list(ranks or [])
    return [
        (index, item, ranks[index] if index < len(ranks) else "")
        for index, item in enumerate(items)
    ]


@register.filter
def duration(value: timedelta | None) -> str:
    """4 min 05 s, or 45 s."""
    if value is None:
        return "–"
    seconds = round(value.total_seconds())
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
