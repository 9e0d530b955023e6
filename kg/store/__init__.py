"""Graph stores: the embedded Oxigraph store, a remote SPARQL endpoint, and the server."""
