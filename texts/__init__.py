"""Pure text analysers: what a downloaded file or a promulgated act says.

``texts.documents`` reads a bill's or a consultation's files (which document it is, the periods,
addresses and consultation numbers it states, what an impact assessment covers); ``texts.lawtext``
reads a law's text (its sections, which other laws its transitional and final provisions amend,
entry into force). They take text and return values: no database, no network, no rules engine.
The crawlers run them at download time, the linker reads their output and the criteria judge it.
"""
