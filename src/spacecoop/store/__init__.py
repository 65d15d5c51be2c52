"""Where the graph is kept and queried: an embedded Oxigraph store (on disk per project, or
in memory), or a SPARQL server. Named graphs hold the data, the ontology and the inferred
triples, under the IRIs that ``publish`` uses (:data:`formats.GRAPH_NAMES`)."""
