"""Forms that validate what students post; anything malformed becomes a 400, never a 500."""

from datetime import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from learning.models import ReviewLog

MAX_ANSWER_LENGTH = 500
# A response time beyond this is a student who walked away, not a measurement.
MAX_RESPONSE_MS = 30 * 60 * 1000


class AnswerForm(forms.Form):
    question = forms.IntegerField(min_value=1)
    answer = forms.CharField(max_length=MAX_ANSWER_LENGTH, required=False, strip=True)
    # Epoch milliseconds when the question was shown (set by the server when rendering).
    shown_at = forms.IntegerField(min_value=0, required=False)
    # The card's review count when shown: it fixes the order the choices were shown in.
    reps = forms.IntegerField(min_value=0, required=False)


class QuizAnswerForm(AnswerForm):
    # A quiz answer names its response, which fixes the question and the choices shown.
    question = None
    reps = None
    response = forms.IntegerField(min_value=1)


class RatingForm(forms.Form):
    question = forms.IntegerField(min_value=1)
    answer = forms.CharField(max_length=MAX_ANSWER_LENGTH * 8, required=False, strip=False)
    response_ms = forms.IntegerField(min_value=0, max_value=MAX_RESPONSE_MS, required=False)
    # The card's review count the student saw; a repeated post carries a stale count.
    reps = forms.IntegerField(min_value=0)
    rating = forms.TypedChoiceField(choices=ReviewLog.Rating.choices, coerce=int)
    # "I was right": the student overrides a wrong verdict.
    overridden = forms.BooleanField(required=False)


class FlagForm(forms.Form):
    comment = forms.CharField(max_length=500, required=False, strip=True)
    # The answer being shown feedback for, so that a flag without JavaScript keeps it.
    answer = forms.CharField(max_length=MAX_ANSWER_LENGTH * 8, required=False, strip=False)
    response_ms = forms.IntegerField(min_value=0, max_value=MAX_RESPONSE_MS, required=False)


def epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def response_time_ms(*, shown_at: int | None, now: datetime) -> int | None:
    """Milliseconds from showing a question (a ``shown_at`` the page carried) to ``now``."""
    if shown_at is None:
        return None
    return min(max(epoch_ms(now) - shown_at, 0), MAX_RESPONSE_MS)


class OrderingError(ValueError):
    """Ranks that are no order: the message names the event at fault."""


def posted_ranks(*, items: list[str], data) -> list[str]:
    """The rank posted for each item, as typed, to show the form again as it was sent."""
    return [str(data.get(f"rank_{index}", ""))[:3] for index in range(len(items))]


def ordering_answer(*, items: list[str], data) -> str:
    """The student's order for an ordering question, from one rank per item.

    ``items`` are in the order shown, each with a ``rank_<i>`` select, so the answer works
    without JavaScript. Raises OrderingError unless the ranks are 1..n once each, saying
    which event has no place or which two share one.
    """
    places: dict[int, list[str]] = {}
    for item, raw in zip(items, posted_ranks(items=items, data=data), strict=True):
        rank = int(raw) if raw.isdigit() else 0
        if not 1 <= rank <= len(items):
            raise OrderingError(f"Give “{item}” a place from 1 to {len(items)}.")
        places.setdefault(rank, []).append(item)
    for rank, shared in sorted(places.items()):
        if len(shared) > 1:
            raise OrderingError(
                f"“{shared[0]}” and “{shared[1]}” both have place {rank}: "
                "give each event its own place."
            )
    return "\n".join(places[rank][0] for rank in sorted(places))


class _NameFields(forms.ModelForm):
    # The name teachers see in the gradebook, its CSV and the student's page.
    first_name = forms.CharField(label="First name", max_length=150, strip=True)
    last_name = forms.CharField(label="Last name", max_length=150, strip=True)

    class Meta:
        model = get_user_model()
        fields = ("first_name", "last_name")


class SignupForm(UserCreationForm):
    first_name = _NameFields.base_fields["first_name"]
    last_name = _NameFields.base_fields["last_name"]

    class Meta(UserCreationForm.Meta):
        fields = ("first_name", "last_name", "username")


class NameForm(_NameFields):
    """A student changes the name their teachers see."""
