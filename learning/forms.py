"""Forms that validate what students post; anything malformed becomes a 400, never a 500."""

from django import forms

from learning.models import Question, ReviewLog

MAX_ANSWER_LENGTH = 500
# A response time beyond this is a student who walked away, not a measurement.
MAX_RESPONSE_MS = 30 * 60 * 1000


class AnswerForm(forms.Form):
    question = forms.IntegerField(min_value=1)
    answer = forms.CharField(max_length=MAX_ANSWER_LENGTH, required=False, strip=True)
    # Epoch milliseconds when the question was shown (set by the server when rendering).
    shown_at = forms.IntegerField(min_value=0, required=False)


class RatingForm(forms.Form):
    question = forms.IntegerField(min_value=1)
    answer = forms.CharField(max_length=MAX_ANSWER_LENGTH * 8, required=False, strip=False)
    response_ms = forms.IntegerField(min_value=0, max_value=MAX_RESPONSE_MS, required=False)
    # The card's review count the student saw; a repeated post carries a stale count.
    reps = forms.IntegerField(min_value=0)
    rating = forms.TypedChoiceField(choices=ReviewLog.Rating.choices, coerce=int)


class FlagForm(forms.Form):
    comment = forms.CharField(max_length=500, required=False, strip=True)


def ordering_answer(*, question: Question, data) -> str | None:
    """The student's order for an ordering question, from one rank per item.

    Items are shown in ``question.choices`` order, each with a ``rank_<i>`` select, so
    the answer works without JavaScript. Returns None unless the ranks are 1..n once each.
    """
    items = question.choices
    try:
        ranks = [int(data.get(f"rank_{index}", "")) for index in range(len(items))]
    except ValueError:
        return None
    if sorted(ranks) != list(range(1, len(items) + 1)):
        return None
    return "\n".join(item for _, item in sorted(zip(ranks, items, strict=True)))
