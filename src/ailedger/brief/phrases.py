"""Brief: entries -> the words of one briefing language (names, amounts, kinds, quotes, and
sentences from templates of data/<lang>/brief.yaml with their particles fitted)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import datafiles
from ..facts.entities import table as entity_table
from ..ledger.aggregate import amount as money
from ..ledger.model import Claim, Entry
from .josa import resolve
from .model import Sentence
from .numbers import amount, amount_range, english_number, korean_number

LANGS = ("ko", "en")


@cache
def words(lang: str) -> dict[str, Any]:
    """data/<lang>/brief.yaml."""
    return datafiles.load(f"{lang}/brief.yaml")


@dataclass(frozen=True, slots=True)
class Style:
    """How a briefing in `lang` names actors and writes amounts."""

    lang: str = "ko"

    @property
    def words(self) -> dict[str, Any]:
        return words(self.lang)

    def name(self, entity_id: str | None, fallback: str | None = None) -> str:
        """An entity's name in the briefing's language (Korean: its Korean name when it has
        one), or the name inside an unresolved id."""
        if not entity_id:
            return fallback or "-"
        entity = entity_table().by_id.get(entity_id)
        if entity is None:
            return fallback or entity_id.split(":", 1)[-1]
        return (entity.ko or entity.name) if self.lang == "ko" else entity.name

    def who(self, entry: Entry) -> str:
        if entry.actor:
            fallback = entry.actor_ko if self.lang == "ko" else entry.actor_name
            return self.name(entry.actor, fallback or entry.actor_name)
        ids = entry.group or entry.parties
        joiner, nobody = str(self.words["joiner"]), str(self.words["nobody"])
        return joiner.join(self.name(i) for i in ids) or nobody

    def stated(self, entry: Entry) -> str:
        """The entry's own figure: 720억 달러, 600억~650억 달러; 72 billion dollars."""
        code = entry.unit or "KRW"
        if entry.value is not None:
            return amount(entry.value, code, lang=self.lang)
        assert entry.min is not None and entry.max is not None
        return amount_range(entry.min, entry.max, code, self.lang)

    def compute(self, entry: Entry) -> str:
        """A compute figure in the grammar's words: GPU 1만 장, 1.5기가와트; 10,000 GPUs."""
        assert entry.value is not None
        number = korean_number if self.lang == "ko" else english_number
        template = str(self.words["compute_units"].get(entry.unit or "", "{n} {unit}"))
        return template.format(n=number(entry.value), unit=entry.unit)

    def krw(self, entry: Entry) -> str:
        won = money(entry, "KRW")
        if won is None:
            return str(self.words["no_krw"])
        return amount(won[0], "KRW", rounded=True, lang=self.lang)

    def usd(self, entry: Entry) -> str:
        usd = money(entry, "USD")
        return amount(usd[0], "USD", rounded=True, lang=self.lang) if usd else "-"

    def with_krw(self, entry: Entry) -> str:
        """The figure with its KRW conversion in parentheses (KRW figures stand alone)."""
        if entry.unit == "KRW" or money(entry, "KRW") is None:
            return self.stated(entry)
        return f"{self.stated(entry)} ({self.krw(entry)})".replace(" (", "(", self.lang == "ko")

    def kind(self, entry: Entry) -> str:
        kinds: dict[str, str] = self.words["kinds"]
        return kinds.get(entry.kind or "other", kinds["other"])

    def quote(self, claim: Claim) -> str:
        """A source's words in quotes, when they are in the briefing's language; else its
        figure written in that language."""
        q = self.words["quotes"]
        if claim.doc.lang == self.lang or claim.type != "money" or claim.unit is None:
            return f"{q[0]}{claim.span}{q[1]}"
        if claim.value is not None:
            figure = amount(claim.value, claim.unit, lang=self.lang)
        elif claim.min is not None and claim.max is not None:
            figure = amount_range(claim.min, claim.max, claim.unit, self.lang)
        else:
            figure = claim.span
        return f"{q[0]}{figure}{q[1]}"

    def say(
        self,
        template: str,
        values: Mapping[str, object],
        cites: tuple[str, ...] = (),
        divides: tuple[str, str] | None = None,
    ) -> Sentence:
        """A sentence from a template, particles fitted to the words filled in (Korean);
        `divides` names the two entries a ratio in it divides."""
        text = template.format(**values)
        return Sentence(resolve(text) if self.lang == "ko" else text, cites, divides)

    def glossary(self, text: str) -> tuple[tuple[str, str], ...]:
        """The glossary terms the text uses, in the data file's order."""
        terms: dict[str, str] = self.words["glossary"]
        folded = text.casefold()
        return tuple((t, d) for t, d in terms.items() if t.casefold() in folded)
