"""The shape of an export: a report is named tables; a table is a header and an iterable of row tuples.

Rows are an iterable, not a list, so that a report over two million answers can be handed to a writer as a
generator reading the database in chunks. Such a table can be written once; build the report again to write it
in another format. ``LazyRows`` defers a computation (item statistics, knowledge gain) until a writer asks for
its rows, so building a report never touches the database.
"""
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

PROBLEMS_KEPT = 50


@dataclass(frozen=True)
class Table:
    """A named table: ``columns`` are the header, ``rows`` tuples of the same length (consumed once)."""

    name: str
    columns: tuple[str, ...]
    rows: Iterable[tuple]


@dataclass
class Problems:
    """
    Stored rows an export could not write as they are: repaired (text that no file can hold) or left out (a record
    whose stored shape is broken). One bad row never stops an export (ADR 7); whoever asked is told how many rows
    were affected and which (the first ``PROBLEMS_KEPT`` messages).
    """

    count: int = 0
    messages: list = field(default_factory=list)

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < PROBLEMS_KEPT:
            self.messages.append(message)

    def __bool__(self):
        return self.count > 0

    def summary(self) -> list[str]:
        hidden = self.count - len(self.messages)
        return [*self.messages, *([f'... and {hidden} more'] if hidden > 0 else [])]


@dataclass(frozen=True)
class Report:
    """A named set of tables plus ``meta`` (filters, which attempts count, generation time...), JSON-friendly,
    and the ``problems`` met while its rows were produced and written."""

    name: str
    tables: tuple[Table, ...]
    meta: dict = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)

    def table(self, name: str | None = None) -> Table:
        """The table with this name, or the first one; KeyError listing the names otherwise."""
        if name is None:
            return self.tables[0]
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(f'report {self.name!r} has no table {name!r} '
                       f'(tables: {", ".join(table.name for table in self.tables)})')


class LazyRows:
    """Rows produced by calling ``produce()`` only when first iterated: a report can be built (and its table
    names listed) without running the query or the statistics behind it."""

    def __init__(self, produce: Callable[[], Iterable[tuple]]):
        self._produce = produce

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._produce())
