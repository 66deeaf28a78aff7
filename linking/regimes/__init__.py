"""The two regimes a bill is linked under (model.regime):

council.py  the government's bills: their ПРИС decision, then their own consultation
mps.py      MPs' bills: a ministry's consulted draft tabled by MPs (INIT-03), judged
consultations.py  the consultation candidates both regimes start from
"""
