"""The fabric part of the design graph: the plan of a generated fabric (plan, tiers),
its nodes and links in the design graph (nodes, build, links), the reduced view rules
query (view), max-flow bisection (bisection) and the network queries (network)."""
