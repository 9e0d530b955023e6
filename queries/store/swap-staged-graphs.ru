# Replace the graphs kg owns with the staged ones, in one update (one transaction on
# Oxigraph): a reader sees the old graphs or the new ones, never a mix. Graphs outside
# the graph namespace of kg are left alone.
DELETE { GRAPH ?graph { ?s ?p ?o } }
WHERE {
  GRAPH ?graph { ?s ?p ?o }
  FILTER (STRSTARTS(STR(?graph), "https://w3id.org/state-alignments/id/graph/"))
} ;
INSERT { GRAPH ?graph { ?s ?p ?o } }
WHERE {
  GRAPH ?staged { ?s ?p ?o }
  FILTER (STRSTARTS(STR(?staged), "https://w3id.org/state-alignments/id/staging/"))
  BIND (IRI(CONCAT("https://w3id.org/state-alignments/id/graph/",
                   STRAFTER(STR(?staged), "https://w3id.org/state-alignments/id/staging/"))) AS ?graph)
} ;
DELETE { GRAPH ?staged { ?s ?p ?o } }
WHERE {
  GRAPH ?staged { ?s ?p ?o }
  FILTER (STRSTARTS(STR(?staged), "https://w3id.org/state-alignments/id/staging/"))
}
