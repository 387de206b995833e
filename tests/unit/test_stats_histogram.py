"""The score histogram behind the dashboard's chart and its data table."""
from cifal_core.statistics.histogram import bars, score_bins


def test_scores_fall_into_ten_bands_with_100_in_the_last():
    bins = score_bins([0, 9.99, 10, 55, 100, 100])

    assert [b.count for b in bins] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
    assert bins[0].label == '0\u201310%' and bins[-1].label == '90\u2013100%'


def test_out_of_range_scores_are_clamped():
    assert [b.count for b in score_bins([-5, 120], bands=4)] == [1, 0, 0, 1]


def test_bars_are_scaled_to_the_tallest_band():
    chart = bars(score_bins([95, 95, 45], bands=2), width=100, height=50, gap=0)

    assert [(bar.height, bar.y) for bar in chart] == [(25.0, 25.0), (50.0, 0.0)]
    assert [bar.x for bar in chart] == [0.0, 50.0]


def test_no_scores_give_flat_bars():
    assert all(bar.height == 0 for bar in bars(score_bins([])))
