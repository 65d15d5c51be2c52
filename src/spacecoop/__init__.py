"""spacecoop: the knowledge graph of France–Japan space cooperation.

The core (this package minus ``cli``) loads the ontology, data and shapes, reasons,
validates, queries and exports; the command line in ``cli`` only calls it.
"""

__version__ = "0.1.0"
