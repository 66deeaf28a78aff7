"""One-to-one assignment of bills to targets, with the margin of each choice.

A consulted draft becomes at most one bill and a ПРИС decision approves one bill, so the
links of a stage form a matching: each bill at most one target, each target at most one
bill. Choosing each bill's best target on its own (best vs second) cannot see that a
bill's runner-up is plainly another bill's target, nor that a bill's best target fits a
later bill better; the matching does.

- Explicit references (rank > 1: a reg_num in the bill's documents, the ПРИС chain) are
  taken first, best first; they have no margin.
- The title matches left form a bipartite graph; in each connected component (in practice
  the bills and drafts of one law within the window) the matching of greatest total
  utility — each pair's score above the review floor — is found with scipy's
  `linear_sum_assignment`; a bill may stay unmatched (utility 0).
- The margin of a chosen pair is what the best matching *without* that pair loses: how
  much worse the next-best explanation of the component is. It is the cheapest way to
  re-cover the freed bill and target — an alternating cycle through other bills' pairs
  (a swap), or the bill and the target each taking another partner or none — which is a
  shortest-path question on the residual graph of the matching (negative arcs, no negative
  cycle since the matching is optimal): small components all at once by a vectorised
  Floyd–Warshall, large ones by Johnson's algorithm.

A choice is "proposed" when its score reaches `accept` and its margin `min_margin` (or
nobody competes for it), else "review"; the runner-up is the pair the best alternative
matching gives the bill (or, if it leaves the bill unlinked, the target; where leaving both
unlinked loses least, the best alternative that does not). So two drafts of
the same law and two bills resolve as a pair of links when one pairing fits clearly better,
and go to review when swapping them costs little.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from linking.settings import TargetSettings

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# A pair exactly at the review floor still beats leaving the bill unlinked.
FLOOR_EPSILON = 0.01
# Utilities are whole thousandths of a score point, so that sums are exact: the matching is
# optimal to the last digit and its residual graph has no (rounding) negative cycle.
SCALE = 1000.0
# Components up to this many nodes (bills, targets and END) are solved together by a
# vectorised Floyd–Warshall; larger ones one by one with Johnson's algorithm.
FW_MAX_NODES = 32


@dataclass
class Choice:
    pair: int  # index into the candidate arrays
    margin: float | None  # None: no other candidate pair shares the bill or the target
    runner_up: int | None  # the competing pair (index into the candidate arrays), if any
    status: str  # proposed | review


def assign(
    bills: np.ndarray,
    targets: np.ndarray,
    score: np.ndarray,
    rank: np.ndarray,
    target: TargetSettings,
    *,
    settled_bills: set[int] | frozenset[int] = frozenset(),
    taken_targets: set[int] | frozenset[int] = frozenset(),
) -> list[Choice]:
    """Choices for the candidate pairs (parallel arrays; bills/targets are indices).

    Pairs below `target.review`, of settled bills or of taken targets are never chosen.
    """
    ok = score >= target.review
    if settled_bills:
        ok &= ~np.isin(bills, np.fromiter(settled_bills, np.int64, len(settled_bills)))
    if taken_targets:
        ok &= ~np.isin(targets, np.fromiter(taken_targets, np.int64, len(taken_targets)))
    eligible = np.nonzero(ok)[0]
    choices: list[Choice] = []
    explicit = eligible[rank[eligible] > 1]
    done_bills: set[int] = set()
    done_targets: set[int] = set()
    if len(explicit):
        order = explicit[np.lexsort((targets[explicit], bills[explicit], -score[explicit], -rank[explicit]))]
        for k in order.tolist():
            b, t = int(bills[k]), int(targets[k])
            if b in done_bills or t in done_targets:
                continue
            done_bills.add(b)
            done_targets.add(t)
            choices.append(Choice(k, None, None, "proposed"))
    fuzzy = eligible[rank[eligible] <= 1]
    if done_bills and len(fuzzy):
        fuzzy = fuzzy[~np.isin(bills[fuzzy], list(done_bills)) & ~np.isin(targets[fuzzy], list(done_targets))]
    if len(fuzzy):
        choices.extend(_match(bills, targets, score, _best_per_pair(bills, targets, score, fuzzy), target))
    return choices


def _best_per_pair(bills: np.ndarray, targets: np.ndarray, score: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """One candidate per (bill, target): the best scoring, lowest index on ties."""
    order = idx[np.lexsort((idx, -score[idx], targets[idx], bills[idx]))]
    keys = np.stack([bills[order], targets[order]])
    first = np.ones(len(order), dtype=bool)
    first[1:] = (keys[:, 1:] != keys[:, :-1]).any(axis=0)
    return np.sort(order[first])


def _match(bills: np.ndarray, targets: np.ndarray, score: np.ndarray, idx: np.ndarray,
           target: TargetSettings) -> list[Choice]:
    from scipy.sparse import coo_matrix  # scipy loads only when a matching runs (about 0.5 s a process)
    from scipy.sparse.csgraph import connected_components

    ub, bi = np.unique(bills[idx], return_inverse=True)
    ut, ti = np.unique(targets[idx], return_inverse=True)
    nb = len(ub)
    n = nb + len(ut)
    graph = coo_matrix((np.ones(len(idx), np.int8), (bi, nb + ti)), shape=(n, n))
    ncomp, label = connected_components(graph, directed=False)
    comp = label[bi]  # per edge
    # Local node numbers within each component: bills 0..nb_c-1, targets nb_c.., END last.
    bloc, nbc = _local(label[:nb], ncomp)
    tloc, ntc = _local(label[nb:], ncomp)
    e = _Edges(comp, bloc[bi], nbc[comp] + tloc[ti], np.round((score[idx] - target.review + FLOOR_EPSILON) * SCALE),
               nbc, ntc)
    e.matched = _matching(e, nbc, ntc)
    size = nbc + ntc + 1
    loss = np.full(len(idx), np.nan)
    rival = np.full(len(idx), -1, np.int64)
    single = np.bincount(comp, minlength=ncomp) == 1
    small = ~single & (size <= FW_MAX_NODES)
    for lo, hi in ((1, 8), (8, 16), (16, FW_MAX_NODES)):
        _small_margins(e, np.nonzero(small & (size > lo) & (size <= hi))[0], hi, loss, rival)
    for c in np.nonzero(~single & ~small)[0]:
        _large_margins(e, int(c), int(size[c]), loss, rival)
    choices: list[Choice] = []
    for k in np.nonzero(e.matched)[0].tolist():
        pair = int(idx[k])
        r = int(rival[k])
        margin = None if r < 0 else float(loss[k]) / SCALE
        choices.append(Choice(pair, margin, None if r < 0 else int(idx[r]), _status(float(score[pair]), margin, target)))
    return choices


@dataclass
class _Edges:
    """The candidate pairs of `_match`, with component and local node numbers."""

    comp: np.ndarray
    bill: np.ndarray  # local node of the bill
    tgt: np.ndarray  # local node of the target
    util: np.ndarray  # whole thousandths above the review floor
    nbc: np.ndarray  # bills per component
    ntc: np.ndarray  # targets per component
    matched: np.ndarray = field(default_factory=lambda: np.empty(0, bool))


def _local(label: np.ndarray, ncomp: int) -> tuple[np.ndarray, np.ndarray]:
    """Rank of each node within its component (by node order), and the component sizes."""
    order = np.argsort(label, kind="stable")
    counts = np.bincount(label, minlength=ncomp)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    local = np.empty(len(label), np.int64)
    local[order] = np.arange(len(label)) - np.repeat(starts, counts)
    return local, counts


def _matching(e: _Edges, nbc: np.ndarray, ntc: np.ndarray) -> np.ndarray:
    """The matching of greatest utility in each component (linear_sum_assignment; a bill
    may take its own dummy column, i.e. stay unlinked)."""
    from scipy.optimize import linear_sum_assignment

    matched = np.zeros(len(e.comp), dtype=bool)
    for edges in _components(e.comp):
        c = int(e.comp[edges[0]])
        if len(edges) == 1:
            matched[edges] = True
            continue
        nb, nt = int(nbc[c]), int(ntc[c])
        b, t = e.bill[edges], e.tgt[edges] - nb
        m = np.full((nb, nt + nb), -np.inf)
        m[b, t] = e.util[edges]
        m[np.arange(nb), nt + np.arange(nb)] = 0.0
        rows, cols = linear_sum_assignment(m, maximize=True)
        partner = np.full(nb, -1, np.int64)
        partner[rows] = np.where(cols < nt, cols, -1)
        matched[edges] = partner[b] == t
    return matched


def _components(label: np.ndarray) -> Iterator[np.ndarray]:
    """Edge positions grouped by component, in a stable order."""
    order = np.argsort(label, kind="stable")
    bounds = np.nonzero(np.diff(label[order]))[0] + 1
    yield from np.split(order, bounds)


# The residual graphs of a matching. Nodes: a component's bills, its targets, END (last).
# G1 walks the chain of a freed bill: bill -(-u)-> another target -(+u)-> that target's bill
# -> ..., ending at END by leaving a bill unlinked or by reaching a free target. G2 walks the
# chain of a freed target the other way round, ending by leaving a target unlinked or by
# reaching a free bill. A bill's chain that reaches its own target is a swap (a cycle).
def _arcs(e: _Edges, sel: np.ndarray, end: np.ndarray, nodes_b: tuple[np.ndarray, np.ndarray],
          nodes_t: tuple[np.ndarray, np.ndarray], free_b: np.ndarray, free_t: np.ndarray
          ) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """(group, src, dst, weight) arcs of G1 and G2 for the edges `sel`. `nodes_b`/`nodes_t`
    are (group, local node) of every bill/target, `free_*` their masks, `end` END per group."""
    m, un = e.matched[sel], ~e.matched[sel]
    g, b, t, u = e.comp[sel], e.bill[sel], e.tgt[sel], e.util[sel]
    gb, nb_ = nodes_b
    gt, nt_ = nodes_t
    g1 = (np.concatenate([g[un], g[m], gb, gt[free_t]]),
          np.concatenate([b[un], t[m], nb_, nt_[free_t]]),
          np.concatenate([t[un], b[m], end[gb], end[gt[free_t]]]),
          np.concatenate([-u[un], u[m], np.zeros(len(gb)), np.zeros(int(free_t.sum()))]))
    g2 = (np.concatenate([g[un], g[m], gt, gb[free_b]]),
          np.concatenate([t[un], b[m], nt_, nb_[free_b]]),
          np.concatenate([b[un], t[m], end[gt], end[gb[free_b]]]),
          np.concatenate([-u[un], u[m], np.zeros(len(gt)), np.zeros(int(free_b.sum()))]))
    return g1, g2


def _nodes(e: _Edges, comps: np.ndarray) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray], np.ndarray, np.ndarray]:
    """(component, local node) of every bill and every target of `comps`, and which of them
    the matching leaves free."""
    nb, nt = e.nbc[comps], e.ntc[comps]
    gb = np.repeat(comps, nb)
    lb = np.arange(int(nb.sum())) - np.repeat(np.cumsum(nb) - nb, nb)
    gt = np.repeat(comps, nt)
    lt = np.arange(int(nt.sum())) - np.repeat(np.cumsum(nt) - nt, nt) + np.repeat(nb, nt)
    first_b = np.zeros(int(e.comp.max()) + 1, np.int64)
    first_b[comps] = np.cumsum(nb) - nb
    first_t = np.zeros(len(first_b), np.int64)
    first_t[comps] = np.cumsum(nt) - nt - nb
    m = np.nonzero(e.matched & np.isin(e.comp, comps))[0]
    free_b = np.ones(len(gb), dtype=bool)
    free_b[first_b[e.comp[m]] + e.bill[m]] = False
    free_t = np.ones(len(gt), dtype=bool)
    free_t[first_t[e.comp[m]] + e.tgt[m]] = False
    return (gb, lb), (gt, lt), free_b, free_t


def _small_margins(e: _Edges, comps: np.ndarray, size: int, loss: np.ndarray, rival: np.ndarray) -> None:
    """Margins of the components `comps` (at most `size` nodes each, END included), all at
    once: Floyd–Warshall over a stack of dense matrices."""
    if not len(comps):
        return
    slot = np.full(int(e.comp.max()) + 1, -1, np.int64)
    slot[comps] = np.arange(len(comps))
    sel = np.nonzero(slot[e.comp] >= 0)[0]
    end = np.full(len(slot), size - 1, np.int64)
    nodes_b, nodes_t, free_b, free_t = _nodes(e, comps)
    g1, g2 = _arcs(e, sel, end, nodes_b, nodes_t, free_b, free_t)
    w1, w2 = (_dense(slot, arcs, len(comps), size) for arcs in (g1, g2))
    d1, d2 = _floyd_warshall(w1.copy()), _floyd_warshall(w2.copy())
    k = sel[e.matched[sel]]
    s, b, t = slot[e.comp[k]], e.bill[k], e.tgt[k]
    at = np.full((len(comps), size, size), -1, np.int64)
    at[slot[e.comp[sel]], e.bill[sel], e.tgt[sel]] = sel
    _decide(k, e, w1[s, b], d1[s, :, t], d1[s, :, size - 1], w2[s, t], d2[s, :, size - 1], size - 1, loss, rival,
            lambda i, node: int(at[s[i], node[0], node[1]]))


def _large_margins(e: _Edges, c: int, size: int, loss: np.ndarray, rival: np.ndarray) -> None:
    """Margins of one large component: shortest paths to END and to each matched target by
    Johnson's algorithm on the reversed residual graphs (negative arcs, no negative cycle)."""
    from scipy.sparse.csgraph import johnson

    sel = np.nonzero(e.comp == c)[0]
    end_node = size - 1
    end = np.full(c + 1, end_node, np.int64)
    nodes_b, nodes_t, free_b, free_t = _nodes(e, np.array([c]))
    g1, g2 = _arcs(e, sel, end, nodes_b, nodes_t, free_b, free_t)
    k = sel[e.matched[sel]]
    b, t = e.bill[k], e.tgt[k]
    # Reversed graphs: a distance from X in the reversed graph is a distance to X in the graph.
    r1 = johnson(_csr(g1[2], g1[1], g1[3], size), indices=np.concatenate(([end_node], t)))
    r2 = johnson(_csr(g2[2], g2[1], g2[3], size), indices=[end_node])
    w1 = _dense(np.zeros(c + 1, np.int64), g1, 1, size)[0]
    at = np.full((size, size), -1, np.int64)
    at[e.bill[sel], e.tgt[sel]] = sel
    w2 = _dense(np.zeros(c + 1, np.int64), g2, 1, size)[0]
    _decide(k, e, w1[b], r1[1:], np.broadcast_to(r1[0], (len(k), size)), w2[t],
            np.broadcast_to(r2[0], (len(k), size)), end_node, loss, rival,
            lambda i, node: int(at[node]))


