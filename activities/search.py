"""Search that forgives missing Polish letters.

Documents and queries are reduced to the same form: lower case, without
diacritics, one space-separated word list. A query word matches the start of
a document word, so "zeslaw" finds "Zesławice". The same plain `LIKE`
query runs on SQLite and PostgreSQL, so both give the same results.
"""

import re
import unicodedata

# Letters that Unicode decomposition does not reduce to a base letter.
_SPECIAL_LETTERS = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss"})
_WORD = re.compile(r"\w+")
MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 40


def fold(text):
    """Lower-case text without diacritics: "Łęg" -> "leg"."""
    text = text.translate(_SPECIAL_LETTERS).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    return _WORD.findall(fold(text).replace("_", " "))


def document(*parts):
    """The stored search form of some texts: folded words between spaces."""
    return " " + " ".join(word for part in parts for word in words(part)) + " "


def query_terms(query):
    """The words of a visitor's query, bounded so junk cannot make a huge query."""
    terms = []
    for word in words(query or ""):
        word = word[:MAX_WORD_LENGTH]
        if word not in terms:
            terms.append(word)
    return terms[:MAX_QUERY_WORDS]
