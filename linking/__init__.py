"""Linking each bill to its consultation on strategy.bg and its Council of Ministers
decision in ПРИС: the legislative initiative.

The matching, in memory (no database):
model.py       what the matcher reads (BillIn, ConsultationIn, DecisionIn, Statement, Fixed) and returns
               (Proposal); the regime a bill is linked under (core.parliament.Initiator)
normalise.py   Bulgarian legal titles taken apart (kind, law name in the nominative, rest)
titles.py      the titles compared with a bill's: a consultation's, the portal's law name, a decision's
institutions.py  policy topics of ministries, importers and committees
candidates.py  blocking with process.cdist over law names and date windows
score.py       features and weighted score
assignment.py  one-to-one assignment per component (scipy), each choice's margin over the next-best assignment
prepared.py    one pass's records as arrays and indexes
stage.py       one stage's candidates, their evidence, the proposals made of the assignment's choices
regimes/       council.py (government bills ↔ ПРИС decisions and their consultations), mps.py (MP copies of
               ministries' drafts, INIT-03, judged), consultations.py (the candidates both start from)
engine.py      `propose(...)`: the stages in order
explain.py     the decisive evidence in words

In the database:
build.py       `link(session, rebuild=False) -> LinkReport`: load, group, propose, write
load.py        the records and the bills' documents' evidence read for a run
grouping.py    merged bills into groups, one initiative each
incremental.py which bills a run links again, and what it must respect
write.py       initiatives and links written where they differ
report.py      `LinkReport`: what a run did, in counts
decisions.py   staff confirm / reject
query.py       `show_initiative(session, ref) -> dict`, `list_initiatives(session, ...)`
records.py     minimal rows as the crawlers store them (tests, benchmark)
settings.py    `LinkSettings`: every threshold and weight, named, with defaults
"""
