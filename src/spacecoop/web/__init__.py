"""The web face: an ASGI application (Starlette) over the knowledge graph, served by uvicorn.

It maps HTTP requests to the core's facade (:class:`spacecoop.kg.KnowledgeGraph`) and the
core's errors to HTTP statuses, as the command line maps them to exit codes. Nothing in the
core imports it.
"""
