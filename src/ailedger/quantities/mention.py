"""Quantities: text + Lexicon -> Quantity mentions (number, unit, hedges, range, restatement)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .lexicon import Hedge, Lexicon, Unit, key
from .masks import masks as mask_spans
from .model import Bound, Dim, Quantity
from .numerals import Numeral, normal, read_numeral

# A number glued to more digits by ':' '/' '.' or a second '-' is a time, date, phone or version.
GLUED = re.compile(r"[:/.]\d|-\d+-\d")
GLUE = frozenset(":/.-")  # the characters GLUED opens with: a cheap test before the regex
GLUED_RUN = re.compile(r"[\d\-:/.,]*")
PAREN_OPEN = re.compile(r"\s?[(（]")
PAREN_CLOSE = re.compile(r"[)）]")
WORDS_ONLY_MIN = 3  # 이천, 사천 are also places: a bare number word needs 3 syllables or a unit
RESTATE_REACH = 120  # how far the closing parenthesis of a restatement may be


@dataclass(slots=True)
class Left:
    """What stands before a number: a currency symbol, a hedge word, a counted noun.

    Never changed once built; not frozen: one is built per candidate, and a frozen dataclass
    takes five times as long to build.
    """

    currency: str | None = None
    currency_start: int = 0
    hedge: Hedge | None = None
    hedge_start: int = 0
    noun: str | None = None
    noun_start: int = 0


@dataclass(slots=True)
class Reading:
    """A number with what follows it: its unit, where the mention ends, its range partner.

    Never changed once built; not frozen: one is built per candidate, and a frozen dataclass
    takes five times as long to build.
    """

    num: Numeral
    unit: Unit | None
    end: int
    low: Decimal | None = None
    high: Decimal | None = None
    ranged: bool = False


def _suffix(text: str, pos: int, lex: Lexicon) -> tuple[Unit | None, int]:
    m = lex.suffix.match(text, pos)
    if m is None:
        return None, pos
    return lex.units.get(key(m.group("u"))), m.end()


def _left(text: str, start: int, floor: int, lex: Lexicon) -> Left:
    low = max(floor, start - 40)
    j = start - 1
    while j >= max(low, start - 3) and text[j].isspace():
        j -= 1
    if j < low or not lex.left_last.match(text, j):
        return NO_LEFT  # the left side holds no word the grammar reads there
    m = lex.left.match(text[low:start][::-1])
    if m is None or m.end() == 0:
        return Left()
    cur, hedge, noun = m.group("cur"), m.group("h"), m.group("n")
    return Left(
        lex.prefix_currency.get(key(cur[::-1])) if cur else None,
        start - m.end("cur"),
        lex.hedges.get(key(hedge[::-1])) if hedge else None,
        start - m.end("h"),
        lex.nouns.get(key(noun[::-1])) if noun else None,
        start - m.end("n"),
    )


NO_LEFT = Left()


def _read(text: str, num: Numeral, lex: Lexicon) -> Reading | None:
    unit, end = _suffix(text, num.end, lex)
    if unit is not None and unit.kind == "time" and num.head is not None:
        num = num.head
        unit, end = _suffix(text, num.end, lex)
    ranged = _range(text, num, unit, end, lex)
    return ranged or Reading(num, unit, end)


def _range(text: str, first: Numeral, unit: Unit | None, pos: int, lex: Lexicon) -> Reading | None:
    """100억~200억 달러, 10~20%, 100억에서 200억 원: the unit of the second member is shared."""
    c = lex.connector.match(text, pos)
    if c is None:
        return None
    second = read_numeral(text, c.end(), lex)
    if second is None or GLUED.match(text, second.end):
        return None
    unit2, end = _suffix(text, second.end, lex)
    factor = _rescale(unit, unit2, lex)
    if factor is None:
        return None
    if unit2 is None and c.group("cur") is None and second.scale is None:
        return None
    if first.scale is None and second.scale is not None and not first.words_only:
        first = first.scaled(second.scale)
    low, high = first.lowest, second.highest
    if factor != 1:
        low = (low * factor).normalize()
    if low >= high:
        return None
    closer = lex.closer.match(text, end)
    end = closer.end() if closer else end
    num = Numeral(
        first.start, second.end, None, low, high, second.scale, first.approx or second.approx
    )
    return Reading(num, unit2 or unit, end, low, high, True)


def _rescale(unit: Unit | None, unit2: Unit | None, lex: Lexicon) -> Decimal | None:
    """What the first end of a range is multiplied by to be in the unit of the second (500MW~1GW:
    0.001); None when the ends carry units that do not convert."""
    if unit is None or unit == unit2:
        return Decimal(1)
    scale = lex.power_scale
    if unit2 is None or unit.kind != "power" or unit2.kind != "power":
        return None
    if unit.label not in scale or unit2.label not in scale:
        return None
    return scale[unit.label] / scale[unit2.label]


def _hedges_after(text: str, pos: int, lex: Lexicon) -> tuple[list[Hedge], int]:
    found = []
    for _ in range(2):
        m = lex.after.match(text, pos)
        if m is None:
            break
        word = m.group("h") or m.group("v") or m.group("a")
        found.append(lex.hedges[key(word)])
        pos = m.end()
    return found, pos


def _dim(
    reading: Reading, left: Left, noun: str | None, word: str, lex: Lexicon
) -> tuple[Dim, str | None, str | None] | None:
    unit, num = reading.unit, reading.num
    if unit is not None and unit.kind == "money":
        if unit.label in lex.scale_only and num.scale is None:
            return None  # "10동": ten buildings, not 10 dong (dong amounts come in 억/조)
        return "money", unit.label, None
    if unit is None and left.currency is not None:
        return "money", left.currency, None
    if unit is not None:
        if unit.kind == "count":
            return "count", None, noun or unit.label
        return unit.kind, None, unit.label  # type: ignore[return-value]
    if num.needs_currency:
        return None
    if noun is not None:
        return "count", None, noun
    if num.words_only and len(word) < WORDS_ONLY_MIN and key(word) not in lex.short_alone:
        return None
    if num.scale is not None or num.low is not None or reading.ranged or num.words_only:
        return "number", None, None
    return None


def _restatement(
    text: str, pos: int, currency: str, lex: Lexicon
) -> tuple[int, str, Decimal | None] | None:
    """800억달러(약 110조원), 800억 달러, 우리 돈 약 110조 원: the amount in another currency
    restating this one, and where it ends."""
    p = PAREN_OPEN.match(text, pos)
    if p is None:
        return _restatement_after(text, pos, currency, lex)
    c = PAREN_CLOSE.search(text, p.end(), p.end() + RESTATE_REACH)
    if c is None:
        return None
    inner = text[p.end() : c.start()]
    if PAREN_OPEN.search(inner):
        return None  # another parenthesis opens first: its closing one is not ours
    found = scan(inner, lex, restate=False)
    if not found or found[0].dim != "money" or found[0].currency in (None, currency):
        return None
    if not lex.fillers.fullmatch(inner, 0, found[0].start):
        return None
    return c.end(), found[0].currency or "", found[0].value


def _restatement_after(
    text: str, pos: int, currency: str, lex: Lexicon
) -> tuple[int, str, Decimal | None] | None:
    lead = lex.restate_lead.match(text, pos)
    if lead is None:
        return None
    found = scan(text[lead.end() : lead.end() + RESTATE_REACH], lex, restate=False)
    if not found or found[0].start != 0 or found[0].dim != "money":
        return None
    if found[0].currency in (None, currency):
        return None
    return lead.end() + found[0].end, found[0].currency or "", found[0].value


def _bound(hedges: list[Hedge]) -> Bound | None:
    bounds = [h.bound for h in hedges if h.bound is not None]
    return bounds[-1] if bounds else None


def read_mention(
    text: str, m: re.Match[str], floor: int, lex: Lexicon, restate: bool = True
) -> tuple[Quantity | None, int]:
    """The mention whose number starts at the match `m`, and where scanning goes on."""
    i = m.start()
    if m.group("bare") is not None:
        bare, j = lex.bare[key(m.group("bare"))], m.end("bare")
        return Quantity(text[i:j], i, j, bare.dim, bare.value, unit=bare.unit, approx=True), j
    num = read_numeral(text, i, lex)
    if num is None:
        return None, i + 1
    if text[num.end : num.end + 1] in GLUE and GLUED.match(text, num.end):
        return None, GLUED_RUN.match(text, num.end).end()  # type: ignore[union-attr]
    post = lex.post.match(text, num.end)
    u = post.group("u") if post else None
    unit = lex.units.get(key(u)) if u else None
    if post is None or post.group("c") is not None or (unit is not None and unit.kind == "time"):
        return _read_slowly(text, num, floor, lex, restate)
    reading = Reading(num, unit, post.end("u") if u else num.end)
    tail = _tail_of(post, reading, lex)
    return _assemble(text, reading, _left(text, i, floor, lex), tail, lex, restate), reading.end


def _read_slowly(
    text: str, num: Numeral, floor: int, lex: Lexicon, restate: bool
) -> tuple[Quantity | None, int]:
    """The reading part by part, where a range may follow or the unit is a time."""
    i = num.start
    reading = _read(text, num, lex)
    if reading is None or (reading.unit is not None and reading.unit.kind == "time"):
        return None, max(reading.end if reading else num.end, i + 1)
    tail = _tail(text, reading, lex)
    return _assemble(text, reading, _left(text, i, floor, lex), tail, lex, restate), reading.end


@dataclass(slots=True)
class Tail:
    """What follows a number and its unit: hedges, and the noun it counts (with its end)."""

    hedges: list[Hedge]
    end: int
    noun: str | None = None
    noun_end: int | None = None


def _count_like(reading: Reading) -> bool:
    return reading.unit is None or reading.unit.kind == "count"


def _tail(text: str, reading: Reading, lex: Lexicon) -> Tail:
    hedges, end = _hedges_after(text, reading.end, lex)
    tail = Tail(hedges, end)
    if _count_like(reading):
        after = lex.noun_after.match(text, end)
        if after is not None:
            tail.noun, tail.noun_end = lex.nouns.get(key(after.group("n"))), after.end()
    return tail


def _tail_of(post: re.Match[str], reading: Reading, lex: Lexicon) -> Tail:
    """The same as `_tail`, from the groups of the one `post` match."""
    hedges = []
    for n in ("1", "2") if post.group("hedges") is not None else ():
        word = post.group("h" + n) or post.group("v" + n) or post.group("a" + n)
        if word is None:
            break
        hedges.append(lex.hedges[key(word)])
    end = post.end("hedges") if hedges else reading.end
    tail = Tail(hedges, end)
    noun = post.group("nn")
    if noun is not None and _count_like(reading):
        tail.noun, tail.noun_end = lex.nouns.get(key(noun)), post.end("nn")
    return tail


def _assemble(
    text: str, reading: Reading, left: Left, tail: Tail, lex: Lexicon, restate: bool
) -> Quantity | None:
    hedges, end, noun, num = tail.hedges, tail.end, tail.noun, reading.num
    after = tail.noun_end is not None
    if after:
        end = tail.noun_end  # type: ignore[assignment]
    elif _count_like(reading) and left.noun and (reading.unit or num.scale is not None):
        noun = left.noun
    word = "".join(text[num.start : num.end].split()) if num.words_only else ""
    decided = _dim(reading, left, noun, word, lex)
    if decided is None:
        return None
    dim, currency, unit = decided
    start = num.start
    if left.hedge is not None:
        hedges.insert(0, left.hedge)
        start = min(start, left.hedge_start)
    if dim == "money" and left.currency is not None:
        start = min(start, left.currency_start)
    if noun is not None and noun == left.noun and not after:
        start = min(start, left.noun_start)
    band = _band(text, end, dim, hedges, reading, lex)
    if band is not None:
        end = band[0]
    restated = None
    if dim == "money" and restate and currency:
        r = _restatement(text, end, currency, lex)
        if r is not None:
            end, rcur, rval = r
            restated = (rcur, rval) if rval is not None else None
    bounds = band[1:] if band is not None else None
    return _quantity(text, start, end, dim, reading, currency, unit, hedges, restated, bounds)


def _band(
    text: str, end: int, dim: Dim, hedges: list[Hedge], reading: Reading, lex: Lexicon
) -> tuple[int, Decimal, Decimal] | None:
    """(end, low, high) of an amount read as a band: "5조원대" is 5조~6조 (up to the next
    step of its leading digit), "10조원 대 중반" 13조~17조, "5조~6조원대" 5조~7조."""
    if not any(h.band for h in hedges):
        spaced = lex.band_spaced.match(text, end) if dim == "money" else None
        if spaced is None:
            return None
        end = spaced.end()
    num = reading.num
    if num.value is not None:
        low = top = num.value
    elif reading.ranged and num.low is not None and num.high is not None:
        low, top = num.low, num.high
    else:
        return None  # "수조 원대": a vague amount is a band already
    if top <= 0:
        return None
    step = Decimal(10) ** top.adjusted()
    part = lex.band_part.match(text, end)
    if num.value is None:
        return end, low, top + step
    a, b = Decimal(0), Decimal(1)
    if part is not None:
        a, b = lex.band_parts[key(part.group("part"))]
        end = part.end()
    return end, low + a * step, low + b * step


def _quantity(
    text: str,
    start: int,
    end: int,
    dim: Dim,
    reading: Reading,
    currency: str | None,
    unit: str | None,
    hedges: list[Hedge],
    restated: tuple[str, Decimal | None] | None,
    band: tuple[Decimal, Decimal] | None = None,
) -> Quantity:
    num = reading.num
    approx = num.approx or bool(hedges) or (num.value is None and not reading.ranged)
    approx = approx or band is not None
    rest = (restated[0], normal(restated[1]) or Decimal(0)) if restated else None
    value, low, high = (None, *band) if band else (num.value, num.low, num.high)
    return Quantity(
        text=text[start:end],
        start=start,
        end=end,
        dim=dim,
        value=normal(value),
        min=normal(low),
        max=normal(high),
        currency=currency,
        unit=unit,
        approx=approx,
        bound=_bound(hedges),
        krw_stated=rest[1] if rest and rest[0] == "KRW" else None,
        restated=rest,
    )


def scan(text: str, lex: Lexicon, restate: bool = True) -> list[Quantity]:
    """Every quantity in `text`, left to right, longest match first, never overlapping."""
    masks = mask_spans(text)
    out: list[Quantity] = []
    pos = floor = k = 0
    # A start match spans one character (after a digit, the rest of its run, where nothing
    # can start), so finditer yields each possible start once; those inside a mention, a
    # mask or a skipped date are passed over.
    for m in lex.start.finditer(text):
        i = m.start()
        if i < pos:
            continue
        if masks:
            while k < len(masks) and masks[k][1] <= i:
                k += 1
            if k < len(masks) and masks[k][0] <= i:
                pos = masks[k][1]
                continue
        if m.lastgroup == "skip":
            pos = m.end("skip")
            continue
        found, resume = read_mention(text, m, floor, lex, restate)
        if found is not None:
            out.append(found)
            floor = found.end
            resume = max(resume, found.end)
        pos = max(resume, i + 1)
    return out
