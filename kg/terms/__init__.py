"""Terms: the vocabulary of the ontology, the controlled values, dates and names as a user writes them."""
