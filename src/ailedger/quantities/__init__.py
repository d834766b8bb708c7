"""Quantities: money amounts in article text -> exact values with USD and KRW equivalents."""
