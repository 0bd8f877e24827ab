"""pydantic models of the catalog and the design, and the loaders that locate errors."""
