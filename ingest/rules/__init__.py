"""The rules that decide what is extracted, one module per concept.

Every module here is fingerprinted and compiled (ingest/native.py); word lists are in lexicon/."""

from ..native import use_compiled

# The rule modules compiled with mypyc, when `make setup` built them from this source.
COMPILED = use_compiled(__path__)
