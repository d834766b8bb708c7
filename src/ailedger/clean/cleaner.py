"""Clean: RawDocument -> Document. Boilerplate lines, comment sections and repeated paragraphs
are removed whole; every kept character maps back to the raw text (OffsetMap), and every
removed block records the rule that removed it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document, OffsetMap, RawDocument, RemovedBlock, Segment
from .identity import content_hash, document_id, first_line, language
from .rules import Rules, load_rules

REPEATED, TEASER = "repeated_paragraph", "teaser"


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # raw offset of the first character
    end: int  # raw offset past the line break
    text: str  # stripped, without the line break


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for piece in text.splitlines(keepends=True):
        out.append(_Line(pos, pos + len(piece), piece.strip()))
        pos += len(piece)
    return out


def _cut_at(lines: list[_Line], total: int, rules: Rules) -> tuple[int, str] | None:
    """Return (line index, rule) of the earliest line that starts a trailing block to cut."""
    for i, line in enumerate(lines):
        if not line.text or len(line.text) > 160:
            continue
        for rule in rules.cut:
            if line.start >= rule.min_position * total and rule.regex.search(line.text):
                return i, rule.name
    return None


def _drop_rule(line: _Line, rules: Rules) -> str | None:
    if line.text.casefold() in rules.nav_lines:
        return "navigation"
    if len(line.text) > 300:
        return None
    return next((r.name for r in rules.drop if r.regex.search(line.text)), None)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _mark_repeats(lines: list[_Line], verdict: list[str | None], rules: Rules) -> None:
    seen: set[str] = set()
    kept = [i for i, v in enumerate(verdict) if v is None and lines[i].text]
    for i in kept:
        key = _norm(lines[i].text)
        if len(key) >= rules.min_repeat_chars and key in seen:
            verdict[i] = REPEATED
        seen.add(key)
    later = [_norm(lines[i].text) for i in kept]
    for n, i in enumerate(kept):
        key = later[n]
        ending = next((e for e in rules.teaser_endings if key.endswith(e)), None)
        if verdict[i] is None and ending and len(key) >= rules.min_repeat_chars:
            stem = key[: -len(ending)].rstrip(" ,")
            if any(other.startswith(stem) and other != key for other in later[n + 1 :]):
                verdict[i] = TEASER


def _verdicts(lines: list[_Line], total: int, rules: Rules) -> list[str | None]:
    """Return, for each line, the rule that removes it, or None to keep it."""
    verdict: list[str | None] = [None] * len(lines)
    cut = _cut_at(lines, total, rules)
    if cut is not None:
        for i in range(cut[0], len(lines)):
            verdict[i] = cut[1]
    for i, line in enumerate(lines):
        if verdict[i] is None and line.text:
            verdict[i] = _drop_rule(line, rules)
    _mark_repeats(lines, verdict, rules)
    return verdict


def _keep_blank(lines: list[_Line], verdict: list[str | None]) -> list[bool]:
    """Keep a blank line only between two kept text lines, and only one in a row."""
    keep = [v is None and bool(line.text) for line, v in zip(lines, verdict, strict=True)]
    last_text = max((i for i, k in enumerate(keep) if k), default=-1)
    prev_kept_text = False
    for i, line in enumerate(lines):
        if keep[i]:
            prev_kept_text = True
        elif verdict[i] is None and not line.text and prev_kept_text and i < last_text:
            keep[i], prev_kept_text = True, False
    return keep


def _removed_blocks(raw: str, lines: list[_Line], verdict: list[str | None]) -> list[RemovedBlock]:
    blocks: list[RemovedBlock] = []
    for line, rule in zip(lines, verdict, strict=True):
        if rule is None:
            continue
        if blocks and blocks[-1].rule == rule and blocks[-1].end == line.start:
            prev = blocks.pop()
            blocks.append(RemovedBlock(prev.start, line.end, rule, raw[prev.start : line.end]))
        else:
            blocks.append(RemovedBlock(line.start, line.end, rule, raw[line.start : line.end]))
    return blocks


def _segments(lines: list[_Line], keep: list[bool]) -> list[Segment]:
    segments: list[Segment] = []
    clean_pos = 0
    for line, kept in zip(lines, keep, strict=True):
        if not kept:
            continue
        length = line.end - line.start
        last = segments[-1] if segments else None
        if last and last.raw_start + last.length == line.start:
            segments[-1] = Segment(last.clean_start, last.raw_start, last.length + length)
        else:
            segments.append(Segment(clean_pos, line.start, length))
        clean_pos += length
    return segments


def clean(raw: RawDocument, rules: Rules | None = None) -> Document:
    """Remove what is not the article from `raw.text`, keeping offsets back into it.

    Args:
        raw: the extracted article.
        rules: cleaning rules; the shipped data files by default.

    Returns:
        The cleaned Document, with its id, language and content hash.
    """
    rules = rules or load_rules()
    lines = _lines(raw.text)
    verdict = _verdicts(lines, len(raw.text), rules)
    keep = _keep_blank(lines, verdict)
    segments = _segments(lines, keep)
    text = "".join(raw.text[s.raw_start : s.raw_start + s.length] for s in segments)
    return Document(
        id=document_id(raw.url, text),
        raw=raw,
        text=text,
        offsets=OffsetMap(tuple(segments)),
        removed=tuple(_removed_blocks(raw.text, lines, verdict)),
        lang=language(text),
        content_hash=content_hash(text),
        title=raw.title or first_line(text),
    )