def _dense(slot: np.ndarray, arcs: tuple[np.ndarray, ...], n: int, size: int) -> np.ndarray:
    g, src, dst, w = arcs
    m = np.full((n, size, size), np.inf)
    idx = np.arange(size)
    m[:, idx, idx] = 0.0
    m[slot[g], src, dst] = w
    return m


def _csr(src: np.ndarray, dst: np.ndarray, w: np.ndarray, size: int) -> csr_matrix:
    from scipy.sparse import csr_matrix

    # Explicit zero weights stay arcs in a csr_matrix built from (data, (row, col)).
    return csr_matrix((w, (src, dst)), shape=(size, size))


def _floyd_warshall(d: np.ndarray) -> np.ndarray:
    """All-pairs shortest paths of a stack of dense matrices, in place (no negative cycles)."""
    for k in range(d.shape[1] - 1):  # END has no out-arc: never an intermediate node
        np.minimum(d, d[:, :, k:k + 1] + d[:, k:k + 1, :], out=d)
    return d


def _decide(k: np.ndarray, e: _Edges, w1b: np.ndarray, to_t: np.ndarray, to_end1: np.ndarray,
            w2t: np.ndarray, to_end2: np.ndarray, end: int, loss: np.ndarray, rival: np.ndarray,
            edge_at: Callable[[int, tuple[int, int]], int]) -> None:
    """Loss and runner-up of matched edges `k`, from the arcs out of each edge's bill in G1
    (`w1b`) and out of its target in G2 (`w2t`) and the distances from every node to the
    edge's target (`to_t`) and to END in G1 and G2."""
    cycle_all = w1b + to_t  # no arc and no path are +inf, so the sums are never NaN
    bill_all = w1b + to_end1
    tgt_all = w2t + to_end2
    rows = np.arange(len(k))
    own_b, own_t = e.bill[k], e.tgt[k]
    cycle_all[:, end] = np.inf
    cycle_all[rows, own_b] = np.inf  # the zero diagonal of the dense matrices is no arc
    direct_b, direct_t = bill_all[:, end].copy(), tgt_all[:, end].copy()
    bill_all[:, end] = np.inf
    bill_all[rows, own_b] = np.inf
    tgt_all[:, end] = np.inf
    tgt_all[rows, own_t] = np.inf
    hop_c, hop_b, hop_t = cycle_all.argmin(1), bill_all.argmin(1), tgt_all.argmin(1)
    cycle, real_b, real_t = cycle_all[rows, hop_c], bill_all[rows, hop_b], tgt_all[rows, hop_t]
    chain = np.minimum(real_b, direct_b) + np.minimum(real_t, direct_t)
    loss[k] = np.maximum(e.util[k] + np.minimum(cycle, chain), 0.0)
    # The runner-up: the first pair of the best alternative that gives the bill (else the
    # target) another partner — even where leaving both unlinked would lose less.
    via_b = real_b + np.minimum(real_t, direct_t)
    via_t = direct_b + real_t
    for i in range(len(k)):
        b, t = int(e.bill[k[i]]), int(e.tgt[k[i]])
        best = min(cycle[i], via_b[i], via_t[i])
        if best == np.inf:
            continue
        if cycle[i] == best and cycle[i] < chain[i]:
            rival[k[i]] = edge_at(i, (b, int(hop_c[i])))
        elif via_b[i] == best:
            rival[k[i]] = edge_at(i, (b, int(hop_b[i])))
        elif via_t[i] == best:
            rival[k[i]] = edge_at(i, (int(hop_t[i]), t))
        else:
            rival[k[i]] = edge_at(i, (b, int(hop_c[i])))


def _status(score: float, margin: float | None, target: TargetSettings) -> str:
    ok = score >= target.accept and (margin is None or margin >= target.min_margin)
    return "proposed" if ok else "review"
