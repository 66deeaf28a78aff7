"""The rules engine: each legislative initiative checked against the principles of ЗНА чл. 26
and the criteria catalogue of research/criteria.md (criteria.catalogue), with thresholds from
criteria/thresholds.toml. Input: criteria.initiative (format initiative.v1); engine:
criteria.evaluate; scores, composite, flags and aggregates: criteria.summary; database:
criteria.assemble (input) and criteria.store (evaluations, findings, review flags)."""
