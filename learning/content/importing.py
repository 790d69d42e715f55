"""Persist a parsed article: source, sections, sentences, entities and facts.

Importing is idempotent. The same text is a no-op; a changed text updates in place:
sentences and facts keep their rows when their text/key is unchanged, sentences that
disappeared are kept as not current (questions point at them), and the generated
questions that lost their sentence or fact are retired unless a person edited them.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from learning.content.extraction import ExtractedFact, Extraction, extract
from learning.content.parsing import ArticleImportError, ParsedArticle, parse_article
from learning.models import Entity, Fact, Question, Section, Sentence, Source

__all__ = ["ArticleImportError", "ImportResult", "import_article", "read_article"]

_FACT_FIELDS = [
    "infobox_field",
    "subject",
    "value",
    "source_text",
    "date",
    "date_end",
    "date_precision",
    "number",
    "number_max",
    "unit",
    "qualifier",
    "role",
    "side",
    "question",
]


@dataclass(frozen=True)
class ImportResult:
    source: Source
    # "created", "updated" or "unchanged".
    status: str
    sections: int
    sentences: int
    entities: int
    facts: int

    def summary(self) -> str:
        return (
            f"Imported '{self.source.title}': {self.sections} sections, "
            f"{self.sentences} sentences, {self.entities} entities, {self.facts} facts "
            f"({self.status})"
        )


def read_article(*, path: Path) -> str:
    """The text of the file at ``path``; ArticleImportError when it is no UTF-8 text file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleImportError("no such file") from None
    except IsADirectoryError:
        raise ArticleImportError("a directory, not an article file") from None
    except OSError as error:
        raise ArticleImportError(f"cannot read it ({error.strerror})") from None
    if b"\x00" in data:
        raise ArticleImportError("a binary file, not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ArticleImportError("not UTF-8 text") from None


def import_article(*, path: Path, force: bool = False) -> ImportResult:
    """Import the article at ``path``. ``force`` re-extracts even when the text is unchanged
    (after the extraction rules improved)."""
    article = parse_article(text=read_article(path=path))
    extraction = extract(article=article)
    with transaction.atomic():
        source = Source.objects.select_for_update().filter(slug=article.slug).first()
        if source is not None and source.checksum == article.checksum and not force:
            return _result(source=source, status="unchanged")
        status = "created" if source is None else "updated"
        source = _save_source(source=source, article=article)
        sections = _save_sections(source=source, article=article)
        sentences = _save_sentences(source=source, article=article, sections=sections)
        entities = _save_entities(source=source, extraction=extraction)
        _save_facts(source=source, facts=extraction.facts, sentences=sentences, entities=entities)
        _retire_orphaned_questions(source=source)
    return _result(source=source, status=status)


def _result(*, source: Source, status: str) -> ImportResult:
    return ImportResult(
        source=source,
        status=status,
        sections=source.sections.count() - _stale_sections(source=source).count(),
        sentences=source.sentences.filter(is_current=True).count(),
        entities=source.entities.count(),
        facts=source.facts.count(),
    )


def _stale_sections(*, source: Source):
    # Sections the article lost, kept only because their old sentences still live there.
    return (
        source.sections.filter(sentences__isnull=False)
        .exclude(sentences__is_current=True)
        .distinct()
    )


def _save_source(*, source: Source | None, article: ParsedArticle) -> Source:
    source = source or Source(slug=article.slug)
    source.title = article.title
    source.text = article.text
    source.checksum = article.checksum
    source.start_date = article.start_date
    source.end_date = article.end_date
    source.save()
    return source


def _save_sections(*, source: Source, article: ParsedArticle) -> dict[int, Section]:
    """Reuse sections by title and level so that old sentences keep their section; sections
    the article lost are deleted when empty, else kept after the current ones."""
    existing = list(source.sections.order_by("order"))
    # Move every order out of the way first: orders are unique per source.
    for section in existing:
        section.order += 100_000
    Section.objects.bulk_update(existing, ["order"])
    by_order: dict[int, Section] = {}
    for parsed in article.sections:
        section = next(
            (s for s in existing if (s.title, s.level) == (parsed.title, parsed.level)), None
        )
        if section is None:
            section = Section(source=source)
        else:
            existing.remove(section)
        section.title, section.level, section.order = parsed.title, parsed.level, parsed.order
        section.parent = (
            by_order.get(parsed.parent_order) if parsed.parent_order is not None else None
        )
        section.save()
        by_order[parsed.order] = section
    for offset, section in enumerate(existing):
        if section.sentences.exists():
            section.order = len(article.sections) + offset
            section.parent = None
            section.save(update_fields=["order", "parent"])
        else:
            section.delete()
    return by_order


def _save_sentences(
    *, source: Source, article: ParsedArticle, sections: dict[int, Section]
) -> dict[str, Sentence]:
    existing = {sentence.text_hash: sentence for sentence in source.sentences.all()}
    current: dict[str, Sentence] = {}
    order = 0
    for parsed_section in article.sections:
        section = sections[parsed_section.order]
        for parsed in parsed_section.sentences:
            sentence = existing.pop(parsed.text_hash, None)
            if sentence is None:
                sentence = Sentence.objects.create(
                    source=source,
                    section=section,
                    text=parsed.text,
                    text_hash=parsed.text_hash,
                    order=order,
                )
            elif (sentence.section_id, sentence.order, sentence.is_current) != (
                section.pk,
                order,
                True,
            ):
                sentence.section, sentence.order, sentence.is_current = section, order, True
                sentence.save(update_fields=["section", "order", "is_current"])
            current[parsed.text_hash] = sentence
            order += 1
    Sentence.objects.filter(pk__in=[s.pk for s in existing.values()]).update(is_current=False)
    return current


def _save_entities(*, source: Source, extraction: Extraction) -> dict[str, Entity]:
    existing = {entity.name: entity for entity in source.entities.all()}
    saved: dict[str, Entity] = {}
    for extracted in extraction.entities:
        entity = existing.pop(extracted.name, None) or Entity(source=source, name=extracted.name)
        if entity.pk is None or (entity.kind, entity.aliases) != (
            extracted.kind,
            list(extracted.aliases),
        ):
            entity.kind, entity.aliases = extracted.kind, list(extracted.aliases)
            entity.save()
        saved[entity.name] = entity
    Entity.objects.filter(pk__in=[e.pk for e in existing.values()]).delete()
    return saved


def _save_facts(
    *,
    source: Source,
    facts: list[ExtractedFact],
    sentences: dict[str, Sentence],
    entities: dict[str, Entity],
) -> None:
    existing = {fact.key: fact for fact in source.facts.all()}
    for extracted in facts:
        values = {name: getattr(extracted, name) for name in _FACT_FIELDS}
        values["entity"] = entities.get(extracted.entity_name)
        values["sentence"] = sentences.get(extracted.sentence_hash)
        fact = existing.pop(extracted.key, None)
        if fact is None:
            Fact.objects.create(source=source, kind=extracted.kind, key=extracted.key, **values)
        elif any(getattr(fact, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(fact, name, value)
            fact.save()
    vanished = [fact.pk for fact in existing.values()]
    # Questions built on a vanished fact lose their basis: retire them (unless edited).
    _retire(Question.objects.filter(fact__in=vanished, edited_by_human=False))
    Fact.objects.filter(pk__in=vanished).delete()


def _retire_orphaned_questions(*, source: Source) -> None:
    _retire(
        Question.objects.filter(source=source, sentence__is_current=False, edited_by_human=False)
    )


def _retire(questions) -> None:
    questions.exclude(status=Question.Status.RETIRED).update(
        status=Question.Status.RETIRED, updated_at=timezone.now()
    )
