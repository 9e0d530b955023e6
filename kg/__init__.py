"""The knowledge graph of state alignments.

Sourced statements and votes of states become an RDF graph; queries and the
alignment analysis answer where a state stands, with whom, and on what evidence.
"""

__version__ = "0.1.0"
