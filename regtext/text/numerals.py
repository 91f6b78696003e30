"""Chinese numerals in legal numbering: 第一千零三十四条 ↔ 1034.

Example:
    >>> cn_to_int("一千零三十四"), int_to_cn(120)
    (1034, '一百二十')
"""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
#: Characters a Chinese number may be written with (零〇○一二两三四五六七八九十百千万). The one
#: list for every stage: the parser's headings and items, citation pins, diff numbering.
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)
#: Characters a Chinese or Arabic number may be written with (full-width digits are folded to
#: ASCII by :func:`regtext.normalize.fold` before matching).
NUMERAL_CHARS = CN_NUMERAL_CHARS + "0123456789"
#: A regex for one number, Chinese or Arabic: ``第{NUMBER}条``.
NUMBER = f"[{NUMERAL_CHARS}]+"


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese (or Arabic) numeral, ``None`` when it is not one.

    Example:
        >>> cn_to_int("二十一"), cn_to_int("十"), cn_to_int("12"), cn_to_int("一〇")
        (21, 10, 12, 10)
        >>> cn_to_int("条") is None
        True
    """
    text = text.strip().replace(" ", "")
    if not text:
        return None
    if text.isdigit() and text.isascii():
        return int(text)
    if any(c not in DIGITS and c not in UNITS for c in text):
        return None
    if not any(c in UNITS for c in text):  # digit-by-digit: 一〇 = 10
        value = 0
        for c in text:
            value = value * 10 + DIGITS[c]
        return value
    total, section, digit = 0, 0, None
    for c in text:
        if c in DIGITS:
            # 零 only marks a gap (一万零十 = 10010): it is no multiplier for the next unit
            digit = DIGITS[c] or None
        else:
            unit = UNITS[c]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
    return total + section + (digit or 0)


_CN = "零一二三四五六七八九"


def int_to_cn(value: int) -> str:
    """Chinese numeral for ``value`` as legal texts write it (十, 二十一, 一百零五, 一千零三十四).

    Example:
        >>> int_to_cn(10), int_to_cn(105), int_to_cn(1034), int_to_cn(21)
        ('十', '一百零五', '一千零三十四', '二十一')
        >>> all(cn_to_int(int_to_cn(n)) == n for n in range(1, 120000, 7))
        True
    """
    if value < 0:
        return "负" + int_to_cn(-value)
    if value < 10:
        return _CN[value]
    if value < 20:
        return "十" + (_CN[value - 10] if value > 10 else "")
    if value >= 10000:
        high, low = divmod(value, 10000)
        rest = "" if low == 0 else ("零" if low < 1000 else "") + int_to_cn(low)
        return int_to_cn(high) + "万" + rest
    out = ""
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, value = divmod(value, unit)
        if d:
            if zero:
                out += "零"
                zero = False
            out += _CN[d] + name
        elif out:
            zero = True
    return out
