"""Importers of files from outside: the bank's monthly repayment report."""
