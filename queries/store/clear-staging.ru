# Forget what an interrupted load left in the staging graphs, before staging anew.
DELETE { GRAPH ?staged { ?s ?p ?o } }
WHERE {
  GRAPH ?staged { ?s ?p ?o }
  FILTER (STRSTARTS(STR(?staged), "https://w3id.org/state-alignments/id/staging/"))
}
