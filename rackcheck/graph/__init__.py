"""The design as a networkx graph, and pure query functions over it."""
