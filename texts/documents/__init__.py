"""Analysis of document text: classification, the motives' structure (MOT-02),
consultation mentions (explicit links for the linker) and справка quality (CONS-06)."""
