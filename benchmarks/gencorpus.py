"""Benchmark corpus: writes N synthetic Korean/English AI-infrastructure articles (own templates).

Articles carry what real scraped pages carry (a byline with a date, captions, a copyright
footer, comment sections, a repeated body in some) and a share of near duplicates, so the
benchmark exercises every cleaning and dedup path without any third-party text.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ACTORS_KO = [
    "마이크로소프트",
    "구글",
    "메타",
    "아마존",
    "오라클",
    "엔비디아",
    "삼성전자",
    "SK하이닉스",
    "네이버",
    "카카오",
    "KT",
    "LG AI연구원",
    "오픈AI",
    "xAI",
    "소프트뱅크",
]
ACTORS_EN = [
    "Microsoft",
    "Alphabet",
    "Meta",
    "Amazon",
    "Oracle",
    "Nvidia",
    "Samsung",
    "SK hynix",
    "OpenAI",
    "xAI",
    "SoftBank",
    "CoreWeave",
]
PLACES_KO = ["미국 텍사스", "충남 천안", "전남 해남", "일본 도쿄", "인도 뭄바이", "아일랜드 더블린"]
UNITS_KO = ["억달러", "억 달러", "조 원", "조원", "억위안", "억유로", "조 엔"]

KO_SENTENCES = [
    "{a}는 {y}년 AI 데이터센터 구축에 {n}{u}를 투입한다고 {d}일 밝혔다.",
    "업계에 따르면 {a}의 올해 설비투자 규모는 약 {n}{u}로 지난해보다 {p}% 늘어난다.",
    "{a}는 {pl}에 {g}메가와트 규모의 데이터센터를 새로 짓고 GPU {k}만장을 배치할 계획이다.",
    "{a}와 {b}는 차세대 AI 반도체 공동 개발을 위한 업무협약(MOU)을 맺었다.",
    "시장조사업체 추산에 따르면 글로벌 AI 인프라 시장은 {y}년까지 {n}{u} 안팎으로 커질 전망이다.",
    '{a} 관계자는 "전력 확보가 가장 큰 과제"라며 기가와트급 전력 계약을 검토 중이라고 말했다.',
    "정부는 국가 AI 컴퓨팅센터에 {y}년까지 {n}{u}를 투자하고 민간 참여를 유도하기로 했다.",
    "{a}는 신규 모델을 {d}일 공개하며 기업용 클라우드 서비스에 우선 적용한다고 설명했다.",
    "증권가에서는 {a}의 AI 매출이 {p}% 이상 성장할 것으로 내다봤다.",
    "이번 투자는 최대 {n}{u} 규모로, 단일 프로젝트로는 역대 최대 수준이다.",
]
EN_SENTENCES = [
    "{a} said on {m} {d} that it would spend about ${n} billion on AI data centers in {y}.",
    "Analysts expect {a}'s capital expenditure to rise {p}% this year as it adds {k}0,000 GPUs.",
    "{a} and {b} signed a partnership to co-develop custom accelerators for cloud workloads.",
    "The new campus in Texas is planned at {g} megawatts, with room to grow to 1 gigawatt.",
    "{a} launched its latest model on {m} {d}, making it available to enterprise customers first.",
    "The company has committed tens of billions of dollars to the build-out over three years.",
]
FOOTERS_KO = [
    "<저작권자 ⓒ 가상경제신문, 무단전재 및 재배포 금지>",
    "Copyright ⓒ 테크브리프. 무단 전재 및 재배포 금지",
]
COMMENTS_KO = [
    "댓글 {c}",
    "김**",
    "전력이 문제네요",
    "좋아요 {c}",
    "이**",
    "투자 규모가 대단합니다",
]


def _fill(template: str, rng: random.Random, actors: list[str]) -> str:
    a, b = rng.sample(actors, 2)
    return template.format(
        a=a,
        b=b,
        y=rng.choice([2024, 2025, 2026, 2027]),
        d=rng.randint(1, 28),
        n=rng.choice([15, 80, 100, 250, 650, 800, 1000, 2500, 3800]),
        u=rng.choice(UNITS_KO),
        p=rng.randint(5, 60),
        k=rng.randint(1, 13),
        g=rng.choice([100, 300, 500]),
        pl=rng.choice(PLACES_KO),
        m=rng.choice(["Jan.", "March", "July", "Oct."]),
        c=rng.randint(0, 40),
    )


def article(i: int, rng: random.Random) -> str:
    """One synthetic article of roughly 6-7 KB."""
    english = i % 6 == 5
    actors, sentences = (ACTORS_EN, EN_SENTENCES) if english else (ACTORS_KO, KO_SENTENCES)
    title = _fill(rng.choice(sentences), rng, actors)[:60]
    date = f"{rng.randint(2023, 2025)}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}"
    paras = [
        " ".join(_fill(rng.choice(sentences), rng, actors) for _ in range(rng.randint(3, 5)))
        for _ in range(rng.randint(12, 16) if english else rng.randint(10, 13))
    ]
    if i % 10 == 3:
        paras = [*paras, *paras]  # a page that carries its article twice
    lines = [title, f"입력 {date} 10:{rng.randint(10, 59)}" if not english else f"Published {date}"]
    lines += [*paras, "(사진 = 가상통신 제공)", f"기자{i % 97} reporter{i % 97}@example.co.kr"]
    lines.append(rng.choice(FOOTERS_KO))
    if i % 4 == 0:
        lines += [c.format(c=rng.randint(0, 40)) for c in COMMENTS_KO]
    return "\n".join(lines) + "\n"


def write_corpus(out: Path, n: int, seed: int = 7) -> list[Path]:
    """Write `n` articles (every 20th a near duplicate of the one before) and return their paths."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths, previous = [], ""
    for i in range(n):
        text = article(i, rng)
        if i % 20 == 19 and previous:
            text = previous.replace("10:", "11:", 1) + "이 기사는 제휴 매체에도 실렸다.\n"
        path = out / f"a{i:07d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        previous = text
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=1000)
    args = parser.parse_args()
    print(f"wrote {len(write_corpus(args.out, args.n))} articles to {args.out}")
