"""Drafting annotation files from articles: candidate claims for a curator to review (``kg draft``)."""
