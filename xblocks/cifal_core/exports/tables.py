"""The shape of an export: a report is named tables; a table is a header and an iterable of row tuples.

Rows are an iterable, not a list, so that a report over two million answers can be handed to a writer as a
generator reading the database in chunks. Such a table can be written once; build the report again to write it
in another format. ``LazyRows`` defers a computation (item statistics, knowledge gain) until a writer asks for
its rows, so building a report never touches the database.
"""
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    """A named table: ``columns`` are the header, ``rows`` tuples of the same length (consumed once)."""

    name: str
    columns: tuple[str, ...]
    rows: Iterable[tuple]


@dataclass(frozen=True)
class Report:
    """A named set of tables plus ``meta`` (filters, which attempts count, generation time...), JSON-friendly."""

    name: str
    tables: tuple[Table, ...]
    meta: dict = field(default_factory=dict)

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
