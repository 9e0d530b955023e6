"""Building the graph: seed files → records → triples → rules → SHACL → a graph file."""
