"""Linking each bill to its consultation on strategy.bg and its Council of Ministers
decision in ПРИС: the legislative initiative.

normalise.py   Bulgarian legal titles taken apart (kind, law name in the nominative, rest)
candidates.py  blocking with process.cdist over law names and date windows
score.py       features and weighted score
assignment.py  one-to-one assignment per component (scipy), each choice's margin over the next-best assignment
engine.py      the three stages in memory (ПРИС decisions, own consultations, INIT-03)
build.py       `link(session, rebuild=False) -> LinkReport`: initiatives and links in the database
decisions.py   staff confirm / reject
query.py       `show_initiative(session, ref) -> dict`, `list_initiatives(session, ...)`
settings.py    `LinkSettings`: every threshold and weight, named, with defaults
"""
