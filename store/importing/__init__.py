"""Bringing records in from the spreadsheets networks already keep.

`tabular` turns a CSV or XLSX file into numbered rows of text and knows
nothing about members; `members` maps those rows onto members, checks every
row, and writes them in one transaction through the ordinary member commands
(so every write lands in the change log, like any other edit).
"""
