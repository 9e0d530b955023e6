"""Reading UN General Assembly vote files into plain records.

Two formats, gzip-compressed or plain:

- the Voeten data as repackaged by the ``unvotes`` package: three tables joined on
  ``rcid`` (``un_votes``: rcid, country, country_code, vote; ``un_roll_calls``: rcid,
  session, importantvote, date, unres, amend, para, short, descr;
  ``un_roll_call_issues``: rcid, short_name, issue). A missing (rcid, country) row means
  absent, not voting or not a member: the tables keep yes, no and abstain only.
- the UN Dag Hammarskjöld Library's "General Assembly Voting Data" CSV: one row per
  member state per resolution (undl_id, ms_code, ms_name, ms_vote, date, session,
  resolution, title, …); the 2024 edition's ms_codes, ms_names, ms_votes and
  resolutions are accepted too. Y is yes, N no, A abstain, X, NV or empty non-voting.

Every value is read as text, so Namibia's code ``NA`` stays Namibia. A bad row is
reported with its file and line and skipped; in strict mode the first one stops the
reading with an InputError. The records read are those of sources.py.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import io
from pathlib import Path
from typing import Callable, Iterator

from kg.errors import InputError
from kg.terms import sessions
from kg.unga.sources import TAGS, BadRows, RollCall, Source, VoteRow

VOTES, ROLL_CALLS, ISSUES = "un_votes", "un_roll_calls", "un_roll_call_issues"

_VOETEN_CHOICES = {"yes": "yes", "no": "no", "abstain": "abstain", "1": "yes", "2": "abstain", "3": "no"}
_UNDL_CHOICES = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent", "NV": "absent", "": "absent"}
_UNDL_ALIASES = {"ms_codes": "ms_code", "ms_names": "ms_name", "ms_votes": "ms_vote", "resolutions": "resolution"}
_UNDL_REQUIRED = ("ms_code", "ms_name", "ms_vote", "date", "resolution")


def _raw(path: Path):
    """The bytes of a file, uncompressed when it is gzip."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", path) from None
    head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    return gzip.GzipFile(fileobj=raw) if head == b"\x1f\x8b" else raw


def _open(path: Path) -> io.TextIOWrapper:
    return io.TextIOWrapper(_raw(path), encoding="utf-8-sig", newline="")


def _not_utf8(path: Path) -> InputError:
    """The error for a file with a byte that is not UTF-8, naming its line (the text reader decodes far ahead of the CSV reader)."""
    decoder, line = codecs.getincrementaldecoder("utf-8")(), 1
    try:
        with _raw(path) as stream:
            while chunk := stream.read(1 << 20):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:  # exc.object: the bytes held back from the last chunk, then this one
                    line += exc.object[: exc.start].count(b"\n")
                    return InputError(f"byte 0x{exc.object[exc.start]:02X} is not UTF-8; save the file as UTF-8",
                                      path, line)
                line += chunk.count(b"\n")
    except (OSError, EOFError):
        pass
    return InputError("the file is not UTF-8 text; save it as UTF-8", path)


def _header(path: Path) -> list[str]:
    try:
        with _open(path) as handle:
            return [h.strip() for h in next(csv.reader(handle), [])]
    except UnicodeDecodeError:
        raise _not_utf8(path) from None
    except (csv.Error, OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"not a readable CSV file ({exc})", path) from None


