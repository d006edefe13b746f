"""Search that understands Polish inflection and forgives missing Polish letters.

Texts and queries go through the same steps: words are cut to their stems by
the Snowball Polish stemmer (PyStemmer), then folded to lower case without
diacritics. A query stem matches the start of a stored stem, so "angielski"
finds "języka angielskiego", "logopeda" finds "logopedyczne" and "zeslawice"
finds "Zesławicach". The stored form is a plain string searched with `LIKE`,
so SQLite and PostgreSQL give the same results.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer
from django.db.models import Q

# Letters that Unicode decomposition does not reduce to a base letter.
_SPECIAL_LETTERS = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss"})
_WORD = re.compile(r"[^\W_]+")
MAX_QUERY_LENGTH = 100
MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 40
_stemmer = Stemmer.Stemmer("polish")


def fold(text):
    """Lower-case text without diacritics: "Łęg" -> "leg"."""
    text = text.translate(_SPECIAL_LETTERS).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=20_000)
def stem(word):
    return fold(_stemmer.stemWord(word.casefold()))


def stems(text):
    return [stem(word[:MAX_WORD_LENGTH]) for word in _WORD.findall(text or "")]


def document(*parts):
    """The stored search form of some texts: unique stems between spaces."""
    unique = dict.fromkeys(s for part in parts for s in stems(part))
    return " " + " ".join(unique) + " "


def query_terms(query):
    """The stems of a visitor's query, bounded so junk cannot make a huge query."""
    return list(dict.fromkeys(stems(query)))[:MAX_QUERY_WORDS]


def matching(terms, field="search_text"):
    """A filter needing every term at the start of a word of `field`'s stored form."""
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{field}__contains": f" {term}"})
    return condition


def highlight_spans(text, query):
    """(start, end) of each word in `text` whose stem starts with a query stem."""
    terms = query_terms(query)
    if not terms:
        return []
    return [
        match.span()
        for match in _WORD.finditer(text)
        if any(stem(match.group()).startswith(term) for term in terms)
    ]


# Polish alphabetical order, the same on every database: each character becomes two
# digits, and strings of digits compare alike under any collation (SQLite's binary
# one, or PostgreSQL's libc or ICU locale). "Łęg" sorts after "Lipa" and before "Mak".
POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuvwxyzźż"
SORT_SEPARATOR = "00"
_SORT_CODES = {" ": "01"}
_SORT_CODES.update({str(digit): f"{digit + 2:02d}" for digit in range(10)})
_SORT_CODES.update({letter: f"{i + 12:02d}" for i, letter in enumerate(POLISH_ALPHABET)})


def sort_key(text):
    """A key that orders texts as a Polish dictionary does; punctuation is ignored."""
    codes = []
    for char in " ".join((text or "").split()).casefold():
        code = _SORT_CODES.get(char)
        if code is None:
            # Other Latin letters (é, ü…) sort with their base letter.
            code = _SORT_CODES.get(fold(char)[:1]) if char.isalnum() else None
        if code is not None:
            codes.append(code)
    return "".join(codes)
