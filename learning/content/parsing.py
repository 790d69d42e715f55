"""Parse an article in the plain-text encyclopedic format into clean sections and sentences.

Pure functions, no database. The format: a ``= Title =`` line, an optional infobox (an
optional header line, then ``- Key: value`` lines), headings ``== X ==`` (any level, spaces
optional), prose paragraphs and ``- item`` bullets nested by two spaces.

Encyclopedic dumps carry artefacts (``26October``, ``km^{2}``, empty ``()``, lone quotes);
``clean_text`` repairs them so sentences read well and hash stably.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.text import slugify

from learning.text.dates import MONTH_NAMES, MONTHS


class ArticleImportError(ValueError):
    """The input is not an article we can import; the message says why, in one line."""


@dataclass(frozen=True)
class ParsedSentence:
    text: str
    # Paragraphs are numbered across the article; context (dates, pronouns) stays inside one.
    paragraph: int
    is_bullet: bool = False
    # For a nested bullet: the text of the bullet it sits under.
    bullet_parent: str = ""

    @property
    def text_hash(self) -> str:
        return sha256(text=self.text)


@dataclass(frozen=True)
class ParsedSection:
    title: str
    level: int
    order: int
    parent_order: int | None
    sentences: list[ParsedSentence] = field(default_factory=list)


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    slug: str
    text: str
    checksum: str
    # Cleaned infobox fields in article order; empty and "Unknown" values are left out.
    infobox: dict[str, str]
    start_date: date | None
    end_date: date | None
    sections: list[ParsedSection]

    @property
    def sentences(self) -> list[ParsedSentence]:
        return [sentence for section in self.sections for sentence in section.sentences]


def sha256(*, text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# --- Dates -------------------------------------------------------------------------------

_MONTH = "(?:" + "|".join(MONTH_NAMES) + ")"
_DASH = r"\s*[–—-]\s*"

# "15–20 October 2017", "20 August – 2 September 2017", "3 November 2017", "16 September",
# "September 2017", "September – October 2017".
DATE_PATTERN = re.compile(
    # American order first: "March 13, 1940", "June 4–7, 1942", "March 13 – 7 May 1954".
    rf"\b(?:(?P<us_month>{_MONTH})\s+(?P<us_day>\d{{1,2}})(?!\d)"
    rf"(?:{_DASH}(?:(?P<us_month_end>{_MONTH})\s+)?(?P<us_day_end>\d{{1,2}})(?!\d)"
    rf"(?:\s+(?P<us_month_end2>{_MONTH}))?)?"
    rf"|(?P<day>\d{{1,2}})(?:\s+(?P<month>{_MONTH}))?"
    rf"(?:{_DASH}(?P<day_end>\d{{1,2}})\s+(?P<month_end>{_MONTH})|{_DASH}(?P<day_end2>\d{{1,2}}))?"
    rf"|(?P<month_only>{_MONTH})(?:{_DASH}(?P<month_only_end>{_MONTH}))?)"
    rf"(?:,?\s+(?P<year>\d{{4}}))?\b"
)
YEAR_PATTERN = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    first: date
    last: date | None
    # "day", "month" or "year" (the values of Fact.Precision).
    precision: str
    has_year: bool


def find_dates(
    *, text: str, default_year: int | None, start: date | None = None, end: date | None = None
) -> list[DateMention]:
    """Every calendar date in ``text``; a date without a year takes the year that puts it in
    the article's own range (``start``..``end``), else ``default_year``. Without any year
    the date is skipped."""
    mentions = []
    for match in DATE_PATTERN.finditer(text):
        parts = match.groupdict()
        year = int(parts["year"]) if parts["year"] else None
        if parts["month_only"]:
            if year is None:
                continue  # "May" alone is too often not a date.
            first = date(year, MONTHS[parts["month_only"].lower()], 1)
            last_month = parts["month_only_end"]
            last = date(year, MONTHS[last_month.lower()], 1) if last_month else None
            mentions.append(
                DateMention(match.start(), match.end(), match[0], first, last, "month", True)
            )
            continue
        if parts["us_month"]:
            month_name, day = parts["us_month"], parts["us_day"]
            month_end_name = parts["us_month_end"] or parts["us_month_end2"] or month_name
            day_end = parts["us_day_end"]
        else:
            month_name, day = parts["month"] or parts["month_end"], parts["day"]
            if month_name is None:
                continue  # A bare number, not a date.
            month_end_name = parts["month_end"] or month_name
            day_end = parts["day_end"] or parts["day_end2"]
        year = year or _year_in_range(
            month=MONTHS[month_name.lower()], day=int(day), start=start, end=end
        )
        year = year or default_year
        if year is None:
            continue
        try:
            first = date(year, MONTHS[month_name.lower()], int(day))
            last = date(year, MONTHS[month_end_name.lower()], int(day_end)) if day_end else None
        except ValueError:
            continue  # "31 February" is a typo, not a date.
        if last and last < first:
            first = first.replace(year=year - 1)  # "20 December – 5 January 2018".
        mentions.append(
            DateMention(
                match.start(), match.end(), match[0], first, last, "day", bool(parts["year"])
            )
        )
    return mentions


def _year_in_range(*, month: int, day: int, start: date | None, end: date | None) -> int | None:
    if start is None:
        return None
    for year in range(start.year, (end or start).year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if start <= candidate <= (end or start):
            return year
    return None


# --- Numbers -----------------------------------------------------------------------------

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
QUALIFIERS = {
    "more than": "more than",
    "over": "more than",
    "upwards of": "more than",
    "at least": "at least",
    "around": "around",
    "about": "around",
    "some": "around",
    "approximately": "around",
    "roughly": "around",
    "nearly": "around",
    "almost": "around",
    "an estimated": "around",
    "up to": "at most",
    "fewer than": "less than",
    "less than": "less than",
}
UNITS = {"km²": "km²", "km": "km", "sq mi": "sq mi", "mi": "mi", "m": "m", "%": "%", "kg": "kg"}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_NUMBER = "|".join(NUMBER_WORDS)
QUANTITY_PATTERN = re.compile(
    rf"(?:\b(?P<qualifier>{'|'.join(QUALIFIERS)})\s+(?:the\s+)?)?"
    rf"(?<![\w.,–-])(?P<number>{_NUMBER})(?:{_DASH}(?P<number_max>{_NUMBER}))?(?P<plus>\+)?"
    rf"(?:\s*(?P<unit>km²|km|sq mi|mi|kg|%|m)\b|(?<=%))?"
    rf"|\b(?:(?P<word_qualifier>{'|'.join(QUALIFIERS)})\s+)?(?P<word>{_WORD_NUMBER})\b",
    re.IGNORECASE,
)


# What follows a figure's digits when the figure is mistyped: digits grouped wrongly.
MISTYPED_FIGURE_TAIL = re.compile(r",\d|\d")


@dataclass(frozen=True)
class QuantityMention:
    start: int
    end: int
    text: str
    number: Decimal
    number_max: Decimal | None
    unit: str
    # "exact", "more than", "around", "at least", "at most", "less than" or "range".
    qualifier: str


def find_quantities(*, text: str) -> list[QuantityMention]:
    """Every figure in ``text`` that is not part of a date, a year, a name ("H-2", "7th") or a
    conversion in parentheses right after another figure ("301 km² (116.2 sq mi)")."""
    taken = [(mention.start, mention.end) for mention in find_dates(text=text, default_year=1)]
    mentions: list[QuantityMention] = []
    for match in QUANTITY_PATTERN.finditer(text):
        if any(
            start <= match.start("number" if match["number"] else "word") < end
            for start, end in taken
        ):
            continue
        if match["word"]:
            number, number_max = Decimal(NUMBER_WORDS[match["word"].lower()]), None
            qualifier_text, unit = match["word_qualifier"], ""
        else:
            if _is_year_or_label(text=text, start=match.start("number"), end=match.end()):
                continue
            figure_end = match.end("number_max") if match["number_max"] else match.end("number")
            if MISTYPED_FIGURE_TAIL.match(text, figure_end):
                # "150,00", "1,5000": a mistyped figure is no figure to ask about.
                continue
            number = Decimal(match["number"].replace(",", ""))
            number_max = (
                Decimal(match["number_max"].replace(",", "")) if match["number_max"] else None
            )
            qualifier_text, unit = match["qualifier"], UNITS.get(match["unit"] or "", "")
        if _is_conversion(text=text, start=match.start(), previous=mentions):
            continue
        if number_max is not None:
            qualifier = "range"
        elif qualifier_text:
            qualifier = QUALIFIERS[qualifier_text.lower()]
        elif match["plus"]:
            qualifier = "at least"
        else:
            qualifier = "exact"
        mentions.append(
            QuantityMention(
                match.start(), match.end(), match[0], number, number_max, unit, qualifier
            )
        )
    return mentions


def _is_year_or_label(*, text: str, start: int, end: int) -> bool:
    digits = text[start:end]
    if YEAR_PATTERN.fullmatch(digits.strip()) and "," not in digits:
        return True
    # "7th", "T1", "H-2": ordinals and names, not amounts.
    return bool(re.match(r"(?:st|nd|rd|th)\b", text[end:])) or (
        start > 0 and (text[start - 1].isalpha() or text[start - 1] == "-")
    )


def _is_conversion(*, text: str, start: int, previous: list[QuantityMention]) -> bool:
    if not previous or start == 0 or text[start - 1] != "(":
        return False
    return text[previous[-1].end : start - 1].strip() == ""


# --- Cleaning ----------------------------------------------------------------------------

_CLEANING_RULES = [
    # "km^{2}" -> "km²".
    (re.compile(r"\^\{?2\}?"), "²"),
    (re.compile(r"\^\{?3\}?"), "³"),
    # "26October" -> "26 October"; "October2017" -> "October 2017".
    (re.compile(rf"(\d)({_MONTH})\b"), r"\1 \2"),
    (re.compile(rf"\b({_MONTH})(\d)"), r"\1 \2"),
    # "(2013-2017)" -> "(2013–2017)": a year range takes an en dash.
    (re.compile(r"\b(\d{4})-(\d{2,4})\b"), r"\1–\2"),
    # Empty parentheses left by stripped templates, with their comma: "2017, ()".
    (re.compile(r"\s*,?\s*\(\s*[,;]?\s*\)"), ""),
    # A quote standing alone between spaces or at an edge is a leftover, not a quotation.
    (re.compile(r"(?:(?<=\s)|^)['\"](?=\s|$)"), ""),
    # "Akashat-al-Qaim road": a hyphen joining two place names is a route, an en dash.
    (
        re.compile(r"\b(?!(?:Al|El|Abd|Abu|Umm|Ibn|Bin|Abdul|Abdel)-)([A-Z][a-z]+)-([Aa]l-[A-Z])"),
        r"\1–\2",
    ),
    # A full stop between a parenthesis and a lowercase word is a stray: "(11 sq mi). desert".
    (re.compile(r"\)\.\s+(?=[a-z])"), ") "),
    (re.compile(r"\s+([,.;:!?])"), r"\1"),
    (re.compile(r"([,;])\1+"), r"\1"),
    (re.compile(r"\.{2}(?!\.)"), "."),
    (re.compile(r"[ \t]+"), " "),
]


def clean_text(*, text: str) -> str:
    """Repair the artefacts of encyclopedic text dumps, keeping the wording."""
    for pattern, replacement in _CLEANING_RULES:
        text = pattern.sub(replacement, text)
    return text.strip()


def clean_sentence(*, text: str) -> str:
    """Clean one sentence; also drop a parenthesis opened and never closed in it."""
    text = clean_text(text=text)
    depth_positions: list[int] = []
    for index, char in enumerate(text):
        if char == "(":
            depth_positions.append(index)
        elif char == ")" and depth_positions:
            depth_positions.pop()
    for index in reversed(depth_positions):
        text = text[:index] + text[index + 1 :]
    return clean_text(text=text)


def clean_infobox_value(*, value: str) -> str:
    """Flatten infobox lists ("a, * b, ** c") and sentences ("x., y") into one readable line."""
    value = clean_text(text=value)
    value = re.sub(r",\s*\*+\s*", ", ", value)
    value = re.sub(r"\.,\s*", "; ", value).rstrip(".").strip()
    if value.lower() in {"unknown", "n/a", "none", "?"} or not re.search(r"\w", value):
        return ""
    return value


# --- Sentences ---------------------------------------------------------------------------

ABBREVIATIONS = {
    "lt",
    "gen",
    "col",
    "maj",
    "brig",
    "capt",
    "cpt",
    "sgt",
    "cpl",
    "pvt",
    "adm",
    "cmdr",
    "cdr",
    "lieut",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "jr",
    "sr",
    "no",
    "vs",
    "etc",
    "approx",
    "est",
    "mt",
    "ft",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
# A candidate boundary: end punctuation, optional closing quotes/brackets, space, and a
# capital, a digit or an opening quote.
_BOUNDARY = re.compile(r"[.!?]['\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def split_sentences(*, text: str) -> list[str]:
    """Split prose into sentences without breaking on "Lt. Gen.", "U.S." or inside quotes."""
    sentences, begin = [], 0
    for match in _BOUNDARY.finditer(text):
        candidate = text[begin : match.end()]
        punctuation_at = match.start()
        word = re.search(r"([\w.]+)$", text[begin:punctuation_at] + ".")
        token = word[1].rstrip(".").lower() if word else ""
        if token in ABBREVIATIONS or _is_initialism(token) or _inside_quote(candidate):
            continue
        sentences.append(candidate.strip())
        begin = match.end()
    sentences.append(text[begin:].strip())
    return [sentence for sentence in sentences if sentence]


def _is_initialism(token: str) -> bool:
    # "U.S", "e.g", or a single initial "W" in "George W. Bush".
    return bool(re.fullmatch(r"(?:\w\.)+\w|[a-z]", token))


def _inside_quote(text: str) -> bool:
    return (text.count('"') % 2 == 1) or text.count("“") > text.count("”")


# --- Articles ----------------------------------------------------------------------------

TITLE_PATTERN = re.compile(r"^=\s*([^=].*?)\s*=$")
HEADING_PATTERN = re.compile(r"^(={2,6})\s*([^=].*?)\s*\1$")
INFOBOX_FIELD_PATTERN = re.compile(r"^-\s*([A-Za-z][\w ]{0,40}?)\s*:\s*(.*)$")
BULLET_PATTERN = re.compile(r"^(\s*)[-*•]\s+(.*)$")
LEAD_TITLE = "Introduction"


def parse_article(*, text: str) -> ParsedArticle:
    """Parse an article; raise ArticleImportError when ``text`` is not one."""
    if not text.strip():
        raise ArticleImportError("the file is empty")
    if "\x00" in text:
        raise ArticleImportError("the file is binary, not an article")
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    title_match = TITLE_PATTERN.match(lines[0].strip())
    if not title_match:
        raise ArticleImportError("the first line is not a '= Title =' heading")
    title = clean_text(text=title_match[1])
    slug = slugify(title)
    if not slug:
        raise ArticleImportError(f"the title {title!r} gives no usable slug")
    infobox, body = _split_infobox(lines[1:])
    start_date, end_date = _article_dates(infobox=infobox)
    sections = _parse_sections(body)
    if not any(not sentence.is_bullet for section in sections for sentence in section.sentences):
        raise ArticleImportError(f"{title!r} has no prose: it is not an article")
    return ParsedArticle(
        title=title,
        slug=slug,
        text=text,
        checksum=sha256(text=text),
        infobox=infobox,
        start_date=start_date,
        end_date=end_date,
        sections=sections,
    )


def _split_infobox(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Take the infobox off the top: an optional header line, then ``- Key: value`` lines."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    header = index < len(lines) and not INFOBOX_FIELD_PATTERN.match(lines[index])
    if header and lines[index].strip().lower().startswith("infobox"):
        index += 1  # An "Infobox" line with no fields under it is no prose either.
        header = False
    first_field = index + 1 if header else index
    if first_field >= len(lines) or not INFOBOX_FIELD_PATTERN.match(lines[first_field]):
        return {}, lines[index:]
    if header and HEADING_PATTERN.match(lines[index].strip()):
        return {}, lines[index:]
    infobox: dict[str, str] = {}
    index = first_field
    while index < len(lines) and (match := INFOBOX_FIELD_PATTERN.match(lines[index])):
        value = clean_infobox_value(value=match[2])
        if value:
            infobox[match[1].strip()] = value
        index += 1
    return infobox, lines[index:]


def _article_dates(*, infobox: dict[str, str]) -> tuple[date | None, date | None]:
    mentions = find_dates(text=infobox.get("Date", ""), default_year=None)
    if not mentions:
        return None, None
    first = mentions[0]
    return first.first, first.last or mentions[-1].last or mentions[-1].first


def _parse_sections(lines: list[str]) -> list[ParsedSection]:
    sections: list[ParsedSection] = []
    lead = current = ParsedSection(title=LEAD_TITLE, level=1, order=0, parent_order=None)
    paragraph_lines: list[str] = []
    bullet_stack: list[tuple[int, str]] = []
    paragraph = 0
    seen: set[str] = set()

    def add(sentence: ParsedSentence) -> None:
        # Sentence identity is its text: a repeated sentence adds nothing new.
        if sentence.text not in seen:
            seen.add(sentence.text)
            current.sentences.append(sentence)

    def flush_paragraph() -> None:
        nonlocal paragraph
        if paragraph_lines:
            prose = clean_text(text=" ".join(line.strip() for line in paragraph_lines))
            for text in split_sentences(text=prose):
                if cleaned := clean_sentence(text=text):
                    add(ParsedSentence(text=cleaned, paragraph=paragraph))
            paragraph_lines.clear()
            paragraph += 1

    for line in lines:
        heading = HEADING_PATTERN.match(line.strip())
        bullet = BULLET_PATTERN.match(line)
        if heading:
            flush_paragraph()
            bullet_stack.clear()
            if current.sentences or current is not lead:
                sections.append(current)
            level = len(heading[1])
            parent = next((s for s in reversed(sections) if 1 < s.level < level), None)
            current = ParsedSection(
                title=clean_text(text=heading[2]),
                level=level,
                order=len(sections),
                parent_order=parent.order if parent else None,
            )
        elif bullet:
            flush_paragraph()
            indent = len(bullet[1].expandtabs(2))
            while bullet_stack and bullet_stack[-1][0] >= indent:
                bullet_stack.pop()
            text = clean_sentence(text=bullet[2])
            if text:
                parent_text = bullet_stack[-1][1] if bullet_stack else ""
                add(ParsedSentence(text, paragraph, is_bullet=True, bullet_parent=parent_text))
                bullet_stack.append((indent, text))
        elif line.strip():
            bullet_stack.clear()
            paragraph_lines.append(line)
        else:
            flush_paragraph()
    flush_paragraph()
    sections.append(current)
    return sections
