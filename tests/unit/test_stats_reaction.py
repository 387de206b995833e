"""Reaction questionnaire: Likert counts, mean and top-2-box, NPS, and small-group suppression."""
import pytest

from cifal_core.statistics.reaction import (
    likert_breakdown,
    likert_summary,
    net_promoter_score,
    nps_breakdown,
)


def test_likert_summary():
    # 8 answers (None skipped): 1 x1, 2 x1, 3 x1, 4 x3, 5 x2; sum = 1 + 2 + 3 + 12 + 10 = 28, mean 3.5
    # top-2-box = (3 + 2) / 8 = 62.5%
    summary = likert_summary([5, 4, 4, 3, 2, 5, 1, None, 4])
    assert summary.n == 8
    assert summary.counts == (1, 1, 1, 3, 2)
    assert summary.mean.value == pytest.approx(3.5)
    assert summary.top2_box.value == pytest.approx(62.5)
    assert summary.top2_box.n == 8


def test_top_2_box_uses_the_two_highest_points_of_the_scale():
    # On a 7-point scale, 6 and 7 are favourable: 2 of 4
    assert likert_summary([7, 6, 5, 1], points=7).top2_box.value == pytest.approx(50.0)


def test_empty_likert_item():
    summary = likert_summary([None, None])
    assert summary.n == 0
    assert summary.counts == (0, 0, 0, 0, 0)
    assert summary.mean.display() == 'n/a'
    assert not summary.top2_box.available


@pytest.mark.parametrize('answer', [0, 6, 3.5, True, 'x'])
def test_likert_rejects_answers_off_the_scale(answer):
    with pytest.raises(ValueError):
        likert_summary([3, answer])


def test_net_promoter_score():
    # 10 answers: promoters 10 9 10 9 (4), passives 8 7 (2), detractors 6 0 5 3 (4): 40% - 40% = 0
    nps = net_promoter_score([10, 9, 8, 7, 6, 0, 10, 5, None, 9, 3])
    assert nps.n == 10
    assert (nps.promoters.value, nps.passives.value, nps.detractors.value) == (40.0, 20.0, 40.0)
    assert nps.score.value == pytest.approx(0.0)
    # 10 10 9 8 2: 3 promoters (60%), 1 detractor (20%): NPS 40
    assert net_promoter_score([10, 10, 9, 8, 2]).score.value == pytest.approx(40.0)
    assert net_promoter_score([6, 6]).score.value == -100.0


def test_nps_rejects_answers_off_the_scale():
    with pytest.raises(ValueError):
        net_promoter_score([11])
    assert not net_promoter_score([]).score.available


def responses(**answers_by_group):
    return [(group, answer) for group, answers in answers_by_group.items() for answer in answers]


def test_breakdown_suppresses_small_groups():
    # NGO 6 answers, Gov 5 (exactly k: shown), UN 2 (+ 1 unanswered, still 2), Academia 3: UN and Academia hidden
    data = responses(NGO=[5, 5, 4, 4, 3, 1], Gov=[2, 3, 4, 5, 5], UN=[1, 1, None], Academia=[5, 4, 3])
    groups = {group.group: group for group in likert_breakdown(data)}
    assert list(groups) == ['NGO', 'Gov', 'UN', 'Academia']
    assert (groups['NGO'].suppressed, groups['NGO'].n) == (False, 6)
    assert groups['NGO'].summary.top2_box.value == pytest.approx(400 / 6)  # 5 5 4 4 of 6
    assert (groups['Gov'].suppressed, groups['Gov'].n) == (False, 5)
    assert groups['Gov'].summary.counts == (0, 1, 1, 1, 2)
    for hidden in ('UN', 'Academia'):
        assert groups[hidden].suppressed
        assert groups[hidden].n is None
        assert groups[hidden].summary is None


def test_a_lone_hidden_group_takes_the_smallest_shown_group_with_it():
    # Only UN (2) is under 5: the overall result minus NGO and Gov would reveal it, so Gov (5) is hidden too
    data = responses(NGO=[10, 9, 9, 8, 7, 2], Gov=[10, 10, 6, 5, 9], UN=[0, 1])
    groups = {group.group: group for group in nps_breakdown(data)}
    assert [groups[name].suppressed for name in ('NGO', 'Gov', 'UN')] == [False, True, True]
    # NGO: promoters 10 9 9 (3 of 6 = 50%), detractors 2 (1 of 6): NPS = 50 - 16.667 = 33.333
    assert groups['NGO'].summary.score.value == pytest.approx(100 / 3)
    unprotected = {group.group: group for group in nps_breakdown(data, protect_by_difference=False)}
    assert [unprotected[name].suppressed for name in ('NGO', 'Gov', 'UN')] == [False, False, True]
    # Gov: promoters 10 10 9 (60%), detractors 6 5 (40%): NPS 20
    assert unprotected['Gov'].summary.score.value == pytest.approx(20.0)


def test_the_threshold_is_configurable():
    data = responses(NGO=[5, 4], UN=[1, 2])
    assert not any(group.suppressed for group in likert_breakdown(data, min_cell=2))
    assert all(group.suppressed for group in likert_breakdown(data, min_cell=3))