def _rows(path: Path, progress: Callable[[int], None] | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row, the line it starts on; the header is line 1."""
    with _open(path) as handle:
        raw = handle.buffer.fileobj if isinstance(handle.buffer, gzip.GzipFile) else handle.buffer
        reader = csv.DictReader(handle)
        reader.fieldnames = [_UNDL_ALIASES.get(h.strip(), h.strip()) for h in (reader.fieldnames or [])]
        try:
            end = reader.line_num
            for n, row in enumerate(reader):
                if progress and n % 20000 == 0:
                    progress(raw.tell())
                yield end + 1, row  # the row's first line: a quote left open makes a row of many lines
                end = reader.line_num
        except UnicodeDecodeError:
            raise _not_utf8(path) from None
        except (csv.Error, OSError, EOFError, gzip.BadGzipFile) as exc:
            raise InputError(f"cannot read this CSV any further ({exc}); check the file is complete", path, reader.line_num) from None
    if progress:
        progress(path.stat().st_size)


def parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip()[:10])


def symbol(unres: str) -> str | None:
    """The resolution symbol as the UN writes it: R/68/262 → A/RES/68/262, ESS/10/2 → A/RES/ES-10/2."""
    unres = unres.strip()
    if not unres:
        return None
    for prefix, official in (("R/", "A/RES/"), ("ESS/", "A/RES/ES-"), ("SS/", "A/RES/S-")):
        if unres.startswith(prefix):
            return official + unres[len(prefix):]
    return unres


def _flag(text: str | None) -> bool:
    return (text or "").strip() in ("1", "1.0", "TRUE", "true")


def _kind(header: list[str]) -> str | None:
    names = {_UNDL_ALIASES.get(h, h) for h in header}
    if {"rcid", "country", "vote"} <= names:
        return VOTES
    if {"rcid", "date", "unres"} <= names:
        return ROLL_CALLS
    if {"rcid", "short_name"} <= names:
        return ISSUES
    if set(_UNDL_REQUIRED) <= names:
        return "undl"
    return None


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.name.endswith((".csv", ".csv.gz")))
            if not found:
                raise InputError("no .csv or .csv.gz files in this folder", path)
            files += found
        elif path.exists():
            files.append(path)
        else:
            raise InputError("no such file or folder", path)
    for path in files:  # a FIFO or a device would be read forever
        if not path.is_file():
            raise InputError("not a regular file; give the vote tables as files", path)
    return files


def read(paths: list[Path], bad: BadRows) -> list[Source]:
    """The datasets in ``paths`` (files or folders); bad rows go to ``bad``."""
    by_kind: dict[str, list[Path]] = {}
    for path in _expand([Path(p) for p in paths]):
        kind = _kind(_header(path))
        if kind is None:
            raise InputError(
                "not a UN vote table: expected the columns of un_votes, un_roll_calls, un_roll_call_issues "
                "or the UN Digital Library's voting data (undl_id, ms_code, ms_vote, …)", path)
        by_kind.setdefault(kind, []).append(path)
    sources = []
    if VOTES in by_kind or ROLL_CALLS in by_kind:
        sources.append(_voeten(by_kind, bad))
    if "undl" in by_kind:
        sources.append(_undl(by_kind["undl"], bad))
    if not sources:
        raise InputError("only issue tags found; give the un_votes and un_roll_calls tables too", paths[0])
    return sources


def _one(by_kind: dict[str, list[Path]], kind: str) -> Path:
    found = by_kind.get(kind, [])
    if len(found) != 1:
        other = VOTES if kind == ROLL_CALLS else ROLL_CALLS
        where = found[1] if found else by_kind[other][0]
        problem = "two files" if found else "no file"
        raise InputError(f"{problem} with the {kind} table; import un_votes with exactly one un_roll_calls table", where)
    return found[0]


def _voeten(by_kind: dict[str, list[Path]], bad: BadRows) -> Source:
    votes_path, calls_path = _one(by_kind, VOTES), _one(by_kind, ROLL_CALLS)
    rollcalls: dict[str, RollCall] = {}
    for line, row in _rows(calls_path):
        key = (row.get("rcid") or "").strip()
        if not (key.isascii() and key.isdigit()):  # '²' is a digit to Python, not a number to int()
            bad.add(calls_path, line, f"rcid '{key}' is not a number")
            continue
        try:
            day = parse_date(row.get("date") or "")
        except ValueError:
            bad.add(calls_path, line, f"roll call {key}: malformed date '{row.get('date')}'; write YYYY-MM-DD")
            continue
        rollcalls[key] = RollCall(
            key=key, date=day, session=sessions.regular_number(row.get("session")),
            symbol=symbol(row.get("unres") or ""),
            title=" ".join((row.get("descr") or row.get("short") or "").split()),
            amend=_flag(row.get("amend")), para=_flag(row.get("para")), important=_flag(row.get("importantvote")),
        )
    issue_files = by_kind.get(ISSUES, [])
    for path in issue_files:
        for line, row in _rows(path):
            key, code = (row.get("rcid") or "").strip(), (row.get("short_name") or "").strip()
            if code not in TAGS:
                bad.add(path, line, f"unknown issue code '{code}'; expected one of {', '.join(TAGS)}")
            elif key not in rollcalls:
                bad.add(path, line, f"roll call {key} is not in the roll-call table")
            else:
                rollcalls[key].tags.add(TAGS[code][0])

    def votes(progress=None) -> Iterator[VoteRow]:
        # a plain csv.reader: this table has a million rows
        with _open(votes_path) as handle:
            raw_file = handle.buffer.fileobj if isinstance(handle.buffer, gzip.GzipFile) else handle.buffer
            reader = csv.reader(handle)
            header = [h.strip() for h in next(reader, [])]
            at = {name: header.index(name) for name in ("rcid", "country", "vote")}
            at_code = header.index("country_code") if "country_code" in header else None
            width = max(at.values()) + 1
            try:
                end = reader.line_num
                for n, row in enumerate(reader):
                    line, end = end + 1, reader.line_num  # the row's first line
                    if progress and n % 20000 == 0:
                        progress(raw_file.tell())
                    if end > line:  # no value of this table holds a line break: a quote left open swallowed rows
                        bad.add(votes_path, line, f"a quoted value runs from here to line {end}; close its quote")
                    elif len(row) < width:
                        bad.add(votes_path, line, f"{len(row)} columns, expected {len(header)}")
                    if end > line or len(row) < width:
                        continue
                    key, raw = row[at["rcid"]].strip(), row[at["vote"]].strip()
                    choice = _VOETEN_CHOICES.get(raw.lower())
                    if choice is None:
                        bad.add(votes_path, line, f"unknown vote code '{raw}'; expected yes, no or abstain")
                    elif key not in rollcalls:
                        bad.add(votes_path, line, f"roll call {key} is not in the roll-call table (or its row was bad)")
                    else:
                        code = row[at_code] if at_code is not None else ""
                        yield VoteRow(votes_path, line, key, code, row[at["country"]], choice)
            except UnicodeDecodeError:
                raise _not_utf8(votes_path) from None
            except (csv.Error, OSError, EOFError, gzip.BadGzipFile) as exc:
                raise InputError(f"cannot read this CSV any further ({exc}); check the file is complete", votes_path,
                                 reader.line_num) from None
        if progress:
            progress(votes_path.stat().st_size)

    files = [votes_path, calls_path, *issue_files]
    return Source("unga-voeten", files, rollcalls, votes, votes_path, votes_path.stat().st_size)


def _undl(files: list[Path], bad: BadRows) -> Source:
    """The UN Digital Library files, one dataset: roll calls gathered in a first pass, votes read in a second."""
    rollcalls: dict[str, RollCall] = {}
    for path in files:
        for line, row in _rows(path):
            key = _undl_key(row)
            if key in rollcalls:
                continue
            try:
                day = parse_date(row.get("date") or "")
            except ValueError:
                continue  # reported once per row in the vote pass
            rollcalls[key] = RollCall(
                key=key, date=day, session=sessions.regular_number(row.get("session")),
                symbol=symbol(row.get("resolution") or ""),
                title=" ".join((row.get("title") or row.get("agenda_title") or "").split()),
            )
    sizes = [p.stat().st_size for p in files]

    def votes(progress=None) -> Iterator[VoteRow]:
        before = 0
        for path, size in zip(files, sizes):
            step = (lambda done, before=before: progress(before + done)) if progress else None
            for line, row in _rows(path, step):
                key = _undl_key(row)
                raw = (row.get("ms_vote") or "").strip().upper()
                choice = _UNDL_CHOICES.get(raw)
                if key not in rollcalls:
                    bad.add(path, line, f"malformed date '{row.get('date')}'; write YYYY-MM-DD")
                elif choice is None:
                    bad.add(path, line, f"unknown vote code '{raw}'; expected Y, N, A or X")
                else:
                    yield VoteRow(path, line, key, row.get("ms_code") or "", row.get("ms_name") or "", choice)
            before += size

    return Source("unga-undl", list(files), rollcalls, votes, files[0], sum(sizes))


def _undl_key(row: dict[str, str]) -> str:
    key = (row.get("undl_id") or "").strip()
    return key or f"{(row.get('resolution') or '').strip()}@{(row.get('date') or '').strip()}"
