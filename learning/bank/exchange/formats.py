"""What the exporter and the importer agree on: the CSV columns and GIFT's special characters."""

CSV_COLUMNS = (
    "kind",
    "prompt",
    "answer",
    "accepted_answers",
    "choices",
    "explanation",
    "tolerance",
    "status",
)
CSV_REQUIRED = ("kind", "prompt", "answer")
# Characters GIFT gives a meaning; in text they are escaped with a backslash.
GIFT_SPECIAL = "~=#{}:"
