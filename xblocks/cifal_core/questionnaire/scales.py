"""
The rating scales of Likert and matrix items: named ones every trainer can use, or the questionnaire's own.

Points run from 1 (least favourable) to n (most favourable); the top two are the favourable ones that sponsors quote
("% who agree"). Named scales' labels are translated for each respondent (marked with ``gettext_noop``); a custom
``<scale>`` is the author's own text, shown as written.
"""
from dataclasses import dataclass

from cifal_core.messages import gettext_noop as _

FAVOURABLE_POINTS = 2  # top-2-box


@dataclass(frozen=True)
class Scale:
    """An ordered scale: ``points`` are its labels, least favourable first; ``named`` scales' labels are msgids."""

    id: str
    points: tuple[str, ...]
    named: bool = False

    @property
    def size(self) -> int:
        return len(self.points)

    def favourable(self, point: int) -> bool:
        """Whether a point (1-based) is one of the top two."""
        return point > self.size - FAVOURABLE_POINTS

    def to_dict(self) -> dict:
        return {'id': self.id, 'points': list(self.points)}

    @classmethod
    def from_dict(cls, data) -> 'Scale':
        return cls(id=data['id'], points=tuple(data['points']))


NAMED_SCALES = {scale.id: scale for scale in (
    Scale('agree5', (_('Strongly disagree'), _('Disagree'), _('Neither agree nor disagree'), _('Agree'),
                     _('Strongly agree')), named=True),
    Scale('satisfied5', (_('Very dissatisfied'), _('Dissatisfied'), _('Neither satisfied nor dissatisfied'),
                         _('Satisfied'), _('Very satisfied')), named=True),
    Scale('useful4', (_('Not at all useful'), _('Slightly useful'), _('Useful'), _('Very useful')), named=True),
    Scale('agree7', (_('Strongly disagree'), _('Disagree'), _('Somewhat disagree'), _('Neither agree nor disagree'),
                     _('Somewhat agree'), _('Agree'), _('Strongly agree')), named=True),
)}
MIN_POINTS, MAX_POINTS = 3, 10  # a custom scale's size
NPS_LOW_LABEL = _('Not at all likely')
NPS_HIGH_LABEL = _('Extremely likely')
NOT_APPLICABLE = 'na'
NOT_APPLICABLE_LABEL = _('Not applicable')
