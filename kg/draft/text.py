"""Reading an article's text: sentences and clauses with their offsets, dates and resolution symbols.

Everything here returns spans of the article itself (start, end offsets), so that a
quote drawn from them is the article's text by construction. Sentence splitting is a
regular expression that knows abbreviations ("U.S.", "Mr.", "Feb.") and initials;
a blank line or a line break ends a sentence too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kg.terms.dates import PartialDate, parse_partial

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen", "rep", "rev",
    "st", "jr", "sr", "no", "nos", "vol", "art", "para", "vs", "etc", "e.g", "i.e", "approx", "est", "dept",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "p.m", "a.m", "inc", "ltd", "co", "corp",
}
_END = re.compile(r"[.!?…]+[”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9À-Ý])|\n\s*")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")

# Clauses: a sentence is cut before these, so that a quote holds one statement.
_CLAUSE = re.compile(
    r";\s+|\s+[–—]\s+|:\s+(?=[“\"])|(?<=,[”\"])\s+(?=[a-zA-Z])|,\s+(?=(?:but|while|whereas|although|though|despite|even though|and|as(?!\s+well\s+as)|"
    r"which|who|after|before|with|adding|saying|according to)\b)|\s+(?=(?:and|but)\s+(?:it|they|we|he|she|I)\s)", re.IGNORECASE)
# "Belarus, Nicaragua, and Mali": a comma before "and" that ends a list of names cuts no clause.
_LIST_END = re.compile(r",\s*(?:the\s+)?(?-i:[A-Z][\w’'.-]*)(?:\s+(?-i:[A-Z][\w’'.-]*)){0,3}$")
# "voted in favour of the resolution, which condemns": what the text voted on does is read with the vote, no cut
_VOTED_TEXT = re.compile(r"\bvot(?:ed|es|ing|e)\b[^,;:]{0,40}\b(?:resolution|draft|text|motion)s?$", re.I)
# A relative clause ("…, which abstained on Friday, voted yes") ends at its next comma.
_RELATIVE_CLAUSE = re.compile(r"(?:which|who)\b[^,]*?(,\s+)", re.IGNORECASE)

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTHS.update({m[:3]: n for m, n in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
DATES = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d)\b"),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d\d)(?!\d)"),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!,?\s+(?:19|20)\d\d)"),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"),
    re.compile(rf"\b(?:in|since|by|of|from|until|during)\s+{_YEAR}\b"),
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_RELATIVE = re.compile(r"\b(?:(?P<last>last|previous)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
                       r"(?!,?\s+(?:\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))|\b(?P<yesterday>yesterday)\b", re.I)
RESOLUTION = re.compile(r"\b(?:A/RES/\d+/\d+|A/ES-\d+/L\.\d+|A/RES/ES-\d+/\d+|ES-\d+/\d+|S/RES/\d+(?:\s*\(\d{4}\))?|S/\d{4}/\d+)")


@dataclass(frozen=True)
class Span:
    """A stretch of the article: its offsets, and the text between them."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FoundDate:
    """A date read from a sentence: its value, as precise as the text, and the words it was read from."""

    value: PartialDate
    words: str
    year_given: bool
    relative: bool = False  # read from a weekday or "yesterday", counted back from the document's date


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:–—"):
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def sentences(text: str, start: int = 0) -> list[Span]:
    """The sentences of ``text`` from ``start`` on, each with its offsets."""
    found, begin = [], start
    for match in _END.finditer(text, start):
        if match.group().strip() and match.group()[0] == ".":
            word = _WORD_BEFORE.search(text, max(begin, match.start() - 12), match.start())
            if word and (word.group(1).lower().rstrip(".") in ABBREVIATIONS or len(word.group(1)) == 1
                         and word.group(1).isupper()):
                continue  # "U.S. officials", "Mr. Vucic", "J. Smith"
        span = _trimmed(text, begin, match.end() if match.group().strip() else match.start())
        if span:
            found.append(span)
        begin = match.end()
    span = _trimmed(text, begin, len(text))
    if span:
        found.append(span)
    return found


def clauses(text: str, sentence: Span) -> list[Span]:
    """The clauses of a sentence: cut at semicolons, dashes, commas before a conjunction or relative, and a relative's end."""
    cuts = [(m.start(), m.end()) for m in _CLAUSE.finditer(text, sentence.start, sentence.end)
            if not (text.startswith("and", m.end()) and _LIST_END.search(text, sentence.start, m.start()))
            and not (re.match(r"which|that", text[m.end():m.end() + 5], re.I) and _VOTED_TEXT.search(text, sentence.start, m.start()))]
    found, begin = [], sentence.start
    for start, end in cuts + [(sentence.end, sentence.end)]:
        relative = _RELATIVE_CLAUSE.match(text, begin, start)
        if relative:  # "which abstained on Friday" | "voted yes": two clauses
            span = _trimmed(text, begin, relative.start(1))
            if span:
                found.append(span)
            begin = relative.end(1)
        span = _trimmed(text, begin, start)
        if span:
            found.append(span)
        begin = end  # a conjunction is looked ahead at, not consumed: it opens the next clause
    return found


def dates(sentence: str, document: dt.date) -> list[FoundDate]:
    """The dates a sentence gives, none after ``document``; a day or month without a year takes the document's year."""
    found, taken = [], []
    for pattern in DATES:
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            parts = match.groupdict()
            year = int(parts["year"]) if parts.get("year") else None
            month = int(parts["mnum"]) if parts.get("mnum") else MONTHS.get((parts.get("month") or "").lower().rstrip("."))
            day = int(parts.get("dnum") or parts.get("day") or 0) or None
            if parts.get("month") and parts["month"].lower() == "may" and not day and not year:
                continue  # the verb "may"
            if year is None:
                year = document.year if (month, day or 1) <= (document.month, document.day) else document.year - 1
            text = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")
            try:
                value = parse_partial(text)
            except ValueError:
                continue
            if value.start > document:
                continue
            taken.append((match.start(), match.end()))
            found.append(FoundDate(value, match.group(), bool(parts.get("year"))))
    for match in _RELATIVE.finditer(sentence):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue  # "Monday, 22 August 2022": the full date is read above
        if match.group("yesterday"):
            back = 1
        else:  # news names the last such weekday on or before its date ("last Friday": before)
            back = (document.weekday() - WEEKDAYS.index(match.group("weekday").lower())) % 7
            back = 7 if back == 0 and match.group("last") else back
        day = document - dt.timedelta(days=back)
        found.append(FoundDate(parse_partial(day.isoformat()), match.group(), True, relative=True))
    return found


def symbols(sentence: str) -> list[str]:
    """The UN document symbols a sentence names (``A/RES/74/17``, ``ES-11/4``, ``S/2015/508``)."""
    return list(dict.fromkeys(m.group() for m in RESOLUTION.finditer(sentence)))
