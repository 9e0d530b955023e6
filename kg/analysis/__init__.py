"""Analysis of the graph: stances, alignment, the network, balance, clusters, contradictions."""
