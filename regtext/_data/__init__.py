"""Data files regtext reads at run time (lexicons, dictionaries, report styles)."""
