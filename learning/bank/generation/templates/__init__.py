"""The templates, one module per fact kind, and the registry of which to try for each
fact kind and question kind, best first; chronology asks about several events at once."""

from collections.abc import Callable

from learning.bank.generation.drafts import Context, Draft, Kind
from learning.bank.generation.templates.attributes import (
    attribute_began,
    attribute_choice,
    attribute_ended,
    attribute_typed,
)
from learning.bank.generation.templates.chronology import chronology
from learning.bank.generation.templates.events import (
    event_date,
    event_on_day,
    event_true_false,
    event_which_date,
)
from learning.bank.generation.templates.quantities import (
    quantity_choice,
    quantity_numeric,
)
from learning.bank.generation.templates.roles import role_cloze, role_true_false, role_who
from learning.bank.generation.templates.statements import statement_choice, statement_typed
from learning.models import Fact

__all__ = ["TEMPLATES", "Template", "chronology"]


Template = Callable[[Fact, Context], Draft | None]

# Per fact kind: per question kind, the templates to try, best first.
TEMPLATES: dict[str, dict[str, list[Template]]] = {
    Fact.Kind.EVENT: {
        Kind.DATE: [event_date],
        Kind.MULTIPLE_CHOICE: [event_on_day, event_which_date],
        Kind.TRUE_FALSE: [event_true_false],
    },
    Fact.Kind.ROLE: {
        Kind.MULTIPLE_CHOICE: [role_who],
        Kind.SHORT_ANSWER: [role_cloze],
        Kind.TRUE_FALSE: [role_true_false],
    },
    Fact.Kind.QUANTITY: {
        Kind.NUMERIC: [quantity_numeric],
        Kind.MULTIPLE_CHOICE: [quantity_choice],
    },
    Fact.Kind.ATTRIBUTE: {
        Kind.SHORT_ANSWER: [attribute_typed],
        Kind.MULTIPLE_CHOICE: [attribute_choice, attribute_ended],
        Kind.DATE: [attribute_began],
    },
    Fact.Kind.STATEMENT: {
        Kind.MULTIPLE_CHOICE: [statement_choice],
        Kind.SHORT_ANSWER: [statement_typed],
    },
}
