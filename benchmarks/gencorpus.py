"""Benchmark corpus: writes N synthetic Korean/English AI-infrastructure articles (own templates).

Articles carry what real scraped pages carry (a byline with a date, captions, a copyright
footer, related-article lists, comment sections, a repeated body in some) and a share of near
duplicates, so the benchmark exercises every cleaning and dedup path without any third-party
text. Like real news (the seeds in ../shared/seeds), most sentences hold no fact: background,
analysis, quotes and outlook, some of them with the words the gate looks for (시장, 투자, GPU,
올해) but no amount. `FACT_SHARE` of body sentences are fact templates; `profile` measures a
corpus's gate rates so the benchmark prints them beside the seeds'.
"""

from __future__ import annotations

import argparse
import html
import random
import re
from pathlib import Path

FACT_SHARE = 0.2  # of body sentences; the seeds give ~6 facts per article of ~45 sentences
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

KO_FACTS = [
    "{a}는 {y}년 AI 데이터센터 구축에 {n}{u}를 투입한다고 {d}일 밝혔다.",
    "업계에 따르면 {a}의 올해 설비투자 규모는 약 {n}{u}로 지난해보다 {p}% 늘어난다.",
    "{a}는 {pl}에 {g}메가와트 규모의 데이터센터를 새로 짓고 GPU {k}만장을 배치할 계획이다.",
    "{a}와 {b}는 차세대 AI 반도체 공동 개발을 위한 업무협약(MOU)을 맺었다.",
    "시장조사업체 추산에 따르면 글로벌 AI 인프라 시장은 {y}년까지 {n}{u} 안팎으로 커질 전망이다.",
    "정부는 국가 AI 컴퓨팅센터에 {y}년까지 {n}{u}를 투자하고 민간 참여를 유도하기로 했다.",
    "{a}는 신규 모델을 {d}일 공개하며 기업용 클라우드 서비스에 우선 적용한다고 설명했다.",
    "증권가에서는 {a}의 AI 매출이 {p}% 이상 성장할 것으로 내다봤다.",
    "이번 투자는 최대 {n}{u} 규모로, 단일 프로젝트로는 역대 최대 수준이다.",
]
# background, analysis, quotes, outlook: what most of a news article is
KO_PROSE = [
    "{a}의 이번 결정은 생성형 AI 경쟁이 {t} 싸움으로 번지고 있음을 보여준다는 평가가 나온다.",
    "{w}에서는 {a}가 {t} 분야에서 주도권을 잡으려는 의도로 해석하고 있다.",
    "다만 {t}에 대한 우려도 적지 않아 실제 성과로 이어질지는 지켜봐야 한다는 지적이 많다.",
    '{a} 관계자는 "고객의 수요가 예상보다 빠르게 늘고 있어 {t}에 속도를 내고 있다"고 말했다.',
    "전문가들은 {t} 문제가 해결되지 않으면 서비스 확산이 늦어질 수 있다고 경고했다.",
    "특히 {t}은 국내 기업들에게도 새로운 기회가 될 수 있다는 분석이 제기된다.",
    "{a}는 그동안 {t}에 공을 들여 왔으며, 최근에는 인재 영입에도 적극적으로 나서고 있다.",
    "이 같은 흐름은 한동안 이어질 것으로 보이며, 경쟁사들의 대응에도 관심이 쏠린다.",
    "{w} 관계자는 {t}이 단기간에 해결되기는 어렵다며 정부 차원의 지원이 필요하다고 강조했다.",
    "한편 {a}는 지난 분기 실적 발표에서 클라우드 부문의 성장세를 강조한 바 있다.",
    "국내 업계도 {t}을 둘러싼 글로벌 경쟁에 대비해 전략을 다시 짜고 있는 것으로 알려졌다.",
    "{a}의 전략이 시장의 기대에 부합할지는 향후 몇 년간의 실적이 판가름할 것으로 보인다.",
    "일각에서는 AI 거품론을 제기하며 과도한 경쟁이 수익성을 떨어뜨릴 수 있다고 우려한다.",
    "이에 대해 {a} 측은 장기적인 관점에서 필요한 준비를 하고 있을 뿐이라고 선을 그었다.",
    "{w}에 따르면 {t} 관련 인력 수요는 꾸준히 늘고 있지만 공급은 크게 부족한 상황이다.",
    "{a}는 {pl} 지역 사회와의 협의를 거쳐 구체적인 일정을 확정할 방침이다.",
    "이번 발표 이후 {a}의 주가는 장중 한때 강세를 보이기도 했다.",
    '업계 관계자는 "결국 누가 먼저 안정적인 공급망을 확보하느냐가 관건"이라고 말했다.',
    "{t}은 당분간 업계의 가장 뜨거운 화두로 남을 것으로 전망된다.",
    "정부는 관련 규제를 정비하고 {t} 분야의 연구개발을 지원하겠다는 입장을 밝혔다.",
    "{a}와 경쟁 관계에 있는 기업들도 비슷한 계획을 검토하고 있는 것으로 전해졌다.",
    "올해 들어 {t}을 둘러싼 논의가 부쩍 늘었다는 것이 업계의 공통된 설명이다.",
    "이러한 변화는 소비자들이 체감하는 서비스 품질에도 영향을 미칠 것으로 예상된다.",
    "{w}은 보고서에서 {t}이 향후 산업 구조를 바꿀 핵심 변수라고 진단했다.",
    "{a}는 구체적인 투자 계획은 아직 정해지지 않았다며 말을 아꼈다.",
    "이번 협력은 양사가 각자의 강점을 살릴 수 있는 구조라는 점에서 의미가 있다.",
    "{a}는 연내 관련 서비스를 공개할 예정이지만 세부 내용은 밝히지 않았다.",
    "시장에서는 {a}의 다음 행보에 주목하고 있다.",
    "{a}는 {t} 분야 스타트업과의 제휴도 넓혀 갈 계획이라고 덧붙였다.",
]
KO_TOPICS = [
    "전력 확보",
    "인프라",
    "반도체 공급",
    "냉각 기술",
    "데이터센터 입지",
    "인재 확보",
    "규제 대응",
    "소버린 AI",
    "GPU 수급",
    "클라우드 전환",
    "에너지 효율",
    "보안",
]
KO_WHO = ["업계", "증권가", "시장조사업체", "한 연구소", "학계", "금융투자업계", "정책 당국"]
EN_FACTS = [
    "{a} said on {m} {d} that it would spend about ${n} billion on AI data centers in {y}.",
    "Analysts expect {a}'s capital expenditure to rise {p}% this year as it adds {k}0,000 GPUs.",
    "{a} and {b} signed a partnership to co-develop custom accelerators for cloud workloads.",
    "The new campus in Texas is planned at {g} megawatts, with room to grow to 1 gigawatt.",
    "{a} launched its latest model on {m} {d}, making it available to enterprise customers first.",
]
EN_PROSE = [
    "The move shows how the race in generative AI is turning into a contest over {t}.",
    "People familiar with the matter said {a} had been weighing the decision for months.",
    "Critics warn that {t} could slow the rollout if regulators do not act soon.",
    '"Demand from our customers keeps surprising us," a {a} spokesperson said.',
    "Shares of {a} rose in early trading after the announcement before giving up some gains.",
    "It is not yet clear how the plan will affect the company's margins over the long run.",
    "Rivals are expected to respond with plans of their own in the coming months.",
    "The company did not say when construction would begin or who would operate the site.",
    "Local officials welcomed the project but raised questions about {t}.",
    "Industry observers say the bottleneck has shifted from chips to {t}.",
    "{a} declined to comment on the details beyond its written statement.",
    "The debate over {t} has grown louder as more projects are announced.",
    "The partnership builds on years of work between the two companies on {t}.",
    "Investors have pushed for more detail on how the spending will pay off.",
]
EN_TOPICS = ["power supply", "cooling", "chip supply", "grid access", "talent", "regulation"]
FOOTERS_KO = [
    "<저작권자 ⓒ 가상경제신문, 무단전재 및 재배포 금지>",
    "Copyright ⓒ 테크브리프. 무단 전재 및 재배포 금지",
]
RELATED_KO = ["관련기사", "- {a}, AI 투자 속도 조절 나서나", "- {a}·{b} 협력 확대…클라우드 공략"]
MENU_KO = ["정치", "경제", "산업", "IT·과학", "국제", "오피니언"]
COMMENTS_KO = [
    "댓글 {c}",
    "김**",
    "전력이 문제네요",
    "좋아요 {c}",
    "이**",
    "투자 규모가 대단합니다",
]


