"""Prepared queries: a queryset built and compiled once per database, run with new values.

For the study step, building a queryset and compiling it to SQL costs Django ten times what
the database takes to run it (the pick with its day's counts: about 10 ms against under 1 ms
on SQLite). A Prepared query builds its queryset once, with a Param wherever a value of the
step goes (the student, the set, the moment), keeps the SQL, and then runs that SQL with each
step's values, reading rows back as QuerySet does (model instances with their select_related
objects and annotations, or dicts for ``values()``). The rules stay in the queryset code that
builds them; tests compare a prepared query's rows with its queryset's.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.db import connections
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import DateTimeField, Expression, IntegerField, Model, QuerySet
from django.db.models.fields import Field
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler


class Param(Expression):
    """A value the query takes each time it runs: ``name``'s, after ``steps`` (functions of
    it, such as the day's start from the moment). It compiles to a placeholder."""

    def __init__(
        self, name: str, output_field: Field | None = None, steps: tuple[Callable, ...] = ()
    ) -> None:
        super().__init__(output_field=output_field or IntegerField())
        self.name = name
        self.steps = steps

    @property
    def pk(self) -> "Param":
        # A parameter that stands for a model instance stands for its key too.
        return self

    def derive(self, step: Callable) -> "Param":
        return Param(self.name, self.output_field, (*self.steps, step))

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        return "%s", [_Slot(self)]

    def bound(self, values: dict[str, Any], connection) -> Any:
        value = values[self.name]
        if isinstance(value, Model):
            value = value.pk
        for step in self.steps:
            value = step(value)
        return self.output_field.get_db_prep_value(value, connection)


@dataclass(frozen=True)
class _Slot:
    """Where a Param's value goes among the compiled query's parameters."""

    param: Param


def moment(name: str) -> Param:
    return Param(name, DateTimeField())


def derivable(function: Callable) -> Callable:
    """A function of one value that, given a Param, gives the Param of its result."""

    @wraps(function)
    def wrapper(value):
        return value.derive(function) if isinstance(value, Param) else function(value)

    return wrapper


@dataclass(frozen=True)
class _Compiled:
    compiler: SQLCompiler
    sql: str
    params: tuple
    # What turns the database's values into Python ones, column by column.
    converters: dict


def _cursor(connection):
    """A cursor for a prepared query. On PostgreSQL, one that binds values on the server, so
    that psycopg prepares the statement once it has run five times on a connection: the pick
    takes the planner longer (about 5 ms) than the database takes to run it. Django's other
    queries keep its client-side binding."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    cursor = ServerBindingCursor(connection.connection)
    # Wrapped as Django wraps its own: errors as Django's, and counted where queries are.
    if connection.queries_logged:
        return _LoggedAsWritten(cursor, connection)
    return connection.make_cursor(cursor)


class _LoggedAsWritten(CursorDebugWrapper):
    """Logs the SQL as written: psycopg keeps no text of a statement it runs by name, where
    Django's log would read it."""

    def execute(self, sql: str, params=None):
        with self.debug_sql(sql, params):
            return CursorWrapper.execute(self, sql, params)


def _converted(row: tuple, converters: dict, connection) -> list:
    row = list(row)
    for position, (functions, expression) in converters.items():
        for function in functions:
            row[position] = function(row[position], expression, connection)
    return row


class Prepared:
    """``build()``'s queryset, compiled the first time it runs on a database."""

    def __init__(self, build: Callable[[], QuerySet]) -> None:
        self._build = build
        self._compiled: dict[str, _Compiled] = {}

    def _compile(self, alias: str) -> _Compiled:
        compiled = self._compiled.get(alias)
        if compiled is None:
            compiler = self._build().query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            converters = compiler.get_converters(
                [column[0] for column in compiler.select[: compiler.col_count]]
            )
            compiled = _Compiled(compiler, sql, tuple(params), converters)
            self._compiled[alias] = compiled
        return compiled

    def _rows(self, alias: str, values: dict[str, Any]) -> tuple[_Compiled, list]:
        compiled = self._compile(alias)
        connection = connections[alias]
        # A parameter often comes several times (the student in every subquery): bound once.
        bound: dict[tuple, Any] = {}
        params = []
        for slot in compiled.params:
            if isinstance(slot, _Slot):
                key = slot.param.identity
                if key not in bound:
                    bound[key] = slot.param.bound(values, connection)
                slot = bound[key]
            params.append(slot)
        with _cursor(connection) as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        compiler = compiled.compiler
        if compiler.has_extra_select:
            rows = [row[: compiler.col_count] for row in rows]
        if compiled.converters:
            rows = [_converted(row, compiled.converters, connection) for row in rows]
        return compiled, rows

    def instances(self, *, using: str = "default", **values: Any) -> list[Model]:
        """The rows as model instances, as iterating the queryset gives them."""
        compiled, rows = self._rows(using, values)
        compiler = compiled.compiler
        info = compiler.klass_info
        model, fields = info["model"], info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        names = [column[0].target.attname for column in compiler.select[start:end]]
        populators = get_related_populators(info, compiler.select, using)
        instances = []
        for row in rows:
            instance = model.from_db(using, names, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in compiler.annotation_col_map.items():
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances

    def first(self, *, using: str = "default", **values: Any) -> Model | None:
        found = self.instances(using=using, **values)
        return found[0] if found else None

    def dicts(self, *, using: str = "default", **values: Any) -> list[dict]:
        """The rows of a ``values()`` queryset, as dicts."""
        compiled, rows = self._rows(using, values)
        query = compiled.compiler.query
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        return [dict(zip(names, row, strict=True)) for row in rows]
