"""Thai dictionary order: the collation named "thai" on both databases, and its Python sort key.

PostgreSQL compares the name columns with an ICU collation (locale th-TH, created by
core/migrations/0002_thai_collation.py); SQLite has no ICU, so every SQLite connection gets a
collation of the same name that compares `sort_key()` (core.apps registers it), and Python-side
sorting of names uses `sort_key()` too. The key follows what ICU's Thai rules do, checked against
PostgreSQL by tests/core/test_thai.py:

1. A leading vowel (เ แ โ ใ ไ) followed by a consonant sorts after that consonant, wherever the
   pair stands: ไทรงาม sorts as ทไรงาม, under ท; เมือง under ม.
2. Letters and vowels decide first (consonants ก…ฮ, then ํ ะ ั า ำ ิ ี ึ ื ุ ู and the leading
   vowels); tone marks ่ ้ ๊ ๋ and ็ ์ ๎ only between words of the same letters.
3. Spaces and punctuation are ignored (ICU's "alternate shifted"): สพป.กพ. เขต 1 sorts as
   สพปกพเขต1. Symbols, then digits (Thai digits as Arabic ones), then Thai, then Latin letters
   (lower case before capitals), then other scripts.
4. Names the rules find equal (differing only in spaces or punctuation) are ordered by their code
   points, as PostgreSQL breaks ties for a deterministic collation: equal means identical, so
   unique constraints and `=` behave as before.

Latin accents and scripts other than Thai and Latin follow ICU only roughly: no name of the
portal needs more.
"""

import unicodedata
from functools import lru_cache

# The collation's name in `db_collation` and on both databases, and the ICU locale behind it.
COLLATION = "thai"
ICU_LOCALE = "th-TH"

LEADING_VOWELS = "เแโใไ"
CONSONANTS = "".join(chr(code) for code in range(ord("ก"), ord("ฮ") + 1))
# Thai marks that ICU weighs only at the second level, in its order.
THAI_SECOND_LEVEL_MARKS = "๎์็่้๊๋"
# Thai signs that ICU ignores like punctuation: ฯ ๆ ๏ ๚ ๛.
THAI_IGNORED = "ฯๆ๏๚๛"
# Thai letters with a weight of their own at the first level, in ICU's order. ำ weighs as า
# then ํ, and so does ํ typed before า.
THAI_LETTERS = CONSONANTS + "ํะัาิีึืุู" + LEADING_VOWELS + "ฺ"
# Symbols that ICU does not ignore, in its order: all before the digits.
SYMBOLS = "`^°©®+±÷×<=>¬|¦~¢$£¥฿€"
LATIN = "abcdefghijklmnopqrstuvwxyz"
# Latin accents (after NFD), in ICU's second-level order.
LATIN_ACCENTS = "\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0327\u0328\u0304"

# First-level weights grow band by band: symbols < digits < Thai < Latin < anything else.
_BAND = 0x200000
_SYMBOL, _DIGIT, _THAI, _LATIN, _OTHER = (band * _BAND for band in range(1, 6))
# Second-level weights: letters 0, then the Latin accents, other marks by code point, Thai marks.
_THAI_MARK = 0x110000

# Spaces, punctuation and ฯ ๆ: ignored, and so are the marks written on them (ICU's "variable"
# characters); control and zero-width characters are ignored alone.
_VARIABLE = None
_IGNORED = ()


def _weights(primary: int, secondary: int = 0, tertiary: int = 0) -> tuple:
    return ((primary, secondary, tertiary),)


@lru_cache(maxsize=4096)
def _elements(char: str) -> tuple:
    """The (first, second, third level) weights of one character after NFD, or _VARIABLE."""
    if char in THAI_LETTERS:
        return _weights(_THAI + THAI_LETTERS.index(char))
    if char == "ำ":  # after า followed by ํ, at the third level
        return _weights(_THAI + THAI_LETTERS.index("า"), 0, 1) + _weights(
            _THAI + THAI_LETTERS.index("ํ"), 0, 1
        )
    if char == "ๅ":  # lakkhangyao: า at the first two levels
        return _weights(_THAI + THAI_LETTERS.index("า"), 0, 1)
    if char in THAI_SECOND_LEVEL_MARKS:  # after the Latin accents, as in ICU
        return _weights(0, _THAI_MARK + THAI_SECOND_LEVEL_MARKS.index(char))
    if char in THAI_IGNORED:
        return _VARIABLE
    if char in SYMBOLS:
        return _weights(_SYMBOL + SYMBOLS.index(char))
    if char.isdecimal():  # ๐–๙ weigh as 0–9, as do the other scripts' digits
        return _weights(_DIGIT + unicodedata.decimal(char))
    lower = char.lower()
    if lower in LATIN:
        return _weights(_LATIN + LATIN.index(lower), 0, int(lower != char))
    category = unicodedata.category(char)
    if category[0] in "PZ" or char.isspace():
        return _VARIABLE
    if category in ("Cc", "Cf"):
        return _IGNORED
    if category in ("Mn", "Me"):
        rank = LATIN_ACCENTS.find(char)
        return _weights(0, 1 + rank if rank >= 0 else len(LATIN_ACCENTS) + ord(char))
    if category[0] == "S":
        return _weights(_SYMBOL + len(SYMBOLS) + ord(char))
    return _weights(_OTHER + ord(lower), 0, int(lower != char))


def _swapped(char: str, following: str) -> bool:
    """ICU's Thai contractions: a leading vowel and its consonant, ํ and า (or ๅ)."""
    if not following:
        return False
    if char in LEADING_VOWELS:
        return following in CONSONANTS
    return char == "ํ" and following in "าๅ"


def _in_sorting_order(text: str):
    """The characters with each leading vowel moved after the consonant that follows it."""
    index = 0
    while index < len(text):
        char = text[index]
        following = text[index + 1] if index + 1 < len(text) else ""
        if _swapped(char, following):
            yield following
            yield char
            index += 2
        else:
            yield char
            index += 1


@lru_cache(maxsize=16384)
def sort_key(text: str) -> tuple:
    """What sorts `text` in Thai dictionary order: `sorted(names, key=sort_key)`."""
    elements = []
    after_variable = False
    for char in _in_sorting_order(unicodedata.normalize("NFD", text)):
        weights = _elements(char)
        if weights is _VARIABLE:
            after_variable = True
            continue
        for element in weights:
            if element[0]:
                after_variable = False
            elif after_variable:
                continue
            elements.append(element)
    return (
        tuple(primary for primary, _secondary, _tertiary in elements if primary),
        tuple(secondary for _primary, secondary, _tertiary in elements),
        tuple(tertiary for _primary, _secondary, tertiary in elements),
        text,
    )


def compare(first: str, second: str) -> int:
    """The SQLite collation: negative, zero or positive as `first` sorts before, with or after."""
    first_key, second_key = sort_key(first), sort_key(second)
    return (first_key > second_key) - (first_key < second_key)


def register(connection) -> None:
    """Gives an SQLite connection the "thai" collation (Django's `connection_created` signal)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)
