"""File sizes as the dashboard's prepared files show them, in the reader's language (Babel's CLDR units)."""
import pytest

from cifal_core.blocks.numbers import file_size


@pytest.mark.parametrize(('size', 'language', 'shown'), [
    (None, 'en', ''),
    (1, 'en', '1 byte'),
    (512, 'en', '512 bytes'),
    (999, 'en', '999 bytes'),
    (1000, 'en', '1 kB'),
    (123_456, 'en', '123.5 kB'),
    (1_234_567, 'en', '1.2 MB'),
    (5_000_000_000, 'en', '5 GB'),
    (123_456, 'fr', '123,5\u202fko'),  # a comma, a narrow no-break space, "ko" (kilooctet)
    (1_234_567, 'fr', '1,2\u202fMo'),
    (512, 'fr', '512\u00a0octets'),
    (1_234_567, 'es', '1,2 MB'),
])
def test_a_size_reads_in_the_reader_s_language(size, language, shown):
    assert file_size(size, language) == shown
