"""
Versioned stored JSON: what a block writes carries a ``schema_version``; what it reads is upgraded, step by step, to
the version the code understands (as drag-and-drop-v2's ``StateMigration`` does, ADR 9).

Blocks store JSON in places that outlive a release: authored content in the modulestore, learner state in
StudentModule, submissions in the results store. A later release that changes a shape adds one upgrade step
(``upgrades[n]`` turns version n into n + 1) instead of sprinkling ``.get(key, old_default)`` through the code.
Data written before versions existed is version 0. Data from a newer release is refused (``SchemaError``) rather
than misread.
"""
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

VERSION_KEY = 'schema_version'


class SchemaError(ValueError):
    """Stored data newer than this code, or an upgrade step missing."""


@dataclass(frozen=True)
class Schema:
    """One stored shape: ``version`` is what is written now; ``upgrades[n]`` upgrades version n to n + 1."""

    name: str
    version: int
    upgrades: Mapping[int, Callable[[dict], dict]] = field(default_factory=dict)

    def stamp(self, data: dict) -> dict:
        """``data`` as it is written: with the current version."""
        return {**data, VERSION_KEY: self.version}

    def upgrade(self, data: dict) -> dict:
        """``data`` as it was read, upgraded to the current version (a new dict; ``data`` is left as it was)."""
        found = data.get(VERSION_KEY, 0)
        if not isinstance(found, int) or found > self.version:
            raise SchemaError(f'{self.name}: version {found!r} is newer than this code understands '
                              f'({self.version}); upgrade the CIFAL blocks')
        while found < self.version:
            step = self.upgrades.get(found)
            if step is None:
                raise SchemaError(f'{self.name}: no upgrade from version {found}')
            data = step(dict(data))
            found += 1
        return {**data, VERSION_KEY: found}


def unchanged(data: dict) -> dict:
    """An upgrade step for a version that only started to carry its number."""
    return data
