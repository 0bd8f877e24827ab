"""The run pipeline: discover the files (discover.py) -> load, validate, merge catalogs
and resolve references, build the design graph (load.py) -> rules -> figures -> triage:
suppressions, baseline, budgets (pipeline.py) -> a Report. Each design's outcome is a
typed DesignResult (result.py). rackcheck.api is the public face of it."""