def _fill(template: str, rng: random.Random, actors: list[str], topics: list[str]) -> str:
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
        t=rng.choice(topics),
        w=rng.choice(KO_WHO),
    )


def _sentence(rng: random.Random, english: bool) -> str:
    actors, topics = (ACTORS_EN, EN_TOPICS) if english else (ACTORS_KO, KO_TOPICS)
    facts, prose = (EN_FACTS, EN_PROSE) if english else (KO_FACTS, KO_PROSE)
    pool = facts if rng.random() < FACT_SHARE else prose
    return _fill(rng.choice(pool), rng, actors, topics)


def article(i: int, rng: random.Random) -> str:
    """One synthetic article of roughly 6-7 KB."""
    english = i % 6 == 5
    actors, facts = (ACTORS_EN, EN_FACTS) if english else (ACTORS_KO, KO_FACTS)
    title = _fill(rng.choice(facts), rng, actors, KO_TOPICS)[:60]
    date = f"{rng.randint(2023, 2025)}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}"
    paras = [
        " ".join(_sentence(rng, english) for _ in range(rng.randint(3, 5)))
        for _ in range(rng.randint(12, 16) if english else rng.randint(10, 13))
    ]
    if i % 10 == 3:
        paras = [*paras, *paras]  # a page that carries its article twice
    lines = [title, f"입력 {date} 10:{rng.randint(10, 59)}" if not english else f"Published {date}"]
    lines += [*paras, "(사진 = 가상통신 제공)", f"기자{i % 97} reporter{i % 97}@example.co.kr"]
    lines.append(rng.choice(FOOTERS_KO))
    if i % 3 == 0:
        lines += [_fill(r, rng, ACTORS_KO, KO_TOPICS) for r in RELATED_KO]
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


