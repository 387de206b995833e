"""What a check finds: one ``Finding`` per problem, located by file and line, and the ``Report`` that collects them
for the terminal (``path:line: error: message``, as compilers print, so editors jump to the line) or as JSON for CI."""
import json
from dataclasses import asdict, dataclass, field

ERROR = 'error'
WARNING = 'warning'


class CourseToolError(Exception):
    """A request the command line cannot carry out (a missing folder, a bad manifest, an unknown module): the message
    says what to do; the command prints it and exits with status 1, never with a traceback."""


@dataclass(frozen=True)
class Finding:
    """One problem: ``check`` names the rule that found it (``block``, ``structure``, ``url_name``, ``static``,
    ``pair``, ``pool``, ``manifest``, ``olxcleaner``); ``path`` is relative to what was checked."""

    severity: str
    message: str
    path: str = ''
    line: int | None = None
    check: str = ''

    def __str__(self):
        where = ':'.join(str(part) for part in (self.path, self.line) if part)
        return f'{where}: {self.severity}: {self.message}' if where else f'{self.severity}: {self.message}'


@dataclass
class Report:
    """The findings of one ``validate`` run, in the order they were found (file by file)."""

    target: str
    kind: str = ''
    findings: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    def error(self, message, path='', line=None, check=''):
        self.findings.append(Finding(ERROR, message, str(path), line, check))

    def warning(self, message, path='', line=None, check=''):
        self.findings.append(Finding(WARNING, message, str(path), line, check))

    @property
    def errors(self):
        return [finding for finding in self.findings if finding.severity == ERROR]

    @property
    def warnings(self):
        return [finding for finding in self.findings if finding.severity == WARNING]

    @property
    def ok(self):
        return not self.errors

    def as_text(self):
        lines = [str(finding) for finding in self.findings]
        summary = ', '.join(f'{count} {name}' for name, count in self.counts.items())
        verdict = 'valid' if self.ok else 'NOT valid'
        lines.append(f'{self.target}: {self.kind} {verdict}: {len(self.errors)} error(s), '
                     f'{len(self.warnings)} warning(s)' + (f' ({summary})' if summary else ''))
        return '\n'.join(lines)

    def as_json(self):
        return json.dumps({'target': self.target, 'kind': self.kind, 'valid': self.ok, 'counts': self.counts,
                           'errors': len(self.errors), 'warnings': len(self.warnings),
                           'findings': [asdict(finding) for finding in self.findings]}, indent=2, ensure_ascii=False)
