"""Inline citations: Pandoc-style keys in bodies, numbered footnotes, locators."""
