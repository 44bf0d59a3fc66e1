"""Score the extractor: against PolNeAR's gold attributions and against our hand annotation of the
seed article (tests/seed_annotation.json). Run with `python -m evaluation` or `make eval`."""