def html_page(text: str, i: int) -> str:
    """An article as a scraped news page: head with its date, a menu, the body as paragraphs, a
    related-article list, a comment section and a footer (what trafilatura must strip)."""
    title, byline, *paras = text.splitlines()
    esc = html.escape
    menu = "".join(f'<li><a href="/s{n}">{esc(w)}</a></li>' for n, w in enumerate(MENU_KO))
    body = "".join(f"<p>{esc(p)}</p>" for p in paras[:-1])
    comments = "".join(
        f'<li class="comment"><b>{esc(c)}</b> 좋아요 {n}</li>' for n, c in enumerate(COMMENTS_KO)
    )
    return (
        f'<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f'<meta property="article:published_time" content="{_iso(byline)}"></head><body>'
        f"<header><nav><ul>{menu}</ul></nav></header><main><article><h1>{esc(title)}</h1>"
        f'<div class="byline">{esc(byline)}</div>{body}</article>'
        f'<aside><h3>관련 기사</h3><ul><li><a href="/a{i + 1}">다음 기사</a></li></ul></aside>'
        f'<section class="comments"><h3>댓글</h3><ul>{comments}</ul></section></main>'
        f"<footer><p>{esc(paras[-1])}</p></footer></body></html>\n"
    )


def _iso(byline: str) -> str:
    date = re.search(r"(\d{4})\.(\d{2})\.(\d{2})", byline)
    return "-".join(date.groups()) if date else ""


def write_html_corpus(out: Path, n: int, seed: int = 7) -> list[Path]:
    """Write the first `n` articles of `write_corpus` as news pages (`html_page`)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = out / f"a{i:07d}.html"
        path.write_text(html_page(article(i, rng), i), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=1000)
    args = parser.parse_args()
    print(f"wrote {len(write_corpus(args.out, args.n))} articles to {args.out}")
