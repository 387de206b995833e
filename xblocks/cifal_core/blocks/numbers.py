"""
Numbers, percentages, file sizes and dates shown to people, in the reader's language (Babel's CLDR data): "84,5 %"
in French, "84.5%" in English, "1 234,5" and "1,234.5", "1,2 Mo" and "1.2 MB". Numbers inside markup (SVG
coordinates, data attributes, JSON) are never formatted here: they stay in plain ``str()`` form, which every browser
reads.
"""
from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal, parse_pattern
from babel.units import format_unit

from cifal_core.blocks.i18n import current_language


def _locale(language=None):
    return Locale.parse(language or current_language())


def number(value, digits=1, language=None) -> str:
    """A number with at most ``digits`` decimals ("28,3"); '' for None."""
    if value is None:
        return ''
    return format_decimal(round(value, digits), format=f'#,##0.{"#" * digits}' if digits else '#,##0',
                          locale=_locale(language))


def percent(value, digits=0, language=None) -> str:
    """A percentage given in percent (84.5 -> "84,5 %" in French), with at most ``digits`` decimals; '' for None."""
    if value is None:
        return ''
    locale = _locale(language)
    pattern = parse_pattern(locale.percent_formats[None].pattern)
    pattern.frac_prec = (0, digits)
    return pattern.apply(round(value, digits) / 100, locale)


def day(moment, language=None) -> str:
    """A date as people write it in the reader's language ("2 déc. 2026")."""
    return babel_format_date(moment, format='medium', locale=_locale(language))


# Decimal (SI) multiples, as CLDR's units name them: "kB" and "MB" are 1000 and 1000 ** 2 bytes.
_SIZE_UNITS = ((1000 ** 3, 'digital-gigabyte'), (1000 ** 2, 'digital-megabyte'), (1000, 'digital-kilobyte'))


def file_size(size, language=None) -> str:
    """A file's size in bytes as people read it: "1.2 MB", "1,2 Mo" in French, "340 kB", "512 bytes"; '' for None."""
    if size is None:
        return ''
    locale = _locale(language)
    for factor, unit in _SIZE_UNITS:
        if size >= factor:
            return format_unit(round(size / factor, 1), unit, length='short', format='#,##0.#', locale=locale)
    return format_unit(size, 'digital-byte', length='long', format='#,##0', locale=locale)
