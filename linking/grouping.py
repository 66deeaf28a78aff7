"""Merged bills into groups: one legislative initiative per group, named after its primary bill."""
from __future__ import annotations

from collections import defaultdict

from core.parliament import Initiator
from linking.load import BillRow


def merge_groups(bills: list[BillRow], relations: list[tuple[int, str, int]]) -> dict[int, int]:
    """bill id -> primary bill id of its group (merged bills: L_Act_new_id, union/trans lists).

    The primary is the bill the others were merged into: one that points to no other member,
    with most members pointing to it, then the lowest id."""
    known = {b.id for b in bills}
    parent = {b: b for b in known}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    into: dict[int, set[int]] = defaultdict(set)  # bill -> bills it was merged into
    for b in bills:
        if b.merged_into_id and b.merged_into_id in known and b.merged_into_id != b.id:
            into[b.id].add(b.merged_into_id)
    for bill_id, kind, other in relations:
        if bill_id not in known or other not in known or bill_id == other:
            continue
        if kind == "union":  # `other` was merged into `bill_id`
            into[other].add(bill_id)
        elif kind == "trans":  # `bill_id` was merged into `other`
            into[bill_id].add(other)
    for src, dsts in into.items():
        for dst in dsts:
            ra, rb = find(src), find(dst)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    for b in sorted(known):
        members[find(b)].append(b)
    primary: dict[int, int] = {}
    for group in members.values():
        if len(group) == 1:
            primary[group[0]] = group[0]
            continue
        gset = set(group)
        indegree = {b: sum(1 for s in group if b in into.get(s, ())) for b in group}
        roots = [b for b in group if not (into.get(b, set()) & gset)] or group
        root = min(roots, key=lambda b: (-indegree[b], b))
        for b in group:
            primary[b] = root
    return primary


def group_initiator(members: list[BillRow], primary: BillRow) -> str:
    """The initiative's initiator: the one its members' initiators agree on (committees and the
    unknown aside), "mixed" where they differ, else the primary bill's."""
    kinds = {m.initiator for m in members} - {Initiator.COMMITTEE, Initiator.UNKNOWN, None, ""}
    if not kinds:
        return primary.initiator or Initiator.UNKNOWN.value
    return kinds.pop() if len(kinds) == 1 else Initiator.MIXED.value
