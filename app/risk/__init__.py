"""Pure risk rules (rules §9): the rating ladder. (DPD buckets, rules §7: `app/dpd.py`.)"""
