"""Web: partnership facts -> the alliance graph (actors, edges, positions for drawing).

Positions come from a few hundred steps of a force-directed layout (Fruchterman-Reingold) that
starts from a circle ordered by degree, so the same facts always give the same picture.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Any

import numpy as np

from .items import entity
from .model import Actor, AllianceEdge, AllianceGraph, AllianceNode

MAX_NODES = 150
STEPS = 200
GRAVITY = 3.0  # pulls unconnected groups towards the middle instead of off the canvas


def layout(n: int, edges: Iterable[tuple[int, int, float]]) -> list[tuple[float, float]]:
    """Positions in [-1, 1]² for nodes 0..n-1 (heaviest-connected first) joined by `edges`."""
    if n == 0:
        return []
    angles = np.linspace(0.0, 2 * math.pi, n, endpoint=False)
    pos = (
        np.stack([np.cos(angles), np.sin(angles)], axis=1)
        * np.sqrt(np.arange(1, n + 1) / n)[:, None]
    )
    weight = np.zeros((n, n))
    for a, b, w in edges:
        weight[a, b] = weight[b, a] = w
    k = 1.0 / math.sqrt(n)
    temperature = 0.1
    for _ in range(STEPS):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        force = k * k / dist - weight * dist * dist / k
        np.fill_diagonal(force, 0.0)
        move = (delta / dist[:, :, None] * force[:, :, None]).sum(axis=1) - GRAVITY * pos
        length = np.maximum(np.linalg.norm(move, axis=1), 1e-9)
        pos += move / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= 0.98
    pos -= pos.mean(axis=0)
    scale = float(np.abs(pos).max()) or 1.0
    return [(round(float(x) / scale, 4), round(float(y) / scale, 4)) for x, y in pos]


def alliance_graph(facts: list[tuple[str, dict[str, Any]]]) -> AllianceGraph:
    """The graph of partnership facts (key, JSON payload), newest first: one edge per pair of
    parties, the most connected MAX_NODES actors kept."""
    actors: dict[str, Actor] = {}
    count: Counter[tuple[str, str]] = Counter()
    domains: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    latest: dict[tuple[str, str], str] = {}
    for key, payload in facts:
        parties = {a.id: a for a in map(entity, payload.get("parties") or ()) if a}
        actors.update(parties)
        for pair in combinations(sorted(parties), 2):
            count[pair] += 1
            domains[pair].add(str(payload.get("domain") or "general"))
            latest.setdefault(pair, key)
    degree: Counter[str] = Counter()
    for a, b in count:
        degree[a] += 1
        degree[b] += 1
    kept = sorted(degree, key=lambda i: (-degree[i], i))[:MAX_NODES]
    index = {actor_id: i for i, actor_id in enumerate(kept)}
    pairs = [p for p in sorted(count) if p[0] in index and p[1] in index]
    heaviest = max((count[p] for p in pairs), default=1)
    places = layout(len(kept), ((index[a], index[b], count[(a, b)] / heaviest) for a, b in pairs))
    nodes = tuple(
        AllianceNode(actors[i], degree[i], x, y) for i, (x, y) in zip(kept, places, strict=True)
    )
    edges = tuple(
        AllianceEdge(a, b, count[(a, b)], tuple(sorted(domains[(a, b)])), latest[(a, b)])
        for a, b in pairs
    )
    return AllianceGraph(nodes, edges, len(facts))
